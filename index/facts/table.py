"""The facts table: every figure of every article as one row, built at index time and stored in the
index version as columns (``facts.npz``, index/facts/columns.py; versions before it: ``facts.jsonl``).

A row says which inspection the figure belongs to (the sentence's or, in a sentence listing batches, the
figure's own), which place (a province, a central enterprise, several of them, or the whole inspection),
what it counts (a metric of index/facts/metrics.py) and its value normalised to a number and a unit, with
the phrase as written and its exact span (``document.text[start:end] == phrase``). Which metric a figure
counts is decided by the cue costs of index/facts/figures.py: the cheapest cue wins, within ``MAX_ROW_COST``;
a figure with no cue counts what its noun names ("7 teams"), else it is no row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Literal

from pydantic import BaseModel

from index.facts.analysis import DocumentView
from index.facts.figures import FigureFact
from index.facts.metrics import METRIC_BY_ID, METRICS, PERCENT_KINDS, detail_of
from index.meta.calendar import Calendar, scope_key
from index.meta.gazetteer import find_enterprises, find_provinces
from index.models import Chunk, Document, InspectionScope
from index.text.chinese import fold, has_chinese

FACTS = "facts.npz"  # the columns of index/facts/columns.py
LEGACY_FACTS = "facts.jsonl"  # one JSON row a line, in versions written before the columns
MAX_ROW_COST = 3.0  # a cue further from its figure than this leaves the figure uncounted
MAX_LOCAL_PLACES = 2  # a sentence naming more provinces than this speaks of the inspection, not of them

PlaceKind = Literal["province", "enterprise", "several"]

# What a metric counts when its figure's noun does not say (people, cases, reports ...).
DEFAULT_UNITS: dict[str, str] = {
    "fine": "yuan",
    "percent": "percent",
    "investigation": "cases",
    "punishment": "cases",
    "detained": "people",
    "accountable": "people",
    "interviewed": "people",
    "criticized": "people",
    "ordered_rectify": "enterprises",
    "shut_down": "enterprises",
    "investigated": "cases",
    "received": "reports",
    "accepted": "reports",
    "transferred": "reports",
    "police": "cases",
    "closed": "reports",
}
_NOUN_UNITS = {"people": "people", "enterprises": "enterprises", "units": "units"}


class Fact(BaseModel):
    """One figure of one article, with what it counts and where it holds."""

    doc_id: str
    start: int  # document.text[start:end] == phrase
    end: int
    phrase: str  # as written: "more than 3,100", "40.06 million yuan"
    metric: str  # a metric id of index/facts/metrics.py
    value: float  # normalised: "40.06 million yuan" -> 40060000.0
    unit: str  # "people", "cases", "reports", "yuan", "percent", "teams" ...
    qualifier: str | None = None  # "more than", "about" ...
    detail: str | None = None  # the kind of metric its clause names (detained: "criminal", "administrative")
    scope: InspectionScope  # the inspection; empty for a running total over several
    inspection: str | None = None  # its calendar id ("r2b4") when the calendar knows it
    place: str | None = None  # a province, an enterprise or several (comma-separated); None = the whole
    place_kind: PlaceKind | None = None
    as_of: str | None = None  # ISO date or datetime the figure holds at, where stated
    # the as-of phrase as the article writes it ("20:00 on the evening of September 15th", "9月15日晚20时"),
    # for quoting; a reply says the date in its own language from ``as_of``
    as_of_phrase: str | None = None
    published: dt.date | None = None
    sentence: int  # index of its sentence in document.sentences
    cost: float = 0.0  # the cue cost that chose the metric (lower is surer)
    # the subset of the metric's count the figure is (index/facts/metrics.py SUBSETS: "division_or_above"
    # for "其中处级以上领导干部875人"), None for a whole count; and the start of the phrase of the total it is
    # part of in the same document (-1: none stated)
    subset: str | None = None
    part_of: int = -1
    # for a percentage: the metric of the count it is a rate or share of ("办结率54.9%", "examined 35,039
    # cases, or 88.5 percent": closed), None when its words name none
    share_of: str | None = None


def row_metric(fact: FigureFact) -> tuple[str, float] | None:
    """The metric a figure counts and the cost of the cue that says so, or None when it counts nothing
    the vocabulary knows."""
    unit = fact.figure.unit
    if unit == "percent":  # a rate of a kind its cue names (rectification, environment), else a percentage
        kinds = [
            (fact.costs[m], m) for m in PERCENT_KINDS if fact.costs.get(m, MAX_ROW_COST + 1) <= MAX_ROW_COST
        ]
        return (min(kinds)[1], min(kinds)[0]) if kinds else ("percent", 0.0)
    if unit == "yuan":
        cost = fact.costs.get("fine")
        return ("fine", cost) if cost is not None and cost <= MAX_ROW_COST else None
    if unit is not None:
        return None
    options = []
    for metric in METRICS:
        cost = fact.costs.get(metric.id)
        if metric.unit is not None or cost is None or cost > MAX_ROW_COST:
            continue
        if metric.nouns and fact.noun_class not in metric.nouns:
            continue
        if any(fact.costs.get(rival, float("inf")) < cost for rival in metric.rivals):
            continue
        options.append((cost, metric.id))
    if options:
        cost, metric_id = min(options)
        return metric_id, cost
    if fact.figure.value == 0:
        return None  # a zero counts only what a cue names ("暂无人员被问责"), never a bare noun
    noun_metric = next((m.id for m in METRICS if m.noun_metric and m.noun_metric == fact.noun_class), None)
    return (noun_metric, 0.5) if noun_metric is not None else None


def row_unit(metric: str, fact: FigureFact) -> str:
    """The unit a row's value counts in: the metric's own (yuan, percent), the counted noun's class
    (people, enterprises, units), "cases" or "reports" for those nouns, else the metric's default."""
    if fact.figure.unit is not None:
        return fact.figure.unit
    if fact.noun_class in _NOUN_UNITS:
        return _NOUN_UNITS[fact.noun_class]
    if fact.noun_class == "reports":
        return "cases" if "case" in fact.noun.lower() or "案" in fold(fact.noun) else "reports"
    noun_metric = METRIC_BY_ID[metric].noun_metric
    return noun_metric or DEFAULT_UNITS.get(metric, fact.noun_class or "items")


