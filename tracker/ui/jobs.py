"""Long work (a CSV export or import) on a worker thread, reported back by signals.

Running such work on the GUI thread and calling ``processEvents()`` from its progress
callback let tray clicks and window closes run *inside* it, half-way through. A
:class:`Job` runs the work on a ``QThread`` instead; the GUI thread only receives the
``progressed``, ``succeeded`` and ``failed`` signals (queued, in the order sent), so every
click runs on its own, before or after a progress report, never inside the work.

A sqlite3 connection belongs to the thread that opened it, so the work gets a service of
its own over the same database (``TrackerService.reopened``, about a millisecond); SQLite's
WAL mode lets it read while the tray writes. Work that needs no database (finding the idle
source, ``idle_probe``) is given ``None`` instead. Cancelling is cooperative: the work's
progress callback answers False and the work stops at its next report.

Running jobs are kept here, not by the window that started them: a dialog closed (and
deleted) mid-export must not delete a running thread. :func:`finish_all` waits for them
at quit.
"""

from __future__ import annotations

import datetime as dt
import logging
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from tracker.domain.model import TrackerError
from tracker.ui.error_text import describe
from tracker.ui.errors import error_message, write_log

log = logging.getLogger(__name__)

# The work: (its own service, a progress callback returning False to stop) -> a result.
Work = Callable[[Any, Callable[[int, int], bool]], object]

_running: set[Job] = set()


class Job(QThread):
    """Run ``work`` once on a thread of its own; results come back as signals."""

    progressed = Signal(int, int)  # done, total
    succeeded = Signal(object)  # the work's result
    failed = Signal(object)  # the exception (a TrackerError for anything a user can fix)

    def __init__(self, service: Any, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._work = work
        self._cancel = threading.Event()
        self.finished.connect(self._done)

    def start_work(self) -> None:
        _running.add(self)
        self.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        own = None
        try:
            own = None if self._service is None else self._service.reopened()
            result = self._work(own, self._progress)
        except Exception as exc:
            if not isinstance(exc, TrackerError):  # a bug: the traceback goes to the log
                write_log(None, what="background job")
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            if own is not None:
                own.close()

    def _done(self) -> None:
        _running.discard(self)
        self.deleteLater()


def running() -> list[Job]:
    return list(_running)


def finish_all(timeout_ms: int = 30_000) -> None:
    """At quit: cancel what can stop and wait for every job (an import being applied
    finishes, so nothing is half-done; its transaction would roll back anyway)."""
    for job in list(_running):
        job.cancel()
        if job.wait(timeout_ms):
            _running.discard(job)
        else:
            log.warning("a background job did not finish within %d ms", timeout_ms)


def failure_text(exc: BaseException, tz: dt.tzinfo) -> str:
    """What a failed job tells the user: the error in their language, or for a bug
    (logged already) where the details are."""
    return describe(exc, tz) if isinstance(exc, TrackerError) else error_message()


def special_file(path: Path) -> bool:
    """Whether ``path`` is a device, FIFO or socket: reading one can block for ever (a
    FIFO waits for a writer) and replacing one (``/dev/null`` as root) breaks the system."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))
