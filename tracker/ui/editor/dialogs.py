"""The dialogs of the Edit blocks window: *Split at…* and *Add block*.

Both take their times in the shared time field (``tracker.ui.timeentry``), read as a time
of the shown tracking day, and do their work through a callback that raises the service's
``TrackerError``. A time that cannot be read, or that the service refuses (outside the
block, overlapping another block, in the future), is explained inside the dialog, which
stays open with what was typed; nothing is written.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.model import Block, Kind, TrackerError
from tracker.domain.timeparse import day_time_text
from tracker.ui.common import kind_label
from tracker.ui.error_text import describe
from tracker.ui.timeentry import TimeEntry
from tracker.ui.wrap_label import WrapLabel

Split = Callable[[int], None]
Add = Callable[[Kind, int, int, str], None]
Labels = Callable[[Kind], list[str]]


class ErrorLine(WrapLabel):
    """Why the dialog did not close, in red under the fields (hidden until then)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("", parent)
        self.setObjectName("dialogError")
        self.setStyleSheet("#dialogError { color: #B3261E; }")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.show()
        # grow to the whole message, wrapped at the width the dialog gives it
        layout = self.window().layout()
        width = layout.contentsRect().width() if layout is not None else self.width()
        self.setMinimumHeight(self.heightForWidth(max(width, 100)))
        self.window().adjustSize()

    def shown(self) -> str:
        return "" if self.isHidden() else self.text()


def split_proposal(block: Block, end: int) -> int:
    """Where *Split at…* starts: now (to the minute) for the running block, else the
    middle rounded down to 5 minutes — always strictly inside when a whole minute is."""
    steps: tuple[int, ...]
    if block.running:
        target, steps = end - 1, (60,)
    else:
        target, steps = block.started_at + (end - block.started_at) // 2, (300, 60)
    for step in steps:
        at = target - target % step
        if block.started_at < at < end:
            return at
    at = target - target % 60 + 60
    return at if block.started_at < at < end else target


class SplitDialog(QDialog):
    """Asks where to cut a block and cuts it there, exactly at the typed minute."""

    def __init__(
        self,
        block: Block,
        now: int,
        tz: dt.tzinfo,
        day: dt.date,
        day_start: int,
        split: Split,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tz = tz
        self.split = split
        self.chosen: int | None = None
        self.setWindowTitle(self.tr("Split block"))
        end = block.end_or(now)
        first = day_time_text(block.started_at, day, tz, day_start)
        last = self.tr("now") if block.running else day_time_text(end, day, tz, day_start)
        self.entry = TimeEntry(self, day, tz, day_start)
        self.entry.setAccessibleName(self.tr("Split at"))
        self.entry.set_instant(split_proposal(block, end))
        label = WrapLabel(
            self.tr("Split “{0}” ({1}–{2}) at:").format(
                block.label or self.tr("(no label)"), first, last
            ),
            self,
        )
        label.setBuddy(self.entry)
        hint = WrapLabel(self.tr("Type a time inside the block, like 10:45 or 1045."), self)
        hint.setStyleSheet("color: #6B6B6B;")
        self.error = ErrorLine(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (label, self.entry, hint, self.error, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(360)
        self.entry.setFocus()

    def accept(self) -> None:
        try:
            at = self.entry.instant()
            self.split(at)
        except TrackerError as exc:
            self.error.show_error(describe(exc, self.tz))
            self.entry.setFocus()
            self.entry.select_clock()
            return
        self.chosen = at
        super().accept()

    @classmethod
    def ask(
        cls,
        block: Block,
        now: int,
        tz: dt.tzinfo,
        day: dt.date,
        day_start: int,
        split: Split,
        parent: QWidget | None = None,
    ) -> int | None:
        """Where the block was split, or None when cancelled."""
        dialog = cls(block, now, tz, day, day_start, split, parent)
        try:
            dialog.exec()
            return dialog.chosen
        finally:
            dialog.deleteLater()


class AddDialog(QDialog):
    """A new block, starting as the selected gap: kind, start, end and label."""

    def __init__(
        self,
        start: int,
        end: int,
        tz: dt.tzinfo,
        day: dt.date,
        day_start: int,
        add: Add,
        labels: Labels,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tz = tz
        self.add = add
        self.labels = labels
        self.added = False
        self.setWindowTitle(self.tr("Add block"))
        self.kind = QComboBox(self)
        for kind in Kind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.kind.setAccessibleName(self.tr("Kind"))
        self.start = TimeEntry(self, day, tz, day_start)
        self.start.setAccessibleName(self.tr("Start"))
        self.start.set_instant(start)
        self.end = TimeEntry(self, day, tz, day_start)
        self.end.setAccessibleName(self.tr("End"))
        self.end.set_instant(end)
        self.label = QLineEdit(self)
        self.label.setAccessibleName(self.tr("Label"))
        self.kind.currentIndexChanged.connect(lambda _i: self._complete())
        self._complete()
        form = QFormLayout()
        form.addRow(self.tr("&Start"), self.start)
        form.addRow(self.tr("&End"), self.end)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Label"), self.label)
        self.error = ErrorLine(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        chain = (self.start, self.end, self.kind, self.label)
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)
        self.label.setFocus()  # the gap is usually right: name it and press Enter

    def _complete(self) -> None:
        completer = QCompleter(self.labels(Kind(self.kind.currentData())), self.label)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.label.setCompleter(completer)

    def accept(self) -> None:
        for field in (self.start, self.end):
            try:
                field.instant()
            except TrackerError as exc:
                self._refuse(describe(exc, self.tz), field)
                return
        try:
            self.add(
                Kind(self.kind.currentData()),
                self.start.instant(),
                self.end.instant(),
                self.label.text(),
            )
        except TrackerError as exc:
            self._refuse(describe(exc, self.tz), self.start)
            return
        self.added = True
        super().accept()

    def _refuse(self, text: str, field: TimeEntry) -> None:
        self.error.show_error(text)
        field.setFocus()
        field.select_clock()

    @classmethod
    def ask(
        cls,
        start: int,
        end: int,
        tz: dt.tzinfo,
        day: dt.date,
        day_start: int,
        add: Add,
        labels: Labels,
        parent: QWidget | None = None,
    ) -> bool:
        """Whether a block was added (False when cancelled)."""
        dialog = cls(start, end, tz, day, day_start, add, labels, parent)
        try:
            dialog.exec()
            return dialog.added
        finally:
            dialog.deleteLater()
