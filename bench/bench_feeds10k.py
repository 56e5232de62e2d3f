"""A registry of 10,000 feeds: import an OPML file in one go, sync, and poll a full round.

A separate process serves FEEDS small RSS feeds (ITEMS entries each) on loopback, spread over
HOSTS host names (``site-N.example.org``, resolved to 127.0.0.1 by a static resolver, so per-host
politeness applies per site), with ETags so the second round is conditional (304). The
benchmark writes a 10,000-outline OPML file, imports it (`plan_opml_import` + overrides),
loads and syncs the registry into SQLite, then polls until every feed has been polled once
(round 1: new entries) and again with every feed made due (round 2: not modified).

    PYTHONPATH=src python bench/bench_feeds10k.py                  # 10,000 feeds, 1,000 hosts
    PYTHONPATH=src python bench/bench_feeds10k.py --feeds 1000     # a smaller run

Reports wall and CPU seconds of this process (server excluded), peak resident memory, and
the database size.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import platform
import resource
import tempfile
import time
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SECTIONS = ("World", "Politics", "Business", "Technology", "Science", "Health", "Sports")


def _serve(port_queue: Any, items: int, start: float) -> None:
    base = datetime.fromtimestamp(start, tz=UTC)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_args: Any) -> None:
            pass

        def do_GET(self) -> None:
            host = self.headers.get("Host", "").split(":")[0]
            if not self.path.startswith("/feed/"):
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            tag = f'"{host}{self.path}"'
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.send_header("ETag", tag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            entries = "".join(
                f"<item><title>{host} {self.path} story {i}</title>"
                f"<link>http://{host}{self.path.removesuffix('.xml')}/{i}.html</link>"
                f"<description>Entry {i} of {self.path} on {host}.</description>"
                f"<pubDate>{format_datetime(base - timedelta(minutes=13 * i))}</pubDate></item>"
                for i in range(items)
            )
            body = (
                "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                f"<title>{host}</title>{entries}</channel></rss>"
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", tag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_queue.put(server.server_address[1])
    server.serve_forever()


def write_opml(path: Path, feeds: int, hosts: int, port: int) -> None:
    """An OPML file of *feeds* feeds over *hosts* sites, in category folders."""
    root = ET.Element("opml", {"version": "2.0"})
    body = ET.SubElement(root, "body")
    folders = {s: ET.SubElement(body, "outline", {"text": s}) for s in SECTIONS}
    for n in range(feeds):
        host = f"site-{n % hosts}.example.org"
        ET.SubElement(
            folders[SECTIONS[n // hosts % len(SECTIONS)]],
            "outline",
            {
                "type": "rss",
                "text": f"Site {n % hosts}",
                "xmlUrl": f"http://{host}:{port}/feed/{n}.xml",
                "htmlUrl": f"http://{host}:{port}/",
            },
        )
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=10_000)
    parser.add_argument("--hosts", type=int, default=1_000)
    parser.add_argument("--items", type=int, default=5, help="entries per feed")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--per-host-delay", type=float, default=1.0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    from sqlalchemy import func, select, update

    from newsprism.config import load_settings
    from newsprism.ingest.http import StaticResolver
    from newsprism.ingest.stage import poll_due_feeds
    from newsprism.outlets.opml import plan_opml_import, read_opml
    from newsprism.outlets.ratings import merge_into_overrides
    from newsprism.outlets.registry import load_registry, sync_registry
    from newsprism.pipeline import StageContext
    from newsprism.store.db import Store
    from newsprism.store.schema import Article, Feed, Outlet

    queue: Any = multiprocessing.Queue()
    server = multiprocessing.Process(target=_serve, args=(queue, args.items, time.time()))
    server.daemon = True
    server.start()
    port = queue.get(timeout=30)
    tmp = Path(tempfile.mkdtemp(prefix="bench_feeds10k_"))
    settings = load_settings(
        data_dir=tmp,
        allow_hosts=["127.0.0.0/8"],
        per_host_delay=args.per_host_delay,
        max_concurrency=args.concurrency,
        retries=1,
        # one round is every feed once: with the 120 s default a feed polled early in a
        # slow round comes due again before the round ends (seen: 17,914 polls in round 1)
        min_poll_interval=6 * 3600,
        max_poll_interval=12 * 3600,
        outlets_overrides=tmp / "outlets.local.csv",
    )
    store = Store(settings.sqlalchemy_url)
    store.upgrade()
    hosts = [f"site-{i}.example.org" for i in range(args.hosts)]
    ctx = StageContext(
        store=store,
        settings=settings,
        resources={"resolver": StaticResolver({h: ["127.0.0.1"] for h in hosts})},
    )
    figures: dict[str, Any] = {}

    def measure(name: str, fn: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        figures[name] = {
            "wall_s": round(time.perf_counter() - wall, 2),
            "cpu_s": round(time.process_time() - cpu, 2),
            "peak_rss_mb": peak_rss_mb(),
        }
        print(name, figures[name], flush=True)
        return result

    opml = tmp / "feeds.opml"
    write_opml(opml, args.feeds, args.hosts, port)

    def import_opml() -> Any:
        plan = plan_opml_import(read_opml(opml), load_registry())
        merge_into_overrides(settings.outlets_overrides, plan.updates)
        return plan

    plan = measure("import_opml", import_opml)
    figures["import_opml"]["new_outlets"] = len(plan.new_outlets)
    counts = measure(
        "load_and_sync_registry",
        lambda: sync_registry(store, load_registry(overrides=settings.outlets_overrides)),
    )
    figures["load_and_sync_registry"].update(counts)
    with store.session() as session:
        # poll only the generated feeds: the shipped registry's feeds are on the internet
        session.execute(update(Feed).where(~Feed.url.like("http://site-%")).values(paused=True))

    def full_round() -> dict[str, int]:
        totals = {"runs": 0, "feeds_polled": 0, "articles_new": 0, "not_modified": 0, "failed": 0}
        while (report := poll_due_feeds(ctx)).did_work:
            totals["runs"] += 1
            totals["failed"] += report.failed
            for key in ("feeds_polled", "articles_new", "not_modified"):
                totals[key] += int(report.details.get(key, 0))
        return totals

    figures["round_1"] = {}
    totals = measure("round_1", full_round)
    figures["round_1"].update(totals)
    with store.session() as session:
        session.execute(update(Feed).where(Feed.paused.is_(False)).values(next_poll_at=None))
    totals = measure("round_2", full_round)
    figures["round_2"].update(totals)
    server.terminate()
    with store.session() as session:
        stored = session.scalar(select(func.count()).select_from(Article)) or 0
        outlets = session.scalar(select(func.count()).select_from(Outlet)) or 0
        spread = [
            row[0]
            for row in session.execute(
                select(Feed.next_poll_at).where(Feed.paused.is_(False)).limit(5000)
            )
        ]
    db = tmp / "newsprism.db"
    size = sum(p.stat().st_size for p in tmp.glob("newsprism.db*"))
    summary = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}",
        "feeds": args.feeds,
        "hosts": args.hosts,
        "per_host_delay": args.per_host_delay,
        "concurrency": args.concurrency,
        "outlets_in_db": outlets,
        "articles_stored": stored,
        "articles_expected": args.feeds * args.items,
        "db": str(db),
        "db_size_mb": round(size / 1e6, 1),
        "next_poll_spread_s": round((max(spread) - min(spread)).total_seconds()) if spread else 0,
        "stages": figures,
    }
    print(json.dumps(summary, indent=2, default=str))
    assert stored == args.feeds * args.items, f"stored {stored} of {args.feeds * args.items}"


if __name__ == "__main__":
    main()
