"""Questions in two parts whose first part asks no figure ("When was the team stationed in Hainan, and how
many reports did it receive?", "Which provinces did the batch cover, and how many cases were filed?"): each
part is answered on its own, the second in the inspection and places of the first, and the replies are joined
with their citations numbered on."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.answer import Citation
from bot.engine.question import Question
from index.models import InspectionScope

# ", and how many ...", " and how many ...": a second question after the first
_SECOND_PART = re.compile(r",?\s+and\s+(?=how\s+(?:many|much)\b)", re.IGNORECASE)
_CITED = re.compile(r"\[(\d+)\]")


def split_parts(text: str) -> tuple[str, str] | None:
    """The two questions of ``text`` when its second part asks "how many / how much" after a first part,
    else None."""
    found = _SECOND_PART.search(text)
    if found is None or found.start() == 0:
        return None
    first, second = text[: found.start()].strip(), text[found.end() :].strip()
    return (f"{first.rstrip('?,')}?", second) if first and second else None


def in_context_of(second: Question, first: Question) -> Question:
    """The second part read in the first's inspection and places where it names none of its own."""
    if second.scope == InspectionScope() and not second.candidates:
        second = replace(second, scope=first.scope, candidates=first.candidates)
    if not second.provinces and not second.enterprises:
        second = replace(second, provinces=first.provinces, enterprises=first.enterprises)
    return second


def joined(
    first: tuple[str, list[Citation]], second: tuple[str, list[Citation]]
) -> tuple[str, list[Citation]]:
    """Two replies as one: the second's citations numbered after the first's."""
    text, citations = first
    offset = len(citations)
    later = [citation.model_copy(update={"n": citation.n + offset}) for citation in second[1]]
    renumbered = _CITED.sub(lambda m: f"[{int(m.group(1)) + offset}]", second[0])
    return f"{text} {renumbered}", [*citations, *later]
