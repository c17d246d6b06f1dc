"""The only code that speaks SQL: schema, migrations, pragmas, transactions, backups."""

from tracker.store.blocks import ConflictError, NotFoundError
from tracker.store.core import FileMovedError
from tracker.store.database import open_database
from tracker.store.errors import (
    BackupError,
    CorruptDatabaseError,
    DatabaseError,
    NewerDatabaseError,
    NotOurDatabaseError,
    StorageError,
    UnexpectedDatabaseError,
    damaged_message,
    storage_problem,
)
from tracker.store.store import Store

__all__ = [
    "BackupError",
    "ConflictError",
    "CorruptDatabaseError",
    "DatabaseError",
    "FileMovedError",
    "NewerDatabaseError",
    "NotFoundError",
    "NotOurDatabaseError",
    "StorageError",
    "Store",
    "UnexpectedDatabaseError",
    "damaged_message",
    "open_database",
    "storage_problem",
]
