"""Shared fixtures: migrated stores (SQLite and PostgreSQL), settings, a loopback HTTP server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsprism.config import Settings, load_settings
from newsprism.store.db import Store

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from httpfixture import FixtureServer, serve_fixtures
from services import POSTGRES, answers
from shareddata import SHARED_DATA, shared_path

__all__ = ["SHARED_DATA", "shared_path"]

PG_ADMIN_URL = os.environ.get(
    "NEWSPRISM_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Embedded-mode settings in a temporary folder; loopback admitted for fixture servers."""
    return load_settings(
        data_dir=tmp_path / "data",
        embedder="hashing",
        allow_hosts=["127.0.0.0/8", "::1/128"],
        per_host_delay=0.0,
        respect_robots=True,
        outlets_overrides=tmp_path / "outlets.local.csv",
    )


@pytest.fixture
def sqlite_store(settings: Settings) -> Iterator[Store]:
    """A migrated SQLite store in a temporary folder."""
    store = Store(settings.sqlalchemy_url)
    store.upgrade()
    yield store
    store.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped afterwards; skips if no server answers."""
    if not answers(POSTGRES):
        pytest.skip("no PostgreSQL server answers on 127.0.0.1:5432")
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"np_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    """A migrated PostgreSQL store in its own database."""
    store = Store(pg_url)
    store.upgrade()
    yield store
    store.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest) -> Store:
    """Each store test runs on SQLite and on PostgreSQL."""
    name = "sqlite_store" if request.param == "sqlite" else "pg_store"
    store: Store = request.getfixturevalue(name)
    return store


@pytest.fixture
def http_server() -> Iterator[FixtureServer]:
    """Serve canned responses on loopback; tests fill ``server.routes``."""
    with serve_fixtures() as server:
        yield server
