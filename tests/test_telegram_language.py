"""/start and /help follow the user's Telegram language_code; answers follow the question's language.
The real Application against the fake Bot API, over the real engine of the session's index."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.telegram.language import user_language
from bot.telegram.service import Answerer
from tests.fake_telegram import FakeTelegram
from tests.test_telegram_bot import failed_calls, make_settings, running


@pytest.mark.parametrize(
    ("code", "language"),
    [("zh", "zh"), ("zh-hans", "zh"), ("zh-Hant", "zh"), ("zh-CN", "zh"), ("zh_TW", "zh"), ("en", "en"),
     ("en-GB", "en"), ("de", "en"), ("", "en"), (None, "en")],
)  # fmt: skip
def test_language_codes(code: str | None, language: str) -> None:
    assert user_language(code) == language


async def test_start_and_help_in_each_users_language(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer
) -> None:
    fake.language_codes.update({1: "zh-hans", 2: "zh-Hant", 3: "en", 4: None, 5: "fr"})
    async with running(make_settings(fake, tmp_path), answerer):
        for user in (1, 2, 3, 4, 5):
            await fake.send_text(user, "/start" if user % 2 else "/help")
        replies = {user: (await fake.wait_messages(user, 1))[0]["text"] for user in (1, 2, 3, 4, 5)}
    for user in (1, 2):
        text = replies[user]
        assert "可以这样问" in text and "命令" in text and "Try asking" not in text
        assert "第二轮督察（第四和六批）" in text and "河北试点" in text  # the coverage in Chinese
        assert "• 第三轮第二批督察立案处罚了多少家？" in text  # and the examples
        assert text.count("•") == 3 and "/sources" in text
        assert all("?" not in line for line in text.splitlines() if line.startswith("•"))  # Chinese ？
    for user in (3, 4, 5):
        text = replies[user]
        assert "Try asking" in text and "the fourth batch of the second round" in text and "可以" not in text
    assert not failed_calls(fake)


async def test_answers_follow_the_question_not_the_language_code(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer
) -> None:
    """A Chinese question over English articles is answered in Chinese, quoting the English; an English one
    from a Chinese-speaking user in English."""
    fake.language_codes[1] = "zh-CN"
    async with running(make_settings(fake, tmp_path), answerer):
        await fake.send_text(1, "第二轮第四批督察立案处罚多少件？")
        (chinese,) = await fake.wait_messages(1, 1)
        await fake.send_text(
            1, "How many cases were filed for punishment in the fourth batch of the second round?"
        )
        english = (await fake.wait_messages(1, 2))[1]
    assert (
        "在第二轮第四批督察中" in chinese["text"] and "1,158" in chinese["text"] and "[1]" in chinese["text"]
    )
    assert "In the fourth batch of the second round" in english["text"] and "1,158" in english["text"]
    assert not failed_calls(fake)
