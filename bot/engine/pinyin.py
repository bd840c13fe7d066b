"""Chinese personal names in Latin letters, for English replies over Chinese articles and for English
questions naming a person the articles write in Han characters ("the team led by Li Jinbin" for 李锦斌)."""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u9fff]")
_NOT_LETTER = re.compile(r"[^a-z]")


def romanised(name: str) -> str:
    """A Chinese personal name in pinyin, family name first, given name joined ("李锦斌" -> "Li Jinbin",
    "刘 伟" -> "Liu Wei"); a name with no Han characters is returned as it is."""
    if not _HAN.search(name):
        return name
    from pypinyin import lazy_pinyin  # here: its dictionaries cost 0.4 CPU s, and few replies need it

    syllables = [s for s in lazy_pinyin("".join(name.split())) if s.strip()]
    if not syllables:
        return name
    family, given = syllables[0], "".join(syllables[1:])
    return " ".join(part.capitalize() for part in (family, given) if part)


def same_person(written: str, asked: str) -> bool:
    """True when ``asked`` (Han characters or Latin letters) names the person ``written`` (as an article
    writes them): "李锦斌" is "李锦斌", "Li Jinbin", "li jin-bin"."""

    def key(name: str) -> str:
        return (
            _NOT_LETTER.sub("", romanised(name).lower())
            if _HAN.search(name)
            else _NOT_LETTER.sub("", name.lower())
        )

    return bool(written.strip()) and key(written) == key(asked)
