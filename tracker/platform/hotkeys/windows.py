"""Windows global hotkeys: ``RegisterHotKey`` (user32) and its ``WM_HOTKEY`` messages.

A hotkey registered without a window (``hWnd`` NULL) is posted to the registering thread's
queue; Qt's native event filter sees that message and passes it to :meth:`message`.
``RegisterHotKey`` fails with ERROR_HOTKEY_ALREADY_REGISTERED (1409) when another program
holds the key: that is :data:`TAKEN`. ``user32`` and ``last_error`` can be given, so the
code above the OS call runs (and is tested) on any system.
"""

from __future__ import annotations

import ctypes
import string
from collections.abc import Callable
from typing import Any

from tracker.domain.hotkeys import FUNCTION_KEYS, Hotkey
from tracker.platform.hotkeys import FAILED, OK, TAKEN, HotkeyUnavailable

MOD_ALT, MOD_CONTROL, MOD_SHIFT, MOD_WIN, MOD_NOREPEAT = 0x1, 0x2, 0x4, 0x8, 0x4000
MASKS = {"Alt": MOD_ALT, "Ctrl": MOD_CONTROL, "Shift": MOD_SHIFT, "Meta": MOD_WIN}
WM_HOTKEY = 0x0312
ERROR_HOTKEY_ALREADY_REGISTERED = 1409
IDS = {"hotkey_toggle": 0x4754, "hotkey_switcher": 0x4755}  # any id below 0xC000

_VK = {
    "Space": 0x20,
    "PgUp": 0x21,
    "PgDown": 0x22,
    "End": 0x23,
    "Home": 0x24,
    "Left": 0x25,
    "Up": 0x26,
    "Right": 0x27,
    "Down": 0x28,
    "Print": 0x2C,
    "Ins": 0x2D,
    "Del": 0x2E,
    "Pause": 0x13,
    ";": 0xBA,
    "=": 0xBB,
    ",": 0xBC,
    "-": 0xBD,
    ".": 0xBE,
    "/": 0xBF,
    "`": 0xC0,
    "[": 0xDB,
    "\\": 0xDC,
    "]": 0xDD,
    "'": 0xDE,
}


def virtual_key(key: str) -> int:
    """The virtual-key code (US layout positions for punctuation, VK_OEM_*)."""
    if key in _VK:
        return _VK[key]
    if key in FUNCTION_KEYS:
        return 0x70 + int(key[1:]) - 1  # VK_F1 … VK_F24
    if key in string.ascii_uppercase or key in string.digits:
        return ord(key)
    raise KeyError(key)


def modifiers(hotkey: Hotkey) -> int:
    mask = MOD_NOREPEAT  # holding the key down sends it once
    for name in hotkey.modifiers:
        mask |= MASKS[name]
    return mask


class MSG(ctypes.Structure):
    """The Win32 MSG structure (as Qt hands it to a native event filter)."""

    _fields_ = [
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint),
        ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t),
        ("time", ctypes.c_uint32),
        ("pt_x", ctypes.c_long),
        ("pt_y", ctypes.c_long),
    ]


class WindowsHotkeys:
    """RegisterHotKey for the two named keys of this thread."""

    name = "Windows"

    def __init__(self, user32: Any = None, last_error: Callable[[], int] | None = None) -> None:
        if user32 is None:
            dll = getattr(ctypes, "WinDLL", None)
            if dll is None:
                raise HotkeyUnavailable(code="hotkeys_windows_only")
            user32 = dll("user32", use_last_error=True)
            user32.RegisterHotKey.argtypes = [
                ctypes.c_void_p,
                ctypes.c_int,
                ctypes.c_uint,
                ctypes.c_uint,
            ]
            user32.UnregisterHotKey.argtypes = [ctypes.c_void_p, ctypes.c_int]
            last_error = ctypes.get_last_error  # type: ignore[attr-defined]  # Windows only
        self._user32 = user32
        self._last_error = last_error or (lambda: 0)
        self._held: set[str] = set()

    def grab(self, name: str, hotkey: Hotkey) -> str:
        self.release(name)
        if not self._user32.RegisterHotKey(
            None, IDS[name], modifiers(hotkey), virtual_key(hotkey.key)
        ):
            error = self._last_error()
            return TAKEN if error == ERROR_HOTKEY_ALREADY_REGISTERED else FAILED
        self._held.add(name)
        return OK

    def release(self, name: str) -> None:
        if name in self._held:
            self._held.discard(name)
            self._user32.UnregisterHotKey(None, IDS[name])

    def message(self, address: int) -> str | None:
        """The name of our hotkey a native ``MSG`` at ``address`` reports, else None."""
        msg = MSG.from_address(address)
        if msg.message != WM_HOTKEY:
            return None
        for name, ident in IDS.items():
            if msg.wParam == ident and name in self._held:
                return name
        return None

    def close(self) -> None:
        for name in list(self._held):
            self.release(name)
