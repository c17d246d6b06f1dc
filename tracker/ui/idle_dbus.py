"""Wayland idle time over D-Bus (QtDBus), and the idle source the UI uses.

The platform layer may not import Qt, so this backend lives in the UI and is handed to
``tracker.platform.idle.detect_idle_source`` as its Wayland builder. Whichever of these
answers first is used:

* GNOME / Mutter: ``org.gnome.Mutter.IdleMonitor.GetIdletime`` (uint64 milliseconds);
* KDE, Xfce and others: ``org.freedesktop.ScreenSaver.GetSessionIdleTime`` (the spec says
  seconds; KDE answers in milliseconds, so it is scaled when the desktop is KDE).

When neither answers (sway and other wlroots desktops), the compositor's own idle
notifications are used (``tracker.platform.idle.wayland``).

Lock state comes from ``GetActive`` of the screen saver that answers, where one does.
Every call is synchronous with a short timeout, so the source says ``blocking``: the away
monitor reads it on a thread of its own (``tracker.ui.idle_reader``), never on the GUI
thread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker.platform.idle import IdleError, IdleSource, Unavailable, detect_idle_source

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

TIMEOUT_MS = 500


@dataclass(frozen=True)
class Method:
    service: str
    path: str
    interface: str
    name: str
    to_seconds: float  # factor from the reply to seconds


MUTTER = Method(
    "org.gnome.Mutter.IdleMonitor",
    "/org/gnome/Mutter/IdleMonitor/Core",
    "org.gnome.Mutter.IdleMonitor",
    "GetIdletime",
    0.001,
)


def _screensaver(path: str, to_seconds: float) -> Method:
    return Method(
        "org.freedesktop.ScreenSaver",
        path,
        "org.freedesktop.ScreenSaver",
        "GetSessionIdleTime",
        to_seconds,
    )


LOCKS = (
    Method("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "", 1),
    Method(
        "org.freedesktop.ScreenSaver",
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver",
        "",
        1,
    ),
)


def idle_methods(desktop: str | None = None) -> tuple[Method, ...]:
    desktop = os.environ.get("XDG_CURRENT_DESKTOP", "") if desktop is None else desktop
    factor = 0.001 if "kde" in desktop.lower() else 1.0
    return (
        MUTTER,
        _screensaver("/org/freedesktop/ScreenSaver", factor),
        _screensaver("/ScreenSaver", factor),
    )


def call(bus: QDBusConnection, method: Method, name: str | None = None) -> Any:
    """One blocking call; the first reply argument, or None on any error or timeout."""
    from PySide6.QtDBus import QDBus, QDBusMessage  # loaded with the first D-Bus call

    message = QDBusMessage.createMethodCall(
        method.service, method.path, method.interface, name or method.name
    )
    reply = bus.call(message, QDBus.CallMode.Block, TIMEOUT_MS)
    if reply.type() != QDBusMessage.MessageType.ReplyMessage:
        return None
    arguments = reply.arguments()
    return arguments[0] if arguments else None


class DBusIdle:
    """Idle time from the desktop's idle monitor on the session bus."""

    blocking = True  # each call may wait up to TIMEOUT_MS: read off the GUI thread

    def __init__(
        self, bus: QDBusConnection | None = None, methods: tuple[Method, ...] | None = None
    ) -> None:
        # QtDBus only now, on Wayland: an X11 session never loads it (1.4 MB resident)
        from PySide6.QtDBus import QDBusConnection

        self._bus = QDBusConnection.sessionBus() if bus is None else bus
        if not self._bus.isConnected():
            raise IdleError(code="idle_no_bus")
        for method in methods or idle_methods():
            value = call(self._bus, method)
            if isinstance(value, int | float):
                self._method = method
                break
        else:
            raise IdleError(
                code="idle_no_monitor",
            )
        self.name = f"dbus:{self._method.service}"
        self.available = True
        self.reason = ""
        self._lock: Method | None = None
        for lock in LOCKS:
            if isinstance(call(self._bus, lock, "GetActive"), bool):
                self._lock = lock
                break

    def idle_seconds(self) -> float | None:
        value = call(self._bus, self._method)
        if not isinstance(value, int | float):
            return None
        return float(value) * self._method.to_seconds

    def locked(self) -> bool | None:
        if self._lock is None:
            return None
        value = call(self._bus, self._lock, "GetActive")
        return value if isinstance(value, bool) else None

    def close(self) -> None:
        pass


def _wayland() -> IdleSource:
    """The desktop's D-Bus monitor (exact; GNOME has nothing else), else the compositor's
    idle notifications (sway and other wlroots desktops, KDE)."""
    try:
        return DBusIdle()
    except OSError as exc:
        dbus_error = exc
    from tracker.platform.idle.wayland import WaylandIdle  # Wayland sessions only

    try:
        return WaylandIdle()
    except OSError as exc:
        return Unavailable(code="idle_wayland_none", params={"dbus": dbus_error, "wayland": exc})


def default_idle_source() -> IdleSource:
    """The idle source for this session: X11, Windows, macOS, or D-Bus on Wayland."""
    return detect_idle_source(wayland=_wayland)
