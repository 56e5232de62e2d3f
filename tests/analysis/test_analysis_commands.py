"""`newsprism analysis …` commands and the stage inside the pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from analysis_fixtures import StoryBuilder
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.config import Settings
from newsprism.pipeline import Pipeline, StageContext
from newsprism.store.db import Store
from newsprism.store.schema import Story

TEXT = "Belarus freed 52 prisoners after talks in Minsk with U.S. envoy John Coale."


@pytest.fixture
def cli_env(
    settings: Settings, sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> StoryBuilder:
    monkeypatch.setenv("NEWSPRISM_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("NEWSPRISM_CONFIG", str(Path(settings.data_dir) / "absent.toml"))
    builder = StoryBuilder(sqlite_store)
    builder.outlet("wire", "center")
    builder.story([{"outlet": "wire", "title": "Belarus frees prisoners", "text": TEXT}])
    return builder


def test_run_command_analyzes_changed_stories(cli_env: StoryBuilder) -> None:
    result = CliRunner().invoke(app, ["analysis", "run"])
    assert result.exit_code == 0, result.output
    assert "analyzed 1 stories, 0 failed" in result.output


def test_show_command_prints_the_stored_analysis_as_json(cli_env: StoryBuilder) -> None:
    runner = CliRunner()
    runner.invoke(app, ["analysis", "run"])
    with cli_env.store.session() as s:
        story_id = s.query(Story.id).scalar()
    result = runner.invoke(app, ["analysis", "show", str(story_id), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["landscape"]["counts"]["center"] == 1


def test_eval_categories_rejects_an_unknown_file_format(tmp_path: Path) -> None:
    data = tmp_path / "labels.txt"
    data.write_text("nothing useful\n")
    result = CliRunner().invoke(app, ["analysis", "eval-categories", "--data", str(data)])
    assert result.exit_code != 0
    assert "expected the UCI News Aggregator CSV" in str(result.exception)


def test_pipeline_runs_the_analysis_stage_until_drained(
    cli_env: StoryBuilder, settings: Settings
) -> None:
    cli_env.story([{"outlet": "wire", "title": "Belarus frees more prisoners", "text": TEXT}])
    reports = Pipeline(StageContext(cli_env.store, settings)).run_once(("analyze_stories",))
    assert reports[0].processed == 2
    assert cli_env.store.count(Story, Story.analyzed_revision == Story.revision) == 2
