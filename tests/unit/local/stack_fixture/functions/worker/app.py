"""Test worker: stores each S3 record's key and body; keys containing 'poison' fail."""

import json
import os
from urllib.parse import unquote_plus

import boto3


def handler(event, context):
    s3 = boto3.client("s3")
    table = boto3.client("dynamodb")
    failures = []
    for record in event["Records"]:
        try:
            for s3_record in json.loads(record["body"]).get("Records", []):
                key = unquote_plus(s3_record["s3"]["object"]["key"])
                if "poison" in key:
                    raise ValueError("poisoned")
                bucket = s3_record["s3"]["bucket"]["name"]
                item = {
                    "article_id": {"S": key},
                    "event": {"S": s3_record["eventName"]},
                    "sequencer": {"S": s3_record["s3"]["object"].get("sequencer", "")},
                    "receives": {"S": record["attributes"]["ApproximateReceiveCount"]},
                    "greeting": {"S": os.environ["GREETING"]},
                }
                if s3_record["eventName"].startswith("ObjectCreated"):
                    body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
                    item["body"] = {"S": body.decode()}
                table.put_item(TableName=os.environ["TABLE_NAME"], Item=item)
        except Exception:
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
