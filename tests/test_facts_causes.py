"""The facts table on causes found on a held-out set of real articles, each reproduced in articles of our own
(tests/fixtures/facts_causes/, in the styles of Xinhua, China Daily, CCTV, the Ministry's releases and a
provincial site, with real figures), checked on the rows and, over a real index, on the answers:

1. a word that counts nothing ("one post", "one of", "one-month") is no figure; "Seven teams" is;
2. an article with an early and a final report gives each row its own as-of date, the later paragraphs the
   final one's, and keeps a vague figure ("more than 19,800") apart from the exact one (19,815);
3. Chinese counting nouns: issues handed over for accountability (移交责任追究问题158个) are issues, never
   people held accountable (问责3371人) nor reports passed on; a count of tasks whose noun is elided
   (493项整改任务已完成357项) counts tasks;
4. the as-of date of a row is normalised, in either language, and its phrase kept as written;
5. phone numbers, boxes, postcodes, hotlines, team labels and a province's population or area are no
   inspection figures;
6. a province's figure without a verb ("followed by Shanxi with 868") counts what the figure before it
   counts, for that province.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import AnswerEngine
from index.embedder import Embedder
from index.facts.numbers import find_figures
from index.facts.table import Fact, document_facts
from index.meta.calendar import load_calendar
from index.text.chunking import make_chunks
from index.text.documents import read_document
from tests.conftest import REPO_ROOT, ask, engine_over, facts_of

FIXTURES = Path(__file__).parent / "fixtures" / "facts_causes"
CALENDAR = load_calendar()


def rows_of(folder: Path, stem: str) -> list[Fact]:
    """The facts-table rows of the article ``folder/<stem>.*``."""
    path = next(p for p in folder.iterdir() if p.stem == stem)
    document = read_document(path, folder, 5_000_000)
    return document_facts(document, make_chunks(document, 0), CALENDAR)


def by_phrase(rows: list[Fact]) -> dict[str, list[Fact]]:
    found: dict[str, list[Fact]] = {}
    for row in rows:
        found.setdefault(row.phrase, []).append(row)
    return found


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    articles = {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.iterdir())}
    return engine_over(articles, tmp_path_factory, embedder)


# ------------------------------------------------------------------ 1. words that count nothing
def test_one_post_one_of_and_one_month_are_no_figures() -> None:
    rows = rows_of(FIXTURES, "xinhua-2017-04-25-r1b3-teams-set-out")
    assert sorted((row.phrase, row.metric, row.value) for row in rows) == [
        ("Seven", "teams", 7.0),
        ("seven", "provinces", 7.0),
    ]
    assert not [row for row in rows if row.metric == "accountable"]


def test_spelled_numbers_count_only_a_counted_noun(tmp_path: Path) -> None:
    text = (
        "Title: Teams arrive\n\nSeven central inspection teams arrived. Officials who fail at one post"
        " will be held accountable, and one of them said one meeting was held. Twelve officials were held"
        " accountable and one was detained, while two were summoned for talks."
    )
    sentence_rows = {
        (row.phrase, row.metric) for row in facts_of(tmp_path, "xinhua-2017-04-26-arrive.txt", text)
    }
    assert ("Twelve", "accountable") in sentence_rows and ("one", "detained") in sentence_rows
    assert ("two", "interviewed") in sentence_rows and ("Seven", "teams") in sentence_rows
    assert not {("one", "accountable"), ("one", "teams")} & sentence_rows


def test_a_batch_total_is_not_beaten_by_a_word(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many officials were held accountable in the third batch of the first round?")
    assert "4,018" in answer.answer and " 1 " not in answer.answer, answer.answer
    asked = "How many officials were held accountable in the second and third batches of the first round"
    total = ask(engine, f"{asked} in total?")
    assert "1048 + 4,018 = 5,066" in total.answer, total.answer


# ------------------------------------------------------------------ 2. report stages
def test_each_report_stage_keeps_its_own_as_of_date() -> None:
    rows = by_phrase(rows_of(FIXTURES, "chinadaily-2024-01-03-r3b1-stationing-ends"))
    assert [(r.metric, r.as_of) for r in rows["17"]] == [("accountable", "2023-12-04")]
    assert [(r.metric, r.as_of) for r in rows["289"]] == [("accountable", "2023-12-31")]
    # a later paragraph with no date of its own goes on with the final report's, not the article's first
    for phrase, metric in (("1,232", "punishment"), ("55", "investigation"), ("623", "interviewed")):
        assert [(r.metric, r.as_of) for r in rows[phrase]] == [(metric, "2023-12-31")], phrase


def test_a_vague_figure_keeps_its_qualifier_beside_the_exact_one() -> None:
    rows = by_phrase(rows_of(FIXTURES, "chinadaily-2024-01-03-r3b1-stationing-ends"))
    (vague,) = rows["more than 19,800"]
    (exact,) = rows["19,815"]
    assert (vague.metric, vague.value, vague.qualifier, vague.as_of) == (
        "received",
        19_800,
        "more than",
        "2023-12-31",
    )
    assert (exact.metric, exact.value, exact.qualifier, exact.as_of) == (
        "received",
        19_815,
        None,
        "2023-12-31",
    )


def test_the_final_report_is_answered_with_the_earlier_one_mentioned(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many officials were held accountable in the first batch of the third round?")
    assert answer.answer.index("289") < answer.answer.index("17"), answer.answer


# ------------------------------------------------------------------ 3. Chinese counting nouns
def test_issues_handed_over_are_not_people_held_accountable() -> None:
    rows = rows_of(FIXTURES, "cctv-2023-06-19-r2-accountability-complete")
    assert {(r.metric, r.unit) for r in rows if r.value == 158} == {("issues", "issues")}
    assert [r.value for r in rows if r.metric == "accountable"] == [3371]
    assert not [r for r in rows if r.metric == "transferred"]
    first_round = rows_of(FIXTURES, "mee-2018-05-15-r1b2-rectification-progress")
    assert [(r.metric, r.value) for r in first_round if r.phrase == "91"] == [("issues", 91)]


def test_tasks_counted_with_an_elided_noun() -> None:
    rows = by_phrase(rows_of(FIXTURES, "mee-2018-05-15-r1b2-rectification-progress"))
    assert [(r.metric, r.unit) for r in rows["357"]] == [("tasks", "tasks")]
    assert [(r.metric, r.unit) for r in rows["493"]] == [("tasks", "tasks")]
    share = rows_of(FIXTURES, "cctv-2023-06-19-r2-accountability-complete")
    assert [(r.metric, r.value) for r in share if r.phrase == "61%"] == [("rectification", 61)]


def test_a_chinese_accountability_question_gets_the_people(engine: AnswerEngine) -> None:
    answer = ask(engine, "第二轮督察共问责多少人？")
    assert "3371人" in answer.answer and "158" not in answer.answer, answer.answer


# ------------------------------------------------------------------ 4. as-of dates normalised
@pytest.mark.parametrize(
    ("folder", "stem", "phrase", "as_of_phrase"),
    [
        (
            "documents",
            "2021-09-19-chinanews-round2-batch4-progress",
            "22,511",
            "20:00 on the evening of September 15th",
        ),
        ("tests/fixtures/zh_articles", "chinanews-2021-09-19-r2b4-sinking", "22511", "9月15日20时"),
    ],
)
def test_the_as_of_date_is_normalised_and_its_phrase_kept(
    folder: str, stem: str, phrase: str, as_of_phrase: str
) -> None:
    (row,) = [r for r in rows_of(REPO_ROOT / folder, stem) if r.phrase == phrase]
    assert (row.as_of, row.as_of_phrase) == ("2021-09-15T20:00", as_of_phrase)


def test_a_chinese_month_end_is_an_as_of_date() -> None:
    rows = by_phrase(rows_of(FIXTURES, "mee-2018-05-15-r1b2-rectification-progress"))
    assert [(r.as_of, r.as_of_phrase) for r in rows["357"]] == [("2018-04-30", "2018年4月底")]
    assert [(r.as_of, r.as_of_phrase) for r in rows["1048"]] == [("2018-03", "2018年3月")]


# ------------------------------------------------------------------ 5. contact numbers and background
def test_contact_numbers_labels_and_background_are_no_rows() -> None:
    rows = rows_of(FIXTURES, "shanxi-gov-2021-04-09-r2b3-team-contacts")
    assert [(r.phrase, r.metric) for r in rows] == [("eight", "teams")]
    assert rows_of(FIXTURES, "sxgov-zh-2021-04-10-r2b3-contacts") == []


@pytest.mark.parametrize(
    "text",
    [
        "letters to Taiyuan PO Box 17, postcode 030000",
        "call 4001109771 or the hotline 12369",
        "Tel: 0351-3805000",
        "Team 3 received reports",
    ],
)
def test_contact_numbers_are_no_figures(text: str) -> None:
    assert find_figures(text) == []


def test_a_count_after_a_team_label_is_still_a_figure() -> None:
    assert [f.phrase for f in find_figures("Team 3 received 1,200 reports")] == ["1,200"]


# ------------------------------------------------------------------ 6. province figures without a verb
def test_a_province_figure_without_a_verb_counts_what_the_one_before_counts() -> None:
    rows = by_phrase(rows_of(FIXTURES, "chinadaily-2017-05-31-r1b3-4018-accountable"))
    for phrase, place in (("1,282", "Hunan"), ("868", "Shanxi"), ("724", "Liaoning")):
        assert [(r.metric, r.place, r.inspection) for r in rows[phrase]] == [("accountable", place, "r1b3")]


def test_a_province_figure_without_a_verb_is_answered_for_that_province(engine: AnswerEngine) -> None:
    answer = ask(
        engine, "How many officials were held accountable in Shanxi in the third batch of the first round?"
    )
    assert "868" in answer.answer and "1,282" not in answer.answer, answer.answer
