"""Speakers from a quote's wider context, when no attribution sits beside it.

Tried by `quotes.extract_quotes` after the attribution patterns: the paragraph before
that ends in a colon ("Trump said in a statement:"), the signature of an embedded tweet,
the person whose words the sentences before reported ("Schumer said he …"), the sure
subject opening the quote's own sentence that a pronoun follows. Also the blanking
helpers that keep asides between dashes and the words of earlier quotations from
reading as subjects (same length, so offsets hold).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.analysis.attribution import (
    _attribution,
    _candidates,
    _embedded_subject,
    _said_by,
)
from newsprism.analysis.quote_patterns import (
    _BEFORE,
    _LEADING_NOISE,
    _NAME_SUBJECT,
    _OPENING_SUBJECT,
    _STANCE_BY,
)
from newsprism.analysis.speakers import _clean_who, _is_pronoun, _People


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
        said = _said_by(sentence) or _STANCE_BY.search(sentence)
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
