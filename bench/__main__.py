"""`make bench`: the ratios of issue 20 first, then every bench/bench_*.py in turn.

    python -m bench              # ratios, then every bench script
    python -m bench ratios       # only the ratio lines (pipeline, web app alone, web try_files)
    python -m bench NAME...      # only the scripts whose name contains NAME (no ratios)

Each script appends its figures to its output.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from ratios import ratios  # noqa: E402

#: scripts run more than once, with these argument lists (default: once, no arguments)
RUNS: dict[str, list[list[str]]] = {
    "bench_workers": [[], ["--fault", "--kills", "50"]],
    "bench_pipeline": [["1000"], ["300", "--profile"]],
    "bench_scale": [["--chart", "docs/bench/scale.png"]],
}


def print_ratios() -> None:
    """The quick first pass: one line per ratio, before anything else."""
    start = time.perf_counter()
    print("== ratios (issue 20; quick pass: 300 articles, wrk 5 s)", flush=True)
    for line in ratios():
        print(line, flush=True)
    print(f"== ratios in {time.perf_counter() - start:.0f} s", flush=True)


def main() -> int:
    only = sys.argv[1:]
    if only == ["ratios"]:
        print_ratios()
        return 0
    if not only:
        print_ratios()
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        if only and not any(name in script.stem for name in only):
            continue
        for args in RUNS.get(script.stem, [[]]):
            label = " ".join([script.name, *args])
            print(f"== {label}", flush=True)
            start = time.perf_counter()
            code = subprocess.call([sys.executable, str(script), *args])
            print(f"== {label}: exit {code} in {time.perf_counter() - start:.0f} s", flush=True)
            if code:
                failed.append(label)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
