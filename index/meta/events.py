"""Dated events an article reports, kept apart from its publication date.

"The teams were stationed from May 30 to June 7, 2018", "will be stationed ... from November 4 to 5,
2023", "carried out inspections from November to December 2016", "entered Sichuan on August 26",
"gave feedback to Hunan on Friday" (no date: nothing found), "As of 20:00 on September 15", and in
Chinese (matched on ``fold(text)``, so traditional characters and full-width digits read the same)
"于2021年8月26日至31日进驻", "对河北省开展了环境保护督察", "向河北省委、省政府进行了反馈",
"反馈督察情况", "向社会公开了督察报告" (the feedback made public), "截至9月15日20时". Each event is
read from one sentence: its trigger word and the date expression nearest to it. A date stated without
its year takes the year that puts it on or shortly before the publication date (else the year the
article's own dates suggest); a relative day ("on Monday") is dated only by the dateline, and only when
the dateline's date is that day, so the page's publication date never becomes an event date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from index.meta.dates import DAY_RE, MONTH_RE, YearFor, day_number, find_as_of, month_number, safe_date
from index.models import DatedEvent, EventKind
from index.text.chinese import fold
from index.text.sentences import split_sentences

# Trigger words of each kind of event, searched per sentence.
TRIGGERS: dict[EventKind, re.Pattern[str]] = {
    "stationed": re.compile(
        r"\bstation(?:ed|ing)?\b|\bentered\b|\barrived\s+(?:in|at)\b|\bdispatched\s+to\b|\bsent\s+to\b|"
        r"\bmobili[sz]ation\s+meeting\b|\b(?:carried\s+out|conducted)\s+(?:[\w-]+\s+){0,6}(?:inspections?|checks?)\b|"
        # "A month-long central inspection of ... Guangdong province commenced on Monday", "is under way"
        r"\b(?:inspections?|supervision|inspectors|teams)\b[^.;]{0,100}?\b(?:commenc\w*|kicked\s+off|"
        r"(?:is|was|are|were)\s+(?:now\s+)?under\s*way)\b|"
        r"进驻|入驻|动员会|(?:开展|实施)了?[^，。；]{0,15}?督察(?!整改)",
        re.IGNORECASE,
    ),
    "feedback": re.compile(
        r"\bfeedback\b|\bfe(?:d|eds?)\s+back\b|\breported\s+back\b|"
        r"\breported\s+what\s+(?:\w+\s+){0,3}found|"
        r"\b(?:reported|presented|delivered|handed(?:\s+over)?)\s+(?:its|their)\s+(?:findings|results|opinions?)|反馈|"
        r"公开了?[^，。；]{0,6}?督察(?:报告|意见)",
        re.IGNORECASE,
    ),
}
# A single date in a sentence on the stationing's end ("The stationing was completed by May 9") is no start.
COMPLETED = re.compile(r"\b(?:completed|ended|finished|concluded|wrapped\s+up)\b|结束|完成", re.IGNORECASE)
# A sentence about the teams with a date range and no trigger word states their stay ("Ten provinces received
# the six teams ... between 30 May and 7 June").
TEAMS = re.compile(r"\b(?:inspection\s+)?(?:teams?|groups?)\b|\binspectors\b|\bstay\b|督察组", re.IGNORECASE)
_YEAR = r"(?:19|20)\d\d"


_ORDINAL_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)"
_LAST_MONTH = r"\s+of\s+(?:the\s+)?(?:last|previous|preceding)\s+month"
# What may follow a day stated alone ("on the 26th, the team held ..."): not a noun it numbers.
_AFTER_DAY = (
    r"\s+(?:and|to|at|in|with|when|after|before|for|the|this|that|has|have|had|was|were|is|are|will|"
    r"local|Beijing|morning|afternoon|evening|night)\b"
)


def _md(suffix: str) -> str:
    """A month and day, either order ("August 26", "26 August"), with groups named after ``suffix``."""
    return (
        rf"(?P<m{suffix}>{MONTH_RE})\.?\s+(?P<d{suffix}>{DAY_RE})"
        rf"|(?P<dd{suffix}>{DAY_RE})\s+(?P<mm{suffix}>{MONTH_RE})\.?"
    )


# Date ranges and single dates, most specific first.
_EXPRESSIONS = re.compile(
    # "from August 26 to August 31, 2021", "from Nov 4 to 5, 2023", "from 30 May to 7 June", "May 30 - June 7"
    rf"(?:(?:from|between)\s+)?(?:{_md('a')})(?:,?\s*(?P<ya>{_YEAR}))?\s*(?:to|until|till|through|and|-|–|—)\s*"
    rf"(?:(?:{_md('b')})|(?P<dayb>{DAY_RE}))(?:,?\s*(?P<yb>{_YEAR}))?"
    # "from November to December 2016"
    rf"|(?:from|between)\s+(?P<ra>{MONTH_RE})\s+(?:to|and|until)\s+(?P<rb>{MONTH_RE})\.?,?\s+(?P<ry>{_YEAR})"
    # "2021年8月26日至31日", "8月26日至9月26日"
    r"|(?:(?P<cya>(?:19|20)\d\d)年)?(?P<cma>\d{1,2})月(?P<cda>\d{1,2})日?\s*(?:至|到|—|-|–)\s*"
    r"(?:(?P<cyb>(?:19|20)\d\d)年)?(?:(?P<cmb>\d{1,2})月)?(?P<cdb>\d{1,2})日"
    # a single date: "August 26, 2021", "on August 26", "2021年8月26日"
    rf"|(?:{_md('s')})(?:,?\s*(?P<ys>{_YEAR}))?(?![\d:])"
    r"|(?:(?P<cys>(?:19|20)\d\d)年)?(?P<cms>\d{1,2})月(?P<cds>\d{1,2})日"
    # a day of the month of publication (wire translations): "from the 5th to the 30th", "from the 21st to
    # the 20th of next month", "from the 22nd of last month", "on the 26th" (not "the 19th Central Committee")
    rf"|(?:from|between)\s+the\s+(?P<eda>{_ORDINAL_DAY})(?P<edlast>{_LAST_MONTH})?"
    r"\s+(?:to|until|till|through|and)\s+the\s+"
    rf"(?P<edb>{_ORDINAL_DAY})(?P<ednext>\s+of\s+(?:the\s+)?(?:next|following)\s+month)?"
    rf"|\b(?:on|from|since|starting|beginning)\s+the\s+(?P<eds>{_ORDINAL_DAY})"
    rf"(?:(?P<edslast>{_LAST_MONTH})|\s+of\s+(?:this|the)\s+month|(?=\s*(?:[,.;:)]|$)|{_AFTER_DAY}))"
    # ... (Chinese wire style): "20日至21日", "26日" (not "15日内")
    r"|(?<![\d月年/.-])(?P<cdda>\d{1,2})日\s*(?:至|到|—|-|–)\s*(?P<cddb>\d{1,2})日"
    r"|(?<![\d月年/.-])(?P<cdds>\d{1,2})日(?!内|\d)",
    re.IGNORECASE,
)


def _month_day(match: re.Match[str], suffix: str) -> tuple[int, int] | None:
    month = match.group(f"m{suffix}") or match.group(f"mm{suffix}")
    day = match.group(f"d{suffix}") or match.group(f"dd{suffix}")
    if not month or not day:
        return None
    return month_number(month), day_number(day)


def _dated(year: str | None, month: int, day: int, year_for: YearFor) -> dt.date | None:
    resolved = int(year) if year else year_for(month, day)
    return safe_date(resolved, month, day) if resolved else None


def _of_publication_month(day: int, published: dt.date | None) -> dt.date | None:
    """Day ``day`` of the month of ``published`` (of the month before, when that day is still to come)."""
    if published is None or not 1 <= day <= 31:
        return None
    if day <= published.day:
        return safe_date(published.year, published.month, day)
    before = published.replace(day=1) - dt.timedelta(days=1)
    return safe_date(before.year, before.month, day)


def _expression(
    match: re.Match[str], year_for: YearFor, published: dt.date | None = None
) -> tuple[dt.date, dt.date | None, bool] | None:
    """(start, end, month_only) of one date expression, or None when it is not a real date. A day stated
    alone (20日至21日) is of the month of ``published``, and nothing without it."""
    g = match.group
    if g("eda") or g("eds"):
        last_month = published.replace(day=1) - dt.timedelta(days=1) if published else None
        month_of = last_month if g("edlast") or g("edslast") else published
        start = _of_publication_month(day_number(g("eda") or g("eds")), month_of)
        end = None
        if start is not None and g("edb"):
            later = g("ednext") or g("edlast")  # "to the 20th of next month", "from the 22nd of last month"
            month_of_end = start.replace(day=1) + dt.timedelta(days=32) if later else start
            end = safe_date(month_of_end.year, month_of_end.month, day_number(g("edb")))
            if end is None or end < start:
                return None
        return (start, end, False) if start else None
    if g("cdda") or g("cdds"):
        start = _of_publication_month(int(g("cdda") or g("cdds")), published)
        end = _of_publication_month(int(g("cddb")), published) if g("cddb") else None
        if start is None or (end is not None and end < start):
            return None
        return start, end, False
    if g("ra"):
        year = int(g("ry"))
        first, last = month_number(g("ra")), month_number(g("rb"))
        start = dt.date(year - (1 if first > last else 0), first, 1)
        return start, dt.date(year, last, calendar.monthrange(year, last)[1]), True
    if g("cma"):
        year_a = g("cya") or g("cyb")
        start = _dated(year_a, int(g("cma")), int(g("cda")), year_for)
        month_b = int(g("cmb") or g("cma"))
        end = _dated(
            g("cyb") or year_a or (str(start.year) if start else None), month_b, int(g("cdb")), year_for
        )
        return (start, end, False) if start else None
    if g("cms"):
        start = _dated(g("cys"), int(g("cms")), int(g("cds")), year_for)
        return (start, None, False) if start else None
    first = _month_day(match, "a")
    if first is not None:
        second = _month_day(match, "b") or (first[0], day_number(g("dayb")))
        year_b = g("yb") or g("ya")
        year_a = g("ya") or (str(int(year_b) - 1) if year_b and second < first else year_b)
        start = _dated(year_a, *first, year_for)
        end = _dated(year_b or (str(start.year + (second < first)) if start else None), *second, year_for)
        if start is None or end is None or end < start:
            return None
        return start, end, False
    single = _month_day(match, "s")
    if single is None:
        return None
    start = _dated(g("ys"), *single, year_for)
    return (start, None, False) if start else None


def _nearest(
    sentence: str,
    trigger: re.Match[str],
    year_for: YearFor,
    published: dt.date | None,
    *,
    ranges_only: bool = False,
    rival: re.Match[str] | None = None,
    unannounced: bool = False,
) -> tuple[dt.date, dt.date | None, bool] | None:
    """The date expression of ``sentence`` nearest to ``trigger`` (with ``ranges_only``, the nearest span);
    never one nearer to the ``rival`` trigger of another event ("wrapped up their stationing on Sept 26 and
    will give feedback later"), nor, with ``unannounced``, the day something was said ("announced on Jan
    10 that the teams had completed feedback")."""
    best: tuple[int, tuple[dt.date, dt.date | None, bool]] | None = None
    for match in _EXPRESSIONS.finditer(sentence):
        parsed = _expression(match, year_for, published)
        if parsed is None or (ranges_only and parsed[1] is None):
            continue
        if unannounced and _announced(sentence, match):
            continue
        distance = _distance(match, trigger)
        if rival is not None and _distance(match, rival) < distance:
            continue
        if best is None or distance < best[0]:
            best = (distance, parsed)
    return best[1] if best else None


def _distance(match: re.Match[str], other: re.Match[str]) -> int:
    return max(match.start() - other.end(), other.start() - match.end(), 0)


# The day something was said, not the day of the event said: "announced on Jan 10 that", "told reporters
# on the 27th", "On Dec 8, the ministry said".
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|announced|disclosed|revealed|stated|learned|learnt|told\s+(?:reporters|journalists|the\s+press)"
    r"(?:\s+in\s+[A-Z]\w+)?|(?:press|news)\s+conference|briefing)(?:\s+from\s+[^,.;]{0,80}?)?(?:\s+(?:on|at))?\s+$",
)
_SAID_AFTER = re.compile(
    r"\s*,?\s*(?:the\s+)?(?:[\w'’-]+\s+){0,6}?(?:said|announced|disclosed|revealed|told)\b"
)


