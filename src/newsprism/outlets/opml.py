"""OPML 2.0 export and import of the registry's feeds, with their categories.

Export writes one folder outline per category (feeds without one stay outside folders), each
feed an ``<outline type="rss">`` with ``xmlUrl``, ``htmlUrl``, ``category="/World"`` and the
outlet's slug in the ``newsprism:slug`` attribute, so an export imports back unchanged. Import
also reads other readers' OPML: the category comes from the ``category`` attribute or else the
enclosing folder, and the outlet from the slug, the feed's or site's domain, or the title.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from newsprism.errors import RegistryError
from newsprism.outlets.registry import (
    CATEGORIES,
    FeedRecord,
    OutletRecord,
    normalize_domain,
)
from newsprism.outlets.resolve import OutletResolver, registered_domain
from newsprism.outlets.validate import is_valid_url

__all__ = [
    "NS",
    "OpmlFeed",
    "OpmlImport",
    "category_of",
    "export_opml",
    "plan_opml_import",
    "read_opml",
]

#: Namespace of the ``newsprism:slug`` attribute.
NS = "https://github.com/newsprism/newsprism/opml"
_CATEGORY_BY_KEY = {c.lower(): c for c in CATEGORIES} | {
    # folder names feed readers commonly use for the same sections
    "tech": "Technology",
    "sci-tech": "Technology",
    "sport": "Sports",
    "international": "World",
    "economy": "Business",
    "finance": "Business",
    "environment": "Climate",
    "culture": "Entertainment",
    "arts": "Entertainment",
    "news": "General",
}


@dataclass
class OpmlFeed:
    """One feed outline read from an OPML file."""

    url: str
    title: str
    category: str | None
    html_url: str | None = None
    slug: str | None = None
    #: region (ISO 3166 alpha-2) and language (ISO 639-1) given for the feed, if any; a new
    #: outlet takes them from its first feed
    country: str | None = None
    language: str | None = None


@dataclass
class OpmlImport:
    """What importing an OPML file adds: new outlets, feeds for known outlets, skipped lines."""

    new_outlets: list[OutletRecord] = field(default_factory=list)
    added_feeds: list[OutletRecord] = field(default_factory=list)
    already_present: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def updates(self) -> list[OutletRecord]:
        """Override rows to write: the new outlets and the known outlets' new feeds."""
        return self.added_feeds + self.new_outlets


def export_opml(records: Sequence[OutletRecord], path: Path, *, title: str = "NewsPrism") -> int:
    """Write every feed of *records* to *path* as OPML 2.0, grouped by category; the feed count."""
    ET.register_namespace("newsprism", NS)
    root = ET.Element("opml", {"version": "2.0"})
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = f"{title} feeds"
    ET.SubElement(head, "dateCreated").text = datetime.now(UTC).strftime(
        "%a, %d %b %Y %H:%M:%S GMT"
    )
    body = ET.SubElement(root, "body")
    folders = {c: ET.Element("outline", {"text": c, "title": c}) for c in CATEGORIES}
    loose: list[ET.Element] = []
    count = 0
    for rec in records:
        for feed in rec.feeds:
            attrs = {
                "type": "rss",
                "text": rec.name,
                "title": rec.name,
                "xmlUrl": feed.url,
                f"{{{NS}}}slug": rec.slug,
            }
            if feed.category:
                attrs["category"] = f"/{feed.category}"
            if rec.homepage:
                attrs["htmlUrl"] = rec.homepage
            outline = ET.Element("outline", attrs)
            if feed.category:
                folders[feed.category].append(outline)
            else:
                loose.append(outline)
            count += 1
    body.extend(folder for folder in folders.values() if len(folder))
    # Feeds without a category stay outside every folder, so they import back without one.
    body.extend(loose)
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return count


def category_of(attr: str | None, folder: str | None = None) -> str | None:
    """The `CATEGORIES` value named by a category attribute or folder ("/World", "Tech"), if any."""
    for text in ((attr or "").split(",")[0], folder or ""):
        key = text.strip().strip("/").split("/")[-1].strip().lower()
        if key in _CATEGORY_BY_KEY:
            return _CATEGORY_BY_KEY[key]
    return None


