"""Parsing the times and days people type (DESIGN.md §6) and formatting instants back.

``HH:MM`` is a clock time inside the current tracking day (so with day start 04:00,
``01:30`` means the coming night). ``YYYY-MM-DD HH:MM`` is local time. ISO-8601 with an
offset is taken as written. A local time inside a spring-forward gap is an error; an
ambiguous one (fall back) takes its first occurrence.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker.domain.days import tracking_day
from tracker.domain.model import END_INSTANT as _END_INSTANT
from tracker.domain.model import FIRST_INSTANT as _FIRST_INSTANT
from tracker.domain.model import FIRST_YEAR, LAST_YEAR, Block, ValidationError

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_LOCAL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

TIME_HELP = "use HH:MM, 'YYYY-MM-DD HH:MM' or ISO-8601 with an offset"
# Times and days outside FIRST_YEAR–LAST_YEAR (tracker.domain.model) are refused.


def local_to_instant(naive: dt.datetime, tz: dt.tzinfo) -> int:
    """A local wall time to an instant; refuses times that do not exist on that day."""
    aware = naive.replace(tzinfo=tz, fold=0)
    instant = int(aware.timestamp())
    back = dt.datetime.fromtimestamp(instant, tz).replace(tzinfo=None)
    if back != naive.replace(microsecond=0):
        raise ValidationError(
            f"{naive:%Y-%m-%d %H:%M} does not exist in the local time zone "
            "(the clocks skip it for daylight saving); pick a time outside the gap",
            code="time_in_gap",
            params={"local": f"{naive:%Y-%m-%d %H:%M}"},
        )
    return instant


def clock_in_day(day: dt.date, clock: dt.time, tz: dt.tzinfo, day_start: int) -> int:
    """A clock time without a date, inside the tracking day ``day``: a time before the
    day start (01:30 with day start 04:00) is the next calendar date's."""
    date = day + dt.timedelta(days=1) if clock.hour < day_start else day
    return local_to_instant(dt.datetime.combine(date, clock), tz)


def parse_time(text: str, now: int, tz: dt.tzinfo, day_start: int) -> int:
    """Parse a TIME / START / END argument into an instant."""
    try:
        instant = _parse_time(text, now, tz, day_start)
    except ValidationError:
        raise
    except (ValueError, OverflowError, OSError):
        instant = None
    if instant is None or not _FIRST_INSTANT <= instant < _END_INSTANT:
        raise ValidationError(
            f"{text.strip()!r} is out of range; pick a time between {FIRST_YEAR} and {LAST_YEAR}",
            code="time_out_of_range",
            params={"text": text.strip(), "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return instant


def _parse_time(text: str, now: int, tz: dt.tzinfo, day_start: int) -> int:
    value = text.strip()
    m = _CLOCK.match(value)
    if m:
        hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
        _check_hms(text, hour, minute, second)
        day = tracking_day(now, tz, day_start)
        return clock_in_day(day, dt.time(hour, minute, second), tz, day_start)
    m = _LOCAL.match(value)
    if m:
        try:
            naive = dt.datetime(
                int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0)
            )
        except ValueError:
            raise ValidationError(
                f"{text!r} is not a valid date and time; {TIME_HELP}",
                code="time_invalid",
                params={"text": text},
            ) from None
        return local_to_instant(naive, tz)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            f"cannot read the time {text!r}; {TIME_HELP}",
            code="time_unreadable",
            params={"text": text},
        ) from None
    if parsed.tzinfo is None:
        return local_to_instant(parsed, tz)
    return int(parsed.timestamp())


def _check_hms(text: str, hour: int, minute: int, second: int) -> None:
    if hour > 23 or minute > 59 or second > 59:
        raise ValidationError(
            f"{text!r} is not a clock time; {TIME_HELP}", code="time_invalid", params={"text": text}
        )


def parse_day(text: str, now: int, tz: dt.tzinfo, day_start: int) -> dt.date:
    """Parse a DAY argument: YYYY-MM-DD, today or yesterday (tracking days)."""
    value = text.strip().lower()
    today = tracking_day(now, tz, day_start)
    if value == "today":
        return today
    if value == "yesterday":
        return today - dt.timedelta(days=1)
    if _DATE.match(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if FIRST_YEAR <= day.year <= LAST_YEAR:
                return day
            raise ValidationError(
                f"the day {text!r} is out of range; use YYYY-MM-DD "
                f"between {FIRST_YEAR} and {LAST_YEAR}, today or yesterday"
            )
    raise ValidationError(f"cannot read the day {text!r}; use YYYY-MM-DD, today or yesterday")


def iso_local(instant: int, tz: dt.tzinfo) -> str:
    """ISO-8601 with the local offset, e.g. 2026-11-28T09:15:00+09:00."""
    return dt.datetime.fromtimestamp(instant, tz).isoformat()


def hm(seconds: int) -> str:
    """A duration as h:mm (rounded down to the minute)."""
    seconds = max(0, int(seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}"


def clock_text(instant: int, tz: dt.tzinfo) -> str:
    return dt.datetime.fromtimestamp(instant, tz).strftime("%H:%M")


def date_time_text(instant: int, tz: dt.tzinfo) -> str:
    """``YYYY-MM-DD HH:MM`` local time, as people type it on the command line."""
    return dt.datetime.fromtimestamp(instant, tz).strftime("%Y-%m-%d %H:%M")


def span_text(start: int, end: int | None, tz: dt.tzinfo) -> str:
    """``2026-11-28 10:30–11:15`` (the date once when both ends share it; ``now`` if open)."""
    first = date_time_text(start, tz)
    last = "now" if end is None else date_time_text(end, tz)
    return f"{first}–{last[11:] if last[:10] == first[:10] else last}"


def describe_block(block: Block, tz: dt.tzinfo) -> str:
    """How a person recognises a block in a message: id, kind, label and its times."""
    label = f" '{block.label}'" if block.label else ""
    when = span_text(block.started_at, block.ended_at, tz)
    return f"block {block.id} ({block.kind.value}{label}, {when})"
