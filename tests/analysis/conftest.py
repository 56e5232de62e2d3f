"""Fixtures of the analysis tests."""

from __future__ import annotations

import pytest
from analysis_fixtures import StoryBuilder

from newsprism.store.db import Store


@pytest.fixture
def builder(sqlite_store: Store) -> StoryBuilder:
    """A `StoryBuilder` over a fresh migrated SQLite store."""
    return StoryBuilder(sqlite_store)
