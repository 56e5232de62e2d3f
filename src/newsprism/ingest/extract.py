"""Page extraction with trafilatura: main text, title, author, date, main image, language.

Works on bytes already fetched by `http.py` (trafilatura never downloads anything here).
Language comes from py3langid, whose model ships inside the package (offline).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsprism.errors import ExtractError
from newsprism.ingest.feeds import parse_date
from newsprism.xmlsafe import xml_safe

__all__ = ["ExtractedPage", "decode_html", "detect_language", "extract_article"]

#: lxml trees beyond this many nodes are pathological (real articles: < 20,000 nodes).
MAX_TREE_SIZE = 200_000

_config: Any = None


def _trafilatura_config() -> Any:
    """Trafilatura's settings with our tree limit, built once; its loggers silenced."""
    global _config
    if _config is None:
        from trafilatura.settings import use_config

        for name in ("trafilatura", "htmldate", "courlan", "justext"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
        config = use_config()
        config["DEFAULT"]["MAX_TREE_SIZE"] = str(MAX_TREE_SIZE)
        # signal-based timeouts only work in the main thread; the fetch body limit and
        # the tree limit bound the work instead
        config["DEFAULT"]["EXTRACTION_TIMEOUT"] = "0"
        _config = config
    return _config


@dataclass
class ExtractedPage:
    """What trafilatura found on a page."""

    text: str
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    image_url: str | None = None
    lang: str | None = None


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of *text* (py3langid), or None for too little text."""
    if len(text.strip()) < 20:
        return None
    import py3langid

    # the first 2,000 characters are plenty for a language guess; cost grows with length
    lang, _score = py3langid.classify(text[:2000])
    return str(lang)


def decode_html(body: bytes, charset: str | None) -> str:
    """Decode a page: the declared charset if it works, else UTF-8 with replacement."""
    for encoding in (charset, "utf-8"):
        if not encoding:
            continue
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", "replace")


def _without_heading(text: str, title: str) -> str:
    """*text* without a first line that repeats the page's *title* (its ``<h1>``).

    Trafilatura keeps an article's heading as the first line of its text; kept, the
    headline reads as a body sentence of its own (a summary candidate, a quotation's
    context). A title with a site suffix ("… | Reuters") counts as the same heading.
    """
    first, _, rest = text.partition("\n")
    line = " ".join(first.split()).casefold()
    full = " ".join(title.split()).casefold()
    if not rest.strip() or not line:
        return text
    same = line == full or (
        full.startswith(line) and full[len(line) :].lstrip()[:1] in {"|", "-", "–", "—", ":"}
    )
    return rest.strip() if same else text


def extract_article(body: bytes | str, url: str, *, charset: str | None = None) -> ExtractedPage:
    """Extract the article on a fetched page; raise `ExtractError` if there is none."""
    import trafilatura

    config = _trafilatura_config()
    html = body if isinstance(body, str) else decode_html(body, charset)
    if not html.strip():
        raise ExtractError(f"{url}: the page is empty")
    if "\x00" in html[:2048]:
        raise ExtractError(f"{url}: the page is binary, not HTML")
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            config=config,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # lxml and trafilatura raise assorted errors on junk pages
        raise ExtractError(f"{url}: the page could not be parsed ({type(exc).__name__})") from None
    if doc is None:
        raise ExtractError(f"{url}: no article text found on the page")
    data = doc if isinstance(doc, dict) else doc.as_dict()
    text = xml_safe(str(data.get("text") or "")).strip()
    if not text:
        raise ExtractError(f"{url}: no article text found on the page")
    title = xml_safe(str(data.get("title") or "")).strip()
    text = _without_heading(text, title)
    author = xml_safe(str(data.get("author") or "")).strip()
    return ExtractedPage(
        text=text,
        title=title or None,
        author=author[:500] or None,
        published=parse_date(data.get("date")),
        image_url=str(data.get("image"))[:2000] if data.get("image") else None,
        lang=detect_language(text),
    )
