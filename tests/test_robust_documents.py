"""Issue 11, items 3 and 10: what is in documents/ and cannot be indexed faithfully is reported by name
with a reason and skipped, never a traceback, and never silently indexed wrong or dropped.

Item 3: a symlink loop, dangling symlinks, a symlink to a folder, a named pipe, an unreadable subfolder
(simulated: the tests run as root, who may read anything). Item 10: broken UTF-8 and encodings guessed
without confidence, a page of navigation and cookie text only, sidecar values of the wrong type, a file
that is briefly unreadable (it keeps its indexed version), and of two duplicates the one already indexed
stays, on a rebuild too."""

from __future__ import annotations

import errno
import os
import pathlib
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import cli
from index.builder import build_index
from index.embedder import DEFAULT_MODEL, Embedder
from index.store import open_index
from tests.conftest import FIXTURE_ARTICLES, SEED_DOCUMENTS

PILOT = "sub/hebei-pilot-2016.txt"
SEED_IDS = {path.stem for path in SEED_DOCUMENTS.iterdir()}
ARTICLE = (
    "Xinhua, May 4. The central ecological and environmental protection inspection team stationed in "
    "Gansu received 2,113 reports from the public and handed them to the province for handling.\n\n"
    "By the end of the month, 96 companies had been fined a total of 7.2 million yuan, the team said."
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> tuple[Path, Path]:
    """Documents (the seed articles, and the Hebei pilot in a subfolder) and their index."""
    documents = tmp_path_factory.mktemp("documents")
    for path in SEED_DOCUMENTS.iterdir():
        shutil.copy(path, documents / path.name)
    (documents / "sub").mkdir()
    shutil.copy(FIXTURE_ARTICLES / "hebei-pilot-2016.txt", documents / PILOT)
    index_dir = tmp_path_factory.mktemp("index")
    build_index(documents, index_dir, embedder)
    return documents, index_dir


@pytest.fixture
def workspace(tmp_path: Path, seeded: tuple[Path, Path]) -> tuple[Path, Path]:
    documents, index_dir = tmp_path / "documents", tmp_path / "index"
    shutil.copytree(seeded[0], documents)
    shutil.copytree(seeded[1], index_dir)
    return documents, index_dir


@pytest.fixture
def index(embedder: Embedder, workspace: tuple[Path, Path]) -> Callable[..., Result]:
    documents, index_dir = workspace

    def run(*flags: str) -> Result:
        env = {"INSPECTBOT_MODEL": DEFAULT_MODEL, "TELEGRAM_BOT_TOKEN": None}
        args = ["index", *flags, "--documents", str(documents), "--index", str(index_dir)]
        result = CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
        assert "Traceback" not in result.output
        return result

    return run


def failures(result: Result) -> dict[str, str]:
    """The ``failed: <path>: <reason>`` lines of an index run, by path."""
    rows = [line.removeprefix("failed: ") for line in result.stderr.splitlines()]
    return dict(row.split(": ", 1) for row in rows)


def deny(monkeypatch: pytest.MonkeyPatch, target: Path, function: str, module=os) -> None:
    """Make ``module.function`` raise EACCES for ``target``, as for a non-root user without the right."""
    real = getattr(module, function)

    def guarded(path, *args, **kwargs):
        if os.path.abspath(os.fspath(path)) == str(target):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(module, function, guarded)


def test_unusual_entries_are_reported_by_name(index, workspace: tuple[Path, Path]) -> None:
    documents, _ = workspace
    (documents / "loop.txt").symlink_to("loop.txt")
    (documents / "ping.txt").symlink_to("pong.txt")
    (documents / "pong.txt").symlink_to("ping.txt")
    (documents / "gone.txt").symlink_to("nowhere.txt")
    (documents / "back").symlink_to(".")  # a folder symlink that would loop if followed
    os.mkfifo(documents / "pipe.txt")  # reading it would block the build forever
    result = index()
    assert result.exit_code == 1
    assert failures(result) == {
        "back": "symlink to a folder (not followed)",
        "gone.txt": "dangling symlink (its target does not exist)",
        "loop.txt": "symlink loop",
        "ping.txt": "symlink loop",
        "pipe.txt": "not a regular file (a named pipe)",
        "pong.txt": "symlink loop",
    }
    assert "0 removed, 3 unchanged" in result.stdout


def test_an_unreadable_folder_keeps_its_documents(
    index, workspace: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    documents, index_dir = workspace
    deny(monkeypatch, documents / "sub", "scandir")
    result = index()
    assert result.exit_code == 1
    assert failures(result) == {
        "sub/": "cannot read folder (Permission denied); its 1 indexed documents are kept"
    }
    assert "0 removed, 3 unchanged" in result.stdout
    assert "hebei-pilot-2016" in open_index(index_dir).documents


def test_an_unreadable_documents_folder_is_one_line(
    index, workspace: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    documents, index_dir = workspace
    before = (index_dir / "CURRENT").read_text()
    deny(monkeypatch, documents, "scandir")
    result = index()
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip() == (
        f"inspectbot: cannot read documents directory {documents} (Permission denied)"
    )
    assert (index_dir / "CURRENT").read_text() == before


def test_a_briefly_unreadable_file_keeps_its_indexed_version(
    index, workspace: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    documents, index_dir = workspace
    deny(monkeypatch, documents / PILOT, "read_bytes", pathlib.Path)  # what loading reads a file with
    result = index()
    assert result.exit_code == 1
    assert failures(result) == {PILOT: "cannot read file (Permission denied); its indexed version is kept"}
    assert "0 removed" in result.stdout
    assert "hebei-pilot-2016" in open_index(index_dir).documents
    monkeypatch.undo()
    result = index()  # readable again: nothing to say
    assert result.exit_code == 0 and "3 unchanged" in result.stdout


def test_of_two_duplicates_the_indexed_one_stays(index, workspace: tuple[Path, Path]) -> None:
    documents, index_dir = workspace
    original = sorted(SEED_DOCUMENTS.iterdir())[1]
    shutil.copy(original, documents / ("0-copy" + original.suffix))  # sorts first
    for flags in ([], ["--rebuild"]):
        result = index(*flags)
        assert failures(result) == {"0-copy.md": f"duplicate of {original.name}"}, flags
        assert original.stem in open_index(index_dir).documents


def test_files_that_would_be_indexed_wrong_are_reported(index, workspace: tuple[Path, Path]) -> None:
    documents, index_dir = workspace
    utf8 = ARTICLE.replace("said.", "said \u201cthe rectification is on time\u201d.").encode()
    (documents / "broken-utf8.txt").write_bytes(utf8[:120] + b"\xff\xfe" + utf8[120:])
    noise = bytes(random.Random(5).randrange(0x80, 0x100) for _ in range(3000))
    (documents / "guessed.txt").write_bytes(noise)
    (documents / "gbk.txt").write_bytes(
        "新华社5月4日电 中央生态环境保护督察组进驻甘肃省，共受理群众举报2113件，已全部转交地方办理。".encode(
            "gb18030"
        )
    )
    (documents / "menu.txt").write_text("Home\nNews\nWorld\nBusiness\nAccept all cookies\nPrivacy policy\n")
    (documents / "cookies.html").write_text(
        "<html><head><title>News</title></head><body><div><p>Home News World</p>"
        "<p>We use cookies to give you the best experience on our website. By continuing to browse, you "
        "agree to our use of cookies and our privacy policy.</p><p>Copyright 2024 Example Media. All "
        "rights reserved.</p></div></body></html>"
    )
    for name, sidecar in {
        "dated": "date: [2021, 9]\n",
        "ranked": "round: second\n",
        "listed": "provinces: {Hebei: 1}\n",
    }.items():
        (documents / f"{name}.txt").write_text(ARTICLE.replace("Gansu", name.title()))
        (documents / f"{name}.txt.meta.yaml").write_text(sidecar)
    result = index()
    assert result.exit_code == 1
    assert failures(result) == {
        "broken-utf8.txt": "undecodable text (invalid UTF-8 at byte 120)",
        "cookies.html": failures(result)["cookies.html"],
        "dated.txt": "bad sidecar: date is [2021, 9], expected a date (YYYY-MM-DD)",
        "guessed.txt": failures(result)["guessed.txt"],
        "listed.txt": "bad sidecar: provinces is {'Hebei': 1}, expected a list of names",
        "menu.txt": "no article text (only menus, cookie or legal lines)",
        "ranked.txt": "bad sidecar: round is 'second', expected a whole number",
    }
    assert "no article text" in failures(result)["cookies.html"]
    assert failures(result)["guessed.txt"].startswith("undecodable text (not UTF-8")
    documents_indexed = open_index(index_dir).documents
    assert "1 added" in result.stdout and "gbk" in documents_indexed  # a confident legacy encoding
    assert "督察组进驻甘肃省" in documents_indexed["gbk"].text
