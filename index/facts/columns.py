"""The facts table as columns: one numpy row a figure, the strings stored once, a Fact made when a row is
read (the rows of index/facts/table.py).

At 100,000 articles the table has over 500,000 rows; held as Fact models they take ~400 MB, as columns
~50 MB. A version stores the columns in one file (``facts.npz``):

    rows      one a figure, in table order; a column per field of Fact: numbers as they are, every other
              value as a code into its field's distinct values (-1: None); the phrase as its
              [phrase_start, phrase_end) in ``phrases``
    phrases   the phrases as written, UTF-8, end to end
    values    JSON: each coded field's distinct values (scopes as [round, batch, phase], dates in ISO)
    ranks     (from 2026-12-01) each row's rank in the order the engine prefers the rows that may give a
              figure (bot/engine/aggregate.py ``preference_ranks``), under ``ranks_key``, the digest of
              the code that ranked them: a table without them, or ranked by other code, is ranked on use

The columns follow Fact's fields (``COLUMNS``), so a field added to Fact is stored without a change here;
a file written before a field with a default existed reads that default.

Questions across inspections read the rows of one metric and inspection (``FactTable.grouped``): the
groups are found with numpy over the codes, and a group's Facts are made when it is asked for and kept
for the few groups asked last.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
import types
import typing
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, overload

import numpy as np

from index.compact import Interned, assemble_all
from index.facts.table import Fact
from index.models import InspectionScope

Kind = Literal["int", "float", "scope", "date", "text", "phrase"]
# Facts kept made, in the groups asked last (~750 bytes each: ~45 MB; every group of 10,000 articles fits)
GROUP_CACHE_ROWS = 60_000
_BLOCK = 4096  # rows made at a time when iterating
_PHRASE = ("phrase_start", "phrase_end")


def _kind(name: str, annotation: Any) -> Kind:
    """How a Fact field is stored: numbers as such, the phrase in the phrase bytes, the rest coded."""
    if name == "phrase":
        return "phrase"
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    is_union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    base = args[0] if is_union and len(args) == 1 else annotation
    if base is int:
        return "int"
    if base is float:
        return "float"
    if base is InspectionScope:
        return "scope"
    if base is dt.date:
        return "date"
    return "text"


FIELDS: dict[str, Kind] = {name: _kind(name, field.annotation) for name, field in Fact.model_fields.items()}
CODED = tuple(name for name, kind in FIELDS.items() if kind in ("scope", "date", "text"))
COLUMNS = np.dtype(
    [
        (column, "<i8" if kind in ("int", "phrase") else "<f8" if kind == "float" else "<i4")
        for name, kind in FIELDS.items()
        for column in (_PHRASE if kind == "phrase" else (name,))
    ]
)


def facts_bytes(rows: Iterable[Fact]) -> bytes:
    """The facts file of ``rows`` (Fact models, in table order)."""
    rows = list(rows)
    codes: dict[str, dict[Any, int]] = {name: {} for name in CODED}
    phrases = io.BytesIO()
    table = np.zeros(len(rows), dtype=COLUMNS)
    for i, row in enumerate(rows):
        values: list[Any] = []
        for name, kind in FIELDS.items():
            value = getattr(row, name)
            if kind == "phrase":
                begin = phrases.tell()
                values += [begin, begin + phrases.write(value.encode("utf-8"))]
            elif kind in ("int", "float"):
                values.append(value)
            else:
                values.append(-1 if value is None else _code(codes[name], _stored(kind, value)))
        table[i] = tuple(values)
    stored = {
        name: [list(v) if FIELDS[name] == "scope" else v for v in found] for name, found in codes.items()
    }
    return _archive(table, phrases.getvalue(), stored)


def _archive(rows: np.ndarray, phrases: bytes, values: Mapping[str, list[Any]], **more: np.ndarray) -> bytes:
    """The facts file's bytes: the ``rows`` columns, the ``phrases``, the coded ``values`` as JSON and any
    ``more`` arrays (the ranks), in that order."""
    out = io.BytesIO()
    np.savez(
        out,
        rows=rows,
        phrases=np.frombuffer(phrases, dtype=np.uint8),
        values=np.frombuffer(json.dumps(values, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
        **more,
    )
    return out.getvalue()


def _stored(kind: Kind, value: Any) -> Any:
    """A coded value as its field's values list keeps it (hashable; JSON once written)."""
    if kind == "scope":
        return (value.round, value.batch, value.phase)
    return value.isoformat() if kind == "date" else value


def _code(codes: dict[Any, int], value: Any) -> int:
    return codes.setdefault(value, len(codes))


