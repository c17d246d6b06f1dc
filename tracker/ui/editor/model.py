"""The table model of the Edit blocks window: one tracking day's blocks and gaps.

Rows are the day's blocks in time order with *gap rows* between them (and after the last
block, up to now, on the current day), so a missing hour is visible. Times are local
(``service.tz``); an instant on another calendar date than the day shows its date too,
so a block crossing midnight or the day start reads unambiguously. A block that crosses
the day start is listed on both days, whole, and its duration says how much of it
counts to the shown day ("1:00 of 2:00").

Edits are not written here: ``setData`` hands them to ``committer`` (the window), which
validates them through the service and answers whether they were saved.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from tracker.domain.days import day_bounds
from tracker.domain.model import Block
from tracker.domain.timeparse import day_time_text, hm, parse_time_in_day
from tracker.service import TrackerService
from tracker.ui.common import KIND_COLORS, kind_label

MIN_GAP_S = 60  # shorter gaps are rounding noise, not a missing hour
GAP_FG = QColor("#6B6B6B")
GAP_BG = QColor("#F1F1F1")

AnyIndex = QModelIndex | QPersistentModelIndex
Committer = Callable[[Block, "Column", Any], bool]

BlockRole = Qt.ItemDataRole.UserRole + 1  # the Block of a row (None for a gap)
RowRole = Qt.ItemDataRole.UserRole + 2  # the Row itself


class Column(enum.IntEnum):
    START = 0
    END = 1
    DURATION = 2
    KIND = 3
    LABEL = 4
    NOTE = 5


EDITABLE = {Column.START, Column.END, Column.KIND, Column.LABEL, Column.NOTE}


@dataclass(frozen=True, slots=True)
class Row:
    """A block, or a gap (``block`` None) between ``start`` and ``end``."""

    start: int
    end: int | None  # None: the running block
    block: Block | None = None

    @property
    def is_gap(self) -> bool:
        return self.block is None


class BlocksModel(QAbstractTableModel):
    def __init__(self, service: TrackerService, parent: Any = None) -> None:
        super().__init__(parent)
        self.service = service
        self.day = service.today()
        self.bounds = day_bounds(self.day, service.tz, service.day_start)
        self.rows: list[Row] = []
        self.committer: Committer | None = None

    # -- loading --------------------------------------------------------------------------

    def load(self, day: dt.date | None = None) -> None:
        """Read the day (the shown one when ``day`` is None) from the service."""
        self.beginResetModel()
        if day is not None:
            self.day = day
        self.bounds = day_bounds(self.day, self.service.tz, self.service.day_start)
        self.rows = self._rows(self.service.blocks(self.day, self.day))
        self.endResetModel()

    def _rows(self, blocks: list[Block]) -> list[Row]:
        rows: list[Row] = []
        previous_end: int | None = None
        for block in blocks:
            if previous_end is not None and block.started_at - previous_end >= MIN_GAP_S:
                rows.append(Row(previous_end, block.started_at))
            rows.append(Row(block.started_at, block.ended_at, block))
            previous_end = block.ended_at
        now = self.service.clock.now()
        day_start, day_end = self.bounds
        today = day_start <= now < day_end
        if today and previous_end is not None and now - previous_end >= MIN_GAP_S:
            rows.append(Row(previous_end, now))  # nothing runs: untracked until now
        return rows

    def refresh_running(self) -> None:
        """The running block's duration grows: repaint that cell."""
        for i, row in enumerate(self.rows):
            if row.end is None:
                cell = self.index(i, Column.DURATION)
                self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DisplayRole])

    # -- lookup ---------------------------------------------------------------------------

    def row_of(self, block_id: int) -> int | None:
        for i, row in enumerate(self.rows):
            if row.block is not None and row.block.id == block_id:
                return i
        return None

    def blocks(self) -> list[Block]:
        return [row.block for row in self.rows if row.block is not None]

    def typed_instant(self, text: str) -> int:
        """A start or end typed into a cell: with its date as typed, or without one a time
        of the shown tracking day (the CLI's TIME rules, ``parse_time_in_day``)."""
        return parse_time_in_day(text, self.day, self.service.tz, self.service.day_start)

    def snap(self, block_id: int | None, column: Column, instant: int) -> int:
        """A time typed to the minute, moved onto a neighbour's edge in that minute.

        The tray records seconds; without this, typing 09:00 as the start after a block
        that ended at 09:00:37 would overlap it by 37 seconds.
        """
        for other in self.blocks():
            if other.id == block_id:
                continue
            edge = other.ended_at if column is Column.START else other.started_at
            if edge is not None and edge // 60 == instant // 60:
                return edge
        return instant

    def last_block(self) -> Block | None:
        blocks = self.blocks()
        return blocks[-1] if blocks else None

    # -- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Start"),
            self.tr("End"),
            self.tr("Duration"),
            self.tr("Kind"),
            self.tr("Label"),
            self.tr("Note"),
        )[section]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self.rows[index.row()]
        column = Column(index.column())
        if row.is_gap or column not in EDITABLE:
            return base
        if column is Column.END and row.end is None:
            return base  # the running block is ended with Stop, not here
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, column)
        if role == BlockRole:
            return row.block
        if role == RowRole:
            return row
        return self._style(row, column, role)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        block = self.rows[index.row()].block
        if block is None or self.committer is None:
            return False
        return self.committer(block, Column(index.column()), value)

    # -- cell contents ----------------------------------------------------------------------

    def time_text(self, instant: int) -> str:
        """A time as "09:15", or "11-29 01:30" when the time alone could be misread; typed
        back unchanged it is the same minute."""
        return day_time_text(instant, self.day, self.service.tz, self.service.day_start)

    def crosses_day(self, row: Row) -> bool:
        """Whether part of the row lies outside the shown tracking day."""
        end = row.end if row.end is not None else self.service.clock.now()
        return row.start < self.bounds[0] or end > self.bounds[1]

    def _display(self, row: Row, column: Column) -> str:
        now = self.service.clock.now()
        end = row.end if row.end is not None else max(now, row.start)
        if column is Column.START:
            return self.time_text(row.start)
        if column is Column.END:
            return self.tr("running") if row.end is None else self.time_text(end)
        if column is Column.DURATION:
            if row.is_gap:
                return self.tr("gap {0}").format(hm(end - row.start))
            inside = min(end, self.bounds[1]) - max(row.start, self.bounds[0])
            if inside < end - row.start:
                return self.tr("{0} of {1}").format(hm(inside), hm(end - row.start))
            return hm(end - row.start)
        if row.block is None:
            return ""
        if column is Column.KIND:
            return kind_label(row.block.kind)
        if column is Column.LABEL:
            return row.block.label
        return " ⏎ ".join(row.block.note.splitlines())

    def _edit_value(self, row: Row, column: Column) -> Any:
        block = row.block
        if block is None:
            return None
        if column is Column.START:
            return self.time_text(block.started_at)
        if column is Column.END:
            return None if block.ended_at is None else self.time_text(block.ended_at)
        if column is Column.KIND:
            return block.kind.value
        if column is Column.LABEL:
            return block.label
        if column is Column.NOTE:
            return block.note
        return None

    def _style(self, row: Row, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.is_gap:
            return GAP_FG
        if role == Qt.ItemDataRole.BackgroundRole and row.is_gap:
            return GAP_BG
        if role == Qt.ItemDataRole.FontRole and (row.is_gap or row.end is None):
            font = QFont()
            font.setItalic(row.is_gap)
            font.setBold(row.end is None and column is Column.END)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column is Column.KIND and row.block:
            return QColor(KIND_COLORS[row.block.kind])
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.DURATION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _tooltip(self, row: Row, column: Column) -> str | None:
        if row.block is None:
            return self.tr("Nothing tracked here. Select it and press Insert to fill it.")
        if column is Column.NOTE and row.block.note:
            return row.block.note
        if column is Column.END and row.end is None:
            return self.tr("This block is running; end it with Stop in the tray menu.")
        if column is Column.DURATION and self.crosses_day(row):
            return self.tr("Only the part inside this tracking day counts to it.")
        return None
