"""Which inspection an article is about, from all its evidence weighed together.

The candidates are the calendar's inspections, each round (and the look-back) as a whole, and any fully
named batch the calendar lacks. Every piece of evidence gives points to the candidates it fits:

- what the text calls the inspection: "the fourth batch of the second round" (strong), "the second group of
  inspectors" (batch 2 of some round), "the 4th round" (round 4, or batch 4: the first round's batches and
  some headlines call batches rounds), the look-back, the pilot, "across the first round" (the round as a
  whole); the title counts more than the lead, the lead more than later sentences, and a sentence recalling
  earlier work ("last year", "was launched in May") counts little;
- the provinces and central enterprises named (never a reporting place such as "in Beijing on the 27th"),
  "seven provincial regions", "eight teams"; those in a sentence about another inspection count only for
  that inspection;
- the article's date (nothing is reported on a batch long before it began, an announcement comes in the
  month before; the closer after, the likelier) and the dates it states.

The weights are the table ``EVIDENCE_WEIGHTS``; the scores and the evidence behind them are kept in the
document metadata (``inspectbot sources --why``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from index.meta.calendar import Calendar, Inspection, inspection_id, load_calendar, scope_key
from index.meta.dates import event_dates, infer_year, safe_date, year_near
from index.meta.events import find_events
from index.meta.gazetteer import (
    PROVINCES,
    XPCC,
    chinese_reporting_places,
    find_departments,
    find_enterprises,
    find_provinces,
)
from index.meta.genres import policy_document, provincial_inspection, recalls_history, review_year
from index.meta.ordinals import CARDINAL_RE, ORDINAL_RE, number_value, ordinal_value
from index.meta.periods import national_tally
from index.meta.scopes import ScopeMention, find_scopes, whole_round
from index.models import InspectionScope, ScopeEvidence
from index.text.chinese import fold
from index.text.sentences import split_sentences

#: Points each kind of evidence gives a candidate it fits (negative: it speaks against the candidate).
EVIDENCE_WEIGHTS: dict[str, float] = {
    "full_mention": 5.0,  # "the fourth batch of the second round", 第二轮第四批, "look-back batch 2"
    "pilot_mention": 4.0,  # "the Hebei pilot" (not "since the pilot")
    "lookback_mention": 3.0,  # a bare look-back: each look-back batch, and the look-back as a whole
    "batch_mention": 2.5,  # "the fourth batch", "the second group of inspectors": every batch 4
    "group_mention": 3.0,  # "the fifth group of the second round": batch 5 of round 2 (or team No. 5: the
    # round's other batches get round_mention points, so provinces and dates decide)
    "round_mention": 2.0,  # "the third round": each batch of round 3
    "round_as_batch": 1.5,  # ... or batch 3 of any round (the first round's batches were called rounds)
    "round_as_whole": 2.0,  # ... or round 3 as a whole
    "whole_round": 8.0,  # "across the first round", "the first round covered all 31 provinces"
    "round_completed": 8.0,  # "the second round ... has been completed" (once its last batch had begun)
    "batches_listed": 4.0,  # each batch of a round beyond one, when the text names three or more of them
    "new_round": 3.0,  # "a new round of inspections" (no ordinal): the batch launched near the article's date
    "period_batch": 3.0,  # "In 2019, the inspections ...": the one batch stationed in that period
    "period_round": 6.0,  # ... the round (or the look-back) whose batches the period spans
    "period_rounds": 6.0,  # ... no one inspection: the period spans batches of several rounds
    "period_part": 6.0,  # ... or one year of a round still under way at its end (several of its batches)
    "site_province": 2.0,  # a provincial government site's article on "the province": each batch of it
    "site_province_not_inspected": -1.0,
    "unnamed_whole_round": 3.0,  # "all 31 provinces" before any round is named: the round of the date
    "planned_round": 8.0,  # ... in an article on "a new round" before it began: the round about to begin
    # (also a round named with what it will do, "the third round will start this year", before it began)
    "rounds_as_batches": 8.0,  # "the four rounds" when fewer had begun by the date: batches of the round
    # then under way, as a whole ("the four rounds ... covered all 31 provinces", 2017: round 1)
    "several_rounds": 6.0,  # ... when that many had begun: no one inspection
    "policy_document": 6.0,  # a title or lead on a document issued ("China issues regulations on central
    # environmental inspections"): no one inspection; the inspections it recalls are history
    "provincial_inspection": 6.0,  # a title or lead on a province's own inspection (省级督察, 湖北省环保督察
    # “回头看”): no central one; its batches and look-back are the province's
    "nationwide_year": 6.0,  # a year's tally for the whole country ("720 people were detained across the
    # country in 2016", 全国全年): no one inspection, however many provinces it names as examples
    "lookback_of_round": 4.5,  # "the first round and the look-back" in one sentence: the look-back as part
    # of the first round (the article is on round 1 and its look-back together)
    "province": 1.0,  # a named province the candidate inspected
    "province_not_inspected": -0.75,  # a named province it did not (only outside sentences on other batches)
    "all_provinces": 1.0,  # it inspected every named province
    "batches_of_round": 2.0,  # a whole round: each batch of it beyond two whose provinces are named
    "enterprise": 1.5,
    "enterprise_not_inspected": -0.75,
    "region_count": 1.5,  # "seven provincial regions": the candidate inspected that many
    "team_count": 0.5,  # "eight inspection teams": it had that many
    "published_within": 3.0,  # the article appeared while the teams were stationed
    "published_after": 2.0,  # ... after it (halves about six months after the stationing)
    "published_ahead": 1.0,  # ... in the month before it began (announcements precede the stationing)
    "published_before": -6.0,  # ... earlier still: nothing is reported on a batch long before it began
    "stated_date_within": 1.0,  # a date the text states falls in the candidate's stationing (up to 3)
    "stated_stationing": 2.0,  # the text says teams were stationed on a day in the candidate's stationing
    "stated_feedback": 1.5,  # ... or gave feedback within ten days of the candidate's feedback
    "file_year": 1.0,  # a text with no year at all: the year its file name states is the candidate's
    "file_year_before": -1.0,  # ... or a year before the candidate began
    "dateline_within_unyeared": 1.5,  # a dateline with no year known whose day falls in the candidate's
    # stationing in its own year ("FUZHOU, Nov. 28 (Xinhua) -- the team stationed in Fujian ...")
    "dateline_feedback_unyeared": 1.5,  # ... or, in an article on feedback, within ten days of its feedback
    "weekday_fits": 1.0,  # ... and the weekday the text names ("said on Tuesday") is that day's or the eve's
    "stated_day_unyeared": 2.0,  # an undated page: teams stationed on a day (no year told) that falls in the
    # candidate's stationing in its own year ("stationed in the province from April 24 to May 24")
}
#: Factor by where the evidence stands: the title, the first two sentences, up to the eighth, the rest.
POSITION_FACTORS: dict[str, float] = {"title": 2.0, "lead": 1.5, "body": 0.8, "late": 0.6}
#: Factor for a mention in a sentence that recalls earlier work.
BACKGROUND_FACTOR = 0.3
#: The most one sentence gives a candidate (times its position factor).
SENTENCE_CAP = 8.0
#: A list of provinces in a sentence that names an inspection counts as at most this many provinces.
PROVINCE_LIST_CAP = 3
_AFTER_HALF_LIFE_DAYS = 180
_LAUNCH_DAYS = 45  # a "new round" article appears up to this many days after its batch began
_PLANNED_DAYS = 366  # a plan of "a new round" comes up to this many days before the round began
_EARLY_DAYS = 3
_ANNOUNCED_DAYS = 30  # an article this many days before a batch began may announce it
_MAX_STATED_DATES = 3
_KEPT_CANDIDATES = 3  # candidates whose points the stored evidence keeps
#: The candidate of a text on no one inspection (a total over batches of several rounds).
NO_INSPECTION = "none"
_FEEDBACK_DAYS = 10
_TIE = 0.01  # scores closer than this do not tell candidates apart

_BACKGROUND_CUE = re.compile(
    r"\b(?:last\s+year|earlier\s+this\s+year|earlier|previous(?:ly)?|before\s+that|prior\s+to|"
    r"(?:was|were)\s+launched\s+in|(?:was|were)\s+(?:completed|conducted|carried\s+out)\s+in|"
    r"(?<!\bto\s)follows?)\b"  # not "reviews to follow in 2022": a plan
    r"|去年|此前|以往|上一轮|上一批|前[两二三四五]批",
    re.IGNORECASE,
)
# A sentence on a round as a whole: "all 31 provinces", "full coverage", "the first full round", "in six
# batches".
_WHOLE_ROUND_SCOPE = re.compile(
    r"\b(?:all|every|each\s+of\s+the|the\s+country'?s)\s+31\b|\b31\s+provinc|全覆盖|31个省|"
    r"\bfull\s+coverage\b|\bnationwide\s+coverage\b|\bcover(?:ed|ing|s)?\s+(?:all|every)\s+(?:the\s+)?provinc|"
    r"\b(?:full|complete|whole|entire)\s+(?:\w+\s+)?round\b|"
    rf"\b(?:in|through|over|across|with|the|both|all|its|their)\s+(?:all\s+)?(?:the\s+|its\s+|their\s+)?"
    rf"(?:{CARDINAL_RE}|\d)\s+batches\b|"
    r"\bboth\s+batches\b|"
    # 两批“回头看”, 分六批, 共6批 (not 第二批, 前两批, 三批典型案例, 31批举报件)
    r"(?<![第前后上下本每\d一二三四五六七八九十])[两二三四五六2-6]批(?!次|典型|案例|群众|信访|举报|交办|转办)",
    re.IGNORECASE,
)
# A round's own running count: "the second round has so far held ...", "since the round began", "第二轮督察
# 启动以来", "截至目前": with a round named alone, the round as a whole, not the batch of the article's date.
_ROUND_SO_FAR = re.compile(
    r"\bso\s+far\b|\bto\s+date\b|\bsince\s+the\s+(?:\w+\s+)?round\s+(?:began|started|was\s+launched|kicked\s+off)\b"
    r"|轮(?:中央)?(?:生态环境保护|环境保护|环保)?督察(?:工作)?(?:启动|开展|实施)以来|截至目前|目前为止",
    re.IGNORECASE,
)
# A round said to be over: "the second round ... has been completed", "wraps up the second round".
_DONE_AFTER = re.compile(
    r"[^.;!?。；]{0,80}?\b(?:(?:has|have|had|was|were|is)\s+(?:now\s+|been\s+|officially\s+|fully\s+)*"
    r"(?:completed|concluded|ended|finished|wrapped\s+up|come\s+to\s+an\s+end|drawn\s+to\s+a\s+close|"
    r"over)|concluded|came\s+to\s+an\s+end|(?:wraps?|wrapped)\s+up|ends|concludes)\b",
    re.IGNORECASE,
)
_DONE_BEFORE = re.compile(
    r"\b(?:complet(?:ed|es|ion\s+of)|conclu(?:ded|des|sion\s+of)|(?:wraps?|wrapped)\s+up|finish(?:ed|es)|"
    r"end\s+of|summ(?:ed|ing|arized|arizing)\s+up)\s+(?:the\s+|a\s+|its\s+)?(?:whole\s+|entire\s+)?$",
    re.IGNORECASE,
)
# A period a summary covers: "In 2017, the inspections ...", "Over the past two years, the teams ...",
# "Last year, central inspectors ...", "the inspections in 2021".
_PERIOD = re.compile(
    r"^\W*(?:(?:in|during|throughout)\s+(?P<year>20\d\d)|(?:over|in|during)\s+the\s+(?:past|last)\s+"
    r"(?P<years>two|three|four|five|\d)\s+years|(?P<last>last\s+year)|since\s+(?P<since>20\d\d))\s*,"
    r"|\binspect\w*\s+(?:work\s+)?(?:(?:carried\s+out|conducted)\s+)?(?:in|during|throughout)\s+(?P<year2>20\d\d)\b"
    r"(?!\s*(?:to|-|–|and)\s*\d)",
    re.IGNORECASE,
)
# ... in Chinese: "2017年，……", "去年，……", "2016年以来，……", "近两年来，……", and "两轮督察" (several rounds:
# every inspection up to the date).
_PERIOD_ZH = re.compile(
    r"^\W*(?:(?P<year>20\d\d)年(?:全年|度)?|(?P<last>去年)|(?:自|从)?(?P<since>20\d\d)年(?:\d{1,2}月)?底?"
    r"(?:启动)?以来|(?:过去|近|这)(?P<years>两|三|四|五|\d)年(?:多)?(?:来|间)?)\s*[，,]"
    r"|(?<!第)(?P<rounds>前?[两三])轮(?:中央)?(?:生态环境保护|环境保护|生态环保|环保)?督察"
)
_INSPECTION_WORK = re.compile(r"inspect|督察", re.IGNORECASE)
# One year as the period: "In 2016 the inspections ..." (no comma), "... 16 provinces in 2016",
# 2017年中央环保督察.
_YEAR_CLAUSE = re.compile(
    r"^\W*(?:in|during|throughout)\s+(?P<a>20\d\d)\b(?!\s*(?:to|-|–|and|or)\s*\d)"
    r"|\b(?:in|during|throughout)\s+(?P<b>20\d\d)\s*(?:$|[.;:!?])"
    r"|^\W*(?P<c>20\d\d)年(?:全年|度)?(?=(?:中央)?(?:生态环境保护|环境保护|生态环保|环保)?督察)",
    re.IGNORECASE,
)
# What a round named before it began will do: "the third round will start this year", 第三轮督察将于年内启动.
_FUTURE = re.compile(
    r"\b(?:will|shall|is\s+(?:set|due|expected|scheduled|planned)\s+to|are\s+(?:set|due|expected)\s+to|"
    r"plans?\s+to|to\s+(?:start|launch|begin|kick\s+off|be\s+launched))\b|将|拟|计划|即将|准备",
    re.IGNORECASE,
)
# A launch told without its number: "a new round of central inspections", "fresh round", "kicks off another
# batch", 新一轮督察, 新一批 (not "the next round will start in August", in a report on the batch before).
_NEW_ROUND = re.compile(
    r"\b(?:new|fresh|another)\s+(?:round|batch|phase|wave)s?\b(?!\s+of\s+(?:rectification|reform))"
    r"|新一(?:轮|批)",
    re.IGNORECASE,
)
# "the four rounds of inspections", "two rounds": a count of rounds (the first round's batches were called
# rounds), not "two rounds of internal checks"
_ROUNDS_COUNTED = re.compile(
    rf"\b(?P<n>{CARDINAL_RE})\s+rounds\b"
    r"(?!\s+of\s+(?!(?:[\w-]+\s+){0,4}?(?:inspections?|supervision|inspectors)\b))",
    re.IGNORECASE,
)
# ... never a team's stay ("stationed", "arrived", 进驻)
_STAY_WORDS = re.compile(r"\bstation(?:ed|ing)\b|\barriv(?:ed|ing)\b|进驻|入驻", re.IGNORECASE)
# "the third, fourth and fifth batches"
_BATCH_LIST = re.compile(
    rf"\b{ORDINAL_RE}(?:\s*,\s*{ORDINAL_RE})*\s*,?\s+and\s+{ORDINAL_RE}\s+batches\b", re.IGNORECASE
)
_LISTED_MIN = 3  # a text naming this many batches of one round is on the round as a whole
_COUNT = re.compile(
    rf"\b(?P<n>{CARDINAL_RE}|\d{{1,2}})\s+(?:(?:central|more|other)\s+)?"
    r"(?P<what>provinc(?:es|ial[\s-]+(?:level\s+)?(?:regions?|units?|areas?))(?:\s*\([^)]{0,40}\))?|"
    r"provincial[\s-]+level\s+regions|regions|"
    r"(?:(?:central\s+)?(?:ecological\s+and\s+)?(?:environmental\s+)?(?:protection\s+)?"
    r"(?:inspection|supervision)\s+)?(?:teams|groups))\b",
    re.IGNORECASE,
)
# Chinese (on folded text): 5个省, 7个省（市）, 8省（区）, 10个省份, 5个中央生态环境保护督察组, 8个组
# (not 第五组, a team; nor 一省一策, 一组数据).
_COUNT_ZH = re.compile(
    r"(?<![第\d一二两三四五六七八九十])(?P<n>\d{1,2}|[一二两三四五六七八九十]{2,3}|[二两三四五六七八九十])个?"
    r"(?P<what>(?:(?:中央)?(?:生态环境保护|环境保护|生态环保|环保)?督察)?组|"
    r"省(?:份|区市|区|市)?(?:（[^）]{0,8}）|\([^)]{0,8}\))?)"
)
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Where a report was filed or spoken, not a province inspected: "told reporters in Beijing on the 27th",
# "in Beijing on Tuesday", "Beijing, March 27 (Reporter ...)", "新华社北京12月28日电".
_REPORTING_PLACE = re.compile(
    rf"\b(?:in|at)\s+(?P<a>[A-Z][a-z]+)\s+on\s+(?:the\s+\d{{1,2}}(?:st|nd|rd|th)|{_WEEKDAYS}|{_MONTHS}\s+\d)"
    r"|\b(?:told|said|briefing|conference|reporters|announced)\b[^.;\n]{0,40}?\bin\s+(?P<b>[A-Z][a-z]+)\b"
    r"(?!\s+(?:province|municipality|and))"
    r"|\b(?:reports?|reporting|writes|wrote)\s+from\s+(?P<e>[A-Z][a-z]+)\b"
    rf"|\b(?P<c>[A-Z][a-z]+),\s+{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*(?:\(|--|—|,\s*\d{{4}}\s*(?:\(|--|—))"
    r"|(?P<d>[\u4e00-\u9fff]{2,3}?)\d{1,2}月\d{1,2}日电"
    # an outlet or institution named after a place: "Beijing News", "Shanghai Daily", "Beijing time"
    r"|\b(?P<f>[A-Z][a-z]+)\s+(?:Daily|News|Evening|Youth|Morning|Times|Online|TV|Television|Radio|"
    r"Securities|Stock\s+Exchange|Nonferrous|University|time)\b",
)
# ... unless the place is where the teams went: "inspectors were stationed in Yunnan on April 7"
_STATIONED_BEFORE = re.compile(
    r"\b(?:station(?:ed|ing)|arriv(?:ed|ing)|entered|sent|dispatched|went|inspect(?:ed|ing)|visited|stayed)"
    r"(?:\s+(?:teams?|groups?|inspectors))?\s*$",
    re.IGNORECASE,
)
_PROVINCE_ALIASES = {alias for names in PROVINCES.values() for alias in names}


@dataclass(frozen=True)
class Candidate:
    """An inspection an article may be about: a calendar entry, a round (or the look-back) as a whole, or
    a fully named batch the calendar lacks."""

    id: str
    scope: InspectionScope
    provinces: frozenset[str] = frozenset()
    enterprises: frozenset[str] = frozenset()
    teams: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None  # the last day of the stationing (a whole round: of its last batch)
    feedback: dt.date | None = None
    members: tuple[str, ...] = ()  # a whole round: the ids of its batches
    last_start: dt.date | None = None  # a whole round: when its last batch began
    member_provinces: tuple[frozenset[str], ...] = ()

    @property
    def whole(self) -> bool:
        return bool(self.members)


@dataclass
class Resolution:
    """The inspection an article is about, the evidence and every candidate's score (best first)."""

    scope: InspectionScope
    evidence: list[ScopeEvidence]
    scores: list[tuple[str, float]]
    provinces: list[str]  # the provinces the article names as inspected by that inspection, in order
    enterprises: list[str]


