"""The grounding check every answer must pass before it is returned.

An answer is grounded when each citation's quote is exactly its document's text at its offsets, the
citations are numbered 1..n in order of first use, every ``[n]`` in the text names a listed citation, every
citation is used, and every number in the text (digits, decimals, times, number words) appears in a quote
or is the stated result of verified arithmetic on quoted figures (bot/engine/arithmetic.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.answer import Citation, Operation
from bot.engine import arithmetic as arithmetic_check
from index.facts.numbers import number_tokens
from index.models import Document

_MARKER = re.compile(r"\[(\d+)\]")


def markers(text: str) -> list[int]:
    """The citation numbers ``[n]`` in ``text`` in order of appearance."""
    return [int(n) for n in _MARKER.findall(text)]


def problems(
    text: str,
    citations: list[Citation],
    documents: Mapping[str, Document],
    arithmetic: Sequence[Operation] = (),
) -> list[str]:
    """What is wrong with an answer (empty when it is grounded)."""
    found: list[str] = []
    numbers = [c.n for c in citations]
    if numbers != list(range(1, len(citations) + 1)):
        found.append(f"citations not numbered 1..{len(citations)}: {numbers}")
    for citation in citations:
        document = documents.get(citation.doc_id)
        if document is None or document.text[citation.start : citation.end] != citation.quote:
            found.append(f"citation [{citation.n}] does not quote {citation.doc_id} at its offsets")
    used = markers(text)
    first_use = list(dict.fromkeys(used))
    if any(n not in numbers for n in used):
        found.append(f"unknown citation markers in {sorted(set(used) - set(numbers))}")
    if sorted(first_use) != numbers:
        found.append("every citation must be used")
    elif first_use != numbers:
        found.append("citations must be numbered in order of first use")
    quoted: set[str] = set()
    for citation in citations:
        quoted.update(number_tokens(citation.quote))
    found.extend(arithmetic_check.problems(arithmetic, citations))
    quoted.update(arithmetic_check.computed_tokens(arithmetic))
    for token in number_tokens(_MARKER.sub(" ", text)):
        if token not in quoted:
            found.append(f"number {token} is in no cited quote")
    return found


def is_grounded(
    text: str,
    citations: list[Citation],
    documents: Mapping[str, Document],
    arithmetic: Sequence[Operation] = (),
) -> bool:
    """True when ``problems`` finds nothing; an answer without citations is never grounded."""
    return bool(citations) and not problems(text, citations, documents, arithmetic)
