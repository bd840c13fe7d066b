"""Issue 11, item 6: index damage that once ended in a traceback gets one line, and `--rebuild` recovers.

Over a real index (the two seed articles): CURRENT holding non-UTF-8 bytes or being a directory, a chunk
naming an unknown document, a line of the document store duplicated over another, `--index` naming a file,
and an index folder that cannot be written (simulated: the tests run as root, who may write anywhere)."""

from __future__ import annotations

import errno
import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner, Result

from bot.cli import cli
from index.builder import build_index
from index.compact import CHUNKS
from index.embedder import DEFAULT_MODEL, Embedder
from index.store import open_index
from tests.conftest import SEED_DOCUMENTS

QUESTION = "How many cases were filed for punishment in the fourth batch?"


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    index_dir = tmp_path_factory.mktemp("seed-index")
    build_index(SEED_DOCUMENTS, index_dir, embedder)
    return index_dir


@pytest.fixture
def index_dir(tmp_path: Path, seed_index: Path) -> Path:
    target = tmp_path / "index"
    shutil.copytree(seed_index, target)
    return target


@pytest.fixture
def invoke(embedder: Embedder) -> Callable[..., Result]:
    def run(*args: str) -> Result:
        env = {"INSPECTBOT_MODEL": DEFAULT_MODEL, "TELEGRAM_BOT_TOKEN": None}
        return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)

    return run


def one_line(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def live_dir(index_dir: Path) -> Path:
    return index_dir / "versions" / (index_dir / "CURRENT").read_text().strip()


def garbage_current(index_dir: Path) -> None:
    (index_dir / "CURRENT").write_bytes(b"\xff\xfe\x00 not a version \xc3(\n")


def current_is_a_directory(index_dir: Path) -> None:
    (index_dir / "CURRENT").unlink()
    (index_dir / "CURRENT").mkdir()
    (index_dir / "CURRENT" / "junk").write_text("x")


def chunk_of_unknown_document(index_dir: Path) -> None:
    path = live_dir(index_dir) / CHUNKS  # the passage columns: a passage of a document line that is not there
    columns = np.load(path, allow_pickle=False)
    columns["doc"][0] = 10_000
    with path.open("wb") as file:
        np.save(file, columns, allow_pickle=False)


def duplicated_document_line(index_dir: Path) -> None:
    path = live_dir(index_dir) / "documents.jsonl"
    lines = path.read_text().splitlines()
    lines[1] = lines[0]  # the same count, one article twice and one missing
    path.write_text("\n".join(lines) + "\n")


DAMAGE = [garbage_current, current_is_a_directory, chunk_of_unknown_document, duplicated_document_line]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__)
def test_damage_is_one_line_and_rebuild_recovers(invoke, index_dir: Path, damage) -> None:
    damage(index_dir)
    for args in (["ask", QUESTION], ["sources"], ["index", "--documents", str(SEED_DOCUMENTS)]):
        line = one_line(invoke(*args, "--index", str(index_dir)))
        assert "damaged" in line and "--rebuild" in line, line
    result = invoke("index", "--rebuild", "--documents", str(SEED_DOCUMENTS), "--index", str(index_dir))
    assert result.exit_code == 0, result.output
    assert "2 added" in result.stdout
    result = invoke("ask", QUESTION, "--index", str(index_dir))
    assert result.exit_code == 0 and "1,158" in result.stdout
    assert open_index(index_dir).documents.keys() == {p.stem for p in SEED_DOCUMENTS.iterdir()}


def test_index_option_naming_a_file(invoke, tmp_path: Path) -> None:
    path = tmp_path / "not-an-index.txt"
    path.write_text("hello")
    for args in (["ask", QUESTION], ["sources"], ["index", "--documents", str(SEED_DOCUMENTS)]):
        assert "is a file, not an index directory" in one_line(invoke(*args, "--index", str(path)))
    assert path.read_text() == "hello"


def test_read_only_index_folder(invoke, index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writes under the index folder fail with EACCES, as for a non-root user on a read-only folder."""
    real_open, real_mkdir = io.open, os.mkdir
    inside = str(index_dir.resolve())

    def denied(path: object) -> bool:
        return os.path.abspath(os.fspath(path)).startswith(inside)

    def guarded_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and any(c in mode for c in "wax+") and denied(file):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(file))
        return real_open(file, mode, *args, **kwargs)

    def guarded_mkdir(path, *args, **kwargs):
        if denied(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "mkdir", guarded_mkdir)
    result = invoke("ask", QUESTION, "--index", str(index_dir))  # reading needs no writes
    assert result.exit_code == 0 and "1,158" in result.stdout
    for rebuild in ([], ["--rebuild"]):
        args = ["index", *rebuild, "--documents", str(SEED_DOCUMENTS), "--index", str(index_dir)]
        line = one_line(invoke(*args))
        assert "cannot write the index" in line and "Permission denied" in line, line
