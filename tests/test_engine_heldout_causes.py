"""General causes of wrong or refused answers found on real published articles (a held-out check): each
test reproduces one cause in sentences of our own, in the styles real outlets use, over a real index."""

from __future__ import annotations

import pytest

from bot.engine import AnswerEngine
from index.embedder import Embedder
from tests.conftest import ask, engine_over

ARTICLES = {
    # a rounded lead figure, the exact figure further down (same report, no later as-of time)
    "r2b4-progress-2021.txt": """Chinanews.com, September 30th. Since the fourth batch of the second round \
of central ecological and environmental protection inspections was stationed in Jilin, Shandong, Hubei, \
Guangdong and Sichuan, more than 1,100 cases were filed for punishment by the five provinces.

The inspected provinces dealt with the problems reported by the masses one by one. A total of 1,158 cases \
were filed for punishment, and fines of 126.4 million yuan were imposed on the companies concerned.
""",
    "r1b3-lead-2017.txt": """Over 3,300 cases filed for punishment in third batch of inspections

More than 3,300 cases were filed for punishment during the third batch of the first round of central \
environmental protection inspections, the Ministry of Environmental Protection said on Friday.

Tianjin, Shanxi, Liaoning, Anhui, Fujian, Hunan and Guizhou reported the figures to the ministry. In all, \
3,324 cases have been filed for punishment by the seven provinces.
""",
    # a stationing period stated without "for" or "lasted"; a related-links line after the article
    "r3b3-stationing-2024.txt": """BEIJING, Oct. 21 (Xinhua) -- Inspection teams of the third batch of the \
third round of central ecological and environmental protection inspections began stationing on Monday in \
Jiangsu, Anhui, Sichuan and Guizhou.

The stationing period of the teams is about one month.

Inspection teams stationed in seven provinces and municipalities, May 2024
Rectification of the problems found last year goes on
""",
    # an earlier report, then the latest one worded "filed for investigation and punishment"
    "r2b6-early-2022.txt": """China News Service, Beijing, April 8. The sixth batch of the second round of \
central ecological and environmental protection inspections has been stationed in Hebei, Jiangsu, Inner \
Mongolia, Tibet and Xinjiang for two weeks.

So far, the inspected regions have filed 612 cases for punishment.
""",
    "r2b6-final-2022.txt": """China News Service, Beijing, April 23. The sixth batch of the second round of \
central ecological and environmental protection inspections has completed its stationing.

As of April 22, the inspected regions had filed 1,127 cases for investigation and punishment, and another 59 \
cases were filed for investigation.
""",
    # the fine as the second object of "fined"
    "r3b2-fines-2024.txt": """By Hou Liqiang | China Daily | Updated: 2024-06-20 08:12

The second batch of the third round of central ecological and environmental protection inspections has \
wrapped up its stationing in Shanghai, Zhejiang, Jiangxi, Hubei, Hunan, Chongqing and Yunnan.

Local environmental authorities fined 126 enterprises 8.3 million yuan over the pollution the teams exposed.
""",
    # accountability worded by a machine translation
    "r3b3-accountability-2024.txt": """Xinhua News Agency, Beijing, November 28th. The third batch of the \
third round of central ecological and environmental protection inspections has finished its on-site work in \
Jiangsu, Anhui, Sichuan and Guizhou.

The four provinces interviewed 305 party and government cadres and asked responsibility of 211 people.
""",
    "r2b3-split-2021.txt": """Chinanews.com, May 14th. The third batch of the second round of central \
ecological and environmental protection inspections has handed its cases over to the eight provinces.

The provinces summoned 1,708 officials for talks, and 844 were held accountable. people

Teams will keep tracking the rectification.
""",
    "r2b2-wire-2020.txt": """China News Service, Beijing, October 10. The second batch of the second round \
of central ecological and environmental protection inspections has finished its stationing in Beijing, \
Tianjin and Zhejiang.

So far, the three places have accepted 9,614 letters and visits, and held accountable 322. people

According to the report, tip-offs numbering 1,205 were passed on in the last week.
""",
    # petition letters and visits
    "r2b5-letters-2021.txt": """Xinhua News Agency, Harbin, December 30. The fifth batch of the second round \
of central ecological and environmental protection inspections has completed its stationing in Heilongjiang, \
Guizhou, Shaanxi and Ningxia.

During the stationing, the teams handled 6,210 petition letters and visits from the masses.

Central inspectors give feedback to Hebei and Jiangsu, June 2022
""",
    # a province's own report of detentions
    "r3b4-shandong-gov-2025.txt": """Shandong Provincial Government | Updated: 2025-07-02

Shandong reports progress in rectifying problems found by central inspection team

The team of the fourth batch of the third round of central ecological and environmental protection \
inspections was stationed in Shandong province from May 26 to June 26, 2025.

According to the provincial government, 17 people were administratively detained and 9 were criminally \
detained over pollution cases handed over by the team.
""",
    # duration and stationing dates, the team leader and his post
    "r1b2-chongqing-2016.txt": """By Zheng Jinran (China Daily) Updated: 2016-11-25 07:40

The central environmental inspection team sent to Chongqing started work on Thursday, part of the second \
batch of the first round of central environmental protection inspections.

Zhang Baoshun, former Party chief of Shanxi province, heads the team, which will work in Chongqing for \
about one month.
""",
    # a central enterprise named as the article writes it
    "r2b1-enterprises-2019.txt": """Beijing, July 14 (Xinhua) -- The first batch of the second round of \
central ecological and environmental protection inspections was launched this week.

The teams will inspect Shanghai, Fujian, Hainan, Chongqing, Gansu and Qinghai, and two central enterprises, \
China Minmetals Corp and ChemChina.
""",
    # a leftover related-links line after the article
    "r3b1-related-2023.txt": """BEIJING, Nov. 23 (Xinhua) -- Five teams of the first batch of the third \
round of central ecological and environmental protection inspections were stationed in Fujian, Henan, \
Hainan, Gansu and Qinghai on November 21 and 22, 2023.

The teams will carry out their work for about one month.

Related:
Central inspection teams stationed in Hebei again 2023-12-31
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder)


def test_exact_figure_beats_rounded_lead_of_same_report(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many cases were filed for punishment in the fourth batch of the second round?")
    assert "1,158" in answer.answer
    assert "1,100" not in answer.answer
    headline = ask(engine, "How many cases were filed for punishment in the third batch of the first round?")
    assert "3,324" in headline.answer and "3,300" not in headline.answer


def test_filed_for_investigation_and_punishment_is_punishment(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many cases were filed for punishment in the sixth batch of the second round?")
    assert "1,127" in answer.answer
    investigation = ask(
        engine, "How many cases were filed for investigation in the sixth batch of the second round?"
    )
    assert "59" in investigation.answer and "1,127" not in investigation.answer


def test_fined_enterprises_an_amount_is_the_fine(engine: AnswerEngine) -> None:
    answer = ask(engine, "How much were the fines in the second batch of the third round?")
    assert "8.3 million yuan" in answer.answer


def test_asked_responsibility_is_accountability(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many people were held accountable in the third batch of the third round?")
    assert "211" in answer.answer


def test_accountability_figure_split_by_a_sentence_break(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many people were held accountable in the third batch of the second round?")
    assert "844" in answer.answer
    wire = ask(engine, "How many people were held accountable in the second batch of the second round?")
    assert "322" in wire.answer


def test_petition_letters_and_visits_are_public_reports(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many public reports were handled in the fifth batch of the second round?")
    assert "6,210" in answer.answer
    accepted = ask(engine, "How many public reports were accepted in the second batch of the second round?")
    assert "9,614" in accepted.answer


def test_administratively_detained_counts_as_detentions(engine: AnswerEngine) -> None:
    answer = ask(
        engine, "How many people were detained in Shandong during the fourth batch of the third round?"
    )
    assert "17" in answer.answer and "9" in answer.answer


def test_two_part_question_answers_each_part_with_its_citation(engine: AnswerEngine) -> None:
    answer = ask(
        engine,
        "How many cases were filed for punishment and how much were the fines in the fourth batch of the "
        "second round?",
    )
    assert "1,158" in answer.answer and "126.4 million yuan" in answer.answer
    assert answer.citations
    counted = ask(
        engine,
        "How many enterprises were fined and how much were the fines in the second batch of the third round?",
    )
    assert "126 enterprises" in counted.answer and "8.3 million yuan" in counted.answer
    assert "filed for punishment" not in counted.answer  # the article says they were fined


def test_duration_question_answered_from_stated_duration(engine: AnswerEngine) -> None:
    answer = ask(engine, "How long did the team stay in Chongqing?")
    assert "about one month" in answer.answer
    period = ask(engine, "How long was the stationing period of the third batch of the third round?")
    assert "about one month" in period.answer
    days = ask(engine, "How many days did the stationing in Shandong last?")
    assert "May 26 to June 26" in days.answer


def test_who_led_the_team_names_person_and_role(engine: AnswerEngine) -> None:
    answer = ask(engine, "Who led the team sent to Chongqing?")
    assert "Zhang Baoshun" in answer.answer
    post = ask(engine, "What post does Zhang Baoshun hold?")
    assert "former Party chief of Shanxi province" in post.answer


def test_enterprise_names_quoted_as_written(engine: AnswerEngine) -> None:
    answer = ask(engine, "Which central enterprises were inspected in the first batch of the second round?")
    assert "China Minmetals Corp" in answer.answer and "ChemChina" in answer.answer
    assert "China Minmetals Corporation" not in answer.answer


def test_related_link_headline_is_no_evidence_of_a_date(engine: AnswerEngine) -> None:
    stationed = ask(engine, "When were the teams of the third batch of the third round stationed?")
    assert "on Monday" in stationed.answer and "Oct. 21" in stationed.answer
    assert "May 2024" not in stationed.answer
    feedback = engine.answer("When did the fifth batch of the second round give feedback?")
    assert "June 2022" not in feedback.answer
