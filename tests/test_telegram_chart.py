"""Charts in Telegram: an answer across inspections comes with a sendPhoto (a PNG upload) under its text,
`/chart <question>` asks for one and says plainly when there is none, a failed upload loses no answer
(the real Application and engine against the fake Bot API)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from bot.telegram.handlers import APOLOGY, CHART_USAGE, NO_CHART
from bot.telegram.service import Answerer
from tests.fake_telegram import FakeTelegram
from tests.test_telegram_bot import make_settings, running

ACROSS = "How many people were held accountable in the third round?"
ONE = "How many people were held accountable in the second batch of the third round?"


async def test_an_answer_across_inspections_comes_with_its_chart(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer
) -> None:
    async with running(make_settings(fake, tmp_path), answerer):
        await fake.send_text(1, ACROSS)
        await fake.wait_until(lambda: fake.photos)
        (text,) = fake.messages_to(1)
    (photo,) = fake.photos
    assert "208 people" in text["text"] and "6 people" in text["text"]
    assert fake.calls_of("sendMessage")[0].at <= fake.calls_of("sendPhoto")[0].at  # under the text answer
    assert photo["chat"]["id"] == 1
    assert photo["caption"] == (
        "People held accountable, by inspection: figures as quoted in the cited articles [1][2]."
    )
    image = Image.open(io.BytesIO(photo["bytes"]))
    assert image.format == "PNG" and image.size == (480, 450)
    assert all(call.status == 200 for call in fake.calls if call.method in ("sendMessage", "sendPhoto"))


async def test_chart_command(fake: FakeTelegram, tmp_path: Path, answerer: Answerer) -> None:
    async with running(make_settings(fake, tmp_path), answerer):
        await fake.send_text(2, f"/chart {ONE}")
        answer, refusal = await fake.wait_messages(2, 2)
        await fake.send_text(2, "/chart")
        usage = (await fake.wait_messages(2, 3))[2]
        await fake.send_text(2, f"/chart {ACROSS}")
        await fake.wait_until(lambda: fake.photos)
    assert "208 people were held accountable" in answer["text"]
    assert refusal["text"] == NO_CHART and usage["text"] == CHART_USAGE
    assert len(fake.photos) == 1 and fake.photos[0]["chat"]["id"] == 2


async def test_a_chart_that_cannot_be_sent_loses_no_answer(
    fake: FakeTelegram, tmp_path: Path, answerer: Answerer
) -> None:
    fake.fail_next("sendPhoto", status=400, description="Bad Request: IMAGE_PROCESS_FAILED")
    async with running(make_settings(fake, tmp_path), answerer):
        await fake.send_text(3, ACROSS)
        await fake.wait_until(lambda: fake.calls_of("sendPhoto"))
        await fake.send_text(3, ONE)
        replies = await fake.wait_messages(3, 2)
    assert "6 people" in replies[0]["text"] and "208 people" in replies[1]["text"]
    assert not fake.photos and APOLOGY not in [reply["text"] for reply in replies]
