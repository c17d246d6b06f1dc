"""Reminders: which tray notification is due now. Pure: instants and settings in, no clock.

Three reminders; the first two are off until the user sets them:

* **untracked** (``remind_untracked`` minutes): nothing has been running for that long
  inside work hours (``work_hours``) on a work day (``work_days``);
* **long block** (``remind_long_block`` hours): one block has run that long, and again at
  every further multiple (2 h, 4 h, 6 h for a setting of 2);
* **end of day** (``end_of_day``): the end-of-day moment has passed (the UI's timer says
  when) and the day has tracked time: show the day's summary.

Each fires only while the user is present (not marked away, and some input within the
away threshold, when idle time can be read) and at most once per *occurrence*: each
occurrence has a key (the start of the untracked gap, the block id and multiple, the day)
and the caller keeps the last key fired per reminder. A reminder that comes due while the
user is away waits for them, as long as it still holds when they are back (the gap goes
on, the block still runs, the end-of-day moment is at most two hours old).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

END_OF_DAY_LATE_S = 2 * 3600  # an end-of-day prompt more than 2 h late is dropped
DEFAULT_ABSENT_S = 5 * 60  # no input this long: absent (when away detection is off)


class Reminder(enum.Enum):
    """In priority order: when two are due at once, the first one shows first."""

    END_OF_DAY = "end_of_day"
    LONG_BLOCK = "long_block"
    UNTRACKED = "untracked"


@dataclass(frozen=True, slots=True)
class ReminderSettings:
    untracked_min: int = 0  # 0 = off
    long_block_h: float = 0.0  # 0 = off
    work_hours: tuple[int, int] = (9 * 60, 18 * 60)  # minutes after midnight; may wrap
    work_days: frozenset[int] = frozenset(range(5))  # Monday = 0
    away_minutes: int = 5  # the away threshold, also the presence threshold here

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> ReminderSettings:
        """From the service's parsed settings (``TrackerService.settings()``)."""
        return cls(
            untracked_min=int(values["remind_untracked"]),
            long_block_h=float(values["remind_long_block"]),
            work_hours=(int(values["work_hours"][0]), int(values["work_hours"][1])),
            work_days=frozenset(values["work_days"]),
            away_minutes=int(values["away_minutes"]),
        )

    @property
    def absent_after_s(self) -> int:
        return self.away_minutes * 60 if self.away_minutes > 0 else DEFAULT_ABSENT_S


@dataclass(frozen=True, slots=True)
class EndOfDayMoment:
    """An end-of-day moment that has passed: the tracking day it sums up, and its time."""

    day: dt.date
    at: int
    tracked_s: int  # task + growth seconds of that day


@dataclass(frozen=True, slots=True)
class Moment:
    """What is true now, as the caller read it."""

    now: int
    running_id: int | None = None
    running_since: int | None = None
    last_end: int | None = None  # when the latest finished block ended; None: none yet
    away: bool = False  # the away monitor says the user has left
    idle_s: float | None = None  # seconds since the last input; None: cannot tell
    end_of_day: EndOfDayMoment | None = None


@dataclass(frozen=True, slots=True)
class Due:
    """A reminder to show now; ``key`` names its occurrence (store it once shown)."""

    reminder: Reminder
    key: str
    since: int  # the gap's start, the block's start, or the end-of-day moment
    day: dt.date | None = None  # end of day: the tracking day to show


def work_window(
    now: int, tz: dt.tzinfo, hours: tuple[int, int], days: frozenset[int]
) -> tuple[int, int] | None:
    """The work-hours span [start, end) that contains ``now``, or None outside work hours.

    A span belongs to the weekday it starts on; an end before the start runs overnight.
    Local times inside a spring-forward gap resolve to just after it.
    """
    start_min, end_min = hours
    today = dt.datetime.fromtimestamp(now, tz).date()
    for date in (today, today - dt.timedelta(days=1)):
        if date.weekday() not in days:
            continue
        start = _local(date, start_min, tz)
        end_date = date if end_min > start_min else date + dt.timedelta(days=1)
        end = _local(end_date, end_min, tz)
        if start <= now < end:
            return start, end
    return None


def _local(date: dt.date, minutes: int, tz: dt.tzinfo) -> int:
    hour, minute = divmod(minutes, 60)
    return int(dt.datetime(date.year, date.month, date.day, hour, minute, tzinfo=tz).timestamp())


def is_present(moment: Moment, settings: ReminderSettings) -> bool:
    """Not marked away, and some input lately (when idle time can be read at all)."""
    if moment.away:
        return False
    return moment.idle_s is None or moment.idle_s < settings.absent_after_s


def due_now(moment: Moment, tz: dt.tzinfo, settings: ReminderSettings) -> list[Due]:
    """Every reminder whose occurrence holds now (presence and history not considered)."""
    due: list[Due] = []
    eod = moment.end_of_day
    if eod is not None and eod.tracked_s > 0 and 0 <= moment.now - eod.at <= END_OF_DAY_LATE_S:
        due.append(Due(Reminder.END_OF_DAY, eod.day.isoformat(), eod.at, eod.day))
    running = moment.running_id is not None and moment.running_since is not None
    if running and settings.long_block_h > 0:
        assert moment.running_since is not None
        every = max(round(settings.long_block_h * 3600), 60)
        elapsed = moment.now - moment.running_since
        if elapsed >= every:
            key = f"{moment.running_id}:{elapsed // every}"
            due.append(Due(Reminder.LONG_BLOCK, key, moment.running_since))
    if not running and settings.untracked_min > 0:
        window = work_window(moment.now, tz, settings.work_hours, settings.work_days)
        if window is not None:
            gap_start = max(window[0], moment.last_end or window[0])
            if moment.now - gap_start >= settings.untracked_min * 60:
                due.append(Due(Reminder.UNTRACKED, str(gap_start), gap_start))
    return due


def next_reminder(
    moment: Moment,
    tz: dt.tzinfo,
    settings: ReminderSettings,
    fired: Mapping[Reminder, str],
) -> Due | None:
    """The one reminder to show now, if any: due, not shown before, user present.

    ``fired`` maps each reminder to the key of the occurrence shown last. One at a time:
    a second reminder due at the same moment shows at the next call.
    """
    if not is_present(moment, settings):
        return None
    for due in due_now(moment, tz, settings):
        if fired.get(due.reminder) != due.key:
            return due
    return None
