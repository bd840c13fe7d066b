"""Unit tests of the Telegram front end's pure parts: HTML rendering and splitting, limits, access, logs."""

from __future__ import annotations

import logging
import sys

import httpx
import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.answer import Answer, Citation
from bot.telegram.access import AccessPolicy
from bot.telegram.cache import AnswerCache
from bot.telegram.formatting import MAX_MESSAGE_UNITS, render_answer, render_quote, split_html, units
from bot.telegram.logs import REDACTED, DropTraceback, RedactSecrets, redact
from bot.telegram.ratelimit import SlidingWindowLimiter
from bot.telegram.retry import Backoff, is_transient
from tests.fake_telegram import ApiError, parse_html

QUOTE = "promptly followed up the completion of 2825,<> mass petition issues"


def _answer(text: str = "They completed 2825,<> petition issues [1].") -> Answer:
    citation = Citation(
        n=1, doc_id="cdi", title='Inner Mongolia <rectification> & "supervision"', source="CDI Daily",
        date="2022-01-05", quote=QUOTE, start=10, end=10 + len(QUOTE),
    )  # fmt: skip
    return Answer(question="q", answered=True, answer=text, citations=[citation], latency_ms=1.0)


def test_rendered_answer_and_quote_are_valid_telegram_html() -> None:
    plain = parse_html(render_answer(_answer()))
    assert "2825,<> petition issues [1]" in plain
    assert '[1] Inner Mongolia <rectification> & "supervision" — CDI Daily, 2022-01-05' in plain
    assert QUOTE in parse_html(render_quote(_answer().citations[0]))


def test_fake_rejects_what_telegram_rejects() -> None:
    for bad in ("2825,<>", "<b>open", "<script>x</script>", "a & b", "<b><i>x</b></i>"):
        with pytest.raises(ApiError, match="can't parse entities"):
            parse_html(bad)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Figures: 22,511 cases &amp; 40.06 million yuan &lt;as of 20:00&gt; <b>bold</b> <i>it</i>.",
        "中央生态环境保护督察第四批 <b>河北省</b> 收到群众举报 2825 件；😀 emoji &amp; 全角文字。",
        "<blockquote>" + "a quoted passage that goes on " * 40 + "</blockquote>",
        "x" * 5000,  # one unbreakable word
    ],
)
def test_split_html_keeps_every_part_valid_and_loses_nothing(paragraph: str) -> None:
    markup = "\n\n".join([paragraph] * 150)
    parts = split_html(markup)
    assert len(parts) > 1
    for part in parts:
        assert units(part) <= MAX_MESSAGE_UNITS
        parse_html(part)  # balanced tags, whole entities
    joined = "".join(parse_html(part) for part in parts)
    assert "".join(joined.split()) == "".join(parse_html(markup).split())


def test_split_prefers_paragraph_breaks() -> None:
    paragraphs = [f"Paragraph {i}: " + "word " * 150 for i in range(12)]
    parts = split_html("\n\n".join(paragraphs))
    assert all(part.rstrip().endswith("word") for part in parts)
    assert split_html("short") == ["short"]


def test_sliding_window_limiter() -> None:
    now = [0.0]
    limiter = SlidingWindowLimiter(2, 60.0, clock=lambda: now[0])
    assert limiter.try_acquire(1) == 0 and limiter.try_acquire(1) == 0
    assert limiter.try_acquire(1) == pytest.approx(60.0)
    assert limiter.try_acquire(2) == 0  # per user
    now[0] = 60.5
    assert limiter.try_acquire(1) == 0
    assert SlidingWindowLimiter(0).try_acquire(1) == 0  # 0 disables the limit


def test_access_policy() -> None:
    open_policy = AccessPolicy(frozenset(), frozenset(), frozenset())
    assert open_policy.allows(5, 5)
    policy = AccessPolicy(frozenset({1}), frozenset({-100}), frozenset({9}))
    assert policy.allows(1, 1) and policy.allows(2, -100) and policy.allows(9, 9)
    assert not policy.allows(2, 2) and not policy.allows(None, None)
    assert policy.is_admin(9) and not policy.is_admin(1)


def test_answer_cache_is_bounded_and_keys_fit_callback_data() -> None:
    cache = AnswerCache(capacity=3)
    keys = [cache.put(_answer(), chat_id=1) for _ in range(5)]
    assert cache.get(keys[0]) is None and cache.get(keys[-1]) is not None
    assert all(len(f"v:{key}:down".encode()) <= 64 for key in keys)


def test_token_is_redacted_from_messages_and_tracebacks() -> None:
    token = "123:SECRET"
    record = logging.LogRecord(
        "httpx", logging.INFO, __file__, 1, "POST %s", (f"https://x/bot{token}/getMe",), None
    )
    try:
        raise RuntimeError(f"failed https://x/bot{token}/getMe")
    except RuntimeError:
        record.exc_info = sys.exc_info()
    RedactSecrets(token).filter(record)
    text = logging.Formatter().format(record)
    assert token not in text and REDACTED in text
    assert (
        redact(f"Cannot reach https://x/bot{token}/getMe", token, "")
        == f"Cannot reach https://x/bot{REDACTED}/getMe"
    )


def test_drop_traceback_keeps_one_line() -> None:
    record = logging.LogRecord(
        "telegram.ext.AIORateLimiter", logging.ERROR, __file__, 1, "Rate limit", (), None
    )
    try:
        raise RetryAfter(3)
    except RetryAfter:
        record.exc_info = sys.exc_info()
    DropTraceback().filter(record)
    assert logging.Formatter().format(record) == "Rate limit"


def test_backoff_doubles_up_to_a_cap() -> None:
    assert [Backoff(1.0).delay(retry) for retry in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]
    assert Backoff(0.05).delay(3) == pytest.approx(0.2)


def _caused_by(error: Exception, cause: Exception) -> Exception:
    error.__cause__ = cause
    return error


def test_only_passing_failures_are_retried() -> None:
    assert is_transient(NetworkError("Internal Server Error"))
    assert is_transient(NetworkError("Bad Gateway"))
    assert is_transient(NetworkError("httpx.ConnectError: All connection attempts failed"))
    assert is_transient(_caused_by(TimedOut(), httpx.ConnectTimeout("connect")))
    assert is_transient(_caused_by(TimedOut(), httpx.PoolTimeout("pool")))
    assert not is_transient(_caused_by(TimedOut(), httpx.ReadTimeout("read")))  # may have been delivered
    assert not is_transient(BadRequest("Bad Request: message is too long"))
    assert not is_transient(Forbidden("Forbidden: bot was blocked by the user"))
    assert not is_transient(RetryAfter(3))  # AIORateLimiter waits those out
