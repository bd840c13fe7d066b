"""Figures in a sentence with what they count: the metric (from the nearest text cue), the counted noun
and the clause around it.

A figure's *window* runs from the previous figure (or the clause start) to the next figure (or the clause
end); clauses end at ";" and restart after ", of which". A cue's cost is the number of words between it and
the figure (auxiliaries such as "were", "had been" are free), plus 2 for each separator ("," "and" "with")
it reaches across. A figure with no cue of its own in a list ("3 units, 17 enterprises and 3 persons have
been held accountable") takes the cue of the list's last member; a figure inside a phrase headed by another
("76 officials from 14 subsidiaries were held accountable") leaves the cue to the head; a figure whose verb
is elided ("filed 1,232 cases for punishment, the second batch 2,873") takes the cue of the one before.

Chinese sentences go the same way, on ``fold(text)``: "，" and "、" separate, "其中" restarts a clause, a
Han character between a cue and its figure costs a third of a word (filler such as 共, 累计, 党政领导干部
costs nothing), and what a count counts is its counter's or its noun's ("立案处罚1158家": enterprises;
"7个督察组": teams; "受理有效举报3000件": reports).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from index.facts.metrics import (
    BACKGROUND_AFTER,
    BACKGROUND_BEFORE,
    CHINESE_COUNTERS,
    CHINESE_NOUN_RE,
    CHINESE_NOUNS,
    CUED_METRICS,
    METRIC_BY_ID,
    OFFICIALS,
    OFFICIALS_SANCTIONED,
    PERCENT_KINDS,
    SANCTIONED_COST,
    SUBSET_PARENTS,
    noun_class,
    subset_of,
    word_set,
)
from index.facts.numbers import Figure, find_figures
from index.meta.gazetteer import province_mentions
from index.text.chinese import fold

MAX_COST = 5.0
_CLAUSE_END = re.compile(r";|；")
_CLAUSE_RESTART = re.compile(
    r",?\s*\b(?:of which|among which|among them|including)\b|[，,]?\s*其中[，,：:]?", re.IGNORECASE
)
_WORD = re.compile(r"[A-Za-z][\w'-]*|\d[\d,.]*")
_SEPARATOR = re.compile(r",|，|、|\band\b|\bwith\b|\bwhile\b|\bbut\b|\bthen\b", re.IGNORECASE)
# "，" between Chinese clauses parts a cue from a figure more than an English comma does ("立案处罚101家，
# 罚款…"); "、" lists nouns ("来电、来信举报").
_SEPARATOR_COST = {"，": 3.0, "、": 1.0}
# A cue after a Chinese figure is its own only within its clause part ("289人被问责"), never past a "，".
_ZH_RIGHT_STOP = re.compile(r"[，。！？]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
HAN_PER_WORD = 3  # Han characters that cost one word between a cue and its figure
# Words between a Chinese cue and its figure that cost nothing: adverbs of totals, the usual objects
# ("约谈党政领导干部58人", "受理有效举报3000件") and the measure words of amounts ("罚款金额").
_ZH_FILLER = re.compile(
    "共计|合计|总计|累计|共|已经|已|均|分别|其中|被|对|向|了|的|达到|达|为|有|依法|给予|予以|各|全|"
    "金额|人数|总数|总额|款|党政|领导干部|领导|干部|有效|群众|人员|企业|单位|被督察单位|被督察对象|"
    "督察对象|涉嫌|相关|有关|问题|举报件|举报|检举|来电|来信|信访件|信访|案件|生态环境|环境|违法|行为|地方|当地"
)
_FILLER = word_set(
    """were was had have has been be is are already basically also all of them the a an respectively
    successfully seriously publicly promptly total in totally so far taken into placed under administrative
    criminal or amounted amounting totalled totaled totalling totaling adding up which"""
)
_NOUN_STOP = word_set(
    """were was had have has is are been be will would could can and or of for from to in on at by with
    under into that which who whom the a an including respectively over since while between as this
    these its their his her around about than per each after before during against among within without
    but so then not only more less below above up down higher lower inside outside across along through
    throughout near beyond toward towards upon via amid involving concerning regarding like"""
)
_IRREGULAR_VERBS = word_set(
    """held took found made sent set shut put got gave led paid kept brought caught built cut left lost met
    ran saw sought told won wrote broke began"""
)
_VERBISH = re.compile(r"(?:ed|ing)$")
_LIST_GAP = re.compile(r"\s*(?:,|and|or|,\s*(?:and|or)|、|和|及|以及|或)\s*", re.IGNORECASE)
_JUNK = re.compile(r"^,?[^\w\s,.;:()\"'“”‘’]+(?=\s)")  # conversion debris such as ",<>" after a number
# "844 were held accountable. people", "held accountable 322. people": a sentence break a translation put
# inside the figure's phrase (the lower-case noun after it is still the figure's)
_STRAY_STOP = re.compile(r"^\.\s+(?=[a-z])")
_PART_OF = re.compile(
    r"^\s+of\s+(?:(?:the|its|their|his|her|[A-Za-z]+'s|[A-Za-z]+’s)\s+){0,2}$", re.IGNORECASE
)
# "76 officials from 14 subsidiaries were held accountable": the second figure only says where the first
# figure's people came from; what is said of the phrase is said of the first.
_ATTACHED = re.compile(r"^\s+(?:from|of|in|at|across|under|within)\s+(?:the\s+)?$", re.IGNORECASE)
# "filed 1,232 cases for punishment, the second batch 2,873 and the third batch 1,395": the later figures
# take the verb and metric of the first; only such words may stand between them.
_ELIDED_GAP = word_set(
    """the and a total of in all batch batches round first second third fourth fifth sixth seventh eighth
    ninth tenth while whereas respectively by"""
)
# "..., followed by Hunan with 3,560", "Hunan came next with 3,560": words that may also stand in the gap
# where it names the province whose figure it is
_PLACED_GAP = word_set(
    "followed with next came then ahead behind at on province region autonomous municipality"
)
# "..., and 844 were held accountable": a figure followed by its own verb elides nothing
_OWN_VERB = re.compile(r"\s*(?:were|was|have|has|had|are|is|got|held|\w+ed)\b", re.IGNORECASE)
# "第一批立案处罚1232家，第二批2873家", "处罚金额约18213.33万元，折合约1.82亿元": what may stand between a
# Chinese figure and one that elides its verb (or restates the figure)
_ZH_ELIDED_GAP = re.compile(
    r"(?:[，、\s]|和|及|第[一二三四五六七八九十0-9]+(?:批|轮)|其中|共|合计|分别|为|达|折合|约合|即|相当于)*"
)
# What an inspection covers is counted with its own noun: "five provinces as complaints top 19,800" counts
# no provinces with 19,800
_NOT_CARRIED = frozenset({"provinces", "teams", "batches"})
_SECOND_OBJECT_GAP = re.compile(r"\s*(?:totall?ing|worth|in all)?\s*$", re.IGNORECASE)
_PREDICATE_ADJECTIVES = frozenset({"responsible", "accountable"})
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass
class FigureFact:
    """A figure in a sentence of a document, with the metrics it may count (metric id -> cue cost)."""

    figure: Figure
    noun: str  # counted noun phrase as written ("public reports"), possibly inherited
    noun_class: str
    costs: dict[str, float] = field(default_factory=dict)
    noun_end: int = 0  # offset where the figure's own noun phrase ends (the figure's end if it has none)
    whole: bool = False  # the "54" in "17 of the group's 54 projects": a total another figure is part of
    clause: tuple[int, int] = (0, 0)  # [start, end) offsets of the figure's clause in the document text
    window: tuple[int, int] = (0, 0)  # [start, end) offsets of the figure's window
    own: tuple[int, int] = (0, 0)  # the part of the window between the separators around the figure
    # the subset of what it counts that its own words name ("厅级干部159人": "department", index/facts/
    # metrics.py SUBSETS), and the offset of the figure it is part of ("共问责1048人，其中厅级干部159人")
    subset: str | None = None
    part_of: int | None = None

    def best_cost(self) -> float:
        """The lowest cue cost of this figure (inf when no cue)."""
        return min(self.costs.values(), default=float("inf"))


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _gap_cost(between: str) -> float:
    """Cost of the text between a cue and a figure (``between`` folded: simplified Chinese); a named place
    or body after a preposition ("officials from Liaoning Province were ... at fault") costs nothing."""
    between = _NAMED_PHRASE.sub(" ", between)
    words = [w for w in _words(between) if w not in _FILLER and not w.endswith("ly")]
    han = len(_HAN.findall(_ZH_FILLER.sub("", between))) if not between.isascii() else 0
    separators = sum(_SEPARATOR_COST.get(found, 2.0) for found in _SEPARATOR.findall(between))
    return len(words) + han / HAN_PER_WORD + separators


_NAMED_PHRASE = re.compile(r"\b(?:from|in|of|at)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}\b")


def _noun_phrase(right: str) -> tuple[str, int]:
    """The counted noun right after a figure ("public reports") and where it ends in ``right``."""
    tokens = list(re.finditer(r"[A-Za-z][\w'-]*|\S", right))
    words: list[re.Match[str]] = []
    i = 0
    while i < len(tokens) and len(words) < 7:
        token = tokens[i].group(0)
        lower = token.lower()
        if not token[0].isalpha():
            break
        if lower == "and" and words and i + 1 < len(tokens):
            following = tokens[i + 1].group(0)
            if (
                following[0].isalpha()
                and following.lower() not in _NOUN_STOP
                and not _VERBISH.search(following)
                and following.lower() not in _IRREGULAR_VERBS
            ):
                words.append(tokens[i])
                i += 1
                continue
            break
        if "\n" in right[words[-1].end() if words else 0 : tokens[i].start()] or lower in _NOUN_STOP:
            break
        # "centrally administered", "newly built", "State-owned": adjectives, not verbs
        adjectival = "-" in lower or (bool(words) and words[-1].group(0).lower().endswith("ly"))
        verb = lower in _IRREGULAR_VERBS or (words and _VERBISH.search(lower) and lower != "leading")
        if verb and not adjectival:
            break  # "5,763 held accountable": a verb, not the counted noun
        words.append(tokens[i])
        i += 1
    while words and words[0].group(0).lower() in _PREDICATE_ADJECTIVES:
        words.pop(0)
    while words and (
        words[-1].group(0).lower() in _PREDICATE_ADJECTIVES or _POSSESSIVE.search(words[-1].group(0))
    ):
        words.pop()  # "projects inside Ningxia's": a possessive opens another phrase
    if not words:
        return "", 0
    return right[words[0].start() : words[-1].end()], words[-1].end()


# A Chinese noun is looked for this far after a counter ("个中央生态环境保护督察组") and before a number.
_ZH_NOUN_REACH = 12
_ZH_STOP = re.compile(r"[^\u3400-\u9fff\uf900-\ufaff()（）]")
_WHERE = (None, "provinces", "measures_of")
_ZH_TRAILING_FILLER = re.compile(r"(?:共计|合计|总计|累计|共|达到|达|为|分别)+$")


# Where a count was sent, not what it counts: "移送公安机关12件", "移交司法机关3人".
_DESTINATION = re.compile(r"(?:移送|移交|转交|交由|送交)(?:至|到|给)?[\u4e00-\u9fff]{0,4}$")


def _chinese_noun(text: str, figure: Figure, left_start: int, right_end: int) -> tuple[str, str, int]:
    """What a Chinese count counts: (noun, noun class, where the noun ends). The counter's class when it has
    one (家, 人), else the noun after the counter ("个督察组"), else the last noun before the number
    ("受理有效举报3000件", "涉嫌犯罪案件5件"); the noun is "" when nothing says."""
    assert figure.counter is not None
    counter_end = figure.counter_end
    after = fold(text[counter_end : min(right_end, counter_end + _ZH_NOUN_REACH)])
    stop = _ZH_STOP.search(after)
    after = after[: stop.start()] if stop else after
    own = CHINESE_COUNTERS.get(figure.counter if figure.counter else "", "")
    for match in CHINESE_NOUN_RE.finditer(after):
        cls = CHINESE_NOUNS[match.group(0)]
        if cls is None:
            continue
        if own and cls != own and not (own == "enterprises" and cls == "units"):
            break  # "1158家" counts enterprises whatever follows; "3家单位" counts units
        end = counter_end + match.end()
        return text[counter_end - len(figure.counter) : end], cls, end
    if own:
        return figure.counter, own, counter_end
    before = fold(text[max(left_start, figure.start - _ZH_NOUN_REACH) : figure.start])
    stops = list(_ZH_STOP.finditer(before))
    before = before[stops[-1].end() :] if stops else before
    before = _ZH_TRAILING_FILLER.sub("", before)
    # a place right before the number is where, not what, it counts ("南阳市25件", "河北省395件")
    named = [m for m in CHINESE_NOUN_RE.finditer(before) if CHINESE_NOUNS[m.group(0)] not in _WHERE]
    if named and named[-1].end() == len(before):
        # the object right before the number, not any noun (nor where it was sent: "移送公安机关12件"; a
        # body is sent to, an issue is what is sent: "移交责任追究问题28个")
        noun = named[-1].group(0)
        cls = CHINESE_NOUNS[noun] or ""
        if cls != "units" or not _DESTINATION.search(before, 0, named[-1].start()):
            return noun, cls, counter_end
    return "", "", counter_end


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of the sentence ``text[start:end]``, split at semicolons."""
    spans, cursor = [], start
    for match in _CLAUSE_END.finditer(text, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _nearest_cost(cue: re.Pattern[str], frame: str, mark: int, noun_end: int) -> float:
    """Cost of the nearest match of ``cue`` around the figure at ``mark`` of ``frame`` (inf when none)."""
    # A farther cue's gap holds the nearer one's, so only the nearest cue on each side can be the
    # cheapest: the cost is computed for those two alone (linear in the window, however many cues).
    before: re.Match[str] | None = None
    after: re.Match[str] | None = None
    best = float("inf")
    for match in cue.finditer(frame):
        if match.start() <= mark < match.end():
            return 0.0
        if match.end() <= mark:
            before = match
        else:
            after = match
            break
    if before is not None:
        best = _gap_cost(frame[before.end() : mark])
    if after is not None and not _ZH_RIGHT_STOP.search(frame, mark, after.start()):
        gap_start = mark + 1 + noun_end
        best = min(best, _gap_cost(frame[gap_start : after.start()]) if after.start() > gap_start else 0.0)
    return best


def _cue_costs(left: str, right: str, noun_end: int, noun: str = "") -> dict[str, float]:
    """Metric id -> cost of its nearest cue around a figure (left text, right text after the figure);
    ``noun`` is the figure's counted noun (officials punished are officials held accountable)."""
    frame = fold(f"{left}#{right}")
    mark = len(left)
    costs: dict[str, float] = {}
    for metric in CUED_METRICS:
        assert metric.cue is not None
        best = _nearest_cost(metric.cue, frame, mark, noun_end)
        if best <= MAX_COST:
            costs[metric.id] = best
    if OFFICIALS.search(noun):
        sanctioned = _nearest_cost(OFFICIALS_SANCTIONED, frame, mark, noun_end) + SANCTIONED_COST
        if sanctioned <= MAX_COST and sanctioned < costs.get("accountable", float("inf")):
            costs["accountable"] = sanctioned
    return costs


def analyse_sentence(text: str, start: int, end: int, *, zeros: bool = False) -> list[FigureFact]:
    """The figures of the sentence ``text[start:end]`` with their metrics, nouns and clauses (with ``zeros``,
    the zeros said in words too: index/facts/zeros.py)."""
    facts: list[FigureFact] = []
    previous_noun = ("", "")
    for clause_start, clause_end in _clauses(text, start, end):
        # a generic Chinese counter -> the noun it last counted, in this clause only: a semicolon starts
        # another item with its own object ("举报4120件，…转办2987件；…已完成查处1040件": cases, not reports)
        counted: dict[str, tuple[str, str]] = {}
        figures = find_figures(text, clause_start, clause_end, zeros=zeros)
        clause_facts: list[FigureFact] = []
        for i, figure in enumerate(figures):
            left_start = figures[i - 1].end if i else clause_start
            restarts = list(_CLAUSE_RESTART.finditer(text, left_start, figure.start))
            if restarts:
                left_start = restarts[-1].end()
            right_end = figures[i + 1].start if i + 1 < len(figures) else clause_end
            nxt_restart = _CLAUSE_RESTART.search(text, figure.end, right_end)
            if nxt_restart is not None:
                right_end = nxt_restart.start()
            left, right = text[left_start : figure.start], text[figure.end : right_end]
            if figure.counter is not None:  # a Chinese count: its counter and noun say what it counts
                noun, cls, noun_at = _chinese_noun(text, figure, left_start, right_end)
                noun_end = noun_at - figure.end
                noun, cls = _generic_count(figure.counter, noun, cls, counted)
            else:
                junk = _JUNK.match(right) or _STRAY_STOP.match(right)
                skip = junk.end() if junk else 0
                noun, noun_end = _noun_phrase(right[skip:])
                noun_end = noun_end + skip if noun else 0
                cls = noun_class(noun)
                if not noun and figure.unit is None and previous_noun[1] not in _NOT_CARRIED:
                    noun, cls = previous_noun
                elif noun and figure.unit is None:
                    previous_noun = (noun, cls)
            fact = FigureFact(
                figure,
                noun,
                cls,
                _cue_costs(left, right, noun_end, noun),
                clause=(clause_start, clause_end),
                window=(left_start, right_end),
                own=_own_span(text, left_start, figure.start, figure.end, right_end),
                noun_end=figure.end + noun_end,
            )
            clause_facts.append(fact)
        _share_list_cues(text, clause_facts)
        _link_counted_batches(text, clause_facts)
        _link_attached(text, clause_facts)
        _carry_elided(text, clause_facts)
        _link_second_object(text, clause_facts)
        _link_fined_object(text, clause_facts)
        _link_parts(text, clause_facts)
        _link_subsets(text, clause_start, clause_facts)
        _percent_kinds(text, clause_facts)
        for fact in clause_facts:
            _drop_uncounted(text, fact)
        facts.extend(clause_facts)
    _share_ranking_topic(text, start, end, facts)
    return facts


def _generic_count(counter: str, noun: str, cls: str, counted: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """What a count with a counter of anything (项, 个, 件) counts when no noun of its own says: the noun the
    same counter counted before it in the clause ("明确整改任务2164项，已完成1398项": tasks)."""
    if CHINESE_COUNTERS.get(counter, ""):
        return noun, cls
    if noun:
        counted[counter] = (noun, cls)
        return noun, cls
    return counted.get(counter, (noun, cls))


_SPELLED = re.compile(r"[A-Za-z]")  # a number written in words ("one", "Sixty-six")
_BACKGROUND_REACH = 40  # characters before a figure in which a background cue stands


def _drop_uncounted(text: str, fact: FigureFact) -> None:
    """Clear the cues of a figure that counts nothing an inspection found: a spelled-out number whose noun
    is no counted thing ("one post", "one meeting"; "Sixty-six people" counts), a bare "one" with no noun
    said or carried, or a province's population ("home to 34.92 million people", "常住人口3491.56万人")."""
    figure = fact.figure
    number = figure.phrase[len(figure.qualifier or "") :].strip()
    spelled = figure.counter is None and figure.value > 0 and not any(ch.isdigit() for ch in number)
    if spelled and _SPELLED.search(number) and not fact.noun_class and (fact.noun or figure.value == 1):
        fact.costs = {}
        return
    if figure.unit is not None:
        return
    before = fold(text[max(fact.own[0], figure.start - _BACKGROUND_REACH) : figure.start])
    after = text[figure.end : figure.end + 30]
    if BACKGROUND_BEFORE.search(before) or BACKGROUND_AFTER.search(after):
        fact.costs = {}
        fact.noun_class = "measures_of"


# "从被问责人数看，湖南最多，达1282人；山西868人、辽宁724人": a ranking of places by one figure names the
# figure once; the cue just before 人数 (数量, 金额 ...) is what each cue-less figure of the sentence counts.
_RANKING = re.compile(r"(?:的)?(?:人数|数量|家数|件数|金额)(?:看|最多|最高|最大|居首|排名|排在)")
_RANKING_REACH = 8  # characters before 人数 in which the ranking's cue is looked for
RANKING_COST = 1.0


def _share_ranking_topic(text: str, start: int, end: int, facts: list[FigureFact]) -> None:
    if not facts or text[start:end].isascii():
        return
    folded = fold(text[start:end])
    ranking = _RANKING.search(folded)
    if ranking is None:
        return
    before = folded[max(0, ranking.start() - _RANKING_REACH) : ranking.start()]
    topics = [m.id for m in CUED_METRICS if m.cue is not None and m.cue.search(before)]
    if len(topics) != 1:
        return
    topic = topics[0]
    for fact in facts:  # each figure after it with no cue of another metric
        if fact.figure.start >= start + ranking.start() and set(fact.costs) <= {topic}:
            fact.costs = {topic: min(fact.costs.get(topic, RANKING_COST), RANKING_COST)}


# "已完成1012项，占92%", "1,012 tasks, or 92 percent": a share of what the clause part before it counts
_SHARE_OF_BEFORE = re.compile(r"^\W*(?:占|占比|比例为|accounting for\b|or\b)", re.IGNORECASE)
PERCENT_KIND_COST = 1.0  # a kind named in the percentage's own clause part


def _percent_kinds(text: str, facts: list[FigureFact]) -> None:
    """What a percentage measures (rectification, an environmental outcome): the kind named in its own clause
    part, the subject before it first ("PM2.5平均浓度下降12%", "The rectification rate for the first batch
    reached 95 percent"), else after it; a share ("占92%") is of the part before, a part ("79 percent of the
    2,164 rectification tasks") of the whole after. The other kinds' costs go."""
    for i, fact in enumerate(facts):
        if fact.figure.unit != "percent":
            continue
        start, end = fact.own
        if i and _SHARE_OF_BEFORE.match(fold(text[start : fact.figure.start])):
            start = facts[i - 1].own[0]
            counted = {m: c for m, c in facts[i - 1].costs.items() if METRIC_BY_ID[m].unit is None}
            fact.costs = counted | fact.costs  # a share of what the count before it counts
        if i + 1 < len(facts) and is_part_of(text, fact, facts[i + 1]):  # "79 percent of the 2,164 tasks"
            end = max(end, facts[i + 1].own[1])
        kind = _nearest_kind(fold(text[start : fact.figure.start]), before=True) or _nearest_kind(
            fold(text[fact.figure.end : end]), before=False
        )
        kept = {m: c for m, c in fact.costs.items() if m not in PERCENT_KINDS}
        if kind is not None:
            kept[kind] = min(fact.costs.get(kind, PERCENT_KIND_COST), PERCENT_KIND_COST)
        fact.costs = kept


def _nearest_kind(stretch: str, *, before: bool) -> str | None:
    """The percentage kind whose cue in ``stretch`` is nearest the figure (at its end when ``before``)."""
    best: tuple[int, str] | None = None
    for kind in PERCENT_KINDS:
        cue = METRIC_BY_ID[kind].cue
        assert cue is not None
        found = list(cue.finditer(stretch))
        if not found:
            continue
        distance = len(stretch) - found[-1].end() if before else found[0].start()
        if best is None or distance < best[0]:
            best = (distance, kind)
    return best[1] if best else None


def _own_span(text: str, left_start: int, start: int, end: int, right_end: int) -> tuple[int, int]:
    """The window cut at the separators nearest the figure ("; 27 people were criminally detained" out of
    "; 27 people were criminally detained and 19 were placed under administrative detention")."""
    before = list(_SEPARATOR.finditer(text, left_start, start))
    after = _SEPARATOR.search(text, end, right_end)
    return (before[-1].end() if before else left_start, after.start() if after else right_end)


def _link_attached(text: str, facts: list[FigureFact]) -> None:
    """ "76 officials from 14 subsidiaries had been held accountable": the cue after the phrase belongs to
    the figure heading it (76 officials), not to the figure inside its prepositional phrase."""
    for fact, nxt in itertools.pairwise(facts):
        if (
            fact.figure.unit is None
            and fact.noun_class
            and fact.noun_end > fact.figure.end
            and nxt.costs
            and _ATTACHED.match(text[fact.noun_end : nxt.figure.start])
        ):
            fact.costs = {**nxt.costs, **fact.costs}
            fact.window = (fact.window[0], nxt.window[1])
            fact.own = (fact.own[0], nxt.own[1])
            nxt.costs = {}


def _link_counted_batches(text: str, facts: list[FigureFact]) -> None:
    """ "督察组交办的31批2856件", "共移交信访举报件28批，累计2438件": a count of batches or times glued to
    the figure after it (or a comma and 累计 apart) says how that figure came; the cue before the two is the
    second's."""
    for prev, fact in itertools.pairwise(facts):
        gap = text[prev.noun_end : fact.figure.start]
        if prev.noun_class in ("batches", "occasions") and _BATCHES_GAP.fullmatch(gap):
            fact.costs = {**prev.costs, **fact.costs}
            fact.window = (prev.window[0], fact.window[1])


_BATCHES_GAP = re.compile(r"(?:[，,]\s*)?(?:累计|共计|合计|总计|共)?")  # "28批，累计2438件"


def _carry_elided(text: str, facts: list[FigureFact]) -> None:
    """ "the first batch had filed 1,232 cases for punishment, the second batch 2,873": a figure with no
    cue and no verb of its own, after one with a cue, counts the same thing."""
    for prev, fact in itertools.pairwise(facts):
        if not prev.costs or fact.figure.unit != prev.figure.unit or fact.noun_class != prev.noun_class:
            continue
        if fact.costs and (fact.noun_end > fact.figure.end or _OWN_VERB.match(text, fact.noun_end)):
            continue  # a noun and a cue of its own, or a verb of its own ("and 844 were held accountable")
        gap = text[max(prev.noun_end, prev.figure.end) : fact.figure.start]
        gap = gap.rsplit(",", 1)[-1] if "," in gap else gap
        if _HAN.search(gap) and not _ZH_ELIDED_GAP.fullmatch(_without_places(fold(gap))):
            continue
        placed = _without_places(gap)  # "..., followed by Hunan with 3,560": the province's figure
        allowed = _ELIDED_GAP | _PLACED_GAP if placed != gap and gap.isascii() else _ELIDED_GAP
        if all(word in allowed for word in _words(placed)):
            fact.costs = dict(prev.costs)
            fact.own = (min(prev.own[0], fact.own[0]), fact.own[1])  # the verb it shares is its own too
            fact.window = (min(prev.window[0], fact.window[0]), fact.window[1])


def _without_places(gap: str) -> str:
    """ "、福建" as "、": a province heading an elided figure ("天津115人、福建412人") stands in its gap."""
    for _, start, end in reversed(province_mentions(gap)):
        gap = gap[:start] + gap[end:]
    return gap


def _link_second_object(text: str, facts: list[FigureFact]) -> None:
    """ "fined 126 enterprises 8.3 million yuan", "fined 46 companies a total of 5.2 million yuan": an amount
    right after a count is the verb's second object and takes the verb's cue (the count is of who was
    fined, the amount is the fine)."""
    for prev, fact in itertools.pairwise(facts):
        if (
            prev.costs
            and prev.figure.unit is None
            and prev.noun_class
            and prev.noun_end > prev.figure.end
            and fact.figure.unit is not None
            and _SECOND_OBJECT_GAP.match(text[prev.noun_end : fact.figure.start])
        ):
            fact.costs = {**prev.costs, **fact.costs}
            fact.own = (prev.own[0], fact.own[1])
            fact.window = (prev.window[0], fact.window[1])


# "Penalties amounting to 512 million yuan were levied on 1,467 enterprises", "fines of X were imposed on N
# companies", "imposed fines totalling 90 million yuan in 1,531 of those cases": the count a fine is imposed
# on (or in) is of those punished (the amount keeps its fine)
_IMPOSED_ON = re.compile(
    r"^\s*(?:(?:(?:were|was|have been|had been|has been)\s+)?"
    r"(?:imposed|levied|slapped|handed(?:\s+out)?|meted(?:\s+out)?|issued)\s+(?:on|to|against)|in)"
    r"\s+(?:a\s+total\s+of\s+|some\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)
IMPOSED_ON_COST = 0.5


def _link_fined_object(text: str, facts: list[FigureFact]) -> None:
    """A count of enterprises (or cases) right after an amount of fines that is imposed on (or in) them
    counts those punished, whatever cues the list around it shares."""
    for prev, fact in itertools.pairwise(facts):
        if (
            "fine" in prev.costs
            and prev.figure.unit == "yuan"
            and fact.figure.unit is None
            and fact.noun_class in ("enterprises", "units", "reports")
            and _IMPOSED_ON.match(text[prev.figure.end : fact.figure.start])
        ):
            fact.costs = {"punishment": IMPOSED_ON_COST}


def is_part_of(text: str, fact: FigureFact, nxt: FigureFact) -> bool:
    """True when ``fact`` is a part of the figure after it: "17 of the group's 54 projects", "95 percent of
    the 3,294 tasks" (what is said of the whole, its inspection included, is said of the part)."""
    between = text[fact.figure.end : nxt.figure.start]
    return fact.figure.unit in (None, "percent") and bool(_PART_OF.match(between))


# What stands between a total and a figure inside it ("共问责1048人，其中厅级干部159人", "18,199 officials
# were held accountable, of whom 875 ...", "（其中正厅级干部56人）", "including 218 department-level
# officials"), after the part ("30 of whom were ...", "57 of them ..."), or before the total ("Of the 1,035
# officials held accountable, 218 were ...")
_PART_MARKER = re.compile(
    r"其中|包括|含|[（(]|\b(?:including|included|includes|of\s+(?:whom|which)|among\s+(?:them|whom|which))\b",
    re.IGNORECASE,
)
_PART_AFTER = re.compile(r"\s+(?:of\s+(?:whom|them|which)|among\s+them)\b", re.IGNORECASE)
_WHOLE_BEFORE = re.compile(r"\b(?:of|among)\s+(?:the|these|those|all)\s+$", re.IGNORECASE)
_SUBSET_NOUNS = frozenset(
    {"people", ""}
)  # who a subset of officials is; "31 provincial-level regions" is none


def _link_subsets(text: str, clause_start: int, facts: list[FigureFact]) -> None:
    """A count whose own words name a subset (metrics.SUBSETS: "厅级干部159人", "875 were at or above the
    division level") is that subset of what it counts; after a total it is part of (a marker between them,
    or "Of the 1,035 officials ..., 218 were ..."), it links to it and counts what the total counts. A
    narrower subset is part of the one it narrows ("厅级干部159人（其中正厅级干部56人）")."""
    for k, part in enumerate(facts):
        if part.figure.unit is not None or part.noun_class not in _SUBSET_NOUNS:
            continue
        start, end = _own_words(text, clause_start, facts, k)
        subset = subset_of(fold(text[start:end]), (part.figure.start - start, part.figure.end - start))
        if subset is None:
            continue
        part.subset = subset
        part.own = (start, end)  # its words name the subset: "厅级干部159人", not the clause around it
        after = _PART_AFTER.match(text, part.figure.end) is not None
        for j in range(k - 1, -1, -1):
            total = facts[j]
            if total.figure.unit is not None or (total.subset and total.subset != SUBSET_PARENTS.get(subset)):
                continue
            lead = facts[j - 1].figure.end if j else clause_start
            marked = (
                after
                or _PART_MARKER.search(text, total.figure.end, part.figure.start) is not None
                or _WHOLE_BEFORE.search(text, lead, total.figure.start) is not None
            )
            if marked and total.costs:
                _inherit(part, total)
                if j == k - 1:  # said with its total: "18,199 ... held accountable, of whom 875 were ..."
                    part.own = (min(total.own[0], start), end)
            break


# "Among them, 875 were at or above the division level.", "其中，厅级干部159人": a sentence that opens on its
# parts, whose total the sentence before gives
_PARTS_OPENER = re.compile(
    r"\s*(?:其中|\b(?:among|of)\s+(?:them|these|those|whom|which|the\s+(?:total|officials|people))\b)",
    re.IGNORECASE,
)


def link_to_previous(text: str, start: int, facts: list[FigureFact], previous: list[FigureFact]) -> None:
    """The sub-figures of a sentence (at ``start``) that opens on a part marker, with no total of their own,
    are parts of the last count of the sentence before (``previous``: its figures) and count what it
    counts ("7省市共问责1048人。其中，厅级干部159人，处级干部464人。")."""
    if not facts or _PARTS_OPENER.match(text, start) is None:
        return
    totals = [f for f in previous if f.figure.unit is None and f.subset is None and f.costs]
    if not totals:
        return
    for part in facts:
        if part.subset is not None and part.part_of is None and part.subset not in SUBSET_PARENTS:
            _inherit(part, totals[-1])


def _inherit(part: FigureFact, total: FigureFact) -> None:
    """``part`` is a part of ``total``: it links to it and counts what it counts."""
    part.part_of = total.figure.start
    part.costs = {m: min(c, part.costs.get(m, c)) for m, c in total.costs.items()} | {
        m: c for m, c in part.costs.items() if m not in total.costs
    }
    if not part.noun_class:
        part.noun, part.noun_class = total.noun, total.noun_class


def _own_words(text: str, clause_start: int, facts: list[FigureFact], k: int) -> tuple[int, int]:
    """The words of figure ``k`` alone: between the separators or part markers nearest it, not past the
    figures beside it ("218 were department-level officials, 57 of them heads of departments, and 571 were
    division-level officials": "571 were division-level officials")."""
    figure = facts[k].figure
    lo = facts[k - 1].figure.end if k else clause_start
    hi = facts[k + 1].figure.start if k + 1 < len(facts) else facts[k].clause[1]
    before = [m.end() for p in (_SEPARATOR, _PART_MARKER) for m in p.finditer(text, lo, figure.start)]
    follows = _PART_AFTER.match(text, figure.end)  # "30 of whom were ...": what follows is its own
    start = follows.end() if follows else figure.end
    after = [m.start() for p in (_SEPARATOR, _PART_MARKER) for m in p.finditer(text, start, hi)]
    return max(before, default=lo), min(after, default=hi)


def _link_parts(text: str, facts: list[FigureFact]) -> None:
    """ "17 of the group's 54 projects broke the rules": 17 counts projects and takes what is said of them."""
    for fact, nxt in itertools.pairwise(facts):
        if is_part_of(text, fact, nxt):
            fact.costs = {**nxt.costs, **fact.costs}
            fact.window = (fact.window[0], nxt.window[1])
            if fact.figure.unit is None:  # a count of part of another count (a percentage is not)
                fact.noun, fact.noun_class = nxt.noun, nxt.noun_class
                nxt.whole = True


def _share_list_cues(text: str, facts: list[FigureFact]) -> None:
    """Give members of a list with no cue of their own nearer than the list's ("3 units, 17 enterprises and 3
    persons ...", "313 people and 30 units have been asked responsibility" after "called to interview") the
    last member's cue."""
    for i in range(len(facts) - 2, -1, -1):
        fact, nxt = facts[i], facts[i + 1]
        if not nxt.costs or (fact.costs and fact.best_cost() <= nxt.best_cost() + 1.0):
            continue
        if _LIST_GAP.fullmatch(text[fact.noun_end : nxt.figure.start]):
            shared = {metric: cost + 1.0 for metric, cost in nxt.costs.items()}
            fact.costs = {**fact.costs, **shared}
