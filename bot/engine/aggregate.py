"""Answers across inspections from the facts table: comparisons, differences, totals, averages, the most
and the fewest, rankings, figures listed per inspection, and change over batches or rounds.

A question is taken here when it asks one of those operations (``OPERATIONS``, matched on its words) of a
figure (a metric) over at least two inspections: named ("the third and fourth batches of the second
round"), all batches of a round ("which batch of the second round"), the rounds ("which round"), or those a
follow-up carries over (``Question.candidates``). Each inspection's figure is its best row of the facts
table: the whole inspection's (no place) unless a province is asked, the surest cue, then the latest
report. Every operand is cited; a derived number is written with its arithmetic, kept as data
(``bot.answer.Operation``) for the grounding check; inspections whose articles do not report the figure are
named, and a total says it leaves them out.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import inspect
import itertools
import logging
import re
import threading
from collections import Counter
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import numpy as np

from bot.answer import ChartPoint, Citation, Operand, Operation
from bot.engine.arithmetic import compute
from bot.engine.compose import chinese_figure, said_sum
from bot.engine.conversation import CUES
from bot.engine.coverage import describe_scope, scope_key
from bot.engine.grounding import is_grounded
from bot.engine.nationwide import is_period_total
from bot.engine.operands import (
    Sanity,
    floor_beside,
    implausibly_large,
    implausibly_small,
    rounds,
    wider_than_batch,
)
from bot.engine.prompts import ENGLISH, Prompts, reply_language
from bot.engine.question import Question
from bot.engine.running import counts_round_so_far
from bot.engine.stages import Stage, stage_of
from bot.engine.whole_round import dates_the_round
from index.facts.analysis import DocumentView
from index.facts.columns import FactGroups, FactTable
from index.facts.metrics import METRIC_BY_ID, METRICS
from index.facts.table import DEFAULT_UNITS, Fact, PlaceKind
from index.meta.calendar import Calendar
from index.meta.calendar import scope_key as calendar_key
from index.meta.gazetteer import find_enterprises, find_provinces
from index.meta.ordinals import CN_NUMBER_RE, ORDINAL_RE, chinese_number, ordinal_value
from index.meta.scopes import find_scopes
from index.models import InspectionScope
from index.store import IndexVersion

log = logging.getLogger(__name__)

MIN_INSPECTIONS = 2
SURE_COST = 1.0  # rows whose cue is at most this far from the figure are preferred

_I = re.IGNORECASE
# operation -> the words that ask for it (the first that matches wins, in this order)
OPERATIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("average", re.compile(r"\baverage\b|\bon average\b|\bmean\b|\bper (?:batch|round)\b|平均", _I)),
    (
        "difference",
        re.compile(
            r"\bhow (?:many|much) more\b|\bhow (?:many|much) fewer\b|\bdifference\b|多多少|少多少|相差|差多少"
            r"|比.{1,30}[多少].{0,12}多少",
            _I,
        ),
    ),
    (
        "change",
        re.compile(
            r"\bchange[ds]?\b|\b(?:grow|grew|rise|rose|fall|fell|increase|decrease|drop)\w*\b"
            r"|\btrend\b|变化",
            _I,
        ),
    ),
    (
        "total",
        re.compile(
            r"\btotal\b|\baltogether\b|\bcombined\b|\bin all\b|\btogether\b|\bsum\b|\badd(?:ed)? up\b"
            r"|一共|合计|总共|共计|总计|加起来|总和"
            r"|(?<![公一总])共(?=[^，。？?共]{0,12}(?:多少|几))",  # "第一批和第二批共问责多少人？"
            _I,
        ),
    ),
    (
        "fewest",
        re.compile(
            r"\b(?:fewest|least|lowest|smallest|fewer|less|lower|smaller)\b|最少|更少|较少|最低"
            r"|哪[个一]?[^，。？?多少]{0,8}(?<!多)少",  # "哪个少", "哪一批罚款少" (not "多少": how many)
            _I,
        ),
    ),
    (
        "most",
        re.compile(
            r"\b(?:most|highest|largest|biggest|greatest|more|higher|larger|bigger)\b|最多|更多|较多|最高|更高"
            r"|哪[个一]?[^，。？?多少]{0,8}多(?!少)",  # "相比哪个多", "哪个省份举报多"
            _I,
        ),
    ),
    ("ranking", re.compile(r"\brank\w*\b|\border\b|\bsort\w*\b|\bfrom (?:highest|most|lowest)\b|排名", _I)),
    (
        "listing",
        re.compile(
            r"\bcompare\w*\b|\bcomparison\b|\bversus\b|\bvs\.?\b|\bagainst\b|\beach\b|\bevery\b"
            r"|\bper\b|\bby (?:batch|round)\b|\bbatch by batch\b|\bround by round\b|\bfor all\b"
            r"|\bin (?:the|all) (?:\w+ )?batches\b|比较|对比|相比|相较|各批|分别"
            r"|[和跟与同][^，。？?]{1,10}比(?!例|重|率)",  # "和第二批比呢？" (not 比例, 比重: a share)
            _I,
        ),
    ),
)
_BATCHES_OF_ROUND = re.compile(
    rf"\b(?:(?:which|what|each|every|all|per)\s+batch(?:es)?|the\s+batches)\s+(?:of|in)\s+(?:the\s+)?"
    rf"(?:({ORDINAL_RE})\s+round|round\s+(\d))\b|\b(?:the\s+)?({ORDINAL_RE})\s+round(?:'s|’s)\s+batches\b",
    _I,
)
# "第二轮哪一批", "第三轮各批": every batch of a round, in Chinese
_CN_BATCHES_OF_ROUND = re.compile(
    rf"第({CN_NUMBER_RE})轮[^？?。第]{{0,8}}?(?:哪一?批|各批|每一?批|所有批次?)"
)  # not "第三轮第一批和第二批，哪一批": the batches named
_ROUNDS = re.compile(
    r"\b(?:which|each|every|all|the three|the)\s+rounds?\b(?!\s+of\b)|\bround by round\b", _I
)
# "the third and fourth batches (of the second round)", "batches 3 and 4"
_BATCH_LIST = re.compile(
    rf"\b(?:the\s+)?({ORDINAL_RE})((?:\s*(?:,|and|or|&)\s*(?:the\s+)?{ORDINAL_RE})+)\s+batch(?:es)?"
    rf"(?:\s+(?:of|in)\s+(?:the\s+)?({ORDINAL_RE})\s+round)?",
    _I,
)
# "the second and third rounds", "the first, second and third rounds"
_ROUND_LIST = re.compile(
    rf"\b(?:the\s+)?({ORDINAL_RE})((?:\s*(?:,|and|or|&)\s*(?:the\s+)?{ORDINAL_RE})+)\s+rounds\b", _I
)
_ORDINAL = re.compile(ORDINAL_RE, _I)
# metrics that count the same public reports at another step (received, accepted as valid, passed on):
# what an inspection's articles give when they word its reports another way, said with its own label
KINDRED: dict[str, tuple[str, ...]] = {
    "received": ("accepted", "transferred"),
    "accepted": ("received", "transferred"),
    "transferred": ("accepted", "received"),
}
_FULL_BATCH = re.compile(rf"\b({ORDINAL_RE})\s+batch\s+of\s+(?:the\s+)?({ORDINAL_RE})\s+round\b", _I)
_THAN_ORDINAL = re.compile(
    rf"\b(?:than|and|or|with|to)\s+(?:in\s+|by\s+|for\s+)?the\s+({ORDINAL_RE})\b(?!\s+(?:round|batch))", _I
)
_LOOKBACK = re.compile(r"\blook(?:ing)?[\s-]?back\b|回头看", _I)
_PILOT = re.compile(r"\bpilot\b|试点", _I)
_BOTH = re.compile(r"\bthe two\b|\bboth\b|\bthem\b|\bthose\b|\bwhich (?:one|is|was)\b|两", _I)
_EXACT = frozenset({"a total of"})
_LOWER_BOUNDS = frozenset({"more than", "over", "at least"})
_WHICH = re.compile(r"\bwhich\b|\bwho\b|哪", _I)
# "which province", "rank the provinces of the fourth batch", "各省": the places of one inspection
_PLACE_WORDS: dict[PlaceKind, re.Pattern[str]] = {
    "province": re.compile(
        r"\b(?:which|what|each|every|all|the|its|their)\s+(?:provinces?|regions?|provincial-level regions?)\b"
        r"|\b(?:by|per)\s+province\b|\bprovince by province\b|哪个省|哪些省|各省",
        _I,
    ),
    "enterprise": re.compile(
        r"\b(?:which|what|each|every|all|the)\s+(?:enterprises?|compan(?:y|ies)|state-owned enterprises?)"
        r"\s+(?:of|in|had|has|did|was|were|reported|filed|ranked)\b|\b(?:by|per)\s+enterprise\b"
        r"|哪家企业|各企业",
        _I,
    ),
}
# a year as one side of a total or comparison: "in 2018 and in the second batch", "2016 and 2017 together",
# "the 2021 inspection vs the 2022 one", "2016年和2017年"
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_JOIN_BEFORE = re.compile(
    r"(?:\b(?:and|or|vs\.?|versus|than|with|between)\s+(?:in\s+|for\s+|the\s+|in\s+the\s+)?|[和与及比]\s*)$",
    _I,
)
_JOIN_AFTER = re.compile(
    r"(?:\s*年)?(?:\s+(?:inspections?|batch(?:es)?|ones?|rounds?))?\s*,?\s*"
    r"(?:\b(?:and|or|vs\.?|versus|than|with|together|combined)\b|[和与及比])",
    _I,
)
_DATE_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?$"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+$",
    _I,
)
_DATE_AFTER = re.compile(r"\s*年\s*\d{1,2}\s*月|-\d{1,2}-")
_COMPLETION = re.compile(r"\s*\([^()]*\)\s*$")  # "What about fines? (the second batch of the third round)"
ARITHMETIC = frozenset({"total", "average", "difference", "change"})
# a figure of one to three digits and, after one space, three more: a number split at its thousands
_DIGITS_BEFORE = re.compile(r"(?<![\d.,])\d{1,3}$")
_THOUSANDS_AFTER = re.compile(r"[ \u00a0\u2009\u202f]\d{3}(?![\d])(?![.,]\d)")
_THOUSANDS = re.compile(r"\d{3}(?![.,]\d)")
_HEAD_BEFORE = re.compile(r"(?<![\d.,])\d{1,3}[ \u00a0\u2009\u202f]$")


@dataclass
class Aggregated:
    """An answer across inspections before timing: text, citations, chart points and arithmetic."""

    text: str
    citations: list[Citation]
    chart: list[ChartPoint] = field(default_factory=list)
    arithmetic: list[Operation] = field(default_factory=list)
    answered: bool = True  # False: the articles do not give the figure per place the question asks for


@dataclass(frozen=True)
class Item:
    """One figure of an answer across inspections or places: what it is for (``name``, as in the text;
    ``label``, on the chart), the facts row that gives it, and words after the name (" (Hebei)")."""

    name: str
    label: str
    row: Fact
    detail: str = ""


def asked_place_kind(text: str) -> PlaceKind | None:
    """Whether a question asks about the provinces or the enterprises of an inspection, one by one."""
    return next((kind for kind, pattern in _PLACE_WORDS.items() if pattern.search(text)), None)


def _by_place_before(question: Question, earlier: Sequence[Question]) -> tuple[str | None, PlaceKind | None]:
    """The operation and the kind of place a follow-up ("What about fines?", "And the fewest?") keeps
    from the last turn when that asked the places of an inspection by a figure (or was such a follow-up
    itself); (None, None) otherwise."""
    if not earlier:
        return None, None
    last = earlier[-1]
    own = _COMPLETION.sub("", question.text)  # its own words, without what the conversation completed
    continued = CUES["continuation"][0].search(own) is not None
    if not continued or find_scopes(own) or question.provinces:
        return None, None
    kind, op = asked_place_kind(last.text), operation(last.text)
    if kind is None:  # "And the fewest?" after "Which province ... the most?": what that one kept
        before, kind = _by_place_before(last, earlier[:-1])
        op = op or before
    return (op, kind) if op is not None and kind is not None else (None, None)


def _across_before(
    question: Question, earlier: Sequence[Question], calendar: Calendar | None
) -> tuple[str | None, list[InspectionScope]]:
    """The operation and the inspections a follow-up ("And the lowest?", "What about detentions?") keeps
    from the last turn when that asked across inspections and it names none of its own; (None, [])
    otherwise."""
    if not earlier:
        return None, []
    own = _COMPLETION.sub("", question.text)
    last = earlier[-1]
    if CUES["continuation"][0].search(own) is None or find_scopes(own) or year_operands(own):
        return None, []
    op = operation(last.text)
    scopes = asked_scopes(last, calendar, earlier[:-1]) if op is not None else []
    if not scopes:  # the last turn was such a follow-up itself ("And the lowest?")
        before, scopes = _across_before(last, earlier[:-1], calendar)
        op = op or before
    return (op, scopes) if scopes else (None, [])


def _places_asked(question: Question, calendar: Calendar | None) -> tuple[str, ...]:
    """The provinces a question asks a figure of (else its enterprises): those it names, unless they are
    every one its inspection inspected (they name the inspection), and not the Hebei of "the Hebei
    pilot"."""
    for named in (tuple(find_provinces(question.text)), tuple(find_enterprises(question.text))):
        if _PILOT.search(question.text):
            named = tuple(p for p in named if p != "Hebei")
        entry = calendar.get(question.scope) if calendar is not None and len(named) > 1 else None
        if entry is not None and set(named) >= set(entry.provinces or entry.enterprises):
            named = ()  # "the batch of Beijing, Tianjin and Zhejiang": the inspection, not its places
        if named:
            return named
    return ()


