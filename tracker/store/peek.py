"""A read-only look at the database for ``status``, with ``sqlite3`` alone.

Status bars run ``growth-tracker status`` every few seconds; opening the ``Store`` (and
importing it) costs more than the query. ``open_peek`` answers only for a regular file
that is ours and fully migrated, never writing (immutable when no other connection is
open, else ``query_only``); anything
else (a missing, foreign, damaged, older or newer file) is ``None`` and the full path,
which explains such files, takes over. All reads share one transaction, so the running
block, the settings and today's blocks come from the same moment.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from urllib.parse import quote

from tracker.store.schema import MIGRATION_NAMES, MIGRATION_SET, MIGRATIONS_TABLE

# id, kind ('task'/'growth'), label, started_at, ended_at, last_seen_at
BlockRow = tuple[int, str, str, int, int | None, int | None]
_COLUMNS = "id, kind, label, started_at, ended_at, last_seen_at, source"
_FOREVER = 9223372036854775807
# The values of domain.model.Kind and Source (a test keeps them equal): a row holding
# another one is damage, which the full path reports, so the peek raises rather than count it.
KINDS = frozenset({"task", "growth"})
SOURCES = frozenset({"tray", "cli", "manual", "import", "recovered"})
# (day index, task seconds, growth seconds) of the days between the instants in the JSON
# array :edges (each day's start, then the last day's end), blocks cut at the edges and a
# running block counted up to :now; days without a second are left out. ``Store.day_totals``
# and the ``report`` fast path run this one text, so the two cannot count differently.
# Blocks never overlap, so for each day only the block starting last before the day's
# start can reach into it (one index seek).
DAY_TOTALS_SQL = """WITH edge(i, s, e) AS (
    SELECT key, value, lead(value) OVER (ORDER BY key) FROM json_each(:edges)
), part(i, kind, secs) AS (
    SELECT edge.i, b.kind,
        min(coalesce(b.ended_at, max(:now, b.started_at)), edge.e)
        - max(b.started_at, edge.s)
    FROM edge JOIN blocks AS b
      ON b.started_at < edge.e
     AND b.started_at >= coalesce(
        (SELECT max(started_at) FROM blocks WHERE started_at <= edge.s), edge.s)
    WHERE edge.e IS NOT NULL
)
SELECT i, sum(CASE WHEN kind = :growth THEN 0 ELSE secs END),
    sum(CASE WHEN kind = :growth THEN secs ELSE 0 END)
FROM part WHERE secs > 0 GROUP BY i"""


def _row(raw: tuple[object, ...]) -> BlockRow:
    if raw[1] not in KINDS or raw[6] not in SOURCES:
        raise sqlite3.DatabaseError(f"block {raw[0]} holds an unknown kind or source")
    return raw[:6]  # type: ignore[return-value]  # the schema's column types


class Peek:
    """One read transaction on an up-to-date database; ``close`` ends it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def settings(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM settings").fetchall())

    def targets(self) -> list[tuple[str, float]]:
        """(effective day as ISO text, target), oldest first."""
        rows = self.conn.execute("SELECT effective_day, target FROM targets ORDER BY effective_day")
        return [(str(d), float(t)) for d, t in rows]

    def running(self) -> BlockRow | None:
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM blocks WHERE ended_at IS NULL").fetchone()
        return None if row is None else _row(tuple(row))

    def blocks_between(self, start: int, end: int) -> list[BlockRow]:
        """Blocks that touch [start, end), in start order (as ``Store.blocks_between``)."""
        rows = self.conn.execute(
            f"""SELECT {_COLUMNS} FROM blocks
            WHERE started_at >= coalesce(
                (SELECT max(started_at) FROM blocks WHERE started_at <= :start), :start)
              AND started_at < :end
              AND coalesce(ended_at, :forever) > :start
            ORDER BY started_at""",
            {"start": start, "end": end, "forever": _FOREVER},
        )
        return [_row(tuple(r)) for r in rows]

    def target_rows(self) -> list[tuple[str, float]]:
        """The targets table as stored: (effective day, target), oldest first."""
        rows = self.conn.execute("SELECT effective_day, target FROM targets ORDER BY effective_day")
        return [(d, t) for d, t in rows]

    def day_totals(self, edges_json: str, now: int) -> dict[int, tuple[int, int]]:
        """``DAY_TOTALS_SQL`` over day edges as a JSON array: {day index: (task, growth)}."""
        rows = self.conn.execute(
            DAY_TOTALS_SQL, {"edges": edges_json, "now": now, "growth": "growth"}
        )
        return {i: (task, growth) for i, task, growth in rows}

    def has_merged(self) -> bool:
        """Whether blocks of another PC were merged in (sync): the full path counts them."""
        return self.conn.execute("SELECT 1 FROM sync_blocks LIMIT 1").fetchone() is not None

    def close(self) -> None:
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        finally:
            self.conn.close()


def _sidecars(path: str) -> list[str]:
    return [f"{path}-wal", f"{path}-shm", f"{path}-journal"]


def _remove_new_empty(path: str, existed: set[str]) -> None:
    """After a failed open (a full disk): the empty -wal/-shm files it left, and only
    those: one another connection made meanwhile has a size, and is left alone."""
    for side in _sidecars(path):
        if side in existed:
            continue
        try:
            if os.stat(side).st_size == 0:
                os.unlink(side)
        except OSError:
            pass


def open_peek(path: str) -> Peek | None:
    """A read-only look at ``path``, or None when the full path must handle the file."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
    except (OSError, ValueError):
        return None
    existed = {side for side in _sidecars(path) if os.path.exists(side)}
    if not existed:
        # No connection is open (they make -wal and -shm), so the file alone is the whole
        # truth: read it as immutable, creating nothing (on a full disk nothing could be).
        uri = "file:" + quote(os.path.abspath(path)) + "?mode=ro&immutable=1"
    else:
        # Another connection is open: share its -shm. mode=rw because a read-only
        # connection cannot tidy the files as the last one out; query_only refuses writes.
        uri = "file:" + quote(os.path.abspath(path)) + "?mode=rw"
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=10.0)
        conn.execute("PRAGMA query_only = ON")
        conn.execute("BEGIN")
        known = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
        ).fetchone()
        if known is None:
            conn.close()
            return None
        applied = {
            r[0]
            for r in conn.execute(
                f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", (MIGRATION_SET,)
            )
        }
        if applied != set(MIGRATION_NAMES):  # older (needs a write) or newer: full path
            conn.close()
            return None
        return Peek(conn)
    except (sqlite3.Error, OSError, ValueError):
        if conn is not None:
            conn.close()
        _remove_new_empty(path, existed)
        return None
