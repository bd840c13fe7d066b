"""The Chinese fixture set itself: the articles, their true metadata and the Chinese gold questions.

The articles in tests/fixtures/zh_articles/ are read through the real loader (as `inspectbot index` reads
documents/); every gold document exists, every expected token is in an expected article as the index stores
it, every forbidden figure is in the corpus, the GB18030 file really is GB18030 (and not UTF-8) and the
traditional-character page really is written in traditional characters. No engine quality is asserted here:
the zh gold sets are measured with `inspectbot eval --gold tests/gold/zh.yaml`. Only the articles' metadata
(round / batch / phase and publication date, as the indexer reads them) must stay at the `zh_meta` thresholds.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import cache
from pathlib import Path

import opencc
import pytest
import yaml
from pydantic import BaseModel, ConfigDict

from bot.evaluation.gold import GoldQuestion, GoldSet, load_gold
from bot.evaluation.matching import contains, numbers_in
from bot.evaluation.runner import corpus_files
from index.models import InspectionScope, Phase
from index.text.documents import read_document
from index.text.loaders import is_article_path, load_article
from tests.conftest import gold_params

HERE = Path(__file__).parent
ARTICLES = HERE / "fixtures" / "zh_articles"
META_FILE = HERE / "gold" / "zh_meta.yaml"
SETS: dict[str, GoldSet] = {
    "zh": load_gold(HERE / "gold" / "zh.yaml"),  # Chinese and English questions over the Chinese articles
    "zh_cross": load_gold(HERE / "gold" / "zh_cross.yaml"),  # Chinese questions over the English articles
}
GB18030_FILE = ARTICLES / "lookback2-2018-12-08-gb18030.txt"
TRADITIONAL_FILE = ARTICLES / "crntt-2020-10-04-r2b2-traditional.txt"
MAX_BYTES = 5_000_000
_ALL_THRESHOLDS = yaml.safe_load((HERE / "gold" / "thresholds.yaml").read_text(encoding="utf-8"))
META_THRESHOLDS: dict[str, float] = _ALL_THRESHOLDS["zh_meta"]


class TrueMeta(BaseModel):
    """One article's true inspection and publication date (as in realistic_meta.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    round: int | None
    batch: int | None
    phase: Phase | None
    date: dt.date

    def scope(self) -> InspectionScope:
        return InspectionScope(round=self.round, batch=self.batch, phase=self.phase)


@cache
def true_meta() -> dict[str, TrueMeta]:
    raw = yaml.safe_load(META_FILE.read_text(encoding="utf-8"))["articles"]
    return {name: TrueMeta.model_validate(entry) for name, entry in raw.items()}


def _article_paths() -> list[Path]:
    return [path for path in sorted(ARTICLES.iterdir()) if is_article_path(path)]


@cache
def texts(name: str) -> dict[str, str]:
    """doc_id (file stem) -> the article text as the index stores it, for the corpus of one gold set."""
    return {
        path.stem: load_article(path, MAX_BYTES).text
        for path in corpus_files(SETS[name])
        if is_article_path(path)
    }


def _width_folded(text: str) -> str:
    """Full-width digits and signs as ASCII (NFKC), to find a figure however its digits are written."""
    return unicodedata.normalize("NFKC", text)


def test_every_article_reads_as_a_chinese_document() -> None:
    paths = _article_paths()
    assert len(paths) >= 14
    for path in paths:
        document = read_document(path, ARTICLES, MAX_BYTES)
        han = sum("\u4e00" <= char <= "\u9fff" for char in document.text)
        assert han > 150, f"{path.name}: {han} Han characters in the loaded text"


def test_every_article_has_its_true_metadata() -> None:
    assert set(true_meta()) == {path.name for path in _article_paths()}
    phases = {truth.phase for truth in true_meta().values()}
    assert {"pilot", "lookback", None} <= phases
    assert {truth.round for truth in true_meta().values()} >= {1, 2, 3}


