"""The store's errors, and any SQLite error translated into one of them: a storage
problem (read-only, full, busy, I/O), damage (naming the newest backup), or unexpected."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tracker.domain.model import TrackerError
from tracker.store.paths import disk_full, newest_backup, sidecars


class DatabaseError(TrackerError):
    """The database file cannot be used as it is."""


class NotOurDatabaseError(DatabaseError):
    pass


class CorruptDatabaseError(DatabaseError):
    pass


class NewerDatabaseError(DatabaseError):
    pass


class StorageError(DatabaseError):
    """The file could not be written (read-only, disk full, I/O error) or was busy.

    Nothing was changed: the transaction was rolled back. Trying again later may work.
    """


class BackupError(DatabaseError):
    """A backup copy could not be written; the database itself is untouched."""


class UnexpectedDatabaseError(DatabaseError):
    """An SQLite error that is neither the file system's nor damage (most likely a bug):
    the original is its ``__cause__``, for the log."""


def translate(path: Path, exc: sqlite3.Error) -> DatabaseError:
    """Any SQLite error met while the file is in use, as one of ours: a storage problem
    (read-only, full, busy, I/O), damage (naming the newest backup), or unexpected."""
    if isinstance(exc, sqlite3.OperationalError):
        problem = storage_problem(path, exc)
        if problem is not None:
            return problem
    elif type(exc) is sqlite3.DatabaseError:  # integrity, programming errors: not damage
        return damaged_error(path, str(exc))
    return UnexpectedDatabaseError(code="db_unexpected", params={"path": path, "detail": str(exc)})


def storage_problem(path: Path, exc: sqlite3.Error) -> StorageError | None:
    """A clear message for an error that comes from the file system, not from the data."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return _storage_error(path, exc, code="storage_busy")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        stuck = read_only_sidecars(path)
        if stuck:
            names = " and ".join(str(p) for p in stuck)
            return StorageError(
                code="storage_sidecar_readonly",
                params={"path": path, "files": names, "detail": str(exc)},
            )
        return _storage_error(path, exc, code="storage_readonly")
    if "full" in text or ("disk i/o" in text and disk_full(path)):
        return _storage_error(path, exc, code="storage_full")
    if "disk i/o" in text:
        return _storage_error(path, exc, code="storage_io")
    return None


def read_only_sidecars(path: Path) -> list[Path]:
    """The ``-wal``/``-shm`` files that stop writes although the file and folder allow them.

    A read while the database was read-only (mode 0400) creates them with its mode; once
    the database is writable again they keep every write out.
    """
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return []
    return [p for p in sidecars(path)[:2] if p.exists() and not os.access(p, os.W_OK)]


def _storage_error(path: Path, exc: sqlite3.Error, *, code: str) -> StorageError:
    return StorageError(
        code=code,
        params={"path": path, "detail": str(exc)},
    )


def damaged_message(path: Path, detail: str) -> str:
    """The one-line message for a database found damaged while in use."""
    return str(damaged_error(path, detail))


def damaged_error(path: Path, detail: str) -> CorruptDatabaseError:
    """A database found damaged while in use, naming the newest backup."""
    return CorruptDatabaseError(
        code="db_damaged",
        params={"path": path, "detail": detail, "backup": newest_backup(path)},
    )
