"""Stories of a labelled window replayed through the real pipeline, as feeds deliver it.

A labelled baly2020 window (tests/stories/labels/*.csv, every article of the window) is
served as per-outlet RSS feeds and pages on loopback; ``newsprism init --replay-feeds``
and ``newsprism run --no-web`` ingest it as a first poll of those feeds would (each
feed's newest entries first, fetched in parallel), and the B-cubed F1 of the stories the
pipeline made is scored against the gold story ids, for each ``cluster_hold_seconds``
given. ``--hold 0`` clusters articles as they arrive; the default holds an article while
an older one is still on its way (``stories.stage.cluster_due``).

    PYTHONPATH=src python bench/replay_order.py --labels tests/stories/labels/baly2020-2019-09.csv
    PYTHONPATH=src python bench/replay_order.py --labels … --hold 0 600 --json

Reads ../shared/data in place and exits 0 with a note when it is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsprism.replay import ReplayCorpus, ReplayServer
from newsprism.stories.evaluate import bcubed

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/data/articles/baly2020/articles-2018-2020.jsonl.gz"
#: article states the pipeline is done with (for clustering)
_DONE = ("clustered", "failed")


def _gold(labels: Path) -> dict[str, str]:
    with labels.open(newline="", encoding="utf-8") as fh:
        return {row["id"]: row["story"] for row in csv.DictReader(fh)}


def _window(gold: dict[str, str]) -> ReplayCorpus:
    """The corpus's articles of the labelled window, and nothing else."""
    full = ReplayCorpus.load(CORPUS)
    kept = [art for art in full.articles if art.key in gold]
    return ReplayCorpus(kept)


def run_once(
    corpus: ReplayCorpus, gold: dict[str, str], hold: float, timeout: float
) -> dict[str, Any]:
    """Replay *corpus* into a fresh store with this hold; score the stories it made."""
    server = ReplayServer(corpus, port=0, speed=0).start()
    try:
        with tempfile.TemporaryDirectory(prefix="replay-order-") as tmp:
            feeds = server.write_feeds_file(Path(tmp) / "feeds.csv")
            env = {
                **os.environ,
                "NEWSPRISM_DATA_DIR": tmp,
                "NEWSPRISM_ALLOW_HOSTS": '["127.0.0.0/8"]',
                "NEWSPRISM_PER_HOST_DELAY": "0",
                "NEWSPRISM_CLUSTER_HOLD_SECONDS": str(hold),
                # clustering is what is measured: no story needs a brief meanwhile
                "NEWSPRISM_MIN_OUTLETS_FOR_BRIEF": "100000",
            }
            cli = [sys.executable, "-m", "newsprism"]
            subprocess.run([*cli, "init", "--replay-feeds", str(feeds)], env=env, check=True,
                           capture_output=True)  # fmt: skip
            start = time.monotonic()
            job = subprocess.Popen([*cli, "run", "--no-web"], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)  # fmt: skip
            db = Path(tmp) / "newsprism.db"
            states: Counter[str] = Counter()
            try:
                while time.monotonic() - start < timeout:
                    time.sleep(2)
                    if not db.exists():
                        continue
                    with sqlite3.connect(db, timeout=30) as con:
                        states = Counter(
                            dict(con.execute("select status, count(*) from article group by 1"))
                        )
                    if sum(states.values()) >= len(corpus.articles) and all(
                        s in _DONE for s in states
                    ):
                        break
            finally:
                job.terminate()
                job.wait(60)
            seconds = time.monotonic() - start
            with sqlite3.connect(db) as con:
                rows = con.execute("select url, story_id from article").fetchall()
    finally:
        server.stop()
    predicted: dict[str, str] = {}
    for url, story in rows:
        # /a/<outlet>/<key>/<original path> (replay.page_path)
        key = urlsplit(url).path.split("/")[3].removesuffix(".html")
        if key in gold:
            predicted[key] = f"s{story}" if story is not None else f"none-{key}"
    keys = sorted(predicted)
    p, r, f1 = bcubed([gold[k] for k in keys], [predicted[k] for k in keys])
    sizes = Counter(predicted.values())
    return {
        "hold_seconds": hold,
        "articles": len(keys),
        "states": dict(states),
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f1, 4),
        "stories": len(sizes),
        "largest_story": max(sizes.values(), default=0),
        "seconds": round(seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, required=True)
    parser.add_argument("--hold", type=float, nargs="+", default=[0.0, 600.0])
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found (../shared/data is not on this machine)")
        return
    gold = _gold(args.labels)
    corpus = _window(gold)
    results = [run_once(corpus, gold, hold, args.timeout) for hold in args.hold]
    out = {
        "labels": args.labels.name,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load": os.getloadavg()[0],
        "results": results,
    }
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{out['labels']}: {len(corpus.articles)} articles replayed ({out['machine']})")
    for res in results:
        print(
            f"  hold {res['hold_seconds']:>6.0f} s: B-cubed F1 {res['f1']:.4f} "
            f"(P {res['precision']:.4f}, R {res['recall']:.4f}), {res['stories']} stories, "
            f"largest {res['largest_story']}, {res['seconds']} s, states {res['states']}"
        )


if __name__ == "__main__":
    main()
