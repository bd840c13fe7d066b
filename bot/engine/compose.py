"""Turn findings into the reply text and its numbered verbatim citations."""

from __future__ import annotations

import math
import re

from bot.answer import Citation
from bot.engine.chinese_time import chinese_time, english_time, say_day, stated_days
from bot.engine.coverage import describe_scope
from bot.engine.evidence import Corpus
from bot.engine.extract import Finding, asked_event, lower_first, without_dates
from bot.engine.prompts import ENGLISH, Prompts, default_prompts, unbroken
from index.facts.analysis import DATELINE_LEAD
from index.facts.figures import FigureFact
from index.facts.metrics import METRIC_BY_ID, SUBSET_NOUNS, noun_class, word_set
from index.facts.table import DEFAULT_UNITS
from index.meta.events import TRIGGERS
from index.meta.scopes import find_scopes, scope_matches
from index.models import InspectionScope
from index.text.chinese import fold, has_chinese

MAX_NOUN_WORDS = 5
MAX_CLAUSE_CHARS = 160
MAX_OPENING_CHARS = 80  # a clause naming its inspection this early needs no intro
_FILED_METRICS = ("punishment", "investigation")  # their phrases say the cases were filed
_FILED_WORDING = re.compile(r"\bfiled\b|\bregister|\bopened\b|\bcases?\b|立案", re.IGNORECASE)
_CLAUSE_END = " .;,。；，"  # punctuation a clause loses before the reply's own
_CONJUNCTION = re.compile(r"^(?:and|but|while|or)\s+", re.IGNORECASE)
_SUBORDINATOR = re.compile(r"^(?:and\s+)?that\s+(?=\S)", re.IGNORECASE)
_AS_OF_ASKED = re.compile(r"\bas of\b|\bup to what\b|\bcounted\b|截至|截止", re.IGNORECASE)


