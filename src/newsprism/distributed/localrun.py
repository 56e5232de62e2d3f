"""Run a whole distributed installation on this machine: scheduler + worker processes.

For the fault tests and the worker benchmark: `LocalCluster` starts ``newsprism
scheduler`` and ``newsprism worker`` subprocesses against one PostgreSQL database and one
broker, can SIGKILL and restart workers, and `wait_until_drained` watches the store until
every article is clustered and every story briefed. `end_state` reads the numbers a
fault test checks (lost, duplicated, unassigned articles, twin stories, missing briefs).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from newsprism.config import Settings
from newsprism.distributed.backlog import stage_backlog
from newsprism.pipeline import STAGES
from newsprism.store.db import Store
from newsprism.store.schema import Article, Brief, Story, utcnow

__all__ = ["LocalCluster", "WorkerProcess", "end_state", "terminate_db_connections"]

_CLI = "from newsprism.cli import main; main()"


@dataclass
class WorkerProcess:
    """One ``newsprism worker`` subprocess and how often it was killed."""

    name: str
    queues: str
    proc: subprocess.Popen[bytes] | None = None
    kills: int = 0
    exits: int = 0
    children: int = 0
    started_at: datetime | None = None


@dataclass
class LocalCluster:
    """Scheduler and workers as subprocesses sharing *env* (``NEWSPRISM_*`` settings)."""

    env: dict[str, str]
    log_dir: Path
    workers: list[WorkerProcess] = field(default_factory=list)
    scheduler: subprocess.Popen[bytes] | None = None

    def _spawn(self, args: list[str], log_name: str) -> subprocess.Popen[bytes]:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = (self.log_dir / f"{log_name}.log").open("ab")
        return subprocess.Popen(
            [sys.executable, "-c", _CLI, *args],
            env={**os.environ, **self.env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_scheduler(self) -> None:
        """Start ``newsprism scheduler``."""
        self.scheduler = self._spawn(["scheduler"], "scheduler")

    def add_worker(self, name: str, queues: str, *, children: int = 0) -> WorkerProcess:
        """Start one worker, solo pool unless *children* asks for a prefork pool.

        Solo: one process, so a SIGKILL takes the whole worker. Prefork: *children* task
        processes under one main process, which replaces a killed child.
        """
        worker = WorkerProcess(name, queues, children=children)
        self.workers.append(worker)
        self._start(worker)
        return worker

    def _start(self, worker: WorkerProcess) -> None:
        worker.started_at = utcnow()
        pool = ["--pool", "prefork", "--concurrency", str(worker.children)]
        worker.proc = self._spawn(
            [
                "worker",
                "--queues",
                worker.queues,
                *(pool if worker.children else ["--pool", "solo"]),
                "--name",
                worker.name,
            ],
            worker.name.split("@")[0],
        )

    def kill_child(self, worker: WorkerProcess, rng: random.Random) -> bool:
        """SIGKILL one task process of a prefork *worker* (its main process replaces it)."""
        if worker.proc is None:
            return False
        found = subprocess.run(
            ["pgrep", "-P", str(worker.proc.pid)], capture_output=True, text=True, check=False
        )
        children = [int(pid) for pid in found.stdout.split()]
        if not children:
            return False
        os.kill(rng.choice(children), signal.SIGKILL)
        worker.kills += 1
        return True

    def kill_and_restart(self, worker: WorkerProcess) -> bool:
        """SIGKILL *worker* wherever it is, then start it again; False if it had exited."""
        killed = False
        if worker.proc is not None and worker.proc.poll() is None:
            os.kill(worker.proc.pid, signal.SIGKILL)
            worker.proc.wait()
            worker.kills += 1
            killed = True
        self._start(worker)
        return killed

    def revive(self) -> int:
        """Restart workers that exited on their own, as systemd's Restart=always would."""
        revived = 0
        for worker in self.workers:
            if worker.proc is not None and worker.proc.poll() is not None:
                worker.exits += 1
                self._start(worker)
                revived += 1
        if self.scheduler is not None and self.scheduler.poll() is not None:
            self.start_scheduler()
            revived += 1
        return revived

    @property
    def kills(self) -> int:
        """SIGKILLs delivered so far, all workers."""
        return sum(w.kills for w in self.workers)

    def stop(self) -> None:
        """Stop every process (SIGTERM, then SIGKILL after 10 s)."""
        procs = [w.proc for w in self.workers if w.proc is not None]
        if self.scheduler is not None:
            procs.append(self.scheduler)
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 10
        for proc in procs:
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def ready_workers(store: Store, cluster: LocalCluster) -> list[WorkerProcess]:
    """Workers whose heartbeat shows they finished booting since their last start."""
    from newsprism.jobs import read_heartbeats

    try:
        beats = {b["worker"]: b["last_seen"] for b in read_heartbeats(store)}
    except Exception:  # the database connection was just dropped on purpose
        return []
    return [
        w
        for w in cluster.workers
        if w.started_at is not None and beats.get(w.name, w.started_at) > w.started_at
    ]


