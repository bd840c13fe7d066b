"""Building the index from the real articles: offsets, incremental updates, bad files, crashes, models."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from index import builder, store
from index.builder import BuildError, BuildReport, build_index
from index.embedder import DEFAULT_MODEL, MINILM_MODEL, Embedder, members, resolve_model_path, vector_sets
from index.models import Document, InspectionScope
from index.store import IndexVersion, ModelMismatchError, current_version_id, embedding_text, open_index
from index.text.chunking import make_chunks
from index.text.documents import read_document
from tests.conftest import REPO_ROOT, copy_corpus

NEW_ARTICLE = (
    "Xinhua News Agency, Beijing, July 2. The first batch of the third round of central ecological "
    "and environmental protection inspections has handed its feedback to Fujian, Henan, Hainan, Gansu "
    "and Qinghai.\n\nAs of June 30, the teams had transferred 17,905 reports and the provinces had filed "
    "1,024 cases for punishment."
)


class CountingEmbedder:
    """Wraps an Embedder and records every text it is asked to embed (for a setting of several models,
    the texts its first model embeds: each model embeds the same ones)."""

    def __init__(self, inner: Embedder, texts: list[str] | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.precision = inner.precision
        self.texts: list[str] = [] if texts is None else texts
        first, *more = members(inner)
        if more:
            self.members = (CountingEmbedder(first, self.texts), *more)

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def encode(self, texts: list[str], **kwargs: object) -> np.ndarray:
        self.texts.extend(texts)
        return self.inner.encode(texts, **kwargs)


@pytest.fixture
def workspace(tmp_path: Path, built_index: Path) -> tuple[Path, Path]:
    """A private (documents dir, index dir): a copy of the corpus and of the session's built index."""
    documents = copy_corpus(tmp_path / "documents")
    index_dir = tmp_path / "index"
    shutil.copytree(built_index, index_dir)
    return documents, index_dir


def chunks_of(version: IndexVersion, doc_id: str) -> list:
    return [chunk for chunk in version.chunks if chunk.doc_id == doc_id]


def test_every_chunk_is_the_article_text_at_its_offsets(index_version: IndexVersion) -> None:
    assert index_version.chunks
    for chunk in index_version.chunks:
        doc = index_version.documents[chunk.doc_id]
        assert doc.text[chunk.start : chunk.end] == chunk.text
        assert 0 <= chunk.sentence_start < chunk.sentence_end <= len(doc.sentences)


def test_faiss_holds_exactly_the_stored_chunks(index_version: IndexVersion) -> None:
    ids = [chunk.chunk_id for chunk in index_version.chunks]
    assert len(set(ids)) == len(ids) == index_version.faiss.ntotal == index_version.manifest.chunks
    assert max(ids) < index_version.manifest.next_chunk_id
    for chunk_id in ids:
        assert np.linalg.norm(index_version.faiss.reconstruct(chunk_id)) == pytest.approx(1.0, abs=1e-4)


def test_first_build_indexes_every_article(
    build_report: BuildReport, corpus_dir: Path, index_version: IndexVersion
) -> None:
    stems = {path.stem for path in corpus_dir.iterdir() if not path.name.endswith(".meta.yaml")}
    assert set(build_report.added) == stems == set(index_version.documents)
    assert build_report.failed == [] and build_report.updated == build_report.removed == []
    assert build_report.embedded_chunks == len(index_version.chunks)
    assert build_report.wrote_version and build_report.version_id == index_version.version_id
    models = [model for model, *_ in vector_sets(DEFAULT_MODEL)]  # per-language: MiniLM's set and e5's
    assert [model for model, _ in index_version.vector_sets] == models
    assert index_version.manifest.document_hashes == {
        doc_id: doc.content_hash for doc_id, doc in index_version.documents.items()
    }


def test_unchanged_rerun_embeds_nothing_and_writes_nothing(
    workspace: tuple[Path, Path], embedder: Embedder
) -> None:
    documents, index_dir = workspace
    before = current_version_id(index_dir)
    counting = CountingEmbedder(embedder)
    report = build_index(documents, index_dir, counting)
    assert counting.texts == [] and report.embedded_chunks == 0
    assert not report.wrote_version and report.version_id == before == current_version_id(index_dir)
    assert report.added == report.updated == report.removed == [] and len(report.unchanged) == 9


