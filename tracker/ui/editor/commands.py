"""Undoable edits of the Edit blocks window (QUndoCommand subclasses).

Each command is *run* once through the service by its ``run`` class method, which raises
the service's error (nothing written, nothing pushed) when the edit is refused. Pushing the
returned command onto a ``QUndoStack`` does not run it again. The command keeps exact
snapshots of the blocks before and after, so undo and redo restore them exactly, ids
included, in one transaction (``service.restore_blocks``). If the database changed
meanwhile (the tray switched, the CLI edited), undo/redo refuse and report the error to
``on_error`` instead of overwriting newer work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from tracker.domain.model import Block, Kind, TrackerError
from tracker.service import TrackerService

ErrorHandler = Callable[[TrackerError], None]


class SnapshotCommand(QUndoCommand):
    """Moves the database between two exact snapshots of the blocks an edit touched."""

    def __init__(
        self,
        service: TrackerService,
        text: str,
        before: Sequence[Block],
        after: Sequence[Block],
        on_error: ErrorHandler | None = None,
    ) -> None:
        super().__init__(text)
        self.service = service
        self.before = tuple(before)
        self.after = tuple(after)
        self.on_error = on_error
        self.failed: TrackerError | None = None
        self._ran = True  # ``run`` already wrote the change; the first redo() is the push

    @property
    def after_ids(self) -> list[int]:
        return [b.id for b in self.after]

    @property
    def before_ids(self) -> list[int]:
        return [b.id for b in self.before]

    def redo(self) -> None:
        if self._ran:
            self._ran = False
            return
        self._apply(self.after, self.before)

    def undo(self) -> None:
        self._apply(self.before, self.after)

    def _apply(self, target: tuple[Block, ...], current: tuple[Block, ...]) -> None:
        keep = {b.id for b in target}
        remove = [b.id for b in current if b.id not in keep]
        self.failed = None
        try:
            self.service.restore_blocks(target, remove=remove, expect=current)
        except TrackerError as exc:
            self.failed = exc
            if self.on_error is not None:
                self.on_error(exc)


class AddCommand(SnapshotCommand):
    @classmethod
    def run(
        cls,
        service: TrackerService,
        kind: Kind,
        start: int,
        end: int,
        label: str = "",
        note: str = "",
        on_error: ErrorHandler | None = None,
    ) -> AddCommand:
        block = service.add_block(kind, start, end, label, note)
        return cls(
            service,
            QCoreApplication.translate("EditorCommands", "Add block"),
            [],
            [block],
            on_error,
        )


class DeleteCommand(SnapshotCommand):
    @classmethod
    def run(
        cls, service: TrackerService, block_ids: Sequence[int], on_error: ErrorHandler | None = None
    ) -> DeleteCommand:
        before = [service.get_block(i) for i in dict.fromkeys(block_ids)]
        service.restore_blocks([], remove=[b.id for b in before], expect=before)
        text = (
            QCoreApplication.translate("EditorCommands", "Delete block")
            if len(before) == 1
            else QCoreApplication.translate("EditorCommands", "Delete blocks")
        )
        return cls(service, text, before, [], on_error)


class EditCommand(SnapshotCommand):
    """Any field of one block: kind, label, note, start, end."""

    @classmethod
    def run(
        cls,
        service: TrackerService,
        block_id: int,
        changes: dict[str, Any],
        on_error: ErrorHandler | None = None,
    ) -> EditCommand:
        before = service.get_block(block_id)
        after = service.edit_block(block_id, **changes)
        names = {
            "kind": QCoreApplication.translate("EditorCommands", "Change kind"),
            "label": QCoreApplication.translate("EditorCommands", "Edit label"),
            "note": QCoreApplication.translate("EditorCommands", "Edit note"),
            "start": QCoreApplication.translate("EditorCommands", "Move start"),
            "end": QCoreApplication.translate("EditorCommands", "Move end"),
        }
        text = (
            names[next(iter(changes))]
            if len(changes) == 1
            else QCoreApplication.translate("EditorCommands", "Edit block")
        )
        return cls(service, text, [before], [after], on_error)


class SplitCommand(SnapshotCommand):
    @classmethod
    def run(
        cls, service: TrackerService, block_id: int, at: int, on_error: ErrorHandler | None = None
    ) -> SplitCommand:
        before = service.get_block(block_id)
        first, second = service.split_block(block_id, at)
        return cls(
            service,
            QCoreApplication.translate("EditorCommands", "Split block"),
            [before],
            [first, second],
            on_error,
        )


class MergeCommand(SnapshotCommand):
    @classmethod
    def run(
        cls, service: TrackerService, block_ids: Sequence[int], on_error: ErrorHandler | None = None
    ) -> MergeCommand:
        before = [service.get_block(i) for i in dict.fromkeys(block_ids)]
        merged = service.merge_blocks(block_ids)
        return cls(
            service,
            QCoreApplication.translate("EditorCommands", "Merge blocks"),
            before,
            [merged],
            on_error,
        )


class ChangeKindCommand(SnapshotCommand):
    @classmethod
    def run(
        cls,
        service: TrackerService,
        block_ids: Sequence[int],
        kind: Kind,
        on_error: ErrorHandler | None = None,
    ) -> ChangeKindCommand:
        before = [service.get_block(i) for i in dict.fromkeys(block_ids)]
        after = service.change_kind([b.id for b in before], kind)
        return cls(
            service,
            QCoreApplication.translate("EditorCommands", "Change kind"),
            before,
            after,
            on_error,
        )


def unchanged(block: Block, changes: dict[str, Any]) -> bool:
    """Whether applying ``changes`` would leave ``block`` as it is."""
    fields = {
        "kind": "kind",
        "label": "label",
        "note": "note",
        "start": "started_at",
        "end": "ended_at",
    }
    return replace(block, **{fields[k]: v for k, v in changes.items()}) == block
