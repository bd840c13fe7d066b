"""What a figure question asks beyond the genre's metrics, and whether a figure of a sentence is that one.

Provincial portals and the Ministry's releases report figures no metric names ("建成投运污水处理厂102座",
"改造雨污分流管网79公里"), lists of per-city entries ("其中太原市13件、大同市13件"), counts by outcome
("属实440件，部分属实779件，不属实100件") and numbered batches of public reports handed over
("第八批群众举报").
A question asks for one of them by:

- the counted thing: its head noun and the words before it ("多少座污水处理厂", "how many sewage treatment
  plants"), and the unit or counter asked ("多少公里", "how many hectares");
- a city (``index.meta.cities``): the figure whose nearest city before it in its sentence is that one;
- an outcome (``OUTCOMES``): the figure its own words give that outcome ("属实" is not "不属实");
- a batch of reports: the figure in a paragraph (else an article titled) on that batch, never another's.

English words reach the Chinese ones through ``bot.engine.glossary``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bot.engine.evidence import DocumentView
from bot.engine.glossary import chinese_for
from bot.engine.question import Question
from bot.engine.words import STOPWORDS, content_terms, stem
from index.facts.chinese_numbers import numeral_value
from index.facts.figures import FigureFact
from index.facts.metrics import METRIC_BY_ID, word_set
from index.meta.cities import CITY_NAMES
from index.meta.ordinals import ORDINAL_RE, ordinal_value
from index.text.chinese import fold, has_chinese

# An outcome of the reports handled, in Chinese and English (an alternation: the first that fits at a place
# wins, so 不属实 and 部分属实 are never 属实, "not true" never "true").
OUTCOMES: dict[str, str] = {
    "partly_true": r"部分属实|\bpart(?:ly|ially)\s+(?:found\s+)?(?:true|verified|substantiated)\b",
    "basically_true": r"基本属实"
    r"|\b(?:basically|largely|mostly)\s+(?:found\s+)?(?:true|verified|substantiated)\b",
    "untrue": r"不属实|\buntrue\b|\bnot\s+(?:found\s+)?(?:true|verified|substantiated)\b|\bfalse\b"
    r"|\bunfounded\b|\bgroundless\b|\bunsubstantiated\b",
    "closed_in_part": r"阶段性办结|\b(?:partly|partially|provisionally)\s+(?:closed|settled|resolved)\b"
    r"|\bclosed\s+in\s+part\b",
    "in_progress": r"正在办理|办理中"
    r"|\bstill\s+being\s+(?:handled|processed|dealt\s+with)\b|\bin\s+progress\b",
    "true": r"属实|\b(?:true|verified|substantiated|well-founded)\b",
}
_JOINED = re.compile(r"(?:\b(?:or|and)\s+|[或和及与、])$", re.IGNORECASE)
_OUTCOME = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in OUTCOMES.items()), re.I)

_CN_NUM = r"[0-9一二三四五六七八九十百两]+"
_REPORT_WORDS_ZH = r"群众|信访|举报|交办|转办|移交|转交|来信|来电"
# a numbered batch of public reports: 第八批群众信访举报, 转办第八批, 前二十三批累计转交, "the eighth batch
# of public reports", "the first 23 batches of complaints" (never an inspection's batch)
_REPORT_BATCH = re.compile(
    rf"(?P<zh>前|第)(?P<n>{_CN_NUM})批(?=[^，。；,;]{{0,6}}?(?:{_REPORT_WORDS_ZH}))"
    rf"|(?:{_REPORT_WORDS_ZH})的?第(?P<n2>{_CN_NUM})批"
    rf"|\b(?P<first>first\s+)?(?P<ord>{ORDINAL_RE}|\d+)\s+batch(?:es)?\s+of\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:reports|complaints|petitions|tip-offs|cases|clues|letters)\b",
    re.IGNORECASE,
)

# a measure or counter asked: "多少公里", "how many hectares" -> the units a figure may be written in
_UNITS_ASKED: dict[str, frozenset[str]] = {
    **dict.fromkeys(("公里", "千米", "km", "kilome"), frozenset({"km", "kilometres", "kilometers"})),
    **dict.fromkeys(("平方公里",), frozenset({"square kilometres", "square kilometers"})),
    **dict.fromkeys(("公顷", "hectar"), frozenset({"hectares"})),
    **dict.fromkeys(("亩", "万亩", "mu"), frozenset({"mu"})),
    **dict.fromkeys(("吨", "万吨", "ton", "tonne"), frozenset({"tonnes", "tons"})),
    # counters of facilities and sites, of reports, of tasks: one of a kind stands for the others
    **dict.fromkeys(("座", "个", "处", "家"), frozenset({"座", "个", "处", "家", ""})),
    **dict.fromkeys(("件", "起", "宗"), frozenset({"件", "起", "宗", ""})),
    **dict.fromkeys(("项", "条"), frozenset({"项", "条", "个", ""})),
}
_ZH_ASKED = re.compile(
    r"多少(?P<unit>平方公里|公里|千米|万亩|亩|公顷|万吨|吨|座|个|处|家|件|起|宗|项|条)?"
    r"(?P<noun>[\u4e00-\u9fff]{2,10})?"
)
_ZH_TRAILING = re.compile(r"(?:了|呢|啊|吗|被|已|得到|完成|整改|办结|属实)+$")
_EN_ASKED = re.compile(
    r"\bhow\s+(?:many|much)\s+(?:(?P<unit>square\s+kilomet\w*|kilomet\w*|km|hectares?|mu|tonnes?|tons?)"
    r"\b(?!\s+of\b)|(?P<measure>square\s+kilomet\w*|kilomet\w*|km|hectares?|mu|tonnes?|tons?)\s+of"
    r"|(?:of\s+(?:the\s+)?)?)\s*(?!(?:did|do|does|has|have|had|were|was|are|is)\b)"
    r"(?P<noun>(?:[a-z-]+\s+){0,4}?[a-z-]+?)?"
    r"(?=\s+(?:did|do|does|has|have|had|were|was|are|is|in|at|for|from|by|that|which|to|on)\b|\s*[?,.]|$)",
    re.IGNORECASE,
)
_NOUN_FILLER = word_set("and or of the a an public mass its their")
# the words of the genre a free figure's thing is not said by ("how many were ..."): asked by the metrics
_NOT_THINGS = word_set("people person persons official officials time times")
# words of a question that say nothing of the thing ("regreened along the Yangtze")
_NO_THING = word_set("along around near beside within altogether overall total")


@cache
def _cities() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern of every city name, and each name's city (its first name)."""
    canonical = {name: names[0] for cities in CITY_NAMES.values() for names in cities for name in names}
    names = sorted(canonical, key=len, reverse=True)
    pattern = "|".join(rf"\b{re.escape(n)}\b" if n.isascii() else re.escape(n) for n in names)
    return re.compile(pattern), canonical


