"""Metadata of the realistic articles: which inspection each is about and when it was published.

Every article in tests/fixtures/realistic_articles/ is read as the indexer reads it
(:func:`index.text.documents.read_document`) and compared with tests/gold/realistic_meta.yaml. The share of
articles with the right round / batch / phase and the right publication date must stay at or above the
`realistic_meta` thresholds in tests/gold/thresholds.yaml.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel, ConfigDict

from index.models import InspectionScope, Phase
from index.text.documents import read_document
from index.text.loaders import is_article_path

HERE = Path(__file__).parent
ARTICLES = HERE / "fixtures" / "realistic_articles"
GOLD_FILE = HERE / "gold" / "realistic_meta.yaml"
_ALL_THRESHOLDS = yaml.safe_load((HERE / "gold" / "thresholds.yaml").read_text(encoding="utf-8"))
THRESHOLDS: dict[str, float] = _ALL_THRESHOLDS["realistic_meta"]


class TrueMeta(BaseModel):
    """One article's true inspection and publication date."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    round: int | None
    batch: int | None
    phase: Phase | None
    date: dt.date | None

    def scope(self) -> InspectionScope:
        return InspectionScope(round=self.round, batch=self.batch, phase=self.phase)


@cache
def gold() -> dict[str, TrueMeta]:
    raw = yaml.safe_load(GOLD_FILE.read_text(encoding="utf-8"))["articles"]
    return {name: TrueMeta.model_validate(entry) for name, entry in raw.items()}


@cache
def extracted() -> dict[str, tuple[InspectionScope, dt.date | None]]:
    """File name -> (scope, publication date) as the indexer extracts them."""
    found = {}
    for path in sorted(ARTICLES.iterdir()):
        if is_article_path(path):
            meta = read_document(path, ARTICLES, 5_000_000).meta
            found[path.name] = (meta.scope, meta.date)
    return found


def _misses(field: str) -> list[str]:
    """One line per article whose scope (field "scope") or date (field "date") is wrong."""
    misses = []
    for name, truth in gold().items():
        scope, date = extracted()[name]
        if field == "scope" and scope != truth.scope():
            misses.append(f"{name}: {scope.label()} ({scope.model_dump()}), expected {truth.scope().label()}")
        if field == "date" and date != truth.date:
            misses.append(f"{name}: {date}, expected {truth.date}")
    return misses


def test_every_realistic_article_has_true_metadata() -> None:
    assert set(gold()) == set(extracted())
    assert len(gold()) >= 22
    assert sum(truth.date is not None for truth in gold().values()) >= 18


@pytest.mark.parametrize(("field", "metric"), [("scope", "scope_accuracy"), ("date", "date_accuracy")])
def test_metadata_accuracy_meets_threshold(field: str, metric: str) -> None:
    misses = _misses(field)
    accuracy = 1 - len(misses) / len(gold())
    report = f"{metric} {accuracy:.3f} < {THRESHOLDS[metric]}:\n" + "\n".join(misses)
    assert accuracy >= THRESHOLDS[metric], report
