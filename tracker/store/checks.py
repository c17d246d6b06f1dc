"""Checks before SQLite touches a file: a regular file, not one that was used and is now
missing, and an SQLite file of ours (inspected read-only; any other file is refused
untouched, and the ``-wal``/``-shm`` files the inspection created are removed again)."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Sequence
from pathlib import Path

from tracker.store.errors import (
    CorruptDatabaseError,
    DatabaseError,
    NewerDatabaseError,
    NotOurDatabaseError,
    storage_problem,
)
from tracker.store.paths import backup_dir, list_backups, newest_backup, remove_new, sidecars
from tracker.store.schema import MIGRATION_NAMES, MIGRATION_SET, MIGRATIONS_TABLE

SQLITE_MAGIC = b"SQLite format 3\x00"


def check_regular(path: Path) -> None:
    """Refuse a device, FIFO or folder before SQLite touches it (``/dev/null`` would get a
    ``/dev/null-journal`` beside it; a FIFO would block the first read)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise DatabaseError(
            code="db_unreadable",
            params={"path": path, "reason": exc.strerror or str(exc)},
        ) from None
    if stat.S_ISREG(mode):
        return
    raise DatabaseError(
        code="db_not_a_file",
        variant="folder" if stat.S_ISDIR(mode) else "device",
        params={"path": path, "folder": stat.S_ISDIR(mode)},
    )


def traces_of(path: Path, others: Sequence[Path] = ()) -> list[Path]:
    """What shows that a database was used at ``path``: its backups, its ``-wal``/``-shm``
    files, and ``others`` (the caller's: the tray's lock file, the log)."""
    found: list[Path] = []
    if list_backups(path):
        found.append(backup_dir(path))
    found += [p for p in (*sidecars(path)[:2], *others) if p.exists()]
    return found


def check_not_lost(path: Path, others: Sequence[Path] = ()) -> None:
    """A missing file that was used before is not silently replaced by an empty one."""
    if os.path.lexists(path):
        return
    traces = traces_of(path, others)
    if not traces:
        return  # never used: created on first use
    backup = newest_backup(path)
    raise DatabaseError(
        code="db_missing",
        variant=None if backup is not None else "no_backup",
        params={"path": path, "trace": traces[0], "backup": backup},
    )


def inspect_file(path: Path) -> str:
    """Classify an existing file: 'new', 'ours', or raise. Never writes to it.

    Only for a file this process has no connection to yet: closing the descriptor that
    reads the header drops the process's POSIX locks on the file (``Store.reopened``)."""
    try:
        size = path.stat().st_size
        if size == 0:
            return "new"
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(
            code="db_unreadable",
            params={"path": path, "reason": exc.strerror or str(exc)},
        ) from None
    if header != SQLITE_MAGIC:
        raise CorruptDatabaseError(
            code="db_not_sqlite",
            params={"path": path, "backup": newest_backup(path)},
        )
    existed = {p for p in sidecars(path) if p.exists()}
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            names: set[str] = set()
            if MIGRATIONS_TABLE in tables:
                names = {
                    r[0]
                    for r in conn.execute(
                        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?",
                        (MIGRATION_SET,),
                    )
                }
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        remove_new(path, existed)
        problem = storage_problem(path, exc)
        if problem is not None:  # e.g. a WAL file in a read-only folder: not damage
            raise problem from None
        raise CorruptDatabaseError(
            code="db_not_readable",
            params={"path": path, "detail": str(exc), "backup": newest_backup(path)},
        ) from None
    if not tables:
        return "new"
    if not names:
        remove_new(path, existed)
        backup = newest_backup(path)
        raise NotOurDatabaseError(
            code="db_not_ours",
            variant=None if backup is None else "backup",
            params={"path": path, "backup": backup},
        )
    unknown = names - set(MIGRATION_NAMES)
    if unknown:
        remove_new(path, existed)
        raise NewerDatabaseError(
            code="db_newer",
            params={"path": path},
        )
    return "ours"
