"""Parsing TIME and DAY arguments and formatting instants (DESIGN.md §6)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.days import tracking_day
from tracker.domain.model import ValidationError
from tracker.domain.timeparse import (
    clock_in_day,
    clock_text,
    hm,
    iso_local,
    parse_day,
    parse_time,
)

TOKYO = ZoneInfo("Asia/Tokyo")


def at(*args: int) -> int:
    return int(dt.datetime(*args, tzinfo=TOKYO).timestamp())  # type: ignore[misc]


NOW = at(2023, 11, 15, 9, 0)  # Wednesday morning
NIGHT = at(2023, 11, 16, 2, 0)  # still the tracking day of the 15th (day start 04:00)


@pytest.mark.parametrize(
    ("text", "now", "day_start", "expected"),
    [
        ("10:30", NOW, 4, at(2023, 11, 15, 10, 30)),
        ("04:00", NOW, 4, at(2023, 11, 15, 4, 0)),
        ("8:05", NOW, 4, at(2023, 11, 15, 8, 5)),
        ("01:30", NOW, 4, at(2023, 11, 16, 1, 30)),  # the coming night
        ("03:59", NOW, 4, at(2023, 11, 16, 3, 59)),
        ("23:00", NIGHT, 4, at(2023, 11, 15, 23, 0)),  # after midnight: still yesterday's day
        ("01:30", NIGHT, 4, at(2023, 11, 16, 1, 30)),
        ("01:30", NOW, 0, at(2023, 11, 15, 1, 30)),  # day start 00:00: plain calendar day
        ("10:30:15", NOW, 4, at(2023, 11, 15, 10, 30, 15)),
        ("  09:30 ", NOW, 4, at(2023, 11, 15, 9, 30)),
    ],
)
def test_clock_time_is_within_the_current_tracking_day(
    text: str, now: int, day_start: int, expected: int
) -> None:
    assert parse_time(text, now, TOKYO, day_start) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-11-10 18:45", at(2023, 11, 10, 18, 45)),
        ("2023-11-10T18:45", at(2023, 11, 10, 18, 45)),
        ("2023-11-10 18:45:30", at(2023, 11, 10, 18, 45, 30)),
        ("2023-11-10T18:45:00+02:00", at(2023, 11, 11, 1, 45)),
        ("2023-11-10T09:45:00Z", at(2023, 11, 10, 18, 45)),
        ("2023-11-10T09:45:00.9+00:00", at(2023, 11, 10, 18, 45)),
    ],
)
def test_local_date_time_and_iso_with_offset(text: str, expected: int) -> None:
    assert parse_time(text, NOW, TOKYO, 4) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "soon",
        "25:00",
        "24:00",
        "12:60",
        "12:3",
        "-1:00",
        "2023-13-01 10:00",
        "2023-02-30 10:00",
        "2023/11/10 10:00",
        "10:00 tomorrow",
        "0001-01-01 00:00",  # out of what an instant can hold in every time zone
        "9999-12-31 23:59",
    ],
)
def test_garbage_times_are_refused_with_what_to_type(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_time(text, NOW, TOKYO, 4)
    assert "HH:MM" in str(info.value) or "between 1971 and 2999" in str(info.value)


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("today", NOW, dt.date(2023, 11, 15)),
        ("Today", NOW, dt.date(2023, 11, 15)),
        ("yesterday", NOW, dt.date(2023, 11, 14)),
        ("today", NIGHT, dt.date(2023, 11, 15)),  # 02:00 belongs to the day before
        ("yesterday", NIGHT, dt.date(2023, 11, 14)),
        ("2024-02-29", NOW, dt.date(2024, 2, 29)),
        (" 2023-01-05 ", NOW, dt.date(2023, 1, 5)),
    ],
)
def test_parse_day(text: str, now: int, expected: dt.date) -> None:
    assert parse_day(text, now, TOKYO, 4) == expected


@pytest.mark.parametrize(
    "text", ["", "tomorrow", "2023-02-30", "2023-1-5", "15/11/2023", "0001-01-01", "9999-12-31"]
)
def test_parse_day_refuses_garbage(text: str) -> None:
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        parse_day(text, NOW, TOKYO, 4)


def test_formatting() -> None:
    assert iso_local(at(2023, 11, 15, 9, 5, 7), TOKYO) == "2023-11-15T09:05:07+09:00"
    assert clock_text(at(2023, 11, 15, 9, 5, 7), TOKYO) == "09:05"
    assert hm(0) == "0:00"
    assert hm(3599) == "0:59"
    assert hm(3 * 3600 + 5 * 60 + 59) == "3:05"
    assert hm(-5) == "0:00"
    assert hm(30 * 3600) == "30:00"


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
    clock=st.times().map(lambda t: t.replace(microsecond=0)),
    day_start=st.integers(0, 23),
    zone=st.sampled_from(["Asia/Tokyo", "Europe/Berlin", "America/New_York"]),
)
def test_a_clock_time_lies_inside_its_tracking_day(
    day: dt.date, clock: dt.time, day_start: int, zone: str
) -> None:
    """``clock_in_day`` (HH:MM on the CLI, a time typed in the editor) never leaves the day."""
    tz = ZoneInfo(zone)
    try:
        instant = clock_in_day(day, clock, tz, day_start)
    except ValidationError:
        return  # a spring-forward gap: refused, as on the command line
    assert tracking_day(instant, tz, day_start) == day
    local = dt.datetime.fromtimestamp(instant, tz)
    assert local.time() == clock
