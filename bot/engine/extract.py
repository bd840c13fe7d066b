"""Offline extraction: from retrieved passages to findings (a figure, a list, a date or a sentence) that
answer a question, each tied to the verbatim sentence span that supports it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from bot.engine.evidence import (
    DATE_RE,
    DATELINE,
    DATELINE_LEAD,
    Corpus,
    DocumentView,
    TimePhrase,
)
from bot.engine.free_figures import (
    Asked,
    asked_of,
    fits,
    glossed_names,
    list_entry,
    names_head,
    names_in,
    real_metrics,
    thing_fit,
)
from bot.engine.question import DURATION_QUESTION, TIME_UNIT, YEAR_QUESTION, Question
from bot.engine.words import content_terms, stem
from index.facts.figures import FigureFact
from index.facts.metrics import DETAILS, METRIC_BY_ID, detail_of, noun_class, word_set
from index.meta.calendar import Calendar
from index.meta.datelines import find_dateline
from index.meta.events import TRIGGERS
from index.meta.gazetteer import CENTRAL_ENTERPRISES, PROVINCES, find_provinces
from index.meta.periods import relative_years
from index.meta.scopes import scope_matches
from index.models import InspectionScope
from index.search import Hit
from index.text.chinese import fold, language_of

NEIGHBOUR_PENALTY = 1  # rank added to sentences next to a retrieved passage
MIN_LIST_ITEMS = 2
MAX_CLAUSE_CHARS = 160  # a longer clause answering "when" is cut down to its date
MAX_QUANTITY_SCORE = 5.0  # worse figures are not evidence
LOCAL_SCORE = 1.5  # added to one province's figure when the question asks about no one place
FREE_WORD_SCORE = 0.5  # taken from a free figure's score per word of the asked thing its own words say
_DATE_SPAN = re.compile(
    rf"(?:(?:from|between)\s+)?{DATE_RE}(?:\s*(?:to|until|till|and|-|–)\s*(?:{DATE_RE}|\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"(?:,?\s+(?:19|20)\d\d\b)?))?"
    rf"|\b(?:on|in|since|until|till|by)\s+{DATE_RE}|\b(?:in|since)\s+(?:19|20)\d\d\b"
    r"|(?:(?:19|20)\d\d年)?\d{1,2}月\d{1,2}日(?:\s*[至到—－~-]\s*(?:(?:(?:19|20)\d\d年)?\d{1,2}月)?\d{1,2}日)?",
    re.IGNORECASE,
)  # "2021年8月26日至8月31日", "11月21日至22日"
_NAME = re.compile(
    r"\b(?:led|headed|chaired|presided over|hosted)\s+by\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2}"
    r"|\b(?:[Rr]eporter|[Ss]pokes(?:person|man|woman)|[Dd]irector|[Mm]inister|[Ss]ecretary|[Hh]ead|[Ll]eader)\s+"
    r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2}"
    r"|\b[A-Z][a-z]+\s+[A-Z][a-z]+(?:,[^,]{3,80},)?\s+(?:told|said|says|announced|stated|added|noted)\b"
    r"|\b[A-Z][a-z]+\s+[A-Z][a-z]+(?:,[^,]{3,80},)?\s+(?:heads|headed|leads|led|chairs|chaired)\b"
    r"|\([A-Z][a-z]+\s+[A-Z][a-z]+\)"
)
_DURATION = re.compile(
    r"\b(?:for|last|lasts|lasted|lasting|took|takes|spent|is|was|be|within|in)\s+"
    r"(?:about\s+|around\s+|nearly\s+|more than\s+|over\s+|some\s+)?"
    r"(?:a|an|one|two|three|four|five|six|\d+|several|half a)\s+(?:(?:working|calendar|natural)\s+)?"
    r"(?:days?|weeks?|months?|years?)\b"
    r"|\blasted until\b[^,;.]*"
    r"|\b(?:(?:a|one|two|three|four|five|six|\d+)[\s-]+)?(?:day|week|month|year)-long\b"  # "month-long stay"
    r"|\d+\s*个?(?:工作日|自然日|天|个月|月|年)内?"  # "45个工作日内"
    # in Chinese numerals: "两周左右", "一个月左右", "半个月"
    r"|(?<![\d〇一二三四五六七八九十])[一二两三四五六七八九十半](?:个(?:工作日|自然日|月|星期)|周|天|年)(?:左右|内)?",
    re.IGNORECASE,
)
_DURATION_UNIT = re.compile(r"\b(day|week|month|year)s?\b", re.IGNORECASE)
UNIT_SCORES = {"asked": -1.0, "other": 1.0, "any": 0.0}  # "how many days": a duration in days first


def _unit_fit(question: str, clause: str) -> float:
    """The score for a duration's unit: the one the question asks ("within how many days") or another."""
    asked = re.search(r"\bhow many (day|week|month|year)s?\b", question, re.IGNORECASE)
    if asked is None:
        return UNIT_SCORES["any"]
    units = {m.lower() for m in _DURATION_UNIT.findall(clause)}
    return UNIT_SCORES["asked" if asked.group(1).lower() in units else "other"]


_DEADLINE = re.compile(r"\bwithin\b|\bno later than\b|(?:日|天|月|年|周)内", re.IGNORECASE)
DEADLINE_SCORE = 1.5  # "how long does the plan run": its length ("runs for three years"), not a deadline


def _deadline_fit(question: str, clause: str) -> float:
    """The score for a duration that is a deadline ("within 30 working days") when the question asks for
    no deadline, and for one that is none when it does ("within how many days")."""
    return 0.0 if bool(_DEADLINE.search(question)) == bool(_DEADLINE.search(clause)) else DEADLINE_SCORE


_PRONOUN_SAID = re.compile(
    r"\b(?:he|she)\s+(?:said|says|added|stressed|noted|told)\b|\b(?:said|added|stressed|noted)\s+(?:he|she)\b",
    re.IGNORECASE,
)


def _speaker(view: DocumentView, i: int, text: str) -> int | None:
    """For a quote attributed to "he" or "she", the sentence just before that names the speaker."""
    if i == 0 or _NAME.search(text) or not _PRONOUN_SAID.search(text):
        return None
    return i - 1 if _NAME.search(view.sentence_text(i - 1)) else None


