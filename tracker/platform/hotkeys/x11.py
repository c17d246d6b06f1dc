"""X11 global hotkeys: XGrabKey on the root window through libxcb (ctypes).

The grabber opens an xcb connection of its own, so it needs nothing from Qt: the Qt side
watches :meth:`X11Grabber.fileno` and calls :meth:`X11Grabber.pressed`. Each key is grabbed
four times, with and without NumLock (Mod2) and CapsLock, which X counts as modifiers.
``xcb_grab_key_checked`` + ``xcb_request_check`` tell a key another client grabbed first
(BadAccess) from one we now hold. Keycodes come from libxcb-keysyms (a dependency of Qt's
xcb platform plugin, so present wherever Qt runs on X11).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from dataclasses import dataclass

from tracker.domain.hotkeys import FUNCTION_KEYS, Hotkey
from tracker.platform.hotkeys import FAILED, OK, TAKEN, HotkeyUnavailable

SHIFT, LOCK, CONTROL, MOD1, MOD2, MOD4 = 1, 2, 4, 8, 16, 64
MASKS = {"Shift": SHIFT, "Ctrl": CONTROL, "Alt": MOD1, "Meta": MOD4}  # Meta is Super (Qt too)
LOCK_VARIANTS = (0, LOCK, MOD2, LOCK | MOD2)
RELEVANT = SHIFT | CONTROL | MOD1 | MOD4
KEY_PRESS = 2
BAD_ACCESS = 10
GRAB_MODE_ASYNC = 1

_NAMED = {
    "Space": 0x20,
    "Home": 0xFF50,
    "Left": 0xFF51,
    "Up": 0xFF52,
    "Right": 0xFF53,
    "Down": 0xFF54,
    "PgUp": 0xFF55,
    "PgDown": 0xFF56,
    "End": 0xFF57,
    "Ins": 0xFF63,
    "Del": 0xFFFF,
    "Pause": 0xFF13,
    "Print": 0xFF61,
}


def keysym(key: str) -> int:
    """The X keysym of a key name from ``tracker.domain.hotkeys.KEYS``."""
    if key in _NAMED:
        return _NAMED[key]
    if key in FUNCTION_KEYS:
        return 0xFFBE + int(key[1:]) - 1
    return ord(key.lower())  # letters (lower case), digits and punctuation are Latin-1


def modifier_mask(hotkey: Hotkey) -> int:
    mask = 0
    for name in hotkey.modifiers:
        mask |= MASKS[name]
    return mask


class _Screen(ctypes.Structure):
    _fields_ = [("root", ctypes.c_uint32)]  # the first field of xcb_screen_t is all we read


class _ScreenIterator(ctypes.Structure):
    _fields_ = [
        ("data", ctypes.POINTER(_Screen)),
        ("rem", ctypes.c_int),
        ("index", ctypes.c_int),
    ]


class _Cookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


class _Error(ctypes.Structure):
    _fields_ = [
        ("response_type", ctypes.c_uint8),
        ("error_code", ctypes.c_uint8),
    ]


class _KeyPress(ctypes.Structure):
    _fields_ = [
        ("response_type", ctypes.c_uint8),
        ("detail", ctypes.c_uint8),
        ("sequence", ctypes.c_uint16),
        ("time", ctypes.c_uint32),
        ("root", ctypes.c_uint32),
        ("event", ctypes.c_uint32),
        ("child", ctypes.c_uint32),
        ("root_x", ctypes.c_int16),
        ("root_y", ctypes.c_int16),
        ("event_x", ctypes.c_int16),
        ("event_y", ctypes.c_int16),
        ("state", ctypes.c_uint16),
        ("same_screen", ctypes.c_uint8),
    ]


def _load(name: str) -> ctypes.CDLL:
    path = ctypes.util.find_library(name) or f"lib{name}.so.1"
    try:
        return ctypes.CDLL(path)
    except OSError as exc:
        raise HotkeyUnavailable(
            code="hotkeys_no_library", params={"library": f"lib{name}", "detail": exc}
        ) from None


def _declare(xcb: ctypes.CDLL, syms: ctypes.CDLL, libc: ctypes.CDLL) -> None:
    vp, u8, u16, u32 = ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint16, ctypes.c_uint32
    xcb.xcb_connect.restype = vp
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.argtypes = [vp]
    xcb.xcb_get_setup.restype = vp
    xcb.xcb_get_setup.argtypes = [vp]
    xcb.xcb_setup_roots_iterator.restype = _ScreenIterator
    xcb.xcb_setup_roots_iterator.argtypes = [vp]
    xcb.xcb_screen_next.argtypes = [ctypes.POINTER(_ScreenIterator)]
    xcb.xcb_grab_key_checked.restype = _Cookie
    xcb.xcb_grab_key_checked.argtypes = [vp, u8, u32, u16, u8, u8, u8]
    xcb.xcb_ungrab_key_checked.restype = _Cookie
    xcb.xcb_ungrab_key_checked.argtypes = [vp, u8, u32, u16]
    xcb.xcb_request_check.restype = ctypes.POINTER(_Error)
    xcb.xcb_request_check.argtypes = [vp, _Cookie]
    xcb.xcb_poll_for_event.restype = ctypes.c_void_p
    xcb.xcb_poll_for_event.argtypes = [vp]
    xcb.xcb_get_file_descriptor.argtypes = [vp]
    xcb.xcb_flush.argtypes = [vp]
    xcb.xcb_disconnect.argtypes = [vp]
    syms.xcb_key_symbols_alloc.restype = vp
    syms.xcb_key_symbols_alloc.argtypes = [vp]
    syms.xcb_key_symbols_free.argtypes = [vp]
    syms.xcb_key_symbols_get_keycode.restype = ctypes.POINTER(u8)
    syms.xcb_key_symbols_get_keycode.argtypes = [vp, u32]
    libc.free.argtypes = [vp]


@dataclass(frozen=True)
class _Grab:
    name: str
    keycodes: tuple[int, ...]
    mask: int


class X11Grabber:
    """Global keys on one X display (``$DISPLAY`` by default)."""

    name = "X11"

    def __init__(self, display: str | None = None) -> None:
        self._xcb = _load("xcb")
        self._syms = _load("xcb-keysyms")
        self._libc = ctypes.CDLL(ctypes.util.find_library("c"))
        _declare(self._xcb, self._syms, self._libc)
        target = display if display is not None else os.environ.get("DISPLAY")
        if not target:
            raise HotkeyUnavailable(code="hotkeys_no_display")
        screen = ctypes.c_int(0)
        conn = self._xcb.xcb_connect(target.encode(), ctypes.byref(screen))
        if not conn or self._xcb.xcb_connection_has_error(conn):
            if conn:
                self._xcb.xcb_disconnect(conn)
            raise HotkeyUnavailable(code="hotkeys_x_connect", params={"display": target})
        self._conn: int | None = conn
        roots = self._xcb.xcb_setup_roots_iterator(self._xcb.xcb_get_setup(conn))
        for _ in range(screen.value):
            self._xcb.xcb_screen_next(ctypes.byref(roots))
        self.root = int(roots.data.contents.root)
        self._keysyms = self._syms.xcb_key_symbols_alloc(conn)
        self._grabs: dict[str, _Grab] = {}

    def fileno(self) -> int:
        return int(self._xcb.xcb_get_file_descriptor(self._conn))

    def _keycodes(self, key: str) -> tuple[int, ...]:
        found = self._syms.xcb_key_symbols_get_keycode(self._keysyms, keysym(key))
        if not found:
            return ()
        codes: list[int] = []
        i = 0
        while found[i]:
            codes.append(int(found[i]))
            i += 1
        self._libc.free(ctypes.cast(found, ctypes.c_void_p))
        return tuple(dict.fromkeys(codes))

    def _check(self, cookie: _Cookie) -> int:
        """0, or the X error code of the request."""
        error = self._xcb.xcb_request_check(self._conn, cookie)
        if not error:
            return 0
        code = int(error.contents.error_code)
        self._libc.free(ctypes.cast(error, ctypes.c_void_p))
        return code

    def grab(self, name: str, hotkey: Hotkey) -> str:
        """Grab ``hotkey`` as ``name``: OK, TAKEN (another client holds it) or FAILED."""
        self.release(name)
        keycodes = self._keycodes(hotkey.key)
        if not keycodes:
            return FAILED  # this keyboard layout has no such key
        mask = modifier_mask(hotkey)
        done: list[tuple[int, int]] = []
        result = OK
        for code in keycodes:
            for extra in LOCK_VARIANTS:
                cookie = self._xcb.xcb_grab_key_checked(
                    self._conn, 1, self.root, mask | extra, code, GRAB_MODE_ASYNC, GRAB_MODE_ASYNC
                )
                error = self._check(cookie)
                if error:
                    result = TAKEN if error == BAD_ACCESS else FAILED
                    break
                done.append((code, mask | extra))
            if result != OK:
                break
        if result != OK:
            for code, mods in done:  # all or nothing: half a grab would eat keys silently
                self._check(self._xcb.xcb_ungrab_key_checked(self._conn, code, self.root, mods))
            return result
        self._grabs[name] = _Grab(name, keycodes, mask)
        return OK

    def release(self, name: str) -> None:
        grab = self._grabs.pop(name, None)
        if grab is None or self._conn is None:
            return
        for code in grab.keycodes:
            for extra in LOCK_VARIANTS:
                cookie = self._xcb.xcb_ungrab_key_checked(
                    self._conn, code, self.root, grab.mask | extra
                )
                self._check(cookie)

    def pressed(self) -> list[str]:
        """The names of the grabbed keys pressed since the last call (reads every event)."""
        names: list[str] = []
        if self._conn is None:
            return names
        while True:
            event = self._xcb.xcb_poll_for_event(self._conn)
            if not event:
                break
            press = ctypes.cast(event, ctypes.POINTER(_KeyPress)).contents
            if press.response_type & 0x7F == KEY_PRESS:
                for grab in self._grabs.values():
                    if press.detail in grab.keycodes and press.state & RELEVANT == grab.mask:
                        names.append(grab.name)
            self._libc.free(event)
        return names

    def close(self) -> None:
        if self._conn is None:
            return
        for name in list(self._grabs):
            self.release(name)
        self._syms.xcb_key_symbols_free(self._keysyms)
        self._xcb.xcb_disconnect(self._conn)
        self._conn = None
