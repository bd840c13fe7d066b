"""An answerer that loads the engine in a background thread, so that the bot starts polling at once.

Opening a big index and loading the model take seconds to minutes; the bot would otherwise reach Telegram
only afterwards. :class:`LoadingAnswerer` loads the engine in a daemon thread from :meth:`start` (the bot
calls it once its first getUpdates is sent: on two cores a load running earlier would take half the CPU
from the bot's own start-up) or from the first call that needs the engine, whichever comes first, and
answers every call as soon as the engine is ready: a question that arrives earlier waits for it (the
handlers call the answerer off the event loop, and the chat shows "typing" meanwhile), because an answer a
moment later is what someone asking expects, not a request to ask again. A load that fails is logged once;
every later call then raises :class:`EngineUnavailable` with that one-line reason.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.telegram.service import Answerer, Reindexer

if TYPE_CHECKING:
    from bot.answer import Answer
    from bot.engine.conversation import Conversation
    from bot.telegram.formatting import SourceInfo
    from index.builder import BuildReport

log = logging.getLogger(__name__)

Loader = Callable[[], tuple[Answerer, Reindexer]]


class EngineUnavailable(Exception):
    """The engine could not be loaded (the message is the one-line reason)."""


class LoadingAnswerer:
    """An :class:`~bot.telegram.service.Answerer` (and reindexer) whose engine ``loader`` builds in a
    daemon thread, started by :meth:`start` or by the first call that needs the engine."""

    def __init__(self, loader: Loader) -> None:
        self._loader = loader
        self._ready = threading.Event()
        self._loaded: tuple[Answerer, Reindexer] | None = None
        self._error: str | None = None
        self._thread: threading.Thread | None = None
        self._starting = threading.Lock()

    def start(self) -> None:
        """Start loading the engine in the background (the first call does; later ones do nothing)."""
        with self._starting:
            if self._thread is None:
                self._thread = threading.Thread(target=self._load, name="inspectbot-engine-load", daemon=True)
                self._thread.start()

    @property
    def started(self) -> bool:
        """True once the load has been started."""
        return self._thread is not None

    def _load(self) -> None:
        try:
            self._loaded = self._loader()
            log.info("answer engine loaded")
        except Exception as exc:  # the bot keeps running and says so on every question
            lines = str(exc).splitlines()
            self._error = lines[0] if lines else type(exc).__name__
            log.error("the answer engine could not be loaded: %s", self._error)
        finally:
            self._ready.set()

    @property
    def ready(self) -> bool:
        """True once the load has finished (successfully or not)."""
        return self._ready.is_set()

    def wait(self, timeout: float | None = None) -> tuple[Answerer, Reindexer]:
        """The loaded answerer and reindexer, starting the load if need be and waiting for it; raises
        EngineUnavailable if it failed (or TimeoutError when ``timeout`` passes first)."""
        self.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("the answer engine is still loading")
        if self._loaded is None:
            raise EngineUnavailable(self._error or "the answer engine could not be loaded")
        return self._loaded

    def answer(self, question: str, conversation: Conversation | None = None) -> Answer:
        """The engine's answer, once it is loaded."""
        return self.wait()[0].answer(question, conversation)

    def help_text(self, language: str = "en") -> str:
        """The engine's help text in ``language``, once it is loaded."""
        return self.wait()[0].help_text(language)

    def examples(self, language: str = "en") -> list[str]:
        """Example questions in ``language``, once the engine is loaded."""
        return self.wait()[0].examples(language)

    def sources(self) -> list[SourceInfo]:
        """The indexed articles, once the engine is loaded."""
        return self.wait()[0].sources()

    def reindex(self) -> BuildReport:
        """Run the incremental build with the loaded engine's model."""
        return self.wait()[1]()
