"""Windows idle time: ``GetLastInputInfo`` against ``GetTickCount`` (user32, kernel32).

Both counters are 32-bit milliseconds since boot and wrap every 49.7 days, so the
difference is taken modulo 2**32. The libraries are loaded by ``_load_libraries``; tests
replace that one function with C-callable fakes so the structure and argument marshalling
below still run for real.
"""

from __future__ import annotations

import ctypes
from typing import Any

from tracker.platform.idle import IdleError

WRAP = 2**32


class LASTINPUTINFO(ctypes.Structure):
    _fields_ = [
        ("cbSize", ctypes.c_uint32),
        ("dwTime", ctypes.c_uint32),
    ]


def _load_libraries() -> tuple[Any, Any]:
    """(user32, kernel32); raises OSError when they cannot be loaded (not Windows)."""
    windll = getattr(ctypes, "WinDLL", None)
    if windll is None:
        raise IdleError(code="idle_not_windows")
    return windll("user32"), windll("kernel32")


class WindowsIdle:
    """Seconds since the last input in this session (any desktop, any application)."""

    name = "windows"

    def __init__(self) -> None:
        user32, kernel32 = _load_libraries()
        self._get_last_input = user32.GetLastInputInfo
        self._get_last_input.argtypes = [ctypes.POINTER(LASTINPUTINFO)]
        self._get_last_input.restype = ctypes.c_int
        self._tick_count = kernel32.GetTickCount
        self._tick_count.argtypes = []
        self._tick_count.restype = ctypes.c_uint32
        self.available = True
        self.reason = ""

    def idle_seconds(self) -> float | None:
        info = LASTINPUTINFO()
        info.cbSize = ctypes.sizeof(LASTINPUTINFO)
        if not self._get_last_input(ctypes.byref(info)):
            return None
        now = int(self._tick_count())
        return ((now - int(info.dwTime)) % WRAP) / 1000.0

    def locked(self) -> bool | None:
        return None

    def close(self) -> None:
        pass
