"""The tray's small dialogs: crash recovery, quick label entry, and "no system tray".

Modal dialogs are opened through a classmethod ``ask(...)`` so tests can replace it.
"""

from __future__ import annotations

import datetime as dt

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
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

from tracker.domain.days import tracking_day
from tracker.domain.model import LABEL_MAX, Block, Kind
from tracker.domain.settings import SETTINGS
from tracker.service import RecoveryChoice
from tracker.ui import i18n
from tracker.ui.common import APP_TITLE, kind_label, kind_word
from tracker.ui.wrap_label import WrapLabel

_ON_TOP = Qt.WindowType.WindowStaysOnTopHint
DEFAULT_DAY_START = int(SETTINGS["day_start"].default)


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
    """A block was left running by a crash: end it at its last heartbeat, keep it, end now.

    The text names the tracking day the block belongs to (a block started at 01:30 with
    the day starting at 04:00 belongs to the day before) and gives a time its calendar
    date when that is another date, so "End now" days later does not read as today.
    """

    def __init__(
        self,
        block: Block,
        now: int,
        tz: dt.tzinfo,
        parent: QWidget | None = None,
        day_start: int = DEFAULT_DAY_START,
    ):
        super().__init__(parent, Qt.WindowType.Dialog | _ON_TOP)
        self.choice = RecoveryChoice.END_AT_HEARTBEAT
        self._block, self._now, self._tz = block, now, tz
        self.day = tracking_day(block.started_at, tz, day_start)
        self.text = text = WrapLabel()
        self.end_seen = QPushButton()
        self.keep = QPushButton()
        self.end_now = QPushButton()
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
        self._retranslate()
        self.end_seen.setFocus()

    def _when(self, instant: int) -> str:
        """ "09:42", or "11月30日 09:42" / "30 Nov 09:42" on another calendar date."""
        moment = dt.datetime.fromtimestamp(instant, self._tz)
        if moment.date() == self.day:
            return i18n.format_time(moment)
        return i18n.format_date_time(moment)

    def _retranslate(self) -> None:
        block = self._block
        seen = block.last_seen_at if block.last_seen_at is not None else block.started_at
        self.setWindowTitle(self.tr("{0} — unfinished block").format(APP_TITLE))
        what, day = kind_word(block.kind), i18n.format_date(self.day)
        start, last = self._when(block.started_at), self._when(seen)
        if block.label:
            story = self.tr(
                "The {0} block “{1}” of {2} started at {3} and was last seen running at {4}."
            ).format(what, block.label, day, start, last)
        else:
            story = self.tr(
                "The {0} block of {1} started at {2} and was last seen running at {3}."
            ).format(what, day, start, last)
        self.text.setText(
            "\n\n".join(
                (
                    self.tr("Growth Tracker was not closed properly."),
                    story,
                    self.tr("What should happen to this block?"),
                )
            )
        )
        self.end_seen.setText(self.tr("End at &last seen ({0})").format(last))
        self.keep.setText(self.tr("&Keep running"))
        self.end_now.setText(self.tr("End &now ({0})").format(self._when(self._now)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _choose(self, choice: RecoveryChoice) -> None:
        self.choice = choice
        self.accept()

    def reject(self) -> None:
        # Esc or closing the window takes the default: at most a minute is lost.
        self.choice = RecoveryChoice.END_AT_HEARTBEAT
        super().reject()

    @classmethod
    def ask(
        cls, block: Block, now: int, tz: dt.tzinfo, day_start: int = DEFAULT_DAY_START
    ) -> RecoveryChoice:
        dialog = cls(block, now, tz, day_start=day_start)
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
        self.edit = QLineEdit()
        self.edit.setMaxLength(LABEL_MAX)
        self.edit.setClearButtonEnabled(True)
        completer = QCompleter(labels, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit.setCompleter(completer)
        self.edit.returnPressed.connect(self._on_return)
        self.hint = hint = QLabel()
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(hint)
        self.setMinimumWidth(360)
        self._retranslate()
        self.edit.setFocus()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Start {0}").format(kind_label(self.kind)))
        self.edit.setPlaceholderText(self.tr("What are you working on? (optional)"))
        # one sentence per kind: the kind's name is not capitalised mid-sentence
        if self.kind is Kind.TASK:
            self.hint.setText(self.tr("Enter starts a task block · Esc cancels"))
        else:
            self.hint.setText(self.tr("Enter starts a growth block · Esc cancels"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

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
        self.text = text = WrapLabel()
        self.quit_button = quit_button = QPushButton()
        quit_button.clicked.connect(self.quit_requested.emit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(row)
        self._retranslate()

    def _retranslate(self) -> None:
        self.text.setText(
            self.tr(
                "Growth Tracker lives in the system tray, but this desktop shows no system "
                "tray.\n\nOn GNOME, install the “AppIndicator and KStatusNotifierItem "
                "Support” extension (package gnome-shell-extension-appindicator on "
                "Ubuntu, Debian and Fedora), enable it and log in again. Growth Tracker "
                "keeps waiting and its icon appears as soon as a tray does. The command "
                "line (growth-tracker status, switch, stop) works either way."
            )
        )
        self.quit_button.setText(self.tr("&Quit"))
        # A fixed size: a tiling compositor (sway, i3) then floats this short notice in
        # the middle of the screen instead of stretching it over the whole screen.
        self.setMinimumSize(420, 0)
        self.setMaximumSize(16777215, 16777215)
        self.adjustSize()
        self.setFixedSize(self.size())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
