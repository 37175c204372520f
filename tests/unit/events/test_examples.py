"""The integration examples in docs/ stay valid: ASL that parses, error names the code raises."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser

from precis import errors
from precis.aws import eventbridge as events
from precis.record import EngineRef, SourceRef, Status, SummaryRecord

from .conftest import RecordFactory

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
STATE_MACHINES = sorted(EXAMPLES.glob("*.asl.json"))
FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:precis-summarize"
LAMBDA_SERVICE_ERRORS = {
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
}
TERMINAL = {"Succeed", "Fail"}


def precis_error_names() -> set[str]:
    found: set[str] = set()
    pending: list[type[errors.PrecisError]] = [errors.PrecisError]
    while pending:
        cls = pending.pop()
        found.add(cls.__name__)
        pending.extend(cls.__subclasses__())
    return found


def walk_states(states: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every (scope, state) pair, nested Map and Parallel branches included."""
    pairs = []
    for state in states.values():
        pairs.append((states, state))
        inner = state.get("ItemProcessor") or state.get("Iterator")
        if inner:
            pairs.extend(walk_states(inner["States"]))
        for branch in state.get("Branches", []):
            pairs.extend(walk_states(branch["States"]))
    return pairs


def load(path: Path) -> dict[str, Any]:
    definition: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return definition


def test_there_are_state_machine_examples() -> None:
    assert {p.name for p in STATE_MACHINES} >= {
        "stepfunctions-summarize.asl.json",
        "stepfunctions-summarize-one.asl.json",
    }


@pytest.mark.parametrize("path", STATE_MACHINES, ids=lambda p: p.name)
def test_state_machine_parses_as_amazon_states_language(path: Path) -> None:
    text = path.read_text(encoding="utf-8").replace("${SummarizeFunctionArn}", FUNCTION_ARN)

    program, _ = AmazonStateLanguageParser.parse(text)

    assert program is not None


@pytest.mark.parametrize("path", STATE_MACHINES, ids=lambda p: p.name)
def test_every_transition_names_a_state_and_every_state_ends_or_goes_on(path: Path) -> None:
    definition = load(path)
    assert definition["StartAt"] in definition["States"]
    for scope, state in walk_states(definition["States"]):
        targets = [state.get("Next"), state.get("Default")]
        targets += [c["Next"] for c in state.get("Catch", []) + state.get("Choices", [])]
        for target in filter(None, targets):
            assert target in scope, f"{target} is not a state of its scope"
        if state["Type"] not in TERMINAL | {"Choice"}:
            assert state.get("End") is True or "Next" in state


@pytest.mark.parametrize("path", STATE_MACHINES, ids=lambda p: p.name)
def test_retries_and_catches_name_errors_the_function_raises(path: Path) -> None:
    # Lambda reports a Python exception by its class name: these must exist in precis.errors.
    known = precis_error_names() | LAMBDA_SERVICE_ERRORS
    tasks = [s for _, s in walk_states(load(path)["States"]) if s["Type"] == "Task"]
    assert tasks
    for task in tasks:
        assert task["Parameters"]["FunctionName"] == "${SummarizeFunctionArn}"
        retried = {e for r in task["Retry"] for e in r["ErrorEquals"]}
        caught = {e for c in task["Catch"] for e in c["ErrorEquals"]}
        assert retried <= known
        assert caught <= known
        assert "TransientError" in retried
        assert {"EmptyDocument", "TooLarge", "UnsupportedType"} <= caught
        assert not retried & caught


def test_documented_rule_pattern_matches_the_event_shape(make_record: RecordFactory) -> None:
    pattern = load(EXAMPLES / "eventbridge-rule-pattern.json")
    entry = events.event_entry(make_record(), "default")
    assert entry is not None
    detail = json.loads(entry["Detail"])

    assert pattern["source"] == [entry["Source"]]
    assert set(pattern["detail-type"]) <= {events.SUMMARY_COMPLETED, events.SUMMARY_FAILED}
    assert set(pattern["detail"]) <= set(detail)
    assert set(pattern["detail"]["source"]) <= set(detail["source"])


def test_documented_example_event_is_what_the_publisher_sends() -> None:
    # Given the record the documented example describes
    example = load(EXAMPLES / "summary-completed-event.json")
    shown = example["detail"]
    record = SummaryRecord(
        article_id=shown["article_id"],
        status=Status(shown["status"]),
        title=shown["title"],
        summary=shown["summary"],
        source=SourceRef(**shown["source"]),
        engine=EngineRef(**shown["engine"]),
        created_at=shown["updated_at"],
        updated_at=shown["updated_at"],
    )

    # When the publisher builds its entry
    entry = events.event_entry(record, "default")

    # Then the documentation shows exactly that entry
    assert entry is not None
    assert json.loads(entry["Detail"]) == shown
    assert entry["DetailType"] == example["detail-type"]
    assert entry["Source"] == example["source"]
    assert entry["Resources"] == example["resources"]
