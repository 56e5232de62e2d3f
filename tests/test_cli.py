from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


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
    assert data["health"]["status"] == "down"  # nothing runs


def test_status_prints_the_health_verdict_and_why(tmp_path: Path) -> None:
    assert newsprism(tmp_path, "db", "upgrade").returncode == 0
    done = newsprism(tmp_path, "status")
    assert done.returncode == 0, done.stderr
    assert "health: down" in done.stdout
    assert "no worker or pipeline heartbeat" in done.stdout


# --- issue 19 item 13: every bad setting is one line, never a traceback -------------

BAD_SETTINGS: list[tuple[str, dict[str, str], dict[str, bytes], list[str], str]] = [
    # (id, environment, files to write in the working folder, arguments, words in the error)
    ("allow-hosts-json", {"NEWSPRISM_ALLOW_HOSTS": "[oops"}, {}, ["status"], "ALLOW_HOSTS"),
    ("allow-hosts-word", {"NEWSPRISM_ALLOW_HOSTS": "localhost"}, {}, ["status"], "JSON"),
    ("allow-hosts-type", {"NEWSPRISM_ALLOW_HOSTS": '{"a": 1}'}, {}, ["status"], "ALLOW_HOSTS"),
    ("toml-broken", {}, {"newsprism.toml": b"port = [\n"}, ["status"], "not valid TOML"),
    ("toml-unclosed", {}, {"newsprism.toml": b'site_name = "x\n'}, ["config"], "not valid TOML"),
    ("toml-binary", {}, {"newsprism.toml": b"\xff\xfe\x00p"}, ["status"], "newsprism.toml"),
    ("toml-type", {}, {"newsprism.toml": b'port = "x"\n'}, ["status"], "port"),
    ("toml-folder", {"NEWSPRISM_CONFIG": "."}, {}, ["status"], "is a folder"),
    ("data-dir-file", {"NEWSPRISM_DATA_DIR": "afile"}, {"afile": b""}, ["db", "upgrade"], "file"),
    ("data-dir-below-file", {"NEWSPRISM_DATA_DIR": "afile/d"}, {"afile": b""}, ["init"], "created"),
    ("port-env-range", {"NEWSPRISM_PORT": "99999"}, {}, ["status"], "NEWSPRISM_PORT"),
    ("port-env-zero", {"NEWSPRISM_PORT": "0"}, {}, ["status"], "NEWSPRISM_PORT"),
    ("import-folder", {}, {"sub/x": b""}, ["import", "sub"], "is a folder"),
    ("import-missing", {}, {}, ["import", "absent.jsonl"], "does not exist"),
]


@pytest.mark.parametrize(
    ("env", "files", "args", "words"),
    [case[1:] for case in BAD_SETTINGS],
    ids=[case[0] for case in BAD_SETTINGS],
)
def test_bad_setting_is_one_line_without_traceback(
    tmp_path: Path, env: dict[str, str], files: dict[str, bytes], args: list[str], words: str
) -> None:
    for name, body in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(body)
    if args[0] == "import":
        assert newsprism(tmp_path, "db", "upgrade").returncode == 0
    done = newsprism(tmp_path, *args, **env)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: ")
    assert words in lines[0]


@pytest.mark.parametrize("port", ["99999", "-1", "65536", "eighty"])
def test_serve_refuses_a_port_out_of_range(tmp_path: Path, port: str) -> None:
    assert newsprism(tmp_path, "db", "upgrade").returncode == 0
    done = newsprism(tmp_path, "serve", "--port", port)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "--port" in done.stderr


def test_serve_on_a_busy_port_is_one_line(tmp_path: Path) -> None:
    assert newsprism(tmp_path, "db", "upgrade").returncode == 0
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        done = newsprism(tmp_path, "serve", "--port", str(busy.getsockname()[1]))
    assert done.returncode == 2
    assert done.stderr.startswith("error: Cannot listen on 127.0.0.1:")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "options", [[], ["--server", "granian", "--workers", "2"]], ids=["uvicorn", "granian"]
)
def test_serve_port_zero_picks_a_free_port_and_prints_it(
    tmp_path: Path, options: list[str]
) -> None:
    assert newsprism(tmp_path, "db", "upgrade").returncode == 0
    environ = {**os.environ, "NEWSPRISM_DATA_DIR": str(tmp_path / "data"), "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "newsprism", "serve", "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env=environ,
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        match = re.fullmatch(r"serving on http://127\.0\.0\.1:(\d+)\n", first)
        assert match, first
        port = int(match.group(1))
        assert port not in (0, 8000)
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/robots.txt", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        assert answer.status_code == 200
        assert "Disallow" in answer.text or "User-agent" in answer.text
        css = httpx.get(f"http://127.0.0.1:{port}/static/site.css", timeout=5)
        assert css.status_code == 200
        assert "{" in css.text
        home = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
        assert home.status_code == 200
        assert "NewsPrism" in home.text
    finally:
        server.terminate()
        server.communicate(timeout=30)
