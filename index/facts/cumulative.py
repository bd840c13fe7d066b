"""Running totals over several inspections ("since the pilot in Hebei", "since 2016", "over the past two
years", "in all four rounds of inspections"): their figures are no single inspection's, and an inspection
they name only dates where the count starts. Chinese cues ("自2016年以来", "两轮督察", "上一轮") are matched
on the folded text."""

from __future__ import annotations

import re

from index.meta.scopes import ScopeMention
from index.text.chinese import fold

_CUMULATIVE = re.compile(
    r"\bsince\s+(?:the\s+)?(?:(?:end|start|beginning|launch|inception|late|early|mid)(?:\s+of)?\s+(?:the\s+)?)?"
    # (not "since the inspection team arrived", "since it was stationed": this inspection)
    r"(?:(?:19|20)\d\d\b|pilot\b|inspections\b|inspection\b(?!\s+(?:teams?|groups?)\b)"
    r"|(?:central\s+)?(?:ecological\s+and\s+)?environmental"
    r"|(?:this|the)\s+(?:campaign|mechanism|system)"
    r"|(?:it|they)\s+(?:(?:was|were)\s+(?:launched|introduced|established|set\s+up|started)|began))"
    # "since the Hebei environmental protection inspection pilot was launched" (not "the pilot team")
    r"|\bsince\s+the\s+(?:[\w-]+\s+){1,5}?pilot\b(?!\s+(?:inspection\s+)?(?:teams?|groups?)\b)"
    r"|\bfrom\s+(?:the\s+end\s+of\s+|late\s+)?2015\b"
    r"|\b(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+){0,2}?(?:years|rounds|batches)\b"
    r"|\b(?:all|several|previous|past|two|three|four)\s+(?:the\s+)?(?:\w+\s+)?rounds\s+of\b"
    r"|\bso\s+far\b[^.;]{0,90}\b(?:(?:all|every)\s+(?:\d+\s+)?provinc|across\s+the\s+country|nationwide)"
    # "since the central inspections began", "since the central environmental inspections were launched"
    r"|\bsince\s+(?:the\s+)?central\s+(?:[\w-]+\s+){0,4}?inspections?\b(?!\s+(?:teams?|groups?)\b)"
    r"|\btotal\s+(?:number\s+)?(?:of\s+)?[^.;]{0,30}\bsince\b"
    r"|\bfor\s+comparison\b"
    # another inspection before this one: "during the last round of inspections", "the previous batch"
    r"|\b(?:during|in|after)\s+the\s+last\s+(?:round|batch|group)\b"
    r"|\b(?:previous|preceding|prior)\s+(?:round|batch|group)\b",
    re.IGNORECASE,
)
# "自2015年底督察试点以来", "2016年以来", "两轮督察", "历次督察", "上一轮督察" (not "进驻以来": since this
# inspection's teams arrived)
_CUMULATIVE_ZH = re.compile(
    r"自\s*(?:(?:19|20)\d\d\s*年|督察试点|试点|首轮|第一轮)[^，。；]{0,20}以来|(?:19|20)\d\d\s*年底?以来"
    r"|[两三四几历多]轮(?:中央)?(?:生态)?(?:环境保护|环保)?督察|历次督察|上一轮|上轮督察|上一批|前几批"
    # "督察开展以来，累计问责…", "自中央环保督察启动以来" opening a clause (not 本轮督察开展以来: this round)
    r"|(?:^|[，,。；;、\s])[自从]?(?:中央(?:生态)?(?:环境保护|环保)督察|中央(?:生态)?环境保护督察|督察)"
    r"(?:工作|制度)?(?:开展|启动|实施|建立|推开)以来"
    # "截至目前，中央生态环境保护督察累计问责…": the programme as the subject of a running total (not
    # "第六批中央生态环境保护督察共受理…": a batch's)
    r"|(?:^|[，,。；;、\s])中央(?:生态)?(?:环境保护|环保)督察(?:工作)?(?:累计|共计|总共)"
)
# A paragraph opened by a time frame over several inspections ("Last year, inspectors looked into 33,000
# cases ... A total of 720 people were detained"): background, every sentence of it.
_BACKGROUND_OPENER = re.compile(
    r"^\W*(?:(?:last|past)\s+year\b|since\s+(?:(?:19|20)\d\d|the\s+pilot|the\s+(?:launch|start)\b)"
    r"|(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+){0,2}?(?:years|rounds|batches)\b)",
    re.IGNORECASE,
)
_BACKGROUND_OPENER_ZH = re.compile(r"^\W*(?:去年|近年来|近几年|自\s*(?:19|20)\d\d\s*年)")
_ANCHOR_BEFORE = re.compile(r"\b(?:since|from|after|when)\b[^,;]{0,60}$|[自从][^，；]{0,30}$", re.IGNORECASE)


# "the most thorough so far, covering all 31 provinces": a superlative of the round itself, no running total
_SUPERLATIVE_BEFORE = re.compile(r"\b(?:most\s+[a-z-]+|[a-z]+est|biggest)\s*,?\s*$", re.IGNORECASE)


# "the share of good rivers dropped 4.7 percent from 2015", "up 3 points since 2016": the base year of a
# change, not the start of a running total
_CHANGE_BEFORE = re.compile(
    r"(?:\d\s*(?:%|percent(?:age\s+points?)?|per\s+cent|points?)|\b(?:up|down|rose|fell|dropped|increased"
    r"|decreased|declined))\s*,?\s*$",
    re.IGNORECASE,
)


def is_cumulative(text: str) -> bool:
    """True when ``text`` reports a running total over several inspections."""
    for match in _CUMULATIVE.finditer(text):
        if match.group(0)[:2].lower() == "so" and _SUPERLATIVE_BEFORE.search(text, 0, match.start()):
            continue
        if match.group(0)[:1].lower() in "fs" and _CHANGE_BEFORE.search(text, 0, match.start()):
            continue
        return True
    return not text.isascii() and _CUMULATIVE_ZH.search(fold(text)) is not None


def round_so_far(text: str) -> bool:
    """True when the only running-total cue of ``text`` is "so far ... all 31 provinces": in an article on a
    whole round, that is the round's own count, not one over several inspections."""
    cues = [m.group(0) for m in _CUMULATIVE.finditer(text)]
    return bool(cues) and all(cue[:2].lower() == "so" for cue in cues) and text.isascii()


def opens_background(text: str) -> bool:
    """True when ``text`` opens with a time frame over several inspections ("Last year, ...")."""
    return _BACKGROUND_OPENER.search(text) is not None or (
        not text.isascii() and _BACKGROUND_OPENER_ZH.search(fold(text)) is not None
    )


def is_anchor(sentence: str, mention: ScopeMention) -> bool:
    """True for a mention that only dates a running total: the pilot, or one after "since" / "from"."""
    return mention.scope.phase == "pilot" or bool(_ANCHOR_BEFORE.search(fold(sentence), 0, mention.start))
