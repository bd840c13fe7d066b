"""A synthetic corpus of short inspection articles generated from templates, and questions about it.

Every article names a round and batch (or the Hebei pilot / a look-back batch), provinces, a central
enterprise, dates and figures in the formats real articles use ("1,158", "40.06 million yuan", "3866").
One article in SUMMARY_EVERY is a batch's summary instead: the whole batch's figures (the same in every
summary of that batch), which the facts table files under the whole inspection, so questions across
inspections (totals, differences, rankings of batches) have whole-batch figures to work on.
Generation is deterministic for a given seed.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from pathlib import Path

PROVINCES = [
    "Beijing", "Tianjin", "Hebei", "Shanxi", "Inner Mongolia", "Liaoning", "Jilin", "Heilongjiang",
    "Shanghai", "Jiangsu", "Zhejiang", "Anhui", "Fujian", "Jiangxi", "Shandong", "Henan", "Hubei",
    "Hunan", "Guangdong", "Guangxi", "Hainan", "Chongqing", "Sichuan", "Guizhou", "Yunnan", "Tibet",
    "Shaanxi", "Gansu", "Qinghai", "Ningxia", "Xinjiang",
]  # fmt: skip
ENTERPRISES = [
    "China National Gold Group", "China Nonferrous Metal Mining Group", "China Huadian", "CHN Energy",
    "Ansteel", "China Baowu", "China Coal Energy", "Sinochem Holdings", "China Minmetals",
    "China Three Gorges Corporation", "State Power Investment Corporation",
    "China National Chemical Engineering Group",
]  # fmt: skip
OUTLETS = ["China News Service", "Xinhua News Agency", "The Paper", "Beijing News", "People's Daily"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh"]
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
FINDINGS = [
    "discharged untreated wastewater into a river",
    "dumped tailings next to a reservoir",
    "ran a landfill whose leachate treatment plant was not working",
    "built on protected wetland without approval",
    "falsified its emissions monitoring data",
    "mined illegally inside a nature reserve",
]


@dataclass(frozen=True)
class Article:
    """One generated article and the facts questions can be asked about."""

    name: str
    text: str
    scope: str  # as questions name it, e.g. "the fourth batch of the second round"
    province: str
    punished: int
    detained: int


INSPECTIONS = "central ecological and environmental protection inspections"
SUMMARY_EVERY = 10


def _scope(rng: random.Random) -> tuple[str, str]:
    """(phrase in the article, shorter phrase for questions)."""
    kind = rng.random()
    if kind < 0.05:
        return "the central environmental protection inspection pilot", "the Hebei pilot"
    if kind < 0.15:
        batch = rng.choice(ORDINALS[:2])
        return f"the {batch} batch of the central inspection look-back", f"the {batch} look-back batch"
    batch, round_ = rng.choice(ORDINALS), rng.choice(ORDINALS[:3])
    return (
        f"the {batch} batch of the {round_} round of {INSPECTIONS}",
        f"the {batch} batch of the {round_} round",
    )


def _figure(value: int, rng: random.Random) -> str:
    """``value`` with thousands separators, or now and then without ("3866")."""
    return str(value) if rng.random() < 0.15 else f"{value:,}"


def make_article(i: int, rng: random.Random) -> Article:
    """Article number ``i``: 4 or 5 short sentences (dateline included), or a batch summary."""
    scope, short_scope = _scope(rng)
    if i % SUMMARY_EVERY == SUMMARY_EVERY // 2 and "pilot" not in scope:
        return _summary(i, scope, short_scope, rng)
    year = rng.randint(2016, 2025)
    month = rng.randrange(12)
    day = rng.randint(1, 25)
    provinces = ["Hebei"] if "pilot" in scope else rng.sample(PROVINCES, rng.randint(1, 4))
    received = rng.randint(500, 40000)
    enterprise = rng.choice(ENTERPRISES)
    punished, detained = rng.randint(5, 9000), rng.randint(0, 700)
    fine = f"{rng.randint(1, 900)}.{rng.randint(0, 99):02d} million yuan"
    sentences = [
        f"{rng.choice(OUTLETS)}, {MONTHS[month]} {day + 3}. Teams of {scope} were stationed in "
        f"{', '.join(provinces)} and in {enterprise} from {MONTHS[month]} {day} to "
        f"{MONTHS[month]} {day + 2}, {year}.",
        f"As of {MONTHS[(month + 1) % 12]} {day}, the teams had received {_figure(received, rng)} reports "
        f"from the public and transferred {_figure(rng.randint(received // 3, received), rng)} of them.",
        f"The inspected parties filed {punished:,} cases for punishment with fines of {fine} and detained "
        f"{detained} people.",
    ]
    extra = rng.random()
    if extra < 0.2:
        sentences.append(
            f"They interviewed {_figure(rng.randint(10, 4000), rng)} officials and held "
            f"{_figure(rng.randint(5, 3000), rng)} people accountable."
        )
    elif extra < 0.4:
        sentences.append(
            f"In {provinces[0]}, inspectors found that a subsidiary of {enterprise} {rng.choice(FINDINGS)}."
        )
    text = " ".join(sentences) + "\n"
    return Article(f"synthetic-{i:05d}.txt", text, short_scope, provinces[0], punished, detained)


def _summary(i: int, scope: str, short_scope: str, rng: random.Random) -> Article:
    """A batch's summary: the provinces it covered and its figures as a whole. The figures come from the
    batch alone (every summary of a batch states the same ones); the outlet, date and provinces vary."""
    whole = random.Random(zlib.crc32(scope.encode()))
    received, punished, detained = (
        whole.randint(5000, 90000),
        whole.randint(500, 20000),
        whole.randint(10, 900),
    )
    transferred = whole.randint(received // 2, received)
    fine = f"{whole.randint(100, 2000)}.{whole.randint(0, 99):02d} million yuan"
    provinces = rng.sample(PROVINCES, rng.randint(3, 6))
    month, day = rng.randrange(12), rng.randint(1, 25)
    text = (
        f"{rng.choice(OUTLETS)}, {MONTHS[month]} {day}. The teams of {scope} have completed their work in "
        f"{', '.join(provinces[:-1])} and {provinces[-1]}. Over the whole batch, the teams received "
        f"{received:,} reports from the public and transferred {transferred:,} of them. Across the batch, "
        f"{punished:,} cases were filed for punishment with fines of {fine}, and {detained} people were "
        "detained.\n"
    )
    return Article(f"synthetic-{i:05d}.txt", text, short_scope, provinces[0], punished, detained)


def generate(n: int, seed: int = 7) -> list[Article]:
    """The first ``n`` articles of the corpus for ``seed`` (a larger ``n`` extends a smaller one)."""
    rng = random.Random(seed)
    return [make_article(i, rng) for i in range(n)]


def write_corpus(directory: Path, articles: list[Article]) -> None:
    """Write ``articles`` into ``directory`` (created)."""
    directory.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (directory / article.name).write_text(article.text, encoding="utf-8")


def cross_questions(articles: list[Article], count: int, seed: int = 13) -> list[str]:
    """``count`` questions across inspections (totals, differences, the most, comparisons, rankings) about
    the inspections of random articles, answered from the facts table."""
    rng = random.Random(seed)
    forms = [
        "How many people were detained in {a} and {b} together?",
        "How many more cases were filed for punishment in {a} than in {b}?",
        "Compare the fines of {a} and {b}.",
        "Which was higher, the reports received in {a} or in {b}?",
        "Which batch of the {round} round filed the most cases for punishment?",
        "Rank the batches of the {round} round by fines.",
    ]
    out = []
    for _ in range(count):
        first, second = rng.sample(articles, 2)
        round_ = first.scope.rsplit(" round", 1)[0].rsplit(" ", 1)[-1]  # "second" of "... the second round"
        out.append(rng.choice(forms).format(a=first.scope, b=second.scope, round=round_))
    return out


def questions(articles: list[Article], count: int, seed: int = 11) -> list[str]:
    """``count`` questions about random articles, in the forms users ask, plus some off-topic ones."""
    rng = random.Random(seed)
    forms = [
        "How many cases were filed for punishment in {scope} in {province}?",
        "How many people were detained in {scope}?",
        "How much were the fines in {scope}?",
        "Which provinces did {scope} cover?",
        "When were the teams of {scope} stationed?",
        "How many reports from the public did {scope} receive?",
    ]
    out = []
    for i in range(count):
        if i % 10 == 9:
            out.append(rng.choice(["What is the capital of France?", "How do I bake bread?"]))
            continue
        article = rng.choice(articles)
        out.append(rng.choice(forms).format(scope=article.scope, province=article.province))
    return out
