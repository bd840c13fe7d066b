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
    # a Chinese sentence that lists places figure by figure (the first round's third batch, 2017)
    "r1b3-zh-2017.txt": """第三批督察组完成进驻 七省市问责情况公布

新华社北京5月30日电 第一轮中央环境保护督察第三批7个督察组已全部完成督察进驻工作。
截至5月28日，7省市共问责4018人。
从问责人数看，湖南最多，为1282人；其次是山西868人、辽宁724人。
""",
    # a traditional-character page: its cue words are matched as simplified ones
    "r2b4-zh-hant-2021.txt": """第二輪第四批督察進展

第二輪第四批中央生態環境保護督察組截至9月15日，已立案處罰1158家。
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


def test_a_chinese_list_of_places_gives_each_its_own_figure(engine: AnswerEngine) -> None:
    hunan = ask(engine, "第一轮第三批督察中，湖南问责了多少人？")
    assert "1282" in hunan.answer and "4018" not in hunan.answer and "868" not in hunan.answer
    shanxi = ask(engine, "How many people were held accountable in Shanxi in the first round's third batch?")
    assert "868" in shanxi.answer and "1282" not in shanxi.answer
    total = ask(engine, "第一轮第三批督察共问责多少人？")
    assert "4018" in total.answer


def test_traditional_cue_words_answer_a_simplified_question(engine: AnswerEngine) -> None:
    answer = ask(engine, "第二轮第四批督察立案处罚了多少家？")
    assert "1158" in answer.answer


def test_a_batch_never_held_is_refused_without_reading_every_article(
    engine: AnswerEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the first round had four batches (the calendar knows the second round began after them)
    def no_view(doc_id: str) -> None:
        raise AssertionError(f"read {doc_id} to refuse a batch that was never held")

    monkeypatch.setattr(engine.corpus, "view", no_view)
    answer = engine.answer("How many people were detained in the sixth batch of the first round?")
    assert not answer.answered and "sixth batch of the first round" in answer.answer, answer.answer
