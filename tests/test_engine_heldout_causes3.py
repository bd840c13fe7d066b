"""More general causes found on real published articles (a held-out check), each reproduced in sentences of
our own over a real index: a place's "first" or "latest" inspection, and comparisons of "the two" inspections
of a conversation's last two turns."""

from __future__ import annotations

import pytest

from bot.engine import AnswerEngine
from bot.engine.conversation import Conversation
from index.embedder import Embedder
from tests.conftest import ask, engine_over

ARTICLES = {
    # a province's first inspection (the first round's first batch, 2016) ...
    "ningxia-feedback-2016.txt": """China Daily, November 17, 2016. Central environmental inspectors have \
told the Ningxia Hui autonomous region to stop building inside its nature reserves, the environment ministry \
said on Wednesday.

Since the inspection team arrived in July, the region has closed 57 polluting firms, 8 people have been \
detained and 105 officials have been held accountable.
""",
    # ... and its next one, the look-back of 2018
    "ningxia-lookback-2018.txt": """Yinchuan, Oct 20 (Xinhua) -- Ningxia has made public how it handled the \
cases passed on by the central look-back team that was stationed in the region from May 31 to July 1, 2018.

Over the look-back, 212 officials were held accountable in Ningxia and 19 people were detained.
""",
    # two batches of one round, for a conversation
    "r2b3-feedback-2021.txt": """Beijing, Feb 1 (Xinhua) -- The eight teams of the third batch of the second \
round of central ecological and environmental protection inspections have given their feedback.

During the inspection of the third batch, 218 people were held accountable.
""",
    "r2b4-progress-2021.txt": """Beijing, Sept 19 (China News Service) -- The fourth batch of the second \
round of central ecological and environmental protection inspections has been stationed for a month.

So far 844 people were held accountable in the fourth batch.
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder)


def test_a_places_first_inspection_is_its_earliest(engine: AnswerEngine) -> None:
    question = "How many officials were held accountable after the first central inspection of Ningxia?"
    answer = ask(engine, question)
    assert "105" in answer.answer and "212" not in answer.answer


def test_a_places_latest_inspection_is_its_last_even_when_no_article_covers_it(engine: AnswerEngine) -> None:
    # the calendar's latest inspection of Ningxia is the third round's fourth batch (2024), which these
    # articles do not cover: the look-back's figure is not passed off as the latest
    answer = engine.answer("How many people were detained during the latest inspection of Ningxia?")
    assert not answer.answered and "fourth batch of the third round" in answer.answer, answer.answer
    assert "19" not in answer.answer


def test_the_two_of_a_conversation_are_its_last_two_inspections(engine: AnswerEngine) -> None:
    conversation = Conversation()
    first = "How many people were held accountable in the third batch of the second round?"
    engine.answer(first, conversation)
    engine.answer("And in the fourth batch?", conversation)
    answer = engine.answer("Which of the two is higher?", conversation)
    assert answer.answered and "844" in answer.answer and "218" in answer.answer, answer.answer
