"""End-to-end pipeline throughput against the bare embedding model, on a replayed corpus.

Serves N real articles (../shared/data/articles/baly2020, or CORPUS=path) with `newsprism replay`
on loopback — a separate process, as a real site would be, so its CPU is not the pipeline's —
runs every stage of the real pipeline once over them (no LLM), and in the same run measures the
bare throughput of the same embedding model on the same texts. Prints one JSON object:
articles/s end to end, embedding articles/s, their ratio (goal ≥ 0.7), and wall / CPU
milliseconds per article for each stage. Models (MiniLM, spaCy) are loaded before the clock
starts, for both measurements.

With ``--profile`` each stage also runs under cProfile and the JSON names, per stage, the
functions with the most CPU time (the profiler's overhead inflates that run's timings).

    python bench/bench_pipeline.py [N] [--profile] [--json]

``--json`` prints the same object on one line (what `bench/ratios.py` reads).
"""

from __future__ import annotations

import cProfile
import csv
import json
import os
import platform
import pstats
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from loopback import free_port

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(
    os.environ.get(
        "CORPUS", ROOT.parent / "shared/data/articles/baly2020/articles-2018-2020.jsonl.gz"
    )
)


def _start_replay(n: int, port: int, feeds_file: Path) -> subprocess.Popen[str]:
    """`newsprism replay` in its own process; returns once it serves."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsprism", "replay", str(CORPUS), "--port", str(port),
         "--limit", str(n), "--feeds-file", str(feeds_file)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline()  # printed once the feeds file is written and the port bound
    if "replaying" not in line:
        proc.kill()
        raise SystemExit(f"newsprism replay did not start: {line}{proc.stdout.read()}")
    return proc


def _replay_feed_urls(feeds_file: Path) -> set[str]:
    with feeds_file.open(newline="", encoding="utf-8") as handle:
        return {url for row in csv.DictReader(handle) for url in row["feeds"].split(";") if url}


def replay_store(data_dir: Path, feeds: Path, overrides: Path) -> tuple[Any, Any]:
    """Settings and a migrated store under *data_dir* that poll only the replay's feeds."""
    from newsprism.config import load_settings
    from newsprism.outlets.registry import load_registry, sync_registry
    from newsprism.store.db import Store

    settings = load_settings(
        data_dir=data_dir,
        allow_hosts=["127.0.0.0/8"],
        per_host_delay=0.0,
        outlets_overrides=overrides,
    )
    store = Store(settings.sqlalchemy_url)
    store.upgrade()
    records = load_registry(extra=[feeds])
    replay_urls = _replay_feed_urls(feeds)
    for record in records:
        record.feeds = [f for f in record.feeds if f.url in replay_urls]
    sync_registry(store, records)
    return settings, store


def _top_functions(prof: cProfile.Profile, n_articles: int, count: int = 6) -> list[str]:
    """The *count* functions with the most CPU time of their own, per article."""
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    rows = sorted(stats.items(), key=lambda kv: -kv[1][2])[:count]
    out = []
    for (filename, line, func), (_cc, _nc, tottime, _ct, _callers) in rows:
        where = "/".join(Path(filename).parts[-2:]) if filename != "~" else ""
        out.append(f"{1000 * tottime / n_articles:.1f} ms  {where}:{line}({func})")
    return out


def main() -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sqlalchemy import func, select

    from newsprism.nlp.embed import article_text, pipeline_embedder
    from newsprism.nlp.entities import entities
    from newsprism.pipeline import STAGES, Pipeline, StageContext, StageReport
    from newsprism.replay import ReplayCorpus
    from newsprism.store.schema import Article, Story
    from newsprism.synth.nli import shared_scorer

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    profile = "--profile" in sys.argv
    n = int(args[0]) if args else 1000
    if not CORPUS.exists():
        reason = f"corpus {CORPUS} absent (set CORPUS=path)"
        print(json.dumps({"skipped": reason}) if "--json" in sys.argv else f"skipped: {reason}")
        return 0
    corpus = ReplayCorpus.load(CORPUS, limit=n)
    n = len(corpus.articles)
    tops: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        feeds = Path(tmp) / "feeds.csv"
        server = _start_replay(n, free_port(), feeds)
        try:
            settings, store = replay_store(Path(tmp) / "data", feeds, Path(tmp) / "none.csv")
            ctx = StageContext(store=store, settings=settings)
            # models are loaded before the clock starts, for both measurements
            embedder = pipeline_embedder(ctx)
            embedder.embed(["warm up"])
            entities(["Warm up in Paris."])
            scorer = shared_scorer()  # the guard's entailment model, when installed
            if scorer is not None:
                scorer.not_entailed([("Warm up.", "Warm up in Paris.")])
            import trafilatura  # noqa: F401  (its import takes seconds; a server pays it once)

            pipeline = Pipeline(ctx)
            reports: list[StageReport] = []
            start = time.perf_counter()
            for name in STAGES:
                prof = cProfile.Profile(time.process_time) if profile else None
                if prof is not None:
                    prof.enable()
                reports.extend(pipeline.run_once((name,)))
                if prof is not None:
                    prof.disable()
                    tops[name] = _top_functions(prof, n)
            e2e = time.perf_counter() - start
            with store.session() as session:
                stored = dict(
                    session.execute(
                        select(Article.status, func.count()).group_by(Article.status)
                    ).all()
                )
                n_stories = session.scalar(select(func.count()).select_from(Story))
                # exactly what the embedding stage read, in the same batch size
                texts = [
                    article_text(title, text or "", summary or "")
                    for title, text, summary in session.execute(
                        select(Article.title, Article.text, Article.summary).order_by(Article.id)
                    )
                ]
        finally:
            server.terminate()
            server.wait(10)

        start = time.perf_counter()
        for i in range(0, len(texts), settings.embed_batch_size):
            embedder.embed(texts[i : i + settings.embed_batch_size])
        bare = time.perf_counter() - start
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "command": f"python bench/bench_pipeline.py {n}" + (" --profile" if profile else ""),
        "load_average": round(os.getloadavg()[0], 2),
        "articles": n,
        "embed_backend": settings.embed_backend,
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
        "articles_by_status": stored,
        "stories": n_stories,
    }
    if profile:
        result["profile_top_cpu"] = tops
    print(json.dumps(result) if "--json" in sys.argv else json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
