"""Issue 11, item 5: a full disk while writing a version gives one line with the space needed, old versions
are pruned first when space is short, and the live version is never lost.

The disk is simulated: a capacity for the index folder, its free space as ``shutil.disk_usage`` reports it,
and ENOSPC from the store's file writes once the folder would outgrow it."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import cli
from index import store
from index.builder import build_index
from index.embedder import DEFAULT_MODEL, Embedder
from index.store import open_index
from tests.conftest import SEED_DOCUMENTS, copy_corpus

QUESTION = "How many cases were filed for punishment in the fourth batch?"


def size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


class FakeDisk:
    """A disk of ``capacity`` bytes holding only the index folder."""

    def __init__(self, index_dir: Path, capacity: int, monkeypatch: pytest.MonkeyPatch) -> None:
        self.index_dir, self.capacity = index_dir, capacity
        real_usage, real_write = shutil.disk_usage, store._write_bytes

        def usage(path: os.PathLike | str):
            if str(Path(path).resolve()).startswith(str(index_dir.resolve())):
                used = size_of(index_dir)
                return real_usage(path)._replace(total=capacity, used=used, free=max(0, capacity - used))
            return real_usage(path)

        def write_bytes(path: Path, data: bytes) -> None:
            if size_of(index_dir) + len(data) > self.capacity:
                path.write_bytes(data[: max(0, self.capacity - size_of(index_dir))])  # what fitted
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
            real_write(path, data)

        monkeypatch.setattr(shutil, "disk_usage", usage)
        monkeypatch.setattr(store, "_write_bytes", write_bytes)


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> tuple[Path, Path]:
    """Documents (the seed articles and two test articles) and an index of them with two versions."""
    documents = tmp_path / "documents"
    copy_corpus(documents)
    keep = {p.name for p in SEED_DOCUMENTS.iterdir()} | {"hebei-pilot-2016.txt", "r1-summary-2017.md"}
    for path in documents.iterdir():
        if path.name not in keep:
            path.unlink()
    index_dir = tmp_path / "index"
    build_index(documents, index_dir, embedder)
    (documents / "hebei-pilot-2016.txt").unlink()
    build_index(documents, index_dir, embedder)  # live and previous: the steady state
    assert len(list((index_dir / "versions").iterdir())) == 2
    return documents, index_dir


@pytest.fixture
def invoke(embedder: Embedder) -> Callable[..., Result]:
    def run(*args: str) -> Result:
        env = {"INSPECTBOT_MODEL": DEFAULT_MODEL, "TELEGRAM_BOT_TOKEN": None}
        return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)

    return run


def live(index_dir: Path) -> str:
    return (index_dir / "CURRENT").read_text().strip()


def test_short_space_prunes_old_versions_first(
    invoke, workspace: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    documents, index_dir = workspace
    before = live(index_dir)
    version_size = size_of(index_dir / "versions" / before)
    FakeDisk(index_dir, size_of(index_dir) + version_size // 2, monkeypatch)  # no room for a third
    (documents / "r1-summary-2017.md").unlink()
    result = invoke("index", "--documents", str(documents), "--index", str(index_dir))
    assert result.exit_code == 0, result.output
    assert "1 removed" in result.stdout
    # the version before the live one made room; the one that was live is kept for readers opening it
    assert sorted(p.name for p in (index_dir / "versions").iterdir()) == sorted([before, live(index_dir)])
    assert "1,158" in invoke("ask", QUESTION, "--index", str(index_dir)).stdout


def test_full_disk_is_one_line_and_the_live_version_stays(
    invoke, workspace: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    documents, index_dir = workspace
    before = live(index_dir)
    (older,) = [p for p in (index_dir / "versions").iterdir() if p.name != before]
    live_size = size_of(index_dir / "versions" / before)
    # full: even with the older version pruned, only half a version's room
    FakeDisk(index_dir, size_of(index_dir) - size_of(older) + live_size // 2, monkeypatch)
    result = invoke("index", "--rebuild", "--documents", str(documents), "--index", str(index_dir))
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "the disk is full: the new version needs" in lines[0], result.stderr
    assert " MB" in lines[0]
    assert live(index_dir) == before and open_index(index_dir).version_id == before
    assert [p.name for p in (index_dir / "versions").iterdir()] == [before]  # nothing half-written left
    assert "1,158" in invoke("ask", QUESTION, "--index", str(index_dir)).stdout


def test_disk_filling_up_during_the_write(
    invoke, workspace: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Free space that looked enough runs out mid-write (another program writing): the same one line."""
    documents, index_dir = workspace
    before = sorted(p.name for p in (index_dir / "versions").iterdir())
    disk = FakeDisk(index_dir, size_of(index_dir) * 10, monkeypatch)
    real_write = store._write_bytes

    def shrinking(path: Path, data: bytes) -> None:
        disk.capacity = size_of(index_dir)  # the disk fills up as soon as the version starts
        real_write(path, data)

    monkeypatch.setattr(store, "_write_bytes", shrinking)
    (documents / "r1-summary-2017.md").unlink()
    line = invoke("index", "--documents", str(documents), "--index", str(index_dir)).stderr.strip()
    assert len(line.splitlines()) == 1 and "the disk is full" in line, line
    assert sorted(p.name for p in (index_dir / "versions").iterdir()) == before
    monkeypatch.setattr(store, "_write_bytes", real_write)
    disk.capacity = 10**12  # space freed: the next build works
    result = invoke("index", "--documents", str(documents), "--index", str(index_dir))
    assert result.exit_code == 0 and "1 removed" in result.stdout, result.output
