"""Build and run the python-telegram-bot Application: long polling by default, webhook when configured."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from telegram import BotCommand, Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application, ApplicationBuilder
from telegram.request import HTTPXRequest

from bot.settings import Settings
from bot.telegram.handlers import BotHandlers
from bot.telegram.loading import LoadingAnswerer
from bot.telegram.logs import configure_logging, redact
from bot.telegram.retry import Backoff, RetryingRateLimiter
from bot.telegram.service import Answerer, Reindexer

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

COMMANDS = [
    BotCommand("ask", "Ask a question about the inspections"),
    BotCommand("chart", "Ask a question and chart its figures across inspections"),
    BotCommand("new", "Start a new conversation (follow-ups forget the earlier questions)"),
    BotCommand("sources", "List the indexed articles"),
    BotCommand("help", "What I know, with example questions"),
]
UPDATE_TYPES = [Update.MESSAGE, Update.CALLBACK_QUERY]
NO_TOKEN = (
    "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and export TELEGRAM_BOT_TOKEN=<token>."
)
BAD_TOKEN = "Telegram rejected TELEGRAM_BOT_TOKEN: check the token from @BotFather."


class ApiUnreachable(Exception):
    """The Bot API did not answer within TELEGRAM_START_ATTEMPTS attempts (the message is one line)."""


def file_url(api_url: str) -> str | None:
    """The Bot API file URL matching ``api_url`` (…/bot -> …/file/bot), or None if it cannot be derived."""
    head, found, tail = api_url.rpartition("/bot")
    return f"{head}/file/bot{tail}" if found else None


def _post_init(receiving: Callable[[], None] | None) -> Callable[[Application], Any]:
    """The Application's post_init: register the commands, then call ``receiving`` if given (webhook
    mode: the updates come to the webhook server PTB starts next)."""

    async def post_init(app: Application) -> None:
        await app.bot.set_my_commands(COMMANDS)
        log.info("bot @%s is up", app.bot.username)
        if receiving is not None:
            receiving()

    return post_init


def polling_request(first_poll: Callable[[], None]) -> HTTPXRequest:
    """The getUpdates connection, as PTB builds it by default (one connection), calling ``first_poll``
    once the first getUpdates request has been sent: on its ``send_request_body.complete`` event of
    httpx's ``trace`` request extension (added to each request by an httpx request hook)."""
    sent = False

    async def trace(event: str, info: dict[str, Any]) -> None:
        nonlocal sent
        if event.endswith("send_request_body.complete") and not sent:
            sent = True
            first_poll()

    async def traced(request: httpx.Request) -> None:
        if not sent:
            request.extensions["trace"] = trace

    return HTTPXRequest(connection_pool_size=1, httpx_kwargs={"event_hooks": {"request": [traced]}})


def build_application(
    settings: Settings,
    answerer: Answerer,
    reindexer: Reindexer | None = None,
    receiving: Callable[[], None] | None = None,
) -> Application:
    """A ready-to-run Application with every handler registered. Needs ``settings.telegram_bot_token``.

    ``receiving`` is called once the bot receives updates: when its first getUpdates has been sent (long
    polling) or its commands are set, just before the webhook server starts (webhook). The bot starts the
    engine's load there, so that the load does not compete with its own start-up for the CPU.
    """
    if settings.telegram_bot_token is None:
        raise ValueError(NO_TOKEN)
    webhook = bool(settings.webhook_url)
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_url)
        .rate_limiter(RetryingRateLimiter(settings.telegram_retries, Backoff(settings.telegram_backoff_s)))
        .concurrent_updates(True)
        .post_init(_post_init(receiving if webhook else None))
    )
    if receiving is not None and not webhook:
        builder = builder.get_updates_request(polling_request(receiving))
    files = file_url(settings.telegram_api_url)
    if files:
        builder = builder.base_file_url(files)
    app = builder.build()
    BotHandlers(settings, answerer, reindexer).register(app)
    return app


