"""Today's backup, made on a worker thread so the tray never waits for it.

A daily backup checks the database (``quick_check``) and copies it with SQLite's online
backup: on a large file, or a slow disk, that takes long enough to freeze the icon and
every window if it ran on the GUI thread. It runs as a :class:`tracker.ui.jobs.Job`
instead, with a service of its own over the same file (WAL lets it read while the tray
writes), once at start-up and then with every heartbeat (one file check until the date
changes, so a tray left running for days keeps one copy per day).

A backup that cannot be made (a full disk) is never in the way: it is told once a day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from tracker.domain.model import TrackerError
from tracker.ui import jobs
from tracker.ui.error_text import describe

if TYPE_CHECKING:
    from tracker.service import TrackerService
    from tracker.ui.notifier import Notifier

# What the work hands back: the calendar day it ran on and why the backup was skipped.
Outcome = tuple[dt.date, TrackerError | None]


def _daily_backup(service: TrackerService, _progress: Callable[[int, int], bool]) -> Outcome:
    service.daily_backup()
    day = dt.datetime.fromtimestamp(service.clock.now(), service.tz).date()
    return day, service.take_backup_note()


class DailyBackup(QObject):
    """Starts today's backup off the GUI thread (one at a time) and tells a skip once a day."""

    finished = Signal()  # a run ended (made, not due, or skipped)

    def __init__(
        self, service: TrackerService, notifier: Notifier, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.notifier = notifier
        self.job: jobs.Job | None = None
        self._told: dt.date | None = None  # the day a skipped backup was told

    def run(self) -> None:
        if self.job is not None:
            return  # the last one still runs (a slow disk): no second copy beside it
        if not self.service.database_path.is_file():
            return  # deleted under us: the change watcher tells; a new empty file is no backup
        job = jobs.Job(self.service, _daily_backup)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.finished.connect(self._ended)
        self.job = job
        job.start_work()

    def _succeeded(self, outcome: Outcome) -> None:
        day, note = outcome
        if note is not None and self._told != day:
            self._told = day
            self.notifier.show_error(describe(note, self.service.tz))

    def _failed(self, exc: BaseException) -> None:
        self.notifier.show_error(jobs.failure_text(exc, self.service.tz))

    def _ended(self) -> None:
        self.job = None
        self.finished.emit()
