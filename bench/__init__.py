"""Benchmarks: quality (ROUGE), speed, growth (run with `python -m bench`)."""
