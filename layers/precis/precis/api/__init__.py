"""The REST API: resolver, error mapping, request/response models, signed cursors."""
