"""The real answerer behind the bot: bot.live.LiveEngine (hot-reloading) and the incremental indexer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.answer import Answer
from bot.engine.coverage import describe_scope
from bot.engine.prompts import LANGUAGES, default_prompts, speaking
from bot.live import LiveEngine
from bot.settings import Settings
from bot.telegram.examples import example_questions, read_templates
from bot.telegram.formatting import SourceInfo
from bot.telegram.service import Reindexer

if TYPE_CHECKING:
    from bot.engine.conversation import Conversation
    from index.builder import BuildReport
    from index.embedder import Embedder


class EngineAnswerer:
    """Adapts a :class:`bot.live.LiveEngine` to the bot's :class:`~bot.telegram.service.Answerer`."""

    def __init__(self, live: LiveEngine) -> None:
        self.live = live
        prompts = default_prompts()
        self.templates = {
            language: read_templates(prompts.directory_of(language) / "telegram_examples.txt")
            for language in LANGUAGES
        }

    def answer(self, question: str, conversation: Conversation | None = None) -> Answer:
        """The engine's answer (from the newest published index version), in ``conversation`` if given."""
        return self.live.answer(question, conversation)

    def help_text(self, language: str = "en") -> str:
        """The engine's help text with the inspections indexed, in ``language``."""
        engine = self.live.engine()
        with speaking(language):
            return engine.prompts.render("help", coverage=engine.coverage_text())

    def examples(self, language: str = "en") -> list[str]:
        """Example questions about the indexed inspections, the most recent first, in ``language``."""
        engine = self.live.engine()
        scopes = reversed(engine.coverage().scopes())
        with speaking(language):
            named = [describe_scope(scope, engine.prompts) for scope in scopes]
        return example_questions(named, self.templates[language if language in self.templates else "en"])

    def sources(self) -> list[SourceInfo]:
        """The indexed articles, oldest first."""
        return [
            SourceInfo(d.meta.title, d.meta.source, d.meta.date.isoformat() if d.meta.date else None)
            for d in self.live.engine().version.documents_by_date()
        ]


def open_engine(settings: Settings, embedder: Embedder | None = None) -> tuple[EngineAnswerer, Reindexer]:
    """Load the model and the current index; the reindexer runs the incremental build with the same model."""
    from index.builder import build_index

    live = LiveEngine(settings, embedder=embedder)
    live.watch()

    def reindex() -> BuildReport:
        return build_index(
            settings.documents, settings.index, live.embedder, max_bytes=settings.max_file_bytes
        )

    return EngineAnswerer(live), reindex
