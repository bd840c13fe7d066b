"""Dates in article text: full dates, the year of a date stated without one, and "as of" times.

A date token with its year ("Sep 27,2020", "2016-07-18", "2020/9/27", "Dec 11, 2018", "27 September 2021",
"26-Aug-2021", "2024年10月18日") is found by :data:`DATE_TOKEN` and parsed by python-dateutil (Chinese by its
numbers).
The year of a dateline such as "September 19" comes from the article's own full dates ("August 26 to
August 31, 2021"), else from when the inspection it reports took place, else from the years it names.
"As of 20:00 on the evening of September 15th" becomes "2021-09-15T20:00".

Chinese: "2024年10月18日", "二〇二一年九月十九日", "截至9月15日晚20时" / "截止6月底" (as of), "到2025年" and
"2025年6月30日前" (targets and deadlines, never the article's year), and a year is only a year when 年
follows it ("2000万元" is no year). Every function reads the text's fold (index/text/chinese.py), so
full-width digits and traditional characters read alike.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable

from dateutil import parser as date_parser

from index.meta.scopes import scope_start
from index.models import InspectionScope
from index.text.chinese import fold

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
MONTH_RE = r"(?:" + "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True)) + r")"
DAY_RE = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_FULL_DATE = re.compile(
    rf"\b(?P<month>{MONTH_RE})\.?\s+(?P<day>{DAY_RE}),?\s+(?P<year>(?:19|20)\d\d)\b"
    rf"|\b(?P<day2>\d{{1,2}})\s+(?P<month2>{MONTH_RE})\.?,?\s+(?P<year2>(?:19|20)\d\d)\b"
    rf"|(?P<year3>(?:19|20)\d\d)年(?P<month3>\d{{1,2}})月(?:(?P<day3>\d{{1,2}})日)?"
    rf"|\b(?P<month4>{MONTH_RE})\.?,?\s+(?P<year4>(?:19|20)\d\d)\b(?![.,]\d)"
)
# A Chinese character after the number must be 年: "2000万元", "1998家" are no years.
_BARE_YEAR = re.compile(
    r"(?<![\d.,-])(?P<year>(?:19|20)\d\d)"
    r"(?![\d.,]\d|\s*(?:percent|%|tonnes|tons|yuan)|(?!年)[\u3400-\u9fff])"
)
_FUTURE_YEAR = re.compile(
    r"(?:\bby|\bbefore|\buntil|\btill|\bthrough|\btarget(?:s|ed)?\s+(?:for|of)|\bgoals?\s+(?:for|of))"
    r"\s+(?:the\s+end\s+of\s+)?$|(?:到|力争|争取|计划|拟|预计|目标|将于?|要在|于)$",
    re.IGNORECASE,
)
# Before a full date: a deadline ("by June 30, 2025"); "until"/"through" usually close a reported span.
_DEADLINE = re.compile(
    r"(?:\bby|\bbefore|\bno\s+later\s+than)\s+(?:the\s+end\s+of\s+)?$|(?:到|力争|争取|要在|须在|必须在|务必)$",
    re.IGNORECASE,
)
_DEADLINE_AFTER = re.compile(r"(?:底|末)?(?:之?前|以前)")  # "2025年6月30日前", "2025年底前"

_TIME = (
    r"(?:(?P<hh>\d{1,2})[:：](?P<mm>\d{2})(?:\s*(?P<ampm>[ap])\.?m\.?)?"
    r"|(?P<h12>\d{1,2})\s*(?P<ampm2>[ap])\.?m\.?"
    r"|(?P<hoc>\d{1,2})\s+o'clock|(?P<named>midnight|noon|midday))"
)
_AS_OF = re.compile(
    rf"\b(?:as\s+of|as\s+at|up\s+to|until|till|by)\s+"
    rf"(?:{_TIME}\s+(?:(?:on|in)\s+)?)?(?:the\s+)?(?:(?:morning|afternoon|evening|night)\s+of\s+)?"
    rf"(?:the\s+)?(?P<endof>end\s+of\s+)?(?P<month>{MONTH_RE})\b\.?(?:\s+(?P<day>{DAY_RE}))?"
    rf"(?:,?\s*(?P<year>(?:19|20)\d\d))?(?:,?\s+at\s+(?P<hh2>\d{{1,2}})[:：](?P<mm2>\d{{2}}))?"
    rf"|\b(?:as\s+of|as\s+at|up\s+to)\s+the\s+end\s+of\s+(?P<yearend>(?:19|20)\d\d)\b"
    r"|截[至止](?:目前)?(?:(?P<cyear>(?:19|20)\d\d)年)?(?P<cmonth>\d{1,2})月(?:(?P<cday>\d{1,2})日|(?P<cend>底|末))?"
    r"(?:\s*(?P<chalf>上午|下午|晚上|晚间|晚|早上|早|中午|凌晨|夜间)?\s*(?P<chh>\d{1,2})(?:时|点|[:：](?P<cmm>\d{2})))?"
    r"|截[至止](?P<cyearend>(?:19|20)\d\d)年(?:底|末)",
    re.IGNORECASE,
)
# A date with its year, as page headers and texts print it.
DATE_TOKEN = re.compile(
    r"(?<![\d/.-])(?P<iso>(?:19|20)\d\d(?P<sep>[-/.])(?:1[0-2]|0?[1-9])(?P=sep)(?:3[01]|[12]\d|0?[1-9]))(?!\d|[/.-]\d)"
    r"|(?P<cn>(?P<cy>(?:19|20)\d\d)\s*年\s*(?P<cm>\d{1,2})\s*月\s*(?P<cd>\d{1,2})\s*日)"
    r"|(?P<hanzi>(?P<hy>[一二][〇○零一二三四五六七八九]{3})年(?P<hm>[一二三四五六七八九十]{1,2})月"
    r"(?P<hd>[一二三四五六七八九十]{1,3})日)"
    rf"|(?P<mdy>\b{MONTH_RE}\.?\s*{DAY_RE}\s*,\s*(?P<y1>(?:19|20)\d\d))(?!\d)"
    rf"|(?P<dmy>\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_RE}\.?,?\s+(?P<y2>(?:19|20)\d\d))(?!\d)"
    # CGTN's "26-Aug-2021"
    rf"|(?P<dashed>\b\d{{1,2}}-{MONTH_RE}-(?P<y3>(?:19|20)\d\d))(?!\d)"
    # a mirror's split header "2021 04/ 07 09:12:45"
    r"|(?P<split>(?P<sy>(?:19|20)\d\d)\s+(?P<sm>1[0-2]|0?[1-9])/\s*(?P<sd>3[01]|[12]\d|0?[1-9]))(?![\d/])"
    # day.month.year, as European-style headers print it ("09:35 27.06.2019"; dots only: "06/07/2019" is
    # ambiguous)
    r"|(?<![\d.])(?P<dotted>(?P<dd>3[01]|[12]\d|0?[1-9])\.(?P<dm>1[0-2]|0?[1-9])\.(?P<dy>(?:19|20)\d\d))(?![\d]|\.\d)",
    re.IGNORECASE,
)
# A clock time after a date: "11:23CST", "20:48:05", "9:53 AM", "10:05 Beijing time".
TIME_TOKEN = re.compile(
    r"\b\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:CST|GMT|UTC|BJT|Beijing\s+time)?(?:[+-]\d{1,2})?",
    re.IGNORECASE,
)
YearFor = Callable[[int, int], int | None]  # (month, day) -> the year meant, if it can be told
_REPORTED = re.compile(r"\b(?:had|have|has)\b", re.IGNORECASE)
_PLANNED = re.compile(r"\b(?:must|should|will|shall|plans?|aims?|to be)\b", re.IGNORECASE)
# After a Chinese year: what is planned for it ("2018年将开展“回头看”", "2025年底前完成").
_PLANNED_AFTER = re.compile(r"年(?:底|内|起|初|末)?(?:之?前|以前|[，,]?(?:将|要|拟|计划|力争|争取|预计))")


def month_number(name: str) -> int:
    """1..12 for an English month name or abbreviation ("Sept." -> 9)."""
    return _MONTHS[name.lower().rstrip(".")]


def day_number(raw: str) -> int:
    """The day of "15th", "15"."""
    return int(re.sub(r"\D", "", raw))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None if it does not exist (e.g. February 30)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_HANZI_DIGITS = {
    char: str(value % 10)
    for value, chars in enumerate(("〇○零", "一", "二", "三", "四", "五", "六", "七", "八", "九"))
    for char in chars
}


def _hanzi_number(text: str) -> int:
    """二〇二一 -> 2021 (digit by digit); 十 -> 10, 十九 -> 19, 二十三 -> 23, 三十 -> 30."""
    if "十" not in text:
        return int("".join(_HANZI_DIGITS[char] for char in text))
    tens, _, ones = text.partition("十")
    return int(_HANZI_DIGITS[tens] if tens else 1) * 10 + int(_HANZI_DIGITS[ones] if ones else 0)


def token_date(match: re.Match[str]) -> dt.date | None:
    """The date of a :data:`DATE_TOKEN` match (dateutil parses the Western forms), or None if invalid."""
    if match.group("cn"):
        return safe_date(int(match.group("cy")), int(match.group("cm")), int(match.group("cd")))
    if match.group("split"):
        return safe_date(int(match.group("sy")), int(match.group("sm")), int(match.group("sd")))
    if match.group("dotted"):
        return safe_date(int(match.group("dy")), int(match.group("dm")), int(match.group("dd")))
    if match.group("hanzi"):  # "二〇二一年九月十九日", as official documents date themselves
        try:
            parts = [_hanzi_number(match.group(name)) for name in ("hy", "hm", "hd")]
        except (KeyError, ValueError):  # "十十" and the like
            return None
        return safe_date(*parts)
    token = re.sub(r"\s*,\s*", ", ", match.group(0))  # "Sep 27,2020": dateutil needs the space
    try:
        parsed = date_parser.parse(token, default=dt.datetime(1900, 1, 1), yearfirst=bool(match.group("iso")))
    except (ValueError, OverflowError):
        return None
    year = match.group("y1") or match.group("y2") or match.group("y3") or match.group(0)[:4]
    return parsed.date() if parsed.year == int(year) else None


def find_dates(text: str) -> list[tuple[dt.date, int, int]]:
    """Every date with its year in ``text`` as (date, start, end)."""
    text = fold(text)
    found = []
    for match in DATE_TOKEN.finditer(text):
        date = token_date(match)
        if date is not None:
            found.append((date, match.start(), match.end()))
    return found


# ---------------------------------------------------------------------------------------- years


def event_dates(text: str, *, reported_only: bool = False) -> list[dt.date]:
    """Dates stated with a year anywhere in ``text`` (a month without a day counts as its 1st);
    with ``reported_only``, deadlines and targets ("by June 30, 2025", "2025年6月30日前") are left out."""
    text = fold(text)
    dates = []
    for match in _FULL_DATE.finditer(text):
        if reported_only and (
            _DEADLINE.search(text, max(0, match.start() - 30), match.start())
            or _DEADLINE_AFTER.match(text, match.end())
        ):
            continue
        g = match.groupdict()
        if g["year"]:
            parts = (int(g["year"]), month_number(g["month"]), day_number(g["day"]))
        elif g["year2"]:
            parts = (int(g["year2"]), month_number(g["month2"]), int(g["day2"]))
        elif g["year3"]:
            parts = (int(g["year3"]), int(g["month3"]), int(g["day3"] or 1))
        else:
            parts = (int(g["year4"]), month_number(g["month4"]), 1)
        date = safe_date(*parts)
        if date is not None:
            dates.append(date)
    return dates


def _bare_years(text: str) -> list[int]:
    """Plain years the text reports on ("in 2017"), leaving out targets and plans ("by 2030"). Each year is
    judged by its sentence (at most 600 characters either side), found by bisection: linear in the text."""
    stops = [m.start() for m in re.finditer(r"[.\n。！？]", text)]
    ends = [m.start() for m in re.finditer(r"\. |\n|[。！？]", text)]
    planned = [(m.start(), m.end()) for m in _PLANNED.finditer(text)]
    years = []
    for match in _BARE_YEAR.finditer(text):
        before = bisect_left(stops, match.start())
        after = bisect_left(ends, match.end())
        sentence_start = max(stops[before - 1] + 1 if before else 0, match.start() - 600)
        sentence_end = min(ends[after] if after < len(ends) else len(text), match.end() + 600)
        ahead = _FUTURE_YEAR.search(text, max(0, match.start() - 30), match.start()) or _PLANNED_AFTER.match(
            text, match.end()
        )
        first_plan = bisect_left(planned, (sentence_start, 0))
        if ahead or (first_plan < len(planned) and planned[first_plan][1] <= sentence_end):
            continue
        years.append(int(match.group("year")))
    return years


def _year_after(events: list[dt.date], month: int, day: int) -> int:
    """The year of (month, day) given the reported events: the latest events' year, or the next one when
    the date falls well before every event of that year (a January dateline on December events)."""
    latest = max(date.year for date in events)
    candidate = safe_date(latest, month, day if month != 2 or day != 29 else 28)
    same_year = [date for date in events if date.year == latest]
    if candidate is None or any(date <= candidate for date in same_year):
        return latest
    if min(same_year) - candidate < dt.timedelta(days=62):  # an announcement of events shortly ahead
        return latest
    return latest + 1


def infer_year(text: str, month: int, day: int, scope: InspectionScope | None = None) -> int | None:
    """Year of a date given without one (e.g. a dateline "September 19"), inferred from the article.

    The article is dated after the most recent events it reports: the latest of its dated events ("mid-
    August 2017"; the next year if the date falls well before them), or a later plain year it reports
    ("in 2017"), and never well before the batch ``scope`` names began. Deadlines and targets ("by June 30,
    2025", "by 2030") do not count. With no dated event, the start of the inspection ``scope`` reports
    (a whole round: its last batch), else the latest plain year mentioned.
    """
    text = fold(text)
    events = event_dates(text, reported_only=True)
    years = _bare_years(text)
    start = scope_start(scope) if scope is not None else None
    if not events:
        if start is not None:
            year, start_month = start
            return year if (month, day) >= (start_month, 1) else year + 1
        return max(years) if years else None
    latest = max(events).year
    candidates = [_year_after(events, month, day)]
    candidates += [year for year in years if year > latest]
    if start is not None and scope is not None and (scope.batch or scope.phase):
        year, start_month = start
        ahead = dt.date(year, start_month, 1) - dt.date(year, month, min(day, 28))
        candidates.append(year + 1 if ahead > dt.timedelta(days=62) else year)
    return max(candidates)


# ---------------------------------------------------------------------------------------- as-of


def _as_of_from_match(match: re.Match[str], year_for: YearFor) -> str | None:
    if match.group("yearend") or match.group("cyearend"):
        return f"{match.group('yearend') or match.group('cyearend')}-12-31"
    hour: int | None = None
    minute = 0
    if match.group("cmonth"):
        month = int(match.group("cmonth"))
        day = int(match.group("cday")) if match.group("cday") else None
        year = int(match.group("cyear")) if match.group("cyear") else None
        if match.group("chh"):
            hour, minute = int(match.group("chh")), int(match.group("cmm") or 0)
            if match.group("chalf") in {"下午", "晚上", "晚间", "晚", "夜间"} and hour < 12:
                hour += 12  # "晚8点" is 20:00
        end_of = bool(match.group("cend"))
    else:
        month = month_number(match.group("month"))
        day = day_number(match.group("day")) if match.group("day") else None
        year = int(match.group("year")) if match.group("year") else None
        end_of = bool(match.group("endof"))
        if match.group("hh"):
            hour, minute = int(match.group("hh")), int(match.group("mm"))
            if match.group("ampm") and match.group("ampm").lower() == "p" and hour < 12:
                hour += 12
        elif match.group("h12"):
            hour = int(match.group("h12")) % 12 + (12 if match.group("ampm2").lower() == "p" else 0)
        elif match.group("hoc"):
            hour = int(match.group("hoc"))
        elif match.group("named"):
            hour = 24 if match.group("named").lower() == "midnight" else 12
        elif match.group("hh2"):
            hour, minute = int(match.group("hh2")), int(match.group("mm2"))
        if day is None and not end_of and year is None:
            return None  # "by June" without a day or year is too vague (and often a deadline)
    if year is None:
        year = year_for(month, day or 1)
        if year is None:
            return None
    if day is None:
        if not end_of:
            return f"{year:04d}-{month:02d}"
        day = calendar.monthrange(year, month)[1]
    if safe_date(year, month, day) is None:
        return None
    stamp = f"{year:04d}-{month:02d}-{day:02d}"
    if hour is not None and 0 <= hour <= 24 and 0 <= minute < 60:
        stamp += f"T{hour:02d}:{minute:02d}"
    return stamp


def find_as_of(text: str, year_for: YearFor) -> str | None:
    """ISO date(time) of the first "As of ..." / "截至..." statement in ``text``; ``year_for(month, day)``
    supplies the year when the text gives none."""
    text = fold(text)
    for match in _AS_OF.finditer(text):
        keyword = match.group(0).split()[0].lower()
        timed = match.group("hh") or match.group("h12") or match.group("hoc") or match.group("named")
        if keyword in {"by", "until", "till"} and not timed:
            rest = re.split(r"[.;。；]", text[match.end() : match.end() + 200], maxsplit=1)[0]
            if not _REPORTED.search(rest) or _PLANNED.search(rest):
                continue  # "must be finished by June 30" is a deadline, not when figures were stated
        stamp = _as_of_from_match(match, year_for)
        if stamp:
            return stamp
    return None


# A year alone, or opening a date written as one number ("20170110").
# "2024", "20240507", "201705" (a year-month folder of an address: ".../a/201705/12/WS59.html")
_NAME_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d\d)(?:(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])?)?(?![0-9])")


def name_year(name: str) -> int | None:
    """The one year a file name states ("xinhua 2024 05 07 new round" -> 2024, "pressreader china daily
    20170110" -> 2017), else None: a hint for an article whose text gives no year ("content_26141687"
    holds none)."""
    years = {int(found) for found in _NAME_YEAR.findall(name)}
    this_year = dt.date.today().year
    return years.pop() if len(years) == 1 and 2015 <= min(years) <= this_year else None


# A full date in a file name or an address's path: "2016/01/06", "2017-08/08", "2017/0808", "201705/12",
# "20160107", "xinhua 2024 05 07" (a file name with its dashes read as spaces).
_NAME_DATE = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)\d\d)[-/_. ]?(?P<m>0[1-9]|1[0-2])[-/_. ]?(?P<d>0[1-9]|[12]\d|3[01])(?![0-9])"
)


def name_date(name: str) -> dt.date | None:
    """The one full date a file name or an address's path states (".../2016/01/06/story",
    ".../newsrepublic/2017-08/08/content_30378611.htm", ".../20160107/2815...", "xinhua 2024 05 07"),
    else None: the publication date of a page that prints none, or the year of its dateline."""
    dates = {
        found
        for match in _NAME_DATE.finditer(name)
        if (found := safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d"))))
    }
    today = dt.date.today()
    return dates.pop() if len(dates) == 1 and dt.date(2015, 1, 1) <= min(dates) <= today else None


def year_near(reference: dt.date | None, fallback: YearFor) -> YearFor:
    """A ``year_for`` function: the year that puts (month, day) on or shortly before ``reference``."""

    def year_for(month: int, day: int) -> int | None:
        if reference is None:
            return fallback(month, day)
        year = reference.year
        candidate = safe_date(year, month, min(day, 28) if month == 2 else day)
        if candidate is not None and candidate - reference > dt.timedelta(days=31):
            return year - 1
        return year

    return year_for
