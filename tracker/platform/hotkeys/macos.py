"""macOS global hotkeys: Carbon ``RegisterEventHotKey`` (still the API for global keys).

One event handler for ``kEventHotKeyPressed`` on the application's event target reads the
``EventHotKeyID`` of the key pressed. ``eventHotKeyExistsErr`` (-9878) means another
program holds the key: :data:`TAKEN`. Qt writes the Command key as ``Ctrl`` and the
Control key as ``Meta`` on macOS; the masks follow. ``carbon`` can be given, so the code
above the OS calls runs (and is tested) on any system.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

from tracker.domain.hotkeys import Hotkey
from tracker.platform.hotkeys import FAILED, OK, TAKEN, HotkeyUnavailable

CARBON = "/System/Library/Frameworks/Carbon.framework/Carbon"
CMD_KEY, SHIFT_KEY, OPTION_KEY, CONTROL_KEY = 0x100, 0x200, 0x800, 0x1000
MASKS = {"Ctrl": CMD_KEY, "Shift": SHIFT_KEY, "Alt": OPTION_KEY, "Meta": CONTROL_KEY}
EVENT_HOTKEY_EXISTS = -9878
K_EVENT_HOTKEY_PRESSED = 5


def fourcc(text: str) -> int:
    return int.from_bytes(text.encode("ascii"), "big")


SIGNATURE = fourcc("GrTr")
IDS = {"hotkey_toggle": 1, "hotkey_switcher": 2}

# ANSI virtual key codes (kVK_*); F21-F24, Pause and Print have none on a Mac keyboard.
KEYCODES = {
    **dict(zip("ASDFHGZXCV", range(0x00, 0x0A), strict=True)),
    "B": 0x0B, "Q": 0x0C, "W": 0x0D, "E": 0x0E, "R": 0x0F, "Y": 0x10, "T": 0x11,
    "1": 0x12, "2": 0x13, "3": 0x14, "4": 0x15, "6": 0x16, "5": 0x17, "=": 0x18, "9": 0x19,
    "7": 0x1A, "-": 0x1B, "8": 0x1C, "0": 0x1D, "]": 0x1E, "O": 0x1F, "U": 0x20, "[": 0x21,
    "I": 0x22, "P": 0x23, "L": 0x25, "J": 0x26, "'": 0x27, "K": 0x28, ";": 0x29,
    "\\": 0x2A, ",": 0x2B, "/": 0x2C, "N": 0x2D, "M": 0x2E, ".": 0x2F, "Space": 0x31,
    "`": 0x32, "F1": 0x7A, "F2": 0x78, "F3": 0x63, "F4": 0x76, "F5": 0x60, "F6": 0x61,
    "F7": 0x62, "F8": 0x64, "F9": 0x65, "F10": 0x6D, "F11": 0x67, "F12": 0x6F,
    "F13": 0x69, "F14": 0x6B, "F15": 0x71, "F16": 0x6A, "F17": 0x40, "F18": 0x4F,
    "F19": 0x50, "F20": 0x5A, "Home": 0x73, "End": 0x77, "PgUp": 0x74, "PgDown": 0x79,
    "Del": 0x75, "Ins": 0x72, "Left": 0x7B, "Right": 0x7C, "Down": 0x7D, "Up": 0x7E,
}  # fmt: skip


class EventTypeSpec(ctypes.Structure):
    _fields_ = [("eventClass", ctypes.c_uint32), ("eventKind", ctypes.c_uint32)]


class EventHotKeyID(ctypes.Structure):
    _fields_ = [("signature", ctypes.c_uint32), ("id", ctypes.c_uint32)]


HANDLER = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)


def modifiers(hotkey: Hotkey) -> int:
    mask = 0
    for name in hotkey.modifiers:
        mask |= MASKS[name]
    return mask


class CarbonHotkeys:
    """The two named keys through Carbon; ``pressed(name)`` is called on each press."""

    name = "macOS"

    def __init__(self, pressed: Callable[[str], None], carbon: Any = None) -> None:
        if carbon is None:
            try:
                carbon = ctypes.CDLL(CARBON)
            except OSError as exc:
                raise HotkeyUnavailable(
                    code="hotkeys_no_library", params={"library": "Carbon", "detail": exc}
                ) from None
            carbon.GetApplicationEventTarget.restype = ctypes.c_void_p
            carbon.InstallEventHandler.argtypes = [
                ctypes.c_void_p,
                HANDLER,
                ctypes.c_ulong,
                ctypes.POINTER(EventTypeSpec),
                ctypes.c_void_p,
                ctypes.c_void_p,
            ]
            carbon.RegisterEventHotKey.argtypes = [
                ctypes.c_uint32,
                ctypes.c_uint32,
                EventHotKeyID,
                ctypes.c_void_p,
                ctypes.c_uint32,
                ctypes.POINTER(ctypes.c_void_p),
            ]
            carbon.UnregisterEventHotKey.argtypes = [ctypes.c_void_p]
            carbon.GetEventParameter.argtypes = [
                ctypes.c_void_p,
                ctypes.c_uint32,
                ctypes.c_uint32,
                ctypes.c_void_p,
                ctypes.c_ulong,
                ctypes.c_void_p,
                ctypes.POINTER(EventHotKeyID),
            ]
        self._carbon = carbon
        self._pressed = pressed
        self._refs: dict[str, ctypes.c_void_p] = {}
        self._target = carbon.GetApplicationEventTarget()
        self._handler = HANDLER(self._on_event)  # kept: Carbon holds only the pointer
        spec = EventTypeSpec(fourcc("keyb"), K_EVENT_HOTKEY_PRESSED)
        status = carbon.InstallEventHandler(
            self._target, self._handler, 1, ctypes.pointer(spec), None, None
        )
        if status != 0:
            raise HotkeyUnavailable(code="hotkeys_carbon_handler", params={"status": status})

    def _on_event(self, _call: Any, event: Any, _data: Any) -> int:
        hotkey_id = EventHotKeyID()
        status = self._carbon.GetEventParameter(
            event,
            fourcc("----"),  # kEventParamDirectObject
            fourcc("hkid"),  # typeEventHotKeyID
            None,
            ctypes.sizeof(hotkey_id),
            None,
            ctypes.pointer(hotkey_id),
        )
        if status == 0 and hotkey_id.signature == SIGNATURE:
            for name, ident in IDS.items():
                if hotkey_id.id == ident and name in self._refs:
                    self._pressed(name)
        return 0

    def grab(self, name: str, hotkey: Hotkey) -> str:
        self.release(name)
        code = KEYCODES.get(hotkey.key)
        if code is None:
            return FAILED
        ref = ctypes.c_void_p()
        status = self._carbon.RegisterEventHotKey(
            code,
            modifiers(hotkey),
            EventHotKeyID(SIGNATURE, IDS[name]),
            self._target,
            0,
            ctypes.pointer(ref),
        )
        if status == EVENT_HOTKEY_EXISTS:
            return TAKEN
        if status != 0:
            return FAILED
        self._refs[name] = ref
        return OK

    def release(self, name: str) -> None:
        ref = self._refs.pop(name, None)
        if ref is not None:
            self._carbon.UnregisterEventHotKey(ref)

    def close(self) -> None:
        for name in list(self._refs):
            self.release(name)
