"""Figures wider than one batch, read once for the metadata and the engine: the country's ("nationwide",
"across the country", 全国), a calendar year's ("In 2016, ...", "last year", 全年, 年度), and the year a
sentence's figures are of ("Last year, 720 people were detained" in an article of January 2017: 2016).

- The metadata (index/meta/inspection.py) files a year's national tally under no one inspection
  (:func:`national_tally`: a country cue, the country as the subject included, and a year's).
- The engine drops such a sentence's figures from a batch's or round's answer (:func:`opens_period`), checks
  an outsized operand's sentence for a scope wider than a batch (:func:`wider_than_batch`), and answers a
  question on the inspections of a year with the figure a sentence states for it (:func:`stated_year`).

A year named inside a sentence ("the batch stationed in April 2021 fined ...") dates an inspection: only a
period that opens the sentence, a whole year ("for the year", 全年) or the country makes it wider.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

# The country as a whole: "nationwide", "across the country", "the whole country", 全国 (not 全国人大 ...)
COUNTRY = re.compile(
    r"\bnation-?wide\b|\bcountry-?wide\b|\bnationally\b"
    r"|\bacross\s+(?:(?:the|all\s+of\s+the|the\s+whole)\s+(?:country|nation)|china)\b"
    r"|\b(?:the\s+)?whole\s+(?:of\s+)?(?:the\s+)?country\b|\ball\s+over\s+(?:the\s+)?country\b"
    r"|全国(?!人大|政协|生态环境保护大会)",
    re.IGNORECASE,
)
# A national statistic named as such: "the national total", "nationally figures"
NATIONAL_TOTAL = re.compile(r"\bnational(?:ly)?\s+(?:total|figure|statistic)s?\b", re.IGNORECASE)
# The country as the tally's place or subject, for the metadata's national tally: "in China", "the country's
# annual ...", "China detained 720 people ...", figures given at a national work conference
TALLY_COUNTRY = re.compile(
    r"\bnationwide\b|\b(?:across|throughout|all\s+over)\s+the\s+country\b|\bin\s+China\b|"
    r"\bthe\s+country'?s\s+(?:annual|total|tally)\b|全国(?!人大|政协|生态环境保护大会)"
    r"|\bChina\s+(?:has\s+|had\s+)?(?:detained|fined|punished|penali[sz]ed|held|investigated|imposed|handled)\b"
    r"|\b(?:a|the)\s+national\s+(?:[a-z]+\s+){0,2}?(?:conference|meeting)\b",
    re.IGNORECASE,
)
# A calendar year anywhere in a sentence, for the national tally ("in 2016", "over the year", "last year",
# "annual", 2016年全年, 2016年，, 去年), never a range ("in 2016 to 2017")
ANNUAL = re.compile(
    r"\b(?:in|during|throughout|over)\s+(?:the\s+(?:whole\s+|past\s+)?year|20\d\d)\b(?!\s*(?:to|-|–|and)\s*\d)|"
    r"\blast\s+year\b|\bannual\b|\bfor\s+the\s+year\b|(?:20\d\d年|去年|今年)(?:全年|全国|度|共|[，,])|全年",
    re.IGNORECASE,
)
# A sentence opened by a period rather than an inspection: "In 2016, ...", "Last year, ...", "During 2017",
# "2016年，…", "去年，…", a running total to the end of last year ("Up to the end of last year, ...",
# 截至去年底)
PERIOD_OPENER = re.compile(
    r"^\W*(?:(?:19|20)\d\d\s*年\s*(?:全年|度)?\s*[，,]|(?:去年|今年)(?:全年)?\s*[，,]"
    r"|(?:in|during|throughout|for)\s+(?:the\s+(?:whole\s+)?(?:year\s+)?)?(?:19|20)\d\d\b"
    r"|(?:over\s+)?(?:last|this|the\s+past)\s+year\b|(?:over|during|throughout)\s+the\s+(?:whole\s+|full\s+)?year\b"
    r"|(?:up\s+to|until|through|by|as\s+of|at)\s+the\s+end\s+of\s+(?:last|the\s+previous|the\s+past)\s+year\b"
    r"|截至去年(?:年)?底\s*[，,]?)",
    re.IGNORECASE,
)
# A whole year said inside a sentence: "for the year", "throughout 2021", "in the whole year of 2021", 全年
WHOLE_YEAR = re.compile(
    r"\b(?:for|throughout|during|over|in)\s+the\s+(?:whole|full|entire)\s+year\b|\bfor\s+the\s+year\b"
    r"|\bthroughout\s+(?:19|20)\d\d\b(?!\s*(?:[-–]|to)\s*\d)|全年|年度",
    re.IGNORECASE,
)
# The year a period names: "in 2016", "during 2016", "of 2016", "2016年" (not "2016至2017年", a range)
_STATED_YEAR = re.compile(
    r"\b(?:in|during|throughout|for|over|of)\s+(?:the\s+(?:whole\s+|full\s+)?year\s+(?:of\s+)?)?"
    r"(?P<year>(?:19|20)\d\d)\b(?!\s*(?:[-–]|to|and)\s*\d)"
    r"|(?<!\d)(?P<zh>(?:19|20)\d\d)年(?!\s*(?:至|到|和|与|-)|\d{1,2}月)",
    re.IGNORECASE,
)
# The year before or of the article's own: "last year", 去年; "this year", 今年
_LAST_YEAR = re.compile(r"\blast\s+year\b|\bthe\s+previous\s+year\b|去年", re.IGNORECASE)
_THIS_YEAR = re.compile(r"\bthis\s+year\b|今年", re.IGNORECASE)


def is_nationwide(text: str) -> bool:
    """True when ``text`` speaks of the whole country ("how many were detained nationwide in 2016")."""
    return COUNTRY.search(text) is not None


def opens_period(sentence: str) -> bool:
    """True when a sentence is on the country or opens with a period ("Last year, ...", "In 2016, ...")."""
    return bool(COUNTRY.search(sentence) or PERIOD_OPENER.search(sentence))


def national_tally(text: str) -> tuple[str, str] | None:
    """The words that make ``text`` a year's tally for the whole country ("across the country ... in
    2016", 2016年全国…), country first; None when it lacks either."""
    country, annual = TALLY_COUNTRY.search(text), ANNUAL.search(text)
    if country is None or annual is None:
        return None
    return country.group(0), annual.group(0)


