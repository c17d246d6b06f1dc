"""Click a window and watch its pixels, through libX11 and XTest (ctypes, no extra package).

The click is the one xdotool sends (XTest fake pointer motion, press, release); the pixels
are read back from the X server with XGetImage, so "changed" means the new icon really
reached the screen, not that the app decided to paint it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import time
from types import TracebackType


class _XImage(ctypes.Structure):
    # The head of struct _XImage (Xlib.h) up to bytes_per_line; the rest is not read.
    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int),
        ("data", ctypes.POINTER(ctypes.c_char)),
        ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
    ]


ZPIXMAP = 2
ALL_PLANES = ctypes.c_ulong(~0 & 0xFFFFFFFFFFFFFFFF)


def _lib(name: str, fallback: str) -> ctypes.CDLL:
    return ctypes.CDLL(ctypes.util.find_library(name) or fallback)


class XDisplay:
    """One connection to ``display``; use as a context manager."""

    def __init__(self, display: str) -> None:
        self.x = _lib("X11", "libX11.so.6")
        self.xtst = _lib("Xtst", "libXtst.so.6")
        x = self.x
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x.XFlush.argtypes = [ctypes.c_void_p]
        x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x.XGetImage.restype = ctypes.POINTER(_XImage)
        x.XGetImage.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_ulong,
            ctypes.c_int,
        ]
        x.XDestroyImage.argtypes = [ctypes.POINTER(_XImage)]
        x.XSetErrorHandler.restype = ctypes.c_void_p
        x.XDefaultScreen.argtypes = [ctypes.c_void_p]
        x.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.xtst.XTestFakeMotionEvent.argtypes = [
            ctypes.c_void_p,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_ulong,
        ]
        self.xtst.XTestFakeButtonEvent.argtypes = [
            ctypes.c_void_p,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_ulong,
        ]
        # A window that vanishes mid-grab (the tray quit) must not abort this process:
        # Xlib's default error handler calls exit().
        self._handler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(
            lambda _d, _e: 0
        )
        x.XSetErrorHandler(self._handler)
        self.dpy = x.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError(f"cannot open X display {display}")

    def __enter__(self) -> XDisplay:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.x.XCloseDisplay(self.dpy)

    def grab(self, wid: int, width: int, height: int) -> bytes:
        """The window's pixels as the server has them now (b"" if it cannot be read)."""
        image = self.x.XGetImage(self.dpy, wid, 0, 0, width, height, ALL_PLANES, ZPIXMAP)
        if not image:
            return b""
        try:
            head = image.contents
            return ctypes.string_at(head.data, head.bytes_per_line * head.height)
        finally:
            self.x.XDestroyImage(image)

    def click(self, x: int, y: int, button: int = 1) -> float:
        """Move the pointer to root (x, y) and click; returns ``perf_counter`` taken just
        before the press is sent (Qt's tray icon acts on the press; a time taken after an
        XSync could follow a repaint the app managed while this process waited, as one
        bare-tray sample of 0.06 ms showed). The pointer then moves away to the bottom
        left corner: a tooltip shown over the icon would change its pixels too."""
        self.xtst.XTestFakeMotionEvent(self.dpy, -1, x, y, 0)
        self.x.XSync(self.dpy, 0)
        pressed = time.perf_counter()
        self.xtst.XTestFakeButtonEvent(self.dpy, button, 1, 0)
        self.xtst.XTestFakeButtonEvent(self.dpy, button, 0, 0)
        self.x.XFlush(self.dpy)
        height = self.x.XDisplayHeight(self.dpy, self.x.XDefaultScreen(self.dpy))
        self.xtst.XTestFakeMotionEvent(self.dpy, -1, 1, height - 2, 0)
        self.x.XFlush(self.dpy)
        return pressed

    def wait_change(
        self, wid: int, width: int, height: int, before: bytes, timeout: float = 5.0
    ) -> float | None:
        """``perf_counter`` of the first grab that differs from ``before`` (polled every
        ~1 ms), or None when nothing changed within ``timeout``."""
        deadline = time.perf_counter() + timeout
        while True:
            now = time.perf_counter()
            if self.grab(wid, width, height) != before:
                return now
            if now > deadline:
                return None
            time.sleep(0.001)