def city_named(text: str) -> str | None:
    """The first city ``text`` names (as its first name: "Taiyuan" for 太原市), or None."""
    pattern, canonical = _cities()
    found = pattern.search(fold(text))
    return canonical[found.group(0)] if found else None


def _city_before(text: str) -> str | None:
    pattern, canonical = _cities()
    found = list(pattern.finditer(text))
    return canonical[found[-1].group(0)] if found else None


def outcome_in(text: str) -> str | None:
    """The outcome ``text`` names last (the one nearest a figure after it), or None; none for one joined to
    another way of saying the figure ("closed or partly closed", 属实和基本属实: their sum)."""
    folded = fold(text)
    found = list(_OUTCOME.finditer(folded))
    if not found or _JOINED.search(folded, 0, found[-1].start()):
        return None
    return found[-1].lastgroup


def _batch_value(match: re.Match[str]) -> tuple[str, int] | None:
    if match.group("ord"):
        n = ordinal_value(match.group("ord"))
        return (("first" if match.group("first") else "one", n)) if n else None
    number = match.group("n") or match.group("n2")
    value = numeral_value(number)
    return (("first" if match.group("zh") == "前" else "one"), int(value)) if value else None


def report_batches(text: str) -> list[tuple[str, int]]:
    """The batches of public reports ``text`` names: ("one", 8) for 第八批, ("first", 23) for 前二十三批."""
    return [v for m in _REPORT_BATCH.finditer(fold(text)) if (v := _batch_value(m)) is not None]


