"""What a description stands for: office holders, named bodies, documents' issuers, persons.

A speaker the patterns read as a description resolves here within its article: "the
president" to the one holder of the office (`_office_holder`), "the palace" to the body
named before (`_named_body`), "the statement" to whoever issued it (`_document_owner`),
and "the Texas Republican" to the person the sentences before named (`_subject_before`).
Offices written before names (`_offices_before`) keep a bare surname from joining a
namesake of another office (`_another_holder`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping

from newsprism.analysis.quote_patterns import (
    _DEMONYMS,
    _DOCUMENT_OWNER,
    _LEADING_NOISE,
    _NAME,
    _NOT_NAMES,
    _OFFICE_BEFORE,
    _OFFICE_SPELLINGS,
    _OFFICES,
    _ORG_WORDS,
    _PARTICLE,
    _SPACE,
    _TITLES,
)
from newsprism.analysis.regions import country_of
from newsprism.analysis.speakers import _clean_who
from newsprism.nlp.names import is_first_name
from newsprism.nlp.sentences import split_sentences
from newsprism.nlp.stopwords import STOP_WORDS
from newsprism.nlp.text import word_list

#: A rank below the office it comes before: "Vice President", "Deputy Secretary".
_DEPUTY = re.compile(r"\b(?:[Vv]ice|[Dd]eputy|[Aa]ssistant|[Uu]nder)[\s\-]+$")


def _office_holders(
    nominal: str, text: str, before: int | None = None, *, qualified: bool = False
) -> dict[str, int] | None:
    """Every person *text* names with the office of *nominal*, with how often; None if no office.

    Only names before *before* (the quote's offset) count. A surname alone counts
    ("President Trump"). *qualified*: only names whose office carries the words before it
    in *nominal* ("the majority leader": "Senate Majority Leader Mitch McConnell", not
    "Minority Leader Chuck Schumer").
    """
    words = nominal.lower().split()
    if not words or words[0] not in {"the", "a", "an"}:
        return None
    office = words[-1].strip(".,")
    spellings = _OFFICE_SPELLINGS.get(office)
    if spellings is None:
        return None
    # "the vice president" is a "Vice President …"; "the president" is not
    deputy = len(words) > 2 and words[-2] in {"vice", "deputy", "assistant", "under"}
    qualifier = ""
    if qualified:
        qualifier = "".join(rf"(?i:{re.escape(w)}){_SPACE}" for w in nominal.split()[1:-1])
    holders: dict[str, int] = defaultdict(int)
    scope = text if before is None else text[:before]
    for spelling in spellings:
        # a particle inside the name: "Mayor Bill de Blasio" (not "Bill", an organisation
        # word alone)
        pattern = (
            qualifier
            + re.escape(spelling)
            + rf"{_SPACE}((?:[A-Z][\w'’\-]+|[A-Z]\.)"
            + rf"(?:{_SPACE}(?:{_PARTICLE}{_SPACE})?[A-Z][\w'’\-]+)*)"
        )
        for match in re.finditer(pattern, scope):
            if deputy != bool(_DEPUTY.search(scope, max(0, match.start() - 12), match.start())):
                continue  # "Vice President Joe Biden" holds no presidency
            holder = re.sub(r"['’]s$", "", match.group(1))
            words = holder.split()
            if words[0] in words[1:]:
                # a name written twice ("Bill de Blasio Bill de BlasioScience", a hover
                # card the page text kept): its first spelling
                holder = " ".join(words[: words.index(words[0], 1)])
            if all(w.lower().strip(".") in _TITLES | _ORG_WORDS for w in holder.split()):
                continue  # "President Trump" counts, "Vice President" does not
            holders[holder] += 1
    return holders


def _office_holder(nominal: str, text: str, before: int | None = None) -> str | None:
    """The one person *text* names with the office of *nominal* ("the president").

    Only names before *before* count (the quote's offset): "the state senator" refers back
    to "State Sen. Clyde Chambliss", not to a senator the story names later. A surname
    alone counts ("President Trump"); the caller spells it out.
    """
    by_surname = _by_holder_surname(_office_holders(nominal, text, before) or {})
    if len(by_surname) != 1:
        return None  # nobody, or two people with that office: do not guess
    return next(iter(by_surname.values()))


def _by_holder_surname(holders: Mapping[str, int]) -> dict[str, str]:
    """Lower-case surname → the holder's most frequent spelling (then the longest)."""
    out: dict[str, str] = {}
    for holder, _count in sorted(holders.items(), key=lambda kv: (kv[1], len(kv[0]))):
        out[holder.split()[-1].lower()] = holder
    return out


def _office_in_context(
    nominal: str,
    text: str,
    before: int,
    full: Mapping[str, str],
    offices: Mapping[str, set[str]],
) -> str | None:
    """The person an office description (*nominal*) stands for at *before*.

    A qualified office ("the Russian president", "the Democratic leader", "the House
    Minority Leader": a capitalised word before the office) is the person the sentences
    before are about (`_subject_before`), not the one "President …" of the text, who may
    lead another country or party. A plain office ("the president") is its one holder
    (`_office_holder`); with several ("President Trump" and "Ukrainian President Volodymyr
    Zelenskiy"), the one the sentences before are about.
    """
    holders = _office_holders(nominal, text, before)
    if holders is None:
        return None
    # "a senator who traveled with Manchin" is someone else: only "the …" refers back
    definite = nominal.split()[0].lower() == "the"
    qualifiers = nominal.split()[1:-1]
    if definite and any(w[:1].isupper() for w in qualifiers):
        spelt = _by_holder_surname(_office_holders(nominal, text, before, qualified=True) or {})
        if len(spelt) == 1:
            return next(iter(spelt.values()))
        # another country's office is not the text's "President …" ("the Russian
        # president"); a party's is, when the text has one ("the former Republican
        # governor" of "Gov. Matt Bevin")
        foreign = any(
            (w.lower() in _DEMONYMS and w.lower() not in _PARTY_MEMBERS | {"democratic"})
            or country_of(w) is not None
            for w in qualifiers
        )
        if foreign or not holders:
            subject = _subject_before(nominal, text, before, full, offices, any_given_name=True)
            if subject is not None:
                return subject
    by_surname = _by_holder_surname(holders)
    if len(by_surname) > 1 and len(nominal.split()) > 2:
        # the words before the office pick one of its holders: "the majority leader"
        by_surname = (
            _by_holder_surname(_office_holders(nominal, text, before, qualified=True) or {})
            or by_surname
        )
    if len(by_surname) == 1:
        return next(iter(by_surname.values()))
    if len(by_surname) > 1 and definite:
        return _subject_before(nominal, text, before, full, offices, among=by_surname)
    return None


#: Head nouns of bodies a story names before it calls them "the palace", "the department".
_BODY_NOUNS = frozenset(
    word_list(
        """palace department ministry agency committee court commission company council
    embassy bureau board foundation institute university hospital church league union
    network"""
    )
)


def _named_body(nominal: str, text: str, before: int) -> str | None:
    """The body *text* last names, before offset *before*, with the head noun of *nominal*.

    "the palace" → "Buckingham Palace", "the department" → "Department of Corrections
    and Community Supervision", "the committee" → "House Committee on Oversight and
    Reform": a capitalised name with the noun, maybe with an "of" / "on" part. None
    when the text names no such body before the quote.
    """
    words = nominal.split()
    if len(words) != 2 or words[0] != "the" or words[1] not in _BODY_NOUNS:
        return None
    noun = words[1].capitalize()
    cap = r"[A-Z][\w'’\-]+"
    of_part = rf"{_SPACE}(?:of|on|for){_SPACE}(?:the{_SPACE})?{cap}"
    of_part += rf"(?:{_SPACE}(?:and{_SPACE})?{cap})*"
    pattern = rf"\b(?:{cap}{_SPACE}){{0,4}}{noun}\b(?:{of_part})?"
    for match in reversed(list(re.finditer(pattern, text[:before]))):
        found = match.group().split()
        while found and found[0].lower() in _LEADING_NOISE:
            found = found[1:]  # "The Palace", "But Buckingham Palace"
        if len(found) >= 2 and not any(w.lower() in _NOT_NAMES for w in found):
            return re.sub(r"['’]s\b", "", " ".join(found))
    return None


def _document_owner(nominal: str, text: str, before: int) -> str | None:
    """Who issued "the statement" (*nominal*), named in the 700 characters before *before*.

    "Clarence House, his official royal residence, said in a statement" → "Clarence
    House"; the last such mention counts. Letters are left alone: the one who releases a
    letter is often not its author.
    """
    if nominal in {"the editorial", "the op-ed", "the column"}:
        # "a fascinating Wall Street Journal editorial …. The editorial argues": the
        # outlet or writer named with the piece
        noun = nominal.split()[1]
        pieces = list(
            re.finditer(
                rf"(?P<who>{_NAME})(?:['’]s)?{_SPACE}(?:[a-z][\w\-]*{_SPACE})?{noun}\b",
                text[max(0, before - 700) : before],
            )
        )
        writers = [_clean_who(m.group("who")) for m in pieces]
        named = [w for w in writers if w and w.split()[0].lower() not in _LEADING_NOISE]
        return named[-1] if named else None  # not "The" of "The editorial argues"
    if nominal not in {"the statement", "his statement", "her statement", "its statement"}:
        return None  # "Grassley released a letter … signed by 65 women": not his words
    window = text[max(0, before - 700) : before]
    owners = [
        m
        for m in _DOCUMENT_OWNER.finditer(window)
        if m.group("doc") == "statement"
        # the subject opens its clause: not "the coalition fighting ISIS in Iraq and Syria"
        and not re.search(r"\b(?!of\b)[a-z][\w\-]*\s+$", window[: m.start()])
    ]
    if not owners:
        return None
    return _clean_who(owners[-1].group("who"))  # "The NFL released a statement" → "NFL"


#: Party members a story calls the person it has just named: "the Texas Republican".
_PARTY_MEMBERS = frozenset(word_list("republican democrat independent libertarian"))
#: Things and papers, never the person a description stands for ("the Trump statement").
_THING_NOUNS = frozenset(
    word_list("statement letter memo email note filing complaint release report readout tweet")
)
#: Characters before a quote within which the person a description stands for is named.
DESCRIBED_WINDOW = 600


def _describes_person(speaker: str) -> bool:
    """Tell whether *speaker* is a description a story gives the person it just named.

    "Texas Republican" (a state and a party), "the liberal Democrat", "the 37-year-old
    candidate", "the former Air Force pilot", "the House Minority Leader" (a capitalised
    word in a singular description); not an unnamed one
    ("the official", "the president": no capital, and offices have `_office_holder`), a
    group ("the lawyers"), a body or a thing ("the Trump campaign", "the Trump statement").
    """
    words = speaker.split()
    definite = bool(words) and words[0].lower() == "the"
    words = words[1:] if definite else words
    if not words:
        return False
    last = words[-1].lower().strip(".,")
    if last in _PARTY_MEMBERS:
        # a place ("the Texas Republican") or plain adjectives ("the liberal Democrat",
        # "the freshman Republican"); not "the other Democrat"
        modifiers = words[:-1]
        return bool(modifiers) and (
            country_of(" ".join(modifiers)) is not None
            or (definite and all(w.islower() and w not in STOP_WORDS for w in modifiers))
        )
    if (
        definite
        and 2 <= len(words) <= 3
        and re.fullmatch(r"\d+-year-old", words[0])
        and words[-1].islower()
        and not last.endswith("s")
        and last not in _THING_NOUNS
    ):
        return True  # an age: "the 37-year-old candidate replied" is the person just named
    if (
        not definite
        or len(words) > 5
        or not words[-1][:1].islower()  # a head noun: "pilot", not "World Threat Assessment"
        or any(ch.isdigit() for ch in speaker)
        or last.endswith("s")
        or last in _ORG_WORDS | _THING_NOUNS
        or any(w in STOP_WORDS and w != "former" for w in words)
    ):
        return False  # "the allegations against Kavanaugh came to light and": no description
    # a place or a body's name in it ("Air Force"), not an office ("the President", "the
    # CEO") or a party ("the Democratic strategist" is anyone of the party)
    return any(
        w[:1].isupper()
        and not w.isupper()
        and w.lower().strip(".,") not in _TITLES | _PARTY_MEMBERS | _DEMONYMS | {"democratic"}
        for w in words
    )


def _introduced_unnamed(description: str, text: str, before: int) -> bool:
    """Tell whether *text* introduced *description*'s head noun unnamed before *before*.

    "said a senior White House official …. “…,” the senior White House official said":
    the same unnamed person, not whoever the text named last.
    """
    head = description.split()[-1]
    if head.lower() in _PARTY_MEMBERS:
        return False  # "Sen. Lisa Murkowski, an Alaska Republican": parties describe the named
    head = re.escape(head)
    introduced = rf"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w\-’']+\s+){{0,4}}{head}\b"
    return re.search(introduced, text[:before]) is not None


def _subject_before(
    description: str,
    text: str,
    before: int,
    full: Mapping[str, str],
    offices: Mapping[str, set[str]],
    *,
    among: Mapping[str, str] | None = None,
    any_given_name: bool = False,
) -> str | None:
    """The person a description before *before* stands for: the first one a sentence names.

    "Biggs seconded Buck's sentiment …. “…,” the Arizona Republican told The Hill": of
    the three sentences before the quote (within `DESCRIBED_WINDOW`), the nearest that
    names a person the text spells out (a census first name opens the full name, or an
    office stands before it: *offices*, `_offices_before`) gives the first such name, its
    subject more often than not. *among* (lower-case surname → name) keeps only those
    people, spelt out or not; *any_given_name* takes a full name whose first name the
    census lacks ("Vladimir Putin", for "the Russian president").
    """
    window = text[max(0, before - DESCRIBED_WINDOW) : before]
    sentences = list(reversed(split_sentences(window)))
    if sentences and window.lower().rfind(description.lower()) >= sentences[0][0]:
        # the description's own sentence, up to the quote, is no earlier sentence:
        # "Asked by CNN's John Berman …, the South Carolina Democrat replied: “…”"
        sentences = sentences[1:]
    # quoted words are the speakers', not the text's: "“… bring Bob Mueller in …,” said"
    window = re.sub(r"“[^”\n]*”|\"[^\"\n]*\"", lambda m: " " * len(m.group()), window)
    for start, end in sentences[:3]:
        if among is not None:
            # "Trump has been defending …. “…” the president said"; a sentence naming two
            # of them ("President Trump and President Macron met") leaves it open
            if re.match(r"\W*(?:He|She)\b", window[start:end]):
                continue  # "He denied pressuring President Volodymyr Zelensky": an object
            keys = re.findall(r"\b[A-Z][\w'’\-]+", window[start:end])
            named = {
                among[k] for k in (re.sub(r"['’]s$", "", w).lower() for w in keys) if k in among
            }
            if named:
                return named.pop() if len(named) == 1 else None
            continue
        for match in re.finditer(r"\b[A-Z][\w'’\-]+", window[start:end]):
            key = re.sub(r"['’]s$", "", match.group()).lower()
            fuller = full.get(key) if key not in _TITLES else None
            if (
                fuller is not None
                and len(fuller.split()) >= 2
                and (
                    is_first_name(fuller.split()[0])
                    or fuller.lower() in offices
                    or (any_given_name and not any(w in _ORG_WORDS for w in fuller.lower().split()))
                )
                and not any(w.lower().strip(".,") in _TITLES for w in fuller.split())
            ):
                return fuller  # a census first name, or an office before it ("Rep. Chip Roy")
    return None


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


def _is_office(name: str) -> bool:
    """Tell whether *name* is an office without its holder ("House Minority Leader")."""
    words = [w.lower().strip(".,") for w in name.split()]
    return words[-1] in _OFFICES and all(w in _TITLES | _ORG_WORDS for w in words)
