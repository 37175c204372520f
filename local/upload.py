"""Put articles into (or take them out of) the running local stack, without the AWS CLI.

python -m local.upload FILE [FILE ...] [--key NAME]   # -> s3://BUCKET/articles/NAME
python -m local.upload --delete NAME [NAME ...]        # like `aws s3 rm`

The bucket comes from the `BucketName` output of the local stack (`make serve`), found on the
endpoint http://127.0.0.1:$PRECIS_LOCAL_AWS_PORT (4566). Uses boto3 from .venv with dummy
credentials, as the local stack accepts any.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

from precis.errors import PrecisError
from precis.pipeline.notifications import article_id_for_key

LOCAL_STACK_NAME = "precis-local"
REGION = "us-east-1"
PREFIX = "articles/"
# The local stack accepts any credentials; boto3 only needs some.
DUMMY_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    aws_port = os.environ.get("PRECIS_LOCAL_AWS_PORT", "4566")
    http_port = os.environ.get("PRECIS_LOCAL_HTTP_PORT", "3000")
    parser = argparse.ArgumentParser(
        prog="python -m local.upload",
        description="Upload article files to the local stack's bucket (under articles/), "
        "or delete them with --delete.",
    )
    parser.add_argument("names", nargs="+", metavar="FILE", help="files to upload (or names)")
    parser.add_argument(
        "--key", help="name under articles/ for a single FILE (default: the file's name)"
    )
    parser.add_argument(
        "--delete", action="store_true", help="delete articles/NAME for each NAME instead"
    )
    parser.add_argument(
        "--endpoint-url",
        default=f"http://127.0.0.1:{aws_port}",
        help="the local AWS endpoint (default http://127.0.0.1:$PRECIS_LOCAL_AWS_PORT or 4566)",
    )
    parser.add_argument(
        "--api-url",
        default=f"http://127.0.0.1:{http_port}",
        help="the local API, for the printed curl command (default port 3000)",
    )
    parser.add_argument("--stack", default=LOCAL_STACK_NAME, help="local stack name")
    parser.add_argument("--bucket", help="bucket name (default: the stack's BucketName output)")
    args = parser.parse_args(argv)
    if args.key and (len(args.names) != 1 or args.delete):
        parser.error("--key names one uploaded FILE")
    return args


def _client(service: str, endpoint_url: str) -> Any:
    import boto3  # noqa: PLC0415 - only when run

    return boto3.client(  # type: ignore[call-overload]
        service,
        endpoint_url=endpoint_url,
        region_name=REGION,
        **DUMMY_CREDENTIALS,
    )


def stack_bucket(endpoint_url: str, stack_name: str) -> str:
    """The `BucketName` output of `stack_name` on the local endpoint."""
    stacks = _client("cloudformation", endpoint_url).describe_stacks(StackName=stack_name)
    for output in stacks["Stacks"][0].get("Outputs", []):
        if output["OutputKey"] == "BucketName":
            return str(output["OutputValue"])
    raise LookupError(f"stack {stack_name} has no BucketName output")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    bodies: dict[str, bytes] = {}
    if not args.delete:
        for name in args.names:
            try:
                bodies[name] = Path(name).read_bytes()
            except OSError as error:
                print(f"local.upload: cannot read {name}: {error.strerror}", file=sys.stderr)
                return 1
    try:
        bucket = args.bucket or stack_bucket(args.endpoint_url, args.stack)
        s3 = _client("s3", args.endpoint_url)
        for name in args.names:
            if args.delete:
                key = PREFIX + name.removeprefix(PREFIX)
                s3.delete_object(Bucket=bucket, Key=key)
                print(f"delete: s3://{bucket}/{key}")
                continue
            key = PREFIX + (args.key or Path(name).name).removeprefix(PREFIX)
            s3.put_object(Bucket=bucket, Key=key, Body=bodies[name])
            print(f"upload: {name} to s3://{bucket}/{key}")
            print(f"  {_summary_hint(key, args.api_url)}")
    except Exception as error:  # botocore's errors: no stack on that endpoint
        print(
            f"local.upload: cannot reach the local stack at {args.endpoint_url} "
            f"({type(error).__name__}); is `make serve` running?",
            file=sys.stderr,
        )
        return 1
    return 0


def _summary_hint(key: str, api_url: str) -> str:
    """Where the summary of `key` will be, or why there will be none."""
    try:
        article_id = article_id_for_key(key, PREFIX)
    except PrecisError as error:
        return f"not a valid article key; it will be recorded as FAILED: {error.message}"
    if article_id is None:
        return "not an article key (nothing will be summarized)"
    return f"curl {api_url}/summaries/{quote(article_id, safe='/')}"


if __name__ == "__main__":
    sys.exit(main())
