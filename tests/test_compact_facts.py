"""The facts table stored as columns (index/facts/columns.py): read back row for row as built, grouped by
metric and inspection without making every row, older versions' JSON lines still read and rewritten."""

from __future__ import annotations

import io
import shutil
from collections.abc import Hashable
from pathlib import Path

import numpy as np
import pytest

from index.builder import build_index
from index.embedder import Embedder
from index.facts import columns, table
from index.facts.columns import FactTable
from index.facts.table import FACTS, LEGACY_FACTS, Fact, build_facts, facts_bytes
from index.meta.calendar import scope_key
from index.models import Document, InspectionScope
from index.store import IndexVersion, open_index
from tests.conftest import copy_corpus


def _dumps(rows: list[Fact]) -> list[dict[str, object]]:
    return [row.model_dump() for row in rows]


def _key(scope: InspectionScope) -> Hashable:
    return scope_key(scope)


def test_the_version_stores_columns_read_back_as_built(index_version: IndexVersion) -> None:
    """The facts file is the columns (no JSON lines), and every row reads back equal to the row the
    extraction makes from the version's own documents."""
    assert (index_version.path / FACTS).is_file() and not (index_version.path / LEGACY_FACTS).exists()
    stored = index_version.facts
    assert isinstance(stored, FactTable)
    built = build_facts(index_version.documents.values(), index_version.chunks, index_version.calendar)
    assert len(stored) == len(built) > 50
    assert _dumps(list(stored)) == _dumps(built)
    assert stored[3] == built[3] and stored[-1] == built[-1] and stored[5:9] == built[5:9]
    for row in stored:
        assert index_version.documents[row.doc_id].text[row.start : row.end] == row.phrase


def test_groups_are_the_rows_of_one_metric_and_inspection(index_version: IndexVersion) -> None:
    rows = list(index_version.facts)
    expected: dict[tuple[str, Hashable], list[Fact]] = {}
    for row in rows:
        expected.setdefault((row.metric, _key(row.scope)), []).append(row)
    groups = index_version.facts.grouped(_key)
    assert set(groups) == set(expected) and len(groups) == len(expected)
    for key, members in expected.items():
        assert _dumps(groups[key]) == _dumps(members)
    assert groups.get(("fine", (9, 9, None)), []) == []


