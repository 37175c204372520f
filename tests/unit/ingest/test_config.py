"""Settings: defaults, parsing from the environment, failing fast with the variable's name."""

from __future__ import annotations

import pytest

from precis.config import ConfigurationError, Settings


def test_defaults_match_the_template() -> None:
    settings = Settings.from_env({})
    assert settings.max_article_bytes == 2_097_152
    assert settings.max_request_bytes == 262_144
    assert settings.event_bus_name == "default"
    assert settings.summary_engine == "extractive"
    assert settings.default_summary_sentences == 3
    assert settings.articles_prefix == "articles/"
    assert settings.max_receive_count == 3


def test_values_are_read_and_converted() -> None:
    settings = Settings.from_env(
        {
            "TABLE_NAME": "t",
            "MAX_ARTICLE_BYTES": "1000",
            "SUMMARY_ENGINE": " Bedrock ",
            "BEDROCK_MODEL_ID": "m",
            "UNRELATED": "x",
        }
    )
    assert settings.table_name == "t"
    assert settings.max_article_bytes == 1000
    assert settings.summary_engine == "bedrock"


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"MAX_ARTICLE_BYTES": "lots"}, "MAX_ARTICLE_BYTES"),
        ({"MAX_ARTICLE_BYTES": "0"}, "MAX_ARTICLE_BYTES"),
        ({"SUMMARY_ENGINE": "gpt"}, "SUMMARY_ENGINE"),
        ({"DEFAULT_SUMMARY_SENTENCES": "11"}, "DEFAULT_SUMMARY_SENTENCES"),
        ({"SUMMARY_ENGINE": "bedrock"}, "BEDROCK_MODEL_ID"),
    ],
)
def test_invalid_environment_fails_fast_naming_the_variable(
    env: dict[str, str], variable: str
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        Settings.from_env(env)
    assert variable in caught.value.message


def test_missing_table_name_is_reported_when_needed() -> None:
    with pytest.raises(ConfigurationError, match="TABLE_NAME"):
        Settings.from_env({}).require_table_name()
