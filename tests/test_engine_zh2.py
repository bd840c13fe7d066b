"""Chinese articles, second pass: years beside figures glued to their counters, as-of times said in the
reply's language, and English words set apart from Han characters in a Chinese reply. Third pass: when an
article was published, dates asked across languages, the leader of one province's team and a person's role,
and counts of zero said in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer import Citation
from bot.engine import AnswerEngine
from bot.engine.grounding import is_grounded
from bot.evaluation.matching import contains, ungrounded_figures
from index.embedder import Embedder
from index.facts.numbers import number_tokens
from index.text.chinese import has_chinese
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


# ------------------------------------------------------------------ third pass: publication dates, dates
# asked across languages, the leader of one province's team, people's roles, zeros said in words
ZH_FIXTURES = Path(__file__).parent / "fixtures" / "zh_articles"
_FIXTURE_NAMES = (
    "chinanews-2021-09-19-r2b4-sinking.txt",
    "xinhua-2019-08-22-r2b1-accountable.txt",
    "chinanews-2025-09-13-r3b4-feedback.txt",
    "mee-2024-05-07-r3b2-team-leaders.txt",
    "chinanews-2023-11-21-r3b1-launch-leaders.txt",
    "mee-2021-04-06-r2b3-launch-teams.txt",
    "jiangxi-2021-04-09-r2b3-mobilisation.txt",
)
# Our own sentences in the styles of Xinhua's and the Global Times' English reports (real names and figures).
ENGLISH_ARTICLES = {
    "xinhua-2018-06-01-lookback1-en.txt": """Central inspectors return to Yunnan and Heilongjiang

KUNMING, June 1 (Xinhua) -- Central environmental inspectors arrived in Yunnan Province on Friday for the \
first batch of the "look-back" inspections, which check how provinces fixed the problems found two years ago.

The team, led by Zhu Xiaodan, will stay in Yunnan for about a month and has opened a hotline for public \
complaints.

"Rectification on paper will not be accepted," said Huang Longyun, head of the inspection team sent to \
Heilongjiang, at a meeting in Harbin on the same day.

Zhai Qing, deputy head of the team for Inner Mongolia and Ningxia, told reporters that the teams would \
check how earlier findings had been fixed.
""",
    "xinhua-2018-11-08-lookback2-en.txt": """Second batch of look-back inspections completes stationing

BEIJING, Nov. 8 (Xinhua) -- Five central environmental inspection teams of the second batch of the \
"look-back" inspections were stationed in ten provinces from October 30 to November 6, 2018, the Ministry of \
Ecology and Environment said.
""",
    "xinhua-2023-11-23-r3b1-gansu-en.txt": """Central inspectors begin month-long stay in Gansu

LANZHOU, Nov. 23 (Xinhua) -- Jiang Zhuoqing led the central ecological and environmental protection \
inspection team to Gansu Province on Wednesday for the first batch of the third round of inspections.
""",
    "globaltimes-2021-09-20-r2b4-en.txt": """Central inspectors handle 18,000 complaints in five provinces

Source: Global Times Published: 2021/9/20 21:15:03

China's fourth batch of the second round of central environmental inspections had accepted 18,347 valid \
complaints by 8 pm on September 15, the Ministry of Ecology and Environment said.

Of them, 1,158 cases were filed for punishment, while in Hubei no one was detained over the period.
""",
}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    articles = {name: (ZH_FIXTURES / name).read_text(encoding="utf-8") for name in _FIXTURE_NAMES}
    return engine_over({**articles, **ENGLISH_ARTICLES}, tmp_path_factory, embedder)


@pytest.mark.parametrize(
    ("question", "date"),
    [
        ("这篇关于第二轮第四批督察下沉阶段的报道是什么时候发布的？", "2021年9月19日"),
        ("第三轮第四批督察完成反馈的报道是哪天发布的？", "2025年9月13日"),
        (
            "When was the report on the feedback of the fourth batch of the third round published?",
            "September 13, 2025",
        ),
    ],
)
def test_a_publication_question_is_answered_with_the_publication_date(
    mixed: AnswerEngine, question: str, date: str
) -> None:
    """The article's own date from its page header, not its figures nor the dates of events it reports."""
    answer = ask(mixed, question)
    assert date in answer.answer, answer.answer
    assert "发布时间" in answer.citations[0].quote, answer.citations[0].quote
    assert not {"1158", "22511", "45"} & set(number_tokens(answer.answer)), answer.answer


