"""Questions a team list answers from one entry (bot.engine.team_lists): which team inspected a place
("负责江苏省的是哪个督察组？", "Which team inspected Jiangsu?"), when the team for a place was stationed
("When was the look-back team stationed in Heilongjiang in 2018?", "黑龙江的督察组是哪天进驻的？"), and which
place received the batch's first team (the earliest stationing the list dates, wherever its line stands).

The entries are weighed by ``ENTRY_SCORES`` (lower is better) plus the article's retrieval rank.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.engine.chinese_time import say_day
from bot.engine.compose import Composer
from bot.engine.evidence import Corpus
from bot.engine.extract import Finding
from bot.engine.leaders import DEPUTY_QUESTION, LEADER_QUESTION
from bot.engine.prompts import ENGLISH, Prompts
from bot.engine.question import DURATION_QUESTION, Question
from bot.engine.team_lists import TeamEntry, TeamLists
from bot.engine.teams import FIRST_ARRIVAL
from index.meta.scopes import scope_matches
from index.models import InspectionScope
from index.search import Searcher, SearchFilter
from index.text.chinese import has_chinese

SEARCH_K = 8
RANK_WEIGHT = 0.1
# a list's entry naming the team as written, or only by its number; a clause of a sentence tying a numbered
# team to its place ("中央第四督察组负责江西省")
ENTRY_SCORES = {"named": 0.0, "numbered": 0.5, "clause": 0.5}
FOREIGN_WEIGHT = 1.0  # an entry in another language than the reply's, where one in its own says the same

# "哪个督察组", "which team inspected", "what inspection group": the team asked, not its leader
WHICH_TEAM = re.compile(
    r"哪[个一]?个?(?:中央)?(?:生态环境保护|环境保护|环保)?督察组|哪[个一]组"
    r"|\b(?:which|what)\s+(?-i:[a-z-]+\s+){0,4}?(?:team|group)\b(?!\s+(?:leader|head|chief|deputy))",
    re.I,
)
_NUMERAL_NAME = re.compile(r"\d\s*$")  # "Group 4", "Team No. 4"
# a "when" question on a place's team asks its stationing unless it names another event
OTHER_EVENT = re.compile(
    r"\bfeedback\b|\bfe(?:d|eds?)\s+back\b|\breported\s+back\b|反馈|\bas\s+of\b|截至|截止|\bpublish|发布",
    re.I,
)

# a "when" question on a place's team names the team or its stationing ("When was the team stationed in
# Heilongjiang?", "黑龙江的督察组是哪天进驻的？"), not another deadline or the inspection's own start
STATIONING = re.compile(r"\b(?:team|group)s?\b|\bstationed\b|督察组|进驻", re.I)
STATIONING_TERMS = frozenset({"team", "group", "station"})  # their stems, carried by a follow-up


@dataclass(frozen=True)
class Placed:
    """An entry found for a question, with its article, inspection and score."""

    entry: TeamEntry
    doc_id: str
    scope: InspectionScope
    score: float
    year: int | None  # the article's year, for a stationing stated without one


def _as_written(entry: TeamEntry) -> bool:
    """True when the entry names its team in words ("中央第四环境保护督察组", "the Fourth Central ... Team"),
    not only by a numeral ("Group 4")."""
    return bool(entry.name) and not _NUMERAL_NAME.search(entry.name)


class Listed:
    """Answers from one entry of a team list: the team for a place, its stationing, the first to arrive."""

    def __init__(self, searcher: Searcher, corpus: Corpus, prompts: Prompts, lists: TeamLists) -> None:
        self.searcher = searcher
        self.corpus = corpus
        self.prompts = prompts
        self.lists = lists

    def answer(self, question: Question) -> tuple[str, Composer] | None:
        """The reply and its composer, or None when the question is none of these or no list answers it."""
        places = (*question.provinces, *question.enterprises)
        leader = LEADER_QUESTION.search(question.text) or DEPUTY_QUESTION.search(question.text)
        if len(places) == 1 and WHICH_TEAM.search(question.text) and not leader:
            best = self._best(question, places[0], lambda entry: bool(entry.name or entry.team))
            return None if best is None else self._team(best, places[0])
        # the team or its stationing, in the question or the last turn it follows ("And the one for Jiangsu?")
        asked = STATIONING.search(question.text) or STATIONING_TERMS & set(question.terms)
        other = OTHER_EVENT.search(question.text) or DURATION_QUESTION.search(question.text)  # "how long"
        stationing = asked and not other
        if len(places) == 1 and question.kind == "when" and stationing:
            best = self._best(question, places[0], lambda entry: entry.stationed is not None)
            return None if best is None else self._stationed(best, places[0], "team.stationed")
        if not places and FIRST_ARRIVAL.search(question.text) and question.scope.batch is not None:
            dated = [found for found in self._entries(question, None) if found.entry.stationed is not None]
            first = min(dated, key=lambda found: (found.entry.arrival(found.year), found.score), default=None)
            return None if first is None else self._stationed(first, first.entry.places[0], "team.first")
        return None

    def _entries(self, question: Question, place: str | None) -> list[Placed]:
        """The entries of the articles retrieved for the question's inspection (and for ``place``)."""
        wanted = question.scope
        ranks: dict[str, int] = {}
        for filters in (
            SearchFilter(wanted.round, wanted.batch, wanted.phase),
            *([SearchFilter(wanted.round, wanted.batch, wanted.phase, provinces=(place,))] if place else []),
        ):
            for hit in self.searcher.search(
                question.text, k=SEARCH_K, filters=None if filters.is_empty() else filters
            ):
                ranks[hit.chunk.doc_id] = min(ranks.get(hit.chunk.doc_id, hit.rank), hit.rank)
        found = []
        for doc_id, rank in ranks.items():
            view = self.corpus.view(doc_id)
            published = view.document.meta.date
            listed = [
                (entry, "named" if _as_written(entry) else "numbered") for entry in self.lists.entries(doc_id)
            ]
            for entry, kind in [*listed, *((entry, "clause") for entry in self.lists.clauses(doc_id))]:
                scope = view.scopes[entry.sentence]
                if wanted != InspectionScope() and not scope_matches(scope, wanted):
                    continue
                foreign = has_chinese(view.text[entry.start : entry.end]) == (
                    self.prompts.language == ENGLISH
                )
                score = ENTRY_SCORES[kind] + RANK_WEIGHT * rank + FOREIGN_WEIGHT * foreign
                found.append(Placed(entry, doc_id, scope, score, published.year if published else None))
        return found

    def _best(self, question: Question, place: str, keep: Callable[[TeamEntry], bool]) -> Placed | None:
        """The best-scored entry for ``place`` that ``keep`` accepts."""
        entries = [
            found
            for found in self._entries(question, place)
            if place in found.entry.places and keep(found.entry)
        ]
        return min(entries, key=lambda found: found.score, default=None)

    def _team(self, found: Placed, place: str) -> tuple[str, Composer]:
        """ "In ..., Jiangsu was inspected by the Fourth Central ... Team [1]." """
        composer = Composer(self.corpus, self.prompts)
        entry = found.entry
        n = composer.cite(Finding(found.doc_id, entry.sentence, found.scope, (entry.start, entry.end), 0, ""))
        quote = composer.citations[n - 1].quote
        team = entry.name
        foreign = composer.foreign(team) and bool(entry.team)  # "第六督察组" in English: "the sixth team"
        if not _as_written(entry) or foreign:
            team = self.prompts.phrase("team.numbered", number=self.prompts.ordinal(entry.team or 0))
        if team.isascii() and not team.lower().startswith(("the ", "group", "team")):
            team = "the " + team
        said = self.prompts.phrase("team.name", place=self.prompts.place(place, quote), team=team)
        return self._said(composer, found.scope, said, n), composer

    def _stationed(self, found: Placed, place: str, key: str) -> tuple[str, Composer]:
        """ "In ..., the team for Heilongjiang was stationed from May 30 to June 30, 2018 [1]." (the day
        said in the reply's words, then as the quote writes it when that is another language)."""
        composer = Composer(self.corpus, self.prompts)
        entry = found.entry
        assert entry.stationed is not None and entry.stationed_at is not None
        n = composer.cite(Finding(found.doc_id, entry.sentence, found.scope, (entry.start, entry.end), 0, ""))
        quote = composer.citations[n - 1].quote
        line = self.corpus.view(found.doc_id).text[entry.stationed_at[0] : entry.stationed_at[1]]
        written = line[entry.stationed.start : entry.stationed.end]
        day = say_day(entry.stationed, self.prompts.language)
        when = self.prompts.phrase("date.range" if entry.stationed.until else "date.on", day=day)
        if composer.foreign(written):
            when = self.prompts.form("aside", text=when, aside=written)
        said = self.prompts.phrase(key, place=self.prompts.place(place, quote), when=when)
        return self._said(composer, found.scope, said, n), composer

    def _said(self, composer: Composer, scope: InspectionScope, said: str, n: int) -> str:
        if scope != InspectionScope():
            said = self.prompts.form("lead", intro=composer.intro(scope), said=said)
        else:
            said = said[0].upper() + said[1:]
        return self.prompts.form("sentence", text=self.prompts.form("cited", text=said, n=str(n)))
