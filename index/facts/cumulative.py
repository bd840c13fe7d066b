"""Running totals over several inspections ("since the pilot in Hebei", "since 2016", "over the past two
years", "in all four rounds of inspections"): their figures are no single inspection's, and an inspection
they name only dates where the count starts."""

from __future__ import annotations

import re

from index.meta.scopes import ScopeMention

_CUMULATIVE = re.compile(
    r"\bsince\s+(?:the\s+)?(?:(?:end|start|beginning|launch|inception|late|early|mid)(?:\s+of)?\s+(?:the\s+)?)?"
    # (not "since the inspection team arrived", "since it was stationed": this inspection)
    r"(?:(?:19|20)\d\d\b|pilot\b|inspections\b|inspection\b(?!\s+(?:teams?|groups?)\b)"
    r"|(?:central\s+)?(?:ecological\s+and\s+)?environmental"
    r"|(?:this|the)\s+(?:campaign|mechanism|system)"
    r"|(?:it|they)\s+(?:(?:was|were)\s+(?:launched|introduced|established|set\s+up|started)|began))"
    r"|\bfrom\s+(?:the\s+end\s+of\s+|late\s+)?2015\b"
    r"|\b(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+){0,2}?(?:years|rounds|batches)\b"
    r"|\b(?:all|several|previous|past|two|three|four)\s+(?:the\s+)?(?:\w+\s+)?rounds\s+of\b"
    r"|\bso\s+far\b[^.;]{0,60}\b(?:all|every)\s+(?:\d+\s+)?provinc"
    r"|\btotal\s+(?:number\s+)?(?:of\s+)?[^.;]{0,30}\bsince\b"
    r"|\bfor\s+comparison\b"
    # another inspection before this one: "during the last round of inspections", "the previous batch"
    r"|\b(?:during|in|after)\s+the\s+last\s+(?:round|batch|group)\b"
    r"|\b(?:previous|preceding|prior)\s+(?:round|batch|group)\b",
    re.IGNORECASE,
)
# A paragraph opened by a time frame over several inspections ("Last year, inspectors looked into 33,000
# cases ... A total of 720 people were detained"): background, every sentence of it.
_BACKGROUND_OPENER = re.compile(
    r"^\W*(?:(?:last|past)\s+year\b|since\s+(?:(?:19|20)\d\d|the\s+pilot|the\s+(?:launch|start)\b)"
    r"|(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+){0,2}?(?:years|rounds|batches)\b)",
    re.IGNORECASE,
)
_ANCHOR_BEFORE = re.compile(r"\b(?:since|from|after|when)\b[^,;]{0,60}$", re.IGNORECASE)


def is_cumulative(text: str) -> bool:
    """True when ``text`` reports a running total over several inspections."""
    return _CUMULATIVE.search(text) is not None


def opens_background(text: str) -> bool:
    """True when ``text`` opens with a time frame over several inspections ("Last year, ...")."""
    return _BACKGROUND_OPENER.search(text) is not None


def is_anchor(sentence: str, mention: ScopeMention) -> bool:
    """True for a mention that only dates a running total: the pilot, or one after "since" / "from"."""
    return mention.scope.phase == "pilot" or bool(_ANCHOR_BEFORE.search(sentence, 0, mention.start))
