"""Where SQS offers a message move task (AWS), redrive uses it and waits for it to finish."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from precis.aws.redrive import RedriveError, redrive

QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/precis-articles"
DLQ_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/precis-articles-dlq"
QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:precis-articles"
DLQ_ARN = "arn:aws:sqs:us-east-1:123456789012:precis-articles-dlq"


@pytest.fixture
def sqs() -> Iterator[tuple[Any, Stubber]]:
    client = boto3.client(
        "sqs", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def expect_arns(stubber: Stubber) -> None:
    for url, arn in ((DLQ_URL, DLQ_ARN), (QUEUE_URL, QUEUE_ARN)):
        stubber.add_response(
            "get_queue_attributes",
            {"Attributes": {"QueueArn": arn}},
            {"QueueUrl": url, "AttributeNames": ["QueueArn"]},
        )


def task(status: str, moved: int, to_move: int = 5) -> dict[str, Any]:
    return {
        "Results": [
            {
                "TaskHandle": "h-1",
                "Status": status,
                "SourceArn": DLQ_ARN,
                "DestinationArn": QUEUE_ARN,
                "ApproximateNumberOfMessagesMoved": moved,
                "ApproximateNumberOfMessagesToMove": to_move,
                "StartedTimestamp": 1,
            }
        ]
    }


def test_move_task_is_started_from_the_dlq_to_the_queue_and_awaited(
    sqs: tuple[Any, Stubber],
) -> None:
    client, stubber = sqs
    expect_arns(stubber)
    stubber.add_response(
        "start_message_move_task",
        {"TaskHandle": "h-1"},
        {"SourceArn": DLQ_ARN, "DestinationArn": QUEUE_ARN},
    )
    stubber.add_response("list_message_move_tasks", task("RUNNING", 2))
    stubber.add_response("list_message_move_tasks", task("COMPLETED", 5))
    stubber.add_response(
        "get_queue_attributes",
        {
            "Attributes": {
                "ApproximateNumberOfMessages": "0",
                "ApproximateNumberOfMessagesNotVisible": "0",
            }
        },
    )
    waits: list[float] = []

    result = redrive(QUEUE_URL, DLQ_URL, sqs=client, sleep=waits.append, poll_interval_s=1.5)

    assert (result.method, result.moved, result.failed, result.remaining) == ("move-task", 5, 0, 0)
    assert result.task_status == "COMPLETED"
    assert waits == [1.5]


def test_a_failed_move_task_reports_what_did_not_move(sqs: tuple[Any, Stubber]) -> None:
    client, stubber = sqs
    expect_arns(stubber)
    stubber.add_response("start_message_move_task", {"TaskHandle": "h-1"})
    failed = task("FAILED", 3)
    failed["Results"][0]["FailureReason"] = "AWS.SimpleQueueService.NonExistentQueue"
    stubber.add_response("list_message_move_tasks", failed)
    stubber.add_response(
        "get_queue_attributes", {"Attributes": {"ApproximateNumberOfMessages": "2"}}
    )

    result = redrive(QUEUE_URL, DLQ_URL, sqs=client, sleep=lambda _: None)

    assert (result.moved, result.failed, result.remaining) == (3, 2, 2)
    assert result.note == "AWS.SimpleQueueService.NonExistentQueue"


def test_waiting_is_bounded_by_the_timeout(sqs: tuple[Any, Stubber]) -> None:
    client, stubber = sqs
    expect_arns(stubber)
    stubber.add_response("start_message_move_task", {"TaskHandle": "h-1"})
    for _ in range(3):
        stubber.add_response("list_message_move_tasks", task("RUNNING", 1))
    stubber.add_response(
        "get_queue_attributes", {"Attributes": {"ApproximateNumberOfMessages": "4"}}
    )
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    result = redrive(
        QUEUE_URL,
        DLQ_URL,
        sqs=client,
        task_timeout_s=4.0,
        poll_interval_s=2.0,
        sleep=sleep,
        clock=lambda: now[0],
    )

    assert result.task_status == "RUNNING"
    assert (result.moved, result.failed) == (1, 0)  # still moving is not failing
    assert now[0] == 4.0


def test_not_waiting_returns_once_the_task_started(sqs: tuple[Any, Stubber]) -> None:
    client, stubber = sqs
    expect_arns(stubber)
    stubber.add_response("start_message_move_task", {"TaskHandle": "h-1"})

    result = redrive(QUEUE_URL, DLQ_URL, sqs=client, wait=False)

    assert (result.method, result.remaining) == ("move-task", None)


def test_a_refused_move_task_is_an_error_when_insisted_on(sqs: tuple[Any, Stubber]) -> None:
    client, stubber = sqs
    expect_arns(stubber)
    stubber.add_client_error("start_message_move_task", "AccessDenied", http_status_code=403)

    with pytest.raises(RedriveError, match="AccessDenied"):
        redrive(QUEUE_URL, DLQ_URL, sqs=client, method="move-task")
