"""AWS adapters: S3 reader, EventBridge publisher, Bedrock client, SQS redrive, error classes."""
