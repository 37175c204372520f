"""`precis backfill`: the command on a moto stack, its checkpoint file, progress bar and sender."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from precis.aws.backfill import SqsMessageSender
from precis.cli import main
from precis.cli.backfill import ARTICLES_PREFIX, CheckpointFile
from precis.cli.progress import ProgressBar, format_duration, render
from precis.errors import BackfillError
from precis.pipeline.backfill import new_run_id
from precis.pipeline.backfill_runner import Checkpoint
from precis.pipeline.notifications import parse_message
from tests.integration.aws_fixtures import FAKE_ENV, REGION, deploy_stack

QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/precis-articles"
STACK = "precis-test"


# ------------------------------------------------------------------------------ the command


@pytest.fixture
def deployed(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """template.yaml's stack in moto; the command finds its names in the stack's outputs."""
    from moto import mock_aws

    for name, value in FAKE_ENV.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "STACK_NAME"):
        monkeypatch.delenv(name, raising=False)
    with mock_aws():
        stack = deploy_stack(STACK)
        stack.s3.put_bucket_notification_configuration(
            Bucket=stack.bucket, NotificationConfiguration={}
        )
        yield stack


def backfill(tmp_path: Path, *args: str) -> tuple[int, dict[str, Any] | None, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["backfill", "--stack", STACK, "--engine", "extractive", "--json"]
    argv += ["--checkpoint", str(tmp_path / "checkpoint.json"), *args]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", out)
        patch.setattr("sys.stderr", err)
        status = main(argv)
    return status, json.loads(out.getvalue()) if out.getvalue() else None, err.getvalue()


def queued(stack: Any) -> list[str]:
    keys = []
    while messages := stack.sqs.receive_message(
        QueueUrl=stack.queue_url, MaxNumberOfMessages=10
    ).get("Messages", []):
        keys += [parse_message(m["Body"])[0].key for m in messages]
        for m in messages:
            stack.sqs.delete_message(QueueUrl=stack.queue_url, ReceiptHandle=m["ReceiptHandle"])
    return sorted(keys)


def test_the_command_enqueues_every_article_under_the_prefix(deployed: Any, tmp_path: Path) -> None:
    keys = [f"articles/world/{n:02d}.txt" for n in range(12)] + ["articles/sport/a.md"]
    for key in keys:
        deployed.s3.put_object(Bucket=deployed.bucket, Key=key, Body=b"Some text. More text.")

    status, result, progress = backfill(tmp_path, "--prefix", "articles/world/")

    assert status == 0 and result is not None
    assert (result["listed"], result["enqueued"], result["complete"]) == (12, 12, True)
    assert result["bucket"] == deployed.bucket and result["origin"] == f"stack {STACK} outputs"
    assert queued(deployed) == keys[:12]
    assert "12/12" in progress and "100%" in progress
    assert not (tmp_path / "checkpoint.json").exists()


def test_a_dry_run_and_a_limited_run_leave_the_queue_and_checkpoint_as_they_say(
    deployed: Any, tmp_path: Path
) -> None:
    for n in range(150):
        deployed.s3.put_object(Bucket=deployed.bucket, Key=f"articles/a/{n:03d}.txt", Body=b"x")

    _, dry, _ = backfill(tmp_path, "--dry-run")
    assert dry is not None and (dry["enqueued"], queued(deployed)) == (150, [])
    _, limited, _ = backfill(tmp_path, "--limit", "100")
    checkpoint = CheckpointFile(tmp_path / "checkpoint.json").load()
    _, resumed, _ = backfill(tmp_path)

    assert limited is not None and (limited["enqueued"], limited["complete"]) == (100, False)
    assert checkpoint is not None and checkpoint.last_key == "articles/a/099.txt"
    assert resumed is not None and resumed["resumed_after"] == "articles/a/099.txt"
    assert resumed["run_id"] == limited["run_id"]
    assert len(queued(deployed)) == 150


def test_a_prefix_outside_the_articles_prefix_is_a_usage_error(
    deployed: Any, tmp_path: Path
) -> None:
    status, result, error = backfill(tmp_path, "--prefix", "drafts/")

    assert (status, result) == (2, None)
    assert error.startswith("precis: error: USAGE:") and ARTICLES_PREFIX in error


def test_a_missing_stack_is_one_line_and_status_1(deployed: Any, tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", out)
        patch.setattr("sys.stderr", err)
        status = main(["backfill", "--stack", "nope", "--engine", "extractive"])

    assert status == 1
    assert err.getvalue().startswith("precis: error: BACKFILL: stack 'nope' not found")


# ------------------------------------------------------------------------------ checkpoint


def test_the_checkpoint_file_round_trips_and_is_replaced_whole(tmp_path: Path) -> None:
    store = CheckpointFile(tmp_path / "deep" / "run.json")
    checkpoint = Checkpoint(
        new_run_id(), "b", "articles/", True, "articles/x.txt", 7, 5, {"current": 2}
    )

    store.save(checkpoint)
    loaded = store.load()
    store.clear()

    assert loaded == checkpoint
    assert store.load() is None
    assert list((tmp_path / "deep").iterdir()) == []  # no temporary file left behind


def test_a_corrupt_checkpoint_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    path.write_text("{not json", encoding="utf-8")

    with pytest.raises(BackfillError, match="not a backfill checkpoint"):
        CheckpointFile(path).load()


# ------------------------------------------------------------------------------- progress


def test_the_progress_line_has_count_share_rate_and_time_left() -> None:
    line = render(500, 2000, 2.0, detail="enqueued 480")

    assert line.startswith("[######------------------]  500/2,000   25%  250/s  ETA 0:06")
    assert line.endswith("enqueued 480")
    assert "ETA 0:00" in render(2000, 2000, 8.0)
    assert "ETA --:--" in render(0, 2000, 0.0)
    assert "2,100/2,100  100%" in render(2100, 2000, 1.0)  # the estimate was outgrown


def test_durations_read_as_clock_times() -> None:
    assert [format_duration(s) for s in (0, 65, 3723, float("inf"), -1)] == [
        "0:00",
        "1:05",
        "1:02:03",
        "--:--",
        "--:--",
    ]


def test_a_log_gets_a_line_per_interval_and_a_terminal_one_redrawn_line() -> None:
    ticks = iter([0.0, 1.0, 11.0, 12.0])
    log = io.StringIO()
    bar = ProgressBar(log, interactive=False, log_interval_s=10, clock=lambda: next(ticks))
    for done in (10, 20, 30, 40):
        bar.update(done, 100, 1.0)

    terminal = io.StringIO()
    live = ProgressBar(terminal, interactive=True, interval_s=0)
    live.update(1, 2, 1.0)
    live.finish(2, 2, 1.0)

    assert [line.split("]")[1].split()[0] for line in log.getvalue().splitlines()] == [
        "10/100",
        "30/100",
    ]
    assert terminal.getvalue().count("\r") == 2 and terminal.getvalue().endswith("\n")


# --------------------------------------------------------------------------------- sender


@pytest.fixture
def stubbed_sqs() -> Iterator[tuple[Any, Stubber]]:
    client = boto3.client(
        "sqs", region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def test_entries_the_queue_refused_are_sent_again(stubbed_sqs: tuple[Any, Stubber]) -> None:
    client, stubber = stubbed_sqs
    stubber.add_response(
        "send_message_batch",
        {
            "Successful": [{"Id": "0", "MessageId": "m0", "MD5OfMessageBody": "x"}],
            "Failed": [{"Id": "1", "SenderFault": False, "Code": "InternalError"}],
        },
        {
            "QueueUrl": QUEUE_URL,
            "Entries": [{"Id": "0", "MessageBody": "a"}, {"Id": "1", "MessageBody": "b"}],
        },
    )
    stubber.add_response(
        "send_message_batch",
        {"Successful": [{"Id": "1", "MessageId": "m1", "MD5OfMessageBody": "x"}], "Failed": []},
        {"QueueUrl": QUEUE_URL, "Entries": [{"Id": "1", "MessageBody": "b"}]},
    )
    pauses: list[float] = []

    SqsMessageSender(client, QUEUE_URL, sleep=pauses.append).send(["a", "b"])

    assert len(pauses) == 1


def test_a_message_the_queue_can_never_take_stops_the_backfill(
    stubbed_sqs: tuple[Any, Stubber],
) -> None:
    client, stubber = stubbed_sqs
    stubber.add_response(
        "send_message_batch",
        {
            "Successful": [],
            "Failed": [{"Id": "0", "SenderFault": True, "Code": "InvalidMessageContents"}],
        },
        {"QueueUrl": QUEUE_URL, "Entries": [{"Id": "0", "MessageBody": "a"}]},
    )

    with pytest.raises(BackfillError, match="refused 1 of 1 messages \\(InvalidMessageContents\\)"):
        SqsMessageSender(client, QUEUE_URL, sleep=lambda _s: None).send(["a"])
