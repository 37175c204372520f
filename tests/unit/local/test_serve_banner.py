"""What `make serve` prints: ready-to-paste commands that need nothing the project lacks."""

from __future__ import annotations

import shlex
from pathlib import Path

from local.serve import banner
from local.stack import LocalStack

ROOT = Path(__file__).resolve().parents[3]


def _commands(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.startswith("  ")]


def test_the_upload_example_uses_the_project_venv_and_a_shipped_sample(
    fixture_stack: LocalStack,
) -> None:
    aws_port = fixture_stack.endpoint_url.rsplit(":", 1)[1]
    http_port = fixture_stack.api_url.rsplit(":", 1)[1]

    uploads = [c for c in _commands(banner(fixture_stack)) if "-m local.upload" in c]

    first = shlex.split(uploads[0])
    # Free ports are not the defaults: the command names them for local.upload.
    assert first[:3] == [
        f"PRECIS_LOCAL_AWS_PORT={aws_port}",
        f"PRECIS_LOCAL_HTTP_PORT={http_port}",
        ".venv/bin/python",
    ]
    assert (ROOT / first[-1]).is_file()
    assert any(c.endswith(f"--delete {Path(first[-1]).name}") for c in uploads)


def test_the_curl_examples_read_the_uploaded_sample(fixture_stack: LocalStack) -> None:
    text = banner(fixture_stack)
    upload = next(c for c in _commands(text) if "-m local.upload" in c)
    article_id = Path(shlex.split(upload)[-1]).stem

    assert f"curl {fixture_stack.api_url}/summaries/{article_id}" in text


def test_the_aws_cli_is_an_alternative_not_the_first_step(fixture_stack: LocalStack) -> None:
    commands = _commands(banner(fixture_stack))

    first_aws = next(i for i, c in enumerate(commands) if c.startswith("aws "))
    first_upload = next(i for i, c in enumerate(commands) if "-m local.upload" in c)
    assert first_upload < first_aws


def test_the_banner_names_the_demo_page_of_the_uploaded_sample(fixture_stack: LocalStack) -> None:
    text = banner(fixture_stack)
    upload = next(c for c in _commands(text) if "-m local.upload" in c)
    article_id = Path(shlex.split(upload)[-1]).stem

    assert f"{fixture_stack.api_url}/demo/ " in text
    assert f"{fixture_stack.api_url}/demo/{article_id}" in text
