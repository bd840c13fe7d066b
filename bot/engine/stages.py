"""Stages of a round: a running total over the part of a round done so far ("by the time the teams had
covered 22 provinces", "as of May 10, the first 22 provinces", "the first three batches", 前三批).

Such a figure is the round's, but only up to that stage: it answers a question asked about the same
stage, and it is neither the whole round's figure nor an earlier report of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from bot.engine.report_batches import in_report_batch
from index.meta.ordinals import (
    CARDINAL_RE,
    CN_NUMBER_RE,
    ORDINAL_RE,
    chinese_number,
    number_value,
    ordinal_value,
)
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

# a sentence that lists the batches one by one and totals them ("the first batch had filed 1,204 cases, the
# second batch 2,951 and the third batch 1,466, a total of 5,621 cases"; 第一批…第二批…第三批…共计…): its
# total counts up to the last batch listed
_LISTED_BATCH = re.compile(
    rf"\b(?P<ordinal>{ORDINAL_RE})\s+batch\b|第(?P<cn>{CN_NUMBER_RE})批", re.IGNORECASE
)
_TOTAL_BEFORE = re.compile(
    r"(?:\ba\s+total\s+of|\bin\s+total|\baltogether|\btogether|\bcombined|\bsumming\s+up\s+to|"
    r"合计|共计|总计|累计|共)[^\d]{0,12}$",
    re.IGNORECASE,
)

T = TypeVar("T")


def listed_stage(text: str, at: int) -> Stage | None:
    """("batches", N) when the number at offset ``at`` of ``text`` totals the batches listed before it, the
    first to the N-th, one by one (N of at least two); else None."""
    if not _TOTAL_BEFORE.search(text[max(0, at - 40) : at]):
        return None
    listed = set()
    for found in _LISTED_BATCH.finditer(fold(text[:at])):
        ordinal = found.group("ordinal")
        number = ordinal_value(ordinal) if ordinal else chinese_number(found.group("cn"))
        if number is not None:
            listed.add(number)
    last = max(listed, default=0)
    return ("batches", last) if last >= 2 and listed == set(range(1, last + 1)) else None


def figure_stage(text: str, start: int, figure_start: int | None, phrase: str = "") -> Stage | None:
    """The stage of a round a figure counts up to: its sentence's (``text``, starting at document offset
    ``start``), or, for a total of batches listed one by one, the last one listed. ``figure_start`` is the
    figure's document offset and ``phrase`` its words ("a total of 5,621")."""
    stage = stage_of(text)
    if stage is not None or figure_start is None:
        return stage
    digit = next((i for i, char in enumerate(phrase) if char.isdigit()), 0)
    return listed_stage(text, figure_start - start + digit)


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
    if kind == "batches" and in_report_batch(text, found.start(), found.end()):
        return None  # 前二十三批累计转交: batches of public reports, not of the round
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
