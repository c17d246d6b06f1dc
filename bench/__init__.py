"""Benchmarks for docs/architecture.md §9, run with ``make bench`` (never in the test suite)."""
