"""A question that means a whole round without saying "round": one that names every batch of a round by the
month it was stationed ("the inspections of July and November 2016 and April and August 2017"), or that
says the inspections "covered all 31 provinces" in years only one round spans ("in the inspections of 2016
and 2017 that covered all 31 provinces"). Such a question is asked of the round, so a round-wide summary's
figure answers it, never one batch's."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from bot.engine.named import years_named
from index.meta.dates import MONTH_RE, month_number
from index.models import InspectionScope

if TYPE_CHECKING:
    from index.meta.calendar import Calendar, Inspection

T = TypeVar("T")

# "all 31 provinces", "all the 31 provincial-level regions", "every province", 全部31个省, 31个省全覆盖
EVERY_PROVINCE = re.compile(
    r"\ball\s+(?:the\s+)?(?:31|thirty-one)\s+(?:of\s+(?:china's|the\s+country's)\s+)?"
    r"(?:provinc\w*|provincial|regions|mainland)"
    r"|\bevery\s+(?:single\s+)?provinc\w*|\ball\s+(?:of\s+)?(?:china's\s+|the\s+)?provinces\b"
    r"|全部31个省|31个省(?:（区、市）|\(区、市\)|区市|份)?(?:全覆盖|全部)|全国31个省",
    re.IGNORECASE,
)
MIN_BATCHES = 2  # a "round" of one batch is that batch
# "2019 to 2022", "from July 2016 to August 2017", "2016-2017", 2019年至2022年
_YEAR_RANGE = re.compile(
    r"(?:19|20)\d\d\s*(?:年)?\s*(?:-|–|—|to|through|until|至|到)\s*(?:[A-Za-z]+\.?\s+)?(?:19|20)\d\d", re.I
)
# a month by name ("May" only before a year or a day, where it cannot be the verb)
_MONTH = re.compile(rf"\b(?!May\b)({MONTH_RE})\b\.?|\b(May)(?=\s+\d)|(?<=\band\s)(May)\b")


def whole_round(calendar: Calendar, text: str, scope: InspectionScope) -> InspectionScope | None:
    """The round a question means as a whole when it names no round or batch itself (see the module), else
    None. Every year and month it names counts ("July and November 2016": the months far from the word
    "inspections" too)."""
    if scope != InspectionScope():
        return None
    years = years_named(text)
    if not years:
        return None
    months = {month_number(next(g for g in found.groups() if g)) for found in _MONTH.finditer(text)}
    rounds = sorted({e.scope.round for e in calendar.entries if e.scope.round and e.scope.phase is None})
    every = bool(EVERY_PROVINCE.search(text))
    fitting = [number for number in rounds if _fits(calendar.of_round(number), set(years), months, every)]
    return InspectionScope(round=fitting[0]) if len(fitting) == 1 else None


def _fits(batches: list[Inspection], years: set[int], months: set[int], every: bool) -> bool:
    """True when ``batches`` (one round's) are all named by year and month, or, with "all 31 provinces"
    said, when the round's stationing years hold every year named."""
    if len(batches) < MIN_BATCHES:
        return False
    stationed = [(entry.stationed_from.year, entry.stationed_from.month) for entry in batches]
    if months and all(year in years and month in months for year, month in stationed):
        return {year for year, _ in stationed} == years
    return every and not months and years <= {year for year, _ in stationed}


def of_whole_rounds(
    text: str, wanted: InspectionScope, found: list[T], scope: Callable[[T], InspectionScope]
) -> list[T]:
    """For a question on "the inspections that covered all 31 provinces" that names no inspection or year
    (any finished round did): the items (findings) of some whole round, when there are any; else ``found``."""
    if wanted != InspectionScope() or not EVERY_PROVINCE.search(text):
        return found
    rounds = [item for item in found if _is_round(scope(item))]
    return rounds or found


def _is_round(scope: InspectionScope) -> bool:
    return scope.round is not None and scope.batch is None and scope.phase is None


def dates_the_round(calendar: Calendar, scope: InspectionScope, text: str) -> bool:
    """True when a question asks of a whole round and the years it names are the round's own, every year its
    batches began in ("the first round of inspections, from July 2016 to August 2017"): the years say which
    round, they filter nothing (unlike "the first round in 2016", a part of it). A range ("2019 to 2022")
    names the years between."""
    years = set(years_named(text))
    if not (years and _is_round(scope)):
        return False
    if _YEAR_RANGE.search(text):
        years = set(range(min(years), max(years) + 1))
    assert scope.round is not None
    batches = calendar.of_round(scope.round)
    began = {entry.stationed_from.year for entry in batches}
    spanned = began | {entry.stationed_to.year for entry in batches if entry.stationed_to is not None}
    return bool(began) and began <= years <= spanned
