"""The compact stored form of an index version's documents and passages, read without validation.

Every value was validated by pydantic when the builder made it, so a version is read back by assembling
the models directly (``assemble``), never validating row by row:

    documents.jsonl        one JSON object a document: the Document without its metadata's detail fields
                           (index/models.py DETAIL_FIELDS), plus ``details``: [start, end) of them in
    details.jsonl          the detail fields, one JSON object a document, read on first use through a
                           memory map (an article's evidence and events: most of the metadata's size)
    chunks.npy             the passages as columns (CHUNK_COLUMNS, int32/int64), sorted by chunk id; a
                           passage's text is its document's text[start:end], so it is not stored again
    chunks.values.json     the distinct scopes, province lists and as-of strings the columns refer to

A passage's Chunk is made when it is read (``ChunkTable``) and not kept, so serving holds small arrays,
not hundreds of thousands of models.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import mmap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TypeVar, overload

import numpy as np
from pydantic import BaseModel

from index.models import DETAIL_FIELDS, Chunk, Document, DocumentMeta, InspectionScope, MetaDetails

DOCUMENTS = "documents.jsonl"
DETAILS = "details.jsonl"
CHUNKS = "chunks.npy"
CHUNK_VALUES = "chunks.values.json"
CHUNK_COLUMNS = np.dtype(
    [
        ("chunk_id", "<i8"),
        ("doc", "<i4"),  # the document's line in documents.jsonl
        ("start", "<i4"),
        ("end", "<i4"),
        ("sentence_start", "<i4"),
        ("sentence_end", "<i4"),
        ("scope", "<i4"),  # index into the scopes of chunks.values.json
        ("provinces", "<i4"),  # index into its province lists
        ("as_of", "<i4"),  # index into its as-of strings, -1 for none
    ]
)
_BLOCK = 4096  # rows converted to Python at a time when iterating

M = TypeVar("M", bound=BaseModel)
_FIELDS_SET: dict[type, set[str]] = {}


def assemble(cls: type[M], values: dict[str, Any], private: dict[str, Any] | None = None) -> M:
    """An instance of ``cls`` holding ``values`` (already of the fields' types), without validation.

    All instances of a class share one fields-set object (every field counts as set), which keeps a
    model to its values' size."""
    fields = _FIELDS_SET.get(cls)
    if fields is None:
        fields = _FIELDS_SET[cls] = set(cls.model_fields)
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", fields)
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", private)
    return obj


def assemble_all(cls: type[M], rows: Iterable[dict[str, Any]]) -> list[M]:
    """``assemble(cls, values)`` of each of ``rows`` (no private values), its lookups made once."""
    fields = _FIELDS_SET.get(cls)
    if fields is None:
        fields = _FIELDS_SET[cls] = set(cls.model_fields)
    new, set_ = cls.__new__, object.__setattr__
    made = []
    for values in rows:
        obj = new(cls)
        set_(obj, "__dict__", values)
        set_(obj, "__pydantic_fields_set__", fields)
        set_(obj, "__pydantic_extra__", None)
        set_(obj, "__pydantic_private__", None)
        made.append(obj)
    return made


class Interned:
    """Equal values made once and shared: scopes, province lists, outlets (read-only by convention)."""

    def __init__(self) -> None:
        self._scopes: dict[tuple[Any, ...], InspectionScope] = {}
        self._lists: dict[tuple[str, ...], list[str]] = {}
        self._strings: dict[str, str] = {}
        self._dates: dict[str, dt.date] = {}

    def scope(self, round_: int | None, batch: int | None, phase: str | None) -> InspectionScope:
        """The shared InspectionScope of these values."""
        key = (round_, batch, phase)
        scope = self._scopes.get(key)
        if scope is None:
            scope = self._scopes[key] = assemble(
                InspectionScope, {"round": round_, "batch": batch, "phase": phase}
            )
        return scope

    def names(self, values: Iterable[str]) -> list[str]:
        """The shared list of these names."""
        key = tuple(values)
        found = self._lists.get(key)
        if found is None:
            found = self._lists[key] = [self.string(value) for value in key]
        return found

    def date(self, value: str) -> dt.date:
        """The shared date of an ISO date string."""
        found = self._dates.get(value)
        if found is None:
            found = self._dates[value] = dt.date.fromisoformat(value)
        return found

    def string(self, value: str) -> str:
        """The shared copy of ``value``."""
        return self._strings.setdefault(value, value)


# -- documents ---------------------------------------------------------------------------------------


def documents_bytes(documents: Sequence[Document]) -> tuple[bytes, bytes]:
    """The contents of documents.jsonl and details.jsonl for ``documents`` (in that order). The detail
    fields of a stored document not read yet are copied as stored, not parsed."""
    light, details = io.BytesIO(), io.BytesIO()
    for doc in documents:
        detail = _detail_bytes(doc.meta)
        start = details.tell()
        details.write(detail)
        details.write(b"\n")
        light.write(json.dumps(_light_row(doc, (start, start + len(detail))), ensure_ascii=False).encode())
        light.write(b"\n")
    return light.getvalue(), details.getvalue()


def _detail_bytes(meta: DocumentMeta) -> bytes:
    source = meta.details_pending()
    if isinstance(source, _StoredDetails):
        return source.raw()
    values = {name: meta.__dict__[name] for name in DETAIL_FIELDS}
    return MetaDetails.model_construct(**values).model_dump_json().encode()


def _light_row(doc: Document, details: tuple[int, int]) -> dict[str, Any]:
    meta = doc.meta.__dict__  # never the detail fields: they are not read for this
    scope = meta["scope"]
    return {
        "doc_id": doc.doc_id,
        "path": doc.path,
        "content_hash": doc.content_hash,
        "meta": {
            "title": meta["title"],
            "source": meta["source"],
            "date": meta["date"].isoformat() if meta["date"] else None,
            "url": meta["url"],
            "scope": {"round": scope.round, "batch": scope.batch, "phase": scope.phase},
            "provinces": meta["provinces"],
            "enterprises": meta["enterprises"],
            "as_of": meta["as_of"],
        },
        "text": doc.text,
        "sentences": doc.sentences,
        "details": details,
    }


class DetailsFile:
    """details.jsonl of one version, memory-mapped (only the rows read are paged in)."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as handle:
            size = path.stat().st_size
            self._data: mmap.mmap | bytes = (
                mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
            )

    def raw(self, start: int, end: int) -> bytes:
        """The stored bytes of one document's detail fields."""
        if not 0 <= start <= end <= len(self._data):
            raise ValueError(f"{DETAILS}: a row reaches past the file")
        return bytes(self._data[start:end])

    def __deepcopy__(self, memo: dict[int, Any]) -> DetailsFile:
        return self  # read-only: copies of a document share it


class _StoredDetails:
    """One document's detail fields in a DetailsFile (models.DetailSource)."""

    __slots__ = ("end", "file", "start")

    def __init__(self, file: DetailsFile, start: int, end: int) -> None:
        self.file, self.start, self.end = file, start, end

    def raw(self) -> bytes:
        return self.file.raw(self.start, self.end)

    def read(self) -> dict[str, Any]:
        return dict(MetaDetails.model_validate_json(self.raw()).__dict__)

    def __deepcopy__(self, memo: dict[int, Any]) -> _StoredDetails:
        return self


def read_documents(light: Path, details: Path, interned: Interned) -> list[Document]:
    """The documents of a version, in file order, their detail fields left to be read on first use.
    Raises ValueError (or OSError) when a file is malformed."""
    file = DetailsFile(details)
    documents = []
    with light.open("rb") as handle:
        for line in handle:
            if line.strip():
                documents.append(_document(json.loads(line), file, interned))
    return documents


def _document(row: dict[str, Any], file: DetailsFile, interned: Interned) -> Document:
    try:
        meta, (start, end) = row["meta"], row["details"]
        scope = meta["scope"]
        date = meta["date"]
        values = {
            "title": meta["title"],
            "source": interned.string(meta["source"]) if meta["source"] else None,
            "date": interned.date(date) if date else None,
            "url": meta["url"],
            "scope": interned.scope(scope["round"], scope["batch"], scope["phase"]),
            "provinces": interned.names(meta["provinces"]),
            "enterprises": interned.names(meta["enterprises"]),
            "as_of": meta["as_of"],
        }
        private = {"_details": _StoredDetails(file, int(start), int(end))}
        return assemble(
            Document,
            {
                "doc_id": row["doc_id"],
                "path": row["path"],
                "content_hash": row["content_hash"],
                "meta": assemble(DocumentMeta, values, private),
                "text": row["text"],
                "sentences": [(int(s), int(e)) for s, e in row["sentences"]],
            },
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{DOCUMENTS}: a row lacks {exc}") from None


# -- passages ----------------------------------------------------------------------------------------


def chunks_bytes(chunks: Sequence[Chunk], documents: Sequence[Document]) -> tuple[bytes, bytes]:
    """The contents of chunks.npy and chunks.values.json for ``chunks`` (sorted by chunk id) of
    ``documents`` (in documents.jsonl order). Raises ValueError for a chunk whose text is not its
    document's ``text[start:end]`` (the text is not stored) or for chunks out of id order."""
    line_of = {doc.doc_id: i for i, doc in enumerate(documents)}
    scopes: dict[tuple[Any, ...], int] = {}
    lists: dict[tuple[str, ...], int] = {}
    as_ofs: dict[str, int] = {}
    rows = np.zeros(len(chunks), dtype=CHUNK_COLUMNS)
    for i, chunk in enumerate(chunks):
        scope, line = chunk.scope, line_of[chunk.doc_id]
        if documents[line].text[chunk.start : chunk.end] != chunk.text:
            raise ValueError(f"chunk {chunk.chunk_id} is not the text of its document at its offsets")
        rows[i] = (
            chunk.chunk_id,
            line,
            chunk.start,
            chunk.end,
            chunk.sentence_start,
            chunk.sentence_end,
            scopes.setdefault((scope.round, scope.batch, scope.phase), len(scopes)),
            lists.setdefault(tuple(chunk.provinces), len(lists)),
            -1 if chunk.as_of is None else as_ofs.setdefault(chunk.as_of, len(as_ofs)),
        )
    if len(rows) > 1 and not (np.diff(rows["chunk_id"]) > 0).all():
        raise ValueError("chunks must be sorted by chunk id, each id once")
    columns = io.BytesIO()
    np.save(columns, rows, allow_pickle=False)
    values = {
        "scopes": [list(key) for key in scopes],
        "provinces": [list(key) for key in lists],
        "as_of": list(as_ofs),
    }
    return columns.getvalue(), json.dumps(values, ensure_ascii=False).encode()


class ChunkOutline(NamedTuple):
    """What filters and facets read of a passage, without its text (cheap to make for every passage)."""

    chunk_id: int
    doc_id: str
    scope: InspectionScope
    provinces: list[str]
    as_of: str | None


class ChunkTable(Sequence[Chunk]):
    """The passages of a version as columns; each Chunk is made when read (its text sliced from its
    document's) and not kept. Sorted by chunk id."""

    def __init__(
        self,
        rows: np.ndarray,
        documents: Sequence[Document],
        scopes: Sequence[InspectionScope],
        provinces: Sequence[list[str]],
        as_of: Sequence[str],
    ) -> None:
        self._rows = rows
        self._documents = documents
        self._scopes, self._provinces, self._as_of = scopes, provinces, as_of
        self.ids = rows["chunk_id"]
        order = np.argsort(rows["doc"], kind="stable")  # positions grouped by document, ids ascending
        self._by_doc = order
        self._doc_bounds = np.searchsorted(rows["doc"][order], np.arange(len(documents) + 1))
        self._doc_line = {doc.doc_id: i for i, doc in enumerate(documents)}

    @classmethod
    def read(
        cls, columns: Path, values: Path, documents: Sequence[Document], interned: Interned
    ) -> ChunkTable:
        """The table stored in ``columns`` / ``values`` over ``documents`` (documents.jsonl order);
        raises ValueError when the files are malformed or disagree with the documents."""
        return cls._load(np.load(columns, allow_pickle=False), values.read_bytes(), documents, interned)

    @classmethod
    def of(cls, chunks: Iterable[Chunk], documents: Sequence[Document]) -> ChunkTable:
        """The table of ``chunks`` (validated models, e.g. read from an older format) over ``documents``."""
        ordered = sorted(chunks, key=lambda chunk: chunk.chunk_id)
        columns, values = chunks_bytes(ordered, documents)
        return cls._load(np.load(io.BytesIO(columns), allow_pickle=False), values, documents, Interned())

    @classmethod
    def _load(
        cls, rows: np.ndarray, values: bytes, documents: Sequence[Document], interned: Interned
    ) -> ChunkTable:
        if rows.dtype != CHUNK_COLUMNS or rows.ndim != 1:
            raise ValueError(f"{CHUNKS}: not the passage columns")
        table = json.loads(values)
        scopes = [interned.scope(*scope) for scope in table["scopes"]]
        provinces = [interned.names(names) for names in table["provinces"]]
        as_of = [str(value) for value in table["as_of"]]
        _check(rows, documents, len(scopes), len(provinces), len(as_of))
        return cls(rows, documents, scopes, provinces, as_of)

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Chunk: ...

    @overload
    def __getitem__(self, index: slice) -> list[Chunk]: ...

    def __getitem__(self, index: int | slice) -> Chunk | list[Chunk]:
        if isinstance(index, slice):
            return [self._chunk(row) for row in self._rows[index].tolist()]
        return self._chunk(self._rows[index].item())

    def __iter__(self) -> Iterator[Chunk]:
        for begin in range(0, len(self._rows), _BLOCK):
            for row in self._rows[begin : begin + _BLOCK].tolist():
                yield self._chunk(row)

    def _chunk(self, row: tuple[int, ...]) -> Chunk:
        chunk_id, line, start, end, sentence_start, sentence_end, scope, provinces, as_of = row
        doc = self._documents[line]
        return assemble(
            Chunk,
            {
                "chunk_id": chunk_id,
                "doc_id": doc.doc_id,
                "start": start,
                "end": end,
                "sentence_start": sentence_start,
                "sentence_end": sentence_end,
                "text": doc.text[start:end],
                "scope": self._scopes[scope],
                "provinces": self._provinces[provinces],
                "as_of": None if as_of < 0 else self._as_of[as_of],
            },
        )

    def outline(self) -> list[ChunkOutline]:
        """Every passage's outline, in table order: what building per-passage arrays needs, at a
        fraction of the cost of making every Chunk."""
        doc_ids = [doc.doc_id for doc in self._documents]
        rows = self._rows
        return [
            ChunkOutline(
                chunk_id,
                doc_ids[line],
                self._scopes[scope],
                self._provinces[provinces],
                None if as_of < 0 else self._as_of[as_of],
            )
            for chunk_id, line, scope, provinces, as_of in zip(
                rows["chunk_id"].tolist(),
                rows["doc"].tolist(),
                rows["scope"].tolist(),
                rows["provinces"].tolist(),
                rows["as_of"].tolist(),
                strict=True,
            )
        ]

    def position(self, chunk_id: int) -> int | None:
        """The row of ``chunk_id``, or None when the table has no such passage."""
        i = int(np.searchsorted(self.ids, chunk_id))
        return i if i < len(self.ids) and int(self.ids[i]) == chunk_id else None

    def of_document(self, doc_id: str) -> list[Chunk]:
        """The passages of one document, by chunk id ([] for an unknown document)."""
        line = self._doc_line.get(doc_id)
        if line is None:
            return []
        positions = self._by_doc[self._doc_bounds[line] : self._doc_bounds[line + 1]]
        return [self._chunk(row) for row in self._rows[positions].tolist()]


class ChunksById(Mapping[int, Chunk]):
    """A ChunkTable looked up by chunk id."""

    def __init__(self, table: ChunkTable) -> None:
        self._table = table

    def __getitem__(self, chunk_id: int) -> Chunk:
        position = self._table.position(chunk_id)
        if position is None:
            raise KeyError(chunk_id)
        return self._table[position]

    def __contains__(self, chunk_id: object) -> bool:
        return isinstance(chunk_id, int) and self._table.position(chunk_id) is not None

    def __iter__(self) -> Iterator[int]:
        return iter(self._table.ids.tolist())

    def __len__(self) -> int:
        return len(self._table)


def _check(rows: np.ndarray, documents: Sequence[Document], scopes: int, lists: int, as_ofs: int) -> None:
    """Raise ValueError when a passage names an unknown document or value, does not fit its document's
    text, or an id is out of order or repeated."""
    if not len(rows):
        return
    lines = rows["doc"]
    if lines.min() < 0 or lines.max() >= len(documents):
        raise ValueError("a passage names an unknown document")
    lengths = np.fromiter((len(doc.text) for doc in documents), dtype=np.int64, count=len(documents))
    start, end = rows["start"], rows["end"]
    bad = (start < 0) | (start >= end) | (end > lengths[lines])
    if bad.any():
        raise ValueError(f"chunk {int(rows['chunk_id'][np.argmax(bad)])} does not fit its document")
    if len(rows) > 1 and not (np.diff(rows["chunk_id"]) > 0).all():
        raise ValueError("passages out of chunk-id order or listed twice")
    for name, count in (("scope", scopes), ("provinces", lists)):
        if rows[name].min() < 0 or rows[name].max() >= count:
            raise ValueError(f"a passage names an unknown {name}")
    if rows["as_of"].min() < -1 or rows["as_of"].max() >= as_ofs:
        raise ValueError("a passage names an unknown as-of")


# -- facts -------------------------------------------------------------------------------------------


_FACT_STRINGS = ("doc_id", "metric", "unit", "qualifier", "inspection", "place", "place_kind", "as_of")


def read_facts(path: Path) -> list[Any]:
    """The facts table's rows (index/facts/table.py Fact) of a format-3 version's facts.jsonl (before the
    columns of index/facts/columns.py), assembled without validation; a row not of the current fields is
    validated."""
    from index.facts.table import Fact

    fields = list(Fact.model_fields)
    interned = Interned()
    rows = []
    with path.open("rb") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            if list(row) != fields:
                rows.append(Fact.model_validate(row))
                continue
            # A fresh dict keyed by the field names themselves: json.loads makes new key strings for
            # every row (~1 KB a row of the 16-field table).
            values = {name: row[name] for name in fields}
            scope = values["scope"]
            values["scope"] = interned.scope(scope["round"], scope["batch"], scope["phase"])
            values["published"] = interned.date(values["published"]) if values["published"] else None
            for name in _FACT_STRINGS:
                if values[name] is not None:
                    values[name] = interned.string(values[name])
            rows.append(assemble(Fact, values))
    return rows
