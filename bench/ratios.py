"""The ratios of issue 20, measured quickly and printed one line each.

- pipeline ratio: end-to-end articles/s ÷ the bare MiniLM's articles/s on the same texts
  (`bench_pipeline.py N --json`, goal ≥ 0.7);
- web ratio (app alone): story page requests/s of the faster NewsPrism server ÷ nginx
  serving the same bytes in the same run (`bench_web.py --quick --json`, goal ≥ 0.5 with
  p99 < 20 ms);
- web ratio (try_files): the served mode — nginx sending the pages NewsPrism wrote to
  ``web_page_dir`` (deploy/nginx/newsprism.conf) ÷ the same nginx baseline, same run.

Each bench script prints a one-line JSON summary with ``--json``; this module runs them, reads
that line and formats it. ``python -m bench ratios`` prints only these lines; ``make bench``
prints them first, then runs every bench in full.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent

#: the quick first pass: small sizes, so both ratios come within a few minutes
PIPELINE_ARGS = ["300", "--json"]
WEB_ARGS = ["--quick", "--seconds", "5", "--rounds", "1", "--json"]

#: runs a bench script with arguments and returns its summary (see `run_json`)
Runner = Callable[[str, list[str]], dict[str, Any]]


def last_json(stdout: str) -> dict[str, Any]:
    """The last line of *stdout* that is a JSON object (scripts may log before it)."""
    for line in reversed(stdout.splitlines()):
        line = line.strip()
        if line.startswith("{") and line.endswith("}"):
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                return value
    raise ValueError("no JSON summary line in the output")


def run_json(script: str, args: list[str]) -> dict[str, Any]:
    """Run ``bench/<script>.py *args`` and return its JSON summary, or ``{"error": …}``."""
    done = subprocess.run(
        [sys.executable, str(HERE / f"{script}.py"), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        return last_json(done.stdout)
    except ValueError:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return {"error": f"exit {done.returncode}: {tail[0]}"}


def _not_measured(summary: dict[str, Any]) -> str | None:
    if "skipped" in summary:
        return f"not measured ({summary['skipped']})"
    if "error" in summary:
        return f"not measured ({summary['error']})"
    return None


def pipeline_line(summary: dict[str, Any]) -> str:
    """``pipeline ratio: X (A art/s vs MiniLM B art/s)`` from a bench_pipeline summary."""
    missing = _not_measured(summary)
    if missing:
        return f"pipeline ratio: {missing}"
    return (
        f"pipeline ratio: {summary['ratio']:.3f} "
        f"({summary['end_to_end_articles_per_s']:.2f} art/s vs MiniLM "
        f"{summary['embedding_articles_per_s']:.2f} art/s; {summary['articles']} articles, "
        f"load {summary['load_average']})"
    )


def web_line(summary: dict[str, Any]) -> str:
    """``web ratio, app alone: Y (A req/s vs nginx B req/s, p99 Z ms)`` from a bench_web summary."""
    missing = _not_measured(summary)
    if missing:
        return f"web ratio, app alone: {missing}"
    return (
        f"web ratio, app alone: {summary['ratio']:.3f} "
        f"({summary['newsprism_rps']:,.0f} req/s vs nginx {summary['nginx_rps']:,.0f} req/s, "
        f"p99 {summary['newsprism_p99_ms']:.1f} ms; {summary['newsprism_row']}, "
        f"load {summary['load_average']})"
    )


def pagedir_line(summary: dict[str, Any]) -> str:
    """``web ratio, try_files: Y (A req/s vs nginx B req/s, p99 Z ms)``: the served mode."""
    missing = _not_measured(summary)
    if missing is None and "pagedir_ratio" not in summary:
        missing = "not measured (no try_files row in the summary)"
    if missing:
        return f"web ratio, try_files: {missing}"
    return (
        f"web ratio, try_files: {summary['pagedir_ratio']:.3f} "
        f"({summary['pagedir_rps']:,.0f} req/s vs nginx {summary['nginx_rps']:,.0f} req/s, "
        f"p99 {summary['pagedir_p99_ms']:.1f} ms; nginx over web_page_dir, "
        f"load {summary['load_average']})"
    )


def ratios(runner: Runner = run_json) -> list[str]:
    """Measure the ratios (pipeline first, then one web run for both web lines); their lines."""
    pipeline = runner("bench_pipeline", PIPELINE_ARGS)
    web = runner("bench_web", WEB_ARGS)
    return [pipeline_line(pipeline), web_line(web), pagedir_line(web)]
