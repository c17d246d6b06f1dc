"""Settings: declared once with type, default, validation, formatting (docs/architecture.md §6)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tracker.domain.figures import DEFAULT_DAY_START, DEFAULT_TARGET
from tracker.domain.hotkeys import format_hotkey_setting, parse_hotkey_setting
from tracker.domain.model import ValidationError, clean_label


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
            code="target_not_number",
            params={"text": text},
        ) from None
    if not 0 <= number <= 1:
        raise ValidationError(
            code="target_range",
            params={"text": text},
        )
    # 0 % is refused: every tracked day would meet it, so it would mean "no target".
    if round(number, 6) == 0:
        raise ValidationError(
            code="target_zero",
            params={"text": text},
        )
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
        raise ValidationError(
            code="day_start_range",
            params={"text": text},
        )
    return hour


_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _parse_end_of_day(text: str) -> str:
    value = text.strip().lower()
    if value == "off":
        return "off"
    m = _HHMM.match(value)
    if not m:
        raise ValidationError(
            code="end_of_day_format",
            params={"text": text},
        )
    return f"{int(m[1]):02d}:{m[2]}"


def _parse_hours(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValidationError(
            code="hours_not_number",
            params={"text": text},
        ) from None
    if not 0 < value <= 24:
        raise ValidationError(
            code="hours_range",
            params={"text": text},
        )
    return value


def _parse_minutes(key: str, maximum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        minutes = _whole(text)
        if minutes is None or minutes > maximum:
            raise ValidationError(
                code="minutes_range",
                params={"key": key, "text": text, "max": maximum},
            )
        return minutes

    return parse


def _parse_long_block(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValidationError(
            code="long_block_not_number",
            params={"text": text},
        ) from None
    if not 0 <= value <= 12:
        raise ValidationError(
            code="long_block_range",
            params={"text": text},
        )
    return value


_SPAN = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*[-–~〜]\s*(\d{1,2})(?::(\d{2}))?$")


def _parse_work_hours(text: str) -> tuple[int, int]:
    """ "09:00-18:00" as minutes after midnight; an end before the start runs overnight."""
    m = _SPAN.match(text.strip())
    bad = ValidationError(
        code="work_hours_format",
        params={"text": text},
    )
    if not m:
        raise bad
    start_h, start_m, end_h, end_m = (int(x or 0) for x in m.groups())
    if start_h > 23 or end_h > 24 or start_m > 59 or end_m > 59 or (end_h == 24 and end_m):
        raise bad
    start, end = start_h * 60 + start_m, end_h * 60 + end_m
    if start == end % 1440:
        raise ValidationError(
            code="work_hours_same",
            params={"text": text},
        )
    return start, end % 1440


def _fmt_work_hours(value: tuple[int, int]) -> str:
    start, end = value
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday(word: str, text: str) -> int:
    """A weekday number (Monday 0) from "mon", "tues", "monday"…"""
    word = word.strip()
    for number, name in enumerate(_DAY_NAMES):
        if len(word) >= 3 and name.startswith(word):
            return number
    raise ValidationError(
        code="work_days_bad_day",
        params={"text": text, "word": word},
    )


def _parse_work_days(text: str) -> frozenset[int]:
    """ "mon-fri", "mon,wed,fri", "sat-mon" (a range may wrap round the week), "every day"."""
    value = text.strip().lower()
    if value in ("daily", "every day", "all"):
        return frozenset(range(7))
    days: set[int] = set()
    value = re.sub(r"\s*[-–~]\s*", "-", value)
    for part in filter(None, (p.strip() for p in value.replace(" ", ",").split(","))):
        if "-" in part:
            first, _, last = part.partition("-")
            a, b = _weekday(first, text), _weekday(last, text)
            days.update((a + i) % 7 for i in range((b - a) % 7 + 1))
        else:
            days.add(_weekday(part, text))
    if not days:
        raise ValidationError(
            code="work_days_none",
            params={"text": text},
        )
    return frozenset(days)


def _fmt_work_days(days: frozenset[int]) -> str:
    """Canonical text: one range when the days follow each other (mon-fri), else a list."""
    ordered = sorted(days)
    if len(ordered) == 1:
        return WEEKDAYS[ordered[0]]
    if ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{WEEKDAYS[ordered[0]]}-{WEEKDAYS[ordered[-1]]}"
    return ",".join(WEEKDAYS[d] for d in ordered)


def _choice(key: str, choices: tuple[str, ...]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = text.strip().lower()
        if value not in choices:
            raise ValidationError(
                code="choice",
                params={"key": key, "text": text, "choices": ", ".join(choices)},
            )
        return value

    return parse


def _parse_sync_folder(text: str) -> str:
    """A folder path (empty = sync off); whether it exists is checked where it is used."""
    value = text.strip()
    if any(ord(ch) < 32 for ch in value) or len(value) > 4096:
        raise ValidationError(code="sync_folder_text", params={"text": text})
    return value


def _parse_device_name(text: str) -> str:
    """A name people know the PC by (empty = the computer's name)."""
    try:
        value = clean_label(text)
    except ValidationError as exc:
        # the same rules as a label's, said of the name
        if exc.code == "label_too_long":
            raise ValidationError(
                code="device_name_too_long", params={"max": DEVICE_NAME_MAX}
            ) from None
        raise ValidationError(code="device_name_control") from None
    if len(value) > DEVICE_NAME_MAX:
        raise ValidationError(code="device_name_too_long", params={"max": DEVICE_NAME_MAX})
    return value


DEVICE_NAME_MAX = 64
TEAM_NAME_MAX = 64


def _parse_team_folder(text: str) -> str:
    """The team folder (empty = not sharing); whether it exists is checked where it is used."""
    value = text.strip()
    if any(ord(ch) < 32 for ch in value) or len(value) > 4096:
        raise ValidationError(code="team_folder_text", params={"text": text})
    return value


def _parse_team_name(text: str) -> str:
    """The name the team sees (one line, at most 64 characters; empty = not chosen yet)."""
    try:
        value = clean_label(text)
    except ValidationError:
        raise ValidationError(code="team_name_bad", params={"max": TEAM_NAME_MAX}) from None
    if len(value) > TEAM_NAME_MAX:
        raise ValidationError(code="team_name_bad", params={"max": TEAM_NAME_MAX})
    return value


_ON = ("on", "true", "yes", "1")
_OFF = ("off", "false", "no", "0")


def _switch(key: str) -> Callable[[str], bool]:
    def parse(text: str) -> bool:
        value = text.strip().lower()
        if value in _ON or value in _OFF:
            return value in _ON
        raise ValidationError(
            code="choice", params={"key": key, "text": text, "choices": "on, off"}
        )

    return parse


def _fmt_switch(value: bool) -> str:
    return "on" if value else "off"


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting(
            "target", DEFAULT_TARGET, _parse_target, _fmt_float, "growth ratio to reach, 0–1 or 25%"
        ),
        Setting(
            "day_start", DEFAULT_DAY_START, _parse_hour, str, "hour a tracking day begins, 0–23"
        ),
        Setting("end_of_day", "18:00", _parse_end_of_day, str, "summary time, HH:MM or off"),
        Setting("disposable_hours", 10.0, _parse_hours, _fmt_float, "work hours per day"),
        Setting("away_minutes", 5, _parse_minutes("away_minutes", 240), str, "away after, 0 = off"),
        Setting("language", "system", _choice("language", ("system", "ja", "en")), str, "UI"),
        Setting(
            "tray_click", "toggle", _choice("tray_click", ("toggle", "panel", "none")), str, ""
        ),
        Setting(
            "click_label",
            "last",
            _choice("click_label", ("last", "empty")),
            str,
            "a tray click continues the last label of the kind it starts, or starts unlabelled",
        ),
        Setting("start_at_login", "off", _choice("start_at_login", ("on", "off")), str, ""),
        Setting(
            "remind_untracked",
            0,
            _parse_minutes("remind_untracked", 480),
            str,
            "remind after this many untracked minutes in work hours, 0 = off",
        ),
        Setting(
            "remind_long_block",
            0.0,
            _parse_long_block,
            _fmt_float,
            "remind when one block runs this many hours, 0 = off",
        ),
        Setting("work_hours", (540, 1080), _parse_work_hours, _fmt_work_hours, "HH:MM-HH:MM"),
        Setting(
            "work_days",
            frozenset(range(5)),
            _parse_work_days,
            _fmt_work_days,
            "mon-fri or a list like mon,tue,thu",
        ),
        Setting(
            "hotkey_toggle",
            "",
            parse_hotkey_setting,
            format_hotkey_setting,
            "key like Ctrl+Alt+G that clicks the icon, off = none",
        ),
        Setting(
            "hotkey_switcher",
            "",
            parse_hotkey_setting,
            format_hotkey_setting,
            "key that opens the quick switcher, off = none",
        ),
        Setting("sync_folder", "", _parse_sync_folder, str, "folder to sync through, empty = off"),
        Setting("device_name", "", _parse_device_name, str, "this PC's name in sync"),
        Setting("team_folder", "", _parse_team_folder, str, "team folder, empty = not sharing"),
        Setting("team_name", "", _parse_team_name, str, "your name in the team view"),
        Setting(
            "team_share_totals",
            True,
            _switch("team_share_totals"),
            _fmt_switch,
            "share task and growth time per day",
        ),
        Setting(
            "team_share_learning",
            True,
            _switch("team_share_learning"),
            _fmt_switch,
            "share growth labels with their time",
        ),
        Setting(
            "team_share_hotspots",
            True,
            _switch("team_share_hotspots"),
            _fmt_switch,
            "share routine labels with their time",
        ),
    )
}


def parse_setting(key: str, text: str) -> Any:
    spec = SETTINGS.get(key)
    if spec is None:
        raise ValidationError(
            code="unknown_setting",
            params={"key": key, "known": ", ".join(SETTINGS)},
        )
    return spec.parse(text)


def format_setting(key: str, value: Any) -> str:
    return SETTINGS[key].format(value)
