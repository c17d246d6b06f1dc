"""Benchmarks for DESIGN.md §9, run with ``make bench`` (never part of the test suite)."""