def _place(view: DocumentView, i: int) -> tuple[str | None, PlaceKind | None]:
    """Where sentence ``i``'s figures hold: one enterprise it is about, the provinces it names when they are
    part of what its inspection covers, the province of an article on one province's part, else the whole
    inspection (None)."""
    enterprises = view.enterprises[i]
    if len(enterprises) == 1:
        return enterprises[0], "enterprise"
    if view.many_places(view.sentence_text(i)):
        return None, None
    meta = view.document.meta
    covered = view.inspected(i) or set(meta.provinces)
    places = [p for p in view.places[i] if not covered or p in covered or len(covered) > 1]
    if places and len(places) <= MAX_LOCAL_PLACES and (len(covered) != 1 or set(places) != covered):
        if len(places) == 1:
            return places[0], "province"
        return ", ".join(places), "several"
    # an article on one province's part in a batch (its title names it, in English or Chinese)
    if len(meta.provinces) == 1 and len(covered) > 1 and meta.provinces[0] in find_provinces(meta.title):
        return meta.provinces[0], "province"
    return None, None


# "6家中央企业", "two central enterprises": the enterprises inspected, not ones a place punished
_CENTRAL_ENTERPRISES = re.compile(r"中央企业|央企|\bcentral(?:ly administered)?\b", re.IGNORECASE)


def _counts_inspected(metric: str, fact: FigureFact) -> bool:
    """True for a count of what an inspection covers ("31个省（区、市）和新疆生产建设兵团", "8个督察组",
    "6家中央企业"): the whole inspection's, whatever place the sentence names."""
    return metric in ("provinces", "teams") or (
        metric == "enterprises" and _CENTRAL_ENTERPRISES.search(fold(fact.noun)) is not None
    )


