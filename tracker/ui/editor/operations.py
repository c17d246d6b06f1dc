"""The edits of the Edit blocks window: add, delete, split, merge, change kind, an edited
cell, undo and redo.

Each goes through the service at once (validated first; a refused one shows an inline
message naming the block it collides with and changes nothing), is pushed on the window's
``QUndoStack`` and announced with ``blocks_changed``. ``EditorWindow`` (window.py) builds
the widgets these work on and reloads the day's rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from tracker.domain.days import day_bounds
from tracker.domain.model import Block, Kind, TrackerError
from tracker.domain.timeparse import local_to_instant
from tracker.service import TrackerService
from tracker.ui.editor import commands as cmds
from tracker.ui.editor.dialogs import AddDialog, SplitDialog
from tracker.ui.editor.model import BlocksModel, Column, Row
from tracker.ui.editor.widgets import BlocksTable, MessageBar
from tracker.ui.error_text import describe

FIELDS = {Column.START: "start", Column.END: "end", Column.KIND: "kind"}


class BlockOperations(QWidget):
    """The edit operations of ``EditorWindow``, on the widgets it builds.

    Its texts are the window's, in the window's translation context: a class that calls
    ``self.tr`` is never subclassed (lupdate and PySide would disagree on the context).
    """

    blocks_changed = Signal()

    # set up by EditorWindow
    service: TrackerService
    model: BlocksModel
    table: BlocksTable
    messages: MessageBar
    stack: QUndoStack
    _undo_error: TrackerError | None

    def _reload(self, focus: list[int], day: dt.date | None = None) -> None:
        """Re-read the day's rows, selecting ``focus`` (the window's)."""
        raise NotImplementedError

    # -- reading the selection ------------------------------------------------------------

    def selected_rows(self) -> list[Row]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [self.model.rows[r] for r in rows if r < len(self.model.rows)]

    def selected_ids(self) -> list[int]:
        return [r.block.id for r in self.selected_rows() if r.block is not None]

    # -- operations -----------------------------------------------------------------------

    def add_block(self) -> None:
        """Asks for the new block's times (the selected gap to start with), kind and label."""
        span = self._free_span()
        if span is None:
            return

        def add(kind: Kind, start: int, end: int, label: str) -> None:
            start = self.model.snap(None, Column.START, start)
            end = self.model.snap(None, Column.END, end)
            self._push(
                cmds.AddCommand.run(
                    self.service, kind, start, end, label, on_error=self._undo_failed
                )
            )

        AddDialog.ask(
            *span,
            self.service.tz,
            self.model.day,
            self.service.day_start,
            add,
            lambda kind: self.service.recent_labels(kind, 30),
            self,
        )
        self.activateWindow()  # back to the table for the next key press
        self.table.setFocus()

    def _free_span(self) -> tuple[int, int] | None:
        now = self.service.clock.now()
        day_start, day_end = day_bounds(self.model.day, self.service.tz, self.service.day_start)
        gaps = [r for r in self.selected_rows() if r.is_gap and r.end is not None]
        if gaps:
            assert gaps[0].end is not None
            return gaps[0].start, min(gaps[0].end, now)
        last = self.model.last_block()
        if last is None:
            if day_start <= now < day_end:
                start, end = max(day_start, now - 3600), now
            else:
                nine = dt.datetime.combine(self.model.day, dt.time(9))
                start = local_to_instant(nine, self.service.tz)
                end = start + 3600
        elif last.ended_at is None:
            self.show_hint(
                QCoreApplication.translate(
                    "EditorWindow",
                    "The running block reaches up to now. Select a gap to fill, or split the "
                    "running block.",
                )
            )
            return None
        else:
            start, end = last.ended_at, min(last.ended_at + 3600, now, day_end)
        if end - start < 60:
            self.show_hint(
                QCoreApplication.translate(
                    "EditorWindow",
                    "There is no free time after the last block. Select a gap to fill.",
                )
            )
            return None
        return start, end

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.show_hint(
                QCoreApplication.translate("EditorWindow", "Select the blocks to delete.")
            )
            return
        neighbour = self.table.currentIndex().row()
        if self._run(lambda: cmds.DeleteCommand.run(self.service, ids, self._undo_failed)):
            row = min(neighbour, len(self.model.rows) - 1)
            if row >= 0:
                self.table.selectRow(row)

    def split_selected(self) -> None:
        blocks = [r.block for r in self.selected_rows() if r.block is not None]
        if len(blocks) != 1:
            self.show_hint(QCoreApplication.translate("EditorWindow", "Select one block to split."))
            return
        block = blocks[0]

        def split(at: int) -> None:
            self._push(cmds.SplitCommand.run(self.service, block.id, at, self._undo_failed))

        SplitDialog.ask(
            block,
            self.service.clock.now(),
            self.service.tz,
            self.model.day,
            self.service.day_start,
            split,
            self,
        )
        self.activateWindow()  # back to the table for the next key press
        self.table.setFocus()

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) < 2:
            self.show_hint(
                QCoreApplication.translate(
                    "EditorWindow", "Select two or more neighbouring blocks of one kind."
                )
            )
            return
        self._run(lambda: cmds.MergeCommand.run(self.service, ids, self._undo_failed))

    def change_kind(self, kind: Kind) -> None:
        blocks = [r.block for r in self.selected_rows() if r.block is not None]
        if not blocks:
            self.show_hint(
                QCoreApplication.translate(
                    "EditorWindow", "Select the blocks whose kind to change."
                )
            )
            return
        if all(b.kind is kind for b in blocks):
            return
        ids = [b.id for b in blocks]
        self._run(lambda: cmds.ChangeKindCommand.run(self.service, ids, kind, self._undo_failed))

    def _commit_cell(self, block: Block, column: Column, value: Any) -> bool:
        """An inline edit: validated and written by the service, or refused with a message."""
        try:
            changes = self._changes(block, column, value)
        except TrackerError as exc:
            self.show_error(describe(exc, self.service.tz))
            return False
        if cmds.unchanged(block, changes):
            return True
        return (
            self._run(
                lambda: cmds.EditCommand.run(self.service, block.id, changes, self._undo_failed)
            )
            is not None
        )

    def _changes(self, block: Block, column: Column, value: Any) -> dict[str, Any]:
        if column in (Column.START, Column.END):
            old = block.started_at if column is Column.START else block.ended_at
            instant = self.model.typed_instant(str(value))
            if old is not None and instant // 60 == old // 60:
                return {}
            return {FIELDS[column]: self.model.snap(block.id, column, instant)}
        if column is Column.KIND:
            return {"kind": Kind(value)}
        return {"label" if column is Column.LABEL else "note": str(value)}

    def _run(self, make: Callable[[], cmds.SnapshotCommand]) -> cmds.SnapshotCommand | None:
        """Runs an edit; a refused one is shown in the message bar (nothing written)."""
        try:
            command = make()
        except TrackerError as exc:
            self.show_error(describe(exc, self.service.tz))
            self._reload(self.selected_ids())
            return None
        return self._push(command)

    def _push(self, command: cmds.SnapshotCommand) -> cmds.SnapshotCommand:
        """An edit the service has made: onto the undo stack, and shown."""
        self.messages.hide()
        if command.before == command.after:
            return command  # e.g. a label retyped with spaces around it: nothing to undo
        self.stack.push(command)
        self._changed(command.after_ids)
        return command

    # -- undo and redo --------------------------------------------------------------------

    def undo(self) -> None:
        if self.stack.canUndo():
            command = self.stack.command(self.stack.index() - 1)
            focus = command.before_ids if isinstance(command, cmds.SnapshotCommand) else []
            self._step(self.stack.undo, focus)

    def redo(self) -> None:
        if self.stack.canRedo():
            command = self.stack.command(self.stack.index())
            focus = command.after_ids if isinstance(command, cmds.SnapshotCommand) else []
            self._step(self.stack.redo, focus)

    def _step(self, step: Callable[[], None], focus: list[int]) -> None:
        self._undo_error = None
        step()
        if self._undo_error is not None:
            self.stack.clear()
            self.show_error(
                QCoreApplication.translate(
                    "EditorWindow", "{0}. The undo history was cleared."
                ).format(describe(self._undo_error, self.service.tz).rstrip(".。"))
            )
            self._reload(self.selected_ids())
            return
        self.messages.hide()
        self._changed(focus)

    def _undo_failed(self, exc: TrackerError) -> None:
        self._undo_error = exc

    # -- messages -------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        """A refused change: what the service said, nothing written."""
        self.messages.show_message(
            QCoreApplication.translate("EditorWindow", "Not saved: {0}").format(text)
        )

    def show_hint(self, text: str) -> None:
        """Guidance when an action needs a different selection."""
        self.messages.show_message(text, error=False)

    def _changed(self, focus: list[int]) -> None:
        self._reload(focus)
        self.blocks_changed.emit()
