"""The Wayland wire client and the compositor idle source, against a scripted compositor.

The real compositor (sway 1.7, ``org_kde_kwin_idle``) is exercised in
tests/e2e/test_wayland_e2e.py. Here a small server on a real Unix socket plays the parts
sway cannot: a compositor with ``ext-idle-notify-v1`` (the bytes of the request are
checked), one with neither protocol, one that sends a protocol error, garbage, or goes away.
"""

from __future__ import annotations

import contextlib
import os
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tracker.platform.idle import IdleError
from tracker.platform.idle.wayland import WaylandIdle
from tracker.platform.wayland import Connection, WaylandError, decode_string, encode


class Compositor:
    """Answers get_registry with ``globals`` and sync with done; records every request."""

    def __init__(self, path: Path, globals_: list[tuple[str, int]]) -> None:
        self.path = path
        self.globals = globals_
        self.requests: list[tuple[int, int, bytes]] = []
        self.client: socket.socket | None = None
        self.on_request: Callable[[Compositor, int, int, bytes], None] | None = None
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(str(path))
        self._server.listen(1)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def event(self, object_id: int, opcode: int, payload: bytes = b"") -> None:
        assert self.client is not None
        size = 8 + len(payload)
        with contextlib.suppress(OSError):  # the client hung up (after a protocol error)
            self.client.sendall(struct.pack("<II", object_id, (size << 16) | opcode) + payload)

    def _serve(self) -> None:
        self._server.settimeout(10)
        try:
            self.client, _ = self._server.accept()
        except OSError:
            return
        buffer = b""
        while True:
            try:
                chunk = self.client.recv(4096)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            while len(buffer) >= 8:
                object_id, word = struct.unpack_from("<II", buffer)
                size = word >> 16
                if len(buffer) < size:
                    break
                payload, buffer = buffer[8:size], buffer[size:]
                self._request(object_id, word & 0xFFFF, payload)

    def _request(self, object_id: int, opcode: int, payload: bytes) -> None:
        self.requests.append((object_id, opcode, payload))
        if self.on_request is not None:
            self.on_request(self, object_id, opcode, payload)
            if self.client is None or self.client.fileno() < 0:
                return
        if (object_id, opcode) == (1, 1):  # wl_display.get_registry
            (registry,) = struct.unpack("<I", payload)
            for name, (interface, version) in enumerate(self.globals, start=1):
                self.event(registry, 0, encode(name, interface, version))
        elif (object_id, opcode) == (1, 0):  # wl_display.sync
            (callback,) = struct.unpack("<I", payload)
            self.event(callback, 0, encode(1))
            self.event(1, 1, encode(callback))  # delete_id

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        self._server.close()
        self._thread.join(5)


@pytest.fixture
def make(tmp_path: Path) -> Iterator[Callable[[list[tuple[str, int]]], Compositor]]:
    made: list[Compositor] = []

    def _make(globals_: list[tuple[str, int]]) -> Compositor:
        made.append(Compositor(tmp_path / f"wayland-{len(made)}", globals_))
        return made[-1]

    yield _make
    for compositor in made:
        compositor.close()


def env_for(compositor: Compositor) -> dict[str, str]:
    return {"WAYLAND_DISPLAY": str(compositor.path)}