class Composer:
    """Builds one answer: sentences with [n] markers and the citations they use, numbered by first use."""

    def __init__(self, corpus: Corpus, prompts: Prompts) -> None:
        self.corpus = corpus
        self.prompts = prompts
        self.citations: list[Citation] = []

    def cite(self, finding: Finding) -> int:
        """The number of the citation quoting ``finding``'s span (added on first use), widened to whole
        words and to the start of a sentence a hard-wrapped line break cut (``quote_span``)."""
        document = self.corpus.view(finding.doc_id).document
        start, end = quote_span(document.text, *finding.span)
        for citation in self.citations:
            if (citation.doc_id, citation.start, citation.end) == (finding.doc_id, start, end):
                return citation.n
        citation = Citation(
            n=len(self.citations) + 1,
            doc_id=document.doc_id,
            title=document.meta.title,
            source=document.meta.source,
            date=document.meta.date.isoformat() if document.meta.date else None,
            url=document.meta.url,
            quote=document.text[start:end],
            start=start,
            end=end,
        )
        self.citations.append(citation)
        return citation.n

    def intro(self, scope: InspectionScope, places: tuple[str, ...] = (), said: str = "") -> str:
        """ "In the fourth batch of the second round" (with the places asked about, if any, unless the
        words ``said`` after the intro name them already)."""
        described = describe_scope(scope, self.prompts)
        places = tuple(
            place
            for place in places
            if not any(name in described or name in said for name in (place, self.prompts.place(place)))
        )
        if places:
            named = self.prompts.join([self.prompts.place(place) for place in places])
            return self.prompts.phrase("intro.places", scope=described, places=named)
        return self.prompts.phrase("intro", scope=described)

    def _when(self, finding: Finding, written: bool = False) -> str:
        """The finding's time in brackets' words ("as of ...", "reported ..."); ``written``: a report date
        said in Chinese from an English article is followed by its own words (a date the reply answers
        with)."""
        time = finding.time
        if time is None or not finding.span[0] <= self._time_offset(finding) < finding.span[1]:
            return ""
        if self.prompts.language == ENGLISH:
            when = english_time(time.when)
        else:  # an English article's time as a Chinese date; left out when it cannot be said so
            when = chinese_time(time.when, self.corpus.view(finding.doc_id).document.meta.date)
            if written and time.kind == "reported" and when and when != time.when:
                return self.prompts.phrase("reported.written", when=when, written=time.when)
        return self.prompts.phrase(time.kind, when=when) if when else ""

    def _time_offset(self, finding: Finding) -> int:
        assert finding.time is not None
        return self.corpus.view(finding.doc_id).document.sentences[finding.time.sentence][0]

    def figure_phrase(self, finding: Finding) -> str:
        """ "1,158 cases were filed for punishment" from the phrase for the finding's metric."""
        fact = finding.fact
        assert fact is not None and finding.metric is not None
        value = self._value(fact, finding.metric)
        noun = fact.noun
        metric = METRIC_BY_ID[finding.metric]
        if self.prompts.language == ENGLISH and fact.figure.counter and fact.noun_class:
            noun = self._counted_noun(fact.noun_class)  # "1127家": enterprises, in English words
        elif (
            not noun
            or len(noun.split()) > MAX_NOUN_WORDS
            or noun_class(noun) != fact.noun_class
            or (metric.cue is not None and metric.cue.search(noun))
        ):
            noun = ""
        if fact.subset in SUBSET_NOUNS:  # who a sub-figure counts: "875 officials at or above the division …"
            english, chinese = SUBSET_NOUNS[fact.subset]
            noun, value = (english, value) if self.prompts.language == ENGLISH else ("", chinese + value)
        return self.prompts.phrase(f"metric.{finding.metric}", value=value, noun=noun)

    def _counted_noun(self, noun_class: str) -> str:
        """What a Chinese counter counts, in the reply's words ("enterprises" for 家), or ""."""
        key = f"counter.{noun_class}"
        return self.prompts.phrase(key) if self.prompts.has_phrase(key) else ""

    def _value(self, fact: FigureFact, metric: str) -> str:
        """A figure as its quote writes it; in a Chinese reply with its counter ("1158家"), or counted in
        the reply's words ("1,158件") when the quote is English."""
        value = _lower_qualifier(ascii_digits(fact.figure.phrase))  # "６８３家" as "683家"
        figure = fact.figure
        if figure.unit == "yuan":
            said = said_sum(figure.phrase, figure.value, figure.qualifier, self.prompts)
            if said != value or self.prompts.language == ENGLISH:
                return said
        if self.prompts.language == ENGLISH:  # "2.9万 (29,000)"; "18199" stays as its quote writes it
            scaled = _CHINESE_SCALE.search(value) and figure.unit is None
            gloss = _english_count(figure.value) if scaled else ""
            return f"{value} ({gloss})" if gloss else value
        hedge, value = _chinese_hedge(value)
        if fact.figure.counter:
            return hedge + value + fact.figure.counter
        if fact.figure.unit is None:
            return hedge + self.prompts.counted(value, DEFAULT_UNITS.get(metric, fact.noun_class))
        return hedge + value

    def quantity(
        self, scope: InspectionScope, rows: list[tuple[Finding, Finding | None]], places: tuple[str, ...] = ()
    ) -> str:
        """One sentence for one inspection: each metric's latest figure, and an earlier one if it differs."""
        groups: list[tuple[int, list[str], str, str]] = []  # citation, phrases, time, earlier
        joiner = "lead"
        for latest, earlier in rows:
            n = self.cite(latest)
            text = _SUBORDINATOR.sub("", self.words(latest).rstrip(_CLAUSE_END))
            # words said for several figures (its parts, or two figures asked said together): never one
            # metric's phrase, which would drop the others
            alone = not latest.verbatim or _figure_alone(text, latest)
            phrased = (
                latest.metric
                and (not latest.verbatim or (_subjectless(text) and alone))
                and self.prompts.has_phrase(f"metric.{latest.metric}")
                and not (METRIC_BY_ID[latest.metric].noun_metric and len(text) <= MAX_CLAUSE_CHARS)
                and METRIC_BY_ID[latest.metric].unit != "percent"  # a rate reads best in its own clause
                and (latest.metric not in _FILED_METRICS or bool(_FILED_WORDING.search(text)))
            ) or (_subjectless(text) and bool(latest.metric) and latest.fact is not None and alone)
            # a count named only by its noun reads best in the article's own clause, and "fined 126
            # enterprises" is not said to be "126 enterprises were filed for punishment"; a clause with
            # no subject ("exposed 25 typical cases") is no sentence of ours (words for several figures,
            # "imposed fines totalling 90 million yuan in 1,531 of those cases": from its sentence's start)
            phrased = phrased and self.prompts.has_phrase(f"metric.{latest.metric}")
            if not phrased and self.foreign(text) and latest.metric and latest.fact is not None:
                phrased = self.prompts.has_phrase(f"metric.{latest.metric}")  # said in the reply's language
            if not phrased and _subjectless(text):  # its subject from the sentence, as it writes it
                text = _SUBORDINATOR.sub("", self.subjected(latest).rstrip(_CLAUSE_END))
            phrase = self.figure_phrase(latest) if phrased else lower_first(text)
            if not groups and not phrased:
                joiner = _joiner(phrase)
            when = self._when(latest)
            later = ""
            if earlier is not None and earlier.fact is not None:
                m = self.cite(earlier)
                value = self._value(earlier.fact, earlier.metric or latest.metric or "")
                kind = "earlier" if earlier.order <= latest.order else "another"  # a rounded later one
                said = self._timed(self.prompts.phrase(kind, value=value), self._when(earlier))
                later = self.prompts.form("cited", text=said, n=str(m))
            if groups and groups[-1][0] == n and groups[-1][2] == when and not groups[-1][3] and not later:
                groups[-1][1].append(phrase)
            else:
                groups.append((n, [phrase], when, later))
        parts = [
            self._clauses(
                [self.prompts.form("cited", text=self._timed(self.prompts.join(phrases), when), n=str(n))]
                + [later] * bool(later)
            )
            for n, phrases, when, later in groups
        ]
        return self.prompts.form("sentence", text=self._lead(scope, places, self._clauses(parts), joiner))

    def listing(self, finding: Finding, target: str) -> str:
        """ "In ..., the provinces named are A, B and C [1]." """
        n = self.cite(finding)
        quote = self.citations[n - 1].quote
        items = self.prompts.join([self.prompts.listed(item, quote) for item in finding.items])
        body = self.prompts.phrase(f"list.{target}", items=items)
        said = self.prompts.form("lead", intro=self.intro(finding.scope), said=body)
        return self.prompts.form("sentence", text=self.prompts.form("cited", text=said, n=str(n)))

    def foreign(self, text: str) -> bool:
        """True when ``text`` is in another language than the reply (Chinese in an English reply, or the
        reverse): it is quoted, and the reply says what it states in its own words."""
        return has_chinese(text) == (self.prompts.language == ENGLISH)

    def dated(self, clause: str, question: str, sentence: str = "") -> str | None:
        """What a clause in another language dates, in the reply's words and then as written: "the teams
        were stationed from July 10 to July 15 (7月10日至7月15日)" for "7月10日至7月15日先后进驻…" (the asked
        event only where the clause or its ``sentence`` words it), or None when it states no day."""
        days = stated_days(clause)
        if not days:
            return None
        day = say_day(days[0], self.prompts.language)
        when = self.prompts.phrase("date.range" if days[0].until else "date.on", day=day)
        folded = fold(sentence or clause)
        worded = [kind for kind, trigger in TRIGGERS.items() if trigger.search(folded)]
        event = asked_event(question) or (worded[0] if len(worded) == 1 else None)
        if _AS_OF_ASKED.search(question):
            said = self.prompts.phrase("event.as_of", day=day)
        elif event in worded:
            said = self.prompts.phrase(f"event.{event}", when=when)
        else:
            said = self.prompts.phrase("event.none", day=day)
        return self.prompts.form("aside", text=said, aside=clause[days[0].start : days[0].end])

    def words(self, finding: Finding) -> str:
        """The article's words a finding is answered with, as one line of whole words: a clause that
        starts inside a word of the stored text ("ning of May 3rd") starts at its clause's beginning,
        and hard-wrapped line breaks are spaces (none between Han characters)."""
        text = finding.text
        document = self.corpus.view(finding.doc_id).document
        if text and finding.sentence < len(document.sentences):
            text = _from_clause_start(text, document.text, document.sentences[finding.sentence])
        return DATELINE_LEAD.sub("", unbroken(text), count=1)  # "BEIJING, Nov. 20 -- " is no clause

    def subjected(self, finding: Finding) -> str:
        """``words``, from its sentence's start when the clause has no subject of its own ("had been given
        administrative penalties 126 times" of "Baotou Aluminum, in ..., had been given ...")."""
        text = self.words(finding)
        document = self.corpus.view(finding.doc_id).document
        if not _subjectless(text) or finding.sentence >= len(document.sentences):
            return text
        start, end = document.sentences[finding.sentence]
        sentence = unbroken(document.text[start:end])
        at = sentence.find(text)
        return sentence[: at + len(text)] if at > 0 else text

    def worded_date(self, clause: str, question: str, sentence: str) -> str:
        """A bare date the article gives ("from April 6 to April 9, 2021") as a sentence of the reply:
        "the teams were stationed from April 6 to April 9, 2021", the event the question asks (or the
        one its ``sentence`` words), the date as written."""
        folded = fold(sentence or clause)
        worded = [kind for kind, trigger in TRIGGERS.items() if trigger.search(folded)]
        event = asked_event(question) or (worded[0] if len(worded) == 1 else None)
        day = _DATE_PREPOSITION.sub("", clause)
        if event is not None and self.prompts.has_phrase(f"event.{event}"):
            when = clause if _DATE_PREPOSITION.match(clause) else self.prompts.phrase("date.on", day=clause)
            return self.prompts.phrase(f"event.{event}", when=when)
        if _AS_OF_ASKED.search(question):
            return self.prompts.phrase("event.as_of", day=day)
        return self.prompts.phrase("event.none", day=day)

    def clause(self, finding: Finding, places: tuple[str, ...] = (), question: str = "") -> str:
        """ "In ..., <verbatim clause> [1]."; a clause in another language than the reply is marked as the
        article's words ("the article states: “…”"), and a date asked (``question``) of it is said in the
        reply's words."""
        n = self.cite(finding)
        clause = lower_first(_SOURCE_LABEL.sub("", self.subjected(finding)).rstrip(_CLAUSE_END))
        quote = self.citations[n - 1].quote
        bare = question and not self.foreign(clause) and _bare_date(clause)
        restated = self.dated(clause, question, quote) if question and self.foreign(clause) else None
        if bare:
            restated = self.worded_date(clause, question, quote)
        if restated is not None:
            said = self._lead(finding.scope, places, restated, "lead")
        else:  # a clause in another language is marked as the article's own words
            foreign = self.foreign(clause)
            shown = self.prompts.form("states", clause=clause) if foreign else clause
            when = (
                self._when(finding, written=True) if finding.time is not None else ""
            )  # "from today" (reported August 26)
            said = self._timed(
                self._lead(finding.scope, places, shown, "lead" if foreign else _joiner(clause)), when
            )
        return self.prompts.form("sentence", text=self.prompts.form("cited", text=said, n=str(n)))

    def _timed(self, text: str, when: str) -> str:
        """``text`` with its time in brackets, if it has one."""
        return self.prompts.form("aside", text=text, aside=when) if when else text

    def _clauses(self, parts: list[str]) -> str:
        """ "a; b; c" (or "a；b；c")."""
        text = parts[0]
        for part in parts[1:]:
            text = self.prompts.form("clauses", first=text, next=part)
        return text

    def _lead(self, scope: InspectionScope, places: tuple[str, ...], said: str, joiner: str) -> str:
        """``said`` after its intro, or alone when it names the inspection itself at its start ("The third
        batch of the third round ... was launched on October 18")."""
        said = _CONJUNCTION.sub("", said)
        if joiner == "lead.name" and said != (lowered := _opening_lowered(said)):
            said, joiner = lowered, "lead"
        if scope == InspectionScope():  # no inspection to name: "In the indexed articles, ..." says nothing
            named = [
                self.prompts.place(p) for p in places if p not in said and self.prompts.place(p) not in said
            ]
            if not named:
                return said[0].upper() + said[1:]
            intro = self.prompts.phrase("intro.place", places=self.prompts.join(named))
            return self.prompts.form(joiner, intro=intro, said=said)
        opening = [m.scope for m in find_scopes(said[:MAX_OPENING_CHARS]) if scope_matches(scope, m.scope)]
        if opening and scope != InspectionScope() and not [p for p in places if p not in said]:
            rest = _unsaid(scope, opening[0])
            if rest == InspectionScope():
                return said[0].upper() + said[1:]
            # "In the first round, the third batch, which ..."
            return self.prompts.form("lead", intro=self.intro(rest), said=said)
        return self.prompts.form(joiner, intro=self.intro(scope, places, said), said=said)


