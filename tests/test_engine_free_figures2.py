"""Free figures (bot.engine.free_figures) on a mirror page as really published: traditional characters
and pinyin glosses after some characters ("治理水土(tǔ)流失942.88平方公里", "管(guǎn)網79公裏"). A
question in simplified characters, Chinese or English, reaches the figure through the folded text without
glosses; the reply quotes the page as it is written (tests/fixtures/portal_articles2, our own page,
real-style figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import AnswerEngine
from index.embedder import Embedder
from tests.conftest import ask, engine_over

FIXTURES = Path(__file__).parent / "fixtures" / "portal_articles2"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    articles = {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.iterdir())}
    return engine_over(articles, tmp_path_factory, embedder)


@pytest.mark.parametrize(
    ("question", "figure", "quoted"),
    [
        (
            "第二轮第六批督察整改中，西藏2022年治理水土流失多少平方公里？",
            "942.88平方公里",
            "水土(tǔ)流失942.88",
        ),
        ("西藏治理水土流失多少平方公里？", "942.88平方公里", "水土(tǔ)流失942.88"),
        ("西藏改造雨污分流管网多少公里？", "79公裏", "管(guǎn)網79公裏"),
        ("西藏新建多少座污水处理厂？", "12座", "理廠12座"),
        ("How many kilometres of rain and sewage pipes were rebuilt in Tibet?", "79", "管(guǎn)網79公裏"),
        ("How many square kilometres of soil erosion did Tibet treat in 2022?", "942.88", "942.88平方公里"),
        ("How many sewage treatment plants did Tibet build?", "12", "理廠12座"),
    ],
)
def test_a_free_figure_on_a_traditional_glossed_page_is_found_and_quoted_verbatim(
    engine: AnswerEngine, question: str, figure: str, quoted: str
) -> None:
    answer = ask(engine, question)
    assert figure in answer.answer, (question, answer.answer)
    assert any(quoted in citation.quote for citation in answer.citations), (question, answer.citations)
    for other in ("117.9", "1024", "38项"):  # the page's other figures are not the one asked
        assert other not in answer.answer, (question, answer.answer)


@pytest.mark.parametrize(
    "question", ["西藏建成多少座垃圾焚烧厂？", "How many waste incineration plants did Tibet build?"]
)
def test_a_thing_the_page_does_not_name_stays_refused(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question)
    assert not answer.answered and "12" not in answer.answer, answer.answer
