"""When the tray icon is really there: docked in the tray host and painted.

On X11 with an XEMBED tray (trayer, xfce4-panel, stalonetray…) ``QSystemTrayIcon.show()``
only *asks* the tray to dock Qt's icon window (``QSystemTrayIconSysWindow``); Qt never maps
it itself. The tray host maps it once it has embedded it: the window is exposed and Qt
paints the icon into it, the moment a person can see it. ``when_docked`` calls back then
(on the next event-loop turn after that first expose, once the paint is done), or on the
next turn where there is no such window (a StatusNotifier tray over D-Bus, Windows,
macOS), or after ``fallback_ms`` if the tray never maps it. The window is found among the
``QWindow``s, not the widgets: asking for the widgets makes PySide6 build its whole
``QWidget`` type, 3 MB the bare tray would not otherwise hold.

The tray starts the rest of the app from here (docs/architecture.md §9) and the start-up
benchmark's "ready" line is written here, for the app and the bare PySide6 tray alike
(bench/bare_tray.py): both are timed to the same event. Imports QtCore and QtGui only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QWindow

TRAY_WINDOW = "QSystemTrayIconSysWindow"  # the objectName of Qt's X11 tray icon window
FALLBACK_MS = 1000


def tray_windows() -> list[QWindow]:
    """Qt's XEMBED tray icon windows of this process (none on other kinds of tray)."""
    return [w for w in QGuiApplication.allWindows() if w.objectName() == TRAY_WINDOW]


class _FirstExpose(QObject):
    """Calls back once: after the first expose of one of ``windows``, or at the fallback."""

    def __init__(
        self, windows: list[QWindow], then: Callable[[], object], fallback_ms: int
    ) -> None:
        super().__init__()
        self.then: Callable[[], object] | None = then
        self.windows = windows
        for window in windows:
            window.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self.fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Expose
            and self.then is not None
            and isinstance(watched, QWindow)
            and watched.isExposed()
        ):
            QTimer.singleShot(0, self, self.fire)  # after the paint this expose brings
        return False

    def fire(self) -> None:
        then, self.then = self.then, None
        if then is None:
            return
        for window in self.windows:
            window.removeEventFilter(self)
        then()


_pending: list[_FirstExpose] = []  # kept alive until they fire


def when_docked(then: Callable[[], object], fallback_ms: int = FALLBACK_MS) -> None:
    """Call ``then`` once the shown tray icon is docked and painted (see the module doc)."""
    windows = tray_windows()
    if not windows:
        QTimer.singleShot(0, then)
        return
    waiter: _FirstExpose

    def done() -> None:
        _pending.remove(waiter)
        then()

    waiter = _FirstExpose(windows, done, fallback_ms)
    _pending.append(waiter)
