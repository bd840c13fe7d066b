"""A wire lead's figures are facts: the sentence that opens with the dateline ("BEIJING, Jan. 29 (Xinhua) --
...") keeps its figures, while the dateline's and the page header's own numbers never become rows."""

from __future__ import annotations

from pathlib import Path

from index.facts.table import Fact
from tests.conftest import facts_of

WIRE_LEAD = """Inspectors wrap up second batch of the second round

Updated: 2020-09-17 10:05

BEIJING, Sept. 16 (Xinhua) -- The central environmental inspectors sent to Beijing, Tianjin, Shanghai, \
Chongqing and Gansu have filed 2,204 cases for punishment and handed out fines of 61.9 million yuan, \
the Ministry of Ecology and Environment said Wednesday.

Another 127 people were detained, the ministry added.
"""


def _rows(tmp_path: Path, text: str) -> list[Fact]:
    return facts_of(tmp_path, "wire-lead.txt", text)


def test_the_figures_of_a_sentence_opening_with_the_dateline_are_rows(tmp_path: Path) -> None:
    rows = _rows(tmp_path, WIRE_LEAD)
    by_metric = {(row.metric, row.value) for row in rows}
    assert ("punishment", 2204) in by_metric
    assert any(row.metric == "fine" and row.value == 61_900_000 for row in rows)
    assert ("detained", 127) in by_metric


def test_the_dateline_and_header_numbers_are_not_rows(tmp_path: Path) -> None:
    values = {row.value for row in _rows(tmp_path, WIRE_LEAD)}
    assert not values & {16, 17, 2020, 10, 5}
