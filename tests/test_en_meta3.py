"""Which inspection an English article is about, and what its figures count, as real outlets write them.

The articles (tests/fixtures/realistic_meta3/, truth in tests/gold/realistic_meta3.yaml) are our own
sentences in the styles of Xinhua, China Daily and China News Service translations, with real figures. Each
test names the general cause it covers: a whole-round summary that calls its batches "rounds", a plan for
"a new round", the first round and its look-back summed together, a round's running count published while
one of its batches was stationed, a menu line above a Markdown heading, and figures worded as translations
word them ("Penalties were levied on N enterprises", "admonished", "persons punished", "transferred to the
police").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from index.models import InspectionScope
from index.text.documents import read_document
from tests.conftest import facts_of

HERE = Path(__file__).parent
ARTICLES = HERE / "fixtures" / "realistic_meta3"
GOLD = yaml.safe_load((HERE / "gold" / "realistic_meta3.yaml").read_text(encoding="utf-8"))["articles"]
LIMIT = 5_000_000


def test_every_article_has_its_true_metadata() -> None:
    assert set(GOLD) == {path.name for path in ARTICLES.iterdir()}


@pytest.mark.parametrize("name", sorted(GOLD))
def test_article_inspection_and_date(name: str) -> None:
    truth = GOLD[name]
    meta = read_document(ARTICLES / name, ARTICLES, LIMIT).meta
    assert meta.scope == InspectionScope(round=truth["round"], batch=truth["batch"], phase=truth["phase"])
    assert meta.date == truth["date"]


def test_batches_called_rounds_in_a_whole_round_summary_are_the_round() -> None:
    """ "The first round ... the fourth round" in 2017 names batches (no fourth round had begun): round 1."""
    meta = read_document(ARTICLES / "xinhua-2017-12-29-fourth-round-wraps-up.txt", ARTICLES, LIMIT).meta
    assert meta.scope == InspectionScope(round=1)
    assert any(item.kind == "batches_listed" for item in meta.scope_evidence)


def test_a_plan_for_a_new_round_is_that_round() -> None:
    meta = read_document(ARTICLES / "chinadaily-2019-06-18-new-round-plan.txt", ARTICLES, LIMIT).meta
    assert meta.scope == InspectionScope(round=2)
    assert any(item.kind == "planned_round" for item in meta.scope_evidence)


def test_a_new_round_launched_by_its_first_batch_stays_that_batch(tmp_path: Path) -> None:
    """A launch report ("a new round ... eight teams ... Shanghai, Fujian") is the batch, not the round."""
    path = tmp_path / "launch.txt"
    path.write_text(
        "A new round of central environmental inspections begins\n\n"
        "BEIJING, July 15, 2019 (Xinhua) -- A new round of central environmental inspections got under way "
        "as eight teams were stationed in Shanghai, Fujian, Hainan, Chongqing, Gansu and Qinghai.\n",
        encoding="utf-8",
    )
    assert read_document(path, tmp_path, LIMIT).meta.scope == InspectionScope(round=2, batch=1)


def test_the_first_round_and_its_lookback_summed_together_are_round_one() -> None:
    meta = read_document(ARTICLES / "xinhua-2018-12-28-first-round-and-lookback.txt", ARTICLES, LIMIT).meta
    assert meta.scope == InspectionScope(round=1)
    assert meta.scope != InspectionScope(phase="lookback", batch=2)


def test_a_rounds_running_count_is_the_round_not_the_batch_of_its_date() -> None:
    meta = read_document(ARTICLES / "xinhua-2020-09-15-second-round-so-far.txt", ARTICLES, LIMIT).meta
    assert meta.scope == InspectionScope(round=2)  # r2b2 was stationed that day


@pytest.mark.parametrize(
    "menu",
    ["Skip to content", "[Home](https://www.mee.gov.cn/) [News](https://www.mee.gov.cn/xwzx/)"],
)
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_menu_line_above_a_markdown_heading_is_not_the_title(
    tmp_path: Path, menu: str, suffix: str
) -> None:
    path = tmp_path / f"page{suffix}"
    path.write_text(
        f"{menu}\n\n# Central inspectors finish feedback for the third batch\n\nUpdated: 2021-07-21\n\n"
        "All eight teams of the third batch of the second round of central inspections have given their "
        "feedback to the provinces.\n",
        encoding="utf-8",
    )
    assert (
        read_document(path, tmp_path, LIMIT).meta.title
        == "Central inspectors finish feedback for the third batch"
    )


def _rows(tmp_path: Path, text: str) -> dict[str, tuple[str, str | None, float]]:
    return {row.phrase: (row.metric, row.place, row.value) for row in facts_of(tmp_path, "a.txt", text)}


def test_translated_figure_wordings_count_what_they_say(tmp_path: Path) -> None:
    rows = {
        (row.phrase, row.metric)
        for row in facts_of(
            tmp_path,
            "chinanews-2022-04-23-penalties-levied.txt",
            (ARTICLES / "chinanews-2022-04-23-penalties-levied.txt").read_text(encoding="utf-8"),
        )
    }
    assert ("1,127", "punishment") in rows  # "Penalties were levied on 1,127 enterprises"
    assert ("239", "interviewed") in rows  # "admonished 239 officials" (约谈)
    assert ("59", "investigation") in rows  # "placed on file for investigation"
    assert ("14,410", "received") in rows  # "tip-offs"


def test_persons_punished_are_held_accountable_and_the_police_get_cases(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "Third batch inspections end\n\nBEIJING, May 9, 2021 (Xinhua) -- In the third batch of the second "
        "round of central inspections, 844 persons were punished, and 160 cases were transferred to the "
        "police.\n",
    )
    assert rows["844"][0] == "accountable"
    assert rows["160"][0] == "police"


def test_a_total_since_the_start_of_the_inspections_is_no_batch_figure(tmp_path: Path) -> None:
    facts = facts_of(
        tmp_path,
        "a.txt",
        "First round ends\n\nBEIJING, Dec. 28, 2017 (Xinhua) -- The fourth batch of the first round of "
        "central "
        "inspections has finished its feedback. Since the start of the central inspections, 18,199 officials "
        "have been held accountable.\n",
    )
    row = next(row for row in facts if row.phrase == "18,199")
    assert row.inspection != "r1b4"


def test_event_days_are_not_the_publication_date(tmp_path: Path) -> None:
    meta = read_document(ARTICLES / "xinhua-2018-12-28-first-round-and-lookback.txt", ARTICLES, LIMIT).meta
    assert meta.date == dt.date(2018, 12, 28)


@pytest.mark.parametrize(
    "url",
    [
        "http://www.xinhuanet.com/english/2022-06/05/c_1310613.htm",
        "https://www.chinadaily.com.cn/a/202206/05/WS629c1a2ba310fd2b29e60d55.html",
    ],
)
def test_the_year_of_the_address_dates_a_dateline_with_none(tmp_path: Path, url: str) -> None:
    """A wire copy whose text states no year: the year its address's path carries (sidecar url)."""
    path = tmp_path / "central-inspectors-hebei.txt"
    path.write_text(
        "Central inspectors give feedback to Hebei\n\nSHIJIAZHUANG, June 5 (Xinhua) -- A central "
        "environmental inspection team gave feedback to north China's Hebei Province on Sunday, saying "
        "the province had been slow to curb pollution from steel plants.\n",
        encoding="utf-8",
    )
    sidecar = tmp_path / "central-inspectors-hebei.txt.meta.yaml"
    sidecar.write_text(f"url: {url}\n", encoding="utf-8")
    meta = read_document(path, tmp_path, LIMIT).meta
    assert meta.url is not None and meta.date == dt.date(2022, 6, 5)


