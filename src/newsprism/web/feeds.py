"""Feeds out (RSS 2.0 and Atom 1.0), sitemap.xml and robots.txt.

Built with ElementTree, which escapes every text node, so a story title cannot break
the XML; characters XML 1.0 forbids (ElementTree writes them as they are) are removed
from every text and attribute before writing.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from newsprism.xmlsafe import xml_safe

__all__ = ["atom_feed", "robots_txt", "rss_feed", "sitemap_xml"]

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _when(value: str | None) -> datetime:
    if not value:
        return datetime(1970, 1, 1, tzinfo=UTC)
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _summary(card: dict[str, Any]) -> str:
    counts = card["lean_counts"]
    left = counts.get("left", 0) + counts.get("lean_left", 0)
    right = counts.get("right", 0) + counts.get("lean_right", 0)
    return (
        f"{card['n_outlets']} outlets, {card['n_articles']} articles — "
        f"left {left}, center {counts.get('center', 0)}, right {right}, "
        f"unrated {counts.get('other', 0)}."
    )


def _xml(root: ET.Element) -> bytes:
    for element in root.iter():
        if element.text:
            element.text = xml_safe(element.text)
        if element.tail:
            element.tail = xml_safe(element.tail)
        for key, value in element.attrib.items():
            element.attrib[key] = xml_safe(value)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body


def rss_feed(title: str, site_url: str, self_url: str, cards: list[dict[str, Any]]) -> bytes:
    """Build an RSS 2.0 document of story *cards* (in the order given)."""
    ET.register_namespace("atom", ATOM_NS)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = site_url + "/"
    ET.SubElement(channel, "description").text = f"{title}: stories framed left to right."
    ET.SubElement(
        channel,
        f"{{{ATOM_NS}}}link",
        {"href": self_url, "rel": "self", "type": "application/rss+xml"},
    )
    latest = max((_when(c["last_updated"]) for c in cards), default=_when(None))
    ET.SubElement(channel, "lastBuildDate").text = format_datetime(latest)
    for card in cards:
        item = ET.SubElement(channel, "item")
        link = site_url + card["url"]
        ET.SubElement(item, "title").text = card["title"]
        ET.SubElement(item, "link").text = link
        ET.SubElement(item, "guid", {"isPermaLink": "false"}).text = f"newsprism-story-{card['id']}"
        ET.SubElement(item, "description").text = _summary(card)
        ET.SubElement(item, "pubDate").text = format_datetime(_when(card["first_seen"]))
        if card["category"]:
            ET.SubElement(item, "category").text = card["category"]
        for tag in card["hashtags"]:
            ET.SubElement(item, "category").text = f"#{tag}"
    return _xml(rss)


def atom_feed(title: str, site_url: str, self_url: str, cards: list[dict[str, Any]]) -> bytes:
    """Build an Atom 1.0 document of story *cards*."""
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, attrs: dict[str, str] | None = None) -> ET.Element:
        return ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs or {})

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "title").text = title
    sub(feed, "id").text = self_url
    sub(feed, "link", {"href": self_url, "rel": "self"})
    sub(feed, "link", {"href": site_url + "/", "rel": "alternate"})
    latest = max((_when(c["last_updated"]) for c in cards), default=_when(None))
    sub(feed, "updated").text = latest.isoformat()
    author = sub(feed, "author")
    sub(author, "name").text = "NewsPrism"
    for card in cards:
        entry = sub(feed, "entry")
        sub(entry, "title").text = card["title"]
        sub(entry, "id").text = f"{site_url}/story/{card['id']}"
        sub(entry, "link", {"href": site_url + card["url"], "rel": "alternate"})
        sub(entry, "published").text = _when(card["first_seen"]).isoformat()
        sub(entry, "updated").text = _when(card["last_updated"]).isoformat()
        sub(entry, "summary").text = _summary(card)
        if card["category"]:
            sub(entry, "category", {"term": card["category"]})
        for tag in card["hashtags"]:
            sub(entry, "category", {"term": f"#{tag}"})
    return _xml(feed)


def sitemap_xml(site_url: str, pages: list[tuple[str, str | None]]) -> bytes:
    """Build a sitemap of (site-relative path, ISO last modification) pairs."""
    ET.register_namespace("", SITEMAP_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for path, modified in pages:
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = site_url + path
        if modified:
            ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = _when(modified).date().isoformat()
    return _xml(urlset)


def robots_txt(site_url: str) -> str:
    """Crawl everything but search results and the API; point at the sitemap."""
    return (
        "User-agent: *\n"
        "Disallow: /search\n"
        "Disallow: /api/\n"
        "Disallow: /embed/\n"
        f"Sitemap: {site_url}/sitemap.xml\n"
    )
