"""A year's national tally whose subject is the country ("China detained 720 people ... in 2016") or whose
figures were given at a national work conference is on no one inspection, even where it names two provinces
of a batch as examples: its figures answer no batch's question. Our own sentences; real 2016 figures."""

from __future__ import annotations

from pathlib import Path

from index.models import InspectionScope
from index.text.documents import read_document
from tests.conftest import facts_of

ARTICLE = """China held 720 over pollution in 2016

Source: Xinhua | 2017-01-12 02:32:07

BEIJING, Jan. 11 (Xinhua) -- China detained 720 people and held 6,454 officials accountable over \
environmental violations in 2016, figures presented at a national environmental work meeting showed.

Following the central government's environmental inspections of several provinces and cities, among them \
Beijing and Shanghai, local authorities looked into some 33,000 cases and imposed fines of 440 million yuan.

The country also blocked 11 heavily polluting projects during the year.
"""


def test_the_country_as_subject_makes_a_national_tally(tmp_path: Path) -> None:
    path = tmp_path / "xinhua-2017-01-12-national-tally.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    meta = read_document(path, tmp_path, 5_000_000).meta
    assert meta.scope == InspectionScope()
    assert any(item.kind == "nationwide_year" for item in meta.scope_evidence)
    rows = facts_of(tmp_path, path.name, ARTICLE)
    national = [row for row in rows if row.phrase.startswith(("720", "440 million"))]
    assert national and all(row.inspection is None for row in national)
