"""Question analysis: what kind of answer is wanted, which inspection it is about, and which figure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from bot.engine.named import (
    fitting_inspections,
    inspection_months,
    inspection_order,
    inspection_years,
    places_of,
    provinces_counted,
    year_group,
    years_named,
)
from bot.engine.nationwide import asks_nationwide
from bot.engine.report_batches import without_report_batch
from bot.engine.whole_round import dates_the_round, whole_round
from bot.engine.words import content_terms, crude_stem, proper_names, stem
from index.facts.cumulative import is_anchor, is_cumulative
from index.facts.metrics import METRIC_BY_ID, METRICS, noun_class, word_set
from index.meta.dates import MONTH_RE, month_number
from index.meta.gazetteer import PROVINCES, find_enterprises, find_provinces
from index.meta.ordinals import ORDINAL_RE, ordinal_value
from index.meta.scopes import find_scopes, merge_scopes
from index.models import InspectionScope
from index.text.chinese import fold, has_chinese

if TYPE_CHECKING:
    from index.meta.calendar import Calendar

Kind = Literal["quantity", "list", "when", "who", "other"]

_QUANTITY = re.compile(
    r"\bhow (?:many|much)\b|\bnumber of\b"
    r"|\bwhat(?:'s|’s| (?:was|were|is|are)) the (?:[a-z-]+ ){0,2}?(?:total|number|amount|sum|size|fines?|"
    r"penalt(?:y|ies)|share|proportion|percentage|rate|count|figures?|tally)\b"
    r"|\btotal (?:number|amount|fines?)\b"
    r"|\bwhat (?:fines?|penalt\w*|amount|sums?)\b"
    r"|\bwhat (?:proportion|percentage|share|fraction|portion|percent)\b"
    r"|\bhow large\b|\bhow big\b|多少|金额|数量|人数|数目|总数|规模"
    r"|(?<!哪)几(?:[个家人起件名位批轮项宗]|十|百|千)",  # not 哪几家: which ones
    re.IGNORECASE,
)
_WHEN = re.compile(
    r"\bwhen\b|\bwhat (?:date|day|time|month|year)\b|\bon what date\b|\bhow long\b|\bwhich (?:date|day"
    r"|month|year)\b|\b(?:which|what) (?:days|dates)\b"  # "on which days was feedback given"
    r"|什么时候|什么时间|何时|哪天|哪一天|哪日|几月|几号|哪年|哪一年|日期|时间(?:是|为)|起止",
    re.IGNORECASE,
)
# "How long", "how many days": a duration is asked (answered with a "when" clause holding one).
DURATION_QUESTION = re.compile(
    r"\bhow long\b|\bhow many (?:days|weeks|months|years)\b|\bfor how long\b|多久|多长时间"
    r"|(?:多少|几)个?(?:工作日|自然日|天|日|星期|周|月|年)",
    re.IGNORECASE,
)
# "In what year would the reviews be held?", "哪一年开展": a sentence may state the year alone ("in 2022")
YEAR_QUESTION = re.compile(r"\b(?:what|which) year\b|哪一?年|何年", re.IGNORECASE)
TIME_UNIT = re.compile(r"^(?:day|week|month|year)s?$")  # what "how many working days" counts: a duration
_WHO = re.compile(
    r"^\s*who\b|\bwho (?:led|headed|wrote|reported|is|was|were|did)\b|\bwhose\b|\bwhich (?:person|official|"
    r"reporter|leader)\b|\bby whom\b|\bwhat (?:post|position|title|role|job)\b"
    r"|谁|哪位|组长|副组长|带队|职务|职位|身份",
    re.IGNORECASE,
)
# "宋秀岩是谁？", "翟青担任什么职务？": a Chinese question on a person the articles name, by name
_CHINESE_PERSON = re.compile(
    r"^\s*(?P<name>[\u4e00-\u9fff]{2,4}?)(?:同志)?"
    r"(?:是谁|是什么人|是哪位|是什么职务|担任什么|任什么|现任什么|的职务|的身份)"
)
_LIST = re.compile(
    r"\bwhich\b|\bwhat (?:provinces|regions|enterprises|companies|central enterprises|places)\b"
    r"|\bname (?:the|all)\b|\blist\b|\bwhere\b"
    r"|哪(?:些|几|个|一|里|[两二三四五六七八九十])|什么(?:省|地方|企业)|名单",
    re.IGNORECASE,
)
_LIST_PROVINCES = re.compile(r"provinc|\bregions?\b|municipalit|省|地区|自治区|直辖市|地方", re.IGNORECASE)
_LIST_ENTERPRISES = re.compile(r"enterprise|compan|\bfirms?\b|企业|央企|公司|集团", re.IGNORECASE)
_ASKED_AS_OF = re.compile(
    r"(?:截至|截止到?|到)\s*(?:(?P<year>(?:19|20)\d\d)年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日"
    rf"|\b(?:as of|by|up to|until|through)\s+(?P<month2>{MONTH_RE})\.?\s+(?P<day2>\d{{1,2}})"
    r"(?:st|nd|rd|th)?\b(?:,?\s+(?P<year2>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
# what a Chinese "how many" counts, by its counter or noun ("多少人", "几家企业", "多少件举报")
_CHINESE_COUNTED = re.compile(r"多少|(?<!哪)几(?=[个家人起件名位项宗督])")
_CHINESE_NOUNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("people", re.compile(r"^(?:[名位]|人|个?(?:干部|领导|官员|责任人|党政))")),
    ("enterprises", re.compile(r"^(?:家|个?(?:企业|公司|工厂|厂))")),
    ("teams", re.compile(r"^个?督察组")),
    ("provinces", re.compile(r"^个?(?:省|地区)")),
    ("reports", re.compile(r"^(?:[件起宗]?(?:群众)?(?:举报|信访|投诉|案件|问题线索)|[件起宗])")),
    ("issues", re.compile(r"^个?[\u4e00-\u9fff]{0,6}?问题(?!线索)")),  # "多少个责任追究问题"
)
# the second part of "how many companies were fined ..., and how much?": the money as well
_MONEY_PART = re.compile(
    r"\band\s+(?:for\s+)?how\s+much\b|\band\s+(?:what|how\s+large)\s+(?:was|were)\s+(?:the\s+)?"
    r"(?:amount|sum|total|fines?|penalt)|(?:，|,)\s*(?:共计?|合计)?(?:罚款|罚没)(?:金额)?(?:是|为)?多少",
    re.IGNORECASE,
)
_SHARE_PART = re.compile(
    r",?\s+and\s+what\s+(?:share|percentage|proportion|portion|fraction|part|percent)\b|[，,]\s*(?:占比|比例|完成率)",
    re.IGNORECASE,
)
_FINED_COUNT = re.compile(  # "how many cases were fined", "in how many cases were fines imposed"
    r"\bhow many\s+(?:[\w-]+\s+){0,3}?(?:were|was|have been|had been|got)\s+"
    r"(?:fined\b|fines?\s+(?:imposed|levied))",
    re.IGNORECASE,
)
_LIST_GROUPS = re.compile(r"\bgroups?\b", re.IGNORECASE)  # "which groups": enterprises, unless places asked
# HTML tags and Markdown emphasis a chat user may type around words
_MARKUP = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]{0,80})?>|(?<!\d)\*{1,2}|\*{1,2}(?!\d)|`+")
_HOW_MANY_NOUN = re.compile(
    r"\bhow many\s+((?:[a-z-]+\s+){0,3}?[a-z-]+)\s+(?:were|was|have|had|did|are|is|in|of|for"
    r"|from|has|got|been|do|does|must|can|could|will|would|should|shall|may|remain|remained)\b",
    re.IGNORECASE,
)
# "the first look-back batch" (index.meta.scopes reads "the first batch of the look-back")
# "which provinces did the third group inspect": in a question, a group (or set) of inspectors is a batch
_GROUP_BATCH = re.compile(rf"\bthe\s+({ORDINAL_RE})[\s-]+(?:group|set)\b(?!\s+of\b)", re.IGNORECASE)
_LOOKBACK_BATCH = re.compile(rf"\b({ORDINAL_RE})\s+[\"'“‘]?look[\s-]?back[\"'”’]?\s+batch\b", re.IGNORECASE)
MAX_MODIFIED_WORDS = 5  # "how many <up to four words> <noun>"
_PILOT = re.compile(r"\bpilot\b|试点", re.IGNORECASE)
_NOUN_WORD = re.compile(r"^(?:report|compla|petiti|calls|letter|tip-of|case|cases|clues)$")
_REPORT_FLOW = ("received", "accepted", "transferred", "closed")
_DOMAIN = re.compile(
    r"inspect|environment|ecolog|pollut|emission|report|complain|petition|\bcases?\b|\bfines?\b|penalt|punish|detain"
    r"|custody|interview|accountab|rectif|provinc|batch|round|\bteams?\b|enterprise|compan|pilot|look-?back|waste"
    r"|water|\bair\b|river|lake|\bmines?\b|mining|landfill|sewage|disciplin|ministry|supervis|yuan|officials|cadres"
    r"|mobili[sz]|督察|环保|生态|环境|整改|举报|罚款|拘留|问责|立案|处罚|约谈|污染|排放|企业|回头看|试点"
    r"|进驻|动员会|反馈|轮|批",
    re.IGNORECASE,
)
# Capitalised words that name no particular thing the evidence must mention.
_INSTITUTIONAL = frozenset(
    crude_stem(word)
    for word in word_set(
        """ministry ecology environment environmental protection party state council central committee
        government xinhua china chinese news daily people's online agency inspection inspections inspector
        inspectors team teams round batch look-back pilot corporation group company province region
        autonomous municipality english january february march april may june july august september october
        november december monday tuesday wednesday thursday friday saturday sunday"""
    )
)

# Words that place a question in the genre but say nothing about what is asked.
_GENERIC = frozenset(
    stem(word)
    for word in word_set(
        """public residents masses province provinces provincial region regions autonomous municipality
        municipalities china chinese
        national inspected inspecting inspector environment environmental ecology ecological team teams
        batch batches round rounds pilot look-back lookback central"""
    )
)


@dataclass(frozen=True)
class Question:
    """What a question asks: its kind, scope, the figure wanted and the words that matter."""

    text: str
    kind: Kind
    scope: InspectionScope = field(default_factory=InspectionScope)
    # the inspections the places, years or months named fit about equally well, with their calendar scores
    candidates: tuple[tuple[InspectionScope, float], ...] = ()
    year: int | None = None
    provinces: tuple[str, ...] = ()
    enterprises: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ()  # metric ids to report (families expanded)
    noun: str = ""  # noun class of the counted thing, if the question names one
    percent_of: tuple[str, ...] = ()  # for a percentage asked: the metrics it is a share of
    list_target: str | None = None  # "provinces" or "enterprises" for list questions
    terms: tuple[str, ...] = ()  # content-word stems
    specific: tuple[str, ...] = ()  # the terms that are not genre words or places
    topical: tuple[str, ...] = ()  # specific terms that are not the counted noun ("people", "cases")
    modifiers: tuple[str, ...] = ()  # the words before the counted noun ("gold" in "how many gold mines")
    counted: str = ""  # stem of the head of the counted noun phrase ("day" of "how many working days")
    on_topic: bool = True
    names: frozenset[str] = frozenset()  # stems of the proper names the question uses
    entities: frozenset[str] = frozenset()  # those that are not places, enterprises or institutions
    as_of: str = ""  # the day the figures are asked as of: "2019-08-15", or "-10-01" without a year


def specific_terms(terms: tuple[str, ...], provinces: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The terms that say what is asked: genre words and the places named dropped."""
    places = {stem(word) for place in provinces for word in place.split()}
    places.update(alias for place in provinces for alias in PROVINCES.get(place, ()) if has_chinese(alias))
    return tuple(t for t in terms if t not in _GENERIC and t not in places)


