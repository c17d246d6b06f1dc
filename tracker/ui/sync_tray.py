"""The tray's sync (§16): after each change, when the folder changes, and once a minute.

A ``QFileSystemWatcher`` on the sync folder notices new files; network drives do not always
tell, hence the poll. Each sync runs on a worker thread with its own connection
(``ui/jobs.py``), so a slow share never freezes the tray; what it merged reaches the windows
through the app's change watcher like any other process's write. The last result becomes
one line in the tray's menu and tooltip.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction

from tracker.io.syncfiles import ROOT

if TYPE_CHECKING:
    from tracker.service import TrackerService
    from tracker.service.sync import SyncOutcome

POLL_MS = 60_000  # at least once a minute: network drives do not always notify
SETTLE_MS = 1_500  # a sync service writes several files in a row: one sync for them all
DEVICE_EVERY_S = 240


class SyncComponent(QObject):
    synced = Signal(object)  # the SyncOutcome
    failed = Signal(object)  # the exception

    def __init__(self, service: TrackerService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.last: SyncOutcome | None = None
        self.error: BaseException | None = None
        self._job: Any = None
        self._again = False
        self._device_written_at: int | None = None
        self._folder: Path | None = None
        self.fs = QFileSystemWatcher(self)
        self.fs.directoryChanged.connect(lambda _path: self.request())
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.setTimerType(Qt.TimerType.CoarseTimer)
        self.poll.timeout.connect(self.request)
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self.run)
        self.action: QAction | None = None
        self.elsewhere_action = QAction(self)  # another PC's running block
        self.elsewhere_action.setEnabled(False)

    @property
    def active(self) -> bool:
        return self._folder is not None

    def apply(self) -> None:
        """The sync folder setting as it is now: watch it (or stop)."""
        folder = self.service.sync_folder()
        if folder == self._folder:
            return
        self._folder = folder
        self.last, self.error = None, None
        if self.fs.directories():
            self.fs.removePaths(self.fs.directories())
        if folder is None:
            self.poll.stop()
            return
        self.poll.start()
        self.request()

    def stop(self) -> None:
        self.poll.stop()
        self.settle.stop()

    def request(self) -> None:
        """Sync soon (several requests in a row make one sync)."""
        if self._folder is not None:
            self.settle.start()

    def run(self) -> None:
        if self._folder is None:
            return
        if self._job is not None:
            self._again = True
            return
        from tracker.ui.jobs import Job

        written = self._device_written_at

        def work(svc: Any, _progress: Any) -> object:
            return svc.sync(heartbeat_every=DEVICE_EVERY_S, device_written_at=written)

        job = Job(self.service, work, self)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.finished.connect(self._finished)
        self._job = job
        job.start_work()

    def _succeeded(self, outcome: SyncOutcome) -> None:
        self.last, self.error = outcome, None
        self._device_written_at = outcome.device_written_at
        self._watch(outcome.folder)
        self.synced.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        self.failed.emit(exc)

    def _finished(self) -> None:
        self._job = None
        if self._again:
            self._again = False
            self.request()

    def _watch(self, folder: Path) -> None:
        root = folder / ROOT
        wanted = [str(root)] + [str(p) for p in root.iterdir() if p.is_dir()]
        missing = [p for p in wanted if p not in self.fs.directories()]
        if missing:
            self.fs.addPaths(missing)

    def line(self) -> str | None:
        """The menu and tooltip line: when the last sync happened, or what went wrong."""
        if self._folder is None:
            return None
        if self.error is not None:
            from tracker.ui.error_text import describe

            return self.tr("Sync failed: {0}").format(describe(self.error))
        if self.last is None:
            return self.tr("Sync: waiting for the first sync")
        at = dt.datetime.fromtimestamp(self.last.at, self.service.tz)
        if self.last.unreadable:
            names = ", ".join(u.path.name for u in self.last.unreadable[:2])
            return self.tr("Synced at {0}; cannot read yet: {1}").format(f"{at:%H:%M}", names)
        return self.tr("Synced at {0}").format(f"{at:%H:%M}")

    def elsewhere_lines(self, tray: Any) -> list[str]:
        """Another PC's running block: 'On office: Task · mail since 09:12'."""
        from tracker.ui.common import kind_label

        view = getattr(tray, "view", None)
        lines = []
        for block, name, _seen in () if view is None else view.status.elsewhere:
            what = kind_label(block.kind) + (f" · {block.label}" if block.label else "")
            at = dt.datetime.fromtimestamp(block.started_at, self.service.tz)
            lines.append(self.tr("On {0}: {1} since {2}").format(name, what, f"{at:%H:%M}"))
        return lines

    def decorate(self, tray: Any) -> None:
        """Add the sync line, and another PC's running block, to the tray's tooltip and
        menu (after the tray showed its state)."""
        from tracker.ui.common import menu_text

        text = self.line()
        if text is None and self.action is None:
            return  # sync never on: the menu stays as it is
        if self.action is None:
            self.action = QAction(self)
            self.action.setEnabled(False)
            actions = tray.menu.actions()
            index = actions.index(tray.status_action)
            tray.menu.insertAction(actions[index + 1], self.action)
            tray.menu.insertAction(self.action, self.elsewhere_action)
        elsewhere = self.elsewhere_lines(tray) if text is not None else []
        self.elsewhere_action.setVisible(bool(elsewhere))
        if elsewhere:
            self.elsewhere_action.setText(menu_text(elsewhere[0]))
        self.action.setVisible(text is not None)
        if text is None:
            return
        self.action.setText(menu_text(text))
        tray.icon.setToolTip("\n".join([tray.icon.toolTip(), *elsewhere, text]))