@dataclass
class _Segment:
    where: str
    text: str
    mentions: list[ScopeMention]
    background: bool
    supports: dict[str, float] = field(default_factory=dict)  # candidate id -> points from its mentions


def _candidates(calendar: Calendar, extra: list[InspectionScope]) -> dict[str, Candidate]:
    found: dict[str, Candidate] = {}
    for entry in calendar.entries:
        found[entry.id] = _from_entry(entry)
    groups: dict[str, list[Inspection]] = defaultdict(list)
    for entry in calendar.entries:
        if entry.scope.phase == "lookback":
            groups["lookback"].append(entry)
        elif entry.scope.round:
            groups[f"r{entry.scope.round}"].append(entry)
    for key, entries in groups.items():
        scope = (
            InspectionScope(phase="lookback")
            if key == "lookback"
            else InspectionScope(round=entries[0].scope.round)
        )
        found[key] = Candidate(
            id=key,
            scope=scope,
            provinces=frozenset(p for e in entries for p in e.provinces),
            enterprises=frozenset(x for e in entries for x in e.enterprises),
            start=min(e.stationed_from for e in entries),
            end=max(e.stationing_end for e in entries),
            members=tuple(e.id for e in entries if e.scope.phase != "pilot"),
            last_start=max(e.stationed_from for e in entries),
            member_provinces=tuple(frozenset(e.provinces) for e in entries if e.scope.phase != "pilot"),
        )
    found[NO_INSPECTION] = Candidate(id=NO_INSPECTION, scope=InspectionScope())
    known = {scope_key(c.scope) for c in found.values()}
    for scope in extra:
        if scope_key(scope) not in known:
            found[inspection_id(scope)] = Candidate(id=inspection_id(scope), scope=scope)
            known.add(scope_key(scope))
    return found


