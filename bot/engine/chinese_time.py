"""Chinese as-of times in English words, and the clock times a text states.

A Chinese article's as-of time ("9月15日20时", "2021年1月25日", "6月14日晚20:00", "2023年底") is quoted in a
Chinese reply as written; an English reply says it in English ("20:00 on September 15", "January 25, 2021",
"the end of 2023"). Its digits stay those of the quote, except the clock time: "20时" (and "晚8点") is
"20:00", which the grounding check accepts as the same time (``clock_times``).
"""

from __future__ import annotations

import calendar
import re

from index.text.chinese import fold

_DATE = re.compile(
    r"^\s*(?:(?P<year>(?:19|20)\d\d)\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
    r"\s*(?P<clock>.*?)\s*$"
)
_YEAR_END = re.compile(r"^\s*(?P<year>(?:19|20)\d\d)\s*年\s*(?:底|末)\s*$")
# "20时", "20时30分", "20点", "晚8点", "下午3时", "20:00", "晚20:00"
_CLOCK = re.compile(
    r"(?P<part>[早晚上下午夜间]{0,2})\s*(?<!\d)(?P<hour>\d{1,2})\s*(?:[时点](?:\s*(?P<minute>\d{1,2})\s*分)?"
    r"|:(?P<colon>\d{2}))"
)
_LATER_HALF = ("晚", "下午", "夜", "夜间", "晚上")  # an hour below 12 after these is p.m.
_ENGLISH_CLOCK = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?!\d)")
NOON = 12


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


def clock_times(text: str) -> set[str]:
    """The clock times ``text`` states, as "HH:MM": "20:00" and "20时" alike ("晚8点" is "20:00")."""
    folded = fold(text)
    times = {_clock(match) for match in _CLOCK.finditer(folded) if int(match.group("hour")) <= 24}
    times.update(f"{int(h):02d}:{m}" for h, m in _ENGLISH_CLOCK.findall(folded))
    return times


def clock_tokens(text: str) -> list[tuple[str, str]]:
    """The English clock times written in ``text``: (as written, "HH:MM")."""
    return [(m.group(0), f"{int(m.group(1)):02d}:{m.group(2)}") for m in _ENGLISH_CLOCK.finditer(text)]
