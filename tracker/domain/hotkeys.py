"""Global hotkeys as text: ``Ctrl+Alt+G`` parsed and checked without Qt (docs/architecture.md §6).

The settings ``hotkey_toggle`` and ``hotkey_switcher`` hold a key the way Qt writes a
``QKeySequence`` (``Ctrl+Alt+G``); empty means off. The text is parsed here so the CLI
refuses what the tray could never grab, with the same rules: modifiers from Ctrl, Alt,
Shift and Meta (Super, Win and Cmd are read as Meta) in any order and case, then exactly
one key. A key alone, or with Shift alone, would steal ordinary typing in every other
program, so Ctrl, Alt or Meta is required — except for F1–F24, which type nothing.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from tracker.domain.model import ValidationError

# Qt's order in QKeySequence.toString() on Linux and Windows: Meta+Ctrl+Alt+Shift.
MODIFIERS = ("Meta", "Ctrl", "Alt", "Shift")
_MODIFIER_NAMES = {
    "meta": "Meta",
    "super": "Meta",
    "win": "Meta",
    "cmd": "Meta",
    "ctrl": "Ctrl",
    "control": "Ctrl",
    "alt": "Alt",
    "option": "Alt",
    "shift": "Shift",
}
FUNCTION_KEYS = tuple(f"F{n}" for n in range(1, 25))
NAMED_KEYS = (
    "Space",
    "Home",
    "End",
    "PgUp",
    "PgDown",
    "Ins",
    "Del",
    "Left",
    "Right",
    "Up",
    "Down",
    "Pause",
    "Print",
)
_ALIASES = {"pageup": "PgUp", "pagedown": "PgDown", "insert": "Ins", "delete": "Del"}
PUNCTUATION = ",.-=;'/[]\\`"
KEYS = (
    tuple(string.ascii_uppercase)
    + tuple(string.digits)
    + FUNCTION_KEYS
    + NAMED_KEYS
    + tuple(PUNCTUATION)
)
_KEYS_BY_LOWER = {key.lower(): key for key in KEYS} | _ALIASES


@dataclass(frozen=True)
class Hotkey:
    """One key with its modifiers; ``str()`` is the canonical text (Qt's)."""

    modifiers: frozenset[str]
    key: str

    def __str__(self) -> str:
        names = [m for m in MODIFIERS if m in self.modifiers]
        return "+".join([*names, self.key])


def _split(text: str) -> list[str]:
    """``Ctrl++`` is not offered, but ``Ctrl+,`` and ``Alt+-`` are: split on '+' only
    between words."""
    parts = text.split("+")
    return [p.strip() for p in parts]


def parse_hotkey(text: str) -> Hotkey | None:
    """The hotkey ``text`` names, None for an empty text (off)."""
    value = text.strip()
    if not value or value.lower() == "off":
        return None
    parts = _split(value)
    *mods, key_word = parts
    modifiers: set[str] = set()
    for word in mods:
        name = _MODIFIER_NAMES.get(word.lower())
        if name is None:
            raise ValidationError(code="hotkey_format", params={"text": text, "word": word})
        modifiers.add(name)
    key = _KEYS_BY_LOWER.get(key_word.lower())
    if key is None:
        raise ValidationError(code="hotkey_format", params={"text": text, "word": key_word})
    if key not in FUNCTION_KEYS and not modifiers & {"Ctrl", "Alt", "Meta"}:
        raise ValidationError(code="hotkey_modifier", params={"text": text})
    return Hotkey(frozenset(modifiers), key)


def parse_hotkey_setting(text: str) -> str:
    """The setting's value: the canonical text, '' when off."""
    hotkey = parse_hotkey(text)
    return "" if hotkey is None else str(hotkey)


def format_hotkey_setting(value: str) -> str:
    """``off`` for no key, so ``config`` prints ``key = value`` with a value (§6)."""
    return value or "off"
