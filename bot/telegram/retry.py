"""Retrying Bot API requests that failed for a passing reason, with exponential backoff.

Telegram's 429 "retry after" stays with PTB's AIORateLimiter, which waits as told and holds every other
request meanwhile. :class:`RetryingRateLimiter` adds what it lacks: a request that got a 5xx reply or never
reached Telegram (connection refused or reset, no free connection) is sent again after a growing pause.
A 400 or 403 is final, and a read timeout is not retried, as Telegram may have delivered that message.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

MAX_DELAY_S = 30.0
FLOOD_RETRIES = 5  # waits for Telegram's 429 "retry after" before a request is given up
NOT_RETRIED = frozenset(
    {
        "getMe",  # the start-up check, which has its own attempts (bot.telegram.app.connect)
        "sendChatAction",  # "typing…" is renewed every few seconds anyway
    }
)
UNSENT_TIMEOUTS = (httpx.ConnectTimeout, httpx.PoolTimeout)  # the request never left

Result = bool | dict[str, Any] | list[dict[str, Any]]


@dataclass(frozen=True)
class Backoff:
    """Pauses between attempts: ``first_s``, doubled after each failure, at most :data:`MAX_DELAY_S`."""

    first_s: float

    def delay(self, retry: int) -> float:
        """Seconds to wait before retry number ``retry`` (1 for the first)."""
        return min(self.first_s * 2 ** (retry - 1), MAX_DELAY_S)


def is_transient(error: Exception) -> bool:
    """Whether sending the request again may succeed: a 5xx reply, a dropped or refused connection, or a
    timeout before the request was sent. Not a 400 (BadRequest), a 403, a 429, nor a read timeout."""
    if isinstance(error, TimedOut):
        return isinstance(error.__cause__, UNSENT_TIMEOUTS)
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


class RetryingRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter (throttling, 429 waits) that also retries transient failures with backoff.

    ``rate_limit_args`` of a request (``bot.send_message(..., rate_limit_args=1)``) caps its 429 waits.
    """

    def __init__(self, retries: int, backoff: Backoff, flood_retries: int = FLOOD_RETRIES) -> None:
        super().__init__(max_retries=flood_retries)
        self.retries = retries
        self.backoff = backoff

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        """Send the request; after a transient failure wait and send it again, up to ``retries`` times."""
        retry = 0
        while True:
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except NetworkError as error:
                retry += 1
                if retry > self.retries or endpoint in NOT_RETRIED or not is_transient(error):
                    raise
                delay = self.backoff.delay(retry)
                log.warning(
                    "%s failed (%s): retry %d of %d in %.1f s", endpoint, error, retry, self.retries, delay
                )
                await asyncio.sleep(delay)
