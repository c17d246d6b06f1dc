"""The share preview: exactly the rows ``team_share`` would write now (``team_preview()``),
one per day, with the labels shared; shown on request and before the first share, where
it asks to share (Share / Cancel).

Opened with ``open()`` (window-modal, no nested event loop): the page acts on
``accepted``, so the tray keeps running while the preview is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.figures import ratio_of
from tracker.ui import i18n
from tracker.ui.common import APP_TITLE, fmt_hm, fmt_pct
from tracker.ui.team.tables import cell, make_table
from tracker.ui.wrap_label import WrapLabel

if TYPE_CHECKING:
    from tracker.domain.team import ShareFile


def _labels(labels: dict[str, int] | object) -> str:
    if not isinstance(labels, dict) or not labels:
        return ""
    return ", ".join(f"{k} {fmt_hm(v)}" for k, v in sorted(labels.items(), key=lambda kv: -kv[1]))


class TeamPreviewDialog(QDialog):
    """The rows of one ``ShareFile``; ``asking``: Share / Cancel, else Close."""

    def __init__(self, share: ShareFile, where: str, asking: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("TeamPreview")
        self.setWindowTitle(self.tr("{0} — What you share").format(APP_TITLE))
        layout = QVBoxLayout(self)
        self.intro = WrapLabel()
        self.intro.setObjectName("previewIntro")
        self.intro.setText(
            self.tr(
                "Exactly this is written to {0}: your name “{1}”, your target {2} % and "
                "{3} days. Nothing else: no block times, notes or reflections."
            ).format(where, share.name, share.target, len(share.days))
        )
        layout.addWidget(self.intro)
        self.table: QTableWidget = make_table("previewRows")
        self.table.setColumnCount(6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Day"),
                self.tr("Task"),
                self.tr("Growth"),
                self.tr("Ratio"),
                self.tr("What I'm learning"),
                self.tr("Routine"),
            ]
        )
        days = sorted(share.days, key=lambda d: d.day, reverse=True)  # the latest first
        self.table.setRowCount(len(days))
        for row, d in enumerate(days):
            cells = [
                cell(i18n.format_date(d.day), d.day.isoformat()),
                cell(fmt_hm(d.task_s), d.task_s, right=True),
                cell(fmt_hm(d.growth_s), d.growth_s, right=True),
                cell(fmt_pct(ratio_of(d.task_s, d.growth_s)), None, right=True),
                cell(_labels(dict(d.growth))),
                cell(_labels(dict(d.task))),
            ]
            for column, made in enumerate(cells):
                self.table.setItem(row, column, made)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox()
        self.share_button: QPushButton | None = None
        if asking:
            self.share_button = self.buttons.addButton(
                self.tr("S&hare"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.share_button.setDefault(True)  # Enter shares, Esc cancels
            self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        else:
            self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(860, 520)
        self.table.setFocus()

    def row_texts(self) -> list[list[str]]:
        """What the table shows, row by row (for reading back)."""
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]  # type: ignore[union-attr]
            for r in range(self.table.rowCount())
        ]
