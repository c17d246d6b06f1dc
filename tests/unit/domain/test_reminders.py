"""Reminders: due only when they hold, only while the user is present, once per occurrence."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.reminders import (
    END_OF_DAY_LATE_S,
    Due,
    EndOfDayMoment,
    Moment,
    Reminder,
    ReminderSettings,
    due_now,
    is_present,
    next_reminder,
    work_window,
)
from tracker.domain.settings import SETTINGS

TOKYO = ZoneInfo("Asia/Tokyo")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
MIN = 60
HOUR = 3600


def at(y: int, mo: int, d: int, h: int, mi: int = 0, tz: dt.tzinfo = TOKYO) -> int:
    return int(dt.datetime(y, mo, d, h, mi, tzinfo=tz).timestamp())


WED_9 = at(2023, 11, 15, 9)  # a Wednesday
UNTRACKED_20 = ReminderSettings(untracked_min=20)
LONG_2H = ReminderSettings(long_block_h=2)


def test_defaults_come_from_the_declared_settings() -> None:
    values = {key: spec.default for key, spec in SETTINGS.items()}
    assert ReminderSettings.from_values(values) == ReminderSettings()
    # off by default: nothing is ever due with the defaults, even after a long idle stretch
    idle = Moment(now=at(2023, 11, 15, 17), last_end=WED_9)
    assert due_now(idle, TOKYO, ReminderSettings()) == []


# -- work hours -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(2023, 11, 15, 8, 59), None),
        (at(2023, 11, 15, 9), (WED_9, at(2023, 11, 15, 18))),
        (at(2023, 11, 15, 17, 59), (WED_9, at(2023, 11, 15, 18))),
        (at(2023, 11, 15, 18), None),  # the end is not inside
        (at(2023, 11, 18, 10), None),  # Saturday
    ],
)
def test_work_window_days(now: int, expected: tuple[int, int] | None) -> None:
    assert work_window(now, TOKYO, (540, 1080), frozenset(range(5))) == expected


def test_an_overnight_shift_belongs_to_the_day_it_starts() -> None:
    night = (22 * 60, 6 * 60)
    fri_night = (at(2023, 11, 17, 22), at(2023, 11, 18, 6))
    assert work_window(at(2023, 11, 18, 3), TOKYO, night, frozenset({4})) == fri_night
    assert work_window(at(2023, 11, 18, 23), TOKYO, night, frozenset({4})) is None  # Saturday's


def test_a_work_day_across_a_dst_change_is_an_hour_shorter() -> None:
    # Europe/Berlin springs forward on Sunday 2024-03-31 at 02:00.
    window = work_window(at(2024, 3, 31, 12, tz=BERLIN), BERLIN, (0, 1080), frozenset({6}))
    assert window is not None and window[1] - window[0] == 17 * HOUR


@settings(max_examples=300, deadline=None)
@given(
    now=st.integers(1_500_000_000, 1_900_000_000),
    start=st.integers(0, 1439),
    length=st.integers(1, 1439),
    days=st.frozensets(st.integers(0, 6), min_size=1),
    tz=st.sampled_from([TOKYO, BERLIN, NEW_YORK]),
)
def test_work_window_contains_now_and_starts_on_a_work_day(
    now: int, start: int, length: int, days: frozenset[int], tz: dt.tzinfo
) -> None:
    window = work_window(now, tz, (start, (start + length) % 1440), days)
    if window is None:
        return
    first, end = window
    assert first <= now < end
    assert dt.datetime.fromtimestamp(first, tz).weekday() in days
    assert abs((end - first) - length * MIN) <= HOUR  # DST changes a span by an hour at most


# -- presence ---------------------------------------------------------------------------


def test_presence() -> None:
    s = ReminderSettings(away_minutes=5)
    assert is_present(Moment(now=0), s)  # idle time unknown: assume present
    assert is_present(Moment(now=0, idle_s=299), s)
    assert not is_present(Moment(now=0, idle_s=300), s)
    assert not is_present(Moment(now=0, idle_s=0, away=True), s)
    off = ReminderSettings(away_minutes=0)  # away detection off: 5 minutes still count
    assert not is_present(Moment(now=0, idle_s=600), off)


# -- untracked --------------------------------------------------------------------------


def test_untracked_counts_from_the_start_of_work_hours_or_the_last_block() -> None:
    yesterday = at(2023, 11, 14, 17)
    quiet = Moment(now=WED_9 + 19 * MIN, last_end=yesterday)
    assert next_reminder(quiet, TOKYO, UNTRACKED_20, {}) is None
    due = next_reminder(Moment(now=WED_9 + 20 * MIN, last_end=yesterday), TOKYO, UNTRACKED_20, {})
    assert due == Due(Reminder.UNTRACKED, str(WED_9), WED_9)
    lunch_end = at(2023, 11, 15, 12)
    late = Moment(now=lunch_end + 25 * MIN, last_end=lunch_end)
    assert next_reminder(late, TOKYO, UNTRACKED_20, {}) == Due(
        Reminder.UNTRACKED, str(lunch_end), lunch_end
    )


def test_untracked_never_while_a_block_runs_or_outside_work_hours() -> None:
    running = Moment(now=WED_9 + HOUR, running_id=1, running_since=WED_9 + 50 * MIN)
    assert next_reminder(running, TOKYO, UNTRACKED_20, {}) is None
    evening = Moment(now=at(2023, 11, 15, 20), last_end=at(2023, 11, 15, 12))
    assert next_reminder(evening, TOKYO, UNTRACKED_20, {}) is None
    saturday = Moment(now=at(2023, 11, 18, 12))
    assert next_reminder(saturday, TOKYO, UNTRACKED_20, {}) is None


def test_a_reminder_waits_for_the_user_to_come_back() -> None:
    gone = Moment(now=WED_9 + HOUR, idle_s=50 * MIN)
    assert next_reminder(gone, TOKYO, UNTRACKED_20, {}) is None
    back = Moment(now=WED_9 + HOUR, idle_s=3)
    assert next_reminder(back, TOKYO, UNTRACKED_20, {}) is not None


# -- long block -------------------------------------------------------------------------


def test_long_block_at_every_multiple_and_once_each() -> None:
    fired: dict[Reminder, str] = {}
    shown: list[int] = []
    for minute in range(0, 7 * 60):
        moment = Moment(now=WED_9 + minute * MIN, running_id=7, running_since=WED_9)
        due = next_reminder(moment, TOKYO, LONG_2H, fired)
        if due is not None:
            fired[due.reminder] = due.key
            shown.append(minute)
    assert shown == [120, 240, 360]


def test_long_block_while_away_is_not_shown() -> None:
    moment = Moment(now=WED_9 + 3 * HOUR, running_id=7, running_since=WED_9, away=True)
    assert next_reminder(moment, TOKYO, LONG_2H, {}) is None


# -- end of day -------------------------------------------------------------------------

DAY = dt.date(2023, 11, 15)
SIX = at(2023, 11, 15, 18)


def test_end_of_day_needs_tracked_time_and_is_dropped_when_late() -> None:
    s = ReminderSettings()
    tracked = EndOfDayMoment(DAY, SIX, tracked_s=4 * HOUR)
    due = next_reminder(Moment(now=SIX + 30, end_of_day=tracked), TOKYO, s, {})
    assert due == Due(Reminder.END_OF_DAY, "2023-11-15", SIX, DAY)
    nothing = EndOfDayMoment(DAY, SIX, tracked_s=0)
    assert next_reminder(Moment(now=SIX + 30, end_of_day=nothing), TOKYO, s, {}) is None
    late = Moment(now=SIX + END_OF_DAY_LATE_S + 1, end_of_day=tracked)
    assert next_reminder(late, TOKYO, s, {}) is None
    shown = {Reminder.END_OF_DAY: "2023-11-15"}
    assert next_reminder(Moment(now=SIX + 60, end_of_day=tracked), TOKYO, s, shown) is None


def test_end_of_day_goes_first_and_the_other_follows_at_the_next_call() -> None:
    s = ReminderSettings(long_block_h=2)
    moment = Moment(
        now=SIX + 60,
        running_id=3,
        running_since=SIX - 3 * HOUR,
        end_of_day=EndOfDayMoment(DAY, SIX, 3 * HOUR),
    )
    first = next_reminder(moment, TOKYO, s, {})
    assert first is not None and first.reminder is Reminder.END_OF_DAY
    second = next_reminder(moment, TOKYO, s, {first.reminder: first.key})
    assert second is not None and second.reminder is Reminder.LONG_BLOCK


# -- the general promises, over random days ---------------------------------------------

events = st.lists(
    st.tuples(st.integers(1, 240), st.booleans(), st.booleans()), min_size=1, max_size=40
)


@settings(max_examples=200, deadline=None)
@given(
    steps=events,
    untracked=st.integers(0, 90),
    long_h=st.sampled_from([0.0, 0.5, 1.0, 2.0]),
    start=st.integers(1_600_000_000, 1_800_000_000),
)
def test_at_most_once_per_occurrence_and_only_when_present(
    steps: list[tuple[int, bool, bool]], untracked: int, long_h: float, start: int
) -> None:
    """Minute ticks over a random day of blocks and absences: never a repeat, never absent."""
    s = ReminderSettings(
        untracked_min=untracked, long_block_h=long_h, work_days=frozenset(range(7))
    )
    fired: dict[Reminder, str] = {}
    shown: set[tuple[Reminder, str]] = set()
    now, block_id = start, 0
    running_since: int | None = None
    last_end: int | None = None
    for minutes, toggle, present in steps:
        if toggle:
            if running_since is None:
                block_id += 1
                running_since = now
            else:
                last_end, running_since = now, None
        for _ in range(minutes):
            now += MIN
            moment = Moment(
                now=now,
                running_id=block_id if running_since is not None else None,
                running_since=running_since,
                last_end=last_end,
                idle_s=0 if present else 3600,
            )
            due = next_reminder(moment, TOKYO, s, fired)
            if due is None:
                continue
            assert present
            assert (due.reminder, due.key) not in shown
            assert due in due_now(moment, TOKYO, s)
            if due.reminder is Reminder.UNTRACKED:
                assert running_since is None and now - due.since >= untracked * MIN > 0
            else:
                assert due.reminder is Reminder.LONG_BLOCK and running_since is not None
                assert now - running_since >= long_h * HOUR > 0
            shown.add((due.reminder, due.key))
            fired[due.reminder] = due.key


@settings(max_examples=200, deadline=None)
@given(
    gap=st.integers(1, 600),
    after=st.integers(0, 600),
    start=st.integers(1_600_000_000, 1_800_000_000),
)
def test_untracked_comes_within_a_minute_of_the_threshold(gap: int, after: int, start: int) -> None:
    """Work all day, a gap of ``gap`` minutes: reminded once, a threshold after it began."""
    s = ReminderSettings(
        untracked_min=gap, work_hours=(0, 23 * 60 + 59), work_days=frozenset(range(7))
    )
    window = work_window(start, TOKYO, s.work_hours, s.work_days)
    if window is None or window[1] - start < (gap + after + 2) * MIN:
        return  # the gap would reach past the end of work hours
    fired: dict[Reminder, str] = {}
    times = []
    for minute in range(1, gap + after + 2):
        due = next_reminder(Moment(now=start + minute * MIN, last_end=start), TOKYO, s, fired)
        if due is not None:
            fired[due.reminder] = due.key
            times.append(minute)
    assert times == [gap]
