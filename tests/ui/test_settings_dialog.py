"""The Settings dialog on a real database: every field reaches the database at once,
refusals show inline and store nothing, and a change shows in the tray and the summary."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from i18n_support import japanese_ui
from PySide6.QtCore import QEvent, QPoint, Qt, QTime, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QWidget
from pytestqt.qtbot import QtBot
from tray_support import MORNING, TOKYO, make_service, open_again

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind, Source
from tracker.platform.paths import lock_path
from tracker.service import TrackerService
from tracker.store import Store
from tracker.store.paths import list_backups
from tracker.ui import windows
from tracker.ui.app import App
from tracker.ui.settings_dialog import SettingsDialog

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# the offscreen platform cannot size nor raise windows; irrelevant here
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


class FakeIdle:
    name = "fake-x11"
    available = True
    reason = ""

    def idle_seconds(self) -> float | None:
        return 0.0

    def locked(self) -> bool | None:
        return None

    def close(self) -> None:
        pass


class NoIdle(FakeIdle):
    name = "unavailable"
    available = False
    reason = "no graphical session"


@pytest.fixture
def env(tmp_path: Path) -> tuple[TrackerService, FakeClock]:
    return make_service(tmp_path)


@pytest.fixture
def dialog(qtbot: QtBot, env: tuple[TrackerService, FakeClock]) -> SettingsDialog:
    window = SettingsDialog(env[0], idle_source=FakeIdle())
    qtbot.addWidget(window)
    window.show()
    return window


def stored(service: TrackerService) -> dict[str, str]:
    """What another process reads (a second connection): the change reached the file."""
    other = open_again(service, service.clock)  # type: ignore[arg-type]
    try:
        return {key: other.setting_text(key) for key in other.settings()}
    finally:
        other.store.close()


def test_it_shows_the_stored_settings(env: tuple[TrackerService, FakeClock], qtbot: QtBot) -> None:
    service, _ = env
    for key, text in {
        "target": "35%",
        "day_start": "5",
        "end_of_day": "off",
        "work_days": "mon,wed,sat",
        "work_hours": "08:30-17:15",
        "remind_untracked": "45",
        "tray_click": "panel",
        "click_label": "empty",
        "language": "ja",
        "start_at_login": "on",
    }.items():
        service.set_setting(key, text)
    d = SettingsDialog(service, idle_source=FakeIdle())
    qtbot.addWidget(d)
    assert d.target.value() == 35 and d.target.text() == "35 %"
    assert d.day_start.text() == "5:00"
    assert not d.eod_on.isChecked() and not d.eod_time.isEnabled()
    assert [b.isChecked() for b in d.day_boxes] == [True, False, True, False, False, True, False]
    assert d.work_from.time() == QTime(8, 30) and d.work_to.time() == QTime(17, 15)
    assert d.untracked.value() == 45 and d.long_block.text() == "Off"
    assert d.tray_click.currentData() == "panel" and d.language.currentData() == "ja"
    assert d.login.isChecked()
    assert not d.click_label.isChecked()
    assert d.folder.text() == str(service.store.path.parent)


CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
META = Qt.KeyboardModifier.MetaModifier
LEFT = Qt.MouseButton.LeftButton


def press(edit: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    edit.setFocus()
    QTest.keyClick(edit, key, modifiers)


def test_every_field_is_stored_at_once(
    dialog: SettingsDialog, env: tuple[TrackerService, FakeClock], qtbot: QtBot
) -> None:
    service, _ = env
    d = dialog
    changes = [
        (lambda: d.target.setValue(30), "target", "0.3"),
        (lambda: d.day_start.setValue(6), "day_start", "6"),
        (lambda: d.hours.setValue(8.5), "disposable_hours", "8.5"),
        (lambda: d.eod_time.setTime(QTime(17, 45)), "end_of_day", "17:45"),
        (lambda: d.eod_on.setChecked(False), "end_of_day", "off"),
        (lambda: d.away.setValue(0), "away_minutes", "0"),
        (lambda: d.away.setValue(12), "away_minutes", "12"),
        (lambda: d.untracked.setValue(25), "remind_untracked", "25"),
        (lambda: d.long_block.setValue(1.5), "remind_long_block", "1.5"),
        (lambda: d.work_from.setTime(QTime(8, 0)), "work_hours", "08:00-18:00"),
        (lambda: d.work_to.setTime(QTime(16, 30)), "work_hours", "08:00-16:30"),
        (lambda: d.day_boxes[5].setChecked(True), "work_days", "mon-sat"),
        (lambda: d.day_boxes[2].setChecked(False), "work_days", "mon,tue,thu,fri,sat"),
        (lambda: d.tray_click.setCurrentIndex(d.tray_click.findData("none")), "tray_click", "none"),
        (lambda: d.language.setCurrentIndex(d.language.findData("en")), "language", "en"),
        (lambda: d.login.setChecked(True), "start_at_login", "on"),
        (lambda: d.login.setChecked(False), "start_at_login", "off"),
        (lambda: d.click_label.setChecked(False), "click_label", "empty"),
        (lambda: _click_box(qtbot, d.click_label), "click_label", "last"),
        (
            lambda: press(d.hotkeys.edits["hotkey_toggle"], Qt.Key.Key_G, CTRL_ALT),
            "hotkey_toggle",
            "Ctrl+Alt+G",
        ),
        (
            lambda: press(d.hotkeys.edits["hotkey_switcher"], Qt.Key.Key_F5, META),
            "hotkey_switcher",
            "Meta+F5",
        ),
        (lambda: qtbot.mouseClick(d.hotkeys.clears["hotkey_toggle"], LEFT), "hotkey_toggle", "off"),
    ]
    for change, key, text in changes:
        # a key editor ends its input a second after the last key
        with qtbot.waitSignal(d.settings_changed, timeout=3000):
            change()
        assert stored(service)[key] == text, key
        assert not d.message.isVisible()
    # each declared setting has its field (the internal away mark is not a setting); the
    # sync group's fields are typed into in tests/ui/test_sync_settings.py, the team's
    # (Settings → Team, a page of its own, §17) in tests/ui/test_team_settings.py
    sync_keys = {"sync_folder", "device_name"}
    team_keys = {key for key in service.settings() if key.startswith("team_")}
    assert {key for _, key, _ in changes} == set(service.settings()) - sync_keys - team_keys


def _click_box(qtbot: QtBot, box: QCheckBox) -> None:
    """A real click on the check box's square (its centre may lie past the text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_the_end_of_day_time_is_kept_while_off_and_comes_back(
    dialog: SettingsDialog, env: tuple[TrackerService, FakeClock]
) -> None:
    dialog.eod_time.setTime(QTime(19, 0))
    dialog.eod_on.setChecked(False)
    assert stored(env[0])["end_of_day"] == "off"
    dialog.eod_on.setChecked(True)
    assert stored(env[0])["end_of_day"] == "19:00"


