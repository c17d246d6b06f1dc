"""The tray's small dialogs: crash recovery, quick label entry, and "no system tray".

Modal dialogs are opened through a classmethod ``ask(...)`` so tests can replace it.
"""

from __future__ import annotations

import datetime as dt

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.model import LABEL_MAX, Block, Kind
from tracker.domain.timeparse import clock_text
from tracker.service import RecoveryChoice
from tracker.ui import i18n
from tracker.ui.common import APP_TITLE, kind_label

_ON_TOP = Qt.WindowType.WindowStaysOnTopHint


def _bring_forward(widget: QWidget) -> None:
    """A tray app has no active window; make sure the dialog gets the keyboard."""
    widget.show()
    widget.raise_()
    widget.activateWindow()


def _dispose(dialog: QDialog) -> None:
    """Delete a finished modal dialog now; its signal lambdas would keep it alive until
    interpreter exit, when PySide deletes leftovers in an order Qt does not expect."""
    shiboken6.delete(dialog)


class RecoveryDialog(QDialog):
    """A block was left running by a crash: end it at its last heartbeat, keep it, end now."""

    def __init__(self, block: Block, now: int, tz: dt.tzinfo, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Dialog | _ON_TOP)
        self.choice = RecoveryChoice.END_AT_HEARTBEAT
        self.setWindowTitle(self.tr("{0} — unfinished block").format(APP_TITLE))
        seen = block.last_seen_at if block.last_seen_at is not None else block.started_at
        what = kind_label(block.kind) + (f" “{block.label}”" if block.label else "")
        day = i18n.format_date(dt.datetime.fromtimestamp(block.started_at, tz).date())
        text = QLabel(
            self.tr(
                "Growth Tracker was not closed properly. The {0} block that started at {1} "
                "({2}) was last seen running at {3}.\n\nWhat should happen to this block?"
            ).format(what, clock_text(block.started_at, tz), day, clock_text(seen, tz))
        )
        text.setWordWrap(True)
        self.text = text
        self.end_seen = QPushButton(self.tr("End at &last seen ({0})").format(clock_text(seen, tz)))
        self.keep = QPushButton(self.tr("&Keep running"))
        self.end_now = QPushButton(self.tr("End &now ({0})").format(clock_text(now, tz)))
        self.end_seen.setDefault(True)
        self.end_seen.setAutoDefault(True)
        for button, choice in (
            (self.end_seen, RecoveryChoice.END_AT_HEARTBEAT),
            (self.keep, RecoveryChoice.KEEP),
            (self.end_now, RecoveryChoice.END_NOW),
        ):
            button.clicked.connect(lambda _c=False, ch=choice: self._choose(ch))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.end_seen, self.keep, self.end_now):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        self.end_seen.setFocus()

    def _choose(self, choice: RecoveryChoice) -> None:
        self.choice = choice
        self.accept()

    def reject(self) -> None:
        # Esc or closing the window takes the default: at most a minute is lost.
        self.choice = RecoveryChoice.END_AT_HEARTBEAT
        super().reject()

    @classmethod
    def ask(cls, block: Block, now: int, tz: dt.tzinfo) -> RecoveryChoice:
        dialog = cls(block, now, tz)
        _bring_forward(dialog)
        dialog.exec()
        choice = dialog.choice
        _dispose(dialog)
        return choice


class QuickLabelDialog(QDialog):
    """A small always-on-top line to type a label; Enter starts, Esc cancels."""

    def __init__(self, kind: Kind, labels: list[str], parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Dialog | _ON_TOP)
        self.kind = kind
        self.setWindowTitle(self.tr("Start {0}").format(kind_label(kind)))
        self.edit = QLineEdit()
        self.edit.setMaxLength(LABEL_MAX)
        self.edit.setPlaceholderText(self.tr("What are you working on? (optional)"))
        self.edit.setClearButtonEnabled(True)
        completer = QCompleter(labels, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit.setCompleter(completer)
        self.edit.returnPressed.connect(self._on_return)
        # one sentence per kind: the kind's name is not capitalised mid-sentence
        if kind is Kind.TASK:
            hint = QLabel(self.tr("Enter starts a task block · Esc cancels"))
        else:
            hint = QLabel(self.tr("Enter starts a growth block · Esc cancels"))
        hint.setEnabled(False)
        self.hint = hint
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(hint)
        self.setMinimumWidth(360)
        self.edit.setFocus()

    def _on_return(self) -> None:
        popup = self.edit.completer().popup()
        if popup is not None and popup.isVisible():
            return  # Enter picks the completion; the next Enter starts
        self.accept()

    def label(self) -> str:
        return self.edit.text().strip()

    @classmethod
    def ask(cls, kind: Kind, labels: list[str]) -> str | None:
        """The label typed (possibly empty), or None when cancelled."""
        dialog = cls(kind, labels)
        _bring_forward(dialog)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        label = dialog.label() if accepted else None
        _dispose(dialog)
        return label


class NoTrayWindow(QWidget):
    """Shown when no system tray appears: say so instead of running invisibly."""

    quit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(APP_TITLE)
        self.text = text = QLabel(
            self.tr(
                "Growth Tracker lives in the system tray, but this desktop shows no system "
                "tray.\n\nOn GNOME, install the “AppIndicator and KStatusNotifierItem Support” "
                "extension and log in again. Growth Tracker keeps waiting and its icon appears "
                "as soon as a tray does. The command line (growth-tracker status, switch, "
                "stop) works either way."
            )
        )
        text.setWordWrap(True)
        self.quit_button = quit_button = QPushButton(self.tr("&Quit"))
        quit_button.clicked.connect(self.quit_requested.emit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(row)
        self.setMinimumWidth(420)