def common_unit(rows: Sequence[Fact], metric: str) -> str:
    """The unit most of ``rows`` count (the metric's own unit on a tie, then the first row's)."""
    return _most_counted([row.unit for row in rows], metric)


def _most_counted(units: Sequence[str], metric: str) -> str:
    """The unit most often in ``units`` (the metric's own unit on a tie, then the first)."""
    counts = Counter(units)
    default = DEFAULT_UNITS.get(metric)
    return max(counts, key=lambda unit: (counts[unit], unit == default, -units.index(unit)))


def operation(text: str) -> str | None:
    """The operation a question asks across inspections, or None."""
    return next((name for name, pattern in OPERATIONS if pattern.search(text)), None)


def asked_scopes(
    question: Question, calendar: Calendar | None, earlier: Sequence[Question] = ()
) -> list[InspectionScope]:
    """The inspections a question asks about, in inspection order (empty when fewer than two)."""
    text = question.text
    scopes: list[InspectionScope] = []
    round_named = next((m.scope.round for m in find_scopes(text) if m.scope.round is not None), None)
    for match in _BATCH_LIST.finditer(text):
        round_ = ordinal_value(match.group(3)) if match.group(3) else round_named or question.scope.round
        for word in [match.group(1), *_ORDINAL.findall(match.group(2))]:
            scopes.append(InspectionScope(round=round_, batch=ordinal_value(word)))
    if scopes:  # "... and the fifth batch of the third round": the batches named in full beside the list
        scopes.extend(
            InspectionScope(round=ordinal_value(m.group(2)), batch=ordinal_value(m.group(1)))
            for m in _FULL_BATCH.finditer(text)
        )
    for match in _ROUND_LIST.finditer(text):
        words = [match.group(1), *_ORDINAL.findall(match.group(2))]
        scopes.extend(InspectionScope(round=ordinal_value(word)) for word in words)
    whole = _BATCHES_OF_ROUND.search(text) or _CN_BATCHES_OF_ROUND.search(text)
    if whole and calendar is not None and not scopes:
        word = next(group for group in whole.groups() if group)
        round_ = int(word) if word.isdigit() else ordinal_value(word) or chinese_number(word)
        scopes.extend(entry.scope for entry in calendar.of_round(round_ or 0))
    elif _ROUNDS.search(text) and calendar is not None and not scopes:
        rounds = sorted({e.scope.round for e in calendar.entries if e.scope.round and e.scope.phase is None})
        scopes.extend(InspectionScope(round=r) for r in rounds)
    if not scopes:  # "the second batch or the third batch of the third round": a batch in the round named
        for mention in find_scopes(text):
            scope = mention.scope
            if scope.batch is not None and scope.round is None and scope.phase is None:
                scope = InspectionScope(round=round_named or question.scope.round, batch=scope.batch)
            scopes.append(scope)
    elided = _THAN_ORDINAL.search(text)  # "in the second batch than in the third"
    if elided and scopes and _distinct(scopes) < MIN_INSPECTIONS:
        value, last = ordinal_value(elided.group(1)), scopes[-1]
        if last.batch is not None:
            scopes.append(last.model_copy(update={"batch": value}))
        elif last.round is not None and last.phase is None:
            scopes.append(InspectionScope(round=value))
    years = year_operands(text) if calendar is not None else []
    for year in years if calendar is not None else []:  # "in 2018 and in the second batch": its inspections
        scopes.extend(year_scopes(calendar, year, _places_of_years(question, calendar)))
    lookback = question.scope if question.scope.phase == "lookback" else InspectionScope(phase="lookback")
    if _LOOKBACK.search(text) and not any(s.phase == "lookback" and s.batch for s in scopes):
        scopes = [s for s in scopes if s.phase != "lookback"] + [lookback]  # "the first look-back batch"
    if _PILOT.search(text):
        scopes.append(InspectionScope(round=1, phase="pilot"))
    if _distinct(scopes) < MIN_INSPECTIONS and question.candidates and not years:
        scopes = [scope for scope, _ in question.candidates]
    if _distinct(scopes) < MIN_INSPECTIONS and _BOTH.search(text):  # "which of the two": the turns before
        for turn in reversed(earlier):
            if _distinct(scopes) >= MIN_INSPECTIONS:
                break
            scopes.extend(
                s for s in [s for s, _ in turn.candidates] or [turn.scope] if s != InspectionScope()
            )
    unique = {inspection_key(s): s for s in scopes if s != InspectionScope()}  # a batch may lack its round
    return sorted(unique.values(), key=scope_key) if len(unique) >= MIN_INSPECTIONS else []