# a year, not a figure glued to its Chinese counter ("2019年" is one, "立案处罚1901家" is not)
_YEAR = re.compile(r"(?<!\d)(?<!\d\.)((?:19|20)\d\d)(?!\.?\d)(?!(?!年)[\u3400-\u9fff])")
# what dates an event for a year question: a date, or a year alone ("2022年对…开展“回头看”")
_YEAR_SPAN = re.compile(rf"{_DATE_SPAN.pattern}|{_YEAR.pattern}", re.IGNORECASE)
_WRITER_QUESTION = re.compile(
    r"\bwr[io]te\b|\breport(?:ed|er)\b|\bauthor|\bbyline\b|\bjournalist", re.IGNORECASE
)
_AS_OF_QUESTION = re.compile(r"\bas of\b|\bup to what\b|\bcounted\b|截至", re.IGNORECASE)
_PUBLISHED_QUESTION = re.compile(
    r"\bpublish|\bdated\b|\bwhen (?:was|did) (?:the|this|that) (?:article|report|story|piece)\b",
    re.IGNORECASE,
)
# How a "when" question names the event it asks the date of (the articles' words: index.meta.events.TRIGGERS)
_EVENT_QUESTIONS = {
    "feedback": re.compile(
        r"\bfeedback\b|\bfe[ed] back\b|\breport(?:ed)? (?:back|(?:its|their|the) findings)|\bfindings\b|反馈",
        re.IGNORECASE,
    ),
    "stationed": re.compile(
        r"\bstation|\barriv|\benter|\bsent\b|\bdispatch|\bdeploy|\bbegin|\bbegan|\bstart|\blaunch|\bkick"
        r"|\binspected\b|\bcarr(?:y|ied) out\b|进驻",
        re.IGNORECASE,
    ),
}
_END_QUESTION = re.compile(
    r"\buntil\b|\btill\b|\bend(?:ed|s)?\b|\bfinish|\bcomplet|\bconclud|\bwrap", re.IGNORECASE
)
# the end of a stay, for "when did the stationing end" (asked_event gives no event for an end)
_END_WORDS = re.compile(r"\b(?:complet|finish|ended\b|end\b|conclud|wrap|until\b|till\b)", re.IGNORECASE)
# the words before the day of an announcement ("announced on September 27", "said on Monday")
_ANNOUNCED = re.compile(
    r"\b(?:announced|said|told|reported|stated|disclosed|revealed|briefed)(?:\s+(?!that\b)\w+){0,2}\s*$",
    re.IGNORECASE,
)
_RELATIVE_DAY = re.compile(
    r"\b(?:today|yesterday|this (?:morning|afternoon|evening)|(?:on|from|starting|beginning|since) (?:Monday"
    r"|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday))\b",
    re.IGNORECASE,
)
# Score added to a sentence by whether its date of the event agrees with the calendar's (a garbled
# translation's "from November 4 to 5, 2023" loses to another article's "November 21")
CALENDAR_SCORES = {"agrees": -2.0, "unknown": 0.0, "disagrees": 3.0}
AGREEING_DAYS = 3  # teams arrive over a few days
# Score added to a sentence by how it dates the event asked ("when were the teams stationed")
EVENT_SCORES = {"read": -3.0, "worded": -2.0, "none": 0.0, "other": 2.0}
_CLAUSE_SPLIT = re.compile(r";\s*|,\s+(?=(?:and|while|but)\b)")
_DURATION_SPLIT = re.compile(rf"{_CLAUSE_SPLIT.pattern}|；")  # "…约1个月；…两周左右": one per team
MAX_LOCAL_PLACES = 2  # more places than this in a sentence is a list of the inspection's places
_COMPARED_AMONG = re.compile(
    r"\b(?:of|among)\s+(?:all\s+)?the\s+(?:\w+\s+)?(?:provinces|regions|provincial regions|municipalities)\b",
    re.IGNORECASE,
)
# the rest of a company name after a known alias ("China Minmetals" + " Corp")
_NAME_TAIL = re.compile(r"(?:\s+(?:Corp\b\.?|Corporation|Group|Company|Limited|Holdings|Co\.,?\s*Ltd\.?))+")
_CONJUNCTION_EDGE = re.compile(
    r"^(?:and|while|but|with|[,，、])\s+|\s+(?:and|or|while|but|with|plus|as well as)$", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?。！？\"”’)]\s*$")
# Score added to a figure by the kind of its metric (index.facts.metrics.DETAILS: criminal or administrative
# detention) its own phrase names nearest, when the question asks one kind (None: not the figure asked)
KIND_SCORES: dict[str, float | None] = {"asked": -1.0, "unnamed": 0.5, "other": None}
# a superlative a question asks and a sentence states in words ("the most reports", "the fewest cases")
SUPERLATIVE = re.compile(
    r"\b(?:the\s+)?(?:most|fewest|least|largest|highest|lowest|biggest|smallest|heaviest)\b|最多|最少|最高|最低",
    re.IGNORECASE,
)
_FEWEST = re.compile(r"fewest|least|lowest|smallest|最少|最低", re.IGNORECASE)


def _polarity(superlative: str) -> str:
    """ "fewest" for a superlative of the least ("the fewest", "lowest", 最少), else "most"."""
    return "fewest" if _FEWEST.search(superlative) else "most"


# a relative clause naming an inspection by a case it found ("the inspection that exposed the Baiyin mine",
# "the batch in which tailings were found beside the Yellow River"): which inspection, not what is counted
_CASE_CLAUSE = re.compile(
    r"\b(?:inspections?|batch|round|teams?|inspectors|visit|stationing)\s+"
    r"(?:that|which|who|in which|during which|when|where)\s+[^,?]+",
    re.IGNORECASE,
)


def case_terms(question: str) -> set[str]:
    """The content terms of the clause by which a question names its inspection by a case, if any."""
    return {term for found in _CASE_CLAUSE.finditer(question) for term in content_terms(found.group(0))}


_LOWER_FIRST = word_set(
    "the a an its their it they this these those each all some in as during across after since by among of"
)


@dataclass(frozen=True)
class Sentence:
    """A candidate sentence: document, sentence index and best retrieval rank (1 = best)."""

    doc_id: str
    index: int
    rank: int


@dataclass
class Finding:
    """One piece of an answer: where it is said, what it is, and how well it fits."""

    doc_id: str
    sentence: int
    scope: InspectionScope
    span: tuple[int, int]  # quote offsets in the document text
    score: float  # lower is better
    order: str  # the report's time, for "latest first"
    metric: str | None = None
    fact: FigureFact | None = None
    time: TimePhrase | None = None
    text: str = ""  # a verbatim clause or date phrase, for clause answers
    verbatim: bool = False  # answer with ``text``: the clause holds several figures of the metric
    items: list[str] = field(default_factory=list)  # list answers
    places: tuple[str, ...] = ()  # the provinces the sentence is about, when fewer than its article's
    overlap: int = 0  # how many of the question's topical words the figure's surroundings share
    own: str = ""  # the figure's own words ("9,181 companies were fined a total of 466 million yuan")
    clause: str = ""  # its whole clause ("It fixed 2164 tasks in total, and 61% of them were done")


