"""Distributed-mode throughput with 1, 2 and 4 workers, and the full fault run.

    python bench/bench_workers.py                 # scaling: 1, 2, 4 workers
    python bench/bench_workers.py --fault         # 50 SIGKILLs, a Redis restart, a DB drop

Needs PostgreSQL on 127.0.0.1:5432 (a private database is created and dropped) and
Redis on 127.0.0.1:6379 (a private DB number and key prefix). Runs the stand-in stages
(newsprism.distributed.standin): they follow the real stages' contracts but sleep
``--work-ms`` per row instead of fetching or embedding, so the figures measure the
distributed machinery (broker, job rows, SKIP LOCKED claims, the clustering lock), not NLP.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprism.config import Settings  # noqa: E402
from newsprism.distributed.localrun import (  # noqa: E402
    LocalCluster,
    end_state,
    ensure_local_redis,
    quick_settings,
    restart_local_redis,
    run_fault_scenario,
    settings_env,
    wait_until_drained,
)
from newsprism.distributed.standin import expected_urls, generate_corpus  # noqa: E402
from newsprism.store.db import Store  # noqa: E402

PG_ADMIN = os.environ.get("NEWSPRISM_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _database() -> tuple[str, str]:
    name = f"np_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name, name


def _drop(name: str) -> None:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _settings(tmp: Path, db_url: str) -> Settings:
    broker = f"redis://127.0.0.1:6379/{random.randint(1, 15)}"
    settings = quick_settings(tmp, db_url, broker, f"npb{uuid.uuid4().hex[:8]}-")
    return settings.model_copy(update={"stage_parallelism": 4})


def _env(s: Settings, work_ms: float) -> dict[str, str]:
    return settings_env(s, ROOT / "src", work_ms=work_ms)


def _purge(s: Settings) -> None:
    import redis

    client = redis.Redis.from_url(s.broker_url)
    keys = list(client.scan_iter(match=f"{s.queue_prefix}*"))
    if keys:
        client.delete(*keys)


def run_throughput(workers: int, outlets: int, stories: int, work_ms: float) -> dict[str, object]:
    """Time the stand-in pipeline over a fresh corpus with *workers* worker processes."""
    db_url, name = _database()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        settings = _settings(tmp, db_url)
        store = Store(db_url)
        store.upgrade()
        with store.session() as s:
            generate_corpus(s, outlets, stories)
        expected = expected_urls(outlets, stories)
        cluster = LocalCluster(_env(settings, work_ms), tmp / "logs")
        try:
            for i in range(workers):
                # every worker takes both queues: clustering stays single-consumer through
                # the scheduler's one-job cap and the advisory lock
                cluster.add_worker(f"b{i}@bench", "stages,cluster")
            time.sleep(3.0)  # let the workers boot before the clock starts
            started = time.monotonic()
            cluster.start_scheduler()
            done = wait_until_drained(store, settings, 900, expected_articles=len(expected))
            seconds = time.monotonic() - started
        finally:
            cluster.stop()
            _purge(settings)
        state = end_state(store, expected)
        store.dispose()
    _drop(name)
    return {
        "workers": workers,
        "work_ms": work_ms,
        "articles": len(expected),
        "seconds": round(seconds, 1),
        "articles_per_second": round(len(expected) / seconds, 1),
        "drained": done,
        "lost": state["articles_lost"],
        "duplicated": state["articles_duplicated"],
    }


def run_fault(kills: int, outlets: int, stories: int) -> dict[str, object]:
    """The full fault run: *kills* SIGKILLs, one Redis restart, one dropped DB connection."""
    db_url, name = _database()
    try:
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            settings = _settings(tmp, db_url)
            store = Store(db_url)
            store.upgrade()
            try:
                result = run_fault_scenario(
                    store,
                    settings,
                    _env(settings, 5),
                    log_dir=tmp / "logs",
                    outlets=outlets,
                    stories=stories,
                    workers=4,
                    kills=kills,
                    restart_broker=restart_local_redis,
                    seed=kills,
                    timeout=600,
                )
            finally:
                ensure_local_redis()
                _purge(settings)
                store.dispose()
    finally:
        _drop(name)
    return result


def main() -> int:
    """Run the benchmark chosen on the command line and print JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fault", action="store_true", help="the full fault run instead")
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--outlets", type=int, default=20)
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--work-ms", default="5,0", help="stand-in cost per row, ms")
    args = parser.parse_args()
    print(json.dumps({"machine": platform.machine(), "cpus": os.cpu_count()}))
    if args.fault:
        result = run_fault(args.kills, args.outlets, args.stories)
        print(json.dumps(result, sort_keys=True))
        bad = [k for k in ("articles_lost", "articles_duplicated", "articles_unassigned",
                           "twin_stories", "stories_without_brief") if result[k]]  # fmt: skip
        return 1 if bad or not result["drained"] or result["kills"] < args.kills else 0
    for work_ms in (float(w) for w in args.work_ms.split(",")):
        base = None
        for workers in (int(w) for w in args.workers.split(",")):
            row = run_throughput(workers, args.outlets, args.stories, work_ms)
            base = base or float(row["articles_per_second"])  # type: ignore[arg-type]
            row["speedup_vs_1"] = round(float(row["articles_per_second"]) / base, 2)  # type: ignore[arg-type]
            print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
