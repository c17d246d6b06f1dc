"""Windows: ``RegisterHotKey`` with ``WM_HOTKEY`` read by a Qt native event filter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication

from tracker.domain.hotkeys import parse_hotkey
from tracker.platform.hotkeys import FAILED
from tracker.platform.hotkeys.windows import WindowsHotkeys


class _Filter(QAbstractNativeEventFilter):
    def __init__(self, hotkeys: WindowsHotkeys, pressed: Callable[[str], None]) -> None:
        super().__init__()
        self._hotkeys = hotkeys
        self._pressed = pressed

    def nativeEventFilter(self, eventType: Any, message: int) -> tuple[bool, int]:
        if bytes(eventType) not in (b"windows_generic_MSG", b"windows_dispatcher_MSG"):
            return False, 0
        name = self._hotkeys.message(int(message))
        if name is None:
            return False, 0
        self._pressed(name)
        return True, 0


class WindowsBackend:
    name = "Windows"

    def __init__(
        self, pressed: Callable[[str], None], hotkeys: WindowsHotkeys | None = None
    ) -> None:
        self._hotkeys = hotkeys or WindowsHotkeys()
        self.filter = _Filter(self._hotkeys, pressed)
        app = QCoreApplication.instance()
        if app is not None:
            app.installNativeEventFilter(self.filter)

    def grab(self, name: str, text: str) -> str:
        hotkey = parse_hotkey(text)
        return FAILED if hotkey is None else self._hotkeys.grab(name, hotkey)

    def release(self, name: str) -> None:
        self._hotkeys.release(name)

    def close(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeNativeEventFilter(self.filter)
        self._hotkeys.close()
