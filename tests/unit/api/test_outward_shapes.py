"""One mapping to every outward shape: the CLI's JSON, POST /summaries and a direct call agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from precis.cli import main
from precis.config import Settings
from precis.pipeline.direct import summarize_payload

from .conftest import Client

TITLE = "Ferry service returns to the island"
PARAGRAPHS = (
    "The ferry to Inchmore sailed again on Monday after a winter without service.",
    "Islanders had relied on a weekly supply boat since the old vessel failed its inspection "
    "in November. The new ferry carries forty cars and runs four times a day.",
    "Harbour staff said the first crossing was full an hour before it left. The operator "
    "plans a fifth daily crossing in the summer months.",
    "The regional council paid for the vessel with a loan it expects to repay from fares.",
)


@pytest.mark.parametrize(
    ("fmt", "article", "posted"),
    [
        ("txt", "\n\n".join(PARAGRAPHS), "text"),
        (
            "html",
            f"<html><head><title>{TITLE}</title></head><body><nav>Home | News</nav>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
            + "<footer>Contact us</footer></body></html>",
            "html",
        ),
    ],
)
@pytest.mark.parametrize("sentences", [1, 3])
def test_cli_json_is_the_post_summaries_body_and_the_direct_answer(  # noqa: PLR0917
    fmt: str,
    article: str,
    posted: str,
    sentences: int,
    client: Client,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Given one article as a file and as a posted body
    path = tmp_path / f"article.{fmt}"
    path.write_text(article, encoding="utf-8")

    # When the CLI, the API and a direct invocation summarize it at the same length
    assert main(["summarize", "--format", "json", "--sentences", str(sentences), str(path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    reply = client.post("/summaries", {posted: article, "sentences": sentences})
    direct = summarize_payload(
        {posted: article, "sentences": sentences}, settings=Settings.from_env()
    )

    # Then all three answer with the same JSON document
    assert reply.status == 200, reply.text
    assert printed == reply.json == json.loads(json.dumps(direct))
    assert len(printed["summary_sentences"]) == sentences
