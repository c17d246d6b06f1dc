"""The X11 grabber on a real X server (Xvfb): xdotool's keys reach it with and without
NumLock, a key another X client grabbed first is reported as taken, and a released key
is free again for that other client."""

from __future__ import annotations

import select
import subprocess
import sys
import time

from tests.e2e import xenv
from tracker.domain.hotkeys import parse_hotkey
from tracker.platform.hotkeys import OK, TAKEN
from tracker.platform.hotkeys.x11 import X11Grabber

# A tiny other X client: grabs the key and holds it until stdin closes.
HOLDER = """
import sys
from tracker.domain.hotkeys import parse_hotkey
from tracker.platform.hotkeys.x11 import X11Grabber
grabber = X11Grabber()
print(grabber.grab("other", parse_hotkey(sys.argv[1])), flush=True)
sys.stdin.read()
"""


def hold(env: dict[str, str], key: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, key],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def wait_pressed(grabber: X11Grabber, timeout: float = 5.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        select.select([grabber.fileno()], [], [], 0.1)
        names = grabber.pressed()
        if names:
            return names
    return []


def test_grab_press_and_numlock(xserver: xenv.XServer, monkeypatch: object) -> None:
    grabber = X11Grabber(xserver.env["DISPLAY"])
    try:
        hotkey = parse_hotkey("Ctrl+Alt+G")
        assert hotkey is not None
        assert grabber.grab("toggle", hotkey) == OK
        xenv.key(xserver.env, "ctrl+alt+g")
        assert wait_pressed(grabber) == ["toggle"]
        xenv.key(xserver.env, "Num_Lock")
        try:
            xenv.key(xserver.env, "ctrl+alt+g")
            assert wait_pressed(grabber) == ["toggle"]
        finally:
            xenv.key(xserver.env, "Num_Lock")
        xenv.key(xserver.env, "ctrl+alt+h")  # not ours: never reported
        assert wait_pressed(grabber, 0.5) == []
    finally:
        grabber.close()


def test_a_key_another_client_holds_is_taken(xserver: xenv.XServer) -> None:
    proc, said = hold(xserver.env, "Ctrl+Alt+K")
    grabber = X11Grabber(xserver.env["DISPLAY"])
    try:
        assert said == OK
        hotkey = parse_hotkey("Ctrl+Alt+K")
        assert hotkey is not None
        assert grabber.grab("switcher", hotkey) == TAKEN
        assert grabber.grab("switcher", parse_hotkey("Ctrl+Alt+J")) == OK  # type: ignore[arg-type]
        grabber.release("switcher")
    finally:
        grabber.close()
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(10)
    # Once the other client is gone the key is ours, and our released key is free for others.
    grabber = X11Grabber(xserver.env["DISPLAY"])
    try:
        assert grabber.grab("switcher", hotkey) == OK
    finally:
        grabber.close()
    proc, said = hold(xserver.env, "Ctrl+Alt+K")
    assert proc.stdin is not None
    proc.stdin.close()
    proc.wait(10)
    assert said == OK
