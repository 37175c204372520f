"""The AWS side of `precis backfill`: list the bucket, enqueue messages, find the stack.

`S3ObjectLister` lists current versions with ListObjectVersions (ListObjectsV2 has no version
ids); `SqsMessageSender` sends batches and retries the entries SQS refused; `stack_resources`
reads the bucket, queue and table from a stack's outputs, and the engine from the summarize
function's environment. The decisions are `precis.pipeline.backfill`'s.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from precis.aws.redrive import describe_error
from precis.errors import BackfillError
from precis.record import ListedObject

if TYPE_CHECKING:
    from mypy_boto3_cloudformation import CloudFormationClient
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_sqs import SQSClient
    from mypy_boto3_sqs.type_defs import SendMessageBatchRequestEntryTypeDef

SEND_ATTEMPTS = 4
SQS_MAX_BATCH = 10  # entries SendMessageBatch accepts per call


@dataclass(frozen=True)
class StackResources:
    bucket: str
    queue_url: str
    table_name: str
    function_name: str | None
    origin: str  # where the names came from, for the report


class S3ObjectLister:
    """Current object versions under a prefix, in key order."""

    def __init__(self, s3: S3Client, bucket: str) -> None:
        self.s3 = s3
        self.bucket = bucket

    def objects(self, prefix: str, *, after: str | None) -> Iterator[ListedObject]:
        # By hand rather than with the paginator, which cannot start after a given key.
        markers: dict[str, str] = {"KeyMarker": after} if after else {}
        while True:
            page = self.s3.list_object_versions(Bucket=self.bucket, Prefix=prefix, **markers)  # type: ignore[arg-type]
            # A key whose current version is a delete marker has no IsLatest version here.
            for version in page.get("Versions", []):
                if version.get("IsLatest") and (after is None or version["Key"] > after):
                    yield ListedObject(
                        key=version["Key"],
                        version_id=version.get("VersionId"),
                        etag=str(version.get("ETag", "")).strip('"') or None,
                        size=version.get("Size"),
                        last_modified=version.get("LastModified"),
                    )
            if not page.get("IsTruncated"):
                return
            markers = {"KeyMarker": page.get("NextKeyMarker", "")}
            if page.get("NextVersionIdMarker"):
                markers["VersionIdMarker"] = page["NextVersionIdMarker"]

    def count(self, prefix: str, *, after: str | None) -> int:
        paginator = self.s3.get_paginator("list_objects_v2")
        pages = (
            paginator.paginate(Bucket=self.bucket, Prefix=prefix, StartAfter=after)
            if after
            else paginator.paginate(Bucket=self.bucket, Prefix=prefix)
        )
        return sum(int(page.get("KeyCount", 0)) for page in pages)


class SqsMessageSender:
    """SendMessageBatch, with the entries SQS refused sent again (bounded, with backoff)."""

    def __init__(
        self,
        sqs: SQSClient,
        queue_url: str,
        *,
        sleep: Callable[[float], None] = time.sleep,
        attempts: int = SEND_ATTEMPTS,
    ) -> None:
        self.sqs = sqs
        self.queue_url = queue_url
        self._sleep = sleep
        self._attempts = attempts

    def send(self, bodies: Sequence[str]) -> None:
        """Raises BackfillError when messages are still refused after the last attempt."""
        if len(bodies) > SQS_MAX_BATCH:
            raise ValueError(f"at most {SQS_MAX_BATCH} messages per batch")
        pending: dict[str, str] = {str(i): body for i, body in enumerate(bodies)}
        problem = ""
        for attempt in range(self._attempts):
            if not pending:
                return
            if attempt:
                self._sleep(0.2 * 2**attempt)
            entries: list[SendMessageBatchRequestEntryTypeDef] = [
                {"Id": entry_id, "MessageBody": body} for entry_id, body in pending.items()
            ]
            try:
                response = self.sqs.send_message_batch(QueueUrl=self.queue_url, Entries=entries)
            except Exception as exc:  # throttled, a dropped connection: try the batch again
                problem = describe_error(exc)
                continue
            for sent in response.get("Successful", []):
                pending.pop(sent["Id"], None)
            failed = response.get("Failed", [])
            if failed:
                problem = str(failed[0].get("Code", "refused"))
                # A sender fault (a message too large, bad attributes) will not pass later.
                if any(entry.get("SenderFault") for entry in failed):
                    break
        if pending:
            raise BackfillError(
                f"the queue refused {len(pending)} of {len(bodies)} messages ({problem})"
            )


def stack_resources(cloudformation: CloudFormationClient, stack_name: str) -> StackResources:
    """Bucket, queue and table of a stack, from its outputs. Raises BackfillError."""
    try:
        stacks = cloudformation.describe_stacks(StackName=stack_name)["Stacks"]
    except Exception as exc:
        raise BackfillError(f"stack {stack_name!r} not found ({describe_error(exc)})") from exc
    outputs = {o["OutputKey"]: o.get("OutputValue", "") for o in stacks[0].get("Outputs", [])}
    missing = [name for name in ("BucketName", "QueueUrl", "TableName") if not outputs.get(name)]
    if missing:
        raise BackfillError(f"stack {stack_name} has no {', '.join(missing)} output")
    return StackResources(
        bucket=outputs["BucketName"],
        queue_url=outputs["QueueUrl"],
        table_name=outputs["TableName"],
        function_name=outputs.get("SummarizeFunctionName") or None,
        origin=f"stack {stack_name} outputs",
    )


def function_engine(lambda_client: Any, function_name: str) -> tuple[str, str | None]:
    """(SUMMARY_ENGINE, BEDROCK_MODEL_ID) of the deployed summarize function.

    Raises BackfillError when its configuration cannot be read.
    """
    try:
        configuration = lambda_client.get_function_configuration(FunctionName=function_name)
    except Exception as exc:
        raise BackfillError(
            f"cannot read the engine of {function_name} ({describe_error(exc)}); give --engine"
        ) from exc
    variables = configuration.get("Environment", {}).get("Variables", {})
    return variables.get("SUMMARY_ENGINE") or "extractive", variables.get("BEDROCK_MODEL_ID")
