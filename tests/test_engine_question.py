"""Question analysis: kind, the inspection named (English and Chinese forms) and the figure asked for."""

from __future__ import annotations

import pytest

from bot.engine.question import analyse
from index.models import InspectionScope as Scope


@pytest.mark.parametrize(
    ("question", "scope"),
    [
        (
            "How many cases were filed in the fourth batch of the second round?",
            Scope(round=2, batch=4),
        ),
        ("How many cases were filed in the second round's fourth batch?", Scope(round=2, batch=4)),
        ("How many cases in round 3, batch 2?", Scope(round=3, batch=2)),
        ("How many cases in the 5th batch of the third round?", Scope(round=3, batch=5)),
        ("How many cases were filed in the fourth batch?", Scope(batch=4)),
        ("What fines did the first round impose?", Scope(round=1)),
        (
            "How many people were detained in the first look-back batch?",
            Scope(batch=1, phase="lookback"),
        ),
        (
            "How many enterprises did Hebei shut down during the inspection pilot?",
            Scope(round=1, phase="pilot"),
        ),
        ("第二轮第四批督察立案处罚多少件？", Scope(round=2, batch=4)),
        ("How many people were detained?", Scope()),
    ],
)
def test_scope_named(question: str, scope: Scope) -> None:
    assert analyse(question).scope == scope


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("How many cases were filed for punishment?", ("punishment",)),
        ("How many penalty cases were there?", ("punishment",)),
        ("How much were the penalties in yuan?", ("fine",)),
        ("What was the total fine?", ("fine",)),
        ("How many cases were filed?", ("punishment", "investigation")),
        ("How many cases were filed for criminal investigation?", ("investigation",)),
        ("How many people were taken into custody?", ("detained",)),
        ("How many suspects were arrested?", ("detained",)),
        ("How many officials were summoned for talks?", ("interviewed",)),
        ("How many officials were held to account?", ("accountable",)),
        ("How many complaints did the public lodge?", ("received",)),
        ("How many valid reports were accepted?", ("accepted",)),
        ("How many tip-offs were handed over to local governments?", ("transferred",)),
        ("How many reports have been closed?", ("closed",)),
        ("How many companies were ordered to rectify?", ("ordered_rectify",)),
        ("How many inspection teams were sent?", ("teams",)),
        ("第三轮第二批督察受理了多少群众举报？", ("accepted",)),
        ("河北责任追究了多少人？", ("accountable",)),
        ("第二轮第四批督察追究了多少人的责任？", ("accountable",)),
        ("How many public complaints came in?", ("received",)),
        ("How many public reports were there?", ("received",)),
        ("How many cases were there?", ("punishment", "investigation")),
        ("How many officials were disciplined?", ("accountable",)),
        ("How many officials were punished?", ("accountable",)),
        ("How many firms were told to rectify?", ("ordered_rectify",)),
        ("How much money was collected in fines?", ("fine",)),
        ("What proportion of the reports were closed?", ("percent",)),
    ],
)
def test_metric_asked(question: str, metrics: tuple[str, ...]) -> None:
    analysed = analyse(question)
    assert analysed.kind == "quantity"
    assert analysed.metrics == metrics


@pytest.mark.parametrize(
    ("question", "kind", "target"),
    [
        ("Which provinces were inspected in the second round's fourth batch?", "list", "provinces"),
        ("Which central enterprises did the fifth batch inspect?", "list", "enterprises"),
        ("When were the teams of the third batch stationed?", "when", None),
        ("Who led the pilot inspection team?", "who", None),
        ("Where was the mobilization meeting held?", "other", None),
        ("What did the inspectors find at the landfill?", "other", None),
    ],
)
def test_kind(question: str, kind: str, target: str | None) -> None:
    analysed = analyse(question)
    assert (analysed.kind, analysed.list_target) == (kind, target)


def test_a_percentage_keeps_what_it_is_a_share_of() -> None:
    assert analyse("What proportion of the reports were closed?").percent_of == ("closed",)


def test_the_counted_noun_is_recognised() -> None:
    assert analyse("How many enterprises were held accountable in Tibet?").noun == "enterprises"
    assert analyse("How many party and government leaders were interviewed?").noun == "people"
    assert analyse("How many enterprises were held accountable in Tibet?").provinces == ("Tibet",)


@pytest.mark.parametrize(
    "question",
    ["Who won the football world cup?", "Write a Python function to sort a list.", "What is 2 + 2?"],
)
def test_off_topic(question: str) -> None:
    assert not analyse(question).on_topic
