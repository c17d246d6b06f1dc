"""Idle backends through their real ctypes code paths, with only the OS library faked.

Windows and macOS cannot run here, so each test swaps the one function that loads the
system library for objects holding C-callable fakes (``ctypes.CFUNCTYPE``): the structure
layout, ``argtypes``/``restype`` marshalling and the arithmetic still run for real.
"""

from __future__ import annotations

import ctypes
import math
from types import SimpleNamespace
from typing import Any

import pytest

from tracker.platform.idle import (
    Unavailable,
    detect_idle_source,
    is_wayland_session,
    macos,
    windows,
)


class FakeUser32:
    def __init__(self, last_input_ms: int, ok: bool = True) -> None:
        self.last_input_ms = last_input_ms
        self.ok = ok
        self.sizes: list[int] = []
        proto = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(windows.LASTINPUTINFO))
        self.GetLastInputInfo = proto(self._get_last_input_info)

    def _get_last_input_info(self, info: Any) -> int:
        self.sizes.append(info.contents.cbSize)
        info.contents.dwTime = self.last_input_ms
        return 1 if self.ok else 0


def fake_kernel32(tick_ms: int) -> SimpleNamespace:
    proto = ctypes.CFUNCTYPE(ctypes.c_uint32)
    return SimpleNamespace(GetTickCount=proto(lambda: tick_ms))


def windows_source(
    monkeypatch: pytest.MonkeyPatch, last_input_ms: int, tick_ms: int, ok: bool = True
) -> tuple[windows.WindowsIdle, FakeUser32]:
    user32 = FakeUser32(last_input_ms, ok)
    monkeypatch.setattr(windows, "_load_libraries", lambda: (user32, fake_kernel32(tick_ms)))
    return windows.WindowsIdle(), user32


def test_windows_idle_is_tick_count_minus_last_input(monkeypatch: pytest.MonkeyPatch) -> None:
    source, user32 = windows_source(monkeypatch, last_input_ms=1_000_000, tick_ms=1_047_250)
    assert source.idle_seconds() == pytest.approx(47.25)
    assert user32.sizes == [8]  # cbSize set to sizeof(LASTINPUTINFO) before the call
    assert source.available and source.name == "windows"


def test_windows_idle_survives_the_49_day_wrap(monkeypatch: pytest.MonkeyPatch) -> None:
    source, _ = windows_source(monkeypatch, last_input_ms=2**32 - 5_000, tick_ms=3_000)
    assert source.idle_seconds() == pytest.approx(8.0)


def test_windows_failed_call_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    source, _ = windows_source(monkeypatch, 0, 10_000, ok=False)
    assert source.idle_seconds() is None


def test_windows_chosen_on_win32(monkeypatch: pytest.MonkeyPatch) -> None:
    windows_source(monkeypatch, 0, 5_000)
    source = detect_idle_source(platform="win32", env={})
    assert isinstance(source, windows.WindowsIdle)
    assert source.idle_seconds() == pytest.approx(5.0)


def test_windows_library_missing_is_unavailable_with_reason() -> None:
    # Here (not Windows) the real loader fails: the feature is off and says why.
    source = detect_idle_source(platform="win32", env={})
    assert isinstance(source, Unavailable)
    assert "Windows" in source.reason
    assert source.idle_seconds() is None and not source.available


class FakeCoreGraphics:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.calls: list[tuple[int, int]] = []
        proto = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_int32, ctypes.c_uint32)
        self.CGEventSourceSecondsSinceLastEventType = proto(self._since)

    def _since(self, state: int, event_type: int) -> float:
        self.calls.append((state, event_type))
        return self.seconds


def test_macos_asks_the_combined_session_for_any_input(monkeypatch: pytest.MonkeyPatch) -> None:
    library = FakeCoreGraphics(123.5)
    monkeypatch.setattr(macos, "_load_library", lambda: library)
    source = detect_idle_source(platform="darwin", env={})
    assert isinstance(source, macos.MacIdle)
    assert source.idle_seconds() == pytest.approx(123.5)
    # kCGEventSourceStateCombinedSessionState, kCGAnyInputEventType (~0 as uint32)
    assert library.calls == [(0, 0xFFFFFFFF)]


@pytest.mark.parametrize("bad", [math.nan, -1.0])
def test_macos_nonsense_is_unknown(monkeypatch: pytest.MonkeyPatch, bad: float) -> None:
    monkeypatch.setattr(macos, "_load_library", lambda: FakeCoreGraphics(bad))
    assert macos.MacIdle().idle_seconds() is None


def test_macos_missing_framework_is_unavailable() -> None:
    source = detect_idle_source(platform="darwin", env={})
    assert isinstance(source, Unavailable) and "CoreGraphics" in source.reason


def test_wayland_uses_the_injected_source_and_never_x11() -> None:
    env = {"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}
    assert is_wayland_session(env)
    marker = Unavailable("from the D-Bus builder")
    assert detect_idle_source(lambda: marker, platform="linux", env=env) is marker
    plain = detect_idle_source(None, platform="linux", env=env)
    assert isinstance(plain, Unavailable) and "Wayland" in plain.reason


def test_no_display_is_unavailable() -> None:
    source = detect_idle_source(platform="linux", env={})
    assert isinstance(source, Unavailable) and "DISPLAY" in source.reason


def test_unreachable_x_display_is_unavailable() -> None:
    source = detect_idle_source(platform="linux", env={"DISPLAY": ":987"})
    assert isinstance(source, Unavailable)
    assert "cannot open the X display" in source.reason
