"""Stages of a round: a running total over the part of a round done so far ("by the time the teams had
covered 22 provinces", "as of May 10, the first 22 provinces", "the first three batches", 前三批).

Such a figure is the round's, but only up to that stage: it answers a question asked about the same
stage, and it is neither the whole round's figure nor an earlier report of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from index.meta.ordinals import CARDINAL_RE, CN_NUMBER_RE, number_value
from index.text.chinese import fold

Stage = tuple[str, int]  # ("provinces", 22), ("batches", 3)
ALL_PROVINCES = 31  # a stage that has covered this many provinces is the whole round

_UNIT = r"(?P<unit>provinc\w*|(?:provincial(?:-level)?\s+)?regions|batch(?:es)?)"
_STAGE = re.compile(
    # "by the time the teams had covered 22 provinces", "by the time inspectors finished in 22 provinces"
    rf"\bby\s+the\s+time\s+(?:the\s+)?(?:inspection\s+)?(?:teams?|inspectors?|groups?)\s+(?:had\s+)?"
    rf"(?:covered|visited|reached|inspected|finished|completed|been\s+to)\s+(?:(?:work|inspections?)\s+)?"
    rf"(?:in\s+)?(?:the\s+)?(?:first\s+)?(?P<n1>{CARDINAL_RE})\s+{_UNIT}"
    # "the first 22 provinces", "its first three batches"
    rf"|\b(?:the|its|their)\s+first\s+(?P<n2>{CARDINAL_RE})\s+(?P<unit2>provinc\w*|"
    rf"(?:provincial(?:-level)?\s+)?regions|batch(?:es)?)\b",
    re.IGNORECASE,
)
# 前三批, 前22个省份, 已督察22个省（区、市）
_STAGE_ZH = re.compile(
    rf"前(?P<n1>{CN_NUMBER_RE})(?P<unit>批|个省)|已(?:完成对|对)?(?:督察|进驻|覆盖)(?:了)?"
    rf"(?P<n2>{CN_NUMBER_RE})(?P<unit2>个省)"
)

T = TypeVar("T")


def stage_of(text: str) -> Stage | None:
    """The stage of a round ``text`` counts up to, or None (also for one that covers every province)."""
    found = _STAGE.search(text) if text.isascii() else _STAGE_ZH.search(fold(text))
    if found is None:
        return None
    number = found.group("n1") or found.group("n2")
    unit = (found.group("unit") or found.group("unit2")).lower()
    value = number_value(number) if number else None
    if value is None:
        return None
    kind = "batches" if unit.startswith(("batch", "批")) else "provinces"
    if kind == "provinces" and value >= ALL_PROVINCES:
        return None
    return (kind, value)


def by_stage(
    items: Sequence[T], asked: Stage | None, stage: Callable[[T], Stage | None], group: Callable[[T], object]
) -> list[T]:
    """``items`` fit for the stage ``asked``: those of that stage (no other figure answers for it); with no
    stage asked, in each ``group`` (a metric), the figures of no stage where there are any (a running total
    over part of a round is not the round's figure, nor an earlier report of it)."""
    if asked is not None:
        return [item for item in items if stage(item) == asked]
    whole = {group(item) for item in items if stage(item) is None}
    return [item for item in items if stage(item) is None or group(item) not in whole]
