"""Wayland: the XDG desktop portal ``GlobalShortcuts``, its connection watched by Qt.

The portal answers later (it may ask the user), so a key is ``pending`` until then and
its final status arrives through ``report``; a change binds the whole set anew, once per
turn of the event loop however many keys changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer

from tracker.domain.hotkeys import parse_hotkey
from tracker.platform.hotkeys.portal import PENDING, PortalShortcuts


class PortalBackend:
    name = "XDG desktop portal"

    def __init__(
        self,
        pressed: Callable[[str], None],
        report: Callable[[str, str], None],
        bus: str | None = None,
    ) -> None:
        self._shortcuts = PortalShortcuts(pressed, report, bus)
        self._notifier = QSocketNotifier(self._shortcuts.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._shortcuts.dispatch)
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._shortcuts.bind)

    def _descriptions(self) -> dict[str, str]:
        """What the desktop lists for each shortcut (in its shortcut settings)."""
        return {
            "hotkey_toggle": QCoreApplication.translate(
                "Hotkeys", "Growth Tracker: switch task ⇄ growth"
            ),
            "hotkey_switcher": QCoreApplication.translate(
                "Hotkeys", "Growth Tracker: quick switcher"
            ),
        }

    def grab(self, name: str, text: str) -> str:
        self._shortcuts.set(name, parse_hotkey(text), self._descriptions().get(name, name))
        self._timer.start()
        return PENDING

    def release(self, name: str) -> None:
        if name in self._shortcuts.wanted:
            self._shortcuts.set(name, None)
            self._timer.start()

    def close(self) -> None:
        self._timer.stop()
        self._notifier.setEnabled(False)
        self._shortcuts.close()
