"""Cold start hygiene of the API handler: importing it loads no AWS SDK and no domain code."""

from __future__ import annotations

import json
import subprocess
import sys

from bench.coldstart import LAYER, TEMPLATE_ENVIRONMENT, candidates

from .conftest import APP_PATH, ROOT

_PROBE = f"""
import importlib.util, json, sys
sys.path.insert(0, {str(LAYER)!r})
spec = importlib.util.spec_from_file_location("api_app", {str(APP_PATH)!r})
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(json.dumps(sorted(sys.modules)))
"""


def test_importing_the_handler_loads_neither_boto3_nor_the_domain() -> None:
    # Given a fresh interpreter with the template's environment
    env = {**TEMPLATE_ENVIRONMENT, "PATH": "/usr/bin:/bin"}

    # When it imports the API handler module
    result = subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    loaded = set(json.loads(result.stdout))

    # Then boto3/botocore (first read) and extraction/summarization (first POST) wait for use
    # (Powertools' user-agent hook imports the bare `botocore` package, not its clients.)
    assert not {"boto3", "botocore.session", "botocore.client"} & loaded
    assert not {"precis.extract", "precis.summarize.extractive", "precis.analyze"} & loaded


def test_benchmark_measures_every_handler_against_the_boto3_baseline() -> None:
    labels = [candidate.label for candidate in candidates()]

    assert labels[0].startswith("import boto3")
    assert {"functions/api/app.py", "functions/summarize/app.py"} <= set(labels)
