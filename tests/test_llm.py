"""The optional generative mode against a small OpenAI-compatible server on 127.0.0.1: a grounded LLM answer
is used; an invented number, an unknown citation, a refusal, an HTTP error or a timeout fall back to the
extractive answer."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pydantic import SecretStr

from bot.engine import AnswerEngine
from bot.engine.grounding import problems
from bot.settings import Settings
from index.search import Searcher
from index.store import IndexVersion

QUESTION = "How many cases were filed for punishment in the fourth batch of the second round?"


class FakeLLM(BaseHTTPRequestHandler):
    """Answers POST /v1/chat/completions with the reply the test put in ``server.reply``."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        self.server.requests.append(  # type: ignore[attr-defined]
            {"path": self.path, "headers": dict(self.headers), "body": json.loads(self.rfile.read(length))}
        )
        reply = self.server.reply  # type: ignore[attr-defined]
        if reply == "error":
            self.send_response(500)
            self.end_headers()
            return
        if reply == "slow":
            time.sleep(1.5)
            reply = "1,158 cases were filed for punishment [1]."
        body = json.dumps({"choices": [{"message": {"role": "assistant", "content": reply}}]}).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (the timeout case)
            pass

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeLLM)
    httpd.requests = []  # type: ignore[attr-defined]
    httpd.reply = ""  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def engines(
    server: ThreadingHTTPServer, searcher: Searcher, index_version: IndexVersion
) -> tuple[AnswerEngine, AnswerEngine]:
    """(generative engine, extractive engine) over the same index."""
    settings = Settings().model_copy(
        update={
            "llm_base_url": f"http://127.0.0.1:{server.server_address[1]}/v1",
            "llm_model": "test-model",
            "llm_api_key": SecretStr("sk-test"),
            "llm_timeout_s": 0.5,
        }
    )
    return AnswerEngine(searcher, index_version, settings), AnswerEngine(searcher, index_version)


def test_a_grounded_llm_answer_is_used(
    server: ThreadingHTTPServer, engines: tuple[AnswerEngine, ...]
) -> None:
    generative, _ = engines
    server.reply = "According to the quote, 1,158 cases were filed for punishment [1] [1]."  # type: ignore[attr-defined]
    answer = generative.answer(QUESTION)
    assert answer.answered
    assert answer.answer == "According to the quote, 1,158 cases were filed for punishment [1]."
    assert not problems(answer.answer, answer.citations, generative.version.documents)
    request = server.requests[-1]  # type: ignore[attr-defined]
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == "Bearer sk-test"
    assert request["body"]["model"] == "test-model"
    system, user = request["body"]["messages"]
    assert system["role"] == "system" and "NO ANSWER" in system["content"]
    assert QUESTION in user["content"] and "[1]" in user["content"] and "1,158" in user["content"]


def test_quotes_are_renumbered_by_first_use(
    server: ThreadingHTTPServer, engines: tuple[AnswerEngine, ...]
) -> None:
    generative, _ = engines
    server.reply = "There were 1,158 such cases [1]."  # type: ignore[attr-defined]
    generative.answer(QUESTION)
    user = server.requests[-1]["body"]["messages"][1]["content"]  # type: ignore[attr-defined]
    assert "[2]" in user  # retrieved passages are offered besides the extractive citation
    server.reply = "The batch reported it [2], with 1,158 cases filed for punishment [1]."  # type: ignore[attr-defined]
    answer = generative.answer(QUESTION)
    assert answer.answer == "The batch reported it [1], with 1,158 cases filed for punishment [2]."
    assert [c.n for c in answer.citations] == [1, 2]
    assert "1,158" in answer.citations[1].quote
    assert not problems(answer.answer, answer.citations, generative.version.documents)


@pytest.mark.parametrize(
    "reply",
    [
        "1,159 cases were filed for punishment [1].",  # invented number
        "In 2021, 1,158 cases were filed for punishment [1].",  # a year no quote holds
        "1,158 cases were filed for punishment [9].",  # unknown citation
        "1,158 cases were filed for punishment.",  # no citation
        "NO ANSWER",
        "error",  # HTTP 500
        "slow",  # past the timeout
    ],
)
def test_anything_else_falls_back_to_the_extractive_answer(
    server: ThreadingHTTPServer, engines: tuple[AnswerEngine, ...], reply: str
) -> None:
    generative, extractive = engines
    server.reply = reply  # type: ignore[attr-defined]
    answer = generative.answer(QUESTION)
    expected = extractive.answer(QUESTION)
    assert answer.answered
    assert answer.answer == expected.answer
    assert answer.citations == expected.citations


def test_refusals_do_not_ask_the_llm(server: ThreadingHTTPServer, engines: tuple[AnswerEngine, ...]) -> None:
    generative, _ = engines
    server.reply = "1,158 cases [1]."  # type: ignore[attr-defined]
    before = len(server.requests)  # type: ignore[attr-defined]
    answer = generative.answer("How many cases were filed for punishment in round 4?")
    assert not answer.answered
    assert len(server.requests) == before  # type: ignore[attr-defined]
