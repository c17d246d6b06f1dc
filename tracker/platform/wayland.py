"""A minimal Wayland client speaking the wire protocol over the compositor's socket.

Just enough to bind a few globals and send and receive messages with integer, string and
object arguments (no file descriptors): the idle backends (``ext-idle-notify-v1``,
KDE's ``org_kde_kwin_idle``) use it from the app, the end-to-end tests use it to drive a
virtual pointer. It needs no libwayland binding: the wire format is fixed by the Wayland
specification (little-endian on every machine we ship for; a message is an object id, a
16-bit opcode and 16-bit size, then 32-bit-aligned arguments).

A ``Connection`` is used from one thread only. Reading never blocks longer than the
timeout given; a compositor that goes away raises ``WaylandError``.
"""

from __future__ import annotations

import os
import select
import socket
import struct
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Connection", "Global", "WaylandError", "socket_path"]

DISPLAY_ID = 1
_HEADER = struct.Struct("<II")
# wl_display requests and events; wl_registry; wl_callback
_SYNC, _GET_REGISTRY = 0, 1
_ERROR, _DELETE_ID = 0, 1
_BIND = 0
_GLOBAL, _GLOBAL_REMOVE = 0, 1
_DONE = 0
_MAX_MESSAGE = 4096  # libwayland's own limit for one message


class WaylandError(OSError):
    """The compositor cannot be reached, refused a request or went away."""


def socket_path(env: Mapping[str, str] | None = None) -> Path | None:
    """The compositor's socket from ``WAYLAND_DISPLAY`` (relative to XDG_RUNTIME_DIR)."""
    env = os.environ if env is None else env
    name = env.get("WAYLAND_DISPLAY", "")
    if not name:
        return None
    path = Path(name)
    if path.is_absolute():
        return path
    runtime = env.get("XDG_RUNTIME_DIR", "")
    return Path(runtime) / name if runtime else None


def _pad(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 4)


def encode_string(text: str) -> bytes:
    raw = text.encode() + b"\0"
    return struct.pack("<I", len(raw)) + _pad(raw)


def encode(*args: int | str) -> bytes:
    """Arguments as the wire wants them: ints as uint32 (negatives as two's complement)."""
    out = b""
    for arg in args:
        out += encode_string(arg) if isinstance(arg, str) else struct.pack("<I", arg & 0xFFFFFFFF)
    return out


def decode_string(payload: bytes, offset: int = 0) -> tuple[str, int]:
    (length,) = struct.unpack_from("<I", payload, offset)
    start = offset + 4
    text = payload[start : start + max(0, length - 1)].decode(errors="replace")
    return text, start + length + (-length % 4)


@dataclass(frozen=True)
class Global:
    """One global the compositor announced in the registry."""

    name: int
    interface: str
    version: int


EventHandler = Callable[[int, bytes], None]


