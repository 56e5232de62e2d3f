"""The words of a heading: offices and days dropped, headline style, and open ends.

`drop_offices` keeps a name without the office before it ("Senate Majority Leader Mitch
McConnell" → "Mitch McConnell"); `headline_style` drops articles and a perfect's auxiliary;
`_dangling` tells a word a heading may not stop on ("the", "had"); `drop_days` takes out the
day of the event ("on Tuesday", "approved Tuesday"). The word lists here are
read by the cut in `synth.headings`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.nlp.lexicon import PERSON_TITLES
from newsprism.nlp.text import word_list
from newsprism.synth.text import wordset

__all__ = ["drop_days", "drop_offices", "headline_style"]

#: Titles that stand before a name: a heading never ends on one ("… bring down President").
_TITLE_WORDS = wordset(
    "president sen senator rep representative gov governor secretary mr mrs ms dr judge "
    "justice attorney minister prime former"
)


def _dangling(word: str) -> bool:
    """Tell a word that leaves a phrase open when a heading stops on it ("had", "the")."""
    # function words only: the project's stop words also hold news vocabulary ("report",
    # "said", "down"), which cut "… to crack | down" short
    low = word.lower().strip(",.'’;:")
    if word[:1].isupper() and low in _NAME_OR_MODAL:
        return False  # "… to succeed May" (Theresa May)
    return low in _OPEN_ENDS


def _ends_open(heading: str) -> bool:
    """Tell a heading cut short on a word that leaves its phrase open ("Ted Cruz had")."""
    words = heading.split()
    return bool(words) and _dangling(words[-1]) and not _to_do(words)


def _to_do(words: Sequence[str]) -> bool:
    """Tell "… to do" at the end: a verb, not the auxiliary "do" ("… wanted him to do")."""
    return len(words) > 1 and words[-1].lower() == "do" and words[-2].lower() == "to"


#: Offices that stand right before a person's name ("Majority Leader Mitch McConnell").
_PERSON_TITLES = PERSON_TITLES
#: Words that may open such an office ("Senate Majority Leader", "White House Press Secretary").
_TITLE_PREFIXES = wordset(
    "senate house majority minority white press vice former prime deputy democratic "
    "republican state attorney foreign defense homeland security national u.s us chief special"
)


def _is_name_word(word: str) -> bool:
    low = word.lower().strip(",.'’")
    return word[:1].isupper() and low not in _PERSON_TITLES and low not in _TITLE_PREFIXES


def drop_offices(words: Sequence[str]) -> list[str]:
    """*words* without the office before a full name ("Senate Majority Leader Mitch McConnell").

    The name says who; the office used up a heading's length ("Senate Majority Leader Mitch
    McConnell" was a whole heading, cut before "and Chuck Schumer announced a deal").
    """
    out: list[str] = []
    k = 0
    while k < len(words):
        end = k
        while end < len(words) and words[end].lower().strip(",.'’") in _TITLE_PREFIXES:
            end += 1
        if (
            end == k and _is_name_word(words[k]) and not words[k].endswith(",")
            and k + 1 < len(words) and words[k + 1].lower().strip(",.'’") in _PERSON_TITLES
        ):  # fmt: skip
            end = k + 1  # the place or party of the office: "California Gov. Gavin Newsom"
        if (
            words[k][:1].isupper() and end + 2 < len(words)
            and words[end].lower().strip(",.'’") in _PERSON_TITLES
            and all(_is_name_word(w) for w in words[end + 1 : end + 3])
        ):  # fmt: skip
            if end == k + 1:
                # a place of more words goes whole: "South Bend Mayor Pete Buttigieg" read
                # "South Pete Buttigieg"
                while out and _is_name_word(out[-1]) and not out[-1].endswith(","):
                    out.pop()
            _drop_office_tail(out)
            k = end + 1
            continue
        out.append(words[k])
        k += 1
    return out


def _drop_office_tail(out: list[str]) -> None:
    """Drop, in place, the offices left before a dropped one: "special counsel and former".

    "special counsel and former FBI Director Robert Mueller" read "Special counsel and former
    Robert Mueller spoke" (a replayed bullet's heading) once "FBI Director" was gone.
    """
    office = _PERSON_TITLES | _TITLE_PREFIXES
    prefixed = False
    while out and out[-1].lower() in _TITLE_PREFIXES:
        if out[-1] == "state" and len(out) >= 2 and out[-2][:1].isupper():
            break  # "Washington state Gov. Jay Inslee": the state's name, not an office
        out.pop()
        prefixed = True
    # only offices joined to a prefixed one ("… and former"): "Democrats in general and
    # Chicago Mayor Rahm Emanuel" keeps "in general and"
    if prefixed and len(out) >= 2 and out[-1].lower() == "and" and out[-2].lower() in office:
        out.pop()
        while out and out[-1].lower() in office:
            out.pop()
    if out and out[-1].lower() == "the":
        out.pop()  # "the former Senate Majority Leader Harry Reid": a name takes no article


def headline_style(words: Sequence[str]) -> list[str]:
    """*words* without articles (but the first) and the auxiliary of a perfect ("have blocked")."""
    out: list[str] = []
    for k, word in enumerate(words):
        low = word.lower()
        if low in _ARTICLES and out and out[-1].lower() != "all":
            continue  # (but "all the way" keeps it)
        if (
            low in {"have", "has", "had"}
            and k + 1 < len(words)
            and words[k + 1].endswith("ed")
            # "would have required" and "seem to have coalesced" keep it: "would required"
            # and "seem to coalesced" are no English
            and not (out and (out[-1].lower() in _MODALS or out[-1].lower() == "to"))
        ):
            continue
        out.append(word)
    return out


_ARTICLES = wordset("a an the")
#: Function words that are names when capitalised mid-sentence.
_NAME_OR_MODAL = wordset("may will can march june august")
#: Words after which "all" is an adverb ("they all", "should all") a heading may lose.
_ALL_AFTER = wordset("we they you them us it would could should might must may will can are were")
#: Adverbs a heading loses first when it is too long.
_FILLERS = wordset("again also still already now just even currently once more all")
#: Words before which a heading may stop with its phrase closed.
_CLOSING_CUTS = wordset(
    "in on at with for from by as after before while when that which who where to into "
    "over under against during amid since until because although though but and or than "
    # a condition cut after its verb left "… emergency loans if they keep" (a replayed bullet)
    "if unless"
)
#: Words that need their "of": "passed one | of the most restrictive bills" says nothing.
_PART_OF = wordset("one some many most none each any part several two three four five")
#: Words that need the infinitive after them: a heading never stops before its "to".
_NEEDS_TO = wordset(
    "expected set going able likely unlikely poised ready plans plan planned wants want "
    "wanted tried trying seeks sought hopes hoped aims aimed agreed decided refused vowed "
    "asked urged told forced allowed encouraged pressed pressured invited"
)
_MODALS = wordset("would could should might must may will can shall")
_AUXILIARY_STEMS = word_list(
    "don doesn didn won can isn aren wasn weren hasn haven hadn wouldn shouldn couldn"
)
_NEGATED_AUXILIARIES = frozenset(f"{w}{a}t" for w in _AUXILIARY_STEMS for a in ("'", "’"))
#: Words a heading cannot end on: it would stop mid-phrase ("… bring down President").
_OPEN_ENDS = (
    wordset(
        "a an the of to for in on at by with and or but from as into onto than that which who "
        "whose its their his her our my your they them he she it we i you this these those is "
        "are was were be been being has have had will would should could can may might must do "
        "does did not no nor so if because while when where after before about against between "
        "during since until upon via per whether how why what whom amid among across through "
        "toward towards without within including also just even very than maybe perhaps "
        # "Trump: Maybe they did or maybe" headed a replayed section
        "either neither both"
    )
    | _TITLE_WORDS
    # an auxiliary without its verb, "yet", "ahead" without "of": "A date has not yet",
    # "Only one in four say president doesn't" headed replayed bullets
    | _NEGATED_AUXILIARIES
    | wordset("yet ahead had")
    # a comparison without its "than": "The United States became first country to report
    # more" headed a replayed bullet
    | wordset("more less fewer")
    # a report's gerund without what it reports: "Vice President Pence denied having authored
    # piece saying" headed a replayed section
    | wordset("saying telling adding")
)


# --- days ----------------------------------------------------------------------------

_WEEKDAY = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_TIME_OF_DAY = r"morning|afternoon|evening|night"
_DAY_PHRASE = re.compile(
    # (with its time of day: "early Wednesday morning" left "The Senate morning approved")
    rf",? (?:on|last|this|late|early) (?:(?:{_WEEKDAY})(?: (?:{_TIME_OF_DAY}))?|week|month|year|"
    r"morning|night)\b,?",
    re.IGNORECASE,
)
#: A weekday standing alone after a lower-case word ("approved Tuesday", "a budget agreement
#: Thursday that …"): the day, not the phrase, of the seed's headings. (Not after a capital:
#: "Super Tuesday", "Black Friday".)
_BARE_DAY = re.compile(
    rf"(?P<before>\b[\w'’-]+) (?i:{_WEEKDAY})"
    # not a possessive ("Saturday's tragedy"), nor a day with its time ("a measure Tuesday
    # evening denouncing …": without it the cut stopped on "denouncing")
    rf"\b(?![’'])(?! (?:{_TIME_OF_DAY})\b)"
)
#: A dated aside between commas: "The policy, released Monday, will make it harder …" (with
#: the day alone gone, the cut stopped at "The policy, released").
_DATED_ASIDE = re.compile(
    rf",\s+(?:[a-z]+\s+){{0,2}}?[a-z]+ed\s+(?:on\s+)?(?i:{_WEEKDAY})(?:\s+(?:{_TIME_OF_DAY}))?,\s+"
)
#: Words a weekday after them makes a phrase with ("on afternoons of Monday", "until Friday").
_DAY_PREPOSITIONS = wordset(
    "of on until till by since from to before after through than every each next that "
    "last this early late later earlier"
)


def _drop_bare_day(match: re.Match[str]) -> str:
    before = match.group("before")
    if before[:1].islower() and before.lower() not in _DAY_PREPOSITIONS:
        return before
    return match.group()


def _drop_day(match: re.Match[str]) -> str:
    # "resigned on Thursday, writing …" keeps its comma (the clause break), ", on Monday," not
    found = match.group()
    return "," if found.endswith(",") and not found.startswith(",") else ""


def drop_days(text: str) -> str:
    """*text* without the day of its event: "on Tuesday", a bare "Tuesday", a dated aside."""
    text = _DATED_ASIDE.sub(" ", text)
    text = _DAY_PHRASE.sub(_drop_day, text).strip()
    return _BARE_DAY.sub(_drop_bare_day, text)
