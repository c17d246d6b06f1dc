"""Small widgets of the Edit blocks window: the inline message bar, the table view and
the *Split at…* dialog."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTimeZone, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.days import day_bounds
from tracker.domain.model import Block
from tracker.ui.editor.model import from_clock, from_qdatetime, to_qdatetime


class MessageBar(QFrame):
    """A dismissable line above the table saying why an edit was refused (not a modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorMessageBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Hide this message"))
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 4, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, error: bool = True) -> None:
        colours = ("#FDECEA", "#B3261E", "#5F1A14") if error else ("#E8F1FB", "#0072B2", "#0B3558")
        self.setStyleSheet(
            f"#editorMessageBar {{ background: {colours[0]}; border: 1px solid {colours[1]};"
            f" border-radius: 4px; }} #editorMessageBar QLabel {{ color: {colours[2]}; }}"
        )
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()


class BlocksTable(QTableView):
    """The table: rows selected whole, Enter/F2 edit the current cell, Tab leaves it."""

    editing_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(False)  # Tab moves to the next control, arrows move cells
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.state() != QAbstractItemView.State.EditingState:
            index = self.currentIndex()
            if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
                return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        self.editing_finished.emit()

    def editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState


class SplitDialog(QDialog):
    """Asks for a time strictly inside a block (*Split at…*).

    ``day`` (the shown tracking day and the day start hour): when the block lies inside
    that tracking day the editor shows the time alone, read as a time of that day like
    everywhere else (23:00–01:00 split at 00:30 means the night's 00:30). Otherwise the
    date is shown and typed too.
    """

    def __init__(
        self,
        block: Block,
        end: int,
        tz: dt.tzinfo,
        parent: Any = None,
        day: tuple[dt.date, int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.tz = tz
        self.setWindowTitle(self.tr("Split block"))
        self.first = block.started_at + 60
        self.last = max(self.first, end - 60)
        middle = block.started_at + (end - block.started_at) // 2
        self.edit = QDateTimeEdit(self)
        self.edit.setTimeZone(QTimeZone.utc())
        self.day: tuple[dt.date, int] | None = None
        if day is not None:
            lo, hi = day_bounds(day[0], tz, day[1])
            if lo <= block.started_at and end <= hi:
                self.day = day
        same_day = (
            dt.datetime.fromtimestamp(block.started_at, tz).date()
            == dt.datetime.fromtimestamp(end, tz).date()
        )
        self.edit.setDisplayFormat("HH:mm" if same_day or self.day else "MM-dd HH:mm")
        if self.day is None:  # the date is typed: the editor itself keeps it in range
            self.edit.setDateTimeRange(to_qdatetime(self.first, tz), to_qdatetime(self.last, tz))
        self.edit.setDateTime(to_qdatetime(middle - middle % 300, tz))
        self.edit.setSelectedSection(QDateTimeEdit.Section.HourSection)
        label = QLabel(
            self.tr("Split “{0}” at:").format(block.label or self.tr("(no label)")), self
        )
        label.setBuddy(self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)

    def instant(self) -> int:
        """The chosen time, kept a minute inside the block."""
        if self.day is None:
            return from_qdatetime(self.edit.dateTime(), self.tz)
        at = from_clock(self.edit.dateTime(), self.day[0], self.tz, self.day[1])
        return min(max(at, self.first), self.last)

    @classmethod
    def ask(
        cls,
        block: Block,
        end: int,
        tz: dt.tzinfo,
        parent: Any = None,
        day: tuple[dt.date, int] | None = None,
    ) -> int | None:
        """The chosen instant, or None when cancelled (tests replace this)."""
        dialog = cls(block, end, tz, parent, day)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.instant()
