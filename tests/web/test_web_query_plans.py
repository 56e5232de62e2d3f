"""The story lists read live stories through an index, in order: no pass over every story.

At a million articles (~50k stories) a list query that scans or sorts the story table
costs ~100 ms per page (BENCHMARKS.md ## scale); these plans keep it to the rows shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event
from web_world import World

from newsprism.store.db import Store
from newsprism.web import data


@pytest.fixture
def statements(sqlite_store: Store) -> Iterator[list[tuple[str, Any]]]:
    """Every SQL statement the store runs while the test runs, with its parameters."""
    seen: list[tuple[str, Any]] = []

    def record(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        seen.append((statement, params))

    event.listen(sqlite_store.engine, "before_cursor_execute", record)
    yield seen
    event.remove(sqlite_store.engine, "before_cursor_execute", record)


def _story_plans(store: Store, statements: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    plans = []
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        for statement, params in statements:
            if "FROM story" not in statement:
                continue
            for row in raw.execute("EXPLAIN QUERY PLAN " + statement, params).fetchall():
                plans.append((statement, str(row[-1])))
    return plans


@pytest.mark.parametrize(
    "call",
    [
        lambda s: data.home_data(s, data.Page(1, 20)),
        lambda s: data.stories_data(s, data.Page(2, 20), sort="latest"),
        lambda s: data.stories_data(s, data.Page(1, 20), blindspot=True),
        lambda s: data.stories_data(s, data.Page(1, 20), sort="latest", blindspot=True),
        lambda s: data.stories_data(s, data.Page(1, 20), category="politics"),
    ],
    ids=["home", "latest", "blindspot-trending", "blindspot-latest", "category"],
)
def test_story_lists_never_scan_or_sort_all_stories(
    sqlite_store: Store, world: World, statements: list[tuple[str, Any]], call: Any
) -> None:
    with sqlite_store.session() as session:
        call(session)
    plans = _story_plans(sqlite_store, statements)
    assert plans
    for statement, plan in plans:
        assert plan != "SCAN story", statement
        if "GROUP BY" not in statement:  # the category list sorts its few groups
            assert "TEMP B-TREE" not in plan, (statement, plan)
        if plan.startswith(("SCAN", "SEARCH")) and "json_each" not in plan:
            assert "ix_story_" in plan or "PRIMARY KEY" in plan, plan
