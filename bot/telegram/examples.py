"""Example questions for /start and /help, made from the inspections an index actually covers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bot.engine.prompts import PROMPTS_DIR

EXAMPLES_FILE = PROMPTS_DIR / "telegram_examples.txt"  # Chinese: prompts/zh/telegram_examples.txt


def read_templates(path: Path = EXAMPLES_FILE) -> list[str]:
    """The question templates (non-comment lines with a ``{scope}`` slot)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def example_questions(scopes: Sequence[str], templates: Sequence[str]) -> list[str]:
    """One question per template, each about a different covered inspection when there are enough.

    ``scopes`` are inspection names in words, the most recent first; with none, no examples.
    """
    if not scopes:
        return []
    return [template.format(scope=scopes[i % len(scopes)]) for i, template in enumerate(templates)]
