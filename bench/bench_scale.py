"""One million generated articles through the real clustering stage, storage and web server.

The planted-story stream of ``planted.py`` (the one ``bench_clustering.py`` feeds to the
bare clusterer) becomes article rows: outlets from the shipped registry, a short title and
text made of the article's words, the 384-d vector as ``article.embedding`` and status
``embedded``. Chunk by chunk the rows are bulk-inserted into a SQLite store and the real
``cluster_articles`` stage runs until the chunk is clustered. The script reports

- the stage's CPU and wall time per article in the chunk ending at ~10k articles and in
  the last chunk, their ratio (goal ≤ 2), and a sample per chunk for the chart;
- the resident memory of this process (the clustering stage) along the way;
- that every article was clustered exactly once, and the B-cubed F1 against the plants;
- the SQLite file size, and the PostgreSQL size of the same rows (copied from SQLite
  with COPY, not clustered a second time) with a table/index breakdown;
- home and story page latency of the real web server (uvicorn, ``app_from_env``) on the
  full store: first hit after start, p50/p99 of sequential requests, first hits of
  distinct stories (nothing cached), and the server's resident memory.

    python bench/bench_scale.py --chart docs/bench/scale.png     # 1,000,000 articles
    python bench/bench_scale.py --articles 20000 --no-pg
    python bench/bench_scale.py --workdir /tmp/s --keep            # keep the store
    python bench/bench_scale.py --workdir /tmp/s --skip-build      # web/PG on a kept store

Prints one JSON object (also written to ``--json``).
"""

from __future__ import annotations

import argparse
import array
import json
import os
import platform
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import func, insert, select

from loopback import free_port, uvicorn_command
from newsprism.config import Settings, load_settings
from newsprism.nlp.embed import to_bytes
from newsprism.outlets.registry import load_registry, sync_registry
from newsprism.pipeline import Pipeline, StageContext
from newsprism.store.db import Store
from newsprism.store.schema import Article, Outlet, Story
from newsprism.stories.evaluate import bcubed
from planted import PlantedStream, rss_mb

ROOT = Path(__file__).resolve().parents[1]
#: the stream starts here (it spans 231 days at 1M articles)
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
#: points of the stream the report names (the chart has every chunk)
SAMPLES = (10_000, 30_000, 100_000, 300_000, 1_000_000)
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
#: filler every article's text carries (its words are in every document: low idf)
FILLER = "Officials gave further details on the matter later in the afternoon."


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def article_rows(
    stream: PlantedStream, start: int, count: int, outlets: list[int], gold: array.array[int]
) -> list[dict[str, Any]]:
    """The next *count* articles of *stream* as ``article`` rows (status ``embedded``)."""
    rows = []
    for index in range(start, start + count):
        item, story = stream.article(index)
        gold.append(story)
        words = sorted(item.terms.words)
        title = " ".join(words).capitalize()
        published = EPOCH + timedelta(seconds=item.published)
        outlet = outlets[index % len(outlets)]
        url = f"https://example.com/{outlet}/a{index + 1}"
        rows.append(
            {
                "id": index + 1,
                "outlet_id": outlet,
                "url": url,
                "canonical_url": url,
                "title": title,
                "summary": "",
                "text": f"{title}. {FILLER}",
                "categories": [],
                "published_at": published,
                "fetched_at": published + timedelta(seconds=60),
                "lang": "en",
                "partial": False,
                "embedding": to_bytes(item.vector),
                "status": "embedded",
                "attempts": 0,
            }
        )
    return rows


