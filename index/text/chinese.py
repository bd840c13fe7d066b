"""Chinese text for matching: a length-preserving fold and the language of a text.

``fold`` maps a text, character for character, to the form the patterns are written in: traditional
characters to simplified (OpenCC ``t2s``, applied per character and kept only where the result is one
character), CJK compatibility ideographs to their unified form (OpenCC does that too), and full-width
digits, Latin letters and the number signs ``％ ． － ／ ＋`` to ASCII. The full-width ``，：；（）`` stay:
they are Chinese punctuation in their own right and the patterns name them. Because the result has the
same length, a match found in ``fold(text)`` is the same span of ``text``: use the fold for matching
only and quote the original.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

import opencc

# The unified and compatibility CJK ideograph blocks of the Basic Multilingual Plane, where OpenCC's t2s
# tables fold what news text writes (characters of the supplementary planes are left as they are).
_HAN_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df\U0002f800-\U0002fa1f]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
# Full-width forms folded to ASCII: digits, letters and the signs written inside numbers and dates.
_FULL_WIDTH = (
    "０１２３４５６７８９"
    + "".join(chr(c) for c in range(0xFF21, 0xFF3B))
    + "".join(chr(c) for c in range(0xFF41, 0xFF5B))
)
_FULL_WIDTH_SIGNS = "％．－／＋"
# One Latin letter weighs as much as a third of a Han character: an English word of five letters says
# about what one or two characters say.
LETTERS_PER_HAN = 3


# What the fold may change: a text without any of these is its own fold (English with curly quotes).
_FOLDABLE = re.compile("[\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


@functools.cache
def _table() -> str:
    """The fold as a str.translate table, built once (about 40 ms) on the first text that needs it: a string
    indexed by code point (a lookup in it is faster than in a dict) over the Basic Multilingual Plane."""
    converter = opencc.OpenCC("t2s")
    chars = [chr(code) for low, high in _HAN_BLOCKS for code in range(low, high)]
    # Newlines separate the characters, and no OpenCC phrase spans one, so this is t2s per character.
    converted = converter.convert("\n".join(chars)).split("\n")
    assert len(converted) == len(chars)
    changes = {ord(a): b for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1}
    for char in _FULL_WIDTH + _FULL_WIDTH_SIGNS:
        changes[ord(char)] = chr(ord(char) - 0xFEE0)
    table = list(map(chr, range(0x10000)))
    for code, char in changes.items():
        table[code] = char
    return "".join(table)


def fold(text: str) -> str:
    """``text`` with traditional characters simplified and full-width digits and letters as ASCII."""
    if text.isascii() or not _FOLDABLE.search(text):
        return text
    folded = text.translate(_table())
    assert len(folded) == len(text)
    return folded


def has_chinese(text: str) -> bool:
    """Whether ``text`` contains a Han character."""
    return _HAN.search(text) is not None


def language_of(text: str) -> Literal["zh", "en"]:
    """``"zh"`` when Han characters dominate the Latin letters (one character weighs three letters)."""
    han = len(_HAN.findall(text))
    if han == 0:
        return "en"
    letters = len(_LATIN_LETTER.findall(fold(text)))
    return "zh" if han * LETTERS_PER_HAN >= letters else "en"
