"""The versioned on-disk index: complete, immutable versions and a CURRENT pointer switched atomically.

Layout under the index directory::

    CURRENT                      the live version id (replaced with os.replace)
    versions/<id>/manifest.json  Manifest (written last inside the version)
    versions/<id>/faiss.index    FAISS IndexIDMap2 keyed by chunk id: flat, or HNSW on big indexes
    versions/<id>/faiss.<n>.index  the vector sets beyond the first (manifest.more_vectors), as faiss.index
    versions/<id>/documents.jsonl, details.jsonl, chunks.npy, chunks.values.json
                                 documents and passages in their compact form (index/compact.py)
    versions/<id>/facts.npz      the facts table as columns (index/facts/columns.py; facts.jsonl before)
    versions/<id>/learned.json   the batches its articles announce that the calendar file lacks
    versions/<id>/spoken.json    each article's distinct sentence scopes (the inspections it speaks of)
    versions/<id>/words.json     the stems of the articles' names and words, counted (bot/engine/vocabulary)
    versions/<id>/figures.*      each article's sentences' figures, as the build analysed them
                                 (index/stored_figures.py)
    versions/<id>/bm25.*         the BM25 index over the passages (index/lexical.py)
    versions/.tmp-<id>/          a version being written (never read; swept by the next build)
    .build.lock                  flock held by a build

A build writes a whole version into a temporary directory, fsyncs it, renames it into ``versions/``
and only then points CURRENT at it, so a crash at any moment leaves the previous version live and whole.
A reader reads CURRENT once and then only that version's files, which are never modified.

Before a version is written, the space it needs is compared with the space free; when short, the versions
other than the live one are pruned first, and if it still does not fit the build stops with a one-line
message saying how much is needed. The live version is never touched by a failed write.

Reading a version validates nothing row by row (the builder validated every value it wrote): documents
are assembled from their JSON, their metadata's evidence and events read on first use, and passages are
columns made into Chunk objects when read. A version of the previous format (2: every document and
passage as a validated JSON line) is still read, more slowly, and the next `inspectbot index` rewrites it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import gc
import json
import os
import re
import secrets
import shutil
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from index import compact
from index.compact import ChunksById, ChunkTable, Interned
from index.embedder import canonical_model_name, model_precision, model_version, vector_sets
from index.models import Chunk, Document, Manifest, VectorSet

if TYPE_CHECKING:
    import faiss

    from index.facts.columns import FactTable
    from index.meta.calendar import Calendar, Inspection
    from index.stored_figures import StoredFigures

FORMAT_VERSION = 3  # 3: the compact form of index/compact.py; 2: passages embedded with their title
READABLE_FORMATS = (2, 3)  # 2 is read as validated JSON lines and rewritten by the next build
CURRENT = "CURRENT"
VERSIONS = "versions"
LOCK = ".build.lock"
TMP_PREFIX = ".tmp-"
MANIFEST = "manifest.json"
FAISS_FILE = "faiss.index"
LEARNED = "learned.json"  # the batches the version's articles announce that the calendar file lacks
SPOKEN = "spoken.json"  # each document's distinct sentence scopes (IndexVersion.spoken_scopes)
WORDS = "words.json"  # the stems of the articles' words, counted (bot/engine/vocabulary.py)
LEGACY_DOCUMENTS = "documents.jsonl"  # format 2: a Document JSON a line
LEGACY_CHUNKS = "chunks.jsonl"  # format 2: a Chunk JSON a line
_OPEN_ATTEMPTS = 3
_VERSION_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,99}")
SPACE_MARGIN = 1.1  # room asked for beyond the version's size (file-system overhead)


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


class IndexUnwritableError(StoreError):
    """The index directory cannot be written (permissions, a file in the way, a full disk)."""

    def __init__(self, index_dir: Path, reason: str) -> None:
        super().__init__(f"cannot write the index in {index_dir}: {reason}")


class ModelMismatchError(StoreError):
    """The index was built with another embedding model than the one configured."""

    def __init__(self, built_with: str, configured: str) -> None:
        super().__init__(
            f"index built with {built_with}, but the model setting is {configured}; "
            "run `inspectbot index --rebuild`"
        )


@dataclass
class IndexVersion:
    """One complete, immutable index version loaded in memory: its documents by id, its passages by
    chunk id (a Sequence of Chunk, each made when read), and its vectors."""

    version_id: str
    path: Path
    manifest: Manifest
    documents: dict[str, Document]
    chunks: ChunkTable
    faiss: Any  # faiss.IndexIDMap2
    chunk_by_id: Mapping[int, Chunk] = field(init=False)
    more_faiss: list[Any] = field(default_factory=list)  # the vector sets of manifest.more_vectors

    def __post_init__(self) -> None:
        self.chunk_by_id = ChunksById(self.chunks)

    @property
    def vector_sets(self) -> list[tuple[str, Any]]:
        """(model, FAISS index) of each vector set, the first (``faiss``) first."""
        records = self.manifest.more_vectors
        more = [(record.model, index) for record, index in zip(records, self.more_faiss, strict=True)]
        return [(self.manifest.model, self.faiss), *more]

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        """The passages of one document, by chunk id."""
        return self.chunks.of_document(doc_id)

    def documents_by_date(self) -> list[Document]:
        """The articles oldest first; undated ones last, each group by doc_id."""
        return sorted(self.documents.values(), key=lambda d: (d.meta.date is None, d.meta.date, d.doc_id))

    @cached_property
    def calendar(self) -> Calendar:
        """The inspection calendar: the calendar file plus the batches this version's articles announce
        (as the build stored them in LEARNED; found again in the articles for a version without it)."""
        from index.meta.calendar import Inspection, load_calendar

        path = self.path / LEARNED
        if path.is_file():
            return load_calendar(Inspection.model_validate(entry) for entry in json.loads(path.read_bytes()))
        from index.meta.announcements import learned_batches  # here: a start-up reading LEARNED needs none

        return load_calendar(learned_batches(self.documents.values()))

    @cached_property
    def stored_figures(self) -> StoredFigures:
        """The figures of its articles' sentences as the build analysed them (index/stored_figures.py)."""
        from index.stored_figures import StoredFigures

        return StoredFigures(self.path)

    @cached_property
    def facts(self) -> FactTable:
        """The facts table (index/facts/table.py) as columns, each row made when read: the version's facts
        file, an older version's JSON lines, or computed for a version written without either."""
        from index.facts.columns import FactTable
        from index.facts.table import FACTS, LEGACY_FACTS, build_facts, parse_facts

        if (self.path / FACTS).is_file():
            return FactTable.read(self.path / FACTS)
        legacy = self.path / LEGACY_FACTS
        if legacy.is_file():
            if self.manifest.format_version < FORMAT_VERSION:
                return FactTable.of(parse_facts(_lines(legacy)))
            return FactTable.of(compact.read_facts(legacy))
        return FactTable.of(build_facts(self.documents.values(), self.chunks, self.calendar))

    def spoken_by_document(self) -> dict[str, list[ScopeKey]]:
        """Each document's distinct sentence scopes as the build read them (SPOKEN; {} without the file)."""
        path = self.path / SPOKEN
        if not path.is_file():
            return {}
        stored = json.loads(path.read_bytes())
        return {doc_id: [(s[0], s[1], s[2]) for s in scopes] for doc_id, scopes in stored.items()}

    def stored_words(self) -> bytes | None:
        """The WORDS file as the build wrote it (read by bot/engine/vocabulary.py), None without it."""
        path = self.path / WORDS
        return path.read_bytes() if path.is_file() else None

    @cached_property
    def spoken_scopes(self) -> frozenset[ScopeKey] | None:
        """Every inspection some sentence of the version's articles is filed under, (round, batch, phase):
        what telling an inspection no article speaks of needs, without reading every article again; None
        for a version written without SPOKEN."""
        if not (self.path / SPOKEN).is_file():
            return None
        return frozenset(key for scopes in self.spoken_by_document().values() for key in scopes)


