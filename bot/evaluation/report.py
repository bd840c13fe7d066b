"""The evaluation report: its JSON form, the printed tables, and the comparison with an earlier report."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel, ValidationError

from bot.evaluation.metrics import QuestionResult, Summary, summarize, summarize_by_category
from bot.settings import REPO_ROOT

DEFAULT_REPORT = REPO_ROOT / "reports" / "eval-latest.json"


class ReportError(Exception):
    """A report file cannot be read; the message is one line."""


class SystemReport(BaseModel):
    """Metrics of one system overall and per category, with every question's result."""

    overall: Summary
    categories: dict[str, Summary]
    results: list[QuestionResult]


class Report(BaseModel):
    """A full evaluation run: the engine and the baseline on the same gold set and index."""

    created: dt.datetime
    gold: str
    questions: int
    documents: int
    chunks: int
    systems: dict[str, SystemReport]


def system_report(results: Sequence[QuestionResult], categories: Sequence[str]) -> SystemReport:
    """Summaries of ``results`` overall and per category."""
    return SystemReport(
        overall=summarize(results),
        categories=summarize_by_category(results, categories),
        results=list(results),
    )


def save_report(report: Report, path: Path) -> None:
    """Write the report as indented JSON, creating the directory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")


def load_report(path: Path) -> Report:
    """Read a report written by ``save_report``."""
    try:
        return Report.model_validate_json(Path(path).read_bytes())
    except OSError as exc:
        raise ReportError(f"cannot read report {path}: {exc.strerror or exc}") from exc
    except ValidationError as exc:
        raise ReportError(
            f"{path} is not an inspectbot eval report; run `inspectbot eval` to write one"
        ) from exc


# (header, Summary field, format) of the printed table.
COLUMNS: list[tuple[str, str, str]] = [
    ("n", "n", "d"),
    ("answer", "answer_accuracy", "pct"),
    ("citation", "citation_accuracy", "pct"),
    ("grounded", "grounding_rate", "pct"),
    ("abst P", "abstention_precision", "pct"),
    ("abst R", "abstention_recall", "pct"),
    ("R@1", "recall_at_1", "pct"),
    ("R@5", "recall_at_5", "pct"),
    ("MRR", "mrr", "f2"),
    ("p50 ms", "latency_p50_ms", "f1"),
    ("p95 ms", "latency_p95_ms", "f1"),
]


def _cell(value: float | int | None, kind: str) -> str:
    if value is None:
        return "-"
    if kind == "pct":
        return f"{100 * value:.1f}%"
    if kind == "f2":
        return f"{value:.2f}"
    if kind == "f1":
        return f"{value:.1f}"
    return str(value)


def table_rows(system: SystemReport) -> list[list[str]]:
    """One row per category and a last 'overall' row, cells formatted for printing."""
    rows = []
    for name, summary in [*system.categories.items(), ("overall", system.overall)]:
        rows.append([name, *(_cell(getattr(summary, field), kind) for _, field, kind in COLUMNS)])
    return rows


def headers() -> list[str]:
    """Column headers of ``table_rows``."""
    return ["category", *(header for header, _, _ in COLUMNS)]


def plain_table(title: str, header: list[str], rows: list[list[str]]) -> str:
    """A left-aligned first column and right-aligned others, padded to the widest cell."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(cells)
        )

    rule = "-" * len(line(header))
    return "\n".join([title, line(header), rule, *(line(row) for row in rows[:-1]), rule, line(rows[-1])])


def render(report: Report, echo: Callable[[str], None]) -> None:
    """Print one table per system (rich when installed, else plain text) and the engine's gain."""
    for name, system in report.systems.items():
        title = f"{name} - {report.questions} questions, {report.documents} documents, {report.chunks} chunks"
        if rich_installed():
            _print_rich(title, table_rows(system))
        else:
            echo(plain_table(title, headers(), table_rows(system)) + "\n")
    echo(gain_line(report))


def rich_installed() -> bool:
    """Whether the optional ``rich`` package is there to draw the tables."""
    return importlib.util.find_spec("rich") is not None


def _print_rich(title: str, rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for i, header in enumerate(headers()):
        table.add_column(header, justify="left" if i == 0 else "right")
    for row in rows[:-1]:
        table.add_row(*row)
    table.add_section()
    table.add_row(*rows[-1], style="bold")
    Console(width=max(130, Console().width)).print(table)


def gain_line(report: Report) -> str:
    """One line: the engine's answer and citation accuracy against the baseline's."""
    if not {"engine", "baseline"} <= report.systems.keys():
        return ""
    engine, base = report.systems["engine"].overall, report.systems["baseline"].overall
    parts = [
        f"{label} {_cell(getattr(engine, field), 'pct')} vs {_cell(getattr(base, field), 'pct')}"
        for label, field in (
            ("answer accuracy", "answer_accuracy"),
            ("citation accuracy", "citation_accuracy"),
        )
    ]
    return "engine vs baseline: " + ", ".join(parts)


def _verdict(result: QuestionResult) -> str:
    if result.correct:
        return "right"
    if result.answered and not result.expect_answered:
        return "answered (should refuse)"
    if not result.answered and result.expect_answered:
        return "refused"
    if result.forbidden_found:
        return "wrong figure " + ", ".join(result.forbidden_found)
    return "missing " + ", ".join(result.missing_tokens)


def _quality(result: QuestionResult) -> tuple[int, int, int]:
    """Ordered so that higher is better: correct answer first, then citation, then grounding."""
    return (int(result.correct), int(bool(result.citation_correct)), int(result.grounded is not False))


def compare(old: Report, new: Report) -> list[str]:
    """Lines saying, per system and question, what got better or worse, then the overall metric changes."""
    lines = []
    for name, system in new.systems.items():
        before = {result.id: result for result in old.systems[name].results} if name in old.systems else {}
        better, worse = [], []
        for result in system.results:
            previous = before.get(result.id)
            if previous is None:
                continue
            if _quality(result) > _quality(previous):
                better.append(f"  better  {result.id}: {_verdict(previous)} -> {_verdict(result)}")
            elif _quality(result) < _quality(previous):
                worse.append(f"  worse   {result.id}: {_verdict(previous)} -> {_verdict(result)}")
            elif previous.retrieval_rank != result.retrieval_rank:
                target = better if _rank_key(result) < _rank_key(previous) else worse
                label = "better " if target is better else "worse  "
                ranks = f"{previous.retrieval_rank} -> {result.retrieval_rank}"
                target.append(f"  {label} {result.id}: retrieval rank {ranks}")
        lines.append(f"{name}: {len(better)} better, {len(worse)} worse")
        lines.extend(better + worse)
        if name in old.systems:
            lines.extend(_metric_changes(old.systems[name].overall, system.overall))
    return lines


def _rank_key(result: QuestionResult) -> int:
    return result.retrieval_rank or 10**6


def _metric_changes(old: Summary, new: Summary) -> list[str]:
    changes = []
    for header, field, kind in COLUMNS:
        a, b = getattr(old, field), getattr(new, field)
        if a != b:
            changes.append(f"  {header}: {_cell(a, kind)} -> {_cell(b, kind)}")
    return changes
