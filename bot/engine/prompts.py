"""Reply templates and answer phrases, read from the text files in ``prompts/``, in the reply's language.

English lives in ``prompts/`` itself, every other shipped language in ``prompts/<language>/`` with the
same file names and phrase keys (a test holds them to the same placeholders). The language a
:class:`Prompts` speaks is the reply language of the answer being composed (``speaking(language)``, a
context variable the engine sets per question, so one engine shared between threads answers each asker in
their own language), unless it was fixed with :meth:`Prompts.in_language`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.engine.pinyin import romanised
from index.meta.gazetteer import CENTRAL_ENTERPRISES, PROVINCES, find_enterprises, find_provinces
from index.meta.ordinals import ORDINAL_WORDS
from index.text.chinese import fold, has_chinese

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
ENGLISH = "en"
LANGUAGES = (ENGLISH, "zh")  # the shipped reply languages
_NOUN_SLOT = re.compile(r"\{noun(?::([^}]*))?\}")
_SPEAKING: ContextVar[str] = ContextVar("reply_language", default=ENGLISH)
_ORDINAL_NAMES = {value: word for word, value in ORDINAL_WORDS.items() if " " not in word}
_CN_DIGITS = "零一二三四五六七八九"
MAX_CN_NUMERAL = 99
# where Han characters meet a Latin word: Chinese typesetting puts a space there ("有 China Datang 和 …")
_HAN_LATIN = re.compile(r"(?<=[\u3400-\u9fff])(?=[A-Za-z])|(?<=[A-Za-z])(?=[\u3400-\u9fff])")
# a line break an article's words bring into a reply: nothing between Han characters, else a space
_HAN_BREAK = re.compile(
    r"(?<=[\u3400-\u9fff，、；：])[ \t\u3000]*(?:\r\n|\r|\n)[\s\u3000]*(?=[\u3400-\u9fff\d])"
)
_BREAK = re.compile(r"[ \t\u3000]*(?:\r\n|\r|\n)[\s\u3000]*")


def unbroken(text: str) -> str:
    """``text`` on one line: a hard-wrapped line break is a space, or nothing between Han characters
    (Chinese sets no space there)."""
    if "\n" not in text and "\r" not in text:
        return text
    return _BREAK.sub(" ", _HAN_BREAK.sub("", text))


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Within the block, prompts that follow the reply language speak ``language``."""
    token = _SPEAKING.set(language if language in LANGUAGES else ENGLISH)
    try:
        yield
    finally:
        _SPEAKING.reset(token)


def reply_language() -> str:
    """The reply language of the answer being composed ("en" outside any ``speaking`` block)."""
    return _SPEAKING.get()


def chinese_numeral(n: int) -> str:
    """4 -> "四", 11 -> "十一", 20 -> "二十", 23 -> "二十三" (1..99; larger ones in digits)."""
    if not 0 < n <= MAX_CN_NUMERAL:
        return str(n)
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[units] if units else "")


def english_ordinal(n: int) -> str:
    """4 -> "fourth" (words only, so scope names never put a digit into an answer)."""
    return _ORDINAL_NAMES.get(n, "later")


@dataclass
class _Catalogue:
    """One language's templates (``<name>.txt``, read on first use) and phrases (``phrases.txt``)."""

    directory: Path
    phrases: dict[str, str]
    templates: dict[str, str]


def _read_phrases(path: Path) -> dict[str, str]:
    phrases = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, template = line.partition(":")
            phrases[key.strip()] = template.strip()
    return phrases


@cache
def _chinese_aliases() -> dict[str, tuple[str, ...]]:
    """Canonical place and enterprise names -> their Chinese names, the usual one first (the first alias,
    or a shorter one it starts with: "新疆" for "新疆维吾尔自治区")."""
    names = {}
    for table in (PROVINCES, CENTRAL_ENTERPRISES):
        for canonical, aliases in table.items():
            chinese = [alias for alias in aliases if has_chinese(alias)]
            if chinese:
                usual = min((a for a in chinese if chinese[0].startswith(a)), key=len)
                names[canonical] = (usual, *(a for a in chinese if a != usual))
    return names


