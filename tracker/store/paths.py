"""The files that belong to a database beside it: ``-wal``/``-shm``/``-journal``, the
backups folder and its copies, and creating a new owner-only file.

No SQLite here and nothing raised of ours: the error, check and backup modules build on it.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

BACKUP_DIR = "backups"


def sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")]


def wal_files(path: Path) -> list[Path]:
    return sidecars(path)[:2]


def remove_new(path: Path, existed: set[Path]) -> None:
    for side in sidecars(path):
        if side not in existed:
            with contextlib.suppress(FileNotFoundError):
                side.unlink()


def create_private(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, 0o600)


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
