"""The eval report: JSON round trip, printed tables, --compare, and the `eval` command (engine faked)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.answer import Answer, Citation
from bot.evaluation import command
from bot.evaluation import report as report_module
from bot.evaluation.gold import GoldQuestion
from bot.evaluation.metrics import QuestionResult, score
from bot.evaluation.report import (
    Report,
    ReportError,
    compare,
    headers,
    load_report,
    plain_table,
    render,
    save_report,
    system_report,
    table_rows,
)

SEED = "2021-09-19-chinanews-round2-batch4-progress"
QUESTION = GoldQuestion(
    id="r2b4-fines",
    question="How much were the fines?",
    category="money",
    expect_answered=True,
    tokens=["40.06 million yuan"],
    doc_ids=[SEED],
)
REFUSE = GoldQuestion(
    id="off", question="Capital of France?", category="refuse_off_topic", expect_answered=False
)
QUOTE = "1,158 were filed for punishment and a fine of 40.06 million yuan"


def _answer(text: str, answered: bool = True) -> Answer:
    citations = [Citation(n=1, doc_id=SEED, title="t", source=None, date=None, quote=QUOTE, start=0, end=9)]
    return Answer(
        question="q", answered=answered, answer=text, citations=citations if answered else [], latency_ms=1
    )


def _results(fines_text: str, refuse: bool) -> list[QuestionResult]:
    return [
        score(QUESTION, _answer(fines_text), 5.0, None),
        score(REFUSE, _answer("Not covered.", answered=not refuse), 7.0, None),
    ]


def _report(fines_text: str = "A fine of 40.06 million yuan [1].", refuse: bool = True) -> Report:
    categories = ["money", "refuse_off_topic"]
    return Report(
        created=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        gold="tests/gold/gold.yaml",
        questions=2,
        documents=9,
        chunks=40,
        systems={
            "engine": system_report(_results(fines_text, refuse), categories),
            "baseline": system_report(_results("1,158 were filed [1].", False), categories),
        },
    )


def test_report_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "reports" / "r.json"
    save_report(_report(), path)
    assert load_report(path) == _report()
    data = json.loads(path.read_text())
    assert data["systems"]["engine"]["overall"]["answer_accuracy"] == 1.0
    assert data["systems"]["baseline"]["overall"]["answer_accuracy"] == 0.0


def test_load_report_errors_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    with pytest.raises(ReportError, match="not an inspectbot eval report"):
        load_report(bad)
    with pytest.raises(ReportError, match="cannot read"):
        load_report(tmp_path / "missing.json")


def test_tables() -> None:
    rows = table_rows(_report().systems["engine"])
    assert [row[0] for row in rows] == ["money", "refuse_off_topic", "overall"]
    overall = dict(zip(headers(), rows[-1], strict=True))
    assert overall["answer"] == "100.0%" and overall["abst R"] == "100.0%" and overall["R@1"] == "-"
    text = plain_table("engine", headers(), rows)
    lines = text.splitlines()
    assert lines[0] == "engine" and lines[1].startswith("category")
    assert len({len(line) for line in lines[1:]}) == 1  # aligned


def test_render_prints_both_systems_and_the_gain(capsys: pytest.CaptureFixture[str]) -> None:
    echoed: list[str] = []
    render(_report(), echoed.append)
    printed = capsys.readouterr().out + "\n".join(echoed)
    assert "engine" in printed and "baseline" in printed and "overall" in printed
    assert (
        echoed[-1] == "engine vs baseline: answer accuracy 100.0% vs 0.0%, citation accuracy 100.0% vs 100.0%"
    )


def test_render_falls_back_to_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_module, "rich_installed", lambda: False)
    echoed: list[str] = []
    render(_report(), echoed.append)
    assert echoed[0].startswith("engine - 2 questions, 9 documents, 40 chunks\ncategory")
    assert echoed[1].startswith("baseline - ") and "overall" in echoed[1]
    assert echoed[2].startswith("engine vs baseline: ")


def test_compare_names_better_and_worse_questions() -> None:
    old = _report(fines_text="A fine of 40.06 million yuan [1].", refuse=False)
    new = _report(fines_text="A fine of 40 million [1].", refuse=True)
    lines = compare(old, new)
    assert lines[0] == "engine: 1 better, 1 worse"
    assert "  better  off: answered (should refuse) -> right" in lines
    assert "  worse   r2b4-fines: right -> missing 40.06 million yuan" in lines
    assert "baseline: 0 better, 0 worse" in lines


@pytest.fixture
def fake_evaluate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(command, "evaluate", lambda gold, path, settings, index_dir: _report())


def test_eval_command_writes_report_and_prints_tables(fake_evaluate: None, tmp_path: Path) -> None:
    output = tmp_path / "out.json"
    result = CliRunner().invoke(command.eval_command, ["--output", str(output)])
    assert result.exit_code == 0, result.output
    assert "overall" in result.output and f"report written to {output}" in result.output
    assert load_report(output) == _report()


def test_eval_command_json_and_compare(fake_evaluate: None, tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    save_report(_report(fines_text="nothing [1].", refuse=True), old)
    result = CliRunner().invoke(
        command.eval_command, ["--json", "--output", str(tmp_path / "new.json"), "--compare", str(old)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["questions"] == 2
    assert "better  r2b4-fines: missing 40.06 million yuan -> right" in result.stderr


def test_eval_command_errors_are_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = CliRunner().invoke(command.eval_command, ["--gold", str(missing)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"inspectbot: cannot read gold file {missing}: No such file or directory"
    ]
