"""Chinese questions answered in Chinese, English ones in English, whatever the articles' language."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from bot.answer import Citation
from bot.engine import AnswerEngine
from bot.engine.grounding import problems
from bot.engine.prompts import ENGLISH, LANGUAGES, PROMPTS_DIR, Prompts, _read_phrases, speaking
from index.embedder import Embedder
from tests.conftest import ask, engine_over

FIXTURES = Path(__file__).parent / "fixtures" / "articles"

_FIELD = re.compile(r"\{(\w+)(?::[^}]*)?\}")
# phrases given a value for each language's own way of writing it: "{word}" ("fourth"), "{numeral}" ("四")
_OWN_FORMS = {"ordinal"}


def _fields(text: str) -> set[str]:
    """The placeholders of a template: ``{name}``, ``{noun:default}`` and string.Template's ``$name``."""
    names = set(_FIELD.findall(text)) - {"noun"}  # {noun:...} is optional: Chinese puts no noun there
    names |= {m.group("named") for m in string.Template.pattern.finditer(text) if m.group("named")}
    return names


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != ENGLISH])
def test_every_english_template_and_phrase_has_a_counterpart_with_its_placeholders(
    language: str,
) -> None:
    prompts = Prompts()
    here = prompts.directory_of(language)
    for english in sorted(PROMPTS_DIR.glob("*.txt")):
        other = here / english.name
        assert other.exists(), f"{other} is missing"
        if english.name == "phrases.txt":
            continue
        ours, theirs = english.read_text(encoding="utf-8"), other.read_text(encoding="utf-8")
        assert _fields(theirs) == _fields(ours), english.name
    english_phrases, phrases = _read_phrases(PROMPTS_DIR / "phrases.txt"), _read_phrases(here / "phrases.txt")
    assert set(phrases) == set(english_phrases)
    for key, template in english_phrases.items():
        if key in _OWN_FORMS:
            continue
        assert _fields(phrases[key]) == _fields(template), key


def test_no_figure_in_a_chinese_phrase() -> None:
    """Numbers in answers come from quotes: the phrases hold no digits and no Chinese numerals."""
    for key, template in _read_phrases(PROMPTS_DIR / "zh" / "phrases.txt").items():
        assert not re.search(r"[0-9一二三四五六七八九十百千万亿两]", template), key


def test_prompts_follow_the_reply_language() -> None:
    prompts = Prompts()
    scope = prompts.phrase("scope.round_batch", round=prompts.ordinal(2), batch=prompts.ordinal(4))
    assert scope == "the fourth batch of the second round"
    with speaking("zh"):
        assert prompts.phrase("scope.round_batch", round=prompts.ordinal(2), batch=prompts.ordinal(4)) == (
            "第二轮第四批督察"
        )
        assert prompts.join(["江苏", "浙江", "上海"]) == "江苏、浙江和上海"
        assert prompts.place("Jiangsu") == "江苏"
        assert prompts.in_language(ENGLISH).place("Jiangsu") == "Jiangsu"
    assert prompts.join(["a", "b", "c"]) == "a, b and c"


