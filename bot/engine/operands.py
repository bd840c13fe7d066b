"""Sanity of the operands of an answer across inspections, as data and scores.

Three checks on the rows that give inspections' figures:

- a rounded report ("more than 79 million yuan", "over 300 million") stands for an exact figure of the
  same inspection and metric that it rounds ("79.0557 million yuan", "336 million"): the exact one is used
  (``rounds``);
- a figure far below the others of its answer (a "one" read as a count beside figures in the hundreds) is
  checked against the other rows of its inspection (``implausibly_small``);
- a figure many times larger than the others is checked for its scope: a sentence on the
  whole country or a whole year ("Nationwide, fines in 2021 came to ...") is no one batch's figure
  (``wider_than_batch``, index.meta.periods's reading, re-exported here).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from index.meta.periods import wider_than_batch

# how far above its rounded report ("more than X", "about X", "nearly X") an exact figure may lie, as a
# share of the report: (lowest, highest) ratio exact / reported
ROUNDING: dict[str, tuple[float, float]] = {
    "more than": (1.0, 1.2),
    "over": (1.0, 1.2),
    "at least": (1.0, 1.2),
    "about": (0.85, 1.15),
    "approximately": (0.85, 1.15),
    "roughly": (0.85, 1.15),
    "some": (0.85, 1.15),
    "nearly": (0.85, 1.0),
    "almost": (0.85, 1.0),
    "close to": (0.85, 1.0),
}
# a qualifier of a report written in Chinese, read as the English one it means
CHINESE_QUALIFIERS: dict[str, str] = {
    "超过": "more than",
    "超": "more than",
    "逾": "more than",
    "余": "more than",
    "多": "more than",
    "约": "about",
    "近": "nearly",
}
SMALL_RATIO = 50.0  # a figure this many times below the median of the others is implausibly small
LARGE_RATIO = 10.0  # a figure this many times above the median of the others is checked for its scope


def rounds(qualifier: str | None, reported: float, exact: float) -> bool:
    """True when ``exact`` is a figure that a report of ``reported`` with ``qualifier`` ("more than")
    rounds: it lies within the qualifier's range (``ROUNDING``) of the report."""
    if qualifier is None or reported <= 0:
        return False
    span = ROUNDING.get(CHINESE_QUALIFIERS.get(qualifier, qualifier.lower()))
    if span is None:
        return False
    low, high = span
    return low * reported <= exact <= high * reported


def _positive_median(values: Sequence[float]) -> float | None:
    """The (upper) median of the positive ``values``; None when none is positive."""
    positive = sorted(value for value in values if value > 0)
    return positive[len(positive) // 2] if positive else None


def floor_beside(others: Sequence[float]) -> float:
    """The least a figure may be beside ``others``: the median of their positive values over
    ``SMALL_RATIO`` (0 when none is positive)."""
    median = _positive_median(others)
    return median / SMALL_RATIO if median is not None else 0.0


def implausibly_small(value: float, others: Sequence[float]) -> bool:
    """True when a positive ``value`` lies below ``floor_beside(others)`` (a zero is a figure said in
    words, never implausible)."""
    return 0 < value < floor_beside(others)


def implausibly_large(value: float, others: Sequence[float]) -> bool:
    """True when ``value`` is more than ``LARGE_RATIO`` times the median of the positive ``others`` (a
    second figure as wide as this one does not hide it)."""
    median = _positive_median(others)
    return median is not None and value > LARGE_RATIO * median


@dataclass(frozen=True)
class Sanity:
    """Which rows may give an inspection's figure once the first choice failed a check: those of at
    least ``floor`` (a figure not implausibly small beside the others) and, with ``one_batch``, those
    whose sentence speaks of no more than one batch."""

    floor: float = 0.0
    one_batch: bool = False

    def admits(self, value: float, sentence: str) -> bool:
        """True when a row of ``value`` in ``sentence`` passes."""
        return value >= self.floor and not (self.one_batch and wider_than_batch(sentence))
