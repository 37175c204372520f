"""Function configuration, read once from the environment into a validated model.

Each function's composition root (functions/*/app.py) calls `Settings.from_env()` once and
hands the result to whatever needs it; nothing else reads the environment.

The template sets these variables; a wrong value fails the first call with a message that
names the variable, instead of surfacing later as an odd error deep inside an article.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from precis.errors import PrecisError
from precis.models import MAX_SUMMARY_SENTENCES

# Environment variable -> Settings field. Only these are read; everything else is ignored.
ENVIRONMENT = {
    "TABLE_NAME": "table_name",
    "BUCKET_NAME": "bucket_name",
    "EVENT_BUS_NAME": "event_bus_name",
    "MAX_ARTICLE_BYTES": "max_article_bytes",
    "MAX_REQUEST_BYTES": "max_request_bytes",
    "SUMMARY_ENGINE": "summary_engine",
    "BEDROCK_MODEL_ID": "bedrock_model_id",
    "DEFAULT_SUMMARY_SENTENCES": "default_summary_sentences",
    "ARTICLES_PREFIX": "articles_prefix",
    "CURSOR_SECRET": "cursor_secret",
    "CORS_ORIGINS": "cors_origins",
    "READ_AUTH": "read_auth",
    "WRITE_AUTH": "write_auth",
    "MAX_RECEIVE_COUNT": "max_receive_count",
    "TOMBSTONE_TTL_DAYS": "tombstone_ttl_days",
    "POWERTOOLS_SERVICE_NAME": "service_name",
    "POWERTOOLS_METRICS_NAMESPACE": "metrics_namespace",
    "POWERTOOLS_LOG_LEVEL": "log_level",
}


class ConfigurationError(PrecisError):
    """The function's environment is missing or holds an invalid value (a deployment bug)."""

    code = "CONFIGURATION"
    http_status = 500


class Settings(BaseModel):
    """Everything the functions read from their environment, validated once."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    table_name: str | None = None
    bucket_name: str | None = None
    event_bus_name: str = "default"
    max_article_bytes: int = Field(default=2_097_152, gt=0)
    max_request_bytes: int = Field(default=262_144, gt=0)
    summary_engine: Literal["extractive", "bedrock"] = "extractive"
    bedrock_model_id: str | None = None
    default_summary_sentences: int = Field(default=3, ge=1, le=MAX_SUMMARY_SENTENCES)
    articles_prefix: str = "articles/"
    cursor_secret: str | None = None
    cors_origins: str = "*"
    # The template's ReadAuth / WriteAuth: what the API's OpenAPI document declares.
    read_auth: Literal["NONE", "API_KEY", "IAM"] = "NONE"
    write_auth: Literal["API_KEY", "IAM"] = "API_KEY"
    # The queue's redrive policy (maxReceiveCount): the receive on which a transiently
    # failing article is recorded as FAILED before the message moves to the DLQ.
    max_receive_count: int = Field(default=3, ge=1)
    # How long a delete tombstone outlives the object: longer than any message can wait
    # in the queue and its DLQ (14 days each), so a late create cannot resurrect it.
    tombstone_ttl_days: int = Field(default=30, ge=1)
    service_name: str = "precis"
    metrics_namespace: str = "Precis"
    log_level: str = "INFO"

    @field_validator("summary_engine", mode="before")
    @classmethod
    def _lower_engine(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("bedrock_model_id", "cursor_secret", "table_name", "bucket_name")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value if value and value.strip() else None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from `environ` (default os.environ).

        Raises ConfigurationError naming each invalid variable.
        """
        env = os.environ if environ is None else environ
        values = {field: env[name] for name, field in ENVIRONMENT.items() if name in env}
        try:
            settings = cls.model_validate(values)
        except ValidationError as exc:
            raise ConfigurationError(_describe(exc)) from None
        if settings.summary_engine == "bedrock" and not settings.bedrock_model_id:
            raise ConfigurationError("BEDROCK_MODEL_ID must be set when SUMMARY_ENGINE=bedrock")
        return settings

    def require_table_name(self) -> str:
        """The summaries table name. Raises ConfigurationError when TABLE_NAME is unset."""
        if not self.table_name:
            raise ConfigurationError("TABLE_NAME is not set")
        return self.table_name


def _describe(exc: ValidationError) -> str:
    variables = {field: name for name, field in ENVIRONMENT.items()}
    problems = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "?"
        problems.append(f"{variables.get(field, field)}: {error['msg']}")
    return "invalid environment: " + "; ".join(problems)
