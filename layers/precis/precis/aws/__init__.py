"""AWS adapters: S3 reader, EventBridge publisher, Bedrock client, SQS redrive, error classes.

Everything that talks to AWS lives here, behind these names; boto3 loads when a client is
first made, never on import. (`redrive` itself is `precis.aws.redrive.redrive`: the name
is its module's.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from precis import lazy_exports

if TYPE_CHECKING:
    from precis.aws.bedrock import make_bedrock_client
    from precis.aws.errors import error_code, translate
    from precis.aws.eventbridge import (
        EventBridgePublisher,
        EventPublisher,
        NullPublisher,
        publisher_for,
    )
    from precis.aws.redrive import Queues, RedriveError, RedriveResult, move_messages
    from precis.aws.s3 import ObjectHead, S3Object, S3Reader

__all__ = [
    "EventBridgePublisher",
    "EventPublisher",
    "NullPublisher",
    "ObjectHead",
    "Queues",
    "RedriveError",
    "RedriveResult",
    "S3Object",
    "S3Reader",
    "error_code",
    "make_bedrock_client",
    "move_messages",
    "publisher_for",
    "translate",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "s3": ("ObjectHead", "S3Object", "S3Reader"),
        "eventbridge": ("EventBridgePublisher", "EventPublisher", "NullPublisher", "publisher_for"),
        "bedrock": ("make_bedrock_client",),
        "errors": ("error_code", "translate"),
        "redrive": ("Queues", "RedriveError", "RedriveResult", "move_messages"),
    },
)
