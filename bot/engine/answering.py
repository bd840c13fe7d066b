"""The answer engine (AnswerEngine): question analysis, hybrid retrieval with scope filters, offline
extraction, verbatim citations, a grounding check on every answer, and honest abstention. An optional LLM
rewrites answers when ``settings.llm_base_url`` is set; its answer must pass the same check."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, replace

from bot.answer import Answer, ChartPoint, Citation, Operation
from bot.budget import DEFAULT_BUDGET_S, BudgetExceeded, time_budget
from bot.engine.aggregate import Aggregator, asked_metrics, year_operands
from bot.engine.compose import Composer
from bot.engine.conversation import Conversation
from bot.engine.coverage import Coverage, coverage_of, describe_scope, scope_key
from bot.engine.each import each_inspection, joined_by_inspection
from bot.engine.evidence import Corpus
from bot.engine.extract import SUPERLATIVE, Extractor, Finding, Sentence, candidate_sentences
from bot.engine.free_figures import chinese_query
from bot.engine.grounding import is_grounded
from bot.engine.leaders import Leaders, asks_leader, asks_person
from bot.engine.listed import Listed
from bot.engine.named import provinces_counted
from bot.engine.nationwide import (
    asks_nationwide,
    is_period_total,
    labelled,
    year_asked,
    year_intro,
    year_totals,
)
from bot.engine.parts import in_context_of, joined, split_parts
from bot.engine.places_asked import PlacesAsked
from bot.engine.prompts import ENGLISH, Prompts, default_prompts, speaking
from bot.engine.published import PublicationDates, asks_publication
from bot.engine.question import TIME_UNIT, Question, analyse
from bot.engine.selection import by_inspection, by_scope, combined, is_part, quantity_rows
from bot.engine.stages import Stage, by_stage, figure_stage, stage_of
from bot.engine.team_lists import TeamLists
from bot.engine.teams import Teams
from bot.engine.vocabulary import CorpusWords
from bot.engine.whole_round import of_whole_rounds
from bot.engine.zeros import Zeros, figure_of
from bot.settings import Settings
from index.facts.numbers import number_tokens
from index.meta.calendar import Calendar
from index.meta.gazetteer import find_provinces
from index.meta.scopes import scope_matches
from index.models import InspectionScope
from index.search import Searcher, SearchFilter
from index.store import IndexVersion
from index.text.chinese import language_of

__all__ = ["AnswerEngine", "Coverage", "Reply"]

log = logging.getLogger(__name__)

SEARCH_K = 8
TABLE_RANK_PENALTY = 2  # rank added to a facts-table sentence the search missed (past a neighbour's)
TABLE_SENTENCES = 8  # facts-table rows read per metric asked (the likeliest to give the figure)
_CJK = re.compile(r"[\u3400-\u9fff]")
LLM_QUOTES = 6
MAX_SCOPES_ANSWERED = 3
MIN_FAMILIAR_TERMS = 2
MAX_PARTS_ANSWERED = 6  # the batches of a round asked as a whole


@dataclass(frozen=True)
class Reply:
    """An answer before timing: the text, whether it answers, its citations, and why it refused."""

    answered: bool
    text: str
    citations: list[Citation]
    refusal: str | None = None  # the template of a refusal
    chart: tuple[ChartPoint, ...] = ()  # figures across inspections, when the answer computes with them
    arithmetic: tuple[Operation, ...] = ()  # the arithmetic it states (checked by the grounding check)


def _states_figure(text: str, groups: list[tuple[InspectionScope, list[Finding]]]) -> bool:
    """True when ``text`` states at least one of the figures its findings found."""
    found = {
        token
        for _, findings in groups
        for finding in findings
        if finding.fact is not None
        for token in number_tokens(finding.fact.figure.phrase)
    }
    return bool(found & set(number_tokens(text)))


class AnswerEngine:
    """Answers questions from one index version. Safe to share between threads."""

    def __init__(
        self,
        searcher: Searcher,
        version: IndexVersion,
        settings: Settings | None = None,
        prompts: Prompts | None = None,
        calendar: Calendar | None = None,
    ) -> None:
        self.searcher = searcher
        self.version = version
        # the inspections questions name by place, year or month (never cited: answers quote articles)
        self.calendar = calendar if calendar is not None else version.calendar
        self.settings = settings
        self.prompts = prompts or default_prompts()
        self.corpus = Corpus(version, self.calendar)
        self.extractor = Extractor(self.corpus, self.calendar)
        self.aggregator = Aggregator(version, self.calendar, self.prompts)
        self._coverage = coverage_of(version)
        self._spoken_of: dict[tuple[int | None, int | None, str | None], bool] = {}  # _covers' sentence reads
        self._words = CorpusWords(version)  # the articles' names and content words, read on first use
        self._published = PublicationDates(searcher, self.prompts)
        lists = TeamLists(self.corpus)  # the team lists' entries, read once per article
        self._leaders = Leaders(searcher, self.corpus, self.prompts, lists)
        self._zeros = Zeros(searcher, self.corpus, self.prompts)
        self._teams = Teams(searcher, self.corpus, self.prompts, self.calendar, lists)
        self._listed = Listed(searcher, self.corpus, self.prompts, lists)
        self._places = PlacesAsked(searcher, self.corpus, self.prompts)
        self._llm = None
        if settings is not None and settings.llm_base_url:
            from bot.engine.llm import LLMClient

            self._llm = LLMClient(settings, self.prompts)

    # ------------------------------------------------------------------ public
    def coverage(self) -> Coverage:
        """The rounds, batches and phases indexed (``.describe(prompts)``: short words grouped by round)."""
        return self._coverage

    def coverage_text(self) -> str:
        """The coverage in words, for replies."""
        return self._coverage.describe(self.prompts)

    def answer(self, question: str, context: Conversation | None = None) -> Answer:
        """Answer one question (in ``context``, a conversation, when given); never raises for any text."""
        started = time.perf_counter()
        budget = self.settings.answer_budget_s if self.settings is not None else DEFAULT_BUDGET_S
        with speaking(language_of(question)):  # replies in the question's language
            try:
                with time_budget(budget):
                    reply = self.reply(question, context)
            except BudgetExceeded:  # an answer or a refusal in bounded time, whatever the articles hold
                log.warning("answering %r took over %.1f s: refused", question[:200], budget)
                reply = self._refuse("no_answer_weak")
            except Exception:  # a bug must not take the front end down: log it and say so plainly
                log.exception("answering %r failed", question)
                reply = self._refuse("no_answer_weak")
            text = self.prompts.typeset(reply.text)
        return Answer(
            question=question,
            answered=reply.answered,
            answer=text,
            citations=reply.citations,
            chart=list(reply.chart),
            arithmetic=list(reply.arithmetic),
            latency_ms=round((time.perf_counter() - started) * 1000, 3),
        )

    def reply(self, question: str, context: Conversation | None = None) -> Reply:
        """The reply to one question (extractive, or the LLM's when configured and grounded); in a
        conversation, read in its context (bot.engine.conversation) and recorded as its last turn."""
        text = " ".join(question.split())
        if not text:
            return self._refuse("no_answer_empty")
        if not self.version.documents:
            return self._refuse("no_answer_index")
        analysed = analyse(text, self.calendar)
        if context is not None:
            analysed = context.follow(analysed, self.prompts).question
        each = self._one_by_one(analysed)  # "Who led the second team in the first and second batches?"
        if each is not None:
            return each
        resolved, team = self._teams.resolve(analysed)  # a team named by number or leader: its place's team
        if team is not None and self._teams.answers_itself(analysed, team):
            placed = self._teams.answer_place(analysed, team)
            if is_grounded(placed[0], placed[1].citations, self.version.documents):
                return Reply(True, placed[0], placed[1].citations)
            return self._refuse("no_answer_weak")
        if team is None and self._teams.unplaced(analysed):  # never every team's leaders for one team
            return self._refuse("no_answer_weak")
        analysed = resolved
        two = self._two_parts(analysed)  # "When was the team stationed, and how many reports ...?": both
        if two is not None:
            return two
        earlier = context.turns[:-1] if context is not None else []
        across = self.aggregator.answer(analysed, earlier)  # comparisons, totals ... across inspections
        if across is not None and not across.answered and analysed.kind == "list":
            stated = self._stated_superlative(analysed)  # "Hunan received the most reports", no figures
            if stated is not None:
                return stated
        if across is not None:
            return Reply(
                across.answered,
                across.text,
                across.citations,
                None if across.answered else "aggregate_no_places",
                tuple(across.chart),
                tuple(across.arithmetic),
            )
        if year_operands(analysed.text):  # "in 2018 and in the second batch": no year filters the batch
            analysed = replace(analysed, year=None)
        reply = self._extractive(analysed)
        if self._llm is not None and (reply.answered or reply.refusal == "no_answer_weak"):
            generated = self._generate(analysed, reply)
            if generated is not None:
                return generated
        return reply

    def _two_parts(self, question: Question) -> Reply | None:
        """A question whose first part asks no figure and whose second asks one (bot.engine.parts): both
        parts answered, the second in the first's inspection; None when it is not such a question or a part
        goes unanswered (then it is answered as one question)."""
        parts = split_parts(question.text)
        if parts is None:
            return None
        first = analyse(parts[0], self.calendar)
        second = in_context_of(analyse(parts[1], self.calendar), first)
        if first.kind == "quantity" or second.kind != "quantity" or not second.specific:
            return None  # "how many companies were fined, and how much?", "which ..., and how much?": one
        replies = [self._extractive(first), self._extractive(second)]
        if not all(reply.answered for reply in replies):
            return None
        text, citations = joined(*((reply.text, reply.citations) for reply in replies))
        return Reply(True, text, citations) if is_grounded(text, citations, self.version.documents) else None

    def _stated_superlative(self, question: Question) -> Reply | None:
        """The extractive answer to "which province had the most ..." when the figures per province are
        not given but a sentence states the superlative in words (every quote must word one)."""
        if not SUPERLATIVE.search(question.text):
            return None
        reply = self._extractive(question)
        stated = reply.answered and all(SUPERLATIVE.search(c.quote) for c in reply.citations)
        return reply if stated else None

    def _one_by_one(self, question: Question) -> Reply | None:
        """A "who" question on several inspections: each asked alone (bot.engine.each), the answers joined;
        None when it is no such question or no inspection's articles say."""
        asked = each_inspection(question, self.calendar, self.prompts)
        replies = [(scope, self.reply(text)) for scope, text in asked]
        if not any(reply.answered for _, reply in replies):
            return None
        parts = [(scope, reply.answered, reply.text, reply.citations) for scope, reply in replies]
        text, citations = joined_by_inspection(parts, self.prompts)
        return Reply(True, text, citations) if is_grounded(text, citations, self.version.documents) else None

    def _generate(self, question: Question, reply: Reply) -> Reply | None:
        """The LLM's answer from the extractive citations and the retrieved passages, if grounded."""
        from bot.engine.llm import Quote

        assert self._llm is not None
        quotes = [Quote(c, self._scope_words(c.doc_id, c.start)) for c in reply.citations]
        filters = SearchFilter(
            round=question.scope.round, batch=question.scope.batch, phase=question.scope.phase
        )
        for hit in self.searcher.search(
            question.text, k=LLM_QUOTES, filters=None if filters.is_empty() else filters
        ):
            if len(quotes) >= LLM_QUOTES:
                break
            chunk = hit.chunk
            if any(
                q.citation.doc_id == chunk.doc_id
                and q.citation.start < chunk.end
                and chunk.start < q.citation.end
                for q in quotes
            ):
                continue
            document = self.version.documents[chunk.doc_id]
            citation = Citation(
                n=len(quotes) + 1,
                doc_id=chunk.doc_id,
                title=document.meta.title,
                source=document.meta.source,
                date=document.meta.date.isoformat() if document.meta.date else None,
                url=document.meta.url,
                quote=document.text[chunk.start : chunk.end],
                start=chunk.start,
                end=chunk.end,
            )
            quotes.append(Quote(citation, describe_scope(chunk.scope, self.prompts)))
        generated = self._llm.answer(question.text, quotes)
        if generated is None or not is_grounded(generated[0], generated[1], self.version.documents):
            return None
        return Reply(True, generated[0], generated[1])

    def _scope_words(self, doc_id: str, offset: int) -> str:
        view = self.corpus.view(doc_id)
        index = next(
            (i for i, (start, end) in enumerate(view.document.sentences) if start <= offset < end), 0
        )
        return describe_scope(view.scopes[index], self.prompts)

    # ------------------------------------------------------------------ refusals
    def _refuse(self, template: str, **values: object) -> Reply:
        return Reply(
            False, self.prompts.render(template, coverage=self.coverage_text(), **values), [], template
        )

    def _grounded(self, text: str, composer: Composer, best: Finding) -> Reply:
        """The answer if it passes the grounding check, else the best finding's sentence quoted, else none."""
        if is_grounded(text, composer.citations, self.version.documents):
            return Reply(True, text, composer.citations)
        log.warning("ungrounded answer replaced by a quote: %r", text)
        quoting = Composer(self.corpus, self.prompts)
        start, end = best.span
        quote = replace(best, text=self.corpus.view(best.doc_id).text[start:end])
        text = quoting.clause(quote)
        if is_grounded(text, quoting.citations, self.version.documents):
            return Reply(True, text, quoting.citations)
        return self._refuse("no_answer_weak")

    # ------------------------------------------------------------------ extraction
    def _extractive(self, question: Question) -> Reply:
        if not (question.on_topic or self._familiar(question)):
            return self._refuse("no_answer_offtopic")
        wanted = question.scope
        if self._never_held(wanted):  # "the sixth batch of the first round": no article can speak of it
            return self._refuse("no_answer_scope", asked=describe_scope(wanted, self.prompts))
        if asks_publication(question):  # the article's own date, never a figure or an event's date
            dated = self._published.answer(question, self._query(question))
            if dated is None or not is_grounded(*dated, self.version.documents):
                return self._refuse("no_answer_weak")
            return Reply(True, *dated)
        if asks_leader(question):  # the leader named for that province's team, not a list of every team's
            led = self._leaders.answer(question, self._query(question))
            if led is None or not is_grounded(led[0], led[1].citations, self.version.documents):
                return self._refuse("no_answer_weak")
            return Reply(True, led[0], led[1].citations)
        listed = self._listed.answer(question)  # a team list's entry: a place's team, its stationing
        if listed is not None and is_grounded(listed[0], listed[1].citations, self.version.documents):
            return Reply(True, listed[0], listed[1].citations)
        if asks_person(question):  # "宋秀岩是谁？": the clause naming them with their role
            named = self._leaders.person(question, self._query(question))
            if named is not None and is_grounded(named[0], named[1].citations, self.version.documents):
                return Reply(True, named[0], named[1].citations)
        placed = self._places.answer(question, self._query(question))  # "in which city was ... held?"
        if placed is not None and is_grounded(placed[0], placed[1].citations, self.version.documents):
            return Reply(True, placed[0], placed[1].citations)
        year, yearly, said = self._year_groups(question)  # "the inspections of 2016": the year's own total
        groups = (
            self._with_inspections_of_year(question, yearly)
            if yearly
            else self._candidate_groups(question)
            if question.candidates
            else self._groups(question, wanted)
        )
        if not groups and question.kind == "quantity" and TIME_UNIT.match(question.counted):
            # "within how many working days ...": no figure counts them, a clause may state the time
            question = replace(question, kind="when")
            groups = self._groups(question, wanted)
        zero = self._zeros.answer(question, self._query(question))
        found = [finding for _, findings in groups for finding in findings]
        places = (*question.provinces, *question.enterprises)
        if (
            zero is not None
            and not any(figure_of(place, found, self.corpus) for place in places)
            and is_grounded(zero[0], zero[1].citations, self.version.documents)
        ):
            return Reply(True, zero[0], zero[1].citations)  # "中国五矿暂无人员被问责": a count of zero
        if not groups:
            if wanted != InspectionScope() and not self._covers(wanted):
                return self._refuse("no_answer_scope", asked=describe_scope(wanted, self.prompts))
            return self._nothing_found(question, wanted)
        limit = (
            MAX_PARTS_ANSWERED if all(is_part(scope, wanted) for scope, _ in groups) else MAX_SCOPES_ANSWERED
        )
        if len(groups) > limit:
            scopes = ", ".join(describe_scope(scope, self.prompts) for scope, _ in groups)
            return Reply(False, self.prompts.render("ambiguity", scopes=scopes), [], "ambiguity")
        composer = Composer(self.corpus, self.prompts)
        sentences = [self._compose(question, scope, findings, composer) for scope, findings in groups]
        label = year_intro(self.prompts, year, composer.citations, said) if yearly and year else None
        if label is not None:  # the year's total labelled as the year, not as "the indexed articles"
            plain = composer.intro(InspectionScope())
            sentences[0] = labelled(self.prompts, sentences[0], plain, label)
        parts = [is_part(scope, wanted) for scope, findings in groups if findings[0].metric is not None]
        if question.kind == "quantity" and parts and all(parts):
            # said once, before the figures of the parts (a round's batches) that answer instead
            asked = describe_scope(wanted, self.prompts)
            sentences.insert(0, self.prompts.render("no_whole_scope", asked=asked))
        reply = self._grounded(self.prompts.sentences(sentences), composer, groups[0][1][0])
        if question.kind == "quantity" and reply.answered and not _states_figure(reply.text, groups):
            return self._nothing_found(question, wanted)  # a quantity answer without its figure is none
        return reply

    def _groups(
        self, question: Question, wanted: InspectionScope
    ) -> list[tuple[InspectionScope, list[Finding]]]:
        """The findings, one group per inspection the answer speaks of.

        A batch named without its round is searched in every round (and look-back) that has it, and in
        passages that name it anywhere; each inspection with findings is a group. Otherwise the passages
        of the inspection named are searched first, then (for inspections only some sentence of an article
        mentions, say a summary of earlier batches) all passages.
        """
        if wanted.batch is not None and wanted.round is None and wanted.phase is None:
            options: list[InspectionScope | None] = [*self._scope_options(wanted), None]
            return by_inspection(self._findings(question, wanted, options))
        searches: list[InspectionScope | None] = [wanted]
        if wanted.batch is not None:  # then the round (or look-back) the batch belongs to
            searches.append(InspectionScope(round=wanted.round, phase=wanted.phase))
        if wanted != InspectionScope():
            searches.append(None)
        findings: list[Finding] = []
        local: list[Finding] = []  # figures for one province of the inspection, kept until nothing better
        tried: list[InspectionScope | None] = []
        for scope in searches:
            if scope in tried:
                continue
            tried.append(scope)
            findings = self._findings(question, wanted, [scope])
            one_province = findings and all(f.places for f in findings)
            if one_province and question.kind == "quantity" and scope is not None:
                local, findings = local or findings, []  # a wider search may find the whole inspection's
                continue
            if findings and (question.kind != "quantity" or scope is None or scope.batch is None):
                break
            if findings:  # a batch's figure may also be in a later report on its whole round
                wider = InspectionScope(round=wanted.round, phase=wanted.phase)
                tried.append(wider)
                more = self._findings(question, wanted, [wider])
                findings = sorted(
                    {
                        (f.doc_id, f.span, f.metric, f.fact.figure.start if f.fact else -1): f
                        for f in [*findings, *more]
                    }.values(),
                    key=lambda f: f.score,
                )
                break
        groups = by_scope(question, wanted, findings or local)
        parts = [s for s in self._coverage.matching(wanted) if is_part(s, wanted)]
        if question.kind == "quantity" and groups and all(is_part(s, wanted) for s, _ in groups) and parts:
            # no figure for the whole round: every batch of it gets its own search, so none is missed
            extra = self._findings(question, wanted, list(parts))
            groups = by_scope(question, wanted, sorted([*findings, *extra], key=lambda f: f.score))
        return groups

    def _year_groups(
        self, question: Question
    ) -> tuple[int | None, list[tuple[InspectionScope, list[Finding]]], dict[str, str]]:
        """For a question on the inspections of one year (nationwide.year_asked): the year, and the year's
        own total as articles state it (one group of no one inspection) with the words each article says the
        year in; no group when none states it (the year's inspections are then answered one by one)."""
        year = year_asked(question)
        if year is None:
            return None, [], {}
        found = self._findings(replace(question, year=None, candidates=()), InspectionScope(), [None])
        totals = year_totals(found, self.corpus.view, year)
        if not totals:
            return year, [], {}
        words = {finding.doc_id: said for finding, said in reversed(totals)}  # each article's first
        return year, [(InspectionScope(), [finding for finding, _ in totals])], words

    def _with_inspections_of_year(
        self, question: Question, yearly: list[tuple[InspectionScope, list[Finding]]]
    ) -> list[tuple[InspectionScope, list[Finding]]]:
        """The year's total (``yearly``, first) and, after it, the figure of each of that year's
        inspections (``question.candidates``: "after the 2016 inspections", 720 in all, 404 and 265 by
        batch) when the articles give every one of them and they fit in one answer; the year's total alone
        otherwise: a part of the year beside its total, or a group of provinces asked ("the 2016
        inspections of 15 provincial areas", "of Ningxia and Beijing": the group's own figure). A
        per-inspection group never repeats a sentence of the year's total."""
        if not question.candidates or provinces_counted(question.text) or find_provinces(question.text):
            return yearly
        total = {(f.doc_id, f.sentence) for _, findings in yearly for f in findings}
        each = [
            (scope, kept)
            for scope, findings in self._candidate_groups(question)
            if (kept := [f for f in findings if (f.doc_id, f.sentence) not in total])
        ]
        given = [scope for scope, _ in each]
        if any(scope not in given for scope, _ in question.candidates) or (
            len(yearly) + len(each) > MAX_SCOPES_ANSWERED
        ):
            return yearly
        return [*yearly, *each]

    def _candidate_groups(self, question: Question) -> list[tuple[InspectionScope, list[Finding]]]:
        """The groups of each inspection the question's places, years or months fit about equally well."""
        groups: dict[tuple[int | None, int | None, str | None], tuple[InspectionScope, list[Finding]]] = {}
        for scope, _ in question.candidates:
            one = replace(question, scope=scope, candidates=())
            for found, findings in self._groups(one, scope):
                groups.setdefault((found.round, found.batch, found.phase), (found, findings))
        return sorted(groups.values(), key=lambda group: scope_key(group[0]))

    def _familiar(self, question: Question) -> bool:
        """True for a question in the articles' own words: its proper names all occur in them ("What
        happened in Shangrao?"), or its specific words, at least two, all do."""
        if question.names and question.names <= self._words.names:
            return True
        vocabulary = self._words.vocabulary
        return len(question.specific) >= MIN_FAMILIAR_TERMS and set(question.specific) <= vocabulary

    def _covers(self, wanted: InspectionScope) -> bool:
        """True if a passage is filed under ``wanted`` or some sentence speaks of it ("The third batch, which
        covered ..." in an article filed under the fourth). The sentences are read once per inspection asked,
        and not at all for a batch the calendar says was never held."""
        if self._coverage.covers(wanted):
            return True
        if self._never_held(wanted):
            return False
        key = scope_key(wanted)
        if key not in self._spoken_of:
            stored = self.version.spoken_scopes if self.calendar is self.version.calendar else None
            if stored is not None:  # every sentence's scope as the build read them: no article read again
                scopes = (InspectionScope(round=r, batch=b, phase=p) for r, b, p in stored)  # type: ignore[arg-type]
                spoken = any(scope_matches(scope, wanted) for scope in scopes)
            else:
                views = (self.corpus.view(doc_id) for doc_id in self.version.documents)
                spoken = any(scope_matches(scope, wanted) for view in views for scope in view.scopes)
            self._spoken_of[key] = spoken
        return self._spoken_of[key]

    def _never_held(self, wanted: InspectionScope) -> bool:
        """True for a batch numbered past the last of a round that the calendar shows over (a later round has
        begun): "the sixth batch of the first round"."""
        if self.calendar is None or wanted.phase is not None or not (wanted.round and wanted.batch):
            return False
        later = any(entry.scope.round and entry.scope.round > wanted.round for entry in self.calendar.entries)
        batches = [entry.scope.batch or 0 for entry in self.calendar.of_round(wanted.round)]
        return later and bool(batches) and wanted.batch > max(batches)

    def _scope_options(self, wanted: InspectionScope) -> list[InspectionScope]:
        """A batch named without its round stands for that batch in every round (and look-back) covered."""
        options = {(scope.round, scope.phase) for scope in self._coverage.matching(wanted)}
        scopes = [InspectionScope(round=r, batch=wanted.batch, phase=p) for r, p in options]  # type: ignore[arg-type]
        return sorted(scopes, key=scope_key)

    def _findings(
        self, question: Question, wanted: InspectionScope, searches: list[InspectionScope | None]
    ) -> list[Finding]:
        """Findings for ``wanted`` among the passages found by one search per scope in ``searches``
        (None: no filter); every sentence is still checked against ``wanted`` itself."""
        hits = []
        for scope in searches:
            filters = SearchFilter() if scope is None else SearchFilter(scope.round, scope.batch, scope.phase)
            years = [None, question.year] if question.year is not None else [None]
            for year in years:  # a year asked: also the passages of that year's articles and figures
                dated = replace(filters, year=year)
                hits.extend(
                    self.searcher.search(
                        self._query(question), k=SEARCH_K, filters=None if dated.is_empty() else dated
                    )
                )
                glossed = chinese_query(question)  # an English question's words as Chinese pages write them
                if glossed:
                    hits.extend(
                        self.searcher.search(
                            glossed, k=SEARCH_K, filters=None if dated.is_empty() else dated, mode="bm25"
                        )
                    )
        sentences = candidate_sentences(hits, self.corpus)
        if question.kind == "quantity":
            sentences = [*sentences, *self._table_sentences(question, wanted, sentences)]
            findings = self.extractor.quantities(question, sentences, wanted)
            findings = self._nationwide(question, wanted, findings)
            findings = of_whole_rounds(question.text, wanted, findings, lambda f: f.scope)  # all 31 provinces
            asked = stage_of(question.text)
            # a total of batches listed one by one is the round's figure, unless a stage is asked
            return by_stage(
                findings, asked, lambda f: self._stage(f, listed=asked is not None), lambda f: f.metric
            )
        if question.kind == "list":
            return self.extractor.lists(question, sentences, wanted)
        return self.extractor.clauses(question, sentences, wanted)

    def _nationwide(
        self, question: Question, wanted: InspectionScope, findings: list[Finding]
    ) -> list[Finding]:
        """A country's figure over a period ("In 2016, ... 720 people were detained nationwide") is no batch's
        or round's: dropped for a question naming one, and the only answer (of no inspection) to a question
        asking the nationwide figure with none named."""

        def national(finding: Finding) -> bool:
            return is_period_total(self.corpus.view(finding.doc_id), finding.sentence)

        asked = asks_nationwide(question.text)
        if wanted != InspectionScope():  # a batch or round asked: the country's figures are none of its own
            return findings if asked else [f for f in findings if not national(f)]
        if not asked:
            return findings
        return [replace(f, scope=InspectionScope()) for f in findings if national(f)] or findings

    def _table_sentences(
        self, question: Question, wanted: InspectionScope, found: list[Sentence]
    ) -> list[Sentence]:
        """The sentences of the facts table's rows of the asked metrics for the inspection asked that the
        search missed (a round summary's body sentence below its headline): ranked after the retrieved
        sentences of their article, or after every retrieved one."""
        if not (wanted.round or wanted.phase) or not question.metrics:
            return []
        seen = {(s.doc_id, s.index) for s in found}
        ranks: dict[str, int] = {}
        for sentence in found:
            ranks[sentence.doc_id] = min(ranks.get(sentence.doc_id, sentence.rank), sentence.rank)
        rows = (
            row
            for metric in asked_metrics(question)
            for row in self.aggregator.leading_rows(metric, wanted, question.provinces, TABLE_SENTENCES)
        )
        extra: dict[tuple[str, int], Sentence] = {}
        for row in rows:
            key = (row.doc_id, row.sentence)
            if key not in seen and key not in extra:
                rank = ranks.get(row.doc_id, SEARCH_K) + TABLE_RANK_PENALTY
                extra[key] = Sentence(row.doc_id, row.sentence, rank)
        return sorted(extra.values(), key=lambda s: (s.rank, s.doc_id, s.index))

    def _stage(self, finding: Finding, listed: bool) -> Stage | None:
        """The stage of a round the finding's sentence counts up to ("by the time ... 22 provinces"), and with
        ``listed``, the last of the batches its figure totals one by one."""
        view = self.corpus.view(finding.doc_id)
        if not listed:
            return stage_of(view.sentence_text(finding.sentence))
        figure = finding.fact.figure if finding.fact is not None else None
        return figure_stage(
            view.sentence_text(finding.sentence),
            view.document.sentences[finding.sentence][0],
            figure.start if figure is not None else None,
            figure.phrase if figure is not None else "",
        )

    def _query(self, question: Question) -> str:
        """The search text: a Chinese question gets the English words for what it asks, since the articles
        are in English ("第二轮督察问责多少人" + "people held accountable the second round")."""
        if not _CJK.search(question.text):
            return question.text
        english = self.prompts.in_language(ENGLISH)
        words = [english.phrase(f"label.{metric}") for metric in question.metrics]
        if question.scope != InspectionScope():
            words.append(describe_scope(question.scope, english))
        return " ".join([question.text, *words, *question.provinces, *question.enterprises])

    def _nothing_found(self, question: Question, wanted: InspectionScope) -> Reply:
        if question.kind == "quantity" and question.metrics and wanted != InspectionScope():
            what = self.prompts.either([self.prompts.phrase(f"label.{m}") for m in question.metrics])
            scope = describe_scope(wanted, self.prompts)
            if question.provinces:
                places = self.prompts.series([self.prompts.place(place) for place in question.provinces])
                scope = self.prompts.form("aside", text=scope, aside=places)
            return self._refuse("no_answer_metric", scope=scope, what=what)
        return self._refuse("no_answer_weak")

    def _compose(
        self,
        question: Question,
        scope: InspectionScope,
        findings: list[Finding],
        composer: Composer,
    ) -> str:
        best = findings[0]
        if question.kind == "list" and best.items:  # else the sentence naming what is asked
            return composer.listing(best, question.list_target or "provinces")
        if question.kind != "quantity" or best.metric is None:
            dated = question.text if question.kind == "when" else ""  # said in the reply's words
            return composer.clause(best, question.provinces or best.places, dated)
        total = combined(question, findings)
        if total is not None:
            return composer.clause(total, question.provinces or total.places)
        rows = quantity_rows(question, findings)
        local = {latest.places for latest, _ in rows}
        places = question.provinces or (local.pop() if len(local) == 1 else ())
        return composer.quantity(scope, rows, places)
