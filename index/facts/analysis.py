"""Per-document analysis: sentence scopes, places, as-of phrases and figure facts, computed once and cached
(at index time for the facts table, and by the engine for its evidence).

A sentence's scope is its passage's, unless the sentence itself names another inspection ("Across the first
round, ..." in an article filed under a batch); such an override lasts to the end of the paragraph.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
import threading
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from index.facts.cumulative import is_anchor, is_cumulative, opens_background, round_so_far
from index.facts.figures import FigureFact, analyse_sentence, is_part_of, link_to_previous
from index.facts.numbers import MONTHS
from index.facts.zeros import find_zeros
from index.meta.calendar import Calendar
from index.meta.datelines import find_dateline, find_header
from index.meta.dates import find_as_of, infer_year, year_near
from index.meta.gazetteer import (
    chinese_reporting_places,
    find_enterprises,
    find_places,
    find_provinces,
    place_mentions,
    province_mentions,
)
from index.meta.ordinals import ORDINAL_RE, ordinal_value
from index.meta.scopes import ScopeMention, find_scopes, merge_scopes, scope_matches, whole_round
from index.models import Chunk, Document, InspectionScope
from index.text.chinese import fold

_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"  # "September 2020" is a month, not September 20
_MONTH_DAY = rf"(?:(?:{MONTHS})\.?\s+{_DAY}|{_DAY}\s+(?:{MONTHS}))"
DATE_RE = rf"(?:{_MONTH_DAY}(?:,?\s+\d{{4}})?|(?:{MONTHS})\s+\d{{4}}|the end of (?:{MONTHS})(?:\s+\d{{4}})?)"
_AS_OF = re.compile(
    rf"(?:\b(?:as of|as at|up to|figures (?:released|published|issued) on)|(?:^|[,;]\s*)by(?: the end of)?)"
    rf"\s+(?P<when>(?:(?:\d{{1,2}}:\d{{2}}|\d{{1,2}}(?::\d{{2}})?\s*[ap]\.?m\.?)\s+(?:on\s+)?)?"
    rf"(?:the\s+(?:evening|morning|afternoon|night)\s+of\s+)?{DATE_RE})",
    re.IGNORECASE,
)
# "截至9月15日晚20时", "截止2021年1月25日": as of (matched on the folded sentence)
_AS_OF_ZH = re.compile(
    r"截[至止](?:到)?(?:目前)?[，,\s]*(?P<when>(?:(?:19|20)\d\d\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"(?:[早晚上下午夜间]{0,2}\s*\d{1,2}(?:\s*[时点](?:\s*\d{1,2}\s*分)?|:\d{2}))?|(?:19|20)\d\d\s*年底)"
)
# "截至2018年4月底", "截至2023年5月": a month a row's figures hold at (a reply says no month-level time)
_AS_OF_ZH_MONTH = re.compile(
    r"截[至止](?:到)?[，,\s]*(?P<when>(?:(?:19|20)\d\d\s*年\s*)?\d{1,2}\s*月(?:底|末|份)?)(?!\s*\d)"
)
# "中新网北京9月19日电 （记者 阮煜琳）": a Chinese dateline, whose place is where the news was filed
_ZH_DATELINE_LEAD = re.compile(
    r"^\s*[^，。；]{0,24}?\d{1,2}\s*月\s*\d{1,2}\s*日\s*电\s*(?:[（(][^）)]{0,30}[）)])?"
)
DATELINE_LEAD = re.compile(
    rf"^[A-Z][^.;]{{0,80}}?,\s*(?:{MONTHS})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?\s*(?:\([^)]{{1,40}}\))?"
    r"\s*(?:--|—|–|\.)\s*"
)
DATELINE = re.compile(rf"^[A-Z][^.;]{{0,80}},\s*(?P<when>(?:{MONTHS})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?)\.?$")


# "..., the second 180": a batch (or round) named by its ordinal alone in a sentence listing them
_ELIDED_ORDINAL = re.compile(rf"(?:^|[,;]\s*|\band\s+)the\s+({ORDINAL_RE})\s*(?:one\s*)?$", re.IGNORECASE)
# "..., the second 180", "2.46 billion yuan by the second and ...": a later inspection by its ordinal alone
_LISTED_ORDINAL = re.compile(
    rf"(?:,|\band\b|\bby\b)\s+the\s+({ORDINAL_RE})\b(?!\s+(?:round|batch|phase|time|half|quarter|"
    rf"year|month|week|day|stage|step|group|team|kind|category|place|case)s?\b)",
    re.IGNORECASE,
)
# "2,500 by the second": in a sentence naming each inspection after its figure
_TRAILING_ORDINAL = re.compile(
    rf"^[^,;]*?\b(?:by|for|in|from|of)\s+the\s+({ORDINAL_RE})\b"
    rf"(?!\s+(?:[\w-]+\s+)?(?:rounds?|batch(?:es)?|phases?)\b)",  # nor "by the first three batches of ..."
    re.IGNORECASE,
)
_COUNTS_INSPECTIONS = re.compile(r"^(?:rounds?|batch(?:es)?|phases?)$", re.IGNORECASE)
_TOTAL = re.compile(r"\b(?:a |in )?total\b|\baltogether\b|\bin all\b", re.IGNORECASE)

_YEAR_OPENER = re.compile(r"^\W*(?:in|during|throughout)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
# An inspection is announced a little before its teams arrive: a mention this many days early is still real.
EARLY_MENTION_DAYS = 60
RECOUNTED_AS_OF = dt.timedelta(days=30)  # an as-of time this long before publication is an earlier report

OWN_PLACE_REACH = 10  # characters before a Chinese figure in which the place it is given for is named
# An English figure given as the value of a superlative ("handed out the heaviest fines of the group, 61.3
# million yuan") is the province's that is its subject, or that the superlative is "in" ("was in Shandong")
_SUPERLATIVE = re.compile(
    r"\b(?:most|largest|highest|heaviest|biggest|greatest|fewest|least|lowest|smallest)\b|\btopped\b"
    r"|\bled\s+the\s+(?:list|group|field|provinces|regions)\b|\branked\s+(?:first|top)\b",
    re.IGNORECASE,
)
_TRAILING_SUPERLATIVE = re.compile(
    r"[,;]\s+(?:the\s+)?(?:most|largest|highest|heaviest|biggest|greatest|fewest|least|lowest|smallest)\b"
    r"(?:\s+\w+){0,3}\s+(?:of|among|in)\b",
    re.IGNORECASE,
)  # ", the most of the seven provincial regions inspected"
_SUBJECT_BREAK = re.compile(r"\s[-–—]\s|[:;(]")  # "Of the seven regions - A, B, C - Hunan, ...": Hunan
_IN_PLACE = re.compile(r"\b(?:was|were)\s+(?:in|by|from)\s+[A-Z]")
SUPERLATIVE_REACH = 120  # characters before the figure in which its superlative stands

# "The provinces filed ...": a sentence about several places is not about the one named before it.
MANY_PLACES = re.compile(
    r"\b(?:provinces|regions|localities|municipalities)\b|各(?:省|地|市|有关省)|(?:相关|有关|多个|各个)省",
    re.IGNORECASE,
)
# Words of MANY_PLACES that, in an article about one province, name its own cities and counties ("All
# localities have reported 3,986 closed cases" on a provincial government's page); "provincial regions" and
# 各省 are provinces whatever the article.
_SUB_AREAS = re.compile(r"\b(?:regions|localities|municipalities)\b|各(?:地|市)", re.IGNORECASE)


@dataclass(frozen=True)
class TimePhrase:
    """When a figure holds: "as of <when>" in its sentence, or the dateline of the article's lead."""

    when: str
    kind: str  # "as_of" or "reported"
    sentence: int  # index of the sentence that states it


