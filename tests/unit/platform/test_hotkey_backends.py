"""Windows and macOS hotkeys, which cannot run here: the real code runs and only the OS
calls are replaced (user32's RegisterHotKey/UnregisterHotKey, Carbon's functions), with
the arguments Windows and macOS would see, the errors they return for a key another
program holds, and the messages/events they deliver for a press."""

from __future__ import annotations

import ctypes
import sys
from typing import Any

import pytest

from tracker.domain.hotkeys import parse_hotkey
from tracker.platform.hotkeys import FAILED, OK, TAKEN, HotkeyUnavailable, macos, windows


def hk(text: str) -> Any:
    hotkey = parse_hotkey(text)
    assert hotkey is not None
    return hotkey


# -- Windows ------------------------------------------------------------------------------


class FakeUser32:
    """Windows' hotkey table: one owner per (modifiers, key), NOREPEAT aside."""

    def __init__(self, others: set[tuple[int, int]]) -> None:
        self.others = others
        self.ours: dict[int, tuple[int, int]] = {}
        self.error = 0

    def RegisterHotKey(self, hwnd: object, ident: int, mods: int, vk: int) -> int:
        combo = (mods & ~windows.MOD_NOREPEAT, vk)
        if combo in self.others or combo in self.ours.values() or ident in self.ours:
            self.error = windows.ERROR_HOTKEY_ALREADY_REGISTERED
            return 0
        self.ours[ident] = combo
        return 1

    def UnregisterHotKey(self, hwnd: object, ident: int) -> int:
        return 1 if self.ours.pop(ident, None) else 0


def msg(message: int, wparam: int) -> windows.MSG:
    return windows.MSG(None, message, wparam, 0, 0, 0, 0)


def test_windows_registers_reports_taken_and_reads_wm_hotkey() -> None:
    ctrl_alt = windows.MOD_CONTROL | windows.MOD_ALT
    user32 = FakeUser32(others={(ctrl_alt, ord("K"))})
    keys = windows.WindowsHotkeys(user32, lambda: user32.error)
    assert keys.grab("hotkey_toggle", hk("Ctrl+Alt+G")) == OK
    assert user32.ours[windows.IDS["hotkey_toggle"]] == (ctrl_alt, ord("G"))
    assert keys.grab("hotkey_switcher", hk("Ctrl+Alt+K")) == TAKEN
    assert keys.grab("hotkey_switcher", hk("Meta+Shift+F5")) == OK
    assert user32.ours[windows.IDS["hotkey_switcher"]] == (
        windows.MOD_WIN | windows.MOD_SHIFT,
        0x74,
    )
    press = msg(windows.WM_HOTKEY, windows.IDS["hotkey_switcher"])
    assert keys.message(ctypes.addressof(press)) == "hotkey_switcher"
    other = msg(0x0100, windows.IDS["hotkey_switcher"])  # WM_KEYDOWN: not ours
    assert keys.message(ctypes.addressof(other)) is None
    # Regrabbing a name releases the old key first; a released key is free again.
    assert keys.grab("hotkey_toggle", hk("Ctrl+Alt+,")) == OK
    assert user32.ours[windows.IDS["hotkey_toggle"]] == (ctrl_alt, 0xBC)
    keys.close()
    assert user32.ours == {}
    assert keys.message(ctypes.addressof(press)) is None  # released: a late message is ignored


def test_windows_other_failures_are_failed_not_taken() -> None:
    user32 = FakeUser32(set())
    user32.RegisterHotKey = lambda *a: 0  # type: ignore[method-assign]
    user32.error = 5  # ERROR_ACCESS_DENIED
    keys = windows.WindowsHotkeys(user32, lambda: user32.error)
    assert keys.grab("hotkey_toggle", hk("Ctrl+Alt+G")) == FAILED


def test_windows_is_unavailable_elsewhere() -> None:
    if hasattr(ctypes, "WinDLL"):
        pytest.skip("this is Windows: the real user32 is there")
    with pytest.raises(HotkeyUnavailable, match="only on Windows"):
        windows.WindowsHotkeys()


