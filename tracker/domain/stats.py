"""Day summaries, ratios, streaks, routine hotspots and pacing."""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tracker.domain.days import DayGrid
from tracker.domain.figures import DEFAULT_TARGET as DEFAULT_TARGET
from tracker.domain.figures import MET_TOLERANCE as MET_TOLERANCE
from tracker.domain.figures import growth_needed_s as growth_needed_s
from tracker.domain.figures import meets as meets
from tracker.domain.figures import percent_shown as percent_shown
from tracker.domain.figures import ratio_of as ratio_of
from tracker.domain.model import Block, Kind


@dataclass(frozen=True, slots=True)
class TargetHistory:
    """The target in force on each day: each change applies from its day on."""

    default: float = DEFAULT_TARGET
    changes: tuple[tuple[dt.date, float], ...] = ()

    def for_day(self, day: dt.date) -> float:
        days = [d for d, _ in self.changes]
        i = bisect.bisect_right(days, day)
        if i == 0:
            return self.default
        return self.changes[i - 1][1]


@dataclass(frozen=True, slots=True)
class DaySummary:
    date: dt.date
    task_s: int
    growth_s: int
    target: float

    @property
    def total_s(self) -> int:
        return self.task_s + self.growth_s

    @property
    def ratio(self) -> float | None:
        return ratio_of(self.task_s, self.growth_s)

    @property
    def met(self) -> bool | None:
        r = self.ratio
        return None if r is None else meets(self.task_s, self.growth_s, self.target)


@dataclass(frozen=True, slots=True)
class Totals:
    task_s: int
    growth_s: int

    @property
    def total_s(self) -> int:
        return self.task_s + self.growth_s

    @property
    def ratio(self) -> float | None:
        return ratio_of(self.task_s, self.growth_s)


def summarize_days(
    blocks: Iterable[Block],
    grid: DayGrid,
    targets: TargetHistory,
    now: int,
) -> list[DaySummary]:
    """One summary per day of the grid; a running block counts up to ``now``."""
    task = [0] * len(grid.days)
    growth = [0] * len(grid.days)
    index = {d: i for i, d in enumerate(grid.days)}
    for block in blocks:
        bucket = growth if block.kind is Kind.GROWTH else task
        for part in grid.split(block.started_at, block.end_or(now)):
            bucket[index[part.day]] += part.seconds
    return [DaySummary(d, task[i], growth[i], targets.for_day(d)) for i, d in enumerate(grid.days)]


def totals(days: Iterable[DaySummary]) -> Totals:
    t = g = 0
    for d in days:
        t += d.task_s
        g += d.growth_s
    return Totals(t, g)


# A day counts toward the streak only with at least this much tracked. A few minutes (a
# quick look on a Saturday, a block forgotten and stopped) say nothing about the day's work,
# yet reach 100 % as easily as a full day; one hour is the least that reads as a working day.
STREAK_MIN_S = 3600


def counts_for_streak(day: DaySummary) -> bool:
    """Whether ``day`` has enough tracked to extend or break a streak (:data:`STREAK_MIN_S`)."""
    return day.total_s >= STREAK_MIN_S


def streak(days: Sequence[DaySummary], today: dt.date | None = None) -> int:
    """Consecutive finished days meeting their target, counting back from the last day.

    A day still in progress (``today``, and any later day) neither extends nor breaks it:
    it counts once it is over. A day with less than :data:`STREAK_MIN_S` tracked (a day off,
    a few minutes) is passed over like a day with nothing tracked. ``met`` itself stays the
    day's ratio against its target; this only decides which days a streak is made of.
    """
    count = 0
    for d in reversed(days):
        if today is not None and d.date >= today:
            continue
        if not counts_for_streak(d):
            continue
        if d.met:
            count += 1
        else:
            break
    return count


def streak_through(last: dt.date, today: dt.date) -> dt.date:
    """The last day a streak ending at ``last`` is made of: ``last`` when it is over, else
    the day before today (today is still in progress)."""
    return min(last, today - dt.timedelta(days=1))


@dataclass(frozen=True, slots=True)
class Hotspot:
    """A routine label and the time it took over a period."""

    label: str
    total_s: int
    count: int
    per_week_s: float
    share: float = 0.0  # of all routine (task) time in the period, 0–1


# A label with less than a minute in all is left out of the lists that rank labels (routine
# hotspots, the copied summary): it would show as "0:00" and is noise, not a candidate.
MIN_LISTED_S = 60


