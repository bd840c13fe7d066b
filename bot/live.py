"""The live answer engine for long-running front ends: loads the model once and follows index rebuilds.

``LiveEngine`` checks the index's CURRENT version at most every ``settings.index_poll_s`` seconds. When it
changed, a background thread opens the new version and builds a new AnswerEngine; only a fully loaded engine
is swapped in (one reference assignment), so questions keep being answered by the old one meanwhile and
never fail during a reload. A version that cannot be loaded, whatever the damage, is one warning line and
is not tried again (versions are immutable); the old engine keeps answering until CURRENT names another.
"""

from __future__ import annotations

import logging
import threading
import time

from bot.answer import Answer
from bot.chart import with_chart
from bot.engine import AnswerEngine, Coverage
from bot.engine.conversation import Conversation
from bot.settings import Settings, get_settings
from index.embedder import TextEmbedder, make_embedder, members
from index.search import Searcher
from index.store import StoreError, current_version_id, open_index

log = logging.getLogger(__name__)


class LiveEngine:
    """Thread-safe question answering over the current index version, reloaded when it changes."""

    def __init__(
        self, settings: Settings | None = None, embedder: TextEmbedder | None = None, *, preload: bool = True
    ) -> None:
        """Load the model and the current index version (raises StoreError with a one-line fix if none).

        ``preload``: load the model of every vector set now, so that no question waits for one (for
        long-running front ends); else only the first set's now, and the others when a question first
        needs their set (index.search embeds no query for a set with no passage to rank): an English
        question over English articles never loads multilingual-e5.
        """
        self.settings = settings or get_settings()
        self.embedder = embedder or make_embedder(self.settings.model, self.settings.precision)
        for member in members(self.embedder)[: None if preload else 1]:
            member.load()
        self._engine = self._build()
        self._version_id = self._engine.version.version_id
        self._checked_at = time.monotonic()
        self._lock = threading.Lock()
        self._reloading: threading.Thread | None = None
        self._rejected: str | None = None  # the last version (or "CURRENT") that could not be loaded
        self._watching = threading.Event()
        self._stop = threading.Event()

    def _build(self) -> AnswerEngine:
        version = open_index(
            self.settings.index, model=self.settings.model, precision=self.embedder.precision
        )
        return AnswerEngine(Searcher(version, self.embedder), version, self.settings)

    @property
    def version_id(self) -> str:
        """The id of the index version answering now."""
        return self._version_id

    def engine(self) -> AnswerEngine:
        """The engine answering now (starting a reload in the background if the index changed)."""
        self._maybe_reload()
        return self._engine

    def answer(self, question: str, conversation: Conversation | None = None) -> Answer:
        """Answer one question with the current engine (in ``conversation``, when given), with the chart of
        its cited figures when it spans several inspections (bot.chart)."""
        engine = self.engine()
        return with_chart(engine.answer(question, conversation), engine.prompts)

    def coverage(self) -> Coverage:
        """What the current index covers."""
        return self.engine().coverage()

    def coverage_text(self) -> str:
        """What the current index covers, in words."""
        return self.engine().coverage_text()

    def _maybe_reload(self) -> None:
        now = time.monotonic()
        if now - self._checked_at < self.settings.index_poll_s:
            return
        with self._lock:
            if now - self._checked_at < self.settings.index_poll_s or self._reloading is not None:
                return
            self._checked_at = now
            try:
                latest = current_version_id(self.settings.index)
            except (OSError, ValueError, StoreError) as exc:  # CURRENT unreadable: keep answering
                self._reject("CURRENT", exc)
                return
            if self._rejected == "CURRENT":  # readable again: a later damage is reported again
                self._rejected = None
            if latest is None or latest in (self._version_id, self._rejected):
                return
            self._reloading = threading.Thread(
                target=self._reload, args=(latest,), name="inspectbot-reload", daemon=True
            )
            self._reloading.start()

    def _reject(self, what: str, exc: Exception) -> None:
        """Log once that ``what`` cannot be loaded; the engine answering now stays."""
        if what != self._rejected:
            reason = str(exc) if isinstance(exc, StoreError) else f"{type(exc).__name__}: {exc}"
            lines = reason.splitlines() or [type(exc).__name__]
            log.warning(
                "keeping index version %s: %s cannot be loaded (%s)", self._version_id, what, lines[0]
            )
        self._rejected = what

    def _reload(self, version_id: str) -> None:
        try:
            engine = self._build()
        except Exception as exc:  # any damage in a new version: the old engine keeps answering
            self._reject(version_id, exc)
        else:
            self._engine = engine
            self._version_id = engine.version.version_id
            log.info("now answering from index version %s", self._version_id)
        finally:
            with self._lock:
                self._reloading = None

    def watch(self) -> None:
        """Poll the index in a daemon thread every ``index_poll_s`` seconds, so that a rebuild is picked up
        before the next question arrives rather than by it (for long-running front ends)."""
        if self._watching.is_set():
            return
        self._watching.set()
        self._stop.clear()
        threading.Thread(target=self._watch, name="inspectbot-index-watch", daemon=True).start()

    def stop_watching(self) -> None:
        """Stop the polling thread started by :meth:`watch`."""
        self._stop.set()
        self._watching.clear()

    def _watch(self) -> None:
        interval = max(self.settings.index_poll_s, 0.05)
        while not self._stop.wait(interval):
            self._maybe_reload()

    def wait_for_reload(self, timeout: float | None = None) -> None:
        """Block until a reload in progress (if any) has finished."""
        thread = self._reloading
        if thread is not None:
            thread.join(timeout)
