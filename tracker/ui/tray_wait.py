"""Waiting for a system tray: a desktop whose tray host starts after us (at login).

The icon is shown as soon as a tray exists. Until then the waiter looks every 0.5 s; after
30 s it shows a window explaining what to install (``NoTrayWindow``) and keeps looking,
every 2 s, so the icon still appears when a tray does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

if TYPE_CHECKING:  # the dialogs load only if a tray never shows up
    from tracker.ui.dialogs import NoTrayWindow

TRAY_WAIT_MS = 30_000  # a tray host that starts after us at login
TRAY_POLL_MS = 500
TRAY_POLL_LATER_MS = 2000


class TrayWaiter(QObject):
    """Shows ``icon`` once a system tray exists; see the module docstring."""

    quit_requested = Signal()  # from the no-tray window's Quit button

    def __init__(self, icon: QSystemTrayIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon = icon
        self.no_tray: NoTrayWindow | None = None
        self._waited_ms = 0
        self.timer = QTimer(self)
        self.timer.setInterval(TRAY_POLL_MS)
        self.timer.timeout.connect(self._look)

    def show_icon(self) -> None:
        """Show the icon now if a tray exists, else once one appears."""
        if self.icon.isSystemTrayAvailable():
            self.icon.show()
        else:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _look(self) -> None:
        if self.icon.isSystemTrayAvailable():
            self.timer.stop()
            self.icon.show()
            if self.no_tray is not None:
                self.no_tray.hide()
            return
        self._waited_ms += TRAY_POLL_MS
        if self._waited_ms >= TRAY_WAIT_MS and self.no_tray is None:
            from tracker.ui.dialogs import NoTrayWindow

            self.no_tray = NoTrayWindow()
            self.no_tray.quit_requested.connect(self.quit_requested)
            self.no_tray.show()
            self.timer.setInterval(TRAY_POLL_LATER_MS)  # keep looking, less often

    def dispose(self) -> None:
        if self.no_tray is not None:
            self.no_tray.deleteLater()
            self.no_tray = None