def embedding_text(chunk: Chunk, document: Document) -> str:
    """The text indexed for a passage: its article's title, then the passage. The title gives the passage
    the context its sentences leave implicit (which round and batch), for dense and BM25 search alike."""
    return f"{document.meta.title}\n{chunk.text}"


def current_version_id(index_dir: Path) -> str | None:
    """The live version id, or None when no index has been built or CURRENT is damaged (cheap: one small
    file read; :func:`read_current` tells the two apart)."""
    try:
        return read_current(index_dir)
    except StoreError:
        return None


def read_current(index_dir: Path) -> str | None:
    """The version id CURRENT names, None when there is no CURRENT; raises IndexDamagedError when CURRENT
    is not a file holding a version id, and StoreError when ``index_dir`` is a file."""
    index_dir = Path(index_dir)
    check_index_dir(index_dir)
    try:
        raw = (index_dir / CURRENT).read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except IsADirectoryError:
        raise IndexDamagedError(index_dir, f"{CURRENT} is a directory") from None
    except OSError as exc:
        raise IndexDamagedError(index_dir, f"{CURRENT} unreadable: {exc.strerror or exc}") from None
    try:
        value = raw.decode("ascii").strip()
    except UnicodeDecodeError:
        raise IndexDamagedError(index_dir, f"{CURRENT} holds no version id") from None
    if value and not _VERSION_ID.fullmatch(value):
        raise IndexDamagedError(index_dir, f"{CURRENT} holds no version id")
    return value or None


