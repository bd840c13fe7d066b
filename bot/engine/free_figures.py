"""What a figure question asks beyond the genre's metrics, and whether a figure of a sentence is that one.

Provincial portals and the Ministry's releases report figures no metric names ("建成投运污水处理厂102座",
"改造雨污分流管网79公里"), lists of per-city entries ("其中太原市13件、大同市13件"), counts by outcome
("属实440件，部分属实779件，不属实100件") and numbered batches of public reports handed over
("第八批群众举报").
A question asks for one of them by:

- the counted thing: its head noun and the words before it ("多少座污水处理厂", "how many sewage treatment
  plants"), and the unit or counter asked ("多少公里", "how many hectares");
- a city (``index.meta.cities``): the figure its sentence gives to that city (``city_of``);
- an outcome (``OUTCOMES``): the figure its own words give that outcome ("属实" is not "不属实");
- a batch of reports: the figure after a mention of that batch (else in a page titled so), never another's.

English words reach the Chinese ones through ``bot.engine.glossary``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bot.engine.chinese_words import plain
from bot.engine.evidence import DocumentView
from bot.engine.glossary import chinese_for
from bot.engine.question import Question
from bot.engine.report_batches import Batch, asked_batch, report_batches
from bot.engine.words import STOPWORDS, content_terms, stem
from index.facts.figures import FigureFact
from index.facts.metrics import METRIC_BY_ID, word_set
from index.meta.cities import CITY_NAMES
from index.meta.patterns import phrase_alternation
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

# a measure or counter asked: "多少公里", "how many hectares" -> the units a figure may be written in
_UNITS_ASKED: dict[str, frozenset[str]] = {
    **dict.fromkeys(("公里", "千米", "km", "kilome"), frozenset({"km", "kilometres", "kilometers"})),
    **dict.fromkeys(("平方公里",), frozenset({"square kilometres", "square kilometers"})),
    **dict.fromkeys(("公顷", "hectar"), frozenset({"hectares"})),
    **dict.fromkeys(("亩", "万亩", "mu"), frozenset({"mu"})),
    **dict.fromkeys(("吨", "万吨", "ton", "tonne", "tonn"), frozenset({"tonnes", "tons"})),
    # counters of facilities and sites, of reports, of tasks: one of a kind stands for the others
    **dict.fromkeys(("座", "个", "处", "家"), frozenset({"座", "个", "处", "家", ""})),
    **dict.fromkeys(("件", "起", "宗"), frozenset({"件", "起", "宗", ""})),
    **dict.fromkeys(("项", "条"), frozenset({"项", "条", "个", ""})),
}
_ZH_ASKED = re.compile(
    r"多少(?P<unit>平方公里|公里|千米|万亩|亩|公顷|万吨|吨|座|个|处|家|件|起|宗|项|条)?"
    r"(?P<noun>[\u4e00-\u9fffA-Za-z0-9]{2,24})?"
)
_ZH_TRAILING = re.compile(r"(?:了|呢|啊|吗|被|已|得到|完成|整改|办结|属实)+$")
_EN_UNIT = r"square\s+kilomet\w*|kilomet\w*|km|hectares?|mu|tonnes?|tons?"
_PER_DAY = r"(?:\s+(?:per|a)\s+day)?"
_EN_ASKED = re.compile(
    rf"\bhow\s+(?:many|much)\s+(?:(?P<unit>{_EN_UNIT})\b(?!{_PER_DAY}\s+of\b)"
    rf"|(?P<measure>{_EN_UNIT}){_PER_DAY}\s+of"
    r"|(?:of\s+(?:the\s+)?)?)\s*(?!(?:did|do|does|has|have|had|were|was|are|is)\b)"
    r"(?P<noun>(?:[a-z-]+\s+){0,4}?[a-z-]+?)?"
    r"(?=\s+(?:did|do|does|has|have|had|were|was|are|is|in|at|for|from|by|that|which|to|on|with|under"
    r"|along|[a-z]+ing)\b|\s*[?,.]|$)",
    re.IGNORECASE,
)
_NOUN_FILLER = word_set("and or of the a an public mass its their")
_UNIT_WORDS = word_set("公里 千米 平方公里 亩 万亩 公顷 吨 kilome hectar mu tonne tonn")
# a question asking a rate or share (a percentage metric is then asked)
_RATE = re.compile(
    r"\bpercent|\bper cent\b|%|\brate\b|\bshare\b|\bproportion\b|\bratio\b|率|比例|占比|比重|百分|"
    r"\b(?:fall|fell|drop|rise|rose|improv|declin|increas|decreas|reduc|chang)\w*|下降|上升|提高|降低|改善|减少|增加|变化",
    re.IGNORECASE,
)
# the words of the genre a free figure's thing is not said by ("how many were ..."): asked by the metrics
_NOT_THINGS = word_set("people person persons official officials time times")
# words of a question that say nothing of the thing ("regreened along the Yangtze")
_NO_THING = word_set("along around near beside within altogether overall total")


# a city's name going on as a company's ("Baotou Aluminum", "Taiyuan Iron and Steel", 太原钢铁)
_NAME_GOES_ON = re.compile(
    r"\s+(?!City\b|Municipality\b|Prefecture\b)[A-Z]|(?:市)?(?:钢铁|铝业|集团|公司|有限|股份|煤业|化工|电力|矿业)"
)


@cache
def _cities() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern of every city name, and each name's city (its first name)."""
    canonical = {name: names[0] for cities in CITY_NAMES.values() for names in cities for name in names}
    latin = phrase_alternation(n for n in canonical if n.isascii())  # as whole words
    chinese = phrase_alternation(n for n in canonical if not n.isascii())
    return re.compile(rf"(?<!\w){latin}(?!\w)|{chinese}"), canonical