@dataclass(frozen=True)
class Asked:
    """What a figure question asks that the genre's metrics do not say."""

    head: tuple[str, ...] = ()  # the words that say the counted thing's head (any one of them)
    things: tuple[tuple[str, ...], ...] = ()  # the other words of it, each as its spellings
    units: frozenset[str] = frozenset()  # the units or counters a fitting figure is written in
    city: str | None = None
    outcome: str | None = None
    batch: tuple[str, int] | None = None  # a batch of public reports

    @property
    def constrained(self) -> bool:
        """True when a figure of the asked metric must also be the city's, the outcome's or the batch's."""
        return bool(self.city or self.outcome or self.batch)

    @property
    def free(self) -> bool:
        """True when the question names something a figure can be found by without a metric."""
        return self.constrained or bool(self.head or self.units)


def _spellings(term: str) -> tuple[str, ...]:
    return (term, *chinese_for(term))


def asked_of(question: Question) -> Asked:
    """What ``question`` asks beyond its metrics (nothing for a question that is not a quantity one)."""
    if question.kind != "quantity":
        return Asked()
    text = fold(question.text)
    city = city_named(text)
    outcome = outcome_in(text)
    batches = report_batches(text)
    head: tuple[str, ...] = ()
    units: frozenset[str] = frozenset()
    noun_terms: list[str] = []
    if has_chinese(text):
        found = _ZH_ASKED.search(text)
        if found is not None:
            units = _UNITS_ASKED.get(found.group("unit") or "", frozenset())
            noun = _ZH_TRAILING.sub("", found.group("noun") or "")
            head = (noun,) if len(noun) >= 2 else ()
    else:
        found = _EN_ASKED.search(text)
        if found is not None:
            unit = found.group("unit") or found.group("measure")
            units = _UNITS_ASKED.get(stem(unit.split()[-1]), frozenset()) if unit else frozenset()
            if unit and unit.lower().startswith("square"):
                units = _UNITS_ASKED["平方公里"]
            words = [w for w in re.findall(r"[a-z-]+", (found.group("noun") or "").lower())]
            words = [w for w in words if w not in _NOUN_FILLER and w not in STOPWORDS]
            if words and words[-1] not in _NOT_THINGS:
                head = _spellings(stem(words[-1]))
                noun_terms = [stem(w) for w in words[:-1]]
    place_words = {stem(w) for w in (city or "").split()} | {fold(n) for n in _city_names(city)}
    unit_words = {"公里", "千米", "平方公里", "亩", "万亩", "公顷", "吨", "kilome", "hectar", "mu", "tonne"}
    skipped = place_words | unit_words | {stem(w) for w in _NOT_THINGS | _NO_THING}
    # (a batch's words are no thing: jieba reads 第九批转办 as 批转)
    rest = [t for t in question.specific if t not in skipped and not _OUTCOME.fullmatch(t) and "批" not in t]
    if not head and not has_chinese(text) and units:
        noun_terms = rest  # "how many hectares were regreened": the verb says the thing
    elif has_chinese(text) and not head and rest and (units or not question.metrics):
        head, rest = (rest[-1],), rest[:-1]  # "改造雨污分流管网多少公里": the last word before it
    terms = noun_terms if not has_chinese(text) else [t for t in rest if not head or t not in head[0]]
    return Asked(
        head=head,
        things=tuple(_spellings(t) for t in terms),
        units=units,
        city=city,
        outcome=outcome,
        batch=batches[0] if batches else None,
    )


