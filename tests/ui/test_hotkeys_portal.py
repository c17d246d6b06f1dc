"""The Wayland hotkey backend against a fake XDG desktop portal on a private session bus.

The fake (a small jeepney process) plays ``org.freedesktop.portal.Desktop``'s
``GlobalShortcuts``: sessions, bindings (refusing one trigger, as a desktop may), and an
``Activated`` signal when the test tells it a key was pressed. What the app asks for and
what it makes of the answers goes through the real ``GlobalHotkeys`` and Settings group.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tracker.domain.hotkeys import parse_hotkey
from tracker.platform.hotkeys.portal import trigger
from tracker.ui.hotkeys import GlobalHotkeys
from tracker.ui.hotkeys.portal import PortalBackend

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

FAKE_PORTAL = textwrap.dedent(
    """
    import select, sys
    from jeepney import DBusAddress, HeaderFields, MessageType, new_method_return, new_signal
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    REFUSED = set(sys.argv[2:])
    conn = open_dbus_connection(sys.argv[1])
    conn.send_and_get_reply(message_bus.RequestName("org.freedesktop.portal.Desktop"))
    sessions = {}

    def respond(msg, options, results):
        sender = msg.header.fields[HeaderFields.sender].lstrip(":").replace(".", "_")
        path = f"/org/freedesktop/portal/desktop/request/{sender}/{options['handle_token'][1]}"
        conn.send(new_method_return(msg, "o", (path,)))
        request = DBusAddress(path, interface="org.freedesktop.portal.Request")
        conn.send(new_signal(request, "Response", "ua{sv}", (0, results)))

    print("ready", flush=True)
    while True:
        ready, _, _ = select.select([conn.sock, sys.stdin], [], [])
        if sys.stdin in ready:
            line = sys.stdin.readline().split()
            if not line:
                break
            session = next(iter(sessions))
            emitter = DBusAddress(
                "/org/freedesktop/portal/desktop",
                interface="org.freedesktop.portal.GlobalShortcuts",
            )
            conn.send(new_signal(emitter, "Activated", "osta{sv}", (session, line[1], 0, {})))
            continue
        while True:
            try:
                msg = conn.receive(timeout=0)
            except TimeoutError:
                break
            if msg.header.message_type != MessageType.method_call:
                continue
            member = msg.header.fields[HeaderFields.member]
            if member == "Get":
                conn.send(new_method_return(msg, "v", (("u", 1),)))
            elif member == "CreateSession":
                options = msg.body[0]
                path = "/org/freedesktop/portal/desktop/session/x/" + options[
                    "session_handle_token"][1]
                sessions[path] = []
                respond(msg, options, {"session_handle": ("o", path)})
                print("session", path, flush=True)
            elif member == "BindShortcuts":
                session, shortcuts, _parent, options = msg.body
                bound = [
                    (ident, {"description": props["description"],
                             "trigger_description": props["preferred_trigger"]})
                    for ident, props in shortcuts
                    if props["preferred_trigger"][1] not in REFUSED
                ]
                sessions[session] = bound
                asked = " ".join(f"{i}={p['preferred_trigger'][1]}" for i, p in shortcuts)
                print("bind", asked, flush=True)
                respond(msg, options, {"shortcuts": ("a(sa{sv})", bound)})
            elif member == "Close":
                sessions.pop(msg.header.fields[HeaderFields.path], None)
                conn.send(new_method_return(msg))
                print("closed", flush=True)
    """
)


@pytest.fixture
def bus_address() -> Iterator[str]:
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    try:
        yield daemon.stdout.readline().strip()
    finally:
        daemon.terminate()
        daemon.wait(5)


@pytest.fixture
def portal(tmp_path: Path, bus_address: str) -> Iterator[FakePortal]:
    script = tmp_path / "fake_portal.py"
    script.write_text(FAKE_PORTAL)
    proc = subprocess.Popen(
        [sys.executable, str(script), bus_address, "CTRL+ALT+k"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, DBUS_SESSION_BUS_ADDRESS=bus_address),
    )
    fake = FakePortal(proc)
    try:
        assert fake.said("ready") == "ready"
        yield fake
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(5)


class FakePortal:
    """The fake portal process and the lines it prints (read on a thread: no pipe stalls)."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())

    def said(self, word: str, timeout: float = 5.0) -> str:
        """Its next line starting with ``word``."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if line.startswith(word):
                return line
        raise AssertionError(f"the fake portal did not say {word!r}")

    def press(self, name: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"press {name}\n")
        self.proc.stdin.flush()


def test_triggers_in_the_xdg_format() -> None:
    cases = {
        "Ctrl+Alt+G": "CTRL+ALT+g",
        "Meta+Shift+F5": "SHIFT+LOGO+F5",
        "Ctrl+PgDown": "CTRL+Page_Down",
        "Alt+,": "ALT+comma",
        "Ctrl+Alt+7": "CTRL+ALT+7",
    }
    for text, expected in cases.items():
        hotkey = parse_hotkey(text)
        assert hotkey is not None
        assert trigger(hotkey) == expected


def test_bind_press_refuse_and_rebind(
    qapp: Any, qtbot: QtBot, bus_address: str, portal: FakePortal
) -> None:
    hotkeys = GlobalHotkeys()
    backend = PortalBackend(hotkeys.pressed, hotkeys.report, bus_address)
    hotkeys._backend = backend
    try:
        hotkeys.apply({"hotkey_toggle": "Ctrl+Alt+G", "hotkey_switcher": "Ctrl+Alt+K"})
        assert hotkeys.status == {"hotkey_toggle": "pending", "hotkey_switcher": "pending"}
        qtbot.waitUntil(lambda: hotkeys.status["hotkey_toggle"] == "ok", timeout=5000)
        assert portal.said("bind") == "bind hotkey_toggle=CTRL+ALT+g hotkey_switcher=CTRL+ALT+k"
        # The desktop bound one and refused the other: told, not silently ignored.
        assert hotkeys.status["hotkey_switcher"] == "failed"

        with qtbot.waitSignal(hotkeys.toggle_pressed, timeout=5000):
            portal.press("hotkey_toggle")
        # A refused key's Activated (a confused desktop) is not a press.
        with qtbot.assertNotEmitted(hotkeys.switcher_pressed, wait=300):
            portal.press("hotkey_switcher")

        # Another key: the old session closes and the whole set is bound anew.
        hotkeys.apply({"hotkey_toggle": "Ctrl+Alt+G", "hotkey_switcher": "Meta+F5"})
        assert hotkeys.status["hotkey_switcher"] == "pending"
        qtbot.waitUntil(lambda: hotkeys.status["hotkey_switcher"] == "ok", timeout=5000)
        assert portal.said("closed") == "closed"
        assert portal.said("bind") == "bind hotkey_toggle=CTRL+ALT+g hotkey_switcher=LOGO+F5"
        with qtbot.waitSignal(hotkeys.switcher_pressed, timeout=5000):
            portal.press("hotkey_switcher")
    finally:
        hotkeys.close()


def test_no_portal_on_the_bus_is_unavailable(qapp: Any, bus_address: str) -> None:
    from tracker.platform.hotkeys import HotkeyUnavailable

    with pytest.raises(HotkeyUnavailable):
        PortalBackend(lambda name: None, lambda name, status: None, bus_address)
