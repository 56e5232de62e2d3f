"""Serve a dataset of articles as per-outlet RSS feeds and HTML pages on loopback.

So the real fetch → extract → … chain runs offline: ``newsprism replay CORPUS`` reads a
JSONL (or ``.jsonl.gz``) file in the import schema (docs/import.md) or in the baly2020
schema, serves ``/feeds/<outlet>.xml`` (RSS 2.0) and ``/a/<outlet>/<id>/<original path>``
on 127.0.0.1, and writes a registry feeds file (outlets.csv schema) pointing at them.

With ``speed`` > 0 the articles are released over simulated time, ``speed`` times faster
than their publication dates, so the pipeline sees a live-like stream.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import html
import json
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from newsprism.errors import DatasetError
from newsprism.xmlsafe import xml_safe

__all__ = [
    "ReplayArticle",
    "ReplayCorpus",
    "ReplayServer",
    "page_path",
    "read_articles",
    "serve_replay",
]

#: AllSides' three-point labels in the baly2020 corpus → our five-point scale.
_CORPUS_LEANS = {"left": "left", "center": "center", "right": "right"}


@dataclass(frozen=True)
class ReplayArticle:
    """One article of a corpus, normalised from either input schema."""

    key: str
    outlet_name: str
    domain: str
    url: str
    title: str
    text: str
    #: None when the corpus has no date: the item is served without one, and the
    #: pipeline dates it by the time it first saw it
    published: datetime | None
    author: str = ""
    summary: str = ""
    categories: tuple[str, ...] = ()
    lean: str | None = None


def _parse_time(value: Any) -> datetime:
    if isinstance(value, int | float):
        # epoch seconds, or milliseconds past the year 2286
        seconds = value / 1000 if value > 1e10 else value
        return datetime.fromtimestamp(seconds, UTC)
    text = str(value).strip()
    if not text:
        raise ValueError("empty date")
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _domain_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _article_from_row(row: dict[str, Any], line: int) -> ReplayArticle:
    url = str(row.get("url") or "").strip()
    title = str(row.get("title") or "").strip()
    text = str(row.get("text") or "").strip()
    if not url.startswith(("http://", "https://")):
        raise ValueError("url must be an absolute http(s) URL")
    if not title:
        raise ValueError("title is empty")
    published_raw = row.get("published_at", row.get("published"))
    published = None if published_raw in (None, "") else _parse_time(published_raw)
    domain = str(row.get("outlet_domain") or _domain_of(url)).lower().removeprefix("www.")
    authors = row.get("author") or row.get("authors") or ""
    lean = row.get("lean")
    categories = row.get("categories") or ([row["topic"]] if row.get("topic") else [])
    return ReplayArticle(
        key=str(row.get("id") or hashlib.sha1(url.encode()).hexdigest()[:16]),
        outlet_name=str(row.get("outlet") or domain),
        domain=domain,
        url=url,
        title=title,
        text=text,
        published=published,
        author=str(authors),
        summary=str(row.get("summary") or ""),
        categories=tuple(str(c) for c in categories),
        lean=_CORPUS_LEANS.get(str(lean).lower()) if lean else None,
    )


def read_articles(
    path: Path, errors: list[tuple[int, str]] | None = None
) -> Iterator[ReplayArticle]:
    """Yield the articles of a JSONL / JSONL.gz file; bad lines go to *errors* (line, why)."""
    if not path.exists():
        raise DatasetError(f"{path} does not exist: pass a JSONL or .jsonl.gz file of articles.")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError("not a JSON object")
                yield _article_from_row(row, line_no)
            except (ValueError, TypeError) as exc:
                if errors is not None:
                    errors.append((line_no, str(exc)))


def _slug(domain: str) -> str:
    from newsprism.outlets.registry import outlet_slug

    return outlet_slug(domain)


def _order(art: ReplayArticle) -> tuple[datetime, str]:
    """Publication order; undated articles come first (they are released at once)."""
    return art.published or datetime.min.replace(tzinfo=UTC), art.key


def _spread_within_day(articles: list[ReplayArticle]) -> list[ReplayArticle]:
    """Dates with day precision only (baly2020) get distinct times across that day."""
    by_day: dict[datetime, list[int]] = defaultdict(list)
    for i, art in enumerate(articles):
        when = art.published
        if when is not None and when.hour == when.minute == when.second == 0:
            by_day[when].append(i)
    out = list(articles)
    for day, idxs in by_day.items():
        step = timedelta(days=1) / (len(idxs) + 1)
        for rank, i in enumerate(idxs, 1):
            a = out[i]
            out[i] = ReplayArticle(**{**a.__dict__, "published": day + step * rank})
    return out


@dataclass
class ReplayCorpus:
    """Articles grouped by outlet domain, in publication order."""

    articles: list[ReplayArticle]
    errors: list[tuple[int, str]] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path, limit: int | None = None, since: date | None = None) -> ReplayCorpus:
        """Read *path*; keep the first *limit* articles, from *since* on, in publication order."""
        errors: list[tuple[int, str]] = []
        arts = sorted(read_articles(path, errors), key=_order)
        if since is not None:
            kept = [a for a in arts if a.published is not None and a.published.date() >= since]
            if arts and not kept:
                raise DatasetError(f"{path} holds no article published on or after {since}.")
            arts = kept
        if limit:
            arts = arts[:limit]
        if not arts:
            raise DatasetError(f"{path} holds no usable article ({len(errors)} bad lines).")
        return cls(_spread_within_day(arts), errors)

    def skipped_report(self, shown: int = 5) -> str | None:
        """What was left out and why: counts per reason and the first lines; None if nothing."""
        undated = sum(a.published is None for a in self.articles)
        parts = []
        if self.errors:
            reasons = Counter(why for _line, why in self.errors)
            kinds = ", ".join(f"{why} ({n})" for why, n in reasons.most_common(5))
            first = "; ".join(f"line {line}: {why}" for line, why in self.errors[:shown])
            parts.append(f"skipped {len(self.errors)} lines: {kinds}. First: {first}")
        if undated:
            parts.append(
                f"{undated} articles have no date: served without one; the pipeline dates "
                "them by the time it first sees them"
            )
        return "\n".join(parts) or None

    def outlets(self) -> dict[str, list[ReplayArticle]]:
        """Domain → its articles, oldest first."""
        grouped: dict[str, list[ReplayArticle]] = defaultdict(list)
        for art in self.articles:
            grouped[art.domain].append(art)
        return dict(grouped)

    def outlet_names(self) -> dict[str, str]:
        """Domain → the most frequent outlet name given for it (authors appear as outlets)."""
        names: dict[str, Counter[str]] = defaultdict(Counter)
        for art in self.articles:
            names[art.domain][art.outlet_name] += 1
        return {d: c.most_common(1)[0][0] for d, c in names.items()}

    def outlet_leans(self) -> dict[str, str]:
        """Domain → the corpus' lean label for it (majority), where the corpus has one."""
        leans: dict[str, Counter[str]] = defaultdict(Counter)
        for art in self.articles:
            if art.lean:
                leans[art.domain][art.lean] += 1
        return {d: c.most_common(1)[0][0] for d, c in leans.items()}


