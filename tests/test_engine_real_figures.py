"""Figures as real articles word them: wire translations with stray words after a full stop, verb-object-
complement order, nominalised metrics, "filed and punished" beside "filed for investigation", penalties
"totalling", cases handed to the police, the latest of several reports, and running totals that are no
single inspection's. The articles are written for this test in the styles of the real outlets."""

from __future__ import annotations

import re

import pytest

from bot.engine import AnswerEngine
from bot.engine.grounding import problems
from index.embedder import Embedder
from tests.conftest import engine_over

ARTICLES = {
    "cns-r2b3-2021.txt": """Chinanews.com, May 14. The Ministry of Ecology and Environment said on its \
WeChat account that the second round's third batch of central ecological and environmental protection \
inspectors has wrapped up its stationing.

As of May 9, the teams had accepted 29,133 reports from the masses that were handed over (duplicates not \
counted); 2,575 cases were filed and penalized with a fine of 191,282,100 yuan; 160 cases were filed for \
investigation, and 95 people were detained; 1,708 party and government leaders were interviewed, and 844 \
were held accountable. people.

Approved by the Party Central Committee and the State Council, the 8 teams were stationed in Shanxi, \
Liaoning, Anhui, Jiangxi, Henan, Hunan, Guangxi and Yunnan from April 6 to April 9, 2021.
""",
    "gt-r1b2-2017.md": """---
title: Officials punished after second group of environmental inspections
source: Global Times
date: 2017-04-25
round: 1
batch: 2
---
China held more than 3,100 officials accountable for lax environmental work after the central inspectors \
visited Beijing, Shanghai, Chongqing, Hubei, Guangdong, Gansu and Shaanxi at the end of last year, the \
ministry said on Monday.

The seven provinces handed over 120 cases to police and imposed fines totalling 204 million yuan.
""",
    "ecns-r1b2-2016.md": """---
title: 687 officials held accountable in ongoing environmental inspections
date: 2016-12-14
round: 1
batch: 1
---
The teams sent in late November have looked into 1,893 cases. In 1,479 of those cases fines have been \
imposed, adding up to 66 million yuan.
""",
    "cd-r1b3-2017.md": """---
title: Over 1,200 officials held accountable in seven provinces
date: 2017-05-12
round: 1
batch: 3
---
Of the 3,324 cases the teams have looked into, 1,531 ended in fines, which total 90 million yuan.
""",
    "cd-r1b3-liaoning-2017.md": """---
title: Officials found at fault in seven provinces
date: 2017-05-12
round: 1
batch: 3
---
Liaoning Province had the most officials found at fault, 481, of the seven regions under inspection.
""",
    "gt-r1b3-2017.md": """---
title: Third round of inspection completed in seven provinces
date: 2017-08-01
round: 1
batch: 3
---
Hunan's regulators ignored problems caused by large companies, and violators there were fined a combined \
63.5 million yuan.
""",
    "csi-r2b2-2022.md": """---
title: Central SOEs widen accountability after inspection
date: 2022-08-31
round: 2
batch: 2
---
Two centrally administered State-owned enterprises have widened accountability as they work to fix the \
violations the inspectors found in September 2020.
""",
    "mirror-r1b3-2018.md": """---
title: Central inspectors in seven provinces have a total accountability of 1048 people
round: 1
batch: 3
---
- Mar 30, 2018-
The seven teams inspected Tianjin, Shanxi, Liaoning, Anhui, Fujian, Hunan and Guizhou from April to May \
2017. The seven provinces have a total accountability of 1048 people, the ministry reported.
""",
    "cd-pilot-2016.md": """---
title: Hebei punishes polluters after the central pilot inspection
source: China Daily
date: 2016-07-18
---
The central inspection team was stationed in Hebei province from December 31, 2015 to February 4, 2016, \
the pilot of the central environmental protection inspection.

During the pilot, the team found 2,856 pollution problems. In total, 200 companies were shut down and 123 \
people were detained.
""",
    "xh-cumulative-2017.txt": """Xinhua, September 18, 2017. The fourth batch of the first round of central \
environmental protection inspections has finished its stationing in eight provinces including Jilin, \
Zhejiang and Shandong, where 4,210 people were interviewed and 5,763 held accountable.

Since the pilot in Hebei at the end of 2015, more than 15,000 people have been held accountable across \
the country.
""",
    "xh-r2b1-2019.txt": """Xinhua News Agency, Beijing, August 2. The first batch of the second round of \
central ecological and environmental protection inspections has entered its sinking phase; eight teams \
were stationed in Shanghai, Fujian, Hainan, Chongqing, Gansu and Qinghai and in China Minmetals \
Corporation and China National Chemical Corporation from July 10 to July 14, 2019.

As of July 31, the provinces had filed 1,165 cases for punishment with fines of 96.51 million yuan, and \
accountability was pursued for 1,140 people.
""",
    "cns-r2b1-2019-late.txt": """China News Service, Beijing, August 16. The first batch of the second round \
of central inspections has completed its stationing.

As of August 15, the provinces and enterprises inspected had filed 2,412 cases for punishment, and \
penalties totalling 164.32 million yuan were imposed. 2,023 people were interviewed and 1,309 people were \
held accountable.
""",
    "cns-r2b6-2022.txt": """Xinhua News Agency, Beijing, April 23. The sixth batch of the second round of \
central ecological and environmental protection inspectors has finished its sinking work in Hebei, Jiangsu, \
Inner Mongolia, Tibet and Xinjiang.

As of the evening of the 22nd, the teams had received 14,410 calls and letters from the masses. When \
repeated reports were combined, 10,445 cases in total went to the provinces and the Corps; 1,127 \
cases were filed and punished, 59 cases were filed for investigation, and 188 officials were held \
accountable.
""",
    "lb2-2018.txt": """Guangming Daily, November 30, 2018. The second batch of the "look-back" of the \
central environmental protection inspection has finished its stationing.

The provinces of the batch had 43 cases filed and investigated by the end of November.
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder)


def _has(text: str, figure: str) -> bool:
    return re.search(rf"(?<![\d.,]){re.escape(figure)}(?![\d]|[.,]\d)", text) is not None


def _answer(engine: AnswerEngine, question: str, *figures: str) -> str:
    answer = engine.answer(question)
    assert answer.answered, answer.answer
    assert not problems(answer.answer, answer.citations, engine.version.documents)
    for figure in figures:
        assert _has(answer.answer, figure), answer.answer
    return answer.answer


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        # "..., and 844 were held accountable. people": the figure has its own verb, not the one before
        ("How many people were held accountable in the third batch of the second round?", "844"),
        ("How many officials were held accountable in the second batch of the first round?", "3,100"),
        ("How many people were held accountable in the third batch of the first round?", "1048"),
        ("How many cases were handed over to the police in the second batch of the first round?", "120"),
        ("What fines were imposed in the second batch of the first round?", "204 million yuan"),
        ("How many cases were filed for punishment in the sixth batch of the second round?", "1,127"),
        ("How many cases were filed for investigation in the sixth batch of the second round?", "59"),
        ("How many cases were filed for investigation in the second look-back batch?", "43"),
        ("How many people were detained in the Hebei pilot?", "123"),
        ("How many officials in Liaoning were found at fault in the first round's third batch?", "481"),
        (
            "How many cases were transferred to the provinces in the sixth batch of the second round?",
            "10,445",
        ),
    ],
)
def test_figures_in_real_wordings(engine: AnswerEngine, question: str, figure: str) -> None:
    _answer(engine, question, figure)


def test_cases_handed_to_the_police_are_not_reports_passed_on(engine: AnswerEngine) -> None:
    answer = engine.answer("How many reports were transferred in the second batch of the first round?")
    assert not _has(answer.answer, "120"), answer.answer


def test_punishment_and_investigation_are_never_confused(engine: AnswerEngine) -> None:
    punished = _answer(
        engine, "How many cases were filed for punishment in the sixth batch of the second round?"
    )
    assert not _has(punished, "59"), punished
    investigated = _answer(
        engine, "How many cases were filed for investigation in the sixth batch of the second round?"
    )
    assert not _has(investigated, "1,127"), investigated
    lookback = engine.answer("How many cases were filed for punishment in the second look-back batch?")
    assert not lookback.answered and not _has(lookback.answer, "43"), lookback.answer


def test_the_latest_report_is_answered_and_the_earlier_one_mentioned(engine: AnswerEngine) -> None:
    fines = _answer(
        engine, "What were the fines in the first batch of the second round?", "164.32 million yuan"
    )
    assert "96.51 million yuan" in fines and fines.index("164.32") < fines.index("96.51")
    assert "earlier" in fines
    held = _answer(
        engine, "How many people were held accountable in the first batch of the second round?", "1,309"
    )
    assert _has(held, "1,140") and held.index("1,309") < held.index("1,140")  # "accountability was pursued"


def test_a_running_total_is_not_the_pilot_figure(engine: AnswerEngine) -> None:
    answer = engine.answer("How many people were held accountable in the Hebei pilot?")
    assert not answer.answered, answer.answer
    assert not _has(answer.answer, "15,000") and not _has(answer.answer, "5,763")
    batch = _answer(engine, "How many people were held accountable in the fourth batch of the first round?")
    assert _has(batch, "5,763") and not _has(batch, "15,000"), batch


def test_month_names_in_a_question_are_dates_not_names(engine: AnswerEngine) -> None:
    """ "by mid-December" is when, not a name every cited passage must mention."""
    _answer(
        engine, "How many cases had the first round's first batch looked into by mid-December 2016?", "1,893"
    )
    _answer(
        engine, "How much in fines had the first batch of 2016 imposed by mid-December?", "66 million yuan"
    )


def test_a_figure_for_the_whole_batch_beats_a_later_one_for_one_province(engine: AnswerEngine) -> None:
    answer = _answer(
        engine, "What fines were imposed in the third batch of the first round?", "90 million yuan"
    )
    assert "63.5" not in answer, answer


def test_an_adverb_and_participle_before_the_noun_keep_what_is_counted(engine: AnswerEngine) -> None:
    """ "Two centrally administered State-owned enterprises" counts enterprises, not problems."""
    answer = engine.answer(
        "How many accountability problems were handed over in the second batch of the second round?"
    )
    assert "centrally administered were" not in answer.answer and not answer.answered, answer.answer