def build(args: argparse.Namespace, settings: Settings, store: Store) -> dict[str, Any]:
    """Generate, insert and cluster the stream chunk by chunk; return the clustering figures."""
    sync_registry(store, load_registry(validate=False), with_feeds=False)
    with store.session() as session:
        outlets = list(session.scalars(select(Outlet.id).order_by(Outlet.id)))
    stream = PlantedStream()
    pipeline = Pipeline(StageContext(store=store, settings=settings))
    # planted story per article, 4 bytes each: a list of ints would add ~36 MB at 1M to
    # the RSS this bench reports for the stage
    gold: array.array[int] = array.array("i")
    curve: list[dict[str, float]] = []
    insert_seconds = stage_seconds = stage_cpu = 0.0
    started = time.perf_counter()
    done = 0
    while done < args.articles:
        count = min(args.chunk, args.articles - done)
        tick = time.perf_counter()
        rows = article_rows(stream, done, count, outlets, gold)
        with store.session() as session:
            session.execute(insert(Article), rows)
        del rows
        insert_seconds += time.perf_counter() - tick
        # the stage alone: CPU of this process (wall time also measures the neighbours)
        wall, cpu = time.perf_counter(), time.process_time()
        (report,) = pipeline.run_once(("cluster_articles",))  # batches until drained
        clustered = report.processed
        cpu = time.process_time() - cpu
        wall = time.perf_counter() - wall
        stage_seconds += wall
        stage_cpu += cpu
        if clustered != count:
            raise RuntimeError(f"chunk at {done}: {clustered} of {count} articles clustered")
        done += count
        clusterer = pipeline.ctx.resources["clusterer"].clusterer
        curve.append(
            {
                "articles": done,
                "us_cpu_per_article": round(cpu / count * 1e6, 1),
                "us_wall_per_article": round(wall / count * 1e6, 1),
                "rss_mb": round(rss_mb(), 1),
                "active_stories": clusterer.active_stories,
                "load": os.getloadavg()[0],
            }
        )
        if args.verbose:
            print(json.dumps(curve[-1]), file=sys.stderr, flush=True)
        if args.max_seconds and time.perf_counter() - started > args.max_seconds:
            break
    total = time.perf_counter() - started
    early = next((c for c in curve if c["articles"] >= 10_000), curve[0])
    late = curve[-1]
    return {
        "articles": done,
        "planted_stories": stream.next_story,
        "chunk": args.chunk,
        "window_early": early,
        "window_end": late,
        "cpu_ratio_end_to_10k": round(late["us_cpu_per_article"] / early["us_cpu_per_article"], 2),
        "wall_ratio_end_to_10k": round(
            late["us_wall_per_article"] / early["us_wall_per_article"], 2
        ),
        "samples": [c for c in curve if c["articles"] in SAMPLES or c is late],
        "curve": curve,
        "stage_seconds": round(stage_seconds, 1),
        "stage_cpu_seconds": round(stage_cpu, 1),
        "insert_seconds": round(insert_seconds, 1),
        "seconds": round(total, 1),
        "rss_mb_end": round(rss_mb(), 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "_gold": gold,
    }


def check_clustering(store: Store, gold: array.array[int]) -> dict[str, Any]:
    """Check every article is clustered exactly once; B-cubed against the planted stories."""
    with store.session() as session:
        unclustered = session.scalar(
            select(func.count())
            .select_from(Article)
            .where((Article.status != "clustered") | Article.story_id.is_(None))
        )
        live = session.execute(
            select(func.count(), func.coalesce(func.sum(Story.n_articles), 0)).where(
                Story.merged_into.is_(None), Story.n_articles > 0
            )
        ).one()
        in_merged = session.scalar(
            select(func.count())
            .select_from(Article)
            .join(Story, Story.id == Article.story_id)
            .where(Story.merged_into.is_not(None))
        )
        assigned = dict(session.execute(select(Article.id, Article.story_id)).all())
    predicted = [assigned[i + 1] for i in range(len(gold))]
    precision, recall, f1 = bcubed(gold, predicted)
    return {
        "articles_in_store": len(assigned),
        "not_clustered": int(unclustered or 0),
        "in_merged_story": int(in_merged or 0),
        "live_stories": int(live[0]),
        "sum_story_n_articles": int(live[1]),
        "bcubed": {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4)},
    }


# --- PostgreSQL ----------------------------------------------------------------------------

#: tables copied from SQLite, parents first
PG_TABLES = ("outlet", "outlet_domain", "story", "article")