def city_named(text: str) -> str | None:
    """The first city ``text`` names (as its first name: "Taiyuan" for 太原市), or None; never one that
    begins a company's name ("Baotou Aluminum", 太原钢铁集团)."""
    pattern, canonical = _cities()
    folded = plain(text)
    for found in pattern.finditer(folded):
        if not _NAME_GOES_ON.match(folded, found.end()):
            return canonical[found.group(0)]
    return None


def _city_before(text: str) -> str | None:
    pattern, canonical = _cities()
    found = list(pattern.finditer(text))
    return canonical[found[-1].group(0)] if found else None


def outcome_in(text: str) -> str | None:
    """The outcome ``text`` names last (the one nearest a figure after it), or None; none for one joined to
    another way of saying the figure ("closed or partly closed", 属实和基本属实: their sum)."""
    folded = plain(text)
    found = list(_OUTCOME.finditer(folded))
    if not found or _JOINED.search(folded, 0, found[-1].start()):
        return None
    return found[-1].lastgroup


@dataclass(frozen=True)
class Asked:
    """What a figure question asks that the genre's metrics do not say."""

    head: tuple[str, ...] = ()  # the words that say the counted thing's head (any one of them)
    things: tuple[tuple[str, ...], ...] = ()  # the other words of it, each as its spellings
    # the words that qualify the counted noun of "how many ..." (``Question.modifiers``: "hydropower" in
    # "how many hydropower projects"), each as its spellings: a figure of the thing must say every one
    qualifiers: tuple[tuple[str, ...], ...] = ()
    units: frozenset[str] = frozenset()  # the units or counters a fitting figure is written in
    city: str | None = None
    outcome: str | None = None
    batch: Batch | None = None  # a batch of public reports

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


