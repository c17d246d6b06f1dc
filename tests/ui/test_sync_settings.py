"""Settings → Sync and the tray's sync line (§16), typed into and clicked like a person."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from tray_support import MORNING, TOKYO, make_service

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind
from tracker.service import TrackerService
from tracker.store import Store
from tracker.ui.app import App
from tracker.ui.settings_dialog import SettingsDialog
from tracker.ui.sync_settings import SyncGroup

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def env(tmp_path: Path) -> tuple[TrackerService, FakeClock]:
    return make_service(tmp_path)


@pytest.fixture
def dialog(qtbot: QtBot, env: tuple[TrackerService, FakeClock]) -> SettingsDialog:
    window = SettingsDialog(env[0])
    qtbot.addWidget(window)
    window.show()
    return window


def _type(qtbot: QtBot, field: object, text: str) -> None:
    field.setFocus()  # type: ignore[attr-defined]
    field.selectAll()  # type: ignore[attr-defined]
    QTest.keyClicks(field, text)  # type: ignore[arg-type]
    QTest.keyClick(field, Qt.Key.Key_Return)  # type: ignore[arg-type]


def test_typing_a_folder_and_a_name_turns_sync_on(
    dialog: SettingsDialog, env: tuple[TrackerService, FakeClock], qtbot: QtBot, tmp_path: Path
) -> None:
    service, _ = env
    group = dialog.sync_group
    assert group.devices.text() == "Sync is off."
    share = tmp_path / "share"
    share.mkdir()
    _type(qtbot, group.name, "Office PC")
    assert service.setting_text("device_name") == "Office PC"
    _type(qtbot, group.folder, str(share))
    assert service.sync_folder() == share
    assert "Office PC (this PC)" in group.devices.text()
    qtbot.mouseClick(group.off, Qt.MouseButton.LeftButton)
    assert service.sync_folder() is None and group.folder.text() == ""


def test_a_missing_folder_is_refused_in_the_dialog(
    dialog: SettingsDialog, env: tuple[TrackerService, FakeClock], qtbot: QtBot, tmp_path: Path
) -> None:
    _type(qtbot, dialog.sync_group.folder, str(tmp_path / "nowhere"))
    assert env[0].sync_folder() is None
    assert dialog.message.isVisible() and "nowhere" in dialog.message.text()


def test_choose_opens_the_folder_dialog(
    dialog: SettingsDialog,
    env: tuple[TrackerService, FakeClock],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(SyncGroup, "ask_folder", classmethod(lambda cls, *a: str(tmp_path)))
    qtbot.mouseClick(dialog.sync_group.choose, Qt.MouseButton.LeftButton)
    assert env[0].sync_folder() == tmp_path


def test_the_tray_syncs_off_the_gui_thread_and_says_when(
    qtbot: QtBot, tmp_path: Path, env: tuple[TrackerService, FakeClock]
) -> None:
    service, clock = env
    share = tmp_path / "share"
    share.mkdir()
    laptop = TrackerService(Store(tmp_path / "laptop.sqlite3"), FakeClock(MORNING), TOKYO)
    try:
        laptop.set_setting("sync_folder", str(share))
        laptop.set_setting("device_name", "laptop")
        clock.advance(7200)
        laptop.clock.advance(7200)  # type: ignore[attr-defined]
        laptop.add_block(Kind.GROWTH, MORNING, MORNING + 3600, "study")
        laptop.sync()
        service.set_setting("sync_folder", str(share))
        app = App(service)
        try:
            with qtbot.waitSignal(app.sync.synced, timeout=10_000):
                app.sync.apply()
            assert app.sync.action is not None and app.sync.action.isVisible()
            assert app.sync.action.text().startswith("Synced at ")
            assert app.tray.icon.toolTip().endswith(app.sync.action.text())
            # merged on the worker thread's connection; this one reads it
            labels = [b.label for b in service.blocks(service.today(), service.today())]
            assert labels == ["study"]
            # a new file from the laptop: the folder watcher (or the poll) syncs again
            laptop.add_block(Kind.TASK, MORNING + 3600, MORNING + 5400, "mail")
            with qtbot.waitSignal(app.sync.synced, timeout=10_000):
                laptop.sync()
            labels = [b.label for b in service.blocks(service.today(), service.today())]
            assert labels == ["study", "mail"]
        finally:
            app.dispose()
    finally:
        laptop.store.close()


def test_the_tray_names_a_block_running_on_another_pc(
    qtbot: QtBot, tmp_path: Path, env: tuple[TrackerService, FakeClock]
) -> None:
    service, clock = env
    share = tmp_path / "share"
    share.mkdir()
    laptop = TrackerService(Store(tmp_path / "laptop.sqlite3"), FakeClock(MORNING), TOKYO)
    try:
        laptop.set_setting("sync_folder", str(share))
        laptop.set_setting("device_name", "laptop")
        laptop.start(Kind.TASK, "mail")
        laptop.clock.advance(600)  # type: ignore[attr-defined]
        clock.advance(600)
        laptop.sync()
        service.set_setting("sync_folder", str(share))
        app = App(service)
        try:
            with qtbot.waitSignal(app.sync.synced, timeout=10_000):
                app.sync.apply()
            at = dt.datetime.fromtimestamp(MORNING, TOKYO).strftime("%H:%M")
            line = f"On laptop: Task · mail since {at}"
            assert app.sync.elsewhere_action.isVisible()
            assert app.sync.elsewhere_action.text() == line
            assert line in app.tray.icon.toolTip().splitlines()
            assert app.tray.status_action.text() == "Not tracking"  # nothing runs here
        finally:
            app.dispose()
    finally:
        laptop.store.close()
