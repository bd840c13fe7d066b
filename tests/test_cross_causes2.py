"""Questions across inspections and in conversation, second set of general causes found on held-out
questions, each reproduced in articles of our own (tests/fixtures/cross_causes2/, in the styles of Xinhua,
China Daily, China News Service, the Ministry's releases and a provincial site, with real figures) over a
real index:

1. one operand worded another way (reports "received" in one article, "accepted" in the other; 亿 against
   万 yuan; a Chinese comparison asked with 相比哪个多);
2. a round's running total in an article on one batch ("Including this batch, the round's teams have
   filed ...", 本轮督察以来) is never that batch's figure;
3. totals and comparisons of two provinces of one inspection (in one passage or in two articles);
4. one province across rounds or the look-back: its own figures, from the batch that inspected it;
5. follow-ups on team leaders and numbered teams in another batch (answered from that batch, or refused);
6. the provinces of one batch ranked by a figure, with follow-ups ("And the fewest?").

Every answer is checked: each number is in a cited quote or the verified result of arithmetic on cited
figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer import Answer
from bot.engine import AnswerEngine
from bot.engine.conversation import Conversation
from bot.engine.running import counts_round_so_far
from index.embedder import Embedder
from tests.conftest import ask, engine_over

FIXTURES = Path(__file__).parent / "fixtures" / "cross_causes2"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    articles = {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.iterdir())}
    return engine_over(articles, tmp_path_factory, embedder)


def cited(answer: Answer) -> set[str]:
    return {citation.doc_id for citation in answer.citations}


# ---------------------------------------------------------------------- 1. the metric worded another way
def test_reports_worded_another_way_fill_the_missing_operand(engine: AnswerEngine) -> None:
    chinese = ask(engine, "第三轮第三批和第四批受理举报相比哪个多？")
    assert "1.87万" in chinese.answer and "11,950" in chinese.answer, chinese.answer
    assert "第三轮第四批督察较多" in chinese.answer
    assert "没有提到" not in chinese.answer  # the third batch is not said to be missing
    english = ask(engine, "Compare the reports accepted in the third and fourth batches of the third round.")
    assert "11,950" in english.answer and "(public reports received)" in english.answer, english.answer
    assert cited(english) >= {"chinanews-2024-11-20-r3b3-reports"}


def test_a_chinese_comparison_of_yi_and_wan_yuan(engine: AnswerEngine) -> None:
    answer = ask(engine, "第二轮第一批和第二批罚款相比哪个多？")
    assert "5.12亿元" in answer.answer and "约23184.14万元" in answer.answer, answer.answer
    assert "第二轮第二批督察较多" in answer.answer
    fewer = ask(engine, "第二轮第一批和第二批罚款哪个少？")
    assert "第二轮第一批督察较少" in fewer.answer, fewer.answer


# ---------------------------------------------------------------------- 2. a round's running total
def test_a_rounds_running_total_is_never_a_batchs_figure(engine: AnswerEngine) -> None:
    cases = ask(
        engine, "Compare the cases filed for punishment in the third and fourth batches of the third round."
    )
    assert "1,345" in cases.answer and "6,420" not in cases.answer, cases.answer
    fines = ask(engine, "第三轮第三批和第四批一共罚款多少？")
    assert "58.6 million yuan + 96.2 million yuan" in fines.answer, fines.answer
    assert "12亿" not in fines.answer and "1.2 billion" not in fines.answer


def test_running_totals_of_a_round_read_in_both_languages() -> None:
    for sentence in (
        "Including this batch, the round's inspectors have filed 6,420 cases for punishment to date.",
        "In total, since the start of this round, 3,100 officials have been held accountable.",
        "Since the third round began in November 2023, the inspectors have received 98,600 reports.",
        "So far in the third round, the inspectors have received 98,600 public reports.",
        "The third round has so far imposed fines of 1.2 billion yuan across its four batches.",
        "本轮督察以来，被督察地方累计罚款12亿元。",
        "截至目前，第三轮督察已累计受理群众信访举报9.86万件。",
    ):
        assert counts_round_so_far(sentence), sentence
    for sentence in (
        "The fourth batch of the third round has so far received 18,730 reports.",
        "Fines of 58.6 million yuan had been imposed so far, the ministry said.",
        "第三轮第一批督察组累计向相关省转办13441件。",
        "进驻以来，各督察组累计受理举报1.2万件。",
    ):
        assert not counts_round_so_far(sentence), sentence


# ---------------------------------------------------------------------- 3. two provinces of one inspection
def test_totals_of_two_provinces_of_one_batch(engine: AnswerEngine) -> None:
    english = ask(
        engine, "How much were Zhejiang and Hunan fined together in the second batch of the third round?"
    )
    assert "3120万元 + 1.05亿元 = 136.2 million yuan" in english.answer, english.answer
    for question in ("浙江和湖南一共罚款多少？", "第三轮第二批浙江和湖南两省合计罚款多少？"):
        chinese = ask(engine, question)
        assert "3120万元 + 1.05亿元 = 13620万元" in chinese.answer, chinese.answer
        assert "1.275亿" not in chinese.answer  # the batch's own total is no sum of two provinces
    cases = ask(
        engine,
        "How many cases did Zhejiang and Hunan file for punishment in total in the second batch of the third "
        "round?",
    )
    assert "312 + 287 = 599" in cases.answer and "1,896" not in cases.answer, cases.answer


def test_two_provinces_compared(engine: AnswerEngine) -> None:
    answer = ask(
        engine, "Which of Zhejiang and Hubei imposed more fines in the second batch of the third round?"
    )
    assert "Zhejiang reported more" in answer.answer, answer.answer
    chinese = ask(engine, "浙江和湖北罚款相比哪个多？")
    assert "浙江较多" in chinese.answer, chinese.answer


# ---------------------------------------------------------------------- 4. one province across rounds
def test_one_province_across_a_round_and_the_lookback(engine: AnswerEngine) -> None:
    answer = ask(engine, "Compare Shanxi's fines in the first round and in the look-back.")
    assert "46.43 million yuan in the third batch of the first round (Shanxi)" in answer.answer, answer.answer
    assert '154 million yuan in the second batch of the "look-back" (Shanxi)' in answer.answer


def test_one_province_across_rounds_takes_its_own_batch(engine: AnswerEngine) -> None:
    change = ask(
        engine,
        "How did the number of cases Shanxi filed for punishment change from the first round to the second "
        "round?",
    )
    assert "2,131 - 1,012 = 1,119" in change.answer, change.answer
    assert "3,021" not in change.answer
    rounds = ask(engine, "Compare Shanxi's fines in the second and third rounds.")
    assert "218 million yuan" in rounds.answer and "do not report it for the third round" in rounds.answer
    assert "96.2 million" not in rounds.answer and "1.2 billion" not in rounds.answer  # no batch totals


def test_a_provincial_sites_figures_are_that_provinces(engine: AnswerEngine) -> None:
    answer = ask(engine, "Compare Zhejiang's fines in the first round and in the third round.")
    assert "224.2705 million yuan in the fourth batch of the first round (Zhejiang)" in answer.answer
    # the Chinese sum as its quote writes it, glossed in English words (said_sum, since caad083)
    zhejiang = "3120万元 (31.2 million yuan) in the second batch of the third round (Zhejiang)"
    assert zhejiang in answer.answer, answer.answer
    assert "1.275亿" not in answer.answer and "127.5 million" not in answer.answer  # not the batch's


# ---------------------------------------------------------------------- 5. leaders in conversation
def converse(engine: AnswerEngine, turns: list[tuple[str, list[str] | None]]) -> list[Answer]:
    """Ask ``turns`` in one conversation; each answer must hold its figures or names (None: refused)."""
    conversation = Conversation()
    answers = []
    for question, expected in turns:
        if expected is None:
            answer = engine.answer(question, conversation)
            assert not answer.answered, (question, answer.answer)
        else:
            answer = ask(engine, question, conversation)
            for word in expected:
                assert word in answer.answer, (question, answer.answer)
        answers.append(answer)
    return answers


def test_a_leader_follow_up_asks_of_another_batch(engine: AnswerEngine) -> None:
    converse(
        engine,
        [
            ("Who led the team for Henan in the first batch of the third round?", ["Xu Dazhe"]),
            ("And the team for Hubei in the second batch?", ["Li Jinbin"]),
        ],
    )


def test_a_numbered_team_follow_up_keeps_the_number(engine: AnswerEngine) -> None:
    answers = converse(
        engine,
        [
            ("Who led the fifth team in the second batch of the third round?", ["Jiang Zhuoqing"]),
            ("And in the first batch?", ["Liu Wei"]),
        ],
    )
    assert "Chen Run'er" not in answers[1].answer


def test_a_leader_follow_up_on_an_inspection_without_that_team_is_refused(engine: AnswerEngine) -> None:
    converse(
        engine,
        [
            ("Who led the team for Zhejiang in the second batch of the third round?", ["Song Xiuyan"]),
            ("Who led it in the first batch?", None),  # the first batch did not inspect Zhejiang
            ("Who led it in the second round?", None),
        ],
    )


def test_a_team_asked_of_two_batches_is_answered_for_each(engine: AnswerEngine) -> None:
    numbered = ask(engine, "Who led the second team in the first and second batches of the third round?")
    assert (
        "In the first batch of the third round, the team for Henan was led by Xu Dazhe [1]" in numbered.answer
    )
    assert "In the second batch of the third round, the team for Zhejiang was led by Song Xiuyan [2]" in (
        numbered.answer
    )
    chinese = ask(engine, "第三轮第一批和第二批的第二督察组组长分别是谁？")
    assert "Xu Dazhe[1]" in chinese.answer and "Song Xiuyan[2]" in chinese.answer, chinese.answer
    one = ask(
        engine,
        "Who led the team for Hubei in the second batch of the third round and who led it in the first "
        "batch?",
    )
    assert "Li Jinbin [1]" in one.answer and "do not report it for the first batch" in one.answer, one.answer


def test_a_numbered_team_of_a_round_is_asked_of_each_batch(engine: AnswerEngine) -> None:
    answer = ask(engine, "Who led the fourth team in the third round?")
    assert "the team for Gansu was led by Jiang Zhuoqing [1]" in answer.answer, answer.answer
    assert "the team for Hubei was led by Li Jinbin [2]" in answer.answer
    assert "do not report it for the third batch of the third round" in answer.answer


# ---------------------------------------------------------------------- 6. provinces of one batch ranked
def test_provinces_ranked_with_follow_ups(engine: AnswerEngine) -> None:
    converse(
        engine,
        [
            (
                "Which province received the most tip-offs in the second batch of the third round?",
                ["Zhejiang reported the most", "4,120"],
            ),
            ("And the fewest?", ["Shanghai reported the fewest", "2,240"]),
        ],
    )


def test_chinese_province_superlatives_over_reports_worded_another_way(engine: AnswerEngine) -> None:
    answer = ask(engine, "第三轮第二批哪个省受理举报最多？")
    assert "浙江最多" in answer.answer and "4,120" in answer.answer, answer.answer
    fewest = ask(engine, "第二批哪个省罚款最少？")
    assert "湖北最少" in fewest.answer, fewest.answer
