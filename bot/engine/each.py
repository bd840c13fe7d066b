"""A "who" question on the same team in several inspections ("Who led the second team in the first and
second batches of the third round?", "第三轮第一批和第二批的第二督察组组长分别是谁？"): each inspection asked
alone, in the question's own words with only the inspection changed, and the answers joined with their
citations numbered in order; an inspection whose articles do not say is named."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.answer import Citation
from bot.engine.aggregate import MIN_INSPECTIONS, asked_scopes, scope_spans
from bot.engine.coverage import describe_scope
from bot.engine.leaders import TEAM_NAMED
from bot.engine.prompts import Prompts
from bot.engine.question import Question
from index.meta.calendar import Calendar
from index.models import InspectionScope

_MARKER = re.compile(r"\[(\d+)\]")
KINDS = ("who",)  # the kinds of question asked one inspection at a time
MAX_ASKED = 8  # inspections asked one by one at most


def each_inspection(
    question: Question, calendar: Calendar | None, prompts: Prompts
) -> list[tuple[InspectionScope, str]]:
    """The inspections a "who" question names (two or more), each with the question asked of it alone;
    empty for any other question."""
    if question.kind not in KINDS:
        return []
    scopes = asked_scopes(replace(question, candidates=()), calendar) or [question.scope]
    if TEAM_NAMED.search(question.text) and calendar is not None:  # numbers count within one batch
        scopes = [part for scope in scopes for part in _batches(scope, calendar)]
    spans = scope_spans(question.text)
    if not MIN_INSPECTIONS <= len(scopes) <= MAX_ASKED or not spans:
        return []
    start, end = min(a for a, _ in spans), max(b for _, b in spans)
    return [
        (scope, question.text[:start] + describe_scope(scope, prompts) + question.text[end:])
        for scope in scopes
    ]


def _batches(scope: InspectionScope, calendar: Calendar) -> list[InspectionScope]:
    """The batches of a round (a round named alone), else the inspection itself."""
    if scope.batch is not None or scope.phase is not None or scope.round is None:
        return [scope]
    return [entry.scope for entry in calendar.of_round(scope.round)] or [scope]


def joined_by_inspection(
    parts: Sequence[tuple[InspectionScope, bool, str, list[Citation]]], prompts: Prompts
) -> tuple[str, list[Citation]]:
    """One answer from the answers of each inspection (scope, answered, text, citations): the answered
    texts in order, their citations renumbered (a passage cited twice keeps one number), then the
    inspections unanswered named."""
    citations: list[Citation] = []
    numbers: dict[tuple[str, int, int], int] = {}
    texts: list[str] = []
    for _, answered, text, cited in parts:
        if not answered:
            continue
        renumbered: dict[int, int] = {}
        for citation in cited:
            key = (citation.doc_id, citation.start, citation.end)
            if key not in numbers:
                numbers[key] = len(citations) + 1
                citations.append(citation.model_copy(update={"n": numbers[key]}))
            renumbered[citation.n] = numbers[key]
        texts.append(_renumbered(text, renumbered))
    missing = [describe_scope(scope, prompts) for scope, answered, _, _ in parts if not answered]
    if missing:
        texts.append(prompts.render("aggregate_missing", scopes=prompts.join(missing)))
    text = texts[0]
    for following in texts[1:]:
        text = prompts.form("sentences", first=text, next=following)
    return text, citations


def _renumbered(text: str, numbers: dict[int, int]) -> str:
    """``text`` with each citation marker "[n]" given its new number."""
    return _MARKER.sub(lambda m: f"[{numbers.get(int(m.group(1)), int(m.group(1)))}]", text)