class DocumentView:
    """Lazily analysed sentences of one document."""

    def __init__(
        self,
        document: Document,
        chunks: list[Chunk],
        calendar: Calendar | None = None,
        figures: dict[int, list[FigureFact]] | None = None,
    ) -> None:
        self.document = document
        self._chunks = chunks
        self._calendar = calendar
        # each sentence's figures, analysed on first use unless given (the version's stored figures)
        self._facts: dict[int, list[FigureFact]] = figures if figures is not None else {}
        self._names: dict[tuple[str, int], list[str]] = {}
        self._figure_places: dict[int, list[tuple[str, Literal["province", "enterprise"]] | None]] = {}
        self._lock = threading.Lock()

    @property
    def text(self) -> str:
        """The document text."""
        return self.document.text

    def sentence_text(self, i: int) -> str:
        """Text of sentence ``i``."""
        start, end = self.document.sentences[i]
        return self.text[start:end]

    @cached_property
    def paragraph(self) -> list[int]:
        """Paragraph number of each sentence (a new paragraph after a line break)."""
        numbers, current, previous_end = [], 0, 0
        for start, end in self.document.sentences:
            if "\n" in self.text[previous_end:start]:
                current += 1
            numbers.append(current)
            previous_end = end
        return numbers

    @cached_property
    def scopes(self) -> list[InspectionScope]:
        """The inspection each sentence's figures belong to."""
        base = [self.document.meta.scope] * len(self.document.sentences)
        if self.document.meta.scope == InspectionScope():  # no article scope: fall back on the passages'
            for chunk in reversed(self._chunks):
                for i in range(chunk.sentence_start, min(chunk.sentence_end, len(base))):
                    base[i] = chunk.scope
        scopes: list[InspectionScope] = []
        override: InspectionScope | None = None
        for i in range(len(base)):
            if i and self.paragraph[i] != self.paragraph[i - 1]:
                override = None
            sentence = self.sentence_text(i)
            mentions = [
                m
                for m in find_scopes(sentence)
                if not _in_relative_clause(sentence, m.start) and self._possible(m.scope)
            ]
            whole_article = base[i].round is not None and base[i].batch is None and base[i].phase is None
            cumulative = is_cumulative(sentence) and not (whole_article and round_so_far(sentence))
            if cumulative:  # "since the pilot": where the count starts, not the inspection it is of
                mentions = [m for m in mentions if not is_anchor(sentence, m)]
            whole = whole_round(sentence, mentions)
            listed = {m.scope.batch for m in mentions if m.scope.batch is not None}
            rounds = {m.scope.round for m in mentions if m.scope.round is not None}
            if opens_background(sentence) and not mentions and not self._finding_on_past(i):
                # "Last year, ...": the paragraph is background
                override = InspectionScope()
            elif (cumulative or self._before_inspection(sentence, base[i])) and not mentions:
                # a running total over inspections, or a year before this one began: no one inspection's
                scopes.append(InspectionScope())  # (this sentence only: the next may be the batch's again)
                continue
            elif (
                not mentions
                and _BARE_PILOT.search(sentence)
                and (
                    any(s.phase == "pilot" for s in scopes)
                    or any(_PILOT_NAMED.search(self.sentence_text(j)) for j in range(i))
                )
            ):
                override = PILOT  # "In the pilot, 2,856 problems ...": the pilot an earlier sentence named
            elif whole:
                override = InspectionScope(round=whole)
            elif len(listed) > 1 and base[i].phase != "pilot":  # figures batch by batch: the round's
                override = _complete(InspectionScope(batch=min(listed)), base[i])
                override = InspectionScope(round=override.round, phase=override.phase)
            elif len(rounds) > 1 and not listed:  # figures round by round: no one round's
                override = InspectionScope()
            elif mentions and not self._stationing_in_own_round(i, mentions, base[i]):
                override = _sentence_scope([m.scope for m in mentions], base[i])
            scopes.append(override or base[i])
        return scopes

    def many_places(self, text: str) -> bool:
        """True when ``text`` (a sentence of this article) speaks of several provinces ("The provinces filed
        ..."); in an article about one province, its "localities" or "regions" are that province's own and
        a sentence naming no other province speaks of it alone."""
        folded = fold(text)
        found = [m.group(0) for m in MANY_PLACES.finditer(folded)]
        if not found:
            return False
        provinces = self.document.meta.provinces
        if len(provinces) != 1 or not set(find_provinces(text)) <= set(provinces):
            return True
        return not all(_SUB_AREAS.fullmatch(word) for word in found) or bool(
            re.search(r"provincial (?:regions|localities|municipalities)", folded, re.IGNORECASE)
        )

    def inspected(self, i: int) -> set[str]:
        """The provinces the calendar records for the inspection of sentence ``i`` (empty if unknown)."""
        entry = self._calendar.get(self.scopes[i]) if self._calendar is not None else None
        return set(entry.provinces) if entry is not None else set()

    def _finding_on_past(self, i: int) -> bool:
        """True for what the inspectors found about the year before ("Last year, coal consumption rose 6.3
        percent, the inspectors said"): percentages attributed to them are the inspection's finding, not a
        running total of inspection counts."""
        facts = self.facts(i)
        return (
            bool(facts)
            and all(f.figure.unit == "percent" for f in facts)
            and _INSPECTORS_SAID.search(fold(self.sentence_text(i))) is not None
        )

    def _before_inspection(self, sentence: str, base: InspectionScope) -> bool:
        """True for a sentence dated a year before its article's inspection began ("In 2016 the inspectors
        dealt with 33,000 cases" in an article on a 2017 batch): background, not the batch's figures."""
        dated = _YEAR_OPENER.match(sentence)
        entry = self._calendar.get(base) if dated and self._calendar is not None else None
        return entry is not None and dated is not None and int(dated.group(1)) < entry.stationed_from.year

    def _possible(self, scope: InspectionScope) -> bool:
        """False for a mention of an inspection that had not begun when the article appeared (or never
        did): "the fourth round of inspections" in 2017 is the first round's fourth batch misnumbered."""
        if self._calendar is None or scope == InspectionScope():
            return True
        published = self.document.meta.date
        return any(
            scope_matches(entry.scope, scope)
            and (
                published is None or entry.stationed_from - dt.timedelta(days=EARLY_MENTION_DAYS) <= published
            )
            for entry in self._calendar.entries
        )

    def _stationing_in_own_round(self, i: int, mentions: list, base: InspectionScope) -> bool:
        """ "The second round of seven teams were stationed ...": teams are stationed by a batch, so a bare
        mention of the article's own round in a stationing sentence is still about its batch."""
        own = all(m.scope == InspectionScope(round=base.round) for m in mentions)
        return own and base.batch is not None and "stationed" in self.event_kinds(i)

    @cached_property
    def places(self) -> list[tuple[str, ...]]:
        """Provinces each sentence is about: those it names, else those named before it in its paragraph."""
        places: list[tuple[str, ...]] = []
        for i in range(len(self.document.sentences)):
            sentence = self.sentence_text(i)
            named = () if DATELINE.match(sentence) else tuple(self.names(i, "provinces"))
            sentence = fold(sentence)
            if (
                not named
                and i
                and self.paragraph[i] == self.paragraph[i - 1]
                and not self.many_places(sentence)
            ):
                named = places[i - 1]
            places.append(named)
        return places

    @cached_property
    def enterprises(self) -> list[tuple[str, ...]]:
        """Central enterprises each sentence is about: those it names, else those named before it in its
        paragraph ("the group's 54 projects" after "China National Gold Group")."""
        named: list[tuple[str, ...]] = []
        for i in range(len(self.document.sentences)):
            own = tuple(self.names(i, "enterprises"))
            if not own and i and self.paragraph[i] == self.paragraph[i - 1]:
                own = named[i - 1]
            named.append(own)
        return named

    def names(self, i: int, kind: str) -> list[str]:
        """Provinces (``kind`` "provinces") or central enterprises named in sentence ``i`` (cached)."""
        key = (kind, i)
        names = self._names.get(key)
        if names is None:
            find = find_enterprises if kind == "enterprises" else find_places
            sentence = self.sentence_text(i)
            # "Beijing, July 6 (Xinhua) --", "新华社北京12月28日电" name no place of the news
            lead = DATELINE_LEAD.match(sentence) or _ZH_DATELINE_LEAD.match(fold(sentence))
            names = find(sentence[lead.end() :] if lead else sentence)
            with self._lock:
                self._names[key] = names
        return names

    def figure_place(self, i: int, fact: FigureFact) -> tuple[str, Literal["province", "enterprise"]] | None:
        """The one enterprise or province named just before a Chinese figure of sentence ``i`` ("山西868人、
        辽宁724人", "湖南最多，达1282人", "中国化工问责8人"), where a sentence lists places figure by figure;
        None when its window names none or several, or speaks of several places ("向有关省（区）和兵团…")."""
        if fact.figure.counter is None:
            clause = self._english_clause_place(i, fact)
            return (clause, "province") if clause else self._superlative_place(i, fact)
        if MANY_PLACES.search(fold(self.text[fact.window[0] : fact.figure.start])):
            return None
        window = self.text[max(fact.window[0], fact.figure.start - OWN_PLACE_REACH) : fact.figure.start]
        enterprises = find_enterprises(window)
        if len(enterprises) == 1:
            return enterprises[0], "enterprise"
        respective = self._respective_place(i, fact)
        provinces = [respective] if respective else find_places(window)
        covered = self.inspected(i) or set(self.document.meta.provinces)
        if len(provinces) != 1:
            provinces = [p for p in (self._clause_place(i, fact),) if p]
        if len(provinces) == 1 and (not covered or provinces[0] in covered):
            return provinces[0], "province"
        return None

    def _clause_place(self, i: int, fact: FigureFact) -> str | None:
        """The province that heads the run of figures a Chinese figure is in, clause by clause
        ("其中，天津立案处罚345家，行政拘留4人，问责81人；山西…": 4 and 81 are Tianjin's); None in a list
        of provinces ("进驻天津、山西、辽宁等7省市，立案处罚7086家") or after a total (合计, 全国 ...)."""
        lo = fact.clause[0]
        stretch = self.text[lo : fact.figure.start]
        reporting = chinese_reporting_places(stretch)
        mentions = [m for m in place_mentions(stretch) if not any(s <= m[1] < e for s, e in reporting)]
        if not mentions:
            return None
        name, start, end = mentions[-1]
        figures = [f.figure.start - lo for f in self.facts(i) if lo <= f.figure.start < fact.figure.start]
        if len(mentions) > 1 and not any(mentions[-2][2] <= at < start for at in figures):
            return None  # "天津、山西、辽宁": a list, no one province's run
        after = fold(stretch[end:])
        around = fold(stretch[max(0, start - _MANY_REACH) : end])  # "向有关省（区）和兵团": several places
        if _TOTAL_AFTER.search(after) or MANY_PLACES.search(after) or MANY_PLACES.search(around):
            return None
        return name

    def _english_clause_place(self, i: int, fact: FigureFact) -> str | None:
        """ "Among them, Tianjin filed 345 cases ...; Shanxi filed 1,012 cases ...": in an English sentence
        naming several provinces, the province that heads a figure's run, clause by clause (as
        :meth:`_clause_place`), and one the inspection covers; never the dateline's city."""
        if len(self.names(i, "provinces")) < 2:
            return None
        sentence_start = self.document.sentences[i][0]
        lead = DATELINE_LEAD.match(self.sentence_text(i))
        if lead and fact.clause[0] < sentence_start + lead.end():
            return None
        name = self._clause_place(i, fact)
        covered = self.inspected(i) or set(self.document.meta.provinces)
        return name if name is not None and (not covered or name in covered) else None

    def _respective_place(self, i: int, fact: FigureFact) -> str | None:
        """ "天津、福建、贵州问责人数分别为115人、412人、255人": the k-th figure after 分别 is the k-th
        province listed before it (as many figures as provinces)."""
        lo, hi = fact.clause
        clause = fold(self.text[lo:hi])
        respectively = _RESPECTIVELY.search(clause)
        if respectively is None or lo + respectively.end() > fact.figure.start:
            return None
        listed = province_mentions(self.text[lo : lo + respectively.start()])
        if len(listed) < 2 or any(
            not _LIST_JOINER.fullmatch(fold(self.text[lo + a[2] : lo + b[1]]))
            for a, b in itertools.pairwise(listed)
        ):
            return None
        after = [f for f in self.facts(i) if lo + respectively.end() <= f.figure.start < hi]
        if len(after) != len(listed) or fact not in after:
            return None
        return listed[after.index(fact)][0]

    def _superlative_place(self, i: int, fact: FigureFact) -> tuple[str, Literal["province"]] | None:
        """The province an English sentence says has the most (or least) of what a figure counts, the figure
        being its value: "..., Hunan, home to many smelters, handed out the heaviest fines of the group, 61.3
        million yuan", "the largest number of cases was in Shandong, 1,234", "481 officials from Liaoning were
        at fault, the most of the seven regions"; None otherwise."""
        covered = self.inspected(i) or set(self.document.meta.provinces)
        following = self.text[fact.figure.end : min(fact.window[1], fact.figure.end + SUPERLATIVE_REACH)]
        trailing = _TRAILING_SUPERLATIVE.search(following)
        before = self.text[max(fact.window[0], fact.figure.start - SUPERLATIVE_REACH) : fact.figure.start]
        found = list(_SUPERLATIVE.finditer(before))
        if trailing is not None:  # "481 officials from Liaoning were at fault, the most of the seven"
            named = find_provinces(following[: trailing.start()])
            if not named:  # "Shanxi alone handed out 88 million yuan in fines, the most of the seven"
                lead = self.text[self.document.sentences[i][0] : fact.figure.start]
                named = find_provinces(_SUBJECT_BREAK.split(lead)[-1])
        elif found:
            word = found[-1]
            after = find_provinces(before[word.end() :])  # "... was in Shandong, 1,234"
            at = fact.figure.start - len(before) + word.start()  # where the superlative stands in the text
            subject = _SUBJECT_BREAK.split(self.text[self.document.sentences[i][0] : at])[-1]
            named = after if _IN_PLACE.search(before[word.end() :]) else find_provinces(subject)
        else:
            return None
        if len(named) == 1 and (not covered or named[0] in covered):
            return named[0], "province"
        return None

    def figure_places(self, i: int) -> list[tuple[str, Literal["province", "enterprise"]] | None]:
        """:meth:`figure_place` of each figure of sentence ``i`` (aligned with ``facts(i)``, cached)."""
        places = self._figure_places.get(i)
        if places is None:
            places = [self.figure_place(i, fact) for fact in self.facts(i)]
            with self._lock:
                self._figure_places[i] = places
        return places

    def facts(self, i: int) -> list[FigureFact]:
        """The figure facts of sentence ``i`` (cached)."""
        facts = self._facts.get(i)
        if facts is None:
            start, end = self.document.sentences[i]
            facts = analyse_sentence(self.text, start, end)
            if i and self.paragraph[i] == self.paragraph[i - 1]:  # "…共问责1048人。其中，厅级干部159人"
                link_to_previous(self.text, start, facts, self.facts(i - 1))
            with self._lock:
                self._facts[i] = facts
        return facts

    def zero_facts(self, i: int) -> list[FigureFact]:
        """The zeros said in words in sentence ``i`` ("暂无人员被问责", "no official was punished"), analysed
        with the sentence's figures (for the facts table; the engine reads them from the clause itself)."""
        start, end = self.document.sentences[i]
        if not find_zeros(self.text, start, end):
            return []
        return [fact for fact in analyse_sentence(self.text, start, end, zeros=True) if _said_zero(fact)]

    def figure_scopes(self, i: int) -> list[InspectionScope]:
        """The inspection each figure of sentence ``i`` belongs to (aligned with ``facts(i)``).

        A sentence listing figures batch by batch ("the first batch filed 1,232 cases, the second batch
        2,873 and the third 1,395, a total of 5,500") or round by round gives each figure the inspection
        named before it since the previous figure, a "total" after batches their whole round, and other
        figures the one before.
        """
        facts = self.facts(i)
        scope = self.scopes[i]
        start, _ = self.document.sentences[i]
        sentence = self.sentence_text(i)
        mentions = _own_mentions(sentence, 0, len(sentence))
        distinct = len({(m.scope.round, m.scope.batch, m.scope.phase) for m in mentions})
        if not facts or not (distinct > 1 or (distinct and _LISTED_ORDINAL.search(sentence))):
            return self._after_that([scope] * len(facts), i)
        batches = any(m.scope.batch is not None for m in mentions)  # else a listing of rounds
        # "1,232 cases were filed by the first batch, 2,873 by the second": mentions after their figures
        after = not find_scopes(sentence[: facts[0].figure.start - start])
        # "the 1,227 tasks set by the first three batches of the second round": a figure counting
        # inspections ("three batches") names them; it ends no other figure's stretch of the sentence
        bounds = [f.figure.start - start for f in facts if not _COUNTS_INSPECTIONS.match(f.noun)]
        ends = [next((b for b in bounds if b > f.figure.start - start), len(sentence)) for f in facts]
        scopes: list[InspectionScope] = []
        cursor = 0
        for fact, end in zip(facts, ends, strict=True):
            segment = sentence[cursor : fact.figure.start - start]
            named = (
                _own_mentions(sentence, fact.figure.end - start, end)
                if after
                else _own_mentions(sentence, cursor, fact.figure.start - start)
            )
            if after and named:
                named = named[:1]
            if after:  # what follows the stretch may still say "the first three batches"
                elided = _TRAILING_ORDINAL.search(sentence[fact.figure.end - start :])
                if elided and elided.end(1) > end - (fact.figure.end - start):
                    elided = None
            else:
                elided = _ELIDED_ORDINAL.search(segment)
            if named:
                scope = _complete(named[-1].scope, self.scopes[i])
            elif elided:
                value = ordinal_value(elided.group(1))
                ordinal = InspectionScope(batch=value) if batches else InspectionScope(round=value)
                scope = _complete(ordinal, self.scopes[i])
            elif batches and scopes and _TOTAL.search(f"{segment} {fact.figure.qualifier or ''}"):
                scope = InspectionScope(round=scope.round, phase=scope.phase)
            scopes.append(scope)
            cursor = fact.figure.end - start
        for k in range(len(facts) - 2, -1, -1):  # "95 percent of the 3,294 tasks set in the first round"
            if is_part_of(self.text, facts[k], facts[k + 1]):
                scopes[k] = scopes[k + 1]
        return self._after_that(scopes, i)

    def _after_that(self, scopes: list[InspectionScope], i: int) -> list[InspectionScope]:
        """ "督察试点于2015年12月在河北启动；此后……分四批对其余30个省开展督察": a clause opened by "此后"
        (after that) that names no inspection is not about the one the clause before it named; its figures
        are the article's."""
        article = self.document.meta.scope
        if article == InspectionScope() or self.text[slice(*self.document.sentences[i])].isascii():
            return scopes
        adjusted = list(scopes)
        for k, fact in enumerate(self.facts(i)):
            clause = self.text[fact.clause[0] : fact.clause[1]]
            if _AFTER_THAT.match(fold(clause)) and not find_scopes(clause):
                adjusted[k] = article
        return adjusted

    def time_phrase(self, i: int) -> TimePhrase | None:
        """The as-of time stated in sentence ``i`` or just before it, or the dateline before the lead."""
        for j in (i, i - 1):
            if j < 0 or self.paragraph[j] != self.paragraph[i]:
                continue
            sentence = self.sentence_text(j)
            match = _AS_OF.search(sentence) or _AS_OF_ZH.search(fold(sentence))
            if match:
                return TimePhrase(sentence[match.start("when") : match.end("when")], "as_of", j)
        if i and self.paragraph[i - 1] == self.paragraph[i] and i - 1 == 0:
            match = DATELINE.match(self.sentence_text(0))
            if match:
                return TimePhrase(match.group("when"), "reported", 0)
        return None

    def _as_of_in(self, j: int) -> TimePhrase | None:
        """The as-of time sentence ``j`` states itself: a day and time (as :meth:`time_phrase` reads it) or a
        month ("截至2018年4月底")."""
        sentence = self.sentence_text(j)
        match = (
            _AS_OF.search(sentence)
            or _AS_OF_ZH.search(fold(sentence))
            or _AS_OF_ZH_MONTH.search(fold(sentence))
        )
        return TimePhrase(sentence[match.start("when") : match.end("when")], "as_of", j) if match else None

    @cached_property
    def _as_of_sentences(self) -> list[int]:
        """The sentences that state an as-of time of their own ("As of May 12, ...", "截至9月15日晚20时")."""
        return [i for i in range(len(self.document.sentences)) if self._as_of_in(i) is not None]

    def stated_as_of(self, i: int) -> tuple[str, str] | None:
        """(normalised as-of date or datetime, the phrase as written) that sentence ``i``'s figures hold at:
        the as-of time stated in it or just before it (in its paragraph), else the last one the article
        stated before it (a later paragraph of an article with an early and a final report goes on with the
        final one's) unless that one is recounted (see :meth:`recounted`); None when the article states none
        before it."""
        stated = bisect.bisect_right(self._as_of_sentences, i)  # the sentences up to i that state one
        j = self._as_of_sentences[stated - 1] if stated else None
        if j is None:
            return None
        own = j == i or (j == i - 1 and self.paragraph[j] == self.paragraph[i])
        time = self._as_of_in(j)
        assert time is not None
        meta = self.document.meta
        year_for = year_near(meta.date, lambda month, day: infer_year(self.text, month, day, meta.scope))
        stamp = find_as_of(self.sentence_text(time.sentence), year_for)
        if stamp is None or (not own and self.recounted(stamp)):
            return None
        return stamp, time.when

    def recounted(self, as_of: str | None) -> bool:
        """True for an as-of time well before the article's publication: an early progress report the
        article recounts ("As of May 12, 2017, ..." in a 2018 article), not when its other figures hold."""
        published, day = self.document.meta.date, _as_of_day(as_of)
        return published is not None and day is not None and published > day + RECOUNTED_AS_OF

    @cached_property
    def masthead(self) -> tuple[int, int]:
        """The [start, end) span of the page header and the dateline ("Updated: 2016-07-18 09:43",
        "SHIJIAZHUANG, Jan. 6 (Xinhua) --"): their dates are the article's, not of any event it reports."""
        spans = [found for found in (find_header(self.text), find_dateline(self.text)) if found is not None]
        return (min(f.start for f in spans), max(f.end for f in spans)) if spans else (0, 0)

    def event_kinds(self, i: int) -> set[str]:
        """The kinds of dated event ("stationed", "feedback", "as_of") the article's metadata reads from
        sentence ``i``."""
        start, end = self.document.sentences[i]
        return {e.kind for e in self.document.meta.events if e.span[0] < end and start < e.span[1]}

    def order_at(self, i: int) -> str:
        """Sort key for "which report is later" of sentence ``i``'s figures: the as-of time stated in it (or
        just before it), else the article's (a later paragraph may bring a later count)."""
        stated = self.stated_as_of(i)
        return stated[0] if stated else self._undated_order()

    def _undated_order(self) -> str:
        """The report time of a sentence that states none: the article's, except in an article published
        well after the as-of time another of its sentences recounts (an early progress report it quotes,
        "As of May 12, 2017, ..."), whose other figures are of its publication (the final ones)."""
        meta = self.document.meta
        if meta.date and self.recounted(meta.as_of):
            return meta.date.isoformat()
        return self.order_key()

    def order_key(self) -> str:
        """Sort key for "which report is later": the as-of time, else the publication date."""
        meta = self.document.meta
        return meta.as_of or (meta.date.isoformat() if meta.date else "")


