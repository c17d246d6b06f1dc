"""Unexpected errors in the tray: the traceback goes to the log file, the user gets one line.

Every traceback takes one path, ``logging`` (tracker.platform.logs), whether it comes from
``App.log_exception`` or from an exception no slot caught: PySide6 hands those to
``sys.excepthook``, which :func:`install_excepthook` points here, so the app keeps running
and says where the details are, never in a dialog full of traceback.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from tracker.platform.logs import current_log_file, log_exception

MESSAGE_EVERY_S = 60.0  # a slot failing on every timer tick shows one message a minute


def write_log(log_file: Path | None, exc_info: Any = None, what: str = "tray error") -> None:
    """Log a traceback (the current exception by default) to the log file."""
    log_exception(what, exc_info, log_file)


def error_message(log_file: Path | None = None) -> str:
    """The short message for an unexpected error: what happened and where to look."""
    where = log_file or current_log_file()
    return QCoreApplication.translate("App", "Something went wrong; the details are in {0}").format(
        where or QCoreApplication.translate("App", "the log")
    )


def install_excepthook(
    show: Callable[[str], None],
    log_file: Path | None = None,
    explain: Callable[[BaseException], str | None] | None = None,
) -> Callable[[], None]:
    """Log uncaught exceptions (Qt slots, other threads) and show a short message.

    ``explain`` turns an exception it knows (a damaged database) into the message to
    show instead of the generic one. Returns a function that puts the previous hooks back.
    """
    previous, previous_thread = sys.excepthook, threading.excepthook
    last_shown = [-MESSAGE_EVERY_S]

    def hook(kind: type[BaseException], value: BaseException, tb: Any) -> None:
        try:
            write_log(log_file, (kind, value, tb), "uncaught exception")
            now = time.monotonic()
            if now - last_shown[0] >= MESSAGE_EVERY_S:
                last_shown[0] = now
                known = explain(value) if explain is not None else None
                show(known or error_message(log_file))
        except Exception:  # the hook must never raise: PySide6 would print and go on anyway
            previous(kind, value, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        write_log(log_file, (args.exc_type, args.exc_value, args.exc_traceback), f"thread {name}")

    sys.excepthook = hook
    threading.excepthook = thread_hook

    def restore() -> None:
        sys.excepthook = previous
        threading.excepthook = previous_thread

    return restore
