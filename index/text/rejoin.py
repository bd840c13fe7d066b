"""Rejoin the entries of a team list that a machine translation broke over lines.

Translated pages cut one entry of a list of inspection teams over two or three lines ("Group" / "3:
Shandong" / "Leader: Zhu Zhixin, deputy leader: Zhai Qing;"), so each line would read as a sentence of its
own and the team's number, province and leader would never be read together. A line break inside such an
entry becomes a space: the text keeps its length, so every offset still holds.

The rules are the table ``JOINS``: a line that ends on a team word waiting for its number, followed by the
number; a team's entry not yet closed (no ``.``, ``;`` or ``。``), followed by its leader or its province.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.meta.ordinals import ORDINAL_RE

_TEAM_WORD = r"(?:groups?|teams?|inspection\s+(?:groups?|teams?)|supervision\s+(?:groups?|teams?))"
_NUMBER = rf"(?:No\.\s*)?(?:\d{{1,2}}|{ORDINAL_RE})"
# The start of a team's entry: "Group 3: Shandong", "3: Shandong" (its word on the line above), "The third
# group:", "No. 2 team -", "第三组：".
_ENTRY = re.compile(
    rf"\b(?:{_TEAM_WORD}\s+{_NUMBER}|{_NUMBER}\s+{_TEAM_WORD})\s*[:：-]|^\W*(?:No\.\s*)?\d{{1,2}}\s*[:：]"
    r"|第[一二三四五六七八九十\d]{1,3}(?:督察)?组\s*[:：]",
    re.IGNORECASE,
)
_LEADER = re.compile(
    r"^\W*(?:(?:deputy\s+|team\s+|group\s+)?(?:leaders?|heads?)\b|led\s+by\b|headed\s+by\b|组长|副组长)",
    re.IGNORECASE,
)
_CLOSED = re.compile(r"[.;!?。；！？]\s*$")
MAX_LINE = 200  # a longer line is a paragraph, never a piece of a list entry


@dataclass(frozen=True)
class Join:
    """One rule: a line matching ``before`` is joined with the next line when that matches ``after``."""

    name: str
    before: re.Pattern[str]
    after: re.Pattern[str]


JOINS: tuple[Join, ...] = (
    # "... Central Ecological Environmental Protection Inspection Group" / "3: Shandong ..."
    Join(
        "number on the next line",
        re.compile(rf"\b{_TEAM_WORD}\s*$", re.IGNORECASE),
        re.compile(r"^\s*(?:No\.\s*)?\d{1,2}\s*[:：]"),
    ),
    # "Group 3: Shandong" / "Leader: Zhu Zhixin ..."
    Join("leader on the next line", _ENTRY, _LEADER),
)


def _joined(line: str, following: str) -> bool:
    if len(line) > MAX_LINE or len(following) > MAX_LINE or _CLOSED.search(line):
        return False
    return any(rule.before.search(line) and rule.after.search(following) for rule in JOINS)


def rejoin_split_entries(text: str) -> str:
    """``text`` with the line breaks inside a team list's entries made spaces (same length)."""
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    pieces = [lines[0]]
    current = lines[0]  # the entry built so far, to test the next line against
    for line in lines[1:]:
        if current.strip() and line.strip() and _joined(current, line):
            pieces.append(" " + line)
            current = f"{current} {line}"
        else:
            pieces.append("\n" + line)
            current = line
    return "".join(pieces)
