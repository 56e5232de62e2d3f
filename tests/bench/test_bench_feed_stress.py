"""bench/bench_feed_stress.py, run small: every entry stored once, the backlog released by polls."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_feed_stress.py"


def test_bench_feed_stress_small(tmp_path: Path) -> None:
    out = tmp_path / "stress.json"
    command = [
        sys.executable, str(BENCH), "--items", "3000", "--big-bytes", "1100000",
        "--per-poll", "1000", "--db", "both", "--json", str(out),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(out.read_text())
    assert {r["feed"] for r in results} == {"huge", "5mb"}
    for result in results:
        assert result["complete"], result
        assert result["failures"] == 0, result
        assert result["within_memory"], result
    huge = [r for r in results if r["feed"] == "huge"]
    assert all(r["polls"] == 3 for r in huge), huge
