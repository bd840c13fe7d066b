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