class _Clock:
    """Simulated time: starts at the first article and runs *speed* times faster."""

    def __init__(self, start: datetime, speed: float) -> None:
        self.start = start
        self.speed = speed
        self.t0 = time.monotonic()

    def now(self) -> datetime | None:
        """Simulated now, or None when everything is released at once."""
        if self.speed <= 0:
            return None
        return self.start + timedelta(seconds=(time.monotonic() - self.t0) * self.speed)


def _rss(base: str, slug: str, name: str, items: list[ReplayArticle]) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>',
        f"<title>{_x(name)}</title><link>{base}/</link>",
        f"<description>Replay of {_x(name)}</description>",
    ]
    for art in reversed(items):  # newest first, as real feeds are
        link = f"{base}{page_path(slug, art)}"
        summary = art.summary or art.text[:300]
        date = f"<pubDate>{format_datetime(art.published)}</pubDate>" if art.published else ""
        parts.append(
            f"<item><title>{_x(art.title)}</title><link>{html.escape(link)}</link>"
            f'<guid isPermaLink="true">{html.escape(link)}</guid>{date}'
            f"<description>{_x(summary)}</description>"
            + (f"<author>{_x(art.author)}</author>" if art.author else "")
            + "".join(f"<category>{_x(c)}</category>" for c in art.categories)
            + "</item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def page_path(slug: str, art: ReplayArticle) -> str:
    """The path an article's page is served at: ``/a/<outlet>/<key>`` and its original path.

    The original path is kept because the pipeline reads cues in it as it would on the
    outlet's site: "/opinion/" marks a column, and a replay that served every page as
    ``<key>.html`` made The Hill's "Jeffrey Epstein's suicide makes no sense" (under
    /opinion/) the headline of the Epstein story (2019-08-05 replay).
    """
    original = urlsplit(art.url).path.strip("/") if art.url else ""
    safe = quote(original, safe="/-_.~") if original else ""
    return f"/a/{slug}/{art.key}/{safe}" if safe else f"/a/{slug}/{art.key}.html"


def _x(text: str) -> str:
    """Escaped text that XML 1.0 can carry."""
    return html.escape(xml_safe(text))


def _page(art: ReplayArticle, name: str) -> bytes:
    paragraphs = "".join(
        f"<p>{html.escape(p.strip())}</p>" for p in art.text.split("\n") if p.strip()
    )
    iso = art.published.isoformat() if art.published else ""
    when = f"<time datetime='{iso}'>{iso}</time>" if iso else ""
    published = f"<meta property='article:published_time' content='{iso}'>" if iso else ""
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(art.title)}</title>"
        f"<link rel='canonical' href='{html.escape(art.url)}'>"
        f"<meta property='og:title' content='{html.escape(art.title)}'>"
        f"<meta property='og:site_name' content='{html.escape(name)}'>"
        f"<meta name='author' content='{html.escape(art.author)}'>"
        f"{published}"
        "</head><body><header><nav><a href='/'>Home</a></nav></header><main><article>"
        f"<h1>{html.escape(art.title)}</h1><p class='byline'>{html.escape(art.author)}</p>"
        f"{when}{paragraphs}</article></main>"
        "<footer>Replayed by NewsPrism</footer></body></html>"
    ).encode()


