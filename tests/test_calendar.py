"""The inspection calendar: the file validates, and questions that name provinces, enterprises, years or
dates instead of a batch resolve to the inspection they mean."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from index.meta.calendar import CalendarError, Inspection, load_calendar
from index.meta.gazetteer import XPCC
from index.models import InspectionScope


def test_the_file_lists_every_inspection_so_far() -> None:
    calendar = load_calendar()
    ids = [entry.id for entry in calendar.entries]
    assert ids[:7] == ["pilot", "r1b1", "r1b2", "r1b3", "r1b4", "lb1", "lb2"]
    assert ids[7:13] == [f"r2b{n}" for n in range(1, 7)]
    assert ids[13:] == [f"r3b{n}" for n in range(1, len(ids) - 12)]
    assert len(ids) >= 18
    for entry in calendar.entries:
        assert entry.sources, entry.id
        assert entry.provinces, entry.id


def test_each_round_covers_every_province() -> None:
    calendar = load_calendar()
    for round_ in (1, 2):
        covered = {p for entry in calendar.of_round(round_) for p in entry.provinces}
        if round_ == 1:
            covered |= set(calendar.get(InspectionScope(round=1, phase="pilot")).provinces)
        assert len(covered - {XPCC}) == 31, round_


@pytest.mark.parametrize(
    ("scope", "expected_id"),
    [
        (InspectionScope(round=1, phase="pilot"), "pilot"),
        (InspectionScope(phase="pilot"), "pilot"),
        (InspectionScope(phase="lookback", batch=2), "lb2"),
        (InspectionScope(round=2, batch=4), "r2b4"),
        (InspectionScope(round=3, batch=4), "r3b4"),
        (InspectionScope(round=2), None),
        (InspectionScope(round=9, batch=1), None),
    ],
)
def test_get(scope: InspectionScope, expected_id: str | None) -> None:
    entry = load_calendar().get(scope)
    assert (entry.id if entry else None) == expected_id


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ({"provinces": ["Guangxi", "Yunnan"], "years": [2021]}, "r2b3"),
        ({"provinces": ["Ningxia"], "years": [2016]}, "r1b1"),
        ({"provinces": ["Shanghai", "Fujian", "Hainan", "Chongqing", "Gansu", "Qinghai"]}, "r2b1"),
        ({"enterprises": ["Chinalco"]}, "r2b2"),
        ({"enterprises": ["China Datang"], "years": [2025]}, "r3b4"),
        ({"provinces": ["Hebei"], "years": [2018]}, "lb1"),
        ({"provinces": ["Hebei"], "on": dt.date(2016, 1, 20)}, "pilot"),
        ({"provinces": ["Beijing"], "years": [2025], "months": [11]}, "r3b5"),
        ({"on": dt.date(2024, 6, 11)}, "r3b2"),
    ],
)
def test_match_resolves_what_a_question_names(query: dict, best: str) -> None:
    candidates = load_calendar().match(**query)
    assert candidates and candidates[0][0].id == best
    scores = [score for _, score in candidates]
    assert scores == sorted(scores, reverse=True)
    assert all(score > 0 for score in scores)


def test_match_is_empty_when_nothing_is_named_or_nothing_fits() -> None:
    calendar = load_calendar()
    assert calendar.match() == []
    assert calendar.match(provinces=["Hebei"], on=dt.date(2015, 6, 1)) == []


def test_explain_gives_the_weighted_agreements() -> None:
    calendar = load_calendar()
    entry = calendar.get(InspectionScope(round=2, batch=3))
    parts = dict(calendar.explain(entry, provinces=["Guangxi", "Yunnan"], years=[2021]))
    assert parts["province_inspected"] == 4.0
    assert parts["year_stationed"] == 3.0
    best = calendar.match(provinces=["Guangxi", "Yunnan"], years=[2021])[0]
    assert best[1] == pytest.approx(sum(parts.values()))


def test_learned_batches_join_the_file_but_never_replace_it() -> None:
    new = Inspection(
        id="r3b7",
        scope=InspectionScope(round=3, batch=7),
        stationed_from=dt.date(2027, 4, 2),
        provinces=["Hainan", "Gansu"],
        learned_from="doc",
    )
    clash = Inspection(
        id="r2b4-copy", scope=InspectionScope(round=2, batch=4), stationed_from=dt.date(2030, 1, 1)
    )
    calendar = load_calendar([new, clash])
    assert calendar.get(InspectionScope(round=3, batch=7)) == new
    assert calendar.get(InspectionScope(round=2, batch=4)).stationed_from == dt.date(2021, 8, 26)
    assert calendar.match(provinces=["Hainan", "Gansu"], years=[2027])[0][0].id == "r3b7"
    assert load_calendar().get(InspectionScope(round=3, batch=7)) is None


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "- {id: x, round: 2, batch: 1, stationed_from: 2019-07-10, provinces: [Atlantis]}",
            "unknown provinces",
        ),
        ("- {id: x, round: 2, stationed_from: 2019-07-10}", "incomplete scope"),
        (
            "- {id: x, round: 2, batch: 1, stationed_from: 2019-07-10, stationed_to: 2019-07-01}",
            "stationed_to is before",
        ),
        (
            "- {id: x, round: 2, batch: 1, stationed_from: 2019-07-10}\n"
            "- {id: x, round: 2, batch: 2, stationed_from: 2020-08-27}",
            "duplicate id",
        ),
        (
            "- {id: a, round: 2, batch: 1, stationed_from: 2019-07-10}\n"
            "- {id: b, round: 2, batch: 1, stationed_from: 2020-08-27}",
            "duplicate scope",
        ),
    ],
)
def test_an_invalid_file_is_refused_in_one_line(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text(entry + "\n", encoding="utf-8")
    with pytest.raises(CalendarError, match=message) as info:
        load_calendar(path=path)
    assert "\n" not in str(info.value)


ANNOUNCEMENT = """Third round's seventh batch of central inspections launched

