"""The bot under Bot API faults and hostile input: the real Application against the fake Bot API.

Failed refusals, forged button data, 5xx and 429 replies on sends, and an API unreachable at start.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import socket
import time
from pathlib import Path

import pytest

from bot.telegram.app import UPDATE_TYPES, build_application, connect, run_application
from bot.telegram.handlers import APOLOGY, EXPIRED, REFUSAL
from bot.telegram.service import Answerer
from tests.fake_telegram import FakeTelegram
from tests.test_telegram_bot import BOT, QUESTION, buttons, make_settings, running, vote_data

FAST_RETRIES = {"TELEGRAM_RETRIES": "1", "TELEGRAM_BACKOFF_S": "0.05"}


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on (connections to it are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """The bot's records at ERROR or with a traceback (not the fake server's access log)."""
    return [
        r
        for r in caplog.records
        if (r.levelno >= logging.ERROR or r.exc_info) and not r.name.startswith("tornado")
    ]


async def settle(fake: FakeTelegram, user: int = 1) -> None:
    """Let pending updates run out: ask once more as ``user`` and wait for the answer, then a moment."""
    count = len(fake.messages_to(user))
    await fake.send_text(user, QUESTION)
    await fake.wait_messages(user, count + 1, timeout=20)
    await asyncio.sleep(0.3)


# --- the allowlist gate ---------------------------------------------------------------------------


async def test_the_gate_holds_whatever_becomes_of_the_refusal(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer
) -> None:
    settings = make_settings(fake, tmp_path, ALLOWED_USER_IDS="1", **FAST_RETRIES)
    async with running(settings, answerer):
        await fake.send_text(1, QUESTION)
        (answer,) = await fake.wait_messages(1, 1)
        fake.fail_next("sendMessage", times=2, status=500, chat_id=2)  # the refusal and its retry
        fake.fail_next("sendMessage", status=403, chat_id=3)  # the stranger blocked the bot
        fake.fail_next("sendMessage", times=2, retry_after=1, chat_id=4)  # a run of 429s
        fake.fail_next("answerCallbackQuery", times=2, status=400)  # presses too old to answer
        for stranger in (2, 3, 4):
            await fake.send_text(stranger, QUESTION)
        await fake.press(5, answer, vote_data(answer, "up"))
        quote = next(b["callback_data"] for b in buttons(answer) if b["callback_data"].startswith("q:"))
        await fake.press(6, answer, quote)
        await fake.wait_until(lambda: len([c for c in fake.calls if c.status != 200]) == 7, timeout=10)
        await settle(fake)
    for stranger in (2, 3, 4):
        assert not fake.messages_to(stranger), f"stranger {stranger} got through the gate"
    assert not [c for c in fake.calls_of("sendChatAction") if c.params["chat_id"] in (2, 3, 4)]
    assert len(fake.messages_to(1)) == 2, "no quote posted for a stranger's press"
    assert not settings.feedback_path.exists(), "no vote stored for a stranger"


async def test_refusals_are_rate_limited_per_stranger(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer
) -> None:
    settings = make_settings(fake, tmp_path, ALLOWED_USER_IDS="1", REFUSAL_INTERVAL_S="1.5")
    async with running(settings, answerer):
        await fake.send_text(1, QUESTION)
        (answer,) = await fake.wait_messages(1, 1)
        for n in range(3):
            await fake.send_text(7, f"{QUESTION} ({n})")
            await fake.press(7, answer, vote_data(answer, "up"))
        await fake.send_text(8, QUESTION)  # another stranger has his own refusal
        await fake.wait_messages(8, 1)
        await settle(fake)
        assert [m["text"] for m in fake.messages_to(7)] == [REFUSAL]
        assert [a.get("text") for a in fake.callback_answers] == [REFUSAL]
        refused_at = next(c.at for c in fake.calls_of("sendMessage") if c.params["chat_id"] == 7)
        await asyncio.sleep(refused_at + 1.6 - time.monotonic())  # REFUSAL_INTERVAL_S later, one more
        await fake.send_text(7, QUESTION)
        await fake.wait_messages(7, 2)
    assert [m["text"] for m in fake.messages_to(7)] == [REFUSAL, REFUSAL]


# --- button data ----------------------------------------------------------------------------------


async def test_forged_button_data_is_answered_and_posts_nothing(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer, caplog: pytest.LogCaptureFixture
) -> None:
    settings = make_settings(fake, tmp_path)
    async with running(settings, answerer):
        await fake.send_text(1, QUESTION)
        (answer,) = await fake.wait_messages(1, 1)
        await fake.send_text(2, QUESTION)
        (other,) = await fake.wait_messages(2, 1)
        key = vote_data(answer, "up").split(":")[1]
        forged = ["q:", "v:", "", f"v:{key}", "q:" + "A" * 61, "zzz", f"q:{key}:99", f"v:{key}:sideways"]
        forged += [f"q:{key}:1:x", "q:🙂:1", f"q:{key}:"]
        for data in forged:
            await fake.press(1, answer, data)
        # user 2 carrying user 1's answer key: through an inline message, and under a message in chat 2
        await fake.press_inline(2, f"q:{key}:1")
        await fake.press_inline(2, f"v:{key}:up")
        await fake.press(2, other, f"q:{key}:1")
        await fake.wait_until(lambda: len(fake.callback_answers) == len(forged) + 3)
        await asyncio.sleep(0.3)
    assert [a.get("text") for a in fake.callback_answers] == [EXPIRED] * (len(forged) + 3)
    assert fake.messages_to(1) == [answer] and fake.messages_to(2) == [other], "nothing posted"
    assert not errors_logged(caplog)
    assert not settings.feedback_path.exists()


# --- failed sends ---------------------------------------------------------------------------------


async def test_a_failed_send_is_retried_with_backoff(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer, caplog: pytest.LogCaptureFixture
) -> None:
    settings = make_settings(fake, tmp_path, TELEGRAM_RETRIES="3", TELEGRAM_BACKOFF_S="0.1")
    async with running(settings, answerer):
        fake.fail_next("sendMessage", status=500)
        await fake.send_text(1, QUESTION)
        await fake.wait_messages(1, 1)
        fake.fail_next("sendMessage", status=502)
        fake.fail_next("sendMessage", retry_after=0)  # a 429 without retry_after: backoff
        fake.fail_next("sendMessage", times=2, retry_after=1)  # then a run of 429s
        await fake.send_text(1, QUESTION)
        await fake.wait_messages(1, 2, timeout=20)
        fake.fail_next("sendMessage", times=4, status=500)  # beyond TELEGRAM_RETRIES: given up
        await fake.send_text(1, QUESTION)
        replies = await fake.wait_messages(1, 3)
    sends = fake.calls_of("sendMessage")
    assert [c.status for c in sends] == [500, 200, 502, 429, 429, 429, 200, 500, 500, 500, 500, 200]
    assert all("[1]" in reply["text"] for reply in replies[:2]), "the answer is not lost"
    assert replies[2]["text"] == APOLOGY
    gaps = [later.at - earlier.at for earlier, later in itertools.pairwise(sends[7:11])]
    assert [round(gap, 1) >= delay for gap, delay in zip(gaps, (0.1, 0.2, 0.4), strict=True)] == [True] * 3
    retries = [r.getMessage() for r in caplog.records if r.name == "bot.telegram.retry"]
    assert sum("retry 1 of 3 in 0.1 s" in line for line in retries) == 3 and len(retries) == 6


# --- the Bot API at start -------------------------------------------------------------------------


async def test_the_bot_starts_once_the_api_comes_up(
    tmp_path: Path, answerer: Answerer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    port = free_port()
    fake = FakeTelegram(username=BOT)
    settings = make_settings(
        fake, tmp_path, TELEGRAM_API_URL=f"http://127.0.0.1:{port}/bot", TELEGRAM_BACKOFF_S="0.05",
        TELEGRAM_START_ATTEMPTS="30",
    )  # fmt: skip
    app = build_application(settings, answerer)
    connecting = asyncio.create_task(connect(app, settings))
    await asyncio.sleep(0.6)  # connections refused meanwhile
    assert not connecting.done()
    fake.fail_next("getMe", status=502)  # then up, but failing once
    await fake.start(port)
    try:
        await asyncio.wait_for(connecting, timeout=15)
        async with app:
            await app.post_init(app)
            await app.updater.start_polling(timeout=5, allowed_updates=UPDATE_TYPES)
            await app.start()
            await fake.send_text(1, QUESTION)
            (reply,) = await fake.wait_messages(1, 1)
            await app.updater.stop()
            await app.stop()
    finally:
        await fake.stop()
    attempts = [r for r in caplog.records if "Bot API not reachable" in r.getMessage()]
    assert len(attempts) >= 3 and "Bad Gateway" in attempts[-1].getMessage()
    assert all("\n" not in r.getMessage() for r in attempts) and not errors_logged(caplog)
    assert "[1]" in reply["text"]


def test_the_bot_gives_up_in_one_line_when_the_api_never_comes_up(
    tmp_path: Path, answerer: Answerer, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakeTelegram(username=BOT)  # never started
    url = f"http://127.0.0.1:{free_port()}/bot"
    settings = make_settings(
        fake, tmp_path, TELEGRAM_API_URL=url, TELEGRAM_START_ATTEMPTS="3", TELEGRAM_BACKOFF_S="0.05"
    )
    try:
        code = run_application(build_application(settings, answerer), settings)
    finally:
        asyncio.set_event_loop(None)
    printed = capsys.readouterr().err.strip()
    assert code == 1
    assert printed.startswith(f"Cannot reach the Telegram Bot API at {url} after 3 attempts")
    assert "\n" not in printed and "Traceback" not in printed
    attempts = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(attempts) == 2 and all("Bot API not reachable (attempt" in line for line in attempts)
    assert not errors_logged(caplog)