def check_index_dir(index_dir: Path) -> None:
    """Raise StoreError when ``index_dir`` exists but is not a directory (``--index`` naming a file)."""
    if index_dir.exists() and not index_dir.is_dir():
        raise StoreError(f"{index_dir} is a file, not an index directory; pass --index DIR")


def current_manifest(index_dir: Path) -> Manifest | None:
    """The live version's manifest alone (cheap), or None when there is none or it cannot be read."""
    version_id = current_version_id(index_dir)
    if version_id is None:
        return None
    try:
        return Manifest.model_validate_json((Path(index_dir) / VERSIONS / version_id / MANIFEST).read_bytes())
    except (OSError, ValidationError):
        return None


def open_index(index_dir: Path, *, model: str | None = None, precision: str | None = None) -> IndexVersion:
    """Load the live version; with ``model``, refuse an index built with a different model or precision
    (None: the model's own).

    Reads CURRENT once, then only that version's files. Should builds switch and prune that version
    while it is being read, it retries with the version CURRENT names now.
    """
    index_dir = Path(index_dir)
    version_id = read_current(index_dir)
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
        check_model(version.manifest, model, precision)
    return version


def check_model(manifest: Manifest, model: str, precision: str | None = None) -> None:
    """Raise ModelMismatchError unless ``manifest`` holds the vector sets the setting ``model`` at
    ``precision`` (None: the model's own) builds, in order (index.embedder.vector_sets). The ONNX and
    sentence-transformers paths at fp32 give the same vectors and mix; int8 vectors mix with no other;
    multilingual-e5-small and MiniLM vectors never mix, nor one model's index with the per-language pair's."""
    built = [(manifest.model, manifest.precision, manifest.model_version)] + [
        (more.model, more.precision, more.model_version) for more in manifest.more_vectors
    ]
    wanted = vector_sets(model, precision)
    if [entry[:2] for entry in built] != [entry[:2] for entry in wanted]:
        raise ModelMismatchError(_described(built), _described(wanted))
    for (name, _, made_with), (_, _, installed) in zip(built, wanted, strict=True):
        if made_with and installed and made_with != installed:
            raise ModelMismatchError(f"{name} {made_with}", f"{name} {installed} (another package release)")


def _described(sets: Sequence[tuple[str, str, str]]) -> str:
    """The models of ``sets``, each with its precision when it is not the model's own ("all-MiniLM-L6-v2
    (int8) + multilingual-e5-small")."""
    return " + ".join(
        model if precision == model_precision(model) else f"{model} ({precision})"
        for model, precision, _ in sets
    )


