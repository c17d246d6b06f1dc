"""The only code that speaks SQL: schema, migrations, pragmas, transactions, backups."""

from tracker.store.database import (
    CorruptDatabaseError,
    DatabaseError,
    NewerDatabaseError,
    NotOurDatabaseError,
    StorageError,
    damaged_message,
    open_database,
    storage_problem,
)
from tracker.store.store import ConflictError, NotFoundError, Store

__all__ = [
    "ConflictError",
    "CorruptDatabaseError",
    "DatabaseError",
    "NewerDatabaseError",
    "NotFoundError",
    "NotOurDatabaseError",
    "StorageError",
    "Store",
    "damaged_message",
    "open_database",
    "storage_problem",
]
