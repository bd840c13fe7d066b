"""End-to-end tests of the Telegram bot: the real Application (real PTB, real HTTP) against a fake Bot API."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from telegram.ext import Application

from bot.answer import Answer
from bot.cli import cli
from bot.settings import Settings
from bot.telegram.app import UPDATE_TYPES, build_application, webhook_options
from bot.telegram.engine import open_engine
from bot.telegram.handlers import APOLOGY, NON_TEXT_HINT, REFUSAL
from bot.telegram.service import Answerer, Reindexer
from index.builder import build_index
from index.embedder import Embedder
from tests.conftest import BOT
from tests.fake_telegram import TOKEN, FakeTelegram

GROUP = -100555


STICKER = {
    "sticker": {
        "file_id": "s", "file_unique_id": "s", "type": "regular", "width": 1, "height": 1,
        "is_animated": False, "is_video": False,
    }
}  # fmt: skip
QUESTION = "How many petition issues did the Inner Mongolia discipline inspection group follow up?"


def make_settings(fake: FakeTelegram, tmp_path: Path, **env: Any) -> Settings:
    values = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": fake.base_url,
        "FEEDBACK_PATH": str(tmp_path / "feedback" / "votes.jsonl"),
        **env,
    }
    return Settings(_env_file=None, **values)


@asynccontextmanager
async def running(
    settings: Settings,
    answerer: Answerer,
    reindexer: Reindexer | None = None,
    *,
    webhook: bool = False,
    receiving: Callable[[], None] | None = None,
) -> AsyncIterator[Application]:
    """The bot's Application, started the way run_polling / run_webhook start it, on the test's loop."""
    app = build_application(settings, answerer, reindexer, receiving)
    async with app:
        await app.post_init(app)
        if webhook:
            await app.updater.start_webhook(**webhook_options(settings))
        else:
            await app.updater.start_polling(timeout=5, allowed_updates=UPDATE_TYPES)
        await app.start()
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [button for row in message.get("reply_markup", {}).get("inline_keyboard", []) for button in row]


def vote_data(message: dict[str, Any], vote: str) -> str:
    return next(b["callback_data"] for b in buttons(message) if b["callback_data"].endswith(f":{vote}"))


def failed_calls(fake: FakeTelegram) -> list[Any]:
    return [call for call in fake.calls if call.status != 200 and call.status != 429]


async def test_question_answered_with_citation_and_quote_button(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer
) -> None:
    async with running(make_settings(fake, tmp_path), answerer):
        assert [c["command"] for c in fake.commands] == ["ask", "chart", "new", "sources", "help"]
        await fake.send_text(1, QUESTION)
        (reply,) = await fake.wait_messages(1, 1)
        assert "[1]" in reply["text"] and "Sources" in reply["text"]
        assert fake.calls_of("sendChatAction")[0].at <= fake.calls_of("sendMessage")[0].at
        citation_buttons = [b for b in buttons(reply) if b["callback_data"].startswith("q:")]
        assert citation_buttons and citation_buttons[0]["text"].startswith("[1]")
        assert all(len(b["callback_data"].encode()) <= 64 for b in buttons(reply))
        await fake.press(1, reply, citation_buttons[0]["callback_data"])
        quote = (await fake.wait_messages(1, 2))[1]
        assert "2825,<>" in quote["text"]
        assert fake.callback_answers, "the button press must be acknowledged"
    assert not failed_calls(fake)


async def test_help_and_sources(fake: FakeTelegram, tmp_path: Path, answerer: Answerer) -> None:
    async with running(make_settings(fake, tmp_path), answerer):
        await fake.send_text(1, "/start")
        (welcome,) = await fake.wait_messages(1, 1)
        await fake.send_text(1, "/help")
        await fake.send_text(1, "/sources")
        replies = await fake.wait_messages(1, 3)
    help_text = next(r["text"] for r in replies[1:] if "Try asking" in r["text"])
    listing = next(r["text"] for r in replies[1:] if "Indexed articles" in r["text"])
    for text in (welcome["text"], help_text):
        assert "the fourth batch of the second round" in text and "the Hebei pilot inspection" in text
        assert text.count("•") == 3 and "/sources" in text
    sources = answerer.sources()
    assert len(sources) == 9 and f"Indexed articles ({len(sources)})" in listing
    assert all(info.title in listing for info in sources)
    assert not failed_calls(fake)


async def test_votes_are_stored_as_jsonl(fake: FakeTelegram, tmp_path: Path, answerer: Answerer) -> None:
    settings = make_settings(fake, tmp_path)
    async with running(settings, answerer):
        await fake.send_text(7, QUESTION)
        (reply,) = await fake.wait_messages(7, 1)
        await fake.press(7, reply, vote_data(reply, "up"))
        await fake.wait_until(lambda: len(fake.callback_answers) == 1)
        await fake.press(7, reply, vote_data(reply, "up"))  # the same vote again is not stored twice
        await fake.press(8, reply, vote_data(reply, "down"))
        await fake.press(7, reply, "v:expired0:up")  # an answer no longer in memory
        await fake.wait_until(lambda: len(fake.callback_answers) == 4)
    rows = [json.loads(line) for line in settings.feedback_path.read_text(encoding="utf-8").splitlines()]
    assert sorted((row["user_id"], row["vote"]) for row in rows) == [(7, "up"), (8, "down")]
    assert rows[0]["question"] == QUESTION and rows[0]["answer"] and rows[0]["citations"]
    assert {"timestamp", "chat_id", "answered"} <= rows[0].keys()
    texts = [answer.get("text", "") for answer in fake.callback_answers]
    assert sum("Already recorded" in text for text in texts) == 1
    assert sum("no longer in my memory" in text for text in texts) == 1


async def test_allowlist_refuses_unknown_users(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer
) -> None:
    settings = make_settings(fake, tmp_path, ALLOWED_USER_IDS="1", ALLOWED_CHAT_IDS=str(GROUP))
    async with running(settings, answerer):
        await fake.send_text(2, QUESTION)  # unknown user, private chat
        await fake.send_text(1, QUESTION)  # allowed user
        await fake.send_text(3, f"/ask {QUESTION}", chat_id=GROUP, chat_type="supergroup")  # allowed chat
        await fake.send_text(2, f"/ask {QUESTION}", chat_id=-100999, chat_type="group")  # unknown group
        (refusal,) = await fake.wait_messages(2, 1)
        await fake.wait_messages(1, 1)
        await fake.wait_messages(GROUP, 1)
        (group_refusal,) = await fake.wait_messages(-100999, 1)
        sent = fake.messages_to(1)[0]
        await fake.press(2, sent, vote_data(sent, "up"))  # a button reached by an unknown user
        await fake.wait_until(lambda: fake.callback_answers)
    assert refusal["text"] == REFUSAL and "reply_markup" not in refusal
    assert group_refusal["text"] == REFUSAL
    assert fake.callback_answers[0]["text"] == REFUSAL
    assert not [c for c in fake.calls_of("sendChatAction") if c.params["chat_id"] in (2, -100999)]
    assert not settings.feedback_path.exists()


async def test_group_mention_rules(fake: FakeTelegram, tmp_path: Path, answerer: Answerer) -> None:
    def group_text(user: int, text: str, **kwargs: Any) -> Any:
        return fake.send_text(user, text, chat_id=GROUP, chat_type="supergroup", **kwargs)

    async with running(make_settings(fake, tmp_path), answerer):
        await group_text(1, QUESTION)  # chatter: ignored
        await group_text(1, f"/ask@other_bot {QUESTION}")  # another bot's command: ignored
        await fake.send_message(1, STICKER, chat_id=GROUP, chat_type="supergroup")  # ignored
        await group_text(1, f"@{BOT} {QUESTION}")  # mention: answered
        first = (await fake.wait_messages(GROUP, 1))[0]
        await group_text(2, "And in which provinces?", reply_to=first)  # reply to the bot: answered
        await group_text(3, f"/ask@{BOT} {QUESTION}")  # command: answered
        replies = await fake.wait_messages(GROUP, 3)
        await asyncio.sleep(0.3)
    assert len(fake.messages_to(GROUP)) == 3
    assert all("[1]" in reply["text"] for reply in replies)
    asked = [call.params["reply_parameters"]["message_id"] for call in fake.calls_of("sendMessage")]
    assert len(set(asked)) == 3, "each answer quotes the message it answers"


async def test_html_markdown_emoji_chinese_and_odd_input(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer
) -> None:
    odd = [
        "<b>How many</b> petition issues did the *Inner Mongolia* discipline group follow up? 🙂 & <>",
        "中央生态环境保护督察组受理了多少件群众举报？",
        "&lt; &amp; </i> <script>alert(1)</script> `code` [x](http://e) _it_",
    ]
    async with running(make_settings(fake, tmp_path), answerer):
        for text in odd:
            await fake.send_text(1, text)
        await fake.send_text(1, "/ask")
        await fake.send_text(1, "/ask    ")
        await fake.send_text(1, "x" * 1500)
        await fake.send_message(
            1, {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]}
        )
        await fake.send_message(1, {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 1}})
        await fake.send_text(1, "/nonsense")
        replies = await fake.wait_messages(1, len(odd) + 6)
    texts = [reply["text"] for reply in replies]
    answers = [reply for reply in replies if buttons(reply)]
    assert len(answers) == len(odd) and APOLOGY not in texts
    assert any("2825,<>" in reply["text"] or "2825" in reply["text"] for reply in answers)
    assert sum(text.startswith("Usage: /ask") for text in texts) == 2
    assert sum("under 1,000 characters" in text for text in texts) == 1
    assert texts.count(NON_TEXT_HINT) == 2
    assert any("/help" in text for text in texts)
    assert not failed_calls(fake), "every reply must be valid Telegram HTML"


async def test_flood_control_429_mid_conversation_loses_nothing(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer
) -> None:
    async with running(make_settings(fake, tmp_path), answerer):
        await fake.send_text(1, QUESTION)
        await fake.wait_messages(1, 1)
        fake.fail_next("sendMessage", times=2, retry_after=1)
        started = time.monotonic()
        for n in range(3):
            await fake.send_text(1, f"{QUESTION} ({n})")
        replies = await fake.wait_messages(1, 4, timeout=20)
        elapsed = time.monotonic() - started
    assert len([c for c in fake.calls_of("sendMessage") if c.status == 429]) == 2
    assert len(replies) == 4 and all("[1]" in reply["text"] for reply in replies)
    assert elapsed >= 1.0, "the bot must wait retry_after before retrying"


async def test_per_user_question_rate_limit(fake: FakeTelegram, tmp_path: Path, answerer: Answerer) -> None:
    async with running(make_settings(fake, tmp_path, USER_QUESTIONS_PER_MINUTE="2"), answerer):
        for _ in range(3):
            await fake.send_text(1, QUESTION)
        await fake.send_text(2, QUESTION)  # another user is not affected
        replies = await fake.wait_messages(1, 3)
        await fake.wait_messages(2, 1)
    assert sum("faster than 2 questions a minute" in reply["text"] for reply in replies) == 1


class FailingAnswerer:
    """Raises for questions containing "boom"; the rest go to the real answerer."""

    def __init__(self, inner: Answerer) -> None:
        self.inner = inner

    def answer(self, question: str, conversation: Any = None) -> Answer:
        if "boom" in question:
            raise RuntimeError("engine exploded")
        return self.inner.answer(question, conversation)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


async def test_error_handler_apologises_and_keeps_serving(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer, caplog: pytest.LogCaptureFixture
) -> None:
    def broken_reindex() -> Any:
        raise OSError("disk full")

    settings = make_settings(fake, tmp_path, ADMIN_USER_IDS="1")
    async with running(settings, FailingAnswerer(answerer), broken_reindex):
        await fake.send_text(1, "boom?")
        (apology,) = await fake.wait_messages(1, 1)
        await fake.send_text(1, QUESTION)
        await fake.wait_messages(1, 2)
        await fake.send_text(1, "/reindex")
        replies = await fake.wait_messages(1, 4)
    assert apology["text"] == APOLOGY
    assert "[1]" in replies[1]["text"]
    assert replies[3]["text"] == "Re-index failed: disk full"
    assert "engine exploded" in caplog.text


class SlowAnswerer(FailingAnswerer):
    """Takes two seconds over questions containing "slow"."""

    def answer(self, question: str, conversation: Any = None) -> Answer:
        if "slow" in question:
            time.sleep(2.0)
        return self.inner.answer(question, conversation)


async def test_a_slow_question_does_not_hold_up_others(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer
) -> None:
    async with running(make_settings(fake, tmp_path), SlowAnswerer(answerer)):
        await fake.send_text(1, f"slow {QUESTION}")
        await fake.wait_until(lambda: fake.calls_of("sendChatAction"))
        await fake.send_text(2, QUESTION)
        await fake.wait_messages(2, 1, timeout=1.5)
        assert not fake.messages_to(1), "the fast question is answered while the slow one still runs"
        await fake.wait_messages(1, 1)


class LongAnswerer(FailingAnswerer):
    """The real answer with its text repeated, to exceed one Telegram message."""

    def answer(self, question: str, conversation: Any = None) -> Answer:
        answer = self.inner.answer(question, conversation)
        copies = 6000 // len(answer.answer) + 1
        return answer.model_copy(update={"answer": "\n\n".join([answer.answer] * copies) + " <end>"})


async def test_long_reply_is_split_into_valid_messages(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer
) -> None:
    async with running(make_settings(fake, tmp_path), LongAnswerer(answerer)):
        await fake.send_text(1, QUESTION)
        await fake.wait_until(lambda: any("Sources" in m["text"] for m in fake.messages_to(1)))
        parts = fake.messages_to(1)
    assert len(parts) >= 2 and not failed_calls(fake)
    assert parts[-2]["text"].rstrip().endswith("<end>") or "<end>" in parts[-1]["text"]
    assert [bool(buttons(part)) for part in parts] == [False] * (len(parts) - 1) + [True]


async def test_webhook_mode_checks_the_secret(fake: FakeTelegram, tmp_path: Path, answerer: Answerer) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/telegram-hook"
    settings = make_settings(
        fake,
        tmp_path,
        WEBHOOK_URL=url,
        WEBHOOK_SECRET="s3cret",
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=port,
    )
    fake.chat(1)
    update = {"update_id": 1, "message": {"message_id": 1, "date": int(time.time()), "chat": fake.chat(1),
                                          "from": fake.user(1), "text": QUESTION}}  # fmt: skip
    async with running(settings, answerer, webhook=True):
        assert fake.webhook is not None and fake.webhook["url"] == url
        assert fake.webhook["secret_token"] == "s3cret"
        async with httpx.AsyncClient(trust_env=False) as client:
            wrong = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"})
            right = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"})
        (reply,) = await fake.wait_messages(1, 1)
    assert wrong.status_code == 403 and right.status_code == 200
    assert "[1]" in reply["text"]


async def test_burst_of_100_questions_from_20_users(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer
) -> None:
    users = range(1000, 1020)
    async with running(make_settings(fake, tmp_path), answerer):
        started = time.monotonic()
        for round_ in range(5):
            for user in users:
                await fake.send_text(user, f"{QUESTION} #{round_}")
        await fake.wait_until(lambda: all(len(fake.messages_to(u)) >= 5 for u in users), timeout=60)
        elapsed = time.monotonic() - started
    print(f"\nburst: 100 questions from 20 users answered in {elapsed:.1f} s")
    assert all(
        sum("2825" in m["text"] and "[1]" in m["text"] for m in fake.messages_to(u)) == 5 for u in users
    )
    assert not failed_calls(fake)


def test_missing_token_is_one_clear_line() -> None:
    result = CliRunner().invoke(cli, ["bot"], env={"TELEGRAM_BOT_TOKEN": ""})
    assert result.exit_code == 2
    assert "TELEGRAM_BOT_TOKEN is not set" in result.output and "Traceback" not in result.output


ARTICLE = """---
title: "Fourth round, {batch} batch of central environmental inspections: {received} reports received"
source: Test News Agency
date: 2027-03-{day}
---
Test News Agency, March {day}. The {batch} batch of the fourth round of central ecological and environmental
protection inspection teams has been stationed in {provinces} since March 1, 2027.