def _from_entry(entry: Inspection) -> Candidate:
    return Candidate(
        id=entry.id,
        scope=entry.scope,
        provinces=frozenset(entry.provinces),
        enterprises=frozenset(entry.enterprises + entry.departments),  # departments count as enterprises
        teams=entry.teams,
        start=entry.stationed_from,
        end=entry.stationing_end,
        feedback=entry.feedback,
    )


def _complete(scope: InspectionScope) -> bool:
    return scope.phase == "pilot" or bool(scope.batch and (scope.round or scope.phase == "lookback"))


def _mention_points(
    mention: ScopeMention, whole: bool, candidates: dict[str, Candidate]
) -> tuple[str, dict[str, float]]:
    """(kind, candidate id -> base points) for one mention; ``whole``: its sentence is on a whole round."""
    w = EVIDENCE_WEIGHTS
    scope = mention.scope
    every = candidates.values()
    if scope.phase == "pilot":
        return "pilot_mention", {c.id: w["pilot_mention"] for c in every if c.scope.phase == "pilot"}
    if _complete(scope) and mention.loose and scope.round:
        points = {
            c.id: w["round_mention"]
            for c in every
            if not c.whole and c.scope.phase is None and c.scope.round == scope.round
        }
        exact = inspection_id(scope)
        if exact in candidates:
            points[exact] = w["group_mention"]
        return "group_mention", points
    if _complete(scope):
        key = scope_key(scope)
        return "full_mention", {
            c.id: w["full_mention"] for c in every if scope_key(c.scope) == key and not c.whole
        }
    if scope.phase == "lookback" and whole:
        return "whole_round", {c.id: w["whole_round"] for c in every if c.id == "lookback"}
    if scope.phase == "lookback":
        return "lookback_mention", {c.id: w["lookback_mention"] for c in every if c.scope.phase == "lookback"}
    if scope.batch:
        return "batch_mention", {
            c.id: w["batch_mention"]
            for c in every
            if c.scope.batch == scope.batch and c.scope.phase in (None, "lookback") and not c.whole
        }
    number = scope.round
    if whole and f"r{number}" in candidates:  # a round that never was ("the fourth round") is a batch
        return "whole_round", {f"r{number}": w["whole_round"]}
    points: dict[str, float] = {}
    for c in every:
        if c.whole and c.id == f"r{number}":
            points[c.id] = w["round_as_whole"]
        elif not c.whole and c.scope.phase is None and c.scope.round == number:
            points[c.id] = w["round_mention"]
        elif not c.whole and c.scope.phase is None and c.scope.batch == number:
            points[c.id] = w["round_as_batch"]
    return "round_mention", points


def _group(scope: InspectionScope) -> str | None:
    """The id of the whole round (or look-back) a mention belongs to, if it says."""
    if scope.phase == "pilot":
        return "r1"
    if scope.phase == "lookback":
        return "lookback"
    return f"r{scope.round}" if scope.round else None


def reporting_places(text: str) -> list[tuple[int, int]]:
    """Spans of province names that only say where a report was filed or spoken ("in Beijing on the
    27th", "Beijing, March 27 (Reporter ...)") or name an outlet ("Beijing News"), not a province
    inspected."""
    spans = []
    for match in _REPORTING_PLACE.finditer(text):
        if match.group("a") and _STATIONED_BEFORE.search(text, max(0, match.start() - 40), match.start()):
            continue
        for name in ("a", "b", "c", "d", "e", "f"):
            if match.group(name) and match.group(name) in _PROVINCE_ALIASES:
                spans.append((match.start(name), match.end(name)))
    return spans + chinese_reporting_places(text)