def _unsaid(scope: InspectionScope, said: InspectionScope) -> InspectionScope:
    """What of ``scope`` a mention ``said`` leaves out: the round of a batch named alone."""
    if said.batch is None or (said.round is not None or said.phase is not None):
        return InspectionScope() if said == scope else scope
    return InspectionScope(round=scope.round, phase=scope.phase)


_SENTENCE_MARK = re.compile(r"[.!?。！？]['\"’”)]*\s|\n[ \t]*\n")
_CLAUSE_MARK = re.compile(r"[,;:，；：。！？]\s*|[.!?]\s+")
# a line ending with a word that needs the next ("... to", "... of the"): hard-wrapped mid-sentence
_OPEN_WORD = re.compile(r"\b(?:to|the|of|and|or|a|an|in|on|from|by|with|for|at|as|than)$")
MAX_WIDENING = 300  # never widen a quote by more than this many characters
# "SMM Network: the CPC Central Committee ...": an outlet's label before the article's own clause
_SOURCE_LABEL = re.compile(r"^(?:[A-Z][\w.&-]*\s){0,2}[A-Z][\w.&-]*:\s+(?=[a-z])")
# the first word of a clause that has no subject: a verb in the past ("exposed 25 typical cases")
_SUBJECTLESS = re.compile(
    r"^(?:and\s+)?(?:[a-z]+ed|found|held|made|took|gave|sent|set|put|got|had|has|have|brought|"
    r"ordered|dealt|paid|shut|closed|hit)\s+(?!by\b|to\b|that\b|in\s+the\b)"
)
_NOT_VERBS = frozenset({"red", "bed", "shed", "need", "seed", "speed", "feed", "hundred", "indeed"})
_DATE_PREPOSITION = re.compile(r"^(?:from|on|between|since|by|until|till|in|during)\s+", re.IGNORECASE)
_DATE_FILLER = re.compile(
    r"(?:\b(?:from|on|between|and|to|since|by|until|till|in|during|the|of)\b|[\s,.\-–—至到])*"
)