def _as_of_day(as_of: str | None) -> dt.date | None:
    """The last day an as-of time ("2021-09-15T20:00", "2023-05": a month) covers; None for none."""
    if not as_of:
        return None
    try:
        if len(as_of) == 7:  # a month: its last day
            first = dt.date.fromisoformat(f"{as_of}-01")
            return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return dt.date.fromisoformat(as_of[:10])
    except ValueError:
        return None


PILOT = InspectionScope(round=1, phase="pilot")
# "in the pilot", "during that pilot": bare, the inspection pilot only where the article has named it
_BARE_PILOT = re.compile(
    r"\b(?:the|that|this)\s+pilot\b(?![\s-]+(?:zones?|programm?es?|projects?|cit(?:y|ies)|areas?|schemes?|reforms?))",
    re.IGNORECASE,
)


# "lessons from a pilot that Hebei went through": the pilot named in words find_scopes does not read as a
# mention (a relative clause), which a later bare "that pilot" refers to
_PILOT_NAMED = re.compile(r"\bpilot\b[^.;]{0,60}?\bHebei\b|\bHebei\b[^.;]{0,60}?\bpilot\b", re.IGNORECASE)


_INSPECTORS_SAID = re.compile(
    r"\b(?:inspectors|inspection teams?|the teams?)\s+(?:said|found|pointed\s+out|noted)\b"
    r"|\b(?:said|found|pointed\s+out|noted)\s+(?:the\s+)?(?:central\s+)?(?:inspectors|inspection teams?)\b"
    r"|督察(?:组|人员)?(?:指出|发现|认为|通报|强调)",
    re.IGNORECASE,
)