@dataclass(frozen=True, slots=True)
class LabelTotal:
    label: str
    seconds: int
    count: int  # blocks with time inside the period


def label_totals(
    blocks: Iterable[Block], kind: Kind, start: int, end: int, now: int
) -> list[LabelTotal]:
    """Time per label of ``kind`` inside [start, end), longest first (ties by label);
    labels under :data:`MIN_LISTED_S` in all are left out."""
    total: dict[str, int] = {}
    count: dict[str, int] = {}
    for b in blocks:
        if b.kind is not kind:
            continue
        secs = min(b.end_or(now), end) - max(b.started_at, start)
        if secs <= 0:
            continue
        total[b.label] = total.get(b.label, 0) + secs
        count[b.label] = count.get(b.label, 0) + 1
    ranked = sorted((k for k in total if total[k] >= MIN_LISTED_S), key=lambda k: (-total[k], k))
    return [LabelTotal(k, total[k], count[k]) for k in ranked]


def hotspots(
    blocks: Iterable[Block], start: int, end: int, now: int, limit: int | None = 10
) -> list[Hotspot]:
    """Task labels ranked by total time inside [start, end); the first to automate.
    Labels under a minute in all are left out (:data:`MIN_LISTED_S`); ``share`` is each
    label's part of all routine time in the period, the left-out labels included."""
    blocks = list(blocks)
    weeks = max((end - start) / (7 * 86400), 1 / 7)
    ranked = label_totals(blocks, Kind.TASK, start, end, now)
    routine = sum(
        max(0, min(b.end_or(now), end) - max(b.started_at, start))
        for b in blocks
        if b.kind is Kind.TASK
    )
    if limit is not None:
        ranked = ranked[:limit]
    return [
        Hotspot(t.label, t.seconds, t.count, t.seconds / weeks, t.seconds / routine) for t in ranked
    ]


def rolling_ratio(days: Sequence[DaySummary], last: dt.date, length: int) -> float | None:
    """Time-weighted ratio over the ``length`` days ending at ``last``."""
    first = last - dt.timedelta(days=length - 1)
    window = [d for d in days if first <= d.date <= last]
    return totals(window).ratio


# The per-day ratio chart is scaled to the regular days: one day far above the rest (an hour
# of study on a Saturday is 100 %) would otherwise squash every other bar to a sliver.
OUTLIER_FACTOR = 2.0  # an outlier is above twice the typical level...
OUTLIER_MARGIN = 0.2  # ...and at least 20 points above it
OUTLIER_SHARE = 0.25  # and outliers are at most a quarter of the tracked days


@dataclass(frozen=True, slots=True)
class RatioScale:
    """What a per-day ratio chart fits: ``top`` is the highest target or ratio of the
    regular days (0–1); ``outliers`` are the days whose ratio stands far above them."""

    top: float
    outliers: frozenset[dt.date]


def ratio_scale(days: Sequence[DaySummary]) -> RatioScale:
    """The scale of a per-day ratio chart over ``days``.

    The typical level is the higher of the median ratio and the highest target. A day is an
    outlier when its ratio is above ``OUTLIER_FACTOR`` times that level and ``OUTLIER_MARGIN``
    above both that level and every regular day, unless such days make up more than
    ``OUTLIER_SHARE`` of the tracked days (then they are the pattern, not exceptions, and
    nothing is set apart).
    """
    ratios = sorted(r for r in (d.ratio for d in days) if r is not None)
    targets = [d.target for d in days]
    if not ratios:
        return RatioScale(max(targets, default=0.0), frozenset())
    mid = len(ratios) // 2
    median = ratios[mid] if len(ratios) % 2 else (ratios[mid - 1] + ratios[mid]) / 2
    level = max(median, *targets)
    limit = max(OUTLIER_FACTOR * level, level + OUTLIER_MARGIN)
    high = sorted(r for r in ratios if r > limit)
    top = max([r for r in ratios if r <= limit] + targets)
    # an outlier also stands clear of the highest regular day, else it is set apart for nothing
    while high and high[0] <= top + OUTLIER_MARGIN:
        top = high.pop(0)
    if len(high) > OUTLIER_SHARE * len(ratios):
        return RatioScale(max(ratios + targets), frozenset())
    cut = high[0] if high else math.inf
    return RatioScale(
        top, frozenset(d.date for d in days if d.ratio is not None and d.ratio >= cut)
    )
