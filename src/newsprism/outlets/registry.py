"""Load, merge and store the outlet registry: the shipped CSV, extra files and the user's overrides.

The registry is data (``outlets.csv`` beside this module, schema in docs/outlets.md). Files are
read in order — shipped, each ``extra`` file, then the user's overrides file — and merged by
slug and by domain: a later row whose slug or one of whose domains belongs to an earlier outlet
updates that outlet (non-empty fields win, domains and feeds are added); any other row adds an
outlet. The overrides file is the user's own and is never shipped, so it survives upgrades.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from newsprism.config import FACTUALITY_LEVELS
from newsprism.errors import ConfigError, RegistryError
from newsprism.store.schema import LEANS
from newsprism.xmlsafe import xml_safe

if TYPE_CHECKING:
    from newsprism.store.db import Store

__all__ = [
    "CATEGORIES",
    "CSV_COLUMNS",
    "OWNER_TYPES",
    "SHIPPED_CSV",
    "WWW_PREFIX",
    "FeedRecord",
    "OutletRecord",
    "load_registry",
    "merge_records",
    "normalize_domain",
    "normalize_factuality",
    "normalize_lean",
    "normalize_owner_type",
    "outlet_slug",
    "passes_factuality",
    "read_registry_file",
    "sync_registry",
    "write_registry_file",
]

#: The package-data registry that ships with NewsPrism.
SHIPPED_CSV = Path(__file__).with_name("outlets.csv")

#: Column order of every registry file (shipped, extra, overrides).
CSV_COLUMNS = (
    "slug",
    "name",
    "domains",
    "country",
    "language",
    "lean",
    "lean_source",
    "lean_as_of",
    "factuality",
    "factuality_source",
    "factuality_as_of",
    "owner",
    "owner_type",
    "owner_chain",
    "owner_source",
    "owner_as_of",
    "homepage",
    "feeds",
)

#: Funding types an owner may have (docs/outlets.md defines each). Kagi's ``media_data.json``
#: and Ground News use similar buckets; ours keep "public" (public-service media with
#: editorial independence in law) apart from "state" (a government owns or funds it without).
OWNER_TYPES = (
    "corporate",
    "independent",
    "non_profit",
    "cooperative",
    "public",
    "state",
)

#: Category hints a feed may carry (the section it publishes).
CATEGORIES = (
    "World",
    "Politics",
    "Business",
    "Technology",
    "Science",
    "Health",
    "Sports",
    "Entertainment",
    "Climate",
    "Justice",
    "Military",
    "General",
)

# Spellings used by AllSides, Media Bias/Fact Check and Ad Fontes, lower-cased with runs of
# space, dash and underscore collapsed to one space before lookup.
_LEAN_ALIASES = {
    "left": "left",
    "far left": "left",
    "extreme left": "left",
    "lean left": "lean_left",
    "leans left": "lean_left",
    "left center": "lean_left",
    "center left": "lean_left",
    "centre left": "lean_left",
    "skews left": "lean_left",
    "center": "center",
    "centre": "center",
    "least biased": "center",
    "neutral": "center",
    "middle": "center",
    "lean right": "lean_right",
    "leans right": "lean_right",
    "right center": "lean_right",
    "center right": "lean_right",
    "centre right": "lean_right",
    "skews right": "lean_right",
    "right": "right",
    "far right": "right",
    "extreme right": "right",
}

#: Values rating files use for "no lean on the five-point scale" (not an error, just unrated).
NO_LEAN_VALUES = frozenset(
    {
        "",
        "mixed",
        "allsides",
        "not rated",
        "unrated",
        "none",
        "n/a",
        "na",
        "fake news",
        "questionable",
        "conspiracy pseudoscience",
        "pro science",
        "satire",
    }
)

# Spellings of funding types in other lists (Kagi, Ground News, Wikipedia infoboxes).
_OWNER_TYPE_ALIASES = {t.replace("_", " "): t for t in OWNER_TYPES} | {
    "private": "corporate",
    "commercial": "corporate",
    "media conglomerate": "corporate",
    "conglomerate": "corporate",
    "for profit": "corporate",
    "nonprofit": "non_profit",
    "not for profit": "non_profit",
    "charity": "non_profit",
    "trust": "non_profit",
    "foundation": "non_profit",
    "co op": "cooperative",
    "coop": "cooperative",
    "public broadcaster": "public",
    "public service": "public",
    "public service media": "public",
    "publicly funded": "public",
    "state owned": "state",
    "state funded": "state",
    "state media": "state",
    "government": "state",
    "government controlled": "state",
    "government funded": "state",
}

_FACTUALITY_ALIASES = {level.replace("_", " "): level for level in FACTUALITY_LEVELS}

_DOMAIN_RE = re.compile(
    r"^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}"
    r"(?:/[a-z0-9._~-]+)?$"
)


#: "www.", "www1.", "www2." … name the same site as the bare domain.
WWW_PREFIX = re.compile(r"^(?:www\d*\.)+(?=[^.]+\.)")


def _key(value: str) -> str:
    return re.sub(r"[\s_\-]+", " ", value.strip().lower())


def normalize_lean(value: str | None) -> str | None:
    """Return the five-point lean for *value* in any common spelling, None for "no lean".

    Raises `RegistryError` for a value that is neither a lean nor a known "unrated" marker.
    """
    if value is None:
        return None
    key = _key(value)
    if key in NO_LEAN_VALUES:
        return None
    if key in _LEAN_ALIASES:
        return _LEAN_ALIASES[key]
    raise RegistryError(
        f"unknown lean {value!r}: use one of {', '.join(LEANS)} "
        "(or a common spelling such as 'Lean Left', 'left-center', 'least biased')"
    )


def normalize_factuality(value: str | None) -> str | None:
    """Return the factual-reporting level for *value* ('Very High', 'mostly-factual' …)."""
    if value is None or not value.strip() or _key(value) in {"n/a", "na", "none", "not rated"}:
        return None
    key = _key(value)
    if key in _FACTUALITY_ALIASES:
        return _FACTUALITY_ALIASES[key]
    raise RegistryError(f"unknown factuality {value!r}: use one of {', '.join(FACTUALITY_LEVELS)}")


def normalize_domain(value: str) -> str:
    """Put a registry domain in canonical form: lower case, no scheme, ``www.``, ``www1.`` or port.

    A domain may keep one path segment (``bbc.com/mundo``) for outlets that live in a folder of
    another outlet's site.
    """
    text = value.strip().lower()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    host, _, path = text.partition("/")
    host = host.split("@")[-1].split(":")[0].rstrip(".")
    host = WWW_PREFIX.sub("", host)
    segment = path.strip("/").split("/")[0] if path.strip("/") else ""
    return f"{host}/{segment}" if segment else host


def is_valid_domain(domain: str) -> bool:
    """Tell whether *domain* is a valid registry domain (``example.com``, ``example.com/x``)."""
    return bool(_DOMAIN_RE.match(domain))


@dataclass
class FeedRecord:
    """One feed of an outlet, with the section it publishes (a `CATEGORIES` value) if known."""

    url: str
    category: str | None = None


@dataclass
class OutletRecord:
    """One outlet of the registry, as read from a registry CSV file."""

    slug: str
    name: str
    domains: list[str] = field(default_factory=list)
    country: str | None = None
    language: str | None = None
    lean: str | None = None
    lean_source: str | None = None
    lean_as_of: str | None = None
    factuality: str | None = None
    factuality_source: str | None = None
    factuality_as_of: str | None = None
    #: the company or person that owns the outlet, and its `OWNER_TYPES` funding type
    owner: str | None = None
    owner_type: str | None = None
    #: the owners above it, nearest first, joined by " > " ("News UK > News Corp")
    owner_chain: str | None = None
    owner_source: str | None = None
    owner_as_of: str | None = None
    homepage: str | None = None
    feeds: list[FeedRecord] = field(default_factory=list)
    #: where the row came from ("file.csv:12"), for messages; not a CSV column
    origin: str = field(default="", compare=False, repr=False)
    #: problems found while reading the row (e.g. too many cells), reported by `check`
    read_problems: list[str] = field(default_factory=list, compare=False, repr=False)


_SCALAR_FIELDS = tuple(
    f.name
    for f in fields(OutletRecord)
    if f.name not in {"slug", "domains", "feeds", "origin", "read_problems"}
)


_URL_SAFE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def outlet_slug(name: str) -> str:
    """A URL-safe outlet slug (``[a-z0-9-]``, ≤ 120 characters) for a domain or a given slug.

    ``example.com`` → ``example-com``, ``abc-news`` stays. Anything else (a path as in
    ``example.com/news``, spaces, over-long names) is cleaned and gets
    a hash of the original, so two such names never share a slug and every slug is one
    path segment (a ``/`` in a slug made its page 404 while the site linked to it). The
    store still checks the slug is free (``a-b.com`` and ``a.b-com`` meet there).
    """
    lowered = name.strip().lower()
    plain = lowered.replace(".", "-")
    if _URL_SAFE_SLUG.match(plain) and len(plain) <= 120:
        return plain
    stem = re.sub(r"[^a-z0-9]+", "-", lowered)[:103].strip("-") or "outlet"
    return f"{stem}-{hashlib.sha1(lowered.encode()).hexdigest()[:16]}"


def _slug_cell(row: dict[str, str | None]) -> str:
    given = _cell(row, "slug")
    return outlet_slug(given) if given else ""


def _cell(row: dict[str, str | None], name: str) -> str | None:
    # control characters would break every XML page that names the outlet
    value = xml_safe(row.get(name) or "").strip()
    return value or None


def _parse_feeds(text: str | None) -> list[FeedRecord]:
    feeds = []
    for entry in (text or "").split(";"):
        url, _, category = entry.strip().partition("|")
        if url.strip():
            feeds.append(FeedRecord(url.strip(), category.strip() or None))
    return feeds


def _soft_lean(value: str | None) -> str | None:
    """Normalise a lean but keep an unknown value as written, for `check` to report."""
    try:
        return normalize_lean(value)
    except RegistryError:
        return value


def normalize_owner_type(value: str | None) -> str | None:
    """Return the `OWNER_TYPES` value for *value* ('Non-profit', 'state-owned', 'Public' …)."""
    if value is None or not value.strip() or _key(value) in {"n/a", "na", "none", "unknown"}:
        return None
    key = _key(value)
    if key in _OWNER_TYPE_ALIASES:
        return _OWNER_TYPE_ALIASES[key]
    raise RegistryError(
        f"unknown owner type {value!r}: use one of {', '.join(OWNER_TYPES)} (see docs/outlets.md)"
    )


def _soft_owner_type(value: str | None) -> str | None:
    try:
        return normalize_owner_type(value)
    except RegistryError:
        return value


def _soft_factuality(value: str | None) -> str | None:
    try:
        return normalize_factuality(value)
    except RegistryError:
        return value


def read_registry_file(path: Path) -> list[OutletRecord]:
    """Read the rows of one registry CSV file, normalised but not validated (see `validate`).

    Raises `RegistryError` when the file cannot be read or lacks the ``slug`` column.
    """
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            header = [h.strip() for h in reader.fieldnames or []]
            if "slug" not in header:
                raise RegistryError(
                    f"{path}: no 'slug' column; a registry file starts with the header "
                    f"{','.join(CSV_COLUMNS)} (see docs/outlets.md)"
                )
            unknown = sorted(set(header) - set(CSV_COLUMNS))
            if unknown:
                raise RegistryError(
                    f"{path}: unknown column(s) {', '.join(unknown)}; the columns are "
                    f"{','.join(CSV_COLUMNS)}"
                )
            records = []
            for lineno, raw in enumerate(reader, start=2):
                row = {(k or "").strip(): v for k, v in raw.items()}
                if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                    continue
                domains = [normalize_domain(d) for d in (row.get("domains") or "").split(";")]
                country = _cell(row, "country")
                language = _cell(row, "language")
                records.append(
                    OutletRecord(
                        slug=_slug_cell(row),
                        name=_cell(row, "name") or "",
                        domains=[d for d in domains if d],
                        country=country.upper() if country else None,
                        language=language.lower() if language else None,
                        lean=_soft_lean(_cell(row, "lean")),
                        lean_source=_cell(row, "lean_source"),
                        lean_as_of=_cell(row, "lean_as_of"),
                        factuality=_soft_factuality(_cell(row, "factuality")),
                        factuality_source=_cell(row, "factuality_source"),
                        factuality_as_of=_cell(row, "factuality_as_of"),
                        owner=_cell(row, "owner"),
                        owner_type=_soft_owner_type(_cell(row, "owner_type")),
                        owner_chain=_cell(row, "owner_chain"),
                        owner_source=_cell(row, "owner_source"),
                        owner_as_of=_cell(row, "owner_as_of"),
                        homepage=_cell(row, "homepage"),
                        feeds=_parse_feeds(row.get("feeds")),
                        origin=f"{path}:{lineno}",
                        read_problems=[
                            f"{len(raw[None])} cell(s) more than the header has: quote values "
                            "that contain commas"
                        ]
                        if raw.get(None)
                        else [],
                    )
                )
            return records
    except OSError as exc:
        raise RegistryError(f"Cannot read registry file {path}: {exc.strerror or exc}") from exc
    except (csv.Error, UnicodeDecodeError) as exc:
        raise RegistryError(f"{path} is not a UTF-8 CSV file ({exc}); fix or remove it") from exc


def write_registry_file(path: Path, records: Iterable[OutletRecord]) -> None:
    """Write *records* as a registry CSV file (the schema of docs/outlets.md), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for rec in records:
            feeds = ";".join(f"{f.url}|{f.category}" if f.category else f.url for f in rec.feeds)
            writer.writerow(
                [
                    rec.slug,
                    rec.name,
                    ";".join(rec.domains),
                    *(getattr(rec, name) or "" for name in CSV_COLUMNS[3:-1]),
                    feeds,
                ]
            )
    tmp.replace(path)


