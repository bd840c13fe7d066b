"""The language /start and /help speak: the user's Telegram ``language_code``, among the shipped ones."""

from __future__ import annotations

from bot.engine.prompts import ENGLISH, LANGUAGES


def user_language(language_code: str | None) -> str:
    """ "zh", "zh-hans", "zh-Hant", "zh-CN", "zh_TW" -> "zh"; any other code, or none, -> "en"."""
    primary = (language_code or "").replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else ENGLISH
