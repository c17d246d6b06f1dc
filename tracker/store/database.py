"""Opening the database file: ownership checks, pragmas, migrations and backups.

A file is ours when it is new and empty or carries our migration record. Any other file
is refused untouched: it is inspected read-only and any ``-wal``/``-shm`` file that the
inspection created is removed again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import stat
from collections.abc import Sequence
from pathlib import Path

from tracker.domain.model import TrackerError
from tracker.store.schema import MIGRATION_NAMES, MIGRATION_SET, MIGRATIONS_TABLE

SQLITE_MAGIC = b"SQLite format 3\x00"
BACKUP_DIR = "backups"
DAILY_KEEP = 7
MIGRATION_KEEP = 3


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


def disk_full(path: Path) -> bool:
    """No room left for even a page on the file system that holds ``path``.

    SQLite reports a full disk as "disk I/O error" when it is its ``-shm`` file that
    cannot grow (a read on a full disk); the free space says which it is.
    """
    try:
        info = os.statvfs(path.parent)
    except (OSError, AttributeError):  # AttributeError: no statvfs on Windows
        return False
    return info.f_bavail * info.f_frsize < 64 * 1024 or info.f_favail == 0


def read_only_sidecars(path: Path) -> list[Path]:
    """The ``-wal``/``-shm`` files that stop writes although the file and folder allow them.

    A read while the database was read-only (mode 0400) creates them with its mode; once
    the database is writable again they keep every write out.
    """
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return []
    return [p for p in _sidecars(path)[:2] if p.exists() and not os.access(p, os.W_OK)]


def _storage_error(path: Path, exc: sqlite3.Error, *, code: str) -> StorageError:
    return StorageError(
        code=code,
        params={"path": path, "detail": str(exc)},
    )


def backup_dir(path: Path) -> Path:
    return path.parent / BACKUP_DIR


def list_backups(path: Path) -> list[Path]:
    """Backups of this database, oldest first."""
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    # Only this database's names: a glob on "t-*" would also take (and rotate away) the
    # backups of a "t-2.db" in the same folder, and a "[" in a name would break it.
    mine = re.compile(rf"{re.escape(path.stem)}-\d{{4}}-\d{{2}}-\d{{2}}(-\d{{6}}-.+)?\.sqlite3")
    found = [p for p in folder.iterdir() if mine.fullmatch(p.name) and p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def newest_backup(path: Path) -> Path | None:
    """The newest backup of this database, if there is one."""
    backups = list_backups(path)
    return backups[-1] if backups else None


def damaged_message(path: Path, detail: str) -> str:
    """The one-line message for a database found damaged while in use."""
    return str(damaged_error(path, detail))


def damaged_error(path: Path, detail: str) -> CorruptDatabaseError:
    """A database found damaged while in use, naming the newest backup."""
    return CorruptDatabaseError(
        code="db_damaged",
        params={"path": path, "detail": detail, "backup": newest_backup(path)},
    )


def _sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")]


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
    found += [p for p in (*_sidecars(path)[:2], *others) if p.exists()]
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


def _inspect(path: Path) -> str:
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
    existed = {p for p in _sidecars(path) if p.exists()}
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
        _remove_new(path, existed)
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
        _remove_new(path, existed)
        backup = newest_backup(path)
        raise NotOurDatabaseError(
            code="db_not_ours",
            variant=None if backup is None else "backup",
            params={"path": path, "backup": backup},
        )
    unknown = names - set(MIGRATION_NAMES)
    if unknown:
        _remove_new(path, existed)
        raise NewerDatabaseError(
            code="db_newer",
            params={"path": path},
        )
    return "ours"


def _remove_new(path: Path, existed: set[Path]) -> None:
    for side in _sidecars(path):
        if side not in existed:
            with contextlib.suppress(FileNotFoundError):
                side.unlink()


def _create_private(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, 0o600)


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
    state = _inspect(path) if path.exists() else "new"
    if state == "new" and not path.exists():
        try:
            _create_private(path)
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
    existed = {p for p in _sidecars(path) if p.exists()}
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
            _remove_new(path, existed)
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
    conn.execute("BEGIN IMMEDIATE")
    try:
        db = Database(conn, execute_plugins=False)
        build_migrations().apply(db)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def make_backup(
    conn: sqlite3.Connection, path: Path, tag: str, when: dt.datetime | None = None
) -> Path:
    """Copy the database with SQLite's backup API into ``backups/``; owner-only file."""
    when = when or dt.datetime.now()
    folder = backup_dir(path)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if tag == "daily":
        name = f"{path.stem}-{when:%Y-%m-%d}.sqlite3"
    else:
        name = f"{path.stem}-{when:%Y-%m-%d-%H%M%S}-{tag}.sqlite3"
    target = folder / name
    # A damaged file is never copied: with only the last few backups kept, copies of
    # the damage would rotate the good ones away.
    check = conn.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise damaged_error(path, str(check))
    tmp = folder / f".{name}.tmp"
    try:
        copy_into(conn, tmp)
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        # A full disk: no half copy may stay behind taking the space the next write needs.
        with contextlib.suppress(OSError):
            tmp.unlink()
        reason = getattr(exc, "strerror", None) or str(exc)
        if isinstance(exc, sqlite3.Error) and ("full" in reason or disk_full(tmp)):
            reason = "the disk is full"
        raise BackupError(
            code="backup_not_written",
            params={"target": target, "reason": reason},
        ) from None
    _rotate(path)
    return target


def copy_into(conn: sqlite3.Connection, target: Path) -> None:
    """The whole database, through SQLite's backup API, into a new owner-only file
    ``target`` (a single file: no ``-wal`` is left beside it); removed again on failure."""
    try:
        _create_private(target)
        dest = sqlite3.connect(str(target))
        try:
            conn.backup(dest)
        finally:
            dest.close()
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise


def wal_files(path: Path) -> list[Path]:
    return _sidecars(path)[:2]


def _is_daily(backup: Path) -> bool:
    return re.fullmatch(r".+-\d{4}-\d{2}-\d{2}", backup.stem) is not None


def _rotate(path: Path) -> None:
    """Keep the last 7 daily and 3 pre-migration copies; copies made on purpose
    (*Back up now*, a replaced file's) are the person's and are never rotated away."""
    backups = list_backups(path)
    daily = [p for p in backups if _is_daily(p)]
    migration = [p for p in backups if p.stem.endswith("-pre-migration")]
    for old in daily[:-DAILY_KEEP] + migration[:-MIGRATION_KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()


def daily_backup_due(path: Path, today: dt.date) -> bool:
    return not (backup_dir(path) / f"{path.stem}-{today:%Y-%m-%d}.sqlite3").exists()