def test_groups_are_made_once_while_among_the_last_asked_within_the_row_bound(
    index_version: IndexVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    groups = index_version.facts.grouped(_key)
    keys = sorted(groups, key=lambda key: -len(groups[key]))
    first = groups[keys[0]]
    assert groups[keys[0]] is first  # kept: not made again
    for key in keys[1:]:
        groups[key]
    assert groups[keys[0]] is first  # every group of a small table fits the bound
    monkeypatch.setattr(columns, "GROUP_CACHE_ROWS", len(first) + 1)
    small = index_version.facts.grouped(_key)
    big = small[keys[0]]
    small[keys[1]]  # together past the bound: the older group goes
    again = small[keys[0]]
    assert again is not big and _dumps(again) == _dumps(big)  # made again, the same rows
    assert small[keys[0]] is again  # the last group asked always stays


def test_rows_by_document_are_made_on_use(index_version: IndexVersion) -> None:
    by_doc = index_version.facts.of_documents()
    rows = list(index_version.facts)
    assert set(by_doc) == {row.doc_id for row in rows}
    doc_id = rows[0].doc_id
    assert _dumps(by_doc[doc_id]) == _dumps([row for row in rows if row.doc_id == doc_id])
    assert by_doc.get("no-such-article") is None


def test_values_of_every_kind_survive_the_columns() -> None:
    """None and set values of every coded field, Chinese phrases, a phrase of many bytes, exact floats."""
    base = {
        "doc_id": "a",
        "start": 0,
        "end": 5,
        "phrase": "4006万元",
        "metric": "fine",
        "value": 40060000.0,
        "unit": "yuan",
        "scope": InspectionScope(round=2, batch=4),
        "sentence": 0,
        "cost": 0.1 + 0.2,
    }
    rows = [
        Fact(**base),
        Fact(
            **base
            | {
                "doc_id": "b",
                "phrase": "more than 3,100",
                "value": 3100.0,
                "unit": "cases",
                "metric": "punishment",
                "qualifier": "more than",
                "inspection": "r2b4",
                "place": "Hebei, Shanxi",
                "place_kind": "several",
                "as_of": "2021-09-15T20:00",
                "published": "2021-09-19",
                "scope": InspectionScope(phase="lookback"),
            }
        ),
        Fact(**base | {"phrase": "", "start": 3, "end": 3}),
    ]
    table_ = FactTable.read_bytes(facts_bytes(rows))
    assert _dumps(list(table_)) == _dumps(rows)
    assert table_[1].published.isoformat() == "2021-09-19" and table_[0].cost == 0.1 + 0.2
    assert len(FactTable.of([])) == 0 and list(FactTable.of([]).grouped(_key)) == []


def test_a_damaged_facts_file_is_refused(tmp_path: Path, index_version: IndexVersion) -> None:
    path = tmp_path / FACTS
    path.write_bytes(b"not a table")
    with pytest.raises(ValueError):
        FactTable.read(path)
    data = np.load(index_version.path / FACTS, allow_pickle=False)
    rows = data["rows"].copy()
    rows["metric"][0] = 10_000  # a code past the metrics stored
    np.savez(path, rows=rows, phrases=data["phrases"], values=data["values"])
    with pytest.raises(ValueError, match="unknown metric"):
        FactTable.read(path)


def test_json_lines_of_an_older_version_are_read_and_rewritten_as_columns(
    tmp_path: Path, built_index: Path, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A version with facts.jsonl (before the columns) gives the same rows, and the next build writes the
    columns reusing them: no article's figures are read again."""
    documents = copy_corpus(tmp_path / "documents")
    index_dir = tmp_path / "index"
    shutil.copytree(built_index, index_dir)
    before = open_index(index_dir)
    rows = list(before.facts)
    (before.path / FACTS).unlink()
    (before.path / LEGACY_FACTS).write_text("".join(row.model_dump_json() + "\n" for row in rows))
    legacy = open_index(index_dir)
    assert _dumps(list(legacy.facts)) == _dumps(rows)

    computed: list[str] = []
    original = table.document_facts

    def counting(document: Document, *args: object) -> list[Fact]:
        computed.append(document.doc_id)
        return original(document, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(table, "document_facts", counting)
    (documents / "added-2024.txt").write_text(
        "Xinhua, June 3. The second batch of the third round detained 17 people.\n", encoding="utf-8"
    )
    build_index(documents, index_dir, embedder)
    after = open_index(index_dir)
    assert computed == ["added-2024"]
    assert (after.path / FACTS).is_file() and not (after.path / LEGACY_FACTS).exists()
    assert _dumps([r for r in after.facts if r.doc_id != "added-2024"]) == _dumps(rows)


def test_a_file_written_before_a_field_existed_reads_its_default(tmp_path: Path) -> None:
    """A coded field with a default (e.g. one added to Fact later) missing from the columns reads its
    default; a missing field without a default is refused."""
    row = Fact(
        doc_id="a", start=0, end=2, phrase="17", metric="detained", value=17.0, unit="people",
        scope=InspectionScope(round=3, batch=2), sentence=0, qualifier="about",
    )  # fmt: skip
    data = np.load(io.BytesIO(facts_bytes([row])), allow_pickle=False)
    rows = data["rows"]
    kept = [name for name in rows.dtype.names if name != "qualifier"]
    path = tmp_path / FACTS
    np.savez(path, rows=rows[kept], phrases=data["phrases"], values=data["values"])
    assert FactTable.read(path)[0] == row.model_copy(update={"qualifier": None})
    np.savez(
        path, rows=rows[[n for n in kept if n != "metric"]], phrases=data["phrases"], values=data["values"]
    )
    with pytest.raises(ValueError, match="metric"):
        FactTable.read(path)


def test_a_groups_fields_are_read_without_making_its_rows(index_version: IndexVersion) -> None:
    """A group's positions and one field of them: what sorting or filtering a group needs, with the rows
    made only for the positions chosen."""
    groups = index_version.facts.grouped(_key)
    key = max(groups, key=lambda k: len(groups[k]))
    positions = groups.positions(key)
    rows = index_version.facts.rows_at(positions)
    for name in ("cost", "sentence", "as_of", "published", "qualifier", "place", "phrase", "scope"):
        assert index_version.facts.values(positions, name) == [getattr(row, name) for row in rows]
    assert len(groups.positions(("fine", (9, 9, None)))) == 0
    best = positions[int(np.argmin(index_version.facts.values(positions, "cost")))]
    assert index_version.facts.rows_at([best])[0] == min(rows, key=lambda row: row.cost)