class FactTable(Sequence[Fact]):
    """The facts table of a version as columns; each Fact is made when read."""

    def __init__(
        self,
        rows: np.ndarray,
        phrases: bytes,
        values: Mapping[str, list[Any]],
        ranks: tuple[str, np.ndarray] | None = None,
    ) -> None:
        self._rows, self._phrases, self._values = rows, phrases, values
        self._decoded = _decoders(rows, values)
        self._ranks = ranks
        self._check()

    @classmethod
    def read(cls, path: Path) -> FactTable:
        """The table stored in ``path`` (written by ``facts_bytes``); ValueError when it is malformed."""
        try:
            return cls.read_bytes(path.read_bytes())
        except ValueError as exc:
            raise ValueError(f"{path.name}: {exc}") from None

    @classmethod
    def read_bytes(cls, data: bytes) -> FactTable:
        """The table of a facts file's contents; ValueError when they are malformed."""
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as stored:
                rows, phrases, values = stored["rows"], stored["phrases"], stored["values"]
                ranks = None
                if "ranks" in stored.files and "ranks_key" in stored.files:
                    ranks = (stored["ranks_key"].tobytes().decode("utf-8"), stored["ranks"])
            return cls(rows, phrases.tobytes(), json.loads(values.tobytes()), ranks)
        except (KeyError, OSError, EOFError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a facts table ({type(exc).__name__})") from None

    @classmethod
    def of(cls, rows: Iterable[Fact]) -> FactTable:
        """The table of ``rows`` (e.g. read from an older version's facts.jsonl, or just computed)."""
        return cls.read_bytes(facts_bytes(rows))

    def stored_ranks(self, key: str) -> np.ndarray | None:
        """The rows' ranks stored with the table under ``key`` (bot/engine/aggregate.py's order of the rows
        that may give a figure), or None when none are stored under it."""
        if self._ranks is None or self._ranks[0] != key:
            return None
        return self._ranks[1]

    def ranked_bytes(self, key: str, ranks: np.ndarray) -> bytes:
        """The facts file of this table with ``ranks`` (one int a row) stored under ``key``."""
        if ranks.shape != (len(self._rows),):
            raise ValueError("one rank a row")
        return _archive(
            self._rows,
            self._phrases,
            self._values,
            ranks=ranks.astype(np.int64),
            ranks_key=np.frombuffer(key.encode("utf-8"), dtype=np.uint8),
        )

    def _check(self) -> None:
        """Raise ValueError for a row naming a value the file does not hold or a phrase past its bytes."""
        rows = self._rows
        names = set(rows.dtype.names or ())
        missing = [
            name
            for name, kind in FIELDS.items()
            if not ({*_PHRASE} <= names if kind == "phrase" else name in names)
            and Fact.model_fields[name].is_required()
        ]
        if rows.ndim != 1 or missing:
            raise ValueError(f"not the facts columns (no {', '.join(missing) or 'rows'})")
        if self._ranks is not None and self._ranks[1].shape != (len(rows),):
            raise ValueError("the facts ranks are not one a row")
        if not len(rows):
            return
        for name in CODED:
            if name not in rows.dtype.names:
                continue
            column, count = rows[name], len(self._decoded[name]) - 1
            if column.max() >= count or column.min() < (-1 if Fact.model_fields[name].default is None else 0):
                raise ValueError(f"a facts row names an unknown {name}")
        starts, ends = rows["phrase_start"], rows["phrase_end"]
        if starts.min() < 0 or (ends < starts).any() or ends.max() > len(self._phrases):
            raise ValueError("a facts row's phrase reaches past the table")

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Fact: ...

    @overload
    def __getitem__(self, index: slice) -> list[Fact]: ...

    def __getitem__(self, index: int | slice) -> Fact | list[Fact]:
        if isinstance(index, slice):
            return self._made(self._rows[index])
        return self._made(self._rows[[index]])[0]

    def __iter__(self) -> Iterator[Fact]:
        for begin in range(0, len(self._rows), _BLOCK):
            yield from self._made(self._rows[begin : begin + _BLOCK])

    def rows_at(self, positions: Sequence[int] | np.ndarray) -> list[Fact]:
        """The Facts of the rows at ``positions``, in that order."""
        return self._made(self._rows[np.asarray(positions, dtype=np.int64)])

    def _made(self, rows: np.ndarray) -> list[Fact]:
        """Fact models of ``rows`` (a slice of the columns), assembled field by field without validation."""
        columns = [self._column(rows, name) for name in FIELDS]
        names = tuple(FIELDS)
        rows_of_values = zip(*columns, strict=True)
        return assemble_all(Fact, (dict(zip(names, values, strict=True)) for values in rows_of_values))

    def values(self, positions: Sequence[int] | np.ndarray, name: str) -> list[Any]:
        """Field ``name`` of the rows at ``positions``, without making their Facts (sorting or filtering a
        group on a few fields before making only the rows wanted)."""
        return self._column(self._rows, name, np.asarray(positions, dtype=np.int64))

    def distinct(self, names: Sequence[str]) -> tuple[list[tuple[Any, ...]], np.ndarray]:
        """The distinct combinations of fields ``names`` (no phrase) over the rows, as Python values, and
        each row's index into them: a key worked out once a combination instead of once a row."""
        rows = self._rows
        of_row = np.zeros(len(rows), dtype=np.int64)
        for name in names:
            if FIELDS[name] == "phrase":
                raise ValueError("distinct reads no phrase")
            if name in rows.dtype.names:  # a field newer than the file: its default, one value
                _, codes = np.unique(rows[name], return_inverse=True)
                _, of_row = np.unique(of_row * (int(codes.max(initial=0)) + 1) + codes, return_inverse=True)
        count = int(of_row.max(initial=-1)) + 1
        sample = np.zeros(count, dtype=np.int64)
        sample[of_row] = np.arange(len(rows))  # one row of each combination
        columns = [self._column(rows, name, sample) for name in names]
        return list(zip(*columns, strict=True)), of_row

    def _column(self, rows: np.ndarray, name: str, at: np.ndarray | None = None) -> list[Any]:
        """Field ``name`` of ``rows`` (a slice of the columns), or of its rows ``at`` (one column gathered,
        not whole rows), as Python values."""

        def column(stored: str) -> list[Any]:
            values = rows[stored] if at is None else rows[stored][at]
            return values.tolist()

        kind = FIELDS[name]
        if kind == "phrase":
            data = self._phrases
            spans = zip(column("phrase_start"), column("phrase_end"), strict=True)
            return [data[begin:end].decode("utf-8") for begin, end in spans]
        if name not in rows.dtype.names:  # a field newer than the file: its default
            return [Fact.model_fields[name].default] * (len(rows) if at is None else len(at))
        if kind in ("int", "float"):
            return column(name)
        decoded = self._decoded[name]
        return [decoded[code] for code in column(name)]

    def of_documents(self) -> Mapping[str, list[Fact]]:
        """The rows of each document, made when a document's are asked for (a build reusing the rows of
        unchanged articles)."""
        return _Grouped(self, self._rows["doc_id"], lambda code: self._decoded["doc_id"][code])

    def grouped(self, key: Callable[[InspectionScope], Hashable]) -> FactGroups:
        """The rows by (metric, ``key`` of their scope), found over the codes (``key`` is called once per
        distinct scope)."""
        scopes, metrics = self._decoded["scope"][:-1], self._decoded["metric"]
        keys = list(dict.fromkeys(key(scope) for scope in scopes))
        key_code = np.asarray([keys.index(key(scope)) for scope in scopes], dtype=np.int64)
        width = max(1, len(keys))
        combined = self._rows["metric"].astype(np.int64) * width + key_code[self._rows["scope"]]
        return FactGroups(self, combined, lambda code: (metrics[code // width], keys[code % width]))


def _decoders(rows: np.ndarray, values: Mapping[str, list[Any]]) -> dict[str, list[Any]]:
    """Each coded field's values as Python objects (equal ones shared), with None last, so code -1 reads
    None."""
    interned = Interned()
    decoded: dict[str, list[Any]] = {}
    for name in CODED:
        stored = values.get(name, [])
        if name in rows.dtype.names and name not in values:
            raise ValueError(f"the values of {name} are missing")
        kind = FIELDS[name]
        if kind == "scope":
            objects: list[Any] = [interned.scope(*scope) for scope in stored]
        elif kind == "date":
            objects = [interned.date(value) for value in stored]
        else:
            objects = [interned.string(value) for value in stored]
        decoded[name] = [*objects, None]
    return decoded


class _Grouped(Mapping[Any, list[Fact]]):
    """A FactTable's rows grouped by an int code per row (``label`` names a code's group): positions for
    every group, Facts made when a group is asked for."""

    def __init__(self, table: FactTable, codes: np.ndarray, label: Callable[[int], Hashable]) -> None:
        self._table = table
        order = np.argsort(codes, kind="stable")
        found, starts = np.unique(codes[order], return_index=True)
        bounds = [*starts.tolist(), len(order)]
        self._positions = {
            label(code): order[bounds[i] : bounds[i + 1]] for i, code in enumerate(found.tolist())
        }

    def __getitem__(self, key: Any) -> list[Fact]:
        return self._table.rows_at(self._positions[key])

    def positions(self, key: Any) -> np.ndarray:
        """The table positions of a group's rows, in table order (empty for a group the table lacks), for
        ``FactTable.values`` and ``rows_at``."""
        found = self._positions.get(key)
        return found if found is not None else np.zeros(0, dtype=np.int64)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)

    def __contains__(self, key: object) -> bool:
        return key in self._positions


class FactGroups(_Grouped):
    """Rows by (metric, inspection key); the Facts of the groups asked last are kept, up to GROUP_CACHE_ROWS
    rows together (and always the last group). Safe to share between threads."""

    def __init__(self, table: FactTable, codes: np.ndarray, label: Callable[[int], Hashable]) -> None:
        super().__init__(table, codes, label)
        self._made: OrderedDict[Any, list[Fact]] = OrderedDict()
        self._kept = 0  # rows in self._made
        self._lock = threading.Lock()

    def __getitem__(self, key: Any) -> list[Fact]:
        with self._lock:
            made = self._made.get(key)
            if made is not None:
                self._made.move_to_end(key)
                return made
        made = super().__getitem__(key)
        with self._lock:
            if key not in self._made:
                self._made[key] = made
                self._kept += len(made)
            while self._kept > GROUP_CACHE_ROWS and len(self._made) > 1:
                self._kept -= len(self._made.popitem(last=False)[1])
        return made
