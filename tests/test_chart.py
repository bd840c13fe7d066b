"""Charts of cited figures across inspections: the points taken from a real answer, what the chart draws,
that the PNG opens, and `inspectbot chart` (real engine over the real index)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from bot import chart
from bot.answer import Answer, ChartPoint
from bot.chart import chart_points, draw_chart, render_png, scope_label, with_chart
from bot.cli import cli
from bot.engine import AnswerEngine
from index.embedder import DEFAULT_MODEL
from index.models import InspectionScope
from index.search import Searcher
from index.store import IndexVersion
from index.text.chinese import has_chinese

ACROSS = "How many people were held accountable in the third round?"  # the round's batches, per batch
ONE = "How many people were held accountable in the second batch of the third round?"


@pytest.fixture(scope="module")
def engine(index_version: IndexVersion, searcher: Searcher) -> AnswerEngine:
    return AnswerEngine(searcher, index_version)


@pytest.fixture(scope="module")
def across(engine: AnswerEngine) -> Answer:
    return with_chart(engine.answer(ACROSS), engine.prompts)


def test_points_are_the_cited_figures_per_inspection(across: Answer) -> None:
    assert [(p.label, p.value, p.shown, p.n) for p in across.chart] == [
        ("R3 B2", 208.0, "208", 1),
        ("R3 B3", 6.0, "6", 2),
    ]
    assert {(p.unit, p.metric) for p in across.chart} == {("people", "people held accountable")}
    quotes = {citation.n: citation.quote for citation in across.citations}
    assert all(f"{p.shown} people" in quotes[p.n] for p in across.chart)  # each bar is its citation's figure
    assert "chart" not in json.loads(across.model_dump_json())  # the answer JSON stays as it was


def test_no_chart_for_one_inspection_or_no_figures(engine: AnswerEngine) -> None:
    assert chart_points(engine.answer(ONE)) == []
    assert chart_points(engine.answer("When did the pilot inspection start?")) == []


def test_the_chart_draws_labelled_bars_and_opens_as_png(across: Answer) -> None:
    figure = draw_chart(across.chart)
    (axes,) = figure.axes
    assert [tick.get_text() for tick in axes.get_xticklabels()] == ["R3 B2 [1]", "R3 B3 [2]"]
    assert [bar.get_height() for bar in axes.patches] == [208.0, 6.0]
    assert [text.get_text() for text in axes.texts] == ["208", "6"]  # the value on each bar
    assert axes.get_title() == "People held accountable, by inspection"
    assert axes.get_ylabel() == "people"
    image = Image.open(io.BytesIO(render_png(across.chart)))
    image.verify()
    assert image.format == "PNG" and image.size == (480, 450)


def test_scope_labels() -> None:
    assert scope_label(InspectionScope(round=2, batch=3)) == "R2 B3"
    assert scope_label(InspectionScope(round=1, phase="pilot")) == "Pilot"
    assert scope_label(InspectionScope(batch=1, phase="lookback")) == "LB B1"
    assert scope_label(InspectionScope(round=3)) == "R3"


def test_chart_command_writes_the_png(built_index: Path, tmp_path: Path) -> None:
    env = {"INSPECTBOT_MODEL": DEFAULT_MODEL, "TELEGRAM_BOT_TOKEN": None}
    index = ["--index", str(built_index)]
    output = tmp_path / "accountable.png"
    result = CliRunner().invoke(cli, ["chart", ACROSS, "-o", str(output), *index], env=env)
    assert result.exit_code == 0, result.output
    assert "208 people were held accountable" in result.stdout
    assert "chart: " in result.stdout and "R3 B2 [1] 208, R3 B3 [2] 6" in result.stdout
    assert Image.open(output).format == "PNG"
    missing = tmp_path / "none.png"
    result = CliRunner().invoke(cli, ["chart", ONE, "-o", str(missing), *index], env=env)
    assert result.exit_code == 1 and not missing.exists()
    assert result.stderr.strip().splitlines() == [
        "inspectbot: no chart: the answer does not give one figure for each of several inspections"
    ]


CHINESE_POINTS = [
    ChartPoint(label="R2 B3", value=1392.0, shown="1392人", unit="人", metric="问责人数", n=1),
    ChartPoint(label="R2 B2", value=12830.0, shown="1.283万人", unit="人", metric="问责人数", n=2),
]


def test_chinese_labels_are_never_drawn_as_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chart, "cjk_font", lambda: None)  # no font that draws Chinese is installed
    (axes,) = draw_chart(CHINESE_POINTS).axes
    drawn = [axes.get_title(), axes.get_ylabel(), *(text.get_text() for text in axes.texts)]
    assert not any(has_chinese(text) for text in drawn), drawn
    assert [text.get_text() for text in axes.texts] == ["1,392", "12,830"]  # the values, plainly


def test_chinese_labels_take_a_chinese_font_where_one_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chart, "cjk_font", lambda: "Noto Sans CJK SC")
    (axes,) = draw_chart(CHINESE_POINTS).axes
    assert [text.get_text() for text in axes.texts] == ["1392人", "1.283万人"]
    assert axes.title.get_fontfamily()[0] == "Noto Sans CJK SC"
