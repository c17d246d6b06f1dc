"""Small widgets of the Edit blocks window: the inline message bar and the table view."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QToolButton,
    QWidget,
)

from tracker.domain.timeparse import normalize_time_text
from tracker.ui.wrap_label import WrapLabel


class MessageBar(QFrame):
    """A dismissable line above the table saying why an edit was refused (not a modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorMessageBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = WrapLabel("", self)
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
    """The table: rows selected whole, Enter/F2 edit the current cell, Tab leaves it.

    In the columns of ``type_to_edit`` (the times) a digit typed on a selected cell opens
    its editor and replaces the cell's text, as in a spreadsheet: typing 1045 and Enter
    saves 10:45 (a time typed without a date is one of the shown tracking day). F2,
    Enter and a double-click open the editor with the clock part selected, so a date the
    cell shows stays.
    """

    editing_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.type_to_edit: set[int] = set()
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
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        typed = normalize_time_text(event.text())
        if plain and typed[:1].isascii() and typed[:1].isdigit() and self._type_into_cell(event):
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Digits from an input method (１０：４５) start editing a time cell too."""
        if (event.commitString() or event.preeditString()) and self._type_into_cell(event):
            return
        super().inputMethodEvent(event)

    def _type_into_cell(self, event: QKeyEvent | QInputMethodEvent) -> bool:
        index = self.currentIndex()
        if self.editing() or not self._types_to_edit(index):
            return False
        self.edit(index)
        editor = self.indexWidget(index)
        if editor is None:
            return False
        if isinstance(editor, QLineEdit):
            editor.selectAll()  # typing over a cell replaces all of it, as in a spreadsheet
        QCoreApplication.sendEvent(editor, event)
        return True

    def _types_to_edit(self, index: QModelIndex) -> bool:
        return (
            index.isValid()
            and index.column() in self.type_to_edit
            and bool(index.flags() & Qt.ItemFlag.ItemIsEditable)
        )

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        self.editing_finished.emit()

    def editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState
