"""The store's connection and the file under it: opening (for reading only when the disk
is full), noticing the file deleted, moved or replaced, writing it back, and transactions.

Every query method is wrapped in :func:`sql`, so no ``sqlite3`` error leaves the store.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from tracker.domain.model import TrackerError
from tracker.store import backups, database, errors, paths


class FileMovedError(errors.StorageError):
    """The file at the path is no longer the one this store has open (deleted, moved
    away or replaced): nothing is written into the copy only this process still sees."""


_P = ParamSpec("_P")
_S = TypeVar("_S", bound="StoreCore")
_R = TypeVar("_R")


def sql(method: Callable[Concatenate[_S, _P], _R]) -> Callable[Concatenate[_S, _P], _R]:
    """No ``sqlite3`` error leaves the store: each becomes one of ours (``translate``),
    the original kept as its cause for the log."""

    def translated(self: _S, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise errors.translate(self.path, exc) from exc

    functools.update_wrapper(translated, method)
    return translated


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


class StoreCore:
    """One connection to the database file and the transactions on it (see ``Store``)."""

    def __init__(
        self,
        path: Path,
        traces: Sequence[Path] = (),
        *,
        _opened: tuple[sqlite3.Connection, errors.StorageError | None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.read_only: errors.StorageError | None = None
        self.conn: sqlite3.Connection
        if _opened is not None:  # ``reopened``: the file was checked already
            self.conn, self.read_only = _opened
        else:
            try:
                self.conn = database.open_database(self.path, traces)
            except errors.StorageError as exc:
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

    def reopened(self: _S) -> _S:
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
            return type(self)(self.path, _opened=(conn, self.read_only))
        try:
            conn = database.connect(self.path)
        except sqlite3.Error as exc:
            raise errors.translate(self.path, exc) from exc
        return type(self)(self.path, _opened=(conn, None))

    def shrink_memory(self) -> None:
        """Free this connection's page cache: what start-up read, an idle tray never needs
        again (a later read fetches its pages anew, from the OS's cache)."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA shrink_memory")

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
            backups.copy_into(self.conn, tmp)
        except (OSError, sqlite3.Error) as exc:
            raise self._unwritable(exc) from None
        try:
            self._let_go()
            if not os.path.lexists(self.path):
                # what the lost copy left beside the path belongs to nobody now; kept,
                # SQLite would read the lost copy's pages into the new file
                for side in paths.wal_files(self.path):
                    with contextlib.suppress(FileNotFoundError):
                        side.unlink()
            os.link(tmp, self.path)  # never over a file that appeared meanwhile
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()
        self._reopen()

    def _unwritable(self, exc: OSError | sqlite3.Error) -> errors.StorageError:
        if isinstance(exc, sqlite3.Error):
            problem = errors.storage_problem(self.path, exc)
            if problem is not None:
                return problem
        reason = getattr(exc, "strerror", None) or str(exc)
        return errors.StorageError(
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
        if isinstance(exc, errors.DatabaseError):  # translated already (``sql``)
            return None if isinstance(exc, errors.UnexpectedDatabaseError) else exc
        if not isinstance(exc, sqlite3.Error):
            return None
        known = errors.translate(self.path, exc)
        return None if isinstance(known, errors.UnexpectedDatabaseError) else known

    # -- transactions -------------------------------------------------------------------

    def _writable(self) -> None:
        """Before a write: the file at the path is the one open, and takes writes."""
        state = self.file_state()
        if state != "ok":
            raise self._moved_error(state)
        if self.read_only is not None:
            try:
                conn = database.open_database(self.path)
            except errors.StorageError as exc:
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
            raise errors.translate(self.path, exc) from exc

    @sql
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

    @sql
    def change_marker(self) -> tuple[int, int]:
        """Changes whenever anyone changes the database: another connection's commit
        (``data_version``) or a row written through this one (``total_changes``). Cheap
        enough to check before recomputing something derived from the data."""
        return self.data_version(), self.conn.total_changes
