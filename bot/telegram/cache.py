"""A bounded in-memory store of recent answers, keyed by short ids that fit in callback data."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass, field

from bot.answer import Answer


@dataclass
class SentAnswer:
    """An answer the bot sent, kept so its buttons can show quotes and record votes."""

    answer: Answer
    chat_id: int
    votes: dict[int, str] = field(default_factory=dict)  # user id -> "up" / "down"


class AnswerCache:
    """Least-recently-used map of short id -> :class:`SentAnswer`, at most ``capacity`` entries."""

    def __init__(self, capacity: int = 2000) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, SentAnswer] = OrderedDict()

    def put(self, answer: Answer, chat_id: int) -> str:
        """Store an answer and return its new id (8 URL-safe characters)."""
        key = secrets.token_urlsafe(6)
        while key in self._items:
            key = secrets.token_urlsafe(6)
        self._items[key] = SentAnswer(answer=answer, chat_id=chat_id)
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)
        return key

    def get(self, key: str) -> SentAnswer | None:
        """The stored answer, or None once it has been evicted."""
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
        return item