def without_reporting_places(text: str) -> str:
    """``text`` with its reporting places blanked (same length, so offsets hold)."""
    for start, end in reporting_places(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _counts(text: str) -> list[tuple[str, int, str]]:
    """("regions" | "teams", number, words) for "seven provincial regions", "eight inspection teams"."""
    found = []
    for match in [*_COUNT.finditer(text), *_COUNT_ZH.finditer(fold(text))]:
        value = number_value(match.group("n"))
        if not value or value > 40:
            continue
        kind = "teams" if re.search(r"teams|groups|组", match.group("what"), re.IGNORECASE) else "regions"
        found.append((kind, value, match.group(0)))
    return found


def _segments(title: str, text: str) -> list[_Segment]:
    parts: list[tuple[str, str]] = [("title", fold(title))] if title.strip() else []
    for index, (start, end) in enumerate(split_sentences(text)):
        where = "lead" if index < 2 else "body" if index < 8 else "late"
        parts.append((where, fold(text[start:end])))  # matched as simplified characters
    return [
        _Segment(where, segment, find_scopes(segment), bool(_BACKGROUND_CUE.search(segment)))
        for where, segment in parts
    ]


_LONG_BEFORE_DAYS = 365  # dates this long before the article's are history
_HISTORY_VISITS = 2  # ... when they date this many inspections


def _history(segments: list[_Segment], candidates: dict[str, Candidate], date: dt.date | None) -> None:
    """Mark as background the sentences that date visits of several earlier inspections, all more than a
    year before the article ("inspectors first came in August 2017 and returned in August 2021", in a 2024
    article): the province's history, not the inspection reported. A sentence on a round as a whole is
    no history."""
    if date is None:
        return
    batches = [c for c in candidates.values() if not c.whole and c.start is not None and c.end is not None]
    for segment in segments:
        if segment.background or _WHOLE_ROUND_SCOPE.search(segment.text):
            continue
        stated = event_dates(segment.text, reported_only=True)
        if not stated or (date - max(stated)).days <= _LONG_BEFORE_DAYS:
            continue
        month = dt.timedelta(days=31)  # "in August 2017" is read as its first day
        visits = {c.id for c in batches for day in stated if c.start - month <= day <= c.end}
        segment.background = len(visits) >= _HISTORY_VISITS


class _Ledger:
    """The evidence found and the points it gave each candidate."""

    def __init__(self) -> None:
        self.items: list[ScopeEvidence] = []
        self.totals: dict[str, float] = defaultdict(float)
        self.substantive: set[str] = set()  # candidates with support other than dates

    def add(self, kind: str, text: str, where: str, points: dict[str, float], *, dated: bool = False) -> None:
        points = {key: round(value, 3) for key, value in points.items() if value}
        if not points:
            return
        self.items.append(ScopeEvidence(kind=kind, text=_short(text), where=where, points=points))
        for key, value in points.items():
            self.totals[key] += value
            if value > 0 and not dated:
                self.substantive.add(key)

    def cap_since(self, mark: int, cap: float) -> None:
        """Scale down the points items ``mark:`` gave any candidate beyond ``cap`` in all (one sentence is
        one piece of evidence, however many ways it names an inspection)."""
        given: dict[str, float] = defaultdict(float)
        for item in self.items[mark:]:
            for key, value in item.points.items():
                given[key] += max(value, 0.0)
        over = {key: cap / total for key, total in given.items() if total > cap}
        if not over:
            return
        for item in self.items[mark:]:
            for key, scale in over.items():
                value = item.points.get(key, 0.0)
                if value > 0:
                    item.points[key] = round(value * scale, 3)
                    self.totals[key] -= value - item.points[key]


def _short(text: str, limit: int = 90) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def resolve_inspection(
    title: str,
    text: str,
    date: dt.date | None,
    calendar: Calendar | None = None,
    site: tuple[str, str] | None = None,
    file_year: int | None = None,
    dateline_day: tuple[int, int] | None = None,
) -> Resolution:
    """The inspection an article with this ``title`` (may be empty), body ``text`` (datelines already
    blanked) and publication ``date`` is about, weighing all its evidence against ``calendar``. ``site``:
    (province, what says so) when a provincial government publishes the page (index/meta/site.py);
    ``file_year``: the year its file name states, when the text states none; ``dateline_day``: (month, day)
    of a dateline whose year is unknown ("FUZHOU, Nov. 28 (Xinhua) --" on a page that states no year)."""
    calendar = calendar or load_calendar()
    segments = _segments(title, text)
    ledger = _Ledger()
    _article_kind(ledger, segments)
    extra = [m.scope for s in segments for m in s.mentions if _complete(m.scope)]
    candidates = _candidates(calendar, extra)
    _history(segments, candidates, date)
    generic_provinces: dict[str, str] = {}  # name -> where it is first named
    generic_enterprises: dict[str, str] = {}
    generic_counts: list[tuple[str, int, str, str]] = []
    last_group: str | None = None  # the round (or look-back) the text last spoke of
    unnamed_whole: list[tuple[str, str, float]] = []  # whole-round cues before any round is named
    launches: list[tuple[str, str]] = []  # "a new round of inspections" in the title or lead
    launching = date is not None and any(
        s.where in ("title", "lead") and not s.background and _NEW_ROUND.search(s.text) for s in segments
    )
    for segment in segments:
        factor = POSITION_FACTORS[segment.where]
        mention_factor = factor * (BACKGROUND_FACTOR if segment.background else 1.0)
        whole_cue = _WHOLE_ROUND_SCOPE.search(segment.text)
        round_only = False
        mark = len(ledger.items)
        group_before = last_group
        if not segment.background:
            _rounds_counted(ledger, candidates, segment, date)
            _nationwide_year(ledger, segment, whole_cue is not None)
        for mention in segment.mentions:
            scope = mention.scope
            only = bool(scope.round and not scope.batch and not scope.phase)
            round_only = round_only or only or scope == InspectionScope(phase="lookback")
            so_far = (
                only
                and _begun(candidates.get(f"r{scope.round}"), date)
                and _ROUND_SO_FAR.search(segment.text) is not None
            )
            whole = bool(whole_cue or so_far or whole_round(segment.text, [mention])) and (
                only or scope == InspectionScope(phase="lookback")
            )
            kind, points = _mention_points(mention, whole, candidates)
            if (
                scope == InspectionScope(phase="lookback")
                and "r1" in candidates
                and _with_first_round(segment, mention)
            ):
                kind, points = "lookback_of_round", {"r1": EVIDENCE_WEIGHTS["lookback_of_round"]}
            if only and _round_completed(segment.text, mention, candidates.get(f"r{scope.round}"), date):
                kind, points = "round_completed", {f"r{scope.round}": EVIDENCE_WEIGHTS["round_completed"]}
            if only and _planned(segment, candidates.get(f"r{scope.round}"), date):
                kind, points = "planned_round", {f"r{scope.round}": EVIDENCE_WEIGHTS["planned_round"]}
            if launching and kind == "whole_round":  # a new round's launch recalls the rounds it follows
                points = {key: value * _past_factor(candidates[key], date) for key, value in points.items()}
            scaled = {key: value * mention_factor for key, value in points.items()}
            ledger.add(kind, segment.text[mention.start : mention.end], segment.where, scaled)
            for key in points:
                segment.supports[key] = segment.supports.get(key, 0.0) + points[key]
            last_group = _group(scope) or last_group
        if whole_cue and not round_only and last_group in candidates and last_group not in segment.supports:
            points = {last_group: EVIDENCE_WEIGHTS["whole_round"] * mention_factor}
            ledger.add("whole_round", whole_cue.group(0), segment.where, points)
            segment.supports[last_group] = segment.supports.get(last_group, 0.0) + points[last_group]
        elif whole_cue and group_before is None and _unnumbered(segment, launching):
            unnamed_whole.append((whole_cue.group(0), segment.where, mention_factor))
        if not segment.mentions and segment.where in ("title", "lead"):
            _period(ledger, candidates, segment, date)
        if segment.where in ("title", "lead") and not segment.background:
            launch = _NEW_ROUND.search(segment.text)
            launches += [(launch.group(0), segment.where)] if launch else []
        clean = without_reporting_places(segment.text)
        provinces = find_provinces(clean)
        enterprises = find_enterprises(clean) + find_departments(clean)
        counts = _counts(clean)
        if segment.mentions and not segment.background:
            _attached(ledger, segment, candidates, provinces, enterprises, counts, factor)
            ledger.cap_since(mark, SENTENCE_CAP * factor)
        elif not segment.mentions and not segment.background:  # not places recalled (前两批曾进驻福建)
            for name in provinces:
                generic_provinces.setdefault(name, segment.where)
            for name in enterprises:
                generic_enterprises.setdefault(name, segment.where)
            generic_counts += [(kind, n, words, segment.where) for kind, n, words in counts]
    _generic(ledger, candidates, generic_provinces, generic_enterprises, generic_counts)
    _unnamed_round(ledger, candidates, unnamed_whole, date, launching)
    _launched(ledger, candidates, launches, date, text)
    _listed_batches(ledger, candidates, segments, date)
    site_used = _site(ledger, candidates, site, segments)
    past = frozenset(day for s in segments if s.background for day in event_dates(s.text, reported_only=True))
    planned = frozenset(key for item in ledger.items if item.kind == "planned_round" for key in item.points)
    _dates(ledger, candidates, date, text, past, planned)
    _file_year(ledger, candidates, file_year)
    _dateline_unyeared(ledger, candidates, dateline_day, text)
    scores = sorted(
        ledger.totals.items(),
        key=lambda item: (
            -item[1],
            candidates[item[0]].whole,
            -(candidates[item[0]].start or dt.date.min).toordinal(),
        ),
    )
    best = next((key for key, score in scores if score > 0 and key in ledger.substantive), None)
    best = _undecided(best, scores, candidates)
    scope = candidates[best].scope if best else InspectionScope()
    kept = {key for key, _ in scores[:_KEPT_CANDIDATES]} | ({best} if best else set())
    evidence = []
    for item in ledger.items:
        points = {key: value for key, value in item.points.items() if key in kept}
        if points:
            evidence.append(item.model_copy(update={"points": points}))
    provinces, enterprises = _named_for(best, segments, candidates)
    if site_used and not provinces:
        provinces = [site_used]
    return Resolution(scope, evidence, [(k, round(v, 3)) for k, v in scores], provinces, enterprises)


def _article_kind(ledger: _Ledger, segments: list[_Segment]) -> None:
    """What the article is (index/meta/genres.py). A sentence on a province's own inspection names no
    central one (its batches and look-back are the province's); in the title or lead it says the article
    is on no central inspection. A title or lead on a document issued (and naming no batch) makes the
    article one on no one inspection, and its sentences on what the inspections have done so far
    history."""
    for segment in segments:
        words = provincial_inspection(segment.text)
        if words is None:
            continue
        segment.mentions, segment.background = [], True
        if segment.where in ("title", "lead"):
            weight = EVIDENCE_WEIGHTS["provincial_inspection"] * POSITION_FACTORS[segment.where]
            points = {NO_INSPECTION: weight}
            ledger.add("provincial_inspection", words, segment.where, points)
    opening = [s for s in segments if s.where in ("title", "lead") and not s.background]
    if any(m.scope.batch or m.scope.phase for s in opening for m in s.mentions):
        return
    found = next(
        ((s, words) for s in opening if not _NEW_ROUND.search(s.text) and (words := policy_document(s.text))),
        None,
    )
    if found is None:
        return
    segment, words = found
    points = {NO_INSPECTION: EVIDENCE_WEIGHTS["policy_document"] * POSITION_FACTORS[segment.where]}
    ledger.add("policy_document", words, segment.where, points)
    segment.supports[NO_INSPECTION] = points[NO_INSPECTION]
    for other in segments:
        if other.mentions and recalls_history(other.text):
            other.background = True


def _planned(segment: _Segment, whole: Candidate | None, date: dt.date | None) -> bool:
    """Whether the title or lead ``segment`` names a round (``whole``) with what it will do ("will start
    this year", 将于…启动) in an article published before that round began, up to a year ahead: the round
    planned is the article's subject (a later sentence on the next round is an aside). Within a month of
    its start the article announces its first batch."""
    if whole is None or date is None or whole.start is None or segment.where not in ("title", "lead"):
        return False
    ahead = (whole.start - date).days
    return _ANNOUNCED_DAYS < ahead <= _PLANNED_DAYS and _FUTURE.search(segment.text) is not None


def _unnumbered(segment: _Segment, launching: bool) -> bool:
    """Whether a whole-round cue in ``segment`` speaks of a round it does not name: the sentence names no
    inspection, or, in the title or lead of an article on "a new round", none by its round ("the new round
    will cover every province from 2019 to 2021, with look-back reviews in 2022")."""
    if not segment.mentions:
        return True
    return (
        launching
        and segment.where in ("title", "lead")
        and all(m.scope.round is None and m.scope.phase != "pilot" for m in segment.mentions)
    )


def _rounds_counted(
    ledger: _Ledger, candidates: dict[str, Candidate], segment: _Segment, date: dt.date | None
) -> None:
    """ "The four rounds of inspections" (a count, not an ordinal): with fewer rounds begun by the
    article's date, the batches of the round then under way, as a whole (the first round's batches were
    called rounds); with that many begun, several rounds: no one inspection."""
    match = _ROUNDS_COUNTED.search(segment.text)
    count = number_value(match.group("n")) if match else None
    if date is None or count is None or count < 2:
        return
    begun = sorted(
        (c for c in candidates.values() if c.whole and c.scope.round and c.start and c.start <= date),
        key=lambda c: c.start,
    )
    if not begun:
        return
    factor = POSITION_FACTORS[segment.where]
    if count > len(begun):
        kind, key = "rounds_as_batches", begun[-1].id
    else:
        kind, key = "several_rounds", NO_INSPECTION
    ledger.add(kind, match.group(0), segment.where, {key: EVIDENCE_WEIGHTS[kind] * factor})
    segment.supports[key] = segment.supports.get(key, 0.0) + EVIDENCE_WEIGHTS[kind]


def _nationwide_year(ledger: _Ledger, segment: _Segment, whole_cue: bool) -> None:
    """A year's tally for the whole country ("720 people were detained across the country in 2016",
    2016年全国共拘留720人): no one inspection, when the sentence names none and tells of no team's stay."""
    text = segment.text
    if segment.mentions or whole_cue or _STAY_WORDS.search(text):
        return
    tally = national_tally(text)  # the country's cue and the year's (index/meta/periods.py)
    if tally is None:
        return
    points = {NO_INSPECTION: EVIDENCE_WEIGHTS["nationwide_year"] * POSITION_FACTORS[segment.where]}
    ledger.add("nationwide_year", f"{tally[0]} ... {tally[1]}", segment.where, points)
    segment.supports[NO_INSPECTION] = segment.supports.get(NO_INSPECTION, 0.0) + points[NO_INSPECTION]


def _past_factor(candidate: Candidate, date: dt.date | None) -> float:
    """BACKGROUND_FACTOR for a round (or the look-back) over by ``date``, else 1."""
    over = candidate.whole and candidate.end is not None and date is not None and candidate.end < date
    return BACKGROUND_FACTOR if over else 1.0


def _round_completed(text: str, mention: ScopeMention, whole: Candidate | None, date: dt.date | None) -> bool:
    """Whether ``text`` says the round ``mention`` names is over ("The second round ... has been
    completed", "China wraps up second round"), when that round's last batch had begun by ``date``
    (in 2017 "a third round of inspection completed" is the first round's third batch)."""
    if whole is None or (date is not None and whole.last_start and date < whole.last_start):
        return False
    return bool(
        _DONE_AFTER.match(text, mention.end)
        or _DONE_BEFORE.search(text, max(0, mention.start - 40), mention.start)
    )


def _period(
    ledger: _Ledger, candidates: dict[str, Candidate], segment: _Segment, date: dt.date | None
) -> None:
    """A title or lead on the inspections of a period ("In 2017, the inspections covered ...", "Over the
    past two years, the teams ..."): the one batch stationed in it (or, in one year, the one of them that
    inspected the provinces it names), else the round (or look-back) whose batches it spans, else no one
    inspection. One year of a round still under way at its end ("In 2016 the inspections reached 16
    provinces", a year-ender of 2021) is no one inspection: its figures are the year's, not the round's; the
    year its last batch began completes the round."""
    if not _INSPECTION_WORK.search(segment.text):
        return
    period = _period_words(segment.text, date)
    if period is None:
        return
    words, (start, end), one_year = period
    spanned = [
        c
        for c in candidates.values()
        if not c.whole and c.start is not None and c.end is not None and c.start <= end and c.end >= start
    ]
    named = set(find_provinces(without_reporting_places(segment.text)))
    fitting = [c for c in spanned if one_year and named and named <= c.provinces]
    if len(fitting) == 1:  # "the inspection in 2021 of Guangxi": the batch of that year that went there
        spanned = fitting
    if not spanned:
        return
    groups = {_group(c.scope) for c in spanned}
    factor = POSITION_FACTORS[segment.where]
    if len(spanned) == 1:
        kind, points = "period_batch", {spanned[0].id: EVIDENCE_WEIGHTS["period_batch"] * factor}
    elif (
        len(groups) == 1
        and next(iter(groups)) in candidates
        and not _part_of_round(candidates[next(iter(groups))], start, end, one_year)
    ):
        group = next(iter(groups))
        kind, points = "period_round", {group: EVIDENCE_WEIGHTS["period_round"] * factor}
    elif len(groups) == 1:
        kind, points = "period_part", {NO_INSPECTION: EVIDENCE_WEIGHTS["period_part"] * factor}
    else:
        kind, points = "period_rounds", {NO_INSPECTION: EVIDENCE_WEIGHTS["period_rounds"] * factor}
    ledger.add(kind, f"{words} ({start} to {end})", segment.where, points)
    for key, value in points.items():
        segment.supports[key] = segment.supports.get(key, 0.0) + value


def _part_of_round(whole: Candidate, start: dt.date, end: dt.date, one_year: bool) -> bool:
    """Whether one year (``start`` to ``end``) holds several batches of the round ``whole`` but not the
    beginning of its last batch: a year of a round still under way."""
    return one_year and whole.last_start is not None and not start <= whole.last_start <= end


def _period_words(text: str, date: dt.date | None) -> tuple[str, tuple[dt.date, dt.date], bool] | None:
    """(words, (first day, last day), whether it is one year) of the period ``text`` is on: "In 2017, ...",
    "over the past two years", "In 2016 the inspections ...", "... 16 provinces in 2016", a review of a
    year ("Year-ender: ...", 2017年中央环保督察工作综述)."""
    match = _PERIOD.search(text) or _PERIOD_ZH.search(text)
    if match is not None:
        span = _period_span(match, date)
        found = match.groupdict()
        one_year = bool(found["year"] or found.get("year2") or found["last"])
        return (match.group(0).strip(" ,"), span, one_year) if span else None
    clause = _YEAR_CLAUSE.search(text)
    year = int(next(filter(None, clause.groups()))) if clause else review_year(text, date)
    if year is None:
        return None
    words = clause.group(0).strip(" ,.") if clause else f"review of {year}"
    return words, (dt.date(year, 1, 1), dt.date(year, 12, 31)), True


def _period_span(match: re.Match[str], date: dt.date | None) -> tuple[dt.date, dt.date] | None:
    found = match.groupdict()
    if found.get("rounds"):
        return dt.date.min, date or dt.date.max
    year = found["year"] or found.get("year2")
    if year:
        return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
    if date is None:
        return None
    if match.group("last"):
        return dt.date(date.year - 1, 1, 1), dt.date(date.year - 1, 12, 31)
    if match.group("since"):
        return dt.date(int(match.group("since")), 1, 1), date
    years = number_value(match.group("years")) or 0
    return date - dt.timedelta(days=365 * years), date


def _rounds_as_batches(
    segments: list[_Segment], candidates: dict[str, Candidate], date: dt.date | None
) -> bool:
    """True when the text numbers its "rounds" past the rounds begun by its date ("the first round went to
    eight provinces, ..., the fourth round to the last eight" in 2017): it calls batches rounds, so its
    rounds are batches of one round."""
    numbers = {
        m.scope.round
        for s in segments
        if not s.background
        for m in s.mentions
        if m.scope.round and not m.scope.batch and not m.scope.phase
    }

    def never_was(number: int) -> bool:
        whole = candidates.get(f"r{number}")
        return whole is None or (date is not None and whole.start is not None and whole.start > date)

    return len(numbers) >= _LISTED_MIN and any(map(never_was, numbers))


def _begun(candidate: Candidate | None, date: dt.date | None) -> bool:
    """True when ``candidate`` (a round as a whole) is in the calendar and had begun by ``date``."""
    return candidate is not None and (
        date is None or (candidate.start is not None and candidate.start <= date)
    )


_JOINED = re.compile(r"\band\b|\bas\s+well\s+as\b|\bplus\b|[和及与暨]")
_JOIN_GAP = 60  # the most characters between the two joined names


def _with_first_round(segment: _Segment, lookback: ScopeMention) -> bool:
    """True when ``segment`` joins the first round as a whole and the ``lookback`` mention in one phrase
    ("the first round and the look-back that followed it", 第一轮督察和“回头看”), not when the look-back
    merely follows up the round ("the look-back at the problems the first round handed over")."""
    for mention in segment.mentions:
        if mention.scope != InspectionScope(round=1):
            continue
        first, second = sorted((mention, lookback), key=lambda m: m.start)
        gap = segment.text[first.end : second.start]
        if len(gap) <= _JOIN_GAP and _JOINED.search(gap) and not re.search(r"[.;。；，,]", gap):
            return True
    return False


def _listed_batches(
    ledger: _Ledger, candidates: dict[str, Candidate], segments: list[_Segment], date: dt.date | None
) -> None:
    """A text that names several batches of one round ("the first batch went to ..., the second ...,
    the third, fourth and fifth batches ...") reports on the round as a whole: points for each listed
    batch beyond one; when the title and lead speak of one batch, the list recalls its forerunners and
    counts little. "Rounds" numbered past the rounds begun by the article's date are batches so listed."""
    named: dict[int | None, set[int]] = defaultdict(set)  # round (None: not said) -> batch numbers
    lead: set[int] = set()
    as_batches = _rounds_as_batches(segments, candidates, date)
    for segment in segments:
        if segment.background:
            continue
        for mention in segment.mentions:
            scope = mention.scope
            if as_batches and scope.round and not scope.batch and not scope.phase:
                named[None].add(scope.round)
            if scope.batch and not scope.phase and not mention.loose:
                named[scope.round].add(scope.batch)
                if segment.where in ("title", "lead"):
                    lead.add(scope.batch)
        for match in _BATCH_LIST.finditer(segment.text):
            numbers = {ordinal_value(word) for word in re.findall(ORDINAL_RE, match.group(0), re.IGNORECASE)}
            named[None] |= {n for n in numbers if n}
    factor = BACKGROUND_FACTOR if len(lead) == 1 else 1.0
    for c in candidates.values():
        if not (c.whole and c.scope.round):
            continue
        own = {int(key.rsplit("b", 1)[1]) for key in c.members if "b" in key}
        listed = (named[c.scope.round] | named[None]) & own
        if len(listed) >= _LISTED_MIN:
            points = {c.id: EVIDENCE_WEIGHTS["batches_listed"] * (len(listed) - 1) * factor}
            words = f"batches {', '.join(map(str, sorted(listed)))} of {c.scope.label()}"
            ledger.add("batches_listed", words, "body", points)


_THE_PROVINCE = re.compile(
    r"\b(?:our|the|this|the\s+whole)\s+(?:province|region|autonomous\s+region|municipality)\b|"
    r"全省|我省|本省|全区|我区|全市|我市",
    re.IGNORECASE,
)


def _site(
    ledger: _Ledger,
    candidates: dict[str, Candidate],
    site: tuple[str, str] | None,
    segments: list[_Segment],
) -> str | None:
    """A provincial government's page on "the province" that does not name it: the site's province
    counts for the batches that inspected it. Returns that province when it counted."""
    if site is None:
        return None
    province, words = site
    texts = [without_reporting_places(segment.text) for segment in segments]
    if any(province in find_provinces(text) for text in texts) or not any(map(_THE_PROVINCE.search, texts)):
        return None
    w = EVIDENCE_WEIGHTS
    points = {
        c.id: w["site_province"] if province in c.provinces else w["site_province_not_inspected"]
        for c in candidates.values()
        if not c.whole and c.start is not None
    }
    ledger.add("site_province", f"{province} ({words})", "body", points)
    return province


def _unnamed_round(
    ledger: _Ledger,
    candidates: dict[str, Candidate],
    cues: list[tuple[str, str, float]],
    date: dt.date | None,
    launching: bool,
) -> None:
    """Whole-round cues ("covering 31 provincial regions over two years") in an article that names no round
    yet: the round the article's date falls in or after, the latest one begun; in an article on "a new
    round" published before it began ("will cover every province within three years"), that round."""
    rounds = [c for c in candidates.values() if c.whole and c.scope.round and c.start and date]
    begun = [c for c in rounds if c.start <= date]
    ahead = [c for c in rounds if launching and 0 < (c.start - date).days <= _PLANNED_DAYS]
    if not cues or not (begun or ahead):
        return
    kind = "planned_round" if ahead else "unnamed_whole_round"
    target = min(ahead, key=lambda c: c.start) if ahead else max(begun, key=lambda c: c.start)
    for words, where, factor in cues:
        ledger.add(kind, words, where, {target.id: EVIDENCE_WEIGHTS[kind] * factor})


def _launched(
    ledger: _Ledger,
    candidates: dict[str, Candidate],
    launches: list[tuple[str, str]],
    date: dt.date | None,
    text: str,
) -> None:
    """ "A new round of inspections" with no number in the title or lead: the batches that began in the
    weeks around the article's date (else the latest date it states), shared among them. Outlets call every
    batch a new round, so the calendar, not the word, tells which."""
    if not launches:
        return
    reference = date or max(event_dates(text, reported_only=True), default=None)
    if reference is None:
        return
    fitting = [
        c
        for c in candidates.values()
        if not c.whole
        and c.start is not None
        and -_ANNOUNCED_DAYS <= (reference - c.start).days <= _LAUNCH_DAYS
    ]
    for words, where in launches[:1] if fitting else []:
        share = EVIDENCE_WEIGHTS["new_round"] * POSITION_FACTORS[where] / len(fitting)
        ledger.add("new_round", f"{words} ({reference})", where, {c.id: share for c in fitting})


def _undecided(
    best: str | None, scores: list[tuple[str, float]], candidates: dict[str, Candidate]
) -> str | None:
    """When the evidence cannot tell several candidates apart, what they have in common: their round
    (or the look-back) as a whole if they all belong to it, else nothing."""
    if best is None:
        return None
    top = dict(scores)[best]
    tied = [key for key, score in scores if abs(score - top) < _TIE]
    if len(tied) == 1:
        return best
    groups = {_group(candidates[key].scope) if not candidates[key].whole else key for key in tied}
    group = groups.pop() if len(groups) == 1 else None
    return group if group in candidates else None


def _attached(
    ledger: _Ledger,
    segment: _Segment,
    candidates: dict[str, Candidate],
    provinces: list[str],
    enterprises: list[str],
    counts: list[tuple[str, int, str]],
    factor: float,
) -> None:
    """Provinces, enterprises and counts in a sentence that names an inspection: points only for the
    candidates that mention fits."""
    w = EVIDENCE_WEIGHTS
    fitting = [candidates[key] for key in segment.supports]
    if provinces:  # one list is one piece of evidence: at most PROVINCE_LIST_CAP provinces count
        points = {}
        for c in fitting:
            if c.whole and sum(bool(set(provinces) & members) for members in c.member_provinces) < 2:
                continue  # provinces one batch inspected speak for that batch, not for its whole round
            hits = sum(name in c.provinces for name in provinces)
            every = hits == len(provinces) and hits > 1
            points[c.id] = factor * (
                w["province"] * min(hits, PROVINCE_LIST_CAP) + (w["all_provinces"] if every else 0.0)
            )
        ledger.add("provinces", ", ".join(provinces), segment.where, points)
    for name in enterprises:
        ledger.add(
            "enterprise",
            name,
            segment.where,
            {c.id: w["enterprise"] * factor for c in fitting if name in c.enterprises},
        )
    for kind, value, words in counts:
        ledger.add(f"{kind[:-1]}_count", words, segment.where, _count_points(fitting, kind, value, factor))


def _count_points(fitting: list[Candidate], kind: str, value: int, factor: float) -> dict[str, float]:
    if kind == "teams":
        return {c.id: EVIDENCE_WEIGHTS["team_count"] * factor for c in fitting if c.teams == value}
    return {
        c.id: EVIDENCE_WEIGHTS["region_count"] * factor for c in fitting if len(c.provinces - {XPCC}) == value
    }


def _generic(
    ledger: _Ledger,
    candidates: dict[str, Candidate],
    provinces: dict[str, str],
    enterprises: dict[str, str],
    counts: list[tuple[str, int, str, str]],
) -> None:
    """Provinces, enterprises and counts named outside any sentence that names an inspection."""
    w = EVIDENCE_WEIGHTS
    batches = [c for c in candidates.values() if not c.whole and c.start is not None]
    for name, where in provinces.items():
        factor = POSITION_FACTORS[where]
        ledger.add(
            "province",
            name,
            where,
            {
                c.id: (w["province"] if name in c.provinces else w["province_not_inspected"]) * factor
                for c in batches
            },
        )
    if provinces:
        named = set(provinces)
        ledger.add(
            "all_provinces",
            ", ".join(provinces),
            "body",
            {c.id: w["all_provinces"] for c in batches if named <= c.provinces},
        )
        for c in candidates.values():
            if c.whole:
                spanned = sum(bool(named & members) for members in c.member_provinces)
                ledger.add(
                    "batches_of_round",
                    f"{spanned} batches of {c.scope.label()}",
                    "body",
                    {c.id: w["batches_of_round"] * max(0, spanned - 2)},
                )
    for name, where in enterprises.items():
        factor = POSITION_FACTORS[where]
        ledger.add(
            "enterprise",
            name,
            where,
            {
                c.id: (w["enterprise"] if name in c.enterprises else w["enterprise_not_inspected"]) * factor
                for c in batches
                if c.enterprises or name in c.enterprises
            },
        )
    everyone = list(candidates.values())
    for kind, value, words, where in counts:
        ledger.add(
            f"{kind[:-1]}_count", words, where, _count_points(everyone, kind, value, POSITION_FACTORS[where])
        )


def _dates(
    ledger: _Ledger,
    candidates: dict[str, Candidate],
    date: dt.date | None,
    text: str,
    past: frozenset[dt.date] = frozenset(),
    planned: frozenset[str] = frozenset(),
) -> None:
    """The publication date against each candidate's stationing, and the dates the text states (not those
    ``past`` of sentences recalling earlier work). A round ``planned`` (an article on its plan) is not
    held back for coming before it began."""
    w = EVIDENCE_WEIGHTS
    stated = sorted(set(event_dates(text, reported_only=True)) - past)
    dated = [c for c in candidates.values() if c.start is not None and c.end is not None]
    reference = date or (stated[-1] if stated else None)
    if reference is not None:
        label = f"published {date}" if date else f"latest date stated {reference}"
        scale = 1.0 if date else 0.5
        by_kind: dict[str, dict[str, float]] = defaultdict(dict)
        for c in dated:
            if reference < c.start - dt.timedelta(days=_ANNOUNCED_DAYS):
                if c.id not in planned:
                    by_kind["published_before"][c.id] = w["published_before"] * scale
            elif reference < c.start - dt.timedelta(days=_EARLY_DAYS):
                if not c.whole:
                    by_kind["published_ahead"][c.id] = w["published_ahead"] * scale
            elif reference <= c.end:
                if not c.whole:
                    by_kind["published_within"][c.id] = w["published_within"] * scale
            else:
                decay = _AFTER_HALF_LIFE_DAYS / (_AFTER_HALF_LIFE_DAYS + (reference - c.end).days)
                by_kind["published_after"][c.id] = w["published_after"] * decay * scale
        for kind, points in by_kind.items():
            ledger.add(kind, label, "date", points, dated=True)
    year_for = year_near(date, lambda month, day: infer_year(text, month, day))
    events = find_events(text, year_for, date)
    _unyeared_days(ledger, dated, text, year_for)
    stationings = sorted({e.start for e in events if e.kind == "stationed" and not e.month_only})
    feedbacks = sorted({e.start for e in events if e.kind == "feedback" and not e.month_only})
    for c in dated:
        if c.whole:
            continue
        early = c.start - dt.timedelta(days=_EARLY_DAYS)
        stationed = [d for d in stationings if early <= d <= c.end][:_MAX_STATED_DATES]
        if stationed:
            points = {c.id: w["stated_stationing"] * len(stationed)}
            ledger.add("stated_stationing", ", ".join(map(str, stationed)), "body", points, dated=True)
        near = [d for d in feedbacks if c.feedback and abs((d - c.feedback).days) <= _FEEDBACK_DAYS]
        if near:
            points = {c.id: w["stated_feedback"]}
            ledger.add("stated_feedback", ", ".join(map(str, near[:1])), "body", points, dated=True)
        inside = [d for d in stated if early <= d <= c.end]
        if inside:
            ledger.add(
                "stated_date_within",
                ", ".join(str(d) for d in inside[:_MAX_STATED_DATES]),
                "body",
                {c.id: w["stated_date_within"] * min(len(inside), _MAX_STATED_DATES)},
                dated=True,
            )


def _file_year(ledger: _Ledger, candidates: dict[str, Candidate], year: int | None) -> None:
    """The year of the file name, for a text that states none: a little for the batches at work in that year
    (stationed, or giving feedback), a little against those begun after it."""
    if year is None:
        return
    w = EVIDENCE_WEIGHTS
    points: dict[str, float] = {}
    for c in candidates.values():
        if c.whole or c.start is None or c.end is None:
            continue
        if year in {c.start.year, c.end.year, c.feedback.year if c.feedback else None}:
            points[c.id] = w["file_year"]
        elif year < c.start.year:
            points[c.id] = w["file_year_before"]
    ledger.add("file_year", f"{year} (file name)", "date", points, dated=True)


_ANY_YEAR = 2000  # a leap year: stands for the unknown year of a day stated without one


def _unyeared_days(
    ledger: _Ledger, dated: list[Candidate], text: str, year_for: Callable[[int, int], int | None]
) -> None:
    """Stationing days stated without a year the article lets us tell: each candidate whose stationing, in
    its own year, spans the day gets points (an undated provincial page names the days, not the year)."""
    unknown = find_events(text, lambda month, day: _ANY_YEAR if year_for(month, day) is None else None)
    days = sorted(
        {
            (e.start.month, e.start.day)
            for e in unknown
            if e.kind == "stationed" and not e.month_only and e.start.year == _ANY_YEAR  # not "..., 2018"
        }
    )
    if not days:
        return
    points: dict[str, float] = {}
    for c in dated:
        if c.whole or c.start.year != c.end.year:
            continue
        early = c.start - dt.timedelta(days=_EARLY_DAYS)
        if any(
            (early.month, early.day) <= day <= (c.end.month, c.end.day) for day in days[:_MAX_STATED_DATES]
        ):
            points[c.id] = EVIDENCE_WEIGHTS["stated_day_unyeared"]
    if points:
        label = ", ".join(f"{month:02d}-{day:02d}" for month, day in days)
        ledger.add("stated_day_unyeared", label, "body", points, dated=True)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"\b(?P<en>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|(?:星期|周)(?P<zh>[一二三四五六日天])"
)
_FEEDBACK_WORDS = re.compile(r"\bfeedback\b|\bfed\s+back\b|反馈", re.IGNORECASE)


