"""Process start-up of the tray: single instance, QApplication, translations, signals.

Kept apart from ``App`` so tests can build an ``App`` over a fake clock without any of this.
``main`` is the entry point (``tracker.launcher``); this module imports ``App``, never the
other way round.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSocketNotifier
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from tracker.domain.model import TrackerError
from tracker.platform.logs import close_logging, setup_logging
from tracker.platform.paths import lock_path, log_path
from tracker.ui import i18n
from tracker.ui.common import APP_TITLE
from tracker.ui.error_text import describe
from tracker.ui.errors import install_excepthook
from tracker.ui.resources import resource_path
from tracker.ui.single_instance import SingleInstance, send_request

PROG = "growth-tracker"


def request_from(args: object) -> dict[str, Any]:
    """What this launch asks for: open the summary, or just "be there"."""
    if getattr(args, "command", None) == "summary":
        return {"command": "summary", "date": getattr(args, "date", None)}
    return {"command": "show"}


def main(db: Path, args: object) -> int:
    """``growth-tracker`` (and ``growth-tracker summary``): run the tray, or hand the
    request to the tracker already running and exit 0."""
    request = request_from(args)
    instance = SingleInstance(db)
    if not instance.acquire():
        if send_request(db, request):
            return 0
        if not instance.acquire():  # the other tracker may just have quit
            print(
                f"{PROG}: another Growth Tracker holds {lock_path(db)} but does not answer; "
                "quit it (or end its process) and try again",
                file=sys.stderr,
            )
            return 1
    try:
        return _primary(db, instance, request)
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


def _primary(db: Path, instance: SingleInstance, request: dict[str, Any]) -> int:
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
    qapp.setWindowIcon(app_icon())
    log = log_path(db)
    setup_logging(log)
    from tracker.service import open_service

    try:
        service = open_service(db)
    except TrackerError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        # The language setting lives in the file that failed: the desktop's language it is.
        i18n.install(qapp, "system")
        QMessageBox.critical(None, APP_TITLE, describe(exc))
        return 1
    i18n.install(qapp, str(service.setting("language")))
    from tracker.ui.app import App

    app = App(service, instance, log)
    restore_hooks = install_excepthook(app.notifier.show_error, log, app.notifier.explain)
    keep = _quit_on_signals(qapp)
    app.start(request)
    code = qapp.exec()
    app.dispose()
    app.deleteLater()
    # Delete the widgets now, while the QApplication exists, not at interpreter exit.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    service.close()
    restore_hooks()
    close_logging()
    del keep
    return code


def app_icon() -> QIcon:
    """The app icon for windows and task bars (PNGs made by scripts/make-icons.py)."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(resource_path("icons", "png", f"growth-tracker-{size}.png")))
    return icon


def _quit_on_signals(qapp: QApplication) -> object:
    """SIGTERM/SIGINT/SIGHUP (logout, kill, Ctrl+C) quit cleanly, ending the running block.

    Python runs signal handlers only between bytecodes, so the signal also wakes Qt's
    event loop through a socket pair; no polling timer is needed.
    """
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
