"""Follow-up questions: elliptical questions completed from the conversation's last turn, questions that
stand on their own left alone, and the conversation kept by `ask --jsonl` and `chat` (real engine and
index)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.engine import AnswerEngine
from bot.engine.conversation import Conversation, resolve
from bot.engine.prompts import default_prompts
from bot.engine.question import analyse
from index.embedder import DEFAULT_MODEL
from index.meta.calendar import load_calendar
from index.models import InspectionScope
from index.search import Searcher
from index.store import IndexVersion

R3B2 = InspectionScope(round=3, batch=2)
R3B3 = InspectionScope(round=3, batch=3)
PUNISHMENT_R3B2 = "How many cases were filed for punishment in the second batch of the third round?"
CALENDAR = load_calendar()
PROMPTS = default_prompts()


def read(*turns: str) -> list:
    """Each turn's resolution, the turns read in one conversation."""
    conversation = Conversation()
    return [conversation.follow(analyse(turn, CALENDAR), PROMPTS) for turn in turns]


@pytest.fixture(scope="module")
def engine(index_version: IndexVersion, searcher: Searcher) -> AnswerEngine:
    return AnswerEngine(searcher, index_version)


def test_follow_ups_carry_inspection_figure_places_and_kind() -> None:
    first, batch, metric, compare, which = read(
        PUNISHMENT_R3B2,
        "And in the third batch?",
        "What about people held accountable?",
        "Compare that with the second batch.",
        "Which of the two is higher?",
    )
    assert first.standalone and first.question.scope == R3B2
    assert batch.question.scope == R3B3 and batch.question.metrics == ("punishment",)
    assert batch.question.kind == "quantity" and set(batch.carried) == {"inspection", "kind", "figure"}
    assert metric.question.scope == R3B3 and metric.question.metrics == ("accountable",)
    assert "figure" not in metric.carried and "inspection" in metric.carried
    for two in (compare, which):  # both inspections passed on, with the figure of the turn before
        assert [scope for scope, _ in two.question.candidates] == [R3B3, R3B2]
        assert two.question.scope == InspectionScope() and two.question.metrics == ("accountable",)
    assert "inspections" in compare.carried
    assert dict(which.evidence)["anaphor"] > 0 and which.score >= 1.5


def test_the_two_are_the_inspections_of_the_last_two_turns() -> None:
    _, batch, which = read(PUNISHMENT_R3B2, "And in the third batch?", "Which of the two is higher?")
    assert batch.question.scope == R3B3
    assert [scope for scope, _ in which.question.candidates] == [R3B3, R3B2]
    assert which.question.metrics == ("punishment",) and "inspections" in which.carried
    _, _, alone = read(PUNISHMENT_R3B2, "What is the Jinchangyu gold mine?", "Which of the two is higher?")
    assert len(alone.question.candidates) < 2  # the turn before spoke of no inspection: nothing to pair


def test_new_kind_and_same_place() -> None:
    _, provinces, interviewed = read(
        "When were the teams of the second batch of the third round stationed?",
        "Which provinces did it cover?",
        "How many people were interviewed there?",
    )
    assert provinces.question.kind == "list" and provinces.question.list_target == "provinces"
    assert provinces.question.scope == R3B2 and provinces.carried == ("inspection",)
    assert interviewed.question.scope == R3B2 and interviewed.question.metrics == ("interviewed",)
    _, detained = read("What did the pilot inspection in Hebei find?", "How many were detained there?")
    assert detained.question.scope.phase == "pilot" and detained.question.provinces == ("Hebei",)
    assert "places" in detained.carried and detained.question.metrics == ("detained",)


def test_a_comparison_naming_one_side_takes_the_other_from_the_context() -> None:
    _, compare = read(
        "How many people were interviewed in the second batch of the third round?",
        "Compare with the third batch.",
    )
    assert [scope for scope, _ in compare.question.candidates] == [R3B2, R3B3]
    assert compare.question.metrics == ("interviewed",) and dict(compare.evidence)["one_side"] > 0


def test_chinese_follow_up() -> None:
    _, follow = read("第三轮第二批督察问责多少人？", "那第三批呢？")
    assert follow.question.scope == R3B3 and follow.question.metrics == ("accountable",)
    assert "continuation" in dict(follow.evidence)


