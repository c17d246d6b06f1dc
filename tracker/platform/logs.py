"""The log file: one rotating file next to the database, written through ``logging``.

``setup_logging(log_file)`` attaches a size-rotated file handler (1 MB × 3 old files) to
the ``tracker`` logger, once per process; calling it again with another file moves the
handler there (tests build many apps). ``log_exception`` is the one way a traceback reaches
the log, from the tray's exception hook and from the CLI alike; it falls back to stderr
when the file cannot be written, so a traceback is never lost silently.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from typing import Any

LOGGER_NAME = "tracker"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class LogFile(logging.handlers.RotatingFileHandler):
    """The rotating log file; a record it cannot write goes to stderr, not lost."""

    def handleError(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception:
            text = str(record.msg)
        _write_stderr(text + "\n")


def logger() -> logging.Logger:
    return logging.getLogger(LOGGER_NAME)


def _our_handler(log: logging.Logger) -> LogFile | None:
    return next((h for h in log.handlers if isinstance(h, LogFile)), None)


def setup_logging(log_file: Path, level: int = logging.INFO) -> Path | None:
    """Send the ``tracker`` logger to ``log_file`` (rotating); returns the file, or None
    when it cannot be created (then records go to stderr through logging's last resort)."""
    log = logger()
    log.setLevel(level)
    target = log_file.expanduser().resolve()
    current = _our_handler(log)
    if current is not None:
        if Path(current.baseFilename) == target:
            return target
        log.removeHandler(current)
        current.close()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = LogFile(
            target, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    log.addHandler(handler)
    return target


def close_logging() -> None:
    """Detach and close the log file (at exit, or between tests)."""
    log = logger()
    handler = _our_handler(log)
    if handler is not None:
        log.removeHandler(handler)
        handler.close()


def current_log_file() -> Path | None:
    handler = _our_handler(logger())
    return None if handler is None else Path(handler.baseFilename)


def log_exception(what: str, exc_info: Any = None, log_file: Path | None = None) -> None:
    """Log ``what`` with the traceback of ``exc_info`` (default: the exception being handled).

    ``log_file`` sets the log file up first when this process has none yet (the CLI).
    Without a log file the record goes to stderr.
    """
    info = exc_info if exc_info is not None else sys.exc_info()
    if info[0] is None:
        info = None
    if log_file is not None and _our_handler(logger()) is None:
        setup_logging(log_file)
    if _our_handler(logger()) is None:
        text = "".join(traceback.format_exception(*info)) if info else ""
        _write_stderr(f"{what}\n{text}")
        return
    logger().error(what, exc_info=info)


def _write_stderr(text: str) -> None:
    # No console (sys.stderr is None in the windowed Windows build) or a closed one.
    with contextlib.suppress(OSError, AttributeError, ValueError):
        sys.stderr.write(text)
