"""HTML rendering of answers, quotes and source lists, and splitting of long replies for Telegram."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.answer import Answer, Citation

MAX_MESSAGE_UNITS = 4096  # Telegram's limit on one message, counted in UTF-16 code units
BUTTON_QUOTE_CHARS = 48

_ATOM_RE = re.compile(r"<[^<>]*>|&#?\w+;|[^<&\s]+\s*|\s+|[<&]")
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][\w-]*)")


@dataclass(frozen=True)
class SourceInfo:
    """One indexed article as listed by /sources."""

    title: str
    source: str | None
    date: str | None


def units(text: str) -> int:
    """Length of ``text`` the way Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def esc(text: str | None) -> str:
    """Escape article or user text for Telegram's HTML parse mode."""
    return html.escape(text or "", quote=False)


def shorten(text: str, limit: int) -> str:
    """Collapse whitespace and cut ``text`` to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _origin(source: str | None, date: str | None) -> str:
    return ", ".join(part for part in (source, date) if part)


def web_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) address (the only links put in a reply), else None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _title(citation: Citation) -> str:
    """The cited article's title in italics, a link to the article where its web address is known."""
    title = f"<i>{esc(citation.title)}</i>"
    url = web_url(citation.url)
    return f'<a href="{html.escape(url, quote=True)}">{title}</a>' if url else title


def render_answer(answer: Answer) -> str:
    """The answer text with its [n] markers, then a compact list of the cited articles (titles linked to
    the articles' web addresses where known)."""
    parts = [esc(answer.answer.strip()) or "<i>(no answer)</i>"]
    if answer.citations:
        lines = ["<b>Sources</b>"]
        by_doc: dict[str, list[Citation]] = {}
        for citation in answer.citations:
            by_doc.setdefault(citation.doc_id, []).append(citation)
        for cites in by_doc.values():
            first = cites[0]
            markers = "".join(f"[{c.n}]" for c in cites)
            origin = _origin(first.source, first.date)
            lines.append(f"{markers} {_title(first)}" + (f" — {esc(origin)}" if origin else ""))
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def button_label(citation: Citation) -> str:
    """Text of the inline button that opens one citation's quote."""
    return shorten(f"[{citation.n}] {citation.quote}", BUTTON_QUOTE_CHARS)


def render_quote(citation: Citation) -> str:
    """The full quoted passage of one citation, with the article it comes from."""
    origin = _origin(citation.source, citation.date)
    header = f"<b>[{citation.n}]</b> <i>{esc(citation.title)}</i>" + (f"\n{esc(origin)}" if origin else "")
    return f"{header}\n<blockquote>{esc(citation.quote)}</blockquote>"


def render_sources(sources: Sequence[SourceInfo]) -> str:
    """Numbered list of the indexed articles (title, outlet, date)."""
    if not sources:
        return "No articles are indexed yet."
    lines = [f"<b>Indexed articles ({len(sources)})</b>"]
    for number, info in enumerate(sources, start=1):
        origin = _origin(info.source, info.date)
        lines.append(f"{number}. <i>{esc(info.title)}</i>" + (f" — {esc(origin)}" if origin else ""))
    return "\n".join(lines)


def _atoms(markup: str) -> list[str]:
    """Tags, entities and whitespace-terminated words: the pieces a message may be cut between."""
    return _ATOM_RE.findall(markup)


def _apply_tag(stack: list[tuple[str, str]], atom: str) -> list[tuple[str, str]]:
    match = _TAG_RE.match(atom)
    if not match:
        return stack
    closing, name = match.group(1), match.group(2).lower()
    if not closing:
        return [*stack, (name, atom)]
    return stack[:-1] if stack and stack[-1][0] == name else stack


def _break_priority(atom: str) -> int:
    if atom.startswith("<") or atom.startswith("&"):
        return 0
    tail = atom[len(atom.rstrip()) :]
    if "\n\n" in tail:
        return 3
    if "\n" in tail:
        return 2
    return 1 if tail else 0


def _closers(stack: list[tuple[str, str]]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def _hard_split(atom: str, room: int) -> tuple[str, str]:
    """Cut one over-long word so that its head fits in ``room`` units (never less than one char)."""
    cut = max(1, room)
    while cut > 1 and units(atom[:cut]) > room:
        cut -= 1
    return atom[:cut], atom[cut:]


def split_html(markup: str, limit: int = MAX_MESSAGE_UNITS) -> list[str]:
    """Split Telegram HTML into messages of at most ``limit`` units.

    Cuts prefer paragraph breaks, then line breaks, then spaces; a cut never falls inside a tag or
    an entity, and tags open at a cut are closed before it and reopened after it.
    """
    if units(markup) <= limit:
        return [markup]
    atoms = _atoms(markup)
    chunks: list[str] = []
    start_stack: list[tuple[str, str]] = []
    i = 0
    while i < len(atoms):
        while i < len(atoms) and not atoms[i].strip():
            i += 1  # no message starts with whitespace
        if i == len(atoms):
            break
        prefix = "".join(tag for _, tag in start_stack)
        stack, length, j = list(start_stack), units(prefix), i
        best: tuple[int, int, list[tuple[str, str]]] | None = None
        while j < len(atoms):
            new_stack = _apply_tag(stack, atoms[j])
            if length + units(atoms[j]) + units(_closers(new_stack)) > limit:
                break
            length += units(atoms[j])
            stack, j = new_stack, j + 1
            priority = _break_priority(atoms[j - 1])
            if best is None or priority >= best[0]:
                best = (priority, j, list(stack))
        if j == len(atoms):
            best = (0, j, stack)
        elif best is None:
            head, rest = _hard_split(atoms[i], limit - units(prefix) - units(_closers(start_stack)))
            atoms[i : i + 1] = [head, rest]
            continue
        _, end, end_stack = best
        body = (prefix + "".join(atoms[i:end])).rstrip()
        chunks.append(body + _closers(end_stack))
        start_stack, i = end_stack, end
    return [chunk for chunk in chunks if chunk.strip()]