def _named_weekdays(text: str) -> set[int]:
    """The weekdays (0 = Monday) ``text`` names ("said on Tuesday", 周二)."""
    days = set()
    for match in _WEEKDAY.finditer(text):
        if match.group("en"):
            days.add(_WEEKDAYS.index(match.group("en").lower()))
        else:
            days.add("一二三四五六日天".index(match.group("zh")) if match.group("zh") != "天" else 6)
    return days


def _dateline_unyeared(
    ledger: _Ledger, candidates: dict[str, Candidate], day: tuple[int, int] | None, text: str
) -> None:
    """A dateline whose year the page does not tell: the batches stationed on that day of their own year
    (or, in an article on feedback, giving feedback within ten days of it) get points, and more when the
    weekday the text names is that day's or the day before's."""
    if day is None:
        return
    w = EVIDENCE_WEIGHTS
    weekdays = _named_weekdays(text)
    feedback = _FEEDBACK_WORDS.search(text) is not None
    by_kind: dict[str, dict[str, float]] = defaultdict(dict)
    for c in candidates.values():
        if c.whole or c.start is None or c.end is None:
            continue
        when = safe_date(c.start.year, *day)
        if when is None:
            continue
        if c.start - dt.timedelta(days=_EARLY_DAYS) <= when <= c.end:
            kind = "dateline_within_unyeared"
        elif feedback and c.feedback is not None and abs((when - c.feedback).days) <= _FEEDBACK_DAYS:
            kind = "dateline_feedback_unyeared"
        else:
            continue
        by_kind[kind][c.id] = w[kind]
        if {when.weekday(), (when - dt.timedelta(days=1)).weekday()} & weekdays:
            by_kind["weekday_fits"][c.id] = w["weekday_fits"]
    for kind, points in by_kind.items():
        ledger.add(kind, f"{day[0]:02d}-{day[1]:02d} (dateline, no year)", "date", points, dated=True)


