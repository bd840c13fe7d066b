"""The answer engine: question analysis, hybrid retrieval with scope filters, offline extraction, verbatim
citations, a grounding check on every answer, and honest abstention (``AnswerEngine``, in
bot/engine/answering.py). An optional LLM rewrites answers when ``settings.llm_base_url`` is set; its answer
must pass the same check.

The engine's names load on first use, so a front end that imports a light part of the package (its reply
templates, bot/engine/prompts.py) does not import the whole engine before it starts (the bot polls first).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.engine.answering import AnswerEngine, Coverage

__all__ = ["AnswerEngine", "Coverage"]


def __getattr__(name: str) -> Any:
    """``AnswerEngine`` and the other names of bot/engine/answering.py, imported when first asked for."""
    answering = importlib.import_module("bot.engine.answering")
    try:
        return getattr(answering, name)
    except AttributeError:
        raise AttributeError(f"module 'bot.engine' has no attribute {name!r}") from None
