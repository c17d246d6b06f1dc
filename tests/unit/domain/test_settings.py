"""Settings: declared once, parsed and formatted in one place (docs/architecture.md §6)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.model import ValidationError
from tracker.domain.settings import SETTINGS, format_setting, parse_setting


def test_the_declared_keys_and_defaults() -> None:
    assert {k: s.default for k, s in SETTINGS.items()} == {
        "target": 0.2,
        "day_start": 4,
        "end_of_day": "18:00",
        "disposable_hours": 10.0,
        "away_minutes": 5,
        "language": "system",
        "tray_click": "toggle",
        "click_label": "last",
        "start_at_login": "off",
        "remind_untracked": 0,
        "remind_long_block": 0.0,
        "work_hours": (540, 1080),
        "work_days": frozenset({0, 1, 2, 3, 4}),
        "hotkey_toggle": "",
        "hotkey_switcher": "",
        "sync_folder": "",
        "device_name": "",
        "team_folder": "",
        "team_name": "",
        "team_share_totals": True,
        "team_share_learning": True,
        "team_share_hotspots": True,
    }


@pytest.mark.parametrize("key", list(SETTINGS))
def test_every_default_survives_format_and_parse(key: str) -> None:
    default = SETTINGS[key].default
    assert parse_setting(key, format_setting(key, default)) == default


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("target", "25%", 0.25),
        ("target", "0.25", 0.25),
        ("target", " 30 % ", 0.3),
        ("target", "0.01", 0.01),
        ("target", "1%", 0.01),
        ("target", "100%", 1.0),
        ("target", "1", 1.0),
        ("day_start", "0", 0),
        ("day_start", "23", 23),
        ("day_start", " 5 ", 5),
        ("end_of_day", "9:05", "09:05"),
        ("end_of_day", "OFF", "off"),
        ("disposable_hours", "7.5", 7.5),
        ("away_minutes", "0", 0),
        ("away_minutes", "240", 240),
        ("language", "JA", "ja"),
        ("tray_click", "panel", "panel"),
        ("click_label", " Empty ", "empty"),
        ("start_at_login", "on", "on"),
        ("remind_untracked", "30", 30),
        ("remind_long_block", "1.5", 1.5),
        ("work_hours", "9-17:30", (540, 1050)),
        ("work_hours", "22:00 – 06:00", (1320, 360)),
        ("work_hours", "08:00-24:00", (480, 0)),
        ("work_days", "Mon - Fri", frozenset(range(5))),
        ("work_days", "mon,wed,friday", frozenset({0, 2, 4})),
        ("work_days", "sat-mon", frozenset({5, 6, 0})),
        ("work_days", "every day", frozenset(range(7))),
    ],
)
def test_good_values(key: str, text: str, value: Any) -> None:
    assert parse_setting(key, text) == value


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("target", "abc"),
        ("target", ""),
        ("target", "%"),
        ("target", "1.5"),
        ("target", "-0.1"),
        ("target", "150%"),
        ("target", "nan"),
        ("target", "inf"),
        ("day_start", "24"),
        ("day_start", "-1"),
        ("day_start", "4.5"),
        ("day_start", "²"),
        ("day_start", ""),
        ("end_of_day", "24:00"),
        ("end_of_day", "18"),
        ("disposable_hours", "0"),
        ("disposable_hours", "25"),
        ("disposable_hours", "nan"),
        ("disposable_hours", "ten"),
        ("away_minutes", "241"),
        ("away_minutes", "-1"),
        ("away_minutes", "1.5"),
        ("away_minutes", "³"),
        ("language", "fr"),
        ("tray_click", "double"),
        ("start_at_login", "yes"),
        ("remind_untracked", "481"),
        ("remind_long_block", "13"),
        ("remind_long_block", "nan"),
        ("work_hours", "9:00"),
        ("work_hours", "09:00-09:00"),
        ("work_hours", "25:00-26:00"),
        ("work_hours", "09:60-18:00"),
        ("work_days", ""),
        ("work_days", "mo"),
        ("work_days", "weekdays"),
    ],
)
def test_bad_values_are_refused_naming_the_setting(key: str, text: str) -> None:
    with pytest.raises(ValidationError, match=key):
        parse_setting(key, text)


def test_unknown_key_lists_the_known_ones() -> None:
    with pytest.raises(ValidationError, match=r"unknown setting 'colour'.*target.*day_start"):
        parse_setting("colour", "blue")


def test_formatting() -> None:
    assert format_setting("work_hours", (540, 1080)) == "09:00-18:00"
    assert format_setting("work_days", frozenset(range(5))) == "mon-fri"
    assert format_setting("work_days", frozenset({0, 2, 4})) == "mon,wed,fri"
    assert format_setting("work_days", frozenset({6})) == "sun"
    assert format_setting("target", 0.25) == "0.25"
    assert format_setting("disposable_hours", 10.0) == "10"
    assert format_setting("day_start", 4) == "4"


@given(st.frozensets(st.integers(0, 6), min_size=1))
def test_any_set_of_work_days_survives_format_and_parse(days: frozenset[int]) -> None:
    assert parse_setting("work_days", format_setting("work_days", days)) == days


@given(st.integers(0, 1439), st.integers(1, 1439))
def test_any_work_hours_survive_format_and_parse(start: int, length: int) -> None:
    hours = (start, (start + length) % 1440)
    assert parse_setting("work_hours", format_setting("work_hours", hours)) == hours


@pytest.mark.parametrize("text", ["0", "0%", " 0 % ", "0.0", "-0", "0.0000001", "0.00001%"])
def test_a_target_of_zero_is_refused(text: str) -> None:
    """Every tracked day would meet 0 %: it would mean "no target", so it is not accepted."""
    with pytest.raises(ValidationError) as info:
        parse_setting("target", text)
    assert info.value.code == "target_zero"
    assert "would be met by every day" in str(info.value)
