"""General causes of wrong answers to questions that ask for something other than a count, found on a
seventh held-out check of real articles, each reproduced in articles of our own (real outlets' styles, real
inspections, our own sentences) over a real index: a duration in words asked of the team the question names
(special teams on a canal, not the batch's routine teams); the city a mobilization meeting was held in, and
the first or last of several meetings by their dates; days stated without a year; the year a sentence gives
an event; and "which branch / which earlier province" answered with the place the matching sentence names,
not the inspection's province list."""

from __future__ import annotations

import pytest

from bot.engine import AnswerEngine
from index.embedder import Embedder
from tests.conftest import ask, engine_over

ARTICLES = {
    # Xinhua English: routine teams for about a month, special teams on the Grand Canal for about two weeks
    "xinhua-2024-11-20-canal-special-teams.txt": """Xinhua | 2024-11-20

China sends special inspectors to the Grand Canal

BEIJING, Nov. 20 (Xinhua) -- China has launched the third batch of the third round of central ecological \
and environmental protection inspections, the Ministry of Ecology and Environment said Wednesday.

Eight routine inspection teams will be stationed in Jiangsu, Anhui, Sichuan and Guizhou provinces and at \
four central enterprises for about a month.

In addition, two special inspection teams will look into the protection of the Grand Canal in Beijing, \
Tianjin, Hebei and Shandong, and they will be stationed for about two weeks.

During the stay, each team opens a hotline and a post box to take reports from the public.
""",
    # a 中新网 report: routine teams for about a month and special teams for about two weeks, in words
    "zhongxin-2024-11-21-special-teams-zh.txt": """中新网北京11月21日电 \
第三轮第三批中央生态环境保护督察全面启动。

8个常规督察组分别对江苏、安徽、四川、贵州4个省以及4家中央企业开展为期约一个月的督察进驻工作。

另有2个专项督察组聚焦大运河沿线生态环境保护，进驻时间两周左右。
""",
    # a Chinese release: several mobilization meetings with their dates, not in date order
    "mee-2020-09-01-second-batch-meetings.txt": """新华社北京9月1日电 \
第二轮第二批中央生态环境保护督察全部实现督察进驻

9月1日下午，中央第三生态环境保护督察组督察浙江省动员会在杭州召开。

此前，8月30日，中央第一生态环境保护督察组督察北京市动员会在北京召开；8月31日，中央第二生态环境保护\
督察组督察天津市动员会在天津召开。

至此，第二轮第二批7个中央生态环境保护督察组全部实现督察进驻。根据安排，第二轮第二批督察进驻时间约为1个月，\
对北京、天津、浙江3个省（市）以及中国铝业集团有限公司、中国建材集团有限公司2家中央企业开展督察。
""",
    # People's Daily Online style: one province's meeting, in a city with its province
    "people-2024-10-23-anhui-meeting.txt": """People's Daily Online | 2024-10-23

Central inspectors begin work in Anhui

The fifth central ecological and environmental protection inspection team, part of the third batch of the \
third round, held a mobilization meeting in Hefei, Anhui province, on Oct. 22, marking the start of its \
month-long stay.

The team will take public complaints by phone from 8:00 to 20:00 every day.
""",
    # China News Service English: feedback days stated without a year
    "chinanews-2021-09-16-feedback-days.txt": """China News Service | 2021-09-16

Inspectors report back to eight provinces

The central ecological and environmental protection inspection teams of the third batch of the second round \
gave their feedback to Shanxi, Liaoning, Anhui, Jiangxi, Henan, Hunan, Guangxi and Yunnan from September \
11th to 13th.

The teams said some localities had cut corners in closing illegal mines.
""",
    # CGTN style: the plan for the second round, with a dateline date and a year for the reviews
    "cgtn-2019-06-17-second-round-plan.txt": """CGTN | 2019-06-17

China unveils rules for new round of environmental inspections

BEIJING, June 17 (Xinhua) -- China will launch the second round of central ecological and environmental \
protection inspections this year, according to new rules released on Monday.

The second round is expected to take about three years, and reviews of the rectification work, known as \
"look-back" inspections, would be held in 2022.
""",
    # Global Times style: a branch and an earlier province, among the batch's own province list
    "globaltimes-2019-08-enterprises-criticised.txt": """Global Times | 2019-08-28

Two central enterprises rebuked over pollution

The first batch of the second round of central ecological and environmental protection inspections covered \
Shanghai, Fujian, Hainan, Chongqing, Gansu and Qinghai, and for the first time two central enterprises, \
China Minmetals and ChemChina.

Inspectors criticised ChemChina's Shandong branch for letting untreated wastewater flow into a river near \
its plant.

China Minmetals had already been criticised in the earlier inspection of Hunan for the heavy metal pollution \
left by its smelters.
""",
    # the same in Chinese
    "zhongxin-2019-08-28-enterprises-zh.txt": """中新网北京8月28日电 \
第二轮第一批中央生态环境保护督察对上海、福建、海南、重庆、甘肃、青海6个省（市）\
和中国五矿集团有限公司、中国化工集团有限公司2家中央企业开展督察。

督察组指出，中国化工集团山东分公司将未经处理的废水排入附近河道。

中国五矿此前在湖南省的督察中就因冶炼企业遗留的重金属污染问题被批评。
""",
}


