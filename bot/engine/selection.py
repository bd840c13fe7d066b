"""Which findings an answer uses: grouping by inspection, whole versus parts, latest versus earlier reports,
figures given in parts, and combined totals."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.engine.coverage import ScopeTuple, as_tuple, scope_key
from bot.engine.extract import Finding, without_dates
from bot.engine.question import Question
from index.facts.metrics import METRIC_BY_ID, SUBSET_WIDER, SUBSETS
from index.models import InspectionScope
from index.text.chinese import fold, language_of

COMPETING_SCORE = 1.0  # findings this close to the best one are as good
WHOLE_SCORE = 2.5  # a figure of the whole round asked, this close to a batch's, answers for the round
OTHER_INSPECTION_SCORE = 4.0  # a date of another inspection of the province asked, if no inspection is named
SIBLING_SCORE = 0.25  # parts of one figure in one sentence score alike
STRONG_SCORE = 1.5  # another report's figure counts as a report of the same thing
CLEAR_COST = 1.0  # a figure this close to its metric's cue reports that metric, however it ranks
ROUNDED_SPREAD = 0.1  # an exact figure this close to a rounded one ("more than 5,700": 5,763) agrees
_ROUNDED = re.compile(
    r"more|over|about|nearly|almost|approximately|roughly|some|at\s+least|less|fewer|up\s+to|close", re.I
)
_DIGIT = re.compile(r"\d|[一二三四五六七八九十百千万亿]")
_TOTAL = re.compile(r"\btotal\b|\bin all\b|\bcombined\b|\baltogether\b", re.IGNORECASE)


def by_scope(
    question: Question, wanted: InspectionScope, findings: list[Finding]
) -> list[tuple[InspectionScope, list[Finding]]]:
    """Findings grouped by inspection: the inspection asked for when it has a figure about as good as
    the best, else each part of it (a round's batches) whose best figure is about as good."""
    findings = of_subset(question, findings)
    if not findings:
        return []
    best = findings[0]
    exact = [f for f in findings if f.scope == wanted]
    margin = WHOLE_SCORE if is_part(best.scope, wanted) else COMPETING_SCORE
    if question.kind == "quantity" and exact and exact[0].score <= best.score + margin:
        return [(wanted, exact)]
    if question.kind == "when" and wanted == InspectionScope() and question.provinces:
        # "when did the inspection of Hebei start", no inspection named: each inspection of it dated as well
        dated: dict[ScopeTuple, list[Finding]] = {}
        for finding in findings:
            one = finding.scope.batch is not None or finding.scope.phase is not None  # not a whole round
            if one and finding.score <= best.score + OTHER_INSPECTION_SCORE:
                dated.setdefault(as_tuple(finding.scope), []).append(finding)
        if len(dated) > 1 and as_tuple(best.scope) in dated:
            found = [(group[0].scope, group) for group in dated.values()]
            return sorted(found, key=lambda g: scope_key(g[0]))
    if question.kind != "quantity" or best.metric is None:
        return [(best.scope, [f for f in findings if f.scope == best.scope])]
    groups: dict[ScopeTuple, list[Finding]] = {}
    for finding in findings:  # another inspection's figure must be about what the question names as well
        if finding.score <= best.score + COMPETING_SCORE and finding.overlap >= best.overlap:
            groups.setdefault(as_tuple(finding.scope), [])
    for finding in findings:
        if as_tuple(finding.scope) in groups:
            groups[as_tuple(finding.scope)].append(finding)
    found = [(group[0].scope, group) for group in groups.values()]
    return found if len(found) == 1 else sorted(found, key=lambda g: scope_key(g[0]))


def asked_subsets(question: Question) -> frozenset[str]:
    """The subsets of a count the question asks for (index/facts/metrics.py SUBSETS: "How many officials at
    or above the division level ...", "其中处级以上干部有多少人？"); empty for a whole count."""
    text = fold(question.text)
    found = {subset: pattern.search(text) for subset, pattern in SUBSETS}
    spans = sorted((m.start(), -m.end(), subset) for subset, m in found.items() if m is not None)
    kept: list[tuple[int, int, str]] = []
    for start, neg_end, subset in spans:  # "处级以上" names one subset, not 处级 too
        if not any(start < -end for _, end, _ in kept):
            kept.append((start, neg_end, subset))
    return frozenset(subset for _, _, subset in kept)


def of_subset(question: Question, findings: list[Finding]) -> list[Finding]:
    """The findings that count what the question asks: a count's sub-figure (the part of a total a subset
    names: "其中处级以上领导干部875人") answers only a question for that subset, in its own words (which
    name the subset); a question for a subset is answered by its sub-figures only; a question for the whole
    count never by one. Findings that are no figure stay."""
    asked = asked_subsets(question)
    given = {f.fact.subset for f in findings if f.fact is not None and f.metric is not None}
    if asked and not asked & given:  # "at division level": the figure at or above it, if that is all
        asked = frozenset(SUBSET_WIDER.get(subset, subset) for subset in asked)
    kept = []
    for finding in findings:
        if finding.fact is None or finding.metric is None:
            kept.append(finding)
            continue
        subset = finding.fact.subset
        if (subset in asked) if asked else subset is None:
            if subset is not None and finding.own:  # in its own words: "厅级干部159人"
                finding = replace(finding, text=finding.own, verbatim=True)
            kept.append(finding)
    return kept


def by_inspection(findings: list[Finding]) -> list[tuple[InspectionScope, list[Finding]]]:
    """Findings grouped by the inspection they are about, in inspection order (a batch in every round)."""
    groups: dict[ScopeTuple, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(as_tuple(finding.scope), []).append(finding)
    return sorted(((group[0].scope, group) for group in groups.values()), key=lambda g: scope_key(g[0]))


def quantity_rows(question: Question, findings: list[Finding]) -> list[tuple[Finding, Finding | None]]:
    """For each metric asked: the latest report's figure (answered in the sentence's words when the
    sentence gives it in parts) and an earlier report's differing figure, one row per distinct figure."""
    rows = []
    for metric in question.metrics:
        of_metric = [f for f in findings if f.metric == metric]
        for latest, earlier in _latest_and_earlier(of_metric, question.as_of, language_of(question.text)):
            answered = _with_siblings(latest, findings)  # in parts ("行政拘留130人，刑事拘留113人"): no
            parts = answered.verbatim and not latest.verbatim and not _restated(latest, findings)
            rows.append((answered, None if parts else earlier))  # earlier total is a report of them
    return _said_together(_distinct_figures(rows))


def is_part(scope: InspectionScope, wanted: InspectionScope) -> bool:
    """True when ``scope`` is a batch (or the pilot) of the round (or the look-back) ``wanted`` names as a
    whole."""
    whole_round = wanted.round is not None and wanted.phase is None
    whole_lookback = wanted.phase == "lookback" and wanted.round is None
    return (whole_round or whole_lookback) and wanted.batch is None and scope != wanted


def combined(question: Question, findings: list[Finding]) -> Finding | None:
    """For "how many in total were X or Y", a single figure reported for all the asked metrics together."""
    if len(question.metrics) < 2 or not _TOTAL.search(question.text):
        return None
    by_figure: dict[tuple[str, int], set[str]] = {}
    for finding in findings:
        if finding.fact is not None and finding.metric is not None:
            by_figure.setdefault((finding.doc_id, finding.fact.figure.start), set()).add(finding.metric)
    for finding in findings:
        if finding.fact is not None and by_figure[(finding.doc_id, finding.fact.figure.start)] >= set(
            question.metrics
        ):
            return finding
    return None


def _latest_and_earlier(
    findings: list[Finding], as_of: str = "", language: str = ""
) -> list[tuple[Finding, Finding | None]]:
    """The best finding of each report (an article, or a count it states as of another time); the latest
    report's, with an earlier one when its figure differs.

    A report counts when its figure is about as good as the best or its metric cue is clear (a later report
    may rank lower in retrieval). Later means a later as-of time, else a later publication date; when a
    report's time is unknown, the larger of two running counts is the later one.
    """
    if not findings:
        return []
    # one finding a report, and a report's figure for the whole inspection apart from its provinces' ones
    per_report: dict[tuple[str, str, bool], Finding] = {}
    for finding in findings:  # already best first
        report = (finding.doc_id, finding.order, bool(finding.places))
        kept = per_report.setdefault(report, finding)
        if (
            _approximate(kept)
            and not _approximate(finding)
            and (finding.score <= kept.score + STRONG_SCORE or _clear(finding))
        ):
            per_report[report] = finding  # the exact figure, not the rounded lead
    reports = list(per_report.values())
    # A figure for the whole inspection beats one for a single province of it, however they rank.
    pool = [f for f in reports if not f.places] or reports
    best = pool[0].score
    strong = [f for f in pool if f.score <= best + STRONG_SCORE or _clear(f)]
    dated = all(f.order for f in strong)
    running = all(f.fact is not None and f.fact.figure.unit != "percent" for f in strong)
    if dated or not running:
        # of two reports of the same time, the one in the question's language (its words quoted)
        ordered = sorted(strong, key=lambda f: (f.order, language_of(f.text) == language), reverse=True)
    else:
        ordered = sorted(strong, key=lambda f: f.fact.figure.value if f.fact else 0.0, reverse=True)
    asked = [f for f in pool if as_of and f.order[:10].endswith(as_of)]  # "as of October 1": that report
    if not asked and as_of[:1].isdigit() and dated:  # else the latest report made by that day, if any
        asked = [f for f in ordered if f.order[:10] <= as_of][:1]
    latest = asked[0] if asked else ordered[0]
    exact = _exact_for(latest, ordered)
    if (
        exact is not None
    ):  # "more than 5,700" in one report, "5,763" in another: the exact one, the other mentioned
        return [(exact, latest)]
    earlier = next(
        (
            f
            for f in ordered[1:]
            if f.fact
            and latest.fact
            and f.fact.figure.value != latest.fact.figure.value
            and (f.order < latest.order if dated else running)  # an undated report is not known earlier
            and f.places == latest.places  # nor is a figure for other places a report of the same thing
            and same_count(f, latest)
        ),
        None,
    )
    return [(latest, earlier)]


def _restated(finding: Finding, findings: list[Finding]) -> bool:
    """True when the other figures of ``finding``'s metric in its sentence restate its value ("约18213.33
    万元，折合约1.82亿元"), within ``ROUNDED_SPREAD``, rather than give its parts."""
    value = finding.fact.figure.value if finding.fact else 0.0
    others = [
        f.fact.figure.value
        for f in findings
        if f.fact is not None
        and f.fact is not finding.fact
        and (f.doc_id, f.sentence, f.metric) == (finding.doc_id, finding.sentence, finding.metric)
    ]
    return bool(value) and all(abs(other - value) <= ROUNDED_SPREAD * value for other in others)


def same_count(earlier: Finding, latest: Finding) -> bool:
    """True when an earlier report's figure counts what the latest one counts, so it can be named as that
    count's earlier state: a running count (reports, cases, fines, people held ...: a metric with its own
    cue, not one named by its noun alone: "2 teams stationed on day one" is no earlier state of "10
    teams"), of the same subset ("厅级干部159人" is not "问责1048人"), and no larger than the later count
    (running counts grow; an "earlier" 283 beside a later 76 counts something else)."""
    if earlier.fact is None or latest.fact is None or earlier.metric is None:
        return False
    if METRIC_BY_ID[earlier.metric].noun_metric or earlier.fact.subset != latest.fact.subset:
        return False
    grown = earlier.fact.figure.value <= latest.fact.figure.value
    return grown or earlier.order >= latest.order or _approximate(earlier) or _approximate(latest)


def _exact_for(rounded: Finding, reports: list[Finding]) -> Finding | None:
    """An exact figure of another report that a rounded one agrees with ("more than 5,700" and "5,763"):
    within ``ROUNDED_SPREAD`` of it, on the side its qualifier points to, for the same places."""
    if not _approximate(rounded) or rounded.fact is None:
        return None
    approx = rounded.fact.figure
    below = not re.match(r"less|fewer|up\s+to|nearly|almost|close", approx.qualifier or "", re.I)
    for other in reports:
        fact = other.fact
        if fact is None or other is rounded or _approximate(other) or other.places != rounded.places:
            continue
        value = fact.figure.value
        if fact.figure.unit != approx.unit or not approx.value:
            continue
        spread = (value - approx.value) / approx.value
        if (0 <= spread <= ROUNDED_SPREAD) if below else (-ROUNDED_SPREAD <= spread <= 0):
            return other
    return None


def _approximate(finding: Finding) -> bool:
    """True for a rounded figure ("more than 1,100", "nearly 30,000", "about 1.4 billion yuan")."""
    fact = finding.fact
    return fact is not None and bool(fact.figure.qualifier) and bool(_ROUNDED.match(fact.figure.qualifier))


def _clear(finding: Finding) -> bool:
    """True when the finding's figure has its metric's cue right next to it (a report of that metric)."""
    fact = finding.fact
    if fact is None or finding.metric is None or fact.whole:
        return False
    return fact.costs.get(finding.metric, float("inf")) <= CLEAR_COST


def _with_siblings(finding: Finding, findings: list[Finding]) -> Finding:
    """A figure reported in parts in one sentence ("123 under administrative detention and 45 under criminal
    detention") is answered with the sentence's own words, so each part keeps its label."""
    fact = finding.fact
    assert fact is not None
    for other in findings:
        sibling = other.fact
        if (
            sibling is not None
            and sibling is not fact
            and (other.doc_id, other.sentence, other.metric)
            == (finding.doc_id, finding.sentence, finding.metric)
            and other.score <= finding.score + SIBLING_SCORE
            and min(sibling.costs, key=sibling.costs.__getitem__, default=None) == finding.metric
            and not (sibling.figure.qualifier and "total" in sibling.figure.qualifier.lower())
            and sibling.figure.value != fact.figure.value
        ):
            return replace(finding, verbatim=True)
    return finding


def _said_together(rows: list[tuple[Finding, Finding | None]]) -> list[tuple[Finding, Finding | None]]:
    """Two asked figures that one clause states and nothing else ("Penalties of 512 million yuan were levied
    on 1,467 enterprises", "9,181 companies were fined a total of 466 million yuan" for "how many were fined,
    and how much?"): those words, quoted once."""
    kept: list[tuple[Finding, Finding | None]] = []
    for latest, earlier in rows:
        for i, (host, host_earlier) in enumerate(kept):
            words = _words_for_both(host, latest) if earlier is None and host_earlier is None else None
            if words is not None:
                kept[i] = (replace(host, text=words, verbatim=True), None)
                break
        else:
            kept.append((latest, earlier))
    return kept


def _words_for_both(first: Finding, second: Finding) -> str | None:
    """The words of one sentence that state both figures: a figure's own words or the first one's clause
    with no other number, else the clause a percentage is quoted in anyway ("of the 3,294 tasks the first
    round set, about 95 percent have been completed, as have half of the 1,227 ...")."""
    if first.fact is None or second.fact is None:
        return None
    if (first.doc_id, first.sentence) != (second.doc_id, second.sentence):
        return None
    phrases = (first.fact.figure.phrase, second.fact.figure.phrase)
    for words in (first.own, second.own, first.text, first.clause):
        if all(phrase in words for phrase in phrases):
            rest = without_dates(words)
            for phrase in phrases:
                rest = rest.replace(phrase, " ")
            if not _DIGIT.search(rest):
                return words
    quoted = [f.text for f in (first, second) if f.fact is not None and f.fact.figure.unit == "percent"]
    return next((words for words in quoted if all(phrase in words for phrase in phrases)), None)


def _distinct_figures(rows: list[tuple[Finding, Finding | None]]) -> list[tuple[Finding, Finding | None]]:
    """Drop a row whose figure another row already reports (one figure, one label)."""
    seen: set[tuple[str, int]] = set()
    kept = []
    for latest, earlier in rows:
        key = (latest.doc_id, latest.fact.figure.start if latest.fact else -1)
        if key in seen:
            continue
        seen.add(key)
        kept.append((latest, earlier))
    return kept
