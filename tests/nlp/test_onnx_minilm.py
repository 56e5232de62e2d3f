"""The ONNX embedding path: the torch path's vectors, order-free, exported once and cached."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsprism.config import Settings
from newsprism.errors import ModelError
from newsprism.nlp.embed import MiniLMEmbedder, make_embedder
from newsprism.nlp.onnx_minilm import OnnxMiniLM, export_minilm

LONG = " ".join(
    f"Paragraph {i}: the city council voted on the budget while protesters gathered outside."
    for i in range(60)
)  # far past 256 word pieces: both paths must truncate at the same place
TEXTS = [
    "Fed raises rates",
    "Central bank lifts interest rates by a quarter point, citing stubborn inflation",
    "Cat video",
    "",
    "Heavy rain floods streets of Jakarta, thousands evacuated. " * 3,
    LONG,
    "Ünïcödé names: José Andrés and Zürich’s mayor met in São Paulo.",
]


@pytest.fixture(scope="module")
def torch_vectors() -> np.ndarray:
    return MiniLMEmbedder().embed(TEXTS)


@pytest.fixture(scope="module")
def onnx32() -> OnnxMiniLM:
    return OnnxMiniLM("onnx")


def test_float32_graph_gives_the_torch_vectors(
    onnx32: OnnxMiniLM, torch_vectors: np.ndarray
) -> None:
    vectors = onnx32.embed(TEXTS)
    assert vectors.dtype == np.float32
    assert vectors.shape == (len(TEXTS), 384)
    cosines = (vectors * torch_vectors).sum(axis=1)
    assert cosines.min() > 0.9999, cosines


def test_a_text_gets_the_same_vector_whatever_is_embedded_with_it(onnx32: OnnxMiniLM) -> None:
    together = onnx32.embed(TEXTS)
    reversed_rows = onnx32.embed(TEXTS[::-1])[::-1]
    one_by_one = np.vstack([onnx32.embed([t]) for t in TEXTS])
    # Padding to a batch's longest text changes float rounding only, never the vector.
    assert np.allclose(together, reversed_rows, atol=1e-5)
    assert np.allclose(together, one_by_one, atol=1e-5)


def test_int8_graph_stays_close_and_keeps_the_ranking(onnx32: OnnxMiniLM) -> None:
    int8 = OnnxMiniLM("onnx-int8")
    texts = [
        "Fed raises rates",
        "Central bank lifts interest rates",
        "Cat video goes viral",
        "Nvidia unveils its next generation of AI processors",
    ]
    exact, quantised = onnx32.embed(texts), int8.embed(texts)
    assert (exact * quantised).sum(axis=1).min() > 0.97
    sims = quantised @ quantised.T
    assert sims[0, 1] > sims[0, 2]
    assert sims[0, 1] > sims[0, 3]


def test_settings_choose_the_path() -> None:
    assert isinstance(make_embedder(Settings(embed_backend="torch")), MiniLMEmbedder)
    chosen = make_embedder(Settings(embed_backend="onnx-int8"))
    assert isinstance(chosen, OnnxMiniLM)
    assert chosen.variant == "onnx-int8"
    assert isinstance(make_embedder(Settings()), OnnxMiniLM)  # the measured default


def test_export_is_cached_and_a_broken_cache_file_is_named(tmp_path: Path) -> None:
    path = export_minilm("onnx", tmp_path)
    assert path.parent == tmp_path
    assert path.stat().st_size > 50_000_000
    stamp = path.stat().st_mtime_ns
    assert export_minilm("onnx", tmp_path) == path
    assert path.stat().st_mtime_ns == stamp  # not exported again
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left behind

    path.write_bytes(b"not a graph")
    with pytest.raises(ModelError, match=str(path)):
        OnnxMiniLM("onnx", cache_dir=tmp_path).embed(["hello"])


def test_an_unwritable_cache_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ModelError, match="NEWSPRISM_MODEL_CACHE"):
        export_minilm("onnx", blocker / "models")
