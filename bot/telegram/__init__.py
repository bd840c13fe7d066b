"""The Telegram front end (python-telegram-bot 22): a thin layer over the answer engine.

``build_application(settings, answerer, reindexer)`` makes the Application; ``run_bot(settings)`` is
`inspectbot bot`. The engine is reached through :class:`bot.telegram.service.Answerer`.
"""

from bot.telegram.app import build_application, run_bot

__all__ = ["build_application", "run_bot"]
