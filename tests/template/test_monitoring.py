"""The alarms, their topic and the dashboard: present only when asked for, on real resources."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from local.template import evaluate_conditions, resolve, resources_of_type
from local.validate_template import least_privilege_findings
from precis import observability
from precis.aws.eventbridge import PUBLISH_FAILED_METRIC
from precis.pipeline.ingestor import _Internal

EMAIL = {"AlarmEmail": "ops@example.com"}
GIVEN_TOPIC = "arn:aws:sns:us-east-1:123456789012:ops-pager"
TOPIC = {"AlarmTopicArn": GIVEN_TOPIC}
TOPIC_AND_EMAIL = {**TOPIC, **EMAIL}
MONITORING_ON = [EMAIL, TOPIC, TOPIC_AND_EMAIL]
MONITORING_IDS = ["email", "topic", "topic-and-email"]
MONITORING_TYPES = (
    "AWS::CloudWatch::Alarm",
    "AWS::CloudWatch::Dashboard",
    "AWS::SNS::Topic",
    "AWS::SNS::TopicPolicy",
    "AWS::SNS::Subscription",
    "AWS::KMS::Key",
)
# What each alarm watches: (namespace, metric) -> the resource or constant it must be bound to.
EXPECTED_ALARMS = {
    ("AWS/SQS", "ApproximateNumberOfMessagesVisible"),
    ("AWS/SQS", "ApproximateAgeOfOldestMessage"),
    ("AWS/Lambda", "Errors"),  # twice: both functions
    ("AWS/Lambda", "Throttles"),
    ("AWS/ApiGateway", "5XXError"),
    ("AWS/ApiGateway", "Latency"),
    ("Precis", observability.SUMMARIZE_FAILED),
    ("Precis", PUBLISH_FAILED_METRIC),
}
SUB_VARIABLE = re.compile(r"\$\{([^}!][^}]*)\}")
PSEUDO = {"AWS::Region": "us-east-1", "AWS::StackName": "precis", "AWS::AccountId": "123456789012"}


def present(template: dict[str, Any], params: dict[str, str]) -> dict[str, Any]:
    """The resources that exist for `params`: no Condition, or one that is true."""
    conditions = evaluate_conditions(template, params)
    return {
        logical_id: resource
        for logical_id, resource in template["Resources"].items()
        if conditions.get(resource.get("Condition", ""), True)
    }


def of_type(resources: dict[str, Any], resource_type: str) -> dict[str, Any]:
    return {key: value for key, value in resources.items() if value["Type"] == resource_type}


def props(template: dict[str, Any], logical_id: str, params: dict[str, str]) -> dict[str, Any]:
    return resolve(template["Resources"][logical_id]["Properties"], template, params)  # type: ignore[no-any-return]


def alarms(template: dict[str, Any], params: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {
        logical_id: props(template, logical_id, params)
        for logical_id in of_type(present(template, params), "AWS::CloudWatch::Alarm")
    }


def referenced_resources(node: Any) -> Iterator[str]:
    """Logical ids named by Ref, GetAtt and Sub anywhere in `node` (parameters included)."""
    if isinstance(node, list):
        for item in node:
            yield from referenced_resources(item)
    elif isinstance(node, dict):
        if set(node) == {"Ref"}:
            yield node["Ref"]
        elif set(node) == {"Fn::GetAtt"}:
            target = node["Fn::GetAtt"]
            yield target[0] if isinstance(target, list) else target.split(".")[0]
        elif set(node) == {"Fn::Sub"}:
            sub = node["Fn::Sub"]
            text, variables = (sub, {}) if isinstance(sub, str) else sub
            for name in SUB_VARIABLE.findall(text):
                if name not in variables:
                    yield name.split(".")[0]
            yield from referenced_resources(variables)
        else:
            for value in node.values():
                yield from referenced_resources(value)


def dashboard_body(template: dict[str, Any], params: dict[str, str]) -> dict[str, Any]:
    """The dashboard's JSON with every ${...} replaced by the name of what it points at."""
    body = props(template, "OperationsDashboard", params)["DashboardBody"]["Fn::Sub"]
    text, variables = body
    defaults = {name: str(spec.get("Default", "")) for name, spec in template["Parameters"].items()}
    values = {**PSEUDO, **defaults, **params}
    resources = template["Resources"]

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in values:
            return values[name]
        if name in variables:
            return f"<{name}>"
        target = name.split(".")[0]
        assert target in resources, f"dashboard names unknown {name}"
        return f"<{name}>"

    return json.loads(SUB_VARIABLE.sub(substitute, text))  # type: ignore[no-any-return]


