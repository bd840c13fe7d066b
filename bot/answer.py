"""The answer JSON shape that every front end, tool and test depends on."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

MAX_QUESTION_CHARS = 1000  # every front end (Telegram, the command line) refuses longer questions


class Citation(BaseModel):
    """A verbatim quote backing an answer: ``quote == document.text[start:end]``."""

    n: int
    doc_id: str
    title: str
    source: str | None
    date: str | None  # YYYY-MM-DD
    quote: str
    start: int
    end: int
    url: str | None = None  # the article's address (front matter, sidecar or HTML meta), if known


class ChartPoint(BaseModel):
    """One bar of an answer's chart: the figure one inspection reported, as cited."""

    label: str  # the inspection, short: "R2 B3", "Pilot", "LB B1"
    value: float
    shown: str  # the figure as the answer writes it: "2,258", "40.06 million yuan"
    unit: str  # what is counted or the unit: "cases", "people", "yuan"
    metric: str  # what the figure is, in words: "cases filed for punishment"
    n: int  # the number of the citation quoting it


class Operand(BaseModel):
    """A number an answer computes with: the figure as cited (``phrase``, in citation ``n``'s quote)."""

    value: float
    phrase: str  # as the quote writes it: "56", "40.06 million yuan"
    n: int  # the citation quoting it


class Operation(BaseModel):
    """One piece of arithmetic an answer states, kept as data so the grounding check can redo it:
    ``result`` is ``kind`` applied to the operands (a difference: the first less the second), and
    ``shown`` is how the answer writes it ("86", "750.06 million yuan")."""

    kind: Literal["sum", "difference", "mean"]
    operands: list[Operand]
    result: float
    shown: str


class Answer(BaseModel):
    """A reply to one question. ``answered`` is False when the articles do not say. ``chart`` holds the
    cited figures across inspections, when the answer has some; it is kept in memory only (never in the
    answer JSON)."""

    question: str
    answered: bool
    answer: str
    citations: list[Citation]
    latency_ms: float
    chart: list[ChartPoint] = Field(default_factory=list, exclude=True)
    arithmetic: list[Operation] = Field(default_factory=list, exclude=True)  # computed numbers it states
