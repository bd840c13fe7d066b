"""The gold set through the real engine: fails when a metric drops below tests/gold/thresholds.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from bot.evaluation.baseline import DenseBaseline
from bot.evaluation.gold import DEFAULT_GOLD, EXTRA_GOLD, GoldSet, load_gold
from bot.evaluation.metrics import Summary
from bot.evaluation.report import SystemReport, system_report
from bot.evaluation.runner import EngineSystem, run

if TYPE_CHECKING:
    from index.embedder import Embedder
    from index.search import Searcher
    from index.store import IndexVersion

GOLD = load_gold(DEFAULT_GOLD)
EXTRA = load_gold(EXTRA_GOLD)
REALISTIC = load_gold(Path(__file__).parent / "gold" / "realistic.yaml")
CROSS = load_gold(Path(__file__).parent / "gold" / "cross.yaml")  # questions across inspections
ZH = load_gold(Path(__file__).parent / "gold" / "zh.yaml")  # Chinese articles, questions in both languages
ZH_CROSS = load_gold(Path(__file__).parent / "gold" / "zh_cross.yaml")  # Chinese questions, English articles
_ALL_THRESHOLDS = yaml.safe_load(
    (Path(__file__).parent / "gold" / "thresholds.yaml").read_text(encoding="utf-8")
)
THRESHOLDS: dict[str, float] = _ALL_THRESHOLDS["engine"]
EXTRA_THRESHOLDS: dict[str, float] = _ALL_THRESHOLDS["engine_extra"]
REALISTIC_THRESHOLDS: dict[str, float] = _ALL_THRESHOLDS["engine_realistic"]
CROSS_THRESHOLDS: dict[str, float] = _ALL_THRESHOLDS["engine_cross"]
ZH_THRESHOLDS: dict[str, float] = _ALL_THRESHOLDS["engine_zh"]
ZH_CROSS_THRESHOLDS: dict[str, float] = _ALL_THRESHOLDS["engine_zh_cross"]


@pytest.fixture(scope="module")
def engine_report(searcher: Searcher, index_version: IndexVersion) -> SystemReport:
    from bot.engine import AnswerEngine
    from bot.settings import Settings

    settings = Settings(LLM_BASE_URL=None, _env_file=None)  # the default, offline extractive engine
    engine = AnswerEngine(searcher, index_version, settings)
    return system_report(run(GOLD, EngineSystem(engine.answer, searcher)), GOLD.categories())


@pytest.fixture(scope="module")
def baseline_report(searcher: Searcher) -> SystemReport:
    return system_report(run(GOLD, DenseBaseline(searcher)), GOLD.categories())


def _report_over_own_corpus(gold: GoldSet, embedder: Embedder) -> SystemReport:
    """The engine on a gold set, over an index of that set's own corpus."""
    from bot.engine import AnswerEngine
    from bot.evaluation.runner import build_corpus_index
    from bot.settings import Settings
    from index.search import Searcher

    version = build_corpus_index(gold, embedder)
    searcher = Searcher(version, embedder)
    engine = AnswerEngine(searcher, version, Settings(LLM_BASE_URL=None, _env_file=None))
    return system_report(run(gold, EngineSystem(engine.answer, searcher)), gold.categories())


@pytest.fixture(scope="module")
def extra_report(embedder: Embedder) -> SystemReport:
    """The engine on the extra gold set, over an index of its larger corpus."""
    return _report_over_own_corpus(EXTRA, embedder)


@pytest.fixture(scope="module")
def realistic_report(embedder: Embedder) -> SystemReport:
    """The engine on the realistic gold set, over the seed documents and the realistic articles."""
    return _report_over_own_corpus(REALISTIC, embedder)


@pytest.fixture(scope="module")
def cross_report(embedder: Embedder) -> SystemReport:
    """The engine on the questions across inspections, over the seed, fixture and extra articles."""
    return _report_over_own_corpus(CROSS, embedder)


@pytest.fixture(scope="module")
def zh_report(embedder: Embedder) -> SystemReport:
    """The engine on the Chinese gold set, over the seed documents and the Chinese articles."""
    return _report_over_own_corpus(ZH, embedder)


@pytest.fixture(scope="module")
def zh_cross_report(embedder: Embedder) -> SystemReport:
    """The engine on Chinese questions over the realistic English articles."""
    return _report_over_own_corpus(ZH_CROSS, embedder)


RETRIEVAL_METRICS = {"recall_at_1", "recall_at_5", "mrr"}


def _failures(report: SystemReport, metric: str) -> list[str]:
    """The questions behind a low metric, for the assertion message."""
    if metric in RETRIEVAL_METRICS:
        return [f"{r.id}: rank {r.retrieval_rank}" for r in report.results if r.retrieval_scored]
    return [
        f"{r.id}: answered={r.answered} missing={r.missing_tokens} forbidden={r.forbidden_found} "
        f"ungrounded={r.ungrounded} -> {r.answer[:300]!r}"
        for r in report.results
        if not (r.correct and r.citation_correct is not False and r.grounded is not False)
    ]


