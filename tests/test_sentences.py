"""Sentence splitting: exact offsets on every article, and the tricky cases of the genre."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.text.loaders import load_article
from index.text.sentences import split_sentences

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted(
    [*(REPO_ROOT / "documents").glob("*.md"), *(REPO_ROOT / "tests" / "fixtures" / "articles").iterdir()]
)


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_offsets_are_exact_ordered_and_cover_all_text(path: Path) -> None:
    text = load_article(path, 5_000_000).text
    spans = split_sentences(text)
    assert spans
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        assert text[previous_end:start].strip() == ""  # nothing but whitespace between sentences
        previous_end = end
    assert text[previous_end:].strip() == ""


def test_seed_article_figures_stay_in_their_sentences() -> None:
    text = load_article(
        REPO_ROOT / "documents" / "2021-09-19-chinanews-round2-batch4-progress.md", 10**6
    ).text
    found = sentences(text)
    assert found[0] == "China News Service, September 19."  # the dateline is its own sentence
    as_of = next(s for s in found if s.startswith("As of 20:00"))
    assert as_of.endswith("accepted 18,347 valid reports.")
    # a long list-like sentence with semicolons is one sentence
    listing = next(s for s in found if "1,158 were filed for punishment" in s)
    assert listing.startswith("After sorting out and combining repeated reports")
    assert "40.06 million yuan; 40 cases" in listing
    assert listing.endswith("218 party and government leaders were held accountable.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "As of 20:00 on September 15, fines reached 40.06 million yuan. The rate was 73.2 percent.",
            ["As of 20:00 on September 15, fines reached 40.06 million yuan.", "The rate was 73.2 percent."],
        ),
        (
            "The No. 3 Sewage Treatment Plant was fined. Workers at No. 2 were not.",
            ["The No. 3 Sewage Treatment Plant was fined.", "Workers at No. 2 were not."],
        ),
        (
            "China Nonferrous Metal Mining (Group) Co., Ltd. Jinchang Branch was named. It paid.",
            ["China Nonferrous Metal Mining (Group) Co., Ltd. Jinchang Branch was named.", "It paid."],
        ),
        (
            "Hebei Steel Co., Ltd. The company was fined.",
            ["Hebei Steel Co., Ltd.", "The company was fined."],
        ),
        (
            "Officials from the U.S. Environmental Protection Agency visited on Jan. 5 with Dr. Li.",
            ["Officials from the U.S. Environmental Protection Agency visited on Jan. 5 with Dr. Li."],
        ),
        (
            "Heavy industries, e.g. Steel and cement, were checked. Then came J. R. Smith's report.",
            ["Heavy industries, e.g. Steel and cement, were checked.", "Then came J. R. Smith's report."],
        ),
        (
            'He said: "We will rectify it." The team left. "Good," she said.',
            ['He said: "We will rectify it."', "The team left.", '"Good," she said.'],
        ),
        (
            "It said the work was “solid and practical.” Progress followed.",
            ["It said the work was “solid and practical.”", "Progress followed."],
        ),
        (
            "Three people were held accountable. (Reporter Zhang Chi)",
            ["Three people were held accountable.", "(Reporter Zhang Chi)"],
        ),
        (
            "Some cases were exposed (see the list below.) Others are pending!  Really?",
            ["Some cases were exposed (see the list below.)", "Others are pending!", "Really?"],
        ),
        (
            "Inspection of Jilin; Shandong; Hubei; Guangdong; and Sichuan went on; all teams reported.",
            ["Inspection of Jilin; Shandong; Hubei; Guangdong; and Sichuan went on; all teams reported."],
        ),
        (
            "Teams checked mines, plants, landfills etc. The results were published.",
            ["Teams checked mines, plants, landfills etc.", "The results were published."],
        ),
        (
            "1. The teams arrived. 2. They left. (3) Cases were closed.",
            ["1. The teams arrived.", "2. They left.", "(3) Cases were closed."],
        ),
        (
            "At 8 p.m. on Monday the count closed.",
            ["At 8 p.m. on Monday the count closed."],
        ),
        (
            "截至9月15日20时，共收到群众来电来信22511件。其中，受理有效举报18347件！督察组表示：“将持续推进。”下一步",
            [
                "截至9月15日20时，共收到群众来电来信22511件。",
                "其中，受理有效举报18347件！",
                "督察组表示：“将持续推进。”",
                "下一步",
            ],
        ),
    ],
)
def test_tricky_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_paragraph_break_always_ends_a_sentence() -> None:
    text = "Third batch of third-round inspectors\nXinhua News Agency, November 2, 2024\n\nThe team arrived"
    assert sentences(text) == [
        "Third batch of third-round inspectors",
        "Xinhua News Agency, November 2, 2024",
        "The team arrived",
    ]


def test_hard_wrapped_lines_are_joined_but_offsets_stay_exact() -> None:
    text = "The inspection teams have verified a number of\nprominent issues, and verified\nothers. Next."
    assert sentences(text) == [
        "The inspection teams have verified a number of\nprominent issues, and verified\nothers.",
        "Next.",
    ]


def test_whitespace_around_sentences_is_excluded() -> None:
    text = "  \n  In the sinking work phase, teams went down.  \n\n   \n"
    [(start, end)] = split_sentences(text)
    assert text[start:end] == "In the sinking work phase, teams went down."


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []
