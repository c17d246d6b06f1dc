"""When the summary opens by itself: the next end-of-day instant (setting ``end_of_day``).

``next_end_of_day`` is pure (instants in, instants out); ``EndOfDayTimer`` checks it about
twice a minute instead of sleeping until the moment, so a suspended laptop or a clock that
jumps still gets one summary per day and never two. The app (``tracker.ui.app``) turns
``due`` into a notification and the summary, through ``tracker.domain.reminders``: only
while the user is present, and only for a day with tracked time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from tracker.domain.days import tracking_day
from tracker.domain.reminders import END_OF_DAY_LATE_S

CHECK_MS = 30_000
LATE_AFTER_S = END_OF_DAY_LATE_S  # woke up over 2 h after the moment: skip, wait for tomorrow


@dataclass(frozen=True, slots=True)
class EndOfDay:
    at: int  # the instant (Unix seconds)
    day: dt.date  # the tracking day to summarise


def next_end_of_day(now: int, setting: str, tz: dt.tzinfo, day_start: int) -> EndOfDay | None:
    """The first end-of-day moment strictly after ``now``; None when the setting is "off".

    ``setting`` is "HH:MM" local time. A time inside a spring-forward gap happens just after
    the gap; in a fall-back overlap, at its first occurrence. The day to summarise is the
    tracking day the moment falls in (so "01:00" with day start 04:00 sums up the evening).
    """
    if setting == "off":
        return None
    hour, minute = (int(x) for x in setting.split(":"))
    date = dt.datetime.fromtimestamp(now, tz).date() - dt.timedelta(days=1)
    for _ in range(4):
        local = dt.datetime(date.year, date.month, date.day, hour, minute, tzinfo=tz)
        at = int(local.timestamp())
        if at > now:
            return EndOfDay(at, tracking_day(at, tz, day_start))
        date += dt.timedelta(days=1)
    raise AssertionError("unreachable: some end of day lies within three days")


class EndOfDayTimer(QObject):
    """Emits ``due(date)`` once per end-of-day moment (re-reads the setting each time)."""

    due = Signal(object)

    def __init__(self, service: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.pending: EndOfDay | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self.rearm()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def rearm(self) -> None:
        """Plan the next moment from now (call after the setting changes)."""
        s = self.service
        self.pending = next_end_of_day(
            s.clock.now(), str(s.setting("end_of_day")), s.tz, s.day_start
        )

    def check(self) -> None:
        now = self.service.clock.now()
        if self.pending is None or now < self.pending.at:
            if self.pending is None or now < self.pending.at - 3 * 86400:
                self.rearm()  # setting turned on, or the clock jumped far back
            return
        moment = self.pending
        self.rearm()
        if now - moment.at <= LATE_AFTER_S:
            self.due.emit(moment.day)