class Connection:
    """One client connection: object ids, the registry, blocking round trips."""

    def __init__(self, env: Mapping[str, str] | None = None, timeout: float = 2.0) -> None:
        path = socket_path(env)
        if path is None:
            raise WaylandError("WAYLAND_DISPLAY is not set")
        self.timeout = timeout
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM | socket.SOCK_CLOEXEC)
        self._sock.settimeout(timeout)
        try:
            self._sock.connect(str(path))
        except OSError as exc:
            self._sock.close()
            raise WaylandError(f"cannot connect to the compositor at {path}: {exc}") from exc
        self._next_id = DISPLAY_ID + 1
        self._buffer = b""
        self._handlers: dict[int, EventHandler] = {}
        self.globals: dict[int, Global] = {}
        self.closed = False
        self._registry = self.new_id(self._on_registry)
        self.send(DISPLAY_ID, _GET_REGISTRY, encode(self._registry))
        self.roundtrip()

    # -- objects and messages ------------------------------------------------------------

    def new_id(self, handler: EventHandler | None = None) -> int:
        """A fresh client object id; ``handler(opcode, payload)`` gets its events."""
        object_id = self._next_id
        self._next_id += 1
        if handler is not None:
            self._handlers[object_id] = handler
        return object_id

    def send(self, object_id: int, opcode: int, payload: bytes = b"") -> None:
        size = _HEADER.size + len(payload)
        try:
            self._sock.sendall(_HEADER.pack(object_id, (size << 16) | opcode) + payload)
        except OSError as exc:
            self.close()
            raise WaylandError(f"the compositor went away: {exc}") from exc

    def find(self, interface: str) -> Global | None:
        return next((g for g in self.globals.values() if g.interface == interface), None)

    def bind(self, interface: str, version: int, handler: EventHandler | None = None) -> int:
        """Bind the first global named ``interface`` at no more than ``version``."""
        found = self.find(interface)
        if found is None:
            raise WaylandError(f"the compositor offers no {interface}")
        object_id = self.new_id(handler)
        self.send(
            self._registry,
            _BIND,
            encode(found.name, interface, min(version, found.version), object_id),
        )
        return object_id

    # -- reading ------------------------------------------------------------------------

    def roundtrip(self) -> None:
        """Wait until the compositor has handled every request sent so far."""
        done: list[bool] = []
        callback = self.new_id(lambda _op, _payload: done.append(True))
        self.send(DISPLAY_ID, _SYNC, encode(callback))
        deadline = time.monotonic() + self.timeout
        while not done:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WaylandError(f"the compositor did not answer within {self.timeout:.1f}s")
            self.dispatch(remaining)
        self._handlers.pop(callback, None)

    def dispatch(self, timeout: float = 0.0) -> int:
        """Handle the events that arrive within ``timeout`` seconds; how many were read."""
        if self.closed:
            raise WaylandError("the connection to the compositor is closed")
        ready, _, _ = select.select([self._sock], [], [], max(0.0, timeout))
        if not ready:
            return 0
        try:
            chunk = self._sock.recv(65536, socket.MSG_DONTWAIT)
        except BlockingIOError:
            return 0
        except OSError as exc:
            self.close()
            raise WaylandError(f"the compositor went away: {exc}") from exc
        if not chunk:
            self.close()
            raise WaylandError("the compositor closed the connection")
        self._buffer += chunk
        count = 0
        while len(self._buffer) >= _HEADER.size:
            object_id, word = _HEADER.unpack_from(self._buffer)
            size, opcode = word >> 16, word & 0xFFFF
            if size < _HEADER.size or size > _MAX_MESSAGE:
                self.close()
                raise WaylandError(f"malformed message from the compositor (size {size})")
            if len(self._buffer) < size:
                break
            payload = self._buffer[_HEADER.size : size]
            self._buffer = self._buffer[size:]
            self._handle(object_id, opcode, payload)
            count += 1
        return count

    def _handle(self, object_id: int, opcode: int, payload: bytes) -> None:
        if object_id == DISPLAY_ID:
            if opcode == _ERROR:
                (culprit, code) = struct.unpack_from("<II", payload)
                message, _ = decode_string(payload, 8)
                self.close()
                raise WaylandError(f"protocol error {code} on object {culprit}: {message}")
            if opcode == _DELETE_ID:
                self._handlers.pop(struct.unpack_from("<I", payload)[0], None)
            return
        handler = self._handlers.get(object_id)
        if handler is not None:
            handler(opcode, payload)

    def _on_registry(self, opcode: int, payload: bytes) -> None:
        if opcode == _GLOBAL:
            (name,) = struct.unpack_from("<I", payload)
            interface, offset = decode_string(payload, 4)
            (version,) = struct.unpack_from("<I", payload, offset)
            self.globals[name] = Global(name, interface, version)
        elif opcode == _GLOBAL_REMOVE:
            self.globals.pop(struct.unpack_from("<I", payload)[0], None)

    def close(self) -> None:
        """Disconnect; the compositor destroys every object of this client. Idempotent."""
        if not self.closed:
            self.closed = True
            self._sock.close()
