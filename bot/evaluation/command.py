"""`inspectbot eval`: the engine and the dense baseline over the gold set, as tables and a JSON report."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from bot.evaluation.gold import DEFAULT_GOLD, GoldError, GoldSet, load_gold
from bot.evaluation.report import (
    DEFAULT_REPORT,
    Report,
    ReportError,
    compare,
    load_report,
    render,
    save_report,
    system_report,
)
from bot.settings import Settings, get_settings


def evaluate(gold: GoldSet, gold_path: Path, settings: Settings, index_dir: Path | None) -> Report:
    """Run the engine and the baseline over ``gold``, on ``index_dir`` or on a fresh index of its corpus."""
    from bot.engine import AnswerEngine
    from bot.evaluation.baseline import DenseBaseline
    from bot.evaluation.runner import EngineSystem, build_corpus_index, run
    from index.embedder import make_embedder
    from index.search import Searcher
    from index.store import open_index

    embedder = make_embedder(settings.model, settings.precision)
    if index_dir is None:
        version = build_corpus_index(gold, embedder)
    else:
        version = open_index(index_dir, model=settings.model, precision=settings.precision)
    searcher = Searcher(version, embedder)
    engine = AnswerEngine(searcher, version, settings)
    categories = gold.categories()
    # The baseline gets its own embedder (same loaded model, empty query cache), so that its latency
    # includes embedding the question, as the engine's does.
    baseline = DenseBaseline(Searcher(version, make_embedder(settings.model, settings.precision)))
    systems = {
        "engine": system_report(run(gold, EngineSystem(engine.answer, searcher)), categories),
        "baseline": system_report(run(gold, baseline), categories),
    }
    return Report(
        created=dt.datetime.now(dt.UTC),
        gold=str(gold_path),
        questions=len(gold.questions),
        documents=len(version.documents),
        chunks=len(version.chunks),
        systems=systems,
    )


@click.command("eval")
@click.option(
    "--gold",
    "gold_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_GOLD,
    show_default=True,
    help="Gold question file (YAML).",
)
@click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Use this built index instead of indexing the gold set's corpus in a temporary directory.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON report instead of the tables.")
@click.option(
    "--compare",
    "old_report",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="An earlier report: show per question what got better or worse.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_REPORT,
    show_default=True,
    help="Where to write the JSON report.",
)
def eval_command(
    gold_path: Path, index_dir: Path | None, as_json: bool, old_report: Path | None, output: Path
) -> None:
    """Score the answer engine and a dense top-1 baseline on the gold questions."""
    from index.embedder import EmbedderError
    from index.store import StoreError

    try:
        gold = load_gold(gold_path)
        old = load_report(old_report) if old_report else None
        if not as_json:
            click.echo(f"evaluating {len(gold.questions)} gold questions ...", err=True)
        report = evaluate(gold, gold_path, get_settings(), index_dir)
        save_report(report, output)
    except (GoldError, ReportError, StoreError, EmbedderError, OSError) as exc:
        click.echo(f"inspectbot: {exc}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(report.model_dump_json(indent=2))
    else:
        render(report, click.echo)
        click.echo(f"report written to {output}")
    if old is not None:
        click.echo("\n".join(compare(old, report)), err=as_json)