def quote_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A quote's span widened to whole words, and back to its sentence's start when it begins on a line
    that a hard wrap broke mid-sentence ("...passed to the province,\n200 companies were closed")."""
    while start > 0 and _inside_word(text, start):
        start -= 1
    while end < len(text) and _inside_word(text, end):
        end += 1
    line = text.rfind("\n", 0, start)
    if line < 0 or text[line + 1 : start].strip():
        return start, end
    reach = max(0, line - MAX_WIDENING)
    previous = text[reach:line].rstrip(" \t\u3000")
    first = text[start : start + 1]
    wrapped = bool(previous) and (
        previous[-1] in ",;:(-"
        or (previous[-1].islower() and (first.islower() or first.isdigit()))
        or _OPEN_WORD.search(previous) is not None
    )
    if not wrapped:  # a paragraph's end, a heading, a line ending its sentence
        return start, end
    marks = list(_SENTENCE_MARK.finditer(previous))
    if not marks and reach > 0:
        return start, end  # no sentence start within reach
    widened = reach + (marks[-1].end() if marks else 0)
    while widened < start and text[widened].isspace():
        widened += 1
    return widened, end


def _inside_word(text: str, at: int) -> bool:
    """True when offset ``at`` falls between two letters or digits of one Latin word."""
    return text[at - 1].isalnum() and text[at].isalnum() and not has_chinese(text[at - 1 : at + 1])


def _from_clause_start(clause: str, text: str, sentence: tuple[int, int]) -> str:
    """``clause`` from the start of its clause in ``text`` when it begins inside a word of it."""
    at = text.find(clause, sentence[0], sentence[1] + len(clause))
    if at <= sentence[0] or not (text[at - 1].isalnum() and clause[:1].isalnum()) or has_chinese(clause[:1]):
        return clause
    marks = list(_CLAUSE_MARK.finditer(text, sentence[0], at))
    begin = marks[-1].end() if marks else sentence[0]
    return text[begin:at] + clause


def _figure_alone(clause: str, finding: Finding) -> bool:
    """True when ``clause`` states no figure but ``finding``'s (its dates aside)."""
    if finding.fact is None:
        return False
    rest = without_dates(clause).replace(finding.fact.figure.phrase, " ")
    return not re.search(r"\d", rest)


