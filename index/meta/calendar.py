"""The inspection calendar: every central inspection (the pilot, each batch of each round, the look-back
batches) with its stationing dates, the provinces, central enterprises and departments inspected.

Read from ``calendar.yaml`` beside this module (validated), plus the batches an index build learned from
articles that announce them. The calendar resolves which inspection a text or a question is about; it is
never cited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError, model_validator

from index.meta.gazetteer import CENTRAL_ENTERPRISES, PROVINCES, find_enterprises, find_provinces
from index.models import InspectionScope

CALENDAR_FILE = Path(__file__).with_name("calendar.yaml")
# A batch's stationing lasts about a month; where its end is not on record, this many days past its start.
DEFAULT_STATIONING_DAYS = 40
# A date this many days before a batch's recorded start still counts as its start (teams arrive over days).
EARLY_ARRIVAL_DAYS = 3

#: The weight of each kind of agreement (or disagreement) between what is asked and a calendar entry.
MATCH_WEIGHTS: dict[str, float] = {
    "province_inspected": 2.0,  # each named province the batch inspected
    "province_not_inspected": -1.5,  # each named province it did not
    "all_provinces_inspected": 1.0,  # every named province was inspected
    "province_not_named": -0.1,  # each inspected province left unnamed (prefers the tighter fit)
    "enterprise_inspected": 2.5,
    "enterprise_not_inspected": -1.5,
    "year_stationed": 3.0,  # a named year is the year the teams were stationed
    "year_later_work": 1.5,  # ... or only the year of the feedback / the end of the stationing
    "year_other": -4.0,  # no named year fits the batch
    "month_stationed": 1.5,  # a named month is the month of the stationing (or of the feedback)
    "date_within_stationing": 3.0,
    "date_after_stationing": 2.0,  # decays with the time since (half after ~6 months)
    "date_before_stationing": -6.0,  # nothing is reported about a batch before it began
}
_AFTER_HALF_LIFE_DAYS = 180


class CalendarError(Exception):
    """The calendar file is missing or invalid (message is one line)."""


class Inspection(BaseModel):
    """One central inspection: a batch, the pilot or a look-back batch."""

    id: str
    scope: InspectionScope
    stationed_from: dt.date
    stationed_to: dt.date | None = None
    feedback: dt.date | None = None
    provinces: list[str] = Field(default_factory=list)
    enterprises: list[str] = Field(default_factory=list)
    departments: list[str] = Field(default_factory=list)
    teams: int | None = None
    sources: list[str] = Field(default_factory=list)
    notes: str | None = None
    learned_from: str | None = None  # the doc id of the article it was learned from (None: the file)

    @model_validator(mode="before")
    @classmethod
    def _flat_scope(cls, data: object) -> object:
        """Accept ``round`` / ``batch`` / ``phase`` at the top level, as the YAML file writes them."""
        if isinstance(data, dict) and "scope" not in data:
            data = dict(data)
            data["scope"] = {key: data.pop(key) for key in ("round", "batch", "phase") if key in data}
        return data

    @model_validator(mode="after")
    def _check(self) -> Inspection:
        scope = self.scope
        if scope.phase == "pilot":
            complete = scope.batch is None
        elif scope.phase == "lookback":
            complete = bool(scope.batch) and scope.round is None
        else:
            complete = bool(scope.round and scope.batch)
        if not complete:
            raise ValueError(f"{self.id}: incomplete scope {scope.label()!r}")
        if self.stationed_to is not None and self.stationed_to < self.stationed_from:
            raise ValueError(f"{self.id}: stationed_to is before stationed_from")
        if self.feedback is not None and self.feedback < self.stationed_from:
            raise ValueError(f"{self.id}: feedback is before stationed_from")
        unknown = [name for name in self.provinces if name not in PROVINCES]
        if unknown:
            raise ValueError(f"{self.id}: unknown provinces {unknown} (use the names in gazetteer.py)")
        unknown = [name for name in self.enterprises if name not in CENTRAL_ENTERPRISES]
        if unknown:
            raise ValueError(f"{self.id}: unknown enterprises {unknown} (use the names in gazetteer.py)")
        if self.teams is not None and self.teams < 1:
            raise ValueError(f"{self.id}: teams must be positive")
        return self

    @property
    def stationing_end(self) -> dt.date:
        """The last day of the stationing: recorded, else the usual month after its start."""
        return self.stationed_to or self.stationed_from + dt.timedelta(days=DEFAULT_STATIONING_DAYS)

    def label(self) -> str:
        """'round 2, batch 4 (stationed 2021-08-26; Jilin, Shandong, ...)'."""
        where = ", ".join(self.provinces + self.enterprises)
        return f"{self.scope.label()} (stationed {self.stationed_from}{'; ' + where if where else ''})"


def scope_key(scope: InspectionScope) -> tuple[int | None, int | None, str | None]:
    """The key two scopes of the same inspection share (the pilot is the pilot, whatever its round)."""
    if scope.phase == "pilot":
        return (None, None, "pilot")
    return (scope.round, scope.batch, scope.phase)


class Calendar(BaseModel):
    """All known inspections, oldest first; ids and scopes unique."""

    entries: list[Inspection]

    @model_validator(mode="after")
    def _unique(self) -> Calendar:
        ids = [entry.id for entry in self.entries]
        keys = [scope_key(entry.scope) for entry in self.entries]
        for name, values in (("id", ids), ("scope", keys)):
            repeated = sorted({str(v) for v in values if values.count(v) > 1})
            if repeated:
                raise ValueError(f"duplicate {name}: {', '.join(repeated)}")
        self.entries.sort(key=lambda entry: entry.stationed_from)
        return self

    def get(self, scope: InspectionScope) -> Inspection | None:
        """The inspection of a complete scope (the pilot, a look-back batch, a round's batch), else None."""
        key = scope_key(scope)
        return next((entry for entry in self.entries if scope_key(entry.scope) == key), None)

    def of_round(self, round_: int) -> list[Inspection]:
        """The batches of a round (not the pilot), oldest first."""
        return [e for e in self.entries if e.scope.round == round_ and e.scope.phase is None]

    def match(
        self,
        *,
        provinces: Iterable[str] = (),
        enterprises: Iterable[str] = (),
        years: Iterable[int] = (),
        months: Iterable[int] = (),
        on: dt.date | None = None,
    ) -> list[tuple[Inspection, float]]:
        """The inspections that fit what is named, with scores (sums of ``MATCH_WEIGHTS``), best first;
        empty when nothing is named or nothing fits (no candidate scores above zero)."""
        wanted_provinces = _canonical(provinces, find_provinces)
        wanted_enterprises = _canonical(enterprises, find_enterprises)
        wanted_years, wanted_months = set(years), set(months)
        if not (wanted_provinces or wanted_enterprises or wanted_years or wanted_months or on):
            return []
        scored = []
        for entry in self.entries:
            parts = _agreements(entry, wanted_provinces, wanted_enterprises, wanted_years, wanted_months, on)
            score = sum(MATCH_WEIGHTS[name] * amount for name, amount in parts)
            if score > 0:
                scored.append((entry, round(score, 3)))
        scored.sort(key=lambda item: (-item[1], -item[0].stationed_from.toordinal()))
        return scored

    def explain(
        self,
        entry: Inspection,
        *,
        provinces: Iterable[str] = (),
        enterprises: Iterable[str] = (),
        years: Iterable[int] = (),
        months: Iterable[int] = (),
        on: dt.date | None = None,
    ) -> list[tuple[str, float]]:
        """The weighted agreements behind ``entry``'s match score: (name, points), non-zero ones only."""
        parts = _agreements(
            entry,
            _canonical(provinces, find_provinces),
            _canonical(enterprises, find_enterprises),
            set(years),
            set(months),
            on,
        )
        return [(name, round(MATCH_WEIGHTS[name] * amount, 3)) for name, amount in parts if amount]


def _canonical(names: Iterable[str], finder) -> list[str]:
    found: list[str] = []
    for name in names:
        hits = finder(name)
        found.append(hits[0] if hits else name)
    return list(dict.fromkeys(found))


def _agreements(
    entry: Inspection,
    provinces: list[str],
    enterprises: list[str],
    years: set[int],
    months: set[int],
    on: dt.date | None,
) -> list[tuple[str, float]]:
    """(agreement, amount) pairs for one entry; its score is the sum of amount x MATCH_WEIGHTS[agreement]."""
    parts: list[tuple[str, float]] = []
    if provinces:
        hits = sum(name in entry.provinces for name in provinces)
        parts.append(("province_inspected", hits))
        parts.append(("province_not_inspected", len(provinces) - hits))
        if hits == len(provinces):
            parts.append(("all_provinces_inspected", 1))
        parts.append(("province_not_named", len(set(entry.provinces) - set(provinces))))
    if enterprises:
        hits = sum(name in entry.enterprises for name in enterprises)
        parts.append(("enterprise_inspected", hits))
        parts.append(("enterprise_not_inspected", len(enterprises) - hits))
    if years:
        later = {entry.stationing_end.year} | ({entry.feedback.year} if entry.feedback else set())
        if entry.stationed_from.year in years:
            parts.append(("year_stationed", 1))
        elif later & years:
            parts.append(("year_later_work", 1))
        else:
            parts.append(("year_other", 1))
    if months:
        dates = [entry.stationed_from, entry.stationing_end] + ([entry.feedback] if entry.feedback else [])
        if any(d.month in months and (not years or d.year in years) for d in dates):
            parts.append(("month_stationed", 1))
    if on is not None:
        start = entry.stationed_from - dt.timedelta(days=EARLY_ARRIVAL_DAYS)
        if on < start:
            parts.append(("date_before_stationing", 1))
        elif on <= entry.stationing_end:
            parts.append(("date_within_stationing", 1))
        else:
            days = (on - entry.stationing_end).days
            parts.append(("date_after_stationing", _AFTER_HALF_LIFE_DAYS / (_AFTER_HALF_LIFE_DAYS + days)))
    return parts


@cache
def _file_entries(path: Path) -> tuple[Inspection, ...]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CalendarError(f"cannot read the inspection calendar {path}: {exc}") from exc
    try:
        calendar = Calendar(entries=raw or [])
    except ValidationError as exc:
        first = exc.errors()[0]
        raise CalendarError(f"invalid inspection calendar {path}: {first['msg']}") from exc
    return tuple(calendar.entries)


def load_calendar(learned: Iterable[Inspection] = (), path: Path | None = None) -> Calendar:
    """The calendar file (``CALENDAR_FILE`` unless ``path``; read once) plus the ``learned`` batches the
    file does not have (the file wins). Raises CalendarError when the file is missing or invalid."""
    entries = list(_file_entries(Path(path or CALENDAR_FILE)))
    known = {scope_key(entry.scope) for entry in entries}
    ids = {entry.id for entry in entries}
    for entry in learned:
        key = scope_key(entry.scope)
        if key not in known and entry.id not in ids:
            entries.append(entry)
            known.add(key)
            ids.add(entry.id)
    return Calendar(entries=entries)


def inspection_id(scope: InspectionScope) -> str:
    """The calendar id of a complete scope: 'pilot', 'lb2', 'r3b7'."""
    if scope.phase == "pilot":
        return "pilot"
    if scope.phase == "lookback":
        return f"lb{scope.batch}"
    return f"r{scope.round}b{scope.batch}"