def dashboard_metrics(body: dict[str, Any]) -> list[list[Any]]:
    return [
        metric
        for widget in body["widgets"]
        if widget["type"] == "metric"
        for metric in widget["properties"]["metrics"]
    ]


# ------------------------------------------------------------------------------ switched off


def test_without_topic_or_email_no_monitoring_resource_or_output_exists(transformed):
    resources = present(transformed, {})
    conditions = evaluate_conditions(transformed, {})

    for resource_type in MONITORING_TYPES:
        assert of_type(resources, resource_type) == {}
    hidden = {
        name
        for name, output in transformed["Outputs"].items()
        if not conditions.get(output.get("Condition", ""), True)
    }
    assert {"AlarmsTopicArn", "DashboardUrl"} <= hidden


@pytest.mark.parametrize(
    "params", [{}, EMAIL, TOPIC, TOPIC_AND_EMAIL], ids=["off", *MONITORING_IDS]
)
def test_no_resource_or_output_refers_to_one_that_does_not_exist(transform, params):
    template = transform(params)
    existing = present(template, params)
    conditions = evaluate_conditions(template, params)
    known = set(existing) | set(template["Parameters"])
    outputs = {
        name: out
        for name, out in template["Outputs"].items()
        if conditions.get(out.get("Condition", ""), True)
    }

    for owner, node in [*existing.items(), *outputs.items()]:
        resolved = resolve(node, template, params)
        dangling = {
            name
            for name in referenced_resources(resolved)
            if name not in known and not name.startswith("AWS::")
        }
        assert dangling == set(), f"{owner} refers to {dangling}"


# ------------------------------------------------------------------------------- switched on


@pytest.mark.parametrize("params", MONITORING_ON, ids=MONITORING_IDS)
def test_every_alarm_exists_treats_silence_as_fine_and_notifies_the_topic(transform, params):
    template = transform(params)
    found = alarms(template, params)
    topic = GIVEN_TOPIC if "AlarmTopicArn" in params else {"Ref": "AlarmTopic"}

    assert {(a["Namespace"], a["MetricName"]) for a in found.values()} == EXPECTED_ALARMS
    assert len(found) == len(EXPECTED_ALARMS) + 1  # Errors of both functions
    for logical_id, alarm in found.items():
        assert alarm["TreatMissingData"] == "notBreaching", logical_id
        assert alarm["AlarmActions"] == [topic], logical_id
        assert alarm["OKActions"] == [topic], logical_id
        assert int(alarm["Period"]) >= 60, logical_id
        assert alarm["AlarmName"]["Fn::Sub"].startswith("${AWS::StackName}-"), logical_id
        assert "docs/operations.md#" in alarm["AlarmDescription"], logical_id


