"""Questions on when an article was published ("这篇报道是什么时候发布的？", "When was the report on the
sinking stage published?"): the publication date of the article the question is about, said in the reply's
language and quoted from the article's page header or dateline, never a figure or an event date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answer import Citation
from bot.engine.chinese_time import say_date
from bot.engine.coverage import describe_scope
from bot.engine.prompts import Prompts
from bot.engine.question import Question
from bot.engine.words import content_terms
from index.meta.datelines import find_dateline, find_header
from index.meta.scopes import scope_matches
from index.models import Document, InspectionScope
from index.search import Searcher, SearchFilter

SEARCH_K = 8
# how a question asks for the publication, not for a dated event the article reports
PUBLISHED_QUESTION = re.compile(
    r"\bpublish(?:ed|ing)?\b"
    r"|\bwhen (?:was|did) (?:the|this|that) (?:article|story|piece|news (?:report|item))\b"
    r"|\bdate of (?:the|this|that) (?:article|story|report)\b"
    r"|(?:报道|文章|消息|新闻|稿件|通讯|这篇|该篇)[^，。？?]{0,40}?(?:发布|发表|刊发|刊登|刊出|登载|发出)"
    r"|(?:发布|发表|刊发|刊登)(?:于|在|的?时间|的?日期)",
    re.IGNORECASE,
)
# Score of a retrieved article: its best passage's rank, less this much per question word its title shares
TITLE_WORD_SCORE = 1.0
SCOPE_SCORES = {"own": 0.0, "other": 3.0}  # an article filed under another inspection than the one asked


@dataclass(frozen=True)
class Dated:
    """An article's publication date and the span of its text that states it."""

    document: Document
    start: int
    end: int


def asks_publication(question: Question) -> bool:
    """True when a "when" question asks when an article was published."""
    return question.kind == "when" and bool(PUBLISHED_QUESTION.search(question.text))


def date_span(document: Document) -> Dated | None:
    """Where the article states its own publication date: its page header line, else its dateline (same
    day); None when its text states it nowhere (a date from front matter alone)."""
    date = document.meta.date
    if date is None:
        return None
    header = find_header(document.text)
    if header is not None and header.date == date:
        return Dated(document, header.start, header.end)
    dateline = find_dateline(document.text)
    if dateline is not None and (dateline.month, dateline.day) == (date.month, date.day):
        return Dated(document, dateline.start, dateline.end)
    return None


def _title_shared(document: Document, question: Question) -> int:
    """How many of the question's specific words the article's title has."""
    return len(set(question.specific) & set(content_terms(document.meta.title)))


class PublicationDates:
    """Answers publication-date questions from the best-matching article's header or dateline."""

    def __init__(self, searcher: Searcher, prompts: Prompts) -> None:
        self.searcher = searcher
        self.prompts = prompts

    def answer(self, question: Question, query: str) -> tuple[str, list[Citation]] | None:
        """The reply and its citation, or None when no article the question may mean states its date."""
        wanted = question.scope
        filters = SearchFilter(wanted.round, wanted.batch, wanted.phase, year=question.year)
        hits = self.searcher.search(query, k=SEARCH_K, filters=None if filters.is_empty() else filters)
        scores: dict[str, float] = {}
        documents: dict[str, Document] = {}
        shared: dict[str, int] = {}  # how many of the question's specific words each article's title has
        for hit in hits:
            document = self.searcher.version.documents[hit.chunk.doc_id]
            documents[document.doc_id] = document
            if document.doc_id not in shared:
                shared[document.doc_id] = _title_shared(document, question)
            scores[document.doc_id] = min(
                scores.get(document.doc_id, float("inf")),
                self._score(hit.rank, document, question, shared[document.doc_id]),
            )
        # a tie goes to the article whose title shares more of the question's words
        for doc_id in sorted(scores, key=lambda doc_id: (scores[doc_id], -shared[doc_id])):
            dated = date_span(documents[doc_id])
            if dated is not None:
                return self._reply(dated, wanted)
        return None

    @staticmethod
    def _score(rank: int, document: Document, question: Question, shared: int) -> float:
        """A hit's score (lower is better): its rank, less ``shared`` title words, and its scope's."""
        scope = "own" if scope_matches(document.meta.scope, question.scope) else "other"
        return rank - TITLE_WORD_SCORE * shared + SCOPE_SCORES[scope]

    def _reply(self, dated: Dated, wanted: InspectionScope) -> tuple[str, list[Citation]]:
        document = dated.document
        assert document.meta.date is not None
        citation = Citation(
            n=1,
            doc_id=document.doc_id,
            title=document.meta.title,
            source=document.meta.source,
            date=document.meta.date.isoformat(),
            url=document.meta.url,
            quote=document.text[dated.start : dated.end],
            start=dated.start,
            end=dated.end,
        )
        date = say_date(document.meta.date, self.prompts.language)
        if wanted == InspectionScope():
            said = self.prompts.phrase("published.any", date=date)
        else:
            said = self.prompts.phrase("published", scope=describe_scope(wanted, self.prompts), date=date)
        text = self.prompts.form("sentence", text=self.prompts.form("cited", text=said, n="1"))
        return text, [citation]