def test_a_city_line_in_a_multi_province_article_carries_its_province(tmp_path: Path) -> None:
    """The shape of a city's line (its figure is for the test only): the city's province is its place."""
    facts = facts_of(
        tmp_path,
        "a.txt",
        "Third batch teams report progress\n\nBEIJING, May 9, 2021 (Xinhua) -- The third batch of the second "
        "round of central inspections covered Shanxi, Liaoning, Anhui, Jiangxi, Henan, Hunan, Guangxi and "
        "Yunnan.\n\nThe teams held 844 officials accountable in the eight provinces. In Kunming, 95 people "
        "were detained.\n",
    )
    places = {row.phrase: row.place for row in facts}
    assert places["844"] is None
    assert places["95"] == "Yunnan"


def test_a_yearless_dateline_during_a_stationing_picks_the_batch_and_its_year(tmp_path: Path) -> None:
    """A numbered team, one province inspected in three rounds, and a dateline with no year: the batch
    stationed there on that day of its own year (and the weekday named fits it) decides, and dates it."""
    path = tmp_path / "inspectors-fujian.txt"
    path.write_text(
        "Inspectors start handing over cases in Fujian\n\nFUZHOU, Nov. 28 (Xinhua) -- The central ecological "
        "and environmental protection inspection team No. 2, stationed in Fujian, has begun handing public "
        "complaints over to the province, local authorities said on Tuesday.\n",
        encoding="utf-8",
    )
    meta = read_document(path, tmp_path, LIMIT).meta
    assert meta.scope == InspectionScope(round=3, batch=1)
    assert meta.date == dt.date(2023, 11, 28)
    assert any(item.kind == "dateline_within_unyeared" for item in meta.scope_evidence)


@pytest.mark.parametrize(
    "sentence",
    ["Fines totalling 66 million yuan were imposed in 1,479 cases.", "Fines were imposed in 1,479 cases."],
)
def test_cases_fines_were_imposed_in_are_punishment_cases(tmp_path: Path, sentence: str) -> None:
    rows = _rows(
        tmp_path,
        "Second batch progress\n\nBEIJING, Dec. 14, 2016 (Xinhua) -- In the second batch of the first "
        f"round of central environmental inspections, 1,893 cases were filed. {sentence}\n",
    )
    assert rows["1,479"][0] == "punishment"


@pytest.mark.parametrize(
    ("sentence", "phrase", "metric"),
    [
        ("Some 1,127 enterprises were placed on file and punished.", "Some 1,127", "punishment"),
        ("A total of 2,575 cases were placed on file for punishment.", "A total of 2,575", "punishment"),
        ("In all, 844 people were asked for responsibility.", "844", "accountable"),
    ],
)
def test_placed_on_file_and_asked_for_responsibility(
    tmp_path: Path, sentence: str, phrase: str, metric: str
) -> None:
    rows = _rows(
        tmp_path,
        "Inspection results\n\nBEIJING, May 14, 2021 (Xinhua) -- The third batch of the second round of "
        f"central inspections has released its results. {sentence}\n",
    )
    assert rows[phrase][0] == metric


@pytest.mark.parametrize(
    "sentence",
    [
        "Since the central inspections began in 2016, more than 18,000 officials have been held accountable.",
        "So far, the central inspections have held 18,199 officials accountable across the country.",
    ],
)
def test_a_programme_total_in_a_batch_article_is_no_batch_figure(tmp_path: Path, sentence: str) -> None:
    facts = facts_of(
        tmp_path,
        "a.txt",
        "Fourth batch gives feedback\n\nBEIJING, Dec. 28, 2017 (Xinhua) -- The fourth batch of the first "
        f"round of central inspections has finished its feedback. {sentence}\n",
    )
    row = next(row for row in facts if row.metric == "accountable")
    assert row.inspection != "r1b4"
