"""Per-day totals summed in SQL (``Store.day_totals``) equal the Python computation over the
loaded blocks, and so do the streak and the rolling ratios built on them.

Property tests (hypothesis) on real SQLite files: random non-overlapping blocks from one
second to two days long (so they cross day edges and DST changes), an optional running
block (also one "started" after a clock that went back), zones with 30-minute DST and
without DST, any day-start hour, target changes, and targets low enough that streaks run
past the start of the data.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.domain.clock import FakeClock
from tracker.domain.days import DayGrid, tracking_day
from tracker.domain.model import Block, Kind
from tracker.domain.stats import (
    DaySummary,
    rolling_ratio,
    streak,
    streak_through,
    summarize_days,
)
from tracker.domain.summary import STREAK_LOOKBACK, RangeKind, range_for
from tracker.service import TrackerService
from tracker.store import Store

H = 3600
DAY = 86400
ZONES = ["Asia/Tokyo", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "UTC"]
# 2024-02-20 00:00 UTC: the data spans both DST changes of 2024 in the northern zones.
BASE = 1_708_387_200

gaps = st.integers(0, 3 * DAY)
lengths = st.one_of(st.integers(1, 4 * H), st.integers(1, 2 * DAY))


@dataclass(frozen=True)
class Case:
    blocks: list[Block]
    now: int
    tz: ZoneInfo
    day_start: int
    targets: list[tuple[int, float]]  # (days after the first day, target)


@st.composite
def histories(draw: st.DrawFn) -> Case:
    spans = draw(st.lists(st.tuples(gaps, lengths, st.booleans()), min_size=0, max_size=60))
    blocks: list[Block] = []
    at = BASE + draw(st.integers(0, DAY))
    for gap, length, growth in spans:
        start = at + gap
        kind = Kind.GROWTH if growth else Kind.TASK
        blocks.append(Block(0, kind, f"l{len(blocks) % 3}", "", start, start + length))
        at = start + length
    running = draw(st.booleans())
    if running:
        start = at + draw(gaps)
        blocks.append(Block(0, draw(st.sampled_from(list(Kind))), "r", "", start, None))
        at = start
    # "now": usually after everything; sometimes before the running block's start.
    now = at + draw(st.integers(-2 * H if running else 0, 3 * DAY))
    targets = draw(
        st.lists(
            st.tuples(st.integers(-5, 200), st.sampled_from([0.0, 0.05, 0.2, 0.5, 1.0])),
            max_size=3,
        )
    )
    zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    return Case(blocks, now, zone, draw(st.integers(0, 23)), targets)


def open_service(folder: str, case: Case) -> TrackerService:
    store = Store(Path(folder) / "t.sqlite3")
    service = TrackerService(store, FakeClock(case.now), case.tz)
    service.set_setting("day_start", str(case.day_start))
    store.insert_many([b for b in case.blocks if b.ended_at is not None], case.now)
    for b in case.blocks:
        if b.ended_at is None:
            store.insert(b, case.now)
    first = tracking_day(BASE, case.tz, case.day_start)
    for offset, target in case.targets:
        store.set_target(first + dt.timedelta(days=offset), target)
    return service


def python_days(service: TrackerService, first: dt.date, last: dt.date) -> list[DaySummary]:
    """The old way: load the blocks, split them in Python."""
    grid = DayGrid(first, last, service.tz, service.day_start)
    blocks = service.store.blocks_between(grid.start, grid.end)
    return summarize_days(blocks, grid, service.store.target_history(), service.clock.now())


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(histories(), st.integers(-3, 40), st.integers(1, 60))
def test_sql_day_totals_equal_the_python_split(case: Case, first_offset: int, length: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        service = open_service(folder, case)
        first = tracking_day(BASE, service.tz, service.day_start) + dt.timedelta(first_offset)
        last = first + dt.timedelta(days=length - 1)
        grid = DayGrid(first, last, service.tz, service.day_start)
        expected = [(d.date, d.task_s, d.growth_s) for d in python_days(service, first, last)]
        assert service.store.day_totals(grid, service.clock.now()) == expected
        service.store.close()


@FAST
@given(histories(), st.integers(1, 400))
def test_streak_equals_the_full_computation(case: Case, lookback: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        service = open_service(folder, case)
        today = service.today()
        for upto in (today, today - dt.timedelta(days=3), None):
            last = streak_through(upto or today, today)  # today counts once it is over
            old = python_days(service, last - dt.timedelta(days=lookback - 1), last)
            assert service.streak(upto, lookback) == streak(old, today)
        service.store.close()


@FAST
@given(histories(), st.sampled_from(list(RangeKind)), st.integers(-40, 2))
def test_summary_trends_equal_the_full_computation(case: Case, kind: RangeKind, back: int) -> None:
    """What build_summary did before: one grid over the whole year, blocks split in Python."""
    with tempfile.TemporaryDirectory() as folder:
        service = open_service(folder, case)
        today = service.today()
        day = today + dt.timedelta(days=back)
        data = service.summary_data(day, kind)
        first, last = range_for(day, kind)
        trend_end = min(last, max(today, first))
        year = streak_through(trend_end, today) - dt.timedelta(days=STREAK_LOOKBACK - 1)
        old = python_days(service, year, trend_end)
        assert data.streak == streak(old, today)
        assert data.rolling_7 == rolling_ratio(old, trend_end, 7)
        assert data.rolling_30 == rolling_ratio(old, trend_end, 30)
        by_day = {d.date: d for d in old}
        assert [d for d in data.days if d.date in by_day] == [
            by_day[d.date] for d in data.days if d.date in by_day
        ]
        service.store.close()


def test_a_long_streak_counts_back_a_whole_year(tmp_path: Path) -> None:
    """400 days in a row that meet the target: the streak stops at the year looked back."""
    tz = ZoneInfo("Asia/Tokyo")
    store = Store(tmp_path / "t.sqlite3")
    now = BASE + 399 * DAY + 6 * H  # 15:00 in Tokyo on the last day tracked
    service = TrackerService(store, FakeClock(now), tz)
    blocks = [
        Block(0, kind, "x", "", BASE + n * DAY + offset, BASE + n * DAY + offset + H)
        for n in range(400)
        for kind, offset in ((Kind.TASK, 0), (Kind.GROWTH, 2 * H))
    ]
    store.insert_many(blocks, now)
    data = service.summary_data(service.today())
    assert data.streak == STREAK_LOOKBACK
    assert service.streak() == STREAK_LOOKBACK
    assert service.streak(lookback=30) == 30
    store.close()
