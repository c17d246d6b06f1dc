"""The summary's date navigator: previous / next / today, a calendar pop-up, day/week/month.

It only says what the person asked for (``day_requested``, ``range_requested``); the window
decides and calls ``set_state`` back. Keys: Alt+Left / Alt+Right step one range back or on,
Ctrl+T or Home jump to today (a text field that uses Home keeps it), Alt+D/W/M pick the range.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from tracker.domain.summary import RangeKind, step
from tracker.ui import i18n


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class DateNavigator(QWidget):
    day_requested = Signal(object)  # datetime.date
    range_requested = Signal(object)  # RangeKind

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._day = dt.date.today()
        self._kind = RangeKind.DAY
        self._today = self._day
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.prev_button = self._button(Qt.ArrowType.LeftArrow)
        self.next_button = self._button(Qt.ArrowType.RightArrow)
        self.prev_button.setToolTip(self.tr("Previous (Alt+Left)"))
        self.next_button.setToolTip(self.tr("Next (Alt+Right)"))
        self.prev_button.setAccessibleName(self.tr("Previous"))
        self.next_button.setAccessibleName(self.tr("Next"))
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setLocale(i18n.locale())  # as the titles: "Sun 29 Nov 2026"
        self.date_edit.setDisplayFormat(i18n.date_pattern())
        self.date_edit.setAccessibleName(self.tr("Day"))
        self.date_edit.setMinimumDate(QDate(2000, 1, 1))
        self.today_button = QToolButton(self)
        self.today_button.setText(self.tr("Today"))
        self.today_button.setToolTip(self.tr("Go to today (Ctrl+T or Home)"))
        self.range_label = QLabel(self)
        self.range_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.date_edit)
        layout.addWidget(self.next_button)
        layout.addWidget(self.today_button)
        layout.addSpacing(8)
        layout.addWidget(self.range_label)
        layout.addStretch(1)
        self.range_buttons: dict[RangeKind, QToolButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        texts = {
            RangeKind.DAY: self.tr("&Day"),
            RangeKind.WEEK: self.tr("&Week"),
            RangeKind.MONTH: self.tr("&Month"),
        }
        for kind, text in texts.items():
            button = QToolButton(self)
            button.setText(text)
            button.setCheckable(True)
            button.setMinimumWidth(64)
            button.clicked.connect(lambda _=False, k=kind: self.range_requested.emit(k))
            self._group.addButton(button)
            layout.addWidget(button)
            self.range_buttons[kind] = button
        self.range_buttons[RangeKind.DAY].setChecked(True)

        self.prev_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(1))
        self.today_button.clicked.connect(self.go_today)
        self.date_edit.dateChanged.connect(self._date_edited)
        for keys, slot in (
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left), lambda: self.go(-1)),
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Right), lambda: self.go(1)),
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_T), self.go_today),
            (QKeySequence(Qt.Key.Key_Home), self.go_today),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

    def _button(self, arrow: Qt.ArrowType) -> QToolButton:
        button = QToolButton(self)
        button.setArrowType(arrow)  # drawn by the style in palette colours (light and dark)
        return button

    # -- state from the window ----------------------------------------------------------

    def set_state(self, day: dt.date, kind: RangeKind, today: dt.date, text: str) -> None:
        self._day, self._kind, self._today = day, kind, today
        self.date_edit.blockSignals(True)
        try:
            self.date_edit.setMaximumDate(to_qdate(max(today, day)))
            self.date_edit.setDate(to_qdate(day))
        finally:
            self.date_edit.blockSignals(False)
        self.range_buttons[kind].setChecked(True)
        self.next_button.setEnabled(day < today)
        self.today_button.setEnabled(day != today)
        self.range_label.setText(text)

    # -- intents ------------------------------------------------------------------------

    def go(self, direction: int) -> None:
        target = min(step(self._day, self._kind, direction), self._today)
        if direction > 0 and target <= self._day:
            return
        self.day_requested.emit(target)

    def go_today(self) -> None:
        self.day_requested.emit(self._today)

    def _date_edited(self, date: QDate) -> None:
        self.day_requested.emit(from_qdate(date))