def _assert_meets(report: SystemReport, metric: str, thresholds: dict[str, float]) -> None:
    value = getattr(report.overall, metric)
    assert value is not None and value >= thresholds[metric], (
        f"{metric} {value} < {thresholds[metric]}:\n" + "\n".join(_failures(report, metric))
    )


@pytest.mark.slow
@pytest.mark.parametrize("metric", sorted(THRESHOLDS))
def test_engine_meets_threshold(engine_report: SystemReport, metric: str) -> None:
    _assert_meets(engine_report, metric, THRESHOLDS)


@pytest.mark.slow
@pytest.mark.parametrize("metric", sorted(EXTRA_THRESHOLDS))
def test_engine_meets_threshold_on_the_extra_set(extra_report: SystemReport, metric: str) -> None:
    _assert_meets(extra_report, metric, EXTRA_THRESHOLDS)


@pytest.mark.slow
@pytest.mark.parametrize("metric", sorted(REALISTIC_THRESHOLDS))
def test_engine_meets_threshold_on_the_realistic_set(realistic_report: SystemReport, metric: str) -> None:
    _assert_meets(realistic_report, metric, REALISTIC_THRESHOLDS)


@pytest.mark.slow
@pytest.mark.parametrize("metric", sorted(CROSS_THRESHOLDS))
def test_engine_meets_threshold_on_the_cross_set(cross_report: SystemReport, metric: str) -> None:
    _assert_meets(cross_report, metric, CROSS_THRESHOLDS)


@pytest.mark.slow
@pytest.mark.parametrize("metric", sorted(ZH_THRESHOLDS))
def test_engine_meets_threshold_on_the_chinese_set(zh_report: SystemReport, metric: str) -> None:
    _assert_meets(zh_report, metric, ZH_THRESHOLDS)


@pytest.mark.slow
@pytest.mark.parametrize("metric", sorted(ZH_CROSS_THRESHOLDS))
def test_engine_meets_threshold_on_chinese_questions_over_english(
    zh_cross_report: SystemReport, metric: str
) -> None:
    _assert_meets(zh_cross_report, metric, ZH_CROSS_THRESHOLDS)


@pytest.mark.slow
def test_every_answer_is_grounded(engine_report: SystemReport) -> None:
    ungrounded = [(r.id, r.ungrounded) for r in engine_report.results if r.grounded is False]
    assert ungrounded == []


@pytest.mark.slow
def test_engine_beats_the_dense_baseline(engine_report: SystemReport, baseline_report: SystemReport) -> None:
    assert engine_report.overall.answer_accuracy > baseline_report.overall.answer_accuracy
    assert engine_report.overall.abstention_recall > (baseline_report.overall.abstention_recall or 0.0)


def test_thresholds_cover_the_quality_metrics() -> None:
    assert set(THRESHOLDS) <= set(Summary.model_fields)
    assert set(EXTRA_THRESHOLDS) <= set(Summary.model_fields)
    assert set(REALISTIC_THRESHOLDS) <= set(Summary.model_fields)
    assert THRESHOLDS["grounding_rate"] == EXTRA_THRESHOLDS["grounding_rate"] == 1.0
    assert REALISTIC_THRESHOLDS["grounding_rate"] == CROSS_THRESHOLDS["grounding_rate"] == 1.0
    assert set(CROSS_THRESHOLDS) <= set(Summary.model_fields)
    assert set(ZH_THRESHOLDS) | set(ZH_CROSS_THRESHOLDS) <= set(Summary.model_fields)
    assert ZH_THRESHOLDS["grounding_rate"] == ZH_CROSS_THRESHOLDS["grounding_rate"] == 1.0


@pytest.mark.slow
def test_dense_baseline_always_answers_with_its_top_passage(baseline_report: SystemReport) -> None:
    overall: Summary = baseline_report.overall
    assert all(r.answered for r in baseline_report.results)
    assert overall.grounding_rate == 1.0  # the answer is the quoted passage itself
    assert overall.abstention_recall == 0.0 and overall.abstention_precision is None
    assert overall.recall_at_5 is not None and overall.recall_at_5 > 0.5


@pytest.mark.slow
def test_evaluate_indexes_the_gold_corpus_and_scores_both_systems(tmp_path: Path) -> None:
    from bot.evaluation.command import evaluate
    from bot.settings import Settings

    small = tmp_path / "gold" / "small.yaml"
    small.parent.mkdir()
    corpus = [str(directory) for directory in GOLD.corpus]
    questions = [q.model_dump() for q in GOLD.questions if q.id in {"r2b4-punishment-cases", "unc-round4"}]
    small.write_text(yaml.safe_dump({"corpus": corpus, "questions": questions}), encoding="utf-8")
    report = evaluate(load_gold(small), small, Settings(LLM_BASE_URL=None, _env_file=None), None)
    assert (report.questions, report.documents) == (2, 9)
    assert set(report.systems) == {"engine", "baseline"}
    assert report.systems["baseline"].overall.abstention_recall == 0.0
