"""Ingestion throughput: poll + fetch/extract + dedupe against a loopback news server.

A separate process serves OUTLETS synthetic outlets (host names ``outlet-N.test``, all
resolved to 127.0.0.1 by a static resolver, so per-host politeness applies per outlet) with
one RSS feed each and ARTICLES article pages in total; every tenth article is a wire story
that many outlets carry, so deduplication has syndicated copies to link.

    PYTHONPATH=src python bench/bench_ingest.py                      # 300 outlets, 30,000
    PYTHONPATH=src python bench/bench_ingest.py --articles 3000      # a smaller run

Reports wall seconds and CPU seconds of this process (server excluded) per stage,
articles/s and CPU ms per article, and checks that every article was stored exactly once.
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import multiprocessing
import os
import platform
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

_PROSE = (
    "government council minister report economy market election court police city health "
    "school energy climate border trade budget vote talks agreement protest company workers "
    "prices inflation housing water transport security research hospital festival museum "
    "river bridge airport farmers teachers nurses judges senators mayor governor treaty"
)
WORDS = _PROSE.split()


def _prose(seed: int, words: int = 320) -> str:
    state = seed * 7919 + 17
    out = []
    for i in range(words):
        state = (state * 1103515245 + 12345) % (2**31)
        out.append(WORDS[state % len(WORDS)])
        if i % 14 == 13:
            out[-1] += "."
    return " ".join(out).capitalize() + "."


def _article(outlet: int, index: int) -> tuple[str, str]:
    """Title and text of article *index* of *outlet*; every 10th is a shared wire story."""
    if index % 10 == 0:
        wire = index // 10
        return f"Wire story {wire}", f"({outlet}) " + _prose(10_000_000 + wire)
    return f"Outlet {outlet} story {index}", _prose(outlet * 100_000 + index)


def _page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(s.strip())}.</p>" for s in text.split(".") if s.strip())
    nav = "".join(f"<li><a href='/section/{i}'>Section {i}</a></li>" for i in range(30))
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)} | Outlet</title><meta name='author' content='Staff'>"
        "<meta property='og:image' content='https://img.example/a.jpg'></head><body>"
        f"<header><ul>{nav}</ul></header><main><article><h1>{html.escape(title)}</h1>"
        f"{paragraphs}</article></main><aside>Most read: a, b, c</aside>"
        "<footer>© Outlet. All rights reserved.</footer></body></html>"
    ).encode()


def _serve(port_queue: Any, per_outlet: int, start: float) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_args: Any) -> None:
            pass

        def do_GET(self) -> None:
            host = self.headers.get("Host", "")
            outlet = int(host.split("-")[1].split(".")[0]) if host.startswith("outlet-") else -1
            if self.path == "/feed.xml" and outlet >= 0:
                body = _feed(host, outlet, per_outlet, start)
                ctype = "application/rss+xml"
            elif self.path.startswith("/a/") and outlet >= 0:
                title, text = _article(outlet, int(self.path[3:].split(".")[0]))
                body, ctype = _page(title, text), "text/html; charset=utf-8"
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_queue.put(server.server_address[1])
    server.serve_forever()


def _feed(host: str, outlet: int, per_outlet: int, start: float) -> bytes:
    base = datetime.fromtimestamp(start, tz=UTC)
    items = []
    for i in range(per_outlet):
        title, text = _article(outlet, i)
        when = format_datetime(base - timedelta(minutes=7 * i + outlet % 7))
        items.append(
            f"<item><title>{html.escape(title)}</title><link>http://{host}/a/{i}.html?utm_source=rss"
            f"</link><description>{html.escape(text[:200])}</description>"
            f"<pubDate>{when}</pubDate></item>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Outlet</title>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlets", type=int, default=300)
    parser.add_argument("--articles", type=int, default=30_000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--batch", type=int, default=256, help="fetch_batch_size")
    args = parser.parse_args()
    per_outlet = max(1, args.articles // args.outlets)
    total = per_outlet * args.outlets
    logging.basicConfig(level=logging.WARNING)

    from sqlalchemy import func, select

    from newsprism.config import load_settings
    from newsprism.ingest.http import StaticResolver
    from newsprism.ingest.stage import dedupe_articles, fetch_articles, poll_due_feeds
    from newsprism.pipeline import StageContext
    from newsprism.store.db import Store
    from newsprism.store.schema import Article, Feed

    queue: Any = multiprocessing.Queue()
    server = multiprocessing.Process(
        target=_serve, args=(queue, per_outlet, time.time()), daemon=True
    )
    server.start()
    port = queue.get(timeout=30)
    tmp = Path(tempfile.mkdtemp(prefix="bench_ingest_"))
    settings = load_settings(
        data_dir=tmp,
        allow_hosts=["127.0.0.0/8"],
        per_host_delay=0.0,
        max_concurrency=args.concurrency,
        fetch_batch_size=args.batch,
        retries=1,
        outlets_overrides=tmp / "none.csv",
    )
    store = Store(settings.sqlalchemy_url)
    store.upgrade()
    hosts = [f"outlet-{i}.test" for i in range(args.outlets)]
    resolver = StaticResolver({h: ["127.0.0.1"] for h in hosts})
    with store.session() as session:
        session.add_all(Feed(url=f"http://{h}:{port}/feed.xml") for h in hosts)
    ctx = StageContext(store=store, settings=settings, resources={"resolver": resolver})

    figures: dict[str, Any] = {}

    def measure(name: str, fn: Any) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        count = fn()
        figures[name] = {
            "wall_s": round(time.perf_counter() - wall, 2),
            "cpu_s": round(time.process_time() - cpu, 2),
            "rows": count,
        }
        print(name, figures[name], flush=True)

    measure("poll_feeds", lambda: poll_due_feeds(ctx).details.get("articles_new", 0))

    def fetch_all() -> int:
        done = 0
        while (report := fetch_articles(ctx)).did_work:
            done += report.processed + report.failed
        return done

    def dedupe_all() -> int:
        done = 0
        while (report := dedupe_articles(ctx)).did_work:
            done += report.processed
        return done

    measure("fetch_articles", fetch_all)
    measure("dedupe_articles", dedupe_all)
    server.terminate()
    with store.session() as session:
        by_status = dict(
            session.execute(select(Article.status, func.count()).group_by(Article.status)).all()
        )
        stored = session.scalar(select(func.count()).select_from(Article)) or 0
        linked = session.scalar(
            select(func.count()).select_from(Article).where(Article.syndicated_of.is_not(None))
        )
        partial = session.scalar(
            select(func.count()).select_from(Article).where(Article.partial.is_(True))
        )
    wall = sum(f["wall_s"] for f in figures.values())
    cpu = sum(f["cpu_s"] for f in figures.values())
    expected_links = args.outlets * len(range(0, per_outlet, 10)) - len(range(0, per_outlet, 10))
    summary = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}",
        "outlets": args.outlets,
        "articles_served": total,
        "articles_stored": stored,
        "by_status": by_status,
        "partial": partial,
        "syndicated_linked": linked,
        "syndicated_expected": expected_links,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "articles_per_s": round(stored / wall, 1) if wall else None,
        "cpu_ms_per_article": round(1000 * cpu / stored, 2) if stored else None,
        "stages": figures,
    }
    print(json.dumps(summary, indent=2))
    assert stored == total, f"stored {stored} of {total} articles"


if __name__ == "__main__":
    main()
