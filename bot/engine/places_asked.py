"""Questions asking in which place a detail happened ("In which city was the mobilization meeting held?",
"最后一个进驻动员会在哪个城市召开？", "Which provincial branch of ChemChina was criticised ...?",
"中国五矿此前在哪个省的督察中被批评？"): the place named by the clause that shares the question's other
content words, quoted. An ordinal over events (first / last / 首个 / 最后) picks among one article's clauses
by the days they state, else by their order. Which provinces an inspection covered stays a list question."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.engine.chinese_time import stated_days
from bot.engine.compose import Composer
from bot.engine.evidence import DATELINE, DATELINE_LEAD, Corpus
from bot.engine.extract import SUPERLATIVE, Finding, candidate_sentences
from bot.engine.prompts import Prompts
from bot.engine.question import Question
from bot.engine.words import content_terms, stem
from index.facts.metrics import word_set
from index.meta.gazetteer import find_enterprises, place_mentions, province_mentions
from index.meta.scopes import scope_matches
from index.models import InspectionScope
from index.search import Searcher, SearchFilter
from index.text.chinese import fold

SEARCH_K = 8
RANK_WEIGHT = 0.25  # score per retrieval rank, against one shared content word
MAX_PLACES = 2  # a clause naming more places of the kind asked is a list of an inspection's places
_MUNICIPALITIES = frozenset({"Beijing", "Tianjin", "Shanghai", "Chongqing"})  # cities and provinces both

# How a question asks for one place, by its kind ("which provinces" asks a list: not here)
_ASKED = {
    "city": re.compile(
        r"\b(?:which|what)\s+(?:city|town|place|venue)\b"
        r"|\bwhere\b.*\b(?:held|hold|holds|convened?|took place|take place|meet|met)\b"
        r"|哪(?:个|座|一个|一座)?(?:城市|市)|(?:在|于)(?:哪里|哪儿|何地|何处)|什么地方",
        re.IGNORECASE,
    ),
    "province": re.compile(
        r"\bwhich\s+(?:(?:earlier|previous|other|former|one|single)\s+)?(?:provinc(?:e|ial)(?!s)\w*|region"
        r"(?!s)|branch|subsidiar(?:y|ies))\b"
        r"|哪(?:个|一个|一)?(?:省(?!份们)|地区|分公司|子公司)(?!些)",
        re.IGNORECASE,
    ),
}
_ORDINALS = {
    "first": re.compile(r"\b(?:first|earliest|opening)\b|首个|第一个|第一场|最早|首场", re.IGNORECASE),
    "last": re.compile(r"\b(?:last|final|latest)\b|最后|最晚|末个", re.IGNORECASE),
}
# the words of the question that say where the answer is, not what the clause is about
_ASKING = frozenset(
    stem(word)
    for word in word_set(
        """city cities town place venue where which first earliest opening last final latest held hold
        convened took take place"""
    )
) | word_set("城市 哪个 哪里 哪儿 何地 何处 地方 最后 首个 第一个 最早 最晚 召开 举行")
# Chinese words of events these questions ask about -> the English stems questions use
_EVENT_WORDS = {
    "动员会": ("mobiliz", "meet"),
    "会议": ("meet",),
    "批评": ("critic",),
    "指出": ("critic", "point"),
    "分公司": ("branch",),
    "子公司": ("subsid", "branch"),
    "废水": ("wastew",),
    "此前": ("earlie",),
}
_VENUE = re.compile(r"(?:\bin|\bat|在|于)\s*$", re.IGNORECASE)  # "held a meeting in Hefei", "在杭州召开"
_PIECE = re.compile(r"[；;]\s*")


@dataclass(frozen=True)
class PlaceAsked:
    """What a place question asks: the kind of place, an ordinal over events, the words to match."""

    target: str  # "city" or "province"
    ordinal: str | None
    terms: frozenset[str]


@dataclass(frozen=True)
class _Candidate:
    finding: Finding
    place: str  # as the clause writes it
    clause: str
    overlap: int
    position: int  # the clause's offset in its document
    day: tuple[int, int] | None  # (month, day) the clause states


def _terms(text: str) -> set[str]:
    """The content terms of ``text``, its Chinese event words also as the English stems questions use."""
    terms = set(content_terms(text))
    folded = fold(text)
    terms.update(term for word, english in _EVENT_WORDS.items() if word in folded for term in english)
    return terms


def place_asked(question: Question) -> PlaceAsked | None:
    """What place a question asks for, or None (not a place question, a superlative, a list of the
    provinces an inspection covered, or nothing asked beyond the place)."""
    if question.kind not in ("list", "other") or SUPERLATIVE.search(question.text):
        return None
    target = next((kind for kind, pattern in _ASKED.items() if pattern.search(question.text)), None)
    if target is None:
        return None
    ordinal = next((name for name, pattern in _ORDINALS.items() if pattern.search(question.text)), None)
    names = {stem(w) for name in (*question.provinces, *question.enterprises) for w in name.split()}
    terms = frozenset(t for t in _specific(question) if t not in _ASKING and t not in names)
    return PlaceAsked(target, ordinal, terms) if terms else None


def _specific(question: Question) -> set[str]:
    """The question's specific terms, with its Chinese event words as English stems."""
    extra = {term for word, english in _EVENT_WORDS.items() if word in question.text for term in english}
    return set(question.specific) | extra


