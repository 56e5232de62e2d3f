"""Sentence embeddings for the guard's semantic check: all-MiniLM-L6-v2 from its PyPI package.

Loaded once per process and never from a model hub.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from newsprism.nlp.onnx_minilm import OnnxMiniLM

__all__ = ["MemoEncoder", "MiniLMEncoder", "SentenceEncoder", "cosine_matrix", "shared_encoder"]


class SentenceEncoder(Protocol):
    """Anything that turns sentences into L2-normalised float32 rows (the `Embedder` shape)."""

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Embed *texts*: an (n, dim) float32 array with unit rows."""
        ...


class MiniLMEncoder(OnnxMiniLM):
    """all-MiniLM-L6-v2 on ONNX Runtime in float32: the torch path's vectors, faster.

    The guard's thresholds were set on sentence-transformers' float32 vectors; this graph
    gives the same vectors (cosine ≥ 0.99999, `newsprism.nlp.onnx_minilm`), never the
    int8 variant, whatever ``embed_backend`` the pipeline uses.
    """

    def __init__(self) -> None:
        super().__init__("onnx")


class MemoEncoder:
    """An encoder that embeds each distinct text once, remembering at most *max_texts*.

    The coverage and balanced pages of a story share most of their sentences (headline,
    key points, sources), and the next brief of a growing story repeats most of the last
    one's: checking each page for repeats embedded them again, most of a brief's CPU.
    Texts not seen yet are embedded in one call; the least recently used are forgotten
    first. Safe to share between threads.
    """

    def __init__(self, encoder: SentenceEncoder, max_texts: int | None = None) -> None:
        self.encoder = encoder
        self.max_texts = max_texts
        self._rows: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Unit-length embeddings of *texts*, from the memo where it has them."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:
            found = {t: self._rows[t] for t in texts if t in self._rows}
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            found.update(zip(missing, self.encoder.embed(missing), strict=True))
        with self._lock:
            for text in dict.fromkeys(texts):
                self._rows[text] = found[text]
                self._rows.move_to_end(text)
            while self.max_texts is not None and len(self._rows) > self.max_texts:
                self._rows.popitem(last=False)
        return np.vstack([found[t] for t in texts]).astype(np.float32)


_shared: dict[str, MiniLMEncoder] = {}
_shared_lock = threading.Lock()


def shared_encoder() -> MiniLMEncoder:
    """Return the process-wide `MiniLMEncoder` (built on first use)."""
    with _shared_lock:
        if "minilm" not in _shared:
            _shared["minilm"] = MiniLMEncoder()
        return _shared["minilm"]


def cosine_matrix(
    a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]
) -> npt.NDArray[np.float32]:
    """Cosine similarities of unit rows: (len(a), len(b))."""
    return np.asarray(a @ b.T, dtype=np.float32)
