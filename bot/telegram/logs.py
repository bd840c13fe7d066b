"""Logging for the bot: its own messages, other libraries' warnings, and never the bot token."""

from __future__ import annotations

import logging
import traceback

REDACTED = "<TELEGRAM_BOT_TOKEN>"


class RedactSecrets(logging.Filter):
    """Replaces each secret in a record's message and traceback with a placeholder."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self.secrets = [secret for secret in secrets if secret]

    def _redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drops it."""
        record.msg = self._redact(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = self._redact("".join(traceback.format_exception(*record.exc_info)).rstrip())
            record.exc_info = None
        return True


def configure_logging(token: str, level: int = logging.INFO) -> None:
    """Log the bot's own messages at ``level`` and everything else (HTTP, PTB, model loading) at WARNING,
    to stderr, with the token redacted everywhere."""
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("bot").setLevel(level)
    redact = RedactSecrets(token)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactSecrets) for f in handler.filters):
            handler.addFilter(redact)
