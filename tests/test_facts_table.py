"""The facts table: extraction precision and recall on tests/gold/facts.yaml, exact spans, normalised values,
the table in each index version (built incrementally), and `inspectbot facts`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bot.cli import cli
from index import builder
from index.builder import build_index
from index.embedder import Embedder
from index.facts import table
from index.facts.table import FACTS, Fact, document_facts
from index.meta.calendar import load_calendar
from index.models import Document
from index.store import IndexVersion, open_index
from index.text.chunking import make_chunks
from index.text.documents import read_document
from tests.conftest import REPO_ROOT

GOLD_FILE = REPO_ROOT / "tests" / "gold" / "facts.yaml"
GOLD = yaml.safe_load(GOLD_FILE.read_text(encoding="utf-8"))
THRESHOLDS = yaml.safe_load((REPO_ROOT / "tests" / "gold" / "thresholds.yaml").read_text(encoding="utf-8"))[
    "facts"
]
CALENDAR = load_calendar()

Key = tuple[str, str, str, str | None, str | None, float]


def _documents() -> dict[str, Document]:
    found: dict[str, Document] = {}
    wanted = set(GOLD["documents"])
    for folder in GOLD["corpus"]:
        directory = (GOLD_FILE.parent / folder).resolve()
        for path in sorted(directory.iterdir()):
            if path.stem in wanted and not path.name.endswith(".meta.yaml"):
                found[path.stem] = read_document(path, directory, 5_000_000)
    return found


DOCUMENTS = _documents()
ROWS = {doc_id: document_facts(doc, make_chunks(doc, 0), CALENDAR) for doc_id, doc in DOCUMENTS.items()}


def _inspection(row: Fact) -> str | None:
    if row.inspection:
        return row.inspection
    return None if row.scope.model_dump(exclude_none=True) == {} else row.scope.label()


def _key(row: Fact) -> Key:
    return (row.doc_id, row.phrase, row.metric, _inspection(row), row.place, row.value)


def _gold_key(entry: dict) -> Key:
    return (
        entry["doc"],
        entry["phrase"],
        entry["metric"],
        entry["inspection"],
        entry["place"],
        float(entry["value"]),
    )


def scores() -> tuple[float, float, list[Key], list[Key]]:
    """(precision, recall, rows not in the gold, gold entries not extracted)."""
    extracted = Counter(_key(row) for rows in ROWS.values() for row in rows)
    gold = Counter(_gold_key(entry) for entry in GOLD["facts"])
    matched = sum((extracted & gold).values())
    wrong = sorted((extracted - gold).elements(), key=str)
    missed = sorted((gold - extracted).elements(), key=str)
    return matched / sum(extracted.values()), matched / sum(gold.values()), wrong, missed


def test_gold_documents_are_all_found() -> None:
    assert set(DOCUMENTS) == set(GOLD["documents"])
    assert len(GOLD["facts"]) >= 60
    assert {entry["doc"] for entry in GOLD["facts"]} <= set(GOLD["documents"])


def test_extraction_precision_and_recall_hold_the_thresholds() -> None:
    precision, recall, wrong, missed = scores()
    assert precision >= THRESHOLDS["precision"], f"precision {precision:.3f}; rows not in the gold: {wrong}"
    assert recall >= THRESHOLDS["recall"], f"recall {recall:.3f}; gold entries missed: {missed}"


def test_every_row_is_the_exact_text_at_its_span() -> None:
    for doc_id, rows in ROWS.items():
        text = DOCUMENTS[doc_id].text
        assert rows
        for row in rows:
            assert text[row.start : row.end] == row.phrase
            start, end = DOCUMENTS[doc_id].sentences[row.sentence]
            assert start <= row.start < row.end <= end


def test_values_are_normalised_with_units_and_qualifiers() -> None:
    rows = {(row.doc_id, row.phrase): row for doc_rows in ROWS.values() for row in doc_rows}
    fine = rows[("2021-09-19-chinanews-round2-batch4-progress", "40.06 million yuan")]
    assert (fine.metric, fine.value, fine.unit, fine.inspection) == ("fine", 40_060_000, "yuan", "r2b4")
    assert fine.as_of == "2021-09-15T20:00" and fine.published is not None
    received = rows[("r1-summary-2017", "more than 135,000")]
    assert (received.value, received.unit, received.qualifier) == (135_000, "reports", "more than")
    assert rows[("r1-summary-2017", "about 1.43 billion yuan")].value == 1_430_000_000
    detained = rows[("hebei-pilot-2016", "123")]
    assert (detained.metric, detained.unit, detained.inspection, detained.place) == (
        "detained",
        "people",
        "pilot",
        None,
    )
    assert rows[("ningxia-inspection-results-2016", "105")].place == "Ningxia"  # one province of a batch
    project = rows[("r2b4-follow-up-2021", "17")]
    assert (project.place, project.place_kind) == ("China National Gold Group", "enterprise")


def test_the_index_version_holds_the_table(index_version: IndexVersion) -> None:
    path = index_version.path / FACTS
    assert path.is_file()
    rows = index_version.facts
    assert {row.doc_id for row in rows} <= set(index_version.documents)
    for row in rows:
        assert index_version.documents[row.doc_id].text[row.start : row.end] == row.phrase
    wanted = ("2,258", "punishment", "r3b2")
    assert any((row.phrase, row.metric, row.inspection) == wanted for row in rows)


def test_a_build_reuses_the_rows_of_unchanged_documents(
    tmp_path: Path, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    for name in ("hebei-pilot-2016.txt", "r3b2-progress-2024.txt"):
        source = REPO_ROOT / "tests" / "fixtures" / "articles" / name
        (documents / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    index_dir = tmp_path / "index"
    build_index(documents, index_dir, embedder)
    first = open_index(index_dir).facts
    computed: list[str] = []
    original = table.document_facts

    def counting(document: Document, *args: object) -> list[Fact]:
        computed.append(document.doc_id)
        return original(document, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(table, "document_facts", counting)
    monkeypatch.setattr(builder, "document_facts", counting)  # the builder's own name for it
    changed = documents / "r3b2-progress-2024.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\n\nThe provinces also detained 12 people.\n", encoding="utf-8"
    )
    build_index(documents, index_dir, embedder)
    second = open_index(index_dir).facts
    assert computed == ["r3b2-progress-2024"]  # the pilot article's rows were reused
    assert [r for r in second if r.doc_id == "hebei-pilot-2016"] == [
        r for r in first if r.doc_id == "hebei-pilot-2016"
    ]
    assert any(r.phrase == "12" and r.metric == "detained" and r.inspection == "r3b2" for r in second)
    assert builder.FACTS == FACTS


def test_facts_command_prints_table_csv_and_json(built_index: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(cli, ["facts", "--index", str(built_index), "--metric", "punishment"])
    assert shown.exit_code == 0, shown.output
    assert "2,258" in shown.output and "r3b2" in shown.output and "detained" not in shown.output
    args = ["facts", "--index", str(built_index), "--round", "3", "--batch", "2", "--csv"]
    csv_out = runner.invoke(cli, args)
    lines = csv_out.output.splitlines()
    assert lines[0].startswith("inspection,place,metric,value,unit")
    assert any(line.startswith("r3b2,,punishment,2258,cases") for line in lines)
    as_json = runner.invoke(cli, ["facts", "--index", str(built_index), "--place", "Tianjin", "--json"])
    rows = [json.loads(line) for line in as_json.output.splitlines()]
    assert rows and all(row["place"] == "Tianjin" for row in rows)
