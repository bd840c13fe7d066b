"""BM25 over Chinese: jieba words, numbers split from their counters, traditional folded to simplified,
English unchanged; a mixed index where Chinese passages do not crowd out the English answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.evaluation.gold import DEFAULT_GOLD, load_gold
from index.builder import build_index
from index.embedder import TextEmbedder
from index.lexical import TOKENIZER_VERSION, Lexical, tokenize
from index.search import Searcher
from index.store import IndexVersion, open_index
from tests.conftest import REPO_ROOT, copy_corpus

ZH_ARTICLES = REPO_ROOT / "tests" / "fixtures" / "zh_articles"
TOP = 8  # the passages the engine reads

# Our own sentences, real figures.
TRADITIONAL = (
    "中評社北京電／第二輪第二批中央生態環境保護督察全部完成督察反饋。"
    "督察期間，各地立案處罰2204家，罰款1.82億元，問責一批領導幹部。"
)
SIMPLIFIED = (
    "第二轮第四批中央生态环境保护督察组进驻吉林、山东等省份。"
    "截至9月15日20时，立案处罚1158家，罚款4006万元，拘留61人。"
)
DISTRACTOR = "第二轮第一批督察组进驻上海、福建等地，第二批督察组随后也进驻了有关省份，批次安排已公布。"
ENGLISH = "In the second batch of the second round, 2,204 companies were filed for punishment and fined."


def test_chinese_is_cut_into_words_with_numbers_apart_from_their_counters() -> None:
    tokens = tokenize("其中立案处罚1158家，罚款4006万元，拘留61人。")
    assert {"立案", "处罚", "罚款", "拘留"} <= set(tokens)
    assert tokens.index("1158") + 1 == tokens.index("家")
    assert tokens.index("4006") + 1 == tokens.index("万元")
    assert "61" in tokens and "1158家" not in tokens and "其中" not in tokens  # a function word
    assert "立" not in tokens  # words, not single characters


def test_search_mode_keeps_the_words_inside_a_long_word() -> None:
    assert {"督察", "督察组"} <= set(tokenize("督察组进驻河北省"))
    assert {"河北", "河北省"} <= set(tokenize("督察组进驻河北省"))


def test_traditional_and_full_width_text_tokenises_as_simplified() -> None:
    assert tokenize("第二輪立案處罰２２０４家") == tokenize("第二轮立案处罚2204家")


def test_english_tokens_are_unchanged_beside_chinese() -> None:
    english = "Of the 3,866 cases, 1,158 were filed for punishment (4th batch)."
    assert tokenize(english) == ["3866", "case", "1158", "file", "punish", "4th", "batch"]
    assert tokenize(f"据报道，{english}") == ["据", "报道", *tokenize(english)]


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, multilingual: TextEmbedder) -> Searcher:
    """Two Chinese passages (one traditional), a distractor sharing their characters, an English one."""
    documents = tmp_path_factory.mktemp("zh-documents")
    for name, text in (
        ("crntt-r2b2", TRADITIONAL),
        ("chinanews-r2b4", SIMPLIFIED),
        ("batches", DISTRACTOR),
        ("r2b2-en", ENGLISH),
    ):
        (documents / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("zh-index")
    build_index(documents, index_dir, multilingual)
    return Searcher(open_index(index_dir), multilingual)


@pytest.mark.parametrize(
    ("question", "doc_id"),
    [
        ("第二轮第四批督察立案处罚了多少家企业？", "chinanews-r2b4"),
        ("第二轮第二批立案处罚多少家？罚款多少？", "crntt-r2b2"),  # the passage is in traditional characters
        ("第二輪第四批督察拘留了多少人？", "chinanews-r2b4"),  # a traditional question
    ],
)
def test_a_chinese_question_finds_the_chinese_passage(small: Searcher, question: str, doc_id: str) -> None:
    hits = small.search(question, k=4, mode="bm25")
    assert hits and hits[0].chunk.doc_id == doc_id, [hit.chunk.doc_id for hit in hits]
    assert small.search(question, k=1)[0].chunk.doc_id == doc_id  # and hybrid search with e5


def test_a_stored_bm25_of_another_tokeniser_is_rebuilt_at_load(small: Searcher, tmp_path: Path) -> None:
    version = small.version
    copy = tmp_path / "version"
    shutil.copytree(version.path, copy)
    assert Lexical.load(copy, len(version.chunks)) is not None
    marker = copy / "bm25.tokenizer.json"
    marker.write_text(f'{{"tokenizer_version": {TOKENIZER_VERSION - 1}}}', encoding="utf-8")
    assert Lexical.load(copy, len(version.chunks)) is None  # the Searcher then builds it afresh
    marker.unlink()
    assert Lexical.load(copy, len(version.chunks)) is None  # a version stored before the marker


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory, embedder: TextEmbedder) -> Searcher:
    """The English test corpus and the Chinese test articles in one index (the default model, as the
    session's English-only ``searcher``)."""
    documents = copy_corpus(tmp_path_factory.mktemp("mixed-documents"))
    for path in ZH_ARTICLES.iterdir():
        shutil.copy2(path, documents / path.name)
    index_dir = tmp_path_factory.mktemp("mixed-index")
    build_index(documents, index_dir, embedder)
    return Searcher(open_index(index_dir), embedder)


def _rank(searcher: Searcher, question: str, doc_ids: list[str]) -> int | None:
    hits = searcher.search(question, k=TOP)
    return next((hit.rank for hit in hits if hit.chunk.doc_id in doc_ids), None)


def test_chinese_passages_do_not_crowd_english_answers_out_of_the_top(
    mixed: Searcher, searcher: Searcher, index_version: IndexVersion
) -> None:
    chinese = {chunk.doc_id for chunk in mixed.version.chunks} - set(index_version.documents)
    assert len(chinese) >= 15, "the Chinese articles are indexed"
    english = [
        q
        for q in load_gold(DEFAULT_GOLD).questions
        if q.expect_answered and q.question.isascii() and q.doc_ids
    ]
    assert len(english) >= 100
    lost = []
    for question in english:
        alone = _rank(searcher, question.question, question.doc_ids)
        if alone is not None and _rank(mixed, question.question, question.doc_ids) is None:
            lost.append(question.id)
    assert lost == [], f"answers pushed out of the top {TOP} by Chinese passages: {lost}"
