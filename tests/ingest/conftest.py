"""Fixtures for the ingest tests: feed rows and a stage context on SQLite."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsprism.config import Settings
from newsprism.pipeline import StageContext
from newsprism.store.db import Store
from newsprism.store.schema import Feed


@pytest.fixture
def add_feed(sqlite_store: Store) -> Callable[..., int]:
    def add(url: str, store: Store | None = None, **columns: Any) -> int:
        with (store or sqlite_store).session() as session:
            feed = Feed(url=url, **columns)
            session.add(feed)
            session.flush()
            return feed.id

    return add


@pytest.fixture
def ctx(settings: Settings, sqlite_store: Store) -> StageContext:
    return StageContext(
        store=sqlite_store, settings=settings.model_copy(update={"retry_backoff": 0.01})
    )