def _named_for(
    best: str | None, segments: list[_Segment], candidates: dict[str, Candidate]
) -> tuple[list[str], list[str]]:
    """The provinces and enterprises the article names as inspected by ``best``: never reporting places or
    the sentences that speak only of other inspections, and, when the calendar knows what ``best``
    inspected, only those (a province of the pilot recalled in a first-batch article is not the batch's)."""
    provinces: list[str] = []
    enterprises: list[str] = []
    chosen = candidates.get(best) if best else None
    own = {best, *(chosen.members if chosen else ())} if best else set()
    for segment in segments:
        if segment.mentions and best and not (own & set(segment.supports)):
            continue
        clean = without_reporting_places(segment.text)
        provinces += find_provinces(clean)
        enterprises += find_enterprises(clean)
    if chosen is not None and chosen.provinces:
        provinces = [name for name in provinces if name in chosen.provinces]
    if chosen is not None and chosen.enterprises:
        enterprises = [name for name in enterprises if name in chosen.enterprises]
    return list(dict.fromkeys(provinces)), list(dict.fromkeys(enterprises))


def candidate_id(scope: InspectionScope) -> str | None:
    """The candidate id of a resolved scope: "r2b4", "pilot", "lb1", "r1" (a whole round), "lookback"."""
    if _complete(scope):
        return inspection_id(scope)
    if scope.phase == "lookback":
        return "lookback"
    return f"r{scope.round}" if scope.round and not scope.batch else None


