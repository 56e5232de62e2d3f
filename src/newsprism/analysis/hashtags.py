"""Hashtags (#PoliticalPrisoners style) from a story's key phrases and entities."""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["hashtag", "hashtags"]

_PARTS = re.compile(r"[A-Za-z0-9]+")


def hashtag(phrase: str) -> str | None:
    """``"political prisoners"`` → ``"#PoliticalPrisoners"``; None for phrases with no letters.

    Words already in mixed or upper case keep it ("U.S. envoy" → "#USEnvoy").
    """
    words = _PARTS.findall(phrase.replace(".", ""))
    if not words or not any(ch.isalpha() for ch in "".join(words)):
        return None
    tag = "".join(w if w[1:] != w[1:].lower() else w[:1].upper() + w[1:] for w in words)
    if len(tag) < 3 or len(tag) > 40:
        return None
    return "#" + tag


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
