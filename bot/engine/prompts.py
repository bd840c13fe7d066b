"""Reply templates and answer phrases, read from the text files in ``prompts/``."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
_NOUN_SLOT = re.compile(r"\{noun(?::([^}]*))?\}")


class Prompts:
    """Templates from ``<name>.txt`` files and phrases from ``phrases.txt`` ("key: template" lines)."""

    def __init__(self, directory: Path = PROMPTS_DIR) -> None:
        self.directory = directory
        self._templates: dict[str, str] = {}
        self._phrases = self._read_phrases()

    def _read_phrases(self) -> dict[str, str]:
        phrases = {}
        for line in (self.directory / "phrases.txt").read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                key, _, template = line.partition(":")
                phrases[key.strip()] = template.strip()
        return phrases

    def template(self, name: str) -> str:
        """The raw text of ``prompts/<name>.txt`` (trailing newline removed)."""
        if name not in self._templates:
            self._templates[name] = (self.directory / f"{name}.txt").read_text(encoding="utf-8").rstrip("\n")
        return self._templates[name]

    def render(self, name: str, **values: object) -> str:
        """``prompts/<name>.txt`` with ``{placeholders}`` filled in."""
        return self.template(name).format(**values)

    def has_phrase(self, key: str) -> bool:
        """True if ``phrases.txt`` defines ``key``."""
        return key in self._phrases

    def phrase(self, key: str, *, noun: str = "", **values: object) -> str:
        """The phrase ``key`` filled in; ``{noun:default}`` takes ``noun`` or else the default."""
        template = _NOUN_SLOT.sub(
            lambda m: (noun or m.group(1) or "").replace("{", "{{").replace("}", "}}"), self._phrases[key]
        )
        return " ".join(template.format(**values).split())


@cache
def default_prompts() -> Prompts:
    """The prompts shipped in the repository's ``prompts/`` folder (read once)."""
    return Prompts()
