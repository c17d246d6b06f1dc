"""The change watcher: once a second, is the file still ours, and did anyone change it?

Each poll (``POLL_MS``) asks the service three cheap things, in this order:

1. ``check_file``: the database file deleted or replaced under the tray (the service
   reopens what it can; the watcher tells what happened, once, and logs it);
2. ``pending_actions``: tray clicks the file refused (read-only folder, full disk) are
   written now if it takes them (``pending_written``), or told when they no longer fit;
3. ``change_marker``: anything changed since the last look (``changed``): the CLI in
   another process, or a write of our own not yet looked at.

The app calls :meth:`ChangeWatcher.seen` when it has just refreshed everything from the
file, so its own writes do not refresh the windows a second time a second later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from tracker.ui.error_text import describe

if TYPE_CHECKING:
    from tracker.service import TrackerService
    from tracker.ui.notifier import Notifier

POLL_MS = 1000  # external changes (CLI) show within 2 s


class ChangeWatcher(QObject):
    """Polls the database once a second; see the module docstring."""

    changed = Signal()  # the data changed: re-apply settings, refresh everything
    pending_written = Signal()  # kept tray clicks were written at last

    def __init__(
        self, service: TrackerService, notifier: Notifier, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.notifier = notifier
        self._marker: object = service.change_marker()
        self._error: str | None = None  # the poll's last error, shown once
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def seen(self) -> None:
        """Everything shown now reflects the file: the next poll compares with this."""
        self._marker = self.service.change_marker()

    def poll(self) -> None:
        """Notice a change made by another process (the CLI) within about a second, and
        a file deleted or replaced under us (the service deals with it; we tell)."""
        try:
            self._poll()
        except Exception as exc:
            text = self.notifier.describe(exc)
            if text != self._error:  # once, not every second
                self._error = text
                self.notifier.show_error(text)
        else:
            self._error = None

    def _poll(self) -> None:
        notice = self.service.check_file()
        if notice is not None:
            from tracker.platform.logs import logger

            logger().warning("%s", notice)  # what happened to the file stays on record
            self._error = None
            self.notifier.show_error(describe(notice, self.service.tz))
            self._marker = None  # another file: everything is read again
        if self.service.pending_actions():
            self._retry_pending()
        marker = self.service.change_marker()
        if marker != self._marker:
            self._marker = marker
            self.changed.emit()

    def _retry_pending(self) -> None:
        """Write the clicks the file refused earlier (read-only, disk full) once it can."""
        before = len(self.service.pending_actions())
        dropped = self.notifier.call(self.service.retry_pending) or []
        for error in dropped:
            self.notifier.show_error(describe(error, self.service.tz))
        if len(self.service.pending_actions()) < before:
            self.pending_written.emit()