def _merge_into(base: OutletRecord, update: OutletRecord) -> OutletRecord:
    """Update *base* by *update*: non-empty fields win, domains and feeds are added."""
    changes: dict[str, object] = {
        name: getattr(update, name) for name in _SCALAR_FIELDS if getattr(update, name)
    }
    domains = list(base.domains) + [d for d in update.domains if d not in base.domains]
    feeds = [replace(f) for f in base.feeds]
    by_url = {f.url: f for f in feeds}
    for feed in update.feeds:
        if feed.url in by_url:
            if feed.category:
                by_url[feed.url].category = feed.category
        else:
            feeds.append(replace(feed))
            by_url[feed.url] = feeds[-1]
    return replace(base, domains=domains, feeds=feeds, **changes)  # type: ignore[arg-type]


def merge_records(layers: Iterable[Sequence[OutletRecord]]) -> list[OutletRecord]:
    """Merge registry layers in order (later layers update earlier ones) by slug, then domain."""
    merged: list[OutletRecord] = []
    by_slug: dict[str, int] = {}
    by_domain: dict[str, int] = {}
    for layer in layers:
        for rec in layer:
            index = by_slug.get(rec.slug)
            if index is None:
                index = next((by_domain[d] for d in rec.domains if d in by_domain), None)
            if index is None:
                index = len(merged)
                merged.append(replace(rec, domains=list(rec.domains), feeds=list(rec.feeds)))
            else:
                merged[index] = _merge_into(merged[index], rec)
            by_slug.setdefault(rec.slug, index)
            for domain in merged[index].domains:
                by_domain.setdefault(domain, index)
    return merged