def group_batch(text: str) -> re.Match[str] | None:
    """Where ``text`` names a batch as a group ("the third group"), or None ("the Fourth Group", "the fourth
    group ... Hunan": a numbered team, no batch)."""
    group = _GROUP_BATCH.search(text)
    if group and ("Group" in group.group(0) or find_provinces(text)):
        return None
    return group


def _scope(text: str) -> InspectionScope:
    """The most specific inspection the question names (the first such mention)."""
    lookback = _LOOKBACK_BATCH.search(text)
    if lookback:
        return InspectionScope(batch=ordinal_value(lookback.group(1)), phase="lookback")
    mentions = find_scopes(text)
    if is_cumulative(text):  # "since the pilot": a running total, of no one inspection
        mentions = [m for m in mentions if not is_anchor(text, m)]
        if not mentions:
            return InspectionScope()
    scopes = [m.scope for m in mentions]
    if _PILOT.search(text) and not any(scope.phase == "pilot" for scope in scopes):
        scopes.append(InspectionScope(round=1, phase="pilot"))  # "the pilot": the genre has one
    group = group_batch(text)
    if group and not any(scope.batch is not None for scope in scopes):
        scopes.append(InspectionScope(batch=ordinal_value(group.group(1))))  # "the third group": a batch
    if not scopes:
        return InspectionScope()
    merged = merge_scopes(scopes)
    if merged is not None and merged.phase == "lookback" and merged.round is not None:
        # "第一轮督察和“回头看”": a round and the look-back after it (which belongs to no round), read as
        # the look-back that sentences naming both are filed under
        return InspectionScope(batch=merged.batch, phase="lookback")
    if merged is not None:  # "Round 3 / batch 3", "in round 3, ... in batch 3"
        return merged
    return max(
        mentions,
        key=lambda m: (sum(v is not None for v in (m.scope.round, m.scope.batch, m.scope.phase)), -m.start),
    ).scope