def candidate_sentences(hits: list[Hit], corpus: Corpus) -> list[Sentence]:
    """Sentences of the retrieved passages and their neighbours, best rank first."""
    best: dict[tuple[str, int], int] = {}
    for hit in hits:
        chunk = hit.chunk
        count = len(corpus.view(chunk.doc_id).document.sentences)
        for i in range(chunk.sentence_start, chunk.sentence_end):
            best[(chunk.doc_id, i)] = min(best.get((chunk.doc_id, i), hit.rank), hit.rank)
        for i in (chunk.sentence_start - 1, chunk.sentence_end):
            if 0 <= i < count:
                rank = hit.rank + NEIGHBOUR_PENALTY
                best[(chunk.doc_id, i)] = min(best.get((chunk.doc_id, i), rank), rank)
    return sorted(
        (Sentence(doc, i, rank) for (doc, i), rank in best.items()), key=lambda s: (s.rank, s.doc_id, s.index)
    )


class Extractor:
    """Finds the findings for one analysed question among candidate sentences."""

    def __init__(self, corpus: Corpus, calendar: Calendar | None = None) -> None:
        self.corpus = corpus
        self.calendar = calendar  # weighs the event dates articles give against the recorded ones

    # ------------------------------------------------------------------ filters
    def _in_scope(self, view: DocumentView, i: int, question: Question, wanted: InspectionScope) -> bool:
        if wanted != InspectionScope() and not scope_matches(view.scopes[i], wanted):
            return False
        if (
            question.year is not None
            and not self._year_ok(view, i, question.year, question.kind == "quantity")
            and not self._of_year(view.scopes[i], question.year)
        ):
            return False
        asked = wanted if wanted != InspectionScope() else question.scope
        entry = self.calendar.get(asked) if self.calendar is not None and question.provinces else None
        if question.provinces and not (entry is not None and entry.provinces == list(question.provinces)):
            # (the pilot's Hebei is the whole pilot: its sentences need not name Hebei)
            named = set(view.places[i]) or set(
                view.document.meta.provinces if len(view.document.meta.provinces) == 1 else ()
            )
            if not named & set(question.provinces):
                return False
            if (
                question.kind == "quantity"
                and not named <= set(question.provinces)
                and not _placed(view, i, question)
            ):
                return False  # a figure for several provinces is not the figure of the one asked about
            if question.kind == "quantity" and not view.places[i] and view.many_places(view.sentence_text(i)):
                return False  # "The provinces filed ...": not the figure of the one province asked
        if question.entities and not view.mentions(i, question.entities):
            return False  # "in the Corps", "at the Jinchangyu mine": only passages about it
        if question.enterprises:
            named = set(view.enterprises[i]) or set(
                view.document.meta.enterprises if len(view.document.meta.enterprises) == 1 else ()
            )
            if not named & set(question.enterprises):
                return False
        return True

    def _of_year(self, scope: InspectionScope, year: int) -> bool:
        """True when ``scope`` is an inspection at work in ``year`` (the calendar's): its sentences are of
        that year whatever their article's date ("the second group ... held 1,048 accountable", 2018)."""
        entry = self.calendar.get(scope) if self.calendar is not None else None
        return entry is not None and entry.stationed_from.year <= year <= entry.stationing_end.year

    @staticmethod
    def _year_ok(view: DocumentView, i: int, year: int, strict: bool) -> bool:
        """The sentence names the year asked, or its article is of that year; ``strict`` (for figures): a
        sentence naming only other years ("from late April 2017") is not of the year asked."""
        meta = view.document.meta
        years = {meta.date.year if meta.date else None, int(meta.as_of[:4]) if meta.as_of else None}
        text = view.sentence_text(i)  # "at the end of last year" in an article of 2017 names 2016
        named = {int(y) for y in _YEAR.findall(text)} | relative_years(text, meta.date)
        return year in named or (year in years and not (strict and named))

    def _span(self, view: DocumentView, i: int, time: TimePhrase | None) -> tuple[int, int]:
        start, end = view.document.sentences[i]
        if time is not None and time.sentence < i:
            start = view.document.sentences[time.sentence][0]
        return start, end

    def _finding(
        self, view: DocumentView, sentence: Sentence, score: float, scope: InspectionScope, **values: object
    ) -> Finding:
        time = view.time_phrase(sentence.index)
        return Finding(
            doc_id=sentence.doc_id,
            sentence=sentence.index,
            scope=scope,
            span=self._span(view, sentence.index, time),
            score=score,
            order=view.order_at(sentence.index),
            time=time,
            places=_local_places(view, sentence.index),
            **values,  # type: ignore[arg-type]
        )

    def _scope_penalty(self, scope: InspectionScope, wanted: InspectionScope) -> float:
        """Prefer figures about exactly the inspection asked for over figures about a part of it."""
        if wanted == InspectionScope():
            return 0.0
        return 0.0 if scope == wanted else 0.5

    # ------------------------------------------------------------------ quantities
    def quantities(
        self, question: Question, sentences: list[Sentence], wanted: InspectionScope
    ) -> list[Finding]:
        """Every figure that may answer a quantity question, scored; one list over all asked metrics.

        Without a metric (or when no figure of the asked metric is found but the question names what it
        counts), figures whose surroundings share most of the question's specific words are taken.
        """
        asked = asked_of(question)
        findings = [
            f
            for f in self._quantities(question, sentences, wanted, by_metric=True)
            if f.score <= MAX_QUANTITY_SCORE
            and (
                not asked.constrained
                or (f.fact is not None and fits(asked, self.corpus.view(f.doc_id), f.sentence, f.fact))
            )
        ]
        entries = bool(question.provinces or question.enterprises) and bool(real_metrics(question))
        if not findings and (entries or (asked.free and (asked.constrained or not real_metrics(question)))):
            findings = self._free_figures(question, asked, sentences, wanted)
            if findings or asked.constrained:
                return findings  # a city's, an outcome's or a batch's figure, else none: never the total
        if not findings and (not question.metrics or question.noun):
            findings = [
                f
                for f in self._quantities(question, sentences, wanted, by_metric=False)
                if not asked.head
                or names_head(asked, self.corpus.view(f.doc_id).text[f.fact.clause[0] : f.fact.clause[1]])
            ]
        return findings

    def _free_figures(
        self, question: Question, asked: Asked, sentences: list[Sentence], wanted: InspectionScope
    ) -> list[Finding]:
        """The figures of the thing, city, outcome or batch of reports asked (``bot.engine.free_figures``),
        or a place's entry of a list of the metric asked, answered in their own words, those saying most of
        the asked thing first. A city or a name the
        glossary knows is found by its words in either language ("Taiyuan" for 太原市, "Yangtze" 长江)."""
        glossed = glossed_names(question, asked)
        metrics = real_metrics(question)
        question = replace(question, entities=question.entities - glossed)
        findings = []
        for sentence in sentences:
            view = self.corpus.view(sentence.doc_id)
            if not self._in_scope(view, sentence.index, question, InspectionScope()):
                continue
            if not names_in(view, glossed):
                continue
            scopes = view.figure_scopes(sentence.index)
            for position, (fact, scope) in enumerate(zip(view.facts(sentence.index), scopes, strict=True)):
                if wanted != InspectionScope() and not scope_matches(scope, wanted):
                    continue
                if not _own_place_fits(view, sentence.index, position, question):
                    continue
                if not fits(asked, view, sentence.index, fact):
                    continue
                if metrics and fact.costs and not set(fact.costs) & set(metrics):
                    continue  # a figure of another metric ("累计转交1427件" for the reports closed)
                if metrics and not asked.constrained:  # "with Shanxi at 88 million yuan and Hunan at ..."
                    said = 0 if list_entry(view, sentence.index, position, metrics) else None
                else:
                    said = thing_fit(asked, view, sentence.index, fact)
                if said is None:
                    continue
                score = (
                    0.25 * (sentence.rank - 1) - FREE_WORD_SCORE * said + self._scope_penalty(scope, wanted)
                )
                own = _own_words(view.text[fact.own[0] : fact.own[1]])
                findings.append(
                    self._finding(view, sentence, score, scope, fact=fact, text=own, overlap=said)
                )
        return sorted(findings, key=lambda f: f.score)

    def _quantities(
        self, question: Question, sentences: list[Sentence], wanted: InspectionScope, *, by_metric: bool
    ) -> list[Finding]:
        findings = []
        terms = set(question.topical if by_metric or question.metrics else question.specific)
        terms -= case_terms(question.text)  # "the batch that found tailings ...": which batch, not the figure
        needed = max(1, (len(terms) + 1) // 2)
        for sentence in sentences:
            view = self.corpus.view(sentence.doc_id)
            if not self._in_scope(view, sentence.index, question, InspectionScope()):
                continue
            facts = view.facts(sentence.index)
            stats = sum(1 for fact in facts if fact.costs)
            scopes = view.figure_scopes(sentence.index)
            for position, (fact, scope) in enumerate(zip(facts, scopes, strict=True)):
                if wanted != InspectionScope() and not scope_matches(scope, wanted):
                    continue  # a figure of another batch than the one asked, even in the same sentence
                if not _own_place_fits(view, sentence.index, position, question):
                    continue  # "山西868人、辽宁724人": Liaoning's figure is not Shanxi's
                window = view.text[fact.window[0] : fact.window[1]]
                overlap = len(terms & set(content_terms(window)))
                own = len(terms & set(content_terms(view.text[fact.own[0] : fact.own[1]])))
                base = 0.25 * (sentence.rank - 1) + (0.5 if stats < 2 else 0.0) - 0.3 * min(own, 2)
                base += self._scope_penalty(scope, wanted)
                clause = _clause(view.text, fact.clause, fact.figure.start)
                if not by_metric:
                    fits = not question.noun or (
                        (fact.figure.unit is None or _in_unit_asked(fact.figure.unit, question))
                        and _compatible(question.noun, fact.noun_class or _measure_class(fact.figure.unit))
                        and _qualified(question, fact.noun, view.paragraph_terms[sentence.index])
                    )
                    if question.counted and not question.noun:  # "how many working days": counted so
                        fits = _head(fact.noun) == question.counted
                    if fits and question.noun:  # the thing counted is named: the clause may say the rest
                        clause_text = view.text[fact.clause[0] : fact.clause[1]]
                        overlap = max(overlap, len(terms & set(content_terms(clause_text))))
                    if question.metrics and not _mentions_metric(
                        view.text[fact.clause[0] : fact.clause[1]], question
                    ):
                        continue  # a figure with nothing of the asked metric next to it answers nothing
                    if fits and overlap >= needed and not _counts_something_else(fact, question):
                        findings.append(
                            self._finding(
                                view, sentence, base + 1.0, scope, fact=fact, text=clause, overlap=overlap
                            )
                        )
                    continue
                for metric in question.metrics:
                    if metric == "percent" and not question.percent_of and not overlap:
                        continue  # a percentage of what the question names, not any percentage
                    if METRIC_BY_ID[metric].noun_metric and not _qualified(
                        question, fact.noun, view.paragraph_terms[sentence.index]
                    ):
                        continue  # "how many gold mines ...": a count of those, not of any mines
                    cost = metric_cost(metric, fact, question)
                    at = (fact.figure.start, fact.figure.end)
                    fit, (start, end) = kind_fit(metric, view.text, fact.own, at, question.text)
                    kind_score = KIND_SCORES[fit] if fit else 0.0
                    if cost is None or kind_score is None:
                        continue  # "how many were criminally detained": not the administrative detentions
                    # the figure of the kind asked is answered in its own words, which name the kind
                    words = _own_words(view.text[start:end]) if fit == "asked" else ""
                    same = words and language_of(words) == language_of(question.text)
                    own_start, own_end = _joined_own(view, sentence.index, fact)
                    own_words = _own_words(view.text[own_start:own_end])
                    findings.append(
                        self._finding(
                            view,
                            sentence,
                            cost + base + kind_score,
                            scope,
                            metric=metric,
                            fact=fact,
                            text=words if same else _answer_words(view, sentence.index, fact, metric, clause),
                            verbatim=bool(same),
                            overlap=overlap,
                            own=own_words,
                            clause=view.text[fact.clause[0] : fact.clause[1]].strip().rstrip(".,;"),
                        )
                    )
                    placed = view.figure_places(sentence.index)[position]  # "甘肃省问责218人，其中…33人"
                    if placed is not None and placed[1] == "province" and not findings[-1].places:
                        findings[-1].places = (placed[0],)  # the province's figure, not the inspection's
        if not question.provinces and not question.enterprises:
            for finding in findings:  # the whole inspection asked: one province's figure is only a part
                finding.score += LOCAL_SCORE if finding.places else 0.0
        return sorted(findings, key=lambda f: f.score)

    # ------------------------------------------------------------------ lists
    def lists(self, question: Question, sentences: list[Sentence], wanted: InspectionScope) -> list[Finding]:
        """Sentences naming provinces or enterprises, the fullest first; for a superlative with no figure
        asked ("which province had the most reports") the sentence that words it, and where no list names
        what is asked ("which company was found ...", "which province did the Fifth Group go to") the
        sentence that names it (a clause answer, with no items)."""
        asked = SUPERLATIVE.search(question.text)
        if asked:  # a list of places does not say which of them had the most
            words = set(question.specific) - set(content_terms(asked.group(0)))
            return [
                f
                for f in self.clauses(question, sentences, wanted)
                if (stated := SUPERLATIVE.search(f.text)) is not None
                and _polarity(stated.group(0)) == _polarity(asked.group(0))
                and words & set(content_terms(f.text))
            ]
        listed = self._lists(question, sentences, wanted)
        if listed:
            return listed
        return [f for f in self.clauses(question, sentences, wanted) if f.overlap]

    def _lists(self, question: Question, sentences: list[Sentence], wanted: InspectionScope) -> list[Finding]:
        findings = []
        for sentence in sentences:
            view = self.corpus.view(sentence.doc_id)
            if not self._in_scope(view, sentence.index, question, InspectionScope()) or (
                wanted != InspectionScope() and not scope_matches(view.scopes[sentence.index], wanted)
            ):
                continue
            text = view.sentence_text(sentence.index)
            if DATELINE.match(text):
                continue
            names = [
                _surface(name, text)
                for name in view.names(sentence.index, question.list_target or "provinces")
                if name not in question.provinces or question.list_target != "provinces"
            ]
            if len(names) < MIN_LIST_ITEMS and not (names and question.list_target == "enterprises"):
                continue
            score = -1.0 * len(names) + 0.25 * (sentence.rank - 1)
            start, end = view.document.sentences[sentence.index]
            findings.append(
                Finding(
                    sentence.doc_id,
                    sentence.index,
                    view.scopes[sentence.index],
                    (start, end),
                    score,
                    view.order_key(),
                    items=names,
                )
            )
        return sorted(findings, key=lambda f: f.score)

    # ------------------------------------------------------------------ dates, names, sentences
    def clauses(
        self, question: Question, sentences: list[Sentence], wanted: InspectionScope
    ) -> list[Finding]:
        """Sentences answering a when / who / other question with the clause that matters, best first."""
        as_of = question.kind == "when" and bool(_AS_OF_QUESTION.search(question.text))
        if question.kind == "who" or as_of:  # bylines, names and as-of times sit anywhere in an article
            sentences = self._whole_documents(sentences)
        findings = []
        terms = set(question.specific)
        named = question.provinces or question.entities  # "what happened in Shangrao": the place is the topic
        needed = max(1, (len(terms) + 1) // 2) if terms or (wanted == InspectionScope() and not named) else 0
        stated: set[tuple[str, int]] = set()  # sentences stating an "as of" time
        duration = question.kind == "when" and bool(
            DURATION_QUESTION.search(question.text) or TIME_UNIT.match(question.counted)
        )
        event = asked_event(question.text) if question.kind == "when" and not as_of else None
        published = question.kind == "when" and bool(_PUBLISHED_QUESTION.search(question.text))
        dates = _YEAR_SPAN if question.kind == "when" and YEAR_QUESTION.search(question.text) else _DATE_SPAN
        for sentence in sentences:
            view = self.corpus.view(sentence.doc_id)
            if not self._in_scope(view, sentence.index, question, wanted):
                continue
            text = view.sentence_text(sentence.index)
            if DATELINE.match(text):
                continue
            if question.kind == "when" and _bare_headline(view, sentence.index):
                continue  # a related link's headline dates another article's event, not this one's
            if question.kind == "when" and not published:  # the dateline dates the article, not an event
                text = _after_masthead(view, sentence.index)
                if not text:
                    continue
            overlap = len(terms & set(content_terms(text)))
            score = 0.25 * (sentence.rank - 1) - 1.0 * overlap
            if event is not None:
                fit = _event_fit(view, sentence.index, text, event)
                if duration and fit == "read" and not _spans_event(view, sentence.index, event):
                    fit = "worded"  # a start date alone ("began on Monday") says no duration
                score += EVENT_SCORES[fit] + CALENDAR_SCORES[self._agreement(view, sentence.index, event)]
                overlap = max(overlap, 1) if fit != "other" else overlap
            if question.provinces and set(view.places[sentence.index]) <= set(question.provinces):
                score -= 1.0  # about the place asked, not one of a list of places
            if question.kind == "when":
                if as_of and view.time_phrase(sentence.index) is not None:
                    time = view.time_phrase(sentence.index)
                    assert time is not None
                    if time.kind != "as_of" or time.sentence != sentence.index:
                        continue
                    clause, score = time.when, score - 2.0
                    stated.add((sentence.doc_id, sentence.index))
                elif (
                    event in view.event_kinds(sentence.index)
                    and not _DATE_SPAN.search(text)
                    and not _RELATIVE_DAY.search(text)
                    and _DATE_SPAN.search(view.sentence_text(sentence.index))
                ):  # "中新网北京9月13日电 截至13日下午…反馈": its dateline dates the event it reports
                    clause = view.sentence_text(sentence.index)
                elif not dates.search(text) and not (duration and _DURATION.search(text)):
                    dated = _relative_to_dateline(view, sentence.index, text, event)
                    if dated is None:
                        continue
                    clause, time = dated
                    start = view.document.sentences[time.sentence][0]
                    findings.append(
                        Finding(
                            sentence.doc_id,
                            sentence.index,
                            view.scopes[sentence.index],
                            (start, view.document.sentences[sentence.index][1]),
                            score,
                            view.order_key(),
                            time=time,
                            text=clause,
                            places=_local_places(view, sentence.index),
                            overlap=overlap,
                        )
                    )
                    continue
                elif duration and _DURATION.search(text):
                    clause = _best_clause(text, terms, require=_DURATION, split=_DURATION_SPLIT)
                    score -= 2.0
                    score += _unit_fit(question.text, clause) + _deadline_fit(question.text, clause)
                else:
                    clause = _best_clause(text, terms, require=dates, near=TRIGGERS.get(event or ""))
                    if len(clause) > MAX_CLAUSE_CHARS:
                        ending = _END_WORDS if _END_QUESTION.search(question.text) else None
                        clause = _date_in(clause, TRIGGERS.get(event or "") or ending)
                    if not overlap:
                        if wanted == InspectionScope():
                            continue
                        score += 1.5
            elif (
                question.kind == "who"
                and not _WRITER_QUESTION.search(question.text)
                and not _after_masthead(view, sentence.index)
            ):
                continue  # a byline names who wrote the article, not who led or holds a post
            elif question.kind == "who" and _NAME.search(text):
                clause, score = _best_clause(text, terms, require=_NAME), score - 2.0
            else:
                if overlap < needed:
                    continue
                clause = text
            start, end = view.document.sentences[sentence.index]
            speaker = _speaker(view, sentence.index, text) if question.kind == "who" else None
            if speaker is not None:  # '"...," he said.': the sentence before names who says it
                start, clause, score = (
                    view.document.sentences[speaker][0],
                    f"{view.sentence_text(speaker)} {text}",
                    score - 2.0,
                )
            findings.append(
                Finding(
                    sentence.doc_id,
                    sentence.index,
                    view.scopes[sentence.index],
                    (start, end),
                    score,
                    view.order_key(),
                    text=clause,
                    places=_local_places(view, sentence.index),
                    overlap=overlap,
                )
            )
        if stated:  # "as of what date": the time the figures are stated as of, not any other date
            findings = [f for f in findings if (f.doc_id, f.sentence) in stated]
        if question.kind == "when" and any(f.overlap for f in findings):
            # "when was feedback given": a date in a sentence about the event, not any other date
            findings = [f for f in findings if f.overlap]
        return sorted(findings, key=lambda f: f.score)

    def _agreement(self, view: DocumentView, i: int, event: str) -> str:
        """Whether the date sentence ``i`` gives the asked event agrees with the calendar's for its
        inspection ("agrees", "disagrees", "unknown"): of several articles' dates, the recorded one wins."""
        recorded = self.calendar.get(view.scopes[i]) if self.calendar is not None else None
        when = (recorded.stationed_from if event == "stationed" else recorded.feedback) if recorded else None
        start, end = view.document.sentences[i]
        stated = [
            e.start
            for e in view.document.meta.events
            if e.kind == event and e.span[0] < end and start < e.span[1]
        ]
        if not stated and _RELATIVE_DAY.search(view.sentence_text(i)) and view.document.meta.date is not None:
            stated = [view.document.meta.date]  # "from today", in an article of that date
        if when is None or not stated:
            return "unknown"
        return "agrees" if any(abs((day - when).days) <= AGREEING_DAYS for day in stated) else "disagrees"

    def _whole_documents(self, sentences: list[Sentence]) -> list[Sentence]:
        """Every sentence of the retrieved documents (bylines and names sit anywhere), ranked by document."""
        best: dict[str, int] = {}
        for sentence in sentences:
            best[sentence.doc_id] = min(best.get(sentence.doc_id, sentence.rank), sentence.rank)
        ranks = {(s.doc_id, s.index): s.rank for s in sentences}
        every = []
        for doc_id, rank in best.items():
            for i in range(len(self.corpus.view(doc_id).document.sentences)):
                every.append(Sentence(doc_id, i, ranks.get((doc_id, i), rank + NEIGHBOUR_PENALTY)))
        return every


_PILOT_PLACE = re.compile(r"\b(?:[A-Z][a-z]+\s+)?pilot\b[^,.;]{0,40}", re.IGNORECASE)


def _about_one_province(view: DocumentView) -> bool:
    """An article on one province's part in a batch or round: it names one province, in its title or lead
    sentence (not merely as an example further down), and is not the single-province pilot."""
    meta = view.document.meta
    if len(meta.provinces) != 1 or meta.scope.phase == "pilot":
        return False
    lead = " ".join(view.sentence_text(i) for i in range(min(2, len(view.document.sentences))))  # + dateline
    lead = _PILOT_PLACE.sub("", lead)  # "the first round, which began with a pilot in Hebei": background
    title = _PILOT_PLACE.sub("", meta.title)
    if meta.provinces[0] in title or meta.provinces[0] in lead:
        return True
    chinese = f"{title} {lead}"  # "湖北日报讯 …向我省交办": the province by its Chinese name
    return language_of(chinese) != "en" and meta.provinces[0] in find_provinces(chinese)


def _local_places(view: DocumentView, i: int) -> tuple[str, ...]:
    """The provinces sentence ``i`` is about, if that is only part of what its inspection covers: places it
    names that are fewer than its article's, or, in an article about one province's part in a batch or
    round, that province (its figures are the province's, not the inspection's)."""
    places = view.places[i]
    if places and i and not view.names(i, "provinces") and view.many_places(view.sentence_text(i - 1)):
        return ()  # "31 provinces, the Xinjiang Corps and 6 enterprises ... It fixed 2164 tasks": all of them
    meta = view.document.meta
    covered = set(meta.provinces) or view.inspected(i)
    text = _COMPARED_AMONG.sub(
        "", view.sentence_text(i)
    )  # "Liaoning had the most, 481, of the seven regions"
    if _about_one_province(view) and set(places) <= covered and not view.many_places(text):
        return tuple(covered)
    local = places and len(places) <= MAX_LOCAL_PLACES and len(places) < len(covered)
    return places if local and not view.many_places(text) else ()


def metric_cost(metric_id: str, fact: FigureFact, question: Question) -> float | None:
    """How well ``fact`` reports ``metric_id`` (lower is better), or None if it does not."""
    metric = METRIC_BY_ID[metric_id]
    unit = fact.figure.unit
    if metric.unit is not None:
        if unit != metric.unit:
            return None
        if metric.cue is not None:
            return fact.costs.get(metric.id)
        if question.percent_of and not any(m in fact.costs for m in question.percent_of):
            return None
        return 0.5
    if unit is not None:
        return None
    if metric.noun_metric is not None:
        if fact.noun_class != metric.noun_metric:
            return None
        return (0.5 if fact.costs else 0.0) + (1.0 if fact.whole else 0.0)
    cost = fact.costs.get(metric.id)
    if cost is None or cost > fact.best_cost() + 1.0:
        return None
    if any(fact.costs.get(rival, float("inf")) < cost for rival in metric.rivals):
        return None  # "59 cases were filed for investigation" after "filed and punished": not punishment
    if metric.nouns and fact.noun_class not in metric.nouns:
        return None
    # "how many cases / companies were penalised": punishment is counted in cases or in companies
    generic_cases = question.noun in ("reports", "enterprises", "units") and metric.id in (
        "punishment",
        "investigation",
    )
    if (
        question.noun
        and fact.noun_class
        and not generic_cases
        and not _compatible(question.noun, fact.noun_class)
    ):
        return None
    return cost + (0.5 if cost > fact.best_cost() else 0.0) + (1.0 if fact.whole else 0.0)


def asked_kinds(metric: str, question: str) -> frozenset[str]:
    """The kinds of ``metric`` (``index.facts.metrics.DETAILS``: "criminal" and "administrative" detention)
    the question names ("criminal" in "how many were criminally detained", 行政 in 行政拘留多少人)."""
    folded = fold(question)
    return frozenset(kind for kind, pattern in DETAILS.get(metric, ()) if pattern.search(folded))


def kind_fit(
    metric: str, text: str, own: tuple[int, int], figure: tuple[int, int], question: str
) -> tuple[str, tuple[int, int]]:
    """How a figure (at ``figure`` in ``text``) fits the kind of ``metric`` the question names, by the kind
    its own phrase (``own``) names nearest to it (``index.facts.metrics.detail_of``): "asked", "other"
    (another kind: "70 under administrative detention as well as 68 under criminal detention" for 68),
    "unnamed" (none, or both joined: a total); "" when the question names no kind, or both. With it, the
    span of the words that name the figure and its kind (from the figure on when the kind follows it)."""
    asked = asked_kinds(metric, question)
    if len(asked) != 1:  # none asked, or both ("行政拘留和刑事拘留各有多少人"): every figure of the metric
        return "", own
    folded = fold(text[own[0] : own[1]])
    at = (figure[0] - own[0], figure[1] - own[0])
    kind = detail_of(metric, folded, at)
    if kind is None:
        return "unnamed", own
    pattern = dict(DETAILS[metric])[kind]
    follows = any(m.start() >= at[1] for m in pattern.finditer(folded)) and not any(
        m.end() <= at[0] for m in pattern.finditer(folded)
    )
    return ("asked" if kind in asked else "other"), ((figure[0], own[1]) if follows else own)


def _joined_own(view: DocumentView, i: int, fact: FigureFact) -> tuple[int, int]:
    """A figure's own span joined with those of the figures of sentence ``i`` it overlaps ("9,181 companies
    were fined a collective total of" and "companies were fined a collective total of 466 million yuan")."""
    start, end = fact.own
    for other in view.facts(i):
        if other.own[0] < end and start < other.own[1]:
            start, end = min(start, other.own[0]), max(end, other.own[1])
    return start, end


def _answer_words(view: DocumentView, i: int, fact: FigureFact, metric: str, clause: str) -> str:
    """The words an answer quotes for ``fact`` when it does not phrase it: its clause, or its own words when
    the clause also reports figures of other metrics, none of its own, and the own words say the metric
    ("... has punished more than 2,500 firms" out of "... has punished more than 2,500 firms and detained 95
    people in ..."; not "行政拘留130人" out of "立案侦查131件，行政拘留130人，刑事拘留113人")."""
    cue = METRIC_BY_ID[metric].cue
    start, end = _joined_own(view, i, fact)
    own = view.text[start:end]
    if cue is None or not cue.search(fold(own)):
        return clause
    metrics = [
        min(other.costs, key=other.costs.__getitem__)
        for other in view.facts(i)
        if other is not fact
        and fact.clause[0] <= other.figure.start < fact.clause[1]
        and not start <= other.figure.start < end
        and other.costs
    ]
    return _own_words(own) if metrics and metric not in metrics else clause


def _own_words(phrase: str) -> str:
    """A figure's own phrase as a clause of the answer: trimmed of the separators around it."""
    return _CONJUNCTION_EDGE.sub("", phrase.strip().rstrip(".,;:，、；。")).strip()


def _qualified(question: Question, noun: str, paragraph: frozenset[str]) -> bool:
    """True when the counted ``noun``, or the paragraph it is counted in, has at least half of the words
    that qualify the one the question counts ("gold mines" is not "central enterprises"; "the plan lists
    46 tasks" in a paragraph on rectification counts rectification tasks)."""
    wanted = set(question.modifiers)
    return len(wanted & (set(content_terms(noun)) | paragraph)) * 2 >= len(wanted)


def _head(noun: str) -> str:
    """The stem of the last word of a counted noun phrase ("day" of "working days")."""
    words = re.findall(r"[A-Za-z]+", noun)
    return stem(words[-1]) if words else ""


def _counts_something_else(fact: FigureFact, question: Question) -> bool:
    """True when the figure clearly counts another metric than the ones asked ("1,165 cases for punishment"
    when investigations are asked)."""
    clear = {metric for metric, cost in fact.costs.items() if cost <= 1.0}
    return bool(question.metrics) and bool(clear) and not clear & set(question.metrics)


def _mentions_metric(clause: str, question: Question) -> bool:
    """True when a figure's clause words one of the asked metrics the way questions ask for it
    ("detained" in the clause of "73 officials" for a question on detentions; 處罰 as 处罚)."""
    folded = fold(clause)
    return any(METRIC_BY_ID[metric].question.search(folded) for metric in question.metrics)


def _placed(view: DocumentView, i: int, question: Question) -> bool:
    """True when sentence ``i`` lists places figure by figure and gives one of the asked provinces its own
    figure ("第一轮第三批……湖南问责1282人、……")."""
    return any(place is not None and place[0] in question.provinces for place in view.figure_places(i))


def _own_place_fits(view: DocumentView, i: int, position: int, question: Question) -> bool:
    """False for a figure (the ``position``-th of sentence ``i``) that the sentence gives to another place
    than the one asked about, and for a figure with no place of its own in a sentence on several places
    when one province is asked."""
    if not question.provinces and not question.enterprises:
        return True
    place = view.figure_places(i)[position]
    if place is not None:
        return place[0] in question.provinces or place[0] in question.enterprises
    named = set(view.places[i])
    return not (question.provinces and named - set(question.provinces) and _placed(view, i, question))


# the same measure under two spellings ("tons" and "tonnes", "meters" and "metres")
_UNIT_SPELLINGS = {"tonn": "ton", "tons": "ton", "tonne": "ton", "metr": "meter", "metre": "meter"}


def _unit_head(word: str) -> str:
    head = stem(word)
    return _UNIT_SPELLINGS.get(head, head)


def _in_unit_asked(unit: str, question: Question) -> bool:
    """True when a figure's unit is the measure a question counts ("how many hectares": "2,370 hectares",
    "how many tons": "38,000 tonnes", "how many cubic metres": "1.2 million cubic metres")."""
    asked = _UNIT_SPELLINGS.get(question.counted, question.counted)
    return bool(asked) and _unit_head(unit.split()[-1]) == asked


def _measure_class(unit: str | None) -> str:
    """The noun class of a figure's measure unit ("hectares", "mu": measures_of), or ""."""
    return noun_class(unit) if unit is not None and unit not in ("yuan", "percent") else ""


def _compatible(asked: str, found: str) -> bool:
    return asked == found or {asked, found} <= {"reports", "issues"}


def _clause(text: str, clause: tuple[int, int], position: int) -> str:
    """The piece of a clause around ``position`` (split at ", and" / ", while"), verbatim."""
    start, end = clause
    piece_start = start
    for match in _CLAUSE_SPLIT.finditer(text, start, end):
        if match.end() <= position:
            piece_start = match.end()
        elif match.start() > position:
            end = match.start()
            break
    return text[piece_start:end].strip().rstrip(".,")


def _best_clause(
    text: str,
    terms: set[str],
    require: re.Pattern[str],
    near: re.Pattern[str] | None = None,
    split: re.Pattern[str] = _CLAUSE_SPLIT,
) -> str:
    """The clause of ``text`` (cut at ``split``) that holds ``require`` and (first) the event word ``near``,
    and shares most words with the question."""
    pieces = [p for p in split.split(text) if p and require.search(p)]
    if not pieces:
        return text.strip()
    return (
        max(pieces, key=lambda p: (bool(near and near.search(p)), len(terms & set(content_terms(p)))))
        .strip()
        .rstrip(".,")
    )


def _date_in(clause: str, near: re.Pattern[str] | None) -> str:
    """The date phrase of a long clause: the one nearest its event word, else the longest; never the day
    something was announced ("announced on September 27 that it had completed ... on September 26") when
    the clause has another."""
    dates = list(_DATE_SPAN.finditer(clause))
    events = [m for m in dates if not _ANNOUNCED.search(clause, 0, m.start())]
    dates = events or dates
    word = near.search(clause) if near is not None else None
    if word is None:
        return max((m.group(0) for m in dates), key=len)
    return min(dates, key=lambda m: (abs(m.start() - word.start()), -len(m.group(0)))).group(0)


def asked_event(question: str) -> str | None:
    """The dated event a "when" question asks about ("stationed", "feedback"), or None (also for the end
    of a stage: "until when did the teams carry out their on-site work")."""
    if _END_QUESTION.search(question):
        return None
    return next((kind for kind, pattern in _EVENT_QUESTIONS.items() if pattern.search(question)), None)


def _event_fit(view: DocumentView, i: int, text: str, event: str) -> str:
    """How sentence ``i`` dates the asked ``event``: "read" (the article's metadata reads that event from
    it), "worded" (it words the event), "other" (it dates another event only), or "none"."""
    kinds = view.event_kinds(i)
    if event in kinds:
        return "read"
    if _words_event(text, event):
        return "worded"
    others = [kind for kind in _EVENT_QUESTIONS if kind != event and _words_event(text, kind)]
    return "other" if kinds - {"as_of"} or others else "none"


def _spans_event(view: DocumentView, i: int, event: str) -> bool:
    """True when the metadata reads ``event`` from sentence ``i`` with an end date (a stay, not a day)."""
    start, end = view.document.sentences[i]
    return any(
        e.kind == event and e.end is not None and e.span[0] < end and start < e.span[1]
        for e in view.document.meta.events
    )


def _words_event(text: str, event: str) -> bool:
    """True when ``text`` words the event (the metadata's trigger words, or the words questions use)."""
    trigger = TRIGGERS.get(event)  # type: ignore[call-overload]
    return bool((trigger is not None and trigger.search(text)) or _EVENT_QUESTIONS[event].search(text))


def _relative_to_dateline(
    view: DocumentView, i: int, text: str, event: str | None
) -> tuple[str, TimePhrase] | None:
    """ "From today the teams begin their stationing" in an article dated "August 26": the clause wording
    the asked event with a relative day, and the dateline that dates it (which the answer also quotes)."""
    if event is None or not _RELATIVE_DAY.search(text) or not _words_event(text, event):
        return None
    head_start, head_end = view.masthead
    date = re.search(DATE_RE, view.text[head_start:head_end], re.IGNORECASE) if head_end else None
    dateline = find_dateline(view.text)  # its own day, not the page header's publication date
    if date is not None and dateline is not None and head_start <= dateline.start < head_end:
        day = re.search(r"(?<!\d)\d{1,2}(?!\d)", date.group(0))
        if day is None or int(day.group(0)) != dateline.day:
            head_start, head_end = dateline.start, dateline.end
            date = re.search(DATE_RE, view.text[head_start:head_end], re.IGNORECASE)
    if date is None:
        return None
    where = next(j for j, (s, e) in enumerate(view.document.sentences) if e > head_start + date.start())
    if where > i:  # the dateline may open the very sentence ("BEIJING, Oct. 21 (Xinhua) -- ... on Monday")
        return None
    clause = _best_clause(text, set(), require=_RELATIVE_DAY, near=TRIGGERS.get(event))  # type: ignore[call-overload]
    return clause, TimePhrase(date.group(0), "reported", where)


def _bare_headline(view: DocumentView, i: int) -> bool:
    """True when sentence ``i`` is a line of its own with no sentence end, below the article's title: a
    headline of another article (a related link), not a report of an event."""
    start, end = view.document.sentences[i]
    text = view.text
    line = text[start:end].strip()
    alone = (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end : end + 1] == "\n")
    return (
        i > 0
        and alone
        and line != view.document.meta.title.strip()
        and not _SENTENCE_END.search(line)
        and ":" not in line
    )


def _after_masthead(view: DocumentView, i: int) -> str:
    """Sentence ``i`` without the page header or dateline it starts with ("" when it is all header)."""
    start, end = view.document.sentences[i]
    head_start, head_end = view.masthead
    if head_start <= start and end <= head_end:
        return ""
    text = view.text[max(start, head_end) if start < head_end else start : end]
    lead = DATELINE_LEAD.match(text)
    return text[lead.end() :] if lead else text


def _surface(name: str, text: str) -> str:
    """A name as the sentence writes it, never rewritten to its canonical form ("China Minmetals Corp",
    "ChemChina"), with a bracketed short form: "X Corporation (Sinopec)"."""
    aliases = (name, *CENTRAL_ENTERPRISES.get(name, ()), *PROVINCES.get(name, ()))
    found = next(((m.start(), m.group(0)) for alias in aliases if (m := _word_at(alias, text))), None)
    if found is None:
        return name
    at, written = found
    tail = _NAME_TAIL.match(text, at + len(written))
    written += tail.group(0) if tail else ""
    bracket = re.match(r"\s*\([^()]{1,40}\)", text[at + len(written) :])
    return written + bracket.group(0) if bracket else written


def _word_at(alias: str, text: str) -> re.Match[str] | None:
    """Where ``alias`` stands in ``text`` as whole words."""
    return re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text)


def without_dates(text: str) -> str:
    """``text`` with its date phrases blanked out ("by May 2023", "截至5月7日"): what numbers are left are
    figures."""
    return _DATE_SPAN.sub(" ", text)


def lower_first(clause: str) -> str:
    """Lower-case the first word of a clause when it is a plain determiner or pronoun ("The teams ...")."""
    first = clause.split(" ", 1)[0]
    return clause[0].lower() + clause[1:] if first.lower() in _LOWER_FIRST else clause
