"""A country's or a year's total ("In 2016, after the central inspections, 720 people were detained
nationwide", "Last year, inspectors looked into 33,000 cases across the country. A total of 720 people were
detained."): background in an article on some batch, of no one inspection. Such a figure never answers a
question about a batch or a round (it is neither, nor an earlier report of one) unless the question asks for
the nationwide figure itself; it is the answer to a question on the inspections of that year ("How many
people were detained in the central inspections of 2016?", "in the 2016 inspections of 15 provincial
areas"), labelled as the year. The reading of periods is index.meta.periods's."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.engine.named import inspection_months, inspection_years, years_named
from index.facts.analysis import DATELINE_LEAD
from index.meta.gazetteer import find_provinces
from index.meta.periods import is_nationwide, opens_period, stated_period
from index.meta.scopes import find_scopes
from index.models import InspectionScope

if TYPE_CHECKING:
    from bot.answer import Citation
    from bot.engine.extract import Finding
    from bot.engine.prompts import Prompts
    from bot.engine.question import Question
    from index.facts.analysis import DocumentView

# "Last year, coal consumption in the province rose 5.8 percent": a period, but of one place (not "local
# authorities", the places acting together)
_LOCAL = re.compile(
    r"\b(?:the|this|that|its)\s+(?:province|city|region|municipality|county|prefecture|autonomous\s+region)\b"
    r"|\b(?:provincial|local|municipal)\b(?!\s+(?:authorities|governments|officials|departments)\b)",
    re.IGNORECASE,
)
# a period's figure is the inspections' when its sentence, the one it goes on from or the title says so (not
# the country's environmental penalties of a year: "2019年，全国实施环境行政处罚案件16.28万件")
_INSPECTION = re.compile(r"inspect|督察", re.IGNORECASE)
PERIOD_REACH = 3  # sentences back a period's "over the year" may take its year from


def asks_nationwide(question: str) -> bool:
    """True when a question asks for the country's figure ("how many were detained nationwide in 2016")."""
    return is_nationwide(question)


def is_period_total(view: DocumentView, i: int) -> bool:
    """True when sentence ``i`` of ``view`` gives a nationwide or a period's figures and names no inspection
    and no place (a province, or "the province"): it says "nationwide", or it opens with a period ("Last
    year, ..."), or it goes on from such a sentence in the same paragraph ("A total of 720 people were
    detained")."""
    return _period_opened_at(view, i) is not None


def _period_opened_at(view: DocumentView, i: int) -> int | None:
    """The sentence (``i`` or the one before it in its paragraph) whose period sentence ``i`` gives figures
    of, when it is a period total (see :func:`is_period_total`); else None."""
    if _names_inspection_or_place(view.sentence_text(i)):
        return None
    if opens_period(_body(view.sentence_text(i))):
        return i
    previous = i - 1
    if (
        previous >= 0
        and view.paragraph[previous] == view.paragraph[i]
        and not _names_inspection_or_place(view.sentence_text(previous))
        and opens_period(_body(view.sentence_text(previous)))
    ):
        return previous
    return None


def year_of_total(view: DocumentView, i: int) -> tuple[int, str] | None:
    """The year whose inspections sentence ``i`` gives a total of, with the words that say it: a period
    total (see :func:`is_period_total`) on the inspections (its sentence, the one it goes on from or the
    title names them), of the year its period states ("In 2016", "Last year" in an article of 2017), else
    of the year a sentence close before states ("Over the year ..."); None when it is none of these."""
    opened = _period_opened_at(view, i)
    if opened is None:
        return None
    texts = (view.sentence_text(i), view.sentence_text(opened), view.document.meta.title or "")
    if not any(_INSPECTION.search(text) for text in texts):
        return None
    published = view.document.meta.date
    for j in range(opened, max(-1, opened - PERIOD_REACH - 1), -1):
        period = stated_period(view.sentence_text(j), published)
        if period is not None:
            return period
    return None


def year_asked(question: Question) -> int | None:
    """The year a question asks of as a whole: a figure question naming one year as the date of the
    inspections ("the central inspections of 2016", "the 2016 inspections of 15 provincial areas") or of
    the country's figure ("how many were detained nationwide in 2016"), no round or batch it resolves to,
    no month (which names a batch) and no one province or enterprise; else None."""
    if question.kind != "quantity" or question.scope != InspectionScope() or question.enterprises:
        return None
    if len(question.provinces) == 1 or inspection_months(question.text):  # "in April 2021": one batch
        return None
    years = inspection_years(question.text) or (
        years_named(question.text) if asks_nationwide(question.text) else ()
    )
    return years[0] if len(years) == 1 else None


def _body(sentence: str) -> str:
    """A sentence without its dateline ("BEIJING, Jan. 11 (Xinhua) -- In 2016, ..."): where its period
    opens it."""
    return DATELINE_LEAD.sub("", sentence, count=1)


def _names_inspection_or_place(sentence: str) -> bool:
    return bool(find_scopes(sentence) or find_provinces(sentence) or _LOCAL.search(sentence))


def year_totals(
    findings: list[Finding], view_of: Callable[[str], DocumentView], year: int
) -> list[tuple[Finding, str]]:
    """The findings that give the inspections' total of ``year`` (see :func:`year_of_total`), as of no one
    inspection, each with the words its article says the year in; only those whose own sentence says the
    year when there are any (their quote shows which year the figure is of)."""
    totals: list[tuple[bool, Finding, str]] = []
    for finding in findings:
        view = view_of(finding.doc_id)
        period = year_of_total(view, finding.sentence)
        if period is not None and period[0] == year:
            own = stated_period(view.sentence_text(finding.sentence), view.document.meta.date) is not None
            totals.append((own, replace(finding, scope=InspectionScope()), period[1]))
    owned = [total for total in totals if total[0]] or totals
    return [(finding, words) for _, finding, words in owned]


def year_intro(
    prompts: Prompts, year: int, citations: Sequence[Citation], words: Mapping[str, str]
) -> str | None:
    """The words a year's answer opens with: "In 2016" when a cited quote names the year, else the
    period as the first cited article says it (``words``: by document) when that has no digits ("Last
    year, as the article puts it"), so every number stays quoted; else None (the plain intro stays)."""
    if any(str(year) in citation.quote for citation in citations):
        return prompts.phrase("intro.year", year=str(year))
    said = words.get(citations[0].doc_id, "") if citations else ""
    if not said or re.search(r"\d", said):
        return None
    return prompts.phrase("intro.period", period=said[:1].upper() + said[1:])


def labelled(prompts: Prompts, sentence: str, intro: str, label: str) -> str:
    """``sentence`` opened by ``label`` ("In 2016") in place of its plain ``intro`` ("In the indexed
    articles"), or before it when it has none."""
    if intro in sentence:
        return sentence.replace(intro, label, 1)
    return prompts.form("lead", intro=label, said=sentence[:1].lower() + sentence[1:])
