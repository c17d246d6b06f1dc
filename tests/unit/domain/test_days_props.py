"""Property tests (hypothesis) for tracking days, day splitting, summaries and pacing.

Blocks start anywhere in 1990–2040 and last 1 s – 5 days; zones include a 30-minute DST
(Lord Howe) and zones without DST; the day-start hour is any of 0–23. The DST examples at
the end pin the behaviour on the days people actually notice.
"""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.days import (
    DayGrid,
    DayPart,
    day_bounds,
    day_start_instant,
    tracking_day,
)
from tracker.domain.model import Block, Kind, ValidationError
from tracker.domain.stats import (
    DaySummary,
    TargetHistory,
    growth_needed_s,
    summarize_days,
    totals,
)
from tracker.domain.timeparse import parse_time

H = 3600
ZONES = ["Asia/Tokyo", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "UTC"]
LO = int(dt.datetime(1990, 1, 1, tzinfo=dt.UTC).timestamp())
HI = int(dt.datetime(2040, 1, 1, tzinfo=dt.UTC).timestamp())

zones = st.sampled_from(ZONES).map(ZoneInfo)
hours = st.integers(0, 23)
instants = st.integers(LO, HI)
durations = st.integers(1, 5 * 86400)
days = st.dates(dt.date(1990, 1, 1), dt.date(2039, 12, 31))


def allowed_lengths(tz: ZoneInfo) -> set[int]:
    if str(tz) == "Australia/Lord_Howe":
        return {int(23.5 * H), 24 * H, int(24.5 * H)}
    if str(tz) in ("Asia/Tokyo", "UTC"):
        return {24 * H}
    return {23 * H, 24 * H, 25 * H}


def split_by_day(start: int, end: int, tz: ZoneInfo, day_start: int) -> list[DayPart]:
    """A span cut at its tracking days as the CSV export's --split-days cuts it: the grid
    of the days it touches, then ``DayGrid.split`` (tracker/io/export.py)."""
    last = tracking_day(max(start, end - 1), tz, day_start)
    return DayGrid(tracking_day(start, tz, day_start), last, tz, day_start).split(start, end)


@settings(max_examples=300, deadline=None)
@given(start=instants, duration=durations, tz=zones, day_start=hours)
def test_split_by_day_parts_are_contiguous_and_inside_their_days(
    start: int, duration: int, tz: ZoneInfo, day_start: int
) -> None:
    end = start + duration
    parts = split_by_day(start, end, tz, day_start)
    assert parts
    assert sum(p.seconds for p in parts) == duration
    assert parts[0].start == start
    assert parts[-1].end == end
    for part in parts:
        assert part.seconds > 0
        lo, hi = day_bounds(part.day, tz, day_start)
        assert lo <= part.start < part.end <= hi
    for a, b in itertools.pairwise(parts):
        assert a.end == b.start  # contiguous, so never overlapping
        assert b.day == a.day + dt.timedelta(days=1)  # ordered, one part per day
    assert parts[0].day == tracking_day(start, tz, day_start)
    assert parts[-1].day == tracking_day(end - 1, tz, day_start)


@settings(max_examples=300, deadline=None)
@given(instant=instants, tz=zones, day_start=hours)
def test_tracking_day_agrees_with_day_bounds(instant: int, tz: ZoneInfo, day_start: int) -> None:
    day = tracking_day(instant, tz, day_start)
    lo, hi = day_bounds(day, tz, day_start)
    assert lo <= instant < hi
    # The instants just around a day's edges fall on the right side of them.
    assert tracking_day(lo, tz, day_start) == day
    assert tracking_day(lo - 1, tz, day_start) == day - dt.timedelta(days=1)
    assert tracking_day(hi, tz, day_start) == day + dt.timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(day=days, tz=zones, day_start=hours)
def test_day_starts_increase_and_days_last_23_to_25_hours(
    day: dt.date, tz: ZoneInfo, day_start: int
) -> None:
    starts = [day_start_instant(day + dt.timedelta(days=i), tz, day_start) for i in range(4)]
    for a, b in itertools.pairwise(starts):
        assert a < b
        assert b - a in allowed_lengths(tz)
    lo, hi = day_bounds(day, tz, day_start)
    assert (lo, hi) == (starts[0], starts[1])


block_specs = st.lists(
    st.tuples(instants, durations, st.sampled_from(list(Kind))), min_size=0, max_size=8
)


@settings(max_examples=200, deadline=None)
@given(
    specs=block_specs,
    first=days,
    length=st.integers(0, 9),
    tz=zones,
    day_start=hours,
    running=st.booleans(),
)
def test_summarize_days_totals_equal_block_durations_clipped_to_the_grid(
    specs: list[tuple[int, int, Kind]],
    first: dt.date,
    length: int,
    tz: ZoneInfo,
    day_start: int,
    running: bool,
) -> None:
    # Put the blocks near the grid, so most of them touch it.
    grid = DayGrid(first, first + dt.timedelta(days=length), tz, day_start)
    base = grid.start - 3 * 86400
    blocks = [
        Block(i + 1, kind, "", "", base + start % (15 * 86400), base + start % (15 * 86400) + d)
        for i, (start, d, kind) in enumerate(specs)
    ]
    now = grid.start + 86400
    if running and blocks:
        last = blocks[-1]
        blocks[-1] = Block(last.id, last.kind, "", "", last.started_at, None)
    summaries = summarize_days(blocks, grid, TargetHistory(), now)
    assert [s.date for s in summaries] == grid.days
    expected = {Kind.TASK: 0, Kind.GROWTH: 0}
    for b in blocks:
        end = b.end_or(now)
        expected[b.kind] += max(0, min(end, grid.end) - max(b.started_at, grid.start))
    total = totals(summaries)
    assert total.task_s == expected[Kind.TASK]
    assert total.growth_s == expected[Kind.GROWTH]
    for s in summaries:
        assert s.task_s >= 0 and s.growth_s >= 0
        assert s.ratio is None or 0 <= s.ratio <= 1
        assert (s.ratio is None) == (s.total_s == 0) == (s.met is None)
    assert total.ratio is None or 0 <= total.ratio <= 1


