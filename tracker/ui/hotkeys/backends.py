"""The hotkey backend of the platform Qt runs on, with its Qt glue.

* ``xcb``: :class:`tracker.platform.hotkeys.x11.X11Grabber`, its connection watched by a
  ``QSocketNotifier``;
* ``windows``: ``RegisterHotKey``, ``WM_HOTKEY`` read by a native event filter;
* ``cocoa``: Carbon ``RegisterEventHotKey``, whose handler Carbon calls;
* ``wayland``: the XDG desktop portal ``GlobalShortcuts`` (``tracker.ui.hotkeys.portal``).

Anything else (``offscreen``) has no global keys: :class:`HotkeyUnavailable`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSocketNotifier
from PySide6.QtGui import QGuiApplication

from tracker.domain.hotkeys import parse_hotkey
from tracker.platform.hotkeys import FAILED, HotkeyUnavailable

if TYPE_CHECKING:
    from tracker.ui.hotkeys import Backend

Pressed = Callable[[str], None]
Report = Callable[[str, str], None]


class X11Backend:
    """XGrabKey on a connection of our own; presses arrive through its socket."""

    name = "X11"

    def __init__(self, pressed: Pressed, display: str | None = None) -> None:
        from tracker.platform.hotkeys.x11 import X11Grabber

        self._grabber = X11Grabber(display)
        self._pressed = pressed
        self._notifier = QSocketNotifier(self._grabber.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._read)

    def _read(self) -> None:
        for name in self._grabber.pressed():
            self._pressed(name)

    def grab(self, name: str, text: str) -> str:
        hotkey = parse_hotkey(text)
        if hotkey is None:
            return FAILED
        result = self._grabber.grab(name, hotkey)
        self._read()  # events read while checking the grab would not wake the notifier
        return result

    def release(self, name: str) -> None:
        self._grabber.release(name)

    def close(self) -> None:
        self._notifier.setEnabled(False)
        self._grabber.close()


def create(pressed: Pressed, report: Report) -> Backend:
    """The backend for this platform; :class:`HotkeyUnavailable` where there is none."""
    platform = QGuiApplication.platformName()
    if platform == "xcb":
        return X11Backend(pressed)
    if platform == "windows":
        from tracker.ui.hotkeys.windows import WindowsBackend

        return WindowsBackend(pressed)
    if platform == "cocoa":
        from tracker.ui.hotkeys.macos import MacBackend

        return MacBackend(pressed)
    if platform.startswith("wayland"):
        from tracker.ui.hotkeys.portal import PortalBackend

        return PortalBackend(pressed, report)
    raise HotkeyUnavailable(code="hotkeys_platform", params={"platform": platform})
