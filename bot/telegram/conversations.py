"""Each chat's conversation (the context follow-up questions lean on), forgotten after a quiet while."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported at the first question: the bot polls before loading the engine's tables
    from bot.engine.conversation import Conversation

MAX_CHATS = 10_000  # the least recently active chats' contexts go first beyond this


class ConversationStore:
    """chat id -> :class:`Conversation`; one quiet for ``ttl_s`` seconds starts afresh."""

    def __init__(self, ttl_s: float, capacity: int = MAX_CHATS) -> None:
        self.ttl_s = ttl_s
        self.capacity = capacity
        self._chats: OrderedDict[int, Conversation] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, chat_id: int) -> Conversation:
        """The chat's conversation: the current one, or a new one if none is kept or it expired."""
        from bot.engine.conversation import Conversation

        with self._lock:
            conversation = self._chats.get(chat_id)
            if conversation is None or time.monotonic() - conversation.updated > self.ttl_s:
                conversation = self._chats[chat_id] = Conversation()
            self._chats.move_to_end(chat_id)
            while len(self._chats) > self.capacity:
                self._chats.popitem(last=False)
            return conversation

    def reset(self, chat_id: int) -> None:
        """Forget the chat's context (``/new``)."""
        with self._lock:
            self._chats.pop(chat_id, None)
