"""Blocks, settings, target history and day notes on one SQLite connection.

Rows become frozen ``Block`` dataclasses here; nothing above the store sees a row.
Queries go straight through the ``sqlite3`` connection that sqlite-utils migrated, so the
common commands never import sqlite-utils (and numpy with it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from tracker.domain.days import DayGrid
from tracker.domain.model import Block, Kind, Source, TrackerError, check_span
from tracker.domain.stats import DEFAULT_TARGET, TargetHistory
from tracker.store import database

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


class FileMovedError(database.StorageError):
    """The file at the path is no longer the one this store has open (deleted, moved
    away or replaced): nothing is written into the copy only this process still sees."""


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _sql(method: Callable[Concatenate[Store, _P], _R]) -> Callable[Concatenate[Store, _P], _R]:
    """No ``sqlite3`` error leaves the store: each becomes one of ours (``translate``),
    the original kept as its cause for the log."""

    def translated(self: Store, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise database.translate(self.path, exc) from exc

    functools.update_wrapper(translated, method)
    return translated


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


class Store:
    """The database of one person. Each public method is one transaction.

    ``traces``: files that show a database was used at ``path`` (the log), so a missing
    file is not silently replaced by an empty one.

    When the file cannot be written at all (a full disk) it is opened for reading only,
    so a person can still see and export their data; ``read_only`` then holds the reason
    and every write first tries to open it for writing again.
    """

    def __init__(
        self,
        path: Path,
        traces: Sequence[Path] = (),
        *,
        _opened: tuple[sqlite3.Connection, database.StorageError | None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.read_only: database.StorageError | None = None
        if _opened is not None:  # ``reopened``: the file was checked already
            self.conn, self.read_only = _opened
        else:
            try:
                self.conn = database.open_database(self.path, traces)
            except database.StorageError as exc:
                if exc.code not in ("storage_full", "storage_io"):
                    raise
                conn = database.open_read_only(self.path)
                if conn is None:
                    raise
                self.conn, self.read_only = conn, exc
        # The file this connection has open: when the path names another (or none), a
        # write would go into a copy nobody else sees any more.
        self.identity = _identity(self.path)
        self._generation = 0  # a new connection: what was cached from the old one is stale
        self._seen_version: int | None = None

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    def reopened(self) -> Store:
        """Another connection to this store's file, for another thread.

        Never through ``open_database``: its look at the file's header opens and closes a
        descriptor of its own, and on POSIX closing *any* descriptor of a file drops every
        lock this process holds on it, this connection's included. The next other process
        to close its connection then thinks it is the last one, checkpoints and deletes
        the ``-wal`` this connection still writes into: every later write of the tray
        would reach nobody else and be lost when it quits. The file was checked and
        migrated when this store opened it; only SQLite opens it again (SQLite keeps a
        process's descriptors of one file open while any of them holds a lock).
        """
        state = self.file_state()
        if state != "ok":
            raise self._moved_error(state)
        if self.read_only is not None:
            conn = database.open_read_only(self.path)
            if conn is None:
                raise self.read_only
            return Store(self.path, _opened=(conn, self.read_only))
        try:
            conn = database.connect(self.path)
        except sqlite3.Error as exc:
            raise database.translate(self.path, exc) from exc
        return Store(self.path, _opened=(conn, None))

    # -- the file under us --------------------------------------------------------------

    def file_state(self) -> str:
        """'ok', 'missing' (deleted or moved away) or 'replaced' (another file there)."""
        now = _identity(self.path)
        if now == self.identity:
            return "ok"
        return "missing" if now is None else "replaced"

    def _moved_error(self, state: str) -> FileMovedError:
        if state == "missing":
            return FileMovedError(
                code="db_gone",
                params={"path": self.path},
            )
        return FileMovedError(
            code="db_file_replaced",
            params={"path": self.path},
        )

    def write_back(self) -> None:
        """The file was deleted: write the open copy (the whole database) to the path
        again and go on with it. Raises ``StorageError`` (the copy stays open) when it
        cannot be written, ``FileExistsError`` when a file appeared there meanwhile."""
        tmp = self.path.with_name(f".{self.path.name}.restore.tmp")
        try:
            database.copy_into(self.conn, tmp)
        except (OSError, sqlite3.Error) as exc:
            raise self._unwritable(exc) from None
        try:
            self._let_go()
            if not os.path.lexists(self.path):
                # what the lost copy left beside the path belongs to nobody now; kept,
                # SQLite would read the lost copy's pages into the new file
                for side in database.wal_files(self.path):
                    with contextlib.suppress(FileNotFoundError):
                        side.unlink()
            os.link(tmp, self.path)  # never over a file that appeared meanwhile
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()
        self._reopen()

    def take_over(self, traces: Sequence[Path] = ()) -> Store:
        """The file was replaced: a store over the file now at the path (the caller
        swaps it in and closes this one). Raises what opening that file raises."""
        return Store(self.path, traces)

    def _unwritable(self, exc: OSError | sqlite3.Error) -> database.StorageError:
        if isinstance(exc, sqlite3.Error):
            problem = database.storage_problem(self.path, exc)
            if problem is not None:
                return problem
        reason = getattr(exc, "strerror", None) or str(exc)
        return database.StorageError(
            code="storage_io",
            variant="write",
            params={"path": self.path, "detail": reason},
        )

    def _let_go(self) -> None:
        """Close the connection to a lost copy, its changes moved into its own file
        first, so its ``-wal`` left at the path is empty and harms no file put there."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.close()

    def _reopen(self) -> None:
        self.conn = database.open_database(self.path)
        self._generation += 1
        self.identity = _identity(self.path)
        self.read_only = None

    def let_go(self) -> None:
        """Close this store whose file is gone or replaced (after :meth:`take_over`)."""
        self._let_go()

    def explain(self, exc: BaseException) -> TrackerError | None:
        """An SQLite error as the message a person can act on (damage names the newest
        backup; a full or read-only disk says so); None for anything else."""
        if isinstance(exc, database.DatabaseError):  # translated already (``_sql``)
            return None if isinstance(exc, database.UnexpectedDatabaseError) else exc
        if not isinstance(exc, sqlite3.Error):
            return None
        known = database.translate(self.path, exc)
        return None if isinstance(known, database.UnexpectedDatabaseError) else known

    # -- transactions -------------------------------------------------------------------

    def _writable(self) -> None:
        """Before a write: the file at the path is the one open, and takes writes."""
        state = self.file_state()
        if state != "ok":
            raise self._moved_error(state)
        if self.read_only is not None:
            try:
                conn = database.open_database(self.path)
            except database.StorageError as exc:
                self.read_only = exc
                raise exc from None
            self.close()
            self.conn, self.read_only = conn, None
            self._generation += 1

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """An IMMEDIATE transaction (nested calls join it through a savepoint)."""
        if not self.conn.in_transaction:
            self._writable()
        conn = self.conn
        if conn.in_transaction:
            conn.execute("SAVEPOINT nested")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK TO nested")
                conn.execute("RELEASE nested")
                raise
            conn.execute("RELEASE nested")
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            # read-only file, full disk, I/O error, busy: a clear message, nothing written
            raise database.translate(self.path, exc) from exc

    @_sql
    def data_version(self) -> int:
        """Changes when another connection commits (PRAGMA data_version)."""
        version = int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        self._seen_version = version
        return version

    def cache_key(self) -> tuple[int, int | None, int]:
        """What a cache of this database's contents is valid for, found without a query:
        the connection, the last ``data_version`` anyone read from it (another process's
        writes show once it is read again, as the tray does every second) and this
        connection's own writes (``total_changes``)."""
        return self._generation, self._seen_version, self.conn.total_changes

    @_sql
    def change_marker(self) -> tuple[int, int]:
        """Changes whenever anyone changes the database: another connection's commit
        (``data_version``) or a row written through this one (``total_changes``). Cheap
        enough to check before recomputing something derived from the data."""
        return self.data_version(), self.conn.total_changes

    # -- blocks: reading ----------------------------------------------------------------

    @_sql
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

    @_sql
    def running(self) -> Block | None:
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM blocks WHERE ended_at IS NULL").fetchone()
        return _block(row) if row else None

    @_sql
    def last(self) -> Block | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM blocks ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
        return _block(row) if row else None

    @_sql
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

    @_sql
    def day_totals(self, grid: DayGrid, now: int) -> list[tuple[dt.date, int, int]]:
        """(day, task seconds, growth seconds) for every day of ``grid``, summed in SQL.

        Blocks are cut exactly at the grid's day edges (computed in Python, so time zone,
        DST and the day-start hour are the grid's); a running block counts up to ``now``.
        Equal to ``summarize_days`` over ``blocks_between`` without building the blocks: a
        year of them took ~0.1 s that way. Blocks never overlap, so for each day only the
        block starting last before the day's start can reach into it (one index seek).
        """
        rows = self.conn.execute(
            """WITH edge(i, s, e) AS (
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
            FROM part WHERE secs > 0 GROUP BY i""",
            {"edges": json.dumps(grid.edges), "now": now, "growth": Kind.GROWTH.value},
        )
        found: dict[int, tuple[int, int]] = {i: (task, growth) for i, task, growth in rows}
        zero = (0, 0)
        return [(d, *found.get(i, zero)) for i, d in enumerate(grid.days)]

    @_sql
    def all_blocks(self) -> list[Block]:
        rows = self.conn.execute(f"SELECT {_COLUMNS} FROM blocks ORDER BY started_at")
        return [_block(r) for r in rows]

    @_sql
    def first_started_at(self) -> int | None:
        row = self.conn.execute("SELECT min(started_at) FROM blocks").fetchone()
        return row[0] if row else None

    @_sql
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

    @_sql
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

    @_sql
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

    @_sql
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

    @_sql
    def delete(self, block_id: int) -> Block:
        with self.write() as conn:
            block = self.get(block_id)
            conn.execute("DELETE FROM blocks WHERE id = ?", (block_id,))
            return block

    @_sql
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

    @_sql
    def blocks_with_ids(self, ids: Sequence[int]) -> dict[int, Block]:
        """The stored blocks among ``ids``, by id (ids nobody uses are left out)."""
        found: dict[int, Block] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT {_COLUMNS} FROM blocks WHERE id IN ({marks})"
            found.update((r[0], _block(r)) for r in self.conn.execute(query, chunk))
        return found

    @_sql
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

    # -- settings, targets, notes -------------------------------------------------------

    @_sql
    def settings(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM settings").fetchall())

    @_sql
    def set_setting(self, key: str, value: str) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    @_sql
    def target_history(self) -> TargetHistory:
        rows = self.conn.execute(
            "SELECT effective_day, target FROM targets ORDER BY effective_day"
        ).fetchall()
        return TargetHistory(DEFAULT_TARGET, tuple((dt.date.fromisoformat(d), t) for d, t in rows))

    @_sql
    def set_target(self, day: dt.date, target: float) -> None:
        """The target from ``day`` on; later scheduled changes are dropped."""
        with self.write() as conn:
            conn.execute("DELETE FROM targets WHERE effective_day > ?", (day.isoformat(),))
            conn.execute(
                "INSERT INTO targets (effective_day, target) VALUES (?, ?) "
                "ON CONFLICT (effective_day) DO UPDATE SET target = excluded.target",
                (day.isoformat(), target),
            )

    @_sql
    def day_note(self, day: dt.date) -> str:
        row = self.conn.execute(
            "SELECT note FROM day_notes WHERE day = ?", (day.isoformat(),)
        ).fetchone()
        return row[0] if row else ""

    @_sql
    def day_notes(self, first: dt.date, last: dt.date) -> dict[dt.date, str]:
        rows = self.conn.execute(
            "SELECT day, note FROM day_notes WHERE day BETWEEN ? AND ?",
            (first.isoformat(), last.isoformat()),
        )
        return {dt.date.fromisoformat(d): n for d, n in rows}

    @_sql
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

    @_sql
    def backup(self, tag: str = "manual", when: dt.datetime | None = None) -> Path:
        return database.make_backup(self.conn, self.path, tag, when)

    @_sql
    def daily_backup(self, when: dt.datetime) -> Path | None:
        if not database.daily_backup_due(self.path, when.date()):
            return None
        return database.make_backup(self.conn, self.path, "daily", when)