@functools.lru_cache(maxsize=1 << 12)
def wider_than_batch(sentence: str) -> bool:
    """True when a sentence states a figure of the whole country or of a whole year, not of one batch: the
    country, a national statistic, a period opening the sentence or a whole year ("for the year", 全年);
    a year inside it alone ("fines imposed in 2021 by the batch") is not."""
    return bool(
        COUNTRY.search(sentence)
        or NATIONAL_TOTAL.search(sentence)
        or PERIOD_OPENER.search(sentence)
        or WHOLE_YEAR.search(sentence)
    )


def stated_period(sentence: str, published: dt.date | None) -> tuple[int, str] | None:
    """The calendar year a sentence's period is, with the words that say it: the year it names ("In
    2016", "of 2016", 2016年), or with the article's publication date, "last year" (the year before) or
    "this year"; None when it says none."""
    found = _STATED_YEAR.search(sentence)
    if found is not None:
        return int(found.group("year") or found.group("zh")), found.group(0)
    if published is None:
        return None
    for pattern, year in ((_LAST_YEAR, published.year - 1), (_THIS_YEAR, published.year)):
        relative = pattern.search(sentence)
        if relative is not None:
            return year, relative.group(0)
    return None


def relative_years(sentence: str, published: dt.date | None) -> set[int]:
    """The years a sentence names relative to its article's date ("at the end of last year" in an article
    of 2017: 2016; "this year": 2017); none without the date."""
    if published is None:
        return set()
    return {
        year
        for pattern, year in ((_LAST_YEAR, published.year - 1), (_THIS_YEAR, published.year))
        if pattern.search(sentence)
    }
