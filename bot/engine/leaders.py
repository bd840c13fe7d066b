"""Who led the team for one province ("X省的督察组组长是谁？", "Who led the team for Hunan?"): the leader
named for that province's team, never a sentence listing every team's leader without saying which.

The evidence, weighed by ``EVIDENCE_SCORES`` (lower is better):
- "entry": a team list's entry for the province, over however many lines it runs ("Group\n2: Shandong
  Province\nLeader: Zhu Zhixin; Deputy leader: Ye Min;", bot.engine.team_lists);
- "own": a clause naming the province and its leader ("第一督察组（组长 许达哲）负责上海市", "第二组：浙江省，
  组长宋秀岩", "The team, led by Zhu Xiaodan, will stay in Yunnan", "said Huang Longyun, head of the team
  sent to Heilongjiang");
- "respectively": leaders and provinces listed in the same order in one sentence
  ("组长由陈润儿、许达哲……担任，分别负责对福建、河南……开展督察");
- "team": a team's number tied to the province in one clause ("中央第四生态环境保护督察组负责江西省") and to a
  leader in another ("中央第四督察组组长宋秀岩"), both quoted;
- "article": an article about that one province (in its title) naming the leader in passing
  ("督察组组长宋秀岩在动员会上讲话").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.engine.compose import Composer
from bot.engine.coverage import scope_key
from bot.engine.evidence import Corpus, DocumentView
from bot.engine.extract import Finding
from bot.engine.prompts import Prompts
from bot.engine.question import Question, person_asked
from index.meta.gazetteer import find_enterprises, find_provinces
from index.meta.ordinals import ORDINAL_RE, chinese_number, ordinal_value
from index.meta.scopes import scope_matches
from index.models import InspectionScope
from index.search import Searcher, SearchFilter
from index.text.chinese import fold

if TYPE_CHECKING:
    from bot.engine.team_lists import TeamLists

SEARCH_K = 8
EVIDENCE_SCORES = {"own": 0.0, "entry": 0.0, "respectively": 1.0, "team": 2.0, "article": 3.0}
RANK_WEIGHT = 0.1  # per retrieval rank of the article
ROLE_SCORE = (
    1.0  # a clause naming the person with a role word ("组长", "副部长") before one merely naming them
)
MAX_TEAM_PLACES = 2  # a team may inspect two provinces ("第一组：河北、河南"); more is a list of teams

LEADER_QUESTION = re.compile(
    r"\b(?:led|lead|leads|leading|headed|heads?|leaders?|chief|chaired|in charge)\b|组长|带队|率队|领队|牵头",
    re.IGNORECASE,
)
_ROLE_WORD = re.compile(
    r"组长|部长|主任|书记|局长|司长|省长|市长|主席|发言人|督察专员|head|minister|director", re.I
)
DEPUTY_QUESTION = re.compile(r"\bdeputy\b|\bvice\b|副组长", re.IGNORECASE)

_HAN_NAME = r"[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,2}?"
_NAME_END = (
    r"(?=同志|在|就|作|对|向|表示|说|指出|主持|讲话|带|率|一行|等|出席|强调|要求|担任|任|介绍|通报|称|"
    r"[，,。；;、：:）)\s]|$)"
)
# "组长许达哲", "组长 刘 伟", "组长：宋秀岩", "组长为X", "X任组长", "由X担任组长"
_CHINESE_LEADER = re.compile(
    rf"(?P<deputy>副)?组长(?:是|为|由)?\s*[:：]?\s*(?P<name>{_HAN_NAME}){_NAME_END}"
    rf"|(?:由|以|，|,|、|^|\s)(?P<name2>{_HAN_NAME})(?:同志)?(?:担任|任|为)(?P<deputy2>副)?组长"
    rf"|(?:由|，|,|、|^|\s)(?P<name3>{_HAN_NAME})(?:同志)?(?:带队|率队|率领|领衔)"
)
_EN_NAME = r"[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){1,2}"
_ENGLISH_LEADER = re.compile(
    rf"\b(?:led|headed)\s+by\s+(?P<name>{_EN_NAME})"
    rf"|\b(?P<name2>{_EN_NAME}),\s+(?:the\s+)?(?P<deputy2>deputy\s+|vice\s+)?(?:head|leader|chief)\s+of\b"
    rf"|\b(?:team\s+)?(?P<deputy3>[Dd]eputy\s+)?(?:team\s+)?(?:[Ll]eader|[Hh]ead|[Cc]hief)(?:\s+of\s+the\s+(?:[a-z]+\s+){{0,3}}team,?)?"
    rf"(?:\s*[:：])?\s+(?P<name3>{_EN_NAME})"
    rf"|\b(?P<name4>{_EN_NAME}),?\s+who\s+(?:leads|led|heads|headed)\b"
    rf"|\b(?P<name5>{_EN_NAME})(?:,[^,]{{3,80}},)?\s+(?:leads|led|heads|headed)\s+the\b"
)
# a list of leaders: "组长由吴新雄、朱之鑫、刘伟平……担任", "组长分别为A、B、C"
_LEADER_LIST = re.compile(
    rf"组长(?:分别)?(?:由|为|是)\s*(?P<names>{_HAN_NAME}(?:\s*、\s*{_HAN_NAME})+)(?=等|同志|担任|任|[，,。；;\s]|$)"
)
_LEAD_CUE = re.compile(r"\bled by\b|\bheaded by\b|\bleaders?\b|\bheads?\b|(?<!副)组长", re.IGNORECASE)
_BRACKETED = re.compile(
    rf"(?P<name>{_EN_NAME})\s*\((?P<place>[^()]{{2,40}})\)"
    rf"|(?P<name2>[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){{1,2}})\s*[（(](?P<place2>[^（）()]{{2,12}})[）)]"
)
_RESPECTIVELY = re.compile(r"分别|respectively", re.IGNORECASE)
_CLAUSE = re.compile(r"[；;\n]+")
_PIECE = re.compile(
    r"[，,；;。\n]+"
)  # a team tied to its place: "中央第四督察组负责江西省，中央第八督察组负责云南省"
_CN_TEAM = re.compile(
    r"(?:中央)?第(?P<n>[一二三四五六七八九十]+)(?:生态环境保护|环境保护|环保)?(?:督察)?组(?!长)"
)
# after "the third group": "of central inspection teams" (or of inspectors) makes it a batch, not team 3
NOT_GROUP_OF_TEAMS = r"(?!\s+of\s+(?:the\s+)?(?:[a-z]+\s+){0,3}?(?:inspectors|teams)\b)"
_EN_TEAM = re.compile(
    rf"\b(?P<ordinal>{ORDINAL_RE})\s+(?:(?:central|ecological|eco-environmental|environmental|and|protection|"
    r"inspection|supervision)\s+){0,6}(?:team|group)\b"
    + NOT_GROUP_OF_TEAMS
    + r"|\b(?:team|group)\s+(?:No\.?\s*)?(?P<number>\d{1,2})\b",
    re.IGNORECASE,
)
# a team as a list writes its name: "中央第四环境保护督察组", "the Fourth Central Environmental Protection
# Inspection Team"
TEAM_MENTION = re.compile(f"{_CN_TEAM.pattern}|{_EN_TEAM.pattern}", re.IGNORECASE)
# "the fifth team", "the second inspection group", "第五督察组": a numbered team as a question names it (its
# number counts within one batch)
TEAM_NAMED = re.compile(
    rf"\b(?:the\s+)?{ORDINAL_RE}\s+(?:[a-z]+\s+){{0,3}}?(?:team|group)\b"
    r"|(?:中央)?第[一二三四五六七八九十]+(?:生态环境保护|环境保护|环保)?(?:督察)?组(?!长)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Named:
    """A leader a clause names: who, whether as deputy, and the clause's span and team number."""

    name: str
    deputy: bool
    start: int
    end: int
    team: int | None


