"""Routine hotspots (自動化候補) as a Qt table model: label, total, count, average per week.

Rows come ranked by the domain (longest total first). ``SORT_ROLE`` gives raw numbers, so
a ``QSortFilterProxyModel`` on top sorts durations as numbers, not as "h:mm" text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from tracker.domain.stats import Hotspot
from tracker.ui.common import fmt_hm

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class HotspotsModel(QAbstractTableModel):
    COLUMNS = ("label", "total", "count", "per_week")

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
            return (self.tr("Routine"), self.tr("Total"), self.tr("Count"), self.tr("Per week"))[
                section
            ]
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
            return fmt_hm(h.total_s if col == "total" else round(h.per_week_s))
        if role == SORT_ROLE:
            return {"label": h.label, "total": h.total_s, "count": h.count}.get(col, h.per_week_s)
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