def _pg_plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def copy_to_pg(sqlite_path: Path, admin_url: str, name: str) -> tuple[str, dict[str, Any]]:
    """Create database *name*, migrate it and COPY the SQLite rows in; return its URL and sizes."""
    import psycopg

    with psycopg.connect(_pg_plain(admin_url), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = admin_url.rsplit("/", 1)[0] + f"/{name}"
    store = Store(url)
    store.upgrade()
    store.dispose()
    started = time.perf_counter()
    source = sqlite3.connect(sqlite_path)
    rows_copied: dict[str, int] = {}
    with psycopg.connect(_pg_plain(url)) as conn:
        conn.execute("SET TIME ZONE 'UTC'")
        # story.merged_into points at stories: load them without the check, then restore it
        conn.execute("SET session_replication_role = replica")
        for table in PG_TABLES:
            pg_cols = [
                r[0]
                for r in conn.execute(
                    # generated columns (the stored search tsvector) are computed, not copied
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = %s AND is_generated = 'NEVER' ORDER BY ordinal_position",
                    (table,),
                )
            ]
            kinds = dict(
                conn.execute(
                    "SELECT column_name, data_type FROM information_schema.columns "
                    "WHERE table_name = %s",
                    (table,),
                ).fetchall()
            )
            booleans = [i for i, c in enumerate(pg_cols) if kinds[c] == "boolean"]
            cursor = source.execute(f"SELECT {', '.join(pg_cols)} FROM {table}")
            n = 0
            with conn.cursor().copy(f"COPY {table} ({', '.join(pg_cols)}) FROM STDIN") as copy:
                while batch := cursor.fetchmany(10_000):
                    for row in batch:
                        if booleans:
                            row = list(row)
                            for i in booleans:
                                row[i] = None if row[i] is None else bool(row[i])
                        copy.write_row(row)
                    n += len(batch)
            rows_copied[table] = n
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
                if "id" in pg_cols
                else "SELECT 1"
            )
        conn.execute("SET session_replication_role = origin")
        conn.commit()
    source.close()
    copy_seconds = time.perf_counter() - started
    with psycopg.connect(_pg_plain(url), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()
        tables = conn.execute(
            "SELECT c.relname, pg_table_size(c.oid), pg_indexes_size(c.oid) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r' "
            "ORDER BY pg_total_relation_size(c.oid) DESC"
        ).fetchall()
        indexes = conn.execute(
            "SELECT indexrelname, pg_relation_size(indexrelid) FROM pg_stat_user_indexes "
            "ORDER BY pg_relation_size(indexrelid) DESC LIMIT 8"
        ).fetchall()
    return url, {
        "rows": rows_copied,
        "copy_seconds": round(copy_seconds, 1),
        "database_mb": round(size[0] / 1e6, 1) if size else None,
        "tables_mb": {
            t: {"table": round(a / 1e6, 1), "indexes": round(b / 1e6, 1)} for t, a, b in tables
        },
        "largest_indexes_mb": {i: round(s / 1e6, 1) for i, s in indexes},
    }


def drop_pg(admin_url: str, name: str) -> None:
    """Drop the scratch database."""
    import psycopg

    with psycopg.connect(_pg_plain(admin_url), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- web -----------------------------------------------------------------------------------


def proc_rss_mb(pid: int) -> dict[str, float]:
    """Current and peak resident memory of process *pid* in MB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = round(int(value.split()[0]) / 1e3, 1)
    return {"rss_mb": out.get("VmRSS", 0.0), "peak_rss_mb": out.get("VmHWM", 0.0)}


def _timed(client: httpx.Client, path: str) -> float:
    tick = time.perf_counter()
    response = client.get(path)
    took = (time.perf_counter() - tick) * 1e3
    if response.status_code != 200:
        raise RuntimeError(f"GET {path}: {response.status_code}")
    return took


def _stats(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 2),
        "max_ms": round(ordered[-1], 2),
    }


def web_latency(
    data_dir: Path, database_url: str, story_ids: list[int], requests: int
) -> dict[str, Any]:
    """Start uvicorn on the store and time home and story pages, sequentially."""
    port = free_port()
    env = {
        **os.environ,
        "NEWSPRISM_DATA_DIR": str(data_dir),
        "NEWSPRISM_DATABASE_URL": database_url,
        "NEWSPRISM_EMBEDDER": "hashing",
        "PYTHONPATH": str(ROOT / "src"),
    }
    server = subprocess.Popen(
        uvicorn_command(port),
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(base + "/robots.txt", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the web server did not start") from None
                time.sleep(0.2)
        rss_idle = proc_rss_mb(server.pid)
        rng = random.Random(5)
        cold = rng.sample(story_ids, min(len(story_ids), requests))
        warm = cold[:5]
        out: dict[str, Any] = {"server_rss_idle": rss_idle}
        with httpx.Client(base_url=base, timeout=60) as client:
            out["home_first_ms"] = round(_timed(client, "/"), 2)
            out["home"] = _stats([_timed(client, "/") for _ in range(requests)])
            out["latest"] = _stats([_timed(client, "/latest") for _ in range(requests // 4 or 1)])
            # pages outside the goal, timed to show what else grows with the store
            for path in ("/outlets", "/api/v1/health"):
                out[path] = _stats([_timed(client, path) for _ in range(max(3, requests // 20))])
            out["story_first_hit_distinct"] = _stats([_timed(client, f"/story/{s}") for s in cold])
            out["story_warm"] = _stats(
                [_timed(client, f"/story/{warm[i % len(warm)]}") for i in range(requests)]
            )
        out["server_rss_end"] = proc_rss_mb(server.pid)
        return out
    finally:
        server.terminate()
        server.wait(timeout=30)


def story_sample(store: Store, count: int) -> list[int]:
    """Ids of live stories spread over the whole stream (seeded)."""
    with store.session() as session:
        ids = list(
            session.scalars(
                select(Story.id).where(Story.merged_into.is_(None), Story.n_articles > 0)
            )
        )
    return random.Random(7).sample(ids, min(count, len(ids)))


# --- chart ---------------------------------------------------------------------------------


def chart(curve: list[dict[str, float]], path: Path, title: str) -> None:
    """Cost per article and resident memory against stream size (PNG, Agg)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = [c["articles"] for c in curve]
    fig, (cost, memory) = plt.subplots(2, 1, figsize=(8, 6.5), sharex=True)
    cost.plot(x, [c["us_cpu_per_article"] / 1e3 for c in curve], label="CPU")
    cost.plot(x, [c["us_wall_per_article"] / 1e3 for c in curve], label="wall", alpha=0.6)
    cost.set_ylabel("cluster_articles, ms per article")
    cost.set_ylim(bottom=0)
    cost.legend()
    cost.grid(True, alpha=0.3)
    cost.set_title(title, fontsize=10)
    memory.plot(x, [c["rss_mb"] for c in curve], color="tab:red")
    memory.set_ylabel("RSS of the stage process, MB")
    memory.set_ylim(bottom=0)
    memory.set_xscale("log")
    memory.set_xlabel("articles in the stream (log scale)")
    memory.grid(True, alpha=0.3)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


# --- main ----------------------------------------------------------------------------------


def main() -> None:
    """Run the benchmark and print one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=5_000, help="articles inserted per chunk")
    parser.add_argument("--max-seconds", type=float, default=0, help="stop building after this")
    parser.add_argument("--workdir", type=Path, help="store folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the store and PG database")
    parser.add_argument("--skip-build", action="store_true", help="reuse the store in --workdir")
    parser.add_argument("--pg", default=PG_ADMIN, help="PostgreSQL admin URL")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--pg-web", action="store_true", help="also time the web server on PG")
    parser.add_argument("--no-web", action="store_true")
    parser.add_argument("--requests", type=int, default=200, help="sequential requests per page")
    parser.add_argument("--chart", type=Path, help="write the PNG chart here")
    parser.add_argument("--json", type=Path, help="also write the JSON report here")
    parser.add_argument("--verbose", action="store_true", help="one line per chunk on stderr")
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="np-bench-scale-"))
    data_dir = workdir / "data"
    settings = load_settings(data_dir=data_dir, embedder="hashing")
    sqlite_path = data_dir / "newsprism.db"
    result: dict[str, Any] = {
        "date": datetime.now(UTC).date().isoformat(),
        "machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores",
        "load_average_start": os.getloadavg()[0],
    }
    pg_name = f"bench_scale_{os.getpid()}"
    pg_made = False
    try:
        if not args.skip_build:
            if sqlite_path.exists():
                raise SystemExit(f"{sqlite_path} exists: remove it or pass --skip-build")
            store = Store(settings.sqlalchemy_url)
            store.upgrade()
            built = build(args, settings, store)
            gold = built.pop("_gold")
            result["clustering"] = built
            result["check"] = check_clustering(store, gold)
            store.dispose()
        store = Store(settings.sqlalchemy_url)
        if args.skip_build:
            # a store kept from an earlier run gets the migrations added since
            tick = time.perf_counter()
            store.upgrade()
            result["upgrade_seconds"] = round(time.perf_counter() - tick, 1)
        result["sqlite_mb"] = round(
            sum(p.stat().st_size for p in data_dir.glob("newsprism.db*")) / 1e6, 1
        )
        stories = story_sample(store, args.requests)
        store.dispose()
        if not args.no_web:
            result["web_sqlite"] = web_latency(
                data_dir, settings.sqlalchemy_url, stories, args.requests
            )
        if not args.no_pg:
            try:
                import psycopg

                psycopg.connect(_pg_plain(args.pg), connect_timeout=3).close()
            except Exception as exc:
                result["postgresql"] = {"skipped": f"{type(exc).__name__}: {exc}"}
            else:
                pg_made = True
                url, sizes = copy_to_pg(sqlite_path, args.pg, pg_name)
                result["postgresql"] = sizes
                if args.pg_web and not args.no_web:
                    result["web_postgresql"] = web_latency(data_dir, url, stories, args.requests)
    finally:
        if pg_made and not args.keep:
            drop_pg(args.pg, pg_name)
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    result["load_average_end"] = os.getloadavg()[0]
    if args.chart and "clustering" in result:
        c = result["clustering"]
        chart(
            c["curve"],
            args.chart,
            f"bench_scale: {c['articles']:,} articles through cluster_articles + SQLite "
            f"({result['date']}, {result['machine']})",
        )
    text_out = json.dumps(result)
    if args.json:
        args.json.write_text(text_out)
    brief = {k: v for k, v in result.items() if k != "clustering"}
    if "clustering" in result:
        brief["clustering"] = {k: v for k, v in result["clustering"].items() if k != "curve"}
    print(json.dumps(brief, indent=1))


if __name__ == "__main__":
    main()