ScopeKey = tuple[int, int, int]
Span = tuple[str, int, int, int]  # (doc_id, sentence, start, end) of a quoted clause


def _complete(scope: InspectionScope) -> bool:
    return scope.batch is not None or scope.phase == "pilot"


@dataclass(frozen=True)
class Led:
    """The answer: the leader, the quoted spans (one or two), the evidence kind and its score."""

    name: str
    spans: tuple[Span, ...]
    scope: InspectionScope
    score: float


def asks_person(question: Question) -> bool:
    """True for a question on who a person named in Chinese is ("宋秀岩是谁？", "翟青担任什么职务？")."""
    return question.kind == "who" and bool(person_asked(question.text))


def asks_leader(question: Question) -> bool:
    """True for a "who" question on the leader (or deputy) of the team for one province."""
    return (
        question.kind == "who"
        and len((*question.provinces, *question.enterprises)) == 1
        and bool(LEADER_QUESTION.search(question.text))
    )


def named_places(text: str) -> list[str]:
    """The provinces and central enterprises ``text`` names, in order."""
    return find_provinces(text) + find_enterprises(text)


def team_number(text: str) -> int | None:
    """The number of the team ``text`` names ("中央第四生态环境保护督察组", "the fourth inspection team")."""
    found = _CN_TEAM.search(fold(text))
    if found is not None:
        return chinese_number(found.group("n"))
    english = _EN_TEAM.search(text)
    if english is None:
        return None
    return (
        ordinal_value(english.group("ordinal")) if english.group("ordinal") else int(english.group("number"))
    )


