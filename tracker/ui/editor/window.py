"""The Edit blocks window: a day picker, the day's blocks and gaps, and the edit actions.

The edits themselves are ``BlockOperations`` (operations.py): every edit goes through the
service at once, is pushed on a ``QUndoStack`` and announced with ``blocks_changed`` so the
app refreshes the tray icon, its tooltip and an open summary window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

from PySide6.QtCore import QDate, QItemSelection, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.model import Kind, TrackerError
from tracker.domain.timeparse import hm
from tracker.service import TrackerService
from tracker.ui import i18n
from tracker.ui.common import fmt_pct, kind_label
from tracker.ui.editor.delegates import KindDelegate, LabelDelegate, NoteDelegate, TimeDelegate
from tracker.ui.editor.model import BlocksModel, Column
from tracker.ui.editor.operations import BlockOperations
from tracker.ui.editor.widgets import BlocksTable, MessageBar
from tracker.ui.wrap_label import WrapLabel

RUNNING_REPAINT_MS = 30_000


class EditorWindow(BlockOperations):
    def __init__(self, service: TrackerService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(self.tr("Edit blocks"))
        self.resize(980, 560)
        self.stack = QUndoStack(self)
        self._undo_error: TrackerError | None = None
        self._pending: list[int] | None = None
        self.model = BlocksModel(service, self)
        self.model.committer = self._commit_cell
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(RUNNING_REPAINT_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.show_day(service.today())

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.prev_button = QPushButton("◀", self)
        self.prev_button.setToolTip(self.tr("Previous day (Alt+Left)"))
        self.prev_button.setShortcut(QKeySequence("Alt+Left"))
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(i18n.date_pattern())
        self.date_edit.setAccessibleName(self.tr("Day"))
        self.next_button = QPushButton("▶", self)
        self.next_button.setToolTip(self.tr("Next day (Alt+Right)"))
        self.next_button.setShortcut(QKeySequence("Alt+Right"))
        self.today_button = QPushButton(self.tr("Today"), self)
        for button in (self.prev_button, self.next_button):
            button.setFixedWidth(36)
        self.prev_button.clicked.connect(lambda: self.show_day(self.model.day - dt.timedelta(1)))
        self.next_button.clicked.connect(lambda: self.show_day(self.model.day + dt.timedelta(1)))
        self.today_button.clicked.connect(lambda: self.show_day(self.service.today()))
        self.date_edit.dateChanged.connect(lambda d: self.show_day(d.toPython()))
        self.summary_label = QLabel(self)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        day_row = QHBoxLayout()
        for w in (self.prev_button, self.date_edit, self.next_button, self.today_button):
            day_row.addWidget(w)
        day_row.addSpacing(16)
        day_row.addWidget(self.summary_label, 1)

        self.table = BlocksTable(self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(Column.START, TimeDelegate(self.table))
        self.table.setItemDelegateForColumn(Column.END, TimeDelegate(self.table))
        self.table.type_to_edit = {Column.START, Column.END}
        self.table.setItemDelegateForColumn(Column.KIND, KindDelegate(self.table))
        self.table.setItemDelegateForColumn(Column.LABEL, LabelDelegate(self.service, self.table))
        self.table.setItemDelegateForColumn(Column.NOTE, NoteDelegate(self.table))
        for column, width in ((0, 110), (1, 110), (2, 110), (3, 96), (4, 260)):
            self.table.setColumnWidth(column, width)
        self.table.editing_finished.connect(self._editing_finished)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.setAccessibleName(self.tr("Blocks of the day"))

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._make_actions()
        self.messages = MessageBar(self)
        self.empty_label = WrapLabel(
            self.tr("No blocks on this day. Press Insert to add one."), self
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #6B6B6B; padding: 12px;")
        hint = WrapLabel(
            self.tr(
                "Insert: add a block · Delete: delete · Enter/F2: edit · Ctrl+T: split · "
                "Ctrl+M: merge · Ctrl+1: task · Ctrl+2: growth · Ctrl+Z: undo · Ctrl+Y: redo"
            ),
            self,
        )
        hint.setStyleSheet("color: #6B6B6B;")
        self.hint_label = hint
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        bottom_row = QHBoxLayout()
        bottom_row.addWidget(hint, 1)
        bottom_row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(day_row)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.messages)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(bottom_row)
        QShortcut(QKeySequence.StandardKey.Close, self).activated.connect(self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self._escape)
        # left to right, then the table; toolbar actions are reached by their shortcuts
        chain = (self.prev_button, self.date_edit, self.next_button, self.today_button)
        for a, b in zip(chain, (*chain[1:], self.table), strict=True):
            QWidget.setTabOrder(a, b)
        QWidget.setTabOrder(self.table, self.close_button)
        self.table.setFocus()

    def _escape(self) -> None:
        """Esc cancels an open cell editor; otherwise it closes the window."""
        if not self.table.editing():
            self.close()
            return
        editor = self.table.indexWidget(self.table.currentIndex())
        if editor is not None:
            self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
        self.table.setFocus()

    def _action(
        self, text: str, keys: Sequence[str], slot: Callable[[], Any], tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shown = " / ".join(action.shortcuts()[i].toString() for i in range(len(keys)))
        action.setToolTip(f"{tip or text} ({shown})" if shown else tip or text)
        action.setIconText(text)  # keeps the "…" a tool button would strip
        # while a cell is being edited its keys (Delete, Ctrl+Z…) belong to the editor
        action.triggered.connect(lambda: None if self.table.editing() else slot())
        return action

    def _make_actions(self) -> None:
        self.add_action = self._action(
            self.tr("Add block"),
            ["Ins"],
            self.add_block,
            self.tr("Add a block filling the selected gap"),
        )
        self.delete_action = self._action(self.tr("Delete"), ["Del"], self.delete_selected)
        self.split_action = self._action(self.tr("Split at…"), ["Ctrl+T"], self.split_selected)
        self.merge_action = self._action(
            self.tr("Merge"),
            ["Ctrl+M"],
            self.merge_selected,
            self.tr("Merge neighbouring blocks of one kind"),
        )
        self.task_action = self._action(
            self.tr("Make task"), ["Ctrl+1"], lambda: self.change_kind(Kind.TASK)
        )
        self.growth_action = self._action(
            self.tr("Make growth"), ["Ctrl+2"], lambda: self.change_kind(Kind.GROWTH)
        )
        self.undo_action = self._action(self.tr("Undo"), ["Ctrl+Z"], self.undo)
        self.redo_action = self._action(self.tr("Redo"), ["Ctrl+Shift+Z", "Ctrl+Y"], self.redo)
        self.stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        bar = self.toolbar
        for action in (self.add_action, self.delete_action, self.split_action, self.merge_action):
            bar.addAction(action)
        kind_button = QToolButton(bar)
        kind_button.setText(self.tr("Change kind"))
        kind_button.setToolTip(self.tr("Change the kind of the selected blocks"))
        kind_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        kind_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # like the other toolbar buttons
        kind_button.addAction(self.task_action)
        kind_button.addAction(self.growth_action)
        self.kind_button = kind_button
        bar.addWidget(kind_button)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        self.addActions([self.task_action, self.growth_action, self.undo_action])
        self.addAction(self.redo_action)
        self.table.addActions([self.add_action, self.delete_action])
        self.addActions([self.split_action, self.merge_action])

    # -- the contract with the app --------------------------------------------------------

    def show_day(self, day: dt.date) -> None:
        today = self.service.today()
        day = min(day, today)  # nothing can be tracked on a day still to come
        if day != self.model.day or not self.model.rows:
            self.messages.hide()
        self.date_edit.blockSignals(True)
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)
        self.next_button.setEnabled(day < today)
        self._reload([], day)

    def refresh(self) -> None:
        """Re-read the shown day (after a change elsewhere), keeping the selection."""
        self._reload(self.selected_ids())

    def view_state(self) -> object:
        """The day and the selected blocks (kept when rebuilt in another language)."""
        return (self.model.day, self.selected_ids())

    def restore_view(self, state: object) -> None:
        day, selected = cast(tuple[dt.date | None, list[int]], state)
        if day is not None:
            self.show_day(day)
        if selected:
            self.select_ids(selected)

    # -- selecting ------------------------------------------------------------------------

    def select_ids(self, ids: Iterable[int], column: int | None = None) -> None:
        rows = [r for r in (self.model.row_of(i) for i in ids) if r is not None]
        if not rows:
            return
        selection = QItemSelection()
        for r in rows:
            selection.select(self.model.index(r, 0), self.model.index(r, len(Column) - 1))
        sel = self.table.selectionModel()
        col = self.table.currentIndex().column() if column is None else column
        sel.setCurrentIndex(
            self.model.index(rows[0], max(col, 0)), QItemSelectionModel.SelectionFlag.NoUpdate
        )
        sel.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(self.model.index(rows[0], 0))

    # -- refreshing -----------------------------------------------------------------------

    def _reload(self, focus: list[int], day: dt.date | None = None) -> None:
        if self.table.editing() and day is None:
            self._pending = focus  # a reset now would close the open editor mid-commit
            return
        current = self.table.currentIndex()
        new_day = day is not None and day != self.model.day
        self.model.load(day)
        self._fit_duration()
        self.empty_label.setVisible(not self.model.rows)
        self._update_summary()
        column = max(current.column(), 0)
        if focus:
            self.select_ids(focus, column)
        elif self.model.rows:
            # a new day starts at its latest row; otherwise stay where the cursor was
            last = len(self.model.rows) - 1
            row = last if new_day or not current.isValid() else min(current.row(), last)
            self.table.setCurrentIndex(self.model.index(row, column))
        self._update_actions()

    def _fit_duration(self) -> None:
        """Widen the duration column to its longest text: "0:40（全体 1:30）" in Japanese
        is wider than the 110 px that fit "1:00 of 2:00"."""
        needed = self.table.sizeHintForColumn(Column.DURATION)
        self.table.setColumnWidth(Column.DURATION, max(110, needed))

    def _editing_finished(self) -> None:
        if self._pending is not None:
            focus, self._pending = self._pending, None
            self._reload(focus)

    def _update_summary(self) -> None:
        day = self.service.day_summaries(self.model.day, self.model.day)[0]
        self.summary_label.setText(
            self.tr("{0} {1} · {2} {3} · growth ratio {4} (target {5})").format(
                kind_label(Kind.TASK),
                hm(day.task_s),
                kind_label(Kind.GROWTH),
                hm(day.growth_s),
                fmt_pct(day.ratio, day.target),
                fmt_pct(day.target, day.target),
            )
        )

    def _update_actions(self, *_: Any) -> None:
        blocks = [r for r in self.selected_rows() if r.block is not None]
        self.delete_action.setEnabled(bool(blocks))
        self.split_action.setEnabled(len(blocks) == 1)
        self.merge_action.setEnabled(len(blocks) >= 2)
        self.kind_button.setEnabled(bool(blocks))

    def _tick(self) -> None:
        if self.isVisible():
            self.model.refresh_running()
            self._update_summary()
