"""`make serve`: the local stack in the foreground until Ctrl-C.

python -m local.serve [--aws-port 4566] [--http-port 3000] [--param Name=Value ...]
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import warnings
from pathlib import Path
from types import FrameType

from local.stack import DEFAULT_TEMPLATE, REGION, LocalStack, StackConfig, env_int


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m local.serve", description="Run Précis locally (moto + poller + API)."
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (127.0.0.1)")
    parser.add_argument(
        "--aws-port",
        type=int,
        default=env_int("PRECIS_LOCAL_AWS_PORT", 4566),
        help="port of the AWS endpoint (env PRECIS_LOCAL_AWS_PORT, default 4566; 0: free)",
    )
    parser.add_argument(
        "--http-port",
        type=int,
        default=env_int("PRECIS_LOCAL_HTTP_PORT", 3000),
        help="port of the API (env PRECIS_LOCAL_HTTP_PORT, default 3000; 0: free)",
    )
    parser.add_argument("--template", type=Path, default=DEFAULT_TEMPLATE)
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="template parameter override (repeatable), e.g. --param LogLevel=DEBUG",
    )
    parser.add_argument(
        "--retry-delay",
        type=int,
        default=None,
        metavar="SECONDS",
        help="retry failed messages after this many seconds instead of the queue's "
        "visibility timeout",
    )
    return parser.parse_args(argv)


def banner(stack: LocalStack) -> str:
    """What a newcomer needs to try the running stack by hand."""
    aws = f"aws --endpoint-url {stack.endpoint_url}"
    api = stack.api_url
    bucket = stack.bucket_name
    prefix = stack.articles_prefix
    routes = sorted({(r.resource, r.method) for r in (stack.front.routes if stack.front else [])})
    missing = ", ".join(stack.missing_functions)
    lines = [
        "Précis is running locally (Ctrl-C stops it).",
        "",
        f"  AWS endpoint (moto)  {stack.endpoint_url}",
        f"  API                  {api}   docs: {api}/docs   OpenAPI: {api}/openapi.json",
        f"  demo pages           {api}/demo/   (each uploaded article as a news page, "
        "with the widget)",
        f"  bucket               {bucket}  (upload under {prefix})",
        f"  table                {stack.table_name}",
        f"  queue                {stack.queue_url}",
        f"  dead-letter queue    {stack.dead_letter_queue_url}",
        f"  event bus            {stack.event_bus_name}",
        "",
        "  routes: " + ", ".join(f"{method} {resource}" for resource, method in routes),
    ]
    if missing:
        lines.append(f"  not loaded (no handler file yet): {missing}")
    aws_port = stack.endpoint_url.rsplit(":", 1)[1]
    http_port = api.rsplit(":", 1)[1]
    # local.upload and make redrive find the stack on these ports (4566 and 3000 by default).
    env = (
        ""
        if (aws_port, http_port) == ("4566", "3000")
        else f"PRECIS_LOCAL_AWS_PORT={aws_port} PRECIS_LOCAL_HTTP_PORT={http_port} "
    )
    sample = "local/samples/harbour-council-vote.txt"
    sample_id = "harbour-council-vote"
    article = f"{api}/summaries/harbour-council-vote"
    lines += [
        "",
        "Try it (from the project directory, in another terminal):",
        f"  {env}.venv/bin/python -m local.upload {sample}",
        f"  curl {article}",
        f"  curl '{article}?sentences=5'",
        f"  curl '{api}/summaries?status=COMPLETED&limit=10'",
        f"  curl -X POST {api}/summaries -H 'Content-Type: application/json' "
        """-d '{"title": "Hello", "text": "First sentence. Second one. A third."}'""",
        f"  # in a browser, the article with the summary widget: {api}/demo/{sample_id}",
        f"  {env}.venv/bin/python -m local.upload --delete harbour-council-vote.txt",
        f"  {env}make redrive    # dead-lettered messages back to the queue",
        "",
        "With the AWS CLI, if you have it (any credentials work; it wants some):",
        f"  export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing "
        f"AWS_DEFAULT_REGION={REGION}",
        f"  {aws} s3 cp article.txt s3://{bucket}/{prefix}",
        f"  {aws} s3 rm s3://{bucket}/{prefix}article.txt",
        f"  {aws} dynamodb scan --table-name {stack.table_name}",
        f"  {aws} sqs get-queue-attributes --queue-url {stack.dead_letter_queue_url} "
        "--attribute-names ApproximateNumberOfMessages",
        "",
        "Locally, API keys and IAM auth are not enforced; everything else runs as deployed.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    overrides = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep:
            print(f"--param wants NAME=VALUE, got {item!r}", file=sys.stderr)
            return 2
        overrides[name] = value
    config = StackConfig(
        template=args.template,
        host=args.host,
        aws_port=args.aws_port,
        http_port=args.http_port,
        parameter_overrides=overrides,
        retry_delay_s=args.retry_delay,
    )
    stop = threading.Event()
    # Powertools warns on every invocation that flushes no metrics; noise on a console.
    warnings.filterwarnings("ignore", module="aws_lambda_powertools")

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    try:
        with LocalStack(config) as stack:
            print(banner(stack), flush=True)
            # Ctrl-C (once or more) asks for a clean stop instead of interrupting it.
            signal.signal(signal.SIGINT, _stop)
            stop.wait()
            print("\nStopping...", flush=True)
    except OSError as error:
        print(f"cannot start the local stack: {error}", file=sys.stderr)
        print("Is another one running? Use --aws-port / --http-port.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    print("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
