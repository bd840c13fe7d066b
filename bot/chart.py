"""Bar charts of an answer's cited figures when it spans several inspections (PNG, matplotlib's Agg).

The bars come from the answer itself: each [n] marker closes a clause that names (or continues) an
inspection and states a figure that citation n quotes; the figure is read again in the quote, where its
metric ("cases filed for punishment") and what it counts are known. One chart shows one metric; an answer
whose figures of that metric come from fewer than two inspections has no chart. Answers that build their
points themselves (comparisons, totals) set ``Answer.chart`` directly.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from bot.answer import Answer, ChartPoint, Citation
from bot.engine.prompts import Prompts, default_prompts
from index.facts.figures import FigureFact, analyse_sentence
from index.facts.numbers import find_figures, number_tokens
from index.meta.scopes import find_scopes
from index.models import InspectionScope
from index.text.chinese import has_chinese

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MIN_INSPECTIONS = 2  # a chart compares inspections
_MARKER = re.compile(r"\[(\d+)\]")
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"“(])")
_ASIDE = re.compile(r"\([^()]*\)")  # "(as of June 9)": no figure of the chart
BAR_COLOUR = "#3a6ea5"
# Font families that draw Chinese (matplotlib's own DejaVu Sans draws boxes for them)
CJK_FAMILIES = re.compile(
    r"CJK|WenQuanYi|Source Han|SimHei|SimSun|Heiti|Songti|Kaiti|Noto Sans [ST]C|YaHei|PingFang|AR PL", re.I
)


def scope_label(scope: InspectionScope) -> str:
    """A short bar label for an inspection: "R2 B3", "R1", "Pilot", "LB B1", "LB"."""
    if scope.phase == "pilot":
        return "Pilot"
    if scope.phase == "lookback":
        return f"LB B{scope.batch}" if scope.batch else "LB"
    parts = [f"R{scope.round}" if scope.round else "", f"B{scope.batch}" if scope.batch else ""]
    return " ".join(part for part in parts if part)


def with_chart(answer: Answer, prompts: Prompts | None = None) -> Answer:
    """``answer`` with its chart points filled in from its citations, unless it has them already."""
    if not answer.chart:
        answer.chart = chart_points(answer, prompts)
    return answer


def chart_points(answer: Answer, prompts: Prompts | None = None) -> list[ChartPoint]:
    """The bars of ``answer``: one per cited figure of its main metric, labelled with the inspection its
    clause names; empty unless they cover at least two inspections."""
    prompts = prompts or default_prompts()
    citations = {citation.n: citation for citation in answer.citations}
    points: list[ChartPoint] = []
    scope: InspectionScope | None = None
    start = 0
    for marker in _MARKER.finditer(answer.answer):
        clause = answer.answer[start : marker.start()]
        start = marker.end()
        sentences = _SENTENCE_END.split(clause)
        if len(sentences) > 1:
            scope = None  # a new sentence names its own inspection
        mentions = find_scopes(sentences[-1])
        scope = mentions[0].scope if mentions else scope
        citation = citations.get(int(marker.group(1)))
        if scope is None or scope == InspectionScope() or citation is None:
            continue
        point = _point(_ASIDE.sub(" ", _MARKER.sub(" ", sentences[-1])), scope, citation, prompts)
        if point is not None and all(p.n != point.n or p.value != point.value for p in points):
            points.append(point)
    if not points:
        return []
    metric, unit = Counter((p.metric, p.unit) for p in points).most_common(1)[0][0]
    chosen = [p for p in points if (p.metric, p.unit) == (metric, unit)]
    return chosen if len({p.label for p in chosen}) >= MIN_INSPECTIONS else []


def _point(clause: str, scope: InspectionScope, citation: Citation, prompts: Prompts) -> ChartPoint | None:
    """The first figure of ``clause`` that the citation quotes, with its metric read in the quote."""
    facts = analyse_sentence(citation.quote, 0, len(citation.quote))
    for figure in find_figures(clause):
        fact = _quoted(figure.phrase, facts)
        if fact is None or not fact.costs:
            continue
        metric = min(fact.costs, key=lambda m: fact.costs[m])
        counted = fact.noun.split()[-1] if fact.noun else fact.noun_class or ""
        return ChartPoint(
            label=scope_label(scope),
            value=fact.figure.value,
            shown=figure.phrase,
            unit=fact.figure.unit or counted,
            metric=prompts.phrase(f"label.{metric}") if prompts.has_phrase(f"label.{metric}") else metric,
            n=citation.n,
        )
    return None


def _quoted(phrase: str, facts: Sequence[FigureFact]) -> FigureFact | None:
    tokens = number_tokens(phrase)
    return next((fact for fact in facts if tokens and number_tokens(fact.figure.phrase) == tokens), None)


def chart_title(points: Sequence[ChartPoint]) -> str:
    """ "Cases filed for punishment, by inspection"."""
    metric = points[0].metric if points else ""
    return f"{metric[:1].upper()}{metric[1:]}, by inspection"


def chart_caption(points: Sequence[ChartPoint]) -> str:
    """A one-line caption naming the chart and the citations its bars quote."""
    markers = "".join(f"[{n}]" for n in dict.fromkeys(p.n for p in points))
    return f"{chart_title(points)}: figures as quoted in the cited articles {markers}."


@cache
def cjk_font() -> str | None:
    """The name of an installed font that draws Chinese characters, if matplotlib finds one."""
    from matplotlib import font_manager

    return next((f.name for f in font_manager.fontManager.ttflist if CJK_FAMILIES.search(f.name)), None)


def draw_chart(points: Sequence[ChartPoint]) -> Figure:
    """A bar chart of ``points``: one bar per point, labelled "R2 B3 [1]", the figure as cited on the bar,
    the metric in the title and the unit on the axis (a matplotlib Figure on the Agg canvas). Chinese
    labels are drawn in a Chinese font; where none is installed, the figures are shown as plain numbers and
    Chinese words are left out rather than drawn as boxes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    font = cjk_font()

    def drawable(text: str, plain: str) -> str:
        return plain if font is None and has_chinese(text) else text

    figure = Figure(figsize=(max(4.5, 1.4 * len(points) + 2.0), 4.5), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(points)))
    bars = axes.bar(positions, [p.value for p in points], color=BAR_COLOUR, width=0.6)
    axes.set_xticks(positions, [f"{p.label} [{p.n}]" for p in points])
    axes.bar_label(bars, labels=[drawable(p.shown, f"{p.value:,.0f}") for p in points], padding=3)
    axes.set_title(drawable(chart_title(points), "Figures by inspection"))
    axes.set_ylabel(drawable(points[0].unit, "") if points else "")
    axes.set_xlabel("inspection [citation]")
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    axes.margins(y=0.15)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if font is not None:
        for text in [axes.title, axes.yaxis.label, *axes.texts]:
            text.set_fontfamily([font, "DejaVu Sans"])
    return figure


def render_png(points: Sequence[ChartPoint]) -> bytes:
    """The chart of ``points`` as PNG bytes."""
    buffer = io.BytesIO()
    draw_chart(points).savefig(buffer, format="png")
    return buffer.getvalue()
