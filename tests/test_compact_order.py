"""The facts groups in ``_preference`` order from one rank per row, stored by the build in the facts file
(worked out on use, over the distinct values of the fields it reads, for a version without them): the
same order as sorting each group's rows, ties in table order, and the rows of a group made only where an
answer uses them."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.engine import aggregate
from bot.engine.aggregate import Aggregator, _preference, preference_key, preference_ranks
from bot.engine.prompts import default_prompts
from index.builder import build_index
from index.embedder import Embedder
from index.facts.columns import FactTable, facts_bytes
from index.facts.table import FACTS, Fact
from index.models import InspectionScope
from index.store import IndexVersion, open_index
from tests.conftest import copy_corpus

FIELDS = ("cost", "sentence", "as_of", "published", "qualifier")


def _aggregator(version: IndexVersion) -> Aggregator:
    return Aggregator(version, version.calendar, default_prompts())


def test_distinct_gives_each_row_its_combination(index_version: IndexVersion) -> None:
    table = index_version.facts
    combos, of_row = table.distinct(FIELDS)
    assert len(set(combos)) == len(combos) < len(table)
    for row, at in zip(table, of_row.tolist(), strict=True):
        assert combos[at] == tuple(getattr(row, name) for name in FIELDS)


def test_distinct_of_an_empty_table_and_of_a_field_the_file_lacks() -> None:
    combos, of_row = FactTable.of([]).distinct(FIELDS)
    assert combos == [] and of_row.tolist() == []
    row = Fact(
        doc_id="a", start=0, end=2, phrase="12", metric="fine", value=12.0, unit="yuan",
        scope=InspectionScope(round=2, batch=4), sentence=1, cost=0.5,
    )  # fmt: skip
    table = FactTable.of([row, row.model_copy(update={"cost": 2.0}), row])
    combos, of_row = table.distinct(("cost", "detail"))
    assert combos == [(0.5, None), (2.0, None)] and of_row.tolist() == [0, 1, 0]


def test_every_group_is_in_preference_order_with_ties_in_table_order(index_version: IndexVersion) -> None:
    aggregator = _aggregator(index_version)
    groups = index_version.facts.grouped(lambda scope: (scope.round, scope.batch, scope.phase))
    ordered = 0
    for metric, key in groups:
        positions = groups.positions((metric, key))
        rows = index_version.facts.rows_at(positions)
        expected = [int(positions[i]) for i in sorted(range(len(rows)), key=lambda i: _preference(rows[i]))]
        scope = InspectionScope(round=key[0], batch=key[1], phase=key[2])
        assert aggregator._in_order(metric, scope).positions.tolist() == expected
        ordered += len(rows) > 1
    assert ordered > 10


def test_the_best_row_and_the_places_make_only_the_rows_they_give(
    index_version: IndexVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    aggregator = _aggregator(index_version)
    groups = index_version.facts.grouped(lambda scope: (scope.round, scope.batch, scope.phase))
    metric, key = max(groups, key=lambda k: len(groups.positions(k)))
    scope = InspectionScope(round=key[0], batch=key[1], phase=key[2])
    made: list[int] = []
    original = FactTable.rows_at

    def counting(self: FactTable, positions: np.ndarray) -> list[Fact]:
        made.append(len(positions))
        return original(self, positions)

    monkeypatch.setattr(FactTable, "rows_at", counting)
    best = aggregator.best_row(metric, scope, None)
    assert best is None or made == [1]
    made.clear()
    places = aggregator.places(metric, scope, "province")
    assert sum(made) == len(places)


def test_the_build_stores_the_ranks_and_the_engine_reads_them(
    index_version: IndexVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = index_version.facts
    stored = table.stored_ranks(preference_key())
    assert stored is not None and stored.tolist() == preference_ranks(table).tolist()
    assert table.stored_ranks("other code") is None

    def refuse(table: FactTable) -> np.ndarray:
        raise AssertionError("the ranks were worked out again")

    monkeypatch.setattr(aggregate, "preference_ranks", refuse)
    assert _aggregator(index_version)._preference_ranks() is stored


def test_a_version_without_ranks_ranks_on_use_and_the_next_build_stores_them(
    tmp_path: Path, built_index: Path, embedder: Embedder
) -> None:
    documents = copy_corpus(tmp_path / "documents")
    index_dir = tmp_path / "index"
    shutil.copytree(built_index, index_dir)
    version = open_index(index_dir)
    rows = list(version.facts)
    (version.path / FACTS).unlink()  # a file written before the ranks, as the builder wrote them then
    (version.path / FACTS).write_bytes(facts_bytes(rows))
    version = open_index(index_dir)
    assert version.facts.stored_ranks(preference_key()) is None
    assert _aggregator(version)._preference_ranks().tolist() == preference_ranks(FactTable.of(rows)).tolist()
    report = build_index(documents, index_dir, embedder)  # no article changed: the version is rewritten
    assert report.wrote_version and report.embedded_chunks == 0
    assert open_index(index_dir).facts.stored_ranks(preference_key()) is not None
