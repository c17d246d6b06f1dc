"""Where the data lives: ``--db``, else ``GROWTH_TRACKER_DB``, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "GrowthTracker"
DB_NAME = "growth-tracker.sqlite3"
ENV_DB = "GROWTH_TRACKER_DB"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def database_path(option: str | None = None) -> Path:
    if option:
        return Path(option).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return data_dir() / DB_NAME


def lock_path(db: Path) -> Path:
    """The single-instance lock file, next to the database."""
    return db.with_name(db.name + ".lock")


def log_path(db: Path) -> Path:
    return db.parent / "growth-tracker.log"
