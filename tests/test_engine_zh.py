"""Chinese questions answered in Chinese, English ones in English, whatever the articles' language."""

from __future__ import annotations

import re
import string

import pytest

from bot.engine.prompts import ENGLISH, LANGUAGES, PROMPTS_DIR, Prompts, _read_phrases, speaking

_FIELD = re.compile(r"\{(\w+)(?::[^}]*)?\}")
# phrases given a value for each language's own way of writing it: "{word}" ("fourth"), "{numeral}" ("四")
_OWN_FORMS = {"ordinal"}


def _fields(text: str) -> set[str]:
    """The placeholders of a template: ``{name}``, ``{noun:default}`` and string.Template's ``$name``."""
    names = set(_FIELD.findall(text)) - {"noun"}  # {noun:...} is optional: Chinese puts no noun there
    names |= {m.group("named") for m in string.Template.pattern.finditer(text) if m.group("named")}
    return names


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != ENGLISH])
def test_every_english_template_and_phrase_has_a_counterpart_with_its_placeholders(
    language: str,
) -> None:
    prompts = Prompts()
    here = prompts.directory_of(language)
    for english in sorted(PROMPTS_DIR.glob("*.txt")):
        other = here / english.name
        assert other.exists(), f"{other} is missing"
        if english.name == "phrases.txt":
            continue
        ours, theirs = english.read_text(encoding="utf-8"), other.read_text(encoding="utf-8")
        assert _fields(theirs) == _fields(ours), english.name
    english_phrases, phrases = _read_phrases(PROMPTS_DIR / "phrases.txt"), _read_phrases(here / "phrases.txt")
    assert set(phrases) == set(english_phrases)
    for key, template in english_phrases.items():
        if key in _OWN_FORMS:
            continue
        assert _fields(phrases[key]) == _fields(template), key


def test_no_figure_in_a_chinese_phrase() -> None:
    """Numbers in answers come from quotes: the phrases hold no digits and no Chinese numerals."""
    for key, template in _read_phrases(PROMPTS_DIR / "zh" / "phrases.txt").items():
        assert not re.search(r"[0-9一二三四五六七八九十百千万亿两]", template), key


def test_prompts_follow_the_reply_language() -> None:
    prompts = Prompts()
    scope = prompts.phrase("scope.round_batch", round=prompts.ordinal(2), batch=prompts.ordinal(4))
    assert scope == "the fourth batch of the second round"
    with speaking("zh"):
        assert prompts.phrase("scope.round_batch", round=prompts.ordinal(2), batch=prompts.ordinal(4)) == (
            "第二轮第四批督察"
        )
        assert prompts.join(["江苏", "浙江", "上海"]) == "江苏、浙江和上海"
        assert prompts.place("Jiangsu") == "江苏"
        assert prompts.in_language(ENGLISH).place("Jiangsu") == "Jiangsu"
    assert prompts.join(["a", "b", "c"]) == "a, b and c"
