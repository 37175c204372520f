"""The whole service on one machine: moto server + template resources + poller + HTTP front.

    with LocalStack(StackConfig(aws_port=0, http_port=0)) as stack:
        stack.client("s3").put_object(Bucket=stack.bucket_name, Key="articles/a.txt", Body=b"...")
        urllib.request.urlopen(f"{stack.api_url}/summaries/a")

Everything runs in this process: `ThreadedMotoServer` serves the AWS APIs, the template's
resources are created through moto's CloudFormation (see local.deploy), the handlers are
loaded from functions/ unchanged and reach moto through `AWS_ENDPOINT_URL` (with dummy
credentials), which the stack sets in os.environ while it runs and restores when it stops.
Ports: 4566 (AWS) and 3000 (HTTP) by default, `PRECIS_LOCAL_AWS_PORT` /
`PRECIS_LOCAL_HTTP_PORT` to change them, 0 for a free port.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from moto.server import ThreadedMotoServer

from local import moto_patches
from local.demo_page import DemoSite
from local.deploy import Deployment, deploy
from local.http_front import HttpFront, HttpRoute
from local.moto_server import ensure_port_free
from local.poller import SqsPoller
from local.runtime import (
    Container,
    LocalFunction,
    clear_precis_caches,
    load_handler,
    patched_environ,
)

logger = logging.getLogger("precis.local")
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEMPLATE = ROOT / "template.yaml"
REGION = "us-east-1"
ACCOUNT_ID = "123456789012"
MOTO_START_TIMEOUT_S = 60.0
DUMMY_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
}


# moto's CloudFormation has no Secrets Manager resource nor dynamic references, so the
# cursor key the template would generate is given as a parameter instead.
LOCAL_PARAMETERS = {"CursorSecret": "local-stack-cursor-secret-do-not-use-in-aws"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


@dataclass
class StackConfig:
    """How to start the local stack (ports 0: pick free ones)."""

    template: Path = DEFAULT_TEMPLATE
    host: str = "127.0.0.1"
    aws_port: int = field(default_factory=lambda: env_int("PRECIS_LOCAL_AWS_PORT", 4566))
    http_port: int = field(default_factory=lambda: env_int("PRECIS_LOCAL_HTTP_PORT", 3000))
    stack_name: str = "precis-local"
    # Template parameters; LOCAL_PARAMETERS fill in what moto cannot provide.
    parameter_overrides: dict[str, str] = field(default_factory=dict)
    # Seconds before a failed message is retried; None keeps the queue's visibility timeout.
    retry_delay_s: int | None = None
    # Environment for the functions on top of the template's (e.g. quieter logs).
    environment: dict[str, str] = field(default_factory=dict)
    # Wipe moto's in-memory state first (a server that outlived another stack).
    reset: bool = True
    # Serve AWS from a thread of this process instead of a child process (slower: moto and
    # the functions then share one interpreter lock; its state is this process's moto state).
    moto_in_process: bool = False
    start_pollers: bool = True
    # Warm containers per function and pollers per queue (capped by the mapping's
    # MaximumConcurrency). 1: every invocation serialized, safe with metrics on; more:
    # parallel invocations, meant for load tests with POWERTOOLS_METRICS_DISABLED.
    concurrency: int = 1


class LocalStack:
    """Starts and stops the local stack; exposes names, endpoints and clients."""

    def __init__(self, config: StackConfig | None = None) -> None:
        self.config = config or StackConfig()
        self._exit = ExitStack()
        self.endpoint_url = ""
        self.deployment: Deployment | None = None
        self.functions: dict[str, LocalFunction] = {}
        self.pollers: list[SqsPoller] = []
        self.front: HttpFront | None = None
        self.missing_functions: list[str] = []

    # ------------------------------------------------------------------------ lifecycle

    def __enter__(self) -> LocalStack:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        """Start the server, deploy the template, load the handlers, start pollers and front.

        Raises FileNotFoundError without a template, OSError when a port is taken or moto
        does not start, local.deploy.DeployError / local.template.TemplateError when the
        template cannot be deployed; whatever was started is stopped again.
        """
        # moto's server logs every request through werkzeug; the stack's own output matters.
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        if not self.config.template.is_file():
            raise FileNotFoundError(f"no template at {self.config.template}")
        try:
            self.endpoint_url = self._start_moto()
            if self.config.reset:
                self._reset_moto()
            self._exit.enter_context(
                patched_environ(
                    {
                        "AWS_ENDPOINT_URL": self.endpoint_url,
                        "AWS_DEFAULT_REGION": REGION,
                        "AWS_REGION": REGION,
                        "AWS_PROFILE": None,
                        **DUMMY_CREDENTIALS,
                    }
                )
            )
            self.deployment = deploy(
                template_path=self.config.template,
                stack_name=self.config.stack_name,
                client_factory=self.client,
                parameter_overrides={**LOCAL_PARAMETERS, **self.config.parameter_overrides},
            )
            self._exit.enter_context(patched_environ(self._function_environment()))
            clear_precis_caches()
            self._exit.callback(clear_precis_caches)
            self._load_functions()
            self._start_front()
            if self.config.start_pollers:
                self._start_pollers()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop everything started, in reverse order; the process environment is restored."""
        for poller in self.pollers:
            poller.stop()
        self.pollers = []
        if self.front is not None:
            self.front.stop()
            self.front = None
        self._exit.close()

    def _start_moto(self) -> str:
        """Start the AWS endpoint (own process by default); its URL."""
        host, port = self.config.host, self.config.aws_port
        if self.config.moto_in_process:
            moto_patches.install()
            # Other code in this process (tests with moto's mock) must see moto unpatched.
            self._exit.callback(moto_patches.uninstall)
            ensure_port_free(host, port)
            server = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
            server.start()
            self._exit.callback(server.stop)
            host, port = server.get_host_and_port()
            return f"http://{host}:{port}"
        python_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        process = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
            [sys.executable, "-m", "local.moto_server", "--host", host, "--port", str(port)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": python_path},
            text=True,
        )
        self._exit.callback(_stop_process, process)
        lines: list[str] = []
        reader = threading.Thread(
            target=lambda: lines.append(process.stdout.readline() if process.stdout else ""),
            daemon=True,
        )
        reader.start()
        reader.join(MOTO_START_TIMEOUT_S)
        words = (lines[0] if lines else "").split()
        if words[:1] != ["READY"]:
            reason = " ".join(words[1:]) if words[:1] == ["ERROR"] else "no answer"
            raise OSError(f"the moto server did not start on {host}:{port}: {reason}")
        return f"http://{words[1]}:{words[2]}"

    def _reset_moto(self) -> None:
        request = urllib.request.Request(  # noqa: S310 - our own local endpoint
            f"{self.endpoint_url}/moto-api/reset", method="POST", data=b""
        )
        with urllib.request.urlopen(request, timeout=10):  # noqa: S310
            pass

    @property
    def _deployed(self) -> Deployment:
        if self.deployment is None:
            raise RuntimeError("the local stack is not started")
        return self.deployment

    def _function_environment(self) -> dict[str, str | None]:
        deployment = self._deployed
        environment: dict[str, str | None] = {}
        for spec in deployment.functions.values():
            for name, value in spec.environment.items():
                if name in environment and environment[name] != value:
                    # One process hosts every function, so they share os.environ.
                    logger.warning(
                        "functions disagree on %s; the local stack uses %r",
                        name,
                        environment[name],
                    )
                    continue
                environment[name] = value
        environment.update(self.config.environment)
        return environment

    def _load_functions(self) -> None:
        deployment = self._deployed
        copies = max(1, self.config.concurrency)
        for logical_id, spec in deployment.functions.items():
            containers = []
            try:
                for index in range(copies):
                    module_name = f"precis_local_{logical_id.lower()}_app_{index}"
                    handler, module = load_handler(spec.code_dir, spec.handler, module_name)
                    containers.append(Container(handler, module))
            except FileNotFoundError:
                logger.warning("%s: no handler in %s yet, skipped", logical_id, spec.code_dir)
                self.missing_functions.append(logical_id)
                continue
            self.functions[logical_id] = LocalFunction(
                f"{self.config.stack_name}-{logical_id}",
                containers,
                timeout_s=spec.timeout_s,
                memory_mb=spec.memory_mb,
                serialize=copies == 1,
            )

    def _start_front(self) -> None:
        deployment = self._deployed
        routes = [
            HttpRoute(method=r.method, resource=r.resource, target=r.function_id)
            for r in deployment.routes
            if r.function_id in self.functions
        ]
        self.front = HttpFront(
            routes=routes,
            invoke=self.invoke,
            host=self.config.host,
            port=self.config.http_port,
            stage=deployment.stage_name,
            openapi=self.openapi_document,
            gateway_responses=deployment.gateway_responses,
            pages=DemoSite(lambda: self.client("s3"), self.bucket_name, self.articles_prefix).page,
        )
        self.front.start()

    def _start_pollers(self) -> None:
        deployment = self._deployed
        sqs = self.client("sqs")
        for source in deployment.queue_sources:
            if source.function_id not in self.functions or not source.enabled:
                continue
            queue_name = source.queue_arn.rsplit(":", 1)[-1]
            queue_url = sqs.get_queue_url(QueueName=queue_name)["QueueUrl"]
            function = self.functions[source.function_id]
            pollers = min(len(function.containers), source.maximum_concurrency or 1_000)
            for index in range(pollers):
                poller = SqsPoller(
                    sqs_client=self.client("sqs"),
                    queue_url=queue_url,
                    queue_arn=source.queue_arn,
                    invoke=function.invoke,
                    batch_size=source.batch_size,
                    window_s=source.window_s,
                    report_batch_item_failures=source.report_batch_item_failures,
                    retry_delay_s=self.config.retry_delay_s,
                    name=f"poller-{queue_name}-{index}",
                )
                poller.start()
                self.pollers.append(poller)

    # ------------------------------------------------------------------------- access

    def client(self, service: str) -> Any:
        """A boto3 client for `service` on the local endpoint (dummy credentials)."""
        return boto3.client(  # type: ignore[call-overload]
            service,
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=DUMMY_CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=DUMMY_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            aws_session_token=DUMMY_CREDENTIALS["AWS_SESSION_TOKEN"],
            config=Config(retries={"max_attempts": 3, "mode": "standard"}),
        )

    def invoke(self, function_id: str, event: dict[str, Any]) -> Any:
        """Invoke a loaded function directly (as `aws lambda invoke` would)."""
        return self.functions[function_id].invoke(event)

    @property
    def api_url(self) -> str:
        return self.front.url if self.front is not None else ""

    def _named(self, output: str, logical_id: str) -> str:
        deployment = self._deployed
        value = deployment.outputs.get(output)
        return value if value else deployment.physical_ids.get(logical_id, "")

    @property
    def bucket_name(self) -> str:
        return self._named("BucketName", "ArticlesBucket")

    @property
    def table_name(self) -> str:
        return self._named("TableName", "SummariesTable")

    @property
    def queue_url(self) -> str:
        return self._queue_url("QueueUrl", "ArticlesQueue")

    @property
    def dead_letter_queue_url(self) -> str:
        return self._queue_url("DeadLetterQueueUrl", "ArticlesDeadLetterQueue")

    @property
    def event_bus_name(self) -> str:
        return os.environ.get("EVENT_BUS_NAME", "default")

    @property
    def articles_prefix(self) -> str:
        return os.environ.get("ARTICLES_PREFIX", "articles/")

    def _queue_url(self, output: str, logical_id: str) -> str:
        # moto's outputs spell queue URLs with the AWS host; ask the local endpoint instead.
        value = self._named(output, logical_id).rstrip("/")
        name = value.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
        return str(self.client("sqs").get_queue_url(QueueName=name)["QueueUrl"])

    def openapi_document(self) -> dict[str, Any] | None:
        """The API's OpenAPI document, from the API function's resolver or docs/openapi.json."""
        for function in self.functions.values():
            resolver = getattr(function.module, "app", None)
            schema = getattr(resolver, "get_openapi_json_schema", None)
            if callable(schema):
                document = schema()
                return json.loads(document) if isinstance(document, str) else dict(document)
        path = ROOT / "docs" / "openapi.json"
        if path.is_file():
            loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return loaded
        return None

    # -------------------------------------------------------------------------- waiting

    def queue_depth(self, queue_url: str) -> int:
        """Messages in `queue_url`: visible, in flight and delayed."""
        attributes = self.client("sqs").get_queue_attributes(
            QueueUrl=queue_url,
            AttributeNames=[
                "ApproximateNumberOfMessages",
                "ApproximateNumberOfMessagesNotVisible",
                "ApproximateNumberOfMessagesDelayed",
            ],
        )["Attributes"]
        return sum(int(v) for v in attributes.values())

    def wait_until_idle(self, timeout: float = 30.0, interval: float = 0.05) -> None:
        """Block until every polled queue is empty and no batch is in flight.

        Raises TimeoutError after `timeout` seconds.
        """
        wait_for(
            lambda: all(not p.busy and self.queue_depth(p.queue_url) == 0 for p in self.pollers),
            timeout=timeout,
            interval=interval,
            stable=2,
            what="the queue to drain",
        )


def _stop_process(process: subprocess.Popen[str]) -> None:
    if process.stdin is not None:
        process.stdin.close()  # the server exits when its input closes
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


def wait_for(
    condition: Callable[[], bool],
    *,
    timeout: float,
    interval: float = 0.05,
    stable: int = 1,
    what: str = "a condition",
) -> None:
    """Poll `condition` until it holds `stable` times in a row; raises TimeoutError."""
    deadline = time.monotonic() + timeout
    streak = 0
    while True:
        streak = streak + 1 if condition() else 0
        if streak >= stable:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)
