"""The only code that speaks SQL: schema, migrations, pragmas, transactions, backups.

The names below load on first use (PEP 562): ``status`` reads through
``tracker.store.peek`` without paying for the store's modules (docs/architecture.md §9).
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing itself costs ``status`` milliseconds; mypy reads the name
if TYPE_CHECKING:
    from tracker.store.database import (
        BackupError,
        CorruptDatabaseError,
        DatabaseError,
        NewerDatabaseError,
        NotOurDatabaseError,
        StorageError,
        UnexpectedDatabaseError,
        damaged_message,
        open_database,
        storage_problem,
    )
    from tracker.store.store import ConflictError, FileMovedError, NotFoundError, Store

_HOME = {
    "BackupError": "tracker.store.database",
    "CorruptDatabaseError": "tracker.store.database",
    "DatabaseError": "tracker.store.database",
    "NewerDatabaseError": "tracker.store.database",
    "NotOurDatabaseError": "tracker.store.database",
    "StorageError": "tracker.store.database",
    "UnexpectedDatabaseError": "tracker.store.database",
    "damaged_message": "tracker.store.database",
    "open_database": "tracker.store.database",
    "storage_problem": "tracker.store.database",
    "ConflictError": "tracker.store.store",
    "FileMovedError": "tracker.store.store",
    "NotFoundError": "tracker.store.store",
    "Store": "tracker.store.store",
}

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


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'tracker.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
