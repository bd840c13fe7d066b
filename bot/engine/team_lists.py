"""The entries of a team list: each team's own places, leader, deputy, name and stationing, read together
even where one entry runs over several lines.

Real lists come in several layouts, and machine translation breaks their lines:

- one line per team: "第一组：辽宁、吉林，组长朱小丹，副组长翟青；", "Hebei: the First Central Environmental
  Protection Inspection Team, stationed from May 31 to June 30, 2018; hotline ...";
- one team over several lines: "Group\\n2: Shandong Province\\nLeader: Zhu Zhixin; Deputy leader: Ye Min;";
- a WeChat-style list per province: "黑龙江\\n中央第三环境保护督察组\\n进驻时间：2018年5月30日—6月30日\\n
  值班电话：…".

The lines are read in order, each for its fields (``FIELDS``: the team's number, the places, the leader,
the deputy, the stationing dates), and a line starts a new entry when it states a field the current entry
already has; a line that is no list line (long prose, or one naming more places than a team inspects) ends
the entry, and so does a line naming two teams (a sentence pairing each with its place, read clause by
clause instead: ``clause_entries``). Phone numbers, post-office boxes and postcodes are no field: their
lines stay inside the entry and are never read as figures. A document's entries count only where it lists
at least ``MIN_ENTRIES`` teams with their places.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from bot.engine.chinese_time import StatedDay, stated_days
from bot.engine.evidence import Corpus, DocumentView
from bot.engine.leaders import MAX_TEAM_PLACES, TEAM_MENTION, named_leaders, named_places, team_number
from index.meta.events import TRIGGERS
from index.text.chinese import fold

FIELDS = ("team", "places", "leader", "deputy", "stationed")
MAX_LINE_CHARS = 240  # a list line is short; a longer one is prose
MIN_ENTRIES = 2  # a document lists teams when it gives at least this many with their places

_LINE = re.compile(r"[^\n]+")
# "Group", "Central Environmental Protection Inspection Team": a team's head broken off its number
_HEAD_ALONE = re.compile(r"^\s*(?:[A-Za-z-]+\s+){0,6}?(?:Group|Team)\s*(?:No\.?)?\s*$", re.IGNORECASE)
_HEAD_NUMBER = re.compile(r"^\s*(?P<n>\d{1,2})\s*[:：.、]")  # "2: Shandong Province" after it
_PIECE = re.compile(r"[^，,；;。\n]+")  # a clause of a sentence
_LINE_END = " \t\u3000；;，,、。"  # a list line's closing separator ("…负责湖北省；"): no part of its entry


@dataclass(frozen=True)
class TeamEntry:
    """One team of a list: its number and name as written, the places it inspected, its leader and deputy,
    when it was stationed (the stated day, if any), and the span of its lines."""

    sentence: int
    start: int
    end: int
    team: int | None = None
    name: str = ""
    places: tuple[str, ...] = ()
    leader: str = ""
    deputy: str = ""
    stationed: StatedDay | None = None
    stationed_at: tuple[int, int] | None = None  # the span of the stationing's line
    fields: frozenset[str] = field(default_factory=frozenset)

    def arrival(self, year: int | None) -> tuple[int, int, int] | None:
        """(year, month, day) the team was stationed (``year`` when the line states none), or None."""
        if self.stationed is None:
            return None
        return (self.stationed.year or year or 0, self.stationed.month, self.stationed.day)


def _line_fields(
    line: str, start: int, head: tuple[int, int] | None, places: list[str]
) -> tuple[dict[str, object], int]:
    """The fields one line states (``places``: the places it names; with the number of a "Group" head on
    the line before), and where the entry's text begins (the head's start)."""
    found: dict[str, object] = {}
    begin = start
    numbered = _HEAD_NUMBER.match(line) if head is not None else None
    if numbered is not None and head is not None:
        found["team"] = int(numbered.group("n"))
        begin = head[0]
    else:
        number = team_number(line)
        if number is not None:
            found["team"] = number
            mention = TEAM_MENTION.search(fold(line))
            if mention is not None:
                found["name"] = " ".join(line[mention.start() : mention.end()].split())
    if 0 < len(places) <= MAX_TEAM_PLACES:
        found["places"] = tuple(places)
    for named in named_leaders(line):
        found.setdefault("deputy" if named.deputy else "leader", named.name)
    if TRIGGERS["stationed"].search(fold(line)):
        days = stated_days(line)
        if days:
            found["stationed"] = days[0]
    return found, begin


def _teams_named(line: str) -> int:
    """How many teams a line names ("中央第四督察组负责江西省，中央第八督察组负责云南省": two, a sentence)."""
    return len(TEAM_MENTION.findall(fold(line)))


def _sentence_of(view: DocumentView, offset: int) -> int:
    return next(
        (i for i, (start, end) in enumerate(view.document.sentences) if start <= offset < end),
        max(len(view.document.sentences) - 1, 0),
    )


def read_entries(view: DocumentView) -> tuple[TeamEntry, ...]:
    """The team entries of one document (none unless it lists at least ``MIN_ENTRIES`` placed teams)."""
    text = view.text
    entries: list[TeamEntry] = []
    current: TeamEntry | None = None
    head: tuple[int, int] | None = None

    def close() -> None:
        nonlocal current
        if current is not None and current.places:
            entries.append(current)
        current = None

    for match in _LINE.finditer(text):
        line, start = match.group(0), match.start()
        end = start + len(line.rstrip(_LINE_END))
        if _HEAD_ALONE.match(line) and team_number(line) is None:
            close()
            head = (start, end)
            continue
        places = named_places(line) if len(line) <= MAX_LINE_CHARS else []
        if len(line) > MAX_LINE_CHARS or len(places) > MAX_TEAM_PLACES or _teams_named(line) > 1:
            close()
            head = None
            continue
        found, begin = _line_fields(line, start, head, places)
        head = None
        stated = frozenset(key for key in FIELDS if key in found)
        if not stated:
            continue  # a phone, post box or blank line: inside the entry, never one of its fields
        if current is None or stated & current.fields:
            close()
            current = TeamEntry(_sentence_of(view, begin), begin, end)
        day = found.get("stationed")
        current = replace(
            current,
            end=end,
            team=found.get("team", current.team),  # type: ignore[arg-type]
            name=found.get("name", current.name),  # type: ignore[arg-type]
            places=found.get("places", current.places),  # type: ignore[arg-type]
            leader=found.get("leader", current.leader),  # type: ignore[arg-type]
            deputy=found.get("deputy", current.deputy),  # type: ignore[arg-type]
            stationed=day if isinstance(day, StatedDay) else current.stationed,
            stationed_at=(start, end) if isinstance(day, StatedDay) else current.stationed_at,
            fields=current.fields | stated,
        )
    close()
    return tuple(entries) if len(entries) >= MIN_ENTRIES else ()


def clause_entries(view: DocumentView) -> tuple[TeamEntry, ...]:
    """The clauses tying one numbered team to its places with no list around them ("按照分工，中央第四生态环境
    保护督察组负责江西省，中央第八生态环境保护督察组负责云南省": two entries)."""
    found = []
    for i, (start, end) in enumerate(view.document.sentences):
        for piece in _PIECE.finditer(view.text, start, end):
            text = piece.group(0)
            mention = TEAM_MENTION.search(fold(text))
            places = named_places(text)
            if mention is None or _teams_named(text) > 1 or not 0 < len(places) <= MAX_TEAM_PLACES:
                continue
            name = " ".join(text[mention.start() : mention.end()].split())
            team = team_number(text)
            found.append(TeamEntry(i, piece.start(), piece.end(), team, name, tuple(places)))
    return tuple(found)


class TeamLists:
    """The team entries of a corpus's documents, read on first use."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._entries: dict[str, tuple[TeamEntry, ...]] = {}
        self._clauses: dict[str, tuple[TeamEntry, ...]] = {}
        self._lock = threading.Lock()

    def entries(self, doc_id: str) -> tuple[TeamEntry, ...]:
        """The team entries of ``doc_id``."""
        return self._read(self._entries, doc_id, read_entries)

    def clauses(self, doc_id: str) -> tuple[TeamEntry, ...]:
        """The clauses of ``doc_id`` tying one numbered team to its places."""
        return self._read(self._clauses, doc_id, clause_entries)

    def _read(
        self,
        cache: dict[str, tuple[TeamEntry, ...]],
        doc_id: str,
        reader: Callable[[DocumentView], tuple[TeamEntry, ...]],
    ) -> tuple[TeamEntry, ...]:
        with self._lock:
            cached = cache.get(doc_id)
        if cached is None:
            cached = reader(self.corpus.view(doc_id))
            with self._lock:
                cache[doc_id] = cached
        return cached
