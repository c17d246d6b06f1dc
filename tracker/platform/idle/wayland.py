"""Idle time from the Wayland compositor itself: ``ext-idle-notify-v1`` or KDE's
``org_kde_kwin_idle`` (wlroots compositors such as sway 1.7 offer only the latter).

Both protocols tell, rather than answer: the client asks to be notified after ``timeout``
ms without input, and gets "idled" then (and "resumed" at the next input). So the user's
idle time is exact from ``timeout`` on (``timeout`` plus the time since "idled") and 0
below it; with a one-second timeout that is precise enough for an away threshold counted
in minutes. Events are read without blocking on each poll (a few bytes per pause in
typing). The source holds its own connection to the compositor (Qt keeps its own).
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from tracker.platform.idle import IdleError
from tracker.platform.wayland import Connection, WaylandError, encode

__all__ = ["NOTIFY_MS", "PROTOCOLS", "WaylandIdle"]

NOTIFY_MS = 1000

# Both notification objects send event 0 on idle and 1 on the next input.
EXT_IDLE = "ext_idle_notifier_v1"
KDE_IDLE = "org_kde_kwin_idle"
PROTOCOLS = (EXT_IDLE, KDE_IDLE)
_IDLED, _RESUMED = 0, 1


class WaylandIdle:
    """Idle time of the seat, told by the compositor; raises IdleError when it cannot."""

    def __init__(
        self,
        env: Mapping[str, str] | None = None,
        notify_ms: int = NOTIFY_MS,
    ) -> None:
        self.available = False
        self.reason = ""
        self._notify_s = notify_ms / 1000
        self._idled_at: float | None = None
        try:
            self._conn = Connection(env)
        except WaylandError as exc:
            raise IdleError(
                code="idle_wayland", variant="no_compositor", params={"error": exc}
            ) from exc
        if not any(self._conn.find(p) for p in PROTOCOLS):
            self._conn.close()
            raise IdleError(code="idle_wayland_no_protocol")
        try:
            self.name = self._subscribe(notify_ms)
        except WaylandError as exc:
            self._conn.close()
            raise IdleError(code="idle_wayland", variant="refused", params={"error": exc}) from exc
        self.available = True

    def _subscribe(self, notify_ms: int) -> str:
        conn = self._conn
        seat = conn.bind("wl_seat", 1)
        if conn.find(EXT_IDLE) is not None:
            notifier = conn.bind(EXT_IDLE, 1)
            notification = conn.new_id(self._on_event)
            conn.send(notifier, 1, encode(notification, notify_ms, seat))  # get_idle_notification
            name = "wayland:ext-idle-notify"
        else:
            manager = conn.bind(KDE_IDLE, 1)
            timeout = conn.new_id(self._on_event)
            conn.send(manager, 0, encode(timeout, seat, notify_ms))  # get_idle_timeout
            name = "wayland:org_kde_kwin_idle"
        conn.roundtrip()  # a refused request raises here, not on the first poll
        return name

    def _on_event(self, opcode: int, _payload: bytes) -> None:
        if opcode == _IDLED:
            self._idled_at = time.monotonic()
        elif opcode == _RESUMED:
            self._idled_at = None

    def idle_seconds(self) -> float | None:
        if not self.available:
            return None
        try:
            while self._conn.dispatch(0):
                pass
        except WaylandError as exc:
            self.available = False
            self.reason = str(exc)
            return None
        if self._idled_at is None:
            return 0.0  # less than the notification timeout: counts as "here"
        return self._notify_s + (time.monotonic() - self._idled_at)

    def locked(self) -> bool | None:
        return None  # neither protocol says; a locker makes the seat idle anyway

    def close(self) -> None:
        conn = getattr(self, "_conn", None)
        if conn is not None:
            conn.close()
        self.available = False
        self.reason = "closed"
