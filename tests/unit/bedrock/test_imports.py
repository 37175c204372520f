"""The engines stay domain code: importing them loads no AWS SDK (cold start, purity)."""

from __future__ import annotations

import subprocess
import sys

MODULES = (
    "precis.summarize.bedrock",
    "precis.summarize.fallback",
    "precis.summarize.selection",
    "precis.aws.eventbridge",
    "precis.aws.redrive",
)


def test_importing_the_engines_and_adapters_loads_no_aws_sdk() -> None:
    # A fresh interpreter: this test process has long imported boto3 for other tests.
    probe = (
        f"import sys; import {', '.join(MODULES)}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'boto3', 'botocore', 'aws_lambda_powertools'}))"
    )

    loaded = subprocess.run(  # noqa: S603 - our own interpreter and a fixed probe
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()

    assert loaded == "[]"
