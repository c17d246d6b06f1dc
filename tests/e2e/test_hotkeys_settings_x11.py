"""Settings with the real X11 grabber on Xvfb: a key another X client holds is reported as
taken the moment it is pressed into the key editor; another key then works, and a press
of it reaches the app. Qt itself runs offscreen here; the grabber has its own connection."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import xenv
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_hotkeys_e2e import HOLDER

from tracker.domain.clock import FakeClock
from tracker.platform.paths import lock_path
from tracker.service import TrackerService
from tracker.store import Store
from tracker.ui.app import App
from tracker.ui.hotkeys import GlobalHotkeys
from tracker.ui.hotkeys.backends import X11Backend
from tracker.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


@pytest.fixture
def app(xserver: xenv.XServer, tmp_path: Path, qapp: QApplication) -> Iterator[App]:
    db = tmp_path / "tracker.sqlite3"
    service = TrackerService(
        Store(db), FakeClock(1_700_006_400), ZoneInfo("Asia/Tokyo"), lock_path(db)
    )
    made = App(service)
    made.hotkeys.close()
    made.hotkeys = GlobalHotkeys(made)
    made.hotkeys._backend = X11Backend(made.hotkeys.pressed, xserver.env["DISPLAY"])
    made.hotkeys.make_current()
    yield made
    made.dispose()
    made.deleteLater()


def test_taken_key_reported_then_another_works(
    app: App, xserver: xenv.XServer, qtbot: QtBot
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, "Ctrl+Alt+K"],
        env=xserver.env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        dialog = app.open_window("settings")
        assert isinstance(dialog, SettingsDialog)
        dialog.settings_changed.connect(app.data_changed)  # as the app's window wiring does
        edit = dialog.hotkeys.edits["hotkey_switcher"]
        edit.setFocus()
        with qtbot.waitSignal(edit.editingFinished, timeout=3000):
            QTest.keyClick(edit, Qt.Key.Key_K, CTRL_ALT)
        state = dialog.hotkeys.state
        assert app.hotkeys.status["hotkey_switcher"] == "taken"
        assert "Ctrl+Alt+K is already used by another program" in state.text()
        assert state.property("problem")

        with qtbot.waitSignal(edit.editingFinished, timeout=3000):
            QTest.keyClick(edit, Qt.Key.Key_J, CTRL_ALT)
        assert app.hotkeys.status["hotkey_switcher"] == "ok"
        assert "Ctrl+Alt+J works in every program" in state.text()
        assert not state.property("problem")
        with qtbot.waitSignal(app.hotkeys.switcher_pressed, timeout=5000):
            xenv.key(xserver.env, "ctrl+alt+j")
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(10)
