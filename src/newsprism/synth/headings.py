"""Section headings made only of a sentence's words: its main clause, a topic, a quote's speaker.

* `clause_heading` — a short heading from the sentence's main clause, lead-ins and
  attribution cut (who holds a demand or a view stays: "Nadler: Barr should release …");
* `broken_heading` — a clause heading that does not read as one (cut open, no verb);
* `topic_heading` — a 2–5 word topic from the story's key phrases, never one used before;
* `opens_with_quote` / `quote_speaker` / `speaker_heading` — a sentence that opens with a
  quotation, who speaks it, and its heading in the speaker's name.

The words a heading drops or may not end on are in `synth.heading_words`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

from newsprism.analysis.quote_patterns import _ORG_WORDS
from newsprism.nlp.captions import WEEKDAYS
from newsprism.nlp.lexicon import PERSON_TITLES, speech_alternation
from newsprism.nlp.syntax import fragment, headline_clause, subject_cut_from_verb
from newsprism.nlp.text import word_list
from newsprism.synth.heading_words import (
    _ALL_AFTER,
    _ARTICLES,
    _CLOSING_CUTS,
    _DAY_PHRASE,
    _FILLERS,
    _NEEDS_TO,
    _PART_OF,
    _PERSON_TITLES,
    _TITLE_PREFIXES,
    _TITLE_WORDS,
    _dangling,
    _ends_open,
    _to_do,
    drop_days,
    drop_offices,
    headline_style,
)
from newsprism.synth.statements import _PRONOUN_START
from newsprism.synth.text import normalize_quotes, wordset

__all__ = [
    "broken_heading",
    "clause_heading",
    "opens_with_quote",
    "quote_speaker",
    "speaker_heading",
    "topic_heading",
]

_LEAD_IN = re.compile(
    r"^(?:(?:on|by|in|at|late|early|last|this) )?(?:(?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|(?:jan|feb|april|june|july|aug|sept?|oct|nov|dec)\w*"
    # "May" and "March" open a lead-in only as dates ("May 3,"): "May set out a timetable"
    r"(?: \d{1,2})?|(?:march|may)(?= \d| ?,)(?: \d{1,2})?|"
    r"week|month|year|morning|night|evening|afternoon|today|yesterday)(?![’']s\b)[ ,]*)+"
    r"|^(?:however|meanwhile|still|now|additionally|also|in addition|separately|basically|"
    r"essentially|ultimately|indeed|in fact|of course|notably|importantly|overall|so far|"
    r"for now|in short|in other words)[ ,]+",
    re.IGNORECASE,
)
#: Verbs that report what someone said, and verbs that give someone's view: an opening
#: attribution (`_HEAD_ATTRIBUTION`), a name in apposition before one and `_speaker_name`
#: read the same lists.
_REPORTS = tuple(word_list("said says told announced reported confirmed"))
_VIEWS = tuple(word_list("suggested argued claimed contended insisted alleged warned predicted"))
#: The verbs of a closing attribution (`_TAIL_ATTRIBUTION`, `_tail_speaker`).
#: ("…, The Washington Post is reporting" headed a replayed section "The Washington Post is
#: reporting")
_TAIL_VERBS = "said|says|told|reported|announced|reports|(?:is|are) reporting"
_TAIL_ATTRIBUTION = re.compile(
    # not a clause of its own: ", although the EU has said it will not …"
    r"[,;]\s+(?!(?:although|though|but|while|and|as|after|because|when|since|even|if)\b)"
    rf"(?:according to\b.*|(?:[\w.'’\-]+ ){{1,5}}(?:{_TAIL_VERBS})\b.*)$"
    r"|\s+according to\b.*$",
    re.IGNORECASE,
)
#: A closing attribution with a subject ("…, the person said"; not "…, are reported with a
#: lag"): the whole sentence's parse would give it as the core clause.
_CLOSING_ATTRIBUTION = re.compile(
    r"[,;]\s+(?:the|a|an|[A-Z])[\w.'’\- ]{0,60}?\s(?:said|says|told|wrote|added|reported)"
    r"(?:\s+[\w.'’\-]+){0,3}$"
)
#: (with "later" / "earlier": "Trump said later Tuesday that he had spoken …" headed a
#: replayed bullet "Later Tuesday that he had spoken recently")
_WEEKDAY = (
    r"(?:(?:later|earlier) )?(?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day "
    # with its time of day: "Clinton said Tuesday night that she would …" headed a replayed
    # bullet "Night that she would endorse …"
    r"(?:(?:morning|afternoon|evening|night) )?"
)
#: The speaker's own act reported by them: "… announced that she plans to resign".
_SELF = re.compile(
    r"(?:she|he|they)\s+(?=(?:plans?|will|would|intends?|is|are|was|were|has|have)\b)"
)
#: Reporting verbs that also take a plain object ("The Senate confirmed the nominee",
#: "Police reported a second shooting"): speech only with "that".
_OBJECT_TAKING = frozenset(word_list("announced reported confirmed"))
_HEAD_ATTRIBUTION = re.compile(
    # (not a passive: "U.S. forces were warned where …" headed a bullet "Forces were: …")
    r"^(?:[\w.'’\-]+ ){1,6}(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbe )(?<!\bis )(?<!\bare )"
    # (whom, in up to four words, before "that": "told a federal appeals court Monday that"
    # headed a bullet "Committee: Federal appeals court that it wants …" on the 2019-12 replay)
    r"(?<!\bbeing )(?P<verb>told (?:[\w.'’\-]+ ){0,3}?[\w.'’\-]+(?= (?:"
    + _WEEKDAY
    + r")?that )|told \w+|"
    + "|".join(v for v in _REPORTS if v != "told" and v not in _OBJECT_TAKING)
    + "|"
    + "|".join(rf"{v}(?= (?:{_WEEKDAY})?that )" for v in sorted(_OBJECT_TAKING))
    # a finding's content is the heading: "The center's tally also shows that lobbying …"
    + r"|(?:shows?|showed|finds?|found|indicates?|indicated)(?= that)|"
    # ("diplomats alleged to be spies": a participle, no one's view)
    + rf"(?P<view>(?:{'|'.join(_VIEWS)})(?! to (?:be|have)\b))) "
    # where it was said, before "that": "argued in a legal filing that …" (the heading read
    # "In legal filing that WikiLeaks could not be held liable")
    rf"(?:{_WEEKDAY})?(?:(?:in|on|at|during|to|with) [^,\"“”]{{1,40}}? (?=that ))?(?:that )?",
    re.IGNORECASE,
)
#: A speaker who says what they themselves will do: "House Democrats said Monday they plan",
#: "Trump said he would veto". The pronoun is the speaker (a plural "they" after a plural
#: subject, "he" / "she" after a name), so the heading names them instead.
#: Only a plan or an intent is theirs to state ("said he would veto"); an announced act is
#: done ("announced that he had fired"); but "Trump says he made his point" is his claim,
#: and "President Trump made his point" headed a replayed summary as the page's own.
_INTENT = (
    r"(?=(?:will|would|won['’]t|wouldn['’]t|plans?|planned|intends?|intended|wants?|wanted|"
    r"hopes?|hoped|expects?|expected|aims?|seeks?|(?:is|are|was|were) (?:going|planning|"
    r"preparing|ready|prepared|considering|running))\b)"
)
_OWN_WORDS = re.compile(
    rf"^(?:(?P<who>(?:[A-Z][\w.'’\-]*\s+){{0,3}}[A-Z]?[\w'’\-]*[a-rt-z]s)\s+"
    rf"(?:said\s+(?i:{_WEEKDAY})?(?:that\s+)?they\s+{_INTENT}|announced\s+(?i:{_WEEKDAY})?"
    rf"(?:that\s+)?they\s+)"
    rf"|(?P<one>(?:[A-Z][\w.'’\-]*\s+){{0,3}}[A-Z][\w'’\-]+)\s+(?:(?:said|says)\s+"
    rf"(?i:{_WEEKDAY})?(?:that\s+)?(?:he|she)\s+{_INTENT}|announced\s+(?i:{_WEEKDAY})?"
    rf"(?:that\s+)?(?:he|she)\s+))"
)
# (a comma or colon between digits is part of a number or a time: "at 1:30 p.m." was cut
# to "… press briefing at 1" on the 2019-08-05 replay)
_CLAUSE_BREAK = re.compile(r"[,:](?!(?<=\d[,:])\d)|;|—|–| - | -- | \(| (?:who|which|where|while|"
                           r"after|before|as|because|when|but|although|despite|amid|with|"
                           r"including)\b")  # fmt: skip
#: A heading of the seed runs 4–8 words ("Belarus releases 123 prisoners in diplomatic
#: gesture"); past 8 a heading reads as a sentence.
HEADING_WORDS = (3, 8)  # the cut may run to 10 to end on a content word


_SUBORDINATE = re.compile(
    r"^(?:as|when|while|after|before|although|though|if|because|since|with|in|on|at|during|"
    r"despite|amid|following|according to|under|for|by|unlike|like|once|until|earlier|later|"
    r"separately|elsewhere)\b[^,]{0,120},\s*",
    re.IGNORECASE,
)
#: A condition whose main clause follows "then": the heading is that clause.
_IF_THEN = re.compile(r"^(?:if|when|once)\b[^.;]*?,\s+then\s+", re.IGNORECASE)
_SUBORDINATE_GOES_ON = re.compile(r"^(?:and|or)\s[^,]{0,120},\s*", re.IGNORECASE)
_CONJUNCTION_START = re.compile(r"^(?:and|but|or|so|yet)\s+", re.IGNORECASE)
#: A non-restrictive relative clause between commas (", who was fired last May,").
_RELATIVE = re.compile(r",\s+(?:who|which|whose|whom)\b[^,;:—–\"“”]{0,120},\s+")


def _drop_relative(match: re.Match[str]) -> str:
    """A relative clause cut out; its closing comma stays before a closing attribution.

    "“Iran appears to be standing down, which is a good thing …,” Trump said" had headed a
    replayed paragraph "Iran appears to be standing down Trump said".
    """
    rest = match.string[match.end() :]
    return ", " if re.match(rf"[^,;]{{0,40}}\b(?:{_TAIL_VERBS})\W*$", rest) else " "


#: Last words that make a capitalised run a body's name, said whole ("The Detroit Free Press
#: declared:" is the Detroit Free Press, not "Press").
_BODY_HEADS = wordset(
    "press court institute department times post news journal committee office agency police "
    "service association council party campaign administration ministry commission board "
    "university foundation center centre group company network"
)


def _quoting_speaker(who: str) -> str:
    """Who introduces a quotation ('X said, "…"'): a body's whole name or a person's surname."""
    words = _PARENTHETICAL.sub("", who).replace(",", " ").split()
    run: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper() or word.lower() == "the":
            break
        run.insert(0, word)
    if not run:
        return ""  # "The EPA would not comment on the lawsuit but said:" names no one last
    if run[-1].lower() in _BODY_HEADS:
        return " ".join(run)
    return _speaker_name(" ".join(words) + " said")


#: A descriptor with the name in apposition before a speech verb ("President Trump's national
#: security adviser, John Bolton, said …"): the name is who speaks.
_APPOSITIVE_SPEAKER = re.compile(
    r"^[^,]{3,80}?,\s+(?P<name>(?:[A-Z][\w.'’\-]+\s+){1,3}[A-Z][\w.'’\-]+),\s+"
    rf"(?=(?:{'|'.join(_REPORTS)})\b)"
)
#: A short aside in parentheses ("(D-CA)", "(ISIS)"): it cut headings at its bracket.
_PARENTHETICAL = re.compile(r"\s*\([^()]{1,30}\)")
#: A body's long name and its acronym in parentheses: "Centers for Disease Control and
#: Prevention (CDC)". The heading says "CDC" (cut for length, the name read "The U.S.
#: Centers may urge Americans").
_NAMED_ACRONYM = re.compile(
    r"\b(?P<name>[A-Z][\w.'’-]*(?:\s+(?:(?:for|of|and|on|the|&)\s+)*[A-Z][\w.'’-]*){1,8})"
    r"\s+\((?P<acronym>[A-Z]{2,6})\)"
)


def _acronym_for_name(match: re.Match[str]) -> str:
    """The acronym alone, when the name before it opens with its first letter."""
    words = match.group("name").split()
    while words and not words[0].startswith(match.group("acronym")[0]):
        words = words[1:]  # "The U.S. Centers for …": the body's name starts at "Centers"
    if not words:
        return match.group()
    kept = match.group("name")[: len(match.group("name")) - len(" ".join(words))]
    return kept + match.group("acronym")


def opens_with_quote(text: str) -> bool:
    """Tell whether *text* starts with a quotation (its first words are someone else's)."""
    return normalize_quotes(text).lstrip(" -—–").startswith('"')


#: The reporting verbs of the quote extractor (`nlp.lexicon.SPEECH_VERBS`): same meaning.
_SPEECH_VERB = rf"(?:{speech_alternation()})"
#: An attribution and the quotation it introduces: 'Speaker Paul Ryan said, "This agreement
#: will also allow us …"' was headed "Speaker of House Paul Ryan said" (the quote's words are
#: what the sentence says).
_SAID_QUOTE = re.compile(
    # (with the hearer of "told": "Mayor Ana Torres told reporters, “…”")
    rf'^(?P<who>[^"]{{3,100}}?)\s+(?:{_SPEECH_VERB})(?:(?<=told)\s+(?:reporters|[A-Z][\w.]*'
    rf'(?:\s+[A-Z][\w.]*){{0,2}}))?\s*[,:]\s*"(?P<quote>[^"]{{12,}})"\s*\.?$'
)
#: Who speaks a quotation that opens a sentence: "“…,” the president said" / "“…,” said Smith".
_QUOTE_SPEAKER = re.compile(
    rf'^"[^"]{{3,}}"\s*,?\s*(?:(?P<before>(?:[\w.\'’-]+\s+){{0,3}}?[\w.\'’-]+)\s+{_SPEECH_VERB}'
    rf"|{_SPEECH_VERB}\s+(?P<after>(?:[A-Z][\w.\'’-]*\s+){{0,2}}[A-Z][\w.\'’-]*))\b"
)


def quote_speaker(text: str) -> str | None:
    """Who speaks the quotation *text* opens with, as the sentence names them, or None."""
    found = _QUOTE_SPEAKER.match(normalize_quotes(text).lstrip(" -—–"))
    if not found:
        return None
    who = (found.group("before") or found.group("after") or "").strip()
    if not who or who.lower() in {"he", "she", "they", "it", "we", "i", "you"}:
        return None  # "He: …" says no more than the quotation alone
    return who[:1].upper() + who[1:]


def speaker_heading(text: str) -> str | None:
    """The heading of a sentence opening with a quotation, in its speaker's name, or None.

    Said once: a hedged quotation's clause heading already names its speaker ("Starr: Starr:
    We will have to see" headed a replayed section).
    """
    speaker = quote_speaker(text)
    if not speaker:
        return None
    heading = clause_heading(text)
    named, colon, _ = heading.partition(":")
    if colon and named.split() and speaker.split()[-1] == named.split()[-1]:
        return heading  # (also "Mr. Comey" over "Comey: …": "Mr. Comey: Comey: The …")
    return f"{speaker}: {heading}"


def _main_clause(plain: str) -> str:
    """*plain* up to its first clause break that leaves a phrase.

    That is ≥ 3 words before a comma or dash, ≥ 5 before a conjunction or preposition
    ("Mexico made a deal | with the United States" cut there read "Mexico made deal").
    """
    for brk in _CLAUSE_BREAK.finditer(plain):
        before = plain[: brk.start()].strip()
        punctuation = not brk.group().strip()[:1].isalpha()
        if brk.group().strip() in {"after", "before"}:
            # "… made public days | before …": the span goes with its phrase
            before = _TRAILING_SPAN.sub("", before)
        if brk.group().strip() == "as" and re.match(r"\s*as\s+\w+\s+as\b", plain[brk.start() :]):
            continue  # a comparison, no clause: "Our process may not be | as quick as …"
        if _COMES.search(before):
            continue  # "The announcement comes | as lawmakers prepare …": the news is after
        if len(before.split()) >= (HEADING_WORDS[0] if punctuation else 5):
            return before
    return plain


#: A verb where the reported clause's subject should stand.
_VERB_FIRST = re.compile(r"(?:will|would|is|was|are|were|has|had|have|could|can|may|might)\b")
#: A gerund after the verb is its object, no reported clause: "Trump suggested | tying new
#: gun controls to …" headed a replayed bullet "Trump: Tying new gun controls …".
_GERUND = re.compile(r"[a-z]+ing\b")


def _gerund_object(plain: str, end: int) -> bool:
    """Tell a gerund right after the reporting verb (not after "that": "shows that lobbying …")."""
    return bool(_GERUND.match(plain[end:].strip())) and not re.search(r"\bthat\s*$", plain[:end])


# pure, and asked of one sentence by several sections of a page (its heading, the summary's
# same-act check, a topic fallback): each may need a parse of a few ms
@lru_cache(maxsize=4096)
def clause_heading(text: str) -> str:
    """A short heading from *text*'s main clause: lead-ins and attribution cut, ≤ 10 words.

    Quotation marks go but their words stay (a heading must read as a phrase); the cut
    falls before a preposition or conjunction, so the heading ends on a content word.
    """
    plain = normalize_quotes(text).strip().rstrip(".").lstrip("-—– ")
    if plain.startswith("(") and plain.count("(") == 1:
        # a sentence set in parentheses: "(An additional four women elected have since said …)"
        plain = plain[1:].rstrip(".) ")
    quoted = _SAID_QUOTE.match(plain)
    who = _quoting_speaker(quoted.group("who")) if quoted else ""
    if quoted and who[:1].isupper() and not _PRONOUN_HEADING.fullmatch(who):
        # the speaker's words, in the speaker's name (as a sentence that opens with them)
        return f"{who}: {clause_heading(quoted.group('quote'))}"
    plain = re.sub(r"[\"]", "", plain).strip()
    plain = _LEAD_IN.sub("", plain).strip()
    plain = _IF_THEN.sub("", plain).strip() or plain  # "If they …, and …, then they …"
    for _ in range(2):  # "Once the bills pass the House, as expected, Mr. McConnell will …"
        before = plain
        plain = _SUBORDINATE.sub("", plain, count=1).strip() or plain
        if plain != before:
            # "Because tablets are cheaper, and do most of what users want, a number of people
            # have moved …": the subordinate clause runs on after its comma
            plain = _SUBORDINATE_GOES_ON.sub("", plain, count=1).strip() or plain
    plain = _CONJUNCTION_START.sub("", plain).strip() or plain
    # "Comey, who was fired last May, has been on …": the heading is the main clause
    plain = _RELATIVE.sub(_drop_relative, plain).strip()
    plain = drop_days(plain)
    plain = _NAMED_ACRONYM.sub(_acronym_for_name, plain)
    plain = _PARENTHETICAL.sub("", plain)
    plain = _APPOSITIVE_SPEAKER.sub(lambda m: m.group("name") + " ", plain)
    own = _OWN_WORDS.match(plain)
    said = _HEAD_ATTRIBUTION.match(plain)
    cut = plain[said.end() :].strip() if said else plain
    speaker = ""
    if own:  # "Democrats said Monday they plan …": the speakers' own plan
        plain = f"{own.group('who') or own.group('one')} {plain[own.end() :]}"
    elif said and not said.group("view") and (own_act := _SELF.match(cut)):
        # "The British prime minister announced Friday that she plans to resign": her plan
        # (its perfect's auxiliary goes with the verb: "Peterson has confirmed that he will")
        # (with the adverbs between: "Four more members-elect have since said they will …")
        who = re.sub(
            r"(?:\s+(?:has|have|had)(?:\s+(?:since|also|already|now|publicly|repeatedly))*"
            r"|\s+(?:since|also|already|now|publicly|repeatedly))$",
            "",
            plain[: said.start("verb")].strip(),
        )
        plain = f"{who} {cut[own_act.end() :]}"
    elif (
        said
        and cut
        and not _PRONOUN_START.match(cut)
        and not _gerund_object(plain, said.end())
        # "The higher-level enrichment Rouhani said will commence …": a relative clause
        and not _VERB_FIRST.match(cut)
    ):
        if (
            _DEONTIC.search(cut)
            or _REPROACH.search(cut)
            or said.group("view")
            # the speaker's own words quoted in the claim ("Nadler said Barr and Trump
            # “misrepresented” it"): without the marks they would be the page's
            or '"' in normalize_quotes(text)[said.end() :]
        ):
            # "Nadler said Barr should release the full report" is Nadler's demand, "Pelosi
            # suggested Trump is building a case" her view, "McCarthy said Pelosi could have
            # apologized" his reproach: the heading keeps who holds it, or it states an
            # opinion as the page's own
            speaker = _speaker_name(plain[: said.end()])
            if not speaker:
                cut = plain  # "He predicted that …": no name to give, the attribution stays
        plain = cut
    tail = _TAIL_ATTRIBUTION.search(plain)
    # the whole sentence's core would be its closing attribution ("The person said" headed
    # a replayed paragraph whose claim came before ", the person said")
    closing = _CLOSING_ATTRIBUTION.search(plain) is not None
    if tail is not None and tail.start() > 0:
        claim = plain[: tail.start()].strip()
        if not speaker and (_DEONTIC.search(claim) or _HEDGED.search(claim)):
            # "The drugs may be effective …, Fauci said": Fauci's assessment, not the page's
            speaker = _tail_speaker(tail.group())
        plain = claim
    heading = _cut_heading(_main_clause(plain))
    last = heading.split()[-1] if heading.split() else ""
    # only under a negation, where the lost verb turns the claim around ("did not find X"
    # for "did not find X conspired"); elsewhere the cut heading still reads true
    cut_subject = (
        bool(last)
        and _NEGATION.search(heading) is not None
        and not plain.rstrip(" .").endswith(last)
        and subject_cut_from_verb(plain, last)
    )
    if _cut_open(heading) or _PARTICLE_END.search(heading) or cut_subject:
        # the cut lost the verb ("The top U.S. envoy in fight") or the subject ("Do most of
        # what many home users want", left of "Because tablets are cheaper, and do most …"),
        # or it stops on a word that leaves it open ("Our process may"):
        # the parse's core clause, of what is left or else of the whole sentence
        core = headline_clause(plain) or (
            None if closing else headline_clause(normalize_quotes(text).strip())
        )
        if core is not None:
            heading = _cut_heading(core)
    if speaker and heading.lower().startswith((f"{speaker.lower()} ", f"the {speaker.lower()} ")):
        speaker = ""  # "AP: The AP reported …": the heading names its speaker already
    return f"{speaker}: {heading}" if speaker else heading


#: A phrasal verb's particle at the end of a cut, its object left behind ("The House is
#: expected to take up"): the parse's core keeps the object when it has one.
_PARTICLE_END = re.compile(
    r"\b(?:take|set|pick|bring|put|give|make|turn|call|carry|hold|"
    r"shut|rule|sign|lay|wipe|step)s?\s+(?:up|down|out|off)$",
    re.IGNORECASE,
)


#: A span of time that opens a "… after" / "… before" phrase, left at the end of a main
#: clause cut there: "The Senate confirmed the nominee | hours after …".
_TRAILING_SPAN = re.compile(
    r"(?:\s+(?:\d+|a|an|few|several|two|three|four|five|six|seven|eight|nine|ten|just|only|"
    r"mere|shortly))*\s+(?:minutes?|hours?|days?|weeks?|months?|years?|moments?|shortly|soon)$",
    re.IGNORECASE,
)


def broken_heading(heading: str) -> bool:
    """Tell a clause heading that does not read as one.

    No verb or subject, cut open, a bare pronoun for who ("It's problem", "They are
    introducing framework defining" headed replayed bullets), or two speakers ("GOP:
    Krugman: The economy would never recover": whose claim it is is lost).
    """
    return _cut_open(heading) or bool(_PRONOUN_HEADING.match(heading)) or heading.count(": ") >= 2


def _cut_open(heading: str) -> bool:
    """Tell a heading without its verb or subject, or cut on a word that leaves it open.

    Also a subordinate clause alone ("Where Supreme Court cleared way", "Since former
    special counsel released his report") and a reported clause cut before its verb ("The
    House ruled Tuesday that Nancy Pelosi's criticism") headed replayed bullets.
    """
    if (
        _ends_open(heading)
        or fragment(heading) is not None
        or _SUBORDINATOR.match(heading)
        or (_REPORT_DAY_END.search(heading) and not _WHEN_REPORTED.search(heading))
        or _OBJECT_VERB_END.search(heading)
        or (_VOTED_END.search(heading) and not _VOTE_DATES.search(heading))
        or _NAME_APPOSITIVE.match(heading)
        or _BARE_COPULA.fullmatch(heading)
    ):
        return True
    reported = _REPORTED_CLAUSE.search(heading)
    return reported is not None and fragment(reported.group(1)) is not None


_SAYING = (
    r"said|says|told \w+|announced|declared|reported|confirmed|argued|argues|claimed|warned|"
    r"insisted|"
    r"noted|suggested|wrote|writes|testified|acknowledged|admitted|believes?|hopes?|thinks?"
)
#: Words that open a subordinate clause, which cannot head a section alone.
_SUBORDINATOR = re.compile(
    r"(?:where|since|how|when|whenever|because|although|though|while|whether|unless|until|"
    r"if|once|why|what)\b",
    re.IGNORECASE,
)
#: A report cut after its day: "Speaker Pelosi announced Monday | there will be …".
#: Also a report without what it reports: "Trump said he hopes", "Cory Booker said".
_REPORT_DAY_END = re.compile(
    # (not a passive: "No winner was declared" is whole)
    rf"(?<!was )(?<!were )(?<!been )(?<!is )(?<!are )\b(?:{_SAYING})"
    r"(?:\s+(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+there)?|"
    # (the day may be gone already: "announced | there will be …")
    r"\s+there|\s+(?:he|she|they|it|we|i)\s+\w+)?"
    # where or how it was said, and nothing of what: "Nancy Pelosi announced in letter to
    # Democrats", "Donald Trump announced Sunday morning from White House" (2019-10 replay)
    r"(?:\s+(?:morning|afternoon|evening|night))?(?:\s+(?:in|at|from|during|via|through|"
    r"on)\s+(?:[\w.'’-]+\s+){0,3}[\w.'’-]+)?$",
    re.IGNORECASE,
)
#: A report that only dates another clause: "The new filing comes two days after Mr.
#: Mueller testified" is whole (a heading of the 2019-07 replay was cut to "The new filing
#: comes").
_DATING = r"\b(?:after|before|when|since|until|while)\s+"
_WHEN_REPORTED = re.compile(
    rf"{_DATING}(?:[\w.'’\-]+\s+){{1,4}}(?:{_SAYING})$",
    re.IGNORECASE,
)
#: A verb that cannot end a clause without its object: "Benjamin Netanyahu said he would
#: not allow" (… them to make a planned trip) headed a bullet of the 2019-08-05 replay.
_OBJECT_VERB_END = re.compile(
    # (not the nouns: "labor force", "U.S. forces", "a permit")
    r"\b(?:allow(?:s|ed|ing)?|let|lets|letting|permitted|enable[sd]?|forced|forcing|urge[sd]?|"
    r"require[sd]?|prevent(?:s|ed)?|persuade[sd]?|convince[sd]?|demanded|asked)$"
    # a finding without what was found ("A Dallas jury has found"; not "The body was
    # found") and a link verb without its complement ("dismayed by what seems")
    r"|(?<!was )(?<!were )(?<!been )(?<!be )\bfound$|\b(?:seems?|seemed|appears?|appeared)$"
    # whom a report is told, without what ("The commander told senior US diplomat"), and
    # an agent cut before the name after its office ("The inquiry was launched by House
    # speaker" | , Nancy Pelosi) headed bullets of the 2019-10 replay
    r"|\btold\s+(?!to\b)(?:[\w.'’-]+\s+){0,2}[\w.'’-]+$"
    rf"|\bby\s+(?:(?-i:[A-Z])[\w.'’-]*\s+){{1,2}}(?:{'|'.join(sorted(PERSON_TITLES))})$",
    re.IGNORECASE,
)
#: A vote without what for: "The House of Representatives voted Wednesday night" (2019-12
#: replay); a vote that only dates another clause is whole ("The attempt came after the
#: House voted").
_VOTED_END = re.compile(
    r"\bvoted(?:\s+(?:on\s+)?\w+day)?(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)
_VOTE_DATES = re.compile(rf"{_DATING}(?:\S+\s+){{0,6}}voted\b", re.IGNORECASE)
#: A name and the description set off after it, without the verb that follows both:
#: "Rashida Tlaib, Democratic U.S. House member barred by Israel" (… said she is rejecting
#: the offer) headed a bullet of the same replay.
#: (a name opens with no article: "A Ferguson, Mo., police officer shot …" is a place)
_NAME_APPOSITIVE = re.compile(
    r"^(?!(?:A|An|The)\s)(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*,\s+(?:the\s+|a\s+)?[A-Za-z]"
)
#: "… that <clause>" after a verb of saying or deciding: the clause keeps its own verb
#: ("wanted that question" is no reported clause).
_REPORTED_CLAUSE = re.compile(rf"\b(?:{_SAYING}|ruled|found|decided|concluded|determined|denied)\b"
                              r"(?:\s+\w+){0,2}\s+that\s+(.+)$")  # fmt: skip


#: A subject, "be" and one bare word: what made it say something was cut ("Graham was man"
#: of "Graham … was nominally the man in charge of the committee's hearing" headed a bullet).
_BARE_COPULA = re.compile(r"\S+\s+(?:is|was|are|were)\s+[a-z]\w*")


_PRONOUN_HEADING = re.compile(r"(?:it|they|he|she|we|you|i|this|that)(?:['’]s)?\b", re.IGNORECASE)


def _cut_heading(clause: str) -> str:
    """*clause* as a heading of ≤ 10 words that ends on a content word, headline style."""
    words = drop_offices(clause.split())
    limit = HEADING_WORDS[1] + 2

    if len(headline_style(words)) > limit:
        # fillers go before a cut does: "… to take up the relief bill again"
        # "more than" is a comparison, not a filler ("The President raised than $18 million")
        # ("more" only in "once more": "Obama did deport more people than …" lost it)
        # ("all" only after its subject or auxiliary, "they should all go": "would eliminate
        # virtually all private insurance" lost it)
        words = [w for k, w in enumerate(words) if not k or w.lower() not in _FILLERS
                 or (w.lower() == "more" and words[k - 1].lower() != "once")
                 or (w.lower() == "all" and words[k - 1].lower() not in _ALL_AFTER)
                 # "all the way", "all the time": a phrase, no filler
                 or (w.lower() == "all" and k + 1 < len(words)
                     and words[k + 1].lower() == "the")]  # fmt: skip
    if len(headline_style(words)) > limit:  # articles are dropped below: they do not count
        ends = _cut_points(words, limit)
        if ends and ends[-1] <= HEADING_WORDS[0]:
            # a cut that leaves the bare subject and verb ("The controversy started |
            # during a debate over …") says nothing: stop before a preposition with its
            # article too ("… during a debate | over a House resolution")
            ends = _cut_points(words, limit, loose=True)
        words = words[: ends[-1]] if ends else words[: HEADING_WORDS[1]]
    # "… should all go back" keeps its verb ("The president said" was all that was left)
    while len(words) > HEADING_WORDS[0] and _dangling(words[-1]) and not _to_do(words):
        words.pop()
    if (
        len(words) > HEADING_WORDS[0] + 2
        and words[-1].lower().endswith("ing")
        and words[-2].lower() in _GERUND_PREPOSITIONS
    ):
        words = words[:-2]  # "… violated FARA by failing" (to register): the act without how
    heading = " ".join(headline_style(words)).strip(" ,;:-—–'’")
    return heading[:1].upper() + heading[1:]


def _cut_points(words: Sequence[str], limit: int, loose: bool = False) -> list[int]:
    """Where a heading of *words* may stop.

    The prefixes of ≤ *limit* words that end before a function word (`_opens_phrase`);
    the phrase-closing ones when they keep enough.
    """
    # never before an article: "… directly addressed | the violence" leaves a verb
    # without its object
    # nor after a coordination just begun: "… religious freedom and reminded | those"
    # nor between "expected" and its infinitive ("The Senate is expected | to take up")
    # (the length counts the words left after articles go, as below)
    ends = [k for k in range(HEADING_WORDS[0], len(words)) if _opens_phrase(words, k, loose)
            and len(headline_style(words[:k])) <= limit
            and not _dangling(words[k - 1])
            # nor right after a preposition: "… for the furor over | his remarks"
            and words[k - 1].lower() not in _CLOSING_CUTS
            and words[k].lower() not in _ARTICLES
            # (or its object and its "to": "Democrats wanted him | to do")
            and not (words[k].lower() == "to" and (words[k - 1].lower() in _NEEDS_TO
                     or words[k - 2].lower() in _NEEDS_TO))
            and not (words[k].lower() == "of" and words[k - 1].lower() in _PART_OF)
            # nor inside a range: "projections that suggest 100,000 | to 240,000"
            and not (words[k].lower() == "to" and _NUMBER_WORD.match(words[k - 1])
                     and k + 1 < len(words) and _NUMBER_WORD.match(words[k + 1]))
            # "comes" is no news without when: "The new filing comes | two days after …"
            and not _COMES.search(" ".join(words[:k]))
            # a phrasal verb keeps its object: "to crack down | on migrants"
            and words[k - 1].lower() not in {"down", "up", "out", "off", "back", "away"}
            and not {"and", "or", "but"} & {w.lower() for w in words[k - 2 : k]}]  # fmt: skip
    # a cut before a preposition or conjunction closes a phrase; one before a pronoun or
    # possessive may leave a verb without its object ("… promoting | his memoir")
    closing = [k for k in ends if words[k].lower().strip(",") in _CLOSING_CUTS]
    # … unless it keeps little of what a later cut keeps: "The House voted | to condemn
    # the president for his tweets | about …" read "The House voted"
    if closing and (not ends or closing[-1] >= 0.6 * ends[-1]):
        ends = closing
    return ends


#: "comes" and the span before its "after" / "as": the heading goes on to what it comes after.
_COMES = re.compile(
    r"\b(?:comes|came|(?<!\bto )(?<!\bwill )(?<!\bwould )(?<!\bcan )(?<!\bcould )come)"
    r"(?:\s+(?:just|only|a|an|few|several|\d+|two|three|four|five|six|seven|eight|nine|ten|"
    r"minutes?|hours?|days?|weeks?|months?|years?))*$",
    re.IGNORECASE,
)


def _opens_phrase(words: Sequence[str], k: int, loose: bool = False) -> bool:
    """Tell whether a heading may stop before ``words[k]``.

    Before a function word; or (*loose*) before a word that is a preposition when an article
    follows ("a debate | over a resolution"; "over" alone may be an adverb).
    """
    if _dangling(words[k]):
        return True
    return (
        loose
        and words[k].lower() in _CLOSING_CUTS
        and k + 1 < len(words)
        and words[k + 1].lower() in _ARTICLES
    )


#: A figure: "100,000", "$2", "9.5%".
_NUMBER_WORD = re.compile(r"[$£€]?\d[\d,.]*%?$")
_NEGATION = re.compile(r"\b(?:not|never|no)\b|n['’]t\b", re.IGNORECASE)
#: Prepositions whose gerund needs its object: a heading does not end on "by failing".
_GERUND_PREPOSITIONS = frozenset({"by", "without", "for", "from", "of", "after", "before"})


#: What someone says ought to happen: a demand or an opinion, never the page's own voice.
_DEONTIC = re.compile(r"\b(?:should|must|ought to|needs? to|has to|have to)\b", re.IGNORECASE)


#: What someone else should have done: "Pelosi could have apologized" is a reproach.
_REPROACH = re.compile(r"\b(?:could|might) (?:just |simply )?have\b", re.IGNORECASE)


#: A claim held as possible, not as fact.
_HEDGED = re.compile(r"\b(?:may|might|could|likely|probably|possibly)\b")  # not "May"


def _tail_speaker(attribution: str) -> str:
    """Who a closing attribution names: its last run of capitalised words.

    ", Fauci said" → "Fauci"; ", according to Goldman Sachs economists" → "Goldman Sachs";
    "" when it names no one ("according to the study").
    """
    text = attribution.lstrip(",; ")
    found = re.match(r"(?i:according to)\s+([^,;]+)", text)
    who = found.group(1) if found else re.split(rf"\s+(?:{_TAIL_VERBS})\b", text, maxsplit=1)[0]
    run: list[str] = []
    for word in who.split():
        bare = word.strip(".,'’")
        if bare[:1].isupper() and bare.lower() not in _PERSON_TITLES and bare.lower() != "the":
            run.append(bare)
        elif run and not bare[:1].isupper():
            break
    return " ".join(run)


def _speaker_name(attribution: str) -> str:
    """Who an opening attribution names.

    Its last name when a name ends it ("… Chairman Jerrold Nadler on Sunday said" →
    "Nadler"), else its subject's last words ("Democratic leaders said" → "Democratic
    leaders").
    """
    drop = {*_REPORTS, *_VIEWS, "that", "on", "has", "have", "had"}
    # who stands before the verb: "The Trump campaign argued in a legal filing that" names
    # the campaign, not "legal filing"
    verb = re.search(rf"\b(?:{'|'.join((*_REPORTS, *_VIEWS))})\b", attribution)
    attribution = attribution[: verb.start()] if verb and verb.start() > 0 else attribution
    words = [w.strip(",") for w in _DAY_PHRASE.sub("", attribution).split()]
    if len(words) > 2 and words[-1] == "and":
        # a second verb of the subject: "Advocates blamed crumbling infrastructure and said"
        # names the advocates ("Infrastructure and" headed a brief's bullet)
        verb_at = next((k for k, w in enumerate(words) if k and re.fullmatch(r"[a-z]+ed", w)), 0)
        words = words[:verb_at] if verb_at else words[:-1]
    # an adverb is no part of who: "President Donald Trump once suggested" → "Trump", not
    # "Trump once" (a replayed bullet was headed "Trump once: Second Amendment people …")
    words = [w for w in words if w.lower() not in drop and w.lower() not in WEEKDAYS
             and w.lower() not in _SPEAKER_ADVERBS and not w.lower().endswith("ly")]  # fmt: skip
    # where or when is no part of who: "The court in 1997 said" names the court
    cut = next((k for k, w in enumerate(words) if k and w.lower() in _WHERE_WHEN), len(words))
    words = words[:cut]
    if not words or words[-1].lower() in _PRONOUNS:
        return ""  # "He also said …": a pronoun names no one in a heading
    who = words[-1] if words[-1][:1].isupper() else " ".join(words[-2:])
    if who.lower() in _ORG_WORDS:
        # a body's name is its whole run of capitals: "The White House said" is the White
        # House's ("House: Any talks with North Korea must …" headed a replayed bullet)
        run = list(itertools.takewhile(lambda w: w[:1].isupper() and w != "The", reversed(words)))[
            :4
        ]
        who = " ".join(reversed(run)) if len(run) > 1 else who
    return who[:1].upper() + who[1:]


_WHERE_WHEN = wordset("in during at")
_PRONOUNS = wordset("he she they it we i you")


#: Adverbs between a speaker and their verb ("Trump once suggested", "she also argued").
_SPEAKER_ADVERBS = wordset(
    "once also again then later earlier previously since still now even long"
)


#: Words that open a clause: a key phrase holding one is part of a sentence, not a topic.
_CLAUSE_WORDS = wordset("that which who whom whose whether because if")


#: Every word of an office or title, for telling a heading that only names someone.
_ALL_TITLE_WORDS = _PERSON_TITLES | _TITLE_PREFIXES | _TITLE_WORDS


def _proper_name(phrase: str) -> bool:
    """Tell whether *phrase* is a name or an office, which says who, not what.

    A name: every word capitalised but "of", "the", "and" (the first may be an office in
    lower case: "counsel Robert Mueller"); an office: only title words ("special counsel").
    """
    words = phrase.split()
    lows = [w.lower().strip(",.'’") for w in words]
    if all(low in _ALL_TITLE_WORDS for low in lows):
        return True
    capitalised = all(w[:1].isupper() or w.lower() in {"of", "the", "and", "for", "de"}
                      for w in words[1:])  # fmt: skip
    return capitalised and (words[0][:1].isupper() or lows[0] in _ALL_TITLE_WORDS)


def topic_heading(text: str, key_phrases: Sequence[str], taken: set[str]) -> str | None:
    """A 2–5 word topic heading ("US-Belarus relations") from *key_phrases* found in *text*.

    Phrases already used on the page (*taken*, lower-case) are skipped, so two headings never
    repeat one entity name.
    """
    lowered = normalize_quotes(text).lower()
    for phrase in key_phrases:
        low = phrase.lower().strip()
        if not low or low in taken or not 1 <= len(low.split()) <= 5:
            continue
        if " " not in low and phrase.islower():
            continue  # one common word ("Country" headed a replayed paragraph) names no topic
        if _CLAUSE_WORDS & set(low.split()):
            continue  # a clause cut in two ("crowd that family farms"), not a topic
        if _proper_name(phrase):
            continue  # "President Trump", "United States": a name says who, not what
        if any(low in t or t in low for t in taken):
            continue
        at = lowered.find(low)
        if at >= 0:
            surface = normalize_quotes(text)[at : at + len(low)]
            return surface[:1].upper() + surface[1:]
    return None
