"""Outlet registry: load + validate time, URL → outlet throughput and coverage, sync time.

    python bench/bench_outlets.py [--data PATH/TO/articles-2018-2020.jsonl.gz]

Coverage is the share of the corpus' article URLs that resolve to a registry outlet, and the
share that resolve to an outlet with a lean. Without the corpus, only load and sync are timed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import tempfile
import time
from pathlib import Path

from newsprism.outlets.registry import load_registry, sync_registry
from newsprism.outlets.resolve import OutletResolver
from newsprism.store.db import Store

DEFAULT_DATA = (
    Path(__file__).resolve().parents[1].parent
    / "shared/data/articles/baly2020/articles-2018-2020.jsonl.gz"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_version()}")

    start = time.perf_counter()
    records = load_registry()
    print(
        f"load_registry (parse + merge + validate): {time.perf_counter() - start:.3f} s, "
        f"{len(records)} outlets"
    )

    resolver = OutletResolver({d: i for i, r in enumerate(records) for d in r.domains})
    resolver.resolve("https://warm.up.example.com/")  # loads the suffix list once
    if args.data.exists():
        with gzip.open(args.data, "rt", encoding="utf-8") as fh:
            urls = [json.loads(line)["url"] for line in fh]
        start = time.perf_counter()
        hits = [resolver.resolve(url) for url in urls]
        seconds = time.perf_counter() - start
        resolved = [h for h in hits if h is not None]
        rated = [h for h in resolved if records[h].lean]
        print(f"resolve: {len(urls)} URLs in {seconds:.3f} s ({len(urls) / seconds:,.0f} URLs/s)")
        print(
            f"coverage: {len(resolved) / len(urls):.1%} resolve to an outlet, "
            f"{len(rated) / len(urls):.1%} to an outlet with a lean, "
            f"{len({records[h].slug for h in resolved})} distinct outlets"
        )
    else:
        print(f"{args.data} absent: resolver coverage skipped")

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        store.upgrade()
        start = time.perf_counter()
        counts = sync_registry(store, records)
        first = time.perf_counter() - start
        start = time.perf_counter()
        sync_registry(store, records)
        again = time.perf_counter() - start
        store.dispose()
    print(
        f"sync to SQLite: first {first:.3f} s ({counts['outlets']} outlets, "
        f"{counts['feeds']} feeds), repeat {again:.3f} s"
    )


if __name__ == "__main__":
    main()
