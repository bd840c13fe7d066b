"""The versioned on-disk index: complete, immutable versions and a CURRENT pointer switched atomically.

Layout under the index directory::

    CURRENT                      the live version id (replaced with os.replace)
    versions/<id>/manifest.json  Manifest (written last inside the version)
    versions/<id>/faiss.index    FAISS IndexIDMap2(IndexFlatIP) keyed by chunk id
    versions/<id>/documents.jsonl, chunks.jsonl
    versions/.tmp-<id>/          a version being written (never read; swept by the next build)
    .build.lock                  flock held by a build

A build writes a whole version into a temporary directory, fsyncs it, renames it into ``versions/``
and only then points CURRENT at it, so a crash at any moment leaves the previous version live and whole.
A reader reads CURRENT once and then only that version's files, which are never modified.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import gc
import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from index.embedder import canonical_model_name
from index.models import Chunk, Document, Manifest

if TYPE_CHECKING:
    import faiss

FORMAT_VERSION = 2  # 2: passages are embedded with their article's title (see embedding_text)
CURRENT = "CURRENT"
VERSIONS = "versions"
LOCK = ".build.lock"
TMP_PREFIX = ".tmp-"
MANIFEST = "manifest.json"
FAISS_FILE = "faiss.index"
DOCUMENTS = "documents.jsonl"
CHUNKS = "chunks.jsonl"
_OPEN_ATTEMPTS = 3


class StoreError(Exception):
    """An index problem a user can fix; the message is one line naming the command that fixes it."""


class IndexMissingError(StoreError):
    """No index has been built in the directory."""

    def __init__(self, index_dir: Path) -> None:
        super().__init__(f"no index in {index_dir}; run `inspectbot index` to build it")


class IndexDamagedError(StoreError):
    """The live version is unreadable or inconsistent."""

    def __init__(self, index_dir: Path, reason: str) -> None:
        super().__init__(f"index in {index_dir} is damaged ({reason}); run `inspectbot index --rebuild`")


class ModelMismatchError(StoreError):
    """The index was built with another embedding model than the one configured."""

    def __init__(self, built_with: str, configured: str) -> None:
        super().__init__(
            f"index built with {built_with}, but the model setting is {configured}; "
            "run `inspectbot index --rebuild`"
        )


@dataclass
class IndexVersion:
    """One complete, immutable index version loaded in memory."""

    version_id: str
    path: Path
    manifest: Manifest
    documents: dict[str, Document]
    chunks: list[Chunk]
    faiss: Any  # faiss.IndexIDMap2
    chunk_by_id: dict[int, Chunk] = field(init=False)

    def __post_init__(self) -> None:
        self.chunk_by_id = {chunk.chunk_id: chunk for chunk in self.chunks}

    def documents_by_date(self) -> list[Document]:
        """The articles oldest first; undated ones last, each group by doc_id."""
        return sorted(self.documents.values(), key=lambda d: (d.meta.date is None, d.meta.date, d.doc_id))


def embedding_text(chunk: Chunk, document: Document) -> str:
    """The text indexed for a passage: its article's title, then the passage. The title gives the passage
    the context its sentences leave implicit (which round and batch), for dense and BM25 search alike."""
    return f"{document.meta.title}\n{chunk.text}"


def current_version_id(index_dir: Path) -> str | None:
    """The live version id, or None when no index has been built (cheap: one small file read)."""
    try:
        value = (Path(index_dir) / CURRENT).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return value or None


def current_manifest(index_dir: Path) -> Manifest | None:
    """The live version's manifest alone (cheap), or None when there is none or it cannot be read."""
    version_id = current_version_id(index_dir)
    if version_id is None:
        return None
    try:
        return Manifest.model_validate_json((Path(index_dir) / VERSIONS / version_id / MANIFEST).read_bytes())
    except (OSError, ValidationError):
        return None


def open_index(index_dir: Path, *, model: str | None = None) -> IndexVersion:
    """Load the live version; with ``model``, refuse an index built with a different model.

    Reads CURRENT once, then only that version's files. Should builds switch and prune that version
    while it is being read, it retries with the version CURRENT names now.
    """
    index_dir = Path(index_dir)
    version_id = current_version_id(index_dir)
    if version_id is None:
        raise IndexMissingError(index_dir)
    for attempt in range(1, _OPEN_ATTEMPTS + 1):
        try:
            version = _read_version(index_dir, index_dir / VERSIONS / version_id)
            break
        except IndexDamagedError:
            latest = current_version_id(index_dir)
            if attempt == _OPEN_ATTEMPTS or latest is None or latest == version_id:
                raise
            version_id = latest
    if model is not None:
        check_model(version.manifest, model)
    return version


