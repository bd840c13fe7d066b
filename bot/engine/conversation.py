"""Follow-up questions: a conversation's context, and elliptical questions completed from it.

The engine stays stateless: a front end keeps one :class:`Conversation` per chat and passes it with each
question. :meth:`Conversation.follow` reads the analysed question against the last turn, decides from
scores whether it leans on it ("And in the fourth batch?", "What about fines?", "Which provinces did it
cover?", "How many were detained there?", "Compare that with the third batch.", "Which of the two is
higher?"), fills in what it leaves out (inspection, places, figure, kind of answer) and records the turn.
A question that names its own inspection and figure, or asks about something new, ignores the context.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field, replace

from bot.engine.coverage import describe_scope
from bot.engine.leaders import DEPUTY_QUESTION, LEADER_QUESTION, TEAM_NAMED
from bot.engine.prompts import Prompts
from bot.engine.question import Question, _metrics, specific_terms
from bot.engine.words import content_terms
from index.facts.metrics import METRIC_BY_ID, METRICS
from index.meta.ordinals import ORDINAL_RE, ordinal_value
from index.meta.scopes import find_scopes
from index.models import InspectionScope

# Cues that a question leans on the one before, with their weights.
CUES: dict[str, tuple[re.Pattern[str], float]] = {
    # "And in the fourth batch?", "What about fines?", "How about Hebei?", "Same for the pilot?", "那…呢"
    "continuation": (
        re.compile(
            r"^\W*(?:and|also|plus|then|so|but|or|(?:what|how) about|what of|as for|same for)\b"
            r"|^\W*(?:那么?|还有)|呢\W*$",
            re.I,
        ),
        2.0,
    ),
    # "did it cover", "detained there" (not "were there"), "compare that", "the two", "that batch"
    "anaphor": (
        re.compile(
            r"\b(?:it|its|they|them|their|both|either|the two|the same|the latter|the former)\b"
            r"|(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbe )\bthere\b(?! (?:is|are|was|were|been)\b)"
            r"|\b(?:that|this|these|those) (?:batch|round|inspection|figure|number|one|province|place|team|"
            r"period|year|time)s?\b"
            r"|\b(?:compare|compared|than|with|about|to|of|for|does|did|is|was)\s+(?:that|this|these|those)\b"
            r"|\b(?:that|this)\s*[?.!]*$"
            r"|\bthe ones?\b(?=\s+(?:for|of|in|at|that|which|covering)\b)"  # "And the one for Shaanxi?"
            r"|两者|二者|[这那]两|[这那]里|[这那]儿|当地|[该这那]一?[批轮次省]",
            re.I,
        ),
        1.5,
    ),
    # "其中处级以上干部有多少人？", "Of those, how many were at division level?": a part of the last figure
    "subset": (
        re.compile(
            r"^\W*(?:of (?:those|them|these|whom|which|that number)|among (?:them|those|these|whom))\b"
            r"|^\W*(?:这其中|其中|当中)",
            re.I,
        ),
        2.0,
    ),
    # "大运河专项督察组进驻多长时间？", "When were the special teams stationed?": a team of the inspection
    "team": (
        re.compile(
            r"督察组|\b(?:special|routine|inspection|central)\s+(?:inspection\s+)?(?:teams?|groups?)\b"
            r"|^\W*(?:when|how long|how many days)\b.{0,40}\bthe\s+teams?\b",
            re.I,
        ),
        1.5,
    ),
    # "compare", "which of ... is higher", "more than"
    "comparison": (
        re.compile(
            r"\b(?:compare[ds]?|comparison|versus|vs|which of|higher|lower|more|fewer|less|larger|smaller|"
            r"bigger|most|least|difference|differ|total|sum|average|mean|together|combined|altogether)\b"
            r"|哪[个一]?.{0,4}[更最较]|更[多少高低大小]|比较|对比|相比|相差|差多少|多多少|少多少"
            r"|[和跟与同][^，。？?]{1,10}比|一共|合计|总共|平均|加起来",  # "和第四批比呢？", "两批一共多少？"
            re.I,
        ),
        0.5,
    ),
}
# "And in the fourth?", "And with the second?": an ordinal whose noun is the last turn's batch
_BARE_ORDINAL = re.compile(rf"\b(?:the\s+)?({ORDINAL_RE})\b(?!\s*(?:round|batch|group|look|pilot))", re.I)
# "Which is higher?", "哪个更多？": which of the inspections talked of (not "which province")
_WHICH_ONE = re.compile(
    r"^\W*which\s+(?:one\s+)?(?:is|was|had|has|did|reported)\b|^\W*哪(?:个|一个)(?!省|地|市|企业|家)", re.I
)
# words of the figure asked (what it counts, how it is qualified) rather than of a topic:
# "受理有效举报多少件？", "valid", "so far"
_FIGURE_WORDS = re.compile(
    r"有效|累计|截至目前|举报|信访|来信|来电|\bvalid\b|\bcumulative(?:ly)?\b|\bso far\b", re.I
)
ANSWERS_OF_NAMES = ("who", "when", "list")  # kinds whose answer names something, not a figure
FRAGMENT_WORDS = 4  # a question without a question frame and at most this many words is a fragment
WEIGHTS = {
    "fragment": 1.0,  # "Fines?", "In the fourth batch?"
    "one_side": 1.0,  # a comparison that names fewer than two inspections: "Compare with the third batch."
    "no_inspection": 1.0,  # no round, batch, phase, or place that picks an inspection
    "no_figure": 0.5,  # a "how many" question without the figure counted
    "only_figure_words": 0.5,  # nothing asked beyond a figure: "How many were detained?"
    "new_topic": -1.0,  # words of its own, about something the last turn did not speak of
}
ELLIPTICAL_AT = 1.5  # a score at least this leans on the last turn
MAX_TURNS = 8
MIN_COMPARED = 2  # inspections a comparison needs
FRAMES = ("quantity", "list", "when", "who")  # question kinds that say what answer is wanted


@dataclass(frozen=True)
class Resolution:
    """How one question was read in its conversation: the question to answer, what carried over from the
    last turn ("inspection", "inspections", "places", "figure", "kind"), and the scores behind it."""

    question: Question
    carried: tuple[str, ...] = ()
    score: float = 0.0
    evidence: tuple[tuple[str, float], ...] = ()  # (signal, weight) that made the score

    @property
    def standalone(self) -> bool:
        """True when nothing carried over."""
        return not self.carried


@dataclass
class Conversation:
    """The analysed questions of one conversation's last turns (the context follow-ups lean on)."""

    turns: list[Question] = field(default_factory=list)
    updated: float = field(default_factory=time.monotonic)  # time.monotonic() of the last turn
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def last(self) -> Question | None:
        """The last turn's question, as answered (with what it carried over)."""
        return self.turns[-1] if self.turns else None

    def follow(self, question: Question, prompts: Prompts) -> Resolution:
        """Read ``question`` in this conversation and record it as its last turn."""
        with self._lock:
            resolution = resolve(question, self.last, prompts, earlier=self.turns[:-1])
            self.turns = [*self.turns, resolution.question][-MAX_TURNS:]
            self.updated = time.monotonic()
        return resolution

    def clear(self) -> None:
        """Start afresh: no turn carries over into the next question."""
        with self._lock:
            self.turns = []
            self.updated = time.monotonic()


