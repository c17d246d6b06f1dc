"""CSV export and import (no Qt): blocks and days out, blocks back in."""

from tracker.io.csvformat import ENCODINGS, HEADERS, CsvImportError, guard, unguard
from tracker.io.export import ExportCancelledError, ExportOptions, ExportResult, Progress
from tracker.io.files import read_bytes, write_atomic
from tracker.io.plan import ImportPlan, plan_import
from tracker.io.reader import ImportRow, read_blocks

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
