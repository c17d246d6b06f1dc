"""Use cases shared by the CLI and the tray, so the two can never behave differently.

Every instant comes from the injected clock. Closing or starting "now" never goes before
what the database already knows, so a clock that jumps backwards cannot produce negative
or overlapping blocks; it can only make a block shorter.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tracker.domain import timeparse
from tracker.domain.clock import Clock
from tracker.domain.days import DayGrid, tracking_day
from tracker.domain.model import (
    Block,
    Kind,
    Source,
    TrackerError,
    ValidationError,
    check_span,
    clean_label,
    clean_note,
)
from tracker.domain.settings import SETTINGS, format_setting, parse_setting
from tracker.domain.stats import (
    DaySummary,
    Hotspot,
    Totals,
    hotspots,
    streak,
    summarize_days,
    totals,
)
from tracker.platform.instance import tray_running
from tracker.platform.paths import lock_path
from tracker.platform.tz import local_timezone
from tracker.store import ConflictError, Store

HEARTBEAT_S = 60
STALE_AFTER_S = 3 * HEARTBEAT_S


class NothingRunningError(TrackerError):
    pass


class RecoveryChoice(enum.Enum):
    END_AT_HEARTBEAT = "heartbeat"
    KEEP = "keep"
    END_NOW = "now"


@dataclass(frozen=True, slots=True)
class Status:
    now: int
    running: Block | None
    today: DaySummary
    stale: bool

    @property
    def elapsed_s(self) -> int:
        return self.running.duration(self.now) if self.running else 0


@dataclass(frozen=True, slots=True)
class Report:
    days: list[DaySummary]
    total: Totals


def open_service(path: Path, clock: Clock | None = None, backup: bool = False) -> TrackerService:
    """Open the database at ``path`` and the service over it (local time zone, real clock)."""
    from tracker.domain.clock import SystemClock

    store = Store(path)
    service = TrackerService(store, clock or SystemClock(), local_timezone(), lock_path(path))
    if backup:
        service.daily_backup()
    return service


class TrackerService:
    def __init__(
        self, store: Store, clock: Clock, tz: dt.tzinfo, lock_file: Path | None = None
    ) -> None:
        self.store = store
        self.clock = clock
        self.tz = tz
        self.lock_file = lock_file

    # -- settings -----------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        stored = self.store.settings()
        values: dict[str, Any] = {}
        for key, spec in SETTINGS.items():
            raw = stored.get(key)
            try:
                values[key] = spec.parse(raw) if raw is not None else spec.default
            except ValidationError:
                values[key] = spec.default
        values["target"] = self.store.target_history().for_day(self.today())
        return values

    def setting(self, key: str) -> Any:
        if key not in SETTINGS:
            parse_setting(key, "")  # raises the "unknown setting" message
        return self.settings()[key]

    def setting_text(self, key: str) -> str:
        return format_setting(key, self.setting(key))

    def set_setting(self, key: str, text: str) -> None:
        value = parse_setting(key, text)
        if key == "target":
            self.store.set_target(self.today(), value)
        else:
            self.store.set_setting(key, format_setting(key, value))

    @property
    def day_start(self) -> int:
        raw = self.store.settings().get("day_start")
        return int(raw) if raw is not None and raw.isdigit() else int(SETTINGS["day_start"].default)

    def today(self) -> dt.date:
        return tracking_day(self.clock.now(), self.tz, self.day_start)

    def target_for(self, day: dt.date) -> float:
        return self.store.target_history().for_day(day)

    # -- parsing shared by every front end ---------------------------------------------

    def parse_time(self, text: str) -> int:
        return timeparse.parse_time(text, self.clock.now(), self.tz, self.day_start)

    def parse_day(self, text: str) -> dt.date:
        return timeparse.parse_day(text, self.clock.now(), self.tz, self.day_start)

    def iso(self, instant: int) -> str:
        return timeparse.iso_local(instant, self.tz)

    def describe(self, block: Block) -> str:
        """How a person recognises a block: id, kind, label and its times."""
        start = self._clock_text(block.started_at)
        end = "now" if block.ended_at is None else self._clock_text(block.ended_at)
        if end[:10] == start[:10]:
            end = end[11:]
        label = f" '{block.label}'" if block.label else ""
        return f"block {block.id} ({block.kind.value}{label}, {start}–{end})"

    def _explain(self, exc: ConflictError) -> ConflictError:
        if exc.other is None:
            return exc
        other = exc.other
        if "running" in str(exc):
            return ConflictError(f"{self.describe(other)} is still running; stop it first", other)
        return ConflictError(
            f"that would overlap {self.describe(other)}; pick times outside it", other
        )

    def daily_backup(self) -> Path | None:
        when = dt.datetime.fromtimestamp(self.clock.now(), self.tz).replace(tzinfo=None)
        try:
            return self.store.daily_backup(when)
        except OSError:
            return None

    # -- tracking -----------------------------------------------------------------------

    def running(self) -> Block | None:
        return self.store.running()

    def last_kind(self) -> Kind:
        last = self.store.last()
        return last.kind if last else Kind.TASK

    def _floor(self) -> int | None:
        """No new instant may lie before this (the clock may have jumped back)."""
        last = self.store.last()
        if last is None:
            return None
        return last.started_at if last.ended_at is None else last.ended_at

    def _instant(self, at: int | None) -> int:
        now = self.clock.now()
        if at is None:
            floor = self._floor()
            return now if floor is None else max(now, floor)
        if at > now:
            raise ValidationError(f"{self._clock_text(at)} is in the future; pick a time up to now")
        return at

    def _clock_text(self, instant: int) -> str:
        return dt.datetime.fromtimestamp(instant, self.tz).strftime("%Y-%m-%d %H:%M")

    def _insert(self, block: Block) -> Block:
        try:
            return self.store.insert(block, self.clock.now())
        except ConflictError as exc:
            raise self._explain(exc) from None

    def _update(self, block: Block) -> Block:
        try:
            return self.store.update(block, self.clock.now())
        except ConflictError as exc:
            raise self._explain(exc) from None

    def _close(self, running: Block, instant: int) -> Block | None:
        """End the running block at ``instant``; a zero-length block is discarded."""
        if instant < running.started_at:
            raise ValidationError(
                f"the running block started at {self._clock_text(running.started_at)}; "
                "pick a time after that"
            )
        if instant == running.started_at:
            self.store.delete(running.id)
            return None
        return self._update(replace(running, ended_at=instant))

    def start(
        self,
        kind: Kind,
        label: str | None = "",
        at: int | None = None,
        source: Source = Source.CLI,
        note: str = "",
    ) -> Block:
        """Start a block of ``kind``, closing the running one at the same instant."""
        label = clean_label(label)
        note = clean_note(note)
        with self.store.write():
            instant = self._instant(at)
            running = self.store.running()
            if running is not None:
                self._close(running, instant)
            seen = instant if source is Source.TRAY else None
            return self._insert(Block(0, kind, label, note, instant, None, seen, source))

    def switch(
        self,
        kind: Kind | None = None,
        label: str | None = None,
        at: int | None = None,
        source: Source = Source.CLI,
    ) -> Block:
        """Flip (or set) the kind; when nothing runs, start the kind used last."""
        with self.store.write():
            running = self.store.running()
            if running is None:
                return self.start(kind or self.last_kind(), label or "", at, source)
            new_kind = kind or running.kind.other
            if new_kind is running.kind and (label is None or clean_label(label) == running.label):
                return running
            return self.start(new_kind, label or "", at, source)

    def stop(self, at: int | None = None) -> Block | None:
        """End the running block; returns it (None when it was discarded as zero-length)."""
        with self.store.write():
            running = self.store.running()
            if running is None:
                raise NothingRunningError("nothing is running, so there is nothing to stop")
            return self._close(running, self._instant(at))

    def status(self) -> Status:
        now = self.clock.now()
        running = self.store.running()
        today = self.day_summaries(self.today(), self.today())[0]
        stale = False
        if running is not None and running.last_seen_at is not None:
            old = now - running.last_seen_at > STALE_AFTER_S
            stale = old and not (self.lock_file is not None and tray_running(self.lock_file))
        return Status(now, running, today, stale)

    def heartbeat(self) -> Block | None:
        """Record that the tray is alive; adopts a block started elsewhere."""
        running = self.store.running()
        if running is None:
            return None
        self.store.heartbeat(running.id, self._instant(None))
        return self.store.running()

    def pending_recovery(self) -> Block | None:
        """A block left running by a tray that is gone (it has a heartbeat)."""
        running = self.store.running()
        if running is None or running.last_seen_at is None:
            return None
        return running

    def recover(self, choice: RecoveryChoice) -> Block | None:
        with self.store.write():
            running = self.pending_recovery()
            if running is None:
                return None
            if choice is RecoveryChoice.KEEP:
                self.store.heartbeat(running.id, self._instant(None))
                return self.store.running()
            if choice is RecoveryChoice.END_NOW:
                return self._close(running, self._instant(None))
            assert running.last_seen_at is not None
            end = max(running.last_seen_at, running.started_at)
            if end == running.started_at:
                self.store.delete(running.id)
                return None
            recovered = replace(running, ended_at=end, source=Source.RECOVERED)
            return self._update(recovered)

    # -- manual blocks ------------------------------------------------------------------

    def add_block(
        self,
        kind: Kind,
        start: int,
        end: int,
        label: str | None = "",
        note: str | None = "",
        source: Source = Source.MANUAL,
    ) -> Block:
        check_span(start, end)
        if end > self.clock.now():
            raise ValidationError(f"the end {self._clock_text(end)} is in the future")
        block = Block(0, kind, clean_label(label), clean_note(note), start, end, None, source)
        return self._insert(block)

    def edit_block(
        self,
        block_id: int,
        kind: Kind | None = None,
        label: str | None = None,
        note: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> Block:
        with self.store.write():
            block = self.store.get(block_id)
            if end is not None and block.running:
                raise ValidationError(
                    f"block {block_id} is still running; stop it to give it an end"
                )
            changed = replace(
                block,
                kind=kind or block.kind,
                label=block.label if label is None else clean_label(label),
                note=block.note if note is None else clean_note(note),
                started_at=block.started_at if start is None else start,
                ended_at=block.ended_at if end is None else end,
            )
            check_span(changed.started_at, changed.ended_at)
            now = self.clock.now()
            if changed.started_at > now or (changed.ended_at or 0) > now:
                raise ValidationError("a block cannot reach into the future; pick earlier times")
            return self._update(changed)

    def delete_block(self, block_id: int) -> Block:
        return self.store.delete(block_id)

    def restore_block(self, block: Block) -> Block:
        """Put back a block exactly as it was, id included (undo of a delete)."""
        return self._insert(block)

    def replace_block(self, block: Block) -> Block:
        """Write a block's fields back exactly (undo of an edit)."""
        return self._update(block)

    # -- reports ------------------------------------------------------------------------

    def grid(self, first: dt.date, last: dt.date) -> DayGrid:
        if last < first:
            raise ValidationError(
                f"the range ends ({last}) before it begins ({first}); swap the days"
            )
        return DayGrid(first, last, self.tz, self.day_start)

    def day_summaries(self, first: dt.date, last: dt.date) -> list[DaySummary]:
        grid = self.grid(first, last)
        blocks = self.store.blocks_between(grid.start, grid.end)
        return summarize_days(blocks, grid, self.store.target_history(), self.clock.now())

    def report(self, first: dt.date, last: dt.date) -> Report:
        days = self.day_summaries(first, last)
        return Report(days, totals(days))

    def blocks(self, first: dt.date, last: dt.date) -> list[Block]:
        grid = self.grid(first, last)
        return self.store.blocks_between(grid.start, grid.end)

    def first_day(self) -> dt.date | None:
        first = self.store.first_started_at()
        return None if first is None else tracking_day(first, self.tz, self.day_start)

    def hotspots(self, first: dt.date, last: dt.date, limit: int | None = 10) -> list[Hotspot]:
        grid = self.grid(first, last)
        blocks = self.store.blocks_between(grid.start, grid.end)
        return hotspots(blocks, grid.start, grid.end, self.clock.now(), limit)

    def streak(self, upto: dt.date | None = None, lookback: int = 365) -> int:
        last = upto or self.today()
        days = self.day_summaries(last - dt.timedelta(days=lookback - 1), last)
        return streak(days, self.today())

    def recent_labels(self, kind: Kind, limit: int = 8) -> list[str]:
        return self.store.recent_labels(kind, limit)

    def day_note(self, day: dt.date) -> str:
        return self.store.day_note(day)

    def set_day_note(self, day: dt.date, note: str) -> None:
        self.store.set_day_note(day, clean_note(note)[:4000], self.clock.now())
