"""Kill workers, restart the broker and drop database connections mid-run; lose nothing.

The shortened run here kills workers 10 times; ``NEWSPRISM_FAULT_KILLS=50`` (and
``python bench/bench_workers.py --fault``) runs the full one with 50 kills.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.distributed.localrun import (
    ensure_local_redis,
    restart_local_redis,
    run_fault_scenario,
)
from newsprism.store.db import Store

SRC = Path(__file__).resolve().parents[2] / "src"
KILLS = int(os.environ.get("NEWSPRISM_FAULT_KILLS", "10"))


def _env(s: Settings) -> dict[str, str]:
    env = {
        "PYTHONPATH": str(SRC),
        "NP_STANDIN_WORK_MS": "5",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    for name in (
        "data_dir",
        "database_url",
        "broker_url",
        "queue_prefix",
        "schedule_interval",
        "stage_parallelism",
        "job_max_attempts",
        "job_retry_base",
        "job_retry_max",
        "job_stale_seconds",
        "broker_visibility_timeout",
        "heartbeat_seconds",
        "min_outlets_for_brief",
        "stage_table",
        "outlets_overrides",
    ):
        env[f"NEWSPRISM_{name.upper()}"] = str(getattr(s, name))
    return env


def _assert_nothing_lost_or_duplicated(result: dict[str, object]) -> None:
    assert result["drained"], result
    assert result["articles_lost"] == 0, result
    assert result["articles_duplicated"] == 0, result
    assert result["articles_unexpected"] == 0, result
    assert result["articles_unassigned"] == 0, result
    assert result["twin_stories"] == 0, result
    assert result["stories_with_wrong_member_count"] == 0, result
    assert result["stories_without_brief"] == 0, result
    assert result["uncited_sentences"] == 0, result


@pytest.mark.services
@pytest.mark.postgres
@pytest.mark.slow
def test_pipeline_survives_worker_kills_broker_restart_and_db_drop_on_redis(
    tmp_path: Path, redis_settings: Settings, dist_store: Store, purge_queues: list[Settings]
) -> None:
    purge_queues.append(redis_settings)
    try:
        result = run_fault_scenario(
            dist_store,
            redis_settings,
            _env(redis_settings),
            log_dir=tmp_path / "logs",
            outlets=10,
            stories=30 if KILLS <= 10 else 150,
            workers=3,
            kills=KILLS,
            restart_broker=restart_local_redis,
            seed=KILLS,
            timeout=120 if KILLS <= 10 else 400,
        )
    finally:
        assert ensure_local_redis(), "Redis did not come back: start it by hand"
    print("fault run (redis):", json.dumps(result, sort_keys=True))
    _assert_nothing_lost_or_duplicated(result)
    assert result["kills"] >= KILLS
    assert result["broker_restarts"] == 1
    assert result["db_drops"] == 1


@pytest.mark.services
@pytest.mark.postgres
@pytest.mark.slow
def test_pipeline_survives_worker_kills_on_rabbitmq(
    tmp_path: Path, amqp_settings: Settings, dist_store: Store, purge_queues: list[Settings]
) -> None:
    purge_queues.append(amqp_settings)
    kills = max(4, KILLS // 2)
    result = run_fault_scenario(
        dist_store,
        amqp_settings,
        _env(amqp_settings),
        log_dir=tmp_path / "logs",
        outlets=8,
        stories=24,
        workers=2,
        kills=kills,
        restart_broker=None,  # a shared RabbitMQ is not ours to restart
        seed=kills + 1,
        timeout=120,
    )
    print("fault run (rabbitmq):", json.dumps(result, sort_keys=True))
    _assert_nothing_lost_or_duplicated(result)
    assert result["kills"] >= kills
    assert result["db_drops"] == 1
