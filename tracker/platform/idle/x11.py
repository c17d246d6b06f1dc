"""X11 idle time through the MIT-SCREEN-SAVER extension (libXss) and ctypes.

The source opens its own connection to the display (Qt keeps its own XCB connection),
asks ``XScreenSaverQueryInfo`` for the server's idle counter in milliseconds and keeps
the connection until ``close()``. Only call it from one thread (the GUI thread).
"""

from __future__ import annotations

import ctypes

from tracker.platform.idle import IdleError

XID = ctypes.c_ulong


class XScreenSaverInfo(ctypes.Structure):
    _fields_ = [
        ("window", XID),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("eventMask", ctypes.c_ulong),
    ]


def _load(name: str, soname: str) -> ctypes.CDLL:
    """The library by its usual soname, else wherever ``find_library`` finds it (which
    runs ldconfig and gcc, and keeps ``subprocess`` loaded in the tray for good)."""
    try:
        return ctypes.CDLL(soname)
    except OSError:
        pass
    from ctypes.util import find_library

    path = find_library(name) or soname
    try:
        return ctypes.CDLL(path)
    except OSError as exc:
        raise IdleError(
            code="idle_no_library",
            params={"library": f"lib{name}", "detail": str(exc)},
        ) from exc


class X11Idle:
    """Idle time of an X display; raises OSError when it cannot be used at all."""

    name = "x11"

    def __init__(self, display: str | None = None) -> None:
        self.available = False
        self.reason = ""
        self._xlib = _load("X11", "libX11.so.6")
        self._xss = _load("Xss", "libXss.so.1")
        x, s = self._xlib, self._xss
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XDefaultRootWindow.restype = XID
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x.XCloseDisplay.restype = ctypes.c_int
        x.XFree.argtypes = [ctypes.c_void_p]
        x.XFree.restype = ctypes.c_int
        s.XScreenSaverQueryExtension.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_int),
        ]
        s.XScreenSaverQueryExtension.restype = ctypes.c_int
        s.XScreenSaverAllocInfo.argtypes = []
        s.XScreenSaverAllocInfo.restype = ctypes.POINTER(XScreenSaverInfo)
        s.XScreenSaverQueryInfo.argtypes = [
            ctypes.c_void_p,
            XID,
            ctypes.POINTER(XScreenSaverInfo),
        ]
        s.XScreenSaverQueryInfo.restype = ctypes.c_int

        self._display = x.XOpenDisplay(display.encode() if display else None)
        if not self._display:
            raise IdleError(
                code="idle_no_display",
                params={"display": display or "(DISPLAY)"},
            )
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not s.XScreenSaverQueryExtension(
            self._display, ctypes.byref(event_base), ctypes.byref(error_base)
        ):
            self.close()
            raise IdleError(code="idle_no_extension")
        self._root = x.XDefaultRootWindow(self._display)
        self._info = s.XScreenSaverAllocInfo()
        if not self._info:
            self.close()
            raise IdleError(code="idle_no_memory")
        self.available = True

    def idle_seconds(self) -> float | None:
        if not self._display:
            return None
        if not self._xss.XScreenSaverQueryInfo(self._display, self._root, self._info):
            return None
        return float(self._info.contents.idle) / 1000.0

    def locked(self) -> bool | None:
        return None  # X11 has no standard lock state; a locker makes the user idle anyway

    def close(self) -> None:
        info = getattr(self, "_info", None)
        if info:
            self._xlib.XFree(ctypes.cast(info, ctypes.c_void_p))
        self._info = None
        if getattr(self, "_display", None):
            self._xlib.XCloseDisplay(self._display)
        self._display = None
        self.available = False
        self.reason = "closed"
