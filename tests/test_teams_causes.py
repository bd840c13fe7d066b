"""Team questions over real-style team lists (tests/fixtures/teams/): each list entry binds its own place,
leader, deputy, name and stationing even where machine translation breaks it over lines; central
enterprises are team targets like provinces; a team covering two provinces ("一托二") names both; a
place's team is answered with the team's name; a per-province stationing list answers when a place's team
arrived and which place the batch's first team reached (its earliest date, not its first line); an
elliptical follow-up for another place of the same list keeps "who led". Phone numbers, post-office boxes
and postcodes are never answers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import SEED_DOCUMENTS, ask, engine_over

if TYPE_CHECKING:
    from bot.engine import AnswerEngine
    from index.embedder import Embedder

TEAMS = Path(__file__).parent / "fixtures" / "teams"
CONTACT_FIGURES = re.compile(r"0\d{2,3}-\d{7,8}|\b(?:638|450|18004|3622|1420|70)\b|450044|210014")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    """The real engine over the team lists and the seed articles."""
    articles = {path.name: path.read_text(encoding="utf-8") for path in sorted(TEAMS.iterdir())}
    articles.update(
        (path.name, path.read_text(encoding="utf-8")) for path in sorted(SEED_DOCUMENTS.glob("*.txt"))
    )
    return engine_over(articles, tmp_path_factory, embedder)


def _quoted(answer: object, doc_id: str) -> str:
    """The quotes of ``answer``'s citations from ``doc_id``, joined."""
    return " ".join(c.quote for c in answer.citations if c.doc_id == doc_id)  # type: ignore[attr-defined]


# ------------------------------------------------------------------ 1. entries broken over lines
@pytest.mark.parametrize(
    ("question", "name", "other"),
    [
        (
            "Who led the team that inspected Shandong in the fourth batch of the second round?",
            "Zhu Zhixin",
            "Ye Min",
        ),
        (
            "Who was the leader of the team for Hubei in the fourth batch of the second round?",
            "Xu Jingye",
            "",
        ),
        (
            "Who was deputy leader of the team for Guangdong in the second round's fourth batch?",
            "Zhai Qing",
            "Li Jiaxiang",
        ),
    ],
)
def test_broken_entry_binds_its_own_leader(
    engine: AnswerEngine, question: str, name: str, other: str
) -> None:
    answer = ask(engine, question)
    assert name in answer.answer
    assert not other or other not in answer.answer
    quote = _quoted(answer, "peopledaily-en-2021-08-25-r2b4-team-list")
    assert name in quote and "Leader" in quote  # the entry's own lines, not the whole list


# ------------------------------------------------------------------ 2. enterprises, leader vs deputy
def test_deputy_of_the_team_for_a_central_enterprise(engine: AnswerEngine) -> None:
    answer = ask(
        engine, "Who was the deputy leader of the team that inspected China Nonferrous Metal Mining Group?"
    )
    assert "Lin Shanqing" in answer.answer and "Song Xiuyan" not in answer.answer


def test_leader_of_the_team_for_a_central_enterprise(engine: AnswerEngine) -> None:
    answer = ask(engine, "Who headed the team sent to China National Gold Group in 2021?")
    assert "Yang Song" in answer.answer and "Li Shuming" not in answer.answer


# ------------------------------------------------------------------ 3. team numbers and names
def test_one_team_for_two_provinces_names_both_and_its_leader(engine: AnswerEngine) -> None:
    answer = ask(engine, "第二批“回头看”的第一组负责哪两个省份，组长是谁？")
    assert "辽宁" in answer.answer and "吉林" in answer.answer and "朱小丹" in answer.answer
    assert "翟青" not in answer.answer


def test_deputy_of_a_numbered_team_for_two_provinces(engine: AnswerEngine) -> None:
    answer = ask(engine, "第二批“回头看”第四组的副组长是谁？")
    assert "赵英民" in answer.answer and "李家祥" not in answer.answer
    assert "湖北" in answer.answer and "湖南" in answer.answer


def test_which_team_a_province_had_is_the_team_name(engine: AnswerEngine) -> None:
    answer = ask(engine, "负责江苏省的是哪个督察组？")
    assert "中央第四环境保护督察组" in answer.answer
    assert "河北" not in answer.answer  # not the list of provinces


def test_which_team_inspected_a_province_in_english(engine: AnswerEngine) -> None:
    answer = ask(engine, "Which team inspected Ningxia during the first batch of the look-back?")
    assert "Second Central Environmental Protection Inspection Team" in answer.answer


def test_the_fifth_group_is_team_number_five(engine: AnswerEngine) -> None:
    answer = ask(
        engine, "Which province did the Fifth Group inspect in the fourth batch of the second round?"
    )
    assert "Sichuan" in answer.answer and "Jilin" not in answer.answer


# ------------------------------------------------------------------ 4. per-province stationing lists
def test_when_a_provinces_team_was_stationed(engine: AnswerEngine) -> None:
    answer = ask(engine, "When was the look-back team stationed in Heilongjiang in 2018?")
    assert "May 30" in answer.answer and "June 5" not in answer.answer
    assert not CONTACT_FIGURES.search(answer.answer)