def _scopes(question: Question) -> list[InspectionScope]:
    """The inspections a question is about: its candidates, else its scope (none: the empty list)."""
    if question.candidates:
        return [scope for scope, _ in question.candidates]
    return [] if question.scope == InspectionScope() else [question.scope]


def _complete(scope: InspectionScope) -> bool:
    """True for a scope that names an inspection by itself (a batch needs its round or the look-back)."""
    return scope.round is not None or scope.phase is not None


def _own_words(question: Question, last: Question) -> tuple[str, ...]:
    """The question's specific words outside the figure it names and its cues, and not in the last turn
    ("Jinchangyu", "mine"; not "fines", "compare", "the two")."""
    text = question.text
    spans = [m.span() for metric in METRICS for m in metric.question.finditer(text)]
    spans += [m.span() for pattern, _ in CUES.values() for m in pattern.finditer(text)]
    spans += [m.span() for m in _FIGURE_WORDS.finditer(text)]
    rest = "".join(" " if any(a <= i < b for a, b in spans) else char for i, char in enumerate(text))
    words = set(specific_terms(content_terms(rest), (*question.provinces, *question.enterprises)))
    return tuple(term for term in question.specific if term in words and term not in last.terms)


def signals(question: Question, last: Question) -> dict[str, float]:
    """The ellipsis signals of ``question`` after ``last``, with their weights (their sum is the score)."""
    text = question.text
    found = {name: weight for name, (pattern, weight) in CUES.items() if pattern.search(text)}
    framed = question.kind in FRAMES or bool(_metrics(text)[0])
    if not framed and len(re.findall(r"[\w'-]+", text)) <= FRAGMENT_WORDS:
        found["fragment"] = WEIGHTS["fragment"]
    if not _scopes(question) and not question.provinces and not question.enterprises:
        found["no_inspection"] = WEIGHTS["no_inspection"]
    if question.kind == "quantity" and not question.metrics:
        found["no_figure"] = WEIGHTS["no_figure"]
    if "comparison" in found and len(find_scopes(text)) < MIN_COMPARED:
        found["one_side"] = WEIGHTS["one_side"]
    own = _own_words(question, last)
    if own or question.entities - last.names:
        found["new_topic"] = WEIGHTS["new_topic"]
    elif question.kind == "quantity":
        found["only_figure_words"] = WEIGHTS["only_figure_words"]
    return found


