"""Reading and atomically writing CSV files, with errors people can act on.

A file is written to a temporary file in the same folder and renamed over the target
(``os.replace``), so an error or a crash never leaves a half file and an existing file is
replaced only when the new one is complete. Written files hold the same private data as the
database and, like it, are readable and writable by their owner only (0600), whatever the
umask or the mode of a file they replace. Only a regular file or a new name is written: a
device, FIFO or socket at the path is refused (replacing ``/dev/null`` as root would be a
disaster), and a symbolic link is written through, to the file it points at, and stays a link.

Reading is a stream of chunks with the size cap applied as the bytes arrive, so a device
(``/dev/zero``) or an endless pipe is stopped at the cap instead of filling memory.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from tracker.domain.model import TrackerError

MAX_IMPORT_BYTES = 200 * 1024 * 1024
CHUNK_BYTES = 1024 * 1024
FILE_MODE = 0o600  # owner-only, as the database

# Called with (bytes read, file size or 0 when unknown); returning False stops the reading.
ReadProgress = Callable[[int, int], "bool | None"]

_KINDS = (
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once or not at all, owner-only (0600)."""
    path = Path(os.path.realpath(path))  # through a symbolic link, which stays
    _check_target(path)
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


def _check_target(path: Path) -> None:
    """Refuse to replace anything but a regular file (or a folder: see below)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # a new name (or an unreadable one: the write says why)
    for test, what in _KINDS:
        if test(mode):
            raise TrackerError(
                f"{path} is {what}, not a file; give the name of a new or existing file "
                "(on the command line, -o - writes to standard output)",
                code="not_a_file",
                params={"path": path, "what": what},
            )


def read_chunks(
    path: Path, progress: ReadProgress | None = None, limit: int = MAX_IMPORT_BYTES
) -> Iterator[bytes]:
    """The file in chunks of 1 MB; refuses, as the bytes arrive, more than ``limit``."""
    path = Path(path)
    try:
        if path.is_dir():
            raise TrackerError(
                f"{path} is a folder; give the CSV file",
                code="import_folder",
                params={"path": path},
            )
        with open(path, "rb") as fh:
            info = os.fstat(fh.fileno())
            total = info.st_size if stat.S_ISREG(info.st_mode) else 0
            if total > limit:
                raise _too_large(path, limit)
            done = 0
            while chunk := fh.read(CHUNK_BYTES):
                done += len(chunk)
                if done > limit:
                    raise _too_large(path, limit)
                yield chunk
                if progress is not None and progress(done, total) is False:
                    raise ImportCancelledError(
                        "the import was cancelled; nothing was imported", code="import_cancelled"
                    )
    except FileNotFoundError:
        raise TrackerError(
            f"there is no file {path}; check the name", code="import_missing", params={"path": path}
        ) from None
    except OSError as exc:
        raise TrackerError(
            f"cannot read {path}: {_reason(exc)}; check the file's permissions",
            code="cannot_read",
            params={"path": path, "reason": _reason(exc)},
        ) from None


class ImportCancelledError(TrackerError):
    pass


def _too_large(path: Path, limit: int) -> TrackerError:
    return TrackerError(
        f"{path} is larger than {limit // (1024 * 1024)} MB, too large for a blocks CSV; "
        "check that it is the right file (or import it in parts)",
        code="import_too_large",
        params={"path": path, "limit": limit // (1024 * 1024)},
    )


def read_bytes(path: Path) -> bytes:
    """The whole file (capped like :func:`read_chunks`), or an error saying why not."""
    return b"".join(read_chunks(path))
