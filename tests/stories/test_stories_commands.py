"""`newsprism recluster --since` from the command line."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from test_stories_stage import ARTICLES, START, _add, _drain, _settings
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.config import Settings
from newsprism.errors import ConfigError
from newsprism.pipeline import StageContext
from newsprism.store.db import Store
from newsprism.store.schema import Article
from newsprism.stories.commands import parse_since


def test_since_accepts_a_date_and_means_utc() -> None:
    assert parse_since("2026-03-02") == datetime(2026, 3, 2, tzinfo=UTC)


def test_since_rejects_what_is_not_a_date() -> None:
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        parse_since("last tuesday")


def test_recluster_command_reports_what_it_did(
    sqlite_store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(sqlite_store, ARTICLES)
    _drain(StageContext(sqlite_store, _settings(settings)))
    monkeypatch.setenv("NEWSPRISM_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("NEWSPRISM_EMBEDDER", "hashing")
    monkeypatch.setenv("NEWSPRISM_CLUSTER_THRESHOLD", "0.3")
    result = CliRunner().invoke(app, ["recluster", "--since", START.date().isoformat()])
    assert result.exit_code == 0, result.output
    assert f"released {len(ARTICLES)} articles" in result.output
    assert "into 3 stories" in result.output
    assert sqlite_store.count(Article, Article.status == "clustered") == len(ARTICLES)