def test_a_place_asked_within_the_inspection_talked_of() -> None:
    _, place = read(
        "How many reports were received in the fifth batch of the third round?", "How about Tianjin?"
    )
    assert place.question.scope == InspectionScope(round=3, batch=5)
    assert place.question.provinces == ("Tianjin",) and place.question.metrics == ("received",)


def test_questions_that_stand_on_their_own_ignore_the_context() -> None:
    last = analyse(PUNISHMENT_R3B2, CALENDAR)
    for text in (
        "How many people were held accountable in the fourth batch of the second round?",  # own inspection
        "When did the pilot inspection start?",
        "What is the Jinchangyu gold mine?",  # a new topic
    ):
        resolution = resolve(analyse(text, CALENDAR), last, PROMPTS)
        assert resolution.standalone, text
        assert resolution.question == analyse(text, CALENDAR)
    assert resolve(analyse("And in the third batch?", CALENDAR), None, PROMPTS).standalone  # no context


def test_engine_answers_a_conversation_in_context(engine: AnswerEngine) -> None:
    conversation = Conversation()
    turns = [
        (PUNISHMENT_R3B2, ["2,258"]),
        ("And in the third batch?", ["18 cases"]),
        ("What about people held accountable?", ["6 people"]),
        ("Compare that with the second batch.", ["208", "6 people"]),
        ("Which of the two is higher?", ["208", "6 people"]),
    ]
    for text, figures in turns:
        answer = engine.answer(text, conversation)
        assert answer.question == text and answer.answered, text
        assert all(figure in answer.answer for figure in figures), (text, answer.answer)
    assert len(conversation.turns) == len(turns)
    alone = engine.answer("And in the third batch?")  # the same words without the context
    assert "18 cases" not in alone.answer
    conversation.clear()
    assert "18 cases" not in engine.answer("And in the third batch?", conversation).answer


@pytest.fixture
def invoke():
    def run(args: list[str], input: str) -> str:
        env = {"INSPECTBOT_MODEL": DEFAULT_MODEL, "TELEGRAM_BOT_TOKEN": None}
        result = CliRunner().invoke(cli, args, input=input, env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.stdout

    return run


def test_ask_jsonl_answers_each_conversation_in_order(invoke, built_index: Path) -> None:
    lines = [
        json.dumps({"question": PUNISHMENT_R3B2, "conversation": "a"}),
        json.dumps({"question": "How many people were detained in the Hebei pilot?", "conversation": 7}),
        "And in the third batch?",  # a plain line stands alone
        json.dumps({"question": "And in the third batch?", "conversation": "a"}),
        json.dumps({"question": "How many people were detained in the Hebei pilot?"}),  # no conversation
        json.dumps({"conversation": "a"}),
        json.dumps({"question": "Compare that with the second batch.", "conversation": "a"}),
    ]
    out = invoke(["ask", "--jsonl", "--index", str(built_index)], "\n".join(lines) + "\n")
    answers = [json.loads(line) for line in out.splitlines()]
    assert len(answers) == len(lines)
    assert all(set(a) == {"question", "answered", "answer", "citations", "latency_ms"} for a in answers)
    assert [a["question"] for a in answers[:5]] == [
        PUNISHMENT_R3B2,
        "How many people were detained in the Hebei pilot?",
        "And in the third batch?",
        "And in the third batch?",
        "How many people were detained in the Hebei pilot?",
    ]
    assert "2,258" in answers[0]["answer"] and "123" in answers[1]["answer"]
    assert "18 cases" not in answers[2]["answer"]  # standalone
    assert "18 cases" in answers[3]["answer"]  # conversation "a", after its first line
    assert not answers[5]["answered"] and '"question" string' in answers[5]["answer"]
    assert "2,258" in answers[6]["answer"] and "18 cases" in answers[6]["answer"]


def test_chat_keeps_the_context_until_new(invoke, built_index: Path) -> None:
    follow_up = "And in the third batch?"
    typed = f"{PUNISHMENT_R3B2}\n{follow_up}\n/new\n{follow_up}\n"
    out = invoke(["chat", "--index", str(built_index)], typed)
    first, in_context, new, afresh = out.split("> ")[1:5]
    assert "2,258" in first and "18 cases" in in_context
    assert new.startswith("New conversation") and "18 cases" not in afresh
