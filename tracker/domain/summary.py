"""What the end-of-day summary shows, computed once from blocks (pure: no Qt, no SQL, no clock).

A summary covers a *range* (one tracking day, its week or its month) around a selected day.
Figures and routine hotspots are over the range; trends (rolling 7/30-day ratios, streak) end
at the range's last day that is not in the future, the streak at the last one that is over.
The timeline places blocks on a wall-clock axis (hours since the day-start hour, local
time), so every row shares the same hour ticks even across a DST change; durations always
come from UTC instants.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tracker.domain.days import DayGrid, month_range, week_range
from tracker.domain.model import Block, Kind
from tracker.domain.stats import (
    DaySummary,
    Hotspot,
    RatioScale,
    TargetHistory,
    Totals,
    hotspots,
    label_totals,
    meets,
    ratio_scale,
    rolling_ratio,
    streak,
    streak_through,
    summarize_days,
    totals,
)

HOTSPOT_LIMIT = 10
CHART_DAYS = 14
STREAK_LOOKBACK = 365


class RangeKind(enum.StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


def range_for(day: dt.date, kind: RangeKind) -> tuple[dt.date, dt.date]:
    """The days a summary's figures cover."""
    if kind is RangeKind.WEEK:
        return week_range(day)
    if kind is RangeKind.MONTH:
        return month_range(day)
    return day, day


def chart_range(day: dt.date, kind: RangeKind) -> tuple[dt.date, dt.date]:
    """The days the per-day charts show: the last 14 days for a day, else the range."""
    if kind is RangeKind.DAY:
        return day - dt.timedelta(days=CHART_DAYS - 1), day
    return range_for(day, kind)


def step(day: dt.date, kind: RangeKind, direction: int) -> dt.date:
    """The selected day one range earlier (-1) or later (+1); months keep the day of month."""
    if kind is RangeKind.DAY:
        return day + dt.timedelta(days=direction)
    if kind is RangeKind.WEEK:
        return day + dt.timedelta(weeks=direction)
    month = day.month - 1 + direction
    year, month = day.year + month // 12, month % 12 + 1
    last = month_range(dt.date(year, month, 1))[1]
    return dt.date(year, month, min(day.day, last.day))


@dataclass(frozen=True, slots=True)
class Segment:
    """A block's part on one timeline row, in wall-clock hours since the day-start hour."""

    kind: Kind
    label: str
    start_h: float
    end_h: float
    seconds: int
    running: bool
    # the whole block, for the timeline's hover: its note and its own start and end
    # (a segment may be cut at the day's edges); ended_at None while it runs
    note: str = ""
    started_at: int = 0
    ended_at: int | None = None


@dataclass(frozen=True, slots=True)
class TimelineRow:
    day: dt.date
    segments: tuple[Segment, ...]
    now_h: float | None  # where "now" is, when it falls inside this day


@dataclass(frozen=True, slots=True)
class LabelTime:
    label: str
    seconds: int


@dataclass(frozen=True, slots=True)
class SummaryData:
    day: dt.date
    kind: RangeKind
    first: dt.date
    last: dt.date
    today: dt.date
    now: int
    day_start: int
    days: tuple[DaySummary, ...]  # every day of the range
    chart_days: tuple[DaySummary, ...]  # the days of the per-day charts
    ratio_scale: RatioScale  # of the chart days: the ratio axis fits all but outliers
    work_days: frozenset[int]  # Monday = 0; the others are days off
    total: Totals
    target: float  # in force on the trend's end day
    trend_end: dt.date
    rolling_7: float | None
    rolling_30: float | None
    streak: int  # finished days in a row meeting their target, up to streak_through
    streak_through: dt.date
    hotspots: tuple[Hotspot, ...]  # over the range, the top HOTSPOT_LIMIT
    disposable_hours: float  # per day (the setting)
    disposable_s: int  # disposable hours x the range's work days up to today (see below)
    growth_labels: tuple[LabelTime, ...]
    timeline: tuple[TimelineRow, ...]
    has_history: bool  # anything tracked at all, on any day (False: a first run)
    tz: dt.tzinfo = dt.UTC  # the zone the times are shown in (the timeline's hover)

    @property
    def ratio(self) -> float | None:
        return self.total.ratio

    @property
    def met(self) -> bool | None:
        if self.ratio is None:
            return None
        return meets(self.total.task_s, self.total.growth_s, self.target)

    @property
    def tracked_days(self) -> int:
        return sum(1 for d in self.days if d.total_s > 0)

    @property
    def met_days(self) -> int:
        return sum(1 for d in self.days if d.met)

    def is_day_off(self, day: dt.date) -> bool:
        return day.weekday() not in self.work_days

    @property
    def running(self) -> bool:
        return any(s.running for row in self.timeline for s in row.segments)


def label_times(
    blocks: Iterable[Block], kind: Kind, start: int, end: int, now: int
) -> tuple[LabelTime, ...]:
    """Time per label of one kind inside [start, end), longest first; labels under a
    minute in all are left out (``stats.MIN_LISTED_S``)."""
    return tuple(LabelTime(t.label, t.seconds) for t in label_totals(blocks, kind, start, end, now))


