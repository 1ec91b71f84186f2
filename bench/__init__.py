"""Benchmarks for Tamis.  ``python -m bench.accuracy`` is the accuracy suite (see docs/benchmarks.md)."""
