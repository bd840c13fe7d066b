"""A per-question time budget: the engine answers with what it found in time, or refuses.

The deadline lives in a context variable, so one engine shared by many threads (the Telegram bot) keeps one
deadline per question. Long loops call :func:`check`, which raises :class:`BudgetExceeded` once it passed.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar

DEFAULT_BUDGET_S = 10.0

_deadline: ContextVar[float | None] = ContextVar("inspectbot_question_deadline", default=None)


class BudgetExceeded(Exception):
    """The question's time budget ran out."""


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Give the code inside ``seconds`` of wall-clock time (None or <= 0: no limit)."""
    deadline = time.monotonic() + seconds if seconds is not None and seconds > 0 else None
    token = _deadline.set(deadline)
    try:
        yield
    finally:
        _deadline.reset(token)


def check() -> None:
    """Raise :class:`BudgetExceeded` if the current question's budget has run out."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise BudgetExceeded
