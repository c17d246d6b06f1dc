"""The Store: blocks (``blocks``), settings, target history, day notes and backups on one
SQLite connection (``core``).

Queries go straight through the ``sqlite3`` connection that sqlite-utils migrated, so the
common commands never import sqlite-utils (and numpy with it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from tracker.domain.stats import DEFAULT_TARGET, TargetHistory
from tracker.store import backups
from tracker.store.blocks import Blocks
from tracker.store.core import sql


class Store(Blocks):
    """The database of one person. Each public method is one transaction.

    ``traces``: files that show a database was used at ``path`` (the log), so a missing
    file is not silently replaced by an empty one.

    When the file cannot be written at all (a full disk) it is opened for reading only,
    so a person can still see and export their data; ``read_only`` then holds the reason
    and every write first tries to open it for writing again.
    """

    def take_over(self, traces: Sequence[Path] = ()) -> Store:
        """The file was replaced: a store over the file now at the path (the caller
        swaps it in and closes this one). Raises what opening that file raises."""
        return Store(self.path, traces)

    # -- settings, targets, notes -------------------------------------------------------

    @sql
    def settings(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM settings").fetchall())

    @sql
    def set_setting(self, key: str, value: str) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    @sql
    def target_history(self) -> TargetHistory:
        rows = self.conn.execute(
            "SELECT effective_day, target FROM targets ORDER BY effective_day"
        ).fetchall()
        return TargetHistory(DEFAULT_TARGET, tuple((dt.date.fromisoformat(d), t) for d, t in rows))

    @sql
    def set_target(self, day: dt.date, target: float) -> None:
        """The target from ``day`` on; later scheduled changes are dropped."""
        with self.write() as conn:
            conn.execute("DELETE FROM targets WHERE effective_day > ?", (day.isoformat(),))
            conn.execute(
                "INSERT INTO targets (effective_day, target) VALUES (?, ?) "
                "ON CONFLICT (effective_day) DO UPDATE SET target = excluded.target",
                (day.isoformat(), target),
            )

    @sql
    def day_note(self, day: dt.date) -> str:
        row = self.conn.execute(
            "SELECT note FROM day_notes WHERE day = ?", (day.isoformat(),)
        ).fetchone()
        return row[0] if row else ""

    @sql
    def day_notes(self, first: dt.date, last: dt.date) -> dict[dt.date, str]:
        rows = self.conn.execute(
            "SELECT day, note FROM day_notes WHERE day BETWEEN ? AND ?",
            (first.isoformat(), last.isoformat()),
        )
        return {dt.date.fromisoformat(d): n for d, n in rows}

    @sql
    def set_day_note(self, day: dt.date, note: str, now: int) -> None:
        with self.write() as conn:
            if note:
                conn.execute(
                    "INSERT INTO day_notes (day, note, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (day) DO UPDATE SET note = excluded.note, "
                    "updated_at = excluded.updated_at",
                    (day.isoformat(), note, now),
                )
            else:
                conn.execute("DELETE FROM day_notes WHERE day = ?", (day.isoformat(),))

    # -- backups ------------------------------------------------------------------------

    @sql
    def backup(self, tag: str = "manual", when: dt.datetime | None = None) -> Path:
        return backups.make_backup(self.conn, self.path, tag, when)

    @sql
    def daily_backup(self, when: dt.datetime) -> Path | None:
        if not backups.daily_backup_due(self.path, when.date()):
            return None
        return backups.make_backup(self.conn, self.path, "daily", when)
