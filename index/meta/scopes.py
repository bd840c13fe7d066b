"""Find mentions of inspection rounds, batches, the Hebei pilot and the "look-back" in text.

Recognised (English, case-insensitive): "the second round of the fourth batch", "the fourth batch of
the second round", "Second round, fourth batch", "second-round fourth batch", "round 2, batch 4",
"Round Two Batch Four", "the fourth batch", "batch four", "4th batch", "the first round",
"the first batch of the ... 'look-back'", "look-back batch 2", "the look-back", "the Hebei pilot",
"the inspection pilot", "Hebei was chosen as a pilot project", "Hebei, where the inspection was
piloted". Also "the second group of inspectors" / "the second set of inspections" (batch 2; "the fifth
group of the second round" is a loose mention: batch 5, or team No. 5; "the Fifth Central ...
Supervision Group" is a team and is not matched), "the first full round", the "acceptance check" and
"looking back" of rectification (the look-back). Chinese: 第二轮第四批, 第二轮中央生态环境保护督察第四批,
第三批, 首轮, "回头看", 督察试点. Counts such as "in 31 batches" are not mentions, nor is "since the pilot" /
"after the Hebei pilot" (a point in time, not the pilot).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from index.meta.calendar import load_calendar
from index.meta.glosses import original_span, without_glosses
from index.meta.ordinals import CARDINAL_RE, CN_NUMBER_RE, ORDINAL_RE, number_value, ordinal_value
from index.models import InspectionScope
from index.text.chinese import fold


class ScopeMention(NamedTuple):
    """One mention of an inspection in text: its scope and [start, end) offsets. ``loose``: the batch
    number may be a team's ("the fifth group of the second round" is batch 5, or team No. 5 of some
    batch of the round), so the provinces and dates named beside it decide."""

    scope: InspectionScope
    start: int
    end: int
    loose: bool = False


_NUM = rf"(?:{ORDINAL_RE}|{CARDINAL_RE})"
_NOT_NUMBER_CONTINUES = r"(?![\w,.]\d)(?!\w)"
_ROUND_ATOM = re.compile(
    rf"\b(?P<ord>{ORDINAL_RE})[\s-]+(?:(?:full|complete|whole|entire|new|nationwide|national)[\s-]+)?round\b"
    rf"(?!-the-clock)|\bround\s+(?:no\.\s*)?(?P<num>{_NUM}){_NOT_NUMBER_CONTINUES}"
    rf"|第(?P<cn>{CN_NUMBER_RE})轮|(?P<cnfirst>首)轮",
    re.IGNORECASE,
)
_BATCH_ATOM = re.compile(
    rf"\b(?P<ord>{ORDINAL_RE})[\s-]+batch\b(?!es)|\bbatch\s+(?:no\.\s*)?(?P<num>{_NUM}){_NOT_NUMBER_CONTINUES}"
    rf"|第(?P<cn>{CN_NUMBER_RE})批|(?P<cnfirst>首)批"
    # "the second group of inspectors", "the second set of inspections", "the sixth group of the second
    # round": a batch (but "the Fifth Central ... Supervision Group" and "the Fifth Group of the central
    # inspection team" are teams, and are not matched).
    rf"|\b(?P<grp>{ORDINAL_RE})[\s-]+(?:group|set)\b(?=\s+of\s+(?:the\s+)?(?:[\w-]+\s+){{0,5}}?"
    r"(?:inspectors?|inspection\s+teams|inspections?(?!\s+(?:team|group)\b)|teams|round)\b)",
    re.IGNORECASE,
)
# "the first batch of typical cases", "第一批典型案例", "第二十三批群众信访举报件" (the 23rd batch of
# complaints handed over): a batch of something other than inspections.
_OTHER_BATCH = re.compile(
    r"\s+of\s+(?:[\w,-]+\s+){0,3}?(?:typical\s+)?(?:cases?|problems?|issues?|projects?|tasks?|funds?|lists?|"
    r"reports?|complaints?|clues?|examples?|rectifications?|measures?|pilots?)\b"
    r"|\s*(?:典型|案例|问题|整改|项目|任务|资金|清单|试点|群众|信访|举报|来信|来电|交办|转办|移交|线索|案件)",
    re.IGNORECASE,
)
# A Chinese series of batches: 第一、二批, 第一至四批, 第一批至第三批, 第三、第四批 (each number, and those
# of a range).
_SERIES_SEPARATORS = r"、|，|,|和|及|与|至|到|—|-|–"
_RANGE_SEPARATORS = {"至", "到", "—", "-", "–"}
_SERIES_GAP = re.compile(rf"(?:{_SERIES_SEPARATORS})?")
_BATCH_SERIES_ZH = re.compile(
    rf"第(?:{CN_NUMBER_RE})批?(?:(?:{_SERIES_SEPARATORS})第?(?:{CN_NUMBER_RE})批?)+"
)
_SERIES_NUMBER = re.compile(rf"(?P<sep>{_SERIES_SEPARATORS})?(?P<num>第?(?P<n>{CN_NUMBER_RE})批?)")
_CACHED_TEXTS = 8192  # texts whose mentions find_scopes keeps
# No round had more than a handful of batches: "第二十三批" is a batch of complaints, whatever follows it.
_MAX_BATCH = 12
_LOOKBACK = re.compile(r"look(?:ing)?[\s-]?back|回头看|\bacceptance\s+checks?\b", re.IGNORECASE)
_LOOKBACK_CONTEXT = re.compile(r"inspect|rectif|督察|整改", re.IGNORECASE)
_PILOT = re.compile(
    r"\bpilot\b(?![\s-]+(?:zones?|programm?es?|cit(?:y|ies)|areas?|schemes?|"
    r"reforms?|provinces?|counties|county|sites?|work))(?P<project>[\s-]+projects?\b)?|"
    r"(?P<verb>\bpiloted\b|\btrial\s+(?:run|basis|inspections?)\b|\bfirst\s+tried\s+out\b)",
    re.IGNORECASE,
)
# "Hebei, where the inspection was piloted": the verb is the pilot only beside both Hebei and the inspection.
_PILOT_VERB_CONTEXT = (re.compile(r"inspect", re.IGNORECASE), re.compile(r"Hebei"))
# "a pilot project" is the inspection pilot only beside Hebei ("Hebei was chosen as a pilot project").
_PILOT_PROJECT_CONTEXT = re.compile(r"Hebei")
# "since the pilot", "after the Hebei pilot", "following a pilot": a point in time, not the pilot itself.
_SINCE_PILOT = re.compile(
    r"\b(?:since|after|following|from)\s+(?:the\s+|a\s+|its\s+)?(?:\w+\s+){0,3}?$", re.IGNORECASE
)
_PILOT_CONTEXT = re.compile(r"inspect|Hebei", re.IGNORECASE)
# 试点 is the inspection pilot beside the inspection or Hebei: 督察试点, 试点督察, 河北试点, 在河北开展试点,
# 河北省开展环境保护督察试点, 试点在河北 (not 河北 ... 修复试点, a pilot of something else).
_PILOT_ZH = re.compile(r"试点")
_PILOT_ZH_BEFORE = re.compile(
    r"(?:督察|督查)(?:工作)?$|河北省?(?:率先|首先|先行)?(?:开展|进行|启动)?了?"
    r"(?:中央)?(?:生态环境保护|环境保护|生态环保|环保)?(?:督察|督查)?的?$"
)
_PILOT_ZH_AFTER = re.compile(r"(?:督察|督查|(?:在|于)河北)")
# ... but 自试点以来, 从河北省试点开始, 试点以来 are a point in time; and 对国家能源局 ... 2个部门
# 开展督察试点 is the departments' pilot of 2020, not the Hebei pilot.
_PILOT_ZH_SINCE_BEFORE = re.compile(r"(?:自|从)[^，。；,;]{0,20}$")
_PILOT_ZH_SINCE_AFTER = re.compile(r"(?:工作)?(?:开始)?以来|开始")
_PILOT_ZH_OTHER = re.compile(r"部门[^，。；,;]{0,12}$")
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
# ... and between the first round and its look-back: 第一轮中央环境保护督察“回头看”, "first round's look-back"
# (not "the first round and the look-back", 第一轮督察和“回头看”: two inspections).
_ROUND_TO_LOOKBACK = re.compile(
    r"(?:\s|['’]s|[-–]|中央|生态环境保护|环境保护|生态环保|环保|督察|整改|工作|的|[\"“「'‘])*",
    re.IGNORECASE,
)
_LOOKBACK_TO_BATCH = re.compile(
    r"^[\"'“”‘’」]?\s*(?:'s\s+|’s\s+|inspections?\s+|inspectors?\s+)?$", re.IGNORECASE
)
# Words before a round-only mention that show the round is meant as a whole ("Across the first round").
_WHOLE_ROUND_CUE = re.compile(
    r"(?:\b(?:across|throughout|all\s+of|whole\s+of|entire|whole|full|complete|over)\s+(?:the\s+)?"
    r"(?:whole\s+|entire\s+|full\s+)?|整个|整轮)$",
    re.IGNORECASE,
)
# ... or after it, a Chinese round said to be over: 第一轮中央环保督察全部完成, 首轮督察结果全部公开,
# 第二轮督察收官 (not its rectification: 第一轮督察整改任务已完成).
_WHOLE_ROUND_AFTER_ZH = re.compile(
    r"[^，。；！？,;]{0,24}?(?:(?:全部|全面|圆满|已经|已|基本)(?:完成|结束|公开|落下帷幕)|收官)"
)


@cache
def inspection_starts() -> dict[tuple[int | None, int | None, str | None], tuple[int, int]]:
    """(round, batch, phase) -> (year, month) each inspection was launched, from the inspection calendar."""
    return {
        (entry.scope.round, entry.scope.batch, entry.scope.phase): (
            entry.stationed_from.year,
            entry.stationed_from.month,
        )
        for entry in load_calendar().entries
    }


class _Atom(NamedTuple):
    kind: str  # "round", "batch", "lookback", "pilot"
    value: int | None
    start: int
    end: int
    loose: bool = False  # "the second group of ...": a batch, or a team


def _atom_value(match: re.Match[str]) -> int | None:
    if match.group("cnfirst"):
        return 1
    for name in ("ord", "num", "cn", "grp"):
        raw = match.group(name)
        if raw:
            return ordinal_value(raw) if name in ("ord", "grp") else number_value(raw)
    return None


def _batch_series(text: str) -> list[_Atom]:
    """One batch atom per number of a Chinese series: 第一、二批, 第一至四批 (1 to 4), 第一批至第三批."""
    atoms: list[_Atom] = []
    for series in _BATCH_SERIES_ZH.finditer(text):
        if not series.group(0).endswith("批") or _OTHER_BATCH.match(text, series.end()):
            continue
        numbers = list(_SERIES_NUMBER.finditer(text, series.start(), series.end()))
        values = [number_value(number.group("n")) or 0 for number in numbers]
        if not all(0 < value <= _MAX_BATCH for value in values):
            continue  # 第二十、二十一批: batches of complaints
        for index, (number, value) in enumerate(zip(numbers, values, strict=True)):
            start, end = number.span("num")
            if index and number.group("sep") in _RANGE_SEPARATORS and values[index - 1] < value:
                atoms += [_Atom("batch", n, start, end) for n in range(values[index - 1] + 1, value)]
            atoms.append(_Atom("batch", value, start, end))
    return atoms


def _atoms(text: str) -> list[_Atom]:
    atoms: list[_Atom] = _batch_series(text)
    in_series = [(atom.start, atom.end) for atom in atoms]
    for kind, pattern in (("round", _ROUND_ATOM), ("batch", _BATCH_ATOM)):
        for match in pattern.finditer(text):
            value = _atom_value(match)
            if kind == "batch" and _OTHER_BATCH.match(text, match.end()):
                continue
            if kind == "batch" and any(start <= match.start() < end for start, end in in_series):
                continue  # read with its series
            if value and not (kind == "batch" and value > _MAX_BATCH):
                loose = kind == "batch" and bool(match.group("grp"))
                atoms.append(_Atom(kind, value, match.start(), match.end(), loose))
    for match in _LOOKBACK.finditer(text):
        window = text[max(0, match.start() - 80) : match.end() + 80]
        loose = match.group(0).lower().startswith(("looking", "acceptance"))
        if not loose or _LOOKBACK_CONTEXT.search(window):
            atoms.append(_Atom("lookback", None, match.start(), match.end()))
    for match in _PILOT.finditer(text):
        window = text[max(0, match.start() - 80) : match.end() + 80]
        since = _SINCE_PILOT.search(text, max(0, match.start() - 40), match.start())
        if match.group("verb"):
            fits = all(context.search(window) for context in _PILOT_VERB_CONTEXT)
        else:
            context = _PILOT_PROJECT_CONTEXT if match.group("project") else _PILOT_CONTEXT
            fits = bool(context.search(window))
        if fits and not since:
            atoms.append(_Atom("pilot", None, match.start(), match.end()))
    atoms += [
        _Atom("pilot", None, m.start(), m.end()) for m in _PILOT_ZH.finditer(text) if _zh_pilot(text, m)
    ]
    atoms.sort(key=lambda atom: (atom.start, -atom.end))
    return atoms


def _zh_pilot(text: str, match: re.Match[str]) -> bool:
    """Whether 试点 at ``match`` is the Hebei inspection pilot (see ``_PILOT_ZH_BEFORE``)."""
    start, end = match.start(), match.end()
    before = max(0, start - 30)
    beside = bool(_PILOT_ZH_BEFORE.search(text, before, start) or _PILOT_ZH_AFTER.match(text, end))
    since = _PILOT_ZH_SINCE_BEFORE.search(text, before, start) or _PILOT_ZH_SINCE_AFTER.match(text, end)
    return beside and not since and not _PILOT_ZH_OTHER.search(text, max(0, start - 40), start)


def find_scopes(text: str) -> list[ScopeMention]:
    """All inspection mentions in ``text`` in reading order, adjacent round+batch(+look-back) combined.
    Matched on ``fold(text)`` without pinyin glosses (index/meta/glosses.py): traditional characters and
    full-width digits read as simplified and ASCII, "第(dì)二轮" as 第二轮; the offsets are those of
    ``text``. Memoised: the engine reads the same passages for many questions."""
    return list(_find_scopes(text))


@lru_cache(maxsize=_CACHED_TEXTS)
def _find_scopes(text: str) -> tuple[ScopeMention, ...]:
    plain, where = without_glosses(fold(text))
    mentions = _mentions(plain)
    if where is None:
        return tuple(mentions)
    mapped = []
    for mention in mentions:
        start, end = original_span(where, mention.start, mention.end)
        mapped.append(mention._replace(start=start, end=end))
    return tuple(mapped)


def _mentions(text: str) -> list[ScopeMention]:
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
                ScopeMention(
                    InspectionScope(round=atom.value, batch=nxt.value), atom.start, nxt.end, nxt.loose
                )
            )
            i += 2
        elif (
            atom.kind == "round"
            and atom.value == 1
            and nxt is not None
            and nxt.kind == "lookback"
            and _ROUND_TO_LOOKBACK.fullmatch(gap)
        ):  # 第一轮中央环境保护督察“回头看”(第二批): the look-back of 2018 is the first round's
            after = atoms[i + 2] if i + 2 < len(atoms) else None
            if (
                after is not None
                and after.kind == "batch"
                and _LOOKBACK_TO_BATCH.match(text[nxt.end : after.start])
            ):
                mentions.append(
                    ScopeMention(InspectionScope(batch=after.value, phase="lookback"), atom.start, after.end)
                )
                i += 3
                continue
            end = _closing_quote_end(text, nxt.end)
            mentions.append(ScopeMention(InspectionScope(phase="lookback"), atom.start, end))
            i += 2
        elif (
            atom.kind == "batch"
            and nxt is not None
            and nxt.kind == "round"
            and _BATCH_TO_ROUND.fullmatch(gap)
        ):
            mentions.append(
                ScopeMention(
                    InspectionScope(round=nxt.value, batch=atom.value), atom.start, nxt.end, atom.loose
                )
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
    return _series_completed(text, mentions)


def _series_completed(text: str, mentions: list[ScopeMention]) -> list[ScopeMention]:
    """Bare batches of a series take the round or look-back the series names once: 第二轮第一、二批 is
    round 2, batches 1 and 2; 第一、二批“回头看” is look-back batches 1 and 2."""
    done = list(mentions)
    for _ in range(2):  # forwards then backwards along the series
        for i in range(len(done) - 1):
            left, right = done[i], done[i + 1]
            if right.start > left.end and not _SERIES_GAP.fullmatch(text, left.end, right.start):
                continue  # (the batches of a range share one span)
            for bare, full, index in ((left, right, i), (right, left, i + 1)):
                scope, other = bare.scope, full.scope
                if (
                    scope.batch
                    and not scope.round
                    and not scope.phase
                    and other.batch
                    and (other.round or other.phase)
                ):
                    done[index] = bare._replace(scope=other.model_copy(update={"batch": scope.batch}))
    return done


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
    """The round ``text`` speaks of as a whole ("Across the first round" -> 1, 第一轮督察全部完成 -> 1), else
    None."""
    text = fold(text)
    for mention in find_scopes(text) if mentions is None else mentions:
        scope = mention.scope
        round_only = scope.round and scope.batch is None and scope.phase is None
        if round_only and _whole_round_cue(text, mention):
            return scope.round
    return None


def _whole_round_cue(text: str, mention: ScopeMention) -> bool:
    if _WHOLE_ROUND_CUE.search(text, max(0, mention.start - 40), mention.start):
        return True
    after = _WHOLE_ROUND_AFTER_ZH.match(text, mention.end)
    return bool(after and "整改" not in after.group(0) and not find_scopes(after.group(0)))


def scope_start(scope: InspectionScope) -> tuple[int, int] | None:
    """(year, month) an inspection began: the batch's, a whole round's last batch's, else None if unknown."""
    starts_by_scope = inspection_starts()
    key = (1 if scope.phase == "pilot" else scope.round, scope.batch, scope.phase)
    if key in starts_by_scope:
        return starts_by_scope[key]
    if scope.phase == "lookback" and scope.batch is None:
        return starts_by_scope.get((None, 1, "lookback"))
    if scope.round and scope.batch is None and scope.phase is None:
        starts = [
            start for (rnd, _, phase), start in starts_by_scope.items() if rnd == scope.round and not phase
        ]
        return max(starts) if starts else None
    return None


def round_of_batch(batch: int, year: int, month: int) -> int | None:
    """The round whose batch ``batch`` had begun most recently by (``year``, ``month``): articles from
    2016-2017 say "the first batch" without "of the first round". None if no such batch had begun."""
    begun = [
        (start, rnd)
        for (rnd, number, phase), start in inspection_starts().items()
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
