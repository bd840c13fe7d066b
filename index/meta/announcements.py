"""Batches learned from the articles that announce them, so a batch newer than the calendar file resolves.

An announcement is one sentence (or a sentence and the next, which lists the places) that names a single
batch in full ("the seventh batch of the third round"), says its teams were stationed, dispatched or
launched, and names the provinces or central enterprises inspected; the stationing dates come from that
sentence, else the article's date. Chinese announcements read the same way (on ``fold(text)``):
"第三轮第一批5个中央生态环境保护督察组于2023年11月21日至22日陆续进驻福建、河南、海南、
甘肃、青海5个省开展督察", or "第三轮第二批中央生态环境保护督察全面启动。" and then the
sentence listing the places. ``inspectbot index`` reports the batches it learned; an index version
keeps them in its documents' metadata and ``IndexVersion.calendar`` adds them to the calendar file's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from index.meta.calendar import Inspection, inspection_id, load_calendar, scope_key
from index.meta.dates import infer_year, year_near
from index.meta.events import find_events
from index.meta.gazetteer import CENTRAL_ENTERPRISES, find_enterprises, find_provinces
from index.meta.inspection import team_count, without_reporting_places
from index.meta.scopes import find_scopes
from index.models import AnnouncedBatch, Document, InspectionScope
from index.text.chinese import fold
from index.text.sentences import split_sentences

_STATIONING = re.compile(
    r"\bstation(?:ed|ing)\b|\bdispatched\b|\bsent\s+to\b|\barrived\s+(?:in|at)\b|\bentered\b|"
    r"\blaunch(?:ed|es)?\b|\bkick(?:ed|s)?\s+off\b|\bbegan\b|\bstarted\b|进驻|入驻|(?:全面|正式)启动",
    re.IGNORECASE,
)
# A sentence recalling an earlier batch announces nothing.
_RECALLED = re.compile(
    r"\blast\s+year\b|\bearlier\s+this\s+year\b|\bprevious(?:ly)?\b|去年|此前|以往|上一轮|上一批",
    re.IGNORECASE,
)


def _complete(scope: InspectionScope) -> bool:
    return bool(scope.batch and (scope.round or scope.phase == "lookback"))


def find_announcement(text: str, date: dt.date | None) -> AnnouncedBatch | None:
    """The batch ``text`` (an article body, datelines blanked) announces, if it announces one."""
    text = fold(text)  # same length: the sentence span holds
    sentences = split_sentences(text)
    for index, (start, end) in enumerate(sentences):
        sentence = text[start:end]
        scopes = {scope_key(m.scope): m.scope for m in find_scopes(sentence) if _complete(m.scope)}
        if len(scopes) != 1 or not _STATIONING.search(sentence) or _RECALLED.search(sentence):
            continue
        scope = next(iter(scopes.values()))
        span = (start, end)
        provinces, enterprises = _places(sentence)
        if not (provinces or enterprises) and index + 1 < len(sentences):
            nxt_start, nxt_end = sentences[index + 1]
            following = text[nxt_start:nxt_end]
            if not find_scopes(following):
                provinces, enterprises = _places(following)
                span = (start, nxt_end)
        if not (provinces or enterprises):
            continue
        events = find_events(text, year_near(date, lambda m, d: infer_year(text, m, d)), date)
        stationed = [e for e in events if e.kind == "stationed" and span[0] <= e.span[0] < span[1]]
        stationed_from = stationed[0].start if stationed else date
        if stationed_from is None:
            continue
        stationed_to = stationed[0].end if stationed else None
        return AnnouncedBatch(
            scope=scope,
            stationed_from=stationed_from,
            stationed_to=stationed_to if stationed_to and stationed_to >= stationed_from else None,
            provinces=provinces,
            enterprises=enterprises,
            teams=team_count(text[span[0] : span[1]]),
            sentence=span,
        )
    return None


def _places(sentence: str) -> tuple[list[str], list[str]]:
    clean = without_reporting_places(sentence)
    enterprises = [name for name in find_enterprises(clean) if name in CENTRAL_ENTERPRISES]
    return find_provinces(clean), enterprises


def as_inspection(announced: AnnouncedBatch, learned_from: str, url: str | None = None) -> Inspection:
    """The calendar entry an announcement makes."""
    return Inspection(
        id=inspection_id(announced.scope),
        scope=announced.scope,
        stationed_from=announced.stationed_from,
        stationed_to=announced.stationed_to,
        provinces=announced.provinces,
        enterprises=announced.enterprises,
        teams=announced.teams,
        sources=[url] if url else [],
        learned_from=learned_from,
    )


def learned_batches(documents: Iterable[Document]) -> list[Inspection]:
    """The batches the ``documents`` announce that the calendar file lacks, one per batch (the article
    with the earliest stationing date wins), oldest first."""
    known = {scope_key(entry.scope) for entry in load_calendar().entries}
    found: dict[tuple, Inspection] = {}
    announced = [doc for doc in documents if doc.meta.announces is not None]
    for doc in sorted(announced, key=lambda d: (d.meta.announces.stationed_from, d.doc_id)):
        key = scope_key(doc.meta.announces.scope)
        if key not in known and key not in found:
            found[key] = as_inspection(doc.meta.announces, doc.doc_id, doc.meta.url)
    return sorted(found.values(), key=lambda entry: entry.stationed_from)
