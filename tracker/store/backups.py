"""Backup copies in ``backups/`` beside the database: made with SQLite's backup API,
never of a damaged file, rotated (docs/architecture.md §13)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from tracker.store.errors import BackupError, damaged_error
from tracker.store.paths import backup_dir, create_private, disk_full, list_backups

DAILY_KEEP = 7
MIGRATION_KEEP = 3


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
        create_private(target)
        dest = sqlite3.connect(str(target))
        try:
            conn.backup(dest)
        finally:
            dest.close()
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise


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
