"""Time to first brief and to a drained backlog: one stage after another vs concurrent lanes.

Replays N real articles (../shared/data/articles/baly2020, or CORPUS=path) with `newsprism
replay` on loopback (its own process) and runs the real pipeline over them twice, each time
into a fresh SQLite store: once as before (`Pipeline.run_once`: every stage drains its
backlog before the next starts) and once with the embedded mode's concurrent lanes
(`Pipeline.run_lanes`). Models are loaded before either clock starts. Prints one JSON object.

    python bench/bench_lanes.py [N]
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from bench_pipeline import CORPUS, _start_replay, replay_store
from loopback import free_port


def _run(mode: str, n: int, feeds: Path, tmp: Path) -> dict[str, float | int | None]:
    from sqlalchemy import func, select

    from newsprism.nlp.embed import pipeline_embedder
    from newsprism.nlp.entities import entities
    from newsprism.pipeline import Pipeline, StageContext
    from newsprism.store.schema import Article, Brief, Story, utcnow

    settings, store = replay_store(tmp / mode, feeds, tmp / "none.csv")
    ctx = StageContext(store=store, settings=settings)
    pipeline_embedder(ctx).embed(["warm up"])
    entities(["Warm up in Paris."])
    pipeline = Pipeline(ctx)

    def state() -> tuple[int, int, int]:
        with store.session() as session:
            done = session.scalar(
                select(func.count())
                .select_from(Article)
                .where(Article.status.in_(("clustered", "duplicate", "failed")))
            )
            briefs = session.scalar(select(func.count()).select_from(Brief))
            behind = session.scalar(
                select(func.count())
                .select_from(Story)
                .where(
                    Story.merged_into.is_(None),
                    (Story.revision > Story.analyzed_revision)
                    | (
                        (Story.revision > Story.briefed_revision)
                        & (Story.n_outlets >= settings.min_outlets_for_brief)
                    ),
                )
            )
        return int(done or 0), int(briefs or 0), int(behind or 0)

    began = utcnow()
    start = time.perf_counter()
    cpu = time.process_time()
    if mode == "lanes":
        thread = threading.Thread(target=pipeline.run_lanes, kwargs={"idle_seconds": 1.0})
        thread.start()
        while True:
            time.sleep(0.5)
            done, _briefs, behind = state()
            if done >= n and behind == 0:
                break
        pipeline.stop_event.set()
        thread.join()
    else:
        # the old embedded scheduler: passes of run_once until a pass finds nothing
        while any(r.did_work for r in pipeline.run_once()):
            pass
    wall = time.perf_counter() - start
    done, briefs, _ = state()
    with store.session() as session:
        # from the stored time of the first brief: exact for both modes
        first_at = session.scalar(select(func.min(Brief.generated_at)))
    first_brief = None if first_at is None else (first_at - began).total_seconds()
    store.dispose()
    return {
        "first_brief_s": None if first_brief is None else round(first_brief, 1),
        "drained_s": round(wall, 1),
        "cpu_s": round(time.process_time() - cpu, 1),
        "articles_done": done,
        "briefs": briefs,
    }


def main() -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 400
    if not CORPUS.exists():
        print(f"skipped: corpus {CORPUS} absent (set CORPUS=path)")
        return 0
    results = {}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        feeds = tmp / "feeds.csv"
        server = _start_replay(n, free_port(), feeds)
        try:
            for mode in ("sequential", "lanes"):
                results[mode] = _run(mode, n, feeds, tmp)
        finally:
            server.terminate()
            server.wait(10)
    print(
        json.dumps(
            {
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                "command": f"python bench/bench_lanes.py {n}",
                "load_average": round(os.getloadavg()[0], 2),
                "articles": n,
                **results,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