# a Xinhua Chinese report alone: the plan's year in a sentence of its own, below a dateline with a day
YEAR_ALONE = {
    "xinhua-2019-06-17-plan-zh.txt": """新华社北京6月17日电 \
中共中央办公厅、国务院办公厅近日印发《中央生态环境保护督察工作规定》。

根据安排，第二轮中央生态环境保护督察用三年左右时间完成例行督察，2022年对第二轮督察整改情况开展“回头看”。
""",
}


# a 生态环境部 release: both teams' durations in one sentence, one clause each
ONE_SENTENCE = {
    "mee-2024-11-20-two-kinds-of-teams.txt": """生态环境部11月20日消息 \
第三轮第三批中央生态环境保护督察组建8个常规督察组，进驻时间约为1个月；另组建2个专项督察组，\
对大运河沿线开展专项督察，进驻时间两周左右。
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder)


@pytest.fixture(scope="module")
def one_sentence(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ONE_SENTENCE, tmp_path_factory, embedder)


@pytest.fixture(scope="module")
def year_alone(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(YEAR_ALONE, tmp_path_factory, embedder)


@pytest.mark.parametrize(
    ("question", "expected", "wrong"),
    [
        ("How long were the special teams on the Grand Canal stationed?", "about two weeks", "about a month"),
        (
            "How long will the routine inspection teams of the third batch of the third round be stationed?",
            "about a month",
            "two weeks",
        ),
        ("第二轮第二批督察进驻多长时间？", "约为1个月", "9月1日"),
        ("专项督察组进驻多长时间？", "两周左右", "一个月"),
        ("How long will the inspection team for Anhui stay?", "month-long", "was stationed on"),
        ("第三轮第三批的常规督察组进驻多长时间？", "一个月|about a month", "两周"),
        ("How long was the stationing of the second batch of the second round?", "1个月", "9月1日"),
    ],
)
def test_a_duration_in_words_is_the_named_teams(
    engine: AnswerEngine, question: str, expected: str, wrong: str
) -> None:
    answer = ask(engine, question)
    assert any(e in answer.answer for e in expected.split("|")) and wrong not in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "expected", "wrong"),
    [
        ("专项督察组进驻多长时间？", "两周左右", "1个月"),
        ("第三轮第三批的常规督察组进驻多长时间？", "1个月", "两周"),
    ],
)
def test_one_sentences_durations_are_told_apart_by_team(
    one_sentence: AnswerEngine, question: str, expected: str, wrong: str
) -> None:
    answer = ask(one_sentence, question)
    assert expected in answer.answer and wrong not in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "expected", "wrong"),
    [
        ("最后一个进驻动员会在哪个城市召开？", "杭州", "天津"),
        ("第二轮第二批督察的第一个动员会在哪个城市召开？", "北京", "杭州"),
        (
            "In which city was the last mobilization meeting of the second batch of the second round held?",
            "杭州",
            "天津",
        ),
        ("In which city was the mobilization meeting for Anhui held?", "Hefei", "Sichuan"),
        ("Where did the inspection team for Anhui hold its mobilization meeting?", "Hefei", "Guizhou"),
    ],
)
def test_a_meetings_city_is_answered_and_an_ordinal_picks_by_date(
    engine: AnswerEngine, question: str, expected: str, wrong: str
) -> None:
    answer = ask(engine, question)
    assert expected in answer.answer and wrong not in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "On which days was feedback given to the provinces of the third batch of the second round?",
        "When did the third batch of the second round give its feedback?",
        "第二轮第三批督察是在哪几天进行反馈的？",
    ],
)
def test_days_without_a_year_are_a_date(engine: AnswerEngine, question: str) -> None:
    answer = ask(engine, question)
    assert "September" in answer.answer and "11" in answer.answer and "13" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "expected", "wrong"),
    [
        ("In what year would the look-back reviews of the second round be held?", "2022", "June 17"),
        ("第二轮督察的“回头看”将在哪一年开展？", "2022", "6月17日"),
    ],
)
def test_a_year_asked_is_the_year_the_events_sentence_states(
    engine: AnswerEngine, question: str, expected: str, wrong: str
) -> None:
    answer = ask(engine, question)
    assert expected in answer.answer and wrong not in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "第二轮督察整改情况的“回头看”在哪一年开展？",
        "In what year will the look-back on the rectification of the second round take place?",
    ],
)
def test_a_year_stated_alone_answers_a_year_question(year_alone: AnswerEngine, question: str) -> None:
    answer = ask(year_alone, question)
    assert "2022" in answer.answer and "6月17日" not in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "expected", "wrong"),
    [
        (
            "Which provincial branch of ChemChina was criticised for letting untreated wastewater into a "
            "river?",
            "Shandong",
            "Qinghai",
        ),
        ("In which earlier provincial inspection had China Minmetals been criticised?", "Hunan", "Gansu"),
        ("中国五矿此前在哪个省的督察中被批评？", "湖南", "甘肃"),
        ("中国化工集团哪个省的分公司被指出排放未经处理的废水？", "山东", "海南"),
    ],
)
def test_which_place_of_a_detail_is_the_one_its_sentence_names(
    engine: AnswerEngine, question: str, expected: str, wrong: str
) -> None:
    answer = ask(engine, question)
    assert expected in answer.answer and wrong not in answer.answer, answer.answer


def test_which_provinces_an_inspection_covered_is_still_its_list(engine: AnswerEngine) -> None:
    answer = ask(engine, "Which provinces did the first batch of the second round cover?")
    assert all(p in answer.answer for p in ("Shanghai", "Fujian", "Hainan", "Qinghai")), answer.answer
