"""Primary sources: the quotations of an article text and who said each.

Quotes are found in straight (``"``) and curly (``“ ”``) double quotes, across sentences,
and across paragraphs by the newspaper convention (an unclosed quote at the end of a
paragraph continues in the next one). The speaker comes from the attribution around
the quote (`attribution` lists the patterns, tried in order; the regex vocabulary is in
`quote_patterns`), else from the quote's wider context (`quote_context`); photo captions
("… REUTERS/Name") are blanked before any of this.

Sentences with no quote but ``according to X`` become reported statements of *X*.
`speaker_resolution` then turns the speakers into the people the text names, and
`quote_groups` groups the quotes of a story's articles by speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
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
    _shared_attribution,
)
from newsprism.analysis.quote_context import (
    _colon_lead,
    _own_subject,
    _reporting_subject,
    _tweet_author,
    _unquoted,
    _without_asides,
)
from newsprism.analysis.quote_patterns import (
    _ACCORDING,
    _AFTER,
    _BEFORE,
    _CAPTION,
    _FURNITURE,
    _LATE_AFTER,
    _LEADING_NOISE,
    _MIN_WORDS_ATTRIBUTED,
    _MIN_WORDS_UNATTRIBUTED,
    _MONTH_SURNAMES,
    _NAME_RE,
    _PRONOUN_SAID,
    _SUBJECT_PRONOUN,
    _UNREAD_ATTRIBUTION,
    _VERBED_AFTER,
    _VERBED_BEFORE,
)
from newsprism.analysis.speakers import _clean_who, _is_pronoun, _People
from newsprism.nlp.sentences import split_sentences
from newsprism.nlp.text import HOVER_CARD

__all__ = ["Quote", "clean_page_text", "extract_quotes", "is_quotation"]


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


#: A first name, a nickname in quotation marks, a surname: 'James "Spider" Marks'.
_NICKNAME = re.compile(
    r"\b([A-Z][a-z]+) [\"“][A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?[\"”] ([A-Z][a-z][\w'’-]*)"
)


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
    # a nickname in quotation marks inside a name is no quotation: 'retired Maj. Gen. James
    # "Spider" Marks' gave "Maj. Gen" as a replayed page's speaker; the surname moves up to
    # the first name, the marks and nickname become spaces after it
    text = _NICKNAME.sub(lambda m: f"{m.group(1)} {m.group(2)}".ljust(len(m.group())), text)
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
        # "“A,” the soldier said, adding that many of the ISIS prisoners “B”": the previous
        # quote's attribution goes on (below), the clause's subject does not speak
        goes_on = bool(
            last_speaker
            and prev_end < q_start < last_attr_end
            and re.search(r"\b(?:and|[a-z]{3,}ing)\b[^\"“”]{0,40}$", pre)
        )
        # within the previous quote's sentence: "“Leave him alone!” The activist starts
        # arguing …, telling them “…”" is the activist's
        same_sentence = goes_on and not re.search(
            r"[.!?][”\"]?\s+[A-Z]", text[max(0, prev_end - 2) : q_start]
        )
        if who is None and not same_sentence:
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
        elif goes_on:
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
