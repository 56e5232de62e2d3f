"""Counts that describe the registry's coverage: by lean, country, language and factuality."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from newsprism.config import FACTUALITY_LEVELS
from newsprism.outlets.registry import OutletRecord
from newsprism.store.schema import LEANS

__all__ = ["registry_stats"]


def registry_stats(records: Sequence[OutletRecord]) -> dict[str, Any]:
    """Count the coverage of *records*: outlets, rated, outside_us, languages, by_lean, ….

    ``languages`` is the number of distinct languages; ``by_lean`` has every lean and ``other``
    (unrated); ``by_country`` and ``by_language`` are sorted by count, largest first.
    """
    by_lean = dict.fromkeys((*LEANS, "other"), 0)
    for rec in records:
        by_lean[rec.lean if rec.lean in LEANS else "other"] += 1
    factuality = dict.fromkeys((*FACTUALITY_LEVELS, "unrated"), 0)
    for rec in records:
        factuality[rec.factuality if rec.factuality in FACTUALITY_LEVELS else "unrated"] += 1
    countries = Counter(rec.country or "??" for rec in records)
    languages = Counter(rec.language or "??" for rec in records)
    sources = Counter(rec.lean_source for rec in records if rec.lean in LEANS and rec.lean_source)
    return {
        "outlets": len(records),
        "rated": sum(1 for rec in records if rec.lean in LEANS),
        "factuality_rated": sum(1 for rec in records if rec.factuality in FACTUALITY_LEVELS),
        "outside_us": sum(1 for rec in records if rec.country and rec.country != "US"),
        "languages": len([lang for lang in languages if lang != "??"]),
        "non_english_languages": sorted(lang for lang in languages if lang not in {"en", "??"}),
        "feeds": sum(len(rec.feeds) for rec in records),
        "by_lean": by_lean,
        "by_country": dict(sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_language": dict(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))),
        "factuality": factuality,
        "lean_sources": dict(sources.most_common()),
    }
