"""Text matching used by the metrics: answer tokens, forbidden figures and the numbers of an answer.

Numbers match as whole numbers: "61" is not found in "610", "1,158" or "40.06". Words match as whole
words ("six" is not found in "sixth", but "November 21" is in "于November 21日"); matching ignores case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from bot.answer import Answer
from bot.engine.arithmetic import computed_tokens
from bot.engine.arithmetic import problems as arithmetic_problems
from bot.engine.chinese_time import clock_times, clock_tokens, stated_days
from bot.engine.grounding import without_glosses

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_MARKER = re.compile(r"\[(\d+)\]")
# Numbers that name an inspection rather than state a figure: "round 2", "batches 4 and 6", "4th".
_SCOPE_NUMBERS = re.compile(
    r"\b(?:rounds?|batch(?:es)?|phases?)\s+\d+(?:\s*(?:,|and|&|or)\s*\d+)*|\b\d+(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")


@lru_cache(maxsize=4096)
def _token_pattern(token: str) -> re.Pattern[str]:
    left = right = ""
    if token[0].isdigit():
        left = r"(?<!\d)(?<!\d[.,])"
    elif token[0].isascii() and token[0].isalpha():
        left = r"(?<![A-Za-z0-9_])"  # a Chinese character before an English word is a boundary
    if token[-1].isdigit():
        right = r"(?!\d)(?![.,]\d)"
    elif token[-1].isascii() and token[-1].isalpha():
        right = r"(?![A-Za-z0-9_])"
    body = r"\s+".join(re.escape(part) for part in token.split())
    return re.compile(left + body + right, re.IGNORECASE)


def contains(text: str, token: str) -> bool:
    """True when ``token`` occurs in ``text`` as a whole number / whole word (any case, any spacing)."""
    return bool(token.strip()) and _token_pattern(token.strip()).search(text) is not None


def contains_any(text: str, forms: Iterable[str]) -> bool:
    """True when any accepted form of a token occurs in ``text``."""
    return any(contains(text, form) for form in forms)


def numbers_in(text: str) -> list[Decimal]:
    """The numbers written in digits in ``text`` ("1,158" -> 1158, "40.06" -> 40.06, "20:00" -> 20, 0)."""
    values = []
    for match in _NUMBER.finditer(text):
        raw = match.group()
        parts = [raw.replace(",", "")] if _THOUSANDS.fullmatch(raw) else re.split(r",", raw)
        for part in parts:
            pieces = part.split(".")
            candidates = [part] if len(pieces) <= 2 else pieces
            for candidate in candidates:
                try:
                    values.append(Decimal(candidate))
                except InvalidOperation:
                    continue
    return values


def figures_in_answer(text: str) -> list[tuple[str, Decimal]]:
    """The figures an answer states: its numbers less citation markers and round/batch numbers."""
    cleaned = _SCOPE_NUMBERS.sub(" ", _MARKER.sub(" ", text))
    figures = []
    for match in _NUMBER.finditer(cleaned):
        figures.extend((match.group(), value) for value in numbers_in(match.group()))
    return figures


def ungrounded_figures(answer: Answer) -> list[str]:
    """Figures of the answer text found in none of its cited quotes.

    A year also counts as grounded when it is the publication year of a cited article, since the
    article's date is part of its citation; so does the stated result of the answer's arithmetic when it
    recomputes on quoted figures (bot/engine/arithmetic.py), and so does a clock time the quotes state in
    any form ("20:00" for "20时"), and so does a day they state, in any form ("2021年9月15日" for
    "September 15th", its year that of the day or of a cited article), and a quoted figure's gloss in
    brackets, of the same value ("4006万元 (40.06 million yuan)").
    """
    quoted = {value for citation in answer.citations for value in numbers_in(citation.quote)}
    if not arithmetic_problems(answer.arithmetic, answer.citations):  # verified results count as grounded
        quoted.update(value for token in computed_tokens(answer.arithmetic) for value in numbers_in(token))
    years = {citation.date[:4] for citation in answer.citations if citation.date}
    clocks = {time for citation in answer.citations for time in clock_times(citation.quote)}
    text = without_glosses(answer.answer, answer.citations)
    for written, time in clock_tokens(text):  # "20:00" over a quoted "20时": the same time
        if time in clocks:
            text = text.replace(written, " ")
    quoted_days = [day for citation in answer.citations for day in stated_days(citation.quote)]
    for day in reversed(stated_days(text)):  # a quoted day restated: "2021年9月15日" for "September 15th"
        if day.until is None and any(
            (day.month, day.day) == (quoted.month, quoted.day)
            and (day.year in (None, quoted.year) or (quoted.year is None and str(day.year) in years))
            for quoted in quoted_days
        ):
            text = text[: day.start] + " " + text[day.end :]
    missing = []
    for raw, value in figures_in_answer(text):
        if value in quoted or (_YEAR.fullmatch(raw) and raw in years):
            continue
        missing.append(raw)
    return missing


def unknown_markers(answer: Answer) -> list[int]:
    """``[n]`` markers in the answer text that name no listed citation."""
    listed = {citation.n for citation in answer.citations}
    return [n for n in map(int, _MARKER.findall(answer.answer)) if n not in listed]
