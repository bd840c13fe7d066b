"""Verified arithmetic: the sums, differences and means an answer states, redone in code.

An answer across inspections keeps its arithmetic as data (``bot.answer.Operation``). The grounding check
accepts a number that is in no quote only when it is the stated result of such an operation, the
operation recomputes to it, and every operand is a figure its citation quotes (a whole figure of the
quote, not a part of a longer number).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from bot.answer import Citation, Operation
from index.facts.numbers import find_figures, number_tokens

SHOWN_TOLERANCE = 0.005  # a result written rounded ("1.43 billion") may differ this much, relatively


def compute(kind: str, values: Sequence[float]) -> float:
    """``kind`` ("sum", "difference": first less second, "mean") of ``values``."""
    if kind == "sum":
        return math.fsum(values)
    if kind == "difference":
        first, second = values
        return first - second
    if kind == "mean":
        return math.fsum(values) / len(values)
    raise ValueError(f"unknown operation {kind!r}")


def _shown_value(shown: str) -> float | None:
    figures = find_figures(shown)
    return figures[0].value if figures else None


def problems(operations: Iterable[Operation], citations: Sequence[Citation]) -> list[str]:
    """What is wrong with an answer's arithmetic (empty when every operation checks out)."""
    quotes = {citation.n: citation.quote for citation in citations}
    found: list[str] = []
    for op in operations:
        values = [operand.value for operand in op.operands]
        try:
            redone = compute(op.kind, values)
        except (ValueError, ZeroDivisionError):
            found.append(f"{op.kind} of {values} cannot be computed")
            continue
        if not math.isclose(redone, op.result, rel_tol=1e-9, abs_tol=1e-9):
            found.append(f"{op.kind} of {values} is {redone}, not {op.result}")
        shown = _shown_value(op.shown)
        if shown is None or not math.isclose(shown, abs(op.result), rel_tol=SHOWN_TOLERANCE, abs_tol=0.5):
            found.append(f"{op.shown!r} does not write {op.result}")
        for operand in op.operands:
            quote = quotes.get(operand.n)
            written = _shown_value(operand.phrase)
            if quote is None or operand.phrase not in {figure.phrase for figure in find_figures(quote)}:
                found.append(f"operand {operand.phrase!r} is not quoted by citation [{operand.n}]")
            elif written is None or not math.isclose(written, operand.value, rel_tol=1e-9):
                found.append(f"operand {operand.phrase!r} is not {operand.value}")
    return found


def computed_tokens(operations: Iterable[Operation]) -> set[str]:
    """The number tokens an answer may state beyond its quotes: each result as shown (and, for a mean,
    how many figures it is taken over)."""
    tokens: set[str] = set()
    for op in operations:
        tokens.update(number_tokens(op.shown))
        if op.kind == "mean":
            tokens.add(str(len(op.operands)))
    return tokens
