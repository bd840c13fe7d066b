"""The figures of every sentence of a version's articles (index/facts/figures.py ``analyse_sentence``),
analysed once per build and stored in the version: a serving process reads a retrieved article's figures
instead of analysing its sentences again (at 100,000 articles nearly every question retrieves articles no
question retrieved before).

Two files: FIGURES_INDEX (JSON: ``key``, the digest of the analysing code, and per document its content
hash and the [offset, length] of its record) and FIGURES (the records end to end, each one document's
figures sentence by sentence as zlib-compressed JSON, memory-mapped when read: a process decodes only the
documents it retrieves). Figures stored by other analysing code than the running one, or for another text
of a document, are not used: its sentences are analysed afresh, so both paths give the same figures. A
version written before these files reads as before, and the next build stores them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import mmap
import re
import sys
import threading
import zlib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from index.facts.figures import FigureFact
from index.facts.numbers import Figure

FIGURES = "figures.bin"
FIGURES_INDEX = "figures.json"
_ROOT = Path(__file__).resolve().parent.parent  # the project root, where index/ and bot/ are
_PROJECT = ("index", "bot")
_FIGURE_FIELDS = tuple(f.name for f in dataclasses.fields(Figure))
_FACT_FIELDS = tuple(f.name for f in dataclasses.fields(FigureFact) if f.name != "figure")

SentenceFigures = dict[int, list[FigureFact]]  # sentence index -> its figures, as analyse_sentence gives


@cache
def figures_key() -> str:
    """A digest of the code that analyses a sentence's figures and stores them: this module (the records'
    format), index/facts/figures.py and every project module they import, directly or not, and the release
    of each other package they import."""
    digest = hashlib.sha256()
    for name, path in sorted(_closure("index.stored_figures").items()):
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path else _release(name)) + b"\0")
    return digest.hexdigest()[:16]


def _closure(module: str) -> dict[str, Path | None]:
    """The project modules ``module`` imports, directly or not, with their files (itself included), and
    the top-level names of the other packages they import, outside the standard library (None)."""
    found: dict[str, Path | None] = {}
    todo = [module]
    while todo:
        name = todo.pop()
        path = _source(name)
        if path is None:
            top = name.split(".")[0]
            if top not in sys.stdlib_module_names and top != "__future__" and top not in _PROJECT:
                found[top] = None
            continue
        if name in found:
            continue
        found[name] = path
        for match in _IMPORT.finditer(path.read_text(encoding="utf-8")):
            if match["module"]:
                todo += [part.split()[0] for part in match["module"].split(",") if part.strip()]
                continue
            package = match["package"]
            names = re.sub(r"#[^\n]*", "", match["names"]).replace("(", " ").replace(")", " ")
            todo += [package, *(f"{package}.{part.split()[0]}" for part in names.split(",") if part.strip())]
    return found


# "import a, b", "from a.b import c, d", "from a import (\n    c,\n    d,\n)" at the start of a line (the
# project imports absolutely)
_IMPORT = re.compile(
    r"^[ \t]*(?:import[ \t]+(?P<module>[\w., \t]+)|from[ \t]+(?P<package>\w[\w.]*)[ \t]+import[ \t]+"
    r"(?P<names>\([^)]*\)|[^\n]*))",
    re.MULTILINE,
)


def _source(module: str) -> Path | None:
    """The file of a project module (None for another package's)."""
    if module.split(".")[0] not in _PROJECT:
        return None
    base = _ROOT.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _release(package: str) -> bytes:
    try:
        return importlib.metadata.version(package).encode()
    except importlib.metadata.PackageNotFoundError:
        return b"not installed"


def figures_files(documents: Iterable[tuple[str, str, bytes]]) -> dict[str, bytes]:
    """FIGURES and FIGURES_INDEX for ``documents``, each (doc id, content hash, its record: ``encode``d,
    or as another version stored it, ``StoredFigures.record``)."""
    records = bytearray()
    index: dict[str, list[Any]] = {}
    for doc_id, content_hash, record in documents:
        index[doc_id] = [content_hash, len(records), len(record)]
        records += record
    header = {"key": figures_key(), "documents": index}
    return {FIGURES: bytes(records), FIGURES_INDEX: json.dumps(header).encode("utf-8")}


def encode(figures: Mapping[int, list[FigureFact]]) -> bytes:
    """One document's record: its sentences' figures (sentences without any left out) as JSON, zlib'd."""
    rows = [[i, [_fact_row(fact) for fact in facts]] for i, facts in sorted(figures.items()) if facts]
    return zlib.compress(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _fact_row(fact: FigureFact) -> list[Any]:
    figure = [getattr(fact.figure, name) for name in _FIGURE_FIELDS]
    return [figure, *(getattr(fact, name) for name in _FACT_FIELDS)]


def decode(record: bytes, sentences: int) -> SentenceFigures:
    """The figures of each of a document's ``sentences`` sentences from its record (an empty list for a
    sentence without any)."""
    figures: SentenceFigures = {i: [] for i in range(sentences)}
    for i, rows in json.loads(zlib.decompress(record)):
        figures[i] = [
            FigureFact(Figure(*figure), *(tuple(v) if isinstance(v, list) else v for v in rest))
            for figure, *rest in rows
        ]
    return figures


class StoredFigures:
    """A version's stored figures, read on demand; ``of`` gives None where they cannot be used."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._index: dict[str, list[Any]] | None = None
        self._key: str | None = None
        self._records: mmap.mmap | bytes | None = None

    def _open(self) -> dict[str, list[Any]]:
        with self._lock:
            if self._index is None:
                index_path, records_path = self._path / FIGURES_INDEX, self._path / FIGURES
                if not (index_path.is_file() and records_path.is_file()):
                    self._index = {}
                    return self._index
                header = json.loads(index_path.read_bytes())
                self._key = header.get("key")
                with records_path.open("rb") as handle:
                    size = records_path.stat().st_size
                    self._records = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
                self._index = header.get("documents", {})
        return self._index

    @property
    def key(self) -> str | None:
        """The digest of the code that analysed the stored figures (None without them)."""
        self._open()
        return self._key

    def current(self) -> bool:
        """True when the figures are stored and were analysed by the running code."""
        return self.key == figures_key()

    def record(self, doc_id: str, content_hash: str) -> bytes | None:
        """The stored record of one document as it is (for a build keeping an unchanged article's), None
        when none is stored for that text."""
        entry = self._open().get(doc_id)
        if entry is None or entry[0] != content_hash or self._records is None:
            return None
        return bytes(self._records[entry[1] : entry[1] + entry[2]])

    def of(self, doc_id: str, content_hash: str, sentences: int) -> SentenceFigures | None:
        """The figures of each sentence of one document, None when the running code did not store them
        for this text (the caller analyses the sentences)."""
        if not self.current():
            return None
        record = self.record(doc_id, content_hash)
        return decode(record, sentences) if record is not None else None
