"""Per-user question limit over a sliding one-minute window."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable

PRUNE_ABOVE = 10_000  # users tracked before idle ones are forgotten


class SlidingWindowLimiter:
    """Allows each key at most ``limit`` events in any ``window_s`` seconds; ``limit <= 0`` disables it."""

    def __init__(
        self, limit: int, window_s: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._events: dict[Hashable, deque[float]] = {}

    def try_acquire(self, key: Hashable) -> float:
        """Record an event for ``key`` and return 0, or return the seconds to wait if over the limit."""
        if self.limit <= 0:
            return 0.0
        now = self._clock()
        if len(self._events) > PRUNE_ABOVE:
            self._events = {k: v for k, v in self._events.items() if v and now - v[-1] < self.window_s}
        events = self._events.setdefault(key, deque())
        while events and now - events[0] >= self.window_s:
            events.popleft()
        if len(events) >= self.limit:
            return self.window_s - (now - events[0])
        events.append(now)
        return 0.0
