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

# what a path is instead of a file -> the not_a_file variant that names it
_KINDS = (
    (stat.S_ISCHR, "device"),
    (stat.S_ISBLK, "device"),
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISSOCK, "socket"),
)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def write_atomic(path: Path, data: bytes, mode: int = FILE_MODE) -> None:
    """Write ``data`` to ``path`` all at once or not at all, owner-only (0600) unless
    ``mode`` says otherwise (a file the team reads from a shared folder)."""
    path = Path(os.path.realpath(path))  # through a symbolic link, which stays
    _check_target(path)
    folder = path.parent
    if not folder.is_dir():
        raise TrackerError(
            code="folder_missing",
            params={"folder": folder},
        )
    if path.is_dir():
        raise TrackerError(code="path_is_folder", params={"path": path})
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise TrackerError(
            code="cannot_write_in",
            params={"folder": folder, "reason": _reason(exc)},
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
                code="not_a_file",
                variant=what,
                params={"path": path},
            )


def read_chunks(
    path: Path, progress: ReadProgress | None = None, limit: int = MAX_IMPORT_BYTES
) -> Iterator[bytes]:
    """The file in chunks of 1 MB; refuses, as the bytes arrive, more than ``limit``."""
    path = Path(path)
    try:
        if path.is_dir():
            raise TrackerError(
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
                    raise ImportCancelledError(code="import_cancelled")
    except FileNotFoundError:
        raise TrackerError(code="import_missing", params={"path": path}) from None
    except OSError as exc:
        raise TrackerError(
            code="cannot_read",
            params={"path": path, "reason": _reason(exc)},
        ) from None


class ImportCancelledError(TrackerError):
    pass


def _too_large(path: Path, limit: int) -> TrackerError:
    return TrackerError(
        code="import_too_large",
        params={"path": path, "limit": limit // (1024 * 1024)},
    )


def read_bytes(path: Path) -> bytes:
    """The whole file (capped like :func:`read_chunks`), or an error saying why not."""
    return b"".join(read_chunks(path))


def read_regular(path: Path, limit: int) -> bytes:
    """A regular file's bytes, at most ``limit`` (more: ``ValueError("too large")``); a
    device or FIFO put in its place is refused (``OSError``), not read. For the files other
    PCs leave in a shared folder (sync's, the team's): nothing there may block or flood."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "not a regular file")
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, CHUNK_BYTES):
            size += len(chunk)
            if size > limit:
                raise ValueError("too large")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
