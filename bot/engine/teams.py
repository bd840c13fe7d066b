"""Questions that name an inspection team by its number or its leader instead of the place it inspected
("第三轮第二批第四督察组的组长是谁？", "李锦斌带领的督察组负责哪个省？", "How many cases did the team led by
Li Jinbin file?"): the place is read from the team's own line of a team list ("第四督察组（组长 李锦斌）负责
湖北省", "第二组：浙江省，组长宋秀岩", "中央第四生态环境保护督察组负责江西省"), then the question is answered
as one about that place's team; a question asking which place the team inspected is answered with it, quoted.

The lines are weighed by ``LINE_SCORES`` (lower is better) plus the article's retrieval rank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.engine.compose import Composer
from bot.engine.evidence import Corpus
from bot.engine.extract import Finding
from bot.engine.leaders import (
    DEPUTY_QUESTION,
    LEADER_QUESTION,
    MAX_TEAM_PLACES,
    NOT_GROUP_OF_TEAMS,
    named_leaders,
    named_places,
    team_number,
)
from bot.engine.pinyin import same_person
from bot.engine.prompts import ENGLISH, Prompts
from bot.engine.question import Question, analyse, group_batch
from bot.engine.team_lists import TeamLists
from index.meta.calendar import Calendar
from index.meta.scopes import scope_matches
from index.models import InspectionScope
from index.search import Searcher, SearchFilter
from index.text.chinese import fold, has_chinese

SEARCH_K = 8
LINE_SCORES = {"leader": 0.0, "number": 0.5, "tied": 1.0}  # the leader asked, the number, the leader's number
ENTRY_BONUS = 0.25  # a team list's entry binds all of one team's fields (places, leader, deputy)
PLACE_WEIGHT = 1.0  # per place a line gives the same team (a fuller line of its list over a partial one)
RANK_WEIGHT = 0.1

_HAN_NAME = r"[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,2}?"
_TEAM_NOUN = r"(?:中央)?(?:生态环境保护|环境保护|环保)?督察组"
# "李锦斌带领的督察组", "由刘伟率领的中央督察组", "组长为宋秀岩的督察组"; "the team led by Li Jinbin"
_LED_TEAM = re.compile(
    rf"(?:^|(?<=[由以是，,、：:\s]))(?P<cn>{_HAN_NAME})(?:同志)?(?:带领|带队|率领|率队|领衔|任组长|担任组长)的"
    rf"(?:{_TEAM_NOUN}|组)?"
    rf"|组长(?:为|是)\s*(?P<cn2>{_HAN_NAME})的(?:{_TEAM_NOUN}|组)?"
    r"|\b(?:the\s+)?(?:inspection\s+)?team\s+(?:led|headed)\s+by\s+(?P<en>[A-Z][a-z]+(?:\s[A-Z][a-z]+|-[a-z]+){1,2})"
    r"|\b(?P<en2>[A-Z][a-z]+\s[A-Z][a-z]+)'s\s+(?:inspection\s+)?team\b"
)
# "第四督察组", "中央第四生态环境保护督察组"; "the fourth (central inspection) team", "team No. 4"
_NUMBERED_TEAM = re.compile(
    r"(?:中央)?第[一二三四五六七八九十]+(?:生态环境保护|环境保护|环保)?(?:督察)?组(?!长)"
    r"|\b(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+"
    r"(?:(?:central|environmental|protection|inspection)\s+){0,3}(?:team|group)\b"
    + NOT_GROUP_OF_TEAMS
    + r"|\b(?:team|group)\s+(?:No\.?\s*)?\d{1,2}\b",
    re.IGNORECASE,
)
_PLACE_TEAM = {"zh": "{place}的督察组", ENGLISH: "the team for {place}"}  # the question, rewritten
_WHICH_PLACE = re.compile(
    r"哪[个两几一些]?个?省|哪个地方|哪个中央企业|哪家|哪些地方"
    r"|\bwhich\s+(?:two\s+)?(?:provinces?|places?|regions?|enterprises?|compan(?:y|ies))"
    r"|\bwhere\s+did\b",
    re.I,
)
# "received the first team", "哪个省最先迎来督察组": the earliest arrival a list dates, not team No. 1
FIRST_ARRIVAL = re.compile(
    r"\b(?:received|welcomed|hosted|got)\s+the\s+first\s+(?:\w+\s+){0,3}?(?:team|group)"
    r"|\bfirst\s+to\s+(?:receive|host|welcome|be\s+(?:visited|inspected))"
    r"|\b(?:arrived|stationed|entered)\s+(?:\w+\s+)?first\b|\bfirst\s+(?:province|place|region)\b"
    r"|最先|最早|首先进驻|第一个进驻|首个进驻|第一站",
    re.I,
)


@dataclass(frozen=True)
class TeamAsked:
    """The team a question names: its number or its leader, and where the question names it."""

    number: int | None
    leader: str
    start: int
    end: int


@dataclass(frozen=True)
class TeamLine:
    """The clause tying a team (number, leader) to the place it inspected."""

    place: str
    leader: str
    doc_id: str
    sentence: int
    start: int
    end: int
    scope: InspectionScope
    score: float
    also: tuple[tuple[int, int, int], ...] = ()  # (sentence, start, end) of the leader's clause elsewhere
    places: tuple[str, ...] = ()  # every place the team's line gives ("第一组：辽宁、吉林"), when several
    deputy: str = ""


def team_asked(text: str) -> TeamAsked | None:
    """The team ``text`` names by its leader or its number, or None."""
    led = _LED_TEAM.search(text)
    if led is not None:
        name = next(g for g in (led.group("cn"), led.group("cn2"), led.group("en"), led.group("en2")) if g)
        return TeamAsked(None, "".join(name.split()) if not name.isascii() else name, led.start(), led.end())
    numbered = _NUMBERED_TEAM.search(text)
    if numbered is not None:
        number = team_number(numbered.group(0))
        if number is not None:
            return TeamAsked(number, "", numbered.start(), numbered.end())
    return None


def _no_team(question: Question, asked: TeamAsked) -> bool:
    """True when the team ``asked`` names by number is no team of one batch: the question names no batch,
    or its words are the batch itself ("Which provinces did the third group inspect?": the third batch)."""
    if asked.number is None:
        return False
    group = group_batch(question.text)
    batch_named = group is not None and group.start() < asked.end and asked.start < group.end()
    return question.scope.batch is None or batch_named


class Teams:
    """Reads the place of a team a question names by number or leader, from the articles."""

    def __init__(
        self,
        searcher: Searcher,
        corpus: Corpus,
        prompts: Prompts,
        calendar: Calendar | None,
        lists: TeamLists,
    ) -> None:
        self.searcher = searcher
        self.corpus = corpus
        self.prompts = prompts
        self.calendar = calendar
        self.lists = lists

    def resolve(self, question: Question) -> tuple[Question, TeamLine | None]:
        """The question read as one about the place of the team it names (unchanged when it names a place,
        no team, or a team no article places), with the line that places the team."""
        if question.provinces or question.enterprises or FIRST_ARRIVAL.search(question.text):
            return question, None
        asked = team_asked(question.text)
        if asked is None or _no_team(question, asked):
            return question, None  # team numbers count within one batch
        line = self._line(question, asked)
        if line is None:
            return question, None
        language = "zh" if has_chinese(question.text[asked.start : asked.end]) else ENGLISH
        team = _PLACE_TEAM[language].format(place=self.prompts.in_language(language).place(line.place))
        return analyse(question.text[: asked.start] + team + question.text[asked.end :], self.calendar), line

    def unplaced(self, question: Question) -> bool:
        """True for a question on who led, or where went, a team it names by number or leader that no
        article places (the engine refuses rather than quote a list of every team's leaders)."""
        named = question.provinces or question.enterprises or FIRST_ARRIVAL.search(question.text)
        asked = None if named else team_asked(question.text)
        if asked is None or _no_team(question, asked):
            return False
        return (question.kind == "who" and bool(LEADER_QUESTION.search(question.text))) or self.asks_place(
            question
        )

    def asks_place(self, question: Question) -> bool:
        """True for a question on which place the team it names inspected."""
        return bool(_WHICH_PLACE.search(question.text)) or question.kind == "list"

    def answers_itself(self, question: Question, line: TeamLine) -> bool:
        """True when the team's line is the answer: the place asked, or the leader (or deputy) asked of a
        team that inspected several places ("第三组的副组长是谁？": "第三督察组负责安徽和山东，副组长是
        翟青")."""
        deputy = bool(DEPUTY_QUESTION.search(question.text))
        leader = line.deputy if deputy else line.leader
        several = len(line.places) > 1 and bool(leader) and bool(LEADER_QUESTION.search(question.text))
        return self.asks_place(question) or several

    def answer_place(self, original: Question, line: TeamLine) -> tuple[str, Composer]:
        """ "In ..., the team led by X (romanised) inspected Hubei [1]." with the team's line quoted (and
        the leader's own clause, when another clause places the team)."""
        composer = Composer(self.corpus, self.prompts)
        spans = [(line.sentence, line.start, line.end), *line.also]
        numbers = [
            composer.cite(Finding(line.doc_id, sentence, line.scope, (start, end), line.score, ""))
            for sentence, start, end in spans
        ]
        asked = team_asked(original.text)
        if asked is not None and asked.leader:
            team = self.prompts.phrase("team.led", name=self.prompts.person(line.leader))
        else:
            number = self.prompts.ordinal(asked.number if asked is not None and asked.number else 0)
            team = self.prompts.phrase("team.numbered", number=number)
        quote = composer.citations[numbers[0] - 1].quote
        place = self.prompts.join([self.prompts.place(name, quote) for name in line.places or (line.place,)])
        said = self.prompts.phrase("team.place", team=team, place=place)
        deputy = bool(DEPUTY_QUESTION.search(original.text))
        leader = line.deputy if deputy else line.leader
        if leader and not (asked is not None and asked.leader) and LEADER_QUESTION.search(original.text):
            key = "team.place.deputy" if deputy else "team.place.leader"  # "…负责哪两个省份，组长是谁？"
            said = self.prompts.phrase(key, said=said, name=self.prompts.person(leader))
        if line.scope != InspectionScope():
            said = self.prompts.form("lead", intro=composer.intro(line.scope), said=said)
        else:
            said = said[0].upper() + said[1:]
        for n in numbers:
            said = self.prompts.form("cited", text=said, n=str(n))
        return self.prompts.form("sentence", text=said), composer

    def _line(self, question: Question, asked: TeamAsked) -> TeamLine | None:
        """The best line placing the team asked, in the articles retrieved for the question's inspection."""
        wanted = question.scope
        filters = SearchFilter(wanted.round, wanted.batch, wanted.phase)
        ranks: dict[str, int] = {}
        for hit in self.searcher.search(
            question.text, k=SEARCH_K, filters=None if filters.is_empty() else filters
        ):
            ranks[hit.chunk.doc_id] = min(ranks.get(hit.chunk.doc_id, hit.rank), hit.rank)
        lines = [
            line for doc_id, rank in ranks.items() for line in self._in_article(doc_id, rank, wanted, asked)
        ]
        # the line naming more of the team's places first ("5: Guangdong and Guangxi" over "Guangdong: the
        # Fifth ... Team")
        return min(lines, key=lambda line: line.score - PLACE_WEIGHT * len(line.places), default=None)

    def _in_article(
        self, doc_id: str, rank: int, wanted: InspectionScope, asked: TeamAsked
    ) -> list[TeamLine]:
        """The lines of one article placing the team asked: a leader's or number's own line, a number's
        clause with no leader, and a leader named with a team number that another clause places."""
        view = self.corpus.view(doc_id)
        lines: list[TeamLine] = []
        unplaced: list[tuple[int, str, tuple[int, int, int]]] = []  # (team number, leader, clause)
        sentences = [
            (i, start, end, view.scopes[i])
            for i, (start, end) in enumerate(view.document.sentences)
            if wanted == InspectionScope() or scope_matches(view.scopes[i], wanted)
        ]
        for i, start, end, scope in sentences:
            for named in named_leaders(view.text[start:end], start):
                places = named_places(view.text[named.start : named.end])
                by_leader = bool(asked.leader) and same_person(named.name, asked.leader)
                by_number = asked.number is not None and named.team == asked.number
                if named.deputy or not (by_leader or by_number):
                    continue
                if 0 < len(places) <= MAX_TEAM_PLACES:
                    score = LINE_SCORES["leader" if by_leader else "number"] + RANK_WEIGHT * rank
                    lines.append(
                        TeamLine(
                            places[0],
                            named.name,
                            doc_id,
                            i,
                            named.start,
                            named.end,
                            scope,
                            score,
                            places=tuple(places),
                        )
                    )
                elif not places and named.team is not None:
                    unplaced.append((named.team, named.name, (i, named.start, named.end)))
            if asked.number is not None:
                lines.extend(self._numbered(view.text, start, end, asked.number, (doc_id, i, scope, rank)))
        for entry in self.lists.entries(doc_id):  # a team list's entry, over however many lines it runs
            scope = view.scopes[entry.sentence]
            if wanted != InspectionScope() and not scope_matches(scope, wanted):
                continue
            by_leader = bool(asked.leader and entry.leader) and same_person(entry.leader, asked.leader)
            by_number = asked.number is not None and entry.team == asked.number
            if by_leader or by_number:
                score = LINE_SCORES["leader" if by_leader else "number"] + RANK_WEIGHT * rank - ENTRY_BONUS
                lines.append(
                    TeamLine(
                        entry.places[0],
                        entry.leader,
                        doc_id,
                        entry.sentence,
                        entry.start,
                        entry.end,
                        scope,
                        score,
                        places=entry.places,
                        deputy=entry.deputy,
                    )
                )
        for number, name, clause in unplaced:  # "第八督察组组长焦焕成表示" + "中央第八督察组负责云南省"
            for i, start, end, scope in sentences:
                tied = self._numbered(view.text, start, end, number, (doc_id, i, scope, rank))
                lines.extend(
                    replace(line, leader=name, score=line.score + LINE_SCORES["tied"], also=(clause,))
                    for line in tied
                )
        return lines

    @staticmethod
    def _numbered(
        text: str, start: int, end: int, number: int, where: tuple[str, int, InspectionScope, int]
    ) -> list[TeamLine]:
        """Clauses tying the team number to one place with no leader ("中央第四督察组负责江西省")."""
        doc_id, i, scope, rank = where
        found = []
        position = start
        for piece in re.split(r"[，,；;。\n]", text[start:end]):
            at = text.index(piece, position) if piece else position
            position = at + len(piece)
            places = named_places(piece)
            if piece and team_number(fold(piece)) == number and 0 < len(places) <= MAX_TEAM_PLACES:
                score = LINE_SCORES["number"] + 0.5 + RANK_WEIGHT * rank
                found.append(TeamLine(places[0], "", doc_id, i, at, at + len(piece), scope, score))
        return found
