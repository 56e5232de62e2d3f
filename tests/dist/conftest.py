"""Fixtures for distributed mode: a private Redis DB / RabbitMQ prefix per test, worker env."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from services import POSTGRES, RABBIT, REDIS, answers

from newsprism.config import Settings
from newsprism.distributed.localrun import quick_settings
from newsprism.store.db import Store

PG_ADMIN_URL = os.environ.get(
    "NEWSPRISM_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

@pytest.fixture(scope="session")
def _shared_pg_database() -> Iterator[str]:
    """One migrated PostgreSQL database for all of tests/dist (creating one per test costs
    ~2.5 s on this machine, more than most tests); dropped at the end of the session."""
    if not answers(POSTGRES):
        pytest.skip("no PostgreSQL server answers on 127.0.0.1:5432")
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"np_dist_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    store = Store(url)
    store.upgrade()
    store.dispose()
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_url(_shared_pg_database: str) -> str:
    """The shared tests/dist database, emptied: every table truncated, ids restarted.

    Overrides the top-level fixture of the same name for this folder only; other
    connections to it (a previous test's workers) are terminated first.
    """
    from sqlalchemy import create_engine, text

    from newsprism.store.schema import Base

    engine = create_engine(_shared_pg_database, isolation_level="AUTOCOMMIT")
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
        conn.execute(text("SET lock_timeout = '20s'"))
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return _shared_pg_database


@pytest.fixture
def redis_url() -> str:
    """A Redis broker URL on a random DB number 1-15; skips when Redis does not answer."""
    if not answers(REDIS):
        pytest.skip("no Redis server answers on 127.0.0.1:6379")
    return f"redis://127.0.0.1:6379/{random.randint(1, 15)}"


@pytest.fixture
def amqp_url() -> str:
    """The local RabbitMQ broker URL; skips when RabbitMQ does not answer."""
    if not answers(RABBIT):
        pytest.skip("no RabbitMQ server answers on 127.0.0.1:5672")
    return "amqp://guest:guest@127.0.0.1:5672//"


@pytest.fixture
def queue_prefix() -> str:
    """Queue names private to this test run."""
    return f"np{uuid.uuid4().hex[:10]}-"


SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def redis_settings(tmp_path: Path, pg_url: str, redis_url: str, queue_prefix: str) -> Settings:
    """Distributed settings: a private PostgreSQL database, Redis DB and queue names."""
    return quick_settings(tmp_path, pg_url, redis_url, queue_prefix)


@pytest.fixture
def amqp_settings(tmp_path: Path, pg_url: str, amqp_url: str, queue_prefix: str) -> Settings:
    """Distributed settings on RabbitMQ with private queue names."""
    return quick_settings(tmp_path, pg_url, amqp_url, queue_prefix)


@pytest.fixture
def dist_store(pg_url: str) -> Iterator[Store]:
    """The migrated PostgreSQL store of *pg_url*."""
    store = Store(pg_url)
    store.upgrade()
    yield store
    store.dispose()


@pytest.fixture
def purge_queues() -> Iterator[list[Settings]]:
    """Settings appended here get their queues deleted from the broker afterwards."""
    used: list[Settings] = []
    yield used
    from kombu.connection import Connection

    from newsprism.tasks import queue_names

    for s in used:
        if s.broker_url.startswith("redis"):
            import redis

            client = redis.Redis.from_url(s.broker_url)
            keys = list(client.scan_iter(match=f"{s.queue_prefix}*"))
            if keys:
                client.delete(*keys)
            continue
        with Connection(s.broker_url, connect_timeout=2) as conn:
            for name in queue_names(s):
                with contextlib.suppress(Exception):  # never declared
                    conn.channel().queue_delete(name)


class PrivateRedis:
    """A redis-server process of this test alone, on a free loopback port, no persistence.

    Fault tests restart their broker; restarting the machine's shared Redis would cut
    every other test and engineer using it, so they restart this one instead.
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.proc: subprocess.Popen[bytes] | None = None
        self.restarts = 0

    @property
    def url(self) -> str:
        """The broker URL of this server."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start the server and wait until it answers PING."""
        import redis

        self.proc = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir)],  # fmt: skip
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=0.5)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(redis.RedisError):
                if client.ping():
                    return
            time.sleep(0.05)
        raise RuntimeError(f"private redis-server on port {self.port} did not start")

    def stop(self) -> None:
        """Kill the server: every message it held is lost, as in a crash without persistence."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.proc = None

    def restart(self) -> None:
        """Crash the server and start it again on the same port (empty)."""
        self.stop()
        self.start()
        self.restarts += 1


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    """A running `PrivateRedis`; skips when no redis-server binary is installed."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = PrivateRedis(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def private_redis_settings(
    tmp_path: Path, pg_url: str, private_redis: PrivateRedis, queue_prefix: str
) -> Settings:
    """Distributed settings on a private Redis broker (for tests that restart it)."""
    return quick_settings(tmp_path, pg_url, private_redis.url, queue_prefix)