def _as_of(view: DocumentView, i: int) -> tuple[str | None, str | None]:
    """(as-of time, its phrase as written) for sentence ``i``: the one stated in it or just before, else the
    last one stated before it in the article, else the article's (no phrase); none where the article's is
    an early report it recounts (the row holds at its publication)."""
    stated = view.stated_as_of(i)
    if stated:
        return stated
    as_of = view.document.meta.as_of
    return (None if view.recounted(as_of) else as_of), None


def document_facts(
    document: Document,
    chunks: list[Chunk],
    calendar: Calendar | None = None,
    view: DocumentView | None = None,
) -> list[Fact]:
    """The rows of one article, in text order (``view``: its view, to keep the analysis it makes)."""
    view = view or DocumentView(document, chunks, calendar)
    masthead_start, masthead_end = view.masthead
    rows: list[Fact] = []
    for i, (start, end) in enumerate(document.sentences):
        facts = list(zip(view.facts(i), view.figure_scopes(i), strict=True))
        facts += [(zero, view.scopes[i]) for zero in view.zero_facts(i)]  # "暂无人员被问责": a zero row
        if not facts:
            continue
        # the page header's and the dateline's numbers are dates, but a lead runs on after its dateline
        # ("BEIJING, Jan. 29 (Xinhua) -- ... 2,204 cases", "中新社北京9月19日电 …立案处罚1158家"), so
        # only the numbers inside the masthead are skipped
        in_masthead = start < masthead_end and masthead_start < end
        sentence_place = _place(view, i)
        as_of, as_of_phrase = _as_of(view, i)
        for fact, scope in sorted(facts, key=lambda pair: pair[0].figure.start):
            if in_masthead and fact.figure.start < masthead_end and masthead_start < fact.figure.end:
                continue
            chosen = row_metric(fact)
            if chosen is None:
                continue
            metric, cost = chosen
            # a count of teams, provinces or enterprises counts the list before it, which is no one place;
            # nor are the teams, provinces or central enterprises an inspection covers one place's
            own = None if METRIC_BY_ID[metric].noun_metric else view.figure_place(i, fact)
            place, kind = own or ((None, None) if _counts_inspected(metric, fact) else sentence_place)
            figure = fact.figure
            entry = calendar.get(scope) if calendar is not None else None
            rows.append(
                Fact(
                    doc_id=document.doc_id,
                    start=figure.start,
                    end=figure.end,
                    phrase=figure.phrase,
                    metric=metric,
                    value=figure.value,
                    unit=row_unit(metric, fact),
                    qualifier=" ".join(figure.qualifier.lower().split()) if figure.qualifier else None,
                    detail=detail_of(
                        metric,
                        fold(document.text[fact.own[0] : fact.own[1]]),
                        (figure.start - fact.own[0], figure.end - fact.own[0]),
                    ),
                    scope=scope,
                    inspection=entry.id if entry is not None else None,
                    place=place,
                    place_kind=kind,
                    as_of=as_of,
                    as_of_phrase=as_of_phrase,
                    published=document.meta.date,
                    sentence=i,
                    cost=cost,
                    subset=fact.subset,
                    part_of=fact.part_of if fact.part_of is not None else -1,
                    share_of=share_metric(fact) if figure.unit == "percent" else None,
                )
            )
    return _unchain_increments(_placed_as_totals(rows))


def share_metric(fact: FigureFact) -> str | None:
    """The metric of the count a percentage is a rate or share of: the cheapest counted metric among its
    cue costs (its rate word, "办结率", or the count it is a share of: "examined 35,039 cases, or 88.5
    percent"), within ``MAX_ROW_COST``."""
    counted = [
        (cost, metric)
        for metric, cost in fact.costs.items()
        if METRIC_BY_ID[metric].unit is None and METRIC_BY_ID[metric].cue is not None and cost <= MAX_ROW_COST
    ]
    return min(counted)[1] if counted else None


