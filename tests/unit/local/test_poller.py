"""The SQS event source mapping's rules for what succeeded and what is retried."""

from __future__ import annotations

from local.poller import build_sqs_event, failed_message_ids

IDS = ["m1", "m2", "m3"]


def test_reported_item_failures_fail_only_those_messages() -> None:
    response = {"batchItemFailures": [{"itemIdentifier": "m2"}]}

    assert failed_message_ids(response, IDS, report_batch_item_failures=True) == {"m2"}


def test_empty_or_missing_report_means_every_message_succeeded() -> None:
    for response in (None, {}, {"batchItemFailures": []}):
        assert failed_message_ids(response, IDS, report_batch_item_failures=True) == set()


def test_unknown_or_missing_identifier_fails_the_whole_batch() -> None:
    for item in ({"itemIdentifier": "other"}, {"itemIdentifier": ""}, {}):
        response = {"batchItemFailures": [item]}
        assert failed_message_ids(response, IDS, report_batch_item_failures=True) == set(IDS)


def test_malformed_report_fails_the_whole_batch() -> None:
    for response in ({"batchItemFailures": "m1"}, "oops"):
        assert failed_message_ids(response, IDS, report_batch_item_failures=True) == set(IDS)


def test_report_is_ignored_when_the_mapping_does_not_ask_for_it() -> None:
    response = {"batchItemFailures": [{"itemIdentifier": "m2"}]}

    assert failed_message_ids(response, IDS, report_batch_item_failures=False) == set()


def test_sqs_event_has_the_shape_lambda_delivers() -> None:
    message = {
        "MessageId": "m1",
        "ReceiptHandle": "rh",
        "Body": '{"Records": []}',
        "Attributes": {"ApproximateReceiveCount": "2", "SentTimestamp": "1"},
        "MessageAttributes": {"kind": {"StringValue": "x", "DataType": "String"}},
    }
    arn = "arn:aws:sqs:eu-west-1:123456789012:articles"

    event = build_sqs_event([message], queue_arn=arn)

    (record,) = event["Records"]
    assert record["messageId"] == "m1"
    assert record["receiptHandle"] == "rh"
    assert record["body"] == '{"Records": []}'
    assert record["attributes"]["ApproximateReceiveCount"] == "2"
    assert record["messageAttributes"]["kind"]["stringValue"] == "x"
    assert record["eventSource"] == "aws:sqs"
    assert record["eventSourceARN"] == arn
    assert record["awsRegion"] == "eu-west-1"
    assert len(record["md5OfBody"]) == 32
