"""Read a feed list in CSV or JSON (one row per feed, with category and region) for import.

The rows become `OpmlFeed` values, so a feed list is imported exactly like an OPML file
(`plan_opml_import`: feeds join known outlets by slug, domain or name; feeds of one new site
make one new outlet). Formats (docs/outlets.md):

* CSV with a header: ``url`` (or ``feed``, ``xmlUrl``), and optionally ``title``/``name``,
  ``site``/``homepage``/``htmlUrl``, ``category``, ``country``/``region``, ``language``,
  ``slug``.
* JSON: a list of objects with the same keys, or an object mapping a category to a list of
  feed URLs or objects (the shape of Kagi's ``kite_feeds.json``-style lists).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from newsprism.errors import RegistryError
from newsprism.outlets.opml import OpmlFeed, category_of

__all__ = ["FEED_LIST_ALIASES", "read_feed_list"]

#: Accepted keys (lower-cased) for each field of a feed-list row.
FEED_LIST_ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("url", "feed", "feed_url", "xmlurl", "rss"),
    "title": ("title", "name", "text", "outlet"),
    "site": ("site", "homepage", "htmlurl", "website", "link"),
    "category": ("category", "section", "topic"),
    "country": ("country", "region", "country_code"),
    "language": ("language", "lang"),
    "slug": ("slug",),
}
_COUNTRY_RE = re.compile(r"^[A-Za-z]{2}$")
_LANGUAGE_RE = re.compile(r"^[A-Za-z]{2}$")


def _pick(row: dict[str, Any], field: str) -> str:
    lowered = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    for alias in FEED_LIST_ALIASES[field]:
        value = lowered.get(alias)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _feed(row: dict[str, Any], category: str | None = None) -> OpmlFeed | None:
    url = _pick(row, "url")
    if not url:
        return None
    country = _pick(row, "country")
    language = _pick(row, "language")
    return OpmlFeed(
        url=url,
        title=_pick(row, "title"),
        category=category_of(_pick(row, "category") or category),
        html_url=_pick(row, "site") or None,
        slug=_pick(row, "slug") or None,
        # a region that is not a country code ("Europe") names no outlet country
        country=country.upper() if _COUNTRY_RE.match(country) else None,
        language=language.lower() if _LANGUAGE_RE.match(language) else None,
    )


def read_feed_list(path: Path) -> tuple[list[OpmlFeed], list[str]]:
    """Read a CSV or JSON feed list: the feeds, and one line per row skipped (with why).

    Raises `RegistryError` when the file is unreadable, not CSV/JSON, or has no URL column.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RegistryError(f"Cannot read feed list {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise RegistryError(f"{path} is not UTF-8 text; save it as UTF-8") from exc
    feeds: list[OpmlFeed] = []
    skipped: list[str] = []
    if path.suffix.lower() == ".json" or text.lstrip()[:1] in {"[", "{"}:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RegistryError(f"{path} is not valid JSON ({exc})") from exc
        groups: list[tuple[str | None, Any]] = (
            [(None, data)]
            if isinstance(data, list)
            else list(data.items())
            if isinstance(data, dict)
            else []
        )
        if not groups:
            raise RegistryError(f"{path}: a JSON feed list is a list or an object of lists")
        for category, items in groups:
            if isinstance(items, dict):
                items = items.get("feeds", [])
            for n, item in enumerate(items if isinstance(items, list) else [], start=1):
                row = {"url": item} if isinstance(item, str) else item
                feed = _feed(row, category) if isinstance(row, dict) else None
                if feed is None:
                    skipped.append(f"{category or 'list'} item {n}: no feed URL")
                else:
                    feeds.append(feed)
        return feeds, skipped
    reader = csv.DictReader(text.splitlines())
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if not set(header) & set(FEED_LIST_ALIASES["url"]):
        raise RegistryError(
            f"{path}: no feed URL column (found {', '.join(header) or 'no header'}); a feed "
            "list needs a 'url' column, optionally title, site, category, country, language"
        )
    for line, row in enumerate(reader, start=2):
        if None in row:
            skipped.append(f"line {line}: more cells than the header has")
            continue
        feed = _feed(row)
        if feed is None:
            skipped.append(f"line {line}: no feed URL")
        else:
            feeds.append(feed)
    return feeds, skipped
