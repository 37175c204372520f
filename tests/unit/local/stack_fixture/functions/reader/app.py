"""Test API function: echoes what it was given, reads items from the table."""

import base64
import json
import os

import boto3


def handler(event, context):
    if event["resource"] == "/health":
        return {"statusCode": 200, "body": json.dumps({"status": "ok"})}
    if event["resource"] == "/echo":
        return {
            "statusCode": 201,
            "headers": {"Content-Type": "application/json"},
            "multiValueHeaders": {"X-Seen": ["a", "b"]},
            "body": json.dumps(event),
        }
    item_id = event["pathParameters"]["item_id"]
    if item_id == "binary":
        return {
            "statusCode": 200,
            "headers": {"Content-Type": "application/octet-stream"},
            "body": base64.b64encode(b"\x00\x01\xff").decode(),
            "isBase64Encoded": True,
        }
    found = boto3.client("dynamodb").get_item(
        TableName=os.environ["TABLE_NAME"], Key={"article_id": {"S": item_id}}
    )
    if "Item" not in found:
        return {"statusCode": 404, "body": json.dumps({"error": {"code": "NOT_FOUND"}})}
    item = {k: v["S"] for k, v in found["Item"].items()}
    return {"statusCode": 200, "body": json.dumps(item)}
