"""Reply text a demanding reader reads: general causes found on held-out replies, each reproduced in
articles of our own (own sentences, real figures) over a real index, in both reply languages:

1. an article's hard-wrapped lines never bring a line break into a reply, and a quote never starts
   inside a word or on a line a hard wrap cut from its sentence ("...passed to the province,\\n200
   companies were closed");
2. replies are sentences: a bare date the article gives is said as the event asked ("the teams were
   stationed from April 6 to April 9, 2021", not "In ..., from April 6 to April 9, 2021"); a clause with
   no subject ("exposed 25 typical cases") is said in the reply's words or with its subject; a figure in
   a sentence of ours keeps the quote's digits, in ASCII ("18199" for full-width "１８１９９", "478" for
   "４７８"), a Chinese scale glossed ("2.9万 (29,000)"), and an English sum in a Chinese sentence is said
   in 万/亿 with the article's words after it ("14.3亿元（原文为“1.43 billion yuan”）"); no empty "In the
   indexed articles" intro;
3. an earlier report is named only when it counts the same thing: a number of teams stationed on the
   first day is no earlier state of the batch's teams, nor a total of a figure the reply gives in parts.

Every answer is checked: each number is in a cited quote or the verified result of stated arithmetic.
"""

from __future__ import annotations

import re

import pytest

from bot.engine import AnswerEngine
from bot.engine.compose import quote_span
from bot.engine.prompts import default_prompts, unbroken
from index.embedder import Embedder
from tests.conftest import ask, engine_over

WRAPPED = """Hebei hears the findings of the pilot inspection
Source: Hebei Daily | 2016-05-12

SHIJIAZHUANG, May 12 -- In the evening of May 3rd, the central environmental
protection inspection team gave its feedback to the Hebei provincial Party
committee and government, the provincial environmental protection department
said on Thursday.

During its month in the province the pilot team passed 2,856 public reports to
local governments,
200 companies were closed and 123 people were detained, and 366 officials were
held accountable for lax enforcement.

The province has drawn up 64 rectification measures and will report its
progress to the public every six months, the department said.
"""

STATIONED = """Second round's third batch of central inspection teams stationed
Source: Xinhua | 2021-04-10

BEIJING, April 10 (Xinhua) -- Approved by the Party Central Committee and the State Council, the eight
teams of the second round's third batch of central ecological and environmental protection inspection
were stationed from April 6 to April 9, 2021 in Shanxi, Liaoning, Anhui, Jiangxi, Henan, Hunan, Guangxi
and Yunnan.
"""

EXPOSED = """Third round's first batch finishes its stationing
Source: China News Service | 2024-01-04

BEIJING, Jan. 4 -- The five inspection teams of the third round's first batch have finished their
stationing in Fujian, Henan, Hainan, Gansu and Qinghai. Going down to the grassroots, the teams checked
a batch of prominent ecological problems, and exposed 25 typical cases.
"""

ZH_ROUND_ONE = """第一轮中央环保督察全部完成反馈
来源：中国新闻网 2017-12-28

中新网北京12月28日电 第一轮中央环境保护督察已实现31个省（区、市）全覆盖。
从成效看，第一轮督察累计立案处罚2.9万家，问责１８１９９人。
"""

EN_ROUND_ONE = """First round of central environmental inspections covers all 31 provinces
Source: gov.cn | 2017-12-29

BEIJING, Dec. 29 -- The first round of central environmental inspections has covered all 31 provinces,
regions and municipalities, and the fines imposed over the round reached 1.43 billion yuan.
"""

EN_R1B4 = """Fourth batch of environmental inspections ends
Source: ECNS | 2017-09-06

BEIJING, Sept. 6 -- The fourth batch of the first round of central environmental inspections has ended:
in the eight provinces it covered, 285 people were detained and fines added up to 280 million yuan.
"""

ZH_R2B3 = """第二轮第三批中央生态环境保护督察反馈
来源：生态环境部 2021-07-21

据统计，截至6月底，第二轮第三批督察的8个省（区）累计立案处罚3796家，罚款30903.3万元。
"""

TEAMS_DAY_ONE = """Central inspectors begin the fifth batch of the third round
Source: Xinhua | 2025-11-16

BEIJING, Nov. 16 (Xinhua) -- The fifth batch of the third round of central ecological and environmental
protection inspection began on Sunday: 2 inspection teams were stationed on its first day.
"""

TEAMS_ALL = """All teams of the fifth batch of the third round stationed
Source: Ministry of Ecology and Environment | 2025-11-20

BEIJING, Nov. 20 -- The fifth batch of the third round of central ecological and environmental
protection inspection has 10 inspection teams, and all of them were stationed by November 19, in
Beijing, Tianjin, Hebei, Shandong, Henan, Anhui, Jiangsu, Zhejiang and three central enterprises.
"""

ZH_PARTS_EARLY = """第二轮第二批督察进展
来源：中国新闻网 2020-10-04

截至10月1日，第二轮第二批各督察组立案处罚1000家；拘留50人。
"""

