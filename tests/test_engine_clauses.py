"""Figures bound clause by clause: a sentence listing batches ("the first batch filed ..., the second batch
2,873 and the third 1,395"), a figure heading a phrase ("76 officials from 14 subsidiaries"), count nouns
the lexicon does not know, month-and-year dates, and quantity answers that must state a figure of the
metric asked (or refuse). A small made-up corpus of the genre."""

from __future__ import annotations

import pytest

from bot.engine import AnswerEngine
from bot.engine.grounding import problems
from index.builder import build_index
from index.embedder import Embedder
from index.facts.figures import analyse_sentence
from index.facts.numbers import find_figures
from index.search import Searcher
from index.store import open_index
from tests.conftest import engine_over

# Dates agree with the inspection calendar (index/meta/calendar.yaml): an article dated before its batch
# began is evidence against that batch, as it would be for a real one.
ARTICLES = {
    "r3-summary-2024.txt": """Guangming Daily, Beijing, December 9, 2024. The third round of central \
ecological and environmental protection inspections has made steady progress, the ministry said.

By the end of November, the first batch had filed 1,204 cases for punishment, the second batch 2,951 and the \
third batch 1,466, a total of 5,621 cases. The first batch held 131 officials accountable, the second 187 \
and the third batch 219.
""",
    "r3b2-2024.txt": """China Environment News, Beijing, June 28, 2024. The second batch of the third \
round of central ecological and environmental protection inspections has completed its on-site work.

The inspected provinces filed 1,512 cases for punishment and held 94 officials accountable. In Guizhou, 58 \
cadres from 12 subsidiaries had been held accountable. Local authorities imposed administrative penalties \
133 times on polluting firms. Altogether 88 cases of accountability were handed over to discipline \
inspection bodies.
""",
    "guizhou-r3b2-2024.txt": """Guizhou Daily, Guiyang, May 20, 2024. Guizhou has published its \
rectification progress after the second batch of the third round of central ecological and environmental \
protection inspections.

During the rectification, Guizhou filed 318 cases for punishment and closed all 2,040 public complaints.
""",
    "qinghai-2021.txt": """Qinghai Daily, Xining, June 3, 2021. Qinghai has reported its rectification \
progress after the second round of central ecological and environmental protection inspections.

In Qinghai, the provincial discipline authorities held 67 officials accountable for dereliction of duty. \
Under the rectification scheme, the province's plan lists 52 tasks, of which 35 have been completed. Cities \
have 20 working days to submit their rectification plans after the feedback.

At Kunlun Smelting Company, inspectors found that the wastewater plant had stood idle for months.

Feedback on the inspection was given from August 24 to 26, 2020. As of September 2020, the province had \
shut down 41 enterprises.
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder)


def _ask(engine: AnswerEngine, question: str) -> tuple[bool, str]:
    answer = engine.answer(question)
    assert not problems(answer.answer, answer.citations, engine.version.documents)
    return answer.answered, answer.answer


def test_a_large_figure_after_batch_is_a_figure_not_a_label() -> None:
    text = "the second batch 2,951 and the third batch 1,466, while batch 4 began"
    assert [f.phrase for f in find_figures(text)] == ["2,951", "1,466"]


def test_elided_verbs_carry_to_the_later_figures() -> None:
    text = "The first batch filed 1,204 cases for punishment, the second batch 2,951 and the third 1,466."
    facts = analyse_sentence(text, 0, len(text))
    assert [f.figure.phrase for f in facts] == ["1,204", "2,951", "1,466"]
    assert all("punishment" in f.costs for f in facts)


def test_the_figure_heading_a_phrase_takes_its_verb() -> None:
    text = "In Guizhou, 58 cadres from 12 subsidiaries had been held accountable."
    head, inner = analyse_sentence(text, 0, len(text))
    assert "accountable" in head.costs and not inner.costs


def test_each_batch_of_a_listing_sentence_gets_its_own_figure_and_the_latest_wins(
    engine: AnswerEngine,
) -> None:
    answered, text = _ask(
        engine, "How many cases did the second batch of the third round file for punishment?"
    )
    assert answered and "2,951" in text and "1,512" in text  # the newer round report first, the earlier too
    assert text.index("2,951") < text.index("1,512")
    assert "1,204" not in text and "1,466" not in text


def test_an_elided_batch_ordinal_and_metric(engine: AnswerEngine) -> None:
    answered, text = _ask(
        engine, "How many officials did the third batch of the third round hold accountable?"
    )
    assert answered and "219" in text and "131" not in text and "187" not in text
    answered, text = _ask(
        engine, "How many officials were held accountable in the second batch of the third round?"
    )
    assert answered and "187" in text and "131" not in text


def test_a_total_of_the_listed_batches_belongs_to_the_round(engine: AnswerEngine) -> None:
    answered, text = _ask(
        engine, "How many cases have the first three batches of the third round filed in total?"
    )
    assert answered and "5,621" in text
    assert "do not give" not in text.lower()


def test_the_verb_binds_to_the_heading_figure_not_the_nearest(engine: AnswerEngine) -> None:
    answered, text = _ask(engine, "How many cadres were held accountable in Guizhou?")
    assert answered and "58" in text
    assert "12 subsidiaries were" not in text and "94" not in text  # not the provinces' total


def test_times_are_not_cases(engine: AnswerEngine) -> None:
    _, text = _ask(engine, "How many cases were filed for punishment in the second batch of the third round?")
    assert "133" not in text


def test_a_quantity_answer_needs_a_figure_of_the_metric_asked(engine: AnswerEngine) -> None:
    answered, text = _ask(engine, "How many people were detained in Qinghai during the rectification?")
    assert not answered and "67" not in text
    answered, text = _ask(engine, "How many violations did inspectors find at Kunlun Smelting Company?")
    assert not answered and "idle" not in text


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("How many working days do cities have to submit rectification plans?", "20"),
        ("How many rectification tasks does Qinghai's plan list?", "52"),
        ("How many accountability cases were handed over in the second batch of the third round?", "88"),
    ],
)
def test_count_nouns_outside_the_lexicon(engine: AnswerEngine, question: str, figure: str) -> None:
    answered, text = _ask(engine, question)
    assert answered and f"{figure} " in text


def test_a_month_and_year_is_not_a_day(engine: AnswerEngine) -> None:
    answered, text = _ask(engine, "How many enterprises had Qinghai shut down?")
    assert answered and "41" in text and "September 20)" not in text and "September 20," not in text


def test_an_event_date_beats_the_dateline(engine: AnswerEngine) -> None:
    answered, text = _ask(engine, "When was feedback given to Qinghai?")
    assert answered and "August 24 to 26" in text and "June 3" not in text


def test_a_round_total_in_a_listing_sentence_answers_the_round(engine: AnswerEngine) -> None:
    answered, text = _ask(engine, "How many cases were filed in the third round?")
    assert answered and "5,621" in text and "no total" not in text


def test_every_batch_of_a_listing_sentence_answers_a_round_without_a_total(engine: AnswerEngine) -> None:
    answered, text = _ask(engine, "How many officials were held accountable in the third round?")
    assert answered and all(figure in text for figure in ("131", "187", "219"))
    assert text.index("131") < text.index("187") < text.index("219")


def test_a_sentence_listing_rounds_gives_each_round_its_figure(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder
) -> None:
    corpus = tmp_path_factory.mktemp("rounds-corpus")
    (corpus / "review.txt").write_text(
        "People's Daily, Beijing, March 2, 2025. The ministry reviewed the central ecological and "
        "environmental protection inspections.\n\nThe first round detained 2,264 people, the second round "
        "1,890 and the third 977. Fines of 1.32 billion yuan were imposed by the first round, 2.46 billion "
        "yuan by the second and 0.87 billion yuan by the third.\n",
        encoding="utf-8",
    )
    index_dir = tmp_path_factory.mktemp("rounds-index")
    build_index(corpus, index_dir, embedder)
    version = open_index(index_dir)
    engine = AnswerEngine(Searcher(version, embedder), version)
    for question, figure, others in [
        ("How many people were detained in the second round?", "1,890", ("2,264", "977")),
        ("How many people were detained in the third round?", "977", ("2,264", "1,890")),
        ("How much was fined in the second round?", "2.46 billion", ("1.32", "0.87")),
    ]:
        answered, text = _ask(engine, question)
        assert answered and figure in text and not any(other in text for other in others)


def test_a_province_report_is_not_the_batch_figure(engine: AnswerEngine) -> None:
    """A newer article on one province's part in a batch gives that province's figure: it answers a question
    about the province, but the batch's own figure answers a question about the batch."""
    batch = "How many cases were filed for punishment in the third round's second batch?"
    answered, text = _ask(engine, batch)
    assert answered and "2,951" in text and "318" not in text
    province = "How many cases did Guizhou file for punishment in the second batch of round 3?"
    answered, text = _ask(engine, province)
    assert answered and "318" in text and "Guizhou" in text


def test_a_percentage_of_a_figure_takes_that_figures_round(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder
) -> None:
    """ "92 percent of the 1,850 tasks set in the first round": the percentage is the first round's, even
    in a sentence naming two rounds (and "the first two batches of the second round" is no first round);
    a percentage of cases in another sentence answers its own question, not this one."""
    corpus = tmp_path_factory.mktemp("shares-corpus")
    (corpus / "review.txt").write_text(
        "Economic Daily, Beijing, October 14, 2021. The second round of central ecological and environmental "
        "protection inspections has covered its first two batches, the ministry said.\n\n"
        "About 92 percent of the 1,850 rectification tasks set in the first round have been completed, as "
        "have 40 percent of the 960 tasks set by the first two batches of the second round. Across the two "
        "rounds, the inspectors have publicly notified 140 typical cases: 51.5 percent involved illegal "
        "sewage discharges and idle treatment plants, 30.1 percent involved damage to nature reserves, and "
        "the rest involved perfunctory rectification.\n",
        encoding="utf-8",
    )
    index_dir = tmp_path_factory.mktemp("shares-index")
    build_index(corpus, index_dir, embedder)
    version = open_index(index_dir)
    engine = AnswerEngine(Searcher(version, embedder), version)
    view = engine.corpus.view("review")
    i = next(k for k in range(len(view.document.sentences)) if "92 percent" in view.sentence_text(k))
    scopes = zip(view.facts(i), view.figure_scopes(i), strict=True)
    rounds = {fact.figure.phrase: scope.round for fact, scope in scopes}
    assert rounds["About 92 percent"] == rounds["1,850"] == 1
    assert rounds["40 percent"] == rounds["960"] == 2
    answered, text = _ask(engine, "What share of the first round's rectification tasks has been completed?")
    assert answered and "92 percent" in text
    question = "What percentage of the typical cases notified involved illegal sewage discharges?"
    answered, text = _ask(engine, question)
    assert answered and "51.5 percent" in text and "92 percent" not in text