def webhook_options(settings: Settings) -> dict[str, Any]:
    """Arguments of ``run_webhook`` / ``Updater.start_webhook`` for WEBHOOK_URL (path taken from the URL)."""
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": urlsplit(settings.webhook_url or "").path.lstrip("/"),
        "webhook_url": settings.webhook_url,
        "secret_token": settings.webhook_secret.get_secret_value() if settings.webhook_secret else None,
        "allowed_updates": UPDATE_TYPES,
    }


def serve(app: Application, settings: Settings) -> None:
    """Run until SIGINT/SIGTERM: a webhook server when WEBHOOK_URL is set, else long polling."""
    if settings.webhook_url:
        app.run_webhook(**webhook_options(settings))
    else:
        app.run_polling(allowed_updates=UPDATE_TYPES)


async def connect(app: Application, settings: Settings) -> None:
    """Initialise ``app`` as soon as the Bot API answers ``getMe``: up to TELEGRAM_START_ATTEMPTS attempts,
    with backoff between them and one warning line per failed one. Raises InvalidToken at once, and
    ApiUnreachable after the last attempt."""
    attempts, backoff = max(settings.telegram_start_attempts, 1), Backoff(settings.telegram_backoff_s)
    for attempt in range(1, attempts + 1):
        try:
            await app.bot.get_me()
            break
        except InvalidToken:
            raise
        except TelegramError as error:
            if attempt == attempts:
                raise ApiUnreachable(
                    f"Cannot reach the Telegram Bot API at {settings.telegram_api_url} "
                    f"after {attempts} attempts: {error}"
                ) from None
            delay = backoff.delay(attempt)
            log.warning(
                "Bot API not reachable (attempt %d of %d: %s); trying again in %.1f s",
                attempt, attempts, error, delay,
            )  # fmt: skip
            await asyncio.sleep(delay)
    await app.initialize()


def run_application(app: Application, settings: Settings) -> int:
    """Connect to the Bot API (waiting while it is unreachable), then serve until SIGINT/SIGTERM.

    Returns the exit code: 0 after a stop, 1 when the API cannot be reached, 2 for a rejected token.
    Problems are printed as one line.
    """
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # run_polling / run_webhook go on with this loop, and close it
    try:
        loop.run_until_complete(connect(app, settings))
        serve(app, settings)
    except InvalidToken:
        print(BAD_TOKEN, file=sys.stderr)
        return 2
    except ApiUnreachable as error:
        print(redact(str(error), token), file=sys.stderr)
        return 1
    except NetworkError as error:
        message = f"Cannot reach the Telegram Bot API at {settings.telegram_api_url}: {error}"
        print(redact(message, token), file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C while waiting for the API
        return 130
    finally:
        if not loop.is_closed():
            loop.close()
    return 0


def run_bot(settings: Settings) -> int:
    """Entry point of `inspectbot bot`: returns the process exit code (2 for a configuration problem).

    A missing index or one built with another model is refused at once (the CLI prints it as one line);
    the engine itself loads in a background thread from the bot's first getUpdates on
    (bot/telegram/loading.py), and questions that arrive earlier wait for it.
    """
    if settings.telegram_bot_token is None or not settings.telegram_bot_token.get_secret_value().strip():
        print(NO_TOKEN, file=sys.stderr)
        return 2
    configure_logging(settings.telegram_bot_token.get_secret_value())
    check_index(settings)
    answerer = LoadingAnswerer(lambda: _open_engine(settings))
    app = build_application(settings, answerer, answerer.reindex, receiving=answerer.start)
    return run_application(app, settings)


def check_index(settings: Settings) -> None:
    """Raise StoreError (one line) when there is no index, or it was built with another model (cheap: reads
    CURRENT and the manifest only)."""
    from index.store import IndexMissingError, check_model, current_manifest, read_current

    if read_current(settings.index) is None:
        raise IndexMissingError(settings.index)
    manifest = current_manifest(settings.index)
    if manifest is not None:
        check_model(manifest, settings.model, settings.precision)


def _open_engine(settings: Settings) -> tuple[Answerer, Reindexer]:
    from bot.telegram.engine import open_engine  # imports the engine, loads the model and the index

    return open_engine(settings)
