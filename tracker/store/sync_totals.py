"""Day totals of the merged history, swept by the store (docs/architecture.md §16.5).

The rule is ``domain.sync.owned_spans``'s (the one ``counted_parts`` uses too): at each
moment the covering block with the greatest (start, gid) owns the time, so overlapping time
counts once, for the block that started later. Here it runs over plain tuples fetched in
start order (an index range on each table, no ``Block`` objects, no gid lookups), and the
owned spans, which come in time order, are cut at the day edges by one moving pointer. Any
number of devices, blocks of one device that overlap (two edits made apart), blocks of this
PC among the merged ones: one path. A year of the 100 000-block database with two or three
other PCs' years merged in: ~25 ms (cutting ``Block`` objects in Python took ~140 ms).
"""

from __future__ import annotations

import datetime as dt
import operator
import sqlite3

from tracker.domain.days import DayGrid
from tracker.domain.model import Block, Kind, Source
from tracker.domain.sync import owned_spans
from tracker.store.blocks import _KINDS, _SOURCES
from tracker.store.schema import LOCAL_GID
from tracker.store.sync_merge import _FOREVER, SyncTables

# This PC's blocks never overlap one another (§16.4 moves a clash to sync_blocks), so only
# the one starting last at or before the range's start can reach into it: one index seek.
_LOCAL_RANGE = """FROM blocks AS l
WHERE l.started_at < :end AND l.started_at >= coalesce(
    (SELECT max(started_at) FROM blocks WHERE started_at <= :start), :start)
  AND coalesce(l.ended_at, :forever) > :start"""
_LOCAL_GID = f"coalesce(l.gid, {LOCAL_GID.format(device=':me', row='l.')})"
_LOCAL_END = "coalesce(l.ended_at, max(:now, l.started_at))"
_LOCAL = f"SELECT l.started_at, {_LOCAL_GID}, {_LOCAL_END}, l.kind {_LOCAL_RANGE}"

# other devices' blocks in the range, a running one up to its device's last-seen
_REMOTE_RANGE = """FROM sync_blocks AS b LEFT JOIN sync_devices AS d ON d.device = b.origin
WHERE NOT b.deleted AND b.started_at < :end AND coalesce(b.ended_at, :forever) > :start"""
_REMOTE_END = "coalesce(b.ended_at, max(coalesce(d.last_seen, 0), b.started_at))"
_REMOTE = f"SELECT b.started_at, b.gid, {_REMOTE_END}, b.kind {_REMOTE_RANGE}"

_START_GID = operator.itemgetter(0, 1)


class MergedTotals(SyncTables):
    def merged_day_totals(self, grid: DayGrid, now: int, me: str) -> list[tuple[dt.date, int, int]]:
        """(day, task s, growth s) per day of ``grid`` as the overlap rule counts them."""
        args = {"start": grid.start, "end": grid.end, "forever": _FOREVER, "now": now, "me": me}
        rows = self.conn.execute(_LOCAL + " ORDER BY l.started_at", args).fetchall()
        rows += self.conn.execute(_REMOTE + " ORDER BY b.started_at", args).fetchall()
        rows.sort()  # two sorted runs: a merge; ties in start by gid, as the rule wants
        edges = grid.edges
        first, last = edges[0], edges[-1]
        task = [0] * len(grid.days)
        growth = [0] * len(grid.days)
        growth_kind = Kind.GROWTH.value
        i = 0
        for start, end, row in owned_spans(rows):
            if start < first:  # a block reaching in from before the range
                if end <= first:
                    continue
                start = first
            if end > last:
                if start >= last:
                    break
                end = last
            while edges[i + 1] <= start:
                i += 1
            bucket = growth if row[3] == growth_kind else task
            while end > edges[i + 1]:
                bucket[i] += edges[i + 1] - start
                start = edges[i + 1]
                i += 1
            bucket[i] += end - start
        return [(d, task[i], growth[i]) for i, d in enumerate(grid.days)]

    def merged_counted(self, start: int, end: int, now: int, me: str) -> list[Block]:
        """The blocks touching [start, end), this PC's and the merged ones, as they count
        (``domain.sync.owned_spans``): what hotspots and the summary's timeline read,
        equal to ``counted_parts`` over them. A running block ends at ``now`` here, at its
        device's last-seen time elsewhere; merged blocks' ids are negative, as everywhere.
        Rows stay SQLite's tuples through the sweep; a ``Block`` is made per counted part."""
        args = {"start": start, "end": end, "forever": _FOREVER, "now": now, "me": me}
        rows = self.conn.execute(
            f"""SELECT l.started_at, {_LOCAL_GID}, {_LOCAL_END}, l.id, l.kind, l.label,
                l.note, l.last_seen_at, l.source {_LOCAL_RANGE}""",
            args,
        ).fetchall()
        rows += self.conn.execute(
            f"""SELECT b.started_at, b.gid, {_REMOTE_END}, -b.id, b.kind, b.label, b.note,
                NULL, :manual {_REMOTE_RANGE}
              AND {_REMOTE_END} > :start""",  # a running block last seen before the range
            {**args, "manual": Source.MANUAL.value},
        ).fetchall()
        rows.sort(key=_START_GID)
        try:
            return [
                Block(r[3], _KINDS[r[4]], r[5], r[6], s, e, r[7], _SOURCES[r[8]])
                for s, e, r in owned_spans(rows)
            ]
        except KeyError:  # the CHECK constraints held when it was written: the file is damaged
            raise sqlite3.DatabaseError("a block holds an unknown kind or source") from None