def _met(task_s: int, growth_s: int, target: float) -> bool | None:
    return DaySummary(dt.date(2024, 1, 1), task_s, growth_s, target).met


targets = st.one_of(
    st.sampled_from([0.0, 0.1, 0.2, 0.25, 0.3, 1 / 3, 0.5, 0.7, 0.99]),
    st.floats(0, 1, exclude_max=True),
    st.integers(0, 99).map(lambda n: round(n / 100, 6)),
)


@settings(max_examples=500, deadline=None)
@given(
    task_s=st.integers(0, 20 * H),
    growth_s=st.integers(0, 20 * H),
    target=targets,
)
def test_growth_needed_is_exactly_enough(task_s: int, growth_s: int, target: float) -> None:
    need = growth_needed_s(task_s, growth_s, target)
    if task_s + growth_s == 0:
        assert need == 0
        return
    assert need is not None and need >= 0
    assert _met(task_s, growth_s + need, target) is True
    if need > 0:
        assert _met(task_s, growth_s + need - 1, target) is False


@given(task_s=st.integers(1, 20 * H), growth_s=st.integers(0, 20 * H))
def test_a_target_of_100_percent_cannot_be_reached_with_routine_tracked(
    task_s: int, growth_s: int
) -> None:
    assert growth_needed_s(task_s, growth_s, 1.0) is None
    assert growth_needed_s(0, growth_s, 1.0) == 0


# -- DST examples ------------------------------------------------------------------------

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")


def _length(day: dt.date, tz: ZoneInfo, day_start: int) -> int:
    lo, hi = day_bounds(day, tz, day_start)
    return hi - lo


@pytest.mark.parametrize(
    ("tz", "day", "day_start", "hours_long"),
    [
        (NY, dt.date(2024, 3, 10), 0, 23),  # spring forward at 02:00
        (NY, dt.date(2024, 3, 9), 4, 23),  # day start 04:00: the night before holds the gap
        (NY, dt.date(2024, 3, 10), 4, 24),
        (NY, dt.date(2024, 11, 3), 0, 25),
        (BERLIN, dt.date(2024, 10, 27), 0, 25),  # fall back at 03:00
        (BERLIN, dt.date(2024, 3, 31), 0, 23),
        (BERLIN, dt.date(2024, 3, 31), 2, 23),  # day start inside the gap
        (LORD_HOWE, dt.date(2024, 4, 7), 0, 24.5),
        (LORD_HOWE, dt.date(2024, 10, 6), 0, 23.5),
        (ZoneInfo("Asia/Tokyo"), dt.date(2024, 3, 10), 4, 24),
    ],
)
def test_dst_days_have_their_real_length(
    tz: ZoneInfo, day: dt.date, day_start: int, hours_long: float
) -> None:
    assert _length(day, tz, day_start) == int(hours_long * H)


def test_a_block_over_the_new_york_spring_forward_night_counts_real_seconds() -> None:
    # 2024-03-09 22:00 EST to 2024-03-10 06:00 EDT is 7 real hours, not 8.
    start = int(dt.datetime(2024, 3, 9, 22, tzinfo=NY).timestamp())
    end = int(dt.datetime(2024, 3, 10, 6, tzinfo=NY).timestamp())
    parts = split_by_day(start, end, NY, 4)
    assert [(p.day, p.seconds) for p in parts] == [
        (dt.date(2024, 3, 9), 5 * H),  # 22:00 → 04:00 EDT, one hour skipped
        (dt.date(2024, 3, 10), 2 * H),
    ]


def test_parse_time_refuses_a_time_in_the_spring_forward_gap() -> None:
    now = int(dt.datetime(2024, 3, 12, 12, tzinfo=NY).timestamp())
    with pytest.raises(ValidationError, match="does not exist"):
        parse_time("2024-03-10 02:30", now, NY, 4)
    # Just outside the gap is fine.
    assert parse_time("2024-03-10 03:00", now, NY, 4) == int(
        dt.datetime(2024, 3, 10, 7, tzinfo=dt.UTC).timestamp()
    )


def test_parse_time_refuses_a_clock_time_in_todays_gap() -> None:
    # With day start 00:00, on the spring-forward day "02:30" names the gap.
    now = int(dt.datetime(2024, 3, 10, 12, tzinfo=NY).timestamp())
    with pytest.raises(ValidationError):
        parse_time("02:30", now, NY, 0)


@pytest.mark.parametrize(
    ("tz", "text", "utc"),
    [
        (NY, "2024-11-03 01:30", dt.datetime(2024, 11, 3, 5, 30)),  # EDT, the first 01:30
        (BERLIN, "2024-10-27 02:30", dt.datetime(2024, 10, 27, 0, 30)),  # CEST
        (LORD_HOWE, "2024-04-07 01:45", dt.datetime(2024, 4, 6, 14, 45)),  # +11, not +10:30
    ],
)
def test_parse_time_takes_the_first_occurrence_of_an_ambiguous_time(
    tz: ZoneInfo, text: str, utc: dt.datetime
) -> None:
    now = int(dt.datetime(2024, 12, 1, tzinfo=dt.UTC).timestamp())
    assert parse_time(text, now, tz, 4) == int(utc.replace(tzinfo=dt.UTC).timestamp())
