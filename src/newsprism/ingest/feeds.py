"""Feed parsing: RSS 0.9x/1.0/2.0 and Atom (feedparser), JSON Feed 1.1 (by hand).

`parse_feed()` turns a fetched body into normalised `FeedEntry` rows plus a list of the
problems it met (malformed XML that was recovered, dates in the future or before 1990, …);
a body that is not a feed at all raises `FeedError` with a message that says why.
`next_poll_interval()` adapts a feed's polling interval to how often it publishes.
"""

from __future__ import annotations

import calendar
import email.utils
import html
import itertools
import json
import re
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

from newsprism.errors import FeedError

__all__ = [
    "EARLIEST_DATE",
    "FUTURE_TOLERANCE",
    "FeedEntry",
    "ParsedFeed",
    "check_date",
    "next_poll_interval",
    "parse_date",
    "parse_feed",
]

#: Dates before this are treated as unknown (epoch-zero 1970 timestamps, broken CMSes).
EARLIEST_DATE = datetime(1990, 1, 1, tzinfo=UTC)
#: Clocks and time zones drift: up to 1 h ahead is accepted, later is clamped to now.
FUTURE_TOLERANCE = timedelta(hours=1)
#: Longest URL stored (the column is 2,000 characters).
MAX_URL_CHARS = 2000

_DTD_WITH_ENTITIES = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_WS = re.compile(r"\s+")
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html)", re.IGNORECASE | re.DOTALL
)


@dataclass
class FeedEntry:
    """One feed item, normalised across formats."""

    url: str
    title: str = ""
    summary: str = ""
    author: str | None = None
    published: datetime | None = None
    categories: list[str] = field(default_factory=list)


