"""What the Telegram front end needs from the answer engine and the indexer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from bot.answer import Answer
from bot.telegram.formatting import SourceInfo

if TYPE_CHECKING:
    from bot.engine.conversation import Conversation
    from index.builder import BuildReport


class Answerer(Protocol):
    """The answering side of the bot. Methods are blocking; the bot calls them off the event loop."""

    def answer(self, question: str, conversation: Conversation | None = None) -> Answer:
        """Answer one question with verbatim citations (a follow-up in ``conversation``, when given)."""
        ...

    def help_text(self, language: str = "en") -> str:
        """What can be asked, and which rounds and batches are indexed (plain text, in ``language``)."""
        ...

    def examples(self, language: str = "en") -> list[str]:
        """Example questions that the indexed articles can answer (in ``language``)."""
        ...

    def sources(self) -> list[SourceInfo]:
        """The indexed articles."""
        ...


Reindexer = Callable[[], "BuildReport"]
"""Runs the incremental index build and returns its report (blocking)."""
