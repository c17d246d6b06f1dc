"""Reading the blocks back: day grids, day summaries, reports, hotspots, the streak,
the end-of-day summary, recent labels and the day's reflection note."""

from __future__ import annotations

import datetime as dt

from tracker.domain.days import DayGrid, tracking_day
from tracker.domain.model import Block, Kind, ValidationError, clean_note
from tracker.domain.stats import (
    DaySummary,
    Hotspot,
    TargetHistory,
    hotspots,
    streak,
    streak_through,
    summarize_days,
    totals,
)
from tracker.domain.summary import (
    RangeKind,
    SummaryData,
    build_summary,
    span_needed,
    trend_span,
)
from tracker.service.history import History
from tracker.service.model import Report


class Reports(History):
    def grid(self, first: dt.date, last: dt.date) -> DayGrid:
        if last < first:
            raise ValidationError(code="range_reversed", params={"first": first, "last": last})
        return DayGrid(first, last, self.tz, self.day_start)

    def day_summaries(self, first: dt.date, last: dt.date) -> list[DaySummary]:
        grid = self.grid(first, last)
        blocks = self._counted_between(grid.start, grid.end)
        return summarize_days(blocks, grid, self._targets(), self.clock.now())

    def report(self, first: dt.date, last: dt.date) -> Report:
        # Summed by the store, not split in Python: a year costs ~10 ms instead of ~25 ms,
        # the same days (tests/unit/test_summary_history.py holds the two equal).
        days = self._day_totals(first, last, self._targets(), self.clock.now())
        return Report(days, totals(days))

    def blocks(self, first: dt.date, last: dt.date) -> list[Block]:
        grid = self.grid(first, last)
        return self._whole_between(grid.start, grid.end)

    def first_day(self) -> dt.date | None:
        first = self.store.first_started_at()
        return None if first is None else tracking_day(first, self.tz, self.day_start)

    def hotspots(self, first: dt.date, last: dt.date, limit: int | None = 10) -> list[Hotspot]:
        grid = self.grid(first, last)
        blocks = self._counted_between(grid.start, grid.end)
        return hotspots(blocks, grid.start, grid.end, self.clock.now(), limit)

    def _day_totals(
        self, first: dt.date, last: dt.date, targets: TargetHistory, now: int
    ) -> list[DaySummary]:
        """Like :meth:`day_summaries`, summed by the store without loading the blocks
        (a year of them costs ~0.1 s to load; this ~10 ms)."""
        grid = self.grid(first, last)
        if self._has_remote():  # overlaps across PCs: counted once (§16.5)
            summed = self._merged_day_totals(grid, now)
            if summed is None:  # no device id made here yet: cut in Python
                blocks = self._counted_between(grid.start, grid.end)
                return summarize_days(blocks, grid, targets, now)
            return [DaySummary(d, t, g, targets.for_day(d)) for d, t, g in summed]
        return [
            DaySummary(day, task_s, growth_s, targets.for_day(day))
            for day, task_s, growth_s in self.store.day_totals(grid, now)
        ]

    def streak(self, upto: dt.date | None = None, lookback: int = 365) -> int:
        """Finished days in a row meeting their target, up to ``upto`` (default today;
        today itself counts once it is over): ``stats.streak``."""
        today = self.today()
        last = streak_through(upto or today, today)
        first = last - dt.timedelta(days=lookback - 1)
        days = self._day_totals(first, last, self._targets(), self.clock.now())
        return streak(days, today)

    def summary_data(self, day: dt.date, kind: RangeKind = RangeKind.DAY) -> SummaryData:
        """Everything the end-of-day summary shows for ``day``'s day, week or month."""
        today = self.today()
        now = self.clock.now()
        grid = self.grid(*span_needed(day, kind, today))
        targets = self._targets()
        return build_summary(
            day,
            kind,
            today=today,
            now=now,
            blocks=self._counted_between(grid.start, grid.end),
            grid=grid,
            history=self._day_totals(*trend_span(day, kind, today), targets, now),
            targets=targets,
            disposable_hours=float(self.setting("disposable_hours")),
            work_days=frozenset(self.setting("work_days")),
            tz=self.tz,
            day_start=self.day_start,
            has_history=self.store.first_started_at() is not None,
        )

    def recent_labels(self, kind: Kind, limit: int = 8) -> list[str]:
        return self.store.recent_labels(kind, limit)

    def day_note(self, day: dt.date) -> str:
        return self.store.day_note(day)

    def set_day_note(self, day: dt.date, note: str) -> None:
        with self.store.write():
            self.store.set_day_note(day, clean_note(note)[:4000], self.clock.now())
            self._sync_store().stamp("note", day.isoformat(), self.clock.now())
