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
from newsprism.xmlsafe import xml_safe

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
#: Bodies from this size on are parsed item by item (`_stream_xml_feed`), not by feedparser.
STREAM_BYTES = 1_000_000
#: Longest URL stored (the column is 2,000 characters).
MAX_URL_CHARS = 2000

#: A DTD with an internal subset, or any entity declaration, anywhere in the body: both are
#: searched over the whole body (linear time) because a 70 KB comment pushed them past the
#: 64 KiB window that used to be read, and feedparser's loose parser then expanded them.
_UNSAFE_XML = re.compile(rb"<!\s*ENTITY|<!\s*DOCTYPE[^>\[]*\[", re.IGNORECASE)
#: UTF-16/32 bodies hide the markup from a byte search; they are searched decoded.
_TAG = re.compile(r"<[^>]+>")
_WS = re.compile(r"\s+")
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html)", re.IGNORECASE | re.DOTALL
)


@dataclass(slots=True)
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
    # after unescaping: "&#11;" becomes U+000B only then
    plain = xml_safe(html.unescape(_TAG.sub(" ", str(text))))
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
    try:
        url = urljoin(base_url, str(raw).strip())
        scheme = urlsplit(url).scheme.lower()
    except ValueError as exc:  # "http://[bad" and other unparsable netlocs
        return None, f"entry link {str(raw)[:80]!r} is not a valid URL ({exc}); skipped"
    if scheme not in ("http", "https"):
        return None, f"entry link {url[:80]!r} is not http(s); skipped"
    if len(url) > MAX_URL_CHARS:
        return None, f"entry link longer than {MAX_URL_CHARS} characters skipped"
    import httpx

    try:
        httpx.URL(url)
    except httpx.InvalidURL as exc:
        return None, f"entry link {url[:80]!r} is not a valid URL ({exc}); skipped"
    return url, None


def _wide_text(body: bytes) -> bytes | None:
    """*body* re-encoded as UTF-8 if it is UTF-16/32 (by BOM or by where the NULs are)."""
    head = body[:4].ljust(4, b"\x01")
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        codec = "utf-32"
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    elif head[0] == 0 and head[1] == 0:
        codec = "utf-32-be"
    elif head[2] == 0 and head[3] == 0 and head[1] == 0:
        codec = "utf-32-le"
    elif head[0] == 0:
        codec = "utf-16-be"
    elif head[1] == 0:
        codec = "utf-16-le"
    else:
        return None
    return body.decode(codec, "replace").encode("utf-8", "replace")


def _refuse_unsafe_xml(body: bytes) -> None:
    """Refuse a body with a DTD internal subset or an entity declaration anywhere in it."""
    wide = _wide_text(body)
    if _UNSAFE_XML.search(body) or (wide is not None and _UNSAFE_XML.search(wide)):
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
    if len(body) >= STREAM_BYTES:
        streamed = _stream_xml_feed(body, base_url, now)
        if streamed is not None:
            return streamed
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


_ATOM = "{http://www.w3.org/2005/Atom}"
_RSS_TAGS = {"item", "{http://purl.org/rss/1.0/}item", f"{_ATOM}entry"}
_DATE_TAGS = ("pubDate", "published", "updated", "date", "issued", "modified")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _stream_entry(element: Any) -> tuple[str | None, dict[str, Any]]:
    """Link and fields of one ``<item>`` / ``<entry>`` element (namespaces ignored)."""
    fields: dict[str, Any] = {"categories": []}
    link: str | None = None
    guid: str | None = None
    for child in element:
        name = _local(str(child.tag))
        text = (child.text or "").strip()
        if name == "link":
            href = child.get("href")
            if href is not None:  # Atom: the alternate (or unlabelled) link
                if child.get("rel", "alternate") == "alternate" and link is None:
                    link = href
            elif text and link is None:
                link = text
        elif name in ("guid", "id") and text:
            guid = text
        elif name == "title":
            fields["title"] = "".join(child.itertext())
        elif name in ("description", "summary") or (
            name in ("encoded", "content") and "summary" not in fields
        ):
            fields["summary"] = "".join(child.itertext())
        elif name in _DATE_TAGS and "published" not in fields and text:
            fields["published"] = text
        elif name in ("author", "creator") and "author" not in fields:
            fields["author"] = " ".join(t.strip() for t in child.itertext() if t.strip())
        elif name in ("category", "subject"):
            fields["categories"].append(child.get("term") or text)
    if link is None and guid and guid.startswith(("http://", "https://")):
        link = guid
    return link, fields