class Prompts:
    """Templates from ``<name>.txt`` files and phrases from ``phrases.txt`` ("key: template" lines), in
    the reply language (or in ``language`` when given)."""

    def __init__(self, directory: Path = PROMPTS_DIR, language: str | None = None) -> None:
        self.directory = directory
        self.fixed = language
        self._catalogues: dict[str, _Catalogue] = {}

    @property
    def language(self) -> str:
        """The language these prompts speak now."""
        return self.fixed or reply_language()

    def in_language(self, language: str) -> Prompts:
        """These prompts, always in ``language`` (sharing what is read)."""
        view = Prompts(self.directory, language)
        view._catalogues = self._catalogues
        return view

    def directory_of(self, language: str) -> Path:
        """Where a language's files are: ``prompts/`` for English, ``prompts/<language>/`` otherwise."""
        return self.directory if language == ENGLISH else self.directory / language

    def _catalogue(self) -> _Catalogue:
        language = self.language
        if language not in self._catalogues:
            directory = self.directory_of(language)
            self._catalogues[language] = _Catalogue(directory, _read_phrases(directory / "phrases.txt"), {})
        return self._catalogues[language]

    def template(self, name: str) -> str:
        """The raw text of ``<name>.txt`` (trailing newline removed)."""
        catalogue = self._catalogue()
        if name not in catalogue.templates:
            path = catalogue.directory / f"{name}.txt"
            catalogue.templates[name] = path.read_text(encoding="utf-8").rstrip("\n")
        return catalogue.templates[name]

    def render(self, name: str, **values: object) -> str:
        """``<name>.txt`` with ``{placeholders}`` filled in."""
        return self.template(name).format(**values)

    def has_phrase(self, key: str) -> bool:
        """True if ``phrases.txt`` defines ``key``."""
        return key in self._catalogue().phrases

    def phrase(self, key: str, *, noun: str = "", **values: object) -> str:
        """The phrase ``key`` filled in; ``{noun:default}`` takes ``noun`` or else the default."""
        template = _NOUN_SLOT.sub(
            lambda m: (noun or m.group(1) or "").replace("{", "{{").replace("}", "}}"),
            self._catalogue().phrases[key],
        )
        return " ".join(template.format(**values).split())

    def form(self, key: str, **values: str) -> str:
        """The phrase ``key`` as a frame around ``values`` (punctuation and joins: "{text}." or
        "{text}。"), the values left exactly as they are."""
        return self._catalogue().phrases[key].format(**values)

    def join(self, items: list[str]) -> str:
        """ "a", "a and b", "a, b and c" (or "a、b和c")."""
        if len(items) <= 1:
            return "".join(items)
        return self.form("join.pair", first=self.series(items[:-1]), last=items[-1])

    def series(self, items: list[str]) -> str:
        """ "a, b, c" (or "a、b、c")."""
        text = items[0] if items else ""
        for item in items[1:]:
            text = self.form("join.series", first=text, next=item)
        return text

    def either(self, items: list[str]) -> str:
        """ "a or b or c" (or "a或b或c")."""
        text = items[0] if items else ""
        for item in items[1:]:
            text = self.form("join.either", first=text, last=item)
        return text

    def sentences(self, sentences: list[str]) -> str:
        """Sentences one after another ("A. B." or "甲。乙。")."""
        text = sentences[0] if sentences else ""
        for sentence in sentences[1:]:
            text = self.form("sentences", first=text, next=sentence)
        return text

    def typeset(self, text: str) -> str:
        """A reply set as its language sets it: in Chinese, a space between Han characters and a Latin word
        (English names and quotes in a Chinese reply); digits stay glued to their counters ("1158家").
        Line breaks an article's words bring along never reach the reply (``unbroken``)."""
        text = self._unlabelled(unbroken(text))
        return text if self.language == ENGLISH else _HAN_LATIN.sub(" ", text)

    def _unlabelled(self, text: str) -> str:
        """``text`` without the intro of findings of no one inspection ("In the indexed articles, ..."
        says nothing a reader needs; an answer that labels them, a year's total, has replaced it)."""
        intro = self.phrase("intro", scope=self.phrase("scope.none"))
        for joiner in ("lead", "lead.name"):
            lead = re.escape(self.form(joiner, intro=intro, said=""))
            text = re.sub(f"(?:^|(?<=[.。] )|(?<=。)){lead}(.)", lambda m: m.group(1).upper(), text)
        return text

    def counted(self, figure: str, unit: str) -> str:
        """A figure with what it counts: "1,158 cases" (or "1,158件"); a figure written in Chinese carries
        its own counter ("1158家") and is left as it is."""
        key = f"counter.{unit}"
        if has_chinese(figure) or not unit or (self.language != ENGLISH and not self.has_phrase(key)):
            return figure
        counter = self.phrase(key) if self.has_phrase(key) else unit
        return self.form("counted", figure=figure, counter=counter)

    def ordinal(self, n: int) -> str:
        """An ordinal in words for scope names: "fourth" (English), "四" (Chinese, framed by 第…批)."""
        return self.phrase("ordinal", word=english_ordinal(n), numeral=chinese_numeral(n))

    def person(self, name: str) -> str:
        """A person as this language names them: a Han name in an English reply romanised, then as written
        ("Li Jinbin (李锦斌)"); otherwise as written."""
        if self.language != ENGLISH or not has_chinese(name):
            return name
        return f"{romanised(name)} ({name})"

    def listed(self, written: str, within: str = "") -> str:
        """A province or enterprise as a list item: in an English reply, a name a Chinese quote writes is
        said by its canonical (English) name ("黑龙江" -> "Heilongjiang"), else romanised with the Han name
        after it; otherwise as :meth:`place` says it (a Chinese reply keeps an English quote's own words)."""
        if self.language != ENGLISH or not has_chinese(written):
            return self.place(written, within)
        known = find_provinces(written) + find_enterprises(written)
        return known[0] if len(known) == 1 else self.person(written)

    def place(self, name: str, within: str = "") -> str:
        """A province or enterprise under its canonical (English) name, as this language names it: in
        Chinese as the quote ``within`` writes it ("中国有色矿业集团"), else by its usual Chinese name."""
        aliases = _chinese_aliases().get(name, ())
        if self.language == ENGLISH or not aliases:
            return name
        folded = fold(within)
        return max((a for a in aliases if a in folded), key=len, default=aliases[0])


@cache
def default_prompts() -> Prompts:
    """The prompts shipped in the repository's ``prompts/`` folder (read once), in the reply language."""
    return Prompts()
