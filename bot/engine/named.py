"""Which inspections a question means when it names provinces, central enterprises, years or months instead
of a batch ("the 2021 inspection that covered Guangxi and Yunnan", "the teams sent to Shanghai, Fujian,
Hainan, Chongqing, Gansu and Qinghai", "after the 2016 central inspection of Ningxia"): the calendar's
candidates with their scores, narrowed by any scope words the question has ("the second batch in 2016").
A year named with a count of provinces no one batch of it has ("the 2016 inspections of 15 provincial
areas including Beijing and Shanghai") means the year's batches together, never the one batch its
provinces name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from index.meta.dates import MONTH_RE, month_number
from index.meta.ordinals import CARDINAL_RE, number_value
from index.meta.scopes import scope_matches
from index.models import InspectionScope

if TYPE_CHECKING:
    from index.meta.calendar import Calendar

MATCH_MARGIN = 1.0  # candidates this close to the best score fit as well (answered per inspection)
MAX_CANDIDATES = 3
# "2000万元" is no year, "2016至2017年" ("2016 to 2017") and "2016和2017年" are two
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d|(?![年至到和与及或])[\u3400-\u9fff])")
# A month by name; "May" only where it cannot be the verb ("in May", "May 2021", "May 9")
_MONTH = re.compile(
    rf"\b(?!May\b)({MONTH_RE})\b\.?|\b(?:in|of|early|late|mid-?|since|from|until|to)\s+(May)\b|\b(May)(?=\s+\d)"
)

# Words that make a nearby year or month the date of an inspection ("the 2016 inspection", "the teams sent
# in April 2021"), not of what was measured ("air quality in Tianjin in 2024")
_INSPECTION_WORD = re.compile(
    r"\b(?:inspect\w*|teams?|batch(?:es)?|rounds?|stationed|sent|dispatched|launched|feedback|look-?back|pilot)\b"
    r"|督察|进驻|入驻|反馈|回头看|试点",
    re.IGNORECASE,
)
# A Chinese month ("2021年4月", "4月进驻"), not the day a figure is counted to ("截至9月15日")
_CHINESE_MONTH = re.compile(r"(?<![\d.])(?P<month>1[0-2]|0?[1-9])\s*月")
_AS_OF_BEFORE = re.compile(r"(?:截至|截止到?|到|至)\s*(?:(?:19|20)\d\d\s*年)?\s*$")
# Half a year: its months ("2025年上半年", "in the first half of 2022")
HALF_YEARS: dict[tuple[int, ...], re.Pattern[str]] = {
    tuple(range(1, 7)): re.compile(r"上半年|\bfirst\s+half\b|\bH1\b", re.IGNORECASE),
    tuple(range(7, 13)): re.compile(r"下半年|\bsecond\s+half\b|\bH2\b", re.IGNORECASE),
}
DATING_DISTANCE = 40  # characters between a year or month and an inspection word

# "the first central inspection of Ningxia", "Hebei's latest inspection", 首次督察: which of a place's
# inspections, by order in time, when no round or batch is named
_INSPECTION_NOUN = (
    r"(?:(?:central|environmental|environment|ecological|eco-environmental|protection|and|national)\s+)*"
    r"(?:inspections?|inspectors|inspection\s+(?:tour|visit)s?)\b(?!\s+(?:team|group)s?\b)"
)
ORDER_CUES: dict[str, re.Pattern[str]] = {
    "earliest": re.compile(
        rf"\b(?:first|earliest|initial|maiden|original)\s+{_INSPECTION_NOUN}"
        r"|\binspected\s+for\s+the\s+first\s+time\b|首次(?:中央)?(?:生态环境保护|环保)?督察|第一次(?:中央)?督察",
        re.IGNORECASE,
    ),
    "latest": re.compile(
        rf"\b(?:latest|most\s+recent|newest|last|recent)\s+{_INSPECTION_NOUN}"
        r"|最近一次(?:中央)?(?:生态环境保护|环保)?督察|最新一次(?:中央)?督察",
        re.IGNORECASE,
    ),
}

# "15 provincial areas", "eight provinces", "seven provincial-level regions", 15个省（区、市）
_PROVINCE_COUNT = re.compile(
    rf"\b(?P<n>{CARDINAL_RE})\s+(?:provincial(?:[\s-]+level)?\s+(?:areas|regions|units)|provinces|regions)\b"
    r"|(?<!\d)(?P<zh>\d{1,2})\s*个省",
    re.IGNORECASE,
)

Candidates = tuple[tuple[InspectionScope, float], ...]


def inspection_order(text: str) -> str | None:
    """The order a question asks for: "earliest" (a place's first inspection), "latest", or None."""
    return next((order for order, pattern in ORDER_CUES.items() if pattern.search(text)), None)


def _dates_inspection(text: str, start: int, end: int) -> bool:
    return bool(_INSPECTION_WORD.search(text, max(0, start - DATING_DISTANCE), end + DATING_DISTANCE))


def years_named(text: str) -> tuple[int, ...]:
    """The years a question names, in order."""
    return tuple(dict.fromkeys(int(year) for year in YEAR.findall(text)))


def inspection_years(text: str) -> tuple[int, ...]:
    """The years a question names as the date of an inspection, in order (not the year of a day the figures
    are counted to: "截至2021年9月15日")."""
    found = (
        int(m.group(1))
        for m in YEAR.finditer(text)
        if _dates_inspection(text, m.start(), m.end()) and not _AS_OF_BEFORE.search(text, 0, m.start())
    )
    return tuple(dict.fromkeys(found))


def inspection_months(text: str) -> tuple[int, ...]:
    """The months (1..12) a question names as the date of an inspection, in order: by name ("April
    2021"), in Chinese ("2021年4月", never a "截至9月15日" as-of day), or as half a year ("上半年": 1..6)."""
    names = (
        next(group for group in match.groups() if group)
        for match in _MONTH.finditer(text)
        if _dates_inspection(text, match.start(), match.end())
    )
    months = [month_number(name) for name in names]
    months += [
        int(match.group("month"))
        for match in _CHINESE_MONTH.finditer(text)
        if not _AS_OF_BEFORE.search(text, 0, match.start())
        and _dates_inspection(text, match.start(), match.end())
    ]
    for half, pattern in HALF_YEARS.items():
        found = pattern.search(text)
        if found and _dates_inspection(text, found.start(), found.end()):
            months.extend(half)
    return tuple(dict.fromkeys(months))


def _complete(scope: InspectionScope) -> bool:
    return scope.phase == "pilot" or bool(scope.batch and (scope.round or scope.phase == "lookback"))


def names_inspection(
    scope: InspectionScope,
    provinces: tuple[str, ...],
    enterprises: tuple[str, ...],
    years: tuple[int, ...],
    months: tuple[int, ...],
) -> bool:
    """True when what the question names may pick out an inspection its scope words leave open: a year or
    month, several provinces, or an enterprise (a round or the look-back asked as a whole stays whole unless
    places are named)."""
    if _complete(scope):
        return False
    places = len(provinces) >= 2 or bool(enterprises)
    whole = scope.batch is None and (scope.round is not None or scope.phase == "lookback")
    if whole:  # "the first round", "the 2018 look-back": asked as a whole
        return places
    return places or bool(years or months)


def fitting_inspections(
    calendar: Calendar,
    scope: InspectionScope,
    provinces: tuple[str, ...],
    enterprises: tuple[str, ...],
    years: tuple[int, ...],
    months: tuple[int, ...],
    order: str | None = None,
) -> Candidates:
    """The inspections that fit, best first, with their calendar scores: those agreeing with the scope words
    and scoring within ``MATCH_MARGIN`` of the best (at most ``MAX_CANDIDATES``); empty when none fits.
    ``order`` ("earliest", "latest"; see :func:`inspection_order`) picks the one stationed first or last
    among those that inspected every named place."""
    ordered = order is not None and scope == InspectionScope() and bool(provinces or enterprises)
    if not ordered and not names_inspection(scope, provinces, enterprises, years, months):
        return ()
    matched = calendar.match(provinces=provinces, enterprises=enterprises, years=years, months=months)
    fitting = [(entry.scope, score) for entry, score in matched if scope_matches(entry.scope, scope)]
    if ordered:
        covering = [
            (entry, score)
            for entry, score in matched
            if set(provinces) <= set(entry.provinces) and set(enterprises) <= set(entry.enterprises)
        ]
        if covering:
            pick = min if order == "earliest" else max
            chosen, score = pick(covering, key=lambda item: item[0].stationed_from)
            return ((chosen.scope, score),)
    if not fitting:
        return ()
    best = fitting[0][1]
    return tuple((found, score) for found, score in fitting if score >= best - MATCH_MARGIN)[:MAX_CANDIDATES]


def provinces_counted(text: str) -> int | None:
    """The number of provinces a question says the inspections covered ("15 provincial areas"), or None."""
    found = _PROVINCE_COUNT.search(text)
    if found is None:
        return None
    return number_value(found.group("n") or found.group("zh"))


def year_group(
    calendar: Calendar, years: tuple[int, ...], provinces: tuple[str, ...], counted: int | None
) -> Candidates:
    """The batches of one year a question names together by their count of provinces ("the 2016
    inspections of 15 provincial areas including Beijing and Shanghai"): those stationed in the year, else
    those at work in it, when together they cover that many provinces, no one of them does, and they hold
    every province named; empty otherwise. Each scores the same: answered per inspection, or by the year's
    own total (bot.engine.nationwide)."""
    if len(years) != 1 or counted is None or counted < 2:
        return ()
    year = years[0]
    stationed = [e for e in calendar.entries if e.stationed_from.year == year]
    at_work = [e for e in calendar.entries if e.stationed_from.year <= year <= e.stationing_end.year]
    for batches in (stationed, at_work):
        covered = {province for entry in batches for province in entry.provinces}
        if (
            len(batches) >= 2
            and len(covered) == counted
            and set(provinces) <= covered
            and all(len(entry.provinces) != counted for entry in batches)
        ):
            return tuple((entry.scope, 1.0) for entry in batches)
    return ()


def places_of(calendar: Calendar, scope: InspectionScope, provinces: tuple[str, ...]) -> bool:
    """True when several provinces named beside a full scope are that inspection's own ("the first round's
    third batch (Tianjin, Shanxi, Liaoning, ...)"): they say which inspection, not which part of it."""
    entry = calendar.get(scope) if _complete(scope) and len(provinces) >= 2 else None
    return entry is not None and set(provinces) <= set(entry.provinces)
