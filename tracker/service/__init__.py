"""Use cases shared by the CLI and the tray, so the two can never behave differently.

``TrackerService`` is the one object both front ends hold. It is put together from one
part per use case (docs/architecture.md §3.4), each a module of its own over the shared
context in ``core``: tracking, the tray's write queue, editing, away, reminders, reports,
settings, CSV transfer and the file under the service.
"""

from __future__ import annotations

from pathlib import Path

from tracker.domain.clock import Clock
from tracker.platform.paths import lock_path
from tracker.platform.tz import local_timezone
from tracker.service.editing import Editing
from tracker.service.files import FileWatch, traces
from tracker.service.model import (
    AWAY_KEY,
    HEARTBEAT_S,
    STALE_AFTER_S,
    AwayChoice,
    AwayOutcome,
    ImportOutcome,
    NothingRunningError,
    PendingAction,
    PendingWriteError,
    RecoveryChoice,
    RecoveryNeededError,
    Report,
    Status,
)
from tracker.service.pending import TrayQueue
from tracker.service.reminders import Reminders
from tracker.service.settings import Settings
from tracker.service.sync import SyncDevice, SyncOutcome
from tracker.service.team import Team, TeamShareOutcome
from tracker.service.transfer import ImportProgress, Transfer
from tracker.store import (
    BackupError,
    ConflictError,
    CorruptDatabaseError,
    DatabaseError,
    FileMovedError,
    NotFoundError,
    StorageError,
    Store,
    UnexpectedDatabaseError,
)

# The store's errors too: the front ends catch them without importing the store.
__all__ = [
    "AWAY_KEY",
    "HEARTBEAT_S",
    "STALE_AFTER_S",
    "AwayChoice",
    "AwayOutcome",
    "BackupError",
    "ConflictError",
    "CorruptDatabaseError",
    "DatabaseError",
    "FileMovedError",
    "ImportOutcome",
    "ImportProgress",
    "NotFoundError",
    "NothingRunningError",
    "PendingAction",
    "PendingWriteError",
    "RecoveryChoice",
    "RecoveryNeededError",
    "Report",
    "Status",
    "StorageError",
    "SyncDevice",
    "SyncOutcome",
    "TeamShareOutcome",
    "TrackerService",
    "UnexpectedDatabaseError",
    "open_service",
    "traces",
]


def open_service(path: Path, clock: Clock | None = None, backup: bool = False) -> TrackerService:
    """Open the database at ``path`` and the service over it (local time zone, real clock).

    ``backup``: make today's backup first if there is none yet; one that cannot be made
    is skipped (``take_backup_note`` says why) and never stands in the way of the work.
    """
    from tracker.domain.clock import SystemClock

    store = Store(path, traces(path))
    service = TrackerService(store, clock or SystemClock(), local_timezone(), lock_path(path))
    if backup:
        service.daily_backup()
    return service


class TrackerService(Team, Reminders, TrayQueue, Editing, Settings, Transfer, FileWatch):
    """Every use case, for the tray and the CLI alike."""

    def reopened(self) -> TrackerService:
        """The same database, clock and time zone on a connection of its own.

        A sqlite3 connection belongs to the thread that opened it: a worker thread (a long
        export or import in the tray app) calls this on its own thread and closes the new
        service's store when done. Opening an existing database costs about a millisecond.
        """
        return TrackerService(self.store.reopened(), self.clock, self.tz, self.lock_file)