def _names_several(question: Question, calendar: Calendar | None) -> bool:
    """Whether a question names two or more inspections itself ("the first and second rounds",
    第一轮和第二轮), not "which batch" of a round, the rounds as a whole or the places' candidates."""
    text = question.text
    if _BATCHES_OF_ROUND.search(text) or _CN_BATCHES_OF_ROUND.search(text) or _ROUNDS.search(text):
        return False
    if calendar is not None and dates_the_round(calendar, question.scope, text):
        return False  # "the inspections of 2016 and 2017 that covered all 31 provinces": one round, its years
    return _distinct(asked_scopes(replace(question, candidates=()), calendar)) >= MIN_INSPECTIONS


def scope_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names its inspections: lists of batches or rounds ("the first and second batches of
    the third round") and single mentions."""
    spans = [m.span() for pattern in (_BATCH_LIST, _ROUND_LIST, _FULL_BATCH) for m in pattern.finditer(text)]
    return spans + [(m.start, m.end) for m in find_scopes(text)]


def year_operands(text: str) -> list[int]:
    """The years a question adds or compares as inspections ("in 2018 and in the second batch")."""
    found = [
        m
        for m in _YEAR.finditer(text)
        if not _DATE_BEFORE.search(text, max(0, m.start() - 24), m.start())
        and not _DATE_AFTER.match(text, m.end())
    ]  # not the year of a date ("as of September 15, 2021", "2021年9月")
    years = [int(m.group(0)) for m in found]
    joined = any(
        _JOIN_BEFORE.search(text, max(0, m.start() - 16), m.start()) or _JOIN_AFTER.match(text, m.end())
        for m in found
    )
    return list(dict.fromkeys(years)) if joined else []  # "the 2020 inspection with those of 2021": both


def _places_of_years(question: Question, calendar: Calendar) -> tuple[str, ...]:
    """The provinces a question names as places, not as the name of the pilot ("the Hebei pilot")."""
    pilot = calendar.get(InspectionScope(round=1, phase="pilot")) if _PILOT.search(question.text) else None
    return tuple(p for p in question.provinces if pilot is None or p not in pilot.provinces)


def year_scopes(calendar: Calendar, year: int, provinces: Sequence[str] = ()) -> list[InspectionScope]:
    """The inspections stationed in ``year`` (of ``provinces``, when named): a round or the look-back as a
    whole when all its batches were, else its batches."""
    entries = [
        e
        for e in calendar.entries
        if e.stationed_from.year == year and (not provinces or set(provinces) & set(e.provinces))
    ]
    groups: dict[tuple[int | None, str | None], list[InspectionScope]] = {}
    for entry in entries:
        phase = entry.scope.phase
        groups.setdefault((None if phase else entry.scope.round, phase), []).append(entry.scope)
    scopes: list[InspectionScope] = []
    for (round_, phase), members in groups.items():
        every = [
            e.scope for e in calendar.entries if e.scope.phase == phase and (phase or e.scope.round == round_)
        ]
        whole = phase != "pilot" and len(members) > 1 and len(members) == len(every) and not provinces
        if whole:
            scopes.append(InspectionScope(phase="lookback") if phase else InspectionScope(round=round_))
        else:
            scopes.extend(members)
    return scopes


def asked_metrics(question: Question) -> list[str]:
    """The metrics a question asks for (families expanded), from its analysis or its words."""
    metrics = list(question.metrics)
    if not metrics:
        metrics = [m.id for m in METRICS if m.noun_metric is None and m.question.search(question.text)]
    expanded: list[str] = []
    for metric in metrics:
        members = METRIC_BY_ID[metric].members
        expanded.extend(m for m in (members or (metric,)) if m not in expanded)
    return expanded


class Aggregator:
    """Answers across inspections from one index version's facts table."""

    def __init__(self, version: IndexVersion, calendar: Calendar | None, prompts: Prompts) -> None:
        self.version = version
        self.calendar = calendar
        self.prompts = prompts
        self._index: FactGroups | None = None
        self._ordered: dict[tuple[str, Hashable], _Ordered] = {}  # groups in _preference order, on first use
        self._ranks: np.ndarray | None = None  # each table row's rank by _preference, on first use
        self._views: dict[str, DocumentView] = {}  # each document's sentences, read for period totals
        self._lock = threading.Lock()

    def _groups(self) -> FactGroups:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = self.version.facts.grouped(inspection_key)
        return self._index

    def _in_order(self, metric: str, scope: InspectionScope) -> _Ordered:
        """The rows of ``metric`` for ``scope`` as table positions in ``_preference`` order (ties in table
        order), with the fields the filters read; worked out once per group from those fields, no row made."""
        key = (metric, inspection_key(scope))
        found = self._ordered.get(key)
        if found is None:
            table, positions = self.version.facts, self._groups().positions(key)
            ordered = positions[np.argsort(self._preference_ranks()[positions], kind="stable")]
            filtered = (table.values(ordered, name) for name in ("place", "qualifier", "unit"))
            found = _Ordered(ordered, *filtered)
            self._ordered[key] = found
        return found

    def _preference_ranks(self) -> np.ndarray:
        """Each facts row's rank by ``_preference``: as the build stored it, else worked out once."""
        if self._ranks is None:
            with self._lock:
                if self._ranks is None:
                    table = self.version.facts
                    stored = table.stored_ranks(preference_key())
                    self._ranks = stored if stored is not None else preference_ranks(table)
        return self._ranks

    def _made(self, positions: np.ndarray) -> Iterator[Fact]:
        """The rows at ``positions``, made a few at a time (a caller usually needs the first few)."""
        for begin in range(0, len(positions), _CHUNK):
            yield from self.version.facts.rows_at(positions[begin : begin + _CHUNK])

    def leading_rows(
        self, metric: str, scope: InspectionScope, places: Sequence[str], limit: int
    ) -> list[Fact]:
        """At most ``limit`` of the rows of ``metric`` for ``scope`` most likely to give its figure: of
        ``places`` (none: the whole inspection's) first, then by ``_preference``."""
        wanted = set(places)
        group = self._in_order(metric, scope)
        first = [(place in wanted) if wanted else place is None for place in group.place]
        chosen = [i for i, lead in enumerate(first) if lead] + [i for i, lead in enumerate(first) if not lead]
        return list(self._made(group.positions[chosen[:limit]]))

    def best_row(
        self,
        metric: str,
        scope: InspectionScope,
        province: str | None,
        unit: str | None = None,
        exact: bool = False,
        sane: Sanity | None = None,
    ) -> Fact | None:
        """The row that gives ``scope``'s figure of ``metric``: for the whole inspection (or ``province``),
        by ``_preference``; of ``unit`` only, when given; of the rows ``sane`` admits, when given. Unless
        ``exact``, a province the calendar says the inspection did not inspect, or the only one it did,
        asks for the whole inspection's. A rounded report ("more than 79 million yuan") gives way to an
        exact row of the same figure that it rounds ("79.0557 million yuan")."""
        entry = self.calendar.get(scope) if self.calendar is not None and province and not exact else None
        if entry is not None and (entry.provinces == [province] or province not in entry.provinces):
            province = None  # the pilot's Hebei is the whole pilot; a province it did not inspect, no part
        group = self._in_order(metric, scope)
        passing = _passing(group, province, unit)
        if not passing:
            return None
        chosen = group.positions[passing]  # in _preference order: the first is the best
        # a batch's figure, never its round's running total ("Since the third round began, ..."); then not
        # "by the time ... 22 provinces": the first row whose sentence counts no stage of a round, found from
        # the rows' sentences (each distinct one read once) before any row is made
        table = self.version.facts
        sentences = list(zip(table.values(chosen, "doc_id"), table.values(chosen, "sentence"), strict=True))

        values: list[float] = []  # read once, only when a check needs them

        def value(i: int) -> float:
            if not values:
                values.extend(table.values(chosen, "value"))
            return values[i]

        spans: list[tuple[int, int]] = []  # read once, when the first row is checked

        def split(i: int) -> bool:
            if not spans:
                ends = zip(table.values(chosen, "start"), table.values(chosen, "end"), strict=True)
                spans.extend((int(start), int(end)) for start, end in ends)
            return self._split_at(sentences[i][0], *spans[i])

        def usable(i: int) -> bool:
            doc_id, n = sentences[i]
            return (
                (scope.batch is None or not self._of_no_batch_at(doc_id, n))
                and (sane is None or sane.admits(value(i), self._sentence_at(doc_id, n)))
                and not split(i)
            )

        own = (i for i in range(len(chosen)) if usable(i))
        first = next(own, None)
        if first is None:
            return None
        at = next((i for i in itertools.chain([first], own) if self._stage_at(*sentences[i]) is None), first)
        qualifier = group.qualifier[passing[at]]
        if qualifier and qualifier not in _EXACT:  # the exact figure its rounded report stands for
            exact_rows = (
                i
                for i in range(at + 1, len(chosen))
                if (not group.qualifier[passing[i]] or group.qualifier[passing[i]] in _EXACT)
                and rounds(qualifier, value(at), value(i))
                and usable(i)
                and self._stage_at(*sentences[i]) is None
            )
            at = next(exact_rows, at)
        return table.rows_at(chosen[at : at + 1])[0]

    def _round_so_far_at(self, doc_id: str, sentence: int) -> bool:
        """True when sentence ``sentence`` of document ``doc_id`` states a running total of a round."""
        return _round_so_far_of_text(self._sentence_at(doc_id, sentence))

    def _of_no_batch_at(self, doc_id: str, sentence: int) -> bool:
        """True when sentence ``sentence`` of ``doc_id`` counts a round so far or a period's total."""
        return self._round_so_far_at(doc_id, sentence) or self._period_total_at(doc_id, sentence)

    def _period_total_at(self, doc_id: str, sentence: int) -> bool:
        """True when sentence ``sentence`` of document ``doc_id`` gives the country's or a year's figure
        and names no inspection or place ("In 2016, after the central inspections, 720 people were detained
        nationwide", bot.engine.nationwide): background in a batch's article, never that batch's own."""
        view = self._views.get(doc_id)
        if view is None:
            view = self._views.setdefault(doc_id, DocumentView(self.version.documents[doc_id], []))
        return is_period_total(view, sentence)

    def _split_at(self, doc_id: str, start: int, end: int) -> bool:
        """True when the figure at ``start``-``end`` is a part of a number a translation split at its
        thousands ("accountability 4 660 people" read as 4 and 660): no figure of its inspection."""
        text = self.version.documents[doc_id].text
        head = _DIGITS_BEFORE.search(text, max(0, end - 4), end) and _THOUSANDS_AFTER.match(text, end)
        tail = _THOUSANDS.fullmatch(text, start, end) and _HEAD_BEFORE.search(text, max(0, start - 5), start)
        return bool(head or tail)

    def _sentence_at(self, doc_id: str, sentence: int) -> str:
        document = self.version.documents[doc_id]
        start, end = document.sentences[sentence]
        return document.text[start:end]

    def place_row(
        self,
        metric: str,
        scope: InspectionScope,
        place: str,
        unit: str | None = None,
        sane: Sanity | None = None,
    ) -> tuple[InspectionScope, Fact] | None:
        """``place``'s row of ``metric`` in the inspection ``scope`` and the inspection it is of: the
        place's own figure there, else in the batch of ``scope`` (a round, the look-back as a whole) that
        inspected it; an inspection of that place alone (the Hebei pilot) gives its whole figure. None
        when the articles give the place none: never the inspection's total for a place."""
        parts = [scope, *self._parts_inspecting(scope, place)]
        for part in parts:
            row = self.best_row(metric, part, place, unit, exact=True, sane=sane)
            if row is not None:
                return part, row
        for part in parts:  # "the province filed 1,012 cases", in an article on that province alone
            row = self._provincial_row(metric, part, place, unit)
            if row is not None and (
                sane is None or sane.admits(row.value, self._sentence_at(row.doc_id, row.sentence))
            ):
                return part, row
        entry = self.calendar.get(scope) if self.calendar is not None else None
        if entry is not None and (entry.provinces or entry.enterprises) == [place]:
            row = self.best_row(metric, scope, None, unit, sane=sane)
            return (scope, row) if row is not None else None
        return None

    def _provincial_row(
        self, metric: str, scope: InspectionScope, place: str, unit: str | None
    ) -> Fact | None:
        """The best row of ``metric`` in ``scope`` that names no place, in an article that names
        ``place`` and no other province or enterprise (a provincial site's "the province filed ..."),
        when the inspection covered more places than that one."""
        entry = self.calendar.get(scope) if self.calendar is not None else None
        if entry is not None and len(entry.provinces) + len(entry.enterprises) < MIN_INSPECTIONS:
            return None
        group = self._in_order(metric, scope)
        chosen = group.positions[_passing(group, None, unit)]  # in _preference order
        table = self.version.facts
        sentences = list(zip(table.values(chosen, "doc_id"), table.values(chosen, "sentence"), strict=True))
        at = next(  # the row is made only once found
            (
                i
                for i, (doc_id, n) in enumerate(sentences)
                if self._of_place_alone(doc_id, place) and not self._round_so_far_at(doc_id, n)
            ),
            None,
        )
        if at is None or self._stage_at(*sentences[at]) is not None:
            return None
        return table.rows_at(chosen[at : at + 1])[0]

    def _of_place_alone(self, doc_id: str, place: str) -> bool:
        """True when the article names ``place`` and no other province or enterprise."""
        meta = self.version.documents[doc_id].meta
        return [*meta.provinces, *meta.enterprises] == [place]

    def _parts_inspecting(self, scope: InspectionScope, place: str) -> list[InspectionScope]:
        """The batches of a round or of the look-back (``scope`` as a whole) that inspected ``place``."""
        if self.calendar is None or scope.batch is not None or scope.phase == "pilot":
            return []
        if scope.phase == "lookback":
            entries = [e for e in self.calendar.entries if e.scope.phase == "lookback"]
        else:
            entries = self.calendar.of_round(scope.round) if scope.round else []
        return [e.scope for e in entries if place in e.provinces or place in e.enterprises]

    def _inspecting(self, places: Sequence[str]) -> list[InspectionScope]:
        """The inspections of ``places`` (the calendar's batches and pilot that inspected any), those that
        inspected most of them first, then the latest."""
        if self.calendar is None:
            return []
        counted = [
            (sum(p in e.provinces or p in e.enterprises for p in places), i, e.scope)
            for i, e in enumerate(self.calendar.entries)
        ]
        return [scope for count, _, scope in sorted(counted, key=lambda c: (-c[0], -c[1])) if count]

    def stage(self, row: Fact) -> Stage | None:
        """The stage of a round the row's sentence counts up to, if any."""
        return self._stage_at(row.doc_id, row.sentence)

    def _stage_at(self, doc_id: str, sentence: int) -> Stage | None:
        """The stage of a round sentence ``sentence`` of document ``doc_id`` counts up to, if any."""
        return _stage_of_text(self._sentence_at(doc_id, sentence))

    def places(self, metric: str, scope: InspectionScope, kind: PlaceKind) -> list[tuple[str, Fact]]:
        """Each place of ``kind`` (a province, an enterprise) that the inspection's rows of ``metric``
        report, with its best row (of the unit most of them count)."""
        table, positions = self.version.facts, self._groups().positions((metric, inspection_key(scope)))
        named = ("place_kind", "place", "qualifier", "unit")
        fields = zip(*(table.values(positions, name) for name in named), strict=True)
        kept = [
            (at, place, row_unit)
            for at, (place_kind, place, qualifier, row_unit) in zip(positions.tolist(), fields, strict=True)
            if place_kind == kind and place and qualifier not in ("a further", "another")
        ]
        if not kept:
            return []
        unit = _most_counted([row_unit for _, _, row_unit in kept], metric)
        ranks = self._preference_ranks()
        best: dict[str, int] = {}  # each place's row: of the common unit first, then by _preference
        for at, place, _ in sorted(kept, key=lambda k: (k[2] != unit, ranks[k[0]])):
            best.setdefault(place, at)
        return list(zip(best, table.rows_at(list(best.values())), strict=True))

    def _in_round(self, scopes: list[InspectionScope], metrics: list[str]) -> list[InspectionScope]:
        """Batches named without their round ("the third and fourth batches") in the round whose articles
        report the figure for most of them (the latest round on a tie)."""
        loose = [s for s in scopes if s.batch is not None and s.round is None and s.phase is None]
        if not loose or self.calendar is None:
            return scopes
        rounds = sorted(
            {e.scope.round for e in self.calendar.entries if e.scope.round and e.scope.phase is None}
        )

        def reported(round_: int) -> int:
            return sum(
                bool(len(self._in_order(metric, InspectionScope(round=round_, batch=s.batch)).positions))
                for s in loose
                for metric in metrics
            )

        best = max(rounds, key=lambda r: (reported(r), r), default=None)
        placed = [InspectionScope(round=best, batch=s.batch) if s in loose else s for s in scopes]
        return sorted({inspection_key(s): s for s in placed}.values(), key=scope_key)

    def answer(self, question: Question, earlier: Sequence[Question] = ()) -> Aggregated | None:
        """The answer across inspections, or None when the question is not one (or nothing reports it);
        ``earlier``: the conversation's turns before it, oldest first ("Which of the two is higher?")."""
        op, kind = operation(question.text), asked_place_kind(question.text)
        if kind is None:  # "What about fines?", "And the fewest?" after the provinces of a batch by a figure
            before_op, kind = _by_place_before(question, earlier)
            op = op or before_op
        before, before_scopes = _across_before(question, earlier, self.calendar)
        op = op or before  # "What about detentions?" after "Which batch ... imposed the highest fines?"
        if op is None and question.kind == "quantity" and _names_several(question, self.calendar):
            op = "listing"  # "How many ... in the first and second rounds?": each one's figure
        if op is None:
            return None
        scopes = asked_scopes(question, self.calendar, earlier)
        if _distinct(scopes) < MIN_INSPECTIONS and before is not None:
            # "And the lowest?": the inspections of the last turn; "And with the second?": and that batch
            own = [question.scope] if question.scope.batch is not None or question.scope.phase else []
            scopes = [*before_scopes, *(s for s in own if s not in before_scopes)]
        metrics = (
            asked_metrics(question) or [m for turn in reversed(earlier) for m in asked_metrics(turn)][:1]
        )
        places = _places_asked(question, self.calendar)
        named = asked_scopes(replace(question, candidates=()), self.calendar, earlier)
        if len(places) >= MIN_INSPECTIONS and _distinct(named) < MIN_INSPECTIONS and metrics:
            return self._of_places(op, question, places, metrics)  # "Jiangsu and Zhejiang together"
        if not scopes and kind is not None and metrics and op not in ("difference", "change"):
            return self._by_place(op, question, kind, metrics)
        if not scopes or not metrics:
            return None
        scopes = self._in_round(scopes, metrics)
        place = places[0] if len(places) == 1 else None
        found: list[tuple[InspectionScope, InspectionScope, Fact]] = []  # asked, the one its row is of, row
        metric = metrics[0]
        for candidate in metrics:  # the metric most of the inspections report
            present = [(s, *hit) for s in scopes if (hit := self._row_of(candidate, s, place))]
            if len(present) > len(found):
                found, metric = present, candidate
        found += self._kindred(metric, [s for s in scopes if not _among(s, found)], place)
        if not found:  # a place none of whose figures the articles give: said, never the totals
            return self._place_unreported(question, place, metric, scopes) if place else None
        found.sort(key=lambda hit: scopes.index(hit[0]))
        unit = common_unit([row for _, _, row in found], metric)
        found = [  # an inspection that also reports the figure in the unit of the others gives that one
            (s, part, row)
            if row.unit == unit
            else (s, *(self._row_of(metric, s, place, unit) or (part, row)))
            for s, part, row in found
        ]
        found = self._checked(found, place)
        missing = [s for s in scopes if not _among(s, found)]
        items = [
            Item(
                describe_scope(part, self.prompts),
                _scope_label(part),
                row,
                self._detail(row, metric, place),
            )
            for _, part, row in found
        ]
        names = [describe_scope(s, self.prompts) for s in missing]
        return self._compose(op, question, metric, items, names)

    def _checked(
        self, found: list[tuple[InspectionScope, InspectionScope, Fact]], place: str | None
    ) -> list[tuple[InspectionScope, InspectionScope, Fact]]:
        """``found`` with each figure checked against the others (``bot.engine.operands``), the largest
        first: one many times the others (``implausibly_large``) whose sentence speaks of the whole
        country or a whole year gives way to a row of its batch alone, else the batch goes unreported
        (then the next largest is checked against what is left); one implausibly small beside the others
        gives way to another row of its inspection that is not, when there is one."""
        checked = list(found)
        for hit in sorted(found, key=lambda hit: -hit[2].value):
            asked, part, row = hit
            others = [other[2].value for other in checked if other is not hit]
            if not (
                part.batch is not None
                and implausibly_large(row.value, others)
                and wider_than_batch(self._sentence_at(row.doc_id, row.sentence))
            ):
                continue
            other = self._row_of(row.metric, part, place, row.unit, Sanity(one_batch=True))
            at = checked.index(hit)
            checked[at : at + 1] = [(asked, *other)] if other is not None else []
        values = [row.value for _, _, row in checked]
        for i, (asked, part, row) in enumerate(list(checked)):
            others = values[:i] + values[i + 1 :]
            if implausibly_small(row.value, others):
                other = self._row_of(row.metric, part, place, row.unit, Sanity(floor=floor_beside(others)))
                checked[i] = (asked, *other) if other is not None else checked[i]
        return checked

    def _kindred(
        self, metric: str, scopes: Sequence[InspectionScope], place: str | None
    ) -> list[tuple[InspectionScope, InspectionScope, Fact]]:
        """For inspections whose articles do not give ``metric``, the figure of a ``KINDRED`` metric they
        give (public reports "received" where others say "accepted"), the first that one reports."""
        found: list[tuple[InspectionScope, InspectionScope, Fact]] = []
        for scope in scopes:
            hit = next(
                (hit for kin in KINDRED.get(metric, ()) if (hit := self._row_of(kin, scope, place))), None
            )
            if hit is not None:
                found.append((scope, *hit))
        return found

    def _detail(self, row: Fact, metric: str, place: str | None) -> str:
        """Words after an inspection's name for its figure: its place (" (Shanxi)", the row's or the one
        asked) and, for a kindred metric's figure, what it counts (" (reports accepted)")."""
        where = row.place or place
        said = [self.prompts.place(where)] if where else []
        if row.metric != metric:
            said.append(self.prompts.phrase(f"label.{row.metric}"))
        return f" ({', '.join(said)})" if said else ""

    def _row_of(
        self,
        metric: str,
        scope: InspectionScope,
        place: str | None,
        unit: str | None = None,
        sane: Sanity | None = None,
    ) -> tuple[InspectionScope, Fact] | None:
        """The row of ``scope``'s figure (``place``'s, when given) and the inspection it is of; of the
        rows ``sane`` admits, when given."""
        if place is not None:
            return self.place_row(metric, scope, place, unit, sane)
        row = self.best_row(metric, scope, None, unit, sane=sane)
        return (scope, row) if row is not None else None

    def _place_unreported(
        self, question: Question, place: str, metric: str, scopes: Sequence[InspectionScope]
    ) -> Aggregated:
        """Unanswered: the articles give ``place`` no figure of ``metric`` in any of ``scopes``."""
        label = self.prompts.phrase(f"label.{metric}")
        where = self.prompts.join([describe_scope(s, self.prompts) for s in scopes])
        text = self.prompts.render(
            "aggregate_no_provinces" if question.provinces else "aggregate_no_enterprises",
            label=self.prompts.phrase("label.within", label=label, within=self.prompts.place(place)),
            scope=where,
        )
        return Aggregated(_capital(text), [], answered=False)

    def _of_places(
        self, op: str, question: Question, places: Sequence[str], metrics: list[str]
    ) -> Aggregated | None:
        """Two or more provinces (or enterprises) by a figure in one inspection ("How many cases did
        Jiangsu and Zhejiang file together?"): each place's own row, cited; those the articles give none
        named. The inspection is the one asked, else the one that reports the figure for most of them
        (the one that inspected most of them, then the latest, on a tie)."""
        asked = question.scope if question.scope != InspectionScope() else None
        best: tuple[str, list[tuple[str, InspectionScope, Fact]]] | None = None
        for metric in metrics:  # the metric most of the places report
            found = [(p, *hit) for p in places if (hit := self._latest_place_row(metric, asked, p))]
            if found and (best is None or len(found) > len(best[1])):
                best = (metric, found)
        if best is None:
            return None
        metric, found = best
        unit = common_unit([row for _, _, row in found], metric)
        found = [  # a place that also reports the figure in the unit of the others gives that one
            (p, part, row)
            if row.unit == unit
            else (p, *(self.place_row(metric, part, p, unit) or (part, row)))
            for p, part, row in found
        ]
        parts = {inspection_key(part) for _, part, _ in found}
        within = asked if asked is not None else found[0][1] if len(parts) == 1 else None
        items = [
            Item(
                self.prompts.place(p, row.phrase),
                p,
                row,
                "" if within is not None and part == within else f" ({describe_scope(part, self.prompts)})",
            )
            for p, part, row in found
        ]
        reported = {p for p, _, _ in found}
        missing = [self.prompts.place(p) for p in places if p not in reported]
        where = describe_scope(within, self.prompts) if within is not None else ""
        return self._compose(op, question, metric, items, missing, within=where)

    def _latest_place_row(
        self, metric: str, scope: InspectionScope | None, place: str
    ) -> tuple[InspectionScope, Fact] | None:
        """``place``'s row of ``metric`` in ``scope``, or (no inspection asked) in the latest inspection
        of it that the articles give one for."""
        for candidate in [scope] if scope is not None else self._inspecting([place]):
            hit = self.place_row(metric, candidate, place)
            if hit is not None:
                return hit
        return None

    def _by_place(
        self, op: str, question: Question, kind: PlaceKind, metrics: list[str]
    ) -> Aggregated | None:
        """The provinces (or enterprises) of one inspection by a figure: each place's own row, cited;
        the places of the inspection (its calendar entry) that report none named. Never the inspection's
        own total: when no place reports it, that is said, unanswered."""
        scope = question.scope
        if scope.batch is None and scope.phase is None:
            return None
        scope = self._in_round([scope], metrics)[0]
        found: list[tuple[str, Fact]] = []
        metric = metrics[0]
        kindred = [k for k in KINDRED.get(metric, ()) if k not in metrics]
        for candidate in [*metrics, *kindred]:  # the metric most places report (the asked ones first)
            present = self.places(candidate, scope, kind)
            if len(present) > len(found):
                found, metric = present, candidate
        where = describe_scope(scope, self.prompts)
        label = self.prompts.phrase(f"label.{metric}")
        if not found:
            text = self.prompts.render(f"aggregate_no_{kind}s", label=label, scope=where)
            return Aggregated(_capital(text), [], answered=False)
        entry = self.calendar.get(scope) if self.calendar is not None else None
        roster = (entry.provinces if kind == "province" else entry.enterprises) if entry else []
        named = {place for place, _ in found}
        missing = [self.prompts.place(place) for place in roster if place not in named]
        items = [Item(self.prompts.place(place), place, row) for place, row in found]
        return self._compose(op, question, metric, items, missing, within=where)

    # ------------------------------------------------------------------ wording
    def _compose(
        self,
        op: str,
        question: Question,
        metric: str,
        items: list[Item],
        missing: list[str],
        within: str = "",
    ) -> Aggregated | None:
        """The answer's text over ``items`` (inspections, or the places of the inspection ``within``),
        with ``missing`` named; arithmetic only on figures of one unit, the others said apart."""
        which = _WHICH.search(question.text) is not None
        outside: list[Item] = []  # figures of another unit: not added, compared or ranked with the others
        verb = self.prompts.phrase("verb.added" if op in ("total", "average") else "verb.compared")
        if op in ARITHMETIC or op in ("most", "fewest", "ranking"):
            unit = common_unit([item.row for item in items], metric)
            outside = [item for item in items if item.row.unit != unit]
            items = [item for item in items if item.row.unit == unit]
        if len(items) < MIN_INSPECTIONS:
            op = "listing"  # one inspection reports it: its figure, and which do not
        if op in ("most", "fewest") and len(items) == 2 and not which:
            op = "difference"
        if op == "difference" and len(items) != 2:
            op = "most"
        if op in ("most", "fewest", "ranking"):  # cited in the order they are named
            items = sorted(items, key=lambda item: item.row.value, reverse=op != "fewest")
        citations: list[Citation] = []
        numbers: dict[tuple[str, int], int] = {}
        operands: list[Operand] = []
        items = [*items, *outside]
        for item in items:
            key = (item.row.doc_id, item.row.sentence)
            if key not in numbers:
                numbers[key] = len(citations) + 1
                citations.append(self._citation(item.row, numbers[key]))
            operands.append(Operand(value=item.row.value, phrase=item.row.phrase, n=numbers[key]))
        pairs = list(zip(items, operands, strict=True))
        apart = pairs[len(items) - len(outside) :]
        pairs = pairs[: len(items) - len(outside)]
        items = [item for item, _ in pairs]
        operands = [o for _, o in pairs]
        label = self.prompts.phrase(f"label.{metric}")
        if within:
            label = self.prompts.phrase("label.within", label=label, within=within)
        values = {
            "label": label,
            "Label": label[:1].upper() + label[1:],
            "scopes": self.prompts.join([item.name for item in items]),
        }
        parts = [self._part(item, operand) for item, operand in pairs]
        operations: list[Operation] = []
        if op in ("most", "fewest"):
            template = "aggregate_most" if op == "most" else "aggregate_fewest"
            template += "_of_two" * (len(items) == MIN_INSPECTIONS)  # "is higher" of two
            top = _capital(items[0].name)
            text = self.prompts.render(template, Top=top, parts=self.prompts.join(parts), **values)
        elif op == "ranking":
            text = self.prompts.render("aggregate_ranking", parts=self.prompts.join(parts), **values)
        elif op == "total":
            result = compute("sum", [o.value for o in operands])
            shown = _format(result, items[0].row, _hedge([item.row for item in items]))
            operations.append(Operation(kind="sum", operands=operands, result=result, shown=shown))
            arithmetic = " + ".join(_plain(o.phrase) for o in operands) + f" = {shown}"
            text = self.prompts.render(
                "aggregate_total",
                total=shown,
                parts=self.prompts.join(parts),
                arithmetic=arithmetic,
                **values,
            )
        elif op == "average":
            result = compute("mean", [o.value for o in operands])
            hedge = _hedge([item.row for item in items])
            shown = _format(result, items[0].row, hedge or (None if float(result).is_integer() else "about"))
            operations.append(Operation(kind="mean", operands=operands, result=result, shown=shown))
            arithmetic = f"({' + '.join(_plain(o.phrase) for o in operands)}) / {len(operands)} = {shown}"
            text = self.prompts.render(
                "aggregate_average",
                mean=shown,
                parts=self.prompts.join(parts),
                arithmetic=arithmetic,
                **values,
            )
        elif op in ("difference", "change") and len(items) >= 2:
            first, last = (operands[0], operands[-1]) if op == "change" else _larger_first(operands)
            pair = [first, last]
            result = compute("difference", [first.value, last.value])
            hedged = _hedge([item.row for item in items])
            shown = _format(abs(result), items[0].row, "about" if hedged else None)
            operations.append(Operation(kind="difference", operands=pair, result=result, shown=shown))
            arithmetic = (
                f"{_plain(first.phrase)} - {_plain(last.phrase)} = {'-' if result < 0 else ''}{shown}"
            )
            if op == "change":
                direction = self.prompts.phrase(
                    "change.rose" if result < 0 else "change.fell" if result > 0 else "change.level"
                )
                if result < 0:
                    arithmetic = f"{_plain(last.phrase)} - {_plain(first.phrase)} = {shown}"
                text = self.prompts.render(
                    "aggregate_change",
                    parts=self.prompts.join(parts),
                    direction=direction,
                    difference=shown,
                    arithmetic=arithmetic,
                    first=items[0].name,
                    last=items[-1].name,
                    **values,
                )
            else:
                # the larger operand's own name: two places of one passage share its citation number
                higher = next(item.name for item, o in pairs if o is first)
                text = self.prompts.render(
                    "aggregate_difference",
                    parts=self.prompts.join(parts),
                    higher=_capital(higher),
                    difference=shown,
                    arithmetic=arithmetic,
                    **values,
                )
                if result == 0:
                    text = self.prompts.render("aggregate_equal", parts=self.prompts.join(parts), **values)
                    operations = []
        else:  # listing, a comparison without a direction
            text = self.prompts.render("aggregate_listing", parts=self.prompts.join(parts), **values)
        if apart:  # said plainly: which figures were left out of the arithmetic, and why
            other = self.prompts.render(
                "aggregate_other_units",
                verb=verb,
                parts=self.prompts.join([self._part(item, o) for item, o in apart]),
                units=self.prompts.join(sorted({item.row.unit for item, _ in apart})),
                unit=items[0].row.unit,
            )
            text = self.prompts.form("sentences", first=text, next=other)
        if missing:
            template = (
                "aggregate_missing_total"
                if operations and op in ("total", "average")
                else "aggregate_missing"
            )
            text = self.prompts.form(
                "sentences", first=text, next=self.prompts.render(template, scopes=self.prompts.join(missing))
            )
        text = text[:1].upper() + text[1:]
        if not is_grounded(text, citations, self.version.documents, operations):
            log.warning("ungrounded answer across inspections dropped: %r", text)
            return None
        shown_items = items + [item for item, _ in apart]
        shown_operands = operands + [o for _, o in apart]
        chart = [
            ChartPoint(
                label=item.label,
                value=item.row.value,
                shown=item.row.phrase,
                unit=item.row.unit,
                metric=label,
                n=o.n,
            )
            for item, o in zip(shown_items, shown_operands, strict=True)
        ]
        return Aggregated(text, citations, chart, operations)

    def _part(self, item: Item, operand: Operand) -> str:
        row = item.row
        figure = _lower_qualifier(row.phrase)
        if row.unit == "yuan":  # "4006万元 (40.06 million yuan)"; "2.8亿元（原文为“280 million yuan”）"
            figure = said_sum(row.phrase, row.value, row.qualifier, self.prompts)
        if row.unit not in ("yuan", "percent", "percentage points"):
            figure = self.prompts.counted(figure, row.unit)  # "208 people", "1,158 cases", "56人"
        return self.prompts.render(
            "aggregate_part", figure=figure, scope=item.name + item.detail, n=operand.n
        )

    def _citation(self, row: Fact, n: int) -> Citation:
        document = self.version.documents[row.doc_id]
        start, end = document.sentences[row.sentence]
        meta = document.meta
        return Citation(
            n=n,
            doc_id=row.doc_id,
            title=meta.title,
            source=meta.source,
            date=meta.date.isoformat() if meta.date else None,
            url=meta.url,
            quote=document.text[start:end],
            start=start,
            end=end,
        )


class _Ranked(NamedTuple):
    """The fields of a row ``_preference`` reads."""

    cost: float
    sentence: int
    as_of: str | None
    published: dt.date | None
    qualifier: str | None


class _Ordered(NamedTuple):
    """A group's rows in ``_preference`` order: table positions, and the fields the filters read."""

    positions: np.ndarray
    place: list[str | None]
    qualifier: list[str | None]
    unit: list[str]


def _passing(group: _Ordered, place: str | None, unit: str | None) -> list[int]:
    """The positions in ``group`` of the rows of ``place`` (None: of the whole inspection) and ``unit``
    (None: any), less those that add to a figure said before ("a further 120")."""
    return [
        i
        for i, (row_place, qualifier, row_unit) in enumerate(
            zip(group.place, group.qualifier, group.unit, strict=True)
        )
        if row_place == place
        and qualifier not in ("a further", "another")
        and (unit is None or row_unit == unit)
    ]


_CHUNK = 16  # rows made at a time when the first rows of a group that pass a filter are wanted


@functools.lru_cache(maxsize=1 << 14)
def _stage_of_text(text: str) -> Stage | None:
    """stage_of, once per distinct sentence (the rows of one sentence, or of copies of one article)."""
    return stage_of(text)


@functools.lru_cache(maxsize=1 << 14)
def _round_so_far_of_text(text: str) -> bool:
    """counts_round_so_far, once per distinct sentence."""
    return counts_round_so_far(text)


def _preference(row: Fact | _Ranked) -> tuple[bool, bool, tuple[int, ...], bool, float]:
    """Sort key of the rows that may give an inspection's figure: a sure cue first, then a figure of the
    body over one of the headline ("holds 43 officials to account" sums what the body gives apart), then
    the latest report, then an exact figure over a hedged one ("5,122" over "more than 5,000"), then the
    nearest cue."""
    return (
        row.cost > SURE_COST,
        row.sentence == 0,
        _negated(row.as_of or str(row.published or "")),
        bool(row.qualifier) and row.qualifier not in _EXACT,
        row.cost,
    )


def _negated(stamp: str) -> tuple[int, ...]:
    """A sort key that puts later ISO stamps first."""
    return tuple(-ord(c) for c in stamp)


def preference_ranks(table: FactTable) -> np.ndarray:
    """Each row's rank by ``_preference`` (equal keys, equal ranks), worked out over the distinct values
    of the fields it reads: a group's rows sorted stably by rank are in ``_preference`` order, ties in
    table order. The build stores them in the facts file (under ``preference_key``)."""
    combos, of_row = table.distinct(_Ranked._fields)
    keys = [_preference(_Ranked(*combo)) for combo in combos]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    ranks = np.zeros(len(keys), dtype=np.int64)
    for before, at in itertools.pairwise(order):
        ranks[at] = ranks[before] + (keys[at] != keys[before])
    return ranks[of_row]


@functools.cache
def preference_key() -> str:
    """A digest of the code of ``_preference`` (its functions and constants): ranks stored by other code
    are worked out again."""
    code = [
        inspect.getsource(_preference),
        inspect.getsource(_negated),
        repr(SURE_COST),
        repr(sorted(_EXACT)),
    ]
    return hashlib.sha256("\n".join(code).encode()).hexdigest()[:16]


def _scope_label(scope: InspectionScope) -> str:
    """The chart label of an inspection ("R2 B4")."""
    from bot.chart import scope_label  # bot.chart imports the engine's prompts: not at load time

    return scope_label(scope)


def _larger_first(operands: list[Operand]) -> tuple[Operand, Operand]:
    first, second = operands[0], operands[-1]
    return (first, second) if first.value >= second.value else (second, first)


def _plain(phrase: str) -> str:
    """A figure as an operand of written arithmetic: its qualifier dropped ("about 710 million yuan" ->
    "710 million yuan")."""
    figures = re.sub(
        r"^(?:more than|over|about|nearly|almost|approximately|roughly|some|at least|less than|fewer than|"
        r"up to|close to|a total of)\s+|^(?:约|超过|超|近|逾|共计|共|累计|合计|总计|达)",
        "",
        phrase.strip(),
        flags=re.IGNORECASE,
    )
    return figures


def _lower_qualifier(phrase: str) -> str:
    """ "More than 28,000" in mid-sentence: "more than 28,000" (an acronym such as "RMB" stays)."""
    first = phrase.split()[0] if phrase.split() else ""
    acronym = len(first) > 1 and first.isupper()
    return phrase[:1].lower() + phrase[1:] if phrase[:1].isalpha() and not acronym else phrase


def _hedge(rows: Sequence[Fact]) -> str | None:
    """How a sum of ``rows`` is hedged: "more than" when every hedged figure is a lower bound ("more than
    2,500"), "about" when one is approximate, nothing when none is ("a total of 14,432" is exact)."""
    hedges = {row.qualifier for row in rows if row.qualifier and row.qualifier not in _EXACT}
    if not hedges:
        return None
    return "more than" if hedges <= _LOWER_BOUNDS else "about"


def _format(value: float, sample: Fact, hedge: str | None) -> str:
    """A computed value written like the figures it comes from ("86", "750.06 million yuan"), hedged as
    its figures are ("about 2.45 billion yuan"); in a Chinese reply, as Chinese articles write it
    ("约5206万元")."""
    if reply_language() != ENGLISH:
        return chinese_figure(value, sample.unit, hedge, sample.phrase)
    if sample.unit == "yuan" and value >= 1_000_000:
        scale, word = (1e9, "billion") if value >= 1e9 else (1e6, "million")
        number = f"{value / scale:,.2f}".rstrip("0").rstrip(".")
        text = f"{number} {word} yuan"
    elif sample.unit == "percent":
        text = f"{value:.1f} percent"
    elif float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.1f}"
    return f"{hedge} {text}" if hedge else text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _among(scope: InspectionScope, found: Sequence[tuple[InspectionScope, InspectionScope, Fact]]) -> bool:
    """True when ``found`` holds a figure for the inspection ``scope``."""
    return any(inspection_key(scope) == inspection_key(asked) for asked, _, _ in found)


def _distinct(scopes: Sequence[InspectionScope]) -> int:
    return len({inspection_key(scope) for scope in scopes})


def inspection_key(scope: InspectionScope) -> tuple[int | None, int | None, str | None]:
    """The key two scopes of the same inspection share (a look-back batch, whatever round it is put in)."""
    if scope.phase == "lookback":
        return (None, scope.batch, "lookback")
    return calendar_key(scope)
