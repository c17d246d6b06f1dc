"""Whether a tray runs, read from its lock file, on each system.

Windows cannot run here. Its path runs for real with only the OS answers replaced: the
sharing violation ``os.open`` gets while Qt holds the lock file (a ``PermissionError``),
and kernel32 as C-callable fakes (``ctypes.CFUNCTYPE``), so the argument marshalling and
the handle bookkeeping still run.
"""

from __future__ import annotations

import ctypes
import functools
import os
from pathlib import Path
from typing import Any

import pytest

from tracker.domain.model import Kind, Source
from tracker.platform import instance
from tracker.platform.instance import tray_running, windows_process_alive
from tracker.service import STALE_AFTER_S

HANDLE = 0x1234


class FakeKernel32:
    """OpenProcess / GetExitCodeProcess / CloseHandle as Windows answers them."""

    def __init__(self, alive: set[int], exit_code: int = 1, query_ok: bool = True) -> None:
        self.alive, self.exit_code, self.query_ok = alive, exit_code, query_ok
        self.opened: list[tuple[int, int, int]] = []
        self.closed: list[int] = []
        self.OpenProcess = ctypes.CFUNCTYPE(
            ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint32
        )(self._open)
        self.GetExitCodeProcess = ctypes.CFUNCTYPE(
            ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint32)
        )(self._exit_code)
        self.CloseHandle = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)(self._close)

    def _open(self, access: int, inherit: int, pid: int) -> int | None:
        self.opened.append((access, inherit, pid))
        # A process that exited but whose handle someone keeps can still be opened.
        return HANDLE if pid in self.alive or self.exit_code != 259 else None

    def _exit_code(self, handle: int, code: Any) -> int:
        assert handle == HANDLE
        if not self.query_ok:
            return 0
        code.contents.value = 259 if self.opened[-1][2] in self.alive else self.exit_code
        return 1

    def _close(self, handle: int) -> int:
        self.closed.append(handle)
        return 1


@pytest.fixture
def kernel32(monkeypatch: pytest.MonkeyPatch) -> FakeKernel32:
    fake = FakeKernel32(alive={4242})
    monkeypatch.setattr(instance, "_load_kernel32", lambda: fake)
    return fake


def held_by_qt(monkeypatch: pytest.MonkeyPatch, lock: Path) -> None:
    """What Windows answers while QLockFile holds ``lock`` (shared for reading only)."""
    real_open = os.open

    def open_(path: Any, flags: int, *args: Any) -> int:
        if Path(path) == lock and flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "The process cannot access the file", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", open_)


def test_windows_a_lock_file_left_by_a_crash_is_not_a_running_tray(
    tmp_path: Path, kernel32: FakeKernel32
) -> None:
    lock = tmp_path / "t.sqlite3.lock"
    # The PID is even alive (ours): a reused PID must not make a dead tray look alive.
    lock.write_text(f"{os.getpid()}\nGrowthTracker\nhost\n")
    assert tray_running(lock, windows=True) is False
    assert kernel32.opened == []  # the lock answered; no process was asked
    assert lock.read_text().startswith(str(os.getpid()))  # read, not changed


def test_windows_a_held_lock_asks_the_process_and_closes_its_handle(
    tmp_path: Path, kernel32: FakeKernel32, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock = tmp_path / "t.sqlite3.lock"
    lock.write_text("4242\nGrowthTracker\nhost\n")
    held_by_qt(monkeypatch, lock)
    assert tray_running(lock, windows=True) is True
    assert kernel32.opened == [(0x1000, 0, 4242)]  # PROCESS_QUERY_LIMITED_INFORMATION
    assert kernel32.closed == [HANDLE]


@pytest.mark.parametrize(
    ("alive", "exit_code", "query_ok", "expected", "closed"),
    [
        ({4242}, 1, True, True, [HANDLE]),
        (set(), 1, True, False, [HANDLE]),  # exited; a handle to it still opens
        (set(), 259, True, False, []),  # no such process: OpenProcess fails
        ({4242}, 1, False, False, [HANDLE]),  # no answer counts as gone
    ],
)
def test_windows_process_check(
    monkeypatch: pytest.MonkeyPatch,
    alive: set[int],
    exit_code: int,
    query_ok: bool,
    expected: bool,
    closed: list[int],
) -> None:
    fake = FakeKernel32(alive, exit_code, query_ok)
    monkeypatch.setattr(instance, "_load_kernel32", lambda: fake)
    assert windows_process_alive(4242) is expected
    assert fake.closed == closed


def test_windows_check_without_kernel32_says_not_running() -> None:
    # here (not Windows) the real loader fails: never a false "running"
    assert windows_process_alive(os.getpid()) is False


def test_posix_a_dead_pid_or_garbage_is_not_running(tmp_path: Path) -> None:
    lock = tmp_path / "t.lock"
    for text in ("999999999\n", "0\n", "-5\n", "abc\n", "", "\udcff\n"):
        lock.write_text(text, errors="surrogateescape")
        assert tray_running(lock, windows=False) is False, text
    lock.write_text(f"{os.getpid()}\n")
    assert tray_running(lock, windows=False) is True
    assert tray_running(tmp_path / "missing.lock") is False


def test_on_windows_the_cli_refuses_to_stop_a_crashed_trays_block_at_now(
    make_service: Any, fake_clock: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The promise the old check broke: with a crash's lock file left, `stop` would have
    added the hours since the crash."""
    import tracker.service.tracking as tracking_module

    monkeypatch.setattr(instance, "_load_kernel32", lambda: FakeKernel32(alive={os.getpid()}))
    monkeypatch.setattr(
        tracking_module, "tray_running", functools.partial(tray_running, windows=True)
    )
    lock = tmp_path / "t.db.lock"
    service = make_service(lock_file=lock)
    service.start(Kind.TASK, "月次決算", source=Source.TRAY)
    fake_clock.advance(60)
    service.heartbeat()
    lock.write_text(f"{os.getpid()}\nGrowthTracker\nhost\n")  # then the tray crashed
    fake_clock.advance(STALE_AFTER_S + 3600)
    assert service.status().stale is True
    from tracker.service import RecoveryNeededError

    with pytest.raises(RecoveryNeededError):
        service.refuse_stale(None)
    held_by_qt(monkeypatch, lock)  # a live tray: not stale, the CLI may act
    assert service.status().stale is False
