"""Unexpected errors go to the log file next to the database, never to a dialog."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def write_log(log_file: Path | None, exc_info: Any = None, what: str = "tray error") -> None:
    """Append a traceback (the current exception by default) to ``log_file``."""
    info = exc_info or sys.exc_info()
    text = "".join(traceback.format_exception(*info)) if info[0] is not None else ""
    if log_file is None:
        sys.stderr.write(text)
        return
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with log_file.open("a", encoding="utf-8") as fh:
            fh.write(f"{dt.datetime.now().isoformat()} {what}\n{text}\n")
    except OSError:
        sys.stderr.write(text)