Xinhua News Agency, Beijing, April 3, 2027 -- With the approval of the central authorities, the seventh \
batch of the third round of central ecological and environmental protection inspections has been \
launched. Six inspection teams were stationed from April 2 to April 5, 2027 in Hainan, Gansu and \
Ningxia and in China Minmetals.
The teams will stay for about one month and take calls from the public every day.
"""


def test_an_article_announcing_a_new_batch_teaches_the_index(tmp_path: Path, embedder) -> None:
    from click.testing import CliRunner

    from bot.cli import cli
    from index.embedder import DEFAULT_MODEL
    from index.store import open_index

    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "r3b7-launch.txt").write_text(ANNOUNCEMENT, encoding="utf-8")
    args = ["index", "--documents", str(documents), "--index", str(tmp_path / "index")]
    env = {"INSPECTBOT_MODEL": DEFAULT_MODEL, "TELEGRAM_BOT_TOKEN": None}
    result = CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "learned round 3, batch 7 (stationed 2027-04-02; Hainan, Gansu, Ningxia, China Minmetals)" in (
        result.output
    )
    assert "from r3b7-launch" in result.output

    version = open_index(tmp_path / "index")
    assert version.documents["r3b7-launch"].meta.scope == InspectionScope(round=3, batch=7)
    learned = version.calendar.get(InspectionScope(round=3, batch=7))
    assert learned is not None and learned.learned_from == "r3b7-launch"
    assert (learned.stationed_from, learned.stationed_to, learned.teams) == (
        dt.date(2027, 4, 2),
        dt.date(2027, 4, 5),
        6,
    )
    # a question naming the places instead of the batch resolves to it
    assert version.calendar.match(provinces=["Hainan", "Gansu", "Ningxia"])[0][0].id == "r3b7"
    assert version.calendar.match(enterprises=["China Minmetals"], years=[2027])[0][0].id == "r3b7"
    assert load_calendar().get(InspectionScope(round=3, batch=7)) is None  # the file is unchanged


def test_a_broken_calendar_file_stops_the_index_in_one_line(tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    import index.meta.calendar as calendar_module
    from bot.cli import cli
    from index.embedder import DEFAULT_MODEL

    broken = tmp_path / "calendar.yaml"
    broken.write_text("- {id: x, round: 2, batch: 1, stationed_from: 2019-07-10, provinces: [Atlantis]}\n")
    monkeypatch.setattr(calendar_module, "CALENDAR_FILE", broken)
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "a.txt").write_text(ANNOUNCEMENT, encoding="utf-8")
    args = ["index", "--documents", str(documents), "--index", str(tmp_path / "index")]
    env = {"INSPECTBOT_MODEL": DEFAULT_MODEL, "TELEGRAM_BOT_TOKEN": None}
    result = CliRunner().invoke(cli, args, env=env)
    assert result.exit_code == 1
    assert "invalid inspection calendar" in result.output and "unknown provinces" in result.output
    assert "Traceback" not in result.output
