"""The Global shortcuts group of Settings: keys pressed into its key editors reach the
database in Qt's text, Clear turns a key off, one key for both shortcuts is reported, and
a system without global keys (here: Qt's offscreen platform) says so instead of staying
silent. The grab itself on a real X server: tests/e2e/test_hotkeys_settings_x11.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from tray_support import make_service

from tracker.domain.clock import FakeClock
from tracker.service import TrackerService
from tracker.ui.app import App
from tracker.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


@pytest.fixture
def env(tmp_path: Path) -> tuple[TrackerService, FakeClock]:
    return make_service(tmp_path)


@pytest.fixture
def app(env: tuple[TrackerService, FakeClock], qapp: QApplication) -> Iterator[App]:
    made = App(env[0])
    yield made
    made.dispose()
    made.deleteLater()


def settings(app: App) -> SettingsDialog:
    dialog = app.open_window("settings")
    assert isinstance(dialog, SettingsDialog)
    return dialog


def press(qtbot: QtBot, dialog: SettingsDialog, name: str, key: Qt.Key) -> None:
    edit = dialog.hotkeys.edits[name]
    edit.setFocus()
    with qtbot.waitSignal(edit.editingFinished, timeout=3000):
        QTest.keyClick(edit, key, CTRL_ALT)


def test_a_pressed_key_is_stored_and_this_platform_says_why_it_cannot_grab(
    app: App, env: tuple[TrackerService, FakeClock], qtbot: QtBot
) -> None:
    service = env[0]
    dialog = settings(app)
    state = dialog.hotkeys.state
    assert not state.property("problem")
    press(qtbot, dialog, "hotkey_toggle", Qt.Key.Key_G)
    assert service.setting("hotkey_toggle") == "Ctrl+Alt+G"
    assert app.hotkeys.keys["hotkey_toggle"] == "Ctrl+Alt+G"
    assert state.isVisibleTo(dialog) and state.property("problem")
    assert "not possible here" in state.text() and "offscreen" in state.text()


def test_one_key_for_both_is_reported_and_clear_turns_it_off(
    app: App, env: tuple[TrackerService, FakeClock], qtbot: QtBot
) -> None:
    service = env[0]
    dialog = settings(app)
    press(qtbot, dialog, "hotkey_toggle", Qt.Key.Key_G)
    press(qtbot, dialog, "hotkey_switcher", Qt.Key.Key_G)
    assert service.setting("hotkey_switcher") == "Ctrl+Alt+G"
    assert app.hotkeys.status["hotkey_switcher"] == "same"
    assert "Ctrl+Alt+G is already the other shortcut" in dialog.hotkeys.state.text()
    qtbot.mouseClick(dialog.hotkeys.clears["hotkey_switcher"], Qt.MouseButton.LeftButton)
    assert service.setting("hotkey_switcher") == ""
    assert app.hotkeys.status["hotkey_switcher"] == "off"
    assert "other shortcut" not in dialog.hotkeys.state.text()
    assert dialog.hotkeys.edits["hotkey_switcher"].keySequence().isEmpty()


def test_a_key_set_by_the_cli_shows_in_the_open_dialog(
    app: App, env: tuple[TrackerService, FakeClock]
) -> None:
    service = env[0]
    dialog = settings(app)
    service.set_setting("hotkey_switcher", "meta+f5")  # as the CLI would, then the poll
    app.data_changed()
    dialog.refresh()
    edit = dialog.hotkeys.edits["hotkey_switcher"]
    assert edit.keySequence().toString() == "Meta+F5"
    assert app.hotkeys.keys["hotkey_switcher"] == "Meta+F5"


def test_a_key_the_domain_refuses_is_not_stored(
    app: App, env: tuple[TrackerService, FakeClock], qtbot: QtBot
) -> None:
    """A key alone (no Ctrl, Alt or Meta) would take typing away from every program."""
    service = env[0]
    dialog = settings(app)
    edit = dialog.hotkeys.edits["hotkey_toggle"]
    edit.setFocus()
    with qtbot.waitSignal(edit.editingFinished, timeout=3000):
        QTest.keyClick(edit, Qt.Key.Key_G)
    assert service.setting("hotkey_toggle") == ""
    assert dialog.message.isVisibleTo(dialog) and dialog.message.property("error")
    assert "needs Ctrl, Alt or Meta" in dialog.message.text()