def stands_alone(question: Question) -> bool:
    """A question that names its own inspection and what it asks of it (a figure, a list, a date, a
    name) needs no context, whatever its wording."""
    complete = any(_complete(scope) for scope in _scopes(question))
    asks = question.kind in ("list", "when", "who") or bool(question.kind == "quantity" and question.metrics)
    return complete and asks and not _refers_to_place(question)


def _refers_to_place(question: Question) -> bool:
    """True when a question names no place but points at one ("Who led it in the second round?", "How
    many were detained there in 2019?"): the place of the turn before."""
    named = question.provinces or question.enterprises
    return not named and CUES["anaphor"][0].search(question.text) is not None


def resolve(
    question: Question, last: Question | None, prompts: Prompts, earlier: list[Question] | None = None
) -> Resolution:
    """``question`` completed from the ``last`` turn where it leans on it, with what carried over.
    ``earlier``: the turns before the last, oldest first; a comparison of "the two" whose last turn spoke
    of one inspection takes the other from the latest of them that spoke of another."""
    if last is None or stands_alone(question):
        return Resolution(question)
    question = _batch_of_ordinal(question, last)
    found = signals(question, last)
    score = round(sum(found.values()), 3)
    evidence = tuple(found.items())
    if score < ELLIPTICAL_AT:
        return Resolution(question, score=score, evidence=evidence)
    carried: list[str] = []
    updates: dict[str, object] = {}
    words: list[str] = []  # what carried over, in words, for retrieval

    # the inspection(s)
    previous = _scopes(last)
    own = [_completed(scope, last.scope) for scope in _scopes(question)]
    if not find_scopes(question.text) and any(scope in previous for scope in own):
        own = [scope for scope in own if scope in previous]  # places that fit the inspection talked of
    if own != _scopes(question):
        carried.append("inspection")
    which = _WHICH_ONE.search(question.text) is not None  # "Which is higher?", "哪个更多？"
    comparing = "comparison" in found and ("anaphor" in found or own or which) and previous
    if comparing and own and any(scope not in previous for scope in own):
        scopes = [*previous, *(scope for scope in own if scope not in previous)]
        carried.append("inspections")
    elif comparing and not own and len(previous) == 1 and (other := _other_inspection(previous, earlier)):
        scopes = [*previous, other]  # "Which of the two is higher?" after "And in the third batch?"
        carried.append("inspections")
    elif own:
        scopes = own
    else:  # none named, or only places ("What about Hebei?"): those of the last turn
        scopes = previous
        carried.extend(["inspection"] * bool(previous))
    if len(scopes) > 1:
        updates.update(scope=InspectionScope(), candidates=tuple((scope, 1.0) for scope in scopes))
    else:
        updates.update(scope=scopes[0] if scopes else InspectionScope(), candidates=())
    if "inspection" in carried or "inspections" in carried:
        words.extend(describe_scope(scope, prompts) for scope in scopes)

    # the places: those of the last turn, while it is the same inspection
    same = scopes == previous and not question.provinces and not question.enterprises
    if (same or _refers_to_place(question)) and (last.provinces or last.enterprises):
        updates.update(provinces=last.provinces, enterprises=last.enterprises)
        words.extend([*last.provinces, *last.enterprises])
        carried.append("places")

    # the kind of answer and the figure
    metrics, noun, percent_of = (
        (question.metrics, question.noun, question.percent_of)
        if question.kind == "quantity"
        else _metrics(question.text)
    )
    kind = question.kind
    subset = "subset" in found and last.kind == "quantity" and bool(last.metrics)
    if subset and all(METRIC_BY_ID[m].noun_metric for m in metrics):
        metrics = ()  # "其中处级以上干部有多少人？": a part of the last turn's figure, its words narrowing it
        kind = "quantity"
    if kind not in FRAMES:
        # "And the team for Hubei?" after a "who": a team named, no figure asked
        named_only = all(METRIC_BY_ID[m].noun_metric for m in metrics) and last.kind in ANSWERS_OF_NAMES
        kind = "quantity" if metrics and not named_only else last.kind
        updates.update(kind=kind, list_target=last.list_target if kind == "list" else None)
        if kind == "when":  # "And the one for Jiangsu?" after "When was the team stationed ...?": its event
            updates.update(terms=tuple(dict.fromkeys([*question.terms, *last.specific])))
        carried.append("kind")
    if kind == "quantity" and metrics:
        updates.update(metrics=metrics, noun=noun, percent_of=percent_of)
    elif kind == "quantity" and last.kind == "quantity" and last.metrics:
        updates.update(
            metrics=last.metrics,
            noun=last.noun,
            percent_of=last.percent_of,
            counted=last.counted,
            modifiers=question.modifiers if subset and question.modifiers else last.modifiers,
            topical=tuple(dict.fromkeys([*question.topical, *last.topical])),
            specific=tuple(dict.fromkeys([*question.specific, *last.specific])),
            terms=tuple(dict.fromkeys([*question.terms, *last.terms])),
        )
        words.extend(prompts.phrase(f"label.{metric}") for metric in last.metrics)
        carried.append("figure")
    if kind == "who" and last.kind == "who":  # "And in the first batch?", "Who led it in 2019?"
        words.extend(_person_asked_of(question, last, updates, carried))
    if not carried:
        return Resolution(question, score=score, evidence=evidence)
    text = question.text if not words else f"{question.text} ({'; '.join(words)})"
    effective = replace(question, text=text, on_topic=question.on_topic or last.on_topic, **updates)  # type: ignore[arg-type]
    return Resolution(effective, tuple(dict.fromkeys(carried)), score, evidence)


