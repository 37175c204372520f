"""Redrive in the pipeline: an article whose S3 read kept timing out is dead-lettered and
recorded FAILED; once S3 is healthy, redrive brings it back and it ends COMPLETED.

Uses the moto stack and pipeline fixtures of tests/integration/conftest.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from precis.aws.redrive import redrive
from precis.aws.s3 import S3Reader
from precis.errors import TransientError
from precis.record import Status

ARTICLE = (
    "Library extends its opening hours\n\n"
    "The city library will open until ten in the evening from next month. "
    "The council approved the extra funding on Thursday after a petition. "
    "Students had asked for a quiet place to work during the exam season. "
    "Two more librarians will be hired for the late shifts.\n"
)


def test_a_dead_lettered_article_is_summarized_after_redrive(
    pipeline: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given an article whose object S3 cannot serve (a timeout on every attempt)
    healthy = {name: getattr(S3Reader, name) for name in ("head", "get", "read")}

    def timing_out(*args: Any, **kwargs: Any) -> Any:
        raise TransientError("s3: timed out", code="TIMEOUT")

    for name in healthy:
        monkeypatch.setattr(S3Reader, name, timing_out)
    pipeline.put("articles/city/library-hours.txt", ARTICLE)

    # When the queue retries it until the redrive policy parks it
    pipeline.drain()

    # Then it is FAILED with the last error, and its message waits in the DLQ
    failed = pipeline.record("city/library-hours")
    assert failed is not None and failed.status == Status.FAILED
    assert failed.error is not None and failed.error.code == "TIMEOUT"

    # When S3 recovers and the DLQ is redriven
    for name, method in healthy.items():
        monkeypatch.setattr(S3Reader, name, method)
    stack = pipeline.stack
    result = redrive(stack.queue_url, stack.dlq_url, sqs=stack.sqs)
    pipeline.drain()

    # Then the article is summarized and nothing is left behind
    assert (result.moved, result.failed) == (1, 0)
    record = pipeline.record("city/library-hours")
    assert record is not None and record.status == Status.COMPLETED
    assert record.error is None and record.summary
    assert pipeline.dlq_bodies() == []