@dataclass
class ParsedFeed:
    """Entries of one feed body and the problems met while reading it."""

    format: str
    title: str = ""
    entries: list[FeedEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _clean(text: str | None, limit: int = 20_000) -> str:
    """Plain text of a feed field: tags stripped, entities decoded, spaces collapsed."""
    if not text:
        return ""
    plain = html.unescape(_TAG.sub(" ", str(text)))
    return _WS.sub(" ", plain).strip()[:limit]


def parse_date(value: Any) -> datetime | None:
    """Parse a feed date (RFC 822, ISO 8601, struct_time, datetime) to aware UTC, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, time.struct_time):
        try:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
        except (OverflowError, ValueError, OSError):
            return None
    text = str(value).strip()[:100]
    if not text:
        return None
    try:
        return parse_date(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return parse_date(email.utils.parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    import feedparser.datetimes

    try:
        parsed = feedparser.datetimes._parse_date(text)
    except Exception:  # feedparser's date handlers raise assorted errors on junk
        return None
    return parse_date(parsed) if parsed else None


def check_date(when: datetime | None, now: datetime) -> tuple[datetime | None, str | None]:
    """Clamp a future date to *now* and drop a date before 1990; say what was done."""
    if when is None:
        return None, None
    if when > now + FUTURE_TOLERANCE:
        return now, f"date {when.isoformat()} is in the future; clamped to the fetch time"
    if when < EARLIEST_DATE:
        return None, f"date {when.isoformat()} is before 1990; treated as unknown"
    return when, None


def _entry_url(raw: str | None, base_url: str) -> tuple[str | None, str | None]:
    if not raw or not str(raw).strip():
        return None, "entry without a link skipped"
    url = urljoin(base_url, str(raw).strip())
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return None, f"entry link {url[:80]!r} is not http(s); skipped"
    if len(url) > MAX_URL_CHARS:
        return None, f"entry link longer than {MAX_URL_CHARS} characters skipped"
    import httpx

    try:
        httpx.URL(url)
    except httpx.InvalidURL as exc:
        return None, f"entry link {url[:80]!r} is not a valid URL ({exc}); skipped"
    return url, None


def _refuse_unsafe_xml(body: bytes) -> None:
    head = body[:65536]
    if _ENTITY_DECL.search(head) or _DTD_WITH_ENTITIES.search(head):
        raise FeedError(
            "the feed declares XML entities in a DTD; refused (entity-expansion and "
            "external-entity attacks use them, real feeds do not)"
        )


def _looks_like_json(body: bytes, content_type: str) -> bool:
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    return "json" in content_type or stripped[:1] == b"{"


def parse_feed(
    body: bytes,
    *,
    content_type: str = "",
    base_url: str = "",
    now: datetime | None = None,
) -> ParsedFeed:
    """Parse *body* as RSS, Atom or JSON Feed; raise `FeedError` if it is no feed at all."""
    now = now or datetime.now(UTC)
    if not body.strip():
        raise FeedError("the feed response was empty; check the feed URL")
    if _looks_like_json(body, content_type):
        feed = _parse_json_feed(body, base_url, now)
    else:
        feed = _parse_xml_feed(body, content_type, base_url, now)
    seen: set[str] = set()
    unique = []
    for entry in feed.entries:
        if entry.url not in seen:
            seen.add(entry.url)
            unique.append(entry)
    feed.entries = unique
    return feed


def _parse_xml_feed(body: bytes, content_type: str, base_url: str, now: datetime) -> ParsedFeed:
    import feedparser

    if content_type.startswith(("image/", "audio/", "video/", "application/pdf")) or (
        content_type == "application/octet-stream" and b"<" not in body[:512]
    ):
        raise FeedError(f"not a feed: the server sent {content_type}; check the feed URL")
    _refuse_unsafe_xml(body)
    # feedparser parses bytes itself (encoding sniffing, lax fallback); it never fetches.
    try:
        parsed = feedparser.parse(
            body,
            response_headers={"content-type": content_type or "application/xml"},
            resolve_relative_uris=False,
            sanitize_html=False,
        )
    except Exception as exc:  # feedparser's lax parser crashes on some broken input
        raise FeedError(
            f"not a feed: the body is too broken to parse ({type(exc).__name__}: {str(exc)[:120]})"
        ) from None
    version = str(parsed.get("version") or "")
    problems: list[str] = []
    if not parsed.entries and not version:
        if _HTML_START.match(body[:4096]) or "html" in content_type:
            raise FeedError(
                "not a feed: the URL serves an HTML page (the feed may have moved; look for a "
                "<link rel=alternate type=application/rss+xml> on that page)"
            )
        why = parsed.get("bozo_exception")
        raise FeedError(
            "not a feed: no RSS/Atom/JSON Feed content found"
            + (f" ({type(why).__name__}: {str(why)[:160]})" if why else "")
        )
    if parsed.get("bozo"):
        bozo = parsed.get("bozo_exception")
        name = type(bozo).__name__
        detail = str(bozo)[:160]
        if "Encoding" in name:
            problems.append(f"encoding problem ({name}: {detail}); decoded as {parsed.encoding}")
        else:
            problems.append(f"malformed feed XML ({name}: {detail}); recovered what was readable")
    feed = ParsedFeed(format=version or "unknown", title=_clean(parsed.feed.get("title")))
    for raw in parsed.entries:
        link = raw.get("link") or _first_alternate(raw)
        if not link and str(raw.get("id", "")).startswith(("http://", "https://")):
            link = raw.get("id")
        url, problem = _entry_url(link, base_url)
        if problem:
            problems.append(problem)
        if url is None:
            continue
        when = None
        for key in ("published_parsed", "updated_parsed", "created_parsed"):
            if raw.get(key):
                when = parse_date(raw.get(key))
                break
        when, date_problem = check_date(when, now)
        if date_problem:
            problems.append(f"{url[:100]}: {date_problem}")
        categories = [_clean(t.get("term"), 80) for t in raw.get("tags", []) if t.get("term")]
        feed.entries.append(
            FeedEntry(
                url=url,
                title=_clean(raw.get("title"), 1000),
                summary=_clean(raw.get("summary") or _first_content(raw)),
                author=_clean(raw.get("author"), 500) or None,
                published=when,
                categories=[c for c in categories if c][:20],
            )
        )
    feed.problems = problems
    return feed


def _first_alternate(raw: Any) -> str | None:
    for link in raw.get("links", []) or []:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None


def _first_content(raw: Any) -> str:
    for content in raw.get("content", []) or []:
        if content.get("value"):
            return str(content["value"])
    return ""


def _parse_json_feed(body: bytes, base_url: str, now: datetime) -> ParsedFeed:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise FeedError(f"not a feed: JSON Feed bodies must be UTF-8 ({exc.reason})") from None
    except (ValueError, RecursionError) as exc:
        raise FeedError(f"not a feed: invalid JSON ({str(exc)[:160]})") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise FeedError("not a feed: JSON without a jsonfeed.org version field")
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedError("JSON Feed without an items list")
    feed = ParsedFeed(format="json" + str(data["version"]).rsplit("/", 1)[-1])
    feed.title = _clean(str(data.get("title") or ""), 500)
    base = str(data.get("home_page_url") or base_url) if isinstance(data, dict) else base_url
    for item in items:
        if not isinstance(item, dict):
            feed.problems.append("JSON Feed item that is not an object skipped")
            continue
        link = item.get("url") or item.get("external_url")
        if not link and str(item.get("id", "")).startswith(("http://", "https://")):
            link = item.get("id")
        url, problem = _entry_url(str(link) if link else None, base or base_url)
        if problem:
            feed.problems.append(problem)
        if url is None:
            continue
        when, date_problem = check_date(
            parse_date(item.get("date_published") or item.get("date_modified")), now
        )
        if date_problem:
            feed.problems.append(f"{url[:100]}: {date_problem}")
        authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
        names = [str(a.get("name")) for a in authors if isinstance(a, dict) and a.get("name")]
        raw_tags = item.get("tags")
        tags: list[Any] = raw_tags if isinstance(raw_tags, list) else []
        feed.entries.append(
            FeedEntry(
                url=url,
                title=_clean(str(item.get("title") or ""), 1000),
                summary=_clean(
                    str(item.get("summary") or item.get("content_text") or "")
                    or str(item.get("content_html") or "")
                ),
                author=", ".join(names)[:500] or None,
                published=when,
                categories=[_clean(str(t), 80) for t in tags if t][:20],
            )
        )
    return feed


def next_poll_interval(
    published: Sequence[datetime | None],
    *,
    now: datetime,
    min_interval: int,
    max_interval: int,
    previous: int,
    new_entries: int,
) -> int:
    """Seconds until the next poll, from how often the feed has been publishing.

    Half the median gap between the feed's recent (≤ 20) dated entries, so a new item
    waits on average a quarter of the gap; a feed with no new entries this time backs off
    by 1.5× its previous interval instead. Clamped to [min_interval, max_interval].
    """
    dates = sorted({d for d in published if d is not None and d <= now}, reverse=True)[:20]
    if len(dates) >= 2:
        gaps = [(a - b).total_seconds() for a, b in itertools.pairwise(dates)]
        # the time since the newest item counts as a gap too: a feed that went quiet slows
        gaps.append((now - dates[0]).total_seconds())
        interval = statistics.median(gaps) / 2
    else:
        interval = float(previous)
    if new_entries == 0:
        interval = max(interval, previous * 1.5)
    return int(max(min_interval, min(max_interval, interval)))
