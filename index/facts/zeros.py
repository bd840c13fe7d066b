"""Zeros said in words: "暂无人员被问责", "无一人被问责", "没有人员问责", "no official was punished", "no one
has been held accountable". Each is a figure of value 0 whose phrase is the words that say it, so the
facts table gets a zero row of the metric its cue names and an answer quotes the words.

Only people, enterprises and cases can be none: "no significant progress", "no longer" are no zeros, and a
zero counts only where a metric's cue stands next to it (index/facts/table.py keeps no zero by its noun
alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.text.chinese import fold

# "无一人", "暂无人员", "没有人员", "未有干部": the phrase, then what it counts (the counter of the figure)
_ZH_ZERO = re.compile(
    r"(?P<phrase>无一|暂无|尚无|没有|并无|未有|均无)(?P<counter>人员?|名|家(?:企业)?|起|件|干部|领导干部|企业)"
)
# "no official was punished", "no officials have been held accountable", "no one was detained",
# "none of the companies were fined"
_EN_ZERO = re.compile(
    r"\b(?P<phrase>[Nn]o(?:\s+one\b)?|[Nn]one(?=\s+of\s+the\s+(?:officials|cadres|companies|enterprises)\b))"
    r"(?=\s+(?:one\b|(?:[a-z-]+\s+)?(?:officials?|cadres?|people|persons?|individuals?|companies|company"
    r"|enterprises?|firms?|cases?)\b|of\s+the\b|(?:was|were|has|have)\b))"
)


@dataclass(frozen=True)
class Zero:
    """A zero in words: ``text[start:end]`` is its phrase; a Chinese one's counter follows it."""

    start: int
    end: int
    counter_start: int = 0
    counter_end: int = 0


def find_zeros(text: str, start: int = 0, end: int | None = None) -> list[Zero]:
    """The zeros said in words in ``text[start:end]``, with offsets into ``text``, in order."""
    end = len(text) if end is None else end
    stretch = text[start:end]
    if stretch.isascii():
        return [Zero(start + m.start("phrase"), start + m.end("phrase")) for m in _EN_ZERO.finditer(stretch)]
    return [
        Zero(
            start + m.start("phrase"),
            start + m.end("phrase"),
            start + m.start("counter"),
            start + m.end("counter"),
        )
        for m in _ZH_ZERO.finditer(fold(stretch))
    ]
