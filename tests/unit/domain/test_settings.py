"""Settings: declared once, parsed and formatted in one place (DESIGN.md §6)."""

from __future__ import annotations

from typing import Any

import pytest

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
        "start_at_login": "off",
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
        ("target", "0", 0.0),
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
        ("start_at_login", "on", "on"),
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
    ],
)
def test_bad_values_are_refused_naming_the_setting(key: str, text: str) -> None:
    with pytest.raises(ValidationError, match=key):
        parse_setting(key, text)


def test_unknown_key_lists_the_known_ones() -> None:
    with pytest.raises(ValidationError, match=r"unknown setting 'colour'.*target.*day_start"):
        parse_setting("colour", "blue")


def test_formatting() -> None:
    assert format_setting("target", 0.25) == "0.25"
    assert format_setting("disposable_hours", 10.0) == "10"
    assert format_setting("day_start", 4) == "4"