def wall_hours(instant: int, day: dt.date, tz: dt.tzinfo, day_start: int) -> float:
    """Local wall-clock hours from ``day``'s day-start hour to ``instant``."""
    local = dt.datetime.fromtimestamp(instant, tz).replace(tzinfo=None)
    origin = dt.datetime.combine(day, dt.time(day_start))
    return (local - origin).total_seconds() / 3600


def timeline_row(
    blocks: Sequence[Block], grid: DayGrid, day: dt.date, now: int, tz: dt.tzinfo, day_start: int
) -> TimelineRow:
    i = (day - grid.first).days
    start, end = grid.edges[i], grid.edges[i + 1]
    segments = []
    for b in blocks:
        s, e = max(b.started_at, start), min(b.end_or(now), end)
        if e <= s:
            continue
        segments.append(
            Segment(
                b.kind,
                b.label,
                wall_hours(s, day, tz, day_start),
                wall_hours(e, day, tz, day_start),
                e - s,
                b.running,
                b.note,
                b.started_at,
                b.ended_at,
            )
        )
    now_h = wall_hours(now, day, tz, day_start) if start <= now < end else None
    return TimelineRow(day, tuple(segments), now_h)


def build_summary(
    day: dt.date,
    kind: RangeKind,
    *,
    today: dt.date,
    now: int,
    blocks: Sequence[Block],
    grid: DayGrid,
    history: Sequence[DaySummary],
    targets: TargetHistory,
    disposable_hours: float,
    work_days: frozenset[int],
    tz: dt.tzinfo,
    day_start: int,
    has_history: bool = True,
) -> SummaryData:
    """Everything the summary window shows. ``grid`` must cover :func:`span_needed` and
    ``blocks`` its blocks; ``history`` holds the days of :func:`trend_span` (the trends and
    the streak: a year of days, summed by the store without loading its blocks)."""
    first, last = range_for(day, kind)
    chart_first, chart_last = chart_range(day, kind)
    trend_end = _trend_end(day, kind, today)
    all_days = summarize_days(blocks, grid, targets, now)
    by_day = {d.date: d for d in all_days}
    days = tuple(by_day[d] for d in grid.days if first <= d <= last)
    chart = tuple(by_day[d] for d in grid.days if chart_first <= d <= chart_last)
    upto = [d for d in history if d.date <= trend_end]

    def edge(d: dt.date) -> int:
        return grid.edges[(d - grid.first).days]

    range_start, range_end = edge(first), edge(last + dt.timedelta(days=1))
    rows = [d for d in grid.days if first <= d <= last] if kind is RangeKind.WEEK else [day]
    return SummaryData(
        day=day,
        kind=kind,
        first=first,
        last=last,
        today=today,
        now=now,
        day_start=day_start,
        days=days,
        chart_days=chart,
        ratio_scale=ratio_scale(chart),
        work_days=work_days,
        total=totals(days),
        target=targets.for_day(trend_end),
        trend_end=trend_end,
        rolling_7=rolling_ratio(upto, trend_end, 7),
        rolling_30=rolling_ratio(upto, trend_end, 30),
        streak=streak(upto, today),
        streak_through=streak_through(trend_end, today),
        hotspots=tuple(hotspots(blocks, range_start, range_end, now, limit=HOTSPOT_LIMIT)),
        disposable_hours=disposable_hours,
        disposable_s=round(
            disposable_hours * 3600 * disposable_days(first, last, today, work_days)
        ),
        growth_labels=label_times(blocks, Kind.GROWTH, range_start, range_end, now),
        timeline=tuple(timeline_row(blocks, grid, d, now, tz, day_start) for d in rows),
        tz=tz,
        has_history=has_history or any(d.total_s for d in all_days),
    )


def disposable_days(
    first: dt.date, last: dt.date, today: dt.date, work_days: frozenset[int]
) -> int:
    """How many days' disposable hours a range's tracked time is measured against: its work
    days (``work_days``, Monday = 0) up to today. A single day counts as one, work day or
    not, and so does a range with no work day yet; a range all in the future counts none."""
    if first == last:
        return 1 if first <= today else 0
    end = min(last, today)
    if end < first:
        return 0
    days = (first + dt.timedelta(days=i) for i in range((end - first).days + 1))
    return max(1, sum(1 for d in days if d.weekday() in work_days))


def _trend_end(day: dt.date, kind: RangeKind, today: dt.date) -> dt.date:
    """The last day of the trends: the range's last day that is not in the future."""
    first, last = range_for(day, kind)
    return min(last, max(today, first))


def span_needed(day: dt.date, kind: RangeKind, today: dt.date) -> tuple[dt.date, dt.date]:
    """The days whose blocks :func:`build_summary` needs (range and charts)."""
    first, last = range_for(day, kind)
    chart_first, chart_last = chart_range(day, kind)
    return min(first, chart_first), max(last, chart_last)


def trend_span(day: dt.date, kind: RangeKind, today: dt.date) -> tuple[dt.date, dt.date]:
    """The days :func:`build_summary` needs per-day totals of (rolling ratios, streak)."""
    trend_end = _trend_end(day, kind, today)
    # a year of finished days for the streak (today, still in progress, is not one of them)
    first = streak_through(trend_end, today) - dt.timedelta(days=STREAK_LOOKBACK - 1)
    return first, trend_end