def test_typed_values_are_stored_when_editing_ends(
    dialog: SettingsDialog, env: tuple[TrackerService, FakeClock], qtbot: QtBot
) -> None:
    box = dialog.untracked
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "90")
    assert stored(env[0])["remind_untracked"] == "0"  # not at every keystroke
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert stored(env[0])["remind_untracked"] == "90"
    # the range keeps typing sensible: 999 minutes is not accepted as typed
    box.selectAll()
    qtbot.keyClicks(box, "999")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert int(stored(env[0])["remind_untracked"]) <= 480


def test_refused_values_show_inline_and_store_nothing(
    dialog: SettingsDialog, env: tuple[TrackerService, FakeClock], qtbot: QtBot
) -> None:
    service, _ = env
    before = stored(service)
    with qtbot.assertNotEmitted(dialog.settings_changed):
        dialog.work_to.setTime(QTime(9, 0))  # 09:00-09:00
    assert dialog.message.isVisible()
    assert dialog.message.property("error") is True
    assert dialog.message.text().startswith("Not saved: ")
    assert "starts and ends at the same time" in dialog.message.text()
    assert stored(service) == before

    dialog.work_to.setTime(QTime(17, 0))  # fixed: stored, the message goes
    assert not dialog.message.isVisible()
    assert stored(service)["work_hours"] == "09:00-17:00"

    for box in dialog.day_boxes[1:]:
        box.setChecked(False)
    with qtbot.assertNotEmitted(dialog.settings_changed):
        dialog.day_boxes[0].setChecked(False)
    assert dialog.message.isVisible() and "no work day is chosen" in dialog.message.text()
    assert stored(service)["work_days"] == "mon"  # the last day stays: nothing was stored