def _zh_head(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The head noun a Chinese question counts (after 多少 and its counter; "一级A排放标准的污水处理厂": the
    noun after the last 的) and the units of its counter."""
    found = _ZH_ASKED.search(text)
    if found is None:
        return (), frozenset()
    noun = _ZH_TRAILING.sub("", (found.group("noun") or "").split("的")[-1])
    head = (noun,) if len(noun) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", noun) else ()
    return head, _UNITS_ASKED.get(found.group("unit") or "", frozenset())


def _en_head(text: str) -> tuple[tuple[str, ...], list[str], frozenset[str]]:
    """The head noun an English question counts ("sewage treatment plants", "kilometres of ... pipes") with
    its spellings, the stems of the words before it, and the units asked."""
    found = _EN_ASKED.search(text)
    if found is None:
        return (), [], frozenset()
    unit = found.group("unit") or found.group("measure")
    units = _UNITS_ASKED.get(stem(unit.split()[-1]), frozenset()) if unit else frozenset()
    if unit and unit.lower().startswith("square"):
        units = _UNITS_ASKED["平方公里"]
    words = re.findall(r"[a-z-]+", (found.group("noun") or "").lower())
    words = [w for w in words if w not in _NOUN_FILLER and w not in STOPWORDS]
    if not words or words[-1] in _NOT_THINGS:
        return (), [], units
    return _spellings(stem(words[-1])), [stem(w) for w in words[:-1]], units


def asked_of(question: Question) -> Asked:
    """What ``question`` asks beyond its metrics (nothing for a question that is not a quantity one)."""
    if question.kind != "quantity":
        return Asked()
    text = fold(question.text)
    city = city_named(text)
    chinese = has_chinese(text)
    qualifiers: tuple[tuple[str, ...], ...] = ()
    if chinese:
        head, units = _zh_head(text)
        noun_terms: list[str] = []
    else:
        head, noun_terms, units = _en_head(text)
    place_words = {stem(w) for w in (city or "").split()} | {fold(n) for n in _city_names(city)}
    skipped = place_words | _UNIT_WORDS | {stem(w) for w in _NOT_THINGS | _NO_THING}
    # (a batch's words are no thing: jieba reads 第九批转办 as 批转)
    rest = [t for t in question.specific if t not in skipped and not _OUTCOME.fullmatch(t) and "批" not in t]
    if not chinese:
        terms = noun_terms or (rest if units and not head else [])  # "how many hectares were regreened"
        qualifiers = tuple(_spellings(m) for m in question.modifiers if m not in skipped)
    else:
        if not head and rest and (units or not question.metrics):
            head, rest = (rest[-1],), rest[:-1]  # "改造雨污分流管网多少公里": the last word before it
        terms = [t for t in rest if not head or t not in head[0]]
    return Asked(
        head=head,
        things=tuple(_spellings(t) for t in terms),
        qualifiers=qualifiers,
        units=units,
        city=city,
        outcome=outcome_in(text),
        batch=asked_batch(question.text),
    )


def _city_names(city: str | None) -> tuple[str, ...]:
    if city is None:
        return ()
    return next((names for cities in CITY_NAMES.values() for names in cities if names[0] == city), ())


def _has(spellings: tuple[str, ...], folded: str, terms: frozenset[str]) -> bool:
    return any(
        s in terms or (not s.isascii() and s in folded) or (len(s) > 3 and s in folded) for s in spellings
    )


def batch_at(view: DocumentView, position: int) -> Batch | None:
    """The batch of reports a figure at ``position`` is of: the last one named before it (in its paragraph
    or an earlier one), else the one the article's title names."""
    before = report_batches(view.text[:position])
    if before:
        return before[-1]
    titled = report_batches(view.document.meta.title or "")
    return titled[0] if titled else None


def city_of(view: DocumentView, i: int, fact: FigureFact) -> str | None:
    """The city a figure of sentence ``i`` is given to: the one its own words name after it when they name
    none before it ("56 enterprises in Kunming"), else the nearest before it in its sentence
    ("其中，太原市13件、大同市13件", "In Kunming, 56 enterprises ...")."""
    at = fact.figure.start
    if _city_before(plain(view.text[fact.own[0] : at])) is None:
        after = city_named(view.text[fact.figure.end : fact.own[1]])
        if after is not None:
            return after
    return _city_before(plain(view.text[view.document.sentences[i][0] : at]))


def fits(asked: Asked, view: DocumentView, i: int, fact: FigureFact) -> bool:
    """True when the figure is the asked city's (``city_of``), of the asked outcome (its own words) and of
    the asked batch of reports; a figure of an outcome never stands for all."""
    at = fact.figure.start
    if asked.city and city_of(view, i, fact) != asked.city:
        return False
    if outcome_in(view.text[fact.own[0] : at]) != asked.outcome:
        return False
    return not asked.batch or batch_at(view, at) == asked.batch


def _unit_of(fact: FigureFact) -> str:
    return fact.figure.unit or fact.figure.counter or ""


def thing_fit(asked: Asked, view: DocumentView, i: int, fact: FigureFact) -> int | None:
    """How many of the asked thing's words the figure's own words (or, for a bare entry of a list such as
    "太原市13件", its sentence and the one before) say, or None when the figure is not the asked thing: the
    head unnamed, a word qualifying it unsaid ("coal power projects" for hydropower projects), fewer than
    half of the other words, or another unit."""
    if asked.units and _unit_of(fact) not in asked.units:
        return None
    if not asked.units and fact.figure.unit in ("percent", "yuan") and not asked.head:
        return None
    own = view.text[fact.own[0] : fact.own[1]]
    names = {stem(w) for w in (asked.city or "").split()} | set(_city_names(asked.city))
    if asked.constrained or not set(content_terms(own)) - names:  # a list's entry: its lead says what
        own = view.text[view.document.sentences[max(i - 1, 0)][0] : fact.own[1]]
    folded = plain(own)  # traditional characters simplified, pinyin glosses dropped
    terms = frozenset(content_terms(own))
    if asked.head and not _has(asked.head, folded, terms):
        return None
    if not all(_has(spellings, folded, terms) for spellings in asked.qualifiers):
        return None
    said = sum(1 for spellings in asked.things if _has(spellings, folded, terms))
    if 2 * said < len(asked.things):
        return None
    return said + (1 if asked.head else 0)


def real_metrics(question: Question) -> tuple[str, ...]:
    """The question's metrics that a cue says: not a noun alone ("plants" asks no metric), nor a
    percentage in a question asking no rate or change ("多少座一级A排放标准的污水处理厂": 排放 is no
    emission change)."""
    rate = _RATE.search(fold(question.text))
    return tuple(
        m
        for m in question.metrics
        if METRIC_BY_ID[m].noun_metric is None and (rate or METRIC_BY_ID[m].unit != "percent")
    )


def names_head(asked: Asked, text: str) -> bool:
    """True when ``text`` names the head of the asked thing ("垃圾焚烧厂" is not said by a sewage works')."""
    return _has(asked.head, plain(text), frozenset(content_terms(text)))


def glossed_names(question: Question, asked: Asked) -> frozenset[str]:
    """The names of ``question`` (``Question.entities``) a sentence may say in the other language: the
    city asked and the names the glossary knows ("Yangtze")."""
    city = {stem(word) for word in (asked.city or "").split()}
    return frozenset(name for name in question.entities if name in city or chinese_for(name))


def names_in(view: DocumentView, names: frozenset[str]) -> bool:
    """True when the article of ``view`` says each of ``names`` in either language (a city asked is
    checked figure by figure, by ``fits``)."""
    folded = plain(view.text)
    return all(
        name in view.terms or any(z in folded for z in chinese_for(name))
        for name in names
        if chinese_for(name)
    )


def list_entry(view: DocumentView, i: int, position: int, metrics: tuple[str, ...]) -> bool:
    """True when the ``position``-th figure of sentence ``i`` is a place's entry of a list of one of
    ``metrics``: it has a place of its own and no metric, and its sentence (or the one before, the list's
    lead) gives another figure of the same unit that metric ("Fines totalled 336 million yuan ..., with
    Shanxi at 88 million yuan"; "转办…76件。其中，太原市13件、…")."""
    facts = view.facts(i)
    fact = facts[position]
    if view.figure_places(i)[position] is None or set(fact.costs) & set(metrics):
        return False
    leads = [other for other in facts if other is not fact]
    leads += view.facts(i - 1) if i > 0 else []
    return any(
        other.costs
        and min(other.costs, key=other.costs.__getitem__) in metrics
        and _unit_of(other) == _unit_of(fact)
        for other in leads
    )


def chinese_query(question: Question) -> str:
    """For an English quantity question, the Chinese words of its terms and the city it names (the
    glossary's, ``index.meta.cities``'), to search Chinese pages by; "" when it has none or is Chinese."""
    if question.kind != "quantity" or has_chinese(question.text):
        return ""
    city = city_named(question.text)
    words = [z for term in question.specific for z in chinese_for(term) if len(z) > 1]
    words += [name for name in _city_names(city) if has_chinese(name)]
    return " ".join(dict.fromkeys(words))
