"""docs/deploy.md walked through from a clean database, as an operator would.

The systemd units' own command lines (their ``ExecStart=`` arguments, with the installed
``newsprism`` replaced by this tree's CLI) start the scheduler, the clustering worker,
a stage-worker unit (two processes) and the web site, with the environment of
``deploy/newsprism.env.example`` pointed at a fresh PostgreSQL database and a private
redis-server. ``newsprism init`` migrates and loads the registry, the real stages
(hashing embedder) bring loopback feeds to briefed stories, the web site serves them,
and ``newsprism check`` exits 0. The compose file is checked against the CLI too.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import click
import pytest
import typer

from newsprism.cli import app
from newsprism.config import Settings

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
UNITS = ROOT / "deploy" / "systemd"
CLI = [sys.executable, "-c", "from newsprism.cli import main; main()"]
TOPICS = [
    "volcano eruption iceland ash flights airport lava evacuation",
    "central bank interest rates inflation mortgage lending decision",
]


def _exec_start(unit: Path) -> list[str]:
    """The ``newsprism`` arguments of a unit's ExecStart line (systemd %-specifiers filled)."""
    line = next(x for x in unit.read_text().splitlines() if x.startswith("ExecStart="))
    argv = shlex.split(line.removeprefix("ExecStart="))
    assert Path(argv[0]).name == "newsprism", line
    return [a.replace("%H", "walk").replace("%i", "1") for a in argv[1:]]


def _resolves(argv: list[str]) -> None:
    """Parse *argv* with the real CLI (no run): unknown commands or options raise."""
    group = typer.main.get_command(app)
    ctx: Any = group.make_context("newsprism", list(argv), resilient_parsing=False)
    while isinstance(ctx.command, click.Group) and ctx.protected_args + ctx.args:
        name, cmd, rest = ctx.command.resolve_command(ctx, ctx.protected_args + ctx.args)
        assert cmd is not None, argv
        ctx = cmd.make_context(name, rest, parent=ctx)


def test_every_systemd_unit_and_compose_command_resolves() -> None:
    yaml = pytest.importorskip("yaml")
    for unit in sorted(UNITS.glob("*.service")):
        _resolves(_exec_start(unit))
    compose = yaml.safe_load((ROOT / "deploy" / "docker-compose.yml").read_text())
    assert isinstance(compose.get("services"), dict) and compose["services"]
    known = {f"NEWSPRISM_{name.upper()}" for name in Settings.model_fields}
    for name, service in compose["services"].items():
        assert "image" in service or "build" in service, name
        for key in service.get("environment") or {}:
            assert not key.startswith("NEWSPRISM_") or key in known, (name, key)
        if name in ("postgres", "redis"):
            continue
        _resolves([str(a) for a in service["command"]])


def _env_example() -> dict[str, str]:
    env = {}
    for line in (ROOT / "deploy" / "newsprism.env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key.strip()] = value.strip()
    return env


def _wait(predicate: Any, timeout: float, what: str, last: Any = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}: {last() if last else ''}")


@pytest.mark.services
@pytest.mark.postgres
@pytest.mark.slow
def test_deploy_doc_from_a_clean_database(
    tmp_path: Path, pg_url: str, private_redis: Any, http_server: Any, queue_prefix: str
) -> None:
    from sqlalchemy import create_engine, text

    # a clean database: nothing in it, not even the schema
    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()

    rows = ["slug,name,domains,country,language,lean,lean_source,lean_as_of,homepage,feeds"]
    for k in range(4):
        items = []
        for t, words in enumerate(TOPICS):
            title = f"{words.split()[0].title()} {words.split()[1]} update from outlet {k}"
            body = "".join(f"<p>{words} said reporter {k} in part {n}.</p>" for n in range(8))
            page = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"  # noqa: E501
            http_server.routes[f"/w{k}/{t}.html"] = (200, {"Content-Type": "text/html"}, page.encode())
            items.append(f"<item><title>{title}</title><link>{http_server.url(f'/w{k}/{t}.html')}</link></item>")  # noqa: E501
        rss = f"<rss version='2.0'><channel><title>w{k}</title>{''.join(items)}</channel></rss>"
        http_server.routes[f"/w{k}/rss"] = (200, {"Content-Type": "application/rss+xml"}, rss.encode())  # noqa: E501
        lean = ("left", "center", "right", "")[k]
        rows.append(f"walk{k},Walk {k},walk{k}.example,US,en,{lean},{'hand' if lean else ''},{'2026-12-01' if lean else ''},,{http_server.url(f'/w{k}/rss')}|General")  # noqa: E501
    feeds_file = tmp_path / "walk_feeds.csv"
    feeds_file.write_text("\n".join(rows) + "\n")

    port = 18000 + os.getpid() % 1000
    env = {**os.environ, **_env_example()} | {
        "PYTHONPATH": str(SRC),
        "NEWSPRISM_DATABASE_URL": pg_url,
        "NEWSPRISM_BROKER_URL": private_redis.url,
        "NEWSPRISM_QUEUE_PREFIX": queue_prefix,
        "NEWSPRISM_DATA_DIR": str(tmp_path / "data"),
        "NEWSPRISM_SITE_URL": f"http://127.0.0.1:{port}",
        "NEWSPRISM_PORT": str(port),
        "NEWSPRISM_LOG_JSON": "false",
        # test-sized, not part of the doc: fast ticks, the hashing embedder, loopback feeds
        "NEWSPRISM_EMBEDDER": "hashing",
        "NEWSPRISM_SCHEDULE_INTERVAL": "0.5",
        "NEWSPRISM_HEARTBEAT_SECONDS": "1",
        "NEWSPRISM_ALLOW_HOSTS": '["127.0.0.0/8"]',
        "NEWSPRISM_PER_HOST_DELAY": "0",
        "NEWSPRISM_MIN_OUTLETS_FOR_BRIEF": "2",
    }
    init = subprocess.run(
        [*CLI, "init", "--replay-feeds", str(feeds_file)],
        env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert init.returncode == 0, init.stderr[-2000:]
    assert "4 feeds" in init.stdout, init.stdout

    procs: list[subprocess.Popen[bytes]] = []
    # one stage-worker unit: its `--concurrency 2` already runs two stage processes
    units = ["newsprism-scheduler", "newsprism-cluster", "newsprism-worker@"]
    logs = tmp_path / "logs"
    logs.mkdir()
    try:
        for n, unit in enumerate([*units, "newsprism-web"]):
            argv = _exec_start(UNITS / f"{unit}.service")
            with (logs / f"{n}-{unit}.log").open("wb") as log:
                procs.append(subprocess.Popen([*CLI, *argv], env=env, stdout=log, stderr=log))

        def briefed() -> bool:
            done = subprocess.run([*CLI, "status", "--json"], env=env, capture_output=True)
            if done.returncode != 0:
                return False
            counts = json.loads(done.stdout)["counts"]
            return bool(counts["articles"] == 8 and counts["briefs"] == len(TOPICS))

        def status() -> str:
            done = subprocess.run([*CLI, "status", "--json"], env=env, capture_output=True)
            return done.stdout.decode()[-3000:] + done.stderr.decode()[-2000:]

        _wait(briefed, 300, "8 articles and a brief per topic", status)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/stories", timeout=10) as r:
            listed = json.loads(r.read())
        assert listed, "the web site lists no story"
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
    check = subprocess.run([*CLI, "check", "--json"], env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout[-3000:]
