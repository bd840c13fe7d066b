"""Counts of zero said in words ("中国五矿暂无人员被问责", "in Hubei no one was detained"): a count question
about one place that no figure answers is answered as zero from the clause that says so, quoted."""

from __future__ import annotations

import re

from bot.engine.compose import Composer
from bot.engine.evidence import Corpus
from bot.engine.extract import Finding, candidate_sentences
from bot.engine.grounding import ZERO_STATED
from bot.engine.prompts import Prompts
from bot.engine.question import Question
from index.facts.metrics import METRIC_BY_ID
from index.meta.gazetteer import find_enterprises, find_provinces
from index.meta.scopes import scope_matches
from index.models import InspectionScope
from index.search import Searcher, SearchFilter
from index.text.chinese import fold, has_chinese

SEARCH_K = 8
RANK_WEIGHT = 0.25
_PIECE = re.compile(r"[，,；;。]\s*")
_CONJUNCTION = re.compile(r"^(?:and|but|while|whereas)\s+", re.IGNORECASE)


def _places(text: str) -> set[str]:
    return set(find_provinces(text)) | set(find_enterprises(text))


def _piece_at(text: str, position: int) -> str:
    """The clause piece of ``text`` (between "，", "；", "。" ...) that holds ``position``."""
    start = max((m.end() for m in _PIECE.finditer(text, 0, position)), default=0)
    after = _PIECE.search(text, position)
    return text[start : after.start() if after else len(text)]


def figure_of(place: str, findings: list[Finding], corpus: Corpus) -> bool:
    """True when one of ``findings`` is a figure other than zero whose own clause piece names ``place`` (it
    beats a zero said in words, which the facts table may read as a figure of 0: "暂无")."""
    return any(
        place in _places(_piece_at(corpus.view(f.doc_id).text, f.fact.figure.start))
        for f in findings
        if f.fact is not None and f.fact.figure.value != 0
    )


class Zeros:
    """Answers a count question about one province or enterprise with a zero the articles say in words."""

    def __init__(self, searcher: Searcher, corpus: Corpus, prompts: Prompts) -> None:
        self.searcher = searcher
        self.corpus = corpus
        self.prompts = prompts

    def answer(self, question: Question, query: str) -> tuple[str, Composer] | None:
        """The reply and its composer (with the citation), or None when no clause says the count is zero."""
        places = (*question.provinces, *question.enterprises)
        if question.kind != "quantity" or len(places) != 1 or not question.metrics:
            return None
        place = places[0]
        wanted = question.scope
        filters = SearchFilter(wanted.round, wanted.batch, wanted.phase)
        hits = self.searcher.search(query, k=SEARCH_K, filters=None if filters.is_empty() else filters)
        best: tuple[float, Finding, str, str] | None = None
        for sentence in candidate_sentences(hits, self.corpus):
            view = self.corpus.view(sentence.doc_id)
            scope = view.scopes[sentence.index]
            if wanted != InspectionScope() and not scope_matches(scope, wanted):
                continue
            start, end = view.document.sentences[sentence.index]
            for piece in _PIECE.split(view.text[start:end]):
                metric = self._zero_metric(piece, question)
                if metric is None or _places(piece) != {place}:
                    continue
                score = RANK_WEIGHT * sentence.rank
                if best is None or score < best[0]:
                    finding = Finding(sentence.doc_id, sentence.index, scope, (start, end), score, "")
                    best = (score, finding, metric, _CONJUNCTION.sub("", piece.strip().rstrip(".")))
        if best is None:
            return None
        _, finding, metric, piece = best
        return self._reply(finding, place, metric, piece)

    def _zero_metric(self, piece: str, question: Question) -> str | None:
        """The asked metric a clause says is zero ("暂无人员被问责"), or None."""
        folded = fold(piece)
        if not ZERO_STATED.search(folded):
            return None
        return next((m for m in question.metrics if METRIC_BY_ID[m].question.search(folded)), None)

    def _reply(self, finding: Finding, place: str, metric: str, piece: str) -> tuple[str, Composer]:
        composer = Composer(self.corpus, self.prompts)
        n = composer.cite(finding)
        quote = composer.citations[n - 1].quote
        label = self.prompts.phrase(f"label.{metric}")
        said = self.prompts.phrase("zero", place=self.prompts.place(place, quote), label=label)
        if has_chinese(piece) == (
            self.prompts.language != "en"
        ):  # the article's words, in the reply's language
            said = self.prompts.form("zero.said", said=said, clause=piece)
        if finding.scope != InspectionScope():
            said = self.prompts.form("lead", intro=composer.intro(finding.scope), said=said)
        else:
            said = said[0].upper() + said[1:]
        return self.prompts.form("sentence", text=self.prompts.form("cited", text=said, n=str(n))), composer
