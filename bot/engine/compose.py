"""Turn findings into the reply text and its numbered verbatim citations."""

from __future__ import annotations

from bot.answer import Citation
from bot.engine.coverage import describe_scope
from bot.engine.evidence import Corpus
from bot.engine.extract import Finding, lower_first
from bot.engine.lexicon import METRIC_BY_ID, noun_class
from bot.engine.prompts import Prompts
from index.models import InspectionScope

MAX_NOUN_WORDS = 5


class Composer:
    """Builds one answer: sentences with [n] markers and the citations they use, numbered by first use."""

    def __init__(self, corpus: Corpus, prompts: Prompts) -> None:
        self.corpus = corpus
        self.prompts = prompts
        self.citations: list[Citation] = []

    def cite(self, finding: Finding) -> int:
        """The number of the citation quoting ``finding``'s span (added on first use)."""
        start, end = finding.span
        for citation in self.citations:
            if (citation.doc_id, citation.start, citation.end) == (finding.doc_id, start, end):
                return citation.n
        document = self.corpus.view(finding.doc_id).document
        citation = Citation(
            n=len(self.citations) + 1,
            doc_id=document.doc_id,
            title=document.meta.title,
            source=document.meta.source,
            date=document.meta.date.isoformat() if document.meta.date else None,
            quote=document.text[start:end],
            start=start,
            end=end,
        )
        self.citations.append(citation)
        return citation.n

    def intro(self, scope: InspectionScope, places: tuple[str, ...] = ()) -> str:
        """ "In the fourth batch of the second round" (with the places asked about, if any)."""
        described = describe_scope(scope, self.prompts)
        places = tuple(place for place in places if place not in described)
        if places:
            return self.prompts.phrase("intro.places", scope=described, places=_join(list(places)))
        return self.prompts.phrase("intro", scope=described)

    def _when(self, finding: Finding) -> str:
        time = finding.time
        if time is None or not finding.span[0] <= self._time_offset(finding) < finding.span[1]:
            return ""
        return f" ({self.prompts.phrase(time.kind, when=time.when)})"

    def _time_offset(self, finding: Finding) -> int:
        assert finding.time is not None
        return self.corpus.view(finding.doc_id).document.sentences[finding.time.sentence][0]

    def figure_phrase(self, finding: Finding) -> str:
        """ "1,158 cases were filed for punishment" from the phrase for the finding's metric."""
        fact = finding.fact
        assert fact is not None and finding.metric is not None
        value = _lower_qualifier(fact.figure.phrase)
        noun = fact.noun
        metric = METRIC_BY_ID[finding.metric]
        if (
            not noun
            or len(noun.split()) > MAX_NOUN_WORDS
            or noun_class(noun) != fact.noun_class
            or (metric.cue is not None and metric.cue.search(noun))
        ):
            noun = ""
        return self.prompts.phrase(f"metric.{finding.metric}", value=value, noun=noun)

    def quantity(
        self, scope: InspectionScope, rows: list[tuple[Finding, Finding | None]], places: tuple[str, ...] = ()
    ) -> str:
        """One sentence for one inspection: each metric's latest figure, and an earlier one if it differs."""
        groups: list[tuple[int, list[str], str, str]] = []  # citation, phrases, time, earlier
        joiner = ", "
        for latest, earlier in rows:
            n = self.cite(latest)
            phrased = (
                latest.metric and not latest.verbatim and self.prompts.has_phrase(f"metric.{latest.metric}")
            )
            text = latest.text.rstrip(" .;,")
            phrase = self.figure_phrase(latest) if phrased else lower_first(text)
            if not groups and not phrased and phrase == text:
                joiner = ": "
            when = self._when(latest)
            later = ""
            if earlier is not None and earlier.fact is not None:
                m = self.cite(earlier)
                value = _lower_qualifier(earlier.fact.figure.phrase)
                later = f"; {self.prompts.phrase('earlier', value=value)}{self._when(earlier)} [{m}]"
            if groups and groups[-1][0] == n and groups[-1][2] == when and not groups[-1][3] and not later:
                groups[-1][1].append(phrase)
            else:
                groups.append((n, [phrase], when, later))
        parts = [f"{_join(phrases)}{when} [{n}]{later}" for n, phrases, when, later in groups]
        return f"{self.intro(scope, places)}{joiner}{'; '.join(parts)}."

    def listing(self, finding: Finding, target: str) -> str:
        """ "In ..., the provinces named are A, B and C [1]." """
        n = self.cite(finding)
        body = self.prompts.phrase(f"list.{target}", items=_join(finding.items))
        return f"{self.intro(finding.scope)}, {body} [{n}]."

    def clause(self, finding: Finding, places: tuple[str, ...] = ()) -> str:
        """ "In ..., <verbatim clause> [1]." """
        n = self.cite(finding)
        text = finding.text.rstrip(" .;,")
        clause = lower_first(text)
        joiner = ", " if clause != text else ": "
        return f"{self.intro(finding.scope, places)}{joiner}{clause} [{n}]."


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _lower_qualifier(phrase: str) -> str:
    """ "More than 28,000" -> "more than 28,000"; "Six" -> "six"; numbers and units untouched."""
    return phrase[0].lower() + phrase[1:] if phrase[:1].isalpha() else phrase