def _announced(sentence: str, match: re.Match[str]) -> bool:
    """True when the date at ``match`` is the day of a statement ("announced on Jan 10 that ...")."""
    if _SAID_BEFORE.search(sentence, max(0, match.start() - 60), match.start()):
        return True
    lead = sentence[: match.start()].strip().lower() if match.start() <= _LEAD_CHARS else None
    return lead in ("on", "") and bool(_SAID_AFTER.match(sentence, match.end()))


_LEAD_CHARS = 8  # "On Dec 8, the ministry said": the date opens the sentence


# The end of the teams' stay stated alone: "The on-site inspection ended on September 26", "wrapped up
# their stationing on Sept 26", "completed their stay on Sept 26".
ENDED = re.compile(
    r"\b(?:stationing|stay|on-site\s+(?:work|inspections?|stage)|inspections?|mission)\b[^.;]{0,40}?"
    r"\b(?:ended|concluded|finished|wrapped\s+up|completed|came\s+to\s+an\s+end)\b"
    r"|\b(?:ended|concluded|finished|wrapped\s+up|completed|left)\s+(?:their|its|the)\s+(?:[\w-]+\s+)?"
    r"(?:stationing|stay|on-site\s+work|inspections?|mission)\b|结束(?:了)?(?:进驻|下沉)|进驻(?:工作)?(?:已)?结束",
    re.IGNORECASE,
)


