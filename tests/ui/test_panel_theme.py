"""The panel's theme from the real session bus: the XDG settings portal's color-scheme.

Each case runs a fresh process under ``dbus-run-session`` (a private bus), with the
stand-in portal of portal_stub.py or without any portal, and reads ``PanelTheme.dark``
after the answer, as the tray does at start.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

CLIENT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from tracker.ui.panel_theme import PanelTheme

app = QGuiApplication([])
theme = PanelTheme()
print("start", theme.dark, flush=True)
theme.changed.connect(lambda: print("changed", theme.dark, flush=True))
QTimer.singleShot(1500, app.quit)
app.exec()
print("end", theme.dark, theme.portal_scheme, flush=True)
"""

SCRIPT = """
set -e
if [ "$SCHEME" != none ]; then
  "$PY" "$STUB" "$SCHEME" > "$OUT" 2>&1 &
  for i in $(seq 50); do grep -q ready "$OUT" 2>/dev/null && break; sleep 0.1; done
fi
"$PY" -c "$CLIENT"
"""

pytestmark = pytest.mark.skipif(
    shutil.which("dbus-run-session") is None, reason="dbus-run-session (dbus) not installed"
)


def run(scheme: str, desktop: str, tmp_path: Path) -> list[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CURRENT_DESKTOP=desktop,
        PYTHONPATH=str(REPO),
        PY=sys.executable,
        STUB=str(HERE / "portal_stub.py"),
        OUT=str(tmp_path / "stub.out"),
        SCHEME=scheme,
        CLIENT=CLIENT,
    )
    out = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr, out.stderr
    return out.stdout.splitlines()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the portal is Linux's")
def test_a_light_portal_scheme_turns_an_xfce_panel_light(tmp_path: Path) -> None:
    lines = run("2", "XFCE", tmp_path)
    assert lines[0] == "start True"  # XFCE's default panel is dark until told otherwise
    assert "changed False" in lines
    assert lines[-1] == "end False 2"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the portal is Linux's")
def test_gnome_s_top_bar_stays_dark_whatever_the_portal_says(tmp_path: Path) -> None:
    # not even asked: its answer cannot change GNOME's dark top bar (and QtDBus stays unloaded)
    assert run("2", "GNOME", tmp_path)[-1] == "end True None"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the portal is Linux's")
def test_no_portal_on_the_bus_keeps_the_first_guess_quietly(tmp_path: Path) -> None:
    lines = run("none", "XFCE", tmp_path)
    assert lines == ["start True", "end True None"]