def _places(clause: str, target: str, asked: tuple[str, ...]) -> list[tuple[int, str]]:
    """The places of the kind asked that ``clause`` names (offset, as written), those the question names
    left out; a city is a city's name or a municipality's."""
    provinces = province_mentions(clause)
    if target == "province":
        return [(s, clause[s:e]) for name, s, e in provinces if name not in asked]
    spans = {(s, e) for _, s, e in provinces}
    return [
        (s, clause[s:e])
        for name, s, e in place_mentions(clause)
        if (s, e) not in spans or name in _MUNICIPALITIES
    ]


def _venue(places: list[tuple[int, str]], clause: str) -> str:
    """The place a clause says something happened at ("in Hefei, Anhui province": Hefei), else its first."""
    return next((name for at, name in places if _VENUE.search(clause[:at])), places[0][1])


class PlacesAsked:
    """Answers "in which city / which province's ..." questions with the place the matching clause names."""

    def __init__(self, searcher: Searcher, corpus: Corpus, prompts: Prompts) -> None:
        self.searcher = searcher
        self.corpus = corpus
        self.prompts = prompts

    def answer(self, question: Question, query: str) -> tuple[str, Composer] | None:
        """The reply and its composer (with the citation), or None when no clause names such a place."""
        asked = place_asked(question)
        if asked is None:
            return None
        candidates = self._candidates(question, asked, query)
        if not candidates:
            return None
        best = min(candidates, key=lambda c: (-c.overlap, c.finding.score))
        if asked.ordinal is not None:  # among the events of that one article, by day, else by order
            events = [
                c for c in candidates if c.finding.doc_id == best.finding.doc_id and c.overlap == best.overlap
            ]
            dated = all(c.day is not None for c in events)
            ordered = sorted(events, key=lambda c: (c.day if dated else (0, 0), c.position))
            best = ordered[0] if asked.ordinal == "first" else ordered[-1]
        return self._reply(best)

    def _candidates(self, question: Question, asked: PlaceAsked, query: str) -> list[_Candidate]:
        wanted = question.scope
        filters = SearchFilter(wanted.round, wanted.batch, wanted.phase)
        hits = self.searcher.search(query, k=SEARCH_K, filters=None if filters.is_empty() else filters)
        needed = max(1, math.ceil(len(asked.terms) / 2))
        found: list[_Candidate] = []
        for sentence in candidate_sentences(hits, self.corpus):
            view = self.corpus.view(sentence.doc_id)
            scope = view.scopes[sentence.index]
            if wanted != InspectionScope() and not scope_matches(scope, wanted):
                continue
            start, end = view.document.sentences[sentence.index]
            text = view.text[start:end]
            if DATELINE.match(text) or not self._about(question, text, view.document.meta.provinces):
                continue
            lead = DATELINE_LEAD.match(text)
            offset = lead.end() if lead else 0
            for piece in _PIECE.finditer(text[offset:] + "；"):
                clause = text[offset : offset + piece.start()]
                clause_at, offset = offset, offset + piece.end()
                overlap = len(asked.terms & _terms(clause))
                places = _places(clause, asked.target, question.provinces)
                if overlap < needed or not places or len({name for _, name in places}) > MAX_PLACES:
                    continue
                days = stated_days(clause)
                score = RANK_WEIGHT * sentence.rank - overlap
                finding = Finding(sentence.doc_id, sentence.index, scope, (start, end), score, "")
                found.append(
                    _Candidate(
                        finding,
                        _venue(places, clause),
                        clause.strip().rstrip("。.，,"),
                        overlap,
                        start + clause_at,
                        (days[0].month, days[0].day) if days else None,
                    )
                )
        return found

    @staticmethod
    def _about(question: Question, text: str, provinces: list[str]) -> bool:
        """True when a sentence is about the province and enterprise the question names (its article's one
        province counts for it)."""
        named = {name for name, _, _ in province_mentions(text)} or set(
            provinces if len(provinces) == 1 else ()
        )
        if question.provinces and not named & set(question.provinces):
            return False
        return not question.enterprises or bool(set(find_enterprises(text)) & set(question.enterprises))

    def _reply(self, best: _Candidate) -> tuple[str, Composer]:
        composer = Composer(self.corpus, self.prompts)
        n = composer.cite(best.finding)
        clause = (
            self.prompts.form("states", clause=best.clause) if composer.foreign(best.clause) else best.clause
        )
        said = self.prompts.form("aside", text=best.place, aside=clause)
        if best.finding.scope != InspectionScope():
            said = self.prompts.form("lead.name", intro=composer.intro(best.finding.scope), said=said)
        return self.prompts.form("sentence", text=self.prompts.form("cited", text=said, n=str(n))), composer