def _city_names(city: str | None) -> tuple[str, ...]:
    if city is None:
        return ()
    return next((names for cities in CITY_NAMES.values() for names in cities if names[0] == city), ())


def _has(spellings: tuple[str, ...], folded: str, terms: frozenset[str]) -> bool:
    return any(
        s in terms or (not s.isascii() and s in folded) or (len(s) > 3 and s in folded) for s in spellings
    )


def _paragraph_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


def batch_at(view: DocumentView, position: int) -> tuple[str, int] | None:
    """The batch of reports a figure at ``position`` is of: the last its paragraph names before it, else
    the one the article's title names, else the last one named before it."""
    text = view.text
    here = report_batches(text[_paragraph_start(text, position) : position])
    if here:
        return here[-1]
    titled = report_batches(view.document.meta.title or "")
    if titled:
        return titled[0]
    before = report_batches(text[:position])
    return before[-1] if before else None


def fits(asked: Asked, view: DocumentView, i: int, fact: FigureFact) -> bool:
    """True when the figure is the asked city's (the nearest city before it in its sentence), of the asked
    outcome (its own words) and of the asked batch of reports; a figure of an outcome never stands for all."""
    start = view.document.sentences[i][0]
    at = fact.figure.start
    if asked.city and _city_before(fold(view.text[start:at])) != asked.city:
        return False
    if outcome_in(view.text[fact.own[0] : at]) != asked.outcome:
        return False
    return not asked.batch or batch_at(view, at) == asked.batch


def _unit_of(fact: FigureFact) -> str:
    return fact.figure.unit or fact.figure.counter or ""


def thing_fit(asked: Asked, view: DocumentView, i: int, fact: FigureFact) -> int | None:
    """How many of the asked thing's words the figure's own words (or, for a bare entry of a list such as
    "太原市13件", its sentence and the one before) say, or None when the figure is not the asked thing: the
    head unnamed, fewer than half of the other words, or another unit."""
    if asked.units and _unit_of(fact) not in asked.units:
        return None
    if not asked.units and fact.figure.unit in ("percent", "yuan") and not asked.head:
        return None
    own = view.text[fact.own[0] : fact.own[1]]
    names = {stem(w) for w in (asked.city or "").split()} | set(_city_names(asked.city))
    if asked.constrained or not set(content_terms(own)) - names:  # a list's entry: its lead says what
        own = view.text[view.document.sentences[max(i - 1, 0)][0] : fact.own[1]]
    folded = fold(own)
    terms = frozenset(content_terms(own))
    if asked.head and not _has(asked.head, folded, terms):
        return None
    said = sum(1 for spellings in asked.things if _has(spellings, folded, terms))
    if 2 * said < len(asked.things):
        return None
    return said + (1 if asked.head else 0)


def real_metrics(question: Question) -> tuple[str, ...]:
    """The question's metrics that a cue says (not a noun alone: "plants" asks no metric)."""
    return tuple(m for m in question.metrics if METRIC_BY_ID[m].noun_metric is None)


def names_head(asked: Asked, text: str) -> bool:
    """True when ``text`` names the head of the asked thing ("垃圾焚烧厂" is not said by a sewage works')."""
    return _has(asked.head, fold(text), frozenset(content_terms(text)))


def glossed_names(question: Question, asked: Asked) -> frozenset[str]:
    """The names of ``question`` (``Question.entities``) a sentence may say in the other language: the
    city asked and the names the glossary knows ("Yangtze")."""
    city = {stem(word) for word in (asked.city or "").split()}
    return frozenset(name for name in question.entities if name in city or chinese_for(name))


def names_in(view: DocumentView, names: frozenset[str]) -> bool:
    """True when the article of ``view`` says each of ``names`` in either language (a city asked is
    checked figure by figure, by ``fits``)."""
    folded = fold(view.text)
    return all(
        name in view.terms or any(z in folded for z in chinese_for(name))
        for name in names
        if chinese_for(name)
    )
