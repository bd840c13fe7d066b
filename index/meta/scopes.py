"""Find mentions of inspection rounds, batches, the Hebei pilot and the "look-back" in text.

Recognised (English, case-insensitive): "the second round of the fourth batch", "the fourth batch of
the second round", "Second round, fourth batch", "second-round fourth batch", "round 2, batch 4",
"Round Two Batch Four", "the fourth batch", "batch four", "4th batch", "the first round",
"the first batch of the ... 'look-back'", "look-back batch 2", "the look-back", "the Hebei pilot",
"the inspection pilot". Chinese: 第二轮第四批, 第二轮中央生态环境保护督察第四批, 第三批, 首轮,
"回头看", 督察试点. Counts such as "in 31 batches" are not mentions.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from index.meta.ordinals import CARDINAL_RE, CN_NUMBER_RE, ORDINAL_RE, number_value, ordinal_value
from index.models import InspectionScope


class ScopeMention(NamedTuple):
    """One mention of an inspection in text: its scope and [start, end) offsets."""

    scope: InspectionScope
    start: int
    end: int


_NUM = rf"(?:{ORDINAL_RE}|{CARDINAL_RE})"
_NOT_NUMBER_CONTINUES = r"(?![\w,.]\d)(?!\w)"
_ROUND_ATOM = re.compile(
    rf"\b(?P<ord>{ORDINAL_RE})[\s-]+round\b(?!-the-clock)|\bround\s+(?:no\.\s*)?(?P<num>{_NUM}){_NOT_NUMBER_CONTINUES}"
    rf"|第(?P<cn>{CN_NUMBER_RE})轮|(?P<cnfirst>首)轮",
    re.IGNORECASE,
)
_BATCH_ATOM = re.compile(
    rf"\b(?P<ord>{ORDINAL_RE})[\s-]+batch\b(?!es)|\bbatch\s+(?:no\.\s*)?(?P<num>{_NUM}){_NOT_NUMBER_CONTINUES}"
    rf"|第(?P<cn>{CN_NUMBER_RE})批|(?P<cnfirst>首)批",
    re.IGNORECASE,
)
# "the first batch of typical cases", "第一批典型案例": a batch of something other than inspections.
_OTHER_BATCH = re.compile(
    r"\s+of\s+(?:[\w,-]+\s+){0,3}?(?:typical\s+)?(?:cases?|problems?|issues?|projects?|tasks?|funds?|lists?|"
    r"reports?|complaints?|clues?|examples?|rectifications?|measures?|pilots?)\b"
    r"|\s*(?:典型|案例|问题|整改|项目|任务|资金|清单|试点)",
    re.IGNORECASE,
)
_LOOKBACK = re.compile(r"look[\s-]?back|回头看", re.IGNORECASE)
_PILOT = re.compile(
    r"\bpilot\b(?![\s-]+(?:zones?|projects?|programm?es?|cit(?:y|ies)|areas?|schemes?|"
    r"reforms?|provinces?|counties|county|sites?|work))|试点",
    re.IGNORECASE,
)
_PILOT_CONTEXT = re.compile(r"inspect|Hebei|督察|河北", re.IGNORECASE)
# What may stand between a round and a following batch ("second round of the fourth batch",
# "second round, fourth batch", "round 2 batch 4", 第二轮中央生态环境保护督察第四批).
_ROUND_TO_BATCH = re.compile(
    r"\s*(?:(?:of|in|and)\s+(?:the\s+)?|,\s*|[-–]\s*|'s\s+|’s\s+)?|[^\s，。；、,.;]{0,20}", re.IGNORECASE
)
# Between a batch and a following round ("fourth batch of the second round",
# "sixth batch of central inspections in the second round").
_BATCH_TO_ROUND = re.compile(
    r"\s*(?:of|in|under|during|from)\s+(?:the\s+)?(?:[\w'’\"“”-]+\s+){0,6}?|\s*[-–,]\s*|\s+|[^\s，。；、,.;]{0,20}",
    re.IGNORECASE,
)
_BATCH_TO_LOOKBACK = re.compile(r"[^.;!?。；\n]{0,80}?$")
_LOOKBACK_TO_BATCH = re.compile(
    r"^[\"'“”‘’」]?\s*(?:'s\s+|’s\s+|inspections?\s+|inspectors?\s+)?$", re.IGNORECASE
)
# Words before a round-only mention that show the round is meant as a whole ("Across the first round").
_WHOLE_ROUND_CUE = re.compile(
    r"(?:\b(?:across|throughout|all\s+of|whole\s+of|entire|whole|full|complete|over)\s+(?:the\s+)?"
    r"(?:whole\s+|entire\s+|full\s+)?|整个|整轮)$",
    re.IGNORECASE,
)
# Timeline: (year, month) each inspection was launched (teams stationed), for dating articles without a year.
INSPECTION_STARTS: dict[tuple[int | None, int | None, str | None], tuple[int, int]] = {
    (1, None, "pilot"): (2016, 1),
    (1, 1, None): (2016, 7),
    (1, 2, None): (2016, 11),
    (1, 3, None): (2017, 4),
    (1, 4, None): (2017, 8),
    (None, 1, "lookback"): (2018, 5),
    (None, 2, "lookback"): (2018, 10),
    (2, 1, None): (2019, 7),
    (2, 2, None): (2020, 8),
    (2, 3, None): (2021, 4),
    (2, 4, None): (2021, 8),
    (2, 5, None): (2021, 12),
    (2, 6, None): (2022, 3),
    (3, 1, None): (2023, 11),
    (3, 2, None): (2024, 5),
    (3, 3, None): (2024, 10),
    (3, 4, None): (2025, 3),
    (3, 5, None): (2025, 11),
}


class _Atom(NamedTuple):
    kind: str  # "round", "batch", "lookback", "pilot"
    value: int | None
    start: int
    end: int


def _atom_value(match: re.Match[str]) -> int | None:
    if match.group("cnfirst"):
        return 1
    for name in ("ord", "num", "cn"):
        raw = match.group(name)
        if raw:
            return ordinal_value(raw) if name == "ord" else number_value(raw)
    return None


def _atoms(text: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    for kind, pattern in (("round", _ROUND_ATOM), ("batch", _BATCH_ATOM)):
        for match in pattern.finditer(text):
            value = _atom_value(match)
            if kind == "batch" and _OTHER_BATCH.match(text, match.end()):
                continue
            if value:
                atoms.append(_Atom(kind, value, match.start(), match.end()))
    for match in _LOOKBACK.finditer(text):
        atoms.append(_Atom("lookback", None, match.start(), match.end()))
    for match in _PILOT.finditer(text):
        window = text[max(0, match.start() - 80) : match.end() + 80]
        if _PILOT_CONTEXT.search(window):
            atoms.append(_Atom("pilot", None, match.start(), match.end()))
    atoms.sort(key=lambda atom: (atom.start, -atom.end))
    return atoms


def find_scopes(text: str) -> list[ScopeMention]:
    """All inspection mentions in ``text`` in reading order, adjacent round+batch(+look-back) combined."""
    atoms = _atoms(text)
    mentions: list[ScopeMention] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        gap = text[atom.end : nxt.start] if nxt is not None else ""
        if (
            atom.kind == "round"
            and nxt is not None
            and nxt.kind == "batch"
            and _ROUND_TO_BATCH.fullmatch(gap)
        ):
            mentions.append(
                ScopeMention(InspectionScope(round=atom.value, batch=nxt.value), atom.start, nxt.end)
            )
            i += 2
        elif (
            atom.kind == "batch"
            and nxt is not None
            and nxt.kind == "round"
            and _BATCH_TO_ROUND.fullmatch(gap)
        ):
            mentions.append(
                ScopeMention(InspectionScope(round=nxt.value, batch=atom.value), atom.start, nxt.end)
            )
            i += 2
        elif (
            atom.kind == "batch"
            and nxt is not None
            and nxt.kind == "lookback"
            and _BATCH_TO_LOOKBACK.match(gap)
        ):
            end = _closing_quote_end(text, nxt.end)
            mentions.append(
                ScopeMention(InspectionScope(batch=atom.value, phase="lookback"), atom.start, end)
            )
            i += 2
        elif (
            atom.kind == "lookback"
            and nxt is not None
            and nxt.kind == "batch"
            and _LOOKBACK_TO_BATCH.match(gap)
        ):
            mentions.append(
                ScopeMention(InspectionScope(batch=nxt.value, phase="lookback"), atom.start, nxt.end)
            )
            i += 2
        else:
            mentions.append(ScopeMention(_single_scope(atom), atom.start, atom.end))
            i += 1
    return mentions


def _single_scope(atom: _Atom) -> InspectionScope:
    if atom.kind == "round":
        return InspectionScope(round=atom.value)
    if atom.kind == "batch":
        return InspectionScope(batch=atom.value)
    if atom.kind == "pilot":
        return InspectionScope(round=1, phase="pilot")
    return InspectionScope(phase="lookback")


def _closing_quote_end(text: str, end: int) -> int:
    return end + 1 if end < len(text) and text[end] in "\"'”’」" else end


def whole_round(text: str, mentions: list[ScopeMention] | None = None) -> int | None:
    """The round ``text`` speaks of as a whole ("Across the first round" -> 1), else None."""
    for mention in find_scopes(text) if mentions is None else mentions:
        scope = mention.scope
        round_only = scope.round and scope.batch is None and scope.phase is None
        if round_only and _WHOLE_ROUND_CUE.search(text, max(0, mention.start - 40), mention.start):
            return scope.round
    return None


def scope_start(scope: InspectionScope) -> tuple[int, int] | None:
    """(year, month) an inspection began: the batch's, a whole round's last batch's, else None if unknown."""
    key = (scope.round, scope.batch, scope.phase)
    if key in INSPECTION_STARTS:
        return INSPECTION_STARTS[key]
    if scope.phase == "lookback" and scope.batch is None:
        return INSPECTION_STARTS[(None, 1, "lookback")]
    if scope.round and scope.batch is None and scope.phase is None:
        starts = [
            start for (rnd, _, phase), start in INSPECTION_STARTS.items() if rnd == scope.round and not phase
        ]
        return max(starts) if starts else None
    return None


