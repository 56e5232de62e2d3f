"""One sentence, one place: the page's sections in reading order, and repeats dropped.

Pure functions shared by both synthesizers and the brief stage:

* `same_statement` / `token_overlap` — two sentences that say the same thing (most of the
  shorter one's words, or one long quotation carried by both);
* `dedupe_page` — one sentence, one place: later near-duplicates on a page are dropped.

The rules for the rest of the page live beside this module: `statements` (what may be a
reported statement), `opinion` (opinion pieces), `headlines` (the story's headline),
`headings` and `heading_words` (headings made of a sentence's words).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from newsprism.synth.text import normalize_quotes, word_tokens

if TYPE_CHECKING:
    from newsprism.synth.brief import Brief
    from newsprism.synth.semantic import SentenceEncoder

__all__ = [
    "NEUTRAL_SECTIONS",
    "PAGE_ORDER",
    "SAME_FACT_COSINE",
    "TOKEN_OVERLAP",
    "dedupe_page",
    "same_statement",
    "token_overlap",
]

#: Sections read in the narrator's voice: opinion pieces never feed them.
NEUTRAL_SECTIONS = (
    "summary",
    "story",
    "why_it_matters",
    "context",
    "global_impact",
    "key_points_left",
    "key_points_center",
    "key_points_right",
)
#: The order a reader meets the sections (seed 000): the shared pool is drawn in this order,
#: so a sentence lands in the first section that wants it.
PAGE_ORDER = (
    "headline",
    "summary",
    "story",
    "why_it_matters",
    "context",
    "diverging_views",
    "global_impact",
    # key_players are names with roles (labels, not statements): never compared
    "international_reactions",
    "sources",
    "bias_comparison",
    "key_points_left",
    "key_points_center",
    "key_points_right",
)
#: Share of the shorter sentence's words found in the other: at 0.8 they say the same thing
#: (issue 15's threshold); wire rewrites of one lead sit at 0.8–1.0 on baly2020.
TOKEN_OVERLAP = 0.8


#: Texts whose word sets and quotations are kept: the page dedupe compares every sentence with
#: every one shown before it, so each text is asked for again and again (~50k pairs a page).
TEXT_CACHE = 8192


@lru_cache(maxsize=TEXT_CACHE)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in word_tokens(text))


@lru_cache(maxsize=TEXT_CACHE)
def _long_quotations(text: str) -> tuple[str, ...]:
    """The quotations of 4+ words in *text*."""
    return tuple(q for q in _QUOTATION.findall(normalize_quotes(text)) if len(q.split()) >= 4)


def token_overlap(a: str, b: str) -> float:
    """Share of the shorter text's words that the other contains (0 when either is empty)."""
    wa, wb = _word_set(a), _word_set(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def same_statement(a: str, b: str) -> bool:
    """Tell whether *a* and *b* say the same thing.

    Either ≥ `TOKEN_OVERLAP` of the shorter one's words, or one quotation (of 4+ words)
    carried by both: "“We will not gamble …,” Torres said" and "Torres told reporters,
    “We will not gamble …”" are one quote, shown once.
    """
    if token_overlap(a, b) >= TOKEN_OVERLAP:
        return True
    return any(token_overlap(q, b) >= TOKEN_OVERLAP for q in _long_quotations(a)) or any(
        token_overlap(q, a) >= TOKEN_OVERLAP for q in _long_quotations(b)
    )


_QUOTATION = re.compile(r'"([^"]{12,})"')


#: MiniLM cosine at which two differently worded sentences state the same fact; 0.9 is the
#: issue's bar, 0.88 leaves a margin (pairs at 0.90–0.93 on baly2020 were one fact retold).
SAME_FACT_COSINE = 0.88


def dedupe_page(brief: Brief, encoder: SentenceEncoder | None = None) -> list[dict[str, str]]:
    """Drop every sentence that repeats one shown earlier on the page.

    Sections are walked in `PAGE_ORDER`. Repeats are `same_statement` pairs and, with
    *encoder*, pairs at MiniLM cosine ≥ `SAME_FACT_COSINE`. Bias-comparison lines share a
    template, so they are checked against the rest of the page only. Returns what was dropped.
    """
    order = [(name, s) for name in PAGE_ORDER for s in brief.sections.get(name, [])]
    vectors = encoder.embed([s.text for _, s in order]) if encoder is not None and order else None
    shown: list[int] = []
    keep: set[int] = set()
    dropped: list[dict[str, str]] = []
    for k, (name, sentence) in enumerate(order):
        repeat = any(
            (order[j][0] != "bias_comparison" or name != "bias_comparison")
            and (
                same_statement(sentence.text, order[j][1].text)
                or (vectors is not None and float(vectors[k] @ vectors[j]) >= SAME_FACT_COSINE)
            )
            for j in shown
        )
        if repeat:
            dropped.append({"section": name, "text": sentence.text, "reason": "duplicate"})
            continue
        keep.add(id(sentence))
        shown.append(k)
    for name in list(brief.sections):
        if name in PAGE_ORDER:
            brief.sections[name] = [s for s in brief.sections[name] if id(s) in keep]
    brief.sections = {k: v for k, v in brief.sections.items() if v}
    return dropped