def load_layers(
    overrides: Path | None = None, extra: Sequence[Path] = ()
) -> list[tuple[Path, list[OutletRecord]]]:
    """Each registry file in merge order with its rows: shipped, *extra*, then *overrides*.

    A missing overrides file is no error (most users have none); a missing extra file is.
    """
    layers = [(SHIPPED_CSV, read_registry_file(SHIPPED_CSV))]
    for path in extra:
        if not path.exists():
            raise RegistryError(f"Registry file {path} does not exist; check the path")
        layers.append((path, read_registry_file(path)))
    if overrides is not None and overrides.exists():
        layers.append((overrides, read_registry_file(overrides)))
    return layers


def load_registry(
    overrides: Path | None = None, extra: Sequence[Path] = (), *, validate: bool = True
) -> list[OutletRecord]:
    """Load the merged registry: shipped ``outlets.csv``, each *extra* file, then *overrides*.

    With *validate* (the default) any problem `check` would report raises a `RegistryError`
    that lists them all and says to run ``newsprism outlets check``.
    """
    layers = load_layers(overrides, extra)
    merged = merge_records(records for _path, records in layers)
    if validate:
        from newsprism.outlets.validate import validate_layers

        problems = validate_layers(layers, merged)
        if problems:
            shown = "\n".join(f"  {p}" for p in problems[:20])
            more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
            raise RegistryError(
                f"The outlet registry has {len(problems)} problem(s):\n{shown}{more}\n"
                "Fix them in the file named on each line (`newsprism outlets check` lists all)."
            )
    return merged