@pytest.mark.parametrize(
    ("question", "said", "written"),
    [
        (
            "When did the inspection teams give feedback to the provinces in the third round's fourth batch?",
            "the teams gave their feedback on September 13",
            "9月13日",
        ),
        (
            "When were the teams of the first batch of the second round stationed?",
            "the teams were stationed from July 10 to July 15",
            "7月10日至7月15日",
        ),
    ],
)
def test_an_english_date_question_over_a_chinese_article_is_answered_in_english(
    mixed: AnswerEngine, question: str, said: str, written: str
) -> None:
    """The date said in English, the Chinese date quoted as written; no half-Chinese sentence."""
    answer = ask(mixed, question)
    assert said in answer.answer and f"({written})" in answer.answer, answer.answer
    assert not has_chinese(answer.answer.replace(f"({written})", "")), answer.answer
    assert written in answer.citations[0].quote


def test_a_chinese_date_question_over_an_english_article_says_the_date_in_chinese(
    mixed: AnswerEngine,
) -> None:
    answer = ask(mixed, "第二批“回头看”督察组什么时候进驻？")
    assert "督察组于2018年10月30日至11月6日进驻" in answer.answer, answer.answer
    assert "October 30 to November 6, 2018" in answer.citations[0].quote


def test_an_english_count_over_a_chinese_clause_is_said_in_english(mixed: AnswerEngine) -> None:
    """ "本批共组建7个督察组": a count named only by its noun, said in English rather than half in Chinese."""
    answer = ask(mixed, "How many inspection teams were formed in the second batch of the third round?")
    assert "7 inspection teams" in answer.answer and not has_chinese(answer.answer), answer.answer


@pytest.mark.parametrize(
    ("question", "leader", "others"),
    [
        ("第三轮第二批督察中，湖北的督察组组长是谁？", "李锦斌", ["许达哲", "蒋卓庆"]),  # one line of a list
        (
            "Who led the inspection team for Hunan in the second batch of the third round?",
            "蒋卓庆",
            ["李锦斌"],
        ),
        ("第三轮第二批督察中，江西省的督察组组长是谁？", "刘伟", ["许达哲"]),  # "组长 刘 伟"
        ("第三轮第一批督察中，海南的督察组组长是谁？", "宋秀岩", ["陈润儿"]),  # listed in the same order
        ("第二轮第三批督察中，云南的督察组组长是谁？", "焦焕成", ["吴新雄"]),  # team number, then leader
        ("第二轮第三批督察中，江西省的督察组组长是谁？", "宋秀岩", ["赵英民"]),  # named in passing
        ("第二轮第三批督察中，江西的督察组副组长是谁？", "赵英民", ["宋秀岩"]),
        ("Who led the look-back team in Yunnan?", "Zhu Xiaodan", []),  # "The team, led by X, ..."
        (
            "Who headed the inspection team sent to Heilongjiang?",
            "Huang Longyun",
            [],
        ),  # "said X, head of ..."
        ("Who led the team to Gansu in the first batch of the third round?", "Jiang Zhuoqing", ["陈润儿"]),
    ],
)
def test_the_leader_of_one_province_team_is_named(
    mixed: AnswerEngine, question: str, leader: str, others: list[str]
) -> None:
    answer = ask(mixed, question)
    assert leader in answer.answer, answer.answer
    assert not [name for name in others if name in answer.answer], answer.answer


