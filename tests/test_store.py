"""The versioned store: atomic switch, pruning, damage and model checks, crash safety, the build lock."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import faiss
import numpy as np
import pytest

from index import store
from index.models import Chunk, DatedEvent, Document, DocumentMeta, InspectionScope, ScopeEvidence
from index.store import (
    IndexDamagedError,
    IndexMissingError,
    ModelMismatchError,
    build_lock,
    current_version_id,
    new_manifest,
    open_index,
    write_version,
)

DIM = 8


def make_version(index_dir: Path, texts: list[str], *, model: str = "all-MiniLM-L6-v2") -> str:
    """Write a version holding one document per text (one chunk each), with random unit vectors."""
    documents, chunks = [], []
    for i, text in enumerate(texts):
        doc = Document(
            doc_id=f"doc{i}",
            path=f"doc{i}.txt",
            content_hash=f"hash{i}",
            meta=DocumentMeta(title=f"Doc {i}"),
            text=text,
            sentences=[(0, len(text))],
        )
        documents.append(doc)
        chunks.append(
            Chunk(
                chunk_id=i,
                doc_id=doc.doc_id,
                start=0,
                end=len(text),
                sentence_start=0,
                sentence_end=1,
                text=text,
            )
        )
    vectors = np.random.default_rng(0).normal(size=(len(texts), DIM)).astype(np.float32)
    faiss.normalize_L2(vectors)
    index = faiss.IndexIDMap2(faiss.IndexFlatIP(DIM))
    index.add_with_ids(vectors, np.arange(len(texts), dtype=np.int64))
    manifest = new_manifest(model, DIM, documents, chunks, len(texts))
    with build_lock(index_dir):
        return write_version(index_dir, manifest, documents, chunks, index)


def test_round_trip(tmp_path: Path) -> None:
    version_id = make_version(tmp_path, ["first text", "second text"])
    assert current_version_id(tmp_path) == version_id
    version = open_index(tmp_path, model="all-MiniLM-L6-v2")
    assert version.version_id == version_id
    assert version.manifest.model == "all-MiniLM-L6-v2"
    assert version.manifest.documents == 2 and version.manifest.chunks == 2
    assert version.manifest.document_hashes == {"doc0": "hash0", "doc1": "hash1"}
    assert version.chunk_by_id[1].text == "second text"
    assert version.documents["doc0"].text == "first text"
    assert version.faiss.ntotal == 2
    files = sorted(p.name for p in version.path.iterdir())
    assert files == [
        "chunks.npy",
        "chunks.values.json",
        "details.jsonl",
        "documents.jsonl",
        "faiss.index",
        "manifest.json",
    ]


def test_missing_index(tmp_path: Path) -> None:
    assert current_version_id(tmp_path / "none") is None
    with pytest.raises(IndexMissingError, match="run `inspectbot index`"):
        open_index(tmp_path / "none")


def test_new_version_switches_and_keeps_the_previous_one(tmp_path: Path) -> None:
    first = make_version(tmp_path, ["one"])
    old_reader = open_index(tmp_path)
    second = make_version(tmp_path, ["one", "two"])
    third = make_version(tmp_path, ["one", "two", "three"])
    assert current_version_id(tmp_path) == third
    remaining = sorted(p.name for p in (tmp_path / "versions").iterdir())
    assert remaining == sorted([second, third])  # the oldest is pruned, the previous one kept
    assert first not in remaining
    assert old_reader.chunks[0].text == "one"  # a loaded version lives on in memory
    assert open_index(tmp_path).manifest.chunks == 3


@pytest.mark.parametrize(
    ("victim", "damage"),
    [
        ("chunks.npy", b"\x93NUMPY not columns"),
        ("chunks.values.json", b'{"scopes": '),
        ("documents.jsonl", b'{"doc_id": "doc0", "path'),
        ("faiss.index", b"not a faiss index"),
        ("manifest.json", b"{}"),
        ("documents.jsonl", b""),
    ],
)
def test_damaged_version_is_a_one_line_error(tmp_path: Path, victim: str, damage: bytes) -> None:
    version_id = make_version(tmp_path, ["a", "b"])
    (tmp_path / "versions" / version_id / victim).write_bytes(damage)
    with pytest.raises(IndexDamagedError, match=r"run `inspectbot index --rebuild`") as info:
        open_index(tmp_path)
    assert "\n" not in str(info.value)


def test_current_naming_a_missing_version_is_damage(tmp_path: Path) -> None:
    make_version(tmp_path, ["a"])
    (tmp_path / "CURRENT").write_text("no-such-version\n")
    with pytest.raises(IndexDamagedError, match="no-such-version"):
        open_index(tmp_path)


def test_model_mismatch_is_refused(tmp_path: Path) -> None:
    make_version(tmp_path, ["a"], model="all-MiniLM-L6-v2")
    open_index(tmp_path, model="sentence-transformers/all-MiniLM-L6-v2")  # an alias of the same model
    with pytest.raises(ModelMismatchError, match=r"index built with all-MiniLM-L6-v2.*--rebuild"):
        open_index(tmp_path, model=str(tmp_path / "other-model"))


def test_crash_while_writing_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = make_version(tmp_path, ["kept"])
    real_write = store._write_bytes

    def failing_write(path: Path, data: bytes) -> None:
        if path.name == "faiss.index":
            raise KeyboardInterrupt  # Ctrl-C half-way through writing the new version
        real_write(path, data)

    monkeypatch.setattr(store, "_write_bytes", failing_write)
    with pytest.raises(KeyboardInterrupt):
        make_version(tmp_path, ["new", "texts"])
    assert current_version_id(tmp_path) == before
    assert open_index(tmp_path).chunks[0].text == "kept"
    assert list((tmp_path / "versions").glob(".tmp-*"))  # the half-written version is left aside...
    monkeypatch.undo()
    make_version(tmp_path, ["next"])
    assert not list((tmp_path / "versions").glob(".tmp-*"))  # ...and swept by the next build


def test_build_lock_serialises_builds(tmp_path: Path) -> None:
    events: list[str] = []
    holding = threading.Event()

    def first() -> None:
        with build_lock(tmp_path):
            holding.set()
            time.sleep(0.3)
            events.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    holding.wait()
    with build_lock(tmp_path):
        events.append("second in")
    thread.join()
    assert events == ["first done", "second in"]


def test_reader_retries_when_its_version_is_pruned_under_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = make_version(tmp_path, ["one"])
    make_version(tmp_path, ["one", "two"])
    latest = make_version(tmp_path, ["one", "two", "three"])  # prunes `stale`
    real = store.current_version_id
    answers = iter([stale])
    monkeypatch.setattr(store, "current_version_id", lambda index_dir: next(answers, None) or real(index_dir))
    assert open_index(tmp_path).version_id == latest


def test_readers_always_see_a_complete_version_during_builds(tmp_path: Path) -> None:
    make_version(tmp_path, ["seed"])
    done = threading.Event()

    def keep_building() -> None:
        for n in range(1, 25):
            make_version(tmp_path, [f"text {i}" for i in range(n)])
        done.set()

    builder = threading.Thread(target=keep_building)
    builder.start()
    opened = 0
    while not done.is_set():
        version = open_index(tmp_path)
        assert version.faiss.ntotal == len(version.chunks) == version.manifest.chunks
        opened += 1
    builder.join()
    assert opened > 0


def _legacy_version(index_dir: Path, version_id: str) -> None:
    """Rewrite a version in format 2 (every document and passage a validated JSON line)."""
    version = open_index(index_dir)
    path = index_dir / "versions" / version_id
    for name in ("chunks.npy", "chunks.values.json", "details.jsonl"):
        (path / name).unlink()
    docs = [version.documents[doc_id] for doc_id in sorted(version.documents)]
    (path / "documents.jsonl").write_text("".join(doc.model_dump_json() + "\n" for doc in docs))
    (path / "chunks.jsonl").write_text("".join(c.model_dump_json() + "\n" for c in version.chunks))
    manifest = version.manifest.model_copy(update={"format_version": 2})
    (path / "manifest.json").write_text(manifest.model_dump_json())


def test_a_version_of_the_previous_format_is_still_read(tmp_path: Path) -> None:
    version_id = make_version(tmp_path, ["first text", "second text"])
    expected = open_index(tmp_path)
    _legacy_version(tmp_path, version_id)
    version = open_index(tmp_path)
    assert version.manifest.format_version == 2
    assert [c.model_dump() for c in version.chunks] == [c.model_dump() for c in expected.chunks]
    assert version.documents == expected.documents
    assert version.chunk_by_id[1].text == "second text" and version.chunks_of("doc0")[0].text == "first text"


def test_metadata_details_are_read_on_first_use_and_written_unchanged(tmp_path: Path) -> None:
    event = DatedEvent(kind="stationed", start=dt.date(2021, 8, 25), end=dt.date(2021, 9, 25), span=(0, 5))
    evidence = ScopeEvidence(
        kind="full_mention", text="the fourth batch", where="title", points={"r2b4": 7.5}
    )
    meta = DocumentMeta(title="T", scope=InspectionScope(round=2, batch=4), events=[event])
    meta.scope_evidence = [evidence]
    doc = Document(doc_id="d", path="d.txt", content_hash="h", meta=meta, text="Teams.", sentences=[(0, 6)])
    chunk = Chunk(chunk_id=5, doc_id="d", start=0, end=6, sentence_start=0, sentence_end=1, text="Teams.")
    index = faiss.IndexIDMap2(faiss.IndexFlatIP(DIM))
    index.add_with_ids(np.ones((1, DIM), np.float32) / DIM**0.5, np.asarray([5], np.int64))
    with build_lock(tmp_path):
        write_version(tmp_path, new_manifest("m", DIM, [doc], [chunk], 6), [doc], [chunk], index)
    stored = open_index(tmp_path).documents["d"]
    assert stored.meta.details_pending() is not None  # not parsed when the index opened
    assert stored.meta.scope == InspectionScope(round=2, batch=4) and stored.text == "Teams."
    assert stored.meta.events == [event] and stored.meta.details_pending() is None
    assert stored.meta.scope_evidence == [evidence]
    assert stored == doc and stored.model_dump_json() == doc.model_dump_json()
    again = open_index(tmp_path)  # written again from a stored document whose details were never read
    with build_lock(tmp_path):
        write_version(tmp_path, again.manifest, list(again.documents.values()), again.chunks, again.faiss)
    assert open_index(tmp_path).documents["d"] == doc
    assert open_index(tmp_path).chunk_by_id[5] == chunk


def test_a_chunk_that_is_not_its_documents_text_is_not_written(tmp_path: Path) -> None:
    doc = Document(
        doc_id="d",
        path="d.txt",
        content_hash="h",
        meta=DocumentMeta(title="T"),
        text="abc",
        sentences=[(0, 3)],
    )
    chunk = Chunk(chunk_id=0, doc_id="d", start=0, end=3, sentence_start=0, sentence_end=1, text="xyz")
    index = faiss.IndexIDMap2(faiss.IndexFlatIP(DIM))
    with build_lock(tmp_path), pytest.raises(ValueError, match="not the text of its document"):
        write_version(tmp_path, new_manifest("m", DIM, [doc], [chunk], 1), [doc], [chunk], index)
