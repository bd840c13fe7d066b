"""The `inspectbot` command line, in process with click's CliRunner and as the real console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import cli
from index.embedder import DEFAULT_MODEL, MINILM_MODEL, Embedder, resolve_model_path, vector_sets
from index.store import IndexVersion
from tests.conftest import REPO_ROOT, copy_corpus

QUESTION = "How many cases were filed for punishment in the fourth batch?"
CONSOLE_SCRIPT = REPO_ROOT / ".venv" / "bin" / "inspectbot"


@pytest.fixture
def invoke(embedder: Embedder):
    """Run the CLI in process with a clean settings environment (the shared model is already loaded)."""

    def run(args: list[str], input: str | None = None, **env: str) -> Result:
        base = {"INSPECTBOT_MODEL": DEFAULT_MODEL, "TELEGRAM_BOT_TOKEN": None}
        return CliRunner().invoke(cli, args, input=input, env={**base, **env}, catch_exceptions=False)

    return run


@pytest.fixture
def workspace(tmp_path: Path, built_index: Path) -> tuple[Path, Path]:
    documents = copy_corpus(tmp_path / "documents")
    index_dir = tmp_path / "index"
    shutil.copytree(built_index, index_dir)
    return documents, index_dir


def one_line_error(result: Result) -> str:
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_index_reports_counts_and_fails_on_bad_files(invoke, workspace: tuple[Path, Path]) -> None:
    documents, index_dir = workspace
    result = invoke(["index", "--documents", str(documents), "--index", str(index_dir)])
    assert result.exit_code == 0, result.output
    assert "0 added, 0 updated, 0 removed, 9 unchanged; 0 chunks embedded" in result.stdout
    assert "nothing changed" in result.stdout

    (documents / "empty.txt").write_bytes(b"")
    (documents / "hebei-pilot-2016.txt").unlink()
    result = invoke(["index"], INSPECTBOT_DOCUMENTS=str(documents), INSPECTBOT_INDEX=str(index_dir))
    assert result.exit_code == 1
    assert "8 documents" in result.stdout and "1 removed" in result.stdout
    assert "failed: empty.txt: empty file" in result.stderr


def test_index_without_documents_dir(invoke, tmp_path: Path) -> None:
    result = invoke(["index", "--documents", str(tmp_path / "none"), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 1
    assert "--documents" in one_line_error(result)


def test_ask_json_quotes_the_article(invoke, built_index: Path, index_version: IndexVersion) -> None:
    result = invoke(["ask", QUESTION, "--json", "--index", str(built_index)])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["question"] == QUESTION and answer["answered"] is True
    assert set(answer) == {"question", "answered", "answer", "citations", "latency_ms"}
    citation = answer["citations"][0]
    doc = index_version.documents[citation["doc_id"]]
    assert doc.text[citation["start"] : citation["end"]] == citation["quote"]
    assert "1,158" in answer["answer"] + citation["quote"]
    assert citation["title"] == doc.meta.title and citation["date"] == "2021-09-19"


def test_ask_prints_a_readable_answer(invoke, built_index: Path) -> None:
    result = invoke(["ask", QUESTION], INSPECTBOT_INDEX=str(built_index))
    assert result.exit_code == 0, result.output
    assert "[1] " in result.stdout and "1,158" in result.stdout


def test_ask_jsonl_answers_each_line(invoke, built_index: Path) -> None:
    questions = f"{QUESTION}\n\nWhich provinces did the Hebei pilot cover?\n"
    result = invoke(["ask", "--jsonl", "--index", str(built_index)], input=questions)
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in answers] == [QUESTION, "", "Which provinces did the Hebei pilot cover?"]
    assert not answers[1]["answered"]  # a blank line gets its own (refusing) line: lines match one to one


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["ask", QUESTION], 1, "run `inspectbot index`"),
        (["ask", "   "], 2, "question is empty"),
        (["ask"], 2, "question is empty"),
        (["sources"], 1, "run `inspectbot index`"),
        (["chat"], 1, "run `inspectbot index`"),
    ],
)
def test_user_errors_are_one_line(invoke, tmp_path: Path, args: list[str], code: int, needle: str) -> None:
    result = invoke(args, INSPECTBOT_INDEX=str(tmp_path / "missing"))
    assert result.exit_code == code
    assert needle in one_line_error(result)


def test_damaged_index_is_one_line(invoke, workspace: tuple[Path, Path]) -> None:
    _, index_dir = workspace
    version_id = (index_dir / "CURRENT").read_text().strip()
    (index_dir / "versions" / version_id / "documents.jsonl").write_text("{not json\n")
    result = invoke(["ask", QUESTION, "--index", str(index_dir)])
    assert result.exit_code == 1
    assert "--rebuild" in one_line_error(result)


def test_model_mismatch_is_one_line(invoke, built_index: Path) -> None:
    other = resolve_model_path(MINILM_MODEL)  # the English model, from its directory
    result = invoke(["ask", QUESTION], INSPECTBOT_INDEX=str(built_index), INSPECTBOT_MODEL=other)
    assert result.exit_code == 1
    built_with = " + ".join(model for model, *_ in vector_sets(DEFAULT_MODEL))  # per-language: both models
    assert f"index built with {built_with}, but" in one_line_error(result)


def test_sources_lists_articles_with_metadata(invoke, built_index: Path, index_version: IndexVersion) -> None:
    result = invoke(["sources", "--index", str(built_index)])
    assert result.exit_code == 0, result.output
    for doc in index_version.documents.values():
        assert doc.meta.title in result.stdout
    assert "round 2, batch 4" in result.stdout and "China News Service" in result.stdout
    result = invoke(["sources", "--json", "--index", str(built_index)])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {row["doc_id"] for row in rows} == set(index_version.documents)


def test_chat_answers_until_quit(invoke, built_index: Path) -> None:
    result = invoke(["chat", "--index", str(built_index)], input=f"{QUESTION}\nquit\nnever asked\n")
    assert result.exit_code == 0, result.output
    assert "1,158" in result.stdout and "never asked" not in result.stdout
    result = invoke(["chat", "--index", str(built_index)], input="")  # Ctrl-D at once
    assert result.exit_code == 0


def test_run_indexes_then_chats(invoke, workspace: tuple[Path, Path]) -> None:
    documents, index_dir = workspace
    (documents / "hebei-pilot-2016.txt").unlink()
    args = ["run", "--documents", str(documents), "--index", str(index_dir)]
    result = invoke(args, input=f"{QUESTION}\n")  # no TELEGRAM_BOT_TOKEN: the terminal chat
    assert result.exit_code == 0, result.output
    assert "1 removed" in result.stdout and "1,158" in result.stdout


def test_console_script_help_is_instant() -> None:
    started = time.perf_counter()
    result = subprocess.run([str(CONSOLE_SCRIPT), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert time.perf_counter() - started < 5
    for command in ("index", "ask", "sources", "chat", "run"):
        assert command in result.stdout


def test_console_script_ask_jsonl(built_index: Path) -> None:
    env = {**os.environ, "INSPECTBOT_INDEX": str(built_index), "INSPECTBOT_MODEL": DEFAULT_MODEL}
    result = subprocess.run(
        [str(CONSOLE_SCRIPT), "ask", "--jsonl"],
        input=f"{QUESTION}\nWhat fines were imposed?\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == 2 and all(a["citations"] for a in answers)
    assert result.stderr == ""
