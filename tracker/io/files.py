"""Reading and atomically writing CSV files, with errors people can act on.

A file is written to a temporary file in the same folder and renamed over the target
(``os.replace``), so an error or a crash never leaves a half file and an existing file is
replaced only when the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from tracker.domain.model import TrackerError

MAX_IMPORT_BYTES = 200 * 1024 * 1024


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once or not at all."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise TrackerError(f"the folder {folder} does not exist; create it or pick another")
    if path.is_dir():
        raise TrackerError(f"{path} is a folder; give a file name")
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = _default_mode()
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise TrackerError(
            f"cannot write in {folder}: {_reason(exc)}; pick a folder you can write to"
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise TrackerError(
            f"cannot write {path}: {_reason(exc)}; nothing was changed — "
            "free some space or pick another file"
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _default_mode() -> int:
    if os.name != "posix":
        return 0o666
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def read_bytes(path: Path) -> bytes:
    """The whole file, or an error saying why it cannot be read."""
    path = Path(path)
    try:
        if path.is_dir():
            raise TrackerError(f"{path} is a folder; give the CSV file")
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise TrackerError(
                f"{path} is {size // (1024 * 1024)} MB, too large for a blocks CSV; "
                "check that it is the right file"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise TrackerError(f"there is no file {path}; check the name") from None
    except OSError as exc:
        raise TrackerError(
            f"cannot read {path}: {_reason(exc)}; check the file's permissions"
        ) from None