def _said_zero(fact: FigureFact) -> bool:
    """True for a zero said in words (no digit in its phrase)."""
    return fact.figure.value == 0 and not any(char.isdigit() for char in fact.figure.phrase)


_AFTER_THAT = re.compile(r"^\s*(?:此后|之后|随后|其后|后来)")
# after a province that heads a run of figures, a total of the whole ("合计", "全国", "7省市共") ends the run
_TOTAL_AFTER = re.compile(r"合计|总计|全国|总体|各地|\d+\s*个?省")
_MANY_REACH = 8  # characters before a province in which a word of several places makes it one of them
_RESPECTIVELY = re.compile(r"分别(?:为|是|达到?|有)?[：:]?")
_LIST_JOINER = re.compile(r"\s*(?:、|和|及|以及|，)\s*")


def _own_mentions(sentence: str, lo: int, hi: int) -> list[ScopeMention]:
    """The inspections ``sentence[lo:hi]`` names, less those in a relative clause ("the first round,
    which began with the Hebei pilot, has covered all 31 provinces": the 31 are the round's)."""
    return [m for m in find_scopes(sentence[lo:hi]) if not _in_relative_clause(sentence, lo + m.start)]


def _in_relative_clause(sentence: str, start: int) -> bool:
    """True for a mention inside ", which ..." ("the first round, which began with a pilot in Hebei")."""
    which = max(sentence.rfind(", which", 0, start), sentence.rfind(", who", 0, start))
    return which >= 0 and "," not in sentence[which + 1 : start]


def _sentence_scope(mentions: list[InspectionScope], base: InspectionScope) -> InspectionScope | None:
    """The scope a sentence's own mentions give it, or None when they agree with its article's."""
    merged = merge_scopes(mentions)
    candidates = [merged] if merged is not None else mentions
    foreign = [scope for scope in candidates if not scope_matches(base, scope)]
    if foreign:
        return _complete(foreign[0], base)
    whole = merged is not None and merged.round is not None and merged.batch is None and merged.phase is None
    return merged if whole and base.batch is not None else None  # "the first round" in a batch's article


def _complete(mention: InspectionScope, base: InspectionScope) -> InspectionScope:
    """A batch named alone belongs to the round (or the look-back) of the article around it."""
    if mention.batch is not None and mention.round is None and mention.phase is None:
        phase = base.phase if base.phase == "lookback" else None
        return InspectionScope(round=None if phase else base.round, batch=mention.batch, phase=phase)
    return mention