def test_when_a_provinces_team_was_stationed_in_chinese(engine: AnswerEngine) -> None:
    answer = ask(engine, "黑龙江的“回头看”督察组是哪天进驻的？")
    assert "5月30日" in answer.answer and "6月5日" not in answer.answer
    assert not CONTACT_FIGURES.search(answer.answer)


def test_first_team_of_the_batch_is_the_earliest_date(engine: AnswerEngine) -> None:
    answer = ask(
        engine, "Which province received the first team of the first look-back batch, and on what date?"
    )
    assert "Heilongjiang" in answer.answer and "May 30" in answer.answer
    assert "Hebei" not in answer.answer  # the list's first line, a day later


# ------------------------------------------------------------------ 5. elliptical follow-up
def test_follow_up_for_another_province_keeps_who_led(engine: AnswerEngine) -> None:
    from bot.engine.conversation import Conversation

    conversation = Conversation()
    first = ask(
        engine,
        "Who led the team that inspected Shandong in the fourth batch of the second round?",
        conversation,
    )
    assert "Zhu Zhixin" in first.answer
    answer = ask(engine, "And the one for Sichuan?", conversation)
    assert "Ma Zhongping" in answer.answer and "Zhu Zhixin" not in answer.answer


# ------------------------------------------------------------------ the entries themselves
def test_entries_of_a_wechat_list_keep_contacts_out(engine: AnswerEngine) -> None:
    from bot.engine.team_lists import read_entries

    view = engine.corpus.view("wechat-2018-06-06-lookback1-stationing-list")
    entries = {entry.places: entry for entry in read_entries(view)}
    assert entries[("Heilongjiang",)].team == 3
    assert entries[("Heilongjiang",)].name == "中央第三环境保护督察组"
    assert (entries[("Jiangsu",)].stationed.month, entries[("Jiangsu",)].stationed.day) == (6, 5)
    assert all("值班电话" not in view.text[e.start : e.end] for e in entries.values())


# ------------------------------------------------------------------ heads apart, "deputy team leader"
def test_deputy_team_leader_is_never_the_leader(engine: AnswerEngine) -> None:
    answer = ask(engine, "Who led the look-back team for Inner Mongolia in 2018?")
    assert "Wu Xinxiong" in answer.answer and "Zhai Qing" not in answer.answer
    deputy = ask(engine, "Who was the deputy team leader for Yunnan in the first batch of the look-back?")
    assert "Huang Runqiu" in deputy.answer and "Zhu Xiaodan" not in deputy.answer


def test_a_numbered_team_names_all_its_places(engine: AnswerEngine) -> None:
    answer = ask(engine, "Where did the Fifth Group go in the first batch of the look-back?")
    assert "Guangdong" in answer.answer and "Guangxi" in answer.answer


def test_follow_up_for_an_enterprise_keeps_deputy(engine: AnswerEngine) -> None:
    from bot.engine.conversation import Conversation

    conversation = Conversation()
    ask(
        engine,
        "Who was the deputy leader of the team for Shandong in the fourth batch of the second round?",
        conversation,
    )
    answer = ask(engine, "What about China National Gold Group?", conversation)
    assert "Li Shuming" in answer.answer and "Yang Song" not in answer.answer


def test_when_follow_up_for_another_province_keeps_the_stationing(engine: AnswerEngine) -> None:
    from bot.engine.conversation import Conversation

    conversation = Conversation()
    ask(engine, "When was the team stationed in Heilongjiang in the first look-back batch?", conversation)
    answer = ask(engine, "And the one for Jiangsu?", conversation)
    assert "June 5" in answer.answer and "May 30" not in answer.answer


# ------------------------------------------------------------------ a group of teams is a batch
_GROUP_OF_TEAMS = """China dispatches third group of central environmental inspection teams

People's Daily Online | 2017-04-25

Seven central environmental inspection teams start work this week in Tianjin, Shanxi, Liaoning, Anhui, \
Fujian, Hunan and Guizhou, the Ministry of Environmental Protection said on Monday.

The teams will stay in the seven provincial regions for about a month and take calls and letters from the \
public about pollution.
"""


def test_a_group_of_teams_is_a_batch_not_a_numbered_team(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder
) -> None:
    engine = engine_over({"peopledaily-2017-04-25-group.txt": _GROUP_OF_TEAMS}, tmp_path_factory, embedder)
    question = "Which seven provinces was the third group of central inspection teams sent to in 2017?"
    answer = ask(engine, question)
    assert answer.answered, answer.answer
    assert all(p in answer.answer for p in ("Tianjin", "Shanxi", "Guizhou")), answer.answer


def test_a_group_of_teams_has_no_team_number() -> None:
    from bot.engine.leaders import team_number

    assert team_number("The third group of central inspection teams went to Hebei and Jiangsu") is None
    assert team_number("the Third Central Environmental Protection Inspection Team") == 3
