"""Is a tray running on this database? Read from the Qt lock file without importing Qt.

``QLockFile`` writes the owner's PID on its first line. A crash leaves the file behind, so
the file alone proves nothing: on POSIX the PID must belong to a live process; on Windows
Qt keeps the file open, shared for reading only, for as long as its owner lives, and
Windows closes it however the process ended, so a file we can open for writing is a
crash's leftover. When Windows refuses for another reason, the process itself is asked
(``OpenProcess`` + ``GetExitCodeProcess``). The CLI's stale-block guard depends on a
false "running" never happening: it would let ``stop`` add the hours since the crash.
"""

from __future__ import annotations

import ctypes
import os
from pathlib import Path
from typing import Any

PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
STILL_ACTIVE = 259


def _owner_pid(lock: Path) -> int | None:
    try:
        first = lock.read_text(errors="replace").splitlines()[0].strip()
        pid = int(first)
    except (OSError, IndexError, ValueError):
        return None
    return pid if pid > 0 else None


def tray_running(lock: Path, windows: bool | None = None) -> bool:
    pid = _owner_pid(lock)
    if pid is None:
        return False
    if os.name == "nt" if windows is None else windows:
        return _windows_lock_held(lock, pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    except OSError:
        return False
    return True


def _windows_lock_held(lock: Path, pid: int) -> bool:
    try:
        fd = os.open(lock, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    except PermissionError:
        # a sharing violation (the owner lives), or a file we may not write
        return windows_process_alive(pid)
    except OSError:
        return False
    os.close(fd)
    return False  # nobody holds it: the owner is gone (os.kill would end the process here)


def _load_kernel32() -> Any:
    """kernel32: the one place that touches the OS (tests swap it for C-callable fakes,
    so the marshalling below still runs)."""
    windll = getattr(ctypes, "WinDLL", None)
    if windll is None:
        raise OSError("kernel32 exists on Windows only")
    return windll("kernel32")


def windows_process_alive(pid: int) -> bool:
    """Whether process ``pid`` is ours, exists and has not exited. Any other answer counts
    as "not running": the lock is per user, so a process we may not query is not our
    tray, and a false "running" is the answer that adds phantom hours."""
    try:
        kernel32 = _load_kernel32()
    except OSError:
        return False
    open_process = kernel32.OpenProcess
    open_process.argtypes = [ctypes.c_uint32, ctypes.c_int, ctypes.c_uint32]
    open_process.restype = ctypes.c_void_p
    exit_code_of = kernel32.GetExitCodeProcess
    exit_code_of.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint32)]
    exit_code_of.restype = ctypes.c_int
    close = kernel32.CloseHandle
    close.argtypes = [ctypes.c_void_p]
    close.restype = ctypes.c_int
    handle = open_process(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid)
    if not handle:
        return False
    try:
        code = ctypes.c_uint32()
        if not exit_code_of(handle, ctypes.byref(code)):
            return False
        return code.value == STILL_ACTIVE
    finally:
        close(handle)
