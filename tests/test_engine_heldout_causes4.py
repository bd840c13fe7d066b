"""General causes of wrong answers found on a held-out check (a fourth set), each reproduced in articles of
our own over a real index: officials "punished" or "penalized" are officials held accountable, "a further"
figure with nothing before it is the whole figure, and translated accountability verbs."""

from __future__ import annotations

import pytest

from bot.engine import AnswerEngine
from bot.engine.grounding import problems
from index.embedder import Embedder
from tests.conftest import ask, engine_over

ARTICLES = {
    # a batch wrap-up: a rounded lead figure and the exact body figure worded as "punished"
    "r2b4-wrapup.txt": """China | Home / China / Environment

Inspectors wrap up fourth batch of environmental checks

By Staff Writer | China Daily | Updated: 2021-10-12 07:05

Central environmental inspectors have completed their on-site work in five provinces and two State-owned \
enterprises. During the fourth batch of the second round, more than 2,300 officials were held accountable, \
the Ministry of Ecology and Environment said on Monday.

The batch, which began in late August, covered Jilin, Shandong, Hubei, Guangdong and Sichuan provinces.

In all, 2,315 officials were punished for failing to perform their environmental duties, the ministry said, \
and 96 people were detained.
""",
    # another batch: "a further N officials were penalized" after the companies' figures
    "r2b3-results.txt": """Xinhua | Home > China

Third batch of inspections closes cases in eight provinces

Source: Xinhua | 2021-02-02 09:15:00 | Editor: huaxia

BEIJING, Feb. 1 (Xinhua) -- The teams of the third batch of the second round of central environmental \
inspections have given their feedback to Shanxi, Liaoning, Anhui, Jiangxi, Henan, Hunan, Guangxi and Yunnan.

Nearly 1,000 officials were held to account during the third batch, the ministry said.

Some 1,870 companies were ordered to rectify and 912 companies were punished. A further 987 officials were \
penalized for negligence.
""",
    # another batch, worded plainly
    "r2b2-results.txt": """CGTN | China

Central inspection of Beijing, Tianjin and Zhejiang finds lax enforcement

2021-01-30

The central environmental inspection teams of the second batch of the second round published their \
findings on Friday, covering Beijing, Tianjin and Zhejiang.

A total of 128 officials were held accountable, and 91 people were detained.
""",
    # a machine translation of 追责: a fragment with no subject
    "r2b5-guizhou-mt.txt": """Newsbeezer | World | 2022-03-22

The central inspection team pointed out that the protection of the karst forests in Guizhou Province \
needs work

China News Service, March 22.

The Central Third Ecological Environmental Protection Supervision Team gave feedback to Guizhou Province on \
the supervision of the fifth batch of the second round.

As of the end of February 2022, the 1,212 complaints assigned by the inspection team had been basically \
completed, 318 were ordered to rectify, 17 people were detained and 66 people were interviewed. Pursue \
responsibility for 43 people.
""",
    # a provincial government's page: the province only in its masthead and copyright line; its own
    # "localities" report the figures
    "r3b2-hunan-gov.txt": """Hunan Provincial People's Government
home > NEWS

Handling of Cases Passed On by the Central Inspectorate Made Public

2024-06-08 09:30:00

By June 6, the Central Ecological and Environmental Protection Inspectorate had handed over to our province \
26 batches of 3,870 complaints from the public. All localities have reported 3,402 closed cases, 266 cases \
placed on file for punishment, proposed fines of 41.27 million yuan and 17 people under administrative \
detention.

The provincial rectification office will keep publishing how the complaints are handled.

Copyright © Hunan Provincial People's Government. All Rights Reserved.
""",
    # a start dated only by the dateline and a weekday; the stay's end is the only date written out
    "r1b2-chongqing-start.txt": """Xinhua | Home > China

Central inspection of Chongqing's environmental work gets under way

Source: Xinhua | 2016-11-29 08:40:00 | Editor: huaxia

CHONGQING, Nov. 28 (Xinhua) -- A month-long central inspection of environmental protection in southwest \
China's Chongqing municipality commenced on Monday at the instruction of the central authorities.

The inspectors will stay in the municipality until Dec. 28 and will look at how the city protects the \
Yangtze River.
""",
    # "starting Wednesday", under a page header dated two days after the dateline
    "r2b5-guizhou-start.txt": """ECNS | Home > Society

Date: Dec 3, 2021

Central environmental inspectors head for four provinces

GUIYANG, Dec. 1 (ECNS) -- Four central inspection teams will be stationed in Heilongjiang, Guizhou, \
Shaanxi and Ningxia starting Wednesday, the ministry announced.

The teams will work for about a month.
""",
    # a batch article that gives the pilot's figures as background; the pilot named in a relative clause
    "r1b1-start.txt": """Xinhua | Home > China

Central environmental inspectors start work in eight provinces

Source: Xinhua | 2016-07-19 20:05:00 | Editor: huaxia

YINCHUAN, July 19 (Xinhua) -- Eight central inspection teams have started month-long work in Inner Mongolia, \
Heilongjiang, Jiangsu, Jiangxi, Henan, Guangxi, Yunnan and Ningxia.

The eight teams build on what inspectors learned in a pilot that Hebei hosted at the start of the year.

In that pilot, the inspectors took in 2,856 public complaints and 123 people were detained.
""",
    "pilot-feedback.txt": """Xinhua | Home > China

Hebei hears the findings of the central environmental pilot inspection

Source: Xinhua | 2016-05-04 08:00:00 | Editor: huaxia

SHIJIAZHUANG, May 3 (Xinhua) -- The central team that carried out the pilot inspection in Hebei province \
told the provincial government on Tuesday to curb excess steel capacity.
""",
    # a whole-round summary: "so far" in a superlative of the round; the fines only in an abbreviated headline
    "r2-summary.txt": """China | Home / China / Environment

Second round of central inspections ends with thousands of officials penalized

By Staff Writer | China Daily | Updated: 2022-07-14 07:32

Campaign fines firms 1.87b yuan

China has wrapped up the second round of its central ecological and environmental protection inspections, \
the Ministry of Ecology and Environment said on Wednesday.

The campaign - the most thorough so far, covering all 31 provinces over three years - led to 2,974 \
officials being penalized for failing to control pollution, the ministry said.
""",
    # a finding of the inspectors about the year before, in an article on one province
    "r1b2-shaanxi-findings.txt": """China | Home / China / Environment

Shaanxi told to curb coal use

By Staff Writer | China Daily | Updated: 2017-04-14 08:20

Shaanxi was one of seven provincial regions inspected in the second batch of the first round of inspections.

Last year, coal consumption in the province rose 5.8 percent, while the share of good air days fell 3.2 \
percent, the inspectors said.
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder)


def test_officials_punished_are_held_accountable_over_a_rounded_lead(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many officials were held accountable in the fourth batch of the second round?")
    assert "2,315" in answer.answer and "2,300" not in answer.answer, answer.answer


def test_a_further_figure_with_nothing_before_it_is_the_whole_figure(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many officials were held accountable in the third batch of the second round?")
    assert "987" in answer.answer and "1,000" not in answer.answer, answer.answer


def test_a_difference_uses_the_exact_punished_figure(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "How many more officials were held accountable in the fourth batch of the second round than in the "
        "second batch?"
    )
    assert not problems(answer.answer, answer.citations, engine.version.documents, answer.arithmetic)
    assert "2,187" in answer.answer and "about" not in answer.answer, answer.answer


def test_companies_punished_stay_punishment_cases(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many companies were punished in the third batch of the second round?")
    assert "912" in answer.answer and "987" not in answer.answer, answer.answer


def test_a_translated_pursue_responsibility_is_accountability(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many people were held accountable in Guizhou in the second round?")
    assert "43" in answer.answer, answer.answer


def test_a_provinces_own_localities_report_the_provinces_figures(engine: AnswerEngine) -> None:
    fines = ask(engine, "What fines were proposed in Hunan after the 2024 central inspection?")
    assert "41.27 million yuan" in fines.answer, fines.answer
    detained = ask(engine, "How many people were placed under administrative detention in Hunan in 2024?")
    assert "17" in detained.answer, detained.answer


def test_a_start_dated_by_the_dateline_and_its_weekday(engine: AnswerEngine) -> None:
    answer = ask(engine, "When did the central environmental inspection of Chongqing begin?")
    assert "Nov. 28" in answer.answer and "Dec. 28" not in answer.answer, answer.answer
    (document,) = [d for d in engine.version.documents.values() if d.doc_id == "r1b2-chongqing-start"]
    assert [(e.kind, e.start.isoformat()) for e in document.meta.events] == [("stationed", "2016-11-28")]


def test_starting_weekday_takes_the_datelines_day_not_the_page_headers(engine: AnswerEngine) -> None:
    answer = ask(engine, "On what date did the fifth batch of the second round's inspection teams arrive?")
    assert "Dec. 1" in answer.answer and "Dec 3" not in answer.answer, answer.answer


def test_pilot_figures_given_as_background_in_a_batch_article(engine: AnswerEngine) -> None:
    detained = ask(engine, "How many people were detained during the Hebei pilot inspection?")
    assert "123" in detained.answer, detained.answer
    received = ask(engine, "How many public complaints did the Hebei pilot inspection receive?")
    assert "2,856" in received.answer, received.answer


def test_so_far_in_a_superlative_of_the_round_is_no_running_total(engine: AnswerEngine) -> None:
    (row,) = [r for r in engine.version.facts if r.doc_id == "r2-summary" and r.metric == "accountable"]
    assert (row.phrase, row.scope.round, row.scope.batch) == ("2,974", 2, None)


def test_an_abbreviated_scale_is_read_as_billions(engine: AnswerEngine) -> None:
    (row,) = [r for r in engine.version.facts if r.doc_id == "r2-summary" and r.unit == "yuan"]
    assert (row.phrase, row.value, row.metric) == ("1.87b yuan", 1_870_000_000.0, "fine")


def test_an_inspectors_finding_about_last_year_keeps_its_inspection(engine: AnswerEngine) -> None:
    answer = ask(
        engine,
        "By what percentage did coal consumption in Shaanxi rise, according to the inspectors of the second "
        "batch of the first round?",
    )
    assert "5.8 percent" in answer.answer, answer.answer


# ---------------------------------------------------------------------------------------------------------
# Two-part questions, superlatives stated in words and questions that qualify the metric (a second corpus)

QUALIFIED = {
    # a province's figures: criminal beside administrative detention, interviews beside accountability
    "r2b3-henan.txt": """CGTN | China

Henan reports progress on cases passed on by central inspectors

2021-05-10

The central environmental inspection team stationed in Henan province during the third batch of the second \
round said on Monday that the province had closed most of the complaints it handed over.

As of May 6, Henan had ordered 2,316 companies to rectify, filed 1,012 cases for punishment and 43 cases \
for criminal investigation, and imposed fines of 96.5 million yuan.

Police placed 27 people under criminal detention and 19 people under administrative detention.

Some 412 officials were interviewed, and 1,046 officials were held accountable.
""",
    # "as well as" joins the two kinds: no separator between them
    "r1b4-zhejiang-gov.txt": """Zhejiang Provincial People's Government
home > NEWS

Cases Passed On by the Central Environmental Inspectorate Made Public

2017-09-25 09:40:00

By 9 a.m. on September 20, the Central Environmental Inspectorate had handed over to our province 33 \
batches of 6,920 petition letters. All regions have reported 6,827 closed cases, 7,227 businesses ordered \
to rectify, a proposed fine of 224.27 million yuan, 70 people under administrative detention as well as 68 \
people under criminal detention. As for accountability, 744 people have been called to interview, and 313 \
people and 30 units have been asked responsibility.

Copyright © Zhejiang Provincial People's Government. All Rights Reserved.
""",
    # a Chinese provincial page: 行政拘留 and 刑事拘留 in one list
    "r2b3-shanxi-zh.txt": """来源：山西日报  发布时间：2021-05-10 09:30

中央第一生态环境保护督察组督察山西省交办案件办理情况公开

中央第一生态环境保护督察组于2021年4月6日进驻山西省，开展第二轮第三批中央生态环境保护督察。截至5月7日，\
督察组交办的群众举报件已办结3652件，责令整改2214家，立案处罚689家，罚款7532万元；立案侦查21件，行政拘留33人，\
刑事拘留17人；约谈241人，问责386人。
""",
    # passive fines: the amount levied on a count of enterprises
    "r2b2-results-cgtn.txt": """CGTN | China

Central inspection of Beijing, Tianjin and Zhejiang finds lax enforcement

2021-01-30

The central environmental inspection teams of the second batch of the second round published their \
findings on Friday, covering Beijing, Tianjin and Zhejiang as well as two central enterprises.

Penalties amounting to 512 million yuan were levied on 1,467 enterprises, and 91 people were detained. \
A total of 128 officials were held accountable.
""",
    # a count fined "a collective total of" an amount, in a long list of other figures
    "r1b4-results-chinadaily.txt": """China | Home / China / Environment

Fourth batch of inspections ends with thousands of officials punished

By Staff Writer | China Daily | Updated: 2017-09-19 06:45

Central inspectors finished their field work in Jilin, Zhejiang, Shandong, Hainan, Sichuan, Qinghai, Tibet \
and Xinjiang on Friday, the fourth batch of the first round of inspections, the ministry said on Monday.

Over 32,000 companies were ordered to stop polluting, 9,181 companies were fined a collective total of 466 \
million yuan and 364 people from polluting businesses were detained.
""",
    # the fines imposed "in" part of the cases; a superlative after its figure
    "r1b3-wrapup-xinhua.txt": """Xinhua | Home > China

1,278 officials held to account after third batch of environmental inspections

Source: Xinhua | 2017-05-12 18:20:05 | Editor: huaxia

BEIJING, May 12 (Xinhua) -- A total of 1,278 officials have been held accountable for lax environmental \
protection in the third batch of the first round of central inspections, the ministry said Friday.

Seven teams reviewed the work of Tianjin, Shanxi, Liaoning, Anhui, Fujian, Hunan and Guizhou from late April.

The teams examined 3,324 cases in all and imposed fines totalling 90 million yuan in 1,531 of those cases.

Some 481 officials from Liaoning Province were found to be at fault, the most of the seven provincial \
regions inspected.
""",
    # a superlative before its figure, after a list of every province of the batch
    "r3b2-results-chinadaily.txt": """China | Home / China / Environment

Inspectors close thousands of cases in seven regions

By Staff Writer | China Daily | Updated: 2024-06-20 07:40

Central environmental inspectors have concluded the second batch of the third round of inspections, the \
Ministry of Ecology and Environment said on Wednesday.

The teams received 31,200 complaints from the public, and local governments fined polluters a total of \
274 million yuan.

Of the seven provincial regions the teams visited - Shanghai, Zhejiang, Jiangxi, Hubei, Hunan, Chongqing \
and Yunnan - Hunan, home to many nonferrous metal smelters, handed out the heaviest fines of the group, \
61.3 million yuan, the ministry said.
""",
    # a count and a detention in one clause with the batch named: the count's own words answer
    "r2b3-results-ecns.txt": """ECNS | Home > Society

China punishes more than 2,500 firms in latest environmental inspection

2021-05-15 09:10 ECNS Editor: Li Yan

The third batch of the second round of central environmental inspections has punished more than 2,500 \
firms and detained 95 people in Shanxi, Liaoning, Anhui, Jiangxi, Henan, Hunan, Guangxi and Yunnan, the \
Ministry of Ecology and Environment said on Friday.
""",
}


@pytest.fixture(scope="module")
def qualified(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(QUALIFIED, tmp_path_factory, embedder)


@pytest.mark.parametrize(
    ("question", "expected", "other"),
    [
        (
            "How many people were placed under criminal detention in Henan in the third batch of the second "
            "round?",
            "27 people",
            "19",
        ),
        ("How many people were under administrative detention in Henan?", "19 people", "27"),
        ("How many people were placed under criminal detention in Zhejiang in 2017?", "68 people", "70"),
        (
            "How many people were under administrative detention in Zhejiang during the 2017 inspection?",
            "70 people",
            "68",
        ),
    ],
)
def test_a_qualified_detention_takes_the_figure_of_that_kind(
    qualified: AnswerEngine, question: str, expected: str, other: str
) -> None:
    answer = ask(qualified, question)
    assert expected in answer.answer and other not in answer.answer, answer.answer
    assert ("criminal" if "criminal" in question else "administrative") in answer.answer, answer.answer


def test_an_unqualified_detention_gives_both_kinds(qualified: AnswerEngine) -> None:
    answer = ask(qualified, "How many people were detained in Henan in the third batch of the second round?")
    assert "27" in answer.answer and "19" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "expected", "others"),
    [
        ("山西刑事拘留多少人？", "刑事拘留17人", ("33",)),
        ("山西行政拘留多少人？", "行政拘留33人", ("17",)),
        (
            "How many people were criminally detained in Shanxi in the third batch of the second round?",
            "17",
            ("33", "21"),
        ),
    ],
)
def test_a_qualified_detention_in_chinese(
    qualified: AnswerEngine, question: str, expected: str, others: tuple[str, ...]
) -> None:
    answer = ask(qualified, question)
    assert expected in answer.answer and not any(o in answer.answer for o in others), answer.answer


def test_interviewed_and_asked_responsibility_are_told_apart(qualified: AnswerEngine) -> None:
    accountable = ask(qualified, "How many people were held accountable in Zhejiang in 2017?")
    assert "313" in accountable.answer and "744" not in accountable.answer, accountable.answer
    interviewed = ask(qualified, "How many people were called to interview in Zhejiang in 2017?")
    assert "744" in interviewed.answer and "313" not in interviewed.answer, interviewed.answer


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        (
            "How many enterprises were fined in the second batch of the second round, and how much?",
            ("1,467", "512 million yuan"),
        ),
        (
            "How many companies were fined in the fourth batch of the first round, and how much?",
            ("9,181", "466 million yuan"),
        ),
        (
            "In how many cases were fines imposed in the third batch of the first round, and how much?",
            ("1,531", "90 million yuan"),
        ),
    ],
)
def test_a_two_part_question_answers_the_count_and_the_amount(
    qualified: AnswerEngine, question: str, figures: tuple[str, ...]
) -> None:
    answer = ask(qualified, question)
    assert all(figure in answer.answer for figure in figures), answer.answer
    assert answer.answer.count(figures[1]) == 1, answer.answer  # said once, not once per part
    assert "364" not in answer.answer and "32,000" not in answer.answer, answer.answer


def test_a_passive_fine_counts_the_enterprises_fined(qualified: AnswerEngine) -> None:
    answer = ask(qualified, "How many companies were fined in the second batch of the second round?")
    assert "1,467" in answer.answer, answer.answer
    (row,) = [r for r in qualified.version.facts if r.doc_id == "r2b2-results-cgtn" and r.value == 1467]
    assert row.metric == "punishment"


def test_a_superlative_before_its_figure_names_the_province(qualified: AnswerEngine) -> None:
    answer = ask(
        qualified,
        "Which province imposed the highest fines in the second batch of the third round, and how much?",
    )
    assert "Hunan" in answer.answer and "61.3 million yuan" in answer.answer, answer.answer
    assert "274 million" not in answer.answer, answer.answer


def test_a_superlative_after_its_figure_names_the_province(qualified: AnswerEngine) -> None:
    answer = ask(
        qualified,
        "Which province had the most officials held accountable in the third batch of the first round?",
    )
    assert "Liaoning" in answer.answer and "481" in answer.answer, answer.answer
    assert "1,278" not in answer.answer, answer.answer


def test_a_count_is_quoted_in_its_own_words_not_its_whole_clause(qualified: AnswerEngine) -> None:
    answer = ask(qualified, "How many firms were punished in the third batch of the second round?")
    assert "2,500 firms" in answer.answer and "95" not in answer.answer, answer.answer
