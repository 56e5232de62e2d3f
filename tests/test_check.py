"""`newsprism check`: each kind of inconsistency is found, a clean store passes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from newsprism.check import check_store
from newsprism.store.db import Store
from newsprism.store.schema import Article, Brief, Job, Story

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _store(tmp_path: Path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 'check.db'}")
    store.upgrade()
    return store


def _story(s: object, title: str, n: int) -> Story:
    story = Story(title=title, slug="", first_seen=NOW, last_updated=NOW, n_articles=n)
    s.add(story)  # type: ignore[attr-defined]
    s.flush()  # type: ignore[attr-defined]
    return story


def _article(s: object, i: int, story: Story | None, status: str = "clustered") -> None:
    s.add(  # type: ignore[attr-defined]
        Article(
            url=f"http://o.example/{i}",
            canonical_url=f"http://o.example/{i}",
            title=f"t{i}",
            status=status,
            story_id=story.id if story else None,
            embedding=b"\0" * 16,
        )
    )


def test_clean_store_is_consistent(tmp_path: Path) -> None:
    store = _store(tmp_path)
    with store.session() as s:
        story = _story(s, "Volcano erupts", 2)
        _article(s, 1, story)
        _article(s, 2, story)
        _article(s, 3, None, "embedded")
        s.add(Brief(story_id=story.id, version=1, revision=1, generated_at=NOW, synthesizer="x"))
    report = check_store(store)
    assert report["consistent"], report
    assert report["totals"] == {"articles": 3, "live_stories": 1, "briefs": 1}


def test_finds_ghosts_twins_impossible_articles_and_stuck_jobs(tmp_path: Path) -> None:
    store = _store(tmp_path)
    with store.session() as s:
        ghost = _story(s, "Volcano erupts", 3)
        twin = _story(s, "Volcano erupts", 1)
        _article(s, 1, twin)
        _article(s, 2, None, "clustered")  # clustered without a story
        _article(s, 3, twin, "embedded")  # a story without clustered
        _article(s, 4, None, "bogus")
        s.add(Job(stage="embed_articles", key="k1", state="dead", attempts=5))
    report = check_store(store)
    assert report["ghost_stories"] == {"count": 1, "examples": [ghost.id]}
    assert report["twin_stories"]["count"] == 1
    assert report["impossible_articles"]["count"] == 3
    assert report["stuck_jobs"]["count"] == 1
    assert not report["consistent"]


def test_a_second_brief_of_one_revision_is_refused(tmp_path: Path) -> None:
    store = _store(tmp_path)
    with store.session() as s:
        story = _story(s, "Volcano erupts", 0)
        s.add(Brief(story_id=story.id, version=1, revision=1, generated_at=NOW, synthesizer="x"))
    with pytest.raises(IntegrityError), store.session() as s:
        s.add(Brief(story_id=story.id, version=2, revision=1, generated_at=NOW, synthesizer="x"))
    assert check_store(store)["briefs_per_revision"]["count"] == 0


def test_cli_exits_1_with_json_report_when_inconsistent(tmp_path: Path) -> None:
    from test_cli import newsprism

    store = Store(f"sqlite:///{tmp_path / 'data' / 'newsprism.db'}")
    store.upgrade()
    clean = newsprism(tmp_path, "check", "--json")
    assert clean.returncode == 0, clean.stderr
    assert json.loads(clean.stdout)["consistent"] is True
    with store.session() as s:
        _story(s, "Ghost", 2)
    done = newsprism(tmp_path, "check", "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["ghost_stories"]["count"] == 1
