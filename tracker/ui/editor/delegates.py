"""Inline editors of the blocks table: kind, label, start/end time and note.

* kind: a combo box (Task / Growth) that commits as soon as a kind is picked;
* label: a line edit completing from the recent labels of the row's kind;
* start / end: the shared time field (``tracker.ui.timeentry``) with the cell's text;
* note: a small multi-line editor; Enter saves, Shift+Enter starts a new line.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QCompleter,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from tracker.domain.model import Block, Kind
from tracker.service import TrackerService
from tracker.ui.common import kind_label
from tracker.ui.editor.model import BlockRole
from tracker.ui.timeentry import TimeEntry

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
    """Start or end: the shared time field, opened with the cell's own text and its clock
    part selected, so typing replaces the time (a shown date stays). The model reads the
    text with the domain's parser; what cannot be used is refused there with a message
    and the cell keeps its value."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        edit = TimeEntry(parent)
        edit.setFrame(False)
        return edit

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, TimeEntry)
        editor.set_text(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, TimeEntry)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


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
