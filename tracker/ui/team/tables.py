"""The team window's three tables, filled from a ``TeamView``: the people (stale ones
greyed), the learning map (topics × people, hours) and the team routine hotspots.

Plain ``QTableWidget``s: a few dozen rows at most, read once per refresh. Each number is
also kept raw (``RAW``), so a test and the what-if line read the data, not the text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from tracker.ui import i18n
from tracker.ui.common import fmt_hm, fmt_pct

if TYPE_CHECKING:
    from tracker.domain.team import PersonRow, TeamHotspot, Topic

RAW = Qt.ItemDataRole.UserRole + 1
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def hours(seconds: int) -> str:
    """Hours with one decimal ("3.5 h"): the team compares weeks, not minutes."""
    return QCoreApplication.translate("TeamWindow", "{0} h").format(
        i18n.format_number(seconds / 3600, 1)
    )


def table_text(table: QTableWidget) -> str:
    """The whole table as tab-separated lines, header first: pasted into Excel, it keeps
    its columns."""
    columns = range(table.columnCount())
    header = [table.horizontalHeaderItem(c) for c in columns]
    lines = ["\t".join(h.text() if h is not None else "" for h in header)]
    for row in range(table.rowCount()):
        items = [table.item(row, c) for c in columns]
        lines.append("\t".join(i.text() if i is not None else "" for i in items))
    return "\n".join(lines) + "\n"


def _copy(table: QTableWidget) -> None:
    QGuiApplication.clipboard().setText(table_text(table))


def make_table(name: str) -> QTableWidget:
    table = QTableWidget()
    # Ctrl+C copies the whole table (a few rows), ready to paste into Excel
    copy = QShortcut(QKeySequence.StandardKey.Copy, table)
    copy.setContext(Qt.ShortcutContext.WidgetShortcut)
    copy.activated.connect(lambda: _copy(table))
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table: the window stays keyboard-usable
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    return table


def cell(text: str, raw: object = None, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setData(RAW, raw if raw is not None else text)
    item.setToolTip(text)
    if right:
        item.setTextAlignment(RIGHT)
    return item


def _fit(table: QTableWidget, stretch: int = 0) -> None:
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if table.columnCount():
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def fill_people(table: QTableWidget, people: Sequence[PersonRow], tz: dt.tzinfo) -> None:
    table.clear()
    table.setColumnCount(6)
    table.setHorizontalHeaderLabels(
        [
            QCoreApplication.translate("TeamWindow", "Person"),
            QCoreApplication.translate("TeamWindow", "Task"),
            QCoreApplication.translate("TeamWindow", "Growth"),
            QCoreApplication.translate("TeamWindow", "Ratio"),
            QCoreApplication.translate("TeamWindow", "Target"),
            QCoreApplication.translate("TeamWindow", "Updated"),
        ]
    )
    table.setRowCount(len(people))
    grey = table.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    for row, p in enumerate(people):
        name = (
            QCoreApplication.translate("TeamWindow", "{0} (you)").format(p.name) if p.me else p.name
        )
        updated = dt.datetime.fromtimestamp(p.updated, tz)
        items = [
            cell(name, p.person),
            cell(fmt_hm(p.task_s), p.task_s, right=True),
            cell(fmt_hm(p.growth_s), p.growth_s, right=True),
            cell(fmt_pct(p.ratio, p.target / 100), p.ratio, right=True),
            cell(f"{p.target} %", p.target, right=True),
            cell(i18n.format_short_date(updated.date()), p.updated, right=True),
        ]
        for column, item in enumerate(items):
            if p.stale:
                item.setForeground(grey)
                item.setToolTip(
                    QCoreApplication.translate(
                        "TeamWindow", "{0}: no update for 30 days or more"
                    ).format(p.name)
                )
            if p.me and column == 0:
                font = QFont(table.font())
                font.setBold(True)
                item.setFont(font)
            table.setItem(row, column, item)
    _fit(table)


def fill_learning(
    table: QTableWidget, topics: Sequence[Topic], people: Sequence[PersonRow]
) -> None:
    """Rows: topics; columns: the people (as they named themselves); cells: hours."""
    table.clear()
    table.setColumnCount(2 + len(people))
    table.setHorizontalHeaderLabels(
        [
            QCoreApplication.translate("TeamWindow", "Topic"),
            QCoreApplication.translate("TeamWindow", "Team"),
        ]
        + [p.name for p in people]
    )
    table.setRowCount(len(topics))
    column_of = {p.person: 2 + n for n, p in enumerate(people)}
    for row, topic in enumerate(topics):
        table.setItem(row, 0, cell(topic.label))
        table.setItem(row, 1, cell(hours(topic.growth_s), topic.growth_s, right=True))
        for blank in range(2, table.columnCount()):
            table.setItem(row, blank, cell("", 0, right=True))
        for tp in topic.people:
            at = column_of.get(tp.person)
            if at is not None:
                table.setItem(row, at, cell(hours(tp.growth_s), tp.growth_s, right=True))
    _fit(table)


def fill_hotspots(table: QTableWidget, hotspots: Sequence[TeamHotspot]) -> None:
    table.clear()
    table.setColumnCount(4)
    table.setHorizontalHeaderLabels(
        [
            QCoreApplication.translate("TeamWindow", "Routine"),
            QCoreApplication.translate("TeamWindow", "Per week"),
            QCoreApplication.translate("TeamWindow", "People", "how many people do it"),
            QCoreApplication.translate("TeamWindow", "Total"),
        ]
    )
    table.setRowCount(len(hotspots))
    for row, h in enumerate(hotspots):
        label = cell(h.label)
        label.setToolTip(", ".join(h.names))
        table.setItem(row, 0, label)
        table.setItem(row, 1, cell(hours(h.per_week_s), h.per_week_s, right=True))
        table.setItem(row, 2, cell(str(h.people), h.people, right=True))
        table.setItem(row, 3, cell(hours(h.task_s), h.task_s, right=True))
    _fit(table)
