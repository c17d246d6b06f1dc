"""The one field people type times into: the block editor's cells, *Split at…*, *Add block*.

A plain line edit, read by the domain's time parser (``parse_time_in_day``), so what is
typed is what is saved and the rules are the CLI's TIME: ``10:45``, ``1045``, ``10.45``,
``9:05``, full-width ``１０：４５`` from a Japanese input method, and ``11-29 01:30`` with a
date. A time without a date lies in the tracking day the field belongs to (with day start
04:00, ``01:00`` is the night after). Qt's own date-time spin boxes are not used: they
edit one section at a time, so typing ``10:45`` over a selected ``11:00`` gave 11:45.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from tracker.domain.timeparse import day_time_text, parse_time_in_day

WIDEST = "00-00 00:00"  # the longest form a field shows
MAX_CHARS = 40  # an ISO time with an offset fits; a pasted page does not


class TimeEntry(QLineEdit):
    """A time of the tracking day ``day``; ``instant()`` raises the parser's
    ``ValidationError`` for what cannot be used."""

    def __init__(
        self,
        parent: QWidget | None = None,
        day: dt.date | None = None,
        tz: dt.tzinfo | None = None,
        day_start: int = 0,
    ) -> None:
        super().__init__(parent)
        self.day = day
        self.tz = tz
        self.day_start = day_start
        self._shown: tuple[str, int] | None = None
        self._select_clock_on_focus = False
        self.setAccessibleName(self.tr("Time"))
        self.setPlaceholderText(self.tr("HH:MM"))
        self.setToolTip(
            self.tr("Type 10:45, 1045 or 10.45; with a date, 11-29 01:30. Enter saves.")
        )
        self.setInputMethodHints(Qt.InputMethodHint.ImhPreferNumbers)
        self.setMaxLength(MAX_CHARS)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(WIDEST) + 24)

    def set_instant(self, instant: int) -> None:
        """Show ``instant`` as the table does (``09:15``, or ``11-29 01:30`` when the time
        alone would mean another instant), with its clock part selected."""
        assert self.day is not None and self.tz is not None
        text = day_time_text(instant, self.day, self.tz, self.day_start)
        self._shown = (text, instant)
        self.setText(text)
        self.select_clock()

    def set_text(self, text: str) -> None:
        """Show a time already written out (a table cell's own text)."""
        self._shown = None
        self.setText(text)
        self.select_clock()
        # an item view selects all of a new line edit after filling it; take it back
        self._select_clock_on_focus = True

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self._select_clock_on_focus:
            self._select_clock_on_focus = False
            self.select_clock()

    def select_clock(self) -> None:
        """Select the clock part, so typing replaces the time and a shown date stays."""
        text = self.text()
        first = text.rfind(" ") + 1
        self.setSelection(first, len(text) - first)

    def instant(self) -> int:
        """What is typed, as an instant; the shown instant itself (seconds included) when
        the text was left as it was shown."""
        assert self.day is not None and self.tz is not None
        if self._shown is not None and self.text().strip() == self._shown[0]:
            return self._shown[1]
        return parse_time_in_day(self.text(), self.day, self.tz, self.day_start)
