"""Chinese articles, second pass: years beside figures glued to their counters, as-of times said in the
reply's language, and English words set apart from Han characters in a Chinese reply."""

from __future__ import annotations

import pytest

from bot.engine import AnswerEngine
from bot.evaluation.matching import contains, ungrounded_figures
from index.embedder import Embedder
from tests.conftest import ask, engine_over

# Our own sentences in the styles of 新华社 and 生态环境部 releases; two reports on one batch, the earlier one
# with counts such as "1901家" and "2046件" (four digits that read like a year), figures of our own.
ARTICLES = {
    "xinhua-r2b1-early.txt": """第二轮第一批中央生态环境保护督察全部完成进驻

2019-08-20 17:40:03　来源：新华网

新华社北京8月20日电 （记者 王晓）生态环境部20日通报，第二轮第一批中央生态环境保护督察组已完成对上海、\
福建、海南、重庆、甘肃、青海6个省市的督察进驻。

通报说，截至8月15日20时，各督察组共转办群众举报2046件，立案处罚1901家，罚款9200.5万元；立案侦查41件，拘留37人。

甘肃、青海两省的整改工作仍在推进。
""",
    "mee-r2b1-late.txt": """生态环境部通报第二轮第一批督察边督边改进展

发布时间：2019-11-30

截至10月25日，第二轮第一批督察各被督察对象已办结12003件，立案处罚3157家，罚款约23184.14万元，拘留72人。
""",
    "cctv-r2b2.txt": """第二轮第二批中央生态环境保护督察整改有序推进

发布时间：2021-01-29 07:03:38　来源：央视新闻

生态环境部今天通报，截至2021年1月25日，第二轮第二批督察被督察对象已办结8766件，立案处罚2204家，罚款15287万元。
""",
    "chinanews-r3b4-feedback.txt": """第三轮第四批中央生态环境保护督察完成反馈

中新网北京9月12日电 （记者 刘洋）第三轮第四批中央生态环境保护督察日前已向被督察省份反馈督察意见。

督察组指出，一些地方黄河流域生态保护工作存在短板。各被督察省份应在30个工作日内研究制定整改方案，报送党中央、国务院。
""",
    "people-r3b4-en.txt": """Central inspectors finish stationing in five provinces

Beijing, September 14 (People's Daily Online) -- The fourth batch of the third round of central ecological \
and environmental protection inspections has finished its stationing stage.

The teams inspected five provinces and three central enterprises: China Huaneng Group, China Datang \
Corporation and State Power Investment Corporation.
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder)


@pytest.mark.parametrize(
    "question",
    [
        "截至2019年8月15日，第二轮第一批督察罚款多少？",
        "How much had violators been fined in the first batch of the second round by August 15, 2019?",
        "2019年对上海、福建、海南、重庆、甘肃、青海的中央生态环境保护督察罚款多少？",
    ],
)
def test_a_year_asked_keeps_a_report_whose_counts_read_like_years(
    engine: AnswerEngine, question: str
) -> None:
    """ "立案处罚1901家" names no year 1901: the report of the year asked is not dropped for it."""
    answer = ask(engine, question)
    assert "9200.5万元" in answer.answer, answer.answer
    if "15" in question:  # asked as of August 15: the later report is not the answer
        assert "23184.14" not in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "How many people were detained in the first batch of the second round by August 15, 2019?",
            "37 people were detained (as of 20:00 on August 15) [1]",
        ),
        (
            "How many cases were filed for punishment in the second batch of the second round?",
            "(as of January 25, 2021) [1]",
        ),
    ],
)
def test_an_english_reply_says_a_chinese_as_of_time_in_english(
    engine: AnswerEngine, question: str, said: str
) -> None:
    answer = ask(engine, question)
    assert said in answer.answer, answer.answer
    assert "月" not in answer.answer.split("(as of")[1], answer.answer
    assert not ungrounded_figures(answer), answer.answer  # "20:00" is the quote's "20时"


def test_a_chinese_reply_keeps_the_chinese_as_of_time(engine: AnswerEngine) -> None:
    answer = ask(engine, "第二轮第一批督察截至8月15日拘留了多少人？")
    assert "拘留37人（截至8月15日20时）[1]" in answer.answer, answer.answer


def test_a_chinese_reply_sets_english_names_apart_from_han_characters(engine: AnswerEngine) -> None:
    answer = ask(engine, "第三轮第四批督察了哪几家中央企业？")
    assert answer.answer.startswith("在第三轮第四批督察中，"), answer.answer
    for name in ("China Huaneng Group", "China Datang Corporation"):
        assert contains(answer.answer, name), answer.answer  # a whole word, not glued to "有" or "和"
    assert "有 China Huaneng" in answer.answer and "Corporation 和" in answer.answer, answer.answer


def test_a_duration_asked_in_english_is_read_from_a_chinese_clause(engine: AnswerEngine) -> None:
    """No figure counts "working days" in "30个工作日内": the clause stating the deadline answers."""
    answer = ask(
        engine,
        "Within how many working days must the provinces of the third round's fourth batch draw up "
        "rectification plans?",
    )
    assert "30个工作日内" in answer.answer and answer.answer.startswith("In the fourth batch"), answer.answer
