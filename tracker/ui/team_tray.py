"""The tray's own sharing into the team folder (issue 17, docs/architecture.md §17).

After each change and once a minute the app calls ``request()``; the service decides
whether sharing is due (``team_share_due``: a name is set, the person has shared into this
folder before and the last share is a few minutes old), and
``team_share(changed_only=True)`` writes only when the shared figures changed. So the tray
never makes the *first* share of a person into a folder: that one goes through Settings →
Team, whose preview shows what will be written. Each share
runs on a worker thread (``ui/jobs.py``), so a slow network share never freezes the tray;
a failure becomes one line in the tray's menu and tooltip, never a popup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from tracker.service import TrackerService
    from tracker.service.team import TeamShareOutcome


class TeamShareComponent(QObject):
    shared = Signal(object)  # the TeamShareOutcome
    failed = Signal(object)  # the exception

    def __init__(self, service: TrackerService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.error: BaseException | None = None
        self.last: TeamShareOutcome | None = None
        self._job: Any = None
        self.action: QAction | None = None

    def due(self) -> bool:
        """Whether to share now (the service decides: never the first share, at most every
        few minutes)."""
        try:
            return bool(self.service.team_share_due(self.service.clock.now()))
        except Exception as exc:  # an unreadable database or folder: said in the menu line
            self.error = exc
            return False

    def request(self) -> None:
        """Share on a worker thread if it is due and no share is under way."""
        if not self.service.setting("team_folder"):
            self.error = None  # left the team (or never joined): nothing to report
            if self.action is not None:
                self.action.setVisible(False)  # the tooltip loses it at the next refresh
            return
        if self._job is not None:
            return
        if not self.due():
            return
        from tracker.ui.jobs import Job

        job = Job(self.service, lambda svc, _progress: svc.team_share(changed_only=True))
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.finished.connect(self._finished)
        self._job = job
        job.start_work()

    @property
    def busy(self) -> bool:
        return self._job is not None

    def _succeeded(self, outcome: TeamShareOutcome) -> None:
        self.last, self.error = outcome, None
        self.shared.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        self.failed.emit(exc)

    def _finished(self) -> None:
        self._job = None

    def line(self) -> str | None:
        """The menu and tooltip line: only while sharing fails (a working share is quiet)."""
        if self.error is None:
            return None
        from tracker.ui.jobs import failure_text

        return self.tr("Team sharing failed: {0}").format(failure_text(self.error, self.service.tz))

    def decorate(self, tray: Any) -> None:
        """Add the line to the tray's tooltip and menu (after the tray showed its state)."""
        text = self.line()
        if text is None and self.action is None:
            return
        if self.action is None:
            self.action = QAction(self)
            self.action.setEnabled(False)
            actions = tray.menu.actions()
            index = actions.index(tray.status_action)
            tray.menu.insertAction(actions[index + 1], self.action)
        self.action.setVisible(text is not None)
        if text is None:
            return
        self.action.setText(text.replace("&", "&&"))
        tray.icon.setToolTip(f"{tray.icon.toolTip()}\n{text}")
