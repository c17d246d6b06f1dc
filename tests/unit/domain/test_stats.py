"""Day summaries, target history, streaks, routine hotspots and pacing."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.days import DayGrid, day_bounds
from tracker.domain.model import Block, Kind
from tracker.domain.stats import (
    OUTLIER_MARGIN,
    OUTLIER_SHARE,
    STREAK_MIN_S,
    DaySummary,
    RatioScale,
    TargetHistory,
    growth_needed_s,
    hotspots,
    meets,
    percent_shown,
    ratio_of,
    ratio_scale,
    rolling_ratio,
    streak,
    streak_through,
    summarize_days,
    totals,
)

TOKYO = ZoneInfo("Asia/Tokyo")
H = 3600
D = dt.date


def day(d: dt.date, task_h: float, growth_h: float, target: float = 0.2) -> DaySummary:
    return DaySummary(d, int(task_h * H), int(growth_h * H), target)


# -- ratio and met ------------------------------------------------------------------------


def test_ratio_is_none_when_nothing_was_tracked() -> None:
    assert ratio_of(0, 0) is None
    assert ratio_of(3, 1) == 0.25
    assert ratio_of(0, 5) == 1.0
    empty = day(D(2024, 1, 1), 0, 0)
    assert empty.ratio is None and empty.met is None and empty.total_s == 0


def test_a_day_exactly_at_its_target_meets_it() -> None:
    # 3 of 10 hours is 0.3 even though 0.3 has no exact binary value.
    assert day(D(2024, 1, 1), 7, 3, target=0.3).met is True
    assert DaySummary(D(2024, 1, 1), 7 * H + 1, 3 * H, 0.3).met is False
    assert day(D(2024, 1, 1), 8, 2, target=0.2).met is True
    assert day(D(2024, 1, 1), 5, 0, target=0.0).met is True


# -- target history -----------------------------------------------------------------------


def test_a_target_history_gives_each_day_the_change_in_force_on_it() -> None:
    # How the rule that writes the changes behaves is tested on a real file, through the
    # service: tests/unit/test_service.py (the store's set_target is what runs).
    history = TargetHistory(0.2, ((D(2024, 3, 1), 0.3), (D(2024, 4, 1), 0.25)))
    assert [history.for_day(d) for d in (D(2024, 2, 29), D(2024, 3, 1), D(2024, 3, 31))] == [
        0.2,
        0.3,
        0.3,
    ]
    assert history.for_day(D(2024, 4, 1)) == history.for_day(D(2030, 1, 1)) == 0.25


def test_summaries_carry_the_target_of_their_own_day() -> None:
    history = TargetHistory(0.2, ((D(2024, 3, 2), 0.5),))
    grid = DayGrid(D(2024, 3, 1), D(2024, 3, 2), TOKYO, 4)
    start = grid.start + 6 * H
    blocks = [Block(1, Kind.GROWTH, "", "", start, start + H)]
    s = summarize_days(blocks, grid, history, grid.end)
    assert [(x.target, x.growth_s, x.met) for x in s] == [(0.2, H, True), (0.5, 0, None)]


def test_a_running_block_counts_up_to_now_and_a_block_over_midnight_is_split() -> None:
    grid = DayGrid(D(2024, 3, 1), D(2024, 3, 2), TOKYO, 4)
    boundary = day_bounds(D(2024, 3, 2), TOKYO, 4)[0]
    blocks = [
        Block(1, Kind.TASK, "", "", boundary - H, boundary + 2 * H),
        Block(2, Kind.GROWTH, "", "", boundary + 3 * H, None),
    ]
    s = summarize_days(blocks, grid, TargetHistory(), now=boundary + 3 * H + 600)
    assert [(x.task_s, x.growth_s) for x in s] == [(H, 0), (2 * H, 600)]
    assert totals(s).total_s == 3 * H + 600


# -- streak -------------------------------------------------------------------------------


def test_streak_counts_met_days_back_from_the_last() -> None:
    days = [
        day(D(2024, 1, 1), 9, 1),  # not met: the streak before it does not count
        day(D(2024, 1, 2), 8, 2),
        day(D(2024, 1, 3), 7, 3),
    ]
    assert streak(days) == 2
    assert streak(days[:1]) == 0
    assert streak([]) == 0


def test_untracked_days_break_nothing() -> None:
    days = [
        day(D(2024, 1, 5), 8, 2),
        day(D(2024, 1, 6), 0, 0),  # weekend, nothing tracked
        day(D(2024, 1, 7), 0, 0),
        day(D(2024, 1, 8), 7, 3),
    ]
    assert streak(days) == 2


def test_today_in_progress_neither_breaks_nor_extends_the_streak() -> None:
    days = [day(D(2024, 1, 1), 8, 2), day(D(2024, 1, 2), 8, 2), day(D(2024, 1, 3), 5, 0)]
    assert streak(days, today=D(2024, 1, 3)) == 2  # not met so far: breaks nothing yet
    assert streak(days, today=D(2024, 1, 4)) == 0  # the 3rd is over and missed
    assert streak(days) == 0
    met_today = [*days[:2], day(D(2024, 1, 3), 1, 4)]
    assert streak(met_today, today=D(2024, 1, 3)) == 2  # met so far: counts once it is over
    assert streak(met_today, today=D(2024, 1, 4)) == 3


def test_a_day_with_less_than_an_hour_tracked_is_passed_over() -> None:
    saturday = day(D(2024, 1, 6), 0, 0.5)  # half an hour of study: 100 %, but not a workday
    short_miss = day(D(2024, 1, 7), 0.9, 0)  # 54 minutes of routine: 0 %, breaks nothing
    days = [day(D(2024, 1, 5), 8, 2), saturday, short_miss, day(D(2024, 1, 8), 7, 3)]
    assert saturday.met is True and short_miss.met is False  # ``met`` itself is unchanged
    assert streak(days, today=D(2024, 1, 9)) == 2
    assert streak(days[:2], today=D(2024, 1, 9)) == 1
    exactly_an_hour = day(D(2024, 1, 6), 0, STREAK_MIN_S / H)
    assert streak([day(D(2024, 1, 5), 8, 2), exactly_an_hour], today=D(2024, 1, 9)) == 2


def test_streak_through_is_the_last_finished_day() -> None:
    assert streak_through(D(2024, 1, 10), today=D(2024, 1, 10)) == D(2024, 1, 9)
    assert streak_through(D(2024, 1, 7), today=D(2024, 1, 10)) == D(2024, 1, 7)
    assert streak_through(D(2024, 1, 31), today=D(2024, 1, 10)) == D(2024, 1, 9)


_day_kinds = st.lists(
    st.tuples(st.integers(0, 10 * H), st.integers(0, 10 * H), st.sampled_from([0.1, 0.2, 0.5])),
    max_size=30,
)


def _days(raw: list[tuple[int, int, float]]) -> list[DaySummary]:
    first = D(2024, 3, 1)
    return [DaySummary(first + dt.timedelta(days=i), t, g, x) for i, (t, g, x) in enumerate(raw)]


@given(_day_kinds, st.integers(0, 31))
def test_streak_is_the_run_of_finished_qualifying_met_days(
    raw: list[tuple[int, int, float]], today_at: int
) -> None:
    days = _days(raw)
    today = D(2024, 3, 1) + dt.timedelta(days=today_at)
    n = streak(days, today)
    counted = [d for d in days if d.date < today and d.total_s >= STREAK_MIN_S]
    # the last n counted days all met their target, and the one before them did not
    assert all(d.met for d in counted[len(counted) - n :])
    assert n == len(counted) or not counted[len(counted) - n - 1].met


@given(_day_kinds, st.integers(0, 31), st.integers(0, 10 * H), st.integers(0, 10 * H))
def test_today_and_short_days_never_change_the_streak(
    raw: list[tuple[int, int, float]], today_at: int, task_s: int, growth_s: int
) -> None:
    days = _days(raw)
    today = D(2024, 3, 1) + dt.timedelta(days=today_at)
    before = streak(days, today)
    # whatever today (or a later day) holds, the streak shown today is the same
    changed = [
        DaySummary(d.date, task_s, growth_s, d.target) if d.date >= today else d for d in days
    ]
    assert streak(changed, today) == before
    # a day with less than the minimum tracked, added anywhere, changes nothing
    short = [
        DaySummary(
            d.date, min(d.task_s, STREAK_MIN_S // 3), min(d.growth_s, STREAK_MIN_S // 3), d.target
        )
        if i % 3 == 0
        else d
        for i, d in enumerate(days)
    ]
    assert streak(short, today) == streak([d for i, d in enumerate(days) if i % 3], today)


# -- hotspots -----------------------------------------------------------------------------


def _b(i: int, kind: Kind, label: str, start: int, hours: float) -> Block:
    return Block(i, kind, label, "", start, start + int(hours * H))


def test_hotspots_rank_task_labels_by_total_time_with_count_and_weekly_average() -> None:
    start = 1_700_000_000
    two_weeks = 14 * 86400
    blocks = [
        _b(1, Kind.TASK, "請求書チェック", start, 1),
        _b(2, Kind.TASK, "月次決算", start + 2 * H, 3),
        _b(3, Kind.TASK, "請求書チェック", start + 6 * H, 1),
        _b(4, Kind.GROWTH, "RPA 勉強", start + 8 * H, 5),  # growth is never a hotspot
        _b(5, Kind.TASK, "請求書チェック", start + 20 * H, 0.5),
        _b(6, Kind.TASK, "", start + 30 * H, 0.25),
    ]
    spots = hotspots(blocks, start, start + two_weeks, now=start + two_weeks)
    assert [(h.label, h.total_s, h.count) for h in spots] == [
        ("月次決算", 3 * H, 1),
        ("請求書チェック", int(2.5 * H), 3),
        ("", int(0.25 * H), 1),
    ]
    assert spots[0].per_week_s == pytest.approx(1.5 * H)
    # each label's part of all routine time (5.75 h), the labels not listed included
    assert [h.share for h in spots] == pytest.approx([3 / 5.75, 2.5 / 5.75, 0.25 / 5.75])
    assert hotspots(blocks, start, start + two_weeks, start + two_weeks, limit=1)[0].label == (
        "月次決算"
    )


def test_hotspots_clip_blocks_to_the_range_and_break_ties_by_label() -> None:
    start = 1_700_000_000
    blocks = [
        _b(1, Kind.TASK, "b", start - H, 2),  # only its second hour is inside
        _b(2, Kind.TASK, "a", start + 2 * H, 1),
        _b(3, Kind.TASK, "c", start + 7 * 86400, 1),  # after the range
        Block(4, Kind.TASK, "running", "", start + 5 * H, None),
    ]
    spots = hotspots(blocks, start, start + 7 * 86400, now=start + 5 * H + 1800)
    assert [(h.label, h.total_s) for h in spots] == [("a", H), ("b", H), ("running", 1800)]
    assert [h.share for h in spots] == pytest.approx([0.4, 0.4, 0.2])
    assert spots[0].per_week_s == pytest.approx(H)


def test_hotspots_leave_out_labels_under_a_minute_in_all() -> None:
    start = 1_700_000_000
    blocks = [
        _b(1, Kind.TASK, "a", start, 1),
        Block(2, Kind.TASK, "", "", start + 2 * H, start + 2 * H + 59),  # 59 s: left out
        Block(3, Kind.TASK, "b", "", start + 3 * H, start + 3 * H + 30),
        Block(4, Kind.TASK, "b", "", start + 4 * H, start + 4 * H + 30),  # 60 s in all: kept
    ]
    spots = hotspots(blocks, start, start + 7 * 86400, now=start + 7 * 86400)
    assert [(h.label, h.total_s, h.count) for h in spots] == [("a", H, 1), ("b", 60, 2)]


# -- pacing -------------------------------------------------------------------------------


def test_growth_needed_examples() -> None:
    assert growth_needed_s(8 * H, 2 * H, 0.2) == 0
    assert growth_needed_s(0, 0, 0.2) == 0
    # 8 h routine, 1 h growth, target 20 %: 1 h more growth gives 2 / 10.
    assert growth_needed_s(8 * H, 1 * H, 0.2) == H
    assert growth_needed_s(3 * H, 0, 1.0) is None


def test_rolling_ratio_is_time_weighted() -> None:
    days = [day(D(2024, 1, d), t, g) for d, t, g in ((1, 9, 1), (2, 1, 1), (3, 0, 0))]
    assert rolling_ratio(days, D(2024, 1, 3), 2) == 0.5
    assert rolling_ratio(days, D(2024, 1, 3), 3) == pytest.approx(2 / 12)
    assert rolling_ratio(days, D(2024, 1, 3), 1) is None


# -- the ratio chart's scale ----------------------------------------------------------------


def test_one_saturday_hour_at_100_percent_is_an_outlier_and_does_not_set_the_scale() -> None:
    week = [
        day(D(2024, 6, 3) + dt.timedelta(days=i), 8 - g, g)
        for i, g in enumerate((1, 2, 1.5, 2.4, 1))
    ]
    saturday = day(D(2024, 6, 8), 0, 1)
    scale = ratio_scale([*week, saturday, day(D(2024, 6, 9), 0, 0)])
    assert scale.outliers == {D(2024, 6, 8)}
    assert scale.top == pytest.approx(0.3)  # the best regular day (2.4 of 8 h)


def test_no_outlier_when_high_days_are_the_pattern() -> None:
    days = [
        day(D(2024, 6, 1) + dt.timedelta(days=i), 1, g) for i, g in enumerate((0, 0, 0, 4, 4, 4))
    ]
    scale = ratio_scale(days)
    assert scale.outliers == frozenset() and scale.top == pytest.approx(0.8)
    assert ratio_scale([]) == RatioScale(0.0, frozenset())
    assert ratio_scale([day(D(2024, 6, 1), 0, 0, 0.25)]) == RatioScale(0.25, frozenset())


@given(_day_kinds)
def test_the_scale_fits_every_target_and_every_regular_day(
    raw: list[tuple[int, int, float]],
) -> None:
    days = _days(raw)
    scale = ratio_scale(days)
    tracked = [d for d in days if d.ratio is not None]
    assert len(scale.outliers) <= OUTLIER_SHARE * len(tracked)
    for d in days:
        assert d.target <= scale.top
        if d.ratio is None:
            assert d.date not in scale.outliers
        elif d.date in scale.outliers:
            assert d.ratio > scale.top + OUTLIER_MARGIN - 1e-9
        else:
            assert d.ratio <= scale.top


# -- percentages shown never contradict "met" (docs/architecture.md §6) -------------------


def test_a_percentage_never_rounds_across_its_target() -> None:
    assert percent_shown(0.1996, 0.2) == (19.9, 1)  # not "20%" beside "met: no"
    assert percent_shown(0.1999999999, 0.2) == (19.9, 1)
    assert percent_shown(0.194, 0.2) == (19.0, 0)  # far enough below: whole as ever
    assert percent_shown(0.2, 0.2) == (20.0, 0)
    assert percent_shown(0.2049, 0.205) == (20.0, 0)  # below 20.5 %
    assert percent_shown(0.205, 0.205) == (21.0, 0)
    assert percent_shown(0.2041, 0.204) == (20.5, 1)  # met: never "20%" below 20.4 %
    assert percent_shown(0.204, 0.204) == (20.4, 1)  # a target shown as itself
    assert percent_shown(0.1996) == (20.0, 0)  # no target: nearest whole percent
    assert percent_shown(0.125) == (13.0, 0)  # halves up, not to even


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=10**6).map(lambda n: round(n / 10**6, 6)),
)
def test_the_percentage_shown_agrees_with_met(task_s: int, growth_s: int, target: float) -> None:
    ratio = ratio_of(task_s, growth_s)
    if ratio is None:
        return
    value, decimals = percent_shown(ratio, target)
    shown_target, _ = percent_shown(target, target)
    assert decimals in (0, 1) and value == round(value, decimals)
    if meets(task_s, growth_s, target):
        assert value >= round(target * 100, 6) and value >= shown_target
    else:
        assert value < round(target * 100, 6) and value < shown_target
    assert abs(value - ratio * 100) <= 1  # never far from the truth
