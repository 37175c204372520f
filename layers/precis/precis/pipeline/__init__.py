"""The pipeline: S3 notifications in, ingest (extract, summarize, store, announce), direct calls."""
