"""Hashtags (#PoliticalPrisoners style) from a story's key phrases and entities.

Only two kinds of tag: named entities (people, organisations, places, events, laws) and
topics — key phrases with a word of the category lexicons ("political prisoners",
"special counsel"). Descriptions of people ("black man", "sex acts", "paranoid
schizophrenic") carry no topic word and are never tags, nor is a phrase of three or more
words with only one (sentence words around it: "administration evident intent" — on the
two replayed windows of 2018-07-16 and 2019-12-02 this drops 54 of the 68 such key phrases
main kept; read by hand, about two in three are junk, the rest real topics lost: "federal
grand jury", "class action lawsuit"), nor any phrase with a word of
`SENSITIVE_WORDS`; photo credits and outlet names are dropped by `is_credit_or_outlet`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from newsprism.analysis.category import score_text
from newsprism.nlp.entities import entity_key
from newsprism.nlp.text import word_list

__all__ = ["SENSITIVE_WORDS", "hashtag", "hashtags", "is_credit_or_outlet", "is_topic"]

#: Words that describe people's bodies, race, sex or health: a tag with them labels
#: people rather than naming a subject.
SENSITIVE_WORDS = frozenset(
    word_list(
        """sex sexual sexually sexy rape raped nude naked porn black white brown asian hispanic
    latino latina man men woman women boy boys girl girls transgender gay lesbian
    schizophrenic schizophrenia paranoid mentally ill insane disabled obese fat ugly
    suicide dead body bodies corpse victim victims"""
    )
)
#: Entities that are photo or wire credits, not subjects.
_CREDIT_WORDS = frozenset(word_list("getty images image photo photos shutterstock afp ap file"))

#: Owners in a possessive that key phrases lose their "'s" from.
_GENERIC_OWNERS = frozenset(word_list("country nation world state city people government party"))

#: One-word entities that are common nouns: a tag of them says nothing ("#State").
_BARE_NOUNS = frozenset(
    word_list(
        "state city court government administration party agency committee office "
        "department bureau police council ministry"
    )
)
#: Head nouns that name no subject of their own ("million people", "administration rule").
_GENERIC_HEADS = frozenset(
    word_list(
        "people person rule rules thing things way ways time times year years day days week "
        "weeks month months percent number numbers part parts lot kind side sides place places"
    )
)
_QUANTITIES = frozenset(word_list("million millions billion billions thousand thousands hundred"))
#: Words that judge: a phrase opening with one states a view ("bad economics").
_JUDGEMENTS = frozenset(
    word_list(
        "bad good terrible horrible awful wrong best worst stupid smart dumb "
        "crazy huge disastrous ridiculous absurd shameful disgraceful"
    )
)

_PARTS = re.compile(r"[A-Za-z0-9]+")
#: Longest one-word name in capitals kept as an acronym: "USMCA", "NAFTA" stay; a longer
#: one is a dateline's place ("WASHINGTON", "BRUSSELS") and is written "#Washington".
_ACRONYM_MAX = 5


def hashtag(phrase: str) -> str | None:
    """``"political prisoners"`` → ``"#PoliticalPrisoners"``; None for phrases with no letters.

    Words already in mixed or upper case keep it ("U.S. envoy" → "#USEnvoy"), except a
    phrase wholly in capitals that is no acronym: a dateline's "NEW YORK" → "#NewYork".
    """
    words = _PARTS.findall(phrase.replace(".", ""))
    if not words or not any(ch.isalpha() for ch in "".join(words)):
        return None
    if all(w == w.upper() for w in words) and (len(words) > 1 or len(words[0]) > _ACRONYM_MAX):
        # a dateline in capitals ("WASHINGTON —", "NEW YORK (Reuters)"), not an acronym
        words = [w.capitalize() for w in words]
    tag = "".join(w if w[1:] != w[1:].lower() else w[:1].upper() + w[1:] for w in words)
    if len(tag) < 3 or len(tag) > 40:
        return None
    return "#" + tag


def is_topic(phrase: str) -> bool:
    """Tell whether a key phrase names a topic: a category lexicon word, no sensitive one."""
    tokens = phrase.lower().split()
    if not tokens or any(t in SENSITIVE_WORDS for t in tokens):
        return False
    if tokens[-1] in _GENERIC_HEADS or any(t in _QUANTITIES or t.isdigit() for t in tokens):
        return False  # "million people", "administration rule", "bill 5": no subject
    if tokens[0] in _JUDGEMENTS:
        return False  # "bad economics" is a verdict, not a subject
    if len(tokens) > 2 and tokens[0] in _GENERIC_OWNERS:
        return False  # "the country's prison population" read as "country prison population"
    if len(tokens) > 2:
        # a longer phrase is a topic when most of it is: "greenhouse gas emissions",
        # "nuclear weapons program"; one topic word in a sentence's words is not
        # ("administration evident intent", "frequent online harassment")
        return sum(1 for t in tokens if score_text(t)) >= 2
    return bool(score_text(phrase))


def is_credit_or_outlet(name: str, outlet_keys: Collection[str] = ()) -> bool:
    """Tell whether an entity is a photo credit ("Getty Images") or an outlet name.

    An outlet's name after its city counts ("Louisville Courier Journal" for "The
    Courier-Journal"), and so does a bare common noun the tagger took for a name ("State"
    for the State Department): as a tag it says nothing.
    """
    key = entity_key(name)
    tokens = key.split()
    if not tokens or key in outlet_keys or key.removeprefix("the ") in outlet_keys:
        return True
    if len(tokens) >= 3 and any(
        " " in outlet and key.endswith(" " + outlet) for outlet in outlet_keys
    ):
        return True  # a place before an outlet's name: "Louisville Courier Journal"
    if tokens == [key] and key in _BARE_NOUNS:
        return True
    return all(t in _CREDIT_WORDS for t in tokens) or "getty" in tokens


def hashtags(phrases: Sequence[str], *, limit: int = 6) -> list[str]:
    """Up to *limit* distinct hashtags, in the order of *phrases* (best first).

    Case-insensitive duplicates and tags that contain or are contained in an earlier
    tag are dropped ("#Coale" after "#JohnCoale", "#SpecialCounselProbe" after
    "#SpecialCounsel").
    """
    out: list[str] = []
    for phrase in phrases:
        tag = hashtag(phrase)
        if tag is None:
            continue
        low = tag.lower()
        if any(low[1:] in t.lower() or t.lower()[1:] in low for t in out):
            continue
        out.append(tag)
        if len(out) == limit:
            break
    return out
