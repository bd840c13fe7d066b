"""Start-up work (issue 12): the bot loads its engine only once it receives updates (its first getUpdates
sent, or its commands set before the webhook server starts), a question that comes first starts the load
and is answered; a fresh `inspectbot ask` loads the per-language setting's multilingual-e5 only for a
question that needs its vector set; ONNX sessions load the export's memory-mapped form. Real components:
the real Application against the fake Bot API, a real per-language index, the real CLI in a fresh
process, the real model. The tests assert the order of events, not timings."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import numpy as np
import pytest

from bot.settings import Settings
from bot.telegram.engine import open_engine
from bot.telegram.loading import LoadingAnswerer
from bot.telegram.service import Answerer, Reindexer
from index import onnx_embedder
from index.builder import build_index
from index.embedder import MINILM_MODEL, TextEmbedder, resolve_model_path
from index.onnx_embedder import OnnxEncoder
from index.store import IndexVersion
from tests.fake_telegram import FakeTelegram
from tests.test_per_language import ENGLISH, _write
from tests.test_telegram_bot import QUESTION, make_settings, running
from tests.test_telegram_faults import free_port

#: What the bot has asked the fake Bot API when its engine's load starts; PTB sends getUpdates only after
#: deleteWebhook (its bootstrap) has been answered, and the fake records a call once it answers it.
BEFORE_POLLING = {"getMe", "setMyCommands", "deleteWebhook"}
#: Runs the real CLI's `ask` in a fresh process, then says on stderr whether multilingual-e5 was loaded.
ASK_PROBE = """
import sys
from bot.cli import cli
from index.multilingual_embedder import MultilingualEmbedder
cli.main(["ask", "--json", sys.argv[1]], standalone_mode=False)
print("e5 loaded:", MultilingualEmbedder().is_loaded, file=sys.stderr)
"""


def _recording_loader(
    fake: FakeTelegram, settings: Settings, embedder: TextEmbedder, seen: list[list[str]]
) -> LoadingAnswerer:
    """A LoadingAnswerer over the real engine that notes the Bot API calls made when its load starts."""

    def load() -> tuple[Answerer, Reindexer]:
        seen.append([call.method for call in fake.calls])
        return open_engine(settings, embedder=embedder)

    return LoadingAnswerer(load)


async def test_the_engine_loads_once_the_first_getupdates_is_sent_with_no_question_asked(
    fake: FakeTelegram, tmp_path: Path, built_index: Path, corpus_dir: Path, embedder: TextEmbedder
) -> None:
    settings = make_settings(
        fake, tmp_path, INSPECTBOT_INDEX=str(built_index), INSPECTBOT_DOCUMENTS=str(corpus_dir)
    )
    seen: list[list[str]] = []
    answerer = _recording_loader(fake, settings, embedder, seen)
    assert not answerer.started, "nothing loads while the bot connects"
    async with running(settings, answerer, answerer.reindex, receiving=answerer.start):
        await asyncio.to_thread(answerer.wait, 60)  # loads although nobody has asked anything
        await fake.send_text(1, QUESTION)
        (reply,) = await fake.wait_messages(1, 1)
    (at_start,) = seen
    assert set(at_start) >= BEFORE_POLLING, at_start
    assert "[1]" in reply["text"] and "Sources" in reply["text"]


async def test_a_question_before_the_load_started_starts_it_and_is_answered(
    fake: FakeTelegram, tmp_path: Path, built_index: Path, corpus_dir: Path, embedder: TextEmbedder
) -> None:
    settings = make_settings(
        fake, tmp_path, INSPECTBOT_INDEX=str(built_index), INSPECTBOT_DOCUMENTS=str(corpus_dir)
    )
    seen: list[list[str]] = []
    answerer = _recording_loader(fake, settings, embedder, seen)
    async with running(settings, answerer, answerer.reindex):  # nothing starts the load but the question
        await fake.wait_until(lambda: fake.calls_of("deleteWebhook"))
        assert not answerer.started
        await fake.send_text(1, QUESTION)
        (reply,) = await fake.wait_messages(1, 1)
    assert len(seen) == 1 and "[1]" in reply["text"]
    assert fake.calls_of("sendChatAction")[0].at <= fake.calls_of("sendMessage")[0].at


async def test_webhook_mode_loads_the_engine_once_its_commands_are_set(
    fake: FakeTelegram, tmp_path: Path, built_index: Path, corpus_dir: Path, embedder: TextEmbedder
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram-hook"
    settings = make_settings(
        fake,
        tmp_path,
        INSPECTBOT_INDEX=str(built_index),
        INSPECTBOT_DOCUMENTS=str(corpus_dir),
        WEBHOOK_URL=url,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=port,
    )
    seen: list[list[str]] = []
    answerer = _recording_loader(fake, settings, embedder, seen)
    update = {"update_id": 1, "message": {"message_id": 1, "date": int(time.time()), "chat": fake.chat(1),
                                          "from": fake.user(1), "text": QUESTION}}  # fmt: skip
    async with running(settings, answerer, answerer.reindex, webhook=True, receiving=answerer.start):
        await asyncio.to_thread(answerer.wait, 60)
        async with httpx.AsyncClient(trust_env=False) as client:
            assert (await client.post(url, json=update)).status_code == 200
        (reply,) = await fake.wait_messages(1, 1)
    (at_start,) = seen
    assert "setMyCommands" in at_start and not fake.calls_of("getUpdates")
    assert "[1]" in reply["text"]


def _fresh_ask(index: Path, question: str, cwd: Path) -> tuple[dict, bool]:
    """The answer JSON of `inspectbot ask` in a fresh process, and whether it loaded multilingual-e5."""
    env = {**os.environ, "INSPECTBOT_INDEX": str(index), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env.pop("INSPECTBOT_MODEL", None)  # the default: per-language
    done = subprocess.run(
        [sys.executable, "-c", ASK_PROBE, question],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    loaded = done.stderr.strip().splitlines()[-1]
    assert loaded.startswith("e5 loaded:"), done.stderr
    return json.loads(done.stdout), loaded.endswith("True")


def test_an_english_question_over_english_articles_never_loads_e5(
    tmp_path: Path, embedder: TextEmbedder
) -> None:
    """A per-language index over English articles alone holds both vector sets; an English question
    ranks its passages with MiniLM only, so a fresh `ask` never loads e5, and a Chinese one (every
    passage ranked by e5) loads it when it needs it."""
    index = tmp_path / "index"
    build_index(_write(tmp_path / "docs", ENGLISH), index, embedder)
    english, english_loaded_e5 = _fresh_ask(
        index, "How many people were placed in administrative detention in the Hebei pilot?", tmp_path
    )
    _, chinese_loaded_e5 = _fresh_ask(index, "河北试点督察发现了哪些问题？", tmp_path)
    assert english["answered"] and "123" in english["answer"]
    assert not english_loaded_e5
    assert chinese_loaded_e5


def test_onnx_sessions_load_the_memory_mapped_export_with_the_same_vectors(
    index_version: IndexVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The exported model's weights sit in a file of their own, which onnxruntime maps instead of copying
    out of the graph; the vectors are those of the export itself."""
    model_dir = Path(resolve_model_path(MINILM_MODEL))
    encoder = OnnxEncoder(model_dir)
    assert encoder.path.name == "model-fp32.mapped.onnx"
    assert encoder.path.with_name("model-fp32.mapped.data").is_file()
    texts = [chunk.text for chunk in list(index_version.chunks)[:32]]
    monkeypatch.setattr(onnx_embedder, "mapped", lambda model: model)
    unmapped = OnnxEncoder(model_dir)
    assert unmapped.path.name == "model-fp32.onnx"
    assert np.array_equal(encoder.encode(texts), unmapped.encode(texts))