def test_alarm_descriptions_link_to_sections_of_the_operations_page(transform):
    from local.template import ROOT

    page = (ROOT / "docs/operations.md").read_text(encoding="utf-8")
    anchors = {
        re.sub(r"[^a-z0-9 -]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
        for line in page.splitlines()
        if line.startswith("#")
    }

    for logical_id, alarm in alarms(transform(EMAIL), EMAIL).items():
        (anchor,) = re.findall(r"docs/operations\.md#([a-z0-9-]+)", alarm["AlarmDescription"])
        assert anchor in anchors, f"{logical_id} links to a missing section #{anchor}"


def test_alarms_watch_the_stacks_own_queues_functions_and_api(transform):
    template = transform(EMAIL)
    by_metric = {}
    for alarm in alarms(template, EMAIL).values():
        dimensions = {d["Name"]: d["Value"] for d in alarm["Dimensions"]}
        by_metric.setdefault((alarm["Namespace"], alarm["MetricName"]), []).append(dimensions)
    api_name = props(template, "PrecisApi", EMAIL)["Name"]
    (stage_id,) = resources_of_type(template, "AWS::ApiGateway::Stage")

    assert by_metric["AWS/SQS", "ApproximateNumberOfMessagesVisible"] == [
        {"QueueName": {"Fn::GetAtt": ["ArticlesDeadLetterQueue", "QueueName"]}}
    ]
    assert by_metric["AWS/SQS", "ApproximateAgeOfOldestMessage"] == [
        {"QueueName": {"Fn::GetAtt": ["ArticlesQueue", "QueueName"]}}
    ]
    assert sorted(d["FunctionName"]["Ref"] for d in by_metric["AWS/Lambda", "Errors"]) == [
        "ApiFunction",
        "SummarizeFunction",
    ]
    assert by_metric["AWS/Lambda", "Throttles"] == [{"FunctionName": {"Ref": "SummarizeFunction"}}]
    for metric in ("5XXError", "Latency"):
        assert by_metric["AWS/ApiGateway", metric] == [
            {"ApiName": api_name, "Stage": {"Ref": stage_id}}
        ]
    for logical_id in ("ArticlesQueue", "ArticlesDeadLetterQueue"):
        assert template["Resources"][logical_id]["Type"] == "AWS::SQS::Queue"
    for logical_id in ("SummarizeFunction", "ApiFunction"):
        assert template["Resources"][logical_id]["Type"] == "AWS::Lambda::Function"


def test_own_metric_alarms_use_the_names_and_dimensions_the_code_emits(transform):
    template = transform(EMAIL)
    env = props(template, "SummarizeFunction", EMAIL)["Environment"]["Variables"]
    own = [a for a in alarms(template, EMAIL).values() if not a["Namespace"].startswith("AWS/")]
    by_name = {a["MetricName"]: {d["Name"]: d["Value"] for d in a["Dimensions"]} for a in own}

    assert {a["Namespace"] for a in own} == {env["POWERTOOLS_METRICS_NAMESPACE"]}
    service = env["POWERTOOLS_SERVICE_NAME"]
    # count_failed adds the code to the service dimension; the publisher counts by service only.
    assert by_name[observability.SUMMARIZE_FAILED] == {"service": service, "code": _Internal.code}
    assert by_name[PUBLISH_FAILED_METRIC] == {"service": service}


def test_thresholds_of_queue_age_and_latency_are_parameters(transform):
    params = {**EMAIL, "QueueAgeAlarmSeconds": "600", "ApiLatencyAlarmMs": "2500"}
    found = alarms(transform(params), params)
    by_metric = {a["MetricName"]: a for a in found.values()}

    assert int(by_metric["ApproximateAgeOfOldestMessage"]["Threshold"]) == 600
    assert int(by_metric["Latency"]["Threshold"]) == 2500
    assert by_metric["Latency"]["ExtendedStatistic"] == "p99"
    assert float(by_metric["ApproximateNumberOfMessagesVisible"]["Threshold"]) == 0


def test_email_alone_creates_an_encrypted_topic_only_this_stacks_alarms_publish_to(transform):
    template = transform(EMAIL)
    resources = present(template, EMAIL)
    topic = props(template, "AlarmTopic", EMAIL)
    key = props(template, "AlarmTopicKey", EMAIL)
    (publish,) = statements_of(props(template, "AlarmTopicPolicy", EMAIL))
    subscription = props(template, "AlarmEmailSubscription", EMAIL)

    assert topic["KmsMasterKeyId"] == {"Ref": "AlarmTopicKey"}
    assert key["EnableKeyRotation"] is True
    cloudwatch = [
        s
        for s in key["KeyPolicy"]["Statement"]
        if s["Principal"] == {"Service": "cloudwatch.amazonaws.com"}
    ]
    assert [sorted(s["Action"]) for s in cloudwatch] == [["kms:Decrypt", "kms:GenerateDataKey*"]]
    assert publish["Principal"] == {"Service": "cloudwatch.amazonaws.com"}
    assert publish["Action"] == "sns:Publish"
    assert publish["Resource"] == {"Ref": "AlarmTopic"}
    assert publish["Condition"]["ArnLike"]["aws:SourceArn"]["Fn::Sub"].endswith(
        ":alarm:${AWS::StackName}-*"
    )
    assert subscription == {
        "Protocol": "email",
        "Endpoint": "ops@example.com",
        "TopicArn": {"Ref": "AlarmTopic"},
    }
    assert len(of_type(resources, "AWS::SNS::Topic")) == 1


@pytest.mark.parametrize("params", [TOPIC, TOPIC_AND_EMAIL], ids=["topic", "topic-and-email"])
def test_a_given_topic_is_used_as_it_is(transform, params):
    template = transform(params)
    resources = present(template, params)

    for resource_type in ("AWS::SNS::Topic", "AWS::SNS::TopicPolicy", "AWS::KMS::Key"):
        assert of_type(resources, resource_type) == {}
    subscriptions = of_type(resources, "AWS::SNS::Subscription")
    if "AlarmEmail" in params:
        (subscription,) = subscriptions
        assert props(template, subscription, params)["TopicArn"] == GIVEN_TOPIC
    else:
        assert subscriptions == {}


@pytest.mark.parametrize("params", MONITORING_ON, ids=MONITORING_IDS)
def test_monitoring_policies_grant_no_wildcards(transform, params):
    assert least_privilege_findings(transform(params), params) == []


def test_dashboard_shows_the_pipelines_health(transform):
    template = transform(EMAIL)
    body = dashboard_body(template, EMAIL)
    metrics = dashboard_metrics(body)
    plain = {(m[0], m[1]) for m in metrics if isinstance(m[0], str)}
    stats = {
        (m[1], m[-1].get("stat"))
        for m in metrics
        if isinstance(m[0], str) and isinstance(m[-1], dict)
    }
    searches = " ".join(m[0]["expression"] for m in metrics if isinstance(m[0], dict))
    queues = {m[3] for m in metrics if m[0] == "AWS/SQS"}

    assert {
        ("AWS/SQS", "NumberOfMessagesSent"),  # uploads in
        ("Precis", observability.ARTICLES_SUMMARIZED),
        ("AWS/SQS", "ApproximateNumberOfMessagesVisible"),
        ("AWS/SQS", "ApproximateAgeOfOldestMessage"),
        ("AWS/ApiGateway", "Count"),
        ("AWS/ApiGateway", "4XXError"),
        ("AWS/ApiGateway", "5XXError"),
        ("Precis", observability.ENGINE_FALLBACKS),
    } <= plain
    assert {
        ("Duration", "p50"),
        ("Duration", "p99"),
        ("Latency", "p50"),
        ("Latency", "p99"),
    } <= stats
    assert f'MetricName="{observability.SUMMARIZE_FAILED}"' in searches
    assert queues == {"<ArticlesQueue.QueueName>", "<ArticlesDeadLetterQueue.QueueName>"}


def test_dashboard_names_only_metrics_the_code_emits(transform):
    emitted = {
        value
        for name, value in vars(observability).items()
        if name.isupper() and isinstance(value, str) and value[:1].isupper()
    } | {PUBLISH_FAILED_METRIC}
    body = dashboard_body(transform(EMAIL), EMAIL)

    own = {m[1] for m in dashboard_metrics(body) if m[0] == "Precis"}
    assert own
    assert own <= emitted
    for metric in dashboard_metrics(body):
        if metric[0] == "Precis":
            assert metric[2:4] == ["service", "precis"]


def test_dashboard_lists_every_alarm(transform):
    template = transform(EMAIL)
    body = dashboard_body(template, EMAIL)

    (widget,) = [w for w in body["widgets"] if w["type"] == "alarm"]
    assert sorted(widget["properties"]["alarms"]) == sorted(
        f"<{logical_id}.Arn>" for logical_id in alarms(template, EMAIL)
    )


def test_dashboard_widgets_fit_the_grid_without_overlapping(transform):
    body = dashboard_body(transform(EMAIL), EMAIL)
    cells: set[tuple[int, int]] = set()

    for widget in body["widgets"]:
        assert widget["x"] + widget["width"] <= 24
        area = {
            (x, y)
            for x in range(widget["x"], widget["x"] + widget["width"])
            for y in range(widget["y"], widget["y"] + widget["height"])
        }
        assert not area & cells, widget["properties"]["title"]
        cells |= area


def statements_of(policy: dict[str, Any]) -> list[dict[str, Any]]:
    found = policy["PolicyDocument"]["Statement"]
    return found if isinstance(found, list) else [found]
