"""The tray panel's theme as Qt and the session bus tell it, kept current.

``PanelTheme.dark`` starts from what is known at once (Windows registry, desktop, Qt's
colour scheme) so the first icon is not delayed, then asks the XDG settings portal on
the session bus without blocking and says ``changed`` when the answer (or Qt's colour
scheme) turns the panel dark or light. The rules are in ``tracker.platform.theme``.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from tracker.platform import theme

PORTAL = (
    "org.freedesktop.portal.Desktop",
    "/org/freedesktop/portal/desktop",
    "org.freedesktop.portal.Settings",
)


def qt_scheme_dark() -> bool | None:
    """Qt's colour scheme (Qt >= 6.5 reads the desktop's), None while unknown."""
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return None


def panel_dark(portal_scheme: int | None = None) -> bool:
    """Whether the panel is dark, from what is known without waiting (and the portal's
    answer once there is one): what the first icon is painted for."""
    if sys.platform == "win32":
        return theme.windows_panel_dark()
    if sys.platform == "darwin":
        return bool(qt_scheme_dark())  # unused: a template image has no colours
    desktop = os.environ.get("XDG_CURRENT_DESKTOP", "")
    return theme.linux_panel_dark(desktop, portal_scheme, qt_scheme_dark())


class PanelTheme(QObject):
    """Whether to draw the icon for a dark panel, or as a template image (macOS)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, ask_portal: bool = True) -> None:
        super().__init__(parent)
        self.template = sys.platform == "darwin"
        self.portal_scheme: int | None = None
        self._watcher: QObject | None = None
        self.dark = self.decide()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)
        if ask_portal and self._portal_matters():
            # after the first icon: QtDBus is not on the start-up path
            QTimer.singleShot(0, self, self.ask_portal)

    @staticmethod
    def _portal_matters() -> bool:
        desktop = os.environ.get("XDG_CURRENT_DESKTOP", "")
        return sys.platform.startswith("linux") and theme.portal_matters(desktop)

    def decide(self) -> bool:
        return panel_dark(self.portal_scheme)

    def _update(self) -> None:
        dark = self.decide()
        if dark != self.dark:
            self.dark = dark
            self.changed.emit()

    def _scheme_changed(self) -> None:
        self._update()
        if self._portal_matters():
            self.ask_portal()  # the portal's answer may have changed with it

    def ask_portal(self) -> None:
        """Read ``org.freedesktop.appearance color-scheme`` without blocking."""
        from PySide6.QtDBus import (
            QDBusConnection,
            QDBusMessage,
            QDBusPendingCall,
            QDBusPendingCallWatcher,
        )

        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return
        message = QDBusMessage.createMethodCall(*PORTAL, "Read")
        message.setArguments(["org.freedesktop.appearance", "color-scheme"])
        pending: QDBusPendingCall = bus.asyncCall(message, 1000)
        watcher = QDBusPendingCallWatcher(pending, self)
        self._watcher = watcher

        def answered(w: QDBusPendingCallWatcher) -> None:
            reply = w.reply()
            w.deleteLater()
            if reply.type() == QDBusMessage.MessageType.ReplyMessage and reply.arguments():
                self.portal_answered(theme.unwrap_scheme(reply.arguments()[0]))

        watcher.finished.connect(answered)

    def portal_answered(self, scheme: int | None) -> None:
        self.portal_scheme = scheme
        self._update()
