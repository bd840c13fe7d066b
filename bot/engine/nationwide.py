"""A country's total over a period ("In 2016, after the central inspections, 720 people were detained
nationwide", "Last year, inspectors looked into 33,000 cases across the country. A total of 440 million yuan
in fines was imposed."): background in an article on some batch, of no one inspection. Such a figure never
answers a question about a batch or a round (it is neither, nor an earlier report of one) unless the question
asks for the nationwide figure itself."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from index.meta.gazetteer import find_provinces
from index.meta.scopes import find_scopes

if TYPE_CHECKING:
    from index.facts.analysis import DocumentView

NATIONWIDE = re.compile(
    r"\bnation-?wide\b|\bnationally\b|\bacross\s+(?:the\s+(?:country|nation)|china)\b"
    r"|\b(?:the\s+)?whole\s+(?:of\s+)?(?:the\s+)?country\b|\ball\s+over\s+(?:the\s+)?country\b",
    re.IGNORECASE,
)
# a sentence opened by a period rather than an inspection: "In 2016, ...", "Last year, ...", "During 2017 ..."
PERIOD_OPENER = re.compile(
    r"^\W*(?:(?:in|during|throughout|for)\s+(?:the\s+(?:whole\s+)?(?:year\s+)?)?(?:19|20)\d\d\b"
    r"|(?:over\s+)?(?:last|this|the\s+past)\s+year\b)",
    re.IGNORECASE,
)


# "Last year, coal consumption in the province rose 5.8 percent": a period, but of one place
_LOCAL = re.compile(
    r"\b(?:the|this|that|its)\s+(?:province|city|region|municipality|county|prefecture|autonomous\s+region)\b"
    r"|\b(?:provincial|local|municipal)\b",
    re.IGNORECASE,
)


def asks_nationwide(question: str) -> bool:
    """True when a question asks for the country's figure ("how many were detained nationwide in 2016")."""
    return bool(NATIONWIDE.search(question))


def is_period_total(view: DocumentView, i: int) -> bool:
    """True when sentence ``i`` of ``view`` gives a nationwide or a period's figures and names no inspection
    and no place (a province, or "the province"): it says "nationwide", or it opens with a period ("Last
    year, ..."), or it goes on from such a sentence in the same paragraph ("A total of 720 people were
    detained")."""
    if _names_inspection_or_place(view.sentence_text(i)):
        return False
    if _opens_period(view.sentence_text(i)):
        return True
    previous = i - 1
    return (
        previous >= 0
        and view.paragraph[previous] == view.paragraph[i]
        and not _names_inspection_or_place(view.sentence_text(previous))
        and _opens_period(view.sentence_text(previous))
    )


def _opens_period(sentence: str) -> bool:
    return bool(NATIONWIDE.search(sentence) or PERIOD_OPENER.search(sentence))


def _names_inspection_or_place(sentence: str) -> bool:
    return bool(find_scopes(sentence) or find_provinces(sentence) or _LOCAL.search(sentence))