def round_of_batch(batch: int, year: int, month: int) -> int | None:
    """The round whose batch ``batch`` had begun most recently by (``year``, ``month``): articles from
    2016-2017 say "the first batch" without "of the first round". None if no such batch had begun."""
    begun = [
        (start, rnd)
        for (rnd, number, phase), start in INSPECTION_STARTS.items()
        if number == batch and rnd and not phase and start <= (year, month)
    ]
    return max(begun)[1] if begun else None


def scope_matches(scope: InspectionScope, wanted: InspectionScope) -> bool:
    """True if ``scope`` is compatible with ``wanted``: every field set in ``wanted`` agrees."""
    return all(
        getattr(wanted, name) is None or getattr(scope, name) == getattr(wanted, name)
        for name in ("round", "batch", "phase")
    )


def merge_scopes(scopes: list[InspectionScope]) -> InspectionScope | None:
    """One scope from mentions that never disagree on a field ("the second round" and "the sixth batch" ->
    round 2, batch 6), or None when two of them do."""
    fields: dict[str, object] = {}
    for scope in scopes:
        for name in ("round", "batch", "phase"):
            value = getattr(scope, name)
            if value is not None and fields.setdefault(name, value) != value:
                return None
    return InspectionScope(**fields)  # type: ignore[arg-type]
