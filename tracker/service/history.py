"""The merged history that reports read: this device's blocks and those merged from other
devices, with time where they overlap counted once (docs/architecture.md §16)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from tracker.domain.days import DayGrid
from tracker.domain.model import Block
from tracker.domain.sync import counted_parts
from tracker.service.core import ServiceCore
from tracker.store.sync import SyncStore


class History(ServiceCore):
    def _sync_store(self) -> SyncStore:
        return SyncStore(self.store)

    def _has_remote(self) -> bool:
        return self._sync_store().has_remote()

    def _whole_between(self, start: int, end: int) -> list[Block]:
        """Every block touching [start, end), whole, in start order: what ``list`` and the
        editor show (overlaps across PCs are shown, never trimmed)."""
        local = self.store.blocks_between(start, end)
        ss = self._sync_store()
        if not ss.has_remote():
            return local
        remote = [b for b, _ in ss.remote_between(start, end)]
        return sorted(local + remote, key=lambda b: (b.started_at, b.id))

    def _merged_day_totals(self, grid: DayGrid, now: int) -> list[tuple[dt.date, int, int]] | None:
        """The day totals of the merged history swept by the store (any number of devices,
        overlaps within one device too), or None before this PC has a device id (then
        ``_counted_between`` keys its blocks by their ids)."""
        ss = self._sync_store()
        me = ss.known_device_id()
        return None if me is None else ss.merged_day_totals(grid, now, me)

    def _counted_between(self, start: int, end: int) -> list[Block]:
        """The blocks as they count for totals, ratio, hotspots, streak and timeline: the
        overlap of two PCs' blocks counts once, for the block that started later."""
        ss = self._sync_store()
        if not ss.has_remote():
            return self.store.blocks_between(start, end)
        now = self.clock.now()
        me = ss.known_device_id()
        if me is not None:  # swept over the store's rows: no Block per row, no gid look-ups
            return ss.merged_counted(start, end, now, me)
        local = self.store.blocks_between(start, end)
        ended = [b if b.ended_at is not None else replace(b, ended_at=b.end_or(now)) for b in local]
        ended = [b for b in ended if b.ended_at is not None and b.ended_at > b.started_at]
        remote = [b for b, _ in ss.remote_between(start, end)]
        keys = ss.remote_gids([b.id for b in remote])
        blocks = ended + remote
        return counted_parts(blocks, [keys.get(b.id, str(b.id)) for b in blocks])
