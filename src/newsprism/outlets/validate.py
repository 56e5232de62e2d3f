"""Validate registry files and the merged registry: every problem, with where it is.

``newsprism outlets check`` prints these; `load_registry` refuses a registry that has any.
Per file: missing slug or name, duplicate slugs, a domain listed twice, unknown lean or
factuality values, malformed dates, country or language codes, homepages and feed URLs,
unknown feed categories or owner types, provenance missing for a rating or an owner. On the
merged registry: a domain claimed by two outlets, a feed URL listed by two outlets, an outlet
with no feed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from newsprism.config import FACTUALITY_LEVELS
from newsprism.outlets.registry import CATEGORIES, OWNER_TYPES, OutletRecord, is_valid_domain
from newsprism.store.schema import LEANS

__all__ = ["is_valid_url", "validate_layers", "validate_merged", "validate_records"]

_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")
_DATE_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_LANGUAGE_RE = re.compile(r"^[a-z]{2}$")


def is_valid_url(url: str) -> bool:
    """Tell whether *url* is an absolute http(s) URL with a host and no whitespace."""
    if not url or len(url) > 2000 or any(ch.isspace() for ch in url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 (raises ValueError on a malformed port)
    except ValueError:
        return False
    # A host without a dot is a typo ("https://nytimes/feed") unless it is loopback or an IP
    # address (the replay server serves feeds on 127.0.0.1 / localhost).
    return parts.scheme in {"http", "https"} and ("." in host or host == "localhost" or ":" in host)


def _record_problems(rec: OutletRecord) -> list[str]:
    where = f"{rec.origin} ({rec.slug or '?'})"
    problems = [f"{where}: {problem}" for problem in rec.read_problems]
    # Column widths of the outlet table (schema.py): longer values would fail on PostgreSQL.
    for name, width in (
        ("name", 200),
        ("lean_source", 200),
        ("factuality_source", 200),
        ("owner", 200),
        ("owner_chain", 500),
        ("owner_source", 200),
    ):
        if len(getattr(rec, name) or "") > width:
            problems.append(f"{where}: {name} is longer than {width} characters")
    if len(rec.homepage or "") > 500:
        problems.append(f"{where}: homepage is longer than 500 characters")
    if not _SLUG_RE.match(rec.slug):
        problems.append(f"{where}: slug {rec.slug!r} must be lower-case letters, digits and '-'")
    if rec.lean is not None and rec.lean not in LEANS:
        problems.append(f"{where}: unknown lean {rec.lean!r} (use one of {', '.join(LEANS)})")
    if rec.lean is not None and not (rec.lean_source and rec.lean_as_of):
        problems.append(f"{where}: lean {rec.lean!r} needs lean_source and lean_as_of")
    if rec.factuality is not None and rec.factuality not in FACTUALITY_LEVELS:
        problems.append(
            f"{where}: unknown factuality {rec.factuality!r} "
            f"(use one of {', '.join(FACTUALITY_LEVELS)})"
        )
    if rec.factuality is not None and not (rec.factuality_source and rec.factuality_as_of):
        problems.append(f"{where}: factuality needs factuality_source and factuality_as_of")
    if rec.owner_type is not None and rec.owner_type not in OWNER_TYPES:
        problems.append(
            f"{where}: unknown owner_type {rec.owner_type!r} (use one of {', '.join(OWNER_TYPES)})"
        )
    if (rec.owner or rec.owner_type or rec.owner_chain) and not (
        rec.owner_source and rec.owner_as_of
    ):
        problems.append(f"{where}: ownership needs owner_source and owner_as_of")
    for name in ("lean_as_of", "factuality_as_of", "owner_as_of"):
        value = getattr(rec, name)
        if value and not _DATE_RE.match(value):
            problems.append(f"{where}: {name} {value!r} must be YYYY-MM or YYYY-MM-DD")
    if rec.country and not _COUNTRY_RE.match(rec.country):
        problems.append(f"{where}: country {rec.country!r} must be an ISO 3166 alpha-2 code")
    if rec.language and not _LANGUAGE_RE.match(rec.language):
        problems.append(f"{where}: language {rec.language!r} must be an ISO 639-1 code")
    for domain in rec.domains:
        if not is_valid_domain(domain):
            problems.append(f"{where}: malformed domain {domain!r}")
    if len(set(rec.domains)) != len(rec.domains):
        problems.append(f"{where}: a domain is listed twice")
    if rec.homepage and not is_valid_url(rec.homepage):
        problems.append(f"{where}: malformed homepage URL {rec.homepage!r}")
    for feed in rec.feeds:
        if not is_valid_url(feed.url):
            problems.append(f"{where}: malformed feed URL {feed.url!r}")
        if feed.category and feed.category not in CATEGORIES:
            problems.append(
                f"{where}: unknown feed category {feed.category!r} "
                f"(use one of {', '.join(CATEGORIES)})"
            )
    return problems


def validate_records(records: Sequence[OutletRecord]) -> list[str]:
    """Problems within one registry file (rows are checked alone and against each other)."""
    problems: list[str] = []
    seen_slugs: dict[str, str] = {}
    seen_domains: dict[str, str] = {}
    for rec in records:
        problems.extend(_record_problems(rec))
        if rec.slug in seen_slugs:
            problems.append(
                f"{rec.origin}: duplicate slug {rec.slug!r} (first at {seen_slugs[rec.slug]})"
            )
        seen_slugs.setdefault(rec.slug, rec.origin)
        for domain in set(rec.domains):
            if domain in seen_domains:
                problems.append(
                    f"{rec.origin} ({rec.slug}): duplicate domain {domain!r} "
                    f"(also {seen_domains[domain]})"
                )
            seen_domains.setdefault(domain, f"{rec.origin} ({rec.slug})")
    return problems


def validate_merged(records: Sequence[OutletRecord]) -> list[str]:
    """Problems of the merged registry: shared domains or feeds, outlets without name or feed."""
    problems = []
    domains: dict[str, str] = {}
    feeds: dict[str, str] = {}
    for rec in records:
        if not rec.name:
            problems.append(f"outlet {rec.slug!r}: no name")
        if not rec.domains:
            problems.append(f"outlet {rec.slug!r}: no domain, so no article can resolve to it")
        if not rec.feeds:
            problems.append(f"outlet {rec.slug!r}: no feed")
        for domain in rec.domains:
            if domain in domains and domains[domain] != rec.slug:
                problems.append(
                    f"domain {domain!r} belongs to two outlets: "
                    f"{domains[domain]!r} and {rec.slug!r}"
                )
            domains.setdefault(domain, rec.slug)
        for feed in rec.feeds:
            if feed.url in feeds and feeds[feed.url] != rec.slug:
                problems.append(
                    f"feed {feed.url} is listed by two outlets: "
                    f"{feeds[feed.url]!r} and {rec.slug!r}"
                )
            feeds.setdefault(feed.url, rec.slug)
    return problems


def validate_layers(
    layers: Sequence[tuple[Path, Sequence[OutletRecord]]], merged: Sequence[OutletRecord]
) -> list[str]:
    """Every problem of every file and of their merge, in file order."""
    problems: list[str] = []
    for _path, records in layers:
        problems.extend(validate_records(records))
    problems.extend(validate_merged(merged))
    return problems
