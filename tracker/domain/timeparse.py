"""Parsing the times and days people type (docs/architecture.md §6) and formatting instants back.

``HH:MM`` is a clock time inside the current tracking day (so with day start 04:00,
``01:30`` means the coming night). ``YYYY-MM-DD HH:MM`` is local time. ISO-8601 with an
offset is taken as written. A local time inside a spring-forward gap is an error; an
ambiguous one (fall back) takes its first occurrence.

The clock may also be typed ``1045`` / ``945`` or ``10.45``; ``MM-DD HH:MM`` (the form
the block editor shows) is the date of that month and day nearest to the tracking day.
Full-width digits and punctuation from a Japanese input method (``１０：４５``) read as
their ASCII forms. The CLI's TIME and every time field of the app share these rules.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker.domain.days import tracking_day
from tracker.domain.figures import clock_text as clock_text
from tracker.domain.figures import hm as hm
from tracker.domain.model import END_INSTANT as _END_INSTANT
from tracker.domain.model import FIRST_INSTANT as _FIRST_INSTANT
from tracker.domain.model import FIRST_YEAR, LAST_YEAR, ValidationError

_CLOCK_FORMS = (
    re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$"),  # 10:45, 9:05, 10:45:30
    re.compile(r"^(\d{1,2})\.(\d{2})()$"),  # 10.45
    re.compile(r"^(\d{1,2})(\d{2})()$"),  # 1045, 945
)
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TYPED_DATE = re.compile(r"^(?:(\d{4})-)?(\d{1,2})-(\d{1,2})$")  # 2026-11-28, 11-28
_DATE_CLOCK = re.compile(r"^([\d-]+)[ T](\S+)$")

# What a Japanese input method types in full-width mode, as ASCII: digits, colon, period
# (。 too: the period key gives it in hiragana mode), hyphen (ー from the same key), plus,
# space and the ISO letters.
_WIDE = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "：": ":",
        "．": ".",
        "。": ".",
        "－": "-",
        "ー": "-",
        "−": "-",
        "＋": "+",
        "\u3000": " ",
        "Ｔ": "T",
        "Ｚ": "Z",
    }
)
_HOUR_DOT = re.compile(r"[ T]\d{1,2}\.")  # "2023-11-14 10.5": a fraction of an hour
_SPACES = re.compile(r"\s+")

# Times and days outside FIRST_YEAR–LAST_YEAR (tracker.domain.model) are refused.


def local_to_instant(naive: dt.datetime, tz: dt.tzinfo) -> int:
    """A local wall time to an instant; refuses times that do not exist on that day."""
    aware = naive.replace(tzinfo=tz, fold=0)
    instant = int(aware.timestamp())
    back = dt.datetime.fromtimestamp(instant, tz).replace(tzinfo=None)
    if back != naive.replace(microsecond=0):
        raise ValidationError(
            code="time_in_gap",
            params={"local": f"{naive:%Y-%m-%d %H:%M}"},
        )
    return instant


def clock_in_day(day: dt.date, clock: dt.time, tz: dt.tzinfo, day_start: int) -> int:
    """A clock time without a date, inside the tracking day ``day``: a time before the
    day start (01:30 with day start 04:00) is the next calendar date's."""
    date = day + dt.timedelta(days=1) if clock.hour < day_start else day
    return local_to_instant(dt.datetime.combine(date, clock), tz)


def normalize_time_text(text: str) -> str:
    """``text`` with full-width characters as ASCII, trimmed, runs of spaces as one."""
    return _SPACES.sub(" ", text.translate(_WIDE)).strip()


def parse_time(text: str, now: int, tz: dt.tzinfo, day_start: int) -> int:
    """Parse a TIME / START / END argument into an instant (times without a date are
    in the current tracking day)."""
    return parse_time_in_day(text, tracking_day(now, tz, day_start), tz, day_start)


def parse_time_in_day(text: str, day: dt.date, tz: dt.tzinfo, day_start: int) -> int:
    """Parse a typed time; a time without a date lies in the tracking day ``day`` and a
    date without a year (``MM-DD``) is the one nearest to ``day``."""
    try:
        instant = _parse_time(text, day, tz, day_start)
    except ValidationError:
        raise
    except (ValueError, OverflowError, OSError):
        instant = None
    if instant is None or not _FIRST_INSTANT <= instant < _END_INSTANT:
        raise ValidationError(
            code="time_out_of_range",
            params={"text": text.strip(), "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return instant


def _parse_time(text: str, day: dt.date, tz: dt.tzinfo, day_start: int) -> int:
    value = normalize_time_text(text)
    clock = _clock(text, value)
    if clock is not None:
        return clock_in_day(day, clock, tz, day_start)
    m = _DATE_CLOCK.match(value)
    dated = _TYPED_DATE.match(m[1]) if m else None
    clock = _clock(text, m[2]) if m and dated else None
    if dated and clock is not None:
        try:
            if dated[1]:
                date = dt.date(int(dated[1]), int(dated[2]), int(dated[3]))
            else:
                date = _nearest_date(int(dated[2]), int(dated[3]), day)
        except ValueError:
            raise ValidationError(
                code="time_invalid",
                params={"text": text.strip()},
            ) from None
        return local_to_instant(dt.datetime.combine(date, clock), tz)
    try:
        if _HOUR_DOT.search(value):
            raise ValueError("10.5 is not half past ten here")  # fromisoformat would say 10:00
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            code="time_unreadable",
            params={"text": text.strip()},
        ) from None
    if parsed.tzinfo is None:
        return local_to_instant(parsed, tz)
    return int(parsed.timestamp())


def _clock(text: str, value: str) -> dt.time | None:
    """The clock time ``value`` is written as (None if it is no clock form at all)."""
    for form in _CLOCK_FORMS:
        m = form.match(value)
        if m:
            hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
            if hour > 23 or minute > 59 or second > 59:
                raise ValidationError(
                    code="time_invalid",
                    variant="clock",
                    params={"text": text.strip()},
                )
            return dt.time(hour, minute, second)
    return None


def _nearest_date(month: int, day_of_month: int, near: dt.date) -> dt.date:
    """The date with this month and day closest to ``near`` (11-28 typed in January is
    last November's)."""
    found = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            found.append(dt.date(year, month, day_of_month))
        except ValueError:
            continue
    if not found:
        raise ValueError(f"no date {month}-{day_of_month}")
    return min(found, key=lambda d: abs((d - near).days))


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
                code="day_out_of_range",
                params={"text": text, "first": FIRST_YEAR, "last": LAST_YEAR},
            )
    raise ValidationError(code="day_unreadable", params={"text": text})


def iso_local(instant: int, tz: dt.tzinfo) -> str:
    """ISO-8601 with the local offset, e.g. 2026-11-28T09:15:00+09:00."""
    return dt.datetime.fromtimestamp(instant, tz).isoformat()


def day_time_text(instant: int, day: dt.date, tz: dt.tzinfo, day_start: int) -> str:
    """A time as shown and typed beside the tracking day ``day``: ``09:15``, or
    ``11-29 01:30`` when the time alone would be read as another instant (past midnight,
    or outside the tracking day). ``parse_time_in_day`` reads it back."""
    local = dt.datetime.fromtimestamp(instant, tz)
    inside = local.date() == day and local.hour >= day_start
    return local.strftime("%H:%M" if inside else "%m-%d %H:%M")