def _stream_xml_feed(body: bytes, base_url: str, now: datetime) -> ParsedFeed | None:
    """Parse a large well-formed RSS/Atom body item by item (expat); None if it is not one.

    feedparser keeps a rich dict per entry: a 100,000-item feed (22 MB) took 15 s and
    ≈ 400 MB. Here each finished item is turned into a `FeedEntry` and dropped from the
    tree. Entities were refused before (`_refuse_unsafe_xml`). A body expat rejects goes
    to feedparser's lenient parser instead.
    """
    import io
    import xml.etree.ElementTree as ET

    feed = ParsedFeed(format="unknown")
    root_seen = False
    try:
        for event, element in ET.iterparse(io.BytesIO(body), events=("start", "end")):
            if event == "start":
                if not root_seen:
                    root_seen = True
                    root = _local(str(element.tag)).lower()
                    version = element.get("version", "")
                    feed.format = {"rss": f"rss{version.replace('.', '')}", "feed": "atom10",
                                   "rdf": "rss10"}.get(root, "")  # fmt: skip
                    if not feed.format:
                        return None
                continue
            if element.tag in _RSS_TAGS:
                link, fields = _stream_entry(element)
                element.clear()
                _add_streamed(feed, link, fields, base_url, now)
            elif _local(str(element.tag)) == "title" and not feed.title and not feed.entries:
                feed.title = _clean("".join(element.itertext()), 500)
    except ET.ParseError:
        return None
    return feed if feed.entries else None


def _add_streamed(
    feed: ParsedFeed, link: str | None, fields: dict[str, Any], base_url: str, now: datetime
) -> None:
    url, problem = _entry_url(link, base_url)
    if problem:
        feed.problems.append(problem)
    if url is None:
        return
    when, date_problem = check_date(parse_date(fields.get("published")), now)
    if date_problem:
        feed.problems.append(f"{url[:100]}: {date_problem}")
    categories = [_clean(c, 80) for c in fields["categories"] if c]
    feed.entries.append(
        FeedEntry(
            url=url,
            title=_clean(fields.get("title"), 1000),
            summary=_clean(fields.get("summary")),
            author=_clean(fields.get("author"), 500) or None,
            published=when,
            categories=[c for c in categories if c][:20],
        )
    )


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
    home = data.get("home_page_url")
    base = home.strip() if isinstance(home, str) and home.strip() else base_url
    for number, item in enumerate(items, start=1):
        try:
            entry = _json_item(item, base, now, feed.problems)
        except (TypeError, ValueError, AttributeError, RecursionError) as exc:
            # one malformed item costs only itself, never the feed's good items
            feed.problems.append(
                f"JSON Feed item {number} skipped ({type(exc).__name__}: {str(exc)[:120]})"
            )
            continue
        if entry is not None:
            feed.entries.append(entry)
    return feed


def _text_field(item: dict[str, Any], key: str, problems: list[str]) -> str:
    """A JSON Feed string field; a number is taken as text, other types are dropped."""
    value = item.get(key)
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    problems.append(f"JSON Feed field {key!r} is a {type(value).__name__}, not text; ignored")
    return ""


def _json_authors(item: dict[str, Any], problems: list[str]) -> str | None:
    """Author names of a JSON Feed item (1.1 ``authors`` list or 1.0 ``author`` object)."""
    raw = item.get("authors")
    if raw is None and item.get("author") is not None:
        raw = [item["author"]]
    if raw is None:
        return None
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        problems.append(f"JSON Feed 'authors' is a {type(raw).__name__}, not a list; ignored")
        return None
    names = [
        _clean(a["name"], 200)
        for a in raw
        if isinstance(a, dict) and isinstance(a.get("name"), str) and a["name"].strip()
    ]
    return ", ".join(names)[:500] or None


def _json_item(item: Any, base_url: str, now: datetime, problems: list[str]) -> FeedEntry | None:
    """One JSON Feed item as an entry; fields of the wrong type are dropped with a problem."""
    if not isinstance(item, dict):
        problems.append("JSON Feed item that is not an object skipped")
        return None
    link = _text_field(item, "url", problems) or _text_field(item, "external_url", problems)
    item_id = item.get("id")
    if not link and isinstance(item_id, str) and item_id.startswith(("http://", "https://")):
        link = item_id
    url, problem = _entry_url(link or None, base_url)
    if problem:
        problems.append(problem)
    if url is None:
        return None
    raw_date = item.get("date_published") or item.get("date_modified")
    when, date_problem = check_date(
        parse_date(raw_date) if isinstance(raw_date, str) else None, now
    )
    if date_problem:
        problems.append(f"{url[:100]}: {date_problem}")
    raw_tags = item.get("tags")
    tags = (
        [t for t in raw_tags if isinstance(t, str | int | float)]
        if isinstance(raw_tags, list)
        else []
    )
    summary = _text_field(item, "summary", problems) or _text_field(item, "content_text", problems)
    return FeedEntry(
        url=url,
        title=_clean(_text_field(item, "title", problems), 1000),
        summary=_clean(summary or _text_field(item, "content_html", problems)),
        author=_json_authors(item, problems),
        published=when,
        categories=[c for c in (_clean(str(t), 80) for t in tags if t) if c][:20],
    )


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