def _person_asked_of(
    question: Question, last: Question, updates: dict[str, object], carried: list[str]
) -> list[str]:
    """For a "who" follow-up on a "who" turn: the team it asks of is the last turn's (its place and its
    number), in whatever inspection it names; the words that carried over (``updates`` and ``carried``
    take the rest)."""
    words: list[str] = []
    own_place = question.provinces or question.enterprises
    if not own_place and "places" not in carried and (last.provinces or last.enterprises):
        updates.update(provinces=last.provinces, enterprises=last.enterprises)
        words.extend([*last.provinces, *last.enterprises])
        carried.append("places")
    for pattern in (TEAM_NAMED, DEPUTY_QUESTION, LEADER_QUESTION):  # "the fifth team", "deputy", "led"
        said = pattern.search(last.text)
        if said is not None and pattern.search(question.text) is None:
            # "who led": the frame too, for a reading of the completed text on its own
            frame = "who " if pattern is LEADER_QUESTION and said.group(0).isascii() else ""
            words.append(frame + said.group(0))
            carried.append("team")
    return words


def _batch_of_ordinal(question: Question, last: Question) -> Question:
    """ "And in the fourth?" after a question on a batch: the fourth batch (none when it names its own)."""
    bare = _BARE_ORDINAL.search(question.text)
    batched = [scope for scope in _scopes(last) if scope.batch is not None]
    if bare is None or find_scopes(question.text) or _scopes(question) or not batched:
        return question
    number = ordinal_value(bare.group(1))
    return replace(question, scope=InspectionScope(batch=number)) if number else question


def _other_inspection(
    previous: list[InspectionScope], earlier: list[Question] | None
) -> InspectionScope | None:
    """The inspection of the latest earlier turn that spoke of one inspection other than ``previous``."""
    for turn in reversed(earlier or []):
        scopes = _scopes(turn)
        if len(scopes) > 1:
            return None  # that turn compared already: "the two" are the last turn's
        if scopes and scopes[0] not in previous and _complete(scopes[0]):
            return scopes[0]
    return None


def _completed(scope: InspectionScope, last: InspectionScope) -> InspectionScope:
    """A batch named without its round, in the round (or look-back) of the last turn's inspection."""
    if _complete(scope) or scope.batch is None or last.phase == "pilot" or not _complete(last):
        return scope
    return InspectionScope(round=last.round, batch=scope.batch, phase=last.phase)
