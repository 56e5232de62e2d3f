"""Import a ratings CSV (lean and factual reporting) into the user's overrides file.

Each row is matched to a registry outlet by domain first, then by name: an exact match of
the normalised name, else rapidfuzz fuzzy matching that accepts only a clear winner. Rows
that could match several outlets, or whose ratings conflict with another row for the same
outlet, are reported as ambiguous and never applied; bad rows (no name or domain, unknown
lean, duplicate names) are reported and skipped. Format: docs/outlets.md.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsprism.errors import RegistryError
from newsprism.outlets.registry import (
    OutletRecord,
    normalize_factuality,
    normalize_lean,
    read_registry_file,
    write_registry_file,
)
from newsprism.outlets.resolve import OutletResolver

__all__ = [
    "COLUMN_ALIASES",
    "RatingRow",
    "RatingsReport",
    "apply_ratings",
    "import_ratings",
    "match_ratings",
    "normalize_name",
    "read_ratings",
]

#: Accepted header spellings (lower-cased) for each ratings column.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "outlet", "source", "news_source", "source_name", "publication"),
    "domain": (
        "domain",
        "url",
        "homepage",
        "website",
        "site",
        "source_url_normalized",
        "source_url",
    ),
    "lean": ("lean", "bias", "rating", "bias_rating", "allsides_rating", "lean_rating"),
    "factuality": ("factuality", "factual_reporting", "fact", "reporting", "factual"),
    "as_of": ("as_of", "date", "rating_date", "rated_on", "updated"),
}

# token_sort_ratio on normalised names, after exact matches on the name and on the name with
# spaces removed ("RollingStone.com" = "Rolling Stone"). On the AllSides 2019 list (547 names)
# against the shipped registry, the remaining fuzzy pairs scoring 91-94 were look-alikes as often
# as typos ("Daily Press" ~ "Daily Express" 92, "Western Journalism" ~ "Western Journal" 91),
# so only >= 95 is applied and 85-94 is reported as ambiguous, with its candidates.
ACCEPT_SCORE = 95.0
AMBIGUOUS_SCORE = 85.0
#: a runner-up within this many points of the best candidate makes a name ambiguous
CLEAR_MARGIN = 4.0


def normalize_name(name: str) -> str:
    """Normalise a name for matching: lower case, no parenthetical, "the" or punctuation.

    Rating sites' qualifiers are dropped too: "(Online News)", "The Week - News",
    "NBCNews.com", "Reuters Inc".
    """
    text = re.sub(r"\([^)]*\)", " ", name.lower())
    text = re.sub(r"\s+[-–—|:]\s+.*$", " ", text)
    text = re.sub(r"\.(com|org|net|co\.uk|news)\b", " ", text)
    text = text.replace("&", " and ")
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"^\s*the\s+", "", text)
    text = re.sub(r"\s+(inc|online|online news|web news)\s*$", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class RatingRow:
    """One usable row of a ratings file."""

    line: int
    name: str
    domain: str | None
    lean: str | None
    factuality: str | None
    as_of: str | None
    #: lean cell that names no five-point lean (e.g. "Mixed"): the row only rates factuality
    unrated_lean: bool = False


@dataclass
class RatingsReport:
    """What an import did (or would do): rows by outcome, each with a one-line reason."""

    matched: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    ambiguous: list[dict[str, Any]] = field(default_factory=list)
    unmatched: list[dict[str, Any]] = field(default_factory=list)
    bad_rows: list[dict[str, Any]] = field(default_factory=list)
    written_to: str | None = None

    def counts(self) -> dict[str, int]:
        """Count the rows per outcome."""
        return {
            "matched": len(self.matched),
            "changed": len(self.changed),
            "ambiguous": len(self.ambiguous),
            "unmatched": len(self.unmatched),
            "bad_rows": len(self.bad_rows),
        }

    def as_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        return {
            "counts": self.counts(),
            "matched": self.matched,
            "changed": self.changed,
            "ambiguous": self.ambiguous,
            "unmatched": self.unmatched,
            "bad_rows": self.bad_rows,
            "written_to": self.written_to,
        }


def _find_column(header: Sequence[str], logical: str) -> str | None:
    lowered = {h.strip().lower(): h for h in header}
    return next((lowered[a] for a in COLUMN_ALIASES[logical] if a in lowered), None)


def read_ratings(path: Path) -> tuple[list[RatingRow], list[dict[str, Any]]]:
    """Read the usable rows of a ratings CSV/TSV and the bad ones (with line and reason).

    Raises `RegistryError` when the file is unreadable or lacks the columns needed: a name or
    domain column, and a lean or factuality column.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RegistryError(f"Cannot read ratings file {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise RegistryError(f"{path} is not UTF-8 text; save it as UTF-8 CSV") from exc
    first = text.split("\n", 1)[0]
    delimiter = (
        "\t" if path.suffix.lower() == ".tsv" or first.count("\t") > first.count(",") else ","
    )
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    header = list(reader.fieldnames or [])
    cols = {logical: _find_column(header, logical) for logical in COLUMN_ALIASES}
    if not (cols["name"] or cols["domain"]) or not (cols["lean"] or cols["factuality"]):
        raise RegistryError(
            f"{path}: missing columns. Found {', '.join(header) or 'no header'}; a ratings file "
            "needs a name or domain column (name, outlet, domain, url, …) and a lean or "
            "factuality column (lean, bias, rating, factuality, …). See docs/outlets.md."
        )
    rows: list[RatingRow] = []
    bad: list[dict[str, Any]] = []
    for line, raw in enumerate(reader, start=2):

        def cell(logical: str, raw: dict[str, Any] = raw) -> str:
            column = cols[logical]
            value = raw.get(column) if column else None
            return value.strip() if isinstance(value, str) else ""

        if None in raw or any(v is None for v in raw.values()):
            bad.append({"line": line, "name": cell("name"), "reason": "wrong number of columns"})
            continue
        name, domain = cell("name"), cell("domain")
        if not name and not domain:
            bad.append({"line": line, "name": "", "reason": "no name and no domain"})
            continue
        try:
            lean_cell = cell("lean")
            lean = normalize_lean(lean_cell) if cols["lean"] else None
            factuality = normalize_factuality(cell("factuality")) if cols["factuality"] else None
        except RegistryError as exc:
            bad.append({"line": line, "name": name or domain, "reason": str(exc)})
            continue
        if lean is None and factuality is None:
            bad.append(
                {"line": line, "name": name or domain, "reason": "no lean and no factuality"}
            )
            continue
        rows.append(
            RatingRow(
                line=line,
                name=name,
                domain=domain or None,
                lean=lean,
                factuality=factuality,
                as_of=cell("as_of") or None,
                unrated_lean=bool(cols["lean"]) and lean is None,
            )
        )
    # The same outlet name twice: no way to tell which row is right, so neither is used.
    by_name: dict[str, list[RatingRow]] = {}
    for row in rows:
        if row.name:
            by_name.setdefault(row.name.strip().lower(), []).append(row)
    duplicates = {id(r) for group in by_name.values() if len(group) > 1 for r in group}
    for group in by_name.values():
        if len(group) > 1:
            lines = ", ".join(str(r.line) for r in group)
            for row in group:
                bad.append(
                    {
                        "line": row.line,
                        "name": row.name,
                        "reason": f"duplicate name (lines {lines})",
                    }
                )
    rows = [r for r in rows if id(r) not in duplicates]
    bad.sort(key=lambda b: int(b["line"]))
    return rows, bad


def _match_by_name(
    name: str, names: dict[str, list[int]]
) -> tuple[int | None, list[tuple[int, float]]]:
    """(index, []) for a clear match; (None, candidates) when ambiguous; (None, []) if none."""
    from rapidfuzz import fuzz, process

    key = normalize_name(name)
    if not key:
        return None, []
    exact = names.get(key) or names.get(key.replace(" ", ""), [])
    if len(exact) == 1:
        return exact[0], []
    if len(exact) > 1:
        return None, [(i, 100.0) for i in exact]
    hits = process.extract(key, list(names), scorer=fuzz.token_sort_ratio, limit=5)
    candidates: list[tuple[int, float]] = []
    for candidate, score, _ in hits:
        if score >= AMBIGUOUS_SCORE:
            candidates.extend((i, float(score)) for i in names[candidate])
    if not candidates:
        return None, []
    best = candidates[0][1]
    rivals = [c for c in candidates[1:] if c[0] != candidates[0][0] and c[1] >= best - CLEAR_MARGIN]
    if best >= ACCEPT_SCORE and not rivals:
        return candidates[0][0], []
    return None, candidates


def match_ratings(
    rows: Sequence[RatingRow], registry: Sequence[OutletRecord]
) -> tuple[dict[int, list[RatingRow]], RatingsReport]:
    """Registry index → the rating rows that matched it, and a report of the rest."""
    report = RatingsReport()
    resolver = OutletResolver({d: i for i, rec in enumerate(registry) for d in rec.domains})
    names: dict[str, list[int]] = {}
    for i, rec in enumerate(registry):
        keys = {normalize_name(rec.name), normalize_name(rec.slug.replace("-", " "))}
        for key in keys | {k.replace(" ", "") for k in keys}:
            if key and i not in names.setdefault(key, []):
                names[key].append(i)
    matches: dict[int, list[RatingRow]] = {}
    for row in rows:
        index = resolver.resolve(row.domain) if row.domain else None
        how = "domain"
        if index is None and row.name:
            index, candidates = _match_by_name(row.name, names)
            how = "name"
            if index is None and candidates:
                slugs = list(dict.fromkeys(registry[i].slug for i, _ in candidates))
                reason = (
                    "several outlets match the name"
                    if len(slugs) > 1
                    else f"only a near match (score {candidates[0][1]:.0f} < {ACCEPT_SCORE:.0f})"
                )
                report.ambiguous.append(
                    {
                        "line": row.line,
                        "name": row.name,
                        "candidates": slugs,
                        "reason": reason + "; add a domain column or the registry's name",
                    }
                )
                continue
        if index is None:
            report.unmatched.append(
                {"line": row.line, "name": row.name, "domain": row.domain or ""}
            )
            continue
        row_info = {"line": row.line, "name": row.name, "slug": registry[index].slug, "by": how}
        report.matched.append(row_info)
        matches.setdefault(index, []).append(row)
    return matches, report


def _combined(rows: Sequence[RatingRow], attr: str) -> tuple[str | None, bool]:
    values = {getattr(r, attr) for r in rows if getattr(r, attr) is not None}
    if len(values) > 1:
        return None, True
    return (values.pop() if values else None), False


def apply_ratings(
    matches: dict[int, list[RatingRow]],
    registry: Sequence[OutletRecord],
    report: RatingsReport,
    *,
    source: str,
    as_of: str,
) -> list[OutletRecord]:
    """Override rows for the outlets whose lean or factuality (or its provenance) changes.

    Several rows for one outlet that disagree are moved from matched to ambiguous.
    """
    updates: list[OutletRecord] = []
    for index, rows in sorted(matches.items()):
        rec = registry[index]
        lean, lean_conflict = _combined(rows, "lean")
        factuality, fact_conflict = _combined(rows, "factuality")
        if lean_conflict or fact_conflict:
            lines = {r.line for r in rows}
            report.matched = [m for m in report.matched if m["line"] not in lines]
            for row in rows:
                report.ambiguous.append(
                    {
                        "line": row.line,
                        "name": row.name,
                        "candidates": [rec.slug],
                        "reason": "rows for the same outlet disagree (lines "
                        + ", ".join(str(r.line) for r in rows)
                        + ")",
                    }
                )
            continue
        dated = next((r.as_of for r in rows if r.as_of), None) or as_of
        update = OutletRecord(slug=rec.slug, name=rec.name)
        changes: dict[str, tuple[str | None, str | None]] = {}
        if lean is not None and (lean, source) != (rec.lean, rec.lean_source):
            update.lean, update.lean_source, update.lean_as_of = lean, source, dated
            changes["lean"] = (rec.lean, lean)
        if factuality is not None and (factuality, source) != (
            rec.factuality,
            rec.factuality_source,
        ):
            update.factuality, update.factuality_source = factuality, source
            update.factuality_as_of = dated
            changes["factuality"] = (rec.factuality, factuality)
        if changes:
            updates.append(update)
            report.changed.append(
                {
                    "slug": rec.slug,
                    "lines": [r.line for r in rows],
                    **{k: {"from": old, "to": new} for k, (old, new) in changes.items()},
                }
            )
    return updates


def import_ratings(
    ratings: Path,
    *,
    source: str,
    overrides: Path,
    registry: Sequence[OutletRecord],
    as_of: str | None = None,
    dry_run: bool = False,
) -> RatingsReport:
    """Match *ratings* against *registry* and write the changes into the *overrides* file.

    Existing override rows are kept; an outlet's row is updated in place. With *dry_run*
    nothing is written. The report lists matched, changed, ambiguous, unmatched and bad rows.
    """
    if not source.strip():
        raise RegistryError(
            "--source must name the rating (e.g. 'AllSides', 'Media Bias/Fact Check')"
        )
    rows, bad = read_ratings(ratings)
    matches, report = match_ratings(rows, registry)
    report.bad_rows = bad
    dated = as_of or datetime.now(UTC).strftime("%Y-%m-%d")
    updates = apply_ratings(matches, registry, report, source=source.strip(), as_of=dated)
    if updates and not dry_run:
        merge_into_overrides(overrides, updates)
        report.written_to = str(overrides)
    return report


def merge_into_overrides(overrides: Path, updates: Sequence[OutletRecord]) -> None:
    """Add or update *updates* (by slug) in the user's overrides file, keeping its other rows."""
    from newsprism.outlets.registry import merge_records

    existing = read_registry_file(overrides) if overrides.exists() else []
    write_registry_file(overrides, merge_records([existing, list(updates)]))
