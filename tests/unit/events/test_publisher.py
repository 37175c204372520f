"""EventBridge publishing: event shape, bounded retries, failures that never raise."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from aws_lambda_powertools import Metrics
from botocore.exceptions import ClientError, EndpointConnectionError
from botocore.stub import Stubber

from precis.aws import eventbridge as events
from precis.aws.eventbridge import EventBridgePublisher, NullPublisher, publisher_for
from precis.config import Settings
from precis.record import Status
from precis.views import api_path

from .conftest import RecordFactory


class ScriptedClient:
    """An EventBridge client whose put_events answers from a script (responses or errors)."""

    def __init__(self, *outcomes: dict[str, Any] | Exception) -> None:
        self.outcomes = list(outcomes)
        self.calls: list[list[dict[str, Any]]] = []

    def put_events(self, *, Entries: list[dict[str, Any]]) -> dict[str, Any]:  # noqa: N803
        self.calls.append(Entries)
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


OK = {"FailedEntryCount": 0, "Entries": [{"EventId": "e-1"}]}
THROTTLED_ENTRY = {
    "FailedEntryCount": 1,
    "Entries": [{"ErrorCode": "ThrottlingException", "ErrorMessage": "Rate exceeded"}],
}


def client_error(code: str) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": code}}, "PutEvents")


def publisher(client: Any, metrics: Metrics, **kwargs: Any) -> EventBridgePublisher:
    return EventBridgePublisher(
        "orders-bus",
        client,
        metrics=metrics,
        sleep=lambda _: None,
        **kwargs,
    )


def failures(metrics: Metrics) -> list[float]:
    return list(metrics.metric_set.get(events.PUBLISH_FAILED_METRIC, {}).get("Value", []))


def test_completed_record_is_put_with_the_agreed_source_type_and_detail(
    make_record: RecordFactory, metrics: Metrics
) -> None:
    # Given a real EventBridge client stubbed to accept exactly the expected request
    record = make_record(Status.COMPLETED)
    client = boto3.client("events", region_name="us-east-1")
    sent: list[dict[str, Any]] = []
    client.meta.events.register(
        "before-parameter-build.events.PutEvents", lambda params, **_: sent.append(params)
    )
    stubber = Stubber(client)
    stubber.add_response("put_events", OK)

    # When the record is published
    with stubber:
        publisher(client, metrics).publish(record)
        stubber.assert_no_pending_responses()

    # Then one event went out with the agreed envelope and a self-contained detail
    (request,) = sent
    (entry,) = request["Entries"]
    assert entry["Source"] == "precis"
    assert entry["DetailType"] == "SummaryCompleted"
    assert entry["EventBusName"] == "orders-bus"
    assert entry["Resources"] == ["arn:aws:s3:::precis-articles/articles/world/harbour-reopens.txt"]
    detail = json.loads(entry["Detail"])
    assert detail["article_id"] == "world/harbour-reopens"
    assert detail["status"] == "COMPLETED"
    assert detail["title"] == record.title
    assert detail["summary"] == record.summary
    assert detail["error"] is None
    assert detail["source"] == {
        "bucket": "precis-articles",
        "key": "articles/world/harbour-reopens.txt",
        "version_id": "v2",
    }
    assert detail["api_path"] == "/summaries/world/harbour-reopens"
    assert failures(metrics) == []


def test_failed_record_is_announced_as_summary_failed_with_its_error(
    make_record: RecordFactory, metrics: Metrics
) -> None:
    client = ScriptedClient(OK)

    publisher(client, metrics).publish(make_record(Status.FAILED))

    (entries,) = client.calls
    assert entries[0]["DetailType"] == "SummaryFailed"
    detail = json.loads(entries[0]["Detail"])
    assert detail["status"] == "FAILED"
    assert detail["summary"] is None
    assert detail["error"] == {"code": "EMPTY", "message": "the article has no text"}


@pytest.mark.parametrize("status", [Status.PENDING, Status.PROCESSING])
def test_unfinished_records_publish_nothing(
    make_record: RecordFactory, metrics: Metrics, status: Status
) -> None:
    client = ScriptedClient()

    publisher(client, metrics).publish(make_record(status))

    assert client.calls == []


@pytest.mark.parametrize(
    ("article_id", "path"),
    [
        ("world/peace-talks", "/summaries/world/peace-talks"),
        ("a b+c%d", "/summaries/a%20b%2Bc%25d"),
        ("café/ünïcode", "/summaries/caf%C3%A9/%C3%BCn%C3%AFcode"),
        ("q?x=1#frag", "/summaries/q%3Fx%3D1%23frag"),
    ],
)
def test_api_path_quotes_everything_but_slashes(article_id: str, path: str) -> None:
    assert api_path(article_id) == path


def test_unicode_detail_round_trips(make_record: RecordFactory) -> None:
    record = make_record(title="Zürich: 港口重新开放", article_id="zh/港口")

    entry = events.event_entry(record, "default")

    assert entry is not None
    detail = json.loads(entry["Detail"])
    assert detail["title"] == "Zürich: 港口重新开放"
    assert detail["api_path"] == "/summaries/zh/%E6%B8%AF%E5%8F%A3"


def test_record_without_source_has_no_resources(make_record: RecordFactory) -> None:
    entry = events.event_entry(make_record(source=None), "default")

    assert entry is not None
    assert "Resources" not in entry
    assert json.loads(entry["Detail"])["source"] == {
        "bucket": None,
        "key": None,
        "version_id": None,
    }


def test_failed_entry_is_retried_until_accepted(
    make_record: RecordFactory, metrics: Metrics
) -> None:
    client = ScriptedClient(THROTTLED_ENTRY, THROTTLED_ENTRY, OK)

    publisher(client, metrics, max_attempts=3).publish(make_record())

    assert len(client.calls) == 3
    assert failures(metrics) == []


def test_throttling_error_is_retried(make_record: RecordFactory, metrics: Metrics) -> None:
    client = ScriptedClient(client_error("ThrottlingException"), OK)

    publisher(client, metrics).publish(make_record())

    assert len(client.calls) == 2
    assert failures(metrics) == []


def test_exhausted_retries_are_counted_and_not_raised(
    make_record: RecordFactory, metrics: Metrics
) -> None:
    client = ScriptedClient(THROTTLED_ENTRY, client_error("ThrottlingException"), THROTTLED_ENTRY)
    delays: list[float] = []

    pub = EventBridgePublisher(
        "default",
        client,  # type: ignore[arg-type]
        max_attempts=3,
        base_delay=0.2,
        metrics=metrics,
        sleep=delays.append,
    )
    pub.publish(make_record())

    assert len(client.calls) == 3
    assert len(delays) == 2  # no sleep after the last attempt
    assert all(0 <= d <= 1.0 for d in delays)
    assert failures(metrics) == [1.0]


@pytest.mark.parametrize("code", ["AccessDeniedException", "ResourceNotFoundException"])
def test_permanent_errors_are_not_retried(
    make_record: RecordFactory, metrics: Metrics, code: str
) -> None:
    client = ScriptedClient(client_error(code))

    publisher(client, metrics, max_attempts=5).publish(make_record())

    assert len(client.calls) == 1
    assert failures(metrics) == [1.0]


def test_connection_errors_never_escape(make_record: RecordFactory, metrics: Metrics) -> None:
    unreachable = EndpointConnectionError(endpoint_url="https://events.invalid")
    client = ScriptedClient(unreachable, unreachable)

    publisher(client, metrics, max_attempts=2).publish(make_record())

    assert len(client.calls) == 2
    assert failures(metrics) == [1.0]


@pytest.fixture
def fresh_config(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """The environment, without an engine choice from the developer's shell."""
    monkeypatch.delenv("SUMMARY_ENGINE", raising=False)
    return monkeypatch