@pytest.mark.parametrize(("field", "metric"), [("scope", "scope_accuracy"), ("date", "date_accuracy")])
def test_metadata_accuracy_meets_threshold(field: str, metric: str) -> None:
    misses = []
    for name, truth in true_meta().items():
        meta = read_document(ARTICLES / name, ARTICLES, MAX_BYTES).meta
        found, expected = (meta.scope, truth.scope()) if field == "scope" else (meta.date, truth.date)
        if found != expected:
            misses.append(f"{name}: {found}, expected {expected}")
    accuracy = 1 - len(misses) / len(true_meta())
    assert accuracy >= META_THRESHOLDS[metric], f"{metric} {accuracy:.3f}:\n" + "\n".join(misses)


def test_the_sets_have_chinese_english_and_refusal_questions() -> None:
    zh, cross = SETS["zh"], SETS["zh_cross"]
    chinese = [q for q in zh.questions if not q.question.isascii()]
    english = [q for q in zh.questions if q.question.isascii()]
    assert len(chinese) >= 40 and len(english) >= 10
    assert sum(not q.expect_answered for q in chinese) >= 5
    assert len(cross.questions) >= 6 and not any(q.question.isascii() for q in cross.questions)
    assert ARTICLES.resolve() in zh.corpus and ARTICLES.resolve() not in cross.corpus


@pytest.mark.parametrize(("name", "question"), gold_params(SETS))
def test_expected_documents_exist(name: str, question: GoldQuestion) -> None:
    assert set(question.doc_ids) <= texts(name).keys()


@pytest.mark.parametrize(("name", "question"), gold_params(SETS, lambda q: q.tokens))
def test_expected_tokens_are_in_the_expected_documents(name: str, question: GoldQuestion) -> None:
    """One form of each token is verbatim in an expected article; every other form is verbatim in another
    expected article (the English seed's "1,158" beside "1158家") or writes the same digits ("478人" for
    "４７８人")."""
    sources = [texts(name)[doc_id] for doc_id in question.doc_ids]
    for forms in question.tokens:
        if set(forms) <= set(question.computed):
            continue  # a computed total or difference is in no article
        verbatim = [form for form in forms if any(contains(text, form) for text in sources)]
        assert verbatim, f"none of {forms} occurs in {question.doc_ids}"
        figures = [sorted(numbers_in(form)) for form in verbatim]
        for form in set(forms) - set(verbatim):
            assert sorted(numbers_in(form)) in figures, f"{form!r} states other figures than {verbatim}"


@pytest.mark.parametrize(("name", "question"), gold_params(SETS, lambda q: q.forbidden))
def test_forbidden_figures_exist_in_the_corpus(name: str, question: GoldQuestion) -> None:
    corpus = [_width_folded(text) for text in texts(name).values()]
    for token in question.forbidden:
        assert any(contains(text, _width_folded(token)) for text in corpus), f"{token!r} is in no article"


def test_the_gb18030_file_is_gb18030_and_not_utf8() -> None:
    raw = GB18030_FILE.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    decoded = raw.decode("gb18030")
    loaded = load_article(GB18030_FILE, MAX_BYTES)
    assert "立案处罚2991家" in decoded and "立案处罚2991家" in loaded.text
    assert loaded.given["source"] == "生态环境部网站"  # from its UTF-8 sidecar


def test_the_traditional_page_is_written_in_traditional_characters() -> None:
    text = load_article(TRADITIONAL_FILE, MAX_BYTES).text
    to_simplified = opencc.OpenCC("t2s")
    traditional = [char for char in set(text) if to_simplified.convert(char) != char]
    assert len(traditional) >= 40, f"only {len(traditional)} distinct traditional characters"
    for phrase in ("第二輪第二批", "立案處罰1000家", "7905.57萬元", "問責104人"):
        assert phrase in text
    assert "第二轮" not in text and "处罚" not in text
