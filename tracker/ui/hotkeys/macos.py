"""macOS: Carbon ``RegisterEventHotKey``; Carbon calls the handler on the main thread."""

from __future__ import annotations

from collections.abc import Callable

from tracker.domain.hotkeys import parse_hotkey
from tracker.platform.hotkeys import FAILED
from tracker.platform.hotkeys.macos import CarbonHotkeys


class MacBackend:
    name = "macOS"

    def __init__(self, pressed: Callable[[str], None], hotkeys: CarbonHotkeys | None = None):
        self._hotkeys = hotkeys or CarbonHotkeys(pressed)

    def grab(self, name: str, text: str) -> str:
        hotkey = parse_hotkey(text)
        return FAILED if hotkey is None else self._hotkeys.grab(name, hotkey)

    def release(self, name: str) -> None:
        self._hotkeys.release(name)

    def close(self) -> None:
        self._hotkeys.close()
