"""End-to-end pipeline throughput against the bare embedding model, on a replayed corpus.

Replays N real articles (../shared/data/articles/baly2020, or CORPUS=path) on loopback, runs
every stage of the real pipeline once over them (no LLM), and in the same run measures the bare
throughput of the same embedding model on the same texts. Prints one JSON object:
articles/s end to end, embedding articles/s, their ratio (goal ≥ 0.7), and wall / CPU seconds
per article for each stage.

    python bench/bench_pipeline.py [N]
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(
    os.environ.get(
        "CORPUS", ROOT.parent / "shared/data/articles/baly2020/articles-2018-2020.jsonl.gz"
    )
)


def main() -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from newsprism.config import load_settings
    from newsprism.nlp.embed import make_embedder
    from newsprism.outlets.registry import load_registry, sync_registry
    from newsprism.pipeline import Pipeline, StageContext
    from newsprism.replay import ReplayCorpus, ReplayServer
    from newsprism.store.db import Store

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    if not CORPUS.exists():
        print(f"skipped: corpus {CORPUS} absent (set CORPUS=path)")
        return 0
    corpus = ReplayCorpus.load(CORPUS, limit=n)
    server = ReplayServer(corpus).start()
    with tempfile.TemporaryDirectory() as tmp:
        feeds = server.write_feeds_file(Path(tmp) / "feeds.csv")
        settings = load_settings(
            data_dir=Path(tmp) / "data",
            allow_hosts=["127.0.0.0/8"],
            per_host_delay=0.0,
            outlets_overrides=Path(tmp) / "none.csv",
        )
        store = Store(settings.sqlalchemy_url)
        store.upgrade()
        records = load_registry(extra=[feeds])
        replay_urls = {server.feed_url(d) for d in server.by_outlet}
        for record in records:
            record.feeds = [f for f in record.feeds if f.url in replay_urls]
        sync_registry(store, records)
        ctx = StageContext(store=store, settings=settings)
        # the model is loaded before the clock starts, for both measurements
        embedder = ctx.resource("embedder", lambda: make_embedder(settings))
        embedder.embed(["warm up"])

        start = time.perf_counter()
        reports = Pipeline(ctx).run_once()
        e2e = time.perf_counter() - start

        texts = [f"{a.title}\n{a.text[:1000]}" for a in corpus.articles]
        start = time.perf_counter()
        embedder.embed(texts)
        bare = time.perf_counter() - start
    server.stop()
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "command": f"python bench/bench_pipeline.py {n}",
        "articles": n,
        "end_to_end_articles_per_s": round(n / e2e, 2),
        "embedding_articles_per_s": round(n / bare, 2),
        "ratio": round(bare / e2e, 3),
        "stages": {
            r.stage: {
                "processed": r.processed,
                "failed": r.failed,
                "wall_ms_per_article": round(1000 * r.seconds / n, 2),
                "cpu_ms_per_article": round(1000 * r.cpu_seconds / n, 2),
            }
            for r in reports
        },
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