# Our own sentences in the styles of the releases, with the reports' real figures.
ARTICLES = {
    "chinanews-r2b4.txt": """第二轮第四批中央生态环境保护督察全面转入下沉阶段

中新网北京9月19日电 （记者 李明）记者19日从生态环境部获悉，第二轮第四批中央生态环境保护督察已转入下沉\
工作阶段。

经党中央、国务院批准，第二轮第四批7个中央生态环境保护督察组于2021年8月26日至8月31日陆续进驻吉林、山东、湖北、广东、四川5个省，\
以及中国有色矿业集团、中国黄金集团两家央企开展督察。

截至9月15日20时，各督察组共受理群众有效举报18347件，已办结或阶段办结10311件，其中立案处罚1158家，罚款4006万元；立案侦查56件，拘留61人；\
约谈党政领导干部524人，问责党政领导干部218人。
""",
    "mee-r3b1.txt": """第三轮第一批中央生态环境保护督察完成督察进驻工作

发布时间：2024-01-04

经党中央、国务院批准，第三轮第一批5个中央生态环境保护督察组于2023年11月21日至22日先后进驻福建、河南、海南、甘肃、青海5个省开展督察。

截至12月22日，有关省份已办结或阶段办结11457件，其中立案处罚1232家，立案侦查55件；约谈党政领导干部623人，问责党政领导干部289人。
""",
    "crntt-r2b2.txt": """中央環保督察第二輪第二批進駐完成

中評社北京10月4日電／第二輪第二批7個中央生態環境保護督察組自2020年8月30日至9月1日先後進駐北京、天津、浙江3個省（市）。

截至10月1日，各督察組共收到群眾舉報15307件，已辦結5065件；立案處罰1000家，罰款7905.57萬元；立案偵查57件，拘留50人。
""",
    "cctv-r2b2.txt": """第二轮第二批中央生态环境保护督察边督边改取得进展

发布时间：2021-01-29 07:03:38　来源：央视新闻

生态环境部今天通报了第二轮第二批中央生态环境保护督察边督边改的最新进展。截至2021年1月25日，被督察对象已办结8766件，\
立案处罚2204家。
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    english = (FIXTURES / "r3b2-progress-2024.txt").read_text(encoding="utf-8")
    return engine_over({**ARTICLES, "r3b2-progress-2024.txt": english}, tmp_path_factory, embedder)


@pytest.mark.parametrize(
    ("question", "said", "quoted"),
    [
        ("第二轮第四批督察罚款多少？", "在第二轮第四批督察中，罚款4006万元", "罚款4006万元"),
        ("第二轮第四批督察立案处罚了多少家？", "立案处罚1158家", "立案处罚1158家"),
        ("第二轮第四批督察拘留了多少人？", "拘留61人", "拘留61人"),
        ("第三轮第一批督察问责了多少人？", "在第三轮第一批督察中，问责289人", "问责党政领导干部289人"),
        (
            "第二輪第二批督察罰款多少？",
            "罚款7905.57萬元",
            "罰款7905.57萬元",
        ),  # asked and quoted in traditional
        ("第三轮第一批督察组什么时候进驻的？", "2023年11月21日至22日", "2023年11月21日至22日"),
        ("第三轮第一批督察进驻了哪些省份？", "福建、河南、海南、甘肃和青海", "福建、河南、海南、甘肃、青海"),
        ("第三轮第一批督察进驻了哪几个省？", "福建、河南、海南、甘肃和青海", "福建、河南、海南、甘肃、青海"),
    ],
)
def test_chinese_questions_are_answered_in_chinese_with_the_figure_quoted(
    engine: AnswerEngine, question: str, said: str, quoted: str
) -> None:
    answer = ask(engine, question)
    assert said in answer.answer and answer.answer.endswith("。"), answer.answer
    assert "[1]" in answer.answer and quoted in answer.citations[0].quote
    assert not re.search(r"\b(?:In|the|were)\b", answer.answer), answer.answer  # no English frame


def test_a_chinese_question_the_articles_do_not_answer_is_refused_in_chinese(engine: AnswerEngine) -> None:
    answer = engine.answer("第三轮第一批督察罚款多少？")  # the article gives no fine
    assert not answer.answered and answer.answer.startswith("文章中没有提到第三轮第一批督察的罚款。")
    assert "已索引的文章涵盖" in answer.answer and "4006" not in answer.answer
    off_topic = engine.answer("北京今天的空气质量怎么样？")
    assert not off_topic.answered and off_topic.answer.startswith("文章中没有提到"), off_topic.answer


def test_an_english_question_over_a_chinese_article_quotes_the_chinese_figure(engine: AnswerEngine) -> None:
    answer = ask(engine, "How much were the fines in the fourth batch of the second round?")
    assert answer.answer.startswith("In the fourth batch of the second round, fines came to 4006万元"), (
        answer.answer
    )
    assert "罚款4006万元" in answer.citations[0].quote


def test_a_chinese_question_over_an_english_article_quotes_the_english(engine: AnswerEngine) -> None:
    answer = ask(engine, "第三轮第二批督察受理了多少群众举报？")
    assert answer.answer.startswith("在第三轮第二批督察中，") and "32,781" in answer.answer, answer.answer
    assert "accepted 32,781 reports" in answer.citations[0].quote


def test_a_chinese_total_shows_its_arithmetic(engine: AnswerEngine) -> None:
    answer = engine.answer("第二轮第二批和第四批一共拘留多少人？")
    assert not problems(answer.answer, answer.citations, engine.version.documents, answer.arithmetic)
    assert answer.answer.startswith("拘留合计111人："), answer.answer
    assert "第二轮第二批督察50人[1]" in answer.answer and "第二轮第四批督察61人[2]" in answer.answer
    assert "（50 + 61 = 111人）" in answer.answer and answer.arithmetic[0].result == 111


def test_a_figure_is_restated_as_its_quote_writes_it(engine: AnswerEngine) -> None:
    """The grounding rule across languages: "4006万元" is said as written, never converted."""
    documents = engine.version.documents
    document = next(d for d in documents.values() if "罚款4006万元" in d.text)
    start = document.text.index("截至9月15日")
    end = document.text.index("；", start)
    quote = document.text[start:end]
    citation = Citation(
        n=1, doc_id=document.doc_id, title="t", source=None, date=None, quote=quote, start=start, end=end
    )
    assert not problems("In that batch, fines came to 4006万元 [1].", [citation], documents)
    assert not problems("在第二轮第四批督察中，罚款4006万元[1]。", [citation], documents)  # 第二 names
    assert problems("In that batch, fines came to 40.06 million yuan [1].", [citation], documents)
    digits_quoted = "In that batch, fines came to 4006 million yuan [1]."  # but not that value
    assert problems(digits_quoted, [citation], documents)
    assert problems("罚款4007万元[1]。", [citation], documents)


def test_a_figure_asked_as_of_a_day_is_that_days_report(engine: AnswerEngine) -> None:
    latest = ask(engine, "第二轮第二批督察立案处罚了多少家？")
    said = "在第二轮第二批督察中，立案处罚2204家（截至2021年1月25日）[1]"
    assert latest.answer.startswith(said), latest.answer
    asked = ask(engine, "第二輪第二批督察截至10月1日立案處罰了多少家？")
    assert "立案处罚1000家（截至10月1日）[1]" in asked.answer and "2204" not in asked.answer, asked.answer


TWINS = {
    "chinanews-r2b4.txt": ARTICLES["chinanews-r2b4.txt"],
    "chinanews-r2b4-en.txt": """China News Service, Beijing, September 19. The fourth batch of the second \
round of central ecological and environmental protection inspections has moved into its sinking stage.

As of 20:00 on September 15th, the teams had accepted 18,347 valid reports; 1,158 cases were filed for \
punishment, with fines of 40.06 million yuan, and 61 people were detained.
""",
}


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(TWINS, tmp_path_factory, embedder)


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("第二轮第四批督察罚款多少？", "罚款4006万元"),
        ("How much were the fines in the fourth batch of the second round?", "fines of 40.06 million yuan"),
        ("第二轮第四批督察拘留了多少人？", "拘留61人"),
        ("How many people were detained in the fourth batch of the second round?", "61 people were detained"),
    ],
)
def test_of_two_reports_of_the_same_time_the_one_in_the_questions_language_is_quoted(
    twins: AnswerEngine, question: str, quoted: str
) -> None:
    answer = ask(twins, question)
    assert len(answer.citations) == 1 and quoted in answer.citations[0].quote, answer.answer