def format_evidence(scope: InspectionScope, evidence: list[ScopeEvidence]) -> list[str]:
    """Lines explaining an article's inspection: each candidate's total, then each piece of evidence with
    the points it gave the chosen candidate (and the runners-up)."""
    totals: dict[str, float] = defaultdict(float)
    for item in evidence:
        for key, value in item.points.items():
            totals[key] += value
    if not totals:
        return ["no evidence on which inspection this is"]
    chosen = candidate_id(scope)
    ranked = sorted(totals.items(), key=lambda item: (item[0] != chosen, -item[1]))
    lines = ["scores: " + ", ".join(f"{key} {value:+.2f}" for key, value in ranked)]
    for item in evidence:
        points = ", ".join(f"{key} {value:+.2f}" for key, value in item.points.items())
        lines.append(f"{item.kind} ({item.where}) {item.text!r}: {points}")
    return lines


def recalls_earlier_work(text: str) -> bool:
    """Whether ``text`` recalls earlier work ("last year", 此前, 前两批): the places it names are past."""
    return bool(_BACKGROUND_CUE.search(fold(text)))


def team_count(text: str) -> int | None:
    """The number of inspection teams ``text`` states ("seven teams", "5 central inspection teams")."""
    return next((value for kind, value, _ in _counts(text) if kind == "teams"), None)
