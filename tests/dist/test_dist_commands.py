"""The ``worker``, ``scheduler`` and ``jobs`` commands, run through the real CLI."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism import jobs
from newsprism.cli import app
from newsprism.config import Settings, load_settings
from newsprism.distributed.logs import JsonFormatter, configure_logging
from newsprism.store.db import Store
from newsprism.tasks import queue_names

runner = CliRunner()


def _env(
    tmp_path: Path, db_url: str, broker: str = "redis://127.0.0.1:9/0", prefix: str = ""
) -> dict[str, str]:
    return {
        "NEWSPRISM_DATA_DIR": str(tmp_path / "data"),
        "NEWSPRISM_DATABASE_URL": db_url,
        "NEWSPRISM_BROKER_URL": broker,
        "NEWSPRISM_QUEUE_PREFIX": prefix,
    }


def _dead_job(store: Store, key: str, error: str) -> None:
    jobs.start_job(store, "fetch_articles", key)
    jobs.fail_job(store, "fetch_articles", key, error, 1)


def test_jobs_failed_lists_dead_jobs_with_their_error(tmp_path: Path, any_store: Store) -> None:
    _dead_job(any_store, "t5-0", "FetchError: HTTP 503 from 127.0.0.1")
    jobs.start_job(any_store, "embed_articles", "t5-1")
    result = runner.invoke(app, ["jobs", "--failed", "--json"], env=_env(tmp_path, any_store.url))
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.output)
    assert (row["stage"], row["key"], row["state"]) == ("fetch_articles", "t5-0", "dead")
    assert row["last_error"] == "FetchError: HTTP 503 from 127.0.0.1"


def test_jobs_table_shows_the_first_line_of_the_error(tmp_path: Path, sqlite_store: Store) -> None:
    _dead_job(sqlite_store, "t5-0", "ValueError: bad row\nTraceback ...")
    result = runner.invoke(app, ["jobs", "--failed"], env=_env(tmp_path, sqlite_store.url))
    assert result.exit_code == 0, result.output
    assert "ValueError:" in result.output
    assert "bad row" in result.output
    assert "Traceback" not in result.output


def test_jobs_retry_requeues_dead_jobs_even_with_the_broker_down(
    tmp_path: Path, sqlite_store: Store
) -> None:
    _dead_job(sqlite_store, "a", "boom")
    _dead_job(sqlite_store, "b", "boom")
    result = runner.invoke(app, ["jobs", "retry", "--all"], env=_env(tmp_path, sqlite_store.url))
    assert result.exit_code == 0, result.output
    assert "2 job(s) queued again" in result.output
    assert "scheduler publishes them" in result.output
    assert jobs.list_jobs(sqlite_store, ("dead",)) == []
    assert len(jobs.list_jobs(sqlite_store, ("queued",))) == 2


@pytest.mark.services
def test_jobs_retry_publishes_the_job_to_its_queue(
    tmp_path: Path,
    sqlite_store: Store,
    redis_url: str,
    queue_prefix: str,
    purge_queues: list[Settings],
) -> None:
    settings = load_settings(data_dir=tmp_path, broker_url=redis_url, queue_prefix=queue_prefix)
    purge_queues.append(settings)
    _dead_job(sqlite_store, "a", "boom")
    [dead] = jobs.list_jobs(sqlite_store, ("dead",))
    env = _env(tmp_path, sqlite_store.url, redis_url, queue_prefix)
    result = runner.invoke(app, ["jobs", "retry", str(dead.id)], env=env)
    assert result.exit_code == 0, result.output
    from newsprism.distributed.health import queue_depths

    assert queue_depths(settings)["queues"][queue_names(settings)[0]] == 1


def test_jobs_retry_without_ids_says_what_to_give(tmp_path: Path, sqlite_store: Store) -> None:
    result = runner.invoke(app, ["jobs", "retry"], env=_env(tmp_path, sqlite_store.url))
    assert result.exit_code != 0
    assert "--all" in str(result.exception)


def test_worker_refuses_sqlite(tmp_path: Path, sqlite_store: Store) -> None:
    result = runner.invoke(app, ["worker"], env=_env(tmp_path, sqlite_store.url))
    assert "PostgreSQL" in str(result.exception)


def test_worker_refuses_clustering_beside_other_stages(tmp_path: Path) -> None:
    env = _env(tmp_path, "postgresql+psycopg://postgres@127.0.0.1:5432/unused")
    result = runner.invoke(app, ["worker", "--queues", "stages,cluster"], env=env)
    assert "--queues cluster" in str(result.exception)


def test_worker_refuses_unknown_queues(tmp_path: Path) -> None:
    env = _env(tmp_path, "postgresql+psycopg://postgres@127.0.0.1:5432/unused")
    result = runner.invoke(app, ["worker", "--queues", "fast"], env=env)
    assert "stages and/or cluster" in str(result.exception)


def test_json_logs_are_one_object_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(load_settings(data_dir=tmp_path, log_json=True))
    try:
        logging.getLogger("newsprism.test").warning("job %s dead", "t1-0", extra={"stage": "x"})
    finally:
        logging.getLogger().handlers.clear()
    line = json.loads(capsys.readouterr().err.strip())
    assert (line["level"], line["logger"], line["msg"], line["stage"]) == (
        "warning",
        "newsprism.test",
        "job t1-0 dead",
        "x",
    )


def test_json_formatter_keeps_the_traceback() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "failed", (), exc_info=__import__("sys").exc_info()
        )
    assert "ValueError: boom" in json.loads(JsonFormatter().format(record))["exc"]