ZH_PARTS_LATE = """第二轮第二批督察问责情况
来源：央视新闻 2021-01-29

截至2021年1月25日，第二轮第二批各督察组立案查处2204家；行政拘留130人，刑事拘留113人。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    articles = {
        "hebei-daily-2016-05-12-wrapped.txt": WRAPPED,
        "xinhua-2021-04-10-r2b3-stationed.txt": STATIONED,
        "chinanews-2024-01-04-r3b1-exposed.txt": EXPOSED,
        "chinanews-2017-12-28-round-one.txt": ZH_ROUND_ONE,
        "govcn-2017-12-29-round-one.txt": EN_ROUND_ONE,
        "xinhua-2025-11-16-r3b5-day-one.txt": TEAMS_DAY_ONE,
        "mee-2025-11-20-r3b5-all-stationed.txt": TEAMS_ALL,
        "chinanews-2020-10-04-r2b2.txt": ZH_PARTS_EARLY,
        "cctv-2021-01-29-r2b2.txt": ZH_PARTS_LATE,
    }
    return engine_over(articles, tmp_path_factory, embedder)


@pytest.fixture(scope="module")
def across(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    """Two inspections' fines, one written in English, one in Chinese."""
    articles = {"ecns-2017-09-06-r1b4.txt": EN_R1B4, "mee-2021-07-21-r2b3.txt": ZH_R2B3}
    return engine_over(articles, tmp_path_factory, embedder)


# ---------------------------------------------------------------------- 1. whole words, one line
def test_a_hard_wrapped_article_brings_no_line_break_into_the_reply(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many rectification measures has Hebei drawn up after the pilot?")
    assert "64 rectification measures" in answer.answer, answer.answer
    assert "\n" not in answer.answer and "will report its progress" in answer.answer, answer.answer


def test_a_quote_starts_where_its_sentence_starts_not_on_a_wrapped_line(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many people were detained in the Hebei pilot inspection?")
    assert "123" in answer.answer, answer.answer
    quote = answer.citations[0].quote
    assert "123 people were detained" in quote
    assert quote.startswith("During its month"), quote


def test_quote_span_never_cuts_a_word() -> None:
    text = "In the evening of May 3rd, the team gave its feedback."
    start, end = quote_span(text, text.index("ning"), text.index("feedback") + 4)
    assert text[start:end] == "evening of May 3rd, the team gave its feedback"


def test_line_breaks_are_spaces_and_nothing_between_han_characters() -> None:
    assert unbroken("passed to the province,\n200 companies") == "passed to the province, 200 companies"
    assert unbroken("累计立案处罚2.9万家，\n问责18199人") == "累计立案处罚2.9万家，问责18199人"


# ---------------------------------------------------------------------- 2. sentences
def test_a_bare_date_is_said_as_the_event_asked(engine: AnswerEngine) -> None:
    answer = ask(engine, "When were the teams of the second round's third batch stationed?")
    assert re.search(r"were stationed (?:from )?April 6 to April 9, 2021", answer.answer), answer.answer
    assert not re.search(r"batch of the second round, (?:from|on|between) ", answer.answer), answer.answer


def test_a_clause_with_no_subject_is_not_the_reply(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many typical cases had the third round's first batch exposed?")
    assert "25" in answer.answer, answer.answer
    assert ", exposed 25" not in answer.answer and ": exposed 25" not in answer.answer, answer.answer
    assert "the teams" in answer.answer.lower(), answer.answer
    assert "round, going down to the grassroots" in answer.answer, answer.answer  # reads on, not ": Going"


def test_an_english_reply_writes_chinese_figures_in_english_digits(engine: AnswerEngine) -> None:
    accountable = ask(engine, "How many people were held accountable in the first round?")
    assert "18199" in accountable.answer, accountable.answer  # as quoted, never regrouped
    assert "１８１９９" not in accountable.answer
    punished = ask(engine, "How many companies were filed for punishment in the first round?")
    assert "2.9万 (29,000)" in punished.answer, punished.answer


def test_a_chinese_reply_says_an_english_sum_in_yi_with_the_article_words(engine: AnswerEngine) -> None:
    answer = ask(engine, "第一轮督察罚款多少？")
    assert "14.3亿元（原文为“1.43 billion yuan”）" in answer.answer, answer.answer
    assert not re.search(r"罚款1\.43 billion", answer.answer)


def test_figures_across_inspections_are_said_in_the_reply_language(across: AnswerEngine) -> None:
    chinese = ask(across, "第一轮第四批和第二轮第三批督察罚款分别是多少？")
    assert "2.8亿元（原文为“280 million yuan”）" in chinese.answer, chinese.answer
    compare = "Compare fines in the fourth batch of the first round and the third batch of the second round."
    english = ask(across, compare)
    assert "30903.3万元 (309.033 million yuan)" in english.answer, english.answer


def test_no_empty_intro_for_findings_of_no_inspection() -> None:
    """The final typesetting drops "In the indexed articles" (a year's label that replaced it stays)."""
    english = default_prompts().in_language("en")
    said = english.typeset("In the indexed articles: Baotou Aluminum had been penalised 126 times [1].")
    assert said == "Baotou Aluminum had been penalised 126 times [1].", said
    labelled = "In 2016, 720 people were detained [1]."
    assert english.typeset(labelled) == labelled
    chinese = default_prompts().in_language("zh")
    assert chinese.typeset("在已索引的文章中，包头铝业被处罚126次[1]。") == "包头铝业被处罚126次[1]。"


# ---------------------------------------------------------------------- 3. earlier reports
def test_teams_stationed_on_the_first_day_are_no_earlier_report(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many inspection teams were in the fifth batch of the third round?")
    assert "10" in answer.answer, answer.answer
    assert "earlier report" not in answer.answer, answer.answer
    assert not answer.answer.startswith("BEIJING"), answer.answer  # a dateline is no clause of the reply


def test_a_total_is_no_earlier_report_of_figures_given_in_parts(engine: AnswerEngine) -> None:
    answer = ask(engine, "第二轮第二批督察行政拘留和刑事拘留各有多少人？")
    assert "130" in answer.answer and "113" in answer.answer, answer.answer
    assert "此前的报道为50" not in answer.answer, answer.answer
