"""Import an ownership CSV (owner, funding type, parent chain) into the user's overrides file.

Rows are matched to registry outlets exactly as ratings are (`newsprism.outlets.ratings`):
by domain, then by a clear name match. Each imported value records the ``--source`` and
date, like a lean. Rows with an unknown funding type, no owner, or a duplicate outlet are
reported and skipped; nothing is written for them. Format: docs/outlets.md.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsprism.errors import RegistryError
from newsprism.outlets.ratings import (
    RatingRow,
    RatingsReport,
    match_ratings,
    merge_into_overrides,
)
from newsprism.outlets.registry import OutletRecord, normalize_owner_type

__all__ = ["OWNERSHIP_ALIASES", "OwnerRow", "import_ownership", "read_ownership"]

#: Accepted header spellings (lower-cased) for each ownership column.
OWNERSHIP_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "outlet", "source", "publication", "source_name"),
    "domain": ("domain", "url", "homepage", "website", "site"),
    "owner": ("owner", "owned_by", "ownership", "company", "parent"),
    "owner_type": ("owner_type", "funding", "funding_type", "type", "ownership_type"),
    "owner_chain": ("owner_chain", "parent_chain", "parents", "ultimate_owner"),
    "as_of": ("as_of", "date", "updated"),
}


@dataclass
class OwnerRow:
    """One usable row of an ownership file."""

    line: int
    name: str
    domain: str | None
    owner: str
    owner_type: str | None
    owner_chain: str | None
    as_of: str | None


def _column(header: list[str], logical: str) -> str | None:
    lowered = {h.strip().lower(): h for h in header}
    return next((lowered[a] for a in OWNERSHIP_ALIASES[logical] if a in lowered), None)


def read_ownership(path: Path) -> tuple[list[OwnerRow], list[dict[str, Any]]]:
    """Read the usable rows of an ownership CSV and the bad ones (with line and reason).

    Raises `RegistryError` when the file is unreadable or lacks a name/domain column and an
    owner column.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RegistryError(f"Cannot read ownership file {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise RegistryError(f"{path} is not UTF-8 text; save it as UTF-8 CSV") from exc
    reader = csv.DictReader(text.splitlines())
    header = list(reader.fieldnames or [])
    cols = {logical: _column(header, logical) for logical in OWNERSHIP_ALIASES}
    if not (cols["name"] or cols["domain"]) or not cols["owner"]:
        raise RegistryError(
            f"{path}: missing columns. Found {', '.join(header) or 'no header'}; an ownership "
            "file needs a name or domain column and an owner column (owner, owned_by, …), "
            "optionally owner_type and owner_chain. See docs/outlets.md."
        )
    rows: list[OwnerRow] = []
    bad: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, raw in enumerate(reader, start=2):

        def cell(logical: str, raw: dict[str, Any] = raw) -> str:
            column = cols[logical]
            value = raw.get(column) if column else None
            return value.strip() if isinstance(value, str) else ""

        name, domain, owner = cell("name"), cell("domain"), cell("owner")
        if None in raw or any(v is None for v in raw.values()):
            bad.append({"line": line, "name": name, "reason": "wrong number of columns"})
            continue
        if not (name or domain):
            bad.append({"line": line, "name": "", "reason": "no name and no domain"})
            continue
        if not owner:
            bad.append({"line": line, "name": name or domain, "reason": "no owner"})
            continue
        key = (domain or name).lower()
        if key in seen:
            bad.append(
                {"line": line, "name": name or domain, "reason": f"duplicate of line {seen[key]}"}
            )
            continue
        seen[key] = line
        try:
            owner_type = normalize_owner_type(cell("owner_type"))
        except RegistryError as exc:
            bad.append({"line": line, "name": name or domain, "reason": str(exc)})
            continue
        rows.append(
            OwnerRow(
                line=line,
                name=name,
                domain=domain or None,
                owner=owner,
                owner_type=owner_type,
                owner_chain=cell("owner_chain") or None,
                as_of=cell("as_of") or None,
            )
        )
    return rows, bad


def import_ownership(
    path: Path,
    *,
    source: str,
    overrides: Path,
    registry: list[OutletRecord],
    as_of: str | None = None,
    dry_run: bool = False,
) -> RatingsReport:
    """Match *path*'s rows to *registry* and write changed ownership into *overrides*.

    The report has the same shape as a ratings import (matched, changed, ambiguous,
    unmatched, bad rows); ``changed`` lists each outlet's owner before and after.
    """
    if not source.strip():
        raise RegistryError("--source must name where the ownership comes from (e.g. 'Wikipedia')")
    rows, bad = read_ownership(path)
    by_line = {row.line: row for row in rows}
    # Matching needs only line, name and domain: reuse the ratings matcher unchanged.
    probes = [RatingRow(r.line, r.name, r.domain, None, None, r.as_of) for r in rows]
    matches, report = match_ratings(probes, registry)
    report.bad_rows = bad
    dated = as_of or datetime.now(UTC).strftime("%Y-%m-%d")
    updates: list[OutletRecord] = []
    for index, matched in sorted(matches.items()):
        rec = registry[index]
        if len(matched) > 1:
            lines = {m.line for m in matched}
            report.matched = [m for m in report.matched if m["line"] not in lines]
            report.ambiguous.extend(
                {
                    "line": m.line,
                    "name": m.name,
                    "candidates": [rec.slug],
                    "reason": "several rows name the same outlet",
                }
                for m in matched
            )
            continue
        row = by_line[matched[0].line]
        new = (row.owner, row.owner_type, row.owner_chain)
        if new == (rec.owner, rec.owner_type, rec.owner_chain):
            continue
        updates.append(
            OutletRecord(
                slug=rec.slug,
                name=rec.name,
                owner=row.owner,
                owner_type=row.owner_type,
                owner_chain=row.owner_chain,
                owner_source=source.strip(),
                owner_as_of=row.as_of or dated,
            )
        )
        report.changed.append(
            {
                "slug": rec.slug,
                "lines": [row.line],
                "owner": {"from": rec.owner, "to": row.owner},
                "owner_type": {"from": rec.owner_type, "to": row.owner_type},
            }
        )
    if updates and not dry_run:
        merge_into_overrides(overrides, updates)
        report.written_to = str(overrides)
    return report
