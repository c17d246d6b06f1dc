"""What the tray tells the user: notifications, errors, and what a click on one does.

Every part of the app reports through one :class:`Notifier`: ``notify`` shows a tray
notification whose click runs an action (by default ``default_clicked``: today's summary),
``show_error`` a warning (a non-modal message box where the desktop shows no
notifications), and ``call`` runs a service call so that a failure becomes such a message:
a ``TrackerError`` in the UI's language, anything else logged with its traceback and
told in one line that says where the log is. No traceback reaches the user.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

from tracker.domain.model import TrackerError
from tracker.ui.common import APP_TITLE
from tracker.ui.error_text import describe
from tracker.ui.errors import error_message, write_log

if TYPE_CHECKING:
    from tracker.service import TrackerService
    from tracker.ui.tray import TrayController

P = ParamSpec("P")
T = TypeVar("T")


class Notifier(QObject):
    """Tray notifications, error messages and message clicks; see the module docstring."""

    default_clicked = Signal()  # a notification without an action of its own was clicked

    def __init__(
        self,
        tray: TrayController,
        service: TrackerService,
        log_file: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.tray = tray
        self.service = service
        self.log_file = log_file
        self.message_box: QMessageBox | None = None  # the last error shown in a box
        self._on_click: Callable[[], object] | None = None
        tray.icon.messageClicked.connect(self.message_clicked)

    def notify(
        self, text: str, on_click: Callable[[], object] | None = None, title: str = APP_TITLE
    ) -> bool:
        """A tray notification; ``on_click`` runs when it is clicked (else: today's summary)."""
        self._on_click = on_click
        return self.tray.notify(title, text)

    def message_clicked(self) -> None:
        action, self._on_click = self._on_click, None
        if action is not None:
            action()
        else:
            self.default_clicked.emit()

    def show_error(self, text: str) -> None:
        self._on_click = None
        if self.tray.notify(APP_TITLE, text, warning=True):
            return
        box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, text, QMessageBox.StandardButton.Ok)
        box.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        box.setModal(False)
        box.show()
        self.message_box = box

    def explain(self, exc: BaseException) -> str | None:
        """A database error as the message the CLI would give (a damaged file names its
        newest backup), in the UI's language; None for anything else."""
        try:
            known = self.service.explain(exc)
        except Exception:
            return None
        return None if known is None else describe(known, self.service.tz)

    def describe(self, exc: BaseException) -> str:
        """What to tell about ``exc``: a known error in words, else (logged) where the log is."""
        if isinstance(exc, TrackerError):
            return describe(exc, self.service.tz)
        text = self.explain(exc)
        if text is None:
            self.log_exception()
            text = error_message(self.log_file)
        return text

    def log_exception(self, exc_info: object = None) -> None:
        write_log(self.log_file, exc_info)

    def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """``fn(*args, **kwargs)``; a failure is shown (and a bug logged), giving None."""
        try:
            return fn(*args, **kwargs)
        except TrackerError as exc:
            self.show_error(describe(exc, self.service.tz))
        except Exception as exc:
            self.log_exception()
            self.show_error(self.explain(exc) or error_message(self.log_file))
        return None

    def dispose(self) -> None:
        if self.message_box is not None:
            self.message_box.deleteLater()
            self.message_box = None
