"""Start-up of the bot: it polls Telegram before the answer engine has loaded (bot/telegram/loading.py);
a question that arrives meanwhile waits and is answered once the engine is ready. The real Application
against the fake Bot API; the tests assert the order of events, not timings."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from bot.telegram.engine import open_engine
from bot.telegram.handlers import APOLOGY
from bot.telegram.loading import LoadingAnswerer
from bot.telegram.service import Answerer, Reindexer
from index.embedder import Embedder
from index.store import IndexMissingError
from tests.fake_telegram import FakeTelegram
from tests.test_telegram_bot import QUESTION, make_settings, running


async def test_polls_before_the_engine_loads_and_an_early_question_waits_for_it(
    fake: FakeTelegram, tmp_path: Path, built_index: Path, corpus_dir: Path, embedder: Embedder
) -> None:
    settings = make_settings(
        fake, tmp_path, INSPECTBOT_INDEX=str(built_index), INSPECTBOT_DOCUMENTS=str(corpus_dir)
    )
    gate, loaded_at = threading.Event(), []

    def load() -> tuple[Answerer, Reindexer]:
        gate.wait(60)  # the engine is "still loading" until the test lets it finish
        engine = open_engine(settings, embedder=embedder)
        loaded_at.append(time.monotonic())
        return engine

    answerer = LoadingAnswerer(load)
    async with running(settings, answerer, answerer.reindex):
        await fake.wait_until(lambda: fake.calls_of("getUpdates"))
        assert not answerer.ready
        await fake.send_text(1, QUESTION)
        await fake.wait_until(lambda: fake.calls_of("sendChatAction"))
        assert not fake.messages_to(1), "no reply before the engine is loaded"
        gate.set()
        (reply,) = await fake.wait_messages(1, 1)
    assert "[1]" in reply["text"] and "Sources" in reply["text"]
    assert fake.calls_of("getUpdates")[0].at < loaded_at[0] < fake.calls_of("sendMessage")[0].at


async def test_an_engine_that_fails_to_load_is_an_apology_not_a_crash(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(fake, tmp_path, INSPECTBOT_INDEX=str(tmp_path / "no-index"))

    def load() -> tuple[Answerer, Reindexer]:
        raise IndexMissingError(tmp_path / "no-index")

    answerer = LoadingAnswerer(load)
    async with running(settings, answerer, answerer.reindex):
        await fake.send_text(1, QUESTION)
        (reply,) = await fake.wait_messages(1, 1)
        await fake.send_text(1, QUESTION)
        await fake.wait_messages(1, 2)
    assert reply["text"] == APOLOGY
