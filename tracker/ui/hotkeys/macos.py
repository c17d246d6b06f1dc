"""macOS: Carbon (not built yet)."""

from __future__ import annotations

from collections.abc import Callable

from tracker.platform.hotkeys import HotkeyUnavailable


class MacBackend:
    name = "macOS"

    def __init__(self, pressed: Callable[[str], None]) -> None:
        raise HotkeyUnavailable("the macOS backend is not available yet")

    def grab(self, name: str, text: str) -> str:
        raise NotImplementedError

    def release(self, name: str) -> None:
        pass

    def close(self) -> None:
        pass
