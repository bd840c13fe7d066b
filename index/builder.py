"""Build or update the index from a documents directory: embed only what is new or changed."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.chunking import make_chunks
from index.documents import read_document
from index.embedder import Embedder
from index.loaders import ArticleError, is_sidecar
from index.models import Chunk, Document
from index.store import (
    IndexVersion,
    build_lock,
    current_manifest,
    current_version_id,
    embedding_text,
    new_manifest,
    open_index,
    write_version,
)

DEFAULT_MAX_BYTES = 5_000_000


class BuildError(Exception):
    """The build cannot start (message is one line saying what to do)."""


@dataclass
class BuildReport:
    """What a build did. Lists hold doc ids; ``failed`` holds (path relative to the documents dir, reason)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    embedded_chunks: int = 0
    seconds: float = 0.0
    version_id: str | None = None
    wrote_version: bool = False


def build_index(
    documents_dir: Path,
    index_dir: Path,
    embedder: Embedder,
    *,
    rebuild: bool = False,
    progress: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> BuildReport:
    """Index the articles under ``documents_dir`` into ``index_dir``, incrementally unless ``rebuild``.

    Raises ModelMismatchError when the live index was built with another model (unless ``rebuild``),
    IndexDamagedError when it cannot be read, BuildError when ``documents_dir`` does not exist.
    """
    started = time.perf_counter()
    documents_dir = Path(documents_dir)
    if not documents_dir.is_dir():
        raise BuildError(
            f"documents directory {documents_dir} not found; pass --documents or set INSPECTBOT_DOCUMENTS"
        )
    report = BuildReport()
    with build_lock(index_dir):
        previous = None
        if not rebuild and current_version_id(index_dir) is not None:
            previous = open_index(index_dir, model=embedder.name)
        known = previous.documents if previous else {}
        documents = _read_documents(documents_dir, known, max_bytes, report.failed)

        kept_chunks: list[Chunk] = []
        fresh: list[Document] = []
        for doc_id, doc in documents.items():
            old = known.get(doc_id)
            if old is not None and (old.content_hash, old.path) == (doc.content_hash, doc.path):
                report.unchanged.append(doc_id)
                documents[doc_id] = old
            else:
                (report.updated if old is not None else report.added).append(doc_id)
                fresh.append(doc)
        report.removed = sorted(set(known) - set(documents))
        if previous is not None:
            stale = set(report.updated) | set(report.removed)
            kept_chunks = [chunk for chunk in previous.chunks if chunk.doc_id not in stale]

        if previous is not None and not fresh and not report.removed:
            report.version_id = previous.version_id
        else:
            report.version_id = _write(
                index_dir, embedder, previous, documents, kept_chunks, fresh, progress, report
            )
            report.wrote_version = True
    for names in (report.added, report.updated, report.unchanged):
        names.sort()
    report.seconds = time.perf_counter() - started
    return report


def _write(
    index_dir: Path,
    embedder: Embedder,
    previous: IndexVersion | None,
    documents: dict[str, Document],
    kept_chunks: list[Chunk],
    fresh: list[Document],
    progress: bool,
    report: BuildReport,
) -> str:
    """Chunk and embed the fresh documents, update the FAISS index and write a new version."""
    import faiss

    # Chunk ids only grow, across rebuilds too, so an id never names two different passages.
    manifest = previous.manifest if previous else current_manifest(index_dir)
    next_id = manifest.next_chunk_id if manifest else 0
    new_chunks: list[Chunk] = []
    for doc in fresh:
        chunks = make_chunks(doc, next_id)
        new_chunks.extend(chunks)
        if chunks:
            next_id = max(chunk.chunk_id for chunk in chunks) + 1

    if previous is not None:
        vectors = previous.faiss
        kept_ids = {chunk.chunk_id for chunk in kept_chunks}
        dropped = [chunk.chunk_id for chunk in previous.chunks if chunk.chunk_id not in kept_ids]
        if dropped:
            vectors.remove_ids(np.asarray(dropped, dtype=np.int64))
    else:
        vectors = faiss.IndexIDMap2(faiss.IndexFlatIP(embedder.dimension))
    if new_chunks:
        texts = [embedding_text(chunk, documents[chunk.doc_id]) for chunk in new_chunks]
        embeddings = embedder.encode(texts, progress=progress)
        ids = np.asarray([chunk.chunk_id for chunk in new_chunks], dtype=np.int64)
        vectors.add_with_ids(embeddings, ids)
        report.embedded_chunks = len(new_chunks)

    ordered_docs = [documents[doc_id] for doc_id in sorted(documents)]
    all_chunks = sorted(kept_chunks + new_chunks, key=lambda chunk: chunk.chunk_id)
    manifest = new_manifest(embedder.name, vectors.d, ordered_docs, all_chunks, next_id)
    return write_version(index_dir, manifest, ordered_docs, all_chunks, vectors)


def article_files(documents_dir: Path) -> list[Path]:
    """Candidate article files under ``documents_dir`` (recursive; hidden files and sidecars left out)."""
    files = []
    for path in sorted(documents_dir.rglob("*")):
        relative = path.relative_to(documents_dir)
        if any(part.startswith(".") for part in relative.parts) or is_sidecar(path):
            continue
        if path.is_file():
            files.append(path)
    return files


def _read_documents(
    documents_dir: Path, known: dict[str, Document], max_bytes: int, failed: list[tuple[str, str]]
) -> dict[str, Document]:
    """Read every article; record unreadable files and duplicates in ``failed``.

    Already-indexed documents are read first so that, of two identical files, the indexed one stays.
    """
    known_paths = {doc.path for doc in known.values()}
    files = article_files(documents_dir)
    files.sort(key=lambda path: path.relative_to(documents_dir).as_posix() not in known_paths)
    documents: dict[str, Document] = {}
    by_text: dict[str, str] = {}
    for path in files:
        relative = path.relative_to(documents_dir).as_posix()
        try:
            doc = read_document(path, documents_dir, max_bytes)
        except ArticleError as exc:
            failed.append((relative, exc.reason))
            continue
        except OSError as exc:
            failed.append((relative, exc.strerror or str(exc)))
            continue
        if doc.doc_id in documents:
            failed.append((relative, f"same document id as {documents[doc.doc_id].path}"))
            continue
        text_key = hashlib.sha256(" ".join(doc.text.split()).encode("utf-8")).hexdigest()
        if text_key in by_text:
            failed.append((relative, f"duplicate of {documents[by_text[text_key]].path}"))
            continue
        by_text[text_key] = doc.doc_id
        documents[doc.doc_id] = doc
    return documents
