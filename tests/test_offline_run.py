"""`make run` on a machine without internet: the real `newsprism init && newsprism run`.

Runs inside a network namespace that has only loopback (``ip netns``, needs root), with
the shipped registry's feeds: every DNS lookup fails there at once, as on a machine
without a network. Skips where namespaces cannot be made. No packet leaves the machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
NEWSPRISM = [sys.executable, "-m", "newsprism"]


def _ip(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ip", *args], capture_output=True, text=True, check=False)


@pytest.fixture
def loopback_only() -> Iterator[str]:
    """A fresh network namespace with only ``lo`` up; deleted afterwards."""
    if os.geteuid() != 0 or shutil.which("ip") is None:
        pytest.skip("network namespaces need root and iproute2")
    name = f"np-offline-{uuid.uuid4().hex[:8]}"
    made = _ip("netns", "add", name)
    if made.returncode != 0:
        pytest.skip(f"cannot create a network namespace: {made.stderr.strip()}")
    try:
        _ip("netns", "exec", name, "ip", "link", "set", "lo", "up")
        yield name
    finally:
        _ip("netns", "delete", name)


def _inside(ns: str, *cmd: str) -> list[str]:
    return ["ip", "netns", "exec", ns, *cmd]


def _get(ns: str, url: str) -> tuple[int, str]:
    probe = (
        "import sys, urllib.request, urllib.error\n"
        "try:\n"
        "    r = urllib.request.urlopen(sys.argv[1], timeout=10); print(r.status); "
        "print(r.read().decode())\n"
        "except urllib.error.HTTPError as e:\n"
        "    print(e.code); print(e.read().decode())\n"
    )
    out = subprocess.run(
        _inside(ns, sys.executable, "-c", probe, url), capture_output=True, text=True, check=True
    ).stdout
    status, _, body = out.partition("\n")
    return int(status), body


def test_offline_first_run_tells_the_user_within_a_minute(
    loopback_only: str, tmp_path: Path
) -> None:
    env = os.environ | {
        "PYTHONPATH": str(SRC),
        "HF_HUB_OFFLINE": "1",
        "NEWSPRISM_DATA_DIR": str(tmp_path / "data"),
        "NEWSPRISM_PORT": "18766",
        "NEWSPRISM_OUTLETS_OVERRIDES": str(tmp_path / "none.csv"),
    }
    init = subprocess.run(
        _inside(loopback_only, *NEWSPRISM, "init"),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert init.returncode == 0, init.stderr
    log = (tmp_path / "run.log").open("w")
    run = subprocess.Popen(
        _inside(loopback_only, *NEWSPRISM, "run"),
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    try:
        start = time.monotonic()
        notice = ""
        while time.monotonic() - start < 60 and "No feed could be reached" not in notice:
            time.sleep(0.5)
            notice = (tmp_path / "run.log").read_text()
        assert "No feed could be reached" in notice, notice[-2000:]
        assert "`make demo`" in notice
        status, home = _get(loopback_only, "http://127.0.0.1:18766/")
        assert status == 200
        assert "No feed could be reached" in home
        assert "<code>make demo</code>" in home
        assert "Run <code>newsprism run</code>" not in home
        _, health = _get(loopback_only, "http://127.0.0.1:18766/api/v1/health")
        verdict = json.loads(health)
        assert verdict["status"] == "degraded"
        assert any("no feed could be reached" in r for r in verdict["reasons"])
        ready, _ = _get(loopback_only, "http://127.0.0.1:18766/api/v1/health/ready")
        assert ready == 503
    finally:
        run.terminate()
        run.wait(timeout=30)
        log.close()
