"""The grounding check: quotes at their offsets, [n] markers, and every number in a quote."""

from __future__ import annotations

import pytest

from bot.answer import Citation
from bot.engine.grounding import is_grounded, problems
from index.models import Document, DocumentMeta

TEXT = (
    "As of 20:00 on September 15th, the teams had received 22,511 calls. "
    "Of these, 1,158 were filed for punishment and three issues were handed over."
)
DOC = Document(
    doc_id="d", path="d.txt", content_hash="x", meta=DocumentMeta(title="T"), text=TEXT, sentences=[]
)
DOCS = {"d": DOC}


def _cite(n: int, quote: str) -> Citation:
    start = TEXT.index(quote)
    return Citation(
        n=n, doc_id="d", title="T", source=None, date=None, quote=quote, start=start, end=start + len(quote)
    )


FIRST = "As of 20:00 on September 15th, the teams had received 22,511 calls."
SECOND = "Of these, 1,158 were filed for punishment and three issues were handed over."


@pytest.mark.parametrize(
    "answer",
    [
        "In the fourth batch, 22,511 calls were received (as of 20:00 on September 15th) [1].",
        "22511 calls were received [1].",
    ],
)
def test_grounded_answers_pass(answer: str) -> None:
    assert is_grounded(answer, [_cite(1, FIRST)], DOCS)


def test_two_citations_in_order_of_first_use() -> None:
    answer = "22,511 calls were received [1]; 1,158 cases were filed for punishment and three issues [2]."
    assert is_grounded(answer, [_cite(1, FIRST), _cite(2, SECOND)], DOCS)


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("22,512 calls were received [1].", "number 22512"),
        ("In 2021, 22,511 calls were received [1].", "number 2021"),
        ("Three cases were filed [1].", "number 3"),
        ("22,511 calls were received [2].", "unknown citation"),
        ("22,511 calls were received.", "every citation must be used"),
    ],
)
def test_ungrounded_answers_fail(answer: str, message: str) -> None:
    found = problems(answer, [_cite(1, FIRST)], DOCS)
    assert any(message in problem for problem in found), found


def test_a_quote_must_equal_the_text_at_its_offsets() -> None:
    moved = _cite(1, FIRST).model_copy(update={"start": 1})
    assert any("offsets" in p for p in problems("22,511 calls [1].", [moved], DOCS))


def test_citations_must_be_numbered_by_first_use() -> None:
    answer = "1,158 cases [2] after 22,511 calls [1]."
    assert not is_grounded(answer, [_cite(1, FIRST), _cite(2, SECOND)], DOCS)


def test_an_answer_without_citations_is_not_grounded() -> None:
    assert not is_grounded("The articles do not say.", [], DOCS)
