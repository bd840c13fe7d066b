"""Issue 11, items 4 and 12: whatever bytes and lengths reach `inspectbot ask`, each question gets one
answer line, and an overlong question a one-line message (the same limit as Telegram's)."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.answer import MAX_QUESTION_CHARS
from bot.cli import cli
from bot.telegram import handlers
from index.embedder import DEFAULT_MODEL, Embedder
from tests.conftest import REPO_ROOT

QUESTION = "How many cases were filed for punishment in the fourth batch?"
CONSOLE_SCRIPT = REPO_ROOT / ".venv" / "bin" / "inspectbot"


@pytest.fixture
def invoke(embedder: Embedder):
    def run(args: list[str], input: bytes | str | None = None) -> Result:
        env = {"INSPECTBOT_MODEL": DEFAULT_MODEL, "TELEGRAM_BOT_TOKEN": None}
        return CliRunner().invoke(cli, args, input=input, env=env, catch_exceptions=False)

    return run


def test_jsonl_with_bad_bytes_answers_every_line(built_index: Path) -> None:
    lines = [
        QUESTION.encode(),
        b"How many \xff\xfe cases \xc3( were filed?",  # invalid UTF-8
        b"",
        b"   \t",
        "\xa0".encode(),
        "\u3000\u3000".encode(),
        b"Which provinces did the Hebei pilot cover?\r",
    ]
    env = {**os.environ, "INSPECTBOT_INDEX": str(built_index), "INSPECTBOT_MODEL": DEFAULT_MODEL}
    result = subprocess.run(
        [str(CONSOLE_SCRIPT), "ask", "--jsonl"],
        input=b"\n".join(lines),  # the last line has no newline
        capture_output=True,
        env=env,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr
    answers = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert len(answers) == len(lines)
    assert answers[0]["question"] == QUESTION and answers[0]["answered"]
    assert answers[1]["question"] == "How many \ufffd\ufffd cases \ufffd( were filed?"
    assert [a["question"] for a in answers[2:6]] == ["", "", "", ""]
    assert not any(a["answered"] for a in answers[2:6])
    assert answers[6]["question"] == "Which provinces did the Hebei pilot cover?"


def test_json_argument_with_bad_bytes(invoke, built_index: Path) -> None:
    question = (
        "How many cases were filed \udcff\udcfe for punishment in the fourth batch?"  # as argv gives it
    )
    result = invoke(["ask", question, "--json", "--index", str(built_index)])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["question"] == "How many cases were filed \ufffd\ufffd for punishment in the fourth batch?"


def test_the_cli_and_telegram_share_the_question_limit() -> None:
    assert handlers.MAX_QUESTION_CHARS is MAX_QUESTION_CHARS


def test_an_overlong_question_gets_one_line(invoke, built_index: Path) -> None:
    started = time.perf_counter()
    result = invoke(["ask", "How many cases? " * 312_500, "--index", str(built_index)])  # 5 MB
    assert time.perf_counter() - started < 10
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"the limit is {MAX_QUESTION_CHARS:,}" in lines[0]
    assert invoke(["ask", "x" * MAX_QUESTION_CHARS, "--index", str(built_index)]).exit_code == 0


def test_an_overlong_jsonl_line_gets_a_refusal_line(invoke, built_index: Path) -> None:
    lines = [QUESTION, "y" * (MAX_QUESTION_CHARS + 1), QUESTION]
    result = invoke(["ask", "--jsonl", "--index", str(built_index)], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["answered"] for a in answers] == [True, False, True]
    assert f"the limit is {MAX_QUESTION_CHARS:,}" in answers[1]["answer"]
    assert len(answers[1]["question"]) == MAX_QUESTION_CHARS


def test_chat_refuses_an_overlong_question_and_goes_on(invoke, built_index: Path) -> None:
    result = invoke(["chat", "--index", str(built_index)], input=f"{'z' * 5000}\n{QUESTION}\nquit\n")
    assert result.exit_code == 0, result.output
    assert f"the limit is {MAX_QUESTION_CHARS:,}" in result.stdout and "1,158" in result.stdout