def named_leaders(text: str, offset: int = 0) -> list[Named]:
    """The leaders ``text`` names one by one, each with its clause (split at "；" and line ends)."""
    found = []
    folded = fold(text)
    position = 0
    for clause in _CLAUSE.split(folded):
        start = folded.index(clause, position)
        position = start + len(clause)
        team = team_number(clause)
        # a list of every team's leaders ("组长由A、B、C担任") names no one team's leader
        chinese = () if _LEADER_LIST.search(clause) else tuple(_CHINESE_LEADER.finditer(clause))
        for match in (*chinese, *_ENGLISH_LEADER.finditer(clause)):
            groups = match.groupdict()
            keys = ("name", "name2", "name3", "name4", "name5")
            name = next((groups[key] for key in keys if groups.get(key)), None)
            if name is None:
                continue
            deputy = any(groups.get(key) for key in ("deputy", "deputy2", "deputy3"))
            found.append(
                Named(
                    " ".join(name.split()) if name.isascii() else "".join(name.split()),
                    bool(deputy),
                    offset + start,
                    offset + start + len(clause),
                    team,
                )
            )
    return found


def _bracketed(text: str, place: str) -> str | None:
    """The leader a list of leaders names with the place in brackets ("The teams were led by Chen Runer
    (Fujian), ... Jiang Zhuoqing (Gansu)", "组长分别为陈润儿（福建）、……")."""
    if not _LEAD_CUE.search(text):
        return None
    for match in _BRACKETED.finditer(text):
        if named_places(match.group("place") or match.group("place2")) == [place]:
            name = match.group("name") or match.group("name2")
            return " ".join(name.split()) if name.isascii() else "".join(name.split())
    return None


def _respective(text: str, place: str) -> str | None:
    """The leader listed at the place's position in a sentence listing leaders and provinces in the same
    order ("组长由A、B、C担任，分别负责对甲、乙、丙……")."""
    listed = _LEADER_LIST.search(fold(text))
    if listed is None or not _RESPECTIVELY.search(text, listed.end()):
        return None
    names = ["".join(name.split()) for name in re.split(r"\s*、\s*", listed.group("names"))]
    places = named_places(text[listed.end() :])
    if len(places) != len(names) or place not in places:
        return None
    return names[places.index(place)]


