"""Optional generative answers through an OpenAI-compatible chat-completions endpoint (llama.cpp, Ollama ...).

The model gets numbered verbatim quotes and the prompts from ``prompts/``; its answer is renumbered to the
quotes it cites and is used only if it passes the same grounding check as an extractive answer. Any error,
timeout, refusal or ungrounded reply means the caller keeps the extractive answer.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import httpx

from bot.answer import Citation
from bot.engine.grounding import markers
from bot.engine.prompts import Prompts
from bot.settings import Settings

log = logging.getLogger(__name__)
NO_ANSWER = "NO ANSWER"
_MARKER = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class Quote:
    """A verbatim quote offered to the model, with the inspection it is about in words."""

    citation: Citation
    scope: str


class LLMClient:
    """Asks the configured chat-completions endpoint to answer from quotes."""

    def __init__(
        self, settings: Settings, prompts: Prompts, transport: httpx.BaseTransport | None = None
    ) -> None:
        assert settings.llm_base_url
        self.url = settings.llm_base_url.rstrip("/") + "/chat/completions"
        self.model = settings.llm_model
        headers = {}
        if settings.llm_api_key is not None:
            headers["Authorization"] = f"Bearer {settings.llm_api_key.get_secret_value()}"
        self._client = httpx.Client(timeout=settings.llm_timeout_s, headers=headers, transport=transport)
        self.prompts = prompts

    def messages(self, question: str, quotes: list[Quote]) -> list[dict[str, str]]:
        """The system and user messages for one question."""
        lines = [
            self.prompts.render(
                "llm_quote",
                n=q.citation.n,
                scope=q.scope,
                title=q.citation.title,
                source=q.citation.source or "unknown outlet",
                date=q.citation.date or "undated",
                quote=" ".join(q.citation.quote.split()),
            )
            for q in quotes
        ]
        return [
            {"role": "system", "content": self.prompts.template("llm_system")},
            {
                "role": "user",
                "content": self.prompts.render("llm_user", quotes="\n".join(lines), question=question),
            },
        ]

    def complete(self, question: str, quotes: list[Quote]) -> str | None:
        """The model's reply text, or None on any transport or protocol error."""
        payload = {"model": self.model, "messages": self.messages(question, quotes), "temperature": 0}
        try:
            response = self._client.post(self.url, json=payload)
            response.raise_for_status()
            content = response.json()["choices"][0]["message"]["content"]
        except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as exc:
            log.warning("LLM request failed (%s); using the extractive answer", exc)
            return None
        return content.strip() if isinstance(content, str) else None

    def answer(self, question: str, quotes: list[Quote]) -> tuple[str, list[Citation]] | None:
        """The model's answer renumbered to the quotes it cites, or None (error, refusal, no citation)."""
        text = self.complete(question, quotes)
        if not text or NO_ANSWER in text.upper():
            return None
        by_number = {q.citation.n: q.citation for q in quotes}
        order = list(dict.fromkeys(n for n in markers(text) if n in by_number))
        if not order or any(n not in by_number for n in markers(text)):
            return None
        renumber = {old: new for new, old in enumerate(order, 1)}
        text = _MARKER.sub(lambda m: f"[{renumber[int(m.group(1))]}]", text)
        text = re.sub(r"(\[\d+\])(?:\s*\1)+", r"\1", text)
        citations = [by_number[old].model_copy(update={"n": new}) for old, new in renumber.items()]
        return text, citations
