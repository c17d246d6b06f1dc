"""Settings: declared once with type, default, validation and formatting (DESIGN.md §6)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tracker.domain.model import ValidationError


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    parse: Callable[[str], Any]
    format: Callable[[Any], str]
    help: str


def _parse_target(text: str) -> float:
    value = text.strip()
    try:
        number = float(value[:-1]) / 100 if value.endswith("%") else float(value)
    except ValueError:
        raise ValidationError(
            f"target {text!r} is not a number; use a fraction like 0.25 or a percentage like 25%"
        ) from None
    if not 0 <= number <= 1:
        raise ValidationError(f"target {text!r} is out of range; use 0–1 or 0%–100%")
    return round(number, 6)


def _fmt_float(value: float) -> str:
    return f"{value:g}"


def _whole(text: str) -> int | None:
    """A plain ASCII whole number, else None (``'²'.isdigit()`` is true, int() refuses it)."""
    value = text.strip()
    return int(value) if value.isascii() and value.isdigit() else None


def _parse_hour(text: str) -> int:
    hour = _whole(text)
    if hour is None or not 0 <= hour <= 23:
        raise ValidationError(f"day_start {text!r} must be an hour from 0 to 23")
    return hour


_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _parse_end_of_day(text: str) -> str:
    value = text.strip().lower()
    if value == "off":
        return "off"
    m = _HHMM.match(value)
    if not m:
        raise ValidationError(f"end_of_day {text!r} must be HH:MM (like 18:00) or off")
    return f"{int(m[1]):02d}:{m[2]}"


def _parse_hours(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValidationError(f"disposable_hours {text!r} must be a number of hours") from None
    if not 0 < value <= 24:
        raise ValidationError(f"disposable_hours {text!r} must be more than 0 and at most 24")
    return value


def _parse_minutes(key: str, maximum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        minutes = _whole(text)
        if minutes is None or minutes > maximum:
            raise ValidationError(
                f"{key} {text!r} must be a whole number of minutes from 0 to {maximum}"
            )
        return minutes

    return parse


def _choice(key: str, choices: tuple[str, ...]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = text.strip().lower()
        if value not in choices:
            raise ValidationError(f"{key} {text!r} must be one of: {', '.join(choices)}")
        return value

    return parse


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("target", 0.2, _parse_target, _fmt_float, "growth ratio to reach, 0–1 or 25%"),
        Setting("day_start", 4, _parse_hour, str, "hour a tracking day begins, 0–23"),
        Setting("end_of_day", "18:00", _parse_end_of_day, str, "summary time, HH:MM or off"),
        Setting("disposable_hours", 10.0, _parse_hours, _fmt_float, "work hours per day"),
        Setting("away_minutes", 5, _parse_minutes("away_minutes", 240), str, "away after, 0 = off"),
        Setting("language", "system", _choice("language", ("system", "ja", "en")), str, "UI"),
        Setting(
            "tray_click", "toggle", _choice("tray_click", ("toggle", "panel", "none")), str, ""
        ),
        Setting("start_at_login", "off", _choice("start_at_login", ("on", "off")), str, ""),
    )
}


def parse_setting(key: str, text: str) -> Any:
    spec = SETTINGS.get(key)
    if spec is None:
        raise ValidationError(f"unknown setting {key!r}; known settings: {', '.join(SETTINGS)}")
    return spec.parse(text)


def format_setting(key: str, value: Any) -> str:
    return SETTINGS[key].format(value)
