"""bench/ratios.py: the ratio lines of `make bench`, from the scripts' JSON summaries.

Formatting and parsing only (no timing): the summaries are what the scripts print.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import ratios  # noqa: E402

PIPELINE = {
    "articles": 300,
    "end_to_end_articles_per_s": 4.714,
    "embedding_articles_per_s": 15.2,
    "ratio": 0.31,
    "load_average": 2.5,
    "stages": {},
}
WEB = {
    "nginx_rps": 86159.0,
    "newsprism_rps": 29130.4,
    "newsprism_p99_ms": 8.83,
    "newsprism_row": "NewsPrism story page (granian, 2 workers)",
    "ratio": 0.338,
    "pagedir_rps": 84000.0,
    "pagedir_p99_ms": 10.7,
    "pagedir_ratio": 0.975,
    "load_average": 10.4,
}


def test_pipeline_line() -> None:
    line = ratios.pipeline_line(PIPELINE)
    assert line.startswith("pipeline ratio: 0.310 (4.71 art/s vs MiniLM 15.20 art/s;")
    assert "300 articles" in line


def test_web_line() -> None:
    line = ratios.web_line(WEB)
    assert line.startswith(
        "web ratio, app alone: 0.338 (29,130 req/s vs nginx 86,159 req/s, p99 8.8 ms;"
    )
    assert "granian" in line


def test_pagedir_line() -> None:
    line = ratios.pagedir_line(WEB)
    assert line.startswith(
        "web ratio, try_files: 0.975 (84,000 req/s vs nginx 86,159 req/s, p99 10.7 ms;"
    )
    assert "load 10.4" in line


def test_pagedir_line_says_when_the_row_is_missing() -> None:
    old = {k: v for k, v in WEB.items() if not k.startswith("pagedir_")}
    assert "not measured" in ratios.pagedir_line(old)


@pytest.mark.parametrize(
    ("summary", "said"),
    [({"skipped": "wrk is missing"}, "wrk is missing"), ({"error": "exit 1: boom"}, "boom")],
)
def test_not_measured_says_why(summary: dict[str, Any], said: str) -> None:
    lines = (ratios.pipeline_line(summary), ratios.web_line(summary), ratios.pagedir_line(summary))
    for line in lines:
        assert "not measured" in line
        assert said in line


def test_last_json_skips_logs_and_takes_the_last_object() -> None:
    out = "loading model\n{not json}\n" + json.dumps({"ratio": 1}) + "\n"
    out += json.dumps({"ratio": 0.5}) + "\ntrailing log line\n"
    assert ratios.last_json(out) == {"ratio": 0.5}
    with pytest.raises(ValueError):
        ratios.last_json("no summary here\n[1, 2]\n")


def test_ratios_pipeline_first_then_both_web_lines_from_one_run() -> None:
    calls: list[tuple[str, list[str]]] = []

    def fake(script: str, args: list[str]) -> dict[str, Any]:
        calls.append((script, args))
        return PIPELINE if script == "bench_pipeline" else WEB

    lines = ratios.ratios(fake)
    assert [c[0] for c in calls] == ["bench_pipeline", "bench_web"]
    assert all("--json" in args for _, args in calls)
    assert len(lines) == 3
    assert lines[0].startswith("pipeline ratio: ")
    assert lines[1].startswith("web ratio, app alone: ")
    assert lines[2].startswith("web ratio, try_files: ")


def test_bench_web_summary_takes_the_faster_server() -> None:
    sys.path.insert(0, str(BENCH))
    pytest.importorskip("httpx")
    import bench_web

    rows = {
        bench_web.NGINX_ROW: {"rps": 1000.0, "p50": 1.0, "p99": 5.0, "non2xx": 0.0},
        "uvicorn": {"rps": 200.0, "p50": 2.0, "p99": 30.0, "non2xx": 0.0},
        "granian": {"rps": 400.0, "p50": 1.5, "p99": 9.0, "non2xx": 0.0},
    }
    summary = bench_web.web_summary(rows, ("uvicorn", "granian"))
    assert summary["newsprism_row"] == "granian"
    assert summary["ratio"] == 0.4
    assert summary["newsprism_p99_ms"] == 9.0
    assert ratios.web_line({**summary, "load_average": 1.0}).startswith(
        "web ratio, app alone: 0.400 (400 req/s vs nginx 1,000 req/s, p99 9.0 ms;"
    )
    assert "pagedir_ratio" not in summary


def test_bench_web_summary_has_the_try_files_ratio() -> None:
    pytest.importorskip("httpx")
    import bench_web

    rows = {
        bench_web.NGINX_ROW: {"rps": 1000.0, "p50": 1.0, "p99": 5.0, "non2xx": 0.0},
        "granian": {"rps": 400.0, "p50": 1.5, "p99": 9.0, "non2xx": 0.0},
        bench_web.PAGEDIR_ROW: {"rps": 950.0, "p50": 1.0, "p99": 6.0, "non2xx": 0.0},
    }
    summary = bench_web.web_summary(rows, ("granian",))
    assert summary["pagedir_ratio"] == 0.95
    assert summary["pagedir_p99_ms"] == 6.0
    assert summary["ratio"] == 0.4
