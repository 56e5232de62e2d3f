"""Primary sources: quotations in article text, their speakers, grouped across outlets.

Quotes are found in straight (``"``) and curly (``“ ”``) double quotes, across sentences,
and across paragraphs by the newspaper convention (an unclosed quote at the end of a
paragraph continues in the next one). The speaker comes from the attribution around
the quote (`attribution` lists the patterns, tried in order; the regex vocabulary is in
`quote_patterns`); photo captions ("… REUTERS/Name") are blanked before any of this.

Sentences with no quote but ``according to X`` become reported statements of *X*.
`resolve_speakers` then turns offices into the one holder named before the quote ("the
state senator" → "Clyde Chambliss"), surnames into the full name the text gives, and
descriptions ending in a name into the name ("the historian Ira Katznelson").
Speakers are grouped by name: titles are dropped ("President Joe Biden" → "Joe Biden")
and a surname alone ("Coale", "Mr. Coale") joins the one full name that ends with it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.analysis.attribution import (
    _antecedent,
    _attribution,
    _body_name,
    _candidates,
    _embedded_subject,
    _is_title,
    _new_subject,
    _relative_speaker,
    _said_by,
    _shared_attribution,
)
from newsprism.analysis.descriptions import (
    _another_holder,
    _describes_person,
    _document_owner,
    _introduced_unnamed,
    _is_office,
    _named_body,
    _office_holder,
    _offices_before,
    _subject_before,
)
from newsprism.analysis.quote_patterns import (
    _ACCORDING,
    _AFTER,
    _BEFORE,
    _CAPTION,
    _DESCRIBED_SURNAME,
    _DOCUMENT_BY,
    _FURNITURE,
    _LATE_AFTER,
    _LEADING_NOISE,
    _MIN_WORDS_ATTRIBUTED,
    _MIN_WORDS_UNATTRIBUTED,
    _MONTH_SURNAMES,
    _NAME_RE,
    _NAME_SUBJECT,
    _OPENING_SUBJECT,
    _ORG_WORDS,
    _PRONOUN_SAID,
    _SUBJECT_PRONOUN,
    _TITLES,
    _TRAILING_NAME,
    _UNREAD_ATTRIBUTION,
    _VERBED_AFTER,
    _VERBED_BEFORE,
)
from newsprism.analysis.speakers import (
    _by_surname,
    _clean_who,
    _display_name,
    _full_name_mentions,
    _is_pronoun,
    _namesake_nearby,
    _People,
    _person_tail,
    is_common_word,
    is_speaker_name,
    person_core,
    speaker_key,
)
from newsprism.nlp.sentences import split_sentences
from newsprism.nlp.text import HOVER_CARD, STOP_WORDS

__all__ = [
    "Quote",
    "extract_quotes",
    "group_quotes",
    "is_quotation",
    "is_speaker_name",
    "resolve_speakers",
    "speaker_key",
    "surname_aliases",
]


@dataclass
class Quote:
    """One quotation in one text: its words, where it is, and who said it (if known)."""

    text: str
    start: int
    end: int
    speaker: str | None
    kind: str = "direct"  # or "reported" (an "according to X" sentence without quotes)


def is_quotation(quote: Mapping[str, Any]) -> bool:
    """Whether a stored quote (a ``sources`` entry's quote) may be shown in quotation marks.

    An "according to X" sentence (kind "reported") is the writer's words, not X's: shown
    as a quotation it would put them in X's mouth.
    """
    return quote.get("kind") != "reported"


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each quotation's text; an unclosed quote ends with its paragraph."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n" and open_at is not None:
            spans.append((open_at, i))
            open_at = None
        elif (
            ch == "“"
            and open_at is not None
            and i > open_at
            and not text[i - 1].isspace()
            and text[i + 1 : i + 2] in {" ", "\n", ""}
        ):
            # an opening mark typed as the closing one: "“…on the cars,“ the president said"
            spans.append((open_at, i))
            open_at = None
        elif ch == "“" and open_at is not None and text[open_at - 1] == "“":
            continue  # a stray second opening (“A. “B.”): one quotation, not two
        elif ch == "“" or (ch == '"' and open_at is None):
            open_at = i + 1
        elif (ch == "”" or ch == '"') and open_at is not None:
            spans.append((open_at, i))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(text)))
    # merge paragraph continuations: an unclosed quote followed by a paragraph opening with a quote
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged:
            prev_start, prev_end = merged[-1]
            gap = text[prev_end:start]
            if prev_end < len(text) and text[prev_end] == "\n" and gap.strip() in {"“", '"'}:
                merged[-1] = (prev_start, end)
                continue
        merged.append((start, end))
    return merged


def clean_page_text(text: str) -> str:
    """*text* with page furniture blanked out, offsets kept (same length).

    The Hill's hover cards sit between a name and its verb ("Stephanie Grisham
    Stephanie GrishamHill.TV's … MORE said"); they become spaces, and so do newsletter
    sign-up lines, whose capitalised words are no speakers. Links stay: they keep an
    embedded tweet's "— Author" from reading as the speaker of the quote inside it.
    """

    def blank(match: re.Match[str]) -> str:
        start = match.start() + len(match.group("surname"))
        kept = match.group()[: start - match.start()]
        return kept + re.sub(r"[^\n]", " ", match.group()[len(kept) :])

    text = HOVER_CARD.sub(blank, text)
    text = _CAPTION.sub(lambda m: " " * len(m.group()), text)
    return _FURNITURE.sub(lambda m: " " * len(m.group()), text)


def extract_quotes(text: str) -> list[Quote]:
    """Find the quotations of *text* with speakers where attributed, in order of appearance."""
    text = clean_page_text(text)
    sentences = split_sentences(text)
    people = _People(text)

    starts = [start for start, _end in sentences]

    def sentence_of(pos: int) -> tuple[int, int]:
        i = bisect_right(starts, pos) - 1
        if i >= 0 and sentences[i][0] <= pos <= sentences[i][1]:
            return sentences[i]
        return pos, pos

    quotes: list[Quote] = []
    last_attr_end = -1
    last_speaker: str | None = None
    last_speaker_at = -1  # where the last quote with a speaker starts
    last_pronoun = ""
    prev_end = 0
    spans = _quote_spans(text)
    span_starts = [a for a, _b in spans]

    def quoted(pos: int) -> bool:
        """Tell whether the sentence at *pos* lies inside one quotation."""
        i = bisect_right(span_starts, pos) - 1
        _, sentence_end = sentence_of(pos)
        return i >= 0 and spans[i][0] <= pos and sentence_end <= spans[i][1] + 1

    for n, (q_start, q_end) in enumerate(spans):
        inner = " ".join(text[q_start:q_end].split()).strip(" ,")
        inner = inner.replace(" “", " ").replace("“", "")
        words = len(inner.split())
        s_start, _ = sentence_of(q_start - 1)
        index = bisect_right(starts, s_start) - 1
        # the attribution may sit in the next "sentence" when the quote ends in "!" or "?",
        # never in the next paragraph: "… in uniform.” ¶ U.S. Defense Secretary Mark Esper
        # said …" is a new speaker's (texts whose paragraphs are one newline apart, as the
        # page extractor stores them, put that paragraph two characters on)
        look = min(len(text), q_end + 2)
        newline = text.find("\n", q_end, look + 1)
        _, e_end = sentence_of(look) if newline < 0 else (look, newline)
        para_start = text.rfind("\n", 0, q_start) + 1
        pre_from = max(s_start, prev_end + 1 if prev_end else 0, para_start)
        pre = text[pre_from : max(pre_from, q_start - 1)]
        after_close = q_end + 1 if q_end < len(text) and text[q_end] in '"”“' else q_end
        post = text[after_close : max(after_close, e_end)]
        if after_close == q_end:
            post = ""  # unclosed: the quote goes on in the next paragraph, not its speaker
        head = text[max(s_start, para_start) : max(s_start, q_start - 1)]
        relative = _relative_speaker(head)
        if relative is not None and text[q_end - 1 : q_end] in {".", "!", "?"}:
            # "… Roger Stone, who told a host that “….” He added …": the quote ends its
            # sentence, so the next one's "He added" is no attribution of it
            post = ""
        who = _attribution(post, _AFTER) or _attribution(_without_asides(pre), _BEFORE)
        if (
            who is None
            and n + 1 < len(spans)
            and after_close > q_end
            and not (
                # a whole sentence right after a quote of this paragraph's last speaker
                # goes on with that speaker: "“…!” said Rep. Ron Kind, referring to ….
                # “People should cool their jets ….” “Inappropriate,” added Rep. Jim Costa"
                text[q_end - 1 : q_end] in {".", "!", "?"}
                and last_speaker
                and para_start <= last_attr_end < q_start
                and not pre.strip()
            )
        ):
            who = _shared_attribution(text, after_close, spans[n + 1], sentence_of)
        explicit = who is not None
        if who is None and (text[q_end - 1 : q_end] == "," or post.lstrip().startswith(",")):
            who = _attribution(post, [_VERBED_AFTER])  # "“…,” Kasky boomed from the podium"
        if who is None:
            who = _attribution(pre, [_VERBED_BEFORE])  # "…, he pontificated, “…”"
        if who is None:
            who = relative
        if who is None:
            who = _embedded_subject(
                text[max(s_start, para_start) : max(s_start, q_start - 1)], people
            )
        if who is None:
            # "… stemmed, according to the Times’s Amanda Taub, from “…,” and as a result
            # the tale “…”": the sentence's source speaks its later quotes too
            according = _ACCORDING.search(
                _unquoted(text[max(s_start, para_start) : max(s_start, q_start - 1)])
            )
            who = according.group("who") if according is not None else None
        if who is None and text[q_end - 1 : q_end] not in {".", "!", "?"}:
            who = _attribution(post, _LATE_AFTER)  # "“…” the DOJ had given, Hazel said"
        if who is None and not text[para_start : max(para_start, q_start - 1)].strip():
            who = _colon_lead(text, para_start, people) or _tweet_author(text, q_start)
        speaker: str | None = None
        if who is not None and _is_pronoun(who):
            pronoun = who.lower()
            previous = sentences[: bisect_right(starts, s_start - 1)]
            before = text[previous[-1][0] : previous[-1][1]] if previous else ""
            recent = bool(previous) and last_attr_end >= previous[-min(2, len(previous))][0]
            said: list[str] = []
            for sent_start, sent_end in reversed(previous[-3:]):
                if last_attr_end >= sent_start:
                    break
                # a new subject since the last attribution: "Xinhua said in a commentary …",
                # "Krishnamoorthi concurred."; a sentence whose subject is the same pronoun
                # ("But he acknowledged …") is that subject's, so look one further back
                sentence = text[sent_start:sent_end]
                same = _SUBJECT_PRONOUN.match(sentence)
                if same is not None and same.group("p").lower() == pronoun:
                    continue
                said = _new_subject(sentence, people)
                break
            fresh = [n for n in said if people.compatible(n, pronoun)]
            # names inside an earlier quotation of the sentence are no antecedents: "“…
            # quote Rand Paul, but Rand Paul said something,” he added, “…”" is not Paul's
            own_subject = _own_subject(
                _unquoted(text[max(s_start, para_start) : max(s_start, q_start - 1)]),
                pronoun,
                people,
            )
            if own_subject is not None:
                # "Sen. Bernie Sanders … didn't …, but he said he would “…”": the sentence's
                # own subject, not the previous quote's speaker
                speaker = own_subject
            elif fresh:
                speaker = fresh[0]  # "Xinhua said in a commentary …. “…,” it said."
            elif (
                last_speaker
                and (recent or _PRONOUN_SAID.search(before))
                and (last_pronoun == pronoun or people.compatible(last_speaker, pronoun))
            ):
                # the previous sentence was that speaker's (possibly "…, he said." reported)
                speaker = last_speaker
            else:
                own = _unquoted(text[s_start : max(s_start, q_start - 1)])
                speaker = _antecedent(text, sentences, index, own, pronoun, people, quoted)
                if speaker is None and index <= 0:
                    # the text opens with "She added:": the first fitting name after it
                    later = text[q_end : q_end + 1500]
                    speaker = people.best(_candidates(later), pronoun)
            last_pronoun = pronoun
        elif who is not None:
            who = _body_name(who, text[max(s_start, para_start) : max(e_end, after_close)])
            speaker = _clean_who(who) or (who if who in _MONTH_SURNAMES else None)
            last_pronoun = ""
        elif last_speaker and s_start <= last_speaker_at and pre.rstrip().endswith(":"):
            # "The editorial argues that the president “…” …: “…”": a colon in the
            # sentence of the previous quote introduces more of the same speaker's words
            speaker = last_speaker
        elif (
            not pre.strip()
            and (
                reporter := _reporting_subject(
                    text, sentences[:index], last_attr_end, people, question="?" in inner
                )
            )
            is not None
        ):
            # "Schumer said he also expected a deal soon. ¶ “I’m very pleased …”": the
            # person whose words the text reported last speaks the unattributed quote
            speaker = reporter
        elif (
            last_speaker
            and 0 <= q_start - last_attr_end <= 300
            and not any(
                # "But “…”" goes on; "The card reads “…”" is a new clause
                (_clean_who(m.group()) or "").lower() not in _LEADING_NOISE or len(pre.split()) > 2
                for m in _NAME_RE.finditer(pre)
            )
            and not (
                (text[q_end - 1 : q_end] in {",", "—", "-"} or post.lstrip().startswith(","))
                and _UNREAD_ATTRIBUTION.match(post)
            )
        ):
            speaker = last_speaker  # continuation: "A," Coale said. "B."
        elif (
            last_speaker
            and prev_end < q_start < last_attr_end
            and re.search(r"\b(?:and|[a-z]{3,}ing)\b[^\"“”]{0,40}$", pre)
        ):
            # the previous quote's attribution goes on: "“A,” wrote Mark Seltzer, an EPA
            # attorney, adding the approach “B”", "“A,” Trump said, joking that “B”"
            speaker = last_speaker
        prev_end = after_close
        if not explicit and _is_title(inner):
            # "… told ABC's “Meet the Press”", "is called “Parental Leave: Is There a Case
            # for Government Action?”"; a title-case tweet with its "he added" keeps its speaker
            speaker = None
        minimum = _MIN_WORDS_ATTRIBUTED if speaker else _MIN_WORDS_UNATTRIBUTED
        if words < minimum:
            continue
        if speaker:
            last_speaker, last_attr_end = speaker, max(after_close, e_end)
            last_speaker_at = q_start
        quotes.append(Quote(inner, q_start, q_end, speaker))
    quotes.extend(_reported(text, sentences, quotes))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _reporting_subject(
    text: str,
    before: Sequence[tuple[int, int]],
    last_attr_end: int,
    people: _People,
    *,
    question: bool,
) -> str | None:
    """The sure person a sentence right before a quote reports: "Schumer said he …".

    *before* are the sentences before the quote's; page labels ("ADVERTISEMENT") are
    skipped, and nothing at or before the last attribution counts (that speaker goes on).
    Who "asked" speaks the quote after only if it is a *question* ("Baier asked about
    cyber warfare. “Why did you …?”"), not the answer.
    """
    for start, end in reversed(before[-3:]):
        if start <= last_attr_end:
            return None
        sentence = text[start:end]
        if len(sentence.split()) <= 2:
            continue
        if re.search(r"[\"“”]", sentence):
            return None
        said = _said_by(sentence)
        if said is None or (re.match(r"ask", said.group().split()[-1]) and not question):
            return None  # "Schiff had asked why …": the quote after it is the answer
        if re.search(r"\b[a-z][\w\-]*\s+$", sentence[: said.start()]):
            return None  # "the deputy commander of the Air Mobility Command, …, said": no subject
        who = _clean_who(said.group("who"))
        if (
            who is None
            or _is_pronoun(who)
            or people.person_score(who) < 2
            or not people.named_person(who)
        ):
            return None  # not "Liaquat Ahamed's Pulitzer Prize-winning Lords of Finance says"
        return who
    return None


#: An aside between dashes: "The Senate majority leader — who … when Doug Jones is sworn in —".
_DASHED_ASIDE = re.compile(r"(?<=\s)[—–]\s[^—–\"“”\n]{1,160}?\s[—–](?=\s)")


def _without_asides(segment: str) -> str:
    """*segment* with its asides between dashes blanked (same length).

    "The Senate majority leader — who will be down to 51 votes when Alabama Democrat Doug
    Jones is sworn in — said … that he “…”": the name inside the aside is no subject.
    """
    return _DASHED_ASIDE.sub(lambda m: " " * len(m.group()), segment)


def _unquoted(segment: str) -> str:
    """*segment* with the words of its closed quotations blanked (same length)."""
    return re.sub(r"([\"“])([^\"“”\n]*)([\"”])", lambda m: m[1] + " " * len(m[2]) + m[3], segment)


def _colon_lead(text: str, para_start: int, people: _People) -> str | None:
    """The speaker announced by a paragraph that ends in a colon, for the quote after it.

    "Trump said in a statement:" / "The agency wrote on Twitter:" then, as its own
    paragraph, "“…”". Only the last sentence of the previous paragraph counts.
    """
    lead = text[:para_start].rstrip()
    if not lead.endswith(":"):
        return None
    paragraph = lead[lead.rfind("\n") + 1 :]
    if re.search(r"[\"“”]", paragraph):
        # "⦁ Heather Nauert is “under strong consideration” to replace U.N. Ambassador
        # Nikki Haley:": a paragraph with quotes of its own is no lead
        return None
    # its last sentence: after the last stop that ends no initial ("U.N.", "Karen N.")
    stops = [m.end() for m in re.finditer(r"(?<!\b[A-Z])[.!?]\s+(?=[A-Z])", paragraph)]
    sentence = paragraph[max([0, *stops]) :]
    return _attribution(sentence, _BEFORE) or _embedded_subject(sentence, people)


#: The signature that ends an embedded tweet: "— Lindsey Barrett (@LAM_Barrett) July 12, 2019".
_TWEET_SIGNATURE = re.compile(
    r"[—–]\s*(?P<who>[A-Z][^\n()—]{1,60}?)\s*\(@\w+\)\s*"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},\s+\d{4}\s*$"
)


def _tweet_author(text: str, q_start: int) -> str | None:
    """Who wrote the embedded tweet that a quote opens, from the tweet's signature.

    "“…”-- the FTC to SV today. — Lindsey Barrett (@LAM_Barrett) July 12, 2019": a
    paragraph that opens with the quote and ends with the signature within 160 characters
    of the quote's end (or inside it, when unclosed) is the tweet of the name signed (a
    tweet quoting someone says so before the quote, and that attribution is read first).
    """
    para_end = text.find("\n", q_start)
    para_end = len(text) if para_end < 0 else para_end
    close = re.search(r"[”\"]", text[q_start:para_end])
    # a closed quote: the signature within 160 characters after it; an unclosed one runs
    # to the paragraph's end, signature and all ("“Today, … — Donald J. Trump (@…) May 24")
    start = q_start + close.end() if close is not None else q_start
    signed = _TWEET_SIGNATURE.search(text, start, para_end)
    if signed is None or (close is not None and signed.start() - start > 160):
        return None
    return signed.group("who")


def _own_subject(head: str, pronoun: str, people: _People) -> str | None:
    """The sure person opening *head* (a sentence up to its quote) that *pronoun* follows.

    "Sen. Bernie Sanders of Vermont didn't refer to impeachment, but he said he would
    “…”": Sanders. None when *head* holds no such pronoun after the opening subject, or
    another fitting name stands between them ("Neera Tanden … in a response to a Sanders
    interview where he said").
    """
    if pronoun not in {"he", "she", "they"}:
        return None
    # a name opening the sentence ("Sen. Bernie Sanders of Vermont didn't …"), else the
    # subject after an opening phrase ("At the debate, Ms. Davis referred to …")
    opening = _NAME_SUBJECT.match(head) or _OPENING_SUBJECT.match(head)
    if opening is None or opening.group("who").split()[0].lower() in _LEADING_NOISE:
        return None
    who = _clean_who(opening.group("who"))
    if who is None or _is_pronoun(who) or people.person_score(who) < 2:
        return None
    found = re.search(rf"(?<![\w’']){pronoun}\b", head[opening.end("who") :])
    if found is None or not people.compatible(who, pronoun):
        return None
    between = head[opening.end("who") : opening.end("who") + found.start()]
    if any(people.compatible(name, pronoun) for name in _candidates(between)):
        return None
    return who


def _reported(text: str, sentences: list[tuple[int, int]], quotes: list[Quote]) -> list[Quote]:
    out = []
    for start, end in sentences:
        if any(q.start < end and q.end > start for q in quotes):
            continue
        sentence = text[start:end]
        if '"' in sentence or "“" in sentence:
            continue
        match = _ACCORDING.search(sentence)
        if match is None:
            continue
        speaker = _clean_who(match.group("who"))
        if speaker and len(sentence.split()) >= 6:
            out.append(Quote(sentence, start, end, speaker, kind="reported"))
    return out


def _quote_key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def surname_aliases(names: Iterable[str], full_names: Mapping[str, int]) -> dict[str, str]:
    """Map name keys to the most mentioned full-name key they abbreviate or extend.

    *full_names* maps multi-word keys to how often they occur. A surname joins a full name
    ending with it ("barr" → "william barr"), and a name with a job title the title list
    does not know joins the full name it ends with ("senate majority leader mitch
    mcconnell" → "mitch mcconnell").
    """
    alias: dict[str, str] = {}
    for key in names:
        if not key:
            continue
        if " " in key:
            owners = [f for f in full_names if f != key and key.endswith(" " + f)]
            if not owners:
                # the same person spelled another way: "jerrold l nadler", "jerry nadler"
                # and "jerrold nadler" join the most mentioned of them
                core = person_core(key)
                owners = [f for f in full_names if core is not None and person_core(f) == core]
                owners = [max(owners, key=lambda f: (full_names[f], -len(f), f))] if owners else []
                owners = [f for f in owners if f != key]
        else:
            owners = [f for f in full_names if f.split()[-1] == key]
        if owners:
            alias[key] = max(owners, key=lambda f: (full_names[f], -len(f)))
    return alias


def group_quotes(
    items: Sequence[tuple[int, str, Quote]],
    *,
    known_names: Mapping[str, int] | None = None,
    max_speakers: int = 20,
) -> list[dict[str, Any]]:
    """Quotes ``(article_id, outlet, quote)`` grouped by speaker, then by quote text.

    Returns ``[{"speaker", "quotes": [{"text", "article_ids", "outlets", "kind"}]}]``,
    speakers with the most outlets first; the unattributed group (speaker None) last.
    A quote another outlet carries in part (a substring) joins the longer quote.
    *known_names* (full names of the story's PERSON entities → mentions) let a surname
    that no quote spells out in full join its full name ("Barr" → "William Barr").
    """
    keys = {speaker_key(q.speaker) for _a, _o, q in items if q.speaker}
    full: dict[str, int] = defaultdict(int)
    spelled: dict[str, str] = {}
    for known, count in (known_names or {}).items():
        key = speaker_key(known)
        if " " in key:
            full[key] += count
            spelled.setdefault(key, _display_name(known))
    for key in keys:
        if " " in key:
            full[key] += 1
    alias = surname_aliases(keys, full)
    groups: dict[str | None, list[tuple[int, str, Quote]]] = defaultdict(list)
    display: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for article_id, outlet, quote in items:
        if quote.speaker:
            key = speaker_key(quote.speaker)
            key = alias.get(key, key)
            groups[key].append((article_id, outlet, quote))
            display[key][_display_name(quote.speaker)] += 1
        else:
            groups[None].append((article_id, outlet, quote))
    out: list[dict[str, Any]] = []
    for group_key, members in groups.items():
        merged: list[dict[str, Any]] = []
        for article_id, outlet, quote in sorted(members, key=lambda m: -len(m[2].text)):
            qkey = _quote_key(quote.text)
            target = next((m for m in merged if qkey and qkey in m["_key"]), None)
            if target is None:
                target = {
                    "text": quote.text,
                    "article_ids": [],
                    "outlets": [],
                    "kind": quote.kind,
                    "_key": qkey,
                }
                merged.append(target)
            if article_id not in target["article_ids"]:
                target["article_ids"].append(article_id)
            if outlet not in target["outlets"]:
                target["outlets"].append(outlet)
        merged.sort(key=lambda m: (-len(m["outlets"]), m["kind"] != "direct", -len(m["text"])))
        for m in merged:
            del m["_key"]
        name: str | None = None
        if group_key is not None:
            # the spelling of the group's own name if used, else the longest ("John Coale"
            # over "Coale"), titles dropped
            spellings = dict(display[group_key])
            if group_key in spelled:
                spellings.setdefault(spelled[group_key], 0)
            exact = {k: v for k, v in spellings.items() if speaker_key(k) == group_key}
            spellings = exact or spellings
            name = max(spellings.items(), key=lambda kv: (len(kv[0].split()), kv[1]))[0]
        out.append({"speaker": name, "quotes": merged})
    out.sort(
        key=lambda g: (
            g["speaker"] is None,
            -len({o for q in g["quotes"] for o in q["outlets"]}),
            str(g["speaker"]),
        )
    )
    return out[:max_speakers]


def resolve_speakers(quotes: Sequence[Quote], text: str) -> list[Quote]:
    """Resolve each speaker to the full name the text gives them, and drop non-speakers.

    "Trump" / "Mr. Trump" → "Donald Trump" when the text spells it out; "the president"
    → "Donald Trump" when the text calls exactly one person "President …"; "the New
    York governor" → "Andrew Cuomo". A speaker that is a noun or group ("Department",
    "Muslims") becomes None. Returns new `Quote` objects in the same order.
    """
    text = clean_page_text(text)
    mentions = _full_name_mentions(text)
    full = _by_surname(mentions)  # one scan of the text's names serves both
    offices = _offices_before(text)
    stood_for: dict[str, str] = {}  # a description → the person it stood for first
    out: list[Quote] = []
    for quote in quotes:
        speaker = quote.speaker
        if (
            speaker is not None
            and speaker[:1].isupper()
            and _is_office(speaker)
            and (" " in speaker or speaker.lower() not in full)
        ):
            # an office, unless the surname of a person the text names ("Mark Judge" …
            # "Judge said he would …")
            speaker = "the " + speaker  # "the House Minority Leader wrote": an office, no name
        if (
            speaker is not None
            and _describes_person(speaker)
            and _office_holder(speaker, text, quote.start) is None
            and not _introduced_unnamed(speaker, text, quote.start)
        ):
            # "Biggs seconded Buck's sentiment …. “…,” the Arizona Republican told The Hill":
            # the person the sentences before the quote are about; the quotes after it that
            # go on with the description are that person's too, whoever else the
            # sentences between name ("… he wrote in a letter to Secretary Kirstjen Nielsen")
            if speaker not in stood_for:
                subject = _subject_before(speaker, text, quote.start, full, offices)
                if subject is not None:
                    stood_for[speaker] = subject
            speaker = stood_for.get(speaker, speaker)
        trailing = _TRAILING_NAME.match(speaker) if speaker is not None else None
        if trailing is not None and trailing.group("pre") not in _LEADING_NOISE:
            speaker = trailing.group("who")  # "the historian Ira Katznelson" is Ira Katznelson
        elif speaker is not None and (author := _DOCUMENT_BY.match(speaker)) is not None:
            speaker = author.group("who")  # "a statement from Stephanie Grisham"
        elif (
            speaker is not None
            and (described := _DESCRIBED_SURNAME.match(speaker)) is not None
            and described.group("who").lower() in full
        ):
            speaker = described.group("who")  # "an emotional Acosta" of "Jim Acosta"
        if speaker is not None and speaker[:1].islower():
            holder = _office_holder(speaker, text, quote.start) or _document_owner(
                speaker, text, quote.start
            )
            if holder is None:
                # "the palace" → "Buckingham Palace", named before the quote; a body's name
                # is no person's, so it skips the full-name step below
                body = _named_body(speaker, text, quote.start) or speaker
                out.append(Quote(quote.text, quote.start, quote.end, body, quote.kind))
                continue
            speaker = holder
        if speaker is not None and is_common_word(speaker, text, full):
            # "Much of …", "Around noon, …": a common word, no name; a plural noun is an
            # unnamed group ("Investigators said" → "investigators")
            low = speaker.lower()
            plural = low.endswith("s") and not low.endswith("ss") and low not in STOP_WORDS
            out.append(
                Quote(quote.text, quote.start, quote.end, low if plural else None, quote.kind)
            )
            continue
        if speaker is not None:
            if (
                len(speaker.split()) > 1
                and speaker.split()[-1].lower().strip(".,") in _ORG_WORDS
                and speaker.split()[0] not in {"A", "An", "The"}
                and "’s" not in speaker
                and "'s" not in speaker
            ):
                # an organisation: "Justice Department" keeps its first word, not a
                # modifier ("the Richmond-based Fourth Circuit Court")
                words = speaker.split()
                while len(words) > 1 and words[0].lower().endswith("-based"):
                    words = words[1:]
                speaker = " ".join(words)
            elif not is_speaker_name(speaker):
                speaker = None
            else:
                name = _person_tail(_display_name(speaker))
                words = name.split()
                if words and words[0].strip(".").lower() in _TITLES:
                    words = words[1:] or words
                surname = words[-1].lower() if words else ""
                fuller = full.get(surname)
                if fuller is None and len(words) == 1 and words[0][:1].isupper():
                    # a family name written first: "Kim" of "Kim Jong Un", "Xi" of "Xi
                    # Jinping": the one full name it opens, a person's (no body's word)
                    openers = {
                        f
                        for f in full.values()
                        if f.split()[0].lower() == surname
                        and len(f.split()) >= 2
                        and not any(w.lower().strip(".,") in _ORG_WORDS for w in f.split())
                    }
                    if len(openers) == 1:
                        fuller = next(iter(openers))
                if (
                    len(words) == 1
                    and fuller is not None
                    and not (offices.get(surname) or offices.get(fuller.lower()))
                ):
                    # two people of one name: the one just named ("… to her father, Gary
                    # Grubbs. “…”"); not when the bare name carries an office ("President
                    # Trump"): that one is the story's, whichever relative was named last
                    fuller = _namesake_nearby(surname, mentions, quote.start) or fuller
                if (
                    fuller
                    and len(fuller.split()) > len(words)
                    and (len(words) == 1 or fuller.split()[0] == words[0])
                    and (len(words) > 1 or not _another_holder(surname, fuller, speaker, offices))
                ):
                    name = fuller
                speaker = name if words else None
        out.append(Quote(quote.text, quote.start, quote.end, speaker, quote.kind))
    return out