def test_an_index_of_the_previous_format_is_rewritten_without_embedding(
    workspace: tuple[Path, Path], embedder: Embedder
) -> None:
    """A format-2 version (validated JSON lines) is read, and the next build rewrites it in the compact
    form with the same documents, passages and vectors, embedding nothing."""
    documents, index_dir = workspace
    before = open_index(index_dir)
    path = before.path
    for name in ("chunks.npy", "chunks.values.json", "details.jsonl"):
        (path / name).unlink()
    docs = [before.documents[doc_id] for doc_id in sorted(before.documents)]
    (path / "documents.jsonl").write_text("".join(doc.model_dump_json() + "\n" for doc in docs))
    (path / "chunks.jsonl").write_text("".join(c.model_dump_json() + "\n" for c in before.chunks))
    legacy = before.manifest.model_copy(update={"format_version": 2})
    (path / "manifest.json").write_text(legacy.model_dump_json())
    assert open_index(index_dir).manifest.format_version == 2
    counting = CountingEmbedder(embedder)
    report = build_index(documents, index_dir, counting)
    after = open_index(index_dir)
    assert report.wrote_version and counting.texts == [] and len(report.unchanged) == 9
    assert after.manifest.format_version == store.FORMAT_VERSION
    assert after.documents == before.documents
    assert [c.model_dump() for c in after.chunks] == [c.model_dump() for c in before.chunks]
    assert after.faiss.ntotal == before.faiss.ntotal


def test_add_change_delete_embed_only_what_changed(workspace: tuple[Path, Path], embedder: Embedder) -> None:
    documents, index_dir = workspace
    original = open_index(index_dir)

    counting = CountingEmbedder(embedder)
    (documents / "r3b1-feedback-2024.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    report = build_index(documents, index_dir, counting)
    added = open_index(index_dir)
    new_chunks = chunks_of(added, "r3b1-feedback-2024")
    assert report.added == ["r3b1-feedback-2024"] and report.updated == report.removed == []
    assert report.embedded_chunks == len(new_chunks) == len(counting.texts) > 0
    doc = added.documents["r3b1-feedback-2024"]
    assert counting.texts == [embedding_text(chunk, doc) for chunk in new_chunks]
    assert counting.texts[0] == f"{doc.meta.title}\n{new_chunks[0].text}"
    assert min(chunk.chunk_id for chunk in new_chunks) >= original.manifest.next_chunk_id
    assert {c.chunk_id for c in original.chunks} <= {c.chunk_id for c in added.chunks}

    counting = CountingEmbedder(embedder)
    changed = documents / "r3b2-progress-2024.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nThe feedback is due in August.\n", "utf-8")
    report = build_index(documents, index_dir, counting)
    updated = open_index(index_dir)
    old_ids = {c.chunk_id for c in chunks_of(added, "r3b2-progress-2024")}
    fresh = chunks_of(updated, "r3b2-progress-2024")
    assert report.updated == ["r3b2-progress-2024"] and report.added == report.removed == []
    doc = updated.documents["r3b2-progress-2024"]
    assert counting.texts == [embedding_text(c, doc) for c in fresh] and report.embedded_chunks == len(fresh)
    assert "The feedback is due in August." in updated.documents["r3b2-progress-2024"].text
    assert not old_ids & {c.chunk_id for c in updated.chunks}  # old vectors removed, ids never reused
    assert all(chunk.chunk_id >= added.manifest.next_chunk_id for chunk in fresh)
    assert updated.faiss.ntotal == len(updated.chunks)

    counting = CountingEmbedder(embedder)
    (documents / "hebei-pilot-2016.txt").unlink()
    report = build_index(documents, index_dir, counting)
    removed = open_index(index_dir)
    assert report.removed == ["hebei-pilot-2016"] and report.embedded_chunks == 0 and counting.texts == []
    assert "hebei-pilot-2016" not in removed.documents
    assert (
        removed.faiss.ntotal
        == len(removed.chunks)
        == len(updated.chunks) - len(chunks_of(updated, "hebei-pilot-2016"))
    )
    assert removed.manifest.next_chunk_id == updated.manifest.next_chunk_id


