"""Inline editors of the blocks table: kind, label, start/end time and note.

* kind: a combo box (Task / Growth) that commits as soon as a kind is picked;
* label: a line edit completing from the recent labels of the row's kind;
* start / end: a date-time editor showing only the time, or the date too when the block
  crosses midnight or the day start (the model says which);
* note: a small multi-line editor; Enter saves, Shift+Enter starts a new line.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, QTimeZone
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from tracker.domain.model import Block, Kind
from tracker.service import TrackerService
from tracker.ui.common import kind_label
from tracker.ui.editor.model import BlockRole, WithDateRole

AnyIndex = QModelIndex | QPersistentModelIndex


class KindDelegate(QStyledItemDelegate):
    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        for kind in Kind:
            combo.addItem(kind_label(kind), kind.value)
        combo.setAccessibleName(self.tr("Kind"))
        combo.activated.connect(lambda _i: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class LabelDelegate(QStyledItemDelegate):
    def __init__(self, service: TrackerService, parent: Any = None) -> None:
        super().__init__(parent)
        self.service = service

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        edit = QLineEdit(parent)
        edit.setAccessibleName(self.tr("Label"))
        block = index.data(BlockRole)
        if isinstance(block, Block):
            labels = self.service.recent_labels(block.kind, 30)
            completer = QCompleter(labels, edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
        return edit

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class TimeDelegate(QStyledItemDelegate):
    """Start or end; the value is a wall-clock QDateTime (see ``model.to_qdatetime``)."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        edit = QDateTimeEdit(parent)
        edit.setTimeZone(QTimeZone.utc())  # wall-clock fields only; the model maps the zone
        with_date = bool(index.data(WithDateRole))
        edit.setDisplayFormat("MM-dd HH:mm" if with_date else "HH:mm")
        edit.setCalendarPopup(False)
        edit.setAccessibleName(self.tr("Time"))
        return edit

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QDateTimeEdit)
        value = index.data(Qt.ItemDataRole.EditRole)
        if value is not None:
            editor.setDateTime(value)
        editor.setCurrentSection(QDateTimeEdit.Section.HourSection)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QDateTimeEdit)
        model.setData(index, editor.dateTime(), Qt.ItemDataRole.EditRole)


class NoteEdit(QPlainTextEdit):
    """A note editor inside a table cell: Enter saves, Shift+Enter adds a line."""

    def __init__(self, delegate: NoteDelegate, parent: QWidget) -> None:
        super().__init__(parent)
        self._delegate = delegate
        self.setTabChangesFocus(True)
        self.setPlaceholderText(self.tr("Enter saves · Shift+Enter starts a new line"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._delegate.commitData.emit(self)
            self._delegate.closeEditor.emit(self, QAbstractItemDelegate.EndEditHint.NoHint)
            return
        super().keyPressEvent(event)


class NoteDelegate(QStyledItemDelegate):
    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        edit = NoteEdit(self, parent)
        edit.setAccessibleName(self.tr("Note"))
        return edit

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        rect = option.rect
        editor.setGeometry(rect.x(), rect.y(), max(rect.width(), 260), max(rect.height() * 3, 72))

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
