"""Primary sources: quotations in article text, their speakers, grouped across outlets.

Quotes are found in straight (``"``) and curly (``“ ”``) double quotes, across sentences,
and across paragraphs by the newspaper convention (an unclosed quote at the end of a
paragraph continues in the next one). The speaker comes from the attribution around
the quote, tried in this order (all are in ``tests/analysis/attribution_cases.json``):

- after the quote: ``"…," Coale said`` · ``"…," said John Coale, the envoy`` ·
  ``"…," Coale, 54, told reporters`` · ``"…," a ministry spokesman said`` ·
  ``"…," presidential physician Sean Conley wrote`` · ``"…," Campaign Legal Center
  president Trevor Potter said`` · ``"…," Ken Blackwell of the Family Research Council
  told CBN`` · ``"…," says Texas Tech political scientist Seth McKee`` ·
  ``"…," according to Coale`` · ``"…" — John Coale`` · ``"…," the agency quoted
  Lukashenko as saying``;
- before the quote: ``Coale said: "…"`` · ``Coale told reporters, "…"`` · ``Coale said
  that "…"`` · ``According to Coale, "…"`` · ``Coale was quoted as saying "…"`` ·
  ``Coale: "…"`` · ``said an official involved in the talks, "…"`` · ``Navarro opened
  the memo by writing, "…"`` · ``Cummings of Maryland, top Democrat on the panel, said, "…"``;
- pronouns (``"…," he said``) resolve to the speaker of the previous quote when it was
  in the previous sentences, else to the first name of the previous sentence;
- an unattributed quote right after an attributed one continues that speaker;
- inside a sentence: the subject before a speech cue, the possessor of a speech noun
  (``Lincoln's proclamation … inviting citizens to "…"``), the name after the next quote
  of the same clause (``The order "…" is really "…," Cuomo said``);
- titles in quotes (``told ABC's "Meet the Press"``) have no speaker; photo captions
  ("… REUTERS/Name") are blanked before any of this.

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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.analysis.regions import country_of
from newsprism.nlp.sentences import split_sentences
from newsprism.nlp.text import word_list

__all__ = [
    "Quote",
    "extract_quotes",
    "group_quotes",
    "is_speaker_name",
    "resolve_speakers",
    "speaker_key",
    "surname_aliases",
]

_VERBS = (
    r"(?:said|says|say|told|tells|added|adds|wrote|writes|write|written|reported|eulogized|tweeted|posted|explained|explains|"
    r"noted|notes|insisted|insists|argued|argues|warned|warns|announced|stated|states|"
    r"declared|continued|asked|asks|replied|replies|responded|recalled|acknowledged|admitted|"
    r"claimed|claims|concluded|conceded|cautioned|urged|emphasized|emphasised|stressed|"
    r"observed|remarked|commented|predicted|suggested|complained|countered|confirmed|"
    r"confirms|asserted|repeated|recounted|wondered|maintained|continues|responds|reports|"
    r"clarified|contends|contended|counters|recalls|puts\s+it|put\s+it|vowed|pledged|boasted|lamented|joked|mused|quipped|shouted|testified|"
    r"proclaimed|exclaimed|bragged|fumed|snapped|scoffed|retorted|elaborated|reflected|"
    r"speculated|speculates|boasts|observes|predicts|ends|"
    r"pointed\s+out|points\s+out|went\s+on|"
    r"(?:was|were)\s+quoted\s+(?:\w+\s+){0,3}?as\s+saying)"
)
_CAP = r"[A-ZÀ-Ý][\w'’\-]*"
_PARTICLE = r"(?:de|da|del|der|van|von|al|bin|la|le|di|du|ibn)"
_HONORIFIC_WORD = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Adm|Maj)\."
_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Adm|Maj)\.\s+)"
# blanks inside a name, never a line break: "REUTERS/Edgard Garrido\n\nLighthizer said" is
# a photo credit, then a new paragraph's speaker
_SPACE = r"[^\S\n]+"
_NAME = (
    rf"{_HONORIFIC}?(?:(?:[A-Z]\.){{2,}}|{_CAP}|[A-Z]\.)"
    rf"(?:{_SPACE}(?:(?:[A-Z]\.){{2,}}|[A-Z]\.(?=\s+[A-Z])|{_HONORIFIC_WORD}(?=\s+[A-Z])|{_CAP}|"
    rf"[A-Z]\.|{_PARTICLE}(?=\s+[A-Z])))*"
)
_PRONOUN = r"(?<![\w’'])(?:he|she|they|it|He|She|They|It)(?![\w’'])"
# the lookbehind keeps "an" inside "spokesman Ryan Mahoney" from starting a nominal
_NOMINAL = (
    r"(?<![\w’'])(?:the|a|an|one|another|his|her|their|The|A|An|One|Another|His|Her|Their)"
    r"\s+[^,.;:\"“”—–]{1,70}?"
)
_WHO = rf"(?P<who>{_NAME}|{_PRONOUN}|{_NOMINAL})"
# "Cummings of Maryland, top Democrat on the committee, said": an "of X" part, then a
# comma-delimited apposition, each optional
_APPOSITIVE = (
    r"(?:\s*\([^()\"“”]{1,40}\))?"  # "(R-S.C.)"
    r"(?:\s+(?:of|from|at)\s+(?:the\s+)?[A-Z][^,\"“”]{1,60}?)?"
    # "Nancy Pelosi, a member of the “Gang of Eight” congressional leaders …, told"
    # and two of them: "David Ablett, 74, a retired car dealer, said"
    r"(?:(?:\s*,\s*(?:[^,;\"“”]|[“\"][^\"“”\n]{1,40}[”\"]){1,200}?){1,2}\s*,)?"
)
# adverbs and auxiliaries between a speaker and the verb: "has long argued", "also said"
_ADVERB = r"(?:\s+(?:has|have|had|would|will|later|also|then|again|earlier|previously|\w+ly)){0,2}"

_AFTER = [
    # "…," Coale said / "…," Coale, the envoy, told reporters / "…" he added
    re.compile(rf"^\s*,?\s*{_WHO}{_APPOSITIVE}{_ADVERB}\s+{_VERBS}\b"),
    # "…," presidential physician Sean Conley wrote / "…," Campaign Legal Center president
    # Trevor Potter said (a lower-case job title, maybe after an organisation, then the name)
    re.compile(
        rf"^\s*,?\s*(?:[A-Z][\w’'\-]*\s+){{0,4}}(?:[a-z0-9][\w'’\-]*\s+){{1,4}}?"
        rf"(?P<who>{_NAME}){_APPOSITIVE}\s+{_VERBS}\b"
    ),
    # "…," said John Coale, the envoy
    re.compile(
        rf"^\s*,?\s*{_VERBS}\s+(?P<who>{_NAME}|{_NOMINAL})"
        rf"(?=\s*[,.;(]|\s*$|\s+(?:in|on|at|to|of|who|after|before|during|and)\b)"
    ),
    # "…," says Texas Tech University political scientist Seth McKee, a longtime observer
    re.compile(
        rf"^\s*,?\s*{_VERBS}\s+(?:[A-Z][\w’'\-]*\s+){{0,4}}(?:[a-z][\w\-]*\s+){{1,4}}"
        rf"(?P<who>{_NAME})(?=\s*[,.;]|\s*$|\s+(?:in|on|at|to|of|who|during|and)\b)"
    ),
    # "…," said Secretary of State spokesman Jake Rollow.
    re.compile(
        rf"^\s*,?\s*{_VERBS}\s+(?:[A-Z][\w’'\-]*\s+|(?:of|for|the|and)\s+){{1,6}}"
        rf"(?:[a-z][\w\-]*\s+){{1,3}}(?P<who>{_NAME})(?=\s*[,.;]|\s*$)"
    ),
    # "…" during midterm campaigns, said Gutierrez
    re.compile(
        rf"^\s*,?\s*(?:[a-z][\w’'\-]*\s+){{1,5}}?[a-z][\w’'\-]*\s*,\s*{_VERBS}\s+"
        rf"(?P<who>{_NAME})(?=\s*[,.;]|\s*$)"
    ),
    # "…," Michael McAdams a spokesman for the House Republicans’ campaign arm said
    re.compile(
        rf"^\s*,?\s*(?P<who>{_NAME})\s+(?:a|an|the)\s+[a-z][^,.;\"“”]{{0,80}}?\s+{_VERBS}\b"
    ),
    # "…" for six months or longer, Feroli said
    re.compile(
        rf"^\s*,?\s*(?:[a-z0-9][\w’'\-]*\s+){{1,6}}?[a-z0-9][\w’'\-]*\s*,\s*(?P<who>{_NAME})"
        rf"{_ADVERB}\s+{_VERBS}\b"
    ),
    # "…," Biden fibbed. (any verb in the past tense, then the sentence ends)
    re.compile(rf"^\s*,?\s*(?P<who>{_NAME})\s+[a-z]{{3,}}ed\s*(?:[.;]|$)"),
    # "…," according to Coale
    re.compile(rf"^\s*,?\s*according\s+to\s+(?P<who>{_NAME}|{_NOMINAL})(?=\s*[,.;]|\s*$)"),
    # "…" — John Coale
    re.compile(rf"^\s*[—–-]{{1,2}}\s*(?P<who>{_NAME})"),
    # "…," the agency quoted Lukashenko as saying
    re.compile(rf"^\s*,?\s*[^\"“”]{{1,80}}?\s+quoted\s+(?P<who>{_NAME})\s+as\s+saying"),
]
_BEFORE = [
    # Coale said: / Coale, the envoy, told reporters on Friday that / he added,
    re.compile(
        rf"{_WHO}{_APPOSITIVE}{_ADVERB}\s+{_VERBS}(?:\s+[^\"“”:;]{{0,60}}?)?\s*[:,]?\s*(?:that\s*)?$"
    ),
    # said an official involved in the talks, "…" / said Jane Doe, a former executive, "…"
    re.compile(rf"\b{_VERBS}\s+(?P<who>{_NAME}|{_NOMINAL})(?:\s*,\s*[^\"“”]{{1,120}}?)?\s*,\s*$"),
    # Navarro opened the memo by writing, "…"
    re.compile(
        rf"{_WHO}\s+[a-z]\w*(?:\s+[^\"“”:;,]{{0,50}}?)?\s+by\s+(?:saying|writing|adding)\s*[:,]?\s*$"
    ),
    # According to Coale, / according to the Belarusian Telegraph Agency,
    re.compile(rf"\b[Aa]ccording\s+to\s+(?P<who>{_NAME}|{_NOMINAL})\s*,?\s*$"),
    # Coale: "…"
    re.compile(rf"(?:^|[.;]\s+)(?P<who>{_NAME})\s*:\s*$"),
    # .@KamalaHarris: "…" (an embedded tweet)
    re.compile(r"(?:^|\s|\.)(?P<who>@[A-Za-z]\w+)\s*:\s*$"),
]
_ACCORDING = re.compile(rf"\b[Aa]ccording\s+to\s+(?P<who>{_NAME}|{_NOMINAL})(?=\s*[,.;]|\s*$)")
_NAME_RE = re.compile(_NAME)
_VERB_RE = re.compile(rf"\b{_VERBS}\b")
_SAID_BY = re.compile(rf"(?P<who>{_NAME}){_APPOSITIVE}{_ADVERB}\s+{_VERBS}\b")


def _said_by(segment: str) -> re.Match[str] | None:
    """The first "Name … said" of *segment* whose name is a name.

    "When asked whether Mr. Trump …, Mr. Comey said": "When asked" reads as a name and a
    verb; the speaker is the next match.
    """
    pos = 0
    while (match := _SAID_BY.search(segment, pos)) is not None:
        who = _clean_who(match.group("who"))
        if who and who.lower() not in _LEADING_NOISE:
            return match
        pos = match.end("who")  # "Meanwhile, Sen. Christopher Murphy, …, said": look on
    return None


#: "…," Gabbard's lawyer wrote: an attribution the patterns do not read is no continuation.
_UNREAD_ATTRIBUTION = re.compile(rf"^\s*,?\s*(?:[\w’'\-]+\s+){{0,4}}{_VERBS}\b")
_PRONOUN_SAID = re.compile(rf"\b(?:he|she|they|it)\s+{_VERBS}\b")

#: Words that start a capitalised run without being part of the name.
_LEADING_NOISE = frozenset(
    word_list(
        """but and so then later earlier however meanwhile still also yet on in at as when while
    according likewise moreover indeed instead furthermore additionally similarly nevertheless
    nonetheless ultimately finally
    after before since if though although because during for from with by to of the this
    that these those it its there here now today tonight yesterday following asked speaking
    early late
    addressing despite like unlike including given amid among just even only most many some
    other others several both each every all any no where what why how who which whose nor
    within"""
    )
)
#: Honorifics and offices stripped from the grouping key ("President Joe Biden" → "joe biden").
_TITLES = frozenset(
    word_list(
        """mr mrs ms miss mx dr prof professor president vice prime minister secretary sen senator
    rep representative gov governor mayor judge justice chief gen general lt col colonel capt
    captain sgt sergeant adm admiral attorney speaker leader chancellor king queen prince
    princess pope ambassador envoy spokesman spokeswoman spokesperson ceo chairman chairwoman
    chair director commissioner officer sheriff det detective rev reverend father sir dame lord
    lady u.s us uk state foreign defense defence interior finance health house majority whip
    minority former deputy acting special co-chair co-chairman co-founder co-host founder
    therapist psychologist psychiatrist economist analyst strategist historian pollster
    scientist researcher lawyer physician epidemiologist pastor rabbi imam bishop cardinal
    director-general secretary-general attorney-general solicitor-general inspector-general
    vice-president under-secretary executive"""
    )
)
#: Titles that are not also surnames ("King", "Lord"): a speaker made only of them is an
#: office whose holder's name follows ("said Secretary of State spokesman Jake Rollow").
_OFFICES = _TITLES - frozenset(
    word_list("king queen prince princess lord lady father sir dame chief rev speaker")
)
_NOT_NAMES = frozenset(
    word_list(
        """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december i it this that he's she's
    it's they're instead his her their its our my your that's you're we're i'm there's you we
    one
    what's who's here's let's we've they've you've
    mr mrs ms dr sen rep gov gen lt col sgt capt prof rev adm maj"""
    )
)
_WEEKDAYS = frozenset(word_list("monday tuesday wednesday thursday friday saturday sunday"))
_MIN_WORDS_ATTRIBUTED = 3
#: Unattributed short quotes are mostly scare quotes and titles ("fake news").
_MIN_WORDS_UNATTRIBUTED = 6


@dataclass
class Quote:
    """One quotation in one text: its words, where it is, and who said it (if known)."""

    text: str
    start: int
    end: int
    speaker: str | None
    kind: str = "direct"  # or "reported" (an "according to X" sentence without quotes)


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each quotation's text; an unclosed quote ends with its paragraph."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n" and open_at is not None:
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


def _clean_who(who: str) -> str | None:
    if who.startswith("@"):
        # a handle: "@KamalaHarris" → "Kamala Harris", "@realDonaldTrump" → "Donald Trump"
        parts = re.findall(r"[A-Z][a-z’'\-]+", who)
        return " ".join(parts) if len(parts) >= 2 else None
    words = who.strip().strip(",").split()
    while words and words[0].lower().strip(".,") in _LEADING_NOISE and len(words) > 1:
        if words[0].lower() in {"the", "a", "an"} and (
            not words[1][:1].isupper() or words[-1] in _OFFICE_SPELLINGS
        ):
            break  # a nominal speaker: "the envoy", "the New York senator"
        words = words[1:]
    if not words:
        return None
    if words[0] == "The" and len(words) > 1 and words[-1] in _OFFICE_SPELLINGS:
        words = ["the", *words[1:]]  # "The New York senator said": an office, resolved later
    if (
        words[0].lower() == "the"
        and len(words) > 1
        and words[-1] not in _OFFICE_SPELLINGS
        and words[1][:1].isupper()
    ):
        words = words[1:]  # "the Belarusian Telegraph Agency" → proper name
    while len(words) > 1 and words[-1].lower().strip(".,") in _WEEKDAYS:
        words = words[:-1]  # "the White House Monday night": the day is no part of the name
    cleaned = re.sub(r"['’]s$", "", " ".join(words).strip(" ,.;:"))  # "Buttigieg’s" → "Buttigieg"
    if cleaned.lower().replace("’", "'") in _NOT_NAMES or len(cleaned) < 3:
        return None
    if _CONTRACTION.fullmatch(cleaned.split()[0]):
        return None  # "I’ve been in 43 states … they say": no name
    named = re.search(rf"\b(?:where|when|as|after)\s+(?P<who>{_NAME})$", cleaned)
    if named and cleaned[:1].lower() in {"t", "a", "o"} and words[0].lower() in _NOMINAL_HEADS:
        return named.group("who")  # "the words in the opinion where Scalia wrote"
    if len(words) > 1 and words[0].lower() in _NOMINAL_HEADS and words[1].islower():
        # a description, whatever its place in the sentence: "The letter states" is "the
        # letter", so that "The president said" resolves like "the president said"
        cleaned = cleaned[0].lower() + cleaned[1:]
    return cleaned


_NOMINAL_HEADS = frozenset(word_list("the a an one another his her their"))
_CONTRACTION = re.compile(r"(?i)(?:i|we|you|they|he|she|it|that|there|what|who|let)['’]\w{1,2}")


def _is_pronoun(who: str) -> bool:
    return who.lower() in {"he", "she", "they", "it"}


#: The Hill's hover cards: the name again, glued to headlines, up to "MORE" ("Stephanie
#: Grisham Stephanie GrishamHill.TV's Saagar Enjeti on impeachment: … MORE said").
_HOVER_CARD = re.compile(
    r"\b(?P<surname>[A-Z][\w'’\-]+)\s+(?:[A-Z(][\w.()'’\-]*\s+){1,3}?(?P=surname)"
    r"(?=[A-Z0-9'\"‘“])[^\n]{0,600}?\sMORE\b"
)
#: Speech cues before a quote embedded in a sentence ("Trump …, declaring on Twitter
#: that he “…”", "The Times noted that, … “…”"): the sentence's subject said it.
_EMBEDDED_CUE = re.compile(
    rf"\b(?:{_VERBS}|saying|declaring|writing|adding|promised|promising|warning|arguing|"
    r"insisting|claiming|noting|vowing|urging|telling|called|calling|described|describing|"
    r"tweeting|posting|announce|declare|tell|warn|argue|insist|admit|acknowledge|disclosed|"
    r"revealed|informed|"
    r"accused|accusing)\b"
)
_TITLED = re.compile(
    r"\b(Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|President|Senator|Governor|Secretary|Justice|Judge|"
    r"Mayor|Speaker|Leader|Chairman|Chairwoman)\.?\s+(?:[A-Z][\w'’\-]+\s+)?([A-Z][\w'’\-]+)\b"
)
_HONORIFIC_GENDER = re.compile(
    r"\b(?P<h>Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z][\w'’\-]+\s+)*?(?P<s>[A-Z][\w'’\-]+)\b"
)
#: Words that make a capitalised run an organisation or a place, not a person.
_ORG_WORDS = frozenset(
    word_list(
        """house senate congress court department ministry office committee agency news times
    post journal network party administration council association institute university
    center centre group company inc corp foundation commission bureau service services
    campaign union league club church school college hospital police army navy force
    media press magazine newspaper television radio tv street avenue city county state
    states republic kingdom island islands mountain airport station day
    week act bill law amendment war eve christmas thanksgiving easter hill policy
    twitter facebook instagram youtube google amazon apple microsoft"""
    )
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

    text = _HOVER_CARD.sub(blank, text)
    text = _CAPTION.sub(lambda m: " " * len(m.group()), text)
    return _FURNITURE.sub(lambda m: " " * len(m.group()), text)


_FURNITURE = re.compile(r"[^\n]*By signing up, you agree to our Privacy Policy[^\n]*")
#: Photo captions: a paragraph ending in a credit ("… March 5, 2018. REUTERS/Edgard
#: Garrido", "(Photo: Allen Breed, AP)"). Their names are photographers and their quotes
#: titles; 1,752 such lines in baly2020.
_CAPTION = re.compile(
    r"^[^\n]*(?:\b(?:REUTERS|Reuters|AP Photo|AFP|EPA|Getty Images|Bloomberg|AP|Xinhua|UPI)"
    r"\s*/\s*[A-Z][^\n]*|\((?:Photo|Image|Credit):[^\n)]*\)[^\S\n]*)$",
    re.MULTILINE,
)


class _People:
    """Who a text names: full names by surname, and the gender its honorifics give."""

    def __init__(self, text: str) -> None:
        self.full = _full_names(text)
        self.gender: dict[str, str] = {}
        # surnames the text gives a title or honorific: "President Trump", "Mr. Barr"
        self.titled = {m.group(2).lower() for m in _TITLED.finditer(text)}
        for match in _HONORIFIC_GENDER.finditer(text):
            g = "he" if match.group("h") == "Mr" else "she"
            self.gender.setdefault(match.group("s").lower(), g)

    def person_score(self, name: str) -> int:
        """How surely *name* is a person's: 2, 1 (maybe) or 0.

        2: titled, first name + surname, or so named elsewhere in the text; 1: one unknown
        capitalised word; 0: an organisation, place or group.
        """
        # "Regent University's Eric Patterson" is Eric Patterson, not the university
        words = _person_tail(_person_tail(name).replace("’s", "").replace("'s", "")).split()
        if not words:
            return 0
        if any(w.lower().strip(".,") in _ORG_WORDS for w in words):
            return 0
        if len(words) == 1 and len(words[0]) >= 2 and words[0].isupper():
            return 0  # "DACA", "NATO": a programme or a body, not "he"
        if country_of(" ".join(words)) is not None or country_of(words[-1]) is not None:
            return 0
        if not is_speaker_name(" ".join(words)):
            return 0
        if len(words) >= 2 or words[0].lower() in self.titled:
            return 2
        fuller = self.full.get(words[0].lower())
        return 2 if fuller is not None and len(fuller.split()) >= 2 else 1

    def compatible(self, name: str, pronoun: str) -> bool:
        """Tell whether *pronoun* (he / she / they / it) can refer to *name*."""
        score = self.person_score(name)
        if pronoun == "it":
            return score < 2
        if score == 0:
            return False
        if name.split()[0].strip(".") in {"Mrs", "Ms", "Miss"}:
            gender = "she"
        elif name.split()[0].strip(".") == "Mr":
            gender = "he"
        else:
            gender = self.gender.get(name.split()[-1].lower().strip(".,’'s"), "")
        return pronoun not in {"he", "she"} or gender in {"", pronoun}

    def best(self, names: Sequence[str], pronoun: str) -> str | None:
        """The first of *names* that *pronoun* can refer to.

        Surer persons come first (for "it", surer non-persons).
        """
        fitting = [n for n in names if self.compatible(n, pronoun)]
        if not fitting:
            return None
        if pronoun == "it":
            return min(fitting, key=self.person_score)
        return max(fitting, key=self.person_score)


def _candidates(segment: str, *, possessors: bool = True) -> list[str]:
    """Names of *segment* in order, a speaker before a reporting verb first.

    Without *possessors*, a name in the possessive ("Trump's eldest son, …") is left out:
    it owns the subject, it is not the subject.
    """
    out: list[str] = []
    said = _said_by(segment)
    matches = list(_NAME_RE.finditer(segment))
    if said:
        matches.insert(0, said)
    for match in matches:
        name = _clean_who(match.group("who") if match.re is _SAID_BY else match.group())
        if not name or name.lower() in _LEADING_NOISE or _is_pronoun(name.split()[-1]):
            continue  # "S. She" of "in the U.S. She says"
        if re.fullmatch(r"[A-Z](?:\.[A-Z])*\.?|[A-Z]{1,3}", name) or not speaker_key(name):
            continue  # "U.S.", "UN": places and bodies, not the person a pronoun refers to
        inside_word = match.start() > 0 and (
            segment[match.start() - 1].isalnum() or segment[match.start() - 1] == "@"
        )
        if name.split()[0].lower() in {"one", "a", "an"} or re.search(r"\d", name) or inside_word:
            continue  # "one official"; "wUNn5lD372" or "3dJiFUsaoq" of a link
        if name.split()[0].strip(".") not in {"Mr", "Mrs", "Ms", "Dr"} and all(
            w.lower().strip(".,") in _OFFICES for w in name.split()
        ):
            continue  # "Secretary" of "Secretary of State Mike Pompeo"; "Mr. Judge" is a name
        if not possessors and match.group().endswith(("’s", "'s")):
            continue
        if match.re is _NAME_RE and (
            _MODIFIER.match(segment, match.end()) or segment[match.end() : match.end() + 2] in _POSS
        ):
            continue  # "the Bush administration", "the Trump campaign": not the person
        out.append(name)
    return out


_POSS = {"’s", "'s"}
#: Months that are also surnames ("Theresa May"): names only right before a speech verb.
_MONTH_SURNAMES = frozenset({"May", "June", "April", "August"})
_MODIFIER = re.compile(
    r"\s+(?:administration|campaign|team|family|government|camp|era|years|organization)\b"
)


_SUBJECT_PRONOUN = re.compile(
    r"^\W*(?:[A-Z][^,.;:\"“”]{0,40},\s+)?(?:(?:But|And|So|Then|Still|Yet)\s+)?"
    r"(?P<p>He|She|They|It|he|she|they|it)\b(?!['’])"
)


def _antecedent(
    text: str,
    sentences: Sequence[tuple[int, int]],
    index: int,
    before: str,
    pronoun: str,
    people: _People,
    inside: Callable[[int], bool],
) -> str | None:
    """The name *pronoun* refers to.

    Looked for in *before* (the quote's sentence up to the quote), else in the nearest
    earlier sentence (of six) that names a fitting one, a speaker before a reporting verb
    and surer persons first; a sentence whose subject is the same pronoun is about the
    same person, so its names are skipped, and so are sentences *inside* a quotation.
    """
    found = people.best(_candidates(before), pronoun)
    if found:
        return found
    opening = _NOMINAL_OPENING.match(before)
    if (
        opening is not None
        and pronoun != "it"
        and opening.group("who").split()[-1] in _OFFICE_SPELLINGS
    ):
        # "As for DACA, the majority leader sketched out …: “…,” he said"
        return _lower_first(opening.group("who"))
    for j in range(index - 1, max(-1, index - 7), -1):
        if inside(sentences[j][0]):
            continue  # "…Should these issues not be resolved…" of an earlier quotation
        sentence = text[sentences[j][0] : sentences[j][1]]
        subject = _SUBJECT_PRONOUN.match(sentence)
        if subject is not None and subject.group("p").lower() == pronoun:
            continue  # "He also spent …": the same person; names in it are objects
        nominal = (_NOMINAL_THING if pronoun == "it" else _NOMINAL_SUBJECT).match(sentence)
        if nominal is not None:
            return nominal.group("who")[0].lower() + nominal.group("who")[1:]
        found = people.best(_candidates(sentence), pronoun)
        if found:
            return found
    return None


#: A sentence opening with an unnamed subject before its verb: "Early on Monday, the U.S.
#: president ratcheted up tension … by tweeting that “…”".
_NOMINAL_OPENING = re.compile(
    r"^\W*(?:[A-Z][^,.;:\"“”]{0,60},\s+)?(?P<who>(?<![A-Za-z])[Tt]he\s+(?:[A-Z][\w.\-]*\s+){0,2}"
    r"(?:[a-z][\w\-]*\s+){0,2}?[a-z][\w\-]*)(?:\s*,[^,.;:\"“”]{1,80},)?\s+(?:[a-z]+ed|[a-z]+s)\b"
)
#: "The joint statement calls on Russia …": what "it" may refer to.
_NOMINAL_THING = re.compile(
    r"^\W*(?P<who>(?:The|A|An)\s+[a-z][^,.;:\"“”]{0,40}?)\s+(?:[a-z]+s|[a-z]+ed)\b"
)
#: A sentence's subject: a name (after capitalised bodies and a lower-case job title) right
#: before its verb: "At a press conference, Republican Rep. Elise Stefanik summed up …".
_OPENING_SUBJECT = re.compile(
    rf"^\W*(?:[A-Z][^.;:\"“”]{{0,120}},\s+)?(?:(?:[A-Z][\w\-]*(?<![’'])\.?\s+|of\s+(?=[A-Z])){{0,6}}"
    rf"(?:(?!(?:on|of|in|to|with|for|at|by|from|and|or)\b)[a-z][\w\-]*\s+){{0,3}}?)?"
    rf"(?P<who>{_NAME})(?<![’']s){_APPOSITIVE}(?:\s*,)?(?:\s+[a-z]+ly)?"
    r"(?:\s+(?:on|last|this|early|late)\s+[A-Z]?[a-z]+)?\s+"
    r"(?:[a-z]+(?:s|ed)|does|did|has|had|was|is|took|made|gave|went|came|met|held|sent|spoke|"
    r"ran|left|won|lost|began|became|kept|brought|thought|felt|found|put|sought|stood|got|"
    r"took|wrote|told|said|saw|knew|led|fought|chose|drew|broke|struck|threw|hit|cut|set)\b"
)
#: "A representative for the account told Recode that …": an unnamed subject speaking.
_NOMINAL_SUBJECT = re.compile(
    rf"^\W*(?P<who>(?:The|A|An|One)\s+[a-z][^,.;:\"“”]{{0,60}}?){_APPOSITIVE}{_ADVERB}\s+{_VERBS}\b"
)


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
        # the attribution may sit in the next "sentence" when the quote ends in "!" or "?"
        _, e_end = sentence_of(min(len(text), q_end + 2))
        para_start = text.rfind("\n", 0, q_start) + 1
        pre_from = max(s_start, prev_end + 1 if prev_end else 0, para_start)
        pre = text[pre_from : max(pre_from, q_start - 1)]
        after_close = q_end + 1 if q_end < len(text) and text[q_end] in '"”' else q_end
        post = text[after_close : max(after_close, e_end)]
        if after_close == q_end:
            post = ""  # unclosed: the quote goes on in the next paragraph, not its speaker
        who = _attribution(post, _AFTER) or _attribution(pre, _BEFORE)
        if who is None and n + 1 < len(spans) and after_close > q_end:
            who = _shared_attribution(text, after_close, spans[n + 1], sentence_of)
        explicit = who is not None
        if who is None:
            who = _embedded_subject(
                text[max(s_start, para_start) : max(s_start, q_start - 1)], people
            )
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
            if fresh:
                speaker = fresh[0]  # "Xinhua said in a commentary …. “…,” it said."
            elif (
                last_speaker
                and (recent or _PRONOUN_SAID.search(before))
                and (last_pronoun == pronoun or people.compatible(last_speaker, pronoun))
            ):
                # the previous sentence was that speaker's (possibly "…, he said." reported)
                speaker = last_speaker
            else:
                own = text[s_start : max(s_start, q_start - 1)]
                speaker = _antecedent(text, sentences, index, own, pronoun, people, quoted)
                if speaker is None and index <= 0:
                    # the text opens with "She added:": the first fitting name after it
                    later = text[q_end : q_end + 1500]
                    speaker = people.best(_candidates(later), pronoun)
            last_pronoun = pronoun
        elif who is not None:
            speaker = _clean_who(who) or (who if who in _MONTH_SURNAMES else None)
            last_pronoun = ""
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
            and re.search(r"\b(?:adding|saying|calling|noting|and)\b[^\"“”]{0,40}$", pre)
        ):
            # the previous quote's attribution goes on: "“A,” wrote Mark Seltzer, an EPA
            # attorney, adding the approach “B”"
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
        quotes.append(Quote(inner, q_start, q_end, speaker))
    quotes.extend(_reported(text, sentences, quotes))
    quotes.sort(key=lambda q: q.start)
    return quotes


#: Lower-case words a title keeps: "Gang of Eight", "A Case for Government Action".
_TITLE_SMALL_WORDS = frozenset(
    word_list("a an the of and or for to in on at by with from vs v. is as nor but")
)


def _is_title(quoted: str) -> bool:
    """Tell whether *quoted* is a title or a name, not speech.

    Every word is capitalised but the small ones, and it is not shouted ("Meet the
    Press", "Gang of Eight"; not "NO COLLUSION", not "Yes").
    """
    words = re.findall(r"[^\s—–]+", quoted)
    if not 2 <= len(words) <= 12:
        return False
    capitalised = 0
    for word in words:
        core = word.strip("\"'‘’“”()[],.:;!?")
        if not core or core[0].isdigit():
            continue
        if core[0].isupper():
            capitalised += 1
        elif core.lower() not in _TITLE_SMALL_WORDS:
            return False
    return capitalised >= 2 and any(ch.islower() for ch in quoted)


def _shared_attribution(
    text: str,
    after_close: int,
    following: tuple[int, int],
    sentence_of: Callable[[int], tuple[int, int]],
) -> str | None:
    """The speaker named after the next quote when both quotes share one short clause.

    'The order "claiming to solve a problem" is really "no solution at all," Cuomo said.'
    """
    next_start, next_end = following
    gap = text[after_close : next_start - 1]
    if len(gap) > 60 or re.search(r"[.!?;:\n\"“”]", gap) or next_end >= len(text):
        return None
    if text[next_end] not in '"”':
        return None
    _, sentence_end = sentence_of(min(len(text), next_end + 2))
    return _attribution(text[next_end + 1 : max(next_end + 1, sentence_end)], _AFTER)


def _lower_first(nominal: str) -> str:
    return nominal[:1].lower() + nominal[1:]


def _new_subject(sentence: str, people: _People) -> list[str]:
    """The speaker a sentence introduces.

    A name before a reporting verb, or a sure person opening it ("Chinese Foreign Ministry
    spokesperson Geng Shuang appeared to …").
    """
    by = _said_by(sentence)
    if by and not _is_pronoun(by.group("who")):
        return _candidates(sentence)[:1]
    according = _ACCORDING.search(sentence)
    if according and according.group("who")[:1].isupper():
        return [
            _clean_who(according.group("who")) or according.group("who")
        ]  # "…, according to Levitt."
    unnamed = _NOMINAL_OPENING.match(sentence)
    if unnamed and unnamed.group("who").split()[-1] in _OFFICE_SPELLINGS:
        # "The president, in a letter to Tedros, levied …": the office holder, resolved later
        return [_lower_first(unnamed.group("who"))]
    subject = _OPENING_SUBJECT.match(sentence)
    if (
        subject
        and not _is_pronoun(subject.group("who").split()[-1])
        and people.person_score(subject.group("who")) == 2
    ):
        return [_clean_who(subject.group("who")) or subject.group("who")]
    return []


#: Reporting verbs that are also plural nouns ("coal states", "his notes", "their claims").
_NOUN_LIKE_CUES = frozenset(word_list("states notes claims reports ends counters recalls"))


def _noun_cue(sentence: str, cue: re.Match[str]) -> bool:
    """Tell whether *cue* is a noun: a verb-noun after a lower-case word of a noun phrase."""
    if cue.group() not in _NOUN_LIKE_CUES:
        return False
    before = re.search(r"(\w+)\W*$", sentence[: cue.start()])
    if before is None:
        return False
    word = before.group(1)
    return (
        word.islower()
        and word not in {"he", "she", "it", "they", "also"}
        and not word.endswith("ly")
    )


def _embedded_subject(sentence: str, people: _People) -> str | None:
    """The subject of a sentence that quotes inside it after a speech verb.

    *sentence* runs from the sentence start to the quote. The subject is the first
    name or pronoun before the first speech cue ("Trump …, declaring on Twitter that
    he “…”", "The election, he argued, was about … “…”").
    """
    owned = _POSSESSIVE_SPEECH.search(sentence)
    if (
        owned
        and not _VERB_RE.search(owned.group("tail"))
        and not _EMBEDDED_CUE.search(owned.group("tail"))
        and re.search(r"^\W*$|\b(?:that|to)\b|:", owned.group("tail"))
    ):
        # "Abraham Lincoln’s proclamation of October 3, 1863, inviting his fellow citizens
        # to “…”", "the president’s Twitter comment hours earlier that, “…”"
        return owned.group("who")
    cue = next((c for c in _EMBEDDED_CUE.finditer(sentence) if not _noun_cue(sentence, c)), None)
    if cue is None and sentence.rstrip().endswith(":"):
        # "Even the Post was skeptical of the estimate: “…”": the subject before the colon
        opening = _OPENING_SUBJECT.match(sentence)
        if opening is not None and not _is_pronoun(opening.group("who")):
            return opening.group("who")
    if cue is None:
        # no speech verb: a sentence opening with a sure person who then acts on the
        # quote ("Vermeule specifically “hopes for …”", "Roberts referred to “…”")
        opener = _PERSON_OPENER.match(sentence)
        if opener and (
            opener.group("who") in {"He", "She"} or people.person_score(opener.group("who")) == 2
        ):
            return opener.group("who")
        return None
    head = sentence[: cue.start()]
    near = re.search(r"(?:^|,\s*)(?P<who>(?:the|a|an)\s+[a-z][\w\-]*|he|she|they|it)\s*$", head)
    if near:
        return near.group("who")  # "Following the election, the paper notes, …"
    if re.search(r"[A-Z][\w\-]*['’]s\s+[a-z][\w\-]*\s*$", head):
        return None  # "Ford's lawyers said …": someone of Ford's, not named here
    opening = _NOMINAL_OPENING.match(head)
    if opening is not None:
        return _lower_first(
            opening.group("who")
        )  # "Early on Monday, the U.S. president … by tweeting that"
    named = re.search(rf"(?:^|,\s*|\s)(?P<who>{_NAME})\s*$", head)
    if named and named.group("who") in _MONTH_SURNAMES:
        return named.group("who")  # "…, May said the four countries were “…”"
    subject = _SUBJECT_PRONOUN.match(head)
    if subject:
        return subject.group("p")
    names = [n for n in _candidates(head, possessors=False) if is_speaker_name(n)]
    if names:
        # a person before an organisation or place ("Democratic presidential candidate
        # Beto O'Rourke …"), else the first ("The Times noted that …")
        return people.best(names, "they") or names[0]
    inner = re.search(r"(?<![\w’'])(?:he|she|they)\s*$", head.rstrip(" ,"))
    if inner is None:
        inner = re.search(r",\s+(?P<p>he|she|they)\s+\w+,", sentence)  # "…, he argued, …"
        return inner.group("p") if inner else None
    return inner.group().strip()


#: Words for what someone said or wrote, whose possessor is the speaker of a quote after
#: them ("Lincoln's proclamation … “…”"); documents that only describe ("the order") are
#: not among them.
_SPEECH_NOUNS = (
    r"statements?|comments?|tweets?|proclamation|letter|memo|remarks?|speech|message|"
    r"op-ed|claims?|assertion|promise|warning|words|testimony|announcement|column|essay|"
    r"editorial|pledge|vow|plea|post"
)
_POSSESSIVE_SPEECH = re.compile(
    rf"(?:^|[\s(])(?P<who>{_NAME}|the\s+[a-z]+)['’]s?\s+(?:[A-Za-z][\w\-]*\s+){{0,2}}?"
    rf"(?:{_SPEECH_NOUNS})\b(?P<tail>[^\"“”]{{0,80}})$"
)
_PERSON_OPENER = re.compile(
    rf"^\W*(?:[A-Z][\w\s,]{{0,80}},\s+)?(?P<who>{_NAME}|He|She){_APPOSITIVE}(?:\s+[a-z]+ly)?"
    # "Vermeule specifically “hopes for …”"; not "Trump beams as the crowd chants “…”"
    r"(?:\s+[a-z]+(?:s|ed)\b(?:(?!\b(?:as|while|when|whereas|because|after|before|until|"
    r"since|if)\b)[^,.;:\"“”]){0,80})?\s*$"
)
_DOCUMENTS = r"letter|statement|memo|email|note|filing|complaint|release|motion|brief|report"
_DOCUMENT_FROM = re.compile(
    rf"(?:\s+to\s+[^,\"“”]{{1,40}}?)?\s+(?:from|by|signed\s+by)\s+"
    rf"(?:[A-Z][\w’'\-]*\s+){{0,4}}(?:[a-z][\w\-]*\s+){{0,3}}(?P<who>{_NAME})"
)
_NAMED_APPOSITIVE = re.compile(
    rf"\s*,\s*(?P<who>{_NAME})\s*,(?:\s*[^,;\"“”]{{1,200}}?\s*,)?\s*(?:{_ADVERB}\s+)?{_VERBS}\b"
)


def _attribution(context: str, patterns: Sequence[re.Pattern[str]]) -> str | None:
    for pattern in patterns:
        match = pattern.search(context)
        while (
            match
            and match.group("who").lower() in _LEADING_NOISE
            and not _is_pronoun(match.group("who"))
        ):
            # "Now, as Rep. Ro Khanna, D-Cal., put it, “…”": "Now" is no speaker
            match = pattern.search(context, match.end("who"))
        if match:
            who = match.group("who")
            named = _NAMED_APPOSITIVE.match(context, match.end("who"))
            if (
                named
                and (who.split()[0].lower() in _NOMINAL_HEADS or country_of(who) is not None)
                and (
                    len(named.group("who").split()) >= 2 or who.split()[0].lower() in _NOMINAL_HEADS
                )
                and named.group("who").split()[-1].lower() not in _DEMONYMS | _NOT_NAMES
            ):
                # "the French ambassador to the United States, Gérard Araud, tweeted"
                who = named.group("who")
            sender = _DOCUMENT_FROM.match(context, match.end("who"))
            if sender and re.search(rf"\b(?:{_DOCUMENTS})$", who):
                who = sender.group("who")  # "said a letter to the OSC from counsel Pat Cipollone"
            if _is_pronoun(who):
                return who
            if who.split()[-1].lower().strip(".,") in _NOT_NAMES and not (
                who in _MONTH_SURNAMES and _VERB_RE.search(match.group())
            ):
                continue  # "Monday said" is no one; "“…,” May said" is Theresa May
            if who[:1].isupper() and all(w.lower().strip(".,") in _OFFICES for w in who.split()):
                continue  # "said Secretary" of "said Secretary of State spokesman Jake Rollow"
            return who
    return None


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


def speaker_key(name: str) -> str:
    """Return the grouping key of a speaker: lower case, no titles or punctuation."""
    words = [w.strip(".,'’").lower() for w in name.split()]
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return " ".join(w for w in words if w)


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


def _display_name(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].strip(".,'’").lower() in _TITLES and words[1][:1].isupper():
        words = words[1:]
    return " ".join(words)


#: Offices a nominal speaker names ("the president", "the New York governor") and how the
#: text writes them before a name ("President Donald Trump", "Gov. Andrew Cuomo").
_OFFICE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "president": ("President",),
    "governor": ("Gov.", "Governor"),
    "senator": ("Sen.", "Senator", "Senate Majority Leader", "Senate Minority Leader"),
    "congressman": ("Rep.", "Representative", "Congressman"),
    "congresswoman": ("Rep.", "Representative", "Congresswoman"),
    "mayor": ("Mayor",),
    "secretary": ("Secretary",),
    "leader": ("Leader",),
    "speaker": ("Speaker",),
    "chairman": ("Chairman",),
    "chairwoman": ("Chairwoman",),
    "justice": ("Justice",),
    "judge": ("Judge",),
    "minister": ("Minister",),
    "spokesman": ("spokesman",),
    "spokeswoman": ("spokeswoman",),
}
_FULL_NAME = re.compile(
    r"\b(?:[A-Z][\w'’\-]+|[A-Z]\.)(?:"
    + _SPACE
    + r"(?:[A-Z]\.|[A-Z][\w'’\-]+|"
    + _PARTICLE
    + r"))*"
    + _SPACE
    + r"[A-Z][\w'’\-]+"
)
#: Single words that attributions wrongly yield as speakers: section labels, page
#: furniture, groups and adjectives ("Department:", "Muslims:", "Advertisement").
_NOT_SPEAKERS = frozenset(
    word_list(
        """advertisement department office ministry committee court administration government
    police story report statement case update editor note photo video source sources
    watch read related more listen share comments twitter facebook instagram youtube"""
    )
)


_GROUP = re.compile(r"[a-z]+(?:icans|ians|ans|ims|ists|crats|ese)")
_DEMONYMS = frozenset(
    word_list(
        """american muslim democrat republican christian jewish british russian israeli
    democratic asian african hispanic latino european mexican"""
    )
)


def is_speaker_name(name: str) -> bool:
    """Tell whether *name* can be a speaker: not a noun, group or page label.

    Rejects one-word nouns of `_NOT_SPEAKERS`, demonyms and groups ("Muslims",
    "American", "Democrats"), and names ending in a common noun ("Cohen case").
    """
    words = speaker_key(name).split()
    if not words:
        return False
    if words[-1] in _NOT_SPEAKERS and (len(words) == 1 or words[-1] in {"case", "story"}):
        return False
    # groups and demonyms: "Muslims", "Democrats", "Republicans", "American"
    return not (len(words) == 1 and (_GROUP.fullmatch(words[0]) or words[0] in _DEMONYMS))


_PERSON_TAIL_CUT = frozenset(
    word_list(
        """press committee republican democrat democratic gop advertisement magazine justices
    newspaper network congressman congresswoman lawmaker senators"""
    )
)
_PARTICLES = frozenset(word_list("de da del der van von al bin la le di du ibn"))


def _person_tail(name: str) -> str:
    """The person at the end of a name with offices or owners before it.

    "Judiciary Committee Chairman Jerry Nadler" → "Jerry Nadler"; "NPR's Peter Kenyon" →
    "Peter Kenyon". A name without title or possessive is returned unchanged.
    """
    words = name.split()
    cut = 0
    for i, word in enumerate(words[:-1]):
        low = word.lower().strip(".,")
        if (
            low in _TITLES
            or low in _PERSON_TAIL_CUT
            # owners and modifiers: "NPR's Peter Kenyon", "the Richmond-based Fourth Circuit"
            or low.endswith(("'s", "’s", "-based"))
            or (word[:1].islower() and low not in _PARTICLES)
        ):
            cut = i + 1
    return " ".join(words[cut:])


_RELATIVE = re.compile(
    r"\b(?:first lady|First Lady|wife|husband|son|daughter|brother|sister|mother|father|"
    r"niece|nephew|son-in-law|daughter-in-law)\s+$"
)


#: Words of a capitalised headline or title that no name holds.
_HEADLINE_WORDS = _LEADING_NOISE | frozenset(
    word_list("""is are was were be been says said saying about over into against why how what""")
)


def _full_names(text: str) -> dict[str, str]:
    """Multi-word capitalised names of *text* by surname, the most frequent spelling first."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    first: dict[str, int] = {}
    for match in _FULL_NAME.finditer(text):
        if _RELATIVE.search(text, max(0, match.start() - 20), match.start()):
            continue  # "first lady Melania Trump", "his son Hunter Biden": not the bare "Trump"
        words = match.group().split()
        while len(words) > 1 and (
            words[0].lower().strip(".") in _TITLES
            or words[0].lower() in _LEADING_NOISE
            or (len(words[0]) > 2 and words[0].isupper())  # "JUST WATCHED Giuliani"
        ):
            words = words[1:]
        words = _person_tail(" ".join(words)).split()
        cut = [i for i, w in enumerate(words[:-1]) if w.lower() in _HEADLINE_WORDS]
        if cut:
            words = words[cut[-1] + 1 :]  # "What Republicans Are Saying About Phil Bredesen"
        if len(words) < 2 or words[0].lower() in _NOT_NAMES or _is_pronoun(words[-1]):
            continue
        counts[words[-1].lower()][" ".join(words)] += 1
        first.setdefault(" ".join(words), match.start())
    # ties go to the spelling met first: a story names a person in full at first mention
    # ("President Donald Trump" … "Getting Trump supporters to that viewpoint")
    return {
        surname: max(spellings.items(), key=lambda kv: (kv[1], -first[kv[0]]))[0]
        for surname, spellings in counts.items()
    }


def _office_holder(nominal: str, text: str, before: int | None = None) -> str | None:
    """The one person *text* names with the office of *nominal* ("the president").

    Only names before *before* count (the quote's offset): "the state senator" refers back
    to "State Sen. Clyde Chambliss", not to a senator the story names later. A surname
    alone counts ("President Trump"); the caller spells it out.
    """
    words = nominal.lower().split()
    if not words or words[0] not in {"the", "a", "an"}:
        return None
    office = words[-1].strip(".,")
    spellings = _OFFICE_SPELLINGS.get(office)
    if spellings is None:
        return None
    holders: dict[str, int] = defaultdict(int)
    scope = text if before is None else text[:before]
    for spelling in spellings:
        pattern = (
            re.escape(spelling)
            + rf"{_SPACE}((?:[A-Z][\w'’\-]+|[A-Z]\.)(?:{_SPACE}[A-Z][\w'’\-]+)*)"
        )
        for match in re.finditer(pattern, scope):
            holder = re.sub(r"['’]s$", "", match.group(1))
            if all(w.lower().strip(".") in _TITLES | _ORG_WORDS for w in holder.split()):
                continue  # "President Trump" counts, "Vice President" does not
            holders[holder] += 1
    if len({h.split()[-1] for h in holders}) != 1:
        return None  # nobody, or two people with that office: do not guess
    return max(holders.items(), key=lambda kv: (kv[1], len(kv[0])))[0]


def _offices_before(text: str) -> dict[str, set[str]]:
    """The offices written right before each name of *text* and each of its prefixes.

    "President Donald J. Trump" → {"donald": {"President"}, "donald j.": …,
    "donald j. trump": …}; "President Trump" → {"trump": {"President"}}.
    """
    out: dict[str, set[str]] = defaultdict(set)
    for match in _OFFICE_BEFORE.finditer(text):
        words = match.group(2).split()
        for i in range(1, len(words) + 1):
            out[" ".join(words[:i]).lower()].add(match.group(1))
    return out


def _another_holder(
    surname: str, fuller: str, speaker: str, offices: Mapping[str, set[str]]
) -> bool:
    """Tell whether the bare *surname* may be someone other than *fuller*.

    "President Trump" in a text whose only full name is "Melania Trump": the office the
    bare surname carries (*offices*, `_offices_before`) is never given to that full
    name, so "Trump" stays "Trump". "Mrs. Trump" or "Ms. Trump" is not the president.
    """
    if speaker.split()[0].strip(".") in {"Mrs", "Ms", "Miss"}:
        return False
    return bool(offices.get(surname, set()) - offices.get(fuller.lower(), set()))


_OFFICE_BEFORE = re.compile(
    r"\b(President|Sen|Senator|Rep|Gov|Governor|Secretary|Justice|Judge|Mayor|Speaker|"
    r"Leader|Gen|General|Chairman|Chairwoman|Prime Minister)\.?\s+"
    r"((?:[A-Z][\w'’\-]*\.?)(?:\s+[A-Z][\w'’\-]*\.?){0,2})"
)


#: A description ending in a job noun and a full name: "the association's president Mark
#: Emmert"; not "a lawyer for the Trump Organization" (a preposition before the name).
_TRAILING_NAME = re.compile(
    rf"^(?:the|a|an|his|her|their)\s+(?:[\w’'\-]+\s+){{0,4}}?(?P<pre>[a-z][\w’'\-]*)\s+"
    rf"(?P<who>{_CAP}(?:\s+(?:[A-Z]\.|{_CAP}))*\s+{_CAP})$"
)


def _is_office(name: str) -> bool:
    """Tell whether *name* is an office without its holder ("House Minority Leader")."""
    words = [w.lower().strip(".,") for w in name.split()]
    return words[-1] in _OFFICES and all(w in _TITLES | _ORG_WORDS for w in words)


def resolve_speakers(quotes: Sequence[Quote], text: str) -> list[Quote]:
    """Resolve each speaker to the full name the text gives them, and drop non-speakers.

    "Trump" / "Mr. Trump" → "Donald Trump" when the text spells it out; "the president"
    → "Donald Trump" when the text calls exactly one person "President …"; "the New
    York governor" → "Andrew Cuomo". A speaker that is a noun or group ("Department",
    "Muslims") becomes None. Returns new `Quote` objects in the same order.
    """
    text = clean_page_text(text)
    full = _full_names(text)
    offices = _offices_before(text)
    out: list[Quote] = []
    for quote in quotes:
        speaker = quote.speaker
        if speaker is not None and speaker[:1].isupper() and _is_office(speaker):
            speaker = "the " + speaker  # "the House Minority Leader wrote": an office, no name
        trailing = _TRAILING_NAME.match(speaker) if speaker is not None else None
        if trailing is not None and trailing.group("pre") not in _LEADING_NOISE:
            speaker = trailing.group("who")  # "the historian Ira Katznelson" is Ira Katznelson
        if speaker is not None and speaker[:1].islower():
            holder = _office_holder(speaker, text, quote.start)
            if holder is None:
                out.append(Quote(quote.text, quote.start, quote.end, speaker, quote.kind))
                continue
            speaker = holder
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
