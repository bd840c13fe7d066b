"""What an index version covers: the inspections (rounds, batches, pilot, look-back) and article counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bot.engine.prompts import Prompts
from index.models import InspectionScope
from index.ordinals import ORDINAL_WORDS
from index.scopes import scope_matches
from index.store import IndexVersion

_ORDINAL_NAMES = {value: word for word, value in ORDINAL_WORDS.items() if " " not in word}


def ordinal_word(n: int) -> str:
    """4 -> "fourth" (words only, so scope names never put a digit into an answer)."""
    return _ORDINAL_NAMES.get(n, "later")


def describe_scope(scope: InspectionScope, prompts: Prompts) -> str:
    """Words for an inspection: "the fourth batch of the second round", "the Hebei pilot inspection"."""
    if scope.phase == "pilot":
        return prompts.phrase("scope.pilot")
    if scope.phase == "lookback":
        if scope.batch:
            return prompts.phrase("scope.lookback_batch", batch=ordinal_word(scope.batch))
        return prompts.phrase("scope.lookback")
    if scope.round and scope.batch:
        return prompts.phrase(
            "scope.round_batch", round=ordinal_word(scope.round), batch=ordinal_word(scope.batch)
        )
    if scope.round:
        return prompts.phrase("scope.round", round=ordinal_word(scope.round))
    if scope.batch:
        return prompts.phrase("scope.batch", batch=ordinal_word(scope.batch))
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
        """One line: "the fourth batch of the second round (2 articles), ..."."""
        if not self.articles:
            return "no articles"
        parts = []
        for scope in self.scopes():
            count = self.articles[as_tuple(scope)]
            parts.append(f"{describe_scope(scope, prompts)} ({count} article{'s' if count != 1 else ''})")
        return ", ".join(parts)


def coverage_of(version: IndexVersion) -> Coverage:
    """The coverage of one index version."""
    articles = Counter(as_tuple(doc.meta.scope) for doc in version.documents.values())
    passages = frozenset(as_tuple(chunk.scope) for chunk in version.chunks) | frozenset(articles)
    return Coverage(dict(articles), passages)