class ReplayServer:
    """The replay HTTP server; `start()` runs it in a thread, `serve_forever()` blocks."""

    def __init__(
        self, corpus: ReplayCorpus, *, host: str = "127.0.0.1", port: int = 0, speed: float = 0
    ) -> None:
        self.corpus = corpus
        self.by_outlet = corpus.outlets()
        self.names = corpus.outlet_names()
        self.slugs = {_slug(d): d for d in self.by_outlet}
        self.pages = {(_slug(a.domain), a.key): a for a in corpus.articles}
        dated = [a.published for a in corpus.articles if a.published is not None]
        self.clock = _Clock(min(dated, default=datetime.now(UTC)), speed)
        self.requests = Counter[str]()
        self.httpd = ThreadingHTTPServer((host, port), self._handler())
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def base(self) -> str:
        """Base URL, e.g. http://127.0.0.1:8765."""
        host, port = self.httpd.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        return f"http://{name}:{port}"

    def released(self, domain: str) -> list[ReplayArticle]:
        """The articles of *domain* published by simulated now."""
        arts = self.by_outlet.get(domain, [])
        now = self.clock.now()
        return (
            arts if now is None else [a for a in arts if a.published is None or a.published <= now]
        )

    def feed_url(self, domain: str) -> str:
        """The RSS URL of *domain*'s replay feed."""
        return f"{self.base}/feeds/{_slug(domain)}.xml"

    def write_feeds_file(self, path: Path) -> Path:
        """Write a registry file (outlets.csv schema) with one replay feed per outlet.

        Outlets the shipped registry knows keep its name and rating (the row only adds the
        feed); for the others the corpus' own lean label is used, with that provenance.
        """
        from newsprism.outlets.registry import SHIPPED_CSV, read_registry_file
        from newsprism.outlets.resolve import OutletResolver

        shipped = read_registry_file(SHIPPED_CSV)
        resolver = OutletResolver({d: i for i, rec in enumerate(shipped) for d in rec.domains})
        path.parent.mkdir(parents=True, exist_ok=True)
        leans = self.corpus.outlet_leans()
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(
                ["slug", "name", "domains", "country", "language", "lean", "lean_source",
                 "lean_as_of", "factuality", "factuality_source", "factuality_as_of",
                 "homepage", "feeds"]
            )  # fmt: skip
            rows: dict[str, list[str]] = {}
            for domain in sorted(self.by_outlet):
                known = resolver.resolve(f"https://{domain}/")
                if known is not None:
                    rec = shipped[known]
                    row = rows.setdefault(rec.slug, [rec.slug, rec.name, "", *[""] * 9, ""])
                    row[2] = ";".join(filter(None, [row[2], domain]))
                    row[12] = ";".join(filter(None, [row[12], self.feed_url(domain)]))
                    continue
                lean = leans.get(domain, "")
                last = max(
                    (a.published for a in self.by_outlet[domain] if a.published), default=None
                )
                as_of = last.strftime("%Y-%m") if lean and last else ""
                source = "as labelled in the replayed corpus" if lean else ""
                rows[_slug(domain)] = [
                    _slug(domain), self.names[domain], domain, "", "", lean, source, as_of,
                    "", "", "", f"https://{domain}/", self.feed_url(domain),
                ]  # fmt: skip
            writer.writerows(rows.values())
        return path

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: Any) -> None:
                pass

            def _send(self, status: int, body: bytes, ctype: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                server.requests[path.split("/")[1] if "/" in path else path] += 1
                if path == "/robots.txt":
                    self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
                    return
                if path.startswith("/feeds/") and path.endswith(".xml"):
                    slug = path[len("/feeds/") : -len(".xml")]
                    domain = server.slugs.get(slug)
                    if domain is not None:
                        items = server.released(domain)
                        body = _rss(server.base, slug, server.names[domain], items)
                        self._send(200, body, "application/rss+xml; charset=utf-8")
                        return
                if path.startswith("/a/") and path.count("/") >= 3:
                    # /a/<outlet>/<key>.html or /a/<outlet>/<key>/<original path>
                    _, _, slug, rest = path.split("/", 3)
                    key = rest.split("/", 1)[0].removesuffix(".html")
                    art = server.pages.get((slug, key))
                    if art is not None:
                        body = _page(art, server.names[art.domain])
                        self._send(200, body, "text/html; charset=utf-8")
                        return
                self._send(404, b"not found", "text/plain")

        return Handler

    def start(self) -> ReplayServer:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve until interrupted."""
        self.httpd.serve_forever()

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.httpd.shutdown()
        self.httpd.server_close()


def serve_replay(corpus: ReplayCorpus, *, port: int, speed: float, feeds_file: Path) -> None:
    """Run the replay server in the foreground (the ``newsprism replay`` command)."""
    server = ReplayServer(corpus, port=port, speed=speed)
    server.write_feeds_file(feeds_file)
    skipped = corpus.skipped_report()
    if skipped:
        print(skipped, flush=True)
    print(
        f"replaying {len(corpus.articles)} articles from {len(server.by_outlet)} outlets on "
        f"{server.base} (speed {speed or 'all at once'}); feeds file: {feeds_file}",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
