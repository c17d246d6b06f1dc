"""Week and month ranges, day lists and the day grid (docs/architecture.md §5)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tracker.domain.days import DayGrid, day_bounds, days_between, month_range, week_range

TOKYO = ZoneInfo("Asia/Tokyo")
D = dt.date


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        (D(2023, 11, 15), D(2023, 11, 13)),  # Wednesday
        (D(2023, 11, 13), D(2023, 11, 13)),  # Monday itself
        (D(2023, 11, 19), D(2023, 11, 13)),  # Sunday ends the week
        (D(2024, 1, 1), D(2024, 1, 1)),
        (D(2021, 1, 2), D(2020, 12, 28)),  # across the year
    ],
)
def test_week_runs_monday_to_sunday(day: dt.date, monday: dt.date) -> None:
    assert week_range(day) == (monday, monday + dt.timedelta(days=6))
    assert week_range(day)[0].weekday() == 0


@pytest.mark.parametrize(
    ("day", "first", "last"),
    [
        (D(2024, 2, 10), D(2024, 2, 1), D(2024, 2, 29)),  # leap year
        (D(2023, 2, 28), D(2023, 2, 1), D(2023, 2, 28)),
        (D(2023, 12, 31), D(2023, 12, 1), D(2023, 12, 31)),
        (D(2023, 1, 31), D(2023, 1, 1), D(2023, 1, 31)),
    ],
)
def test_month_range(day: dt.date, first: dt.date, last: dt.date) -> None:
    assert month_range(day) == (first, last)


def test_days_between_includes_both_ends() -> None:
    assert list(days_between(D(2023, 12, 30), D(2024, 1, 2))) == [
        D(2023, 12, 30),
        D(2023, 12, 31),
        D(2024, 1, 1),
        D(2024, 1, 2),
    ]
    assert list(days_between(D(2024, 1, 2), D(2024, 1, 1))) == []


def test_day_bounds_follow_the_day_start_hour() -> None:
    lo, hi = day_bounds(D(2023, 11, 15), TOKYO, 4)
    assert dt.datetime.fromtimestamp(lo, TOKYO) == dt.datetime(2023, 11, 15, 4, tzinfo=TOKYO)
    assert hi - lo == 86400


def test_grid_drops_parts_outside_it_and_refuses_a_reversed_range() -> None:
    grid = DayGrid(D(2023, 11, 15), D(2023, 11, 16), TOKYO, 4)
    assert grid.end - grid.start == 2 * 86400
    parts = grid.split(grid.start - 3600, grid.start + 3600)
    assert [(p.day, p.seconds) for p in parts] == [(D(2023, 11, 15), 3600)]
    assert grid.split(grid.end, grid.end + 60) == []
    assert grid.split(grid.start - 60, grid.start) == []
    with pytest.raises(ValueError):
        DayGrid(D(2023, 11, 16), D(2023, 11, 15), TOKYO, 4)