def test_only_new_or_changed_files_are_parsed_again(
    workspace: tuple[Path, Path], embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents, index_dir = workspace
    parsed: list[str] = []

    def counting_read(path: Path, root: Path, max_bytes: int) -> Document:
        parsed.append(path.name)
        return read_document(path, root, max_bytes)

    monkeypatch.setattr(builder, "read_document", counting_read)
    before = open_index(index_dir)
    (documents / "r3b1-feedback-2024.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    report = build_index(documents, index_dir, embedder)
    after = open_index(index_dir)
    assert parsed == ["r3b1-feedback-2024.txt"] and report.added == ["r3b1-feedback-2024"]
    assert all(after.documents[doc_id] == before.documents[doc_id] for doc_id in report.unchanged)

    parsed.clear()
    (documents / "r3b2-progress-2024.txt.meta.yaml").write_text("title: A sidecar title\n", encoding="utf-8")
    report = build_index(documents, index_dir, embedder)
    assert parsed == ["r3b2-progress-2024.txt"] and report.updated == ["r3b2-progress-2024"]
    assert open_index(index_dir).documents["r3b2-progress-2024"].meta.title == "A sidecar title"


def test_an_index_described_by_older_extraction_code_is_read_again(
    workspace: tuple[Path, Path], embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents, index_dir = workspace
    before = open_index(index_dir)
    assert before.manifest.extraction_version == builder.EXTRACTION_VERSION
    parsed: list[str] = []

    def newer_read(path: Path, root: Path, max_bytes: int) -> Document:
        """Extraction code that reads every article's scope differently, and one article's title."""
        parsed.append(path.name)
        doc = read_document(path, root, max_bytes)
        title = "A title the new code reads" if path.stem == "hebei-pilot-2016" else doc.meta.title
        meta = doc.meta.model_copy(update={"scope": InspectionScope(round=9, batch=9), "title": title})
        return doc.model_copy(update={"meta": meta})

    monkeypatch.setattr(builder, "read_document", newer_read)
    monkeypatch.setattr(builder, "EXTRACTION_VERSION", builder.EXTRACTION_VERSION + 1)
    counting = CountingEmbedder(embedder)
    report = build_index(documents, index_dir, counting)
    after = open_index(index_dir)
    assert len(parsed) == len(before.documents)  # every file read again, though none changed
    assert report.wrote_version and after.manifest.extraction_version == builder.EXTRACTION_VERSION
    assert report.updated == ["hebei-pilot-2016"] and len(report.redescribed) == len(before.documents) - 1
    retitled = after.documents["hebei-pilot-2016"]
    assert counting.texts == [embedding_text(c, retitled) for c in chunks_of(after, "hebei-pilot-2016")]
    assert all(doc.meta.scope == InspectionScope(round=9, batch=9) for doc in after.documents.values())
    for doc_id in report.redescribed:  # same passages, same vectors, the new metadata
        old, new = chunks_of(before, doc_id), chunks_of(after, doc_id)
        assert [c.chunk_id for c in new] == [c.chunk_id for c in old]
        passages = make_chunks(after.documents[doc_id], 0)
        assert [c.model_dump(exclude={"chunk_id"}) for c in new] == [
            c.model_dump(exclude={"chunk_id"}) for c in passages
        ]
    assert any(c.scope == InspectionScope(round=9, batch=9) for c in after.chunks)
    assert after.faiss.ntotal == len(after.chunks)

    parsed.clear()
    report = build_index(documents, index_dir, CountingEmbedder(embedder))
    assert parsed == [] and not report.wrote_version and report.redescribed == []


def test_bad_files_are_reported_and_skipped(workspace: tuple[Path, Path], embedder: Embedder) -> None:
    documents, index_dir = workspace
    (documents / "empty.txt").write_bytes(b"")
    (documents / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (documents / "huge.txt").write_text("Inspection news. " * 2000, encoding="utf-8")
    (documents / "scan.pdf").write_bytes(b"%PDF-1.4")
    shutil.copy(documents / "r3b5-progress-2025.txt", documents / "copy-of-r3b5.txt")
    (documents / "r3b1-feedback-2024.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    report = build_index(documents, index_dir, embedder, max_bytes=20_000)
    failed = dict(report.failed)
    assert set(failed) == {"empty.txt", "binary.txt", "huge.txt", "scan.pdf", "copy-of-r3b5.txt"}
    assert "empty" in failed["empty.txt"]
    assert "binary" in failed["binary.txt"]
    assert "too large" in failed["huge.txt"]
    assert "unsupported" in failed["scan.pdf"]
    assert failed["copy-of-r3b5.txt"] == "duplicate of r3b5-progress-2025.txt"
    assert report.added == ["r3b1-feedback-2024"]  # the good file is still indexed
    assert set(open_index(index_dir).documents) == set(report.unchanged) | {"r3b1-feedback-2024"}


def test_rebuild_reembeds_all_and_model_mismatch_is_refused(
    workspace: tuple[Path, Path], embedder: Embedder, capsys: pytest.CaptureFixture[str]
) -> None:
    documents, index_dir = workspace
    other_name = Embedder(resolve_model_path(MINILM_MODEL))  # another model than the index's
    with pytest.raises(ModelMismatchError, match=r"run `inspectbot index --rebuild`"):
        build_index(documents, index_dir, other_name)
    counting = CountingEmbedder(other_name)
    before = open_index(index_dir)
    report = build_index(documents, index_dir, counting, rebuild=True, progress=True)
    assert "100%" in capsys.readouterr().err  # the progress bar, on stderr
    version = open_index(index_dir, model=other_name.name)
    assert min(c.chunk_id for c in version.chunks) == before.manifest.next_chunk_id  # ids never reused
    assert len(report.added) == 9 and report.embedded_chunks == len(version.chunks) == len(counting.texts)
    assert version.manifest.model == other_name.name != "all-MiniLM-L6-v2"
    with pytest.raises(ModelMismatchError):
        open_index(index_dir, model="all-MiniLM-L6-v2")


def test_missing_documents_dir(tmp_path: Path, embedder: Embedder) -> None:
    with pytest.raises(BuildError, match="--documents"):
        build_index(tmp_path / "nowhere", tmp_path / "index", embedder)


KILL_SCRIPT = """
import os, signal, sys
import numpy as np
from pathlib import Path
from index import store
from index.builder import build_index
from index.embedder import vector_sets

class FakeModel:  # one model of the index's setting: its name, precision and size, random vectors
    dimension = 384
    def __init__(self, name, precision):
        self.name, self.precision = name, precision
    def encode(self, texts, **kwargs):
        if sys.argv[3] == "embedding":
            os.kill(os.getpid(), signal.SIGKILL)
        vectors = np.random.default_rng(0).normal(size=(len(texts), 384)).astype("float32")
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

real_write = store._write_bytes
def write_then_die(path, data):
    if path.name == "faiss.index":
        real_write(path, data[: len(data) // 2])
        os.kill(os.getpid(), signal.SIGKILL)
    real_write(path, data)
store._write_bytes = write_then_die
class FakeEmbedder:  # the index's model setting, no model load
    name, precision = sys.argv[5], sys.argv[6]
    members = [FakeModel(model, precision) for model, precision, _ in vector_sets(name, precision)]

build_index(Path(sys.argv[1]), Path(sys.argv[2]), FakeEmbedder(), rebuild=sys.argv[4] == "rebuild")
"""


@pytest.mark.parametrize(
    ("stage", "rebuild"), [("embedding", "update"), ("writing", "update"), ("writing", "rebuild")]
)
def test_killed_build_leaves_the_old_index_readable(
    workspace: tuple[Path, Path], embedder: Embedder, stage: str, rebuild: str
) -> None:
    documents, index_dir = workspace
    before = open_index(index_dir)
    (documents / "r3b1-feedback-2024.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (documents / "r1-summary-2017.md").unlink()
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    args = [str(documents), str(index_dir), stage, rebuild, embedder.name, embedder.precision]
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILL_SCRIPT), *args],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert child.returncode == -9, child.stderr.decode()
    after = open_index(index_dir)
    assert after.version_id == before.version_id
    assert [c.model_dump() for c in after.chunks] == [c.model_dump() for c in before.chunks]
    assert after.faiss.ntotal == before.faiss.ntotal
    report = build_index(documents, index_dir, embedder)  # the next build recovers and sweeps the debris
    assert report.added == ["r3b1-feedback-2024"] and report.removed == ["r1-summary-2017"]
    assert not list((index_dir / "versions").glob(".tmp-*"))


def test_opening_and_searching_read_no_metadata_details(
    workspace: tuple[Path, Path], embedder: Embedder
) -> None:
    """The evidence and events of the articles stay unread until an answer needs one: the calendar comes
    from the batches the build stored, the searcher's filters from the light metadata and passage columns."""
    from bot.engine.coverage import coverage_of
    from index.search import Searcher

    _, index_dir = workspace
    version = open_index(index_dir)
    assert (version.path / "learned.json").is_file()
    searcher = Searcher(version, embedder)
    assert version.calendar.entries and coverage_of(version)
    assert searcher.search("cases filed for punishment in the fourth batch", k=5)
    assert all(doc.meta.details_pending() is not None for doc in version.documents.values())
    doc = next(doc for doc in version.documents.values() if doc.meta.events)  # read on first use
    assert doc.meta.details_pending() is None and doc.meta.scope_evidence


def test_facts_rows_are_read_as_written(workspace: tuple[Path, Path]) -> None:
    """The facts table is assembled from its columns without validation, row for row what validation gives."""
    from index.facts.table import Fact

    version = open_index(workspace[1])
    assert len(version.facts) and [row.model_dump() for row in version.facts] == [
        Fact.model_validate(row.model_dump()).model_dump() for row in version.facts
    ]
