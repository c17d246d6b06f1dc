"""tracker.domain.summary and TrackerService.summary_data: ranges, trends, disposable hours,
label totals and the timeline, on a real SQLite file with a fake clock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind
from tracker.domain.summary import RangeKind, range_for, span_needed, step
from tracker.service import TrackerService
from tracker.store import Store

BERLIN = ZoneInfo("Europe/Berlin")


def at(y: int, mo: int, d: int, h: int, mi: int = 0) -> int:
    return int(dt.datetime(y, mo, d, h, mi, tzinfo=BERLIN).timestamp())


def service_at(tmp_path: Path, now: int) -> TrackerService:
    return TrackerService(Store(tmp_path / "t.sqlite3"), FakeClock(now), BERLIN)


def test_ranges_and_steps() -> None:
    wed = dt.date(2024, 1, 31)
    assert range_for(wed, RangeKind.DAY) == (wed, wed)
    assert range_for(wed, RangeKind.WEEK) == (dt.date(2024, 1, 29), dt.date(2024, 2, 4))
    assert range_for(wed, RangeKind.MONTH) == (dt.date(2024, 1, 1), wed)
    assert step(wed, RangeKind.MONTH, 1) == dt.date(2024, 2, 29)  # clamped, leap year
    assert step(wed, RangeKind.MONTH, -2) == dt.date(2023, 11, 30)
    assert step(dt.date(2024, 12, 15), RangeKind.MONTH, 1) == dt.date(2025, 1, 15)
    assert step(wed, RangeKind.WEEK, -1) == dt.date(2024, 1, 24)


@given(st.dates(dt.date(2001, 1, 1), dt.date(2098, 12, 31)), st.sampled_from(list(RangeKind)))
def test_stepping_back_and_forth_stays_in_the_same_range(day: dt.date, kind: RangeKind) -> None:
    there = step(step(day, kind, 1), kind, -1)
    assert range_for(there, kind) == range_for(day, kind)
    first, last = span_needed(day, kind, day)
    assert first <= range_for(day, kind)[0] and last >= range_for(day, kind)[1]


def test_summary_over_the_spring_dst_change(tmp_path: Path) -> None:
    # Berlin springs forward on Sunday 2024-03-31 (02:00 -> 03:00): a 23-hour tracking day.
    service = service_at(tmp_path, at(2024, 3, 31, 12))
    service.add_block(Kind.TASK, at(2024, 3, 30, 23), at(2024, 3, 31, 6), "月次決算")
    service.add_block(Kind.GROWTH, at(2024, 3, 31, 8), at(2024, 3, 31, 9), "RPA 勉強")
    service.start(Kind.GROWTH, "RPA 勉強", at=at(2024, 3, 31, 11))
    data = service.summary_data(dt.date(2024, 3, 31))
    # 04:00 -> 06:00 is 2 h; the night before (23:00 -> 04:00 across the gap) is 4 h.
    assert (data.total.task_s, data.total.growth_s) == (2 * 3600, 2 * 3600)
    assert data.days[0].target == 0.2 and data.met is True
    assert data.rolling_7 == 2 / 8
    # today meets its target so far, but is still in progress: the streak ends yesterday,
    # which was all routine
    assert data.streak == 0 and data.streak_through == dt.date(2024, 3, 30)
    assert [lt.label for lt in data.growth_labels] == ["RPA 勉強"]
    assert data.growth_labels[0].seconds == 2 * 3600  # 1 h closed + 1 h running to now
    assert data.running
    row = data.timeline[0]
    assert [(s.start_h, s.end_h) for s in row.segments] == [(0, 2), (4, 5), (7, 8)]
    assert row.now_h == 8
    # hotspots cover the range shown: the day's part of the night block only
    assert [(h.label, h.total_s, h.share) for h in data.hotspots] == [("月次決算", 2 * 3600, 1.0)]


def test_week_counts_disposable_hours_up_to_today_only(tmp_path: Path) -> None:
    service = service_at(tmp_path, at(2024, 6, 12, 15))  # a Wednesday
    service.set_setting("disposable_hours", "8")
    data = service.summary_data(dt.date(2024, 6, 12), RangeKind.WEEK)
    assert (data.first, data.last) == (dt.date(2024, 6, 10), dt.date(2024, 6, 16))
    assert data.disposable_s == 3 * 8 * 3600  # Mon, Tue, Wed
    assert len(data.timeline) == 7 and len(data.chart_days) == 7
    assert data.trend_end == dt.date(2024, 6, 12)
    past = service.summary_data(dt.date(2024, 6, 5), RangeKind.WEEK)
    assert past.disposable_s == 5 * 8 * 3600  # work_days mon-fri: the weekend is not counted


def test_disposable_hours_count_the_work_days_of_the_range(tmp_path: Path) -> None:
    service = service_at(tmp_path, at(2024, 6, 30, 15))  # Sunday 30 June
    service.set_setting("disposable_hours", "10")
    month = service.summary_data(dt.date(2024, 6, 30), RangeKind.MONTH)
    assert month.disposable_s == 20 * 10 * 3600  # June 2024 has 20 weekdays
    week = service.summary_data(dt.date(2024, 6, 30), RangeKind.WEEK)
    assert week.disposable_s == 5 * 10 * 3600
    sunday = service.summary_data(dt.date(2024, 6, 30))
    assert sunday.disposable_s == 10 * 3600  # one day, work day or not: the plain hours
    service.set_setting("work_days", "mon,wed,sat")
    assert service.summary_data(dt.date(2024, 6, 30), RangeKind.WEEK).disposable_s == (
        3 * 10 * 3600
    )
    service.set_setting("work_days", "sun")
    june = service.summary_data(dt.date(2024, 6, 1), RangeKind.MONTH)
    assert june.disposable_s == 5 * 10 * 3600  # Sundays 2, 9, 16, 23, 30
    (tmp_path / "b").mkdir()
    clock_first = service_at(tmp_path / "b", at(2024, 6, 1, 15))  # Saturday 1 June
    clock_first.set_setting("work_days", "mon-fri")
    clock_first.set_setting("disposable_hours", "10")
    early = clock_first.summary_data(dt.date(2024, 6, 1), RangeKind.MONTH)
    assert early.disposable_s == 10 * 3600  # no work day yet: one day's hours, not 0:00
    day = service.summary_data(dt.date(2024, 6, 12))
    assert len(day.chart_days) == 14 and day.chart_days[-1].date == dt.date(2024, 6, 12)


def test_target_history_per_day_and_hotspots_over_the_range_shown(tmp_path: Path) -> None:
    clock = FakeClock(at(2024, 6, 1, 12))
    service = TrackerService(Store(tmp_path / "t.sqlite3"), clock, BERLIN)
    service.add_block(Kind.TASK, at(2024, 5, 2, 9), at(2024, 5, 2, 10), "古い作業")
    service.add_block(Kind.TASK, at(2024, 5, 30, 9), at(2024, 5, 30, 11), "請求書チェック")
    service.set_setting("target", "30%")
    clock.set(at(2024, 6, 3, 12))
    service.add_block(Kind.TASK, at(2024, 6, 3, 9), at(2024, 6, 3, 9, 30), "月次決算")
    data = service.summary_data(dt.date(2024, 6, 3))
    targets = {d.date: d.target for d in data.chart_days}
    assert targets[dt.date(2024, 5, 31)] == 0.2 and targets[dt.date(2024, 6, 1)] == 0.3
    assert [h.label for h in data.hotspots] == ["月次決算"]  # the day shown only
    week = service.summary_data(dt.date(2024, 5, 30), RangeKind.WEEK)  # 27 May – 2 June
    assert [(h.label, h.total_s) for h in week.hotspots] == [("請求書チェック", 2 * 3600)]
    may = service.summary_data(dt.date(2024, 5, 30), RangeKind.MONTH)
    assert [(h.label, h.total_s) for h in may.hotspots] == [
        ("請求書チェック", 2 * 3600),
        ("古い作業", 3600),
    ]
    assert [h.share for h in may.hotspots] == pytest.approx([2 / 3, 1 / 3])
