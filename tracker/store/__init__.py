"""The only code that speaks SQL: schema, migrations, pragmas, transactions, backups."""

from tracker.store.database import (
    CorruptDatabaseError,
    DatabaseError,
    NewerDatabaseError,
    NotOurDatabaseError,
    open_database,
)
from tracker.store.store import ConflictError, NotFoundError, Store

__all__ = [
    "ConflictError",
    "CorruptDatabaseError",
    "DatabaseError",
    "NewerDatabaseError",
    "NotFoundError",
    "NotOurDatabaseError",
    "Store",
    "open_database",
]