def _subjectless(clause: str) -> bool:
    """True for a clause that starts with its verb, with no subject ("exposed 25 typical cases")."""
    match = _SUBJECTLESS.match(clause)
    return match is not None and match.group(0).split()[-1] not in _NOT_VERBS


def _bare_date(clause: str) -> bool:
    """True for a clause that is only a date ("from April 6 to April 9, 2021", "on May 7", "May 3rd")."""
    days = stated_days(clause)
    if not days:
        return False
    rest, position = [], 0
    for day in days:
        rest.append(clause[position : day.start])
        position = day.end
    rest.append(clause[position:])
    return all(_DATE_FILLER.fullmatch(piece) for piece in rest)


# words that open a sentence and are no name: the clause reads on from the intro after a comma
_OPENERS = word_set(
    """from on in by as after since during among up going according with at over under through following
    recently however meanwhile also last so far government local officials inspectors"""
)


def _joiner(clause: str) -> str:
    """The frame of a clause after its intro: "lead" (", ") for one that reads on from the intro,
    "lead.name" (": ") for one that starts with a name."""
    return "lead.name" if clause[:1].isupper() else "lead"


def _opening_lowered(clause: str) -> str:
    """A clause's first word lower-cased when it opens a sentence and is no name ("Going down to the
    grassroots, ..." -> "going down ..."), so it reads on after the intro."""
    first = re.match(r"[A-Z][a-z]+\b", clause)
    if first is None or first.group(0).lower() not in _OPENERS:
        return clause
    return clause[0].lower() + clause[1:]