# "commenced on Monday", "will be stationed ... starting Wednesday", "from today": a day named relative to
# the dateline's
RELATIVE_DAY = re.compile(
    r"\b(?:today|(?:on|from|starting|beginning|since)\s+(?P<weekday>Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday))\b",
    re.IGNORECASE,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _relative_date(sentence: str, reported: dt.date | None) -> dt.date | None:
    """The dateline's date ``reported`` when ``sentence`` names its day relatively ("today", or the weekday
    that ``reported`` is: "commenced on Monday" in an article datelined Monday, Nov. 28); else None."""
    match = RELATIVE_DAY.search(sentence)
    if match is None or reported is None:
        return None
    weekday = match.group("weekday")
    if weekday is None or _WEEKDAYS.index(weekday.lower()) == reported.weekday():
        return reported
    return None


def _sentence_events(
    text: str,
    span: tuple[int, int],
    previous: tuple[int, int] | None,
    year_for: YearFor,
    published: dt.date | None,
    reported: dt.date | None,
    relatives: list[DatedEvent],
    ends: list[dt.date],
) -> Iterator[DatedEvent]:
    """The events of the sentence at ``span``. A stationing sentence with no date of its own ("It has
    successively stationed in the five provinces") takes the one date range of the sentence before it,
    as wire translations split "teams will be held from August 26 to August 31, 2021. It has stationed".
    A sentence on the teams with a date span but no trigger word ("received the teams between 30 May and
    7 June") states their stay. A stationing dated only by a relative day is put in ``relatives``, and the
    end of a stay stated without its start ("The on-site inspection ended on September 26") in ``ends``."""
    sentence = text[span[0] : span[1]]
    triggers = {kind: pattern.search(sentence) for kind, pattern in TRIGGERS.items()}
    if triggers["stationed"] is None and triggers["feedback"] is None and (done := ENDED.search(sentence)):
        day = _nearest(sentence, done, year_for, published)  # "The on-site inspection ended on Sept 26."
        if day is not None and day[1] is None and not day[2]:
            ends.append(day[0])
    for kind, trigger in triggers.items():
        if trigger is None and kind == "stationed" and triggers["feedback"] is None:
            teams = TEAMS.search(sentence)  # no trigger word: a date span in a sentence on the teams
            parsed = _nearest(sentence, teams, year_for, published, ranges_only=True) if teams else None
            if parsed is not None:
                yield DatedEvent(kind=kind, start=parsed[0], end=parsed[1], month_only=parsed[2], span=span)
            continue
        if trigger is None:
            continue
        parsed, where = None, span
        ended = ENDED.search(sentence) if kind == "stationed" else None
        if kind == "stationed":  # a stay is a span: "2021年4月6日至5月6日 ... 开展了督察，并于7月20日反馈"
            parsed = _nearest(sentence, trigger, year_for, published, ranges_only=True)
            rival = triggers["feedback"]
        else:  # the teams' leaving is no feedback: "wrapped up their stationing on Sept 26; feedback later"
            rival = triggers["stationed"] if ENDED.search(sentence) else None
        parsed = parsed or _nearest(sentence, trigger, year_for, published, rival=rival, unannounced=True)
        if parsed is None and kind == "stationed" and previous is not None:
            found = [_expression(m, year_for, published) for m in _EXPRESSIONS.finditer(text, *previous)]
            ranges = [r for r in found if r is not None and r[1] is not None]
            if len(ranges) == 1:
                parsed, where = ranges[0], (previous[0], span[1])
        if parsed is not None and kind == "stationed" and parsed[1] is None and COMPLETED.search(sentence):
            parsed = _with_end(sentence, ended, parsed, year_for, published, ends)
        if parsed is None and kind == "stationed" and not COMPLETED.search(sentence):
            relative = _relative_date(sentence, reported)
            if relative is not None:
                relatives.append(DatedEvent(kind="stationed", start=relative, span=where))
        if parsed is not None:
            start, end, month_only = parsed
            yield DatedEvent(kind=kind, start=start, end=end, month_only=month_only, span=where)
    as_of = find_as_of(sentence, year_for)
    if as_of and len(as_of) >= 10:
        yield DatedEvent(kind="as_of", start=dt.date.fromisoformat(as_of[:10]), span=span)


def _with_end(
    sentence: str,
    ended: re.Match[str] | None,
    parsed: tuple[dt.date, dt.date | None, bool],
    year_for: YearFor,
    published: dt.date | None,
    ends: list[dt.date],
) -> tuple[dt.date, dt.date | None, bool] | None:
    """A stationing sentence that says the stay is over: "stationed from Aug 26, completed their stay on
    Sept 26" is the stay Aug 26 - Sept 26; a single date after the word ("wrapped up their stationing on
    Sept 26") is the end, put in ``ends`` (it completes the article's stationing), never a start; one
    before it ("stationed from the 22nd of last month has completed its stationing") is the start."""
    if ended is None:
        return None
    after = [_expression(m, year_for, published) for m in _EXPRESSIONS.finditer(sentence, ended.start())]
    last = next((found for found in after if found is not None), None)  # the first date after the word
    if last is None:
        return parsed if parsed not in after else None
    if last[1] is not None or last[2]:
        return None
    if last[0] > parsed[0]:
        return parsed[0], last[0], False
    ends.append(last[0])
    return None


def _completed(events: list[DatedEvent], ends: list[dt.date]) -> list[DatedEvent]:
    """The stationings without an end given the one end date the article states on its own."""
    if len(set(ends)) != 1:
        return events
    end = ends[0]
    return [
        e.model_copy(update={"end": end})
        if e.kind == "stationed" and e.end is None and e.start < end and (end - e.start).days <= _LONGEST_STAY
        else e
        for e in events
    ]


_LONGEST_STAY = 75  # days: a batch's teams stay about a month


def find_events(
    text: str, year_for: YearFor, published: dt.date | None = None, reported: dt.date | None = None
) -> list[DatedEvent]:
    """The stationing, feedback and as-of events stated in ``text``, in text order; ``year_for(month,
    day)`` gives the year of a date stated without one, and a day stated alone (Chinese wire style:
    "督察组20日至21日分别向……反馈") is of the month of ``published``. A stationing dated only by a relative
    day ("commenced on Monday") is of the dateline's date ``reported`` when that is the day named. An event
    the sentence before already stated (a stationing sentence that takes its dates from there) is kept
    once, with the span of both sentences; the end of the stay stated on its own ("The on-site inspection
    ended on September 26") completes a stationing stated without one."""
    text = fold(text)  # same length: the spans hold
    events: list[DatedEvent] = []
    previous: tuple[int, int] | None = None
    relatives: list[DatedEvent] = []
    ends: list[dt.date] = []
    for span in split_sentences(text):
        for event in _sentence_events(text, span, previous, year_for, published, reported, relatives, ends):
            last = events[-1] if events else None
            if last is not None and (last.kind, last.start, last.end) == (event.kind, event.start, event.end):
                if event.span[0] <= last.span[0]:
                    events[-1] = event
                continue
            events.append(event)
        previous = span
    # a stationing dated by a relative day only where the article dates no stationing of its own
    if relatives and not any(e.kind == "stationed" for e in events):
        events = sorted([*events, relatives[0]], key=lambda e: e.span)
    return _completed(events, ends)
