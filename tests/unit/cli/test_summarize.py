"""`precis summarize`: formats, lengths, JSON shape, batches, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from precis.cli import main

from .conftest import ARTICLES, PARAGRAPHS, SENTENCE_COUNT, TITLE

ARTICLE_TEXT = " ".join(PARAGRAPHS)
Run = Callable[..., subprocess.CompletedProcess[str]]


def summary_lines(out: str) -> list[str]:
    title, blank, summary, *rest = out.split("\n")
    assert (title, blank, rest) == (TITLE, "", [""])
    return [summary]


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "json"])
def test_every_format_prints_title_then_summary(
    fmt: str, write_article: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_article(fmt)

    status = main(["summarize", str(path)])

    out = capsys.readouterr().out
    assert status == 0
    (summary,) = summary_lines(out)
    main(["summarize", "--format", "json", str(path)])
    sentences = json.loads(capsys.readouterr().out)["summary_sentences"]
    assert len(sentences) == 3
    assert summary == " ".join(sentences)
    assert all(sentence in ARTICLE_TEXT for sentence in sentences)
    assert "Home" not in out
    assert "Copyright" not in out


@pytest.mark.parametrize("count", [1, 2, 4])
def test_sentences_option_sets_the_summary_length(
    count: int, write_article: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        ["summarize", "--sentences", str(count), "--format", "json", str(write_article("txt"))]
    )

    result = json.loads(capsys.readouterr().out)
    assert status == 0
    assert len(result["summary_sentences"]) == count
    assert result["summary"] == " ".join(result["summary_sentences"])
    positions = [ARTICLE_TEXT.index(sentence) for sentence in result["summary_sentences"]]
    assert positions == sorted(positions)


def test_words_option_keeps_the_summary_within_the_budget(
    write_article: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["summarize", "--words", "40", "--format", "json", str(write_article("txt"))])

    sentences = json.loads(capsys.readouterr().out)["summary_sentences"]
    assert status == 0
    assert sentences
    assert len(sentences) == 1 or sum(len(s.split()) for s in sentences) <= 40


def test_json_format_has_the_summary_and_the_article_metadata(
    write_article: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["summarize", "--format", "json", str(write_article("html"))])

    result = json.loads(capsys.readouterr().out)
    assert status == 0
    assert set(result) == {
        "title",
        "summary",
        "summary_sentences",
        "sentences",
        "keywords",
        "language",
        "reading_time_minutes",
        "word_count",
        "sentence_count",
        "content_sha256",
        "engine",
    }
    assert result["title"] == TITLE
    assert len(result["summary_sentences"]) == result["sentences"] == 3
    assert result["summary"] == " ".join(result["summary_sentences"])
    assert result["language"] == "en"
    assert result["sentence_count"] == SENTENCE_COUNT
    assert result["reading_time_minutes"] == 1
    assert 5 <= len(result["keywords"]) <= 10
    assert len(result["content_sha256"]) == 64
    assert result["engine"]["name"] == "extractive"
    assert result["engine"]["version"]


def test_json_with_a_word_budget_says_how_many_sentences_fit(
    write_article: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["summarize", "--words", "1", "--format", "json", str(write_article("txt"))])

    result = json.loads(capsys.readouterr().out)
    assert status == 0
    assert result["sentences"] == len(result["summary_sentences"]) == 1


def test_same_article_in_any_format_has_the_same_summary(
    write_article: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    summaries = set()
    for fmt in ("txt", "md", "html", "json"):
        main(["summarize", "--format", "json", str(write_article(fmt))])
        summaries.add(json.loads(capsys.readouterr().out)["summary"])
    assert len(summaries) == 1


def test_standard_input_is_read_with_a_dash_or_no_file(
    stdin: Callable[[bytes], None], capsys: pytest.CaptureFixture[str]
) -> None:
    stdin(ARTICLES["html"].encode())
    assert main(["summarize", "--type", "html", "-"]) == 0
    with_dash = capsys.readouterr().out

    stdin(ARTICLES["html"].encode())
    assert main(["summarize", "--type", "html"]) == 0
    assert capsys.readouterr().out == with_dash
    assert with_dash.startswith(TITLE + "\n\n")


def test_type_option_overrides_the_file_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "download.txt"
    path.write_text(ARTICLES["html"], encoding="utf-8")

    assert main(["summarize", "--type", "html", str(path)]) == 0

    out = capsys.readouterr().out
    assert "<p>" not in out
    assert out.startswith(TITLE)


# ----------------------------------------------------------------------------- batch


def write_batch(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_batch_writes_one_line_per_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = write_batch(
        tmp_path,
        [
            json.dumps({"id": "a", "article": ARTICLE_TEXT}),
            json.dumps({"id": 7, "article": " ".join(PARAGRAPHS[1:])}),
        ],
    )

    status = main(["summarize", "--jsonl", str(batch), "--sentences", "2"])

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 0
    assert [line["id"] for line in lines] == ["a", 7]
    for line in lines:
        assert set(line) == {"id", "summary_sentences"}
        assert len(line["summary_sentences"]) == 2
        assert all(sentence in ARTICLE_TEXT for sentence in line["summary_sentences"])


def test_bad_batch_lines_get_an_error_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = write_batch(
        tmp_path,
        [
            "this is not json",
            json.dumps({"id": "no-article"}),
            json.dumps({"id": "blank", "article": "   "}),
            json.dumps(["not", "an", "object"]),
            json.dumps({"id": "good", "article": ARTICLE_TEXT}),
        ],
    )

    status = main(["summarize", "--jsonl", str(batch), "--sentences", "1"])

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 0
    assert len(lines) == 5
    assert lines[0]["id"] is None
    assert lines[0]["error"]["code"] == "MALFORMED"
    assert lines[1]["id"] == "no-article"
    assert lines[1]["error"]["code"] == "INVALID_INPUT"
    assert lines[2]["error"]["code"] == "EMPTY"
    assert lines[3]["error"]["code"] == "MALFORMED"
    assert lines[4]["id"] == "good"
    assert len(lines[4]["summary_sentences"]) == 1


def test_jsonl_batch_reads_standard_input(
    stdin: Callable[[bytes], None], capsys: pytest.CaptureFixture[str]
) -> None:
    stdin((json.dumps({"id": 1, "article": ARTICLE_TEXT}) + "\n").encode())

    assert main(["summarize", "--jsonl", "-"]) == 0

    (line,) = capsys.readouterr().out.splitlines()
    assert len(json.loads(line)["summary_sentences"]) == 3


def test_unreadable_batch_file_fails_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["summarize", "--jsonl", str(tmp_path / "missing.jsonl")])

    captured = capsys.readouterr()
    assert status == 1
    assert captured.out == ""
    assert captured.err.startswith("precis: error: UNREADABLE: ")
    assert captured.err.count("\n") == 1


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("argv", "status", "code"),
    [
        (["summarize", "--sentences", "0"], 2, "USAGE"),
        (["summarize", "--sentences", "11"], 2, "USAGE"),
        (["summarize", "--sentences", "three"], 2, "USAGE"),
        (["summarize", "--format", "xml"], 2, "USAGE"),
        (["summarize", "--type", "pdf"], 2, "USAGE"),
        (["summarize", "--sentences", "2", "--words", "30"], 2, "USAGE"),
        (["summarize", "--unknown"], 2, "USAGE"),
        (["frobnicate"], 2, "USAGE"),
        ([], 2, "USAGE"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    argv: list[str], status: int, code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == status

    err = capsys.readouterr().err
    assert err.startswith(f"precis: error: {code}: ")
    assert err.count("\n") == 1


def test_file_and_jsonl_together_is_a_usage_error(
    write_article: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(write_article("txt"))

    assert main(["summarize", path, "--jsonl", path]) == 2
    assert capsys.readouterr().err.startswith("precis: error: USAGE: ")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", b"", "EMPTY"),
        ("blank.md", b"   \n\n\t\n", "EMPTY"),
        ("broken.json", b'{"title": "x", "body": ', "MALFORMED"),
        ("paper.pdf", b"%PDF-1.7\n", "UNSUPPORTED_TYPE"),
    ],
)
def test_bad_articles_exit_1_with_their_error_code(
    tmp_path: Path, name: str, content: bytes, code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    assert main(["summarize", str(path)]) == 1

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"precis: error: {code}: ")
    assert captured.err.count("\n") == 1


def test_article_over_max_bytes_is_too_large(
    write_article: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["summarize", "--max-bytes", "50", str(write_article("txt"))]) == 1
    assert capsys.readouterr().err.startswith("precis: error: TOO_LARGE: ")


def test_missing_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", str(tmp_path / "nope.txt")]) == 1
    assert capsys.readouterr().err.startswith("precis: error: UNREADABLE: ")


def test_a_directory_is_unreadable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith("precis: error: UNREADABLE: ")


# ----------------------------------------------------------------------------- the real process


def test_module_entry_point_prints_a_summary(
    run_precis: Run, write_article: Callable[[str], Path]
) -> None:
    result = run_precis("summarize", "--sentences", "2", str(write_article("md")))

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(TITLE + "\n\n")
    assert result.stderr == ""


def test_module_entry_point_reads_stdin(run_precis: Run) -> None:
    result = run_precis("summarize", "--format", "json", input=ARTICLES["txt"])

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == TITLE


def test_process_reports_bad_input_without_a_traceback(run_precis: Run) -> None:
    result = run_precis("summarize", input="")

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("precis: error: EMPTY: ")
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_process_usage_error_exits_2(run_precis: Run) -> None:
    result = run_precis("summarize", "--sentences", "99")

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("precis: error: USAGE: ")


def test_console_script_is_installed() -> None:
    script = str(Path(sys.executable).parent / "precis")
    if not Path(script).exists():
        pytest.skip("the precis console script is not installed in this environment")

    result = subprocess.run(  # noqa: S603
        [script, "--version"], capture_output=True, text=True, timeout=60, check=False
    )

    assert result.returncode == 0
    assert result.stdout.startswith("precis ")


def test_help_lists_the_subcommands(run_precis: Run) -> None:
    result = run_precis("--help")

    assert result.returncode == 0
    assert "summarize" in result.stdout
    assert "redrive" in result.stdout


def test_batch_file_with_a_byte_order_mark_reads_its_first_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "bom.jsonl"
    batch.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": 1, "article": ARTICLE_TEXT}).encode())

    assert main(["summarize", "--jsonl", str(batch)]) == 0

    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["id"] == 1
    assert "summary_sentences" in json.loads(line)


def test_an_article_that_crashes_the_engine_does_not_stop_the_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import precis.analyze

    real = precis.analyze.rank_document

    def fragile(document: Any, **kwargs: Any) -> Any:
        if "boom" in document.text:
            raise RuntimeError("engine bug")
        return real(document, **kwargs)

    monkeypatch.setattr(precis.analyze, "rank_document", fragile)
    batch = write_batch(
        tmp_path,
        [
            json.dumps({"id": "bad", "article": "This article says boom. It breaks things."}),
            json.dumps({"id": "good", "article": ARTICLE_TEXT}),
        ],
    )

    assert main(["summarize", "--jsonl", str(batch)]) == 0

    bad, good = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert bad["error"]["code"] == "INTERNAL"
    assert "engine bug" in bad["error"]["message"]
    assert len(good["summary_sentences"]) == 3


def test_summarize_never_loads_aws_or_other_subcommands() -> None:
    code = (
        "import io, sys\n"
        "sys.stdin = io.TextIOWrapper(io.BytesIO(b'One sentence here. And another one.'))\n"
        "from precis.cli import main\n"
        "main(['summarize'])\n"
        "unwanted = ('boto3', 'botocore', 'pydantic', 'precis.aws.redrive')\n"
        "print('LOADED', [m for m in unwanted if m in sys.modules])\n"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )

    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout
