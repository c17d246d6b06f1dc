"""Which tray notification is due now (the rules are ``tracker.domain.reminders``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tracker.service.away import Away

if TYPE_CHECKING:
    from tracker.domain.reminders import Due, Reminder


class Reminders(Away):
    def next_reminder(
        self,
        fired: Mapping[Reminder, str],
        idle_s: float | None = None,
        end_of_day: tuple[dt.date, int] | None = None,
    ) -> Due | None:
        """The tray notification due now, if any (``tracker.domain.reminders``).

        ``fired``: the occurrence key shown last per reminder; ``idle_s``: seconds since
        the last input (None: unknown); ``end_of_day``: a passed end-of-day moment (its
        tracking day and instant) whose summary has not been shown yet.
        """
        from tracker.domain.reminders import (  # not needed by the CLI: kept off its start
            EndOfDayMoment,
            Moment,
            Reminder,
            ReminderSettings,
            next_reminder,
        )

        now = self.clock.now()
        running = self.store.running()
        last = self.store.last()
        eod = None
        if end_of_day is not None and fired.get(Reminder.END_OF_DAY) != end_of_day[0].isoformat():
            day, at = end_of_day
            eod = EndOfDayMoment(day, at, self.day_summaries(day, day)[0].total_s)
        moment = Moment(
            now=now,
            running_id=running.id if running else None,
            running_since=running.started_at if running else None,
            last_end=last.ended_at if last is not None else None,
            away=self.away_since() is not None,
            idle_s=idle_s,
            end_of_day=eod,
        )
        settings = ReminderSettings.from_values(self.settings())
        return next_reminder(moment, self.tz, settings, fired)
