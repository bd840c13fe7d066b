"""How replies read: short refusals with coverage grouped by round, one "no total" note, answers kept to
the entity asked about, no repeated place names, noun phrases cut at a sensible boundary."""

from __future__ import annotations

import re

import pytest

from bot.engine import AnswerEngine
from bot.engine.coverage import Coverage
from bot.engine.grounding import problems
from bot.engine.prompts import default_prompts
from index.embedder import Embedder
from index.facts.figures import analyse_sentence
from index.search import Searcher
from index.store import IndexVersion
from tests.conftest import engine_over

ARTICLES = {
    "r3b4-2025.txt": """Xinhua News Agency, Beijing, July 2, 2025. The fourth batch of the third round of \
central ecological and environmental protection inspections has finished its sinking work in Shanxi and \
Shaanxi and in China Huaneng Group. It focuses on the Yellow River basin.

In its feedback to China Huaneng Group, the inspection team said that 12 of the group's 40 coal power \
projects broke the rules. The provinces filed 310 cases for punishment and detained 14 people. In all, \
the teams investigated and dealt with 512 cases.

In Shaanxi, the share of days with good air quality was 80.1 percent in 2024, 6 percentage points below \
the national average.
""",
    "r2b2-2020.txt": """China Environment News, September 30, 2020. The second batch of the second round of \
central ecological and environmental protection inspections has completed its stationing in Gansu and \
Ningxia.

The inspectors found 77 illegal mining projects inside Gansu's nature reserves since 2015. The provinces \
filed 205 cases for punishment and detained 33 people. In 2019, before the inspection, they had \
detained 12 people.

Teams also visited the Xinjiang Production and Construction Corps.
""",
    "r2b5-2021.txt": """People's Daily, May 20, 2021. The fifth batch of the second round of central \
ecological and environmental protection inspections has handed its findings to Yunnan and Guizhou.

The teams were stationed from April 6 to April 9, 2021 and stayed for about one month. They received \
900 complaints, of which 700 were \
passed on to local governments for investigation. The two provinces filed 188 cases for punishment; \
14 people were criminally detained and 9 were placed under administrative detention.

At the Qilian landfill in Guizhou, leachate was found leaking into a river.
""",
    "cdi-followup.md": """---
title: Discipline agencies follow up the fifth batch of the second round
date: null
---
Discipline inspection agencies in Guizhou followed up the fifth batch of the second round of central \
inspections. In Guizhou, the discipline group checked 47 cases filed for punishment.
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder)


def _sentences(text: str) -> int:
    return len(re.findall(r"[.?!](?:\s|$)", text))


def test_coverage_is_grouped_by_round() -> None:
    scopes = [(1, None, "pilot"), (1, 1, None), (1, 4, None), (1, None, None), (None, 1, "lookback")]
    scopes += [(3, batch, None) for batch in (1, 2, 3, 4, 6)]
    coverage = Coverage(dict.fromkeys(scopes, 1), frozenset(scopes))
    text = coverage.describe(default_prompts())
    assert "article" not in text
    assert text.startswith("the first round (the Hebei pilot inspection, first and fourth batches, overall")
    assert '"look-back" (first batch)' not in text  # a single part reads as one inspection
    assert 'the first batch of the "look-back"' in text
    assert text.endswith("the third round (first to fourth and sixth batches)")
    unscoped = Coverage({(None, None, None): 1, (2, 4, None): 1}, frozenset()).describe(default_prompts())
    assert unscoped == "articles not tied to one round or batch and the fourth batch of the second round"


def test_a_refusal_is_one_or_two_sentences(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "How many cases were filed for punishment in the seventh batch of the fourth round?"
    )
    assert not answer.answered and not answer.citations
    assert _sentences(answer.answer) <= 2, answer.answer
    assert "the second round (second and fifth batches)" in answer.answer
    assert "the fourth batch of the third round" in answer.answer


def test_the_missing_round_total_is_said_once(engine: AnswerEngine) -> None:
    answer = engine.answer("How many people were detained in total in the second round?")
    assert answer.answered, answer.answer
    assert answer.answer.count("no total") == 1
    assert answer.answer.index("no total") < answer.answer.index("33") < answer.answer.index("14")
    assert not problems(answer.answer, answer.citations, engine.version.documents)


@pytest.mark.parametrize(
    "question",
    [
        "How many projects of China Huaneng Group broke the rules?",
        "How many coal power projects broke the rules?",
    ],
)
def test_a_figure_about_one_entity_is_not_joined_by_a_loosely_matching_one(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.answer(question)
    assert answer.answered, answer.answer
    assert "12" in answer.answer and "77" not in answer.answer
    assert {c.doc_id for c in answer.citations} == {"r3b4-2025"}


def test_a_question_about_an_entity_uses_only_its_sentences(engine: AnswerEngine) -> None:
    answer = engine.answer("How many cases were filed for punishment concerning China Huaneng Group?")
    assert "205" not in answer.answer and "188" not in answer.answer


def test_a_place_the_quote_names_is_not_repeated(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "What was the share of good air days in Shaanxi in the fourth batch of the third round?"
    )
    assert answer.answered and "80.1 percent" in answer.answer, answer.answer
    assert answer.answer.count("Shaanxi") == 1, answer.answer


def test_noun_phrases_end_before_a_preposition_or_possessive() -> None:
    text = "The inspectors found 149 illegal construction projects inside Ningxia's nine nature reserves."
    (fact, _) = analyse_sentence(text, 0, len(text))
    assert fact.noun == "illegal construction projects"


def test_a_figure_given_in_parts_keeps_every_part(engine: AnswerEngine) -> None:
    answer = engine.answer("How many people were detained in the fifth batch of the second round?")
    assert (
        "14 people were criminally detained and 9 were placed under administrative detention" in answer.answer
    )
    criminal = engine.answer(
        "How many people were criminally detained in the fifth batch of the second round?"
    )
    assert "14" in criminal.answer and not re.search(r"\b9\b", criminal.answer), criminal.answer


@pytest.mark.parametrize(
    "question",
    [
        "How many cases were filed for punishment in Shaanxi?",  # the batch total covers two provinces
        "How many people were detained in the Corps?",  # the article names the Corps, not its figures
    ],
)
def test_a_figure_for_several_places_is_not_given_for_one(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations, answer.answer


def test_an_undated_or_local_report_is_not_called_earlier(engine: AnswerEngine) -> None:
    answer = engine.answer("How many cases were filed for punishment in the fifth batch of the second round?")
    assert answer.answered and "188" in answer.answer, answer.answer
    assert "47" not in answer.answer and "earlier" not in answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many companies were penalised in the fifth batch of the second round?", "188"),
        ("Round 2 / batch 5: how many cases were filed for punishment?", "188"),
        ("What's the latest figure for cases filed for punishment by the second round's fifth batch?", "188"),
        ("How many people were detained in the second batch of the second round in 2020?", "33"),
        ("When did the teams of the fifth batch of the second round arrive?", "April 6"),
        ("What happened in Qilian?", "leachate"),
    ],
)
def test_paraphrases_and_question_forms(engine: AnswerEngine, question: str, expected: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and expected in answer.answer, answer.answer
    assert not problems(answer.answer, answer.citations, engine.version.documents)


def test_a_sentence_naming_another_year_is_not_the_year_asked(engine: AnswerEngine) -> None:
    answer = engine.answer("How many people were detained in the second batch of the second round in 2020?")
    assert not re.search(r"\b12\b", answer.answer), answer.answer


@pytest.fixture(scope="module")
def seed_engine(searcher: Searcher, index_version: IndexVersion) -> AnswerEngine:
    return AnswerEngine(searcher, index_version)


def test_the_pilot_named_alone_is_the_hebei_pilot(seed_engine: AnswerEngine) -> None:
    answer = seed_engine.answer("How many people were detained in the pilot?")
    assert answer.answered and "123" in answer.answer and "610" not in answer.answer, answer.answer
    refused = seed_engine.answer("How much were the fines in the pilot?")
    assert not refused.answered and "pilot" in refused.answer, refused.answer


def test_what_was_found_in_a_province_quotes_a_sentence_about_it(seed_engine: AnswerEngine) -> None:
    answer = seed_engine.answer("What did the inspectors find in Tianjin?")
    assert answer.answered and "73.2 percent" in answer.answer, answer.answer


def test_reports_passed_on_for_investigation_are_transferred_not_criminal_cases(engine: AnswerEngine) -> None:
    transferred = engine.answer(
        "How many complaints were transferred in the fifth batch of the second round?"
    )
    assert transferred.answered and "700" in transferred.answer, transferred.answer
    criminal = engine.answer("How many criminal cases were opened in the fifth batch of the second round?")
    assert "700" not in criminal.answer, criminal.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How long did the teams of the fifth batch of the second round stay?", "about one month"),
        ("How many days were the fifth batch of the second round's teams stationed?", "about one month"),
        ("How many cases were investigated and dealt with in the fourth batch of the third round?", "512"),
    ],
)
def test_durations_and_investigations(engine: AnswerEngine, question: str, expected: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and expected in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    ["How many cases were filed for punishment in the second round?", "第二轮督察立案处罚多少件？"],
)
def test_a_round_without_a_total_is_answered_for_each_of_its_batches(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.answer(question)
    assert answer.answered, answer.answer
    no_total = "整体的合计数字" if question.startswith("第") else "no total"  # in the question's language
    assert "205" in answer.answer and "188" in answer.answer and answer.answer.count(no_total) == 1


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What does the fourth batch of the third round focus on?", "Yellow River"),
        ("Where was leachate leaking?", "Qilian"),  # no genre word, but the articles' own words
        ("Who is Zhou Jian?", "Zhou Jian"),
    ],
)
def test_questions_in_the_articles_own_words_are_answered(
    engine: AnswerEngine, seed_engine: AnswerEngine, question: str, expected: str
) -> None:
    answer = (seed_engine if "Zhou" in question else engine).answer(question)
    assert answer.answered and expected in answer.answer, answer.answer


def test_a_count_of_qualified_things_is_not_a_count_of_others(engine: AnswerEngine) -> None:
    answer = engine.answer("How many hydropower projects broke the rules?")
    assert not answer.answered and "12" not in answer.answer, answer.answer
