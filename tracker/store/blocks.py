"""The blocks: reading them (by id, by range, per-day totals, recent labels) and writing
them with the invariants checked first (one running block, no overlaps).

Rows become frozen ``Block`` dataclasses here; nothing above the store sees a row.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from tracker.domain.days import DayGrid
from tracker.domain.model import Block, Kind, Source, TrackerError, check_span
from tracker.store.core import StoreCore, sql
from tracker.store.peek import DAY_TOTALS_SQL

_COLUMNS = "id, kind, label, note, started_at, ended_at, last_seen_at, source"
_FOREVER = 9223372036854775807


class ConflictError(TrackerError):
    """A change would break an invariant (overlap, second running block)."""

    def __init__(
        self,
        message: str | None = None,
        other: Block | None = None,
        *,
        code: str | None = None,
        params: Mapping[str, object] | None = None,
        variant: str | None = None,
        tz: dt.tzinfo | None = None,
    ) -> None:
        # without a message, the catalogue's for the code (docs/architecture.md §11)
        args = () if message is None else (message,)
        super().__init__(*args, code=code, params=params or {}, variant=variant, tz=tz)
        self.other = other


class NotFoundError(TrackerError):
    pass


# Plain dict lookups: calling the enums costs more than the rest of a row (100 000-row reads).
_KINDS = {k.value: k for k in Kind}
_SOURCES = {s.value: s for s in Source}


def _block(row: Sequence[Any]) -> Block:
    try:
        kind, source = _KINDS[row[1]], _SOURCES[row[7]]
    except KeyError:  # the CHECK constraints held when it was written: the file is damaged
        raise sqlite3.DatabaseError(f"block {row[0]} holds an unknown kind or source") from None
    return Block(row[0], kind, row[2], row[3], row[4], row[5], row[6], source)


class Blocks(StoreCore):
    """The block queries and writes of ``Store``."""

    @sql
    def get(self, block_id: int) -> Block:
        # an id beyond SQLite's 64-bit integers (typed by hand) cannot exist
        in_range = -_FOREVER - 1 <= block_id <= _FOREVER
        row = None
        if in_range:
            row = self.conn.execute(
                f"SELECT {_COLUMNS} FROM blocks WHERE id = ?", (block_id,)
            ).fetchone()
        if row is None:
            raise NotFoundError(
                code="no_block",
                params={"id": block_id},
            )
        return _block(row)

    @sql
    def running(self) -> Block | None:
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM blocks WHERE ended_at IS NULL").fetchone()
        return _block(row) if row else None

    @sql
    def last(self) -> Block | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM blocks ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
        return _block(row) if row else None

    @sql
    def blocks_between(self, start: int, end: int) -> list[Block]:
        """Blocks that touch [start, end), in start order.

        Blocks never overlap, so only the block starting last before ``start`` can reach
        into the range from before it; the rest is an index range scan.
        """
        rows = self.conn.execute(
            f"""SELECT {_COLUMNS} FROM blocks
            WHERE started_at >= coalesce(
                (SELECT max(started_at) FROM blocks WHERE started_at <= :start), :start)
              AND started_at < :end
              AND coalesce(ended_at, :forever) > :start
            ORDER BY started_at""",
            {"start": start, "end": end, "forever": _FOREVER},
        ).fetchall()
        return [_block(r) for r in rows]

    @sql
    def day_totals(self, grid: DayGrid, now: int) -> list[tuple[dt.date, int, int]]:
        """(day, task seconds, growth seconds) for every day of ``grid``, summed in SQL.

        Blocks are cut exactly at the grid's day edges (computed in Python, so time zone,
        DST and the day-start hour are the grid's); a running block counts up to ``now``.
        Equal to ``summarize_days`` over ``blocks_between`` without building the blocks: a
        year of them took ~0.1 s that way. Blocks never overlap, so for each day only the
        block starting last before the day's start can reach into it (one index seek).
        """
        rows = self.conn.execute(
            DAY_TOTALS_SQL,
            {"edges": json.dumps(grid.edges), "now": now, "growth": Kind.GROWTH.value},
        )
        found: dict[int, tuple[int, int]] = {i: (task, growth) for i, task, growth in rows}
        zero = (0, 0)
        return [(d, *found.get(i, zero)) for i, d in enumerate(grid.days)]

    @sql
    def all_blocks(self) -> list[Block]:
        rows = self.conn.execute(f"SELECT {_COLUMNS} FROM blocks ORDER BY started_at")
        return [_block(r) for r in rows]

    @sql
    def first_started_at(self) -> int | None:
        row = self.conn.execute("SELECT min(started_at) FROM blocks").fetchone()
        return row[0] if row else None

    @sql
    def overlapping(self, start: int, end: int | None, exclude: int | None = None) -> Block | None:
        """The block that [start, end) would collide with, if any."""
        row = self.conn.execute(
            f"""SELECT {_COLUMNS} FROM blocks
            WHERE started_at < :end AND id IS NOT :exclude
            ORDER BY started_at DESC LIMIT 1""",
            {"end": _FOREVER if end is None else end, "exclude": exclude},
        ).fetchone()
        if row is None:
            return None
        other = _block(row)
        other_end = _FOREVER if other.ended_at is None else other.ended_at
        return other if other_end > start else None

    @sql
    def recent_labels(self, kind: Kind, limit: int = 8) -> list[str]:
        """The labels of ``kind`` used last, most recent first.

        Walks the distinct labels through the (kind, label, started_at) index, one seek
        each, instead of grouping every block: the tray asks on each click and each
        minute, and 100 000 blocks took 15-50 ms that way, this takes well under 1 ms.
        """
        rows = self.conn.execute(
            """WITH RECURSIVE labels(label) AS (
                SELECT min(label) FROM blocks WHERE kind = :kind AND label > ''
                UNION ALL
                SELECT (SELECT min(label) FROM blocks WHERE kind = :kind AND label > labels.label)
                FROM labels WHERE labels.label IS NOT NULL
            )
            SELECT label FROM labels WHERE label IS NOT NULL
            ORDER BY (SELECT max(started_at) FROM blocks
                      WHERE kind = :kind AND blocks.label = labels.label) DESC
            LIMIT :limit""",
            {"kind": kind.value, "limit": limit},
        )
        return [r[0] for r in rows]

    # -- blocks: writing ----------------------------------------------------------------

    @sql
    def insert(self, block: Block, now: int) -> Block:
        """Insert a block (its id is ignored unless positive); checks invariants first."""
        with self.write() as conn:
            self._check_free(block.started_at, block.ended_at, None)
            if (
                block.id > 0
                and conn.execute("SELECT 1 FROM blocks WHERE id = ?", (block.id,)).fetchone()
            ):
                # An import keeps the file's ids, so an undo can find its id taken.
                raise ConflictError(
                    code="id_taken",
                    variant="brief",
                    params={"id": block.id},
                )
            cur = conn.execute(
                """INSERT INTO blocks (id, kind, label, note, started_at, ended_at,
                    last_seen_at, source, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    block.id if block.id > 0 else None,
                    block.kind.value,
                    block.label,
                    block.note,
                    block.started_at,
                    block.ended_at,
                    block.last_seen_at,
                    block.source.value,
                    now,
                    now,
                ),
            )
            block_id = cur.lastrowid
            assert block_id is not None
            return self.get(block_id)

    @sql
    def update(self, block: Block, now: int) -> Block:
        """Replace a block's fields (by id); checks invariants first."""
        with self.write() as conn:
            self.get(block.id)
            self._check_free(block.started_at, block.ended_at, block.id)
            conn.execute(
                """UPDATE blocks SET kind = ?, label = ?, note = ?, started_at = ?,
                    ended_at = ?, last_seen_at = ?, source = ?, updated_at = ?
                WHERE id = ?""",
                (
                    block.kind.value,
                    block.label,
                    block.note,
                    block.started_at,
                    block.ended_at,
                    block.last_seen_at,
                    block.source.value,
                    now,
                    block.id,
                ),
            )
            return self.get(block.id)

    @sql
    def delete(self, block_id: int) -> Block:
        with self.write() as conn:
            block = self.get(block_id)
            conn.execute("DELETE FROM blocks WHERE id = ?", (block_id,))
            return block

    @sql
    def insert_many(self, blocks: Sequence[Block], now: int) -> int:
        """Insert finished blocks in one transaction (bulk import); all or nothing.

        The caller has checked overlaps in Python over the sorted set; the triggers stay
        the backstop. Ids are kept when positive.
        """
        for b in blocks:
            check_span(b.started_at, b.ended_at)
        rows = [
            (
                b.id if b.id > 0 else None,
                b.kind.value,
                b.label,
                b.note,
                b.started_at,
                b.ended_at,
                b.last_seen_at,
                b.source.value,
                now,
                now,
            )
            for b in blocks
        ]
        with self.write() as conn:
            try:
                conn.executemany(
                    """INSERT INTO blocks (id, kind, label, note, started_at, ended_at,
                        last_seen_at, source, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    rows,
                )
            except sqlite3.IntegrityError as exc:
                raise ConflictError(code="import_conflict", params={"detail": str(exc)}) from None
        return len(rows)

    @sql
    def blocks_with_ids(self, ids: Sequence[int]) -> dict[int, Block]:
        """The stored blocks among ``ids``, by id (ids nobody uses are left out)."""
        found: dict[int, Block] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT {_COLUMNS} FROM blocks WHERE id IN ({marks})"
            found.update((r[0], _block(r)) for r in self.conn.execute(query, chunk))
        return found

    @sql
    def heartbeat(self, block_id: int, instant: int) -> None:
        with self.write() as conn:
            conn.execute(
                "UPDATE blocks SET last_seen_at = max(?, started_at) "
                "WHERE id = ? AND ended_at IS NULL",
                (instant, block_id),
            )

    def _check_free(self, start: int, end: int | None, exclude: int | None) -> None:
        check_span(start, end)
        if end is None:
            run = self.running()
            if run is not None and run.id != exclude:
                raise ConflictError(
                    other=run,
                    code="conflict_running",
                    variant="brief",
                    params={"block": run},
                )
        other = self.overlapping(start, end, exclude)
        if other is not None:
            raise ConflictError(
                other=other,
                code="overlap",
                variant="brief",
                params={"block": other},
            )
