"""Reminders and the end of the day, as the tray shows them.

``tracker.domain.reminders`` decides which reminder is due (through
``service.next_reminder``); this controller only asks (once a minute, and when the
end-of-day moment comes), remembers which occurrence it showed, and turns a due
reminder into a notification: the day's ratio (and its summary opened) at the end of the
day, a long block, or nothing tracked for a while. Clicks on those notifications become
``summary_requested`` / ``panel_requested`` for the app to act on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from tracker.domain.reminders import Due, Reminder
from tracker.domain.timeparse import clock_text
from tracker.ui.common import fmt_hm, fmt_pct, kind_label
from tracker.ui.summary.schedule import EndOfDayTimer  # QtCore only: no matplotlib

if TYPE_CHECKING:
    from tracker.service import TrackerService
    from tracker.ui.notifier import Notifier


class ReminderController(QObject):
    """Shows the one reminder due now, each occurrence once, while the user is present."""

    panel_requested = Signal()
    summary_requested = Signal(object)  # the day (a date) whose summary to open

    def __init__(
        self,
        service: TrackerService,
        notifier: Notifier,
        read_idle: Callable[[Callable[[float | None], None]], None],
        paused: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.notifier = notifier
        self._read_idle = read_idle  # seconds since the last input, when known
        self._paused = paused  # a recovery question open, or quitting: no reminders
        self.fired: dict[Reminder, str] = {}  # the occurrence shown last, per reminder
        self.end_of_day = EndOfDayTimer(service, self)
        self.end_of_day.due.connect(self._end_of_day_due)
        # The end-of-day moment that passed and whose summary waits for the user.
        self._end_of_day_waiting: tuple[dt.date, int] | None = None
        self._end_of_day_when: tuple[object, object] | None = None

    def start(self) -> None:
        self.end_of_day.start()

    def stop(self) -> None:
        self.end_of_day.stop()

    def apply(self, settings: dict[str, Any]) -> None:
        """New settings: plan the end of the day again when its time or the day start moved
        (not on every change: a due moment stays due)."""
        when = (settings["end_of_day"], settings["day_start"])
        if when != self._end_of_day_when:
            self._end_of_day_when = when
            self.end_of_day.rearm()

    def _end_of_day_due(self, day: dt.date) -> None:
        """The end-of-day moment came: the summary shows now, or when the user is back."""
        self._end_of_day_waiting = (day, self.service.clock.now())
        self.remind()

    def remind(self) -> None:
        """Show the one reminder due now, if any (each occurrence once, user present)."""
        if not self._paused():
            self._read_idle(self._remind)

    def _remind(self, idle_s: float | None) -> None:
        if self._paused():
            return
        due = self.notifier.call(
            self.service.next_reminder, self.fired, idle_s, self._end_of_day_waiting
        )
        if due is None:
            return
        self.fired[due.reminder] = due.key
        self.show(due)

    def show(self, due: Due) -> None:
        if due.reminder is Reminder.END_OF_DAY:
            assert due.day is not None
            self._end_of_day_waiting = None
            self.end_of_day_summary(due.day)
        elif due.reminder is Reminder.LONG_BLOCK:
            running = self.service.running()
            if running is None:
                return
            what = kind_label(running.kind)
            if running.label:
                what += f" · {running.label}"
            elapsed = fmt_hm(self.service.clock.now() - running.started_at)
            text = QCoreApplication.translate(
                "App", "{0} has been running for {1}. Time for a break, or a switch?"
            )
            self.notifier.notify(text.format(what, elapsed), on_click=self.panel_requested.emit)
        else:
            since = clock_text(due.since, self.service.tz)
            text = QCoreApplication.translate(
                "App", "Nothing has been tracked since {0}. Click here to start a block."
            )
            self.notifier.notify(text.format(since), on_click=self.panel_requested.emit)

    def end_of_day_summary(self, day: dt.date) -> None:
        """The day's ratio in a notification, and its summary opened."""
        summary = self.service.day_summaries(day, day)[0]
        text = QCoreApplication.translate("App", "Day's end: growth ratio {0} (target {1}).")
        text = text.format(fmt_pct(summary.ratio, summary.target), fmt_pct(summary.target))
        self.notifier.notify(text, on_click=lambda: self.summary_requested.emit(day))
        self.summary_requested.emit(day)
