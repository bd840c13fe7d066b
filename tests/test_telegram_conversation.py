"""Follow-ups in Telegram: each chat keeps its own context, `/new` starts afresh, a quiet while expires it
(the real Application and engine against the fake Bot API)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.telegram.handlers import NEW_CONVERSATION
from bot.telegram.service import Answerer
from tests.fake_telegram import FakeTelegram
from tests.test_telegram_bot import make_settings, running

FIRST = "How many cases were filed for punishment in the second batch of the third round?"
FOLLOW_UP = "And in the third batch?"
IN_CONTEXT = "18 cases were filed for punishment"


async def ask(fake: FakeTelegram, chat: int, text: str) -> str:
    count = len(fake.messages_to(chat))
    await fake.send_text(chat, text)
    return (await fake.wait_messages(chat, count + 1))[count]["text"]


async def test_follow_ups_in_context_per_chat_until_new(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer
) -> None:
    async with running(make_settings(fake, tmp_path), answerer):
        assert "2,258" in await ask(fake, 1, FIRST)
        assert IN_CONTEXT in await ask(fake, 1, FOLLOW_UP)
        assert IN_CONTEXT not in await ask(fake, 2, FOLLOW_UP)  # another chat has no such context
        assert "6 people were held accountable" in await ask(fake, 1, "What about people held accountable?")
        assert await ask(fake, 1, "/new") == NEW_CONVERSATION
        assert IN_CONTEXT not in await ask(fake, 1, FOLLOW_UP)
    assert "new" in [command["command"] for command in fake.commands]


async def test_the_context_expires_after_a_quiet_while(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer
) -> None:
    async with running(make_settings(fake, tmp_path, CONVERSATION_TTL_S="2"), answerer):
        await ask(fake, 3, FIRST)
        assert IN_CONTEXT in await ask(fake, 3, FOLLOW_UP)  # within the while
        await asyncio.sleep(2.3)
        assert IN_CONTEXT not in await ask(fake, 3, FOLLOW_UP)
