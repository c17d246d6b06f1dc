"""CSV export and import (no Qt): blocks and days out, blocks back in.

The names below load on first use (PEP 562): the running tray imports ``syncfiles`` (through
the service) but never needs the CSV modules until an export or import, and keeping them
loaded costs resident memory for days (docs/architecture.md §9).
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tracker.io.csvformat import ENCODINGS, HEADERS, CsvImportError, guard, unguard
    from tracker.io.export import ExportCancelledError, ExportOptions, ExportResult, Progress
    from tracker.io.files import read_bytes, write_atomic
    from tracker.io.plan import ImportPlan, plan_import
    from tracker.io.reader import ImportRow, read_blocks

_HOME = {
    "ENCODINGS": "tracker.io.csvformat",
    "HEADERS": "tracker.io.csvformat",
    "CsvImportError": "tracker.io.csvformat",
    "guard": "tracker.io.csvformat",
    "unguard": "tracker.io.csvformat",
    "ExportCancelledError": "tracker.io.export",
    "ExportOptions": "tracker.io.export",
    "ExportResult": "tracker.io.export",
    "Progress": "tracker.io.export",
    "read_bytes": "tracker.io.files",
    "write_atomic": "tracker.io.files",
    "ImportPlan": "tracker.io.plan",
    "plan_import": "tracker.io.plan",
    "ImportRow": "tracker.io.reader",
    "read_blocks": "tracker.io.reader",
}

__all__ = [
    "ENCODINGS",
    "HEADERS",
    "CsvImportError",
    "ExportCancelledError",
    "ExportOptions",
    "ExportResult",
    "ImportPlan",
    "ImportRow",
    "Progress",
    "guard",
    "plan_import",
    "read_blocks",
    "read_bytes",
    "unguard",
    "write_atomic",
]


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
