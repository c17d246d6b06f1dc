"""macOS idle time: ``CGEventSourceSecondsSinceLastEventType`` from CoreGraphics.

Asked for the combined session state and any input event type, it returns seconds (a
double) since the last keyboard, mouse or trackpad event. ``_load_library`` is the one
place that touches the OS; tests replace it with a C-callable fake.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from typing import Any

from tracker.platform.idle import IdleError

COMBINED_SESSION_STATE = 0  # kCGEventSourceStateCombinedSessionState
ANY_INPUT_EVENT = 0xFFFFFFFF  # kCGAnyInputEventType (~0)
CORE_GRAPHICS = "/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics"


def _load_library() -> Any:
    path = ctypes.util.find_library("CoreGraphics") or CORE_GRAPHICS
    try:
        return ctypes.CDLL(path)
    except OSError as exc:
        raise IdleError(
            code="idle_no_library",
            variant="macos",
            params={"library": "CoreGraphics", "detail": str(exc)},
        ) from exc


class MacIdle:
    """Seconds since the last input in the user's session."""

    name = "macos"

    def __init__(self) -> None:
        library = _load_library()
        self._since = library.CGEventSourceSecondsSinceLastEventType
        self._since.argtypes = [ctypes.c_int32, ctypes.c_uint32]
        self._since.restype = ctypes.c_double
        self.available = True
        self.reason = ""

    def idle_seconds(self) -> float | None:
        value = float(self._since(COMBINED_SESSION_STATE, ANY_INPUT_EVENT))
        if value != value or value < 0:  # NaN or nonsense: treat as unknown
            return None
        return value

    def locked(self) -> bool | None:
        return None

    def close(self) -> None:
        pass
