"""docs/deploy.md documents every distributed-mode setting and command."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.config import Settings

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "deploy.md").read_text()

DISTRIBUTED_SETTINGS = [
    name
    for name in Settings.model_fields
    if name
    in {
        "broker_url",
        "log_json",
        "queue_prefix",
        "broker_visibility_timeout",
        "schedule_interval",
        "stage_parallelism",
        "job_max_attempts",
        "job_retry_base",
        "job_retry_max",
        "job_stale_seconds",
        "job_keep_days",
        "heartbeat_seconds",
        "stage_table",
    }
]


@pytest.mark.parametrize("name", DISTRIBUTED_SETTINGS)
def test_every_distributed_setting_is_documented(name: str) -> None:
    assert f"| `{name}` |" in DOC


@pytest.mark.parametrize(
    "command", ["newsprism worker", "newsprism scheduler", "newsprism jobs", "newsprism jobs retry"]
)
def test_every_distributed_command_is_documented(command: str) -> None:
    assert f"`{command}" in DOC


def test_compose_file_runs_every_role_from_one_image() -> None:
    yaml = pytest.importorskip("yaml")  # PyYAML comes with sentence-transformers
    compose = yaml.safe_load((ROOT / "deploy" / "docker-compose.yml").read_text())
    services = compose["services"]
    commands = {name: service.get("command", [None])[0] for name, service in services.items()}
    assert commands == {
        "postgres": None,
        "redis": "redis-server",
        "init": "init",
        "scheduler": "scheduler",
        "worker": "worker",
        "cluster": "worker",
        "web": "serve",
    }
    assert services["cluster"]["command"] == ["worker", "--queues", "cluster"]
    for role in ("init", "scheduler", "worker", "cluster", "web"):
        env = services[role]["environment"]
        assert env["NEWSPRISM_DATABASE_URL"].startswith("postgresql+psycopg://")
        assert env["NEWSPRISM_BROKER_URL"] == "redis://redis:6379/0"


def test_systemd_units_start_the_documented_commands() -> None:
    units = {p.name: p.read_text() for p in (ROOT / "deploy" / "systemd").glob("*.service")}
    starts = {
        name: next(line for line in text.splitlines() if line.startswith("ExecStart="))
        for name, text in units.items()
    }
    assert starts["newsprism-cluster.service"].endswith("worker --queues cluster --name cluster@%H")
    assert " scheduler" in starts["newsprism-scheduler.service"]
    assert "worker --queues stages" in starts["newsprism-worker@.service"]
    assert starts["newsprism-web.service"].endswith(" serve")
