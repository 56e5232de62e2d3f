"""`make bench`: run every bench/bench_*.py in turn; each appends its figures to its output."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent

#: scripts run more than once, with these argument lists (default: once, no arguments)
RUNS: dict[str, list[list[str]]] = {
    "bench_workers": [[], ["--fault", "--kills", "50"]],
    "bench_pipeline": [["1000"], ["300", "--profile"]],
    "bench_scale": [["--chart", "docs/bench/scale.png"]],
}


def main() -> int:
    only = sys.argv[1:]
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