def test_the_qt_filter_turns_a_wm_hotkey_into_a_press(qapp: Any) -> None:
    from tracker.ui.hotkeys.windows import WindowsBackend

    user32 = FakeUser32(set())
    pressed: list[str] = []
    backend = WindowsBackend(pressed.append, windows.WindowsHotkeys(user32, lambda: 0))
    try:
        assert backend.grab("hotkey_toggle", "Ctrl+Alt+G") == OK
        press = msg(windows.WM_HOTKEY, windows.IDS["hotkey_toggle"])
        handled = backend.filter.nativeEventFilter(b"windows_generic_MSG", ctypes.addressof(press))
        assert handled == (True, 0) and pressed == ["hotkey_toggle"]
        other = backend.filter.nativeEventFilter(b"xcb_generic_event_t", ctypes.addressof(press))
        assert other == (False, 0) and pressed == ["hotkey_toggle"]
    finally:
        backend.close()
    assert user32.ours == {}


# -- macOS --------------------------------------------------------------------------------


class FakeCarbon:
    """Carbon's hotkey table and its event dispatch (the handler is the real C callback)."""

    def __init__(self, others: set[tuple[int, int]]) -> None:
        self.others = others
        self.ours: dict[int, tuple[int, int, int]] = {}  # ref -> (code, mods, id)
        self.handler: Any = None
        self.spec: tuple[int, int] | None = None
        self._next = 100

    def GetApplicationEventTarget(self) -> int:
        return 42

    def InstallEventHandler(self, target: int, handler: Any, n: int, spec: Any, *_: Any) -> int:
        self.handler = handler
        self.spec = (spec.contents.eventClass, spec.contents.eventKind)
        return 0

    def RegisterEventHotKey(
        self, code: int, mods: int, ident: Any, target: int, opts: int, out: Any
    ) -> int:
        if (code, mods) in self.others or any(v[:2] == (code, mods) for v in self.ours.values()):
            return macos.EVENT_HOTKEY_EXISTS
        self._next += 1
        self.ours[self._next] = (code, mods, ident.id)
        out.contents.value = self._next
        return 0

    def UnregisterEventHotKey(self, ref: Any) -> int:
        self.ours.pop(ref.value)
        return 0

    def GetEventParameter(self, event: int, name: int, kind: int, *args: Any) -> int:
        assert (name, kind) == (macos.fourcc("----"), macos.fourcc("hkid"))
        out = args[-1]
        out.contents.signature = macos.SIGNATURE
        out.contents.id = event  # the fake "event" is the id of the key pressed
        return 0

    def press(self, ident: int) -> int:
        """Carbon calling the handler through its C function pointer."""
        return int(self.handler(None, ident, None))


def test_macos_registers_reports_taken_and_dispatches_presses() -> None:
    carbon = FakeCarbon(others={(0x28, macos.CMD_KEY | macos.OPTION_KEY)})  # Cmd+Opt+K
    pressed: list[str] = []
    keys = macos.CarbonHotkeys(pressed.append, carbon)
    assert carbon.spec == (macos.fourcc("keyb"), macos.K_EVENT_HOTKEY_PRESSED)
    # Qt's Ctrl is the Command key on a Mac, its Meta the Control key.
    assert keys.grab("hotkey_toggle", hk("Ctrl+Alt+G")) == OK
    assert list(carbon.ours.values()) == [
        (0x05, macos.CMD_KEY | macos.OPTION_KEY, macos.IDS["hotkey_toggle"])
    ]
    assert keys.grab("hotkey_switcher", hk("Ctrl+Alt+K")) == TAKEN
    assert keys.grab("hotkey_switcher", hk("Ctrl+Alt+F24")) == FAILED  # no such Mac key
    assert keys.grab("hotkey_switcher", hk("Meta+Space")) == OK
    assert carbon.press(macos.IDS["hotkey_switcher"]) == 0
    assert carbon.press(macos.IDS["hotkey_toggle"]) == 0
    assert pressed == ["hotkey_switcher", "hotkey_toggle"]
    keys.release("hotkey_toggle")
    carbon.press(macos.IDS["hotkey_toggle"])
    assert pressed == ["hotkey_switcher", "hotkey_toggle"]  # released: no press
    keys.close()
    assert carbon.ours == {}


@pytest.mark.skipif(sys.platform == "darwin", reason="this is macOS: Carbon is there")
def test_macos_is_unavailable_without_carbon() -> None:
    with pytest.raises(HotkeyUnavailable, match="Carbon"):
        macos.CarbonHotkeys(lambda name: None)
