"""The gold question set: questions with the answer tokens and source documents they must produce."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.settings import REPO_ROOT

DEFAULT_GOLD = REPO_ROOT / "tests" / "gold" / "gold.yaml"
EXTRA_GOLD = REPO_ROOT / "tests" / "gold" / "extra.yaml"  # a larger corpus: fixtures + extra_articles


class GoldError(Exception):
    """The gold file is missing or malformed; the message is one line."""


class GoldQuestion(BaseModel):
    """One gold question. Each entry of ``tokens`` lists the accepted forms of one required token."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    question: str
    category: str
    expect_answered: bool
    tokens: list[list[str]] = Field(default_factory=list)
    doc_ids: list[str] = Field(default_factory=list)
    forbidden: list[str] = Field(default_factory=list)
    # tokens that are results of arithmetic (a total, a difference): in the answer, but in no article
    computed: list[str] = Field(default_factory=list)
    # the turns asked before it in the same conversation, answered in order, in context: a follow-up
    conversation: list[str] = Field(default_factory=list)

    @field_validator("tokens", mode="before")
    @classmethod
    def _alternatives(cls, value: object) -> object:
        """A plain string token is a token with one accepted form."""
        if isinstance(value, list):
            return [[item] if isinstance(item, str) else item for item in value]
        return value

    @model_validator(mode="after")
    def _consistent(self) -> GoldQuestion:
        if self.expect_answered and not (self.tokens and self.doc_ids):
            raise ValueError(f"question {self.id}: an answerable question needs tokens and doc_ids")
        if not self.expect_answered and self.tokens:
            raise ValueError(f"question {self.id}: a question to refuse has no answer tokens")
        if any(not forms for forms in self.tokens):
            raise ValueError(f"question {self.id}: empty token alternatives")
        return self


class GoldSet(BaseModel):
    """The questions and the article directories (absolute) they are about."""

    corpus: list[Path]
    questions: list[GoldQuestion]

    @model_validator(mode="after")
    def _unique_ids(self) -> GoldSet:
        seen: set[str] = set()
        for question in self.questions:
            if question.id in seen:
                raise ValueError(f"duplicate question id {question.id}")
            seen.add(question.id)
        return self

    def categories(self) -> list[str]:
        """Categories in order of first appearance."""
        return list(dict.fromkeys(question.category for question in self.questions))


def load_gold(path: Path = DEFAULT_GOLD) -> GoldSet:
    """Read a gold YAML file; corpus directories are resolved relative to the file."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise GoldError(f"gold file {path} is not valid YAML: {str(exc).splitlines()[0]}") from exc
    if not isinstance(raw, dict):
        raise GoldError(f"gold file {path} must be a mapping with 'corpus' and 'questions'")
    raw = {**raw, "corpus": [(path.parent / str(entry)).resolve() for entry in raw.get("corpus") or []]}
    try:
        return GoldSet.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise GoldError(f"gold file {path}: {where}: {first['msg']}") from exc
