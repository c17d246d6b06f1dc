"""A scratch table for the rows of an import, on disk, so a large file costs no memory.

SQLite's private temporary database (opened with an empty file name) lives in a file that
is deleted when it is closed, and keeps only a small page cache in memory. The rows go in
as the file is read and come back sorted by start, which is the order the import checks
them in. Nothing here touches the tracker's database. SQLite's errors (a full temporary folder)
leave as the store's own (``errors.translate``), naming the temporary folder.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from tracker.store.errors import translate

# (line, id or None, kind, label, note, start, end or None)
StagedRow = tuple[int, int | None, str, str, str, int, int | None]
# a staged row and whether it is the first row (running rows last) of the file with its id
Ordered = tuple[StagedRow, bool]

_BATCH = 5000


@contextlib.contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        raise translate(Path(tempfile.gettempdir()), exc) from exc


class Staging:
    """The rows of one import, in a temporary file; use as a context manager."""

    def __init__(self) -> None:
        with _translated():
            self.conn = sqlite3.connect("")  # "": a private temporary file, deleted on close
            self.conn.execute("PRAGMA cache_size = -4096")  # 4 MB of cache, whatever the file
            self.conn.execute(
                """CREATE TABLE rows (line INTEGER NOT NULL, id INTEGER, kind TEXT NOT NULL,
                label TEXT NOT NULL, note TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER)"""
            )

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def add(self, rows: Iterable[StagedRow]) -> int:
        """Store rows as they come; returns how many."""
        count = 0
        batch: list[StagedRow] = []
        with _translated(), self.conn:
            for row in rows:
                batch.append(row)
                if len(batch) == _BATCH:
                    self.conn.executemany("INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
                    count += len(batch)
                    batch.clear()
            self.conn.executemany("INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
            count += len(batch)
            self.conn.execute("CREATE INDEX rows_start ON rows (start, line)")
            self.conn.execute('CREATE INDEX rows_id ON rows (id, ("end" IS NULL), start, line)')
        return count

    def span(self) -> tuple[int, int] | None:
        """The earliest start and the latest end (or start + 1 for a running row)."""
        with _translated():
            lo, hi = self.conn.execute(
                'SELECT MIN(start), MAX(COALESCE("end", start + 1)) FROM rows'
            ).fetchone()
        return None if lo is None else (lo, hi)

    def by_start(self) -> Iterator[Ordered]:
        """Every row in (start, line) order, read lazily from disk."""
        with _translated():
            cursor = self.conn.execute(
                """SELECT line, id, kind, label, note, start, "end",
                    id IS NULL OR NOT EXISTS (
                        SELECT 1 FROM rows AS o WHERE o.id = r.id AND
                        ((o."end" IS NULL), o.start, o.line) < ((r."end" IS NULL), r.start, r.line))
                FROM rows AS r ORDER BY start, line"""
            )
            while batch := cursor.fetchmany(1000):
                for *row, first in batch:
                    yield (tuple(row), bool(first))
