"""Stress: a 100,000-item feed and a 5 MB feed, polled on SQLite and PostgreSQL.

The parent serves both feeds on 127.0.0.1 (with an ETag, as real servers do); each poll run
happens in a fresh child process so its peak RSS is its own. A child migrates a fresh
store, polls the feed until its backlog (``queued``) is released, and reports seconds,
peak RSS, rows stored and states. The store must hold every entry exactly once.

    python bench/bench_feed_stress.py                      # 100k + 5 MB, SQLite + PostgreSQL
    python bench/bench_feed_stress.py --items 5000 --json out.json   # small (tests)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
#: the memory ceiling the issue sets for one poll process
RSS_LIMIT_MB = 300


def feed_body(items: int, summary_chars: int) -> bytes:
    """An RSS 2.0 feed of *items* dated entries with summaries of *summary_chars*."""
    now = datetime.now(UTC)
    filler = ("Council members debated the budget and the new transport plan. " * 40)[
        :summary_chars
    ]
    parts = ["<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>S</title>"]
    for i in range(items):
        when = format_datetime(now - timedelta(seconds=30 * i))
        parts.append(
            f"<item><title>Story {i} of the stress feed</title>"
            f"<link>https://stress.example/news/{i}</link>"
            f"<description>{filler} ({i})</description><pubDate>{when}</pubDate></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def child(args: argparse.Namespace) -> None:
    """One store, one feed: poll until nothing is queued; print a JSON line."""
    from sqlalchemy import func, select

    from newsprism.config import load_settings
    from newsprism.ingest.stage import poll_due_feeds
    from newsprism.pipeline import StageContext
    from newsprism.store.db import Store
    from newsprism.store.schema import Article, Feed

    work = Path(args.workdir)
    settings = load_settings(
        data_dir=work / "data",
        embedder="hashing",
        allow_hosts=["127.0.0.0/8"],
        outlets_overrides=work / "none.csv",
        max_body_bytes=args.max_body,
        feed_entries_per_poll=args.per_poll,
        total_timeout=120.0,
        read_timeout=60.0,
    )
    url = args.db_url or settings.sqlalchemy_url
    store = Store(url)
    store.upgrade()
    ctx = StageContext(store=store, settings=settings)
    with store.session() as session:
        feed = Feed(url=args.feed_url)
        session.add(feed)
        session.flush()
        feed_id = feed.id
    polls, first_poll_s = 0, 0.0
    start = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        report = poll_due_feeds(ctx, feed_ids=[feed_id])
        polls += 1
        if polls == 1:
            first_poll_s = time.perf_counter() - t0
        with store.session() as session:
            queued = session.scalar(
                select(func.count()).where(Article.status == "queued", Article.feed_id == feed_id)
            )
        if report.failed or not queued or polls >= args.max_polls:
            break
    total_s = time.perf_counter() - start
    with store.session() as session:
        states = dict(
            session.execute(select(Article.status, func.count()).group_by(Article.status)).all()
        )
        distinct = session.scalar(select(func.count(func.distinct(Article.canonical_url))))
        row = session.get(Feed, feed_id)
        assert row is not None
        failures, last_error = row.failures, row.last_error
    store.dispose()
    print(
        json.dumps(
            {
                "polls": polls, "first_poll_s": round(first_poll_s, 2),
                "total_s": round(total_s, 2), "states": states, "distinct_urls": distinct,
                "failures": failures, "last_error": last_error,
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    )  # fmt: skip


def _conditional(name: str, body: bytes) -> Any:
    """A route that answers 304 to a matching If-None-Match, like real feed servers."""
    etag = f'"{name}-1"'

    def handler(req: Any) -> None:
        if req.headers.get("If-None-Match") == etag:
            req.send_response(304)
            req.send_header("ETag", etag)
            req.send_header("Content-Length", "0")
            req.end_headers()
            return
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("ETag", etag)
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    return handler


def _pg_database() -> tuple[str, str] | None:
    from sqlalchemy import create_engine, text

    from services import POSTGRES, answers

    if not answers(POSTGRES):
        return None
    name = f"np_stress_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name, PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def _drop_pg(name: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000, help="items of the huge feed")
    parser.add_argument("--big-bytes", type=int, default=4_990_000, help="size of the big feed")
    parser.add_argument("--per-poll", type=int, default=10_000, help="entries released per poll")
    parser.add_argument("--max-polls", type=int, default=50)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", default="", help=argparse.SUPPRESS)
    parser.add_argument("--feed-url", default="", help=argparse.SUPPRESS)
    parser.add_argument("--db-url", default="", help=argparse.SUPPRESS)
    parser.add_argument("--max-body", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0

    from httpfixture import serve_fixtures

    huge = feed_body(args.items, 40)
    per_item = len(feed_body(1, 2000)) - len(feed_body(0, 2000)) + 8
    big_items = max(1, (args.big_bytes - 200) // per_item)
    big = feed_body(big_items, 2000)
    while len(big) > args.big_bytes:
        big_items -= 1
        big = feed_body(big_items, 2000)
    feeds = {
        "huge": (huge, args.items, max(len(huge) + 1024, 5_000_000)),
        "5mb": (big, big_items, 5_000_000),
    }
    dbs = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    results: list[dict[str, Any]] = []
    with serve_fixtures() as server:
        for name, (body, _n, _limit) in feeds.items():
            server.routes[f"/{name}.xml"] = _conditional(name, body)
        for db in dbs:
            for name, (body, n, limit) in feeds.items():
                pg = _pg_database() if db == "postgresql" else None
                if db == "postgresql" and pg is None:
                    print("PostgreSQL does not answer on 127.0.0.1:5432; skipped", flush=True)
                    break
                with tempfile.TemporaryDirectory() as work:
                    command = [
                        sys.executable, __file__, "--child", "--workdir", work,
                        "--feed-url", server.url(f"/{name}.xml"), "--db-url", pg[1] if pg else "",
                        "--max-body", str(limit), "--per-poll", str(args.per_poll),
                        "--max-polls", str(args.max_polls),
                    ]  # fmt: skip
                    try:
                        out = subprocess.run(
                            command, capture_output=True, text=True, check=False, env=os.environ
                        )
                    finally:
                        if pg:
                            _drop_pg(pg[0])
                if out.returncode:
                    print(out.stderr[-3000:], file=sys.stderr)
                    return 1
                result = json.loads(out.stdout.strip().splitlines()[-1])
                stored = sum(result["states"].values())
                result |= {
                    "db": db, "feed": name, "items": n, "feed_bytes": len(body),
                    "complete": stored == n == result["distinct_urls"]
                    and not result["states"].get("queued"),
                    "within_memory": result["peak_rss_mb"] <= RSS_LIMIT_MB,
                }  # fmt: skip
                results.append(result)
                print(json.dumps(result), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    ok = all(r["complete"] and r["failures"] == 0 for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
