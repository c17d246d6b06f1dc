"""The log file: one rotating file, written through ``logging``, readable by its owner only.

``setup_logging(log_file)`` attaches a size-rotated file handler (1 MB × 3 old files) to
the ``tracker`` logger, once per process; calling it again with another file moves the
handler there (tests build many apps). The file and its rotated copies are created 0600
(never following a symbolic link planted in their place), and where it lives is
``tracker.platform.paths.log_path``: never a folder other users can write.

``log_exception`` is the one way a traceback reaches the log, from the tray's exception
hook and from the CLI alike. The tray falls back to stderr when the file cannot be written,
so a traceback is never lost silently; the CLI asks for no fallback (``to_stderr=False``),
because its stderr carries one line for the user and never a traceback.

Records say what failed, never what a person typed: no label or note text goes into a log
message (an exception's text can hold a block description; log its ``code``).
"""

from __future__ import annotations

import contextlib
import io
import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path
from typing import Any

LOGGER_NAME = "tracker"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
FILE_MODE = 0o600


class LogFile(logging.handlers.RotatingFileHandler):
    """The rotating log file, created owner-only; a record it cannot write goes to stderr
    unless ``stderr_fallback`` is off (then ``failed`` says it was lost)."""

    def __init__(self, path: Path, stderr_fallback: bool = True) -> None:
        self.stderr_fallback = stderr_fallback
        self.failed = False
        super().__init__(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )

    def _open(self) -> io.TextIOWrapper:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.baseFilename, flags, FILE_MODE)
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, FILE_MODE)  # a log an older version created 0644
            return open(fd, "a", encoding=self.encoding, errors=self.errors)
        except BaseException:
            os.close(fd)
            raise

    def handleError(self, record: logging.LogRecord) -> None:
        self.failed = True
        if not self.stderr_fallback:
            return
        try:
            text = self.format(record)
        except Exception:
            text = str(record.msg)
        _write_stderr(text + "\n")


def logger() -> logging.Logger:
    return logging.getLogger(LOGGER_NAME)


def _our_handler(log: logging.Logger) -> LogFile | None:
    return next((h for h in log.handlers if isinstance(h, LogFile)), None)


def setup_logging(
    log_file: Path, level: int = logging.INFO, stderr_fallback: bool = True
) -> Path | None:
    """Send the ``tracker`` logger to ``log_file`` (rotating); returns the file, or None
    when it cannot be created (then records go to stderr through logging's last resort)."""
    log = logger()
    log.setLevel(level)
    log_file = log_file.expanduser()
    target = log_file.parent.resolve() / log_file.name  # a link in its place is not followed
    current = _our_handler(log)
    if current is not None:
        if Path(current.baseFilename) == target:
            current.stderr_fallback = stderr_fallback
            return target
        log.removeHandler(current)
        current.close()
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = LogFile(target, stderr_fallback)
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


def log_exception(
    what: str, exc_info: Any = None, log_file: Path | None = None, to_stderr: bool = True
) -> Path | None:
    """Log ``what`` with the traceback of ``exc_info`` (default: the exception being handled).

    ``log_file`` sets the log file up first when this process has none yet (the CLI).
    Returns the file the record went to, or None when it could not be written; then the
    record goes to stderr, unless ``to_stderr`` is False (the CLI).
    """
    info = exc_info if exc_info is not None else sys.exc_info()
    if info[0] is None:
        info = None
    if log_file is not None and _our_handler(logger()) is None:
        setup_logging(log_file, stderr_fallback=to_stderr)
    handler = _our_handler(logger())
    if handler is None:
        if to_stderr:
            text = "".join(traceback.format_exception(*info)) if info else ""
            _write_stderr(f"{what}\n{text}")
        return None
    handler.failed = False
    logger().error(what, exc_info=info)
    return None if handler.failed else Path(handler.baseFilename)


def _write_stderr(text: str) -> None:
    # No console (sys.stderr is None in the windowed Windows build) or a closed one.
    with contextlib.suppress(OSError, AttributeError, ValueError):
        sys.stderr.write(text)
