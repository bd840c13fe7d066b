"""The answer JSON shape that every front end, tool and test depends on."""

from __future__ import annotations

from pydantic import BaseModel

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


class Answer(BaseModel):
    """A reply to one question. ``answered`` is False when the articles do not say."""

    question: str
    answered: bool
    answer: str
    citations: list[Citation]
    latency_ms: float
