"""bench/bench_scale.py, run tiny: the report's shape and every article clustered exactly once."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from services import POSTGRES, answers

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_scale.py"
ARTICLES = 2_000


def test_bench_scale_tiny(tmp_path: Path) -> None:
    report_path, chart_path = tmp_path / "report.json", tmp_path / "scale.png"
    command = [
        sys.executable,
        str(BENCH),
        "--articles",
        str(ARTICLES),
        "--chunk",
        "500",
        "--requests",
        "5",
        "--workdir",
        str(tmp_path / "work"),
        "--json",
        str(report_path),
        "--chart",
        str(chart_path),
    ]
    pg = answers(POSTGRES)
    if not pg:
        command.append("--no-pg")
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    report = json.loads(report_path.read_text())

    clustering = report["clustering"]
    assert clustering["articles"] == ARTICLES
    assert [c["articles"] for c in clustering["curve"]] == [500, 1000, 1500, 2000]
    for point in clustering["curve"]:
        assert point["us_cpu_per_article"] > 0
        assert point["rss_mb"] > 0
    assert clustering["cpu_ratio_end_to_10k"] > 0

    check = report["check"]
    assert check["articles_in_store"] == ARTICLES
    assert check["not_clustered"] == 0
    assert check["in_merged_story"] == 0
    assert check["sum_story_n_articles"] == ARTICLES
    assert 0 < check["live_stories"] < ARTICLES
    assert check["bcubed"]["f1"] > 0.5  # the planted stories are found, not just any grouping

    # the store itself: one story per article, each a live story counting it once
    db = sqlite3.connect(tmp_path / "work" / "data" / "newsprism.db")
    rows = db.execute("SELECT status, count(*) FROM article GROUP BY status").fetchall()
    assert rows == [("clustered", ARTICLES)]
    per_story = dict(
        db.execute("SELECT story_id, count(*) FROM article GROUP BY story_id").fetchall()
    )
    counted = dict(db.execute("SELECT id, n_articles FROM story WHERE n_articles > 0").fetchall())
    assert per_story == counted
    db.close()

    web = report["web_sqlite"]
    for page in ("home", "story_first_hit_distinct", "story_warm"):
        assert web[page]["n"] == 5
        assert 0 < web[page]["p50_ms"] <= web[page]["p99_ms"]
    assert web["server_rss_end"]["rss_mb"] > 0
    assert report["sqlite_mb"] > 0
    assert chart_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    if pg:
        postgresql = report["postgresql"]
        assert postgresql["rows"]["article"] == ARTICLES
        assert postgresql["rows"]["story"] == len(db_stories(tmp_path))
        assert postgresql["database_mb"] > 0


def db_stories(tmp_path: Path) -> list[int]:
    """Ids of every story row in the SQLite store."""
    db = sqlite3.connect(tmp_path / "work" / "data" / "newsprism.db")
    try:
        return [r[0] for r in db.execute("SELECT id FROM story")]
    finally:
        db.close()