def terminate_db_connections(store: Store) -> int:
    """Drop every other connection to this database (the workers' and the scheduler's)."""
    with store.engine.connect() as conn:
        killed = conn.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar_one()
        conn.commit()
    return int(killed)


def drained(store: Store, settings: Settings) -> bool:
    """Tell whether no stage has backlog left."""
    with store.session() as s:
        return all(stage_backlog(s, stage, settings) == 0 for stage in STAGES)


def wait_until_drained(
    store: Store,
    settings: Settings,
    timeout: float,
    *,
    expected_articles: int,
    while_waiting: Callable[[], object] | None = None,
) -> bool:
    """Poll the store until every expected article passed every stage; False on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if while_waiting is not None:
            while_waiting()
        total = store.count(Article)
        if total >= expected_articles and drained(store, settings):
            return True
        time.sleep(0.5)
    return False


def end_state(store: Store, expected_urls: set[str]) -> dict[str, Any]:
    """Read the numbers a fault test checks from the store."""
    with store.session() as s:
        urls = list(s.scalars(select(Article.canonical_url)))
        stored = set(urls)
        unassigned = s.scalar(
            select(func.count()).where(
                (Article.story_id.is_(None)) | (Article.status != "clustered")
            )
        )
        twins = s.scalar(
            select(func.count()).select_from(
                select(Story.slug).group_by(Story.slug).having(func.count() > 1).subquery()
            )
        )
        members = dict(
            s.execute(select(Article.story_id, func.count()).group_by(Article.story_id))
            .tuples()
            .all()
        )
        stories = list(s.scalars(select(Story)))
        briefed = set(s.scalars(select(Brief.story_id)))
        wrong_counts = sum(1 for st in stories if members.get(st.id, 0) != st.n_articles)
        # a live story needs a brief, and its current revision seen by the brief stage
        # (which keeps the brief when the coverage grew too little for a new one)
        no_brief = sum(
            1
            for st in stories
            if st.merged_into is None
            and (st.id not in briefed or st.briefed_revision != st.revision)
        )
        uncited = sum(
            1
            for sections in s.scalars(select(Brief.sections))
            for sentences in sections.values()
            for sentence in sentences
            if not sentence.get("citations")
        )
    return {
        "articles_expected": len(expected_urls),
        "articles_stored": len(urls),
        "articles_lost": len(expected_urls - stored),
        "articles_duplicated": len(urls) - len(stored),
        "articles_unexpected": len(stored - expected_urls),
        "articles_unassigned": int(unassigned or 0),
        "stories": len(stories),
        "twin_stories": int(twins or 0),
        "stories_with_wrong_member_count": wrong_counts,
        "stories_without_brief": no_brief,
        "uncited_sentences": uncited,
    }


def chaos_pause(rng: random.Random, low: float = 0.2, high: float = 0.9) -> None:
    """Sleep a random while between two faults."""
    time.sleep(rng.uniform(low, high))


REDIS_START = [
    "redis-server",
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "-::1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    "/var/lib/redis",
    "--logfile",
    "/var/log/redis/ci.log",
]


def redis_answers(timeout: float = 1.0) -> bool:
    """Tell whether the local Redis on 127.0.0.1:6379 answers PING."""
    import redis

    try:
        return bool(redis.Redis(host="127.0.0.1", port=6379, socket_timeout=timeout).ping())
    except redis.RedisError:
        return False


def ensure_local_redis(wait: float = 10.0) -> bool:
    """Start the local Redis (the machine's own command line) unless it answers already."""
    if redis_answers():
        return True
    subprocess.run(REDIS_START, check=False, capture_output=True)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if redis_answers():
            return True
        time.sleep(0.1)
    return False


def restart_local_redis() -> None:
    """Shut the local Redis down without saving (every queued message is lost), start it."""
    subprocess.run(
        ["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"],
        check=False,
        capture_output=True,
    )
    deadline = time.monotonic() + 10
    while redis_answers(0.2) and time.monotonic() < deadline:
        time.sleep(0.1)
    if not ensure_local_redis():
        raise RuntimeError("redis-server did not come back on 127.0.0.1:6379")


def run_fault_scenario(
    store: Store,
    settings: Settings,
    env: dict[str, str],
    *,
    log_dir: Path,
    outlets: int = 10,
    stories: int = 30,
    corpus: Callable[[Session], set[str]] | None = None,
    workers: int = 3,
    kills: int = 10,
    restart_broker: Callable[[], None] | None = None,
    drop_db: bool = True,
    seed: int = 0,
    timeout: float = 240.0,
) -> dict[str, Any]:
    """Run the pipeline on *workers* processes while killing and breaking things.

    The corpus is the stand-in one (*outlets* × *stories*) unless *corpus* registers
    its own feeds and returns the canonical URLs they will yield.

    One worker consumes the ``cluster`` queue, the others ``stages``. Workers are
    SIGKILLed at random moments (*kills* in all) and restarted; after a third of the
    kills the broker is restarted (*restart_broker*), after two thirds every database
    connection of the workers and scheduler is terminated. Returns `end_state` plus the
    fault counts, job statistics and seconds.
    """
    from newsprism.distributed.standin import expected_urls, generate_corpus
    from newsprism.jobs import HEARTBEAT_STAGE
    from newsprism.store.schema import Job

    with store.session() as s:
        if corpus is None:
            generate_corpus(s, outlets, stories)
            expected = expected_urls(outlets, stories)
        else:
            expected = corpus(s)
    rng = random.Random(seed)
    cluster = LocalCluster(env, log_dir)
    faults = {
        "kills": 0,
        "kills_while_backlog": 0,
        "broker_restarts": 0,
        "db_drops": 0,
        "worker_exits": 0,
    }
    started = time.monotonic()
    try:
        cluster.start_scheduler()
        for i in range(max(1, workers - 1)):
            cluster.add_worker(f"w{i}@localrun", "stages")
        cluster.add_worker("wc@localrun", "cluster")
        while cluster.kills < kills and time.monotonic() - started < timeout:
            # 0.3-1.5 s between kills: workers take ~1-2 s to boot on 2 busy cores, so
            # kills land while booting, while idle and in the middle of a batch
            chaos_pause(rng, 0.3, 1.5)
            # only workers that finished booting (their first heartbeat is newer than
            # their start), so that kills hit consuming workers, often mid-batch
            booted = ready_workers(store, cluster)
            if not booted:
                time.sleep(0.2)
                continue
            cluster.revive()
            busy = not drained(store, settings)
            killed = cluster.kill_and_restart(rng.choice(booted))
            faults["kills_while_backlog"] += int(busy and killed)
            if restart_broker is not None and cluster.kills == max(1, kills // 3):
                restart_broker()
                faults["broker_restarts"] += 1
            if drop_db and cluster.kills == max(1, 2 * kills // 3):
                terminate_db_connections(store)
                faults["db_drops"] += 1
        faults["kills"] = cluster.kills
        remaining = max(30.0, timeout - (time.monotonic() - started))
        done = wait_until_drained(
            store,
            settings,
            remaining,
            expected_articles=len(expected),
            while_waiting=cluster.revive,
        )
    finally:
        cluster.stop()
    seconds = time.monotonic() - started
    faults["worker_exits"] = sum(w.exits for w in cluster.workers)
    with store.session() as s:
        states = dict(
            s.execute(
                select(Job.state, func.count())
                .where(Job.stage != HEARTBEAT_STAGE)
                .group_by(Job.state)
            )
            .tuples()
            .all()
        )
        deliveries = s.scalar(select(func.sum(Job.attempts)).where(Job.stage != HEARTBEAT_STAGE))
        redelivered = s.scalar(
            select(func.count()).where(Job.stage != HEARTBEAT_STAGE, Job.attempts > 1)
        )
    return {
        **end_state(store, expected),
        **faults,
        "drained": done,
        "jobs_by_state": states,
        "deliveries": int(deliveries or 0),
        "redelivered_jobs": int(redelivered or 0),
        "seconds": round(seconds, 1),
    }


def quick_settings(data_dir: Path, database_url: str, broker_url: str, prefix: str) -> Settings:
    """Build settings for runs on one machine: short ticks, retries, staleness; stand-ins."""
    from newsprism.config import load_settings

    return load_settings(
        data_dir=data_dir / "data",
        database_url=database_url,
        broker_url=broker_url,
        queue_prefix=prefix,
        embedder="hashing",
        schedule_interval=0.5,
        stage_parallelism=3,
        job_max_attempts=8,
        job_retry_base=0.2,
        job_retry_max=2.0,
        job_stale_seconds=6.0,
        broker_visibility_timeout=12,
        heartbeat_seconds=1.0,
        min_outlets_for_brief=1,
        stage_table="newsprism.distributed.standin:STAGES",
        outlets_overrides=data_dir / "outlets.local.csv",
    )


#: the settings a worker or scheduler subprocess must share with the test that starts it
_SHARED_SETTINGS = (
    "data_dir",
    "database_url",
    "broker_url",
    "queue_prefix",
    "embedder",
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
)


def settings_env(settings: Settings, src: Path, *, work_ms: float = 5.0) -> dict[str, str]:
    """Build the environment that gives subprocesses *settings* and the code under *src*."""
    env = {
        "PYTHONPATH": str(src),
        "NP_STANDIN_WORK_MS": str(work_ms),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    for name in _SHARED_SETTINGS:
        env[f"NEWSPRISM_{name.upper()}"] = str(getattr(settings, name))
    return env
