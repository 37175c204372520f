"""`python -m local.upload`: the AWS-CLI-free way to put articles into the local stack."""

from __future__ import annotations

from pathlib import Path

import pytest

from local import upload
from local.stack import LocalStack


def _args(stack: LocalStack, *rest: str) -> list[str]:
    return [
        "--endpoint-url",
        stack.endpoint_url,
        "--api-url",
        "http://api",
        "--stack",
        "fixture",
        *rest,
    ]


def test_upload_puts_the_file_under_articles_and_says_where_its_summary_is(
    fixture_stack: LocalStack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "harbour vote.txt"
    article.write_bytes(b"The council voted. The barrier will be built.")

    assert upload.main(_args(fixture_stack, str(article))) == 0

    s3 = fixture_stack.client("s3")
    body = s3.get_object(Bucket=fixture_stack.bucket_name, Key="articles/harbour vote.txt")["Body"]
    assert body.read() == article.read_bytes()
    assert "curl http://api/summaries/harbour%20vote\n" in capsys.readouterr().out


def test_key_names_the_object_under_articles(
    fixture_stack: LocalStack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.md"
    article.write_bytes(b"# Title\n\nBody text.")

    assert upload.main(_args(fixture_stack, str(article), "--key", "world/peace.md")) == 0

    s3 = fixture_stack.client("s3")
    head = s3.head_object(Bucket=fixture_stack.bucket_name, Key="articles/world/peace.md")
    assert head["ContentLength"] == len(article.read_bytes())
    assert "curl http://api/summaries/world/peace\n" in capsys.readouterr().out


def test_delete_removes_the_article(fixture_stack: LocalStack, tmp_path: Path) -> None:
    article = tmp_path / "gone.txt"
    article.write_bytes(b"Short lived.")
    assert upload.main(_args(fixture_stack, str(article))) == 0

    assert upload.main(_args(fixture_stack, "--delete", "gone.txt")) == 0

    listed = fixture_stack.client("s3").list_objects_v2(
        Bucket=fixture_stack.bucket_name, Prefix="articles/gone.txt"
    )
    assert listed.get("KeyCount", 0) == 0


def test_an_invalid_key_is_uploaded_with_a_warning(
    fixture_stack: LocalStack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(b"Text.")

    assert upload.main(_args(fixture_stack, str(article), "--key", "../up.txt")) == 0

    assert "it will be recorded as FAILED" in capsys.readouterr().out


def test_a_missing_file_fails_before_any_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.txt"

    assert upload.main(["--endpoint-url", "http://127.0.0.1:1", str(missing)]) == 1

    assert f"cannot read {missing}" in capsys.readouterr().err


def test_no_stack_on_the_endpoint_says_to_start_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(b"Text.")

    assert upload.main(["--endpoint-url", "http://127.0.0.1:1", str(article)]) == 1

    assert "is `make serve` running?" in capsys.readouterr().err


def test_key_takes_exactly_one_file() -> None:
    with pytest.raises(SystemExit) as exit_info:
        upload.parse_args(["a.txt", "b.txt", "--key", "c.txt"])
    assert exit_info.value.code == 2
