"""Import articles from a JSONL file (schema in docs/import.md) straight into the store.

Imported articles skip fetching: they enter the chain as ``extracted`` (or ``partial``
when they carry no text) and flow on through dedupe → embed → cluster → analyze → brief.
Unknown outlet domains get an unrated outlet (shown as "Other") so no article is lost.

Every line is checked against the schema before anything is stored (`parse_line`): types
are never coerced (a title of ``5`` or ``"categories": "Politics"`` is refused), times,
sizes and characters are range-checked against what both databases can hold, and each
refused line is reported with its number and reason while the rest of the file goes in.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any, TextIO
from urllib.parse import urlsplit

from rich.progress import Progress
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from newsprism.errors import DatasetError
from newsprism.outlets.registry import outlet_slug
from newsprism.replay import ReplayArticle
from newsprism.store.db import Store
from newsprism.store.schema import Article, Outlet, OutletDomain, utcnow

__all__ = [
    "LIMITS",
    "ImportReport",
    "LineError",
    "import_articles",
    "import_jsonl",
    "parse_line",
]

#: Rows per INSERT: 500 × 12 columns stays far below SQLite's 32,766 and PostgreSQL's
#: 65,535 bound parameters.
BATCH = 500
#: Longest line read (bytes); longer ones are skipped unread. A 1M-character text escaped
#: as \uXXXX is 6 MB, so 8 MiB admits every line the size limits below admit.
MAX_LINE_BYTES = 8 * 1024 * 1024
#: Longest value per field, in characters. url, author and outlet follow the column
#: sizes (String(2000), String(500), String(200)); the rest bound memory and page size.
LIMITS: dict[str, int] = {
    "url": 2000,
    "title": 1000,
    "summary": 20_000,
    "text": 1_000_000,
    "author": 500,
    "outlet": 200,
    "outlet_domain": 253,
    "category": 100,
    "published_at": 64,
}
MAX_CATEGORIES = 50
#: Publication times outside [1900-01-01, now + 2 days] are refused: older ones are
#: typos, later ones would sit on top of every "latest" list (2 days allow clock skew).
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=2)
#: Rejections kept in memory (all of them go to the report file).
KEEP_ERRORS = 100_000

# XML 1.0 cannot carry these (feeds and the sitemap are XML), PostgreSQL cannot store
# NUL, and a lone surrogate cannot be encoded as UTF-8 at all.
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_URL_BAD = re.compile(r"[\x00-\x20\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_-]{1,63}$")


class LineError(ValueError):
    """One line of an import file breaks the schema; the message says how."""


@dataclass
class ImportReport:
    """What an import did; ``errors`` holds (line, reason) of rejected lines."""

    inserted: int = 0
    duplicates: int = 0
    rejected: int = 0
    lines: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    report_path: Path | None = None
    report_error: str = ""
    _sink: TextIO | None = field(default=None, repr=False)

    def reject(self, line: int, reason: str) -> None:
        """Count line *line* as refused for *reason* (kept, and written to the report file)."""
        self.rejected += 1
        if len(self.errors) < KEEP_ERRORS:
            self.errors.append((line, reason))
        if self.report_path is not None and self._sink is None:
            try:
                self.report_path.parent.mkdir(parents=True, exist_ok=True)
                self._sink = self.report_path.open("w", encoding="utf-8")
                self._sink.write("line\treason\n")
            except OSError as exc:
                self.report_error = f"{self.report_path}: {exc.strerror}"
                self.report_path = None
        if self._sink is not None:
            self._sink.write(f"{line}\t{reason}\n")

    def close(self) -> None:
        """Close the report file, if one was written."""
        if self._sink is not None:
            self._sink.close()
            self._sink = None


# --- the schema -------------------------------------------------------------------


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _clean(name: str, value: str, *, one_line: bool) -> str:
    bad = _BAD_CHARS.search(value)
    if bad is not None:
        char = bad.group()
        what = (
            "a lone surrogate"
            if "\ud800" <= char <= "\udfff"
            else "a NUL character"
            if char == "\x00"
            else "a control character"
        )
        raise LineError(f"{name} contains {what} (U+{ord(char):04X}) at character {bad.start()}")
    value = _SPACES.sub(" ", value).strip() if one_line else value.strip()
    limit = LIMITS[name]
    if len(value) > limit:
        raise LineError(f"{name} is {len(value):,} characters long; at most {limit:,}")
    return value


def _string(row: dict[str, Any], name: str, *, key: str | None = None, one_line: bool) -> str:
    """The optional string field *key* (default *name*), checked; "" when absent or null."""
    value = row.get(key or name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise LineError(f"{key or name} must be a string, not {_kind(value)}")
    return _clean(name, value, one_line=one_line)


def _url(row: dict[str, Any]) -> tuple[str, str, str]:
    """Return (url, canonical url, host) of the line."""
    from newsprism.ingest.dedupe import canonical_url

    value = row.get("url")
    if value is None:
        raise LineError("url is missing")
    if not isinstance(value, str):
        raise LineError(f"url must be a string, not {_kind(value)}")
    url = value.strip()
    if len(url) > LIMITS["url"]:
        raise LineError(f"url is {len(url):,} characters long; at most {LIMITS['url']:,}")
    if _URL_BAD.search(url):
        raise LineError("url contains a space or a control character")
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise LineError(f"url is not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise LineError("url must be an absolute http(s) URL")
    canonical = canonical_url(url)
    if len(canonical) > LIMITS["url"]:
        raise LineError(f"url is longer than {LIMITS['url']:,} characters once normalised")
    return url, canonical, host.lower().removeprefix("www.")


def _reject_constant(name: str) -> float:
    raise LineError(f"{name} is not a JSON number")


def _epoch(value: float | int) -> datetime:
    if isinstance(value, float) and not math.isfinite(value):
        raise LineError("published_at is not a finite number")
    if abs(value) > 1e15:  # past the year 33658 even as milliseconds
        raise LineError(f"published_at {str(value)[:40]} is out of range")
    # epoch seconds, or milliseconds past the year 2286 (docs/import.md)
    seconds = value / 1000 if value > 1e10 else value
    latest = (utcnow() + FUTURE_SLACK).timestamp()
    if not EARLIEST.timestamp() <= seconds <= latest:
        raise LineError(
            f"published_at {value!r:.40} is out of range (epoch seconds or milliseconds "
            f"between {EARLIEST.year} and now)"
        )
    return datetime.fromtimestamp(seconds, UTC)


def _published(row: dict[str, Any]) -> datetime:
    key = "published_at" if "published_at" in row else "published"
    value = row.get(key)
    if value is None:
        raise LineError("published_at is missing")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise LineError(f"{key} must be an ISO 8601 string or epoch seconds, not {_kind(value)}")
    if not isinstance(value, str):
        moment = _epoch(value)
    else:
        text = value.strip()
        if not text:
            raise LineError(f"{key} is empty")
        if len(text) > LIMITS["published_at"] or _BAD_CHARS.search(text):
            raise LineError(f"{key} is not an ISO 8601 time")
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise LineError(
                f"{key} {text[:40]!r} is not an ISO 8601 time (2025-12-13T09:30:00Z)"
            ) from None
        try:
            moment = parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except OverflowError:  # 9999-12-31T23:59-05:00 is past the year 9999 in UTC
            raise LineError(f"{key} {text[:40]!r} is out of range") from None
    if not EARLIEST <= moment <= utcnow() + FUTURE_SLACK:
        raise LineError(
            f"{key} {moment.date().isoformat()} is out of range ({EARLIEST.year} to today)"
        )
    return moment


def _categories(row: dict[str, Any]) -> tuple[str, ...]:
    if "categories" in row and row["categories"] is not None:
        value = row["categories"]
        if not isinstance(value, list):
            raise LineError(f"categories must be a list of strings, not {_kind(value)}")
        if len(value) > MAX_CATEGORIES:
            raise LineError(f"categories has {len(value)} entries; at most {MAX_CATEGORIES}")
        out: list[str] = []
        for item in value:
            if not isinstance(item, str):
                raise LineError(f"categories must be a list of strings, not of {_kind(item)}")
            name = _clean("category", item, one_line=True)
            if name and name not in out:
                out.append(name)
        return tuple(out)
    topic = _string(row, "category", key="topic", one_line=True)
    return (topic,) if topic else ()


def _author(row: dict[str, Any]) -> str:
    if row.get("author") is not None:
        return _string(row, "author", one_line=True)
    value = row.get("authors")
    if isinstance(value, list):  # baly2020 and many exports: a list of names
        if not all(isinstance(item, str) for item in value):
            raise LineError("authors must be a string or a list of strings")
        value = ", ".join(item.strip() for item in value if item.strip())
        return _clean("author", value, one_line=True)
    return _string(row, "author", key="authors", one_line=True)


def _domain(row: dict[str, Any], url_host: str) -> str:
    value = row.get("outlet_domain")
    if value is None or value == "":
        domain = url_host
    elif not isinstance(value, str):
        raise LineError(f"outlet_domain must be a string, not {_kind(value)}")
    else:
        domain = value.strip().lower().rstrip(".").removeprefix("www.")
    if not _HOST.match(domain):
        raise LineError(f"outlet_domain {domain[:60]!r} is not a host name (example.com)")
    return domain


def parse_line(raw: bytes) -> tuple[ReplayArticle, str]:
    """Check one JSONL line against the import schema; return the article and its canonical URL.

    Raises `LineError` saying what is wrong (the first problem found).
    """
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LineError(f"not UTF-8 (byte {exc.start})") from None
    try:
        row = json.loads(line.lstrip("\ufeff"), parse_constant=_reject_constant)
    except RecursionError:
        raise LineError("JSON nested too deeply") from None
    except LineError:
        raise
    except ValueError as exc:  # JSONDecodeError, and integers beyond 4,300 digits
        raise LineError(f"not valid JSON ({str(exc)[:120]})") from None
    if not isinstance(row, dict):
        raise LineError(f"not a JSON object but {_kind(row)}")
    url, canonical, host = _url(row)
    if row.get("title") is None:
        raise LineError("title is missing")
    title = _string(row, "title", one_line=True)
    if not title:
        raise LineError("title is empty")
    published = _published(row)
    text = _string(row, "text", one_line=False)
    summary = _string(row, "summary", one_line=False)
    domain = _domain(row, host)
    outlet = _string(row, "outlet", one_line=True) or domain
    article = ReplayArticle(
        key=hashlib.sha1(canonical.encode()).hexdigest()[:16],
        outlet_name=outlet,
        domain=domain,
        url=url,
        title=title,
        text=text,
        published=published,
        author=_author(row),
        summary=summary,
        categories=_categories(row),
    )
    return article, canonical


# --- reading ------------------------------------------------------------------------


def _open(path: Path) -> IO[bytes]:
    if not path.exists():
        raise DatasetError(f"{path} does not exist: pass a JSONL or .jsonl.gz file of articles.")
    if path.is_dir():
        raise DatasetError(f"{path} is a folder: pass a JSONL or .jsonl.gz file of articles.")
    try:
        if path.suffix == ".gz":
            return gzip.open(path, "rb")  # type: ignore[return-value]
        return path.open("rb")
    except OSError as exc:
        raise DatasetError(
            f"{path} cannot be read ({exc.strerror}); check its permissions."
        ) from None


def _lines(handle: IO[bytes], report: ImportReport) -> Iterator[tuple[int, bytes]]:
    """Yield (line number, bytes) of non-blank lines; overlong ones are skipped unread."""
    line_no = 0
    try:
        while True:
            raw = handle.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            line_no += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                    raw = handle.readline(1 << 20)
                report.reject(line_no, f"line longer than {MAX_LINE_BYTES:,} bytes")
                continue
            if raw.strip():
                yield line_no, raw
    except (OSError, EOFError, zlib.error) as exc:
        report.reject(line_no + 1, f"file cannot be read beyond this line ({exc})")


def _parsed(handle: IO[bytes], report: ImportReport) -> Iterator[tuple[int, ReplayArticle, str]]:
    for line_no, raw in _lines(handle, report):
        report.lines = line_no
        try:
            article, canonical = _parse_safely(raw)
        except LineError as exc:
            report.reject(line_no, str(exc))
            continue
        yield line_no, article, canonical


def _parse_safely(raw: bytes) -> tuple[ReplayArticle, str]:
    try:
        return parse_line(raw)
    except LineError:
        raise
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # every known bad value is caught above; this keeps an unforeseen one to its line
        raise LineError(f"cannot be read ({type(exc).__name__}: {str(exc)[:120]})") from None


# --- writing ------------------------------------------------------------------------


def _outlet_for(
    session: Session, domain: str, name: str, resolve: Callable[[str], int | None]
) -> int:
    outlet_id = resolve(f"https://{domain}/")
    if outlet_id is not None:
        return outlet_id
    slug = outlet_slug(domain)
    existing = session.execute(select(Outlet.id, Outlet.domains).where(Outlet.slug == slug)).first()
    if existing is not None:
        if domain in (existing.domains or []):
            return int(existing.id)
        # another outlet holds this slug (a-b.com and a.b-com): a hashed one is unique
        slug = outlet_slug(f"{domain}/")
    outlet = Outlet(slug=slug, name=name, domains=[domain], homepage=f"https://{domain}/")
    session.add(outlet)
    session.flush()
    session.add(OutletDomain(domain=domain, outlet_id=outlet.id))
    session.flush()
    return outlet.id


def _db_reason(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return f"the database refused it ({first[:160]})"


def import_articles(
    store: Store, articles: Iterable[tuple[int, ReplayArticle, str]], report: ImportReport
) -> None:
    """Insert (line, article, canonical URL) rows, skipping URLs already stored (idempotent).

    Rows go in batches of `BATCH`, each committed; the ids the INSERT returns are counted,
    so "imported" and "already present" are true on SQLite and PostgreSQL alike. A batch
    the database refuses is retried row by row, and only the refused rows are reported.
    """
    from newsprism.outlets.resolve import OutletResolver

    resolver = OutletResolver.from_store(store)
    outlets: dict[str, int] = {}
    insert = sqlite_insert if store.is_sqlite else pg_insert
    batch: list[tuple[int, dict[str, object]]] = []

    def insert_rows(session: Session, rows: list[dict[str, object]]) -> int:
        stmt = (
            insert(Article)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["canonical_url"])
            .returning(Article.id)
        )
        return len(session.execute(stmt).all())

    def flush(session: Session) -> None:
        if not batch:
            return
        try:
            with session.begin_nested():
                inserted = insert_rows(session, [row for _, row in batch])
            report.inserted += inserted
            report.duplicates += len(batch) - inserted
        except OperationalError:
            raise  # the database is gone or locked: the store reports it, nothing to retry
        except (SQLAlchemyError, ValueError):
            for line_no, row in batch:
                try:
                    with session.begin_nested():
                        inserted = insert_rows(session, [row])
                    report.inserted += inserted
                    report.duplicates += 1 - inserted
                except OperationalError:
                    raise
                except (SQLAlchemyError, ValueError) as exc:
                    report.reject(line_no, _db_reason(exc))
        session.commit()
        batch.clear()

    with store.session() as session:
        for line_no, art, canonical in articles:
            if art.domain not in outlets:
                try:
                    with session.begin_nested():
                        outlets[art.domain] = _outlet_for(
                            session, art.domain, art.outlet_name, resolver.resolve
                        )
                except OperationalError:
                    raise
                except (SQLAlchemyError, ValueError) as exc:
                    report.reject(line_no, _db_reason(exc))
                    continue
            batch.append(
                (
                    line_no,
                    {
                        "outlet_id": outlets[art.domain],
                        "url": art.url,
                        "canonical_url": canonical,
                        "title": art.title,
                        "summary": art.summary or art.text[:300],
                        "text": art.text,
                        "author": art.author or None,
                        "categories": list(art.categories),
                        "published_at": art.published,
                        "fetched_at": utcnow(),
                        "partial": not art.text,
                        "status": "extracted" if art.text else "partial",
                    },
                )
            )
            if len(batch) >= BATCH:
                flush(session)
        flush(session)


def import_jsonl(
    store: Store, path: Path, *, progress: bool = False, report_path: Path | None = None
) -> ImportReport:
    """Import a JSONL / JSONL.gz file of articles; bad lines are reported, not fatal.

    With *report_path*, every refused line is also written there (``line<TAB>reason``),
    the file being created only when a line is refused.
    """
    report = ImportReport(report_path=report_path)
    handle = _open(path)
    try:
        rows = _parsed(handle, report)
        if progress:
            with Progress(transient=True) as bar:
                task = bar.add_task(f"importing {path.name}", total=None)

                def counted() -> Iterator[tuple[int, ReplayArticle, str]]:
                    for row in rows:
                        bar.advance(task)
                        yield row

                import_articles(store, counted(), report)
        else:
            import_articles(store, rows, report)
    finally:
        handle.close()
        report.close()
    if report.rejected == 0:
        report.report_path = None
    return report
