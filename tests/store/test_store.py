from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from newsprism.errors import StoreError
from newsprism.store.db import Store
from newsprism.store.schema import Article, Base, Brief, Outlet, Story, managed_by_schema


def test_migrations_match_the_models(any_store: Store) -> None:
    with any_store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": managed_by_schema})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_upgrade_is_idempotent(any_store: Store) -> None:
    first = any_store.current_revision()
    any_store.upgrade()
    assert any_store.current_revision() == first
    any_store.check_schema()


def test_unmigrated_database_is_reported_with_the_fix(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(StoreError, match="newsprism db upgrade"):
        store.check_schema()


def test_canonical_url_is_unique(any_store: Store) -> None:
    with any_store.session() as s:
        s.add(Article(url="https://a.example/x", canonical_url="https://a.example/x"))
    with pytest.raises(IntegrityError), any_store.session() as s:
        s.add(Article(url="https://a.example/x?utm=1", canonical_url="https://a.example/x"))
    assert any_store.count(Article) == 1


def test_times_come_back_as_utc(any_store: Store) -> None:
    local = datetime(2025, 12, 13, 9, 30, tzinfo=timezone(timedelta(hours=3)))
    with any_store.session() as s:
        s.add(Article(url="u", canonical_url="u", published_at=local))
    with any_store.session() as s:
        got = s.scalar(select(Article.published_at))
    assert got == local
    assert got is not None
    assert got.utcoffset() == timedelta(0)


def test_json_columns_round_trip(any_store: Store) -> None:
    now = datetime.now(UTC)
    analysis = {"landscape": {"counts": {"left": 2, "other": 1}}, "framing": {"left": []}}
    with any_store.session() as s:
        s.add(Outlet(slug="o", name="O", domains=["o.example", "m.o.example"], lean="center"))
        s.add(Story(first_seen=now, last_updated=now, hashtags=["#Belarus"], analysis=analysis))
    with any_store.session() as s:
        outlet = s.scalars(select(Outlet)).one()
        story = s.scalars(select(Story)).one()
    assert outlet.domains == ["o.example", "m.o.example"]
    assert story.analysis == analysis
    assert story.hashtags == ["#Belarus"]


def test_brief_versions_are_unique_per_story(any_store: Store) -> None:
    now = datetime.now(UTC)
    with any_store.session() as s:
        story = Story(first_seen=now, last_updated=now)
        s.add(story)
        s.flush()
        s.add(Brief(story_id=story.id, version=1, generated_at=now, synthesizer="extractive"))
        story_id = story.id
    with pytest.raises(IntegrityError), any_store.session() as s:
        s.add(Brief(story_id=story_id, version=1, generated_at=now, synthesizer="extractive"))


def test_sqlite_runs_in_wal_mode(sqlite_store: Store) -> None:
    with sqlite_store.engine.connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    assert mode == "wal"


def test_brief_variants_are_stored_and_old_briefs_keep_none(any_store: Store) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from newsprism.store.db import alembic_config

    now = datetime.now(UTC)
    balanced = {"summary": [{"text": "x", "citations": []}]}
    with any_store.session() as s:
        story = Story(first_seen=now, last_updated=now)
        s.add(story)
        s.flush()
        s.add(Brief(story_id=story.id, version=1, generated_at=now, synthesizer="extractive",
                    variants={"balanced": balanced}))  # fmt: skip
        story_id = story.id
    with any_store.session() as s:
        assert s.scalars(select(Brief.variants)).one() == {"balanced": balanced}
    # before migration 0010 there is no column; upgrading again leaves old rows NULL
    command.downgrade(alembic_config(any_store.url), "0009")
    with any_store.engine.connect() as conn:
        assert "variants" not in {c["name"] for c in inspect(conn).get_columns("brief")}
    any_store.upgrade()
    with any_store.session() as s:
        brief = s.scalars(select(Brief).where(Brief.story_id == story_id)).one()
        assert brief.variants is None
        assert brief.synthesizer == "extractive"
