"""Kill workers, restart the broker and drop database connections mid-run; lose nothing.

The shortened run here kills workers 6 times (3 on RabbitMQ, 3 prefork children);
``NEWSPRISM_FAULT_KILLS=50`` (and ``python bench/bench_workers.py --fault``) runs the full
one with 50 kills.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from newsprism.config import Settings
from newsprism.check import check_store
from newsprism.distributed.localrun import run_fault_scenario, settings_env
from newsprism.store.db import Store

SRC = Path(__file__).resolve().parents[2] / "src"
KILLS = int(os.environ.get("NEWSPRISM_FAULT_KILLS", "6"))


def _env(s: Settings) -> dict[str, str]:
    return settings_env(s, SRC, work_ms=15)


def _assert_consistent(store: Store) -> None:
    """`newsprism check` finds nothing: no ghost/twin story, no double brief, no stuck job."""
    report = check_store(store, stale_seconds=60)
    print("check:", json.dumps(report, sort_keys=True, default=str))
    assert report["consistent"], report


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
    tmp_path: Path,
    private_redis_settings: Settings,
    private_redis: Any,
    dist_store: Store,
) -> None:
    result = run_fault_scenario(
        dist_store,
        private_redis_settings,
        _env(private_redis_settings),
        log_dir=tmp_path / "logs",
        outlets=10,
        stories=24 if KILLS <= 10 else 150,
        workers=3,
        kills=KILLS,
        restart_broker=private_redis.restart,
        seed=KILLS,
        timeout=120 if KILLS <= 10 else 400,
    )
    print("fault run (redis):", json.dumps(result, sort_keys=True))
    _assert_nothing_lost_or_duplicated(result)
    _assert_consistent(dist_store)
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
    kills = max(3, KILLS // 2)
    result = run_fault_scenario(
        dist_store,
        amqp_settings,
        _env(amqp_settings),
        log_dir=tmp_path / "logs",
        outlets=6,
        stories=18,
        workers=2,
        kills=kills,
        restart_broker=None,  # a shared RabbitMQ is not ours to restart
        seed=kills + 1,
        timeout=120,
    )
    print("fault run (rabbitmq):", json.dumps(result, sort_keys=True))
    _assert_nothing_lost_or_duplicated(result)
    _assert_consistent(dist_store)
    assert result["kills"] >= kills
    assert result["db_drops"] == 1


#: words per story, so that real clustering has something to separate
TOPICS = [
    "volcano eruption iceland ash flights airport lava evacuation",
    "central bank interest rates inflation mortgage lending decision",
    "championship final football stadium goal penalty trophy",
    "wildfire california acres containment firefighters smoke",
    "election parliament coalition ballots turnout minister",
    "hurricane landfall florida storm surge power outages",
]


@pytest.mark.services
@pytest.mark.postgres
@pytest.mark.slow
def test_real_stages_survive_worker_kills_on_redis(
    tmp_path: Path,
    private_redis_settings: Settings,
    private_redis: Any,
    dist_store: Store,
    http_server: Any,
) -> None:
    """The real stages (hashing embedder) on 2 stage workers + 1 clustering worker, with
    SIGKILLs, a broker crash and dropped database connections: nothing lost or doubled."""
    from newsprism.ingest.dedupe import canonical_url
    from newsprism.store.schema import Brief, Feed, Outlet, Story

    outlets, per_topic = 8, len(TOPICS)

    def corpus(session: Any) -> set[str]:
        expected = set()
        for k in range(outlets):
            items = []
            for t, words in enumerate(TOPICS[:per_topic]):
                path = f"/o{k}/story-{t}.html"
                title = f"{words.split()[0].title()} {words.split()[1]} news from outlet {k}"
                body = " ".join(f"<p>{words} report {k} paragraph {n}.</p>" for n in range(6))
                page = (
                    f"<html><head><title>{title}</title></head>"
                    f"<body><article><h1>{title}</h1>{body}</article></body></html>"
                )
                http_server.routes[path] = (200, {"Content-Type": "text/html"}, page.encode())
                items.append(
                    f"<item><title>{title}</title><link>{http_server.url(path)}</link>"
                    f"<description>{words}</description></item>"
                )
                expected.add(canonical_url(http_server.url(path)))
            rss = f"<rss version='2.0'><channel><title>o{k}</title>{''.join(items)}</channel></rss>"
            http_server.routes[f"/o{k}/rss"] = (
                200,
                {"Content-Type": "application/rss+xml"},
                rss.encode(),
            )
            outlet = Outlet(
                slug=f"o{k}",
                name=f"Outlet {k}",
                domains=[f"o{k}.example"],
                lean=("left", "center", "right")[k % 3],
            )
            session.add(outlet)
            session.flush()
            session.add(Feed(outlet_id=outlet.id, url=http_server.url(f"/o{k}/rss")))
        return expected

    real = private_redis_settings.model_copy(update={"stage_table": ""})
    env = _env(real) | {
        "NEWSPRISM_EMBEDDER": "hashing",
        "NEWSPRISM_ALLOW_HOSTS": '["127.0.0.0/8"]',
        "NEWSPRISM_PER_HOST_DELAY": "0",
        "NEWSPRISM_STAGE_TABLE": "",
        # small batches, so that both stage workers take rows of the same stage at once
        "NEWSPRISM_FETCH_BATCH_SIZE": "4",
        "NEWSPRISM_EMBED_BATCH_SIZE": "4",
        "NEWSPRISM_CLUSTER_BATCH_SIZE": "6",
        "NEWSPRISM_ANALYSIS_BATCH_SIZE": "2",
    }
    result = run_fault_scenario(
        dist_store,
        real,
        env,
        log_dir=tmp_path / "logs",
        corpus=corpus,
        workers=3,  # 2 on the stages queue, in parallel, + 1 clustering worker
        kills=KILLS,
        restart_broker=private_redis.restart,
        seed=7,
        timeout=300,
    )
    print("fault run (real stages):", json.dumps(result, sort_keys=True))
    assert result["kills"] >= KILLS, result
    assert result["broker_restarts"] == 1, result
    assert result["drained"], result
    assert result["articles_lost"] == result["articles_duplicated"] == 0, result
    assert result["articles_unexpected"] == result["articles_unassigned"] == 0, result
    assert result["stories_without_brief"] == 0, result
    # one story per topic: the six topics share no words, so a seventh story is a twin
    # or a ghost of one of them
    with dist_store.session() as s:
        revisions = s.execute(select(Brief.story_id, Brief.revision)).tuples().all()
        live = s.scalars(select(Story.id).where(Story.merged_into.is_(None))).all()
    assert len(live) == len(TOPICS), result
    assert len(revisions) == len(set(revisions)), "two briefs for one story revision"
    assert {story for story, _ in revisions} >= set(live)
    _assert_consistent(dist_store)


@pytest.mark.services
@pytest.mark.postgres
@pytest.mark.slow
def test_tasks_of_killed_prefork_children_are_delivered_again(
    tmp_path: Path, redis_settings: Settings, dist_store: Store, purge_queues: list[Settings]
) -> None:
    import random
    import time

    from newsprism.distributed.localrun import (
        LocalCluster,
        end_state,
        ready_workers,
        wait_until_drained,
    )
    from newsprism.distributed.standin import expected_urls, generate_corpus

    purge_queues.append(redis_settings)
    with dist_store.session() as s:
        generate_corpus(s, outlets=5, stories=18)
    expected = expected_urls(5, 18)
    cluster = LocalCluster(_env(redis_settings), tmp_path / "logs")
    rng = random.Random(3)
    killed = 0
    try:
        stages = cluster.add_worker("pf@test", "stages", children=2)
        cluster.add_worker("cl@test", "cluster")
        cluster.start_scheduler()
        deadline = time.monotonic() + 60
        while killed < 3 and time.monotonic() < deadline:
            time.sleep(rng.uniform(0.5, 1.5))
            cluster.revive()
            # a child killed while the pool is still starting takes the whole worker down
            # ("Could not start worker processes"): kill only once the worker is ready
            if stages in ready_workers(dist_store, cluster):
                killed += cluster.kill_child(stages, rng)
        done = wait_until_drained(
            dist_store,
            redis_settings,
            90,
            expected_articles=len(expected),
            while_waiting=cluster.revive,
        )
    finally:
        cluster.stop()
    result = end_state(dist_store, expected)
    print("prefork child kills:", killed, json.dumps(result, sort_keys=True))
    assert killed == 3
    assert done, result
    assert result["articles_lost"] == result["articles_duplicated"] == 0, result
    assert result["articles_unassigned"] == result["twin_stories"] == 0, result
    assert result["stories_without_brief"] == 0, result
    _assert_consistent(dist_store)