def _lower_qualifier(phrase: str) -> str:
    """ "More than 28,000" -> "more than 28,000"; "Six" -> "six"; numbers, units and "RMB" untouched."""
    acronym = phrase.split(" ", 1)[0].isupper() and len(phrase.split(" ", 1)[0]) > 1
    return phrase[0].lower() + phrase[1:] if phrase[:1].isalpha() and not acronym else phrase


_CN_HEDGES = {"more than": "超过", "about": "约"}
_CHINESE_SCALE = re.compile(r"[万萬亿億]")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")


def ascii_digits(text: str) -> str:
    """``text`` with full-width digits, points, commas and percent signs as ASCII ("４７８人" -> "478人");
    its characters otherwise as written (a traditional "萬" stays: the figure is the article's)."""
    return text.translate(_FULL_WIDTH)


_ENGLISH_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"))


def english_yuan(value: float, hedge: str | None) -> str:
    """A Chinese sum in English words, exactly its value ("4006万元" -> "40.06 million yuan", "约14.3亿元" ->
    "about 1.43 billion yuan"); "" when a short decimal cannot say it exactly or it is under a million."""
    scale, word = next(((s, w) for s, w in _ENGLISH_SCALES if value >= s), (0, ""))
    if not scale:
        return ""
    number = f"{value / scale:.6f}".rstrip("0").rstrip(".")
    if not math.isclose(float(number) * scale, value, rel_tol=1e-9):
        return ""
    return (f"{hedge} " if hedge else "") + f"{number} {word} yuan"


