"""Telegram update handlers: thin wrappers that validate input, call the engine off the event loop, reply."""

from __future__ import annotations

import asyncio
import logging
import math
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from string import Template

from telegram import (
    Bot,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.answer import MAX_QUESTION_CHARS, Answer
from bot.engine.prompts import LANGUAGES, default_prompts
from bot.settings import Settings
from bot.telegram.access import AccessPolicy
from bot.telegram.cache import AnswerCache, SentAnswer
from bot.telegram.conversations import ConversationStore
from bot.telegram.feedback import FeedbackStore
from bot.telegram.formatting import (
    button_label,
    esc,
    render_answer,
    render_quote,
    render_sources,
    split_html,
)
from bot.telegram.language import user_language
from bot.telegram.ratelimit import SlidingWindowLimiter
from bot.telegram.service import Answerer, Reindexer

log = logging.getLogger(__name__)

TYPING_REFRESH_S = 4.0

REFUSAL = "Sorry, this bot is private. Ask its owner to add you to the allowlist."
APOLOGY = "Sorry, something went wrong while answering. Please try again in a moment."
USAGE = "Usage: /ask <question>, for example: /ask {example}"
NON_TEXT_HINT = "I can only read text. Please type your question about the inspections."
EXPIRED = "This answer is no longer in my memory. Please ask the question again."
NEW_CONVERSATION = "New conversation: your next question is read on its own, not as a follow-up."
CHART_USAGE = (
    "Usage: /chart <question>, for example: /chart How many people were held accountable in round 3?"
)
NO_CHART = (
    "No chart for this answer: it does not give one figure for each of several inspections. Try a question "
    "across batches, such as one about a whole round."
)
REFUSAL_FLOOD_RETRIES = 1  # a refusal waits out at most one 429 "retry after"
BUTTON = re.compile(r"(?P<kind>[qv]):(?P<key>[A-Za-z0-9_-]{1,32}):(?P<arg>[a-z0-9]{1,8})")

Context = ContextTypes.DEFAULT_TYPE


@asynccontextmanager
async def typing(bot: Bot, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" in ``chat_id`` until the block ends (renewed, as Telegram clears it after ~5 s)."""

    async def keep_typing() -> None:
        while True:
            try:
                await bot.send_chat_action(chat_id=chat_id, action=ChatAction.TYPING)
            except TelegramError as error:
                log.debug("chat action failed: %s", error)
            await asyncio.sleep(TYPING_REFRESH_S)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


def _mentions(message: Message, username: str) -> bool:
    mentions = message.parse_entities([MessageEntity.MENTION]).values()
    return any(text.lstrip("@").lower() == username.lower() for text in mentions)


def _is_reply_to(message: Message, bot_id: int) -> bool:
    replied = message.reply_to_message
    return replied is not None and replied.from_user is not None and replied.from_user.id == bot_id


def _targets_bot(message: Message, username: str) -> bool:
    """A command such as /ask or /ask@this_bot (not /ask@other_bot)."""
    command = (message.text or "").split(maxsplit=1)[0] if message.text else ""
    _, _, target = command.partition("@")
    return command.startswith("/") and (not target or target.lower() == username.lower())


def is_addressed(message: Message, bot: Bot) -> bool:
    """Whether the bot should respond to ``message``: any private message; in groups a mention,
    a reply to the bot, or a command meant for this bot."""
    if message.chat.type == ChatType.PRIVATE:
        return True
    return (
        _targets_bot(message, bot.username)
        or _mentions(message, bot.username)
        or _is_reply_to(message, bot.id)
    )


def _strip_mention(text: str, username: str) -> str:
    return re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).strip()


class BotHandlers:
    """All handlers of the bot, sharing the engine, the answer cache, the feedback store and the limits."""

    def __init__(self, settings: Settings, answerer: Answerer, reindexer: Reindexer | None = None) -> None:
        self.answerer = answerer
        self.reindexer = reindexer
        self.policy = AccessPolicy.from_settings(settings)
        self.limiter = SlidingWindowLimiter(settings.user_questions_per_minute)
        self.refusals = SlidingWindowLimiter(1, settings.refusal_interval_s)  # one per stranger per interval
        self.cache = AnswerCache()
        self.conversations = ConversationStore(settings.conversation_ttl_s)
        self.feedback = FeedbackStore(settings.feedback_path)
        prompts = default_prompts()  # /start and /help in each shipped language
        self.help_templates = {
            language: Template(prompts.in_language(language).template("telegram_help"))
            for language in LANGUAGES
        }
        self._reindex_lock = asyncio.Lock()

    def register(self, app: Application) -> None:
        """Add every handler and the error handler to ``app``."""
        new_messages = filters.UpdateType.MESSAGE
        app.add_handler(TypeHandler(Update, self.gate), group=-1)
        app.add_handler(CommandHandler(["start", "help"], self.help, filters=new_messages))
        app.add_handler(CommandHandler("ask", self.ask, filters=new_messages))
        app.add_handler(CommandHandler("sources", self.sources, filters=new_messages))
        app.add_handler(CommandHandler("new", self.new_conversation, filters=new_messages))
        app.add_handler(CommandHandler("chart", self.chart, filters=new_messages))
        app.add_handler(CommandHandler("reindex", self.reindex, filters=new_messages))
        app.add_handler(CallbackQueryHandler(self.button))
        app.add_handler(MessageHandler(new_messages & filters.TEXT & ~filters.COMMAND, self.text))
        app.add_handler(MessageHandler(new_messages & filters.COMMAND, self.unknown_command))
        app.add_handler(
            MessageHandler(new_messages & ~filters.TEXT & ~filters.StatusUpdate.ALL, self.non_text)
        )
        app.add_error_handler(self.on_error)

    # --- access ---------------------------------------------------------------------------------

    async def gate(self, update: Update, context: Context) -> None:
        """Stop updates from users outside the allowlists, whatever becomes of the polite refusal."""
        user, chat = update.effective_user, update.effective_chat
        user_id, chat_id = (user.id if user else None), (chat.id if chat else None)
        if self.policy.allows(user_id, chat_id):
            return
        try:
            await self._refuse(update, context, user_id, chat_id)
        except Exception as error:  # a refusal that cannot be sent must not let the update through
            log.warning("refusal to user %s in chat %s not sent: %s", user_id, chat_id, error)
        raise ApplicationHandlerStop

    async def _refuse(
        self, update: Update, context: Context, user_id: int | None, chat_id: int | None
    ) -> None:
        """Tell a stranger the bot is private: once per REFUSAL_INTERVAL_S for messages in a chat and once
        for button presses there; silence otherwise, so strangers cannot run the bot into flood limits."""
        query, message = update.callback_query, update.message
        addressed = query is not None or (message is not None and is_addressed(message, context.bot))
        if not addressed or self.refusals.try_acquire((query is not None, chat_id, user_id)):
            return
        log.info("refused user %s in chat %s", user_id, chat_id)
        if query is not None:
            await context.bot.answer_callback_query(
                query.id, REFUSAL, show_alert=True, rate_limit_args=REFUSAL_FLOOD_RETRIES
            )
        elif message is not None:
            await context.bot.send_message(
                message.chat.id,
                REFUSAL,
                reply_parameters=ReplyParameters(message.message_id, allow_sending_without_reply=True),
                rate_limit_args=REFUSAL_FLOOD_RETRIES,
            )

    # --- commands -------------------------------------------------------------------------------

    async def help(self, update: Update, context: Context) -> None:
        """/start and /help: what the bot knows and three example questions, in the user's language."""
        user = update.effective_user
        language = user_language(user.language_code if user else None)
        intro, examples = await asyncio.to_thread(
            lambda: (self.answerer.help_text(language), self.answerer.examples(language))
        )
        text = self.help_templates[language].substitute(
            intro=esc(intro), examples="\n".join(f"• {esc(example)}" for example in examples)
        )
        await self._reply(update.effective_message, text.strip())

    async def ask(self, update: Update, context: Context) -> None:
        """/ask <question>."""
        await self._answer(update, context, " ".join(context.args or []))

    async def chart(self, update: Update, context: Context) -> None:
        """/chart <question>: the answer, then a bar chart of its figures across inspections (or why none)."""
        await self._answer(update, context, " ".join(context.args or []), chart=True)

    async def new_conversation(self, update: Update, context: Context) -> None:
        """/new: forget the chat's context, so that the next question is read on its own."""
        self.conversations.reset(update.effective_chat.id)
        await update.effective_message.reply_text(NEW_CONVERSATION)

    async def sources(self, update: Update, context: Context) -> None:
        """/sources: the indexed articles."""
        listing = await asyncio.to_thread(self.answerer.sources)
        await self._reply(update.effective_message, render_sources(listing))

    async def reindex(self, update: Update, context: Context) -> None:
        """/reindex (admins only): run the incremental index build and report the counts."""
        message = update.effective_message
        if not self.policy.is_admin(update.effective_user.id if update.effective_user else None):
            await message.reply_text("Sorry, only the bot's admins can re-index the articles.")
            return
        if self.reindexer is None:
            await message.reply_text("Re-indexing is not available in this setup.")
            return
        if self._reindex_lock.locked():
            await message.reply_text("A re-index is already running; I'll report when it finishes.")
            return
        async with self._reindex_lock:
            await message.reply_text("Re-indexing the articles…")
            try:
                report = await asyncio.to_thread(self.reindexer)
            except Exception as error:  # reported to the admin in one line; details go to the log
                log.exception("re-index failed")
                await message.reply_text(f"Re-index failed: {error}")
                return
        counts = (
            f"added {len(report.added)}, updated {len(report.updated)}, removed {len(report.removed)}, "
            f"unchanged {len(report.unchanged)}, failed {len(report.failed)}"
        )
        if report.wrote_version:
            head = (
                f"<b>Index updated</b> (version {esc(report.version_id)}, {report.seconds:.1f} s): {counts}."
            )
        else:
            head = f"<b>Index already up to date</b>: {counts}."
        failures = [f"• {esc(path)}: {esc(reason)}" for path, reason in report.failed]
        await self._reply(message, "\n".join([head, *failures]))

    async def unknown_command(self, update: Update, context: Context) -> None:
        """Any other /command in a private chat."""
        if update.effective_chat.type == ChatType.PRIVATE:
            await update.effective_message.reply_text("I don't know that command. Try /help.")

    # --- messages -------------------------------------------------------------------------------

    async def text(self, update: Update, context: Context) -> None:
        """Private chat: any text is a question. Groups: only when mentioned or replied to."""
        message = update.effective_message
        if message.chat.type == ChatType.PRIVATE:
            await self._answer(update, context, message.text)
        elif _mentions(message, context.bot.username):
            await self._answer(update, context, _strip_mention(message.text, context.bot.username))
        elif _is_reply_to(message, context.bot.id):
            await self._answer(update, context, message.text)

    async def non_text(self, update: Update, context: Context) -> None:
        """Stickers, photos, voice, documents…: a short hint (in groups only when replying to the bot)."""
        message = update.effective_message
        if message.chat.type == ChatType.PRIVATE or _is_reply_to(message, context.bot.id):
            await message.reply_text(NON_TEXT_HINT)

    async def _answer(self, update: Update, context: Context, question: str, *, chart: bool = False) -> None:
        message, user = update.effective_message, update.effective_user
        question = question.strip()
        if not question and chart:
            await message.reply_text(CHART_USAGE)
            return
        if not question:
            examples = await asyncio.to_thread(self.answerer.examples)
            await message.reply_text(USAGE.format(example=examples[0] if examples else "…"))
            return
        if len(question) > MAX_QUESTION_CHARS:
            await message.reply_text(
                f"Please keep questions under {MAX_QUESTION_CHARS:,} characters "
                f"(yours has {len(question):,}): ask about one thing at a time."
            )
            return
        wait = self.limiter.try_acquire(user.id if user else message.chat.id)
        if wait:
            await message.reply_text(
                f"You're asking faster than {self.limiter.limit} questions a minute. "
                f"Please wait {math.ceil(wait)} s and ask again."
            )
            return
        async with typing(context.bot, message.chat.id):
            answer = await asyncio.to_thread(self._answer_in_chat, question, message.chat.id)
        log.info(
            "answered=%s in %.0f ms for user %s",
            answer.answered,
            answer.latency_ms,
            user.id if user else None,
        )
        key = self.cache.put(answer, message.chat.id)
        await self._reply(message, render_answer(answer), self._keyboard(key, answer))
        if answer.chart:
            await self._send_chart(message, answer)
        elif chart:
            await message.reply_text(NO_CHART)

    def _answer_in_chat(self, question: str, chat_id: int) -> Answer:
        """The answer in the chat's conversation (blocking, off the loop: the first conversation imports
        the engine's question analysis, which the bot defers until its first question)."""
        return self.answerer.answer(question, self.conversations.get(chat_id))

    @staticmethod
    async def _send_chart(message: Message, answer: Answer) -> None:
        """The chart of the answer's cited figures as a photo under it; a chart that cannot be drawn or
        sent is logged (the answer itself has been sent)."""
        from bot.chart import chart_caption, render_png  # imports the engine's modules: not at start-up

        try:
            png = await asyncio.to_thread(render_png, answer.chart)
            await message.reply_photo(png, caption=chart_caption(answer.chart))
        except TelegramError as error:
            log.warning("chart not sent: %s", error)
        except Exception:  # a chart that cannot be drawn must not lose the answer already sent
            log.exception("chart for %r not drawn", answer.question[:200])

    @staticmethod
    def _keyboard(key: str, answer: Answer) -> InlineKeyboardMarkup:
        rows = [
            [InlineKeyboardButton(button_label(citation), callback_data=f"q:{key}:{citation.n}")]
            for citation in answer.citations
        ]
        rows.append(
            [
                InlineKeyboardButton("👍", callback_data=f"v:{key}:up"),
                InlineKeyboardButton("👎", callback_data=f"v:{key}:down"),
            ]
        )
        return InlineKeyboardMarkup(rows)

    @staticmethod
    async def _reply(message: Message, html_text: str, markup: InlineKeyboardMarkup | None = None) -> None:
        """Send HTML, split into several messages if needed; buttons go on the last one."""
        parts = split_html(html_text)
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            await message.reply_text(
                part,
                parse_mode=ParseMode.HTML,
                reply_markup=markup if last else None,
            )

    # --- buttons --------------------------------------------------------------------------------

    async def button(self, update: Update, context: Context) -> None:
        """A press of a citation button (show the quote) or of 👍 / 👎 (store the vote).

        Data the bot did not make, an answer no longer in memory, or one sent to another chat than the
        one the button is in (forged, or an inline message) is answered "expired" and nothing is posted.
        """
        query = update.callback_query
        match = BUTTON.fullmatch(query.data or "")
        sent = self.cache.get(match["key"]) if match else None
        here = query.message.chat.id if query.message else None
        if match is None or sent is None or sent.chat_id != here:
            await self._acknowledge(query, EXPIRED, alert=True)
        elif match["kind"] == "q":
            await self._show_quote(query, context, sent, match["arg"])
        else:
            await self._vote(query, sent, match["arg"])

    async def _show_quote(
        self, query: CallbackQuery, context: Context, sent: SentAnswer, number: str
    ) -> None:
        citation = next((c for c in sent.answer.citations if str(c.n) == number), None)
        if citation is None:
            await self._acknowledge(query, EXPIRED, alert=True)
            return
        await self._acknowledge(query)
        if isinstance(query.message, Message):
            await self._reply(query.message, render_quote(citation))
        else:  # a message too old to reply to, in the answer's own chat
            for part in split_html(render_quote(citation)):
                await context.bot.send_message(sent.chat_id, part, parse_mode=ParseMode.HTML)

    async def _vote(self, query: CallbackQuery, sent: SentAnswer, vote: str) -> None:
        if vote not in ("up", "down"):
            await self._acknowledge(query, EXPIRED, alert=True)
            return
        user_id = query.from_user.id
        if sent.votes.get(user_id) == vote:
            await self._acknowledge(query, "Already recorded. Thanks!")
            return
        sent.votes[user_id] = vote
        await asyncio.to_thread(
            self.feedback.record, answer=sent.answer, vote=vote, user_id=user_id, chat_id=sent.chat_id
        )
        await self._acknowledge(query, "Thanks for the feedback!")

    @staticmethod
    async def _acknowledge(query: CallbackQuery, text: str | None = None, *, alert: bool = False) -> None:
        """Answer a button press; one too old to answer (Telegram's 400) is only logged."""
        try:
            await query.answer(text, show_alert=alert)
        except BadRequest as error:
            log.info("button press not acknowledged: %s", error)

    # --- errors ---------------------------------------------------------------------------------

    async def on_error(self, update: object, context: Context) -> None:
        """Log the error and, when there is a chat to reply in, apologise instead of staying silent."""
        log.error("error while handling an update", exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat:
            with suppress(TelegramError):
                await context.bot.send_message(update.effective_chat.id, APOLOGY)