def person_asked(text: str) -> str:
    """The person a Chinese question asks about by name ("宋秀岩是谁？" -> "宋秀岩"), or ""."""
    found = _CHINESE_PERSON.match(fold(text))
    return found.group("name") if found else ""


def _modifiers(text: str) -> tuple[str, ...]:
    """The specific words that qualify the noun a "how many" question counts ("gold" in "gold mines")."""
    after = re.search(r"\bhow many\s+(.*)", text, re.IGNORECASE)
    if not after:
        return ()
    words = re.findall(r"[A-Za-z][\w'-]*", after.group(1))[:MAX_MODIFIED_WORDS]
    head = next((i for i, word in enumerate(words) if noun_class(word)), None)
    return specific_terms(content_terms(" ".join(words[:head]))) if head else ()


def _counted(text: str) -> str:
    """The stem of the head of the noun a "how many" question counts, or ""."""
    named = _HOW_MANY_NOUN.search(text)
    words = re.findall(r"[A-Za-z]+", named.group(1)) if named else []
    return stem(words[-1]) if words else ""


def asked_as_of(text: str) -> str:
    """The day a question asks the figures as of ("截至2019年8月15日", "as of October 1", "by August 15,
    2019"): "2019-08-15", "-10-01" when it names no year, "" when it names none."""
    found = _ASKED_AS_OF.search(text)
    if found is None:
        return ""
    year = found.group("year") or found.group("year2") or ""
    month = int(found.group("month")) if found.group("month") else month_number(found.group("month2"))
    day = int(found.group("day") or found.group("day2"))
    return f"{year}-{month:02d}-{day:02d}"


