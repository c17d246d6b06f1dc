"""Reading and atomically writing CSV files, with errors people can act on.

A file is written to a temporary file in the same folder and renamed over the target
(``os.replace``), so an error or a crash never leaves a half file and an existing file is
replaced only when the new one is complete. Written files hold the same private data as the
database and, like it, are readable and writable by their owner only (0600), whatever the
umask or the mode of a file they replace.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from tracker.domain.model import TrackerError

MAX_IMPORT_BYTES = 200 * 1024 * 1024
FILE_MODE = 0o600  # owner-only, as the database


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once or not at all, owner-only (0600)."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise TrackerError(
            f"the folder {folder} does not exist; create it or pick another",
            code="folder_missing",
            params={"folder": folder},
        )
    if path.is_dir():
        raise TrackerError(
            f"{path} is a folder; give a file name", code="path_is_folder", params={"path": path}
        )
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise TrackerError(
            f"cannot write in {folder}: {_reason(exc)}; pick a folder you can write to",
            code="cannot_write_in",
            params={"folder": folder, "reason": _reason(exc)},
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, FILE_MODE)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise TrackerError(
            f"cannot write {path}: {_reason(exc)}; nothing was changed — "
            "free some space or pick another file",
            code="cannot_write",
            params={"path": path, "reason": _reason(exc)},
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


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
