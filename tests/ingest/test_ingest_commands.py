"""``newsprism feeds …`` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ingest_fixtures import rss
from sqlalchemy import select
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.store.db import Store
from newsprism.store.schema import Article, Feed

runner = CliRunner()


@pytest.fixture
def cli_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("NEWSPRISM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NEWSPRISM_ALLOW_HOSTS", '["127.0.0.0/8"]')
    monkeypatch.setenv("NEWSPRISM_PER_HOST_DELAY", "0")
    monkeypatch.setenv("NEWSPRISM_RETRIES", "0")
    monkeypatch.setenv("NEWSPRISM_CONFIG", str(tmp_path / "absent.toml"))
    store = Store(f"sqlite:///{tmp_path / 'data' / 'newsprism.db'}")
    store.upgrade()
    return store


def _add(store: Store, url: str, **columns: Any) -> int:
    with store.session() as s:
        feed = Feed(url=url, **columns)
        s.add(feed)
        s.flush()
        return feed.id


def test_feeds_list_json_shows_health(cli_store: Store) -> None:
    _add(cli_store, "http://127.0.0.1:1/ok")
    bad = _add(cli_store, "http://127.0.0.1:1/bad", failures=3, last_error="HTTP 404 from …")
    result = runner.invoke(app, ["feeds", "list", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert [r["url"] for r in rows] == ["http://127.0.0.1:1/ok", "http://127.0.0.1:1/bad"]
    assert rows[1]["id"] == bad
    assert rows[1]["failures"] == 3
    assert rows[1]["last_error"] == "HTTP 404 from …"


def test_feeds_list_failing_shows_only_failing_and_paused(cli_store: Store) -> None:
    _add(cli_store, "http://127.0.0.1:1/ok")
    _add(cli_store, "http://127.0.0.1:1/bad", failures=1, last_error="timeout")
    _add(cli_store, "http://127.0.0.1:1/paused", paused=True)
    result = runner.invoke(app, ["feeds", "list", "--failing", "--json"])
    urls = [json.loads(line)["url"] for line in result.output.splitlines() if line.strip()]
    assert urls == ["http://127.0.0.1:1/bad", "http://127.0.0.1:1/paused"]


def test_feeds_pause_and_resume(cli_store: Store) -> None:
    feed_id = _add(cli_store, "http://127.0.0.1:1/f", failures=8, paused=True)
    assert runner.invoke(app, ["feeds", "resume", str(feed_id)]).exit_code == 0
    with cli_store.session() as s:
        feed = s.get(Feed, feed_id)
        assert feed is not None
        assert (feed.paused, feed.failures) == (False, 0)
    assert runner.invoke(app, ["feeds", "pause", str(feed_id)]).exit_code == 0
    with cli_store.session() as s:
        assert s.get(Feed, feed_id).paused is True  # type: ignore[union-attr]


def test_feeds_pause_unknown_id_says_what_to_do(cli_store: Store) -> None:
    result = runner.invoke(app, ["feeds", "pause", "999"])
    assert result.exit_code != 0
    assert "feeds list" in str(result.exception)


def test_feeds_poll_stores_new_articles(cli_store: Store, http_server: Any) -> None:
    http_server.routes["/feed"] = (
        200,
        {"Content-Type": "application/rss+xml"},
        rss(
            [
                {"title": "A", "link": "https://news.example/a"},
                {"title": "B", "link": "https://news.example/b"},
            ]
        ),
    )
    _add(cli_store, http_server.url("/feed"))
    result = runner.invoke(app, ["feeds", "poll"])
    assert result.exit_code == 0, result.output
    assert "2 new articles" in result.output
    with cli_store.session() as s:
        urls = list(s.scalars(select(Article.canonical_url).order_by(Article.id)))
    assert urls == ["https://news.example/a", "https://news.example/b"]


def test_feeds_failing_shortcut_lists_failing_feeds(cli_store: Store) -> None:
    _add(cli_store, "http://127.0.0.1:1/ok")
    _add(cli_store, "http://127.0.0.1:1/bad", failures=2, last_error="HTTP 500")
    result = runner.invoke(app, ["feeds", "--failing", "--json"])
    assert result.exit_code == 0, result.output
    urls = [json.loads(line)["url"] for line in result.output.splitlines() if line.strip()]
    assert urls == ["http://127.0.0.1:1/bad"]