As of 20:00 on March {day}, the {batch} batch of the fourth round of inspection teams had received {received}
reports from the public, of which {transferred} had been transferred to the inspected provinces for handling.
"""


def write_article(documents: Path, batch: str, provinces: str, received: str, day: int) -> str:
    """A new article about the fourth round (not in the corpus); returns its title."""
    text = ARTICLE.format(batch=batch, provinces=provinces, received=received, transferred="1,234", day=day)
    (documents / f"round4-{batch}-batch-{day}.md").write_text(text, encoding="utf-8")
    return text.split('"')[1]


async def ask_until(
    fake: FakeTelegram, user: int, question: str, expect: str, timeout: float = 20.0
) -> dict[str, Any]:
    """Ask repeatedly until an answer contains ``expect``; fail if any reply is an apology."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        count = len(fake.messages_to(user))
        await fake.send_text(user, question)
        reply = (await fake.wait_messages(user, count + 1, timeout=timeout))[count]
        assert reply["text"] != APOLOGY
        if expect in reply["text"]:
            return reply
        await asyncio.sleep(0.2)
    raise AssertionError(f"no answer contained {expect!r} within {timeout} s")


async def test_hot_reload_and_admin_reindex(
    fake: FakeTelegram, tmp_path: Path, embedder: Embedder, corpus_dir: Path, built_index: Path
) -> None:
    documents, index_dir = tmp_path / "documents", tmp_path / "index"
    shutil.copytree(corpus_dir, documents)
    shutil.copytree(built_index, index_dir)
    settings = make_settings(
        fake, tmp_path, INSPECTBOT_DOCUMENTS=str(documents), INSPECTBOT_INDEX=str(index_dir),
        INSPECTBOT_INDEX_POLL_S="0.2", ADMIN_USER_IDS="42",
    )  # fmt: skip
    answerer, reindexer = open_engine(settings, embedder=embedder)
    first = "How many reports were received in the first batch of the fourth round?"
    second = "How many reports were received in the second batch of the fourth round?"
    async with running(settings, answerer, reindexer):
        await fake.send_text(1, first)
        (before,) = await fake.wait_messages(1, 1)
        assert "4,321" not in before["text"]

        # `inspectbot index` publishes a new version while questions keep coming in
        title = write_article(documents, "first", "Hainan and Qinghai", "4,321", 14)
        build = asyncio.create_task(asyncio.to_thread(build_index, documents, index_dir, embedder))
        while not build.done():
            count = len(fake.messages_to(2))
            await fake.send_text(2, QUESTION)
            await fake.wait_messages(2, count + 1, timeout=20)
        assert (await build).added
        started = time.monotonic()
        reply = await ask_until(fake, 1, first, "4,321")
        print(
            f"\nhot reload: answered from the new version {time.monotonic() - started:.1f} s after publishing"
        )
        assert title in reply["text"]
        assert all(m["text"] != APOLOGY for m in fake.messages_to(2)), "no question may fail during a reload"

        # /reindex from Telegram: admins only
        write_article(documents, "second", "Yunnan", "2,468", 20)
        await fake.send_text(7, "/reindex")
        (refusal,) = await fake.wait_messages(7, 1)
        assert "only the bot's admins" in refusal["text"]
        await fake.send_text(42, "/reindex")
        report = (await fake.wait_messages(42, 2, timeout=60))[1]
        assert (
            "Index updated" in report["text"]
            and "added 1," in report["text"]
            and "failed 0" in report["text"]
        )
        await ask_until(fake, 42, second, "2,468")
    assert not failed_calls(fake)


async def test_inspectbot_bot_subprocess_stops_cleanly_on_sigterm(
    fake: FakeTelegram, tmp_path: Path, built_index: Path, corpus_dir: Path
) -> None:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": fake.base_url,
        "INSPECTBOT_INDEX": str(built_index),
        "INSPECTBOT_DOCUMENTS": str(corpus_dir),
        "FEEDBACK_PATH": str(tmp_path / "votes.jsonl"),
        "HF_HUB_OFFLINE": "1",
        "NO_PROXY": "127.0.0.1,localhost",
    }
    command = Path(sys.executable).parent / "inspectbot"
    process = await asyncio.create_subprocess_exec(
        str(command),
        "bot",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await fake.wait_until(lambda: fake.calls_of("getUpdates"), timeout=60)
        await fake.send_text(1, QUESTION)
        (reply,) = await fake.wait_messages(1, 1, timeout=30)
        process.send_signal(signal.SIGTERM)
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    output = (stdout + stderr).decode()
    assert process.returncode == 0, output
    assert "Traceback" not in output and TOKEN not in output
    assert "[1]" in reply["text"]
