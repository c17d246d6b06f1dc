"""Keeps bench/ from rotting: its statistics helpers and the database generator work.

No timing is asserted here (docs/architecture.md §8); ``make bench`` measures.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import sqlite3
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import readme, watson  # noqa: E402
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
    assert table[0].startswith("| what is measured | median | min | max | n | floor (same run) |")
    assert len(table) == 2 + len(figures)
    assert table[2] == "| a | 2.00 s | 1.00 s | 3.00 s | 3 | – |  | ≤ 2.5 s OK | – |"
    # One measurement: no min and max made up from it.
    assert table[3] == "| b | 5.00 MB |  |  | 1 | – |  | – | – |"


def test_a_figure_sits_next_to_its_floor_with_the_ratio_and_goal() -> None:
    floor = Figure("bare tray start (floor)", [0.10, 0.12, 0.11], "s", None, short="bare tray")
    start = Figure(
        "tray start", [0.30, 0.22, 0.24], "s", 0.4, floor=floor, goal=1.5, goal_ratio=True
    )
    assert start.ratio is not None and abs(start.ratio - 0.24 / 0.11) < 1e-9
    assert start.goal_verdict == "not yet"
    row = markdown_table([start]).splitlines()[2]
    assert row == (
        "| tray start | 0.240 s | 0.220 s | 0.300 s | 3 | bare tray 0.110 s | 2.18× "
        "| ≤ 0.4 s OK | ≤ 1.5× bare tray not yet |"
    )
    assert "floor: bare tray 0.110 s → 2.18×" in start.line()
    rss = Figure("rss", [60.0, 64.0], "MB", 80, judge="max", goal=65)
    assert rss.goal_verdict == "met" and rss.goal_text() == "max ≤ 65 MB"
    missing = Figure(
        "status",
        [0.07],
        "s",
        0.12,
        floor_missing="Watson: not installed",
        goal=0.6,
        goal_ratio=True,
    )
    assert missing.ratio is None and missing.goal_verdict == "no floor"
    assert "| Watson: not installed |" in markdown_table([missing])


def test_readme_markers_are_replaced_and_nothing_else(tmp_path: Path) -> None:
    text = (
        "# T\n\n## Performance\n\nprose\n\n"
        "<!-- bench:begin -->\nold\n<!-- bench:end -->\n\n## Next\n"
    )
    once = readme.replace_between(text, "| new |\n")
    assert once == text.replace("old", "| new |")
    assert readme.replace_between(once, "| new |") == once  # idempotent
    for bad in (
        "no markers",
        "<!-- bench:begin -->\nx\n",
        "<!-- bench:end -->\n<!-- bench:begin -->\n",
        text + "<!-- bench:begin -->",
    ):
        with pytest.raises(readme.MarkersError):
            readme.replace_between(bad, "x")
    path = tmp_path / "README.md"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o644)
    readme.write(path, "| 測定 |")
    assert path.read_text(encoding="utf-8") == text.replace("old", "| 測定 |")
    assert path.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]  # no temp file left


def test_the_repository_readme_has_the_bench_markers() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    readme.replace_between(text, "x")  # raises if the markers are missing or doubled


def test_readme_body_holds_the_table_and_the_notes() -> None:
    from bench.__main__ import readme_body

    body = readme_body([Figure("a", [1.0], "s", None)], ["Watson 2.1.0 …"], ["Measured x."], 150)
    lines = body.splitlines()
    assert lines[0].startswith("<!-- written by `make bench`")
    assert "Measured x." in lines and "| a | 1.00 s |  |  | 1 | – |  | – | – |" in lines
    assert "* Watson 2.1.0 …" in lines and lines[-1] == "* The whole run took 2.5 min."


def test_watson_frames_hold_the_same_blocks(tmp_path: Path) -> None:
    db = tmp_path / "year.sqlite3"
    generate(db, 30, "Asia/Tokyo", end=dt.date(2024, 6, 28), per_day=14)
    store = Store(db)
    try:
        blocks = store.all_blocks()
    finally:
        store.close()
    with sqlite3.connect(db) as conn:  # one block runs, as in the bench
        conn.execute(
            "INSERT INTO blocks (kind, label, started_at, created_at, updated_at)"
            " VALUES ('growth', 'IFRS 勉強', 1719900000, 1, 1)"
        )
    conn.close()
    assert watson.write_frames(db, tmp_path / "w") == 30
    frames = json.loads((tmp_path / "w" / "frames").read_text(encoding="utf-8"))
    assert [(f[0], f[1], f[2], f[4]) for f in frames] == [
        (b.started_at, b.ended_at, b.kind.value, [b.label]) for b in blocks
    ]
    assert len({f[3] for f in frames}) == 30  # unique ids
    state = json.loads((tmp_path / "w" / "state").read_text(encoding="utf-8"))
    assert state == {"project": "growth", "start": 1719900000, "tags": ["IFRS 勉強"]}


def test_fmt_keeps_a_few_significant_digits() -> None:
    assert [fmt(v) for v in (0, 0.1, 0.04123, 1.234, 45.67, 1234.5)] == [
        "0",
        "0.100",
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