def _chinese_noun(text: str) -> str:
    """The noun class a Chinese "how many" counts ("多少人": people, "几家": enterprises), or ""."""
    counted = _CHINESE_COUNTED.search(text)
    if counted is None:
        return ""
    after = text[counted.start() + 2 :].lstrip()
    return next((noun for noun, pattern in _CHINESE_NOUNS if pattern.match(after)), "")


def _metrics(text: str) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """Metric ids the question asks for, the noun class it counts, and what a percentage asked is of."""
    named = _HOW_MANY_NOUN.search(text)
    noun = noun_class(named.group(1)) if named else _chinese_noun(text)
    matched = [m.id for m in METRICS if m.noun_metric is None and m.question.search(text)]
    if (
        "fine" in matched
        and "punishment" in matched
        and not re.search(r"\bcases?\b|\bhow many\b", text, re.I)
    ):
        matched.remove("punishment")
    counted = noun in ("enterprises", "units") or (noun == "reports" and bool(_FINED_COUNT.search(text)))
    if "fine" in matched and counted:
        # "how many enterprises were fined", "in how many cases were fines imposed": a count of those
        # punished, not the money (unless ", and how much?" asks that too)
        money = ["fine"] if _MONEY_PART.search(text) else []
        matched = [m for m in matched if m != "fine"] + ([] if "punishment" in matched else ["punishment"])
        matched += money
    if "fine" in matched and noun != "reports":  # "money collected in fines" is not reports received
        matched = [m for m in matched if m not in _REPORT_FLOW]
    if "police" in matched:  # "handed over to the police": not reports passed on to the localities
        matched = [m for m in matched if m != "transferred"]
    if "investigated" in matched:
        matched = [m for m in matched if m not in ("closed", "investigation")]
    if "investigation" in matched and "detained" in matched and not re.search(r"侦查|investigat", text, re.I):
        matched.remove("investigation")  # "行政和刑事拘留": criminal detention, not criminal cases
    if "received" in matched and "accepted" in matched and not re.search(r"\baccept|\bvalid", text, re.I):
        matched.remove("accepted")
    if (
        "accountable" in matched
        and re.search(r"\bresponsible\b", text, re.I)
        and not re.search(r"\bheld\b|\bhold\b|\bhow many\b", text, re.I)
    ):
        matched.remove("accountable")
    if noun == "issues" and "transferred" in matched:
        # "移交了多少个责任追究问题": issues handed over are counted as issues, not reports or people
        matched = [m for m in matched if m not in ("transferred", "accountable")]
    if "punishment" in matched and noun == "people":  # "officials punished": held accountable
        matched = [m for m in matched if m != "punishment"] + ["accountable"] * ("accountable" not in matched)
    specific = [m for m in matched if not METRIC_BY_ID[m].members]
    families = [m for m in matched if METRIC_BY_ID[m].members]
    metrics: list[str] = list(specific)
    for family in families:
        members = METRIC_BY_ID[family].members
        if not any(member in specific for member in members):
            metrics.extend(member for member in members if member not in metrics)
    bare = not [t for t in specific_terms(content_terms(text)) if not _NOUN_WORD.match(t)]
    if not metrics and noun == "reports" and bare:  # "how many reports were there": received; cases: filed
        cases = named is not None and re.search(r"\bcases?$", named.group(1), re.IGNORECASE)
        metrics = list(METRIC_BY_ID["filed"].members) if cases else ["received"]
    if not metrics:
        by_noun = [m.id for m in METRICS if m.noun_metric and m.noun_metric == noun]
        if not by_noun and not _counted(text):  # "how many working days ...": not the provinces named
            by_noun = [m.id for m in METRICS if m.noun_metric and m.question.search(text)][:1]
        metrics = by_noun
    share = _SHARE_PART.search(text)  # "how many tasks were set, and what share was done": both figures
    first_part = _metrics(text[: share.start()])[0] if share and "percent" in metrics else ()
    if first_part and all(METRIC_BY_ID[m].unit != "percent" for m in first_part):
        return (*first_part, "percent"), noun, ()
    rates = tuple(m for m in metrics if m != "percent" and METRIC_BY_ID[m].unit == "percent")
    if rates:  # "the rectification rate", "整改完成率", "PM2.5浓度": a percentage of that kind
        return rates, noun, ()
    if "percent" in metrics and len(metrics) > 1:  # "what share of reports were closed": a percentage
        return ("percent",), noun, tuple(m for m in metrics if m != "percent")
    return tuple(metrics), noun, ()