def test_the_publisher_reads_the_bus_name_and_creates_no_client(
    fresh_config: pytest.MonkeyPatch,
) -> None:
    fresh_config.setenv("EVENT_BUS_NAME", "precis-bus")

    chosen = publisher_for(Settings.from_env())

    assert isinstance(chosen, EventBridgePublisher)
    assert chosen.bus_name == "precis-bus"
    assert chosen._client is None  # created on first publish, not at start


def test_the_publisher_defaults_to_the_default_bus(fresh_config: pytest.MonkeyPatch) -> None:
    fresh_config.delenv("EVENT_BUS_NAME", raising=False)

    chosen = publisher_for(Settings.from_env())

    assert isinstance(chosen, EventBridgePublisher)
    assert chosen.bus_name == "default"


@pytest.mark.parametrize("value", ["", "none", "OFF"])
def test_the_publisher_is_null_when_events_are_switched_off(
    fresh_config: pytest.MonkeyPatch, value: str
) -> None:
    fresh_config.setenv("EVENT_BUS_NAME", value)

    assert isinstance(publisher_for(Settings.from_env()), NullPublisher)


@pytest.mark.parametrize("unit", ["a", "é", "港", '"'], ids=["ascii", "latin", "cjk", "quotes"])
def test_an_oversized_summary_is_shortened_to_fit_an_event(
    make_record: RecordFactory, unit: str
) -> None:
    # Given a summary of three 100k-character "sentences" (a hostile article) and a long title;
    # a validated record is already bounded, so the event's own limit is checked on one that
    # skips validation (model_copy)
    record = make_record().model_copy(
        update={"summary": (unit * 100_000 + ". ") * 3, "title": "T" * 5_000}
    )

    # When its event entry is built
    entry = events.event_entry(record, "default")

    # Then the detail fits EventBridge's entry limit, says it was cut, and keeps the essentials
    assert entry is not None
    assert len(entry["Detail"].encode()) <= events.MAX_DETAIL_BYTES
    detail = json.loads(entry["Detail"])
    assert detail["truncated"] is True
    assert detail["summary"].startswith(unit * 100)
    assert detail["summary"].endswith("…")
    assert len(detail["title"]) == events.MAX_TITLE_CHARS + 1
    assert detail["api_path"] == "/summaries/world/harbour-reopens"
    assert detail["source"]["key"] == "articles/world/harbour-reopens.txt"


def test_a_normal_detail_is_not_marked_truncated(make_record: RecordFactory) -> None:
    entry = events.event_entry(make_record(), "default")

    assert entry is not None
    assert "truncated" not in json.loads(entry["Detail"])
