"""Opening the database file: pragmas, migrations, and reading a file that cannot be written.

A file is ours when it is new and empty or carries our migration record (``checks``); any
other file is refused untouched.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from tracker.store.backups import make_backup
from tracker.store.checks import check_not_lost, check_regular, inspect_file
from tracker.store.errors import CorruptDatabaseError, DatabaseError, storage_problem
from tracker.store.paths import create_private, newest_backup, remove_new, sidecars
from tracker.store.schema import MIGRATION_NAMES, MIGRATION_SET, MIGRATIONS_TABLE


def connect(path: Path) -> sqlite3.Connection:
    """A connection with our pragmas; transactions are begun explicitly by the store."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=10.0)
    conn.execute("PRAGMA busy_timeout = 10000")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        # A read-only folder or a file system without shared memory; keep going safely.
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def open_database(path: Path, traces: Sequence[Path] = ()) -> sqlite3.Connection:
    """Open (creating or migrating as needed) the database at ``path``.

    ``traces``: files beside it that show it was used (see :func:`check_not_lost`).
    """
    path = Path(path)
    check_regular(path)
    check_not_lost(path, traces)
    state = inspect_file(path) if path.exists() else "new"
    if state == "new" and not path.exists():
        try:
            create_private(path)
        except OSError as exc:
            raise DatabaseError(
                code="db_cannot_create",
                params={"path": path, "reason": exc.strerror or str(exc)},
            ) from None
    try:
        conn = connect(path)
        _migrate(conn, path, backup_first=(state == "ours"))
    except sqlite3.DatabaseError as exc:
        problem = storage_problem(path, exc)
        if problem is not None:
            raise problem from None
        raise CorruptDatabaseError(
            code="db_cannot_open",
            params={"path": path, "detail": str(exc), "backup": newest_backup(path)},
        ) from None
    return conn


def open_read_only(path: Path) -> sqlite3.Connection | None:
    """A connection that only reads, for when writing is impossible (a full disk), so a
    person can still see and copy their data; None when even that does not work.

    ``mode=ro`` works while a ``-shm`` file exists (another connection made it). Without
    one it cannot be created on a full disk; when no ``-wal`` file holds changes either,
    the database file alone is the whole truth and is read as immutable.
    """
    uri = path.resolve().as_uri()
    wal = Path(f"{path}-wal")
    tries = [f"{uri}?mode=ro"]
    if not wal.exists() or wal.stat().st_size == 0:
        tries.append(f"{uri}?immutable=1")
    existed = {p for p in sidecars(path) if p.exists()}
    for target in tries:
        conn = None
        try:
            conn = sqlite3.connect(target, uri=True, isolation_level=None, timeout=10.0)
            if set(MIGRATION_NAMES) <= applied_migrations(conn):
                return conn
            conn.close()
            return None  # it would need migrating first: that is a write
        except sqlite3.Error:
            if conn is not None:
                conn.close()
            remove_new(path, existed)
    return None


def applied_migrations(conn: sqlite3.Connection) -> set[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
    ).fetchone()
    if not exists:
        return set()
    return {
        r[0]
        for r in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", (MIGRATION_SET,)
        )
    }


def _migrate(conn: sqlite3.Connection, path: Path, backup_first: bool) -> None:
    if set(MIGRATION_NAMES) <= applied_migrations(conn):
        return
    if backup_first:
        make_backup(conn, path, tag="pre-migration")
    from sqlite_utils import Database

    from tracker.store.schema import build_migrations

    # One write lock for all steps, so two processes opening a new file at once cannot
    # both migrate it; each step still runs in its own savepoint.
    lean_before = "m005_sync_lean" in applied_migrations(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        db = Database(conn, execute_plugins=False)
        build_migrations().apply(db)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if not lean_before:
        # m005 freed the space m004's gids and outbox took (100 000 blocks: 29 MB → 11 MB);
        # the file shrinks only when rewritten (~1 s once, on the upgrade)
        free, pages = (
            conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("freelist_count", "page_count")
        )
        if free * 4 > pages:
            with contextlib.suppress(sqlite3.OperationalError):  # busy: the space is reused
                conn.execute("VACUUM")
