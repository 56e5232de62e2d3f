"""Counts that describe the registry's coverage: by lean, country, language, factuality, owner."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from newsprism.config import FACTUALITY_LEVELS
from newsprism.outlets.registry import OWNER_TYPES, OutletRecord
from newsprism.store.schema import LEANS

__all__ = ["registry_stats"]


def registry_stats(records: Sequence[OutletRecord]) -> dict[str, Any]:
    """Count the coverage of *records*: outlets, rated, outside_us, languages, by_lean, ….

    ``by_owner_type`` counts funding types (``unknown`` where none is recorded);
    ``rated_with_owner`` counts rated outlets whose owner is known. ``languages`` is the
    number of distinct languages; ``by_lean`` has every lean and ``other``
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
    owner_types = dict.fromkeys((*OWNER_TYPES, "unknown"), 0)
    for rec in records:
        owner_types[rec.owner_type if rec.owner_type in OWNER_TYPES else "unknown"] += 1
    rated = [rec for rec in records if rec.lean in LEANS]
    sources = Counter(rec.lean_source for rec in records if rec.lean in LEANS and rec.lean_source)
    return {
        "outlets": len(records),
        "rated": sum(1 for rec in records if rec.lean in LEANS),
        "owner_known": sum(1 for rec in records if rec.owner),
        "rated_with_owner": sum(1 for rec in rated if rec.owner),
        "factuality_rated": sum(1 for rec in records if rec.factuality in FACTUALITY_LEVELS),
        "outside_us": sum(1 for rec in records if rec.country and rec.country != "US"),
        "languages": len([lang for lang in languages if lang != "??"]),
        "non_english_languages": sorted(lang for lang in languages if lang not in {"en", "??"}),
        "feeds": sum(len(rec.feeds) for rec in records),
        "by_lean": by_lean,
        "by_country": dict(sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_language": dict(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))),
        "factuality": factuality,
        "by_owner_type": owner_types,
        "lean_sources": dict(sources.most_common()),
    }