def _read_version(index_dir: Path, path: Path) -> IndexVersion:
    import faiss

    from index.vectors import kind_of

    if not path.is_dir():
        raise IndexDamagedError(index_dir, f"version {path.name} is missing")

    try:
        manifest = Manifest.model_validate_json((path / MANIFEST).read_bytes())
        if manifest.format_version not in READABLE_FORMATS:
            found = manifest.format_version
            raise IndexDamagedError(index_dir, f"format version {found}, expected {FORMAT_VERSION}")
        with _gc_paused():
            documents, chunks = _read_rows(path, manifest.format_version)
        vectors = faiss.read_index(str(path / FAISS_FILE))
        more = [faiss.read_index(str(path / record.file)) for record in manifest.more_vectors]
        kinds = [kind_of(index) for index in (vectors, *more)]  # ValueError: a storage this code lacks
    except (OSError, ValidationError, ValueError, RuntimeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise IndexDamagedError(index_dir, f"{path.name}: {reason}") from exc
    if (len(documents), len(chunks), vectors.ntotal, vectors.d) != (
        manifest.documents,
        manifest.chunks,
        manifest.chunks,
        manifest.dimension,
    ) or any(
        (index.ntotal, index.d) != (manifest.chunks, record.dimension)
        for record, index in zip(manifest.more_vectors, more, strict=True)
    ):
        raise IndexDamagedError(index_dir, f"{path.name}: counts do not match the manifest")
    if kinds != [manifest.faiss_index, *(record.faiss_index for record in manifest.more_vectors)]:
        raise IndexDamagedError(index_dir, f"{path.name}: vector storage does not match the manifest")
    by_id = {doc.doc_id: doc for doc in documents}
    problem = _inconsistency(by_id, documents, manifest)
    if problem:
        raise IndexDamagedError(index_dir, f"{path.name}: {problem}")
    return IndexVersion(
        version_id=path.name,
        path=path,
        manifest=manifest,
        documents=by_id,
        chunks=chunks,
        faiss=vectors,
        more_faiss=more,
    )


def _read_rows(path: Path, format_version: int) -> tuple[list[Document], ChunkTable]:
    """A version's documents (file order) and passages; raises ValueError, ValidationError or OSError
    when a file is malformed or a passage does not fit its document."""
    if format_version == 2:
        documents = [Document.model_validate_json(line) for line in _lines(path / LEGACY_DOCUMENTS)]
        chunks = [Chunk.model_validate_json(line) for line in _lines(path / LEGACY_CHUNKS)]
        return documents, ChunkTable.of(chunks, documents)
    interned = Interned()
    documents = compact.read_documents(path / compact.DOCUMENTS, path / compact.DETAILS, interned)
    columns, values = path / compact.CHUNKS, path / compact.CHUNK_VALUES
    return documents, ChunkTable.read(columns, values, documents, interned)


def _inconsistency(by_id: dict[str, Document], documents: list[Document], manifest: Manifest) -> str | None:
    """What makes a version's documents disagree with its manifest, or None: a document listed twice,
    documents other than the manifest's. (Passages are checked against the documents when read.)"""
    if len(by_id) != len(documents):
        twice = Counter(doc.doc_id for doc in documents).most_common(1)[0][0]
        return f"document {twice} is listed twice"
    if set(by_id) != set(manifest.document_hashes):
        return "the documents are not the manifest's"
    return None


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
    check_index_dir(index_dir)
    try:
        (index_dir / VERSIONS).mkdir(parents=True, exist_ok=True)
        handle = (index_dir / LOCK).open("a")
    except OSError as exc:
        raise IndexUnwritableError(index_dir, exc.strerror or str(exc)) from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            for stale in (index_dir / VERSIONS).glob(TMP_PREFIX + "*"):
                shutil.rmtree(stale, ignore_errors=True)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def new_manifest(
    model: str,
    dimension: int,
    documents: Sequence[Document],
    chunks: Sequence[Chunk],
    next_chunk_id: int,
    *,
    precision: str = "fp32",
    faiss_index: str = "flat",
    extraction_version: int = 0,
    more_vectors: Sequence[VectorSet] = (),
) -> Manifest:
    """The manifest describing a version with these documents and chunks, described by the extraction
    code ``extraction_version``, its vector sets beyond the first ``more_vectors`` (``vector_set``)."""
    return Manifest(
        format_version=FORMAT_VERSION,
        model=canonical_model_name(model),
        dimension=dimension,
        documents=len(documents),
        chunks=len(chunks),
        next_chunk_id=next_chunk_id,
        built_at=dt.datetime.now(dt.UTC),
        document_hashes={doc.doc_id: doc.content_hash for doc in documents},
        precision=precision,
        faiss_index=faiss_index,
        extraction_version=extraction_version,
        model_version=model_version(model),
        more_vectors=list(more_vectors),
    )


def vector_set(model: str, precision: str, vectors: faiss.Index, position: int) -> VectorSet:
    """The manifest's record of the vector set ``vectors`` of ``model``, the version's ``position``-th
    (from 1: the first set is faiss.index, recorded in the manifest's own fields)."""
    from index.vectors import kind_of

    return VectorSet(
        model=canonical_model_name(model),
        precision=precision,
        model_version=model_version(model),
        dimension=vectors.d,
        faiss_index=kind_of(vectors),
        file=f"faiss.{position}.index",
    )


def write_version(
    index_dir: Path,
    manifest: Manifest,
    documents: Sequence[Document],
    chunks: Sequence[Chunk],
    vectors: faiss.Index,
    *,
    extra_files: Mapping[str, bytes] | None = None,
    more_vectors: Sequence[faiss.Index] = (),
) -> str:
    """Write a complete new version, make it live, prune old ones; returns its id. Call under build_lock.
    ``documents`` are in doc-id order, ``chunks`` in chunk-id order, each chunk's text its document's
    ``text[start:end]`` (ValueError otherwise). ``extra_files`` (name -> bytes) are derived data stored
    beside the others, e.g. the BM25 index; ``more_vectors`` the vector sets of ``manifest.more_vectors``.

    Raises IndexUnwritableError (one line, with the space needed when the disk is full); the live version
    stays live and whole whatever fails.
    """
    import faiss

    index_dir = Path(index_dir)
    versions = index_dir / VERSIONS
    light, details = compact.documents_bytes(documents)
    columns, values = compact.chunks_bytes(chunks, documents)
    files = {
        compact.DOCUMENTS: light,
        compact.DETAILS: details,
        compact.CHUNKS: columns,
        compact.CHUNK_VALUES: values,
        FAISS_FILE: faiss.serialize_index(vectors).tobytes(),
        **{
            record.file: faiss.serialize_index(more).tobytes()
            for record, more in zip(manifest.more_vectors, more_vectors, strict=True)
        },
        **(extra_files or {}),
        MANIFEST: manifest.model_dump_json(indent=2).encode("utf-8"),
    }
    needed = int(sum(len(data) for data in files.values()) * SPACE_MARGIN) + 4096
    previous = current_version_id(index_dir)
    version_id = _new_version_id()
    tmp = versions / (TMP_PREFIX + version_id)
    try:
        versions.mkdir(parents=True, exist_ok=True)
        if _free_bytes(versions) < needed:  # make room: keep only the live version
            _prune(versions, keep={previous})
        free = _free_bytes(versions)
        if free < needed:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        tmp.mkdir()
        for name, data in files.items():
            _write_bytes(tmp / name, data)
        _fsync_dir(tmp)
        os.rename(tmp, versions / version_id)
        _fsync_dir(versions)
        current = index_dir / CURRENT
        if current.is_dir() and not current.is_symlink():  # damage: a directory where the pointer goes
            shutil.rmtree(current)
        pointer = index_dir / (CURRENT + ".tmp")
        _write_bytes(pointer, (version_id + "\n").encode("ascii"))
        os.replace(pointer, current)
        _fsync_dir(index_dir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if current_version_id(index_dir) != version_id:
            shutil.rmtree(versions / version_id, ignore_errors=True)
        raise IndexUnwritableError(index_dir, _write_failure(exc, needed, versions)) from None
    _prune(versions, keep={version_id, previous})
    return version_id


ScopeKey = tuple[int | None, int | None, str | None]


def spoken_bytes(spoken: Mapping[str, Sequence[ScopeKey]]) -> bytes:
    """The SPOKEN file of documents whose sentences are filed under these (round, batch, phase) scopes."""
    return json.dumps({doc_id: [list(key) for key in keys] for doc_id, keys in spoken.items()}).encode()


def learned_bytes(entries: Sequence[Inspection]) -> bytes:
    """The LEARNED file of a version whose articles announce the batches ``entries``."""
    return json.dumps([entry.model_dump(mode="json") for entry in entries], ensure_ascii=False).encode()


def _write_failure(exc: OSError, needed: int, versions: Path) -> str:
    """Why a write failed, in a few words; for a full disk, the space the version needs."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"the disk is full: the new version needs {_megabytes(needed)}, "
            f"{_megabytes(_free_bytes(versions))} is free; free some space and run it again"
        )
    return exc.strerror or str(exc)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def _free_bytes(path: Path) -> int:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return 0


def _new_version_id() -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{stamp}-{secrets.token_hex(3)}"


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
