"""Logging for the bot: its own messages, other libraries' warnings, and never the bot token."""

from __future__ import annotations

import logging
import traceback

REDACTED = "<TELEGRAM_BOT_TOKEN>"
ONE_LINE_LOGGERS = ("telegram.ext.AIORateLimiter",)  # failures the bot reports itself: no traceback


def redact(text: str, *secrets: str) -> str:
    """``text`` with each (non-empty) secret replaced by a placeholder."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


class RedactSecrets(logging.Filter):
    """Replaces each secret in a record's message and traceback with a placeholder."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self.secrets = [secret for secret in secrets if secret]

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drops it."""
        record.msg = redact(record.getMessage(), *self.secrets)
        record.args = None
        if record.exc_info:
            text = "".join(traceback.format_exception(*record.exc_info)).rstrip()
            record.exc_text = redact(text, *self.secrets)
            record.exc_info = None
        return True


class DropTraceback(logging.Filter):
    """Keeps a record's message and drops its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drops it."""
        record.exc_info, record.exc_text = None, None
        return True


def configure_logging(token: str, level: int = logging.INFO) -> None:
    """Log the bot's own messages at ``level`` and everything else (HTTP, PTB, model loading) at WARNING,
    to stderr, with the token redacted everywhere."""
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("bot").setLevel(level)
    for name in ONE_LINE_LOGGERS:  # e.g. PTB's "Rate limit hit after maximum of 5 retries"
        logger = logging.getLogger(name)
        if not any(isinstance(f, DropTraceback) for f in logger.filters):
            logger.addFilter(DropTraceback())
    redact = RedactSecrets(token)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactSecrets) for f in handler.filters):
            handler.addFilter(redact)
