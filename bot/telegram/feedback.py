"""👍 / 👎 votes stored as JSON lines, ready to become regression cases."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

from bot.answer import Answer


class FeedbackStore:
    """Appends one JSON object per vote to ``path`` (created with its parent folders)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def record(self, *, answer: Answer, vote: str, user_id: int, chat_id: int) -> None:
        """Append a vote with the question, answer and citations it is about."""
        row = {
            "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "user_id": user_id,
            "chat_id": chat_id,
            "vote": vote,
            "question": answer.question,
            "answered": answer.answered,
            "answer": answer.answer,
            "citations": [citation.model_dump() for citation in answer.citations],
        }
        line = json.dumps(row, ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line)
