"""A stand-in XDG settings portal on a private session bus, for tests/ui/test_panel_theme.py.

Serves ``org.freedesktop.portal.Settings.Read`` at the portal's real name and path and
answers every key with the colour scheme given on the command line, wrapped in
variants as the real portal does; prints "ready" once it owns the name.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection, QDBusVariant

app = QCoreApplication([])
SCHEME = int(sys.argv[1])


@ClassInfo({"D-Bus Interface": "org.freedesktop.portal.Settings"})
class Settings(QObject):
    @Slot(str, str, result=QDBusVariant)
    def Read(self, namespace: str, key: str) -> QDBusVariant:
        return QDBusVariant(QDBusVariant(SCHEME))


bus = QDBusConnection.sessionBus()
obj = Settings()
assert bus.registerObject(
    "/org/freedesktop/portal/desktop", obj, QDBusConnection.RegisterOption.ExportAllSlots
)
assert bus.registerService("org.freedesktop.portal.Desktop")
print("ready", flush=True)
app.exec()
