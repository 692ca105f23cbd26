"""Benchmarks run on demand (never by the test suite): each ``python -m benchmarks.<name>``
appends one JSON record to ``benchmarks/results/<name>.json``."""