def test_one_line_of_a_list_of_teams_is_quoted(mixed: AnswerEngine) -> None:
    answer = ask(mixed, "第三轮第二批督察中，湖北的督察组组长是谁？")
    assert [citation.quote for citation in answer.citations] == ["第四督察组（组长 李锦斌）负责湖北省"]


def test_the_team_number_and_its_leader_are_both_quoted(mixed: AnswerEngine) -> None:
    answer = ask(mixed, "第二轮第三批督察中，云南的督察组组长是谁？")
    quotes = [citation.quote for citation in answer.citations]
    assert any("负责云南省" in q for q in quotes) and any("组长焦焕成" in q for q in quotes), quotes


def test_a_list_of_every_team_leader_names_no_one_team_leader(mixed: AnswerEngine) -> None:
    """ "组长由吴新雄、朱之鑫……担任" says nothing about which team went to Shanxi: refused."""
    answer = mixed.answer("第二轮第三批督察中，山西的督察组组长是谁？")
    assert not answer.answered, answer.answer


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("宋秀岩是谁？", "第二督察组（组长 宋秀岩）负责浙江省"),
        ("Who is Zhai Qing?", "deputy head of the team"),
    ],
)
def test_a_question_on_a_person_is_answered_from_the_clause_giving_the_role(
    mixed: AnswerEngine, question: str, role: str
) -> None:
    answer = ask(mixed, question)
    assert role in answer.answer, answer.answer
    assert "许达哲" not in answer.answer, answer.answer  # one team's line, not the whole list


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("第二轮第一批督察中，中国五矿有多少人被问责？", "中国五矿的问责人数为零：中国五矿暂无人员被问责[1]"),
        (
            "How many people were held accountable at China Minmetals in the second round's first batch?",
            "China Minmetals had zero people held accountable [1]",
        ),
        (
            "How many people were detained in Hubei in the fourth batch of the second round?",
            "Hubei had zero detentions: in Hubei no one was detained over the period [1]",
        ),
    ],
)
def test_a_zero_said_in_words_answers_a_count_as_zero(mixed: AnswerEngine, question: str, said: str) -> None:
    answer = ask(mixed, question)
    assert said in answer.answer, answer.answer
    assert "8" not in number_tokens(answer.answer), answer.answer  # not China National Chemical's 8


def _citation(mixed: AnswerEngine, doc_id: str, quote: str) -> Citation:
    text = mixed.version.documents[doc_id].text
    start = text.index(quote)
    date = mixed.version.documents[doc_id].meta.date
    return Citation(
        n=1, doc_id=doc_id, title="", source=None, date=date.isoformat() if date else None, url=None,
        quote=quote, start=start, end=start + len(quote),
    )  # fmt: skip


def test_the_grounding_check_accepts_a_day_restated_in_another_form(mixed: AnswerEngine) -> None:
    """ "2021年9月19日" is the header's "2021-09-19"; "September 15, 2021" is "9月15日" in an article of 2021;
    another day, or another year, is not."""
    documents = mixed.version.documents
    doc_id = "chinanews-2021-09-19-r2b4-sinking"
    header = _citation(mixed, doc_id, "发布时间：2021-09-19 16:31:35")
    as_of = _citation(mixed, doc_id, "据通报，截至9月15日20时")
    for said, citation in (
        ("发布于2021年9月19日", header),
        ("published on 19 September 2021", header),
        ("as of 20:00 on September 15, 2021", as_of),
        ("截至2021年9月15日", as_of),
    ):
        assert is_grounded(f"{said} [1].", [citation], documents), said
    for said, citation in (
        ("发布于2021年9月18日", header),
        ("as of September 15, 2020", as_of),
        ("as of 20:00 on September 16", as_of),
    ):
        assert not is_grounded(f"{said} [1].", [citation], documents), said
