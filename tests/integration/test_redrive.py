"""Redrive against moto: dead-lettered messages go back to the articles queue, none lost."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from aws_fixtures import FAKE_ENV, MAX_RECEIVE_COUNT, REGION, create_queues, deploy_on
from moto import mock_aws
from moto.server import ThreadedMotoServer

from precis.aws.redrive import RedriveError, move_messages, redrive
from precis.cli import main as precis
from precis.cli.redrive import main


@dataclass
class QueuePair:
    sqs: Any
    queue_url: str
    dlq_url: str


def create_queue_pair(sqs: Any, prefix: str = "precis-test") -> QueuePair:
    # SQS's default visibility timeout (30 s), as the tests were written for.
    queue_url, _queue_arn, dlq_url = create_queues(sqs, f"{prefix}-articles", visibility_timeout=30)
    return QueuePair(sqs, queue_url, dlq_url)


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in FAKE_ENV.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "QUEUE_URL", "DLQ_URL", "STACK_NAME"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def pair(credentials: None) -> Iterator[QueuePair]:
    with mock_aws():
        yield create_queue_pair(boto3.client("sqs", region_name=REGION))


def drain(sqs: Any, url: str) -> list[dict[str, Any]]:
    received: list[dict[str, Any]] = []
    for _ in range(20):
        batch = sqs.receive_message(
            QueueUrl=url,
            MaxNumberOfMessages=10,
            MessageAttributeNames=["All"],
            MessageSystemAttributeNames=["ApproximateReceiveCount"],
        ).get("Messages", [])
        if not batch:
            break
        received.extend(batch)
    return received


def dead_letter(pair: QueuePair, bodies: list[str]) -> None:
    """Put messages straight on the DLQ, as the redrive policy would after failed receives."""
    for start in range(0, len(bodies), 10):
        pair.sqs.send_message_batch(
            QueueUrl=pair.dlq_url,
            Entries=[
                {"Id": str(i), "MessageBody": body}
                for i, body in enumerate(bodies[start : start + 10])
            ],
        )


def test_a_message_that_kept_failing_is_back_on_the_queue_with_fresh_receives(
    pair: QueuePair,
) -> None:
    # Given an S3 notification that failed MAX_RECEIVE_COUNT receives and was dead-lettered
    body = json.dumps({"Records": [{"s3": {"object": {"key": "articles/world/a.txt"}}}]})
    pair.sqs.send_message(QueueUrl=pair.queue_url, MessageBody=body)
    for _ in range(MAX_RECEIVE_COUNT):
        got = pair.sqs.receive_message(QueueUrl=pair.queue_url, VisibilityTimeout=0)
        assert len(got["Messages"]) == 1
    assert pair.sqs.receive_message(QueueUrl=pair.queue_url).get("Messages", []) == []

    # When the DLQ is redriven
    result = redrive(pair.queue_url, pair.dlq_url, sqs=pair.sqs)

    # Then the message is back on the queue, receivable again, and the DLQ is empty
    assert (result.method, result.moved, result.failed, result.remaining) == ("manual", 1, 0, 0)
    assert result.note is not None  # moto has no move task: the fallback says so
    (message,) = drain(pair.sqs, pair.queue_url)
    assert message["Body"] == body
    assert message["Attributes"]["ApproximateReceiveCount"] == "1"
    assert drain(pair.sqs, pair.dlq_url) == []


def test_every_message_moves_across_several_batches(pair: QueuePair) -> None:
    bodies = [json.dumps({"n": i}) for i in range(25)]
    dead_letter(pair, bodies)
    pair.sqs.send_message(
        QueueUrl=pair.dlq_url,
        MessageBody="with attributes",
        MessageAttributes={"origin": {"DataType": "String", "StringValue": "test"}},
    )

    result = redrive(pair.queue_url, pair.dlq_url, sqs=pair.sqs, method="manual")

    assert (result.moved, result.failed, result.remaining) == (26, 0, 0)
    moved = drain(pair.sqs, pair.queue_url)
    assert sorted(m["Body"] for m in moved) == sorted([*bodies, "with attributes"])
    (tagged,) = [m for m in moved if m["Body"] == "with attributes"]
    assert tagged["MessageAttributes"]["origin"]["StringValue"] == "test"


def test_a_bounded_redrive_leaves_the_rest(pair: QueuePair) -> None:
    dead_letter(pair, [f"m{i}" for i in range(15)])

    result = redrive(pair.queue_url, pair.dlq_url, sqs=pair.sqs, max_messages=7)

    assert result.moved == 7
    assert len(drain(pair.sqs, pair.queue_url)) == 7
    assert len(drain(pair.sqs, pair.dlq_url)) == 8


def test_an_empty_dlq_moves_nothing(pair: QueuePair) -> None:
    assert move_messages(pair.queue_url, pair.dlq_url, sqs=pair.sqs) == (0, 0)


def test_insisting_on_a_move_task_where_there_is_none_is_an_error(pair: QueuePair) -> None:
    with pytest.raises(RedriveError, match="move task"):
        redrive(pair.queue_url, pair.dlq_url, sqs=pair.sqs, method="move-task")


@pytest.fixture(scope="module")
def shared_server() -> Iterator[str]:
    # One server for the module (starting one costs a second); tests use their own queues.
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def moto_server(shared_server: str, credentials: None) -> str:
    return shared_server


def test_command_finds_the_queues_in_a_stacks_outputs(
    moto_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given a deployed stack (on a moto server) with messages in its DLQ
    outputs = deploy_on(moto_server, "precis-prod").outputs
    sqs = boto3.client("sqs", endpoint_url=moto_server, region_name=REGION)
    pair = QueuePair(sqs, outputs["QueueUrl"], outputs["DeadLetterQueueUrl"])
    dead_letter(pair, ["one", "two", "three"])

    # When `precis redrive --stack` runs against that endpoint (moto lacks the move task)
    code = main(
        ["--stack", "precis-prod", "--endpoint-url", moto_server, "--method", "manual", "--json"]
    )

    # Then it moved all three and said where it found the queues
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["moved"] == 3
    assert printed["origin"] == "stack precis-prod outputs"
    assert sorted(m["Body"] for m in drain(sqs, pair.queue_url)) == ["one", "three", "two"]


def test_command_without_arguments_finds_the_local_stacks_queues(
    moto_server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given the local stack's endpoint and one queue with a DLQ, but no stack outputs
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server)
    sqs = boto3.client("sqs", endpoint_url=moto_server, region_name=REGION)
    pair = create_queue_pair(sqs, prefix="precis-local")
    sqs.create_queue(QueueName="unrelated")
    dead_letter(pair, ["late"])

    code = main(["--method", "manual"])

    assert code == 0
    out = capsys.readouterr().out
    assert "moved 1, failed 0, left in the DLQ 0" in out
    assert [m["Body"] for m in drain(sqs, pair.queue_url)] == ["late"]


def test_make_redrive_moves_by_hand_on_the_local_stack_and_names_its_endpoint(
    moto_server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given the local stack's endpoint (moto has no move task) and a dead-lettered message
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server)
    sqs = boto3.client("sqs", endpoint_url=moto_server, region_name=REGION)
    pair = create_queue_pair(sqs, prefix="precis-local")
    dead_letter(pair, ["again"])

    # When `make redrive` runs: `precis redrive` with no arguments
    code = main([])

    # Then it did not ask for a move task first (no refused call, no note) and said where
    assert code == 0
    out = capsys.readouterr().out
    assert out.startswith("redrive (manual, ")
    assert f", on {moto_server})" in out.splitlines()[0]
    assert "move task" not in out
    assert [m["Body"] for m in drain(sqs, pair.queue_url)] == ["again"]


def test_command_with_an_unknown_stack_fails_clearly(
    moto_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--stack", "nope", "--endpoint-url", moto_server])

    assert code == 1
    assert "REDRIVE: stack 'nope' not found" in capsys.readouterr().err


def test_command_says_when_the_local_stack_is_not_running(
    credentials: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # Nothing listens on port 9 (discard) on a test machine: the connection is refused.
    code = main(["--local", "--endpoint-url", "http://127.0.0.1:9"])

    assert code == 1
    err = capsys.readouterr().err
    assert "cannot redrive through http://127.0.0.1:9" in err
    assert "make serve" in err


def test_precis_redrive_subcommand_moves_messages(
    moto_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sqs = boto3.client("sqs", endpoint_url=moto_server, region_name=REGION)
    pair = create_queue_pair(sqs, prefix="subcommand")
    dead_letter(pair, ["a", "b"])

    queues = ["--queue-url", pair.queue_url, "--dlq-url", pair.dlq_url]

    code = precis(["redrive", *queues, "--endpoint-url", moto_server])

    assert code == 0
    assert "moved 2, failed 0, left in the DLQ 0" in capsys.readouterr().out
    assert sorted(m["Body"] for m in drain(sqs, pair.queue_url)) == ["a", "b"]


def test_precis_redrive_subcommand_reports_errors_on_one_line(
    moto_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = precis(["redrive", "--stack", "nope", "--endpoint-url", moto_server])

    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("precis: error: REDRIVE: stack 'nope' not found")
    assert err.count("\n") == 1


@pytest.mark.parametrize("value", ["0", "-3", "ten"])
def test_max_messages_must_be_a_positive_number(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = precis(["redrive", "--max-messages", value])

    assert code == 2
    assert "USAGE" in capsys.readouterr().err
