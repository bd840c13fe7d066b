"""Numbered batches of public reports handed over to a province ("第八批群众信访举报", "前二十三批",
"the eighth batch of public reports"): never an inspection's batch. A question on reports that numbers a
batch past the last of every round ("How many reports in the eighth batch went to Taiyuan?",
第八批中太原市有多少件举报) asks the batch of reports too."""

from __future__ import annotations

import re
from functools import cache

from index.facts.chinese_numbers import numeral_value
from index.meta.calendar import Calendar, load_calendar
from index.meta.ordinals import ORDINAL_RE, ordinal_value
from index.models import InspectionScope
from index.text.chinese import fold

_CN_NUM = r"[0-9一二三四五六七八九十百两]+"
_REPORT_WORDS_ZH = r"群众|信访|举报|交办|转办|移交|转交|来信|来电"
# an inspection's batch: named with its round (第三轮第三批) or followed by 督察 (第三批督察转办…,
# 第一批中央生态环境保护督察): never a batch of reports, whatever report words follow
_NOT_AN_INSPECTION = r"(?!(?:中央)?(?:生态)?(?:环境保护|环保)?督察)"
# 第八批群众信访举报, 转办第八批, 前二十三批累计转交, "the eighth batch of public reports", "the first 23
# batches of complaints"
_REPORT_BATCH = re.compile(
    rf"(?<!轮)(?P<zh>前|第)(?P<n>{_CN_NUM})批{_NOT_AN_INSPECTION}(?=[^，。；,;]{{0,6}}?(?:{_REPORT_WORDS_ZH}))"
    rf"|(?:{_REPORT_WORDS_ZH})的?第(?P<n2>{_CN_NUM})批{_NOT_AN_INSPECTION}"
    rf"|\b(?P<first>first\s+)?(?P<ord>{ORDINAL_RE}|\d+)\s+batch(?:es)?\s+of\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:reports|complaints|petitions|tip-offs|cases|clues|letters)\b",
    re.IGNORECASE,
)
_BARE_BATCH = re.compile(rf"第(?P<n>{_CN_NUM})批|\b(?P<ord>{ORDINAL_RE})\s+batch\b", re.IGNORECASE)
_ON_REPORTS = re.compile(
    r"\breports?\b|\bcomplaints?\b|\bpetitions?\b|\btip-offs?\b|\bhand(?:ed)?\s+over\b|\btransferr"
    r"|\bpass(?:ed)?\s+on\b|举报|信访|投诉|交办|转办|移交|转交",
    re.IGNORECASE,
)
# a question that says its batch is an inspection's ("the eighth batch of inspections", 第八批督察)
_INSPECTIONS = re.compile(
    r"\bround\b|\bbatch\s+of\s+(?:[\w-]+\s+){0,3}?inspections?\b|轮|批(?:中央)?(?:生态)?(?:环境保护|环保)?督察"
    r"|回头看|look-?back",
    re.IGNORECASE,
)

Batch = tuple[str, int]  # ("one", 8) for 第八批, ("first", 23) for 前二十三批


def _value(match: re.Match[str]) -> Batch | None:
    if match.group("ord"):
        n = ordinal_value(match.group("ord"))
        first = "first" in match.groupdict() and match.group("first")
        return ("first" if first else "one", n) if n else None
    value = numeral_value(match.group("n") or match.groupdict().get("n2") or "")
    zh = match.groupdict().get("zh")
    return ("first" if zh == "前" else "one", int(value)) if value else None


def report_batches(text: str) -> list[Batch]:
    """The batches of public reports ``text`` names, in order."""
    return [v for m in _REPORT_BATCH.finditer(fold(text)) if (v := _value(m)) is not None]


@cache
def _calendar() -> Calendar:
    return load_calendar()


def asked_batch(text: str, calendar: Calendar | None = None) -> Batch | None:
    """The batch of reports a question asks: one its words say is of reports, or (in a question on reports
    naming no round) a batch numbered past the last of every round in ``calendar`` (the calendar file's
    when None)."""
    named = report_batches(text)
    if named:
        return named[0]
    if not _ON_REPORTS.search(text) or _INSPECTIONS.search(text):
        return None
    bare = next((v for m in _BARE_BATCH.finditer(fold(text)) if (v := _value(m)) is not None), None)
    entries = (calendar or _calendar()).entries
    last = max((entry.scope.batch or 0 for entry in entries), default=0)
    return bare if bare is not None and bare[1] > last else None


def without_report_batch(text: str, scope: InspectionScope, calendar: Calendar | None) -> InspectionScope:
    """``scope`` without the batch a question names when that batch is one of reports (``asked_batch``)."""
    if scope.batch is None or scope.round is not None:
        return scope
    if asked_batch(text, calendar) != ("one", scope.batch):
        return scope
    return InspectionScope(round=scope.round, phase=scope.phase)


def in_report_batch(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is part of a mention of a batch of reports (前二十三批累计转交)."""
    return any(m.start() < end and start < m.end() for m in _REPORT_BATCH.finditer(fold(text)))
