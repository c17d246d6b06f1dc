"""The only code that speaks SQL: schema, migrations, pragmas, transactions, backups.

The names below load on first use (PEP 562): ``status`` reads through
``tracker.store.peek`` without paying for the store's modules (docs/architecture.md §9).
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing itself costs ``status`` milliseconds; mypy reads the name
if TYPE_CHECKING:
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

_HOME = {
    "BackupError": "tracker.store.errors",
    "CorruptDatabaseError": "tracker.store.errors",
    "DatabaseError": "tracker.store.errors",
    "NewerDatabaseError": "tracker.store.errors",
    "NotOurDatabaseError": "tracker.store.errors",
    "StorageError": "tracker.store.errors",
    "UnexpectedDatabaseError": "tracker.store.errors",
    "damaged_message": "tracker.store.errors",
    "open_database": "tracker.store.database",
    "storage_problem": "tracker.store.errors",
    "ConflictError": "tracker.store.blocks",
    "FileMovedError": "tracker.store.core",
    "NotFoundError": "tracker.store.blocks",
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