def passes_factuality(outlet_factuality: str | None, minimum: str) -> bool:
    """Tell whether an outlet rated *outlet_factuality* may feed a brief under *minimum*.

    Unrated outlets pass (no rating is not a bad rating); an empty *minimum* keeps everyone.
    """
    if not minimum:
        return True
    if minimum not in FACTUALITY_LEVELS:
        raise ConfigError(
            f"min_factuality {minimum!r} is not a level: use one of {', '.join(FACTUALITY_LEVELS)}"
        )
    if outlet_factuality not in FACTUALITY_LEVELS:
        return True
    return FACTUALITY_LEVELS.index(outlet_factuality) <= FACTUALITY_LEVELS.index(minimum)


def sync_registry(
    store: Store, records: Sequence[OutletRecord], *, with_feeds: bool = True
) -> dict[str, int]:
    """Upsert *records* into the outlet, outlet_domain and feed tables; idempotent.

    Outlets are keyed by slug, domains by domain (a domain moves to the outlet that now
    lists it; domains an outlet no longer lists are removed), feeds by URL (polling state is
    kept). Outlets and feeds missing from *records* are left alone: articles point at them.
    Returns the numbers of outlets and feeds synced and of those newly created.
    """
    from sqlalchemy import delete, select

    from newsprism.store.schema import Feed, Outlet, OutletDomain

    counts = {"outlets": 0, "feeds": 0, "created_outlets": 0, "created_feeds": 0}
    with store.session() as session:
        outlets = {o.slug: o for o in session.scalars(select(Outlet))}
        for rec in records:
            outlet = outlets.get(rec.slug)
            if outlet is None:
                outlet = Outlet(slug=rec.slug, name=rec.name)
                session.add(outlet)
                outlets[rec.slug] = outlet
                counts["created_outlets"] += 1
            for name in _SCALAR_FIELDS:
                value = getattr(rec, name)
                if getattr(outlet, name) != value:
                    setattr(outlet, name, value)
            if outlet.domains != rec.domains:
                outlet.domains = list(rec.domains)
            counts["outlets"] += 1
        session.flush()

        wanted = {d: outlets[rec.slug].id for rec in records for d in rec.domains}
        current = {row.domain: row for row in session.scalars(select(OutletDomain))}
        synced_ids = {outlets[rec.slug].id for rec in records}
        stale = [d for d, row in current.items() if row.outlet_id in synced_ids and d not in wanted]
        if stale:
            session.execute(delete(OutletDomain).where(OutletDomain.domain.in_(stale)))
        for domain, outlet_id in wanted.items():
            row = current.get(domain)
            if row is None:
                session.add(OutletDomain(domain=domain, outlet_id=outlet_id))
            elif row.outlet_id != outlet_id:
                row.outlet_id = outlet_id

        if with_feeds:
            feeds = {f.url: f for f in session.scalars(select(Feed))}
            for rec in records:
                outlet_id = outlets[rec.slug].id
                for feed in rec.feeds:
                    row_feed = feeds.get(feed.url)
                    if row_feed is None:
                        row_feed = Feed(url=feed.url, outlet_id=outlet_id)
                        row_feed.category_hint = feed.category
                        session.add(row_feed)
                        feeds[feed.url] = row_feed
                        counts["created_feeds"] += 1
                    else:
                        if row_feed.outlet_id != outlet_id:
                            row_feed.outlet_id = outlet_id
                        if row_feed.category_hint != feed.category:
                            row_feed.category_hint = feed.category
                    counts["feeds"] += 1
    return counts