def said_sum(phrase: str, value: float, qualifier: str | None, prompts: Prompts) -> str:
    """A sum of yuan as a sentence of the reply says it, its quote's words kept: in English a Chinese sum
    glossed ("4006万元 (40.06 million yuan)"), in Chinese an English one in 万/亿 with the article's words
    after it ("14.3亿元（原文为“1.43 billion yuan”）"); as written otherwise (full-width digits as ASCII, a
    traditional 萬 kept)."""
    written = _lower_qualifier(ascii_digits(phrase))
    if prompts.language == ENGLISH:
        gloss = english_yuan(value, qualifier) if _CHINESE_SCALE.search(written) else ""
        return f"{written} ({gloss})" if gloss else written
    said = "" if has_chinese(written) else chinese_yuan(value, qualifier)
    return prompts.phrase("written", value=said, written=written) if said else written


def _english_count(value: float) -> str:
    """A count written with 万 or 亿 in English digits ("2.9万" -> "29,000"), or "" when not whole."""
    return f"{int(value):,}" if float(value).is_integer() and value >= WAN else ""


def chinese_yuan(value: float, hedge: str | None) -> str:
    """An English sum in Chinese words, exactly its value ("1.43 billion yuan" -> "14.3亿元", "more than
    1.4 billion yuan" -> "超过14亿元", "191,282,100 yuan" -> "19128.21万元"); "" under 万 or when a short
    decimal cannot say it exactly."""
    if value < WAN:
        return ""
    scale, word = (YI, "亿元") if value >= YI else (WAN, "万元")
    number = f"{value / scale:.6f}".rstrip("0").rstrip(".")
    if scale == YI and len(number.partition(".")[2]) > 2:  # "1.912821亿元" reads better as 万元
        scale, word = WAN, "万元"
        number = f"{value / scale:.6f}".rstrip("0").rstrip(".")
    if not math.isclose(float(number) * scale, value, rel_tol=1e-9):
        return ""
    return _HEDGE_WORDS.get((hedge or "").lower(), "") + number + word


# an English figure's own qualifier in a Chinese reply ("a total of 14,432" -> "共14,432")
_ENGLISH_HEDGES = re.compile(
    r"^(?P<hedge>a total of|total of|more than|over|nearly|almost|about|around|roughly|some|"
    r"approximately)\s+(?=\d)",
    re.IGNORECASE,
)
_HEDGE_WORDS = {
    **dict.fromkeys(("a total of", "total of"), "共"),
    **dict.fromkeys(("more than", "over"), "超过"),
    **dict.fromkeys(("nearly", "almost"), "近"),
    **dict.fromkeys(("about", "around", "roughly", "some", "approximately"), "约"),
}


def _chinese_hedge(value: str) -> tuple[str, str]:
    """An English figure's qualifier in Chinese, and the figure without it: "a total of 14,432" -> ("共",
    "14,432"); ("", value) when it has none."""
    hedge = _ENGLISH_HEDGES.match(value)
    if hedge is None:
        return "", value
    return _HEDGE_WORDS[hedge.group("hedge").lower()], value[hedge.end() :]


YI = 100_000_000
WAN = 10_000


def chinese_figure(value: float, unit: str, hedge: str | None, like: str = "") -> str:
    """A computed figure as Chinese articles write it, in the scale of a figure it comes from (``like``):
    "49116.63万元", "1.43亿元", "31.2%", "1675人", hedged ("约5206万元", "超过3322件")."""
    zh = default_prompts().in_language("zh")
    if unit == "yuan" and value >= WAN:
        scale, word = (YI, "亿元") if value >= YI and "亿" in like else (WAN, "万元")
        text = f"{value / scale:.2f}".rstrip("0").rstrip(".") + word
    elif unit == "yuan":
        text = f"{value:.2f}".rstrip("0").rstrip(".") + "元"
    elif unit == "percent":
        text = f"{value:.1f}%"
    elif float(value).is_integer():
        text = str(int(value))
    else:
        text = f"{value:.1f}"
    if zh.has_phrase(f"counter.{unit}"):
        text += zh.phrase(f"counter.{unit}")
    return _CN_HEDGES.get(hedge or "", "") + text
