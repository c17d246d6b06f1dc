"""Process start-up of the tray: single instance, QApplication, translations, signals.

Kept apart from ``App`` so tests can build an ``App`` over a fake clock without any of this.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QSocketNotifier,
    QTranslator,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from tracker.domain.model import TrackerError
from tracker.platform.paths import lock_path, log_path
from tracker.ui.common import APP_TITLE, resource_path
from tracker.ui.errors import write_log
from tracker.ui.single_instance import SingleInstance, send_request

PROG = "growth-tracker"


def request_from(args: argparse.Namespace) -> dict[str, Any]:
    """What this launch asks for: open the summary, or just "be there"."""
    if getattr(args, "command", None) == "summary":
        return {"command": "summary", "date": getattr(args, "date", None)}
    return {"command": "show"}


def main(db: Path, args: argparse.Namespace) -> int:
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


def _primary(db: Path, instance: SingleInstance, request: dict[str, Any]) -> int:
    existing = QApplication.instance()
    qapp = existing if isinstance(existing, QApplication) else QApplication([PROG])
    qapp.setQuitOnLastWindowClosed(False)
    qapp.setApplicationName("GrowthTracker")
    qapp.setDesktopFileName(PROG)
    log = log_path(db)
    from tracker.service import open_service

    try:
        service = open_service(db)
    except TrackerError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        QMessageBox.critical(None, APP_TITLE, str(exc))
        return 1
    install_translations(qapp, str(service.setting("language")))
    from tracker.ui.app import App

    app = App(service, instance, log)
    qapp.setWindowIcon(app.tray.current_icon())

    def excepthook(*info: Any) -> None:
        write_log(log, info)
        app.show_error(
            qapp.translate("App", "Something went wrong; the details are in {0}").format(log)
        )

    sys.excepthook = excepthook
    keep = _quit_on_signals(qapp)
    app.start(request)
    code = qapp.exec()
    app.dispose()
    app.deleteLater()
    # Delete the widgets now, while the QApplication exists, not at interpreter exit.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    service.store.close()
    sys.excepthook = sys.__excepthook__
    del keep
    return code


def install_translations(qapp: QApplication, language: str) -> None:
    """Our strings and Qt's own (buttons, dialogs) in the configured language."""
    locale = QLocale.system() if language == "system" else QLocale(language)
    folders = (
        ("tracker", str(resource_path("translations"))),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    )
    for name, folder in folders:
        translator = QTranslator(qapp)
        if translator.load(locale, name, "_", folder):
            qapp.installTranslator(translator)


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