def test_ext_idle_notify_is_preferred_and_its_request_is_well_formed(make) -> None:  # type: ignore[no-untyped-def]
    fake = make([("wl_seat", 7), ("org_kde_kwin_idle", 1), ("ext_idle_notifier_v1", 1)])
    source = WaylandIdle(env_for(fake), notify_ms=1500)
    assert source.available and source.name == "wayland:ext-idle-notify"
    binds = [(oid, payload) for oid, op, payload in fake.requests if oid == 2 and op == 0]
    bound = [decode_string(payload, 4)[0] for _, payload in binds]
    assert bound == ["wl_seat", "ext_idle_notifier_v1"]
    seat_id = struct.unpack_from("<I", binds[0][1], len(binds[0][1]) - 4)[0]
    notifier_id = struct.unpack_from("<I", binds[1][1], len(binds[1][1]) - 4)[0]
    (request,) = [(op, p) for oid, op, p in fake.requests if oid == notifier_id]
    opcode, payload = request
    notification, timeout, seat = struct.unpack("<III", payload)
    assert opcode == 1 and timeout == 1500 and seat == seat_id  # get_idle_notification
    assert notification > notifier_id

    assert source.idle_seconds() == 0.0
    fake.event(notification, 0)  # idled
    grown = 0.0
    deadline = time.monotonic() + 5
    while grown < 1.6 and time.monotonic() < deadline:
        grown = source.idle_seconds() or 0.0
        time.sleep(0.02)
    assert 1.5 <= grown < 3.0  # the timeout plus the time since "idled"
    fake.event(notification, 1)  # resumed
    deadline = time.monotonic() + 5
    while source.idle_seconds() != 0.0 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert source.idle_seconds() == 0.0
    source.close()
    assert source.idle_seconds() is None


def test_kde_protocol_request_puts_the_seat_before_the_timeout(make) -> None:  # type: ignore[no-untyped-def]
    fake = make([("wl_seat", 5), ("org_kde_kwin_idle", 1)])
    source = WaylandIdle(env_for(fake), notify_ms=800)
    assert source.name == "wayland:org_kde_kwin_idle"
    manager_id = 5  # registry 2, sync callback 3, seat 4, manager 5
    (payload,) = [p for oid, op, p in fake.requests if oid == manager_id and op == 0]
    _timeout_id, seat, timeout = struct.unpack("<III", payload)
    assert (seat, timeout) == (4, 800)
    source.close()


def test_a_compositor_without_idle_protocols_is_refused_with_a_code(make) -> None:  # type: ignore[no-untyped-def]
    fake = make([("wl_seat", 7), ("wl_compositor", 4)])
    with pytest.raises(IdleError) as caught:
        WaylandIdle(env_for(fake))
    assert caught.value.code == "idle_wayland_no_protocol"


def test_no_socket_or_no_variable_is_an_idle_error(tmp_path: Path) -> None:
    with pytest.raises(IdleError) as caught:
        WaylandIdle({"WAYLAND_DISPLAY": str(tmp_path / "nothing-here")})
    assert caught.value.code == "idle_wayland" and "cannot connect" in str(caught.value)
    with pytest.raises(IdleError, match="WAYLAND_DISPLAY is not set"):
        WaylandIdle({})
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(IdleError, match="cannot connect"):
        WaylandIdle({"WAYLAND_DISPLAY": str(fifo)})


def test_the_compositor_going_away_makes_idle_unknown_not_an_error(make) -> None:  # type: ignore[no-untyped-def]
    fake = make([("wl_seat", 7), ("org_kde_kwin_idle", 1)])
    source = WaylandIdle(env_for(fake))
    assert source.idle_seconds() == 0.0
    assert fake.client is not None
    fake.client.shutdown(socket.SHUT_RDWR)
    deadline = time.monotonic() + 5
    while source.idle_seconds() is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert source.idle_seconds() is None
    assert not source.available and "closed the connection" in source.reason


def test_a_protocol_error_and_a_malformed_message_raise_wayland_error(make) -> None:  # type: ignore[no-untyped-def]
    def refuse(fake: Compositor, object_id: int, opcode: int, payload: bytes) -> None:
        if object_id == 5:  # the idle manager: answer with a fatal protocol error
            fake.event(1, 0, encode(5, 3, "no idle for you"))

    fake = make([("wl_seat", 7), ("org_kde_kwin_idle", 1)])
    fake.on_request = refuse
    with pytest.raises(IdleError, match="no idle for you") as caught:
        WaylandIdle(env_for(fake))
    assert caught.value.code == "idle_wayland"

    garbage = make([("wl_seat", 7)])
    conn = Connection(env_for(garbage))
    garbage.event(9, 0, b"")  # fine: an event for an unknown object is ignored
    assert garbage.client is not None
    garbage.client.sendall(struct.pack("<II", 9, (3 << 16) | 0))  # size 3 < header
    with pytest.raises(WaylandError, match="malformed"):
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            conn.dispatch(0.1)
    assert conn.closed
