"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests of the bot (tornado, on the test's loop).

It speaks the Bot API over real HTTP: getMe, long-polling getUpdates, sendMessage, sendPhoto (a multipart
upload, which must be a PNG or JPEG image), editMessageText, answerCallbackQuery, sendChatAction,
setMyCommands, deleteWebhook; it rejects HTML that Telegram would
reject (400 "can't parse entities") and text over 4,096 characters after entity parsing. On demand it fails
calls: 429 with ``retry_after``, 5xx, 403 or 400, for one method or one chat; it can also start late on a
port chosen in advance (an API unreachable at first). Every call is recorded; tests inject updates and
wait for replies.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web

TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz"
MAX_TEXT_UNITS = 4096
MAX_CAPTION_CHARS = 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
    "blockquote", "tg-emoji",
}  # fmt: skip
STRING_FIELDS = {"text", "caption", "parse_mode", "callback_query_id", "action", "url", "secret_token"}
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
)
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
DESCRIPTIONS = {
    400: "Bad Request: query is too old and response timeout expired or query ID is invalid",
    403: "Forbidden: bot was blocked by the user",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


class ApiError(Exception):
    """An error reply of the Bot API."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters


def units(text: str) -> int:
    """Length in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def parse_html(text: str) -> str:
    """The plain text of Telegram HTML, or ApiError(400) where Telegram could not parse it."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "<":
            match = _TAG.match(text, i)
            name = match.group(2).lower() if match else ""
            offset = len(text[:i].encode())
            if not match or name not in ALLOWED_TAGS:
                raise ApiError(
                    400, f"Bad Request: can't parse entities: Unsupported start tag at byte offset {offset}"
                )
            if match.group(1):
                if not stack or stack[-1] != name:
                    raise ApiError(
                        400, f"Bad Request: can't parse entities: Unmatched end tag at byte offset {offset}"
                    )
                stack.pop()
            else:
                stack.append(name)
            i = match.end()
        elif char == "&":
            match = _ENTITY.match(text, i)
            if not match:
                raise ApiError(400, "Bad Request: can't parse entities: Unsupported entity")
            out.append(html.unescape(match.group(0)))
            i = match.end()
        else:
            out.append(char)
            i += 1
    if stack:
        raise ApiError(
            400,
            f"Bad Request: can't parse entities: Can't find end tag corresponding to start tag {stack[-1]}",
        )
    return "".join(out)


@dataclass(frozen=True)
class Upload:
    """A file the bot uploaded in a multipart request."""

    filename: str
    content_type: str
    body: bytes


@dataclass(frozen=True)
class Failure:
    """An error to answer one call with, instead of handling it."""

    status: int
    description: str
    retry_after: int | None = None
    chat_id: int | None = None  # only a call to this chat (None: any call of the method)

    def error(self) -> ApiError:
        """The error reply."""
        return ApiError(
            self.status, self.description, {"retry_after": self.retry_after} if self.retry_after else None
        )


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    status: int = 200
    at: float = field(default_factory=time.monotonic)


class FakeTelegram:
    """The fake server. ``await start()``, point the bot at :attr:`base_url`, ``await stop()``."""

    def __init__(self, token: str = TOKEN, username: str = "inspect_test_bot") -> None:
        self.token = token
        self.bot_user = {"id": 777000111, "is_bot": True, "first_name": "Inspect", "username": username}
        self.calls: list[Call] = []
        self.sent: list[dict[str, Any]] = []  # messages the bot sent, with "html" (raw) and "text" (parsed)
        self.photos: list[dict[str, Any]] = []  # photos the bot sent: the message, with the upload's "bytes"
        self.commands: list[dict[str, Any]] = []
        self.callback_answers: list[dict[str, Any]] = []
        self.language_codes: dict[int, str | None] = {}  # a user's Telegram language_code ("en" if unset)
        self.webhook: dict[str, Any] | None = None  # the last setWebhook call's parameters
        self._pending: list[dict[str, Any]] = []
        self._chats: dict[int, dict[str, Any]] = {}
        self._failures: dict[str, list[Failure]] = {}
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(5000)
        self._cond = asyncio.Condition()
        self._closing = False
        self._server: tornado.httpserver.HTTPServer | None = None
        self.port = 0

    # --- lifecycle ------------------------------------------------------------------------------

    async def start(self, port: int = 0) -> FakeTelegram:
        """Listen on ``port`` of 127.0.0.1 (0: a free one)."""
        app = tornado.web.Application([(r"/bot([^/]+)/(\w+)", _ApiHandler, {"fake": self})])
        sockets = tornado.netutil.bind_sockets(port, "127.0.0.1")
        self.port = sockets[0].getsockname()[1]
        self._server = tornado.httpserver.HTTPServer(app)
        self._server.add_sockets(sockets)
        return self

    async def stop(self) -> None:
        """Release held getUpdates calls and close the server."""
        self._closing = True
        async with self._cond:
            self._cond.notify_all()
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()

    @property
    def base_url(self) -> str:
        """The value for TELEGRAM_API_URL."""
        return f"http://127.0.0.1:{self.port}/bot"

    # --- test controls --------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        times: int = 1,
        retry_after: int = 1,
        *,
        status: int = 429,
        description: str | None = None,
        chat_id: int | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` (to ``chat_id``, if given) with an error:
        429 Too Many Requests with ``retry_after`` by default, else ``status`` with ``description``."""
        if status == 429:
            failure = Failure(429, f"Too Many Requests: retry after {retry_after}", retry_after, chat_id)
        else:
            failure = Failure(status, description or DESCRIPTIONS.get(status, "Error"), None, chat_id)
        self._failures.setdefault(method, []).extend([failure] * times)

    async def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates (assigns its update_id)."""
        update = {"update_id": next(self._ids), **update}
        async with self._cond:
            self._pending.append(update)
            self._cond.notify_all()
        return update

    def chat(self, chat_id: int, chat_type: str = "private", title: str = "Test group") -> dict[str, Any]:
        """Create (or fetch) a chat; private chats have the user's id."""
        if chat_id not in self._chats:
            extra = {"first_name": f"User{chat_id}"} if chat_type == "private" else {"title": title}
            self._chats[chat_id] = {"id": chat_id, "type": chat_type, **extra}
        return self._chats[chat_id]

    def user(self, user_id: int) -> dict[str, Any]:
        """A human user (with the language_code set in ``language_codes``; None: Telegram sends none)."""
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
        code = self.language_codes.get(user_id, "en")
        return user if code is None else {**user, "language_code": code}

    async def send_text(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A user sends ``text`` (entities for a leading /command and @mentions are set like Telegram)."""
        entities = []
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            entities.append({"type": "bot_command", "offset": 0, "length": units(command)})
        for match in re.finditer(r"@\w+", text):
            entities.append(
                {"type": "mention", "offset": units(text[: match.start()]), "length": units(match[0])}
            )
        extra: dict[str, Any] = {"text": text}
        if entities:
            extra["entities"] = entities
        if reply_to is not None:
            extra["reply_to_message"] = reply_to
        return await self.send_message(user_id, extra, chat_id=chat_id, chat_type=chat_type)

    async def send_message(
        self, user_id: int, content: dict[str, Any], *, chat_id: int | None = None, chat_type: str = "private"
    ) -> dict[str, Any]:
        """A user sends a message with arbitrary ``content`` (e.g. a sticker or a photo)."""
        chat = self.chat(user_id if chat_id is None else chat_id, chat_type)
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self.user(user_id),
            **content,
        }
        return await self.push({"message": message})

    async def press(self, user_id: int, message: dict[str, Any], data: str) -> dict[str, Any]:
        """A user presses an inline button with ``data`` under a message the bot sent."""
        query = {
            "id": str(next(self._ids)),
            "from": self.user(user_id),
            "chat_instance": f"ci{message['chat']['id']}",
            "message": {k: v for k, v in message.items() if k != "html"},
            "data": data,
        }
        return await self.push({"callback_query": query})

    async def press_inline(self, user_id: int, data: str) -> dict[str, Any]:
        """A user presses a button with ``data`` under an inline message (no chat, no message)."""
        query = {
            "id": str(next(self._ids)),
            "from": self.user(user_id),
            "chat_instance": f"ci-inline-{user_id}",
            "inline_message_id": f"inline-{next(self._ids)}",
            "data": data,
        }
        return await self.push({"callback_query": query})

    # --- queries --------------------------------------------------------------------------------

    def messages_to(self, chat_id: int) -> list[dict[str, Any]]:
        """Messages the bot sent to ``chat_id``, oldest first."""
        return [m for m in self.sent if m["chat"]["id"] == chat_id]

    def calls_of(self, method: str) -> list[Call]:
        """Recorded calls of one method."""
        return [c for c in self.calls if c.method == method]

    async def wait_until(self, predicate: Callable[[], Any], timeout: float = 15.0) -> Any:
        """Wait until ``predicate()`` is truthy (re-checked after each call the bot makes)."""

        async def check() -> Any:
            async with self._cond:
                while not (result := predicate()):
                    await self._cond.wait()
                return result

        return await asyncio.wait_for(check(), timeout)

    async def wait_messages(self, chat_id: int, count: int, timeout: float = 15.0) -> list[dict[str, Any]]:
        """Wait until the bot has sent at least ``count`` messages to ``chat_id``; return them."""
        await self.wait_until(lambda: len(self.messages_to(chat_id)) >= count, timeout)
        return self.messages_to(chat_id)

    # --- the API --------------------------------------------------------------------------------

    async def call(self, method: str, params: dict[str, Any]) -> Any:
        """Handle one API call: the ``result`` on success, ApiError otherwise. Records it."""
        record = Call(method, params)
        try:
            if failure := self._take_failure(method, params):
                raise failure.error()
            handler = getattr(self, f"_api_{method}", None)
            if handler is None:
                raise ApiError(404, "Not Found")
            return await handler(params)
        except ApiError as error:
            record.status = error.code
            raise
        finally:
            async with self._cond:
                self.calls.append(record)
                self._cond.notify_all()

    def _take_failure(self, method: str, params: dict[str, Any]) -> Failure | None:
        failures = self._failures.get(method, [])
        for index, failure in enumerate(failures):
            if failure.chat_id is None or str(failure.chat_id) == str(params.get("chat_id")):
                return failures.pop(index)
        return None

    async def _api_getMe(self, params: dict[str, Any]) -> Any:
        return self.bot_user

    async def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        async with self._cond:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
            while not self._pending and not self._closing:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    await asyncio.wait_for(self._cond.wait(), remaining)
                except TimeoutError:
                    break
            return list(self._pending[:limit])

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = None
        return True

    async def _api_setWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = params
        return True

    async def _api_setMyCommands(self, params: dict[str, Any]) -> Any:
        self.commands = params.get("commands") or []
        return True

    async def _api_sendChatAction(self, params: dict[str, Any]) -> Any:
        self._known_chat(params)
        return True

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        self.callback_answers.append(params)
        return True

    async def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        chat = self._known_chat(params)
        raw, text = self._text(params)
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user,
            "text": text,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.sent.append({**message, "html": raw})
        return message

    async def _api_sendPhoto(self, params: dict[str, Any]) -> Any:
        chat = self._known_chat(params)
        photo = params.get("photo")
        if not isinstance(photo, Upload):
            raise ApiError(400, "Bad Request: there is no photo in the request")
        if not photo.body.startswith((PNG_MAGIC, JPEG_MAGIC)):
            raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
        caption = str(params.get("caption") or "")
        if len(caption) > MAX_CAPTION_CHARS:
            raise ApiError(400, "Bad Request: message caption is too long")
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user,
            "photo": [{"file_id": f"p{len(self.photos)}", "file_unique_id": "u", "width": 1, "height": 1}],
            "caption": caption,
        }
        if params.get("reply_parameters"):
            message["reply_parameters"] = params["reply_parameters"]
        self.photos.append({**message, "bytes": photo.body, "filename": photo.filename})
        return message

    async def _api_editMessageText(self, params: dict[str, Any]) -> Any:
        chat = self._known_chat(params)
        raw, text = self._text(params)
        for message in self.sent:
            if message["chat"]["id"] == chat["id"] and message["message_id"] == int(params["message_id"]):
                if message["html"] == raw and message.get("reply_markup") == params.get("reply_markup"):
                    raise ApiError(400, "Bad Request: message is not modified")
                message.update(text=text, html=raw, reply_markup=params.get("reply_markup"))
                return {k: v for k, v in message.items() if k != "html"}
        raise ApiError(400, "Bad Request: message to edit not found")

    def _known_chat(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chats.get(int(params.get("chat_id", 0)))
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        return chat

    @staticmethod
    def _text(params: dict[str, Any]) -> tuple[str, str]:
        raw = str(params.get("text") or "")
        text = parse_html(raw) if str(params.get("parse_mode", "")).upper() == "HTML" else raw
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if units(text) > MAX_TEXT_UNITS:
            raise ApiError(400, "Bad Request: message is too long")
        return raw, text


class _ApiHandler(tornado.web.RequestHandler):
    """Routes /bot<token>/<method> to :meth:`FakeTelegram.call`."""

    def initialize(self, fake: FakeTelegram) -> None:
        self.fake = fake

    async def post(self, token: str, method: str) -> None:
        if token != self.fake.token:
            self._reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        try:
            result = await self.fake.call(method, self._params())
        except ApiError as error:
            body: dict[str, Any] = {"ok": False, "error_code": error.code, "description": error.description}
            if error.parameters:
                body["parameters"] = error.parameters
            self._reply(error.code, body)
            return
        self._reply(200, {"ok": True, "result": result})

    get = post

    def _params(self) -> dict[str, Any]:
        if self.request.headers.get("Content-Type", "").startswith("application/json") and self.request.body:
            return json.loads(self.request.body)
        params: dict[str, Any] = {}
        for name, values in {**self.request.query_arguments, **self.request.body_arguments}.items():
            value = values[-1].decode()
            if name in STRING_FIELDS:
                params[name] = value
            else:
                try:
                    params[name] = json.loads(value)
                except ValueError:
                    params[name] = value
        for name, files in self.request.files.items():  # multipart uploads: sendPhoto, sendDocument ...
            params[name] = Upload(files[-1].filename, files[-1].content_type, files[-1].body)
        return params

    def _reply(self, status: int, body: dict[str, Any]) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))
