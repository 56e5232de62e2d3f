"""The guard's causal-link check: a "because" the cited sources do not make.

A claim that joins two true statements with a cause ("ZTE suspended its main operations
because its chief executive resigned"; "Felipe died in detention because he was denied
water") reads as supported to word-overlap rules and to the entailment model when both
halves use the story's words (issue 16: 81 % of causal links caught on the test half
before this check). Here, when the claim asserts a cause or effect (because, due to, led
to, as a result, caused, prompted, in response to, so that, after which …), the two
clauses it links — the clause before the connective and the one after it — must both
come from one cited source that itself links statements (a causal or temporal connective
of its own: because, after, prompting, amid, citing, as …). Otherwise the link is the
claim's own and the sentence is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.nlp.text import outside_quotes
from newsprism.synth.text import content_words, normalize_quotes

__all__ = ["causal_problem"]

#: Connectives by which a sentence asserts a cause or an effect.
_CLAIM_LINK = re.compile(
    r"\b(because(?:\s+of)?|due\s+to|as\s+a\s+(?:direct\s+)?(?:result|consequence)(?:\s+of)?|"
    r"(?:led|leads|leading)\s+to|caus(?:ed|es|ing)|prompt(?:ed|s|ing)|in\s+response\s+to|"
    r"so\s+that|after\s+which|thanks\s+to|owing\s+to|in\s+retaliation\s+for|"
    r"as\s+(?:a\s+)?punishment\s+for|result(?:ed|s|ing)\s+in|(?:which|that)\s+is\s+why|"
    r"trigger(?:ed|s|ing)|spark(?:ed|s|ing)|in\s+order\s+to|"
    r"(?:driven|fuell?ed|spurred|powered|boosted)\s+by)\b",
    re.IGNORECASE,
)
#: What a source may link two statements with, for a claim to say "because" of it.
_SOURCE_LINK = re.compile(
    _CLAIM_LINK.pattern[:-3]
    + r"|after|following|amid|since|so|as|over|citing|cited|blam(?:e|ed|es|ing)|reasons?|why|"
    r"causes?|consequences?|results?|"
    r"forc(?:ed|es|ing)|spurr(?:ed|ing)|dr(?:ove|iven)|meant|given|when|to\s+(?:avoid|stop|"
    r"prevent|protest|help|support|end))\b",
    re.IGNORECASE,
)
#: A link denied just before it: "not because of", "not due to".
_DENIED = re.compile(r"\bnot\s+(?:just\s+|only\s+|simply\s+)?$", re.IGNORECASE)
#: Where a clause ends: a linked clause is read up to the next of these.
_BOUNDARY = re.compile(r"[,;:—]|\s(?:and|but|although|though|while|whereas)\s", re.IGNORECASE)
#: Share of each linked clause's content words one source must hold (the cause's words
#: nearly all: invented causes are short; the effect's at least half, it is often reworded).
MIN_CAUSE_SHARE = 0.75
MIN_EFFECT_SHARE = 0.5


def _words(text: str) -> list[str]:
    """Content words, a hyphenated compound as its parts: "front-page news" is "front page news"."""
    return [p for w in content_words(text) for p in (w.split("-") if "-" in w else [w]) if p]


def _opens_a_source_sentence(tail: str, sources: Sequence[str]) -> bool:
    """Tell whether *tail* (the connective onwards, 8+ words) opens a sentence of a source."""
    words = re.findall(r"[\w'’]+", tail.lower())[:8]
    if len(words) < 8:
        return False
    for source in sources:
        for sentence in re.split(r"(?<=[.!?])\s+", normalize_quotes(source)):
            if re.findall(r"[\w'’]+", sentence.lower())[:8] == words:
                return True
    return False


def causal_problem(claim: str, sources: Sequence[str]) -> str | None:
    """A reason when *claim* links two statements by a cause its sources do not state."""
    text = outside_quotes(claim)
    # "not because of any threat but out of caution" denies a cause: the next link, if any
    m = next((m for m in _CLAIM_LINK.finditer(text) if not _DENIED.search(text[: m.start()])),
             None)  # fmt: skip
    if m is None:
        return None
    if _opens_a_source_sentence(text[m.start() :], sources):
        return None  # "…, and because B, C": the claim joins a source's own "Because B, C"
    before, after = text[: m.start()], text[m.end() :]
    if not before.strip(" ,"):
        # "Because X, Y": the cause runs to the first boundary, the effect is the rest
        cut = _BOUNDARY.search(after)
        before, after = (after[cut.end() :], after[: cut.start()]) if cut else ("", after)
    else:
        cut = _BOUNDARY.search(after)
        after = after[: cut.start()] if cut else after
        # the effect is the nearest clause with two content words: "…, which is being
        # shut because …" is said of the clause before the relative pronoun
        parts = _BOUNDARY.split(before)
        for k in range(len(parts) - 1, -1, -1):
            if len(content_words(" ".join(parts[k:]))) >= 2:
                before = " ".join(parts[k:])
                break
    cause, effect = _words(after), _words(before)
    if not cause:
        return None
    for source in sources:
        if not _SOURCE_LINK.search(source):
            continue
        words = set(_words(source))
        cause_share = sum(w in words for w in cause) / len(cause)
        effect_share = sum(w in words for w in effect) / len(effect) if effect else 1.0
        if cause_share >= MIN_CAUSE_SHARE and effect_share >= MIN_EFFECT_SHARE:
            return None
    return (f"causal: the link “{m.group(1)}” between “{before.strip()[:40]}” and "
            f"“{after.strip()[:40]}” is not made by a cited source")  # fmt: skip
