"""Build or update the index from a documents directory: embed only what is new or changed."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.embedder import TextEmbedder, members
from index.facts import table as facts_table
from index.facts.analysis import DocumentView
from index.facts.columns import FactTable
from index.facts.table import FACTS, LEGACY_FACTS, Fact
from index.lexical import Lexical
from index.meta.announcements import learned_batches
from index.meta.calendar import Calendar, Inspection, load_calendar
from index.models import Chunk, Document
from index.scan import ScanError, scan_documents
from index.store import (
    FORMAT_VERSION,
    LEARNED,
    SPOKEN,
    WORDS,
    IndexVersion,
    ScopeKey,
    build_lock,
    current_manifest,
    embedding_text,
    learned_bytes,
    new_manifest,
    open_index,
    read_current,
    spoken_bytes,
    vector_set,
    write_version,
)
from index.stored_figures import encode as encode_figures
from index.stored_figures import figures_files
from index.text.chunking import make_chunks
from index.text.documents import read_document
from index.text.loaders import ArticleError, UnreadableError, content_hash, sidecar_path
from index.text.sentences import MAX_SENTENCE_CHARS
from index.vectors import kind_of as vector_kind
from index.vectors import update as update_vectors

DEFAULT_MAX_BYTES = 5_000_000
#: The version of the code that describes documents (metadata, scopes, dates, passages), recorded in each
#: index version's manifest. Raise it when that code changes what it reads: the next build then reads every
#: document again (keeping the vectors of passages that did not change), not only on --rebuild.
# 2: BM25 tokenised with Chinese words (index/lexical.py TOKENIZER_VERSION 2); 3: Chinese figures, dates,
# datelines and scopes read on folded text (index/text/chinese.py), the figure and scope fixes of 2026-12-01;
# 4: rectification and environment rates, per-province Chinese figures, detention kinds, zeros in words
# 7: facts: spelled numbers that count nothing, contact numbers, a province's population, each report
# stage's as-of, Chinese counting nouns (2026-12-01 night)
# 8: metadata: national yearly tallies and counted rounds, plans with look-backs to follow, dates from the
# address or file name, day.month.year headers, sidebar dates, team-list entries rejoined (2026-12-01 night)
# 9: metadata: a national tally with the country as its subject or given at a national work conference
# 10: a count dated from 'the Hebei ... inspection pilot' is a running total, not the pilot's
# 11: a generic Chinese counter carries its noun within one clause only (1ff09a7)
# 12: facts: a figure inside a total has its subset and total (其中处级以上…875人), a percentage its share_of
# 13: metadata: reviews of a year, policy pieces, the next round's plan, provinces' own inspections;
# dates from breadcrumbs, labels glued to headlines and yearless headers with the address's year
EXTRACTION_VERSION = 13


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
    learned: list[Inspection] = field(default_factory=list)  # batches announced that the calendar lacks
    redescribed: list[str] = field(default_factory=list)  # unchanged files read again by newer extraction


def build_index(
    documents_dir: Path,
    index_dir: Path,
    embedder: TextEmbedder,
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
        if not rebuild and read_current(index_dir) is not None:  # a damaged CURRENT: use --rebuild
            previous = open_index(
                index_dir, model=embedder.name, precision=getattr(embedder, "precision", "fp32")
            )
        known = previous.documents if previous else {}
        live = current_manifest(index_dir) if previous is None else None  # on --rebuild: who was indexed
        indexed = set(known) | set(live.document_hashes if live else ())
        redescribe = previous is not None and previous.manifest.extraction_version != EXTRACTION_VERSION
        try:
            documents = _read_documents(
                documents_dir, known, indexed, max_bytes, report.failed, reparse=redescribe
            )
        except ScanError as exc:
            raise BuildError(str(exc)) from None

        kept_chunks: list[Chunk] = []
        fresh: list[Document] = []
        refreshed: list[Chunk] = []
        for doc_id, doc in documents.items():
            old = known.get(doc_id)
            if old is not None and (old.content_hash, old.path, old.sentences) == (
                doc.content_hash,
                doc.path,
                doc.sentences,
            ):
                if redescribe and previous is not None:
                    chunks = _refreshed_chunks(doc, old, previous.chunks_of(doc_id))
                    if chunks is not None:
                        report.redescribed.append(doc_id)
                        refreshed += chunks
                        continue
                    report.updated.append(doc_id)
                    fresh.append(doc)
                    continue
                report.unchanged.append(doc_id)
                documents[doc_id] = old
            else:
                (report.updated if old is not None else report.added).append(doc_id)
                fresh.append(doc)
        report.removed = sorted(set(known) - set(documents))
        report.learned = learned_batches(documents.values())
        if previous is not None:
            stale = set(report.updated) | set(report.removed) | set(report.redescribed)
            kept_chunks = [chunk for chunk in previous.chunks if chunk.doc_id not in stale] + refreshed

        migrate = previous is not None and (
            previous.manifest.format_version != FORMAT_VERSION or not _derived_current(previous)
        )
        if previous is not None and not fresh and not report.removed and not redescribe and not migrate:
            report.version_id = previous.version_id
        else:
            report.version_id = _write(
                index_dir, embedder, previous, documents, kept_chunks, fresh, progress, report
            )
            report.wrote_version = True
    for names in (report.added, report.updated, report.unchanged, report.redescribed):
        names.sort()
    report.seconds = time.perf_counter() - started
    return report


def _write(
    index_dir: Path,
    embedder: TextEmbedder,
    previous: IndexVersion | None,
    documents: dict[str, Document],
    kept_chunks: list[Chunk],
    fresh: list[Document],
    progress: bool,
    report: BuildReport,
) -> str:
    """Chunk and embed the fresh documents, update the FAISS index and write a new version."""
    # Chunk ids only grow, across rebuilds too, so an id never names two different passages.
    manifest = previous.manifest if previous else current_manifest(index_dir)
    next_id = manifest.next_chunk_id if manifest else 0
    new_chunks: list[Chunk] = []
    for doc in fresh:
        chunks = make_chunks(doc, next_id)
        new_chunks.extend(chunks)
        if chunks:
            next_id = max(chunk.chunk_id for chunk in chunks) + 1

    dropped: list[int] = []
    if previous is not None:
        kept_ids = {chunk.chunk_id for chunk in kept_chunks}
        dropped = [chunk.chunk_id for chunk in previous.chunks if chunk.chunk_id not in kept_ids]
    texts = [embedding_text(chunk, documents[chunk.doc_id]) for chunk in new_chunks]
    ordered_docs = [documents[doc_id] for doc_id in sorted(documents)]
    all_chunks = sorted(kept_chunks + new_chunks, key=lambda chunk: chunk.chunk_id)
    # The model runs in native code that releases the GIL, so BM25 and the facts table are built while it
    # embeds (they need the passages, not their vectors): on a core it leaves idle, not after it.
    # Each vector set (one per model: two for the per-language setting) embeds the new passages only.
    models = members(embedder)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed") as pool:
        pending = pool.submit(_embedded, models, texts, progress) if texts else None
        lexical = Lexical.build(embedding_text(chunk, documents[chunk.doc_id]) for chunk in all_chunks)
        facts = _facts(previous, documents, all_chunks, fresh, report)  # with the stored figures
        spoken = _spoken(previous, documents, all_chunks, fresh, report)
        words = _words(previous, documents)
        embeddings = pending.result() if pending is not None else [None] * len(models)
    ids = np.asarray([chunk.chunk_id for chunk in new_chunks], dtype=np.int64)
    before = [index for _, index in previous.vector_sets] if previous else [None] * len(models)
    drop = np.asarray(dropped, np.int64)
    sets = [
        update_vectors(old, model.dimension if old is None else old.d, drop, new, ids)
        for model, old, new in zip(models, before, embeddings, strict=True)
    ]
    vectors, more = sets[0], sets[1:]
    report.embedded_chunks = len(new_chunks)
    manifest = new_manifest(
        models[0].name,
        vectors.d,
        ordered_docs,
        all_chunks,
        next_id,
        precision=getattr(models[0], "precision", "fp32"),
        faiss_index=vector_kind(vectors),
        extraction_version=EXTRACTION_VERSION,
        more_vectors=[
            vector_set(model.name, model.precision, index, position)
            for position, (model, index) in enumerate(zip(models[1:], more, strict=True), 1)
        ],
    )
    learned = learned_bytes(report.learned)
    extra = {**lexical.files, **facts, LEARNED: learned, SPOKEN: spoken, WORDS: words}
    return write_version(
        index_dir, manifest, ordered_docs, all_chunks, vectors, extra_files=extra, more_vectors=more
    )


def _embedded(models: tuple[TextEmbedder, ...], texts: list[str], progress: bool) -> list[np.ndarray]:
    """``texts`` embedded by each model, in order."""
    return [model.encode(texts, progress=progress) for model in models]


def _facts(
    previous: IndexVersion | None,
    documents: dict[str, Document],
    chunks: list[Chunk],
    fresh: list[Document],
    report: BuildReport,
) -> dict[str, bytes]:
    """The new version's facts table (index/facts/table.py) and its articles' figures
    (index/stored_figures.py), from one analysis of each article: the rows of documents unchanged since
    the previous version are taken from it, and so are their figures where this code analysed them;
    those of new and changed documents are computed."""
    kept_rows = None
    if previous is not None and any((previous.path / name).is_file() for name in (FACTS, LEGACY_FACTS)):
        kept_rows = previous.facts.of_documents()
    stored = previous.stored_figures if previous is not None and previous.stored_figures.current() else None
    changed = {doc.doc_id for doc in fresh} | set(report.redescribed)
    calendar = load_calendar(report.learned)
    by_doc: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_doc.setdefault(chunk.doc_id, []).append(chunk)
    rows: list[Fact] = []
    figures: list[tuple[str, str, bytes]] = []
    for doc_id in sorted(documents):
        document, unchanged = documents[doc_id], doc_id not in changed
        own = kept_rows.get(doc_id, []) if kept_rows is not None and unchanged else None
        record = stored.record(doc_id, document.content_hash) if stored is not None and unchanged else None
        passages = by_doc.get(doc_id, [])
        view = DocumentView(document, passages, calendar)
        rows += own if own is not None else document_facts(document, passages, calendar, view)
        if record is None:
            record = sentence_figures(view)
        figures.append((doc_id, document.content_hash, record))
    return {FACTS: ranked_facts_bytes(rows), **figures_files(figures)}


def document_facts(
    document: Document,
    chunks: list[Chunk],
    calendar: Calendar | None = None,
    view: DocumentView | None = None,
) -> list[Fact]:
    """The rows of one new or changed article: index.facts.table.document_facts, looked up in that module
    when called (as build_facts did before the builder analysed each article itself), so that what
    replaces it there (a test counting the articles analysed) is what a build uses."""
    return facts_table.document_facts(document, chunks, calendar, view)


def sentence_figures(view: DocumentView) -> bytes:
    """The stored-figures record (index/stored_figures.py) of ``view``'s article: each sentence's figures."""
    return encode_figures({i: view.facts(i) for i in range(len(view.document.sentences))})


def ranked_facts_bytes(rows: Iterable[Fact]) -> bytes:
    """The facts file of ``rows``, with each row's rank in the engine's order of the rows that may give a
    figure (stored so that no serving process works it out)."""
    from bot.engine.aggregate import preference_key, preference_ranks  # the engine's order, once per build

    table = FactTable.of(rows)
    return table.ranked_bytes(preference_key(), preference_ranks(table))


def _spoken(
    previous: IndexVersion | None,
    documents: dict[str, Document],
    chunks: list[Chunk],
    fresh: list[Document],
    report: BuildReport,
) -> bytes:
    """The new version's SPOKEN file: the sentence scopes of documents unchanged since the previous
    version taken from it, those of new and changed documents read."""
    reuse = previous.spoken_by_document() if previous is not None else {}
    changed = {doc.doc_id for doc in fresh} | set(report.redescribed)
    calendar = load_calendar(report.learned)
    by_doc: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_doc.setdefault(chunk.doc_id, []).append(chunk)
    spoken = {}
    for doc_id in sorted(documents):
        kept = None if doc_id in changed else reuse.get(doc_id)
        if kept is None:
            kept = spoken_scopes(documents[doc_id], by_doc.get(doc_id, []), calendar)
        spoken[doc_id] = kept
    return spoken_bytes(spoken)


def _derived_current(version: IndexVersion) -> bool:
    """True when what ``version`` stores for the engine (its articles' words, its facts rows' ranks, their
    sentences' figures) was worked out by this code (else a build writes a new version even when no
    article changed)."""
    from bot.engine.aggregate import preference_key
    from bot.engine.vocabulary import CountedWords

    if CountedWords.stored(version.stored_words()) is None or not version.stored_figures.current():
        return False
    return version.facts.stored_ranks(preference_key()) is not None


def _words(previous: IndexVersion | None, documents: dict[str, Document]) -> bytes:
    """The new version's WORDS file: the previous version's counts updated for the articles added,
    changed and removed (all articles counted when it has none, or none this code wrote)."""
    from bot.engine.vocabulary import counted_words  # the engine's words, counted once per build

    if previous is None:
        return counted_words(documents, None, None)
    return counted_words(documents, previous.documents, previous.stored_words())


def spoken_scopes(document: Document, chunks: list[Chunk], calendar: Calendar) -> list[ScopeKey]:
    """The distinct (round, batch, phase) scopes of ``document``'s sentences (index/facts/analysis.py), in
    inspection order."""
    scopes = DocumentView(document, chunks, calendar).scopes
    keys = {(s.round, s.batch, s.phase) for s in scopes}
    return sorted(keys, key=lambda key: tuple(str(part) for part in key))


def _refreshed_chunks(doc: Document, old: Document, before: list[Chunk]) -> list[Chunk] | None:
    """The passages of ``doc``, re-described by newer extraction code, under the ids of ``old``'s passages
    ``before`` (by chunk id; their vectors still hold: the same passages under the same title), or None
    when the passages or the title changed and must be embedded again."""
    after = make_chunks(doc, 0)
    spans = [(c.start, c.end) for c in after]
    if doc.meta.title != old.meta.title or spans != [(c.start, c.end) for c in before]:
        return None
    return [
        new.model_copy(update={"chunk_id": kept.chunk_id}) for new, kept in zip(after, before, strict=True)
    ]


def article_files(documents_dir: Path) -> list[Path]:
    """Candidate article files under ``documents_dir`` (recursive; hidden files and sidecars left out)."""
    return [documents_dir / relative for relative in scan_documents(documents_dir).files]


def _read_documents(
    documents_dir: Path,
    known: dict[str, Document],
    indexed: set[str],
    max_bytes: int,
    failed: list[tuple[str, str]],
    *,
    reparse: bool = False,
) -> dict[str, Document]:
    """Read every article; record what cannot be read, entries that cannot be articles and duplicates in
    ``failed``.

    A file whose raw bytes still hash to its indexed document's content hash is not parsed again: the
    indexed document is kept (unless an older splitter left sentences over the cap). A file or folder
    that cannot be read now keeps its indexed documents (reported). With ``reparse`` (the index was described
    by older extraction code) every file is read again. Already-indexed documents (``indexed``
    ids, also on a rebuild) come first so that, of two identical files, the indexed one stays.
    """
    known_by_path = {doc.path: doc for doc in known.values()}
    scan = scan_documents(documents_dir)
    documents: dict[str, Document] = {}
    by_text: dict[str, str] = {}

    def add(doc: Document, relative: str) -> None:
        if doc.doc_id in documents:
            failed.append((relative, f"same document id as {documents[doc.doc_id].path}"))
            return
        text_key = hashlib.sha256(" ".join(doc.text.split()).encode("utf-8")).hexdigest()
        if text_key in by_text:
            failed.append((relative, f"duplicate of {documents[by_text[text_key]].path}"))
            return
        by_text[text_key] = doc.doc_id
        documents[doc.doc_id] = doc

    for relative, reason in scan.skipped:
        kept = (
            [doc for doc in known.values() if doc.path.startswith(relative)] if relative.endswith("/") else []
        )
        for doc in kept:  # a folder that cannot be read now: its documents stay as indexed
            add(doc, doc.path)
        failed.append((relative, f"{reason}; its {len(kept)} indexed documents are kept" if kept else reason))
    files = sorted(
        scan.files,
        key=lambda relative: (relative not in known_by_path, Path(relative).stem not in indexed),
    )
    for relative in files:
        path = documents_dir / relative
        old = known_by_path.get(relative)
        may_have_sidecar = relative.rpartition("/")[0] in scan.sidecar_dirs
        if (
            old is not None
            and not reparse
            and old.doc_id == path.stem
            and all(end - start <= MAX_SENTENCE_CHARS for start, end in old.sentences)
            and _same_content(path, old, max_bytes, may_have_sidecar)
        ):
            doc = old
        else:
            try:
                doc = read_document(path, documents_dir, max_bytes)
            except UnreadableError as exc:
                if old is None:
                    failed.append((relative, exc.reason))
                    continue
                failed.append((relative, f"{exc.reason}; its indexed version is kept"))
                doc = old
            except ArticleError as exc:
                failed.append((relative, exc.reason))
                continue
            except OSError as exc:
                failed.append((relative, exc.strerror or str(exc)))
                continue
        add(doc, relative)
    return documents


def _same_content(path: Path, old: Document, max_bytes: int, may_have_sidecar: bool) -> bool:
    """Whether the file at ``path`` still fits ``max_bytes`` and hashes to ``old.content_hash``: the
    hash :func:`index.text.loaders.load_article` computes over the raw bytes and the sidecar's, so an
    unchanged file need not be decoded, described and split again."""
    try:
        if path.stat().st_size > max_bytes:
            return False
        sidecar = sidecar_path(path) if may_have_sidecar else None
        digest = content_hash(path.read_bytes(), sidecar.read_bytes() if sidecar is not None else b"")
    except OSError:
        return False
    return digest == old.content_hash
