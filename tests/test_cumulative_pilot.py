"""A round-wide review that dates its count from the pilot ("since the Hebei environmental protection
inspection pilot was launched in 2015, four batches in two years") gives the whole round's figures, never
the Hebei pilot's. Our own sentences in a machine-translated wire style; real round-1 figures."""

from __future__ import annotations

from pathlib import Path

from index.facts.analysis import DocumentView
from index.meta.calendar import load_calendar
from index.models import InspectionScope
from index.text.chunking import make_chunks
from index.text.documents import read_document
from tests.conftest import facts_of

ARTICLE = """The central environmental inspection keeps up the pressure, and accountability is strict!

Xinhuanet Beijing, December 28 (Reporter) The Central Environmental Protection Inspection Office said today \
that the first round of central inspections has covered the whole country.

An official of the office said that since the Hebei environmental protection inspection pilot was launched \
in 2015, inspection has been carried out in four batches in two years, covering all 31 provinces. A total \
of 29,000 cases were filed for punishment, 1,518 cases were filed for investigation and 1,527 people were \
detained.
"""


def test_figures_counted_from_the_pilot_are_the_rounds(tmp_path: Path) -> None:
    path = tmp_path / "xinhuanet-2017-12-28-round-one-review.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    document = read_document(path, tmp_path, 5_000_000)
    view = DocumentView(document, make_chunks(document, 0), load_calendar())
    figures = next(i for i in range(len(view.scopes)) if "1,527" in view.sentence_text(i))
    assert view.scopes[figures] == InspectionScope(round=1)
    rows = facts_of(tmp_path, path.name, ARTICLE)
    assert not [row for row in rows if row.phrase.endswith("1,527") and row.inspection not in (None, "r1")]
