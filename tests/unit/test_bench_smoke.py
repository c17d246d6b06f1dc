"""Keeps bench/ from rotting: its statistics helpers and the database generator work.

No timing is asserted here (docs/architecture.md §8); ``make bench`` measures.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    Figure,
    cpu_seconds,
    fmt,
    machine_info,
    markdown_table,
    rss_mb,
    time_call,
)
from bench.gen_db import generate  # noqa: E402
from tracker.domain.days import zone  # noqa: E402
from tracker.store import Store  # noqa: E402


def test_figure_statistics_and_verdicts() -> None:
    fast = Figure("report", [30.0, 10.0, 20.0, 90.0, 40.0], "ms", 35)
    assert (fast.median, fast.low, fast.high) == (30.0, 10.0, 90.0)
    assert fast.verdict == "OK"
    slow = Figure("report", [50.0, 60.0], "ms", 35)
    assert slow.median == 55.0 and slow.verdict == "OVER"
    memory = Figure("rss", [70.0, 70.0, 85.0], "MB", 80, judge="max")
    assert memory.median == 70.0 and memory.verdict == "OVER"  # the maximum is judged
    assert Figure("info", [1.0], "s", None).verdict == ""
    line = slow.line()
    assert "median" in line and "55.0" in line and "OVER" in line and "≤ 35 ms" in line


def test_markdown_table_has_a_row_per_figure() -> None:
    figures = [Figure("a", [1.0, 2.0, 3.0], "s", 2.5), Figure("b", [5.0], "MB", None)]
    table = markdown_table(figures).splitlines()
    assert table[0].startswith("| what | median | min | max |")
    assert len(table) == 2 + len(figures)
    assert table[2] == "| a | 2.00 s | 1.00 s | 3.00 s | 3 | ≤ 2.5 s | OK |"
    assert table[3].endswith("| – |  |")


def test_fmt_keeps_a_few_significant_digits() -> None:
    assert [fmt(v) for v in (0, 0.04123, 1.234, 45.67, 1234.5)] == [
        "0",
        "0.0412",
        "1.23",
        "45.7",
        "1234",
    ]


def test_time_call_and_proc_readings() -> None:
    samples = time_call(lambda: sum(range(1000)), 4)
    assert len(samples) == 4 and all(s >= 0 for s in samples)
    assert rss_mb(os.getpid()) > 1
    assert cpu_seconds(os.getpid()) > 0
    info = machine_info()
    assert any("Python" in line for line in info) and any("CPU" in line for line in info)


def test_gen_db_writes_working_days_without_overlaps(tmp_path: Path) -> None:
    db = tmp_path / "small.sqlite3"
    end = dt.date(2024, 6, 28)  # a Friday
    assert generate(db, 200, "Asia/Tokyo", end=end, per_day=14) == 200
    store = Store(db)
    try:
        blocks = store.all_blocks()
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()
    assert len(blocks) == 200
    tz = zone("Asia/Tokyo")
    days = Counter(dt.datetime.fromtimestamp(b.started_at, tz).date() for b in blocks)
    assert max(days) == end and all(d.weekday() < 5 for d in days)
    assert max(days.values()) == 14
    assert all(b.ended_at is not None and b.ended_at > b.started_at for b in blocks)
    for a, b in itertools.pairwise(blocks):
        assert a.ended_at is not None and a.ended_at <= b.started_at
    assert {b.kind.value for b in blocks} == {"task", "growth"}