def read_opml(path: Path) -> list[OpmlFeed]:
    """Read the feed outlines of an OPML file (any nesting), with their categories."""
    try:
        tree = ET.parse(path)
    except OSError as exc:
        raise RegistryError(f"Cannot read OPML file {path}: {exc.strerror or exc}") from exc
    except ET.ParseError as exc:
        raise RegistryError(f"{path} is not valid OPML/XML ({exc}); export it again") from exc
    body = tree.getroot().find("body")
    if tree.getroot().tag != "opml" or body is None:
        raise RegistryError(f"{path} is not an OPML file (no <opml><body>)")
    feeds: list[OpmlFeed] = []

    def walk(node: ET.Element, folder: str | None) -> None:
        for outline in node.findall("outline"):
            url = outline.get("xmlUrl") or outline.get("xmlurl")
            title = outline.get("title") or outline.get("text") or ""
            if url:
                feeds.append(
                    OpmlFeed(
                        url=url.strip(),
                        title=title.strip(),
                        category=category_of(outline.get("category"), folder),
                        html_url=(outline.get("htmlUrl") or "").strip() or None,
                        slug=outline.get(f"{{{NS}}}slug"),
                    )
                )
            walk(outline, title if not url else folder)

    walk(body, None)
    return feeds


def _site_domain(feed: OpmlFeed) -> str | None:
    """Pick the domain a new outlet claims: the site's host, else the feed's registered domain.

    The site URL names the outlet's own host (``tinyblog.example.org`` must not claim all of
    ``example.org``); a feed host is often a CDN or ``feeds.`` subdomain, so it is cut back to
    its registrable domain.
    """
    if feed.html_url and registered_domain(feed.html_url):
        return normalize_domain(urlsplit(feed.html_url).hostname or "") or None
    return registered_domain(feed.url)


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:100] or "outlet"


def plan_opml_import(feeds: Sequence[OpmlFeed], registry: Sequence[OutletRecord]) -> OpmlImport:
    """Decide, without writing, which feeds go to known outlets and which outlets are new."""
    plan = OpmlImport()
    by_slug = {rec.slug: i for i, rec in enumerate(registry)}
    resolver = OutletResolver({d: i for i, rec in enumerate(registry) for d in rec.domains})
    by_name = {rec.name.lower(): i for i, rec in enumerate(registry)}
    known_urls = {f.url for rec in registry for f in rec.feeds}
    added: dict[str, OutletRecord] = {}
    new: dict[str, OutletRecord] = {}
    # kept up to date as outlets are added: rebuilding it per new outlet made a 10,000-feed
    # file quadratic (minutes instead of a second)
    taken = set(by_slug)
    for feed in feeds:
        if not is_valid_url(feed.url):
            plan.skipped.append(f"{feed.title or '?'}: malformed feed URL {feed.url!r}")
            continue
        if feed.url in known_urls:
            plan.already_present += 1
            continue
        known_urls.add(feed.url)
        index = by_slug.get(feed.slug or "")
        for probe in (feed.html_url, feed.url):
            if index is None and probe:
                index = resolver.resolve(probe)
        if index is None:
            index = by_name.get(feed.title.lower())
        record = FeedRecord(feed.url, feed.category)
        if index is not None:
            rec = registry[index]
            added.setdefault(rec.slug, OutletRecord(slug=rec.slug, name=rec.name)).feeds.append(
                record
            )
            continue
        domain = _site_domain(feed)
        if domain is None:
            plan.skipped.append(f"{feed.title or feed.url}: no public domain to resolve articles")
            continue
        key = feed.slug or domain
        if key not in new:
            base = feed.slug or _slugify(feed.title or domain.split(".")[0])
            slug, suffix = base, 2
            while slug in taken:
                slug, suffix = f"{base}-{suffix}", suffix + 1
            taken.add(slug)
            new[key] = OutletRecord(
                slug=slug,
                name=feed.title or domain,
                domains=[normalize_domain(domain)],
                country=feed.country,
                language=feed.language,
                homepage=feed.html_url or f"https://{domain}/",
            )
        new[key].feeds.append(record)
    plan.added_feeds = list(added.values())
    plan.new_outlets = list(new.values())
    return plan
