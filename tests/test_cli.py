from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def newsprism(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "NEWSPRISM_DATA_DIR": str(tmp_path / "data"), **env}
    return subprocess.run(
        [sys.executable, "-m", "newsprism", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environ,
        timeout=120,
        check=False,
    )


def test_invalid_setting_prints_the_fix_without_traceback(tmp_path: Path) -> None:
    done = newsprism(tmp_path, "status", NEWSPRISM_PORT="eighty")
    assert done.returncode == 2
    assert "NEWSPRISM_PORT" in done.stderr
    assert "Traceback" not in done.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    done = newsprism(tmp_path, "--debug", "status", NEWSPRISM_PORT="eighty")
    assert done.returncode != 0
    assert "Traceback" in done.stderr


def test_status_before_migration_says_what_to_run(tmp_path: Path) -> None:
    done = newsprism(tmp_path, "status")
    assert done.returncode == 2
    assert "newsprism db upgrade" in done.stderr


def test_db_upgrade_then_status_counts_nothing(tmp_path: Path) -> None:
    assert newsprism(tmp_path, "db", "upgrade").returncode == 0
    done = newsprism(tmp_path, "status", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["counts"]["articles"] == 0
    assert data["counts"]["stories"] == 0
