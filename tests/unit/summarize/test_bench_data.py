"""The benchmark's data loading: a clear exit when the eval files are missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.data import load_articles, require_eval_files, to_document


def test_missing_eval_directory_exits_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PRECIS_EVAL_DIR", str(tmp_path / "absent"))
    with pytest.raises(SystemExit) as stopped:
        require_eval_files("cnndm_dev.jsonl")
    assert stopped.value.code == 2
    assert "evaluation data missing" in capsys.readouterr().err


def test_missing_file_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cnndm_dev.jsonl").write_text("", encoding="utf-8")
    monkeypatch.setenv("PRECIS_EVAL_DIR", str(tmp_path))
    with pytest.raises(SystemExit):
        require_eval_files("cnndm_dev.jsonl", "xsum_dev.jsonl")
    assert "xsum_dev.jsonl" in capsys.readouterr().err


def test_articles_are_split_into_paragraphs_and_sentences(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text(
        '{"id": "a", "article": "One here. Two here.\\n\\nThree here.", '
        '"reference_sentences": ["Ref."], "title": "T"}\n'
        '{"id": "empty", "article": "  ", "reference_sentences": []}\n',
        encoding="utf-8",
    )
    (article,) = load_articles(path)
    assert article.document == to_document("One here. Two here.\n\nThree here.", "T")
    assert [s.paragraph for s in article.sentences] == [0, 0, 1]
    assert article.reference_sentences == ("Ref.",)
