"""Routine hotspots (自動化候補) as a Qt table: label, total, blocks, share of routine time.

Rows come ranked by the domain (longest total first), over the range the summary shows.
``SORT_ROLE`` gives raw numbers, so a ``QSortFilterProxyModel`` on top sorts durations as
numbers, not as "h:mm" text. ``WholeRowsTable`` shows them without a row cut in half.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTableView

from tracker.domain.stats import Hotspot
from tracker.ui.common import fmt_hm, fmt_pct

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class HotspotsModel(QAbstractTableModel):
    COLUMNS = ("label", "total", "count", "share")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Hotspot] = []

    def set_hotspots(self, rows: Sequence[Hotspot]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Routine"), self.tr("Total"), self.tr("Blocks"), self.tr("Share"))[
                section
            ]
        if role == Qt.ItemDataRole.ToolTipRole and section == 3:
            return self.tr("Part of all routine time in the range")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if section else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        h = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "label":
                return h.label or self.tr("(no label)")
            if col == "count":
                return str(h.count)
            if col == "share":
                return fmt_pct(h.share)
            return fmt_hm(h.total_s)
        if role == SORT_ROLE:
            return {"label": h.label, "total": h.total_s, "count": h.count}.get(col, h.share)
        if role == Qt.ItemDataRole.TextAlignmentRole and col != "label":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and col == "label" and not h.label:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and col == "label":
            return self.tr("{0}: {1} in {2} blocks").format(
                h.label or self.tr("(no label)"), fmt_hm(h.total_s), h.count
            )
        return None


class WholeRowsTable(QTableView):
    """A table that never shows its last visible row cut in half (rows are all one height).

    The viewport keeps a whole number of rows; the few pixels left over stay blank below
    it, and scrolling goes row by row, so a row is either shown whole or not at all.
    """

    def updateGeometries(self) -> None:
        super().updateGeometries()  # sets the header margins (top, left); we add the bottom
        m = self.viewportMargins()
        row = self.verticalHeader().defaultSectionSize()
        bar = self.horizontalScrollBar()
        height = self.height() - 2 * self.frameWidth() - m.top()
        if bar.isVisible():
            height -= bar.height()
        spare = height % row if row > 0 and height > 0 else 0
        if spare != m.bottom():
            self.setViewportMargins(m.left(), m.top(), m.right(), spare)
