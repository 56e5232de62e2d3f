"""Real stages on 1, 2 and 4 stage workers: throughput and CPU per article.

    python bench/bench_real_workers.py                       # 1, 2, 4 workers
    python bench/bench_real_workers.py --workers 2 --outlets 8 --topics 12

Every run gets a fresh PostgreSQL database (127.0.0.1:5432, created and dropped) and its
own redis-server process on a free port, a scheduler, one clustering worker and N
``stages`` workers running the real stages (hashing embedder unless ``--embedder
minilm``). Feeds and article pages are served on loopback by this script: generated
pages (topic words, not real articles), so the figures measure the stages' cost, not
extraction quality. CPU per article is the user+system time of the worker processes
(read from /proc) between "all workers booted" and "drained", divided by the articles;
PostgreSQL's own CPU is not in it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.loopback import free_port  # noqa: E402
from newsprism.check import check_store  # noqa: E402
from newsprism.distributed.localrun import (  # noqa: E402
    LocalCluster,
    end_state,
    quick_settings,
    ready_workers,
    settings_env,
    wait_until_drained,
)
from newsprism.store.db import Store  # noqa: E402
from newsprism.store.schema import Feed, Outlet  # noqa: E402

PG_ADMIN = os.environ.get("NEWSPRISM_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
#: topic vocabulary of the generated pages
TOPIC_TEXT = (
    "volcano eruption iceland ash flights airport lava evacuation central bank interest "
    "rates inflation mortgage lending decision championship final football stadium goal "
    "penalty trophy wildfire california acres containment firefighters smoke election "
    "parliament coalition ballots turnout minister hurricane landfall florida storm surge "
    "power outages"
)
WORDS = TOPIC_TEXT.split(" ")


def _pages(outlets: int, topics: int, port: int) -> dict[str, tuple[str, bytes]]:
    """Feeds and pages: outlet k covers every topic with a ~400-word page."""
    routes: dict[str, tuple[str, bytes]] = {}
    for k in range(outlets):
        items = []
        for t in range(topics):
            words = [WORDS[(t * 7 + i) % len(WORDS)] for i in range(8)] + [f"topic{t}"]
            title = f"{words[0].title()} {words[1]} {words[-1]} report from outlet {k}"
            body = "".join(
                f"<p>{' '.join(words)} said the {k} correspondent in paragraph {n}, "
                f"adding that {' '.join(reversed(words))} would follow.</p>"
                for n in range(20)
            )
            path = f"/o{k}/t{t}.html"
            routes[path] = (
                "text/html",
                f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                f"{body}</article></body></html>".encode(),
            )
            items.append(
                f"<item><title>{title}</title><link>http://127.0.0.1:{port}{path}</link>"
                f"<description>{' '.join(words)}</description></item>"
            )
        routes[f"/o{k}/rss"] = (
            "application/rss+xml",
            (
                f"<rss version='2.0'><channel><title>o{k}</title>{''.join(items)}</channel></rss>"
            ).encode(),
        )
    return routes


def _serve(routes: dict[str, tuple[str, bytes]], port: int) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            kind, body = routes.get(self.path, ("text/plain", b""))
            self.send_response(200 if self.path in routes else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of *pids* (and their reaped children) from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
    return total / ticks


def run(workers: int, outlets: int, topics: int, embedder: str) -> dict[str, object]:
    """One run with *workers* stage workers; returns throughput and CPU per article."""
    name = f"np_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db_url = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    http_port, redis_port = free_port(), free_port()
    server = _serve(_pages(outlets, topics, http_port), http_port)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        redis = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(redis_port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                tmp_name,
            ],
            stdout=subprocess.DEVNULL,
        )
        settings = quick_settings(
            tmp, db_url, f"redis://127.0.0.1:{redis_port}/0", "npr-"
        ).model_copy(update={"stage_table": "", "embedder": embedder, "stage_parallelism": 4})
        store = Store(db_url)
        store.upgrade()
        with store.session() as s:
            for k in range(outlets):
                outlet = Outlet(slug=f"o{k}", name=f"Outlet {k}", domains=[f"o{k}.example"])
                s.add(outlet)
                s.flush()
                s.add(Feed(outlet_id=outlet.id, url=f"http://127.0.0.1:{http_port}/o{k}/rss"))
        env = settings_env(settings, ROOT / "src") | {
            "NEWSPRISM_ALLOW_HOSTS": '["127.0.0.0/8"]',
            "NEWSPRISM_PER_HOST_DELAY": "0",
            "NEWSPRISM_FETCH_BATCH_SIZE": "16",
            "NEWSPRISM_EMBED_BATCH_SIZE": "16",
        }
        cluster = LocalCluster(env, tmp / "logs")
        articles = outlets * topics
        try:
            for i in range(workers):
                cluster.add_worker(f"s{i}@bench", "stages")
            cluster.add_worker("c@bench", "cluster")
            deadline = time.monotonic() + 120
            while len(ready_workers(store, cluster)) < workers + 1:
                if time.monotonic() > deadline:
                    raise RuntimeError("workers did not boot in 120 s")
                time.sleep(0.5)
            pids = [w.proc.pid for w in cluster.workers if w.proc is not None]
            cpu_before = _cpu_seconds(pids)
            started = time.monotonic()
            cluster.start_scheduler()
            done = wait_until_drained(store, settings, 900, expected_articles=articles)
            seconds = time.monotonic() - started
            cpu = _cpu_seconds(pids) - cpu_before
        finally:
            cluster.stop()
            redis.kill()
            redis.wait()
            server.shutdown()
        state = end_state(store, set())
        consistent = check_store(store)["consistent"]
        store.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
    return {
        "stage_workers": workers,
        "embedder": embedder,
        "articles": state["articles_stored"],
        "stories": state["stories"],
        "seconds": round(seconds, 1),
        "articles_per_second": round(articles / seconds, 2),
        "worker_cpu_ms_per_article": round(1000 * cpu / articles, 1),
        "drained": done,
        "consistent": consistent,
    }


def main() -> None:
    """Run the scaling series and print one JSON line per run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2, 4])
    parser.add_argument("--outlets", type=int, default=8)
    parser.add_argument("--topics", type=int, default=12)
    parser.add_argument("--embedder", default="hashing", choices=["hashing", "minilm"])
    args = parser.parse_args()
    if shutil.which("redis-server") is None:
        sys.exit("redis-server is not installed")
    print(json.dumps({"machine": platform.node(), "cpus": os.cpu_count(), "load": os.getloadavg()}))
    for n in args.workers:
        print(json.dumps(run(n, args.outlets, args.topics, args.embedder)), flush=True)


if __name__ == "__main__":
    main()
