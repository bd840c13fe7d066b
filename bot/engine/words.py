"""The words a question and an article are compared by: content-word stems and proper-name stems.

The build counts every article's words with these functions and stores the counts in the index version
(bot.engine.vocabulary), under a digest of this module: the code here decides which stored words are
current, so it is kept apart from the rest of the question reading."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.engine.chinese_words import chinese_terms
from index.facts.metrics import word_set
from index.text.chinese import has_chinese

STOPWORDS = word_set(
    """a an the of in on at to for from by with and or is are was were be been being has have had do does
    did how many much what which who whom whose when where why this that these those there their its it
    as into about than then so not no all any each per during after before since up out over under
    between across number total amount please tell me give show list name can could would should will
    may might round batch first second third fourth fifth sixth seventh eighth ninth tenth inspection
    inspections central ecological environmental protection inspectors article articles according say
    said happen happened happens occur occurred find found discover discovered uncover uncovered"""
)


def crude_stem(word: str) -> str:
    """Lower-cased, an -ing/-ed/-s ending dropped, six letters (no synonyms)."""
    word = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if suffix == "s" and word.endswith(("ss", "us", "is")):
            break  # "focus", "process", "analysis" are not plurals
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:6]


# Words users and articles use for the same event or thing ("arrived" / "stationed", "arrests" /
# "detained"): each group overlaps as one term.
_SYNONYMS = {
    crude_stem(word): canonical
    for canonical, words in {
        "station": "stationed station arrive arrived arrival deploy deployed sent dispatched",
        "launch": "launch launched begin began begun start started commence commenced kicked",
        "finish": "finish finished complete completed end ended conclude concluded wrapped",
        "detain": "detain detained detention detentions arrest arrested arrests custody jailed",
        "punish": "punish punished punishment penalise penalised penalize penalized penalty penalties",
        "interview": "interview interviewed summon summoned talks",
        "report": "report reports complaint complaints petition petitions tip-off tip-offs calls letters",
        "lead": "led lead leader headed chaired",
    }.items()
    for word in words.split()
}


@lru_cache(maxsize=1 << 16)  # a corpus has few distinct words: the engine stems each once
def stem(word: str) -> str:
    """A crude stem good enough for overlap tests: lower-cased, an -ing/-ed/-s ending dropped, six letters,
    synonyms of the genre ("arrested", "detained") mapped to one term."""
    crude = crude_stem(word)
    return _SYNONYMS.get(crude, crude)


def content_terms(text: str) -> tuple[str, ...]:
    """Stems of the content words of ``text`` (stopwords, numbers and scope words dropped)."""
    words = re.findall(r"[A-Za-z][A-Za-z-]*(?:'(?!s\b)[A-Za-z]+)?", text)
    terms = [stem(w) for w in words if w.lower() not in STOPWORDS and len(w) > 2]
    if has_chinese(text):  # jieba's words, the genre's as the English terms ("进驻" -> "station")
        terms.extend(chinese_terms(text))
    return tuple(dict.fromkeys(terms))


def proper_names(text: str) -> frozenset[str]:
    """Stems of the capitalised words of ``text`` that do not start a sentence ("Shangrao", "Jinchangyu")."""
    words = re.findall(r"(?<![.?!]\s)(?<!^)\b[A-Z][a-z]{2,}\b", text)
    if len(words) >= 4 and 2 * len(words) > len(re.findall(r"[A-Za-z]{3,}", text)):
        return frozenset()  # Title Case Text: capitals say nothing
    return frozenset(stem(word) for word in words if word.lower() not in STOPWORDS)