class Leaders:
    """Answers who led (or was deputy head of) one province's team."""

    def __init__(self, searcher: Searcher, corpus: Corpus, prompts: Prompts, lists: TeamLists) -> None:
        self.searcher = searcher
        self.corpus = corpus
        self.prompts = prompts
        self.lists = lists

    def answer(self, question: Question, query: str) -> tuple[str, Composer] | None:
        """The reply and its composer (with the citations), or None when no article names the leader."""
        place = (*question.provinces, *question.enterprises)[0]
        deputy = bool(DEPUTY_QUESTION.search(question.text))
        wanted = question.scope
        ranks: dict[str, int] = {}
        for filters in (
            SearchFilter(wanted.round, wanted.batch, wanted.phase),
            SearchFilter(wanted.round, wanted.batch, wanted.phase, provinces=(place,)),
        ):
            for hit in self.searcher.search(
                query, k=SEARCH_K, filters=None if filters.is_empty() else filters
            ):
                ranks[hit.chunk.doc_id] = min(ranks.get(hit.chunk.doc_id, hit.rank), hit.rank)
        found: list[Led] = []
        teams: dict[
            tuple[InspectionScope, int], Span
        ] = {}  # (batch, team number) -> the clause naming its place
        loose: list[tuple[InspectionScope, Span, Named, float]] = []  # leaders named with no place
        for doc_id, rank in ranks.items():
            view = self.corpus.view(doc_id)
            found.extend(self._in_article(view, place, deputy, wanted, rank, teams, loose))
        for scope, span, named, base in loose:
            tie = teams.get((scope_key(scope), named.team)) if named.team is not None else None
            if tie is not None and _complete(scope):  # team numbers are counted within one batch
                ordered = tuple(sorted({tie, span}, key=lambda s: (s[0] != span[0], s[2])))
                found.append(Led(named.name, ordered, scope, base + EVIDENCE_SCORES["team"]))
        if not found:
            return None
        return self._reply(min(found, key=lambda led: led.score), place, deputy)

    def _in_article(
        self,
        view: DocumentView,
        place: str,
        deputy: bool,
        wanted: InspectionScope,
        rank: int,
        teams: dict[tuple[ScopeKey, int], Span],
        loose: list[tuple[InspectionScope, Span, Named, float]],
    ) -> list[Led]:
        """The ways this article names the leader of ``place``'s team on its own; the team numbers it ties
        to ``place`` and the leaders it names with no place are added to ``teams`` and ``loose``."""
        found: list[Led] = []
        doc_id = view.document.doc_id
        about = place in named_places(view.document.meta.title)
        base = RANK_WEIGHT * rank
        for entry in self.lists.entries(doc_id):  # a team list's entry, over however many lines it runs
            name = entry.deputy if deputy else entry.leader
            scope = view.scopes[entry.sentence]
            if (
                name
                and place in entry.places
                and (wanted == InspectionScope() or scope_matches(scope, wanted))
            ):
                span = (doc_id, entry.sentence, entry.start, entry.end)
                found.append(Led(name, (span,), scope, base + EVIDENCE_SCORES["entry"]))
        for i, (start, end) in enumerate(view.document.sentences):
            scope = view.scopes[i]
            if wanted != InspectionScope() and not scope_matches(scope, wanted):
                continue
            text = view.text[start:end]
            for named in named_leaders(text, start):
                if named.deputy != deputy:
                    continue
                span = (doc_id, i, named.start, named.end)
                places = named_places(view.text[named.start : named.end])
                if place in places and len(places) <= MAX_TEAM_PLACES:
                    found.append(Led(named.name, (span,), scope, base + EVIDENCE_SCORES["own"]))
                elif not places and named.team is not None:
                    loose.append((scope, span, named, base))
                elif not places and about:
                    found.append(Led(named.name, (span,), scope, base + EVIDENCE_SCORES["article"]))
            name = None if deputy else _bracketed(text, place)
            if name is not None:
                listed = ((doc_id, i, start, end),)
                found.append(Led(name, listed, scope, base + EVIDENCE_SCORES["own"]))
            name = None if deputy else _respective(text, place)
            if name is not None:
                found.append(
                    Led(name, ((doc_id, i, start, end),), scope, base + EVIDENCE_SCORES["respectively"])
                )
            for clause_start, clause_end in _clauses(view.text, start, end, _PIECE):
                clause = view.text[clause_start:clause_end]
                number = team_number(clause)
                if number is not None and named_places(clause) == [place]:
                    teams.setdefault((scope_key(scope), number), (doc_id, i, clause_start, clause_end))
        return found

    def person(self, question: Question, query: str) -> tuple[str, Composer] | None:
        """ "宋秀岩是谁？": the clause naming the person with a role (one team's line of a list of teams,
        not the whole list), quoted; None when no retrieved article names them."""
        name = person_asked(question.text)
        best: tuple[float, Finding] | None = None
        for hit in self.searcher.search(query, k=SEARCH_K):
            view = self.corpus.view(hit.chunk.doc_id)
            for i, (start, end) in enumerate(view.document.sentences):
                for clause_start, clause_end in _clauses(view.text, start, end):
                    clause = view.text[clause_start:clause_end]
                    if name not in "".join(fold(clause).split()):
                        continue
                    score = RANK_WEIGHT * hit.rank - ROLE_SCORE * bool(_ROLE_WORD.search(clause))
                    if best is None or score < best[0]:
                        text = clause.strip().rstrip("。；;，,")
                        best = (
                            score,
                            Finding(
                                view.document.doc_id,
                                i,
                                view.scopes[i],
                                (clause_start, clause_end),
                                score,
                                "",
                                text=text,
                            ),
                        )
        if best is None:
            return None
        composer = Composer(self.corpus, self.prompts)
        return composer.clause(best[1]), composer

    def _reply(self, led: Led, place: str, deputy: bool) -> tuple[str, Composer]:
        composer = Composer(self.corpus, self.prompts)
        numbers = [
            composer.cite(Finding(doc_id, i, led.scope, (start, end), led.score, ""))
            for doc_id, i, start, end in led.spans
        ]
        key = "leader.deputy" if deputy else "leader"
        said = self.prompts.phrase(key, place=self.prompts.place(place), name=self.prompts.person(led.name))
        if led.scope != InspectionScope():
            said = self.prompts.form("lead", intro=composer.intro(led.scope), said=said)
        else:
            said = said[0].upper() + said[1:]
        cited = said
        for n in numbers:
            cited = self.prompts.form("cited", text=cited, n=str(n))
        return self.prompts.form("sentence", text=cited), composer


def _clauses(
    text: str, start: int, end: int, splitter: re.Pattern[str] | None = None
) -> list[tuple[int, int]]:
    """The clauses of ``text[start:end]`` split at "；" and line ends (or at ``splitter``), as spans."""
    spans = []
    position = start
    for match in (splitter or _CLAUSE).finditer(text, start, end):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, end))
    return [(s, e) for s, e in spans if e > s]
