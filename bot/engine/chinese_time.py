"""Chinese as-of times in English words, and the clock times a text states.

A Chinese article's as-of time ("9月15日20时", "2021年1月25日", "6月14日晚20:00", "2023年底") is quoted in a
Chinese reply as written; an English reply says it in English ("20:00 on September 15", "January 25, 2021",
"the end of 2023"). Its digits stay those of the quote, except the clock time: "20时" (and "晚8点") is
"20:00", which the grounding check accepts as the same time (``clock_times``). An English article's as-of
time is said in a Chinese reply as a Chinese date ("2021年9月15日20:00", its year from the article's date
when not given; ``chinese_time``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from index.meta.dates import MONTH_RE, month_number
from index.text.chinese import fold, has_chinese

_DATE = re.compile(
    r"^\s*(?:(?P<year>(?:19|20)\d\d)\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
    r"\s*(?P<clock>.*?)\s*$"
)
_YEAR_END = re.compile(r"^\s*(?P<year>(?:19|20)\d\d)\s*年\s*(?:底|末)\s*$")
_YEAR_MONTH = re.compile(r"^\s*(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<end>底|末)?\s*$")
# "20时", "20时30分", "20点", "晚8点", "下午3时", "20:00", "晚20:00"
_CLOCK = re.compile(
    r"(?P<part>[早晚上下午夜间]{0,2})\s*(?<!\d)(?P<hour>\d{1,2})\s*(?:[时点](?:\s*(?P<minute>\d{1,2})\s*分)?"
    r"|:(?P<colon>\d{2}))"
)
_LATER_HALF = ("晚", "下午", "夜", "夜间", "晚上")  # an hour below 12 after these is p.m.
_ENGLISH_CLOCK = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?!\d)")
NOON = 12
MONTHS = 12
MAX_DAY = 31


def _clock(match: re.Match[str]) -> str:
    """ "20:00" for one clock match (the afternoon's hours counted from noon)."""
    hour = int(match.group("hour"))
    minute = int(match.group("minute") or match.group("colon") or 0)
    if match.group("part") in _LATER_HALF and hour < NOON:
        hour += NOON
    return f"{hour:02d}:{minute:02d}"


def english_time(when: str) -> str:
    """An as-of time written in Chinese, in English ("9月15日20时" -> "20:00 on September 15"); ``when``
    unchanged when it is not a date of that form."""
    text = fold(when)
    year_end = _YEAR_END.match(text)
    if year_end:
        return f"the end of {year_end.group('year')}"
    month = _YEAR_MONTH.match(text)
    if month and 1 <= int(month.group("month")) <= MONTHS:
        said = f"{calendar.month_name[int(month.group('month'))]} {month.group('year')}"
        return f"the end of {said}" if month.group("end") else said
    date = _DATE.match(text)
    if date is None or not 1 <= int(date.group("month")) <= len(calendar.month_name) - 1:
        return when
    day = f"{calendar.month_name[int(date.group('month'))]} {int(date.group('day'))}"
    if date.group("year"):
        day += f", {date.group('year')}"
    rest = date.group("clock")
    if not rest:
        return day
    clock = _CLOCK.fullmatch(rest)
    return f"{_clock(clock)} on {day}" if clock else day


_ENGLISH_MONTH_YEAR = re.compile(
    rf"^\s*(?:the\s+end\s+of\s+)?(?P<month>{MONTH_RE})\.?,?\s+(?P<year>(?:19|20)\d\d)\s*$", re.IGNORECASE
)
_ENGLISH_YEAR_END = re.compile(r"^\s*the\s+end\s+of\s+(?P<year>(?:19|20)\d\d)\s*$", re.IGNORECASE)


def chinese_time(when: str, published: dt.date | None) -> str:
    """An as-of time written in English, in Chinese ("20:00 on the evening of September 15th" ->
    "2021年9月15日20:00"; "the end of 2023" -> "2023年底"); the year, when it is not given, that of the
    last such day on or before ``published``. "" when ``when`` is no date this can say."""
    if has_chinese(when):
        return when
    year_end = _ENGLISH_YEAR_END.match(when)
    if year_end:
        return f"{year_end.group('year')}年底"
    month_year = _ENGLISH_MONTH_YEAR.match(when)
    if month_year:
        end = "底" if when.lower().lstrip().startswith("the end") else ""
        return f"{month_year.group('year')}年{month_number(month_year.group('month'))}月{end}"
    days = stated_days(when)
    if not days:
        return ""
    day = days[0]
    year = day.year or _year_before(day.month, day.day, published)
    said = say_day(replace(day, year=year), "zh")
    clocks = clock_tokens(when)
    return said + clocks[0][1] if clocks else said


def _year_before(month: int, day: int, published: dt.date | None) -> int | None:
    """The year of the last ``month``/``day`` on or before ``published`` (None without a date)."""
    if published is None:
        return None
    return published.year if (month, day) <= (published.month, published.day) else published.year - 1


def clock_times(text: str) -> set[str]:
    """The clock times ``text`` states, as "HH:MM": "20:00" and "20时" alike ("晚8点" is "20:00")."""
    folded = fold(text)
    times = {_clock(match) for match in _CLOCK.finditer(folded) if int(match.group("hour")) <= 24}
    times.update(f"{int(h):02d}:{m}" for h, m in _ENGLISH_CLOCK.findall(folded))
    return times


def clock_tokens(text: str) -> list[tuple[str, str]]:
    """The English clock times written in ``text``: (as written, "HH:MM")."""
    return [(m.group(0), f"{int(m.group(1)):02d}:{m.group(2)}") for m in _ENGLISH_CLOCK.finditer(text)]


# ---------------------------------------------------------------------------------------- dates said
# A day as a text writes it: "2021-09-19", "2021/9/20", "2021年9月19日", "9月19日", "September 19, 2021",
# "Sept. 19", "19 September 2021"; a range's second day may be a bare "31日" or "31" after "至" / "to".
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_DAY_FORMS = re.compile(
    rf"(?<![\d/.-])(?P<iy>(?:19|20)\d\d)(?P<sep>[-/.])(?P<im>1[0-2]|0?[1-9])(?P=sep)(?P<id>{_DAY})(?![\d/.-]\d)"
    rf"|(?:(?P<cy>(?:19|20)\d\d)\s*年\s*)?(?<!\d)(?P<cm>1[0-2]|0?[1-9])\s*月\s*(?P<cd>{_DAY})\s*日"
    rf"|\b(?P<em>{MONTH_RE})\.?\s+(?P<ed>{_DAY})(?:st|nd|rd|th)?\b(?:,?\s+(?P<ey>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<dd>{_DAY})(?:st|nd|rd|th)?\s+(?P<dm>{MONTH_RE})\b\.?(?:,?\s+(?P<dy>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
# the second day of a range ("8月26日至31日", "August 26 to 31", "from July 10 to July 15")
_RANGE_END = re.compile(
    rf"\s*(?:至|到|—|－|~|-|–|\bto\b|\bthrough\b|\buntil\b|\band\b)\s*"
    rf"(?:(?P<m>1[0-2]|0?[1-9])\s*月\s*|(?P<em>{MONTH_RE})\.?\s+)?"
    rf"(?P<d>{_DAY})(?:\s*日|(?:st|nd|rd|th)?\b)(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StatedDay:
    """A day a text states: where (``start``, ``end``), its year when given, month and day; ``until``: the
    last day of a range it opens (same month unless ``until_month``)."""

    start: int
    end: int
    year: int | None
    month: int
    day: int
    until: int | None = None
    until_month: int | None = None


def _stated(match: re.Match[str]) -> StatedDay | None:
    groups = match.groupdict()
    for year, month, day in (("iy", "im", "id"), ("cy", "cm", "cd"), ("ey", "em", "ed"), ("dy", "dm", "dd")):
        if groups[day] is None:
            continue
        raw = groups[month]
        number = int(raw) if raw.isdigit() else month_number(raw)
        if not 1 <= number <= MONTHS or not 1 <= int(groups[day]) <= MAX_DAY:
            return None
        return StatedDay(
            match.start(), match.end(), int(groups[year]) if groups[year] else None, number, int(groups[day])
        )
    return None


def stated_days(text: str) -> list[StatedDay]:
    """The days ``text`` states, each with the end of a range it opens ("7月10日至7月15日", "August 26 to
    31, 2021"), in order."""
    folded = fold(text)
    found: list[StatedDay] = []
    position = 0
    while (match := _DAY_FORMS.search(folded, position)) is not None:
        position = match.end()
        day = _stated(match)
        if day is None:
            continue
        found.append(_with_range(folded, day))
        position = found[-1].end
    return found


def _with_range(text: str, day: StatedDay) -> StatedDay:
    """``day`` with the range it opens, if it opens one ("至31日", "to July 15"): a later day."""
    tail = _RANGE_END.match(text, day.end)
    if tail is None or int(tail.group("d")) > MAX_DAY:
        return day
    month = int(tail.group("m")) if tail.group("m") else None
    if tail.group("em"):
        month = month_number(tail.group("em"))
    if (month or day.month, int(tail.group("d"))) <= (day.month, day.day):
        return day
    year = day.year or (int(tail.group("y")) if tail.group("y") else None)
    return replace(day, end=tail.end(), year=year, until=int(tail.group("d")), until_month=month)


def say_day(day: StatedDay, language: str) -> str:
    """A stated day (or range) in ``language``, the month said on both days: "July 10 to July 15, 2021" /
    "2021年7月10日至7月15日"."""
    until = day.until_month or day.month
    if language == "zh":
        text = (f"{day.year}年" if day.year else "") + f"{day.month}月{day.day}日"
        return text + (f"至{until}月{day.until}日" if day.until is not None else "")
    text = f"{calendar.month_name[day.month]} {day.day}"
    if day.until is not None:
        text += f" to {calendar.month_name[until]} {day.until}"
    return text + (f", {day.year}" if day.year else "")


def say_date(day: dt.date, language: str) -> str:
    """A full date in ``language``: "September 19, 2021" / "2021年9月19日"."""
    return say_day(StatedDay(0, 0, day.year, day.month, day.day), language)
