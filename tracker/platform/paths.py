"""Where the data lives: ``--db``, else ``GROWTH_TRACKER_DB``, else the user data folder;
and where the lock and log files that belong to a database go.

The lock and the log sit next to the database when that folder is the user's own (only
they can create files in it); a database in a folder others can write (``/tmp``, a team
share) gets them in a per-user folder instead, so nobody else can read the log, plant a
file under its fixed name, or take the lock.
"""

from __future__ import annotations

import os
from pathlib import Path

from tracker.platform.digest import sha256_hex

APP_NAME = "GrowthTracker"
DB_NAME = "growth-tracker.sqlite3"
ENV_DB = "GROWTH_TRACKER_DB"
LOG_NAME = "growth-tracker.log"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def user_log_dir() -> Path:
    """This user's own log folder (``~/.local/state/GrowthTracker/log`` on Linux,
    ``%LOCALAPPDATA%\\GrowthTracker\\Logs``, ``~/Library/Logs/GrowthTracker``)."""
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def user_state_dir() -> Path:
    """This user's own folder for lock files of databases in shared folders."""
    import platformdirs

    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def database_path(option: str | None = None) -> Path:
    """The database to use. An empty ``GROWTH_TRACKER_DB`` is refused, not ignored: a
    script whose variable came out empty must not write into the real data."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(ENV_DB)
    if env is not None:
        if not env:
            # imported here: `status` finds its file through this module on its fast path
            from tracker.domain.model import TrackerError

            raise TrackerError(code="db_env_empty", params={"name": ENV_DB})
        return Path(env).expanduser()
    return data_dir() / DB_NAME


def private_folder(folder: Path, windows: bool | None = None) -> bool:
    """Whether only this user can create files in ``folder``.

    POSIX: the folder is ours and neither its group nor others may write it. Windows (no
    mode bits): the folder lies inside the user's profile, whose ACL is theirs alone.
    A folder that does not exist (yet) is not private.
    """
    windows = os.name == "nt" if windows is None else windows
    try:
        info = folder.stat()
        if windows:
            folder.resolve().relative_to(Path.home().resolve())
            return True
    except (OSError, ValueError, RuntimeError):
        return False
    return info.st_uid == os.geteuid() and not info.st_mode & 0o022


def _digest(db: Path) -> str:
    return sha256_hex(str(Path(db).expanduser().resolve()).encode("utf-8", "surrogateescape"))[:16]


def lock_path(db: Path) -> Path:
    """The single-instance lock file: next to the database when its folder is private,
    else in the user's state folder under a name unique to that database."""
    db = Path(db).expanduser()
    if private_folder(db.parent):
        return db.with_name(db.name + ".lock")
    return user_state_dir() / "locks" / f"{db.name}-{_digest(db)}.lock"


def log_path(db: Path) -> Path:
    """The log file: next to the database when its folder is private, else in the
    user's log folder."""
    db = Path(db).expanduser()
    if private_folder(db.parent):
        return db.parent / LOG_NAME
    return user_log_dir() / LOG_NAME
