"""Figures and number tokens: formats of the genre, and what is not a figure."""

from __future__ import annotations

import pytest

from index.facts.numbers import find_figures, number_tokens


@pytest.mark.parametrize(
    ("text", "phrase", "value", "unit"),
    [
        ("they received 22,511 calls", "22,511", 22511, None),
        ("a fine of 40.06 million yuan", "40.06 million yuan", 40_060_000, "yuan"),
        ("fines of about 1.43 billion yuan", "about 1.43 billion yuan", 1_430_000_000, "yuan"),
        ("More than 28,000 public reports", "More than 28,000", 28000, None),
        ("a rate of 31.16 percent", "31.16 percent", 31.16, "percent"),
        ("rose to 12.5% last year", "12.5%", 12.5, "percent"),
        ("14 percentage points below", "14 percentage points", 14, "percentage points"),
        ("handed over three issues", "three", 3, None),
        ("Six teams carried out", "Six", 6, None),
        ("completed 3866 investigations", "3866", 3866, None),
        ("nearly 2,000 enterprises", "nearly 2,000", 2000, None),
        ("extracted 2.83 million tonnes of ore", "2.83 million tonnes", 2_830_000, "tonnes"),
    ],
)
def test_figure_formats(text: str, phrase: str, value: float, unit: str | None) -> None:
    figures = find_figures(text)
    assert [f.phrase for f in figures] == [phrase]
    assert figures[0].value == pytest.approx(value)
    assert figures[0].unit == unit
    assert text[figures[0].start : figures[0].end] == phrase


@pytest.mark.parametrize(
    "text",
    [
        "As of 20:00 on the evening of September 15th, nothing",
        "from August 26 to August 31, 2021",
        "between 2016 and 2020",
        "the 4th batch and the 2nd round",
        "Document No. 3 says so",
        "round 2, batch 4 of the inspections",
        "on 3 May 2016",
    ],
)
def test_dates_years_times_ordinals_and_labels_are_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_a_four_digit_count_before_a_count_noun_is_a_figure_not_a_year() -> None:
    assert [f.phrase for f in find_figures("filed 2024 cases for punishment")] == ["2024"]


def test_number_tokens_are_normalised() -> None:
    text = "As of 20:00 on September 15th, 22,511 calls, three issues and 40.06 million yuan [1]."
    assert number_tokens(text) == ["20:00", "15", "22511", "3", "40.06", "1"]
    assert number_tokens("3866 and 3,866") == ["3866", "3866"]