def _placed_as_totals(rows: list[Fact]) -> list[Fact]:
    """A sub-figure is of the place its total is of ("天津市问责83人，其中厅级干部22人": Tianjin's)."""
    by_start = {(row.sentence, row.start): row for row in rows}
    placed = []
    for row in rows:
        total = by_start.get((row.sentence, row.part_of))
        if total is not None and row.place is None and total.place is not None:
            row = row.model_copy(update={"place": total.place, "place_kind": total.place_kind})
        placed.append(row)
    return placed


_INCREMENTS = frozenset({"a further", "another"})


def _unchain_increments(rows: list[Fact]) -> list[Fact]:
    """ "A further 2,315 officials were punished" after the companies' figures adds to what came before in
    the sentence, not to an earlier count of officials: a "further" figure with no earlier row of its metric
    and inspection in the article is the inspection's whole figure (its qualifier dropped)."""
    seen: set[tuple[str, tuple[int | None, int | None, str | None]]] = set()
    out: list[Fact] = []
    for row in rows:
        key = (row.metric, inspection_key(row))
        if row.qualifier in _INCREMENTS and key not in seen:
            row = row.model_copy(update={"qualifier": None})
        seen.add(key)
        out.append(row)
    return out


def build_facts(
    documents: Iterable[Document],
    chunks: Iterable[Chunk],
    calendar: Calendar | None,
    reuse: dict[str, list[Fact]] | None = None,
) -> list[Fact]:
    """The rows of all ``documents``; those of a document in ``reuse`` (unchanged since the last build)
    are taken from there, not computed again."""
    by_doc: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_doc.setdefault(chunk.doc_id, []).append(chunk)
    rows: list[Fact] = []
    for document in sorted(documents, key=lambda d: d.doc_id):
        kept = (reuse or {}).get(document.doc_id)
        if kept is None:
            kept = document_facts(document, by_doc.get(document.doc_id, []), calendar)
        rows.extend(kept)
    return rows


def facts_bytes(rows: Iterable[Fact]) -> bytes:
    """The facts file's contents (FACTS: the columns of index/facts/columns.py)."""
    from index.facts.columns import facts_bytes as columns_bytes

    return columns_bytes(rows)


def parse_facts(lines: Iterable[str]) -> list[Fact]:
    """The rows of an older version's facts file (LEGACY_FACTS) lines."""
    return [Fact.model_validate_json(line) for line in lines if line.strip()]


def by_document(rows: Iterable[Fact]) -> dict[str, list[Fact]]:
    """The rows grouped by document id."""
    grouped: dict[str, list[Fact]] = {}
    for row in rows:
        grouped.setdefault(row.doc_id, []).append(row)
    return grouped


def select(
    rows: Iterable[Fact],
    *,
    metric: str | None = None,
    round_: int | None = None,
    batch: int | None = None,
    phase: str | None = None,
    place: str | None = None,
) -> Iterator[Fact]:
    """The rows matching every filter given (``place`` case-insensitively, in English or Chinese, "whole"
    for no place)."""
    for row in rows:
        if metric is not None and row.metric != metric:
            continue
        if round_ is not None and row.scope.round != round_:
            continue
        if batch is not None and row.scope.batch != batch:
            continue
        if phase is not None and row.scope.phase != phase:
            continue
        if place is not None:
            wanted = _place_name(place).lower()
            if (wanted == "whole" and row.place is not None) or (
                wanted != "whole" and wanted not in (row.place or "").lower()
            ):
                continue
        yield row


def _place_name(place: str) -> str:
    """The canonical name of a place given in Chinese ("湖南" -> "Hunan", "中国化工" -> its English name);
    other text as given."""
    if not has_chinese(place):
        return place
    named = find_enterprises(place) or find_provinces(place)
    return named[0] if len(named) == 1 else place


def inspection_key(row: Fact) -> tuple[int | None, int | None, str | None]:
    """The key rows of the same inspection share."""
    return scope_key(row.scope)
