"""The ``newsprism outlets`` commands as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.outlets.registry import load_registry
from newsprism.store.db import Store
from newsprism.store.schema import Feed, Outlet


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSPRISM_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("NEWSPRISM_OUTLETS_OVERRIDES", str(tmp_path / "outlets.local.csv"))
    monkeypatch.setenv("NEWSPRISM_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def invoke(*args: str) -> str:
    result = CliRunner().invoke(app, ["outlets", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_stats_json_has_the_documented_keys(cli_env: Path) -> None:
    data = json.loads(invoke("stats", "--json"))
    for key in ("outlets", "rated", "outside_us", "languages", "by_lean", "by_country"):
        assert key in data
    assert {"by_language", "factuality"} <= set(data)
    assert sum(data["by_lean"].values()) == data["outlets"] == len(load_registry())
    assert sum(data["by_country"].values()) == data["outlets"]


def test_stats_table_shows_the_counts(cli_env: Path) -> None:
    output = invoke("stats")
    assert "outside_us" in output
    assert "lean lean_left" in output


def test_list_filters_by_lean_and_country(cli_env: Path) -> None:
    rows = json.loads(invoke("list", "--lean", "right", "--country", "us", "--json"))
    assert rows
    assert {(r["lean"], r["country"]) for r in rows} == {("right", "US")}
    assert "breitbart" in {r["slug"] for r in rows}


def test_show_prints_rating_provenance_and_feeds(cli_env: Path) -> None:
    output = invoke("show", "bbc-news")
    assert "BBC News" in output
    assert "center (AllSides" in output
    assert "https://feeds.bbci.co.uk/news/world/rss.xml  [World]" in output


def test_show_unknown_slug_suggests_near_ones(cli_env: Path) -> None:
    result = CliRunner().invoke(app, ["outlets", "show", "bbc-nws"])
    assert result.exit_code != 0
    assert "Did you mean" in str(result.exception)
    assert "bbc-news" in str(result.exception)


def test_sync_loads_the_registry_into_the_database(cli_env: Path) -> None:
    store = Store(f"sqlite:///{cli_env / 'data' / 'newsprism.db'}")
    store.upgrade()
    first = invoke("sync")
    second = invoke("sync")
    records = load_registry()
    assert f"synced {len(records)} outlets ({len(records)} new)" in first
    assert "(0 new)" in second
    assert store.count(Outlet) == len(records)
    assert store.count(Feed) == sum(len(r.feeds) for r in records)
    store.dispose()


def test_every_outlets_command_and_setting_is_documented() -> None:
    from newsprism.config import Settings
    from newsprism.outlets.commands import app as outlets_app

    docs = (Path(__file__).resolve().parents[2] / "docs" / "outlets.md").read_text("utf-8")
    for command in outlets_app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert f"newsprism outlets {name}" in docs, name
    for setting in ("outlets_overrides", "min_factuality"):
        assert f"`{setting}`" in docs
        assert f"NEWSPRISM_{setting.upper()}" in docs
        assert setting in Settings.model_fields


def test_importing_the_cli_does_not_load_the_registry_modules() -> None:
    import subprocess
    import sys

    code = (
        "import sys, newsprism.cli; "
        "print(sorted(m for m in sys.modules if m.startswith('newsprism.outlets.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['newsprism.outlets.commands']"