def check_model(manifest: Manifest, model: str) -> None:
    """Raise ModelMismatchError unless ``manifest`` was built with ``model``."""
    configured = canonical_model_name(model)
    if manifest.model != configured:
        raise ModelMismatchError(manifest.model, configured)


def _read_version(index_dir: Path, path: Path) -> IndexVersion:
    import faiss

    if not path.is_dir():
        raise IndexDamagedError(index_dir, f"version {path.name} is missing")

    try:
        manifest = Manifest.model_validate_json((path / MANIFEST).read_bytes())
        if manifest.format_version != FORMAT_VERSION:
            found = manifest.format_version
            raise IndexDamagedError(index_dir, f"format version {found}, expected {FORMAT_VERSION}")
        with _gc_paused():
            documents = [Document.model_validate_json(line) for line in _lines(path / DOCUMENTS)]
            chunks = [Chunk.model_validate_json(line) for line in _lines(path / CHUNKS)]
        vectors = faiss.read_index(str(path / FAISS_FILE))
    except (OSError, ValidationError, ValueError, RuntimeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise IndexDamagedError(index_dir, f"{path.name}: {reason}") from exc
    if (len(documents), len(chunks), vectors.ntotal, vectors.d) != (
        manifest.documents,
        manifest.chunks,
        manifest.chunks,
        manifest.dimension,
    ):
        raise IndexDamagedError(index_dir, f"{path.name}: counts do not match the manifest")
    return IndexVersion(
        version_id=path.name,
        path=path,
        manifest=manifest,
        documents={doc.doc_id: doc for doc in documents},
        chunks=chunks,
        faiss=vectors,
    )


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector while loading: tens of thousands of new objects (none of them
    garbage) would otherwise trigger repeated full collections that cost as much as the parsing itself."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield line


@contextlib.contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """Hold the index directory's build lock (waits for another build to finish); sweeps stale temp dirs."""
    index_dir = Path(index_dir)
    (index_dir / VERSIONS).mkdir(parents=True, exist_ok=True)
    with (index_dir / LOCK).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            for stale in (index_dir / VERSIONS).glob(TMP_PREFIX + "*"):
                shutil.rmtree(stale, ignore_errors=True)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def new_manifest(
    model: str, dimension: int, documents: list[Document], chunks: list[Chunk], next_chunk_id: int
) -> Manifest:
    """The manifest describing a version with these documents and chunks."""
    return Manifest(
        format_version=FORMAT_VERSION,
        model=canonical_model_name(model),
        dimension=dimension,
        documents=len(documents),
        chunks=len(chunks),
        next_chunk_id=next_chunk_id,
        built_at=dt.datetime.now(dt.UTC),
        document_hashes={doc.doc_id: doc.content_hash for doc in documents},
    )


def write_version(
    index_dir: Path,
    manifest: Manifest,
    documents: list[Document],
    chunks: list[Chunk],
    vectors: faiss.Index,
) -> str:
    """Write a complete new version, make it live, prune old ones; returns its id. Call under build_lock."""
    import faiss

    index_dir = Path(index_dir)
    versions = index_dir / VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    version_id = _new_version_id()
    tmp = versions / (TMP_PREFIX + version_id)
    tmp.mkdir()
    _write_lines(tmp / DOCUMENTS, (doc.model_dump_json() for doc in documents))
    _write_lines(tmp / CHUNKS, (chunk.model_dump_json() for chunk in chunks))
    _write_bytes(tmp / FAISS_FILE, faiss.serialize_index(vectors).tobytes())
    _write_bytes(tmp / MANIFEST, manifest.model_dump_json(indent=2).encode("utf-8"))
    _fsync_dir(tmp)
    os.rename(tmp, versions / version_id)
    _fsync_dir(versions)
    previous = current_version_id(index_dir)
    pointer = index_dir / (CURRENT + ".tmp")
    _write_bytes(pointer, (version_id + "\n").encode("ascii"))
    os.replace(pointer, index_dir / CURRENT)
    _fsync_dir(index_dir)
    _prune(versions, keep={version_id, previous})
    return version_id


def _new_version_id() -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{stamp}-{secrets.token_hex(3)}"


def _write_lines(path: Path, lines: Iterator[str]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(line)
            handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())


def _write_bytes(path: Path, data: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _prune(versions: Path, keep: set[str | None]) -> None:
    """Delete complete versions other than ``keep`` (the new one and the one readers may still be opening)."""
    for path in versions.iterdir():
        if path.is_dir() and not path.name.startswith(TMP_PREFIX) and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
