"""Builders for fixture feeds and article pages (imported by the ingest tests)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime
from typing import Any

_PROSE = (
    "government council minister report economy market election court police city health "
    "school energy climate border trade budget vote talks agreement protest company "
    "workers prices inflation housing water transport security research hospital festival "
    "museum"
)
WORDS = _PROSE.split()


def article_text(seed: int, words: int = 220) -> str:
    """Deterministic, distinct prose: sentences of words chosen by *seed*."""
    out = []
    state = seed * 7919 + 17
    for i in range(words):
        state = (state * 1103515245 + 12345) % (2**31)
        out.append(WORDS[state % len(WORDS)])
        if i % 12 == 11:
            out[-1] += "."
    return " ".join(out).capitalize()


def article_page(title: str, text: str, *, author: str = "Dee Author") -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p.strip())}.</p>" for p in text.split(".") if p.strip())
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        f"<meta name='author' content='{html.escape(author)}'>"
        "<meta property='og:image' content='https://img.example/lead.jpg'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{paragraphs}</article>"
        "<footer>Copyright Example News</footer></body></html>"
    ).encode()


def rss(items: Sequence[dict[str, Any]]) -> bytes:
    parts = []
    for item in items:
        date = item.get("date")
        parts.append(
            "<item>"
            + (f"<title>{html.escape(item['title'])}</title>" if "title" in item else "")
            + (f"<link>{html.escape(item['link'])}</link>" if "link" in item else "")
            + (
                f"<description>{html.escape(item['summary'])}</description>"
                if "summary" in item
                else ""
            )
            + (f"<pubDate>{format_datetime(date)}</pubDate>" if isinstance(date, datetime) else "")
            + "</item>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>T</title>"
        + "".join(parts)
        + "</channel></rss>"
    ).encode()
