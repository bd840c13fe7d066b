"""Links to sources: a document's url (front matter, sidecar) is its citations' "url" in the answer JSON,
and the Telegram sources block links the article's title to it (http/https only, HTML-escaped)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.answer import Answer, Citation
from bot.settings import Settings
from bot.telegram.engine import EngineAnswerer, open_engine
from bot.telegram.formatting import render_answer
from index.builder import build_index
from index.embedder import Embedder
from tests.conftest import FIXTURE_ARTICLES, SEED_DOCUMENTS
from tests.fake_telegram import FakeTelegram, parse_html
from tests.test_telegram_bot import make_settings, running

SEED = "2021-09-19-chinanews-round2-batch4-progress"
FRONT_MATTER_URL = "https://example.com/news/r2b4?id=9&lang=en"
SIDECAR_URL = "http://example.org/hebei/pilot-feedback.html"
PUNISHMENT = "How many cases were filed for punishment in the fourth batch of the second round?"
PILOT = "How many people were placed under administrative detention in the Hebei pilot?"


def cite(n: int, url: str | None, title: str = "A title") -> Citation:
    return Citation(
        n=n,
        doc_id=f"d{n}",
        title=title,
        source="Xinhua",
        date="2024-11-02",
        quote="q",
        start=0,
        end=1,
        url=url,
    )


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> tuple[EngineAnswerer, Path]:
    """An index of three articles: one with a url in its front matter, one in a sidecar, one with none."""
    documents = tmp_path_factory.mktemp("linked-docs")
    seed = (SEED_DOCUMENTS / f"{SEED}.md").read_text(encoding="utf-8")
    (documents / f"{SEED}.md").write_text(seed.replace("---\n", f"---\nurl: {FRONT_MATTER_URL}\n", 1))
    shutil.copy2(FIXTURE_ARTICLES / "hebei-pilot-2016.txt", documents)
    (documents / "hebei-pilot-2016.meta.yaml").write_text(f"url: {SIDECAR_URL}\n", encoding="utf-8")
    shutil.copy2(FIXTURE_ARTICLES / "r3b2-progress-2024.txt", documents)
    index = tmp_path_factory.mktemp("linked-index")
    build_index(documents, index, embedder)
    settings = Settings(_env_file=None, INSPECTBOT_INDEX=str(index), INSPECTBOT_DOCUMENTS=str(documents))
    return open_engine(settings, embedder=embedder)[0], index


def test_citation_urls_in_the_answer_json(linked: tuple[EngineAnswerer, Path]) -> None:
    answerer, _ = linked
    front = json.loads(answerer.answer(PUNISHMENT).model_dump_json())
    assert front["answered"] and "1,158" in front["answer"]
    assert {c["url"] for c in front["citations"]} == {FRONT_MATTER_URL}
    sidecar = answerer.answer(PILOT)
    assert sidecar.answered and "123" in sidecar.answer
    assert {c.url for c in sidecar.citations} == {SIDECAR_URL}
    plain = answerer.answer("How many cases were filed for punishment in round 3 batch 2?")
    unknown = json.loads(plain.model_dump_json())
    assert unknown["answered"] and "2,258" in unknown["answer"]
    assert [c["url"] for c in unknown["citations"]] == [None] * len(unknown["citations"])


async def test_telegram_sources_block_links_the_title(
    linked: tuple[EngineAnswerer, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    fake = await FakeTelegram(username="inspect_test_bot").start()
    try:
        async with running(make_settings(fake, tmp_path), linked[0]):
            await fake.send_text(1, PUNISHMENT)
            (reply,) = await fake.wait_messages(1, 1)
    finally:
        await fake.stop()
    link = '<a href="https://example.com/news/r2b4?id=9&amp;lang=en"><i>Second round, fourth batch'
    assert link in reply["html"]
    assert "Sources\n[1] Second round, fourth batch" in reply["text"]


def test_only_web_addresses_become_links() -> None:
    answer = Answer(
        question="q",
        answered=True,
        answer="Figures [1][2][3][4].",
        citations=[
            cite(1, 'https://example.com/a?x=1&y="2"', title="Fines <2024> & more"),
            cite(2, "javascript:alert(1)"),
            cite(3, None),
            cite(4, "ftp://example.com/file"),
        ],
        latency_ms=1.0,
    )
    html = render_answer(answer)
    assert html.count("<a href=") == 1
    escaped = (
        '<a href="https://example.com/a?x=1&amp;y=&quot;2&quot;"><i>Fines &lt;2024&gt; &amp; more</i></a>'
    )
    assert escaped in html
    assert "javascript" not in html and "ftp:" not in html
    assert "[1] Fines <2024> & more — Xinhua, 2024-11-02" in parse_html(html)  # Telegram accepts it