def test_a_failing_service_call_is_shown_not_raised(
    dialog: SettingsDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.domain.model import TrackerError

    def refuse(key: str, text: str) -> None:
        raise TrackerError("cannot write ~/.config/autostart/growth-tracker.desktop: read-only")

    monkeypatch.setattr(dialog.service, "set_setting", refuse)
    dialog.login.setChecked(True)
    assert "read-only" in dialog.message.text() and dialog.message.isVisible()


def test_keyboard_labels_have_buddies_and_unique_mnemonics(dialog: SettingsDialog) -> None:
    keys: list[str] = []
    for label in dialog.findChildren(QLabel):
        text = label.text()
        if "&" in text:
            assert label.buddy() is not None, text
            keys.append(text[text.index("&") + 1].lower())
    for widget in (
        dialog.eod_on,
        dialog.login,
        dialog.click_label,
        dialog.open_folder,
        dialog.backup,
    ):
        text = widget.text()
        keys.append(text[text.index("&") + 1].lower())
    assert len(keys) == len(set(keys)), keys
    assert len(keys) >= 14


def test_escape_closes(dialog: SettingsDialog, qtbot: QtBot) -> None:
    dialog.activateWindow()
    dialog.target.setFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_idle_detection_is_shown(qtbot: QtBot, env: tuple[TrackerService, FakeClock]) -> None:
    yes = SettingsDialog(env[0], idle_source=FakeIdle())
    no = SettingsDialog(env[0], idle_source=NoIdle())
    qtbot.addWidget(yes)
    qtbot.addWidget(no)
    assert "is read from this system (fake-x11)" in yes.idle_info.text()
    assert "cannot be read here: no graphical session" in no.idle_info.text()


def test_the_idle_backend_is_named_as_people_write_it(
    qtbot: QtBot, env: tuple[TrackerService, FakeClock]
) -> None:
    class X11Idle(FakeIdle):
        name = "x11"

    dialog = SettingsDialog(env[0], idle_source=X11Idle())
    qtbot.addWidget(dialog)
    assert dialog.idle_info.text() == "Idle time is read from this system (X11)."


def test_a_relative_database_path_shows_its_absolute_folder(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--db data/t.sqlite3``: the field says where that is, not just "data"."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    relative = Path("data") / "t.sqlite3"
    service = TrackerService(Store(relative), FakeClock(MORNING), TOKYO, lock_path(relative))
    dialog = SettingsDialog(service, idle_source=FakeIdle())
    qtbot.addWidget(dialog)
    assert dialog.folder.text() == str(tmp_path / "data")
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    qtbot.mouseClick(dialog.open_folder, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(tmp_path / "data")]
    service.store.close()


def test_back_up_now_and_open_folder(
    dialog: SettingsDialog,
    env: tuple[TrackerService, FakeClock],
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    service, _ = env
    dialog.backup.click()
    qtbot.waitUntil(dialog.backup.isEnabled)  # the copy is made on a worker thread
    backups = list_backups(service.store.path)
    assert len(backups) == 1 and backups[0].stat().st_size > 0
    assert dialog.message.text() == f"Backed up to {backups[0]}"
    assert dialog.message.property("error") is False
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog.open_folder.click()
    assert [u.toLocalFile() for u in opened] == [str(service.store.path.parent)]


def test_back_up_now_runs_off_the_gui_thread(
    dialog: SettingsDialog,
    env: tuple[TrackerService, FakeClock],
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    """The copy (a quick_check and SQLite's backup of the whole file) runs on a worker
    thread: the GUI thread's timers keep firing while it runs, and the button waits."""
    service, _ = env
    threads: list[threading.Thread] = []
    real = TrackerService.backup_now

    def slow(self: TrackerService) -> Path:
        threads.append(threading.current_thread())
        time.sleep(0.3)  # a large file on a slow disk
        return real(self)

    monkeypatch.setattr(TrackerService, "backup_now", slow)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    qtbot.mouseClick(dialog.backup, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Backing up…"
    assert not dialog.backup.isEnabled()  # one copy at a time
    qtbot.waitUntil(dialog.backup.isEnabled, timeout=5000)
    timer.stop()
    backups = list_backups(service.store.path)
    assert len(backups) == 1
    assert dialog.message.text() == f"Backed up to {backups[0]}"
    assert threads and threads[0] is not threading.main_thread()
    assert len(ticks) >= 5  # the GUI thread's timer fired during the 0.3 s copy


def test_back_up_now_that_cannot_write_says_so_and_can_be_tried_again(
    dialog: SettingsDialog, env: tuple[TrackerService, FakeClock], qtbot: QtBot
) -> None:
    service, _ = env
    blocker = service.store.path.parent / "backups"
    blocker.write_text("a file where the backups folder goes")
    qtbot.mouseClick(dialog.backup, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.backup.isEnabled, timeout=5000)
    assert dialog.message.text().startswith("No backup made: the backup could not be written")
    assert dialog.message.property("error") is True
    blocker.unlink()
    qtbot.mouseClick(dialog.backup, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.backup.isEnabled, timeout=5000)
    assert dialog.message.text().startswith("Backed up to ")
    assert dialog.message.property("error") is False


def test_it_retranslates_on_a_language_change(dialog: SettingsDialog) -> None:
    dialog.labels["target"].setText("stale")
    QApplication.sendEvent(dialog, QEvent(QEvent.Type.LanguageChange))
    assert dialog.labels["target"].text() == "&Target growth ratio:"


# -- the effect, through the app ----------------------------------------------------------


@pytest.fixture
def app(env: tuple[TrackerService, FakeClock], qapp: QApplication) -> Iterator[App]:
    made = App(env[0])
    yield made
    made.dispose()
    made.deleteLater()


def ring_target(app: App) -> Any:
    key = app.tray._icon_key
    assert key is not None
    return key[2]


def test_a_target_change_shows_in_the_tray_and_the_summary(
    app: App, env: tuple[TrackerService, FakeClock]
) -> None:
    service, clock = env
    service.start(Kind.TASK, "月次決算", at=clock.now() - 3600, source=Source.TRAY)
    service.start(Kind.GROWTH, "RPA", source=Source.TRAY)
    clock.advance(900)
    app.refresh()
    summary = app.open_window("summary")
    assert summary is not None
    assert ring_target(app) == pytest.approx(0.2)
    assert summary.data is not None and summary.data.target == pytest.approx(0.2)  # type: ignore[attr-defined]

    dialog = app.open_window("settings")
    assert isinstance(dialog, SettingsDialog)
    dialog.target.setValue(25)
    assert ring_target(app) == pytest.approx(0.25)
    assert "target 25%" in app.tray.icon.toolTip()
    assert summary.data.target == pytest.approx(0.25)  # type: ignore[attr-defined]
    # past days keep the target they had
    yesterday = service.today() - dt.timedelta(days=1)
    assert service.day_summaries(yesterday, yesterday)[0].target == pytest.approx(0.2)


def test_tray_click_and_end_of_day_apply_at_once(app: App) -> None:
    dialog = app.open_window("settings")
    assert isinstance(dialog, SettingsDialog)
    dialog.tray_click.setCurrentIndex(dialog.tray_click.findData("panel"))
    assert app.tray.click_action == "panel"
    before = app.reminders.end_of_day.pending
    dialog.eod_time.setTime(QTime(20, 30))
    after = app.reminders.end_of_day.pending
    assert before is not None and after is not None and after.at - before.at == 2.5 * 3600
    dialog.eod_on.setChecked(False)
    assert app.reminders.end_of_day.pending is None


def test_a_language_change_reinstalls_the_translators(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.ui import i18n

    installed: list[str] = []
    monkeypatch.setattr(i18n, "install", lambda qapp, language: installed.append(language))
    dialog = app.open_window("settings")
    assert isinstance(dialog, SettingsDialog)
    dialog.language.setCurrentIndex(dialog.language.findData("ja"))
    dialog.tray_click.setCurrentIndex(dialog.tray_click.findData("none"))  # not a language
    assert installed == ["ja"]


def test_the_settings_window_loads_by_name() -> None:
    assert windows.load_class(*windows.WINDOWS["settings"]) is SettingsDialog


# A 1366×768 laptop at 125 %: 1093×614 logical pixels, less a panel or two.
FITS = (1090, 600)


def _fits(dialog: SettingsDialog) -> bool:
    size = dialog.size()
    return size.width() <= FITS[0] and size.height() <= FITS[1]


def test_it_fits_a_small_laptop_screen_in_english_and_japanese(
    qtbot: QtBot, env: tuple[TrackerService, FakeClock], qapp: QApplication
) -> None:
    english = SettingsDialog(env[0], idle_source=NoIdle())  # the longest idle text
    qtbot.addWidget(english)
    english.show()
    assert _fits(english), english.size()
    with japanese_ui(qapp):
        japanese = SettingsDialog(env[0], idle_source=NoIdle())
        qtbot.addWidget(japanese)
        japanese.show()
        assert _fits(japanese), japanese.size()
        japanese.grab().save(str(ARTIFACTS / "ja-settings-dialog.png"))


def test_it_fits_again_after_a_live_language_switch(
    qtbot: QtBot, dialog: SettingsDialog, qapp: QApplication
) -> None:
    english = dialog.size()
    with japanese_ui(qapp):
        qtbot.waitUntil(lambda: dialog.size() != english)
        assert dialog.size() == dialog.sizeHint()  # shrunk to the Japanese texts
        assert _fits(dialog)
        language = dialog.language
        assert language.width() >= language.sizeHint().width()  # "システムの設定に従う" whole
    qtbot.waitUntil(lambda: dialog.size().width() == english.width())
    assert _fits(dialog)


# -- the target field: typed, committed once when editing finishes ---------------------------


def _type_into_target(dialog: SettingsDialog, qtbot: QtBot, text: str) -> None:
    dialog.activateWindow()
    dialog.target.setFocus()
    qtbot.keyClick(dialog.target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.target, text)


@pytest.mark.parametrize("finish", [Qt.Key.Key_Tab, Qt.Key.Key_Return])
def test_typing_25_into_the_target_stores_25_only_when_editing_finishes(
    dialog: SettingsDialog,
    env: tuple[TrackerService, FakeClock],
    qtbot: QtBot,
    finish: Qt.Key,
) -> None:
    service, _ = env
    seen: list[str] = []  # what the file held each time the dialog reported a change
    dialog.settings_changed.connect(lambda: seen.append(stored(service)["target"]))
    _type_into_target(dialog, qtbot, "25")
    assert dialog.target.text() == "25 %"
    assert seen == [] and stored(service)["target"] == "0.2"  # not "2 %" on the way
    qtbot.keyClick(dialog.target, finish)
    assert seen == ["0.25"]
    assert stored(service)["target"] == "0.25"
    assert service.day_summaries(service.today(), service.today())[0].target == pytest.approx(0.25)


def test_a_target_of_zero_cannot_be_typed(
    dialog: SettingsDialog, env: tuple[TrackerService, FakeClock], qtbot: QtBot
) -> None:
    service, _ = env
    seen: list[str] = []
    dialog.settings_changed.connect(lambda: seen.append(stored(service)["target"]))
    _type_into_target(dialog, qtbot, "0")
    qtbot.keyClick(dialog.target, Qt.Key.Key_Tab)
    assert dialog.target.value() == 20 and dialog.target.text() == "20 %"
    assert seen == [] and stored(service)["target"] == "0.2"
    assert dialog.target.minimum() == 1
    # and the arrow keys stop at 1 %
    dialog.target.setFocus()
    dialog.target.setValue(2)
    seen.clear()
    qtbot.keyClick(dialog.target, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.target, Qt.Key.Key_Down)
    assert dialog.target.value() == 1 and seen == ["0.01"]
