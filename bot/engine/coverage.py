"""What an index version covers: the inspections (rounds, batches, pilot, look-back) and article counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bot.engine.prompts import Prompts
from index.meta.scopes import scope_matches
from index.models import InspectionScope
from index.store import IndexVersion


def describe_scope(scope: InspectionScope, prompts: Prompts) -> str:
    """Words for an inspection: "the fourth batch of the second round", "the Hebei pilot inspection"."""
    if scope.phase == "pilot":
        return prompts.phrase("scope.pilot")
    if scope.phase == "lookback":
        if scope.batch:
            return prompts.phrase("scope.lookback_batch", batch=prompts.ordinal(scope.batch))
        return prompts.phrase("scope.lookback")
    if scope.round and scope.batch:
        return prompts.phrase(
            "scope.round_batch", round=prompts.ordinal(scope.round), batch=prompts.ordinal(scope.batch)
        )
    if scope.round:
        return prompts.phrase("scope.round", round=prompts.ordinal(scope.round))
    if scope.batch:
        return prompts.phrase("scope.batch", batch=prompts.ordinal(scope.batch))
    return prompts.phrase("scope.none")


ScopeTuple = tuple[int | None, int | None, str | None]


def as_tuple(scope: InspectionScope) -> ScopeTuple:
    """A hashable form of a scope."""
    return (scope.round, scope.batch, scope.phase)


def as_scope(key: ScopeTuple) -> InspectionScope:
    """The scope of a hashable form."""
    return InspectionScope(round=key[0], batch=key[1], phase=key[2])  # type: ignore[arg-type]


def scope_key(scope: InspectionScope) -> tuple[int, int, int]:
    """Sort key: pilot first, then rounds and batches in order, the look-back after round one."""
    if scope.phase == "pilot":
        return (1, 0, 0)
    if scope.phase == "lookback":
        return (1, 99, scope.batch or 0)
    return (scope.round or 0, scope.batch or 0, 0)


@dataclass(frozen=True)
class Coverage:
    """Inspections an index version covers, with the number of articles on each."""

    articles: dict[ScopeTuple, int]  # by the articles' own scope
    passages: frozenset[ScopeTuple]  # every scope a passage carries (what search filters see)

    def covers(self, wanted: InspectionScope) -> bool:
        """True if some passage's scope matches every field set in ``wanted``."""
        return bool(self.matching(wanted))

    def matching(self, wanted: InspectionScope) -> list[InspectionScope]:
        """The passage scopes that match ``wanted``, in inspection order."""
        scopes = (as_scope(key) for key in self.passages)
        return sorted((s for s in scopes if scope_matches(s, wanted)), key=scope_key)

    def scopes(self) -> list[InspectionScope]:
        """The articles' scopes in inspection order."""
        return sorted((as_scope(key) for key in self.articles), key=scope_key)

    def describe(self, prompts: Prompts) -> str:
        """Short words grouped by round: "the first round (the Hebei pilot inspection, first and
        fourth batches, overall figures) and the third round (first to fifth batches)"; a round with
        one part only reads "the second batch of the third round"."""
        if not self.articles:
            return prompts.phrase("coverage.nothing")
        groups: dict[tuple[int, int, str], list[InspectionScope]] = {}
        for scope in self.scopes():
            groups.setdefault(_group_key(scope), []).append(scope)
        return prompts.join([_describe_group(scopes, prompts) for scopes in groups.values()])


def _group_key(scope: InspectionScope) -> tuple[int, int, str]:
    """The round (or the look-back) an inspection belongs to, for grouping."""
    if scope.phase == "lookback":
        return (1, 1, "lookback")
    return (scope.round or 0, 0, "")


def _describe_group(scopes: list[InspectionScope], prompts: Prompts) -> str:
    """One round (or the look-back) with its parts in brackets."""
    first = scopes[0]
    lookback = first.phase == "lookback"
    whole = InspectionScope(phase="lookback") if lookback else InspectionScope(round=first.round)
    if len(scopes) == 1 or (first.round is None and not lookback):
        return prompts.join(
            [
                prompts.phrase("coverage.unscoped")
                if scope == InspectionScope()
                else describe_scope(scope, prompts)
                for scope in scopes
            ]
        )
    parts = [prompts.phrase("coverage.pilot") for scope in scopes if scope.phase == "pilot"]
    batches = [scope.batch for scope in scopes if scope.batch is not None]
    if len(batches) == 1:
        parts.append(prompts.phrase("coverage.batch", batch=prompts.ordinal(batches[0])))
    elif batches:
        parts.append(prompts.phrase("coverage.batches", batches=_ordinal_runs(batches, prompts)))
    if whole in scopes:
        parts.append(prompts.phrase("coverage.whole"))
    return prompts.phrase("coverage.group", scope=describe_scope(whole, prompts), parts=prompts.series(parts))


def _ordinal_runs(numbers: list[int], prompts: Prompts) -> str:
    """[1, 2, 3, 4, 6] -> "first to fourth and sixth" (runs of three or more as ranges)."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    words: list[str] = []
    for run in runs:
        if len(run) >= 3:
            words.append(prompts.form("range", first=prompts.ordinal(run[0]), last=prompts.ordinal(run[-1])))
        else:
            words.extend(prompts.ordinal(n) for n in run)
    return prompts.join(words)


def coverage_of(version: IndexVersion) -> Coverage:
    """The coverage of one index version."""
    articles = Counter(as_tuple(doc.meta.scope) for doc in version.documents.values())
    passages = frozenset(as_tuple(chunk.scope) for chunk in version.chunks.outline()) | frozenset(articles)
    return Coverage(dict(articles), passages)
