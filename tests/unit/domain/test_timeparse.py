"""Parsing TIME and DAY arguments and formatting instants (docs/architecture.md §6)."""

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
    day_time_text,
    hm,
    iso_local,
    local_to_instant,
    normalize_time_text,
    parse_day,
    parse_time,
    parse_time_in_day,
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


@pytest.mark.parametrize(
    "text",
    [
        "10:45",
        "1045",
        "10.45",
        "10:45:00",
        "１０：４５",  # what a Japanese input method types in full-width mode
        "１０４５",
        "１０．４５",
        "10。45",  # the period key in hiragana mode
        "\u300010:45\u3000",  # full-width spaces around it
        "2023-11-15 10:45",
        "2023-11-15 1045",
        "2023-11-15T10.45",
        "２０２３－１１－１５　１０：４５",
        "２０２３ー１１ー１５ １０：４５",  # ー: the hyphen key in hiragana mode
        "11-15 10:45",  # the editor's own form: the date nearest to the tracking day
        "11-15 1045",
        "１１－１５　１０：４５",
    ],
)
def test_the_forms_people_type_for_one_time(text: str) -> None:
    assert parse_time(text, NOW, TOKYO, 4) == at(2023, 11, 15, 10, 45)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:05", at(2023, 11, 15, 9, 5)),
        ("905", at(2023, 11, 15, 9, 5)),
        ("9.05", at(2023, 11, 15, 9, 5)),
        ("０９０５", at(2023, 11, 15, 9, 5)),
        ("0130", at(2023, 11, 16, 1, 30)),  # before the day start: the coming night
        ("11-16 01:30", at(2023, 11, 16, 1, 30)),
        ("11-16 0330", at(2023, 11, 16, 3, 30)),
        ("11-14 23:00", at(2023, 11, 14, 23, 0)),
        ("2023-1-5 8:00", at(2023, 1, 5, 8, 0)),
    ],
)
def test_short_and_dated_forms(text: str, expected: int) -> None:
    assert parse_time(text, NOW, TOKYO, 4) == expected


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        ("12-31 23:00", dt.date(2024, 1, 2), at(2023, 12, 31, 23, 0)),  # last year's
        ("01-01 01:00", dt.date(2023, 12, 31), at(2024, 1, 1, 1, 0)),  # the new year's
        ("1-1 0100", dt.date(2023, 12, 31), at(2024, 1, 1, 1, 0)),
        ("06-01 10:00", dt.date(2023, 11, 15), at(2023, 6, 1, 10, 0)),
        ("02-29 10:00", dt.date(2024, 11, 15), at(2024, 2, 29, 10, 0)),
        ("02-29 10:00", dt.date(2023, 11, 15), at(2024, 2, 29, 10, 0)),  # the next one
        ("10:00", dt.date(2020, 5, 3), at(2020, 5, 3, 10, 0)),  # the given day, not today's
        ("02:00", dt.date(2020, 5, 3), at(2020, 5, 4, 2, 0)),
    ],
)
def test_a_date_without_a_year_is_the_nearest_to_the_day(
    text: str, day: dt.date, expected: int
) -> None:
    assert parse_time_in_day(text, day, TOKYO, 4) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("10.5", "time_unreadable"),  # half past ten, or ten and five minutes?
        ("10:5", "time_unreadable"),
        ("10", "time_unreadable"),  # an hour alone: say the minutes too
        ("12345", "time_unreadable"),
        ("1060", "time_invalid"),
        ("2400", "time_invalid"),
        ("１０：６０", "time_invalid"),
        ("13-01 10:00", "time_invalid"),
        ("02-30 10:00", "time_invalid"),
        ("04-31 10:00", "time_invalid"),
        ("11-15 25:00", "time_invalid"),
        ("11-15", "time_unreadable"),
        ("2023-11-15 10.5", "time_unreadable"),  # ISO would read 10:00 and half a second
        ("2023-11-15T10.75", "time_invalid"),  # not three quarters of an hour either
        ("10:45 ｐｍ", "time_unreadable"),
        ("１０時４５分", "time_unreadable"),
    ],
)
def test_unusable_forms_are_refused_with_their_code(text: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_time(text, NOW, TOKYO, 4)
    assert info.value.code == code
    assert info.value.params["text"] == text.strip()  # as typed, for the message
    assert text.strip() in str(info.value)


def test_a_leap_day_far_from_any_leap_year_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        parse_time_in_day("02-29 10:00", dt.date(2022, 11, 15), TOKYO, 4)
    assert info.value.code == "time_invalid"


def test_normalize_maps_full_width_to_ascii() -> None:
    assert normalize_time_text("　２０２６－１１－２８　　１０：４５ ") == "2026-11-28 10:45"
    assert normalize_time_text("１０．４５") == "10.45"
    assert normalize_time_text("10:45") == "10:45"


def test_day_time_text_shows_the_date_only_where_needed() -> None:
    day = dt.date(2023, 11, 15)
    assert day_time_text(at(2023, 11, 15, 9, 5, 40), day, TOKYO, 4) == "09:05"
    assert day_time_text(at(2023, 11, 15, 3, 0), day, TOKYO, 4) == "11-15 03:00"
    assert day_time_text(at(2023, 11, 16, 0, 30), day, TOKYO, 4) == "11-16 00:30"
    assert day_time_text(at(2023, 11, 14, 23, 0), day, TOKYO, 4) == "11-14 23:00"
    assert day_time_text(at(2023, 11, 15, 0, 30), day, TOKYO, 0) == "00:30"


def _wide(text: str) -> str:
    return text.translate({ord(c): 0xFF10 + int(c) for c in "0123456789"} | {ord(":"): "："})


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    day_start=st.integers(0, 23),
    zone=st.sampled_from(["Asia/Tokyo", "Europe/Berlin", "America/New_York"]),
    wide=st.booleans(),
)
def test_every_written_form_of_a_clock_time_is_the_same_instant(
    day: dt.date, hour: int, minute: int, day_start: int, zone: str, wide: bool
) -> None:
    tz = ZoneInfo(zone)
    try:
        expected = clock_in_day(day, dt.time(hour, minute), tz, day_start)
    except ValidationError:
        return  # a spring-forward gap: refused in every form
    forms = [
        f"{hour:02d}:{minute:02d}",
        f"{hour}:{minute:02d}",
        f"{hour:02d}{minute:02d}",
        f"{hour}{minute:02d}",
        f"{hour}.{minute:02d}",
        f" {hour:02d}:{minute:02d}:00 ",
    ]
    for form in forms:
        typed = _wide(form) if wide else form
        assert parse_time_in_day(typed, day, tz, day_start) == expected, typed


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
    offset_min=st.integers(-180 * 1440, 180 * 1440),
    day_start=st.integers(0, 23),
    zone=st.sampled_from(["Asia/Tokyo", "Europe/Berlin", "America/New_York"]),
)
def test_what_the_editor_shows_reads_back_as_the_same_minute(
    day: dt.date, offset_min: int, day_start: int, zone: str
) -> None:
    """``day_time_text`` is what a time cell shows and opens with; typed back unchanged it
    is the same minute (within half a year of the shown day)."""
    tz = ZoneInfo(zone)
    noon = dt.datetime.combine(day, dt.time(12), tz)
    instant = int(noon.timestamp()) + offset_min * 60
    shown = day_time_text(instant, day, tz, day_start)
    local = dt.datetime.fromtimestamp(instant, tz).replace(tzinfo=None)
    if local_to_instant(local, tz) != instant:
        return  # the second of two equal wall times (fall back): the first one is meant
    assert parse_time_in_day(shown, day, tz, day_start) == instant