def _kind(text: str) -> Kind:
    if DURATION_QUESTION.search(text):
        return "when"
    if _QUANTITY.search(text):
        return "quantity"
    if _WHEN.search(text):
        return "when"
    if _WHO.search(text):
        return "who"
    if _LIST.search(text):
        return "list"
    return "other"


def analyse(text: str, calendar: Calendar | None = None) -> Question:
    """Analyse one question; with a ``calendar``, the provinces, enterprises, years and months it names
    pick out the inspections it means (one: its scope; several: its candidates, answered per inspection)."""
    text = _MARKUP.sub(" ", text)  # "<b>How many</b> *reports*": read as the words the user meant
    text = fold(" ".join(text.split()))  # traditional characters and full-width digits matched as simplified
    kind = _kind(text)
    scope = without_report_batch(text, _scope(text), calendar)  # "第八批群众举报" is no inspection's batch
    provinces = named_provinces = tuple(find_provinces(text))
    enterprises = named_enterprises = tuple(find_enterprises(text))
    years = years_named(text)
    year = years[0] if years else None
    dating = inspection_years(text)  # "the 2016 inspection", not "air quality in 2024"
    fitting = (
        fitting_inspections(
            calendar, scope, provinces, enterprises, dating, inspection_months(text), inspection_order(text)
        )
        if calendar is not None
        else ()
    )
    if calendar is not None and scope == InspectionScope():  # "the 2016 inspections of 15 provincial areas"
        fitting = year_group(calendar, dating, provinces, provinces_counted(text)) or fitting
    whole = whole_round(calendar, text, scope) if calendar is not None else None
    if whole is not None:  # "the inspections of 2016 and 2017 that covered all 31 provinces": the round
        scope, fitting, year = whole, (), None
    elif asks_nationwide(text) and not (provinces or enterprises):  # "nationwide in 2016": no one batch
        fitting = ()
    if calendar is not None and dates_the_round(calendar, scope, text):  # "the first round, 2016 to 2017"
        year = None
    on_topic = bool(
        _DOMAIN.search(text)
        or provinces
        or enterprises
        or scope != InspectionScope()
        or _CHINESE_PERSON.match(text)
    )
    if calendar is not None and places_of(calendar, scope, provinces):
        provinces = ()
    if fitting:
        scope = fitting[0][0] if len(fitting) == 1 else scope
        year = None if dating else year  # it dated the inspection: its later articles are about it too
        # several places or enterprises name the inspection; one is the part of it asked about
        provinces = provinces if len(provinces) == 1 else ()
        enterprises = enterprises if len(enterprises) == 1 else ()
    metrics, noun, percent_of = _metrics(text) if kind == "quantity" else ((), "", ())
    list_target = None
    if kind == "list":
        if _LIST_ENTERPRISES.search(text) or (_LIST_GROUPS.search(text) and not _LIST_PROVINCES.search(text)):
            list_target = "enterprises"  # "which provinces did the third group inspect": provinces
        elif _LIST_PROVINCES.search(text):
            list_target = "provinces"
        else:
            kind = "other"
    terms = content_terms(text)
    specific = specific_terms(terms, named_provinces)
    names = proper_names(text)
    nouns = {stem(word) for word in re.findall(r"[A-Za-z]+", text) if noun_class(word)}
    return Question(
        text=text,
        kind=kind,
        scope=scope,
        candidates=fitting if len(fitting) > 1 else (),
        year=year,
        provinces=provinces,
        enterprises=enterprises,
        metrics=metrics,
        noun=noun,
        percent_of=percent_of,
        list_target=list_target,
        terms=terms,
        specific=specific,
        topical=tuple(t for t in specific if t not in nouns),
        modifiers=_modifiers(text) if kind == "quantity" else (),
        counted=_counted(text) if kind == "quantity" else "",
        on_topic=on_topic or bool(metrics),
        names=names,
        entities=names
        - _INSTITUTIONAL
        - {stem(w) for name in named_provinces + named_enterprises for w in name.split()},
        as_of=asked_as_of(text) if kind == "quantity" else "",
    )
