"""Tracking days: local calendar days that begin at the configured day-start hour.

All arithmetic works on UTC instants (Unix seconds), so a day can be 23 or 25 hours long
across a DST change and totals stay exact. Local wall times are only used to find the
instants where days begin.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from tracker.domain.figures import day_bounds as day_bounds
from tracker.domain.figures import day_start_instant as day_start_instant
from tracker.domain.figures import tracking_day as tracking_day

UTC = dt.UTC


@dataclass(frozen=True, slots=True)
class DayPart:
    """The part of a block that lies inside one tracking day."""

    day: dt.date
    start: int
    end: int

    @property
    def seconds(self) -> int:
        return self.end - self.start


def days_between(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """Every date from first to last, both included."""
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


class DayGrid:
    """Precomputed day boundaries over a range, for splitting many blocks quickly."""

    def __init__(self, first: dt.date, last: dt.date, tz: dt.tzinfo, day_start: int) -> None:
        if last < first:
            raise ValueError("last day before first day")
        self.first = first
        self.last = last
        self.days = list(days_between(first, last))
        self.edges = [day_start_instant(d, tz, day_start) for d in self.days]
        self.edges.append(day_start_instant(last + dt.timedelta(days=1), tz, day_start))

    @property
    def start(self) -> int:
        return self.edges[0]

    @property
    def end(self) -> int:
        return self.edges[-1]

    def split(self, start: int, end: int) -> list[DayPart]:
        """The parts of [start, end) inside each day of the grid (outside parts dropped)."""
        start = max(start, self.edges[0])
        end = min(end, self.edges[-1])
        if end <= start:
            return []
        i = bisect.bisect_right(self.edges, start) - 1
        parts = []
        while start < end:
            stop = min(end, self.edges[i + 1])
            parts.append(DayPart(self.days[i], start, stop))
            start = stop
            i += 1
        return parts


def week_range(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday through Sunday of the week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def month_range(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    return first, nxt - dt.timedelta(days=1)


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)
