"""Chinese articles, fourth pass: a team named by its number or its leader instead of its province (who led
it, where it went, its figures), refused when no article places it; and English replies over Chinese
passages in English words: provinces by their English names, leaders romanised with the Han name after."""

from __future__ import annotations

import pytest

from bot.engine import AnswerEngine
from bot.engine.pinyin import romanised, same_person
from bot.engine.teams import team_asked
from index.embedder import Embedder
from tests.conftest import ask, engine_over

# Our own sentences in the styles of a 生态环境部 launch release (a team list, one line per team), a
# provincial daily's handover report and a 新华社 launch report naming leaders without saying which team went
# where; real teams, leaders and figures (the first look-back of 2018, the second round's third batch).
ARTICLES = {
    "mee-lookback1-teams.txt": """第一批中央环境保护督察“回头看”全面启动

发布时间：2018-05-31 09:00:00　来源：生态环境部

经党中央、国务院批准，第一批中央环境保护督察“回头看”全面启动，6个督察组于5月30日至6月7日陆续进驻10个省（区）。\
各组分工如下：

第一组：河北、河南，组长朱之鑫，副组长赵英民；
第二组：内蒙古、宁夏，组长吴新雄，副组长翟青；
第三组：黑龙江，组长黄龙云，副组长黄润秋；
第四组：江苏、江西，组长马中平，副组长刘华；
第五组：广东、广西，组长张宝顺，副组长翟青；
第六组：云南，组长朱小丹，副组长黄润秋。

进驻期间，各督察组分别设立专门值班电话和邮政信箱，受理群众来信来电举报。
""",
    "yunnan-lookback1-handover.txt": """云南通报中央环境保护督察“回头看”交办件办理情况

发布时间：2018-06-25 08:00:00　来源：云南省人民政府

中央第六环境保护督察组于6月5日进驻云南省开展第一批中央环境保护督察“回头看”。6月24日，督察组向我省交办第二十批\
群众举报投诉环境问题57件。

截至目前，我省共接收中央第六环保督察组交办的举报件1190件，其中来电举报958件，来信举报232件。
""",
    "xinhua-r2b3-leaders.txt": """第二轮第三批中央生态环境保护督察启动

新华社北京4月6日电 （记者 高敬）第二轮第三批8个中央生态环境保护督察组近日陆续进驻山西、辽宁、安徽、江西、\
河南、湖南、广西、云南8个省（区）。

本批督察组组长由吴新雄、朱之鑫、刘伟平、宋秀岩、杨松、徐敬业、李家祥、焦焕成等同志担任。
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder)


def test_a_team_is_read_from_a_question_by_number_or_by_leader() -> None:
    assert team_asked("第一批“回头看”第三督察组的组长是谁？").number == 3
    assert team_asked("Who led the sixth inspection team of the first look-back?").number == 6
    assert team_asked("朱小丹带领的督察组负责哪个省？").leader == "朱小丹"
    assert team_asked("，由黄龙云率领的中央督察组").leader == "黄龙云"
    assert team_asked("the team led by Zhu Xiaodan in the first look-back").leader == "Zhu Xiaodan"
    assert team_asked("the second group of inspectors") is None  # a loose name of a batch, not a team
    assert team_asked("第二轮第三批督察罚款多少？") is None


def test_a_han_name_is_romanised_family_name_first() -> None:
    assert romanised("朱小丹") == "Zhu Xiaodan"
    assert romanised("刘 伟") == "Liu Wei"
    assert same_person("黄龙云", "Huang Longyun") and same_person("黄龙云", "黄龙云")
    assert not same_person("黄龙云", "Huang Runqiu")


def test_the_leader_of_a_team_named_by_its_number(engine: AnswerEngine) -> None:
    answer = ask(engine, "第一批“回头看”第三督察组的组长是谁？")
    assert "黄龙云" in answer.answer
    assert "朱之鑫" not in answer.answer and "吴新雄" not in answer.answer  # not the whole team list


def test_an_english_question_on_a_numbered_team_gets_the_leader_romanised(engine: AnswerEngine) -> None:
    answer = ask(engine, "Who led the sixth inspection team of the first batch of the look-back?")
    assert "Zhu Xiaodan (朱小丹)" in answer.answer
    assert "朱之鑫" not in answer.answer and "黄龙云" not in answer.answer


def test_the_place_of_a_team_named_by_its_leader(engine: AnswerEngine) -> None:
    answer = ask(engine, "第一批“回头看”中，黄龙云带领的督察组负责督察哪个省？")
    assert "黑龙江" in answer.answer
    assert "云南" not in answer.answer and "河北" not in answer.answer
    english = ask(engine, "Which province did the team led by Huang Longyun inspect in the first look-back?")
    assert "Heilongjiang" in english.answer and "Huang Longyun (黄龙云)" in english.answer
    assert "Yunnan" not in english.answer


def test_a_figure_of_the_team_led_by_a_person_is_its_provinces(engine: AnswerEngine) -> None:
    answer = ask(
        engine, "How many complaints did the team led by Zhu Xiaodan hand over in the first look-back?"
    )
    assert "1190" in answer.answer
    assert answer.citations[0].doc_id == "yunnan-lookback1-handover"


def test_a_team_no_article_places_is_refused_not_listed(engine: AnswerEngine) -> None:
    answer = engine.answer("第二轮第三批第五督察组的组长是谁？")
    assert not answer.answered, answer.answer
    assert "吴新雄" not in answer.answer and "杨松" not in answer.answer


def test_an_english_list_over_a_chinese_sentence_names_provinces_in_english(engine: AnswerEngine) -> None:
    answer = ask(engine, "Which provinces did the third batch of the second round inspect?")
    for name in ("Shanxi", "Liaoning", "Anhui", "Jiangxi", "Henan", "Hunan", "Guangxi", "Yunnan"):
        assert name in answer.answer
    reply = answer.answer.split("[")[0]
    assert not any("\u4e00" <= char <= "\u9fff" for char in reply), answer.answer  # English prose


# A provincial daily's reports on the complaints one team handed over: an early count, and the final one
# written "移交…28批，累计2438件" (batches of complaints, then the running total); real figures (Hubei, 2024).
HANDOVERS = {
    "hubei-early.txt": """中央生态环保督察组向我省交办第九批信访件

2024-05-18 08:00　来源：湖北日报

湖北日报讯 5月17日，中央第四生态环境保护督察组向我省交办信访件96件。截至5月17日，中央第四生态环境保护督察组\
共向我省交办9批信访件，共645件，均已转到各市州办理。第三轮第二批督察进驻湖北的时间为5月8日至6月8日。
""",
    "hubei-final.txt": """督察组移交我省的信访举报件全部办结

2024-06-15 08:00　来源：湖北日报

湖北日报讯 第三轮第二批中央生态环境保护督察进驻湖北期间，中央第四生态环境保护督察组共向我省移交信访举报件\
28批，累计2438件，均已按期办理并反馈。
""",
}


@pytest.fixture(scope="module")
def handovers(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(HANDOVERS, tmp_path_factory, embedder)


@pytest.mark.parametrize(
    "question",
    [
        "In the end, how many complaints did the central team hand over to Hubei in the third round's "
        "second batch?",
        "第三轮第二批督察中，中央督察组最终向湖北省累计移交了多少件信访举报？",
    ],
)
def test_a_running_total_after_a_count_of_batches_is_the_final_figure(
    handovers: AnswerEngine, question: str
) -> None:
    answer = ask(handovers, question)
    assert "2438" in answer.answer
    assert answer.citations[0].doc_id == "hubei-final"
    assert answer.answer.index("2438") < answer.answer.find("645") or "645" not in answer.answer


# A later round's report (2022) with a sentence on the first round and its look-back: that sentence keeps its
# own scope, and a question on the two finds it (real figures: 3294 tasks, 95% done by the end of April 2022).
LATER = {
    "xinhua-2022-rectification.txt": """两轮督察推动解决群众身边生态环境问题

新华社北京7月6日电 （记者 高敬）第二轮第六批中央生态环境保护督察的整改正在推进。

国务院新闻办公室6日举行发布会。截至今年4月底，第一轮督察及“回头看”整改方案确定的3294项整改任务，\
总体完成率为95%；第二轮前三批督察确定的1227项整改任务已完成约一半。
""",
}


@pytest.fixture(scope="module")
def later(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(LATER, tmp_path_factory, embedder)


@pytest.mark.parametrize(
    "question",
    [
        "第一轮督察和“回头看”整改方案明确了多少项整改任务？",
        "How many rectification tasks did the plans of the first round and its look-back set?",
    ],
)
def test_an_earlier_rounds_figure_in_a_later_article_answers_a_question_on_it(
    later: AnswerEngine, question: str
) -> None:
    answer = ask(later, question)
    assert "3294" in answer.answer
    assert "1227" not in answer.answer


# A provincial daily's figures for "我省" (the page's one province, named in its masthead and once more): they
# are that province's, never the whole batch's (real figures: Hubei, June 2024).
PROVINCIAL = {
    "hubei-own-figures.txt": """中央生态环保督察组向我省移交第27批信访件

2024-06-05 07:30　来源：湖北日报

中央第四生态环境保护督察组于5月8日起进驻湖北省，开展第三轮第二批中央生态环境保护督察。

截至6月4日，我省配合督察的信访处置组累计收到办理报告1644份，已办结578件；责令整改521家，立案处罚123家，\
罚款金额332.2371万元，行政拘留2人。
""",
}


@pytest.fixture(scope="module")
def provincial(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(PROVINCIAL, tmp_path_factory, embedder)


@pytest.mark.parametrize(
    "question",
    ["第三轮第二批督察拘留了多少人？", "How much were the fines in the second batch of the third round?"],
)
def test_a_provincial_pages_own_figures_are_never_the_batchs(provincial: AnswerEngine, question: str) -> None:
    answer = provincial.answer(question)
    assert not answer.answered or "湖北" in answer.answer or "Hubei" in answer.answer, answer.answer
