"""Process start-up of the tray: single instance, QApplication, translations, signals.

Kept apart from ``App`` so tests can build an ``App`` over a fake clock without any of this.
``main`` is the entry point (``tracker.launcher``); this module imports ``App``, never the
other way round.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication

from tracker.ui.single_instance import SingleInstance, send_request

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from tracker.service import TrackerService
    from tracker.ui.app import App
    from tracker.ui.first_icon import FirstIcon, FirstState

PROG = "growth-tracker"


def request_from(args: object) -> dict[str, Any]:
    """What this launch asks for: open the summary, or just "be there"."""
    if getattr(args, "command", None) == "summary":
        return {"command": "summary", "date": getattr(args, "date", None)}
    return {"command": "show"}


def main(db: Path, args: object, first_state: FirstState | None = None) -> int:
    """``growth-tracker`` (and ``growth-tracker summary``): run the tray, or hand the
    request to the tracker already running and exit 0. ``first_state`` reads what the first
    icon shows (``ui.first_icon``); without it everything loads before the icon."""
    request = request_from(args)
    instance = SingleInstance(db)
    if not instance.acquire():
        if send_request(db, request):
            return 0
        if not instance.acquire():  # the other tracker may just have quit
            from tracker.platform.paths import lock_path

            print(
                f"{PROG}: another Growth Tracker holds {lock_path(db)} but does not answer; "
                "quit it (or end its process) and try again",
                file=sys.stderr,
            )
            return 1
    try:
        return _primary(db, instance, request, first_state)
    finally:
        instance.release()


def no_display() -> bool:
    """On X11/Wayland systems: no display to show a tray on (an ssh session, a service).

    Qt would abort the process with several lines about xcb; one line and exit 1 is kinder.
    """
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _primary(
    db: Path,
    instance: SingleInstance,
    request: dict[str, Any],
    first_state: FirstState | None = None,
) -> int:
    existing = QApplication.instance()
    if existing is None and no_display():
        print(
            f"{PROG}: no graphical display here (DISPLAY and WAYLAND_DISPLAY are unset), so the "
            "tray cannot start; the other commands work without one (see growth-tracker --help)",
            file=sys.stderr,
        )
        return 1
    qapp = existing if isinstance(existing, QApplication) else QApplication([PROG])
    qapp.setQuitOnLastWindowClosed(False)
    qapp.setApplicationName("GrowthTracker")
    qapp.setDesktopFileName(PROG)
    # The icon first, from a look at the file; the rest once it is docked (§9).
    from tracker.ui.first_icon import show_first

    first = None if first_state is None else show_first(first_state)
    start = _Start(qapp, db, instance, request, first)
    keep = _quit_on_signals(qapp)
    try:
        if first is None:
            code = start.load()
            if code is not None:
                return code
        else:
            from tracker.ui.docked import when_docked

            when_docked(start.docked)
        code = qapp.exec()
        if start.error is not None:
            raise start.error
        if start.code is not None:
            return start.code
        start.load_if_quit_early()
        return code
    finally:
        start.close()
        del keep


class _Start:
    """The tray's parts, loaded at once or (with a first icon shown) once it is docked."""

    def __init__(
        self,
        qapp: QApplication,
        db: Path,
        instance: SingleInstance,
        request: dict[str, Any],
        first: FirstIcon | None,
    ) -> None:
        self.qapp = qapp
        self.db = db
        self.instance = instance
        self.request = request
        self.first = first
        self.service: TrackerService | None = None
        self.app: App | None = None
        self.code: int | None = None  # the exit code of a start that failed
        self.error: BaseException | None = None  # ... or what it raised, for the caller
        self._restore_hooks: Any = None
        self._logging = False

    def docked(self) -> None:
        """The first icon is docked: 'ready', then everything else on the next turn."""
        from tracker.ui import testing

        testing.announce_ready()
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self.load_later)

    def load_later(self) -> None:
        """``load`` inside the event loop: a failure ends the loop and is reported after."""
        try:
            code = self.load()
        except BaseException as exc:  # entry.py's handler reports it once exec() returns
            self.error = exc
            code = 1
        if code is not None:
            self.code = code
            if self.first is not None:
                self.first.icon.hide()
            self.qapp.exit(code)

    def load(self) -> int | None:
        """Open the service and build the app; an exit code when the file cannot be used."""
        from tracker.domain.model import TrackerError
        from tracker.platform.logs import setup_logging
        from tracker.platform.paths import log_path
        from tracker.ui import i18n

        qapp = self.qapp
        qapp.setWindowIcon(app_icon())
        log = log_path(self.db)
        setup_logging(log)
        self._logging = True
        from tracker.service import open_service

        try:
            service = open_service(self.db)
        except TrackerError as exc:
            from PySide6.QtWidgets import QMessageBox

            from tracker.ui.common import APP_TITLE
            from tracker.ui.error_text import describe

            print(f"{PROG}: {exc}", file=sys.stderr)
            # The language setting lives in the file that failed: the desktop's language it is.
            i18n.install(qapp, "system")
            if self.first is not None:
                self.first.icon.hide()
            QMessageBox.critical(None, APP_TITLE, describe(exc))
            return 1
        self.service = service
        i18n.install(qapp, str(service.setting("language")))
        from tracker.ui.app import App
        from tracker.ui.errors import install_excepthook

        first = self.first
        app = App(
            service,
            self.instance,
            log,
            icon=None if first is None else first.icon,
            menu=None if first is None else first.menu,
        )
        self.app = app
        self._restore_hooks = install_excepthook(app.notifier.show_error, log, app.notifier.explain)
        app.start(self.request, None if first is None else first.take())
        return None

    def load_if_quit_early(self) -> None:
        """Quit (SIGTERM at logout, say) while only the first icon showed: the app is
        loaded now so that quitting does what it always does, ending the running block at
        the quit time (``App.shutdown`` in ``close``)."""
        if self.first is not None and self.app is None:
            code = self.load()
            if code is not None:
                self.code = code

    def close(self) -> None:
        """After the event loop: the app's windows and tray, the service, the log."""
        app = self.app
        if app is not None:
            from PySide6.QtCore import QCoreApplication, QEvent

            app.dispose()
            app.deleteLater()
            # Delete the widgets now, while the QApplication exists, not at interpreter exit.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        elif self.first is not None:
            self.first.icon.hide()
        if self.service is not None:
            self.service.close()
        if self._restore_hooks is not None:
            self._restore_hooks()
        if self._logging:
            from tracker.platform.logs import close_logging

            close_logging()


def app_icon() -> QIcon:
    """The app icon for windows and task bars (PNGs made by scripts/make-icons.py)."""
    from PySide6.QtGui import QIcon

    from tracker.ui.resources import resource_path

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(resource_path("icons", "png", f"growth-tracker-{size}.png")))
    return icon


def _quit_on_signals(qapp: QApplication) -> object:
    """SIGTERM/SIGINT/SIGHUP (logout, kill, Ctrl+C) quit cleanly, ending the running block.

    Python runs signal handlers only between bytecodes, so the signal also wakes Qt's
    event loop through a socket pair; no polling timer is needed.
    """
    import contextlib
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda *_: None)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, qapp)

    def wake() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)
        qapp.quit()

    notifier.activated.connect(wake)
    return (reader, writer, notifier)
