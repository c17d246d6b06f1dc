"""The tray's own team sharing (issue 17): after a change, on a worker thread, at most
every few minutes, never the first share (that one is previewed in Settings → Team), and
a failure as one line in the menu and tooltip, not a popup. Read back through a second
service and the folder's files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tray_support import make_service, open_again

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind, Source
from tracker.io.teamfiles import person_path, write_share
from tracker.service import TrackerService
from tracker.ui.app import App

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def joined(tmp_path: Path) -> tuple[TrackerService, FakeClock, Path]:
    service, clock = make_service(tmp_path)
    share = tmp_path / "share"
    share.mkdir()
    service.set_setting("team_folder", str(share))
    service.set_setting("team_name", "鈴木 一郎")
    service.start(Kind.TASK, "勤怠集計")
    clock.advance(3600)
    service.stop()
    return service, clock, person_path(share, service.team_person_id())


def _growth(path: Path) -> int:
    return sum(day.get("growth_s", 0) for day in json.loads(path.read_text("utf-8"))["days"])


def test_the_tray_never_makes_the_first_share(
    qtbot: QtBot, joined: tuple[TrackerService, FakeClock, Path]
) -> None:
    service, _clock, mine = joined
    app = App(service)
    try:
        app.data_changed()
        app.tick()
        qtbot.wait(300)
        assert not app.team.busy and not mine.exists()
        assert app.team.line() is None
    finally:
        app.dispose()


def test_a_file_already_in_the_folder_is_no_first_share_on_this_pc(
    qtbot: QtBot, joined: tuple[TrackerService, FakeClock, Path]
) -> None:
    """The person's file is in the folder (their other PC wrote it), but they never
    shared from this PC, so never saw this PC's preview: the tray still waits for it."""
    service, clock, mine = joined
    write_share(mine.parent.parent, service.team_preview())  # as the other PC wrote it
    before = mine.read_bytes()
    assert not service.team_has_shared()
    app = App(service)
    try:
        clock.advance(3600)
        service.start(Kind.GROWTH, "年末調整の勉強")
        clock.advance(1800)
        service.stop(source=Source.CLI)
        app.data_changed()
        app.tick()
        qtbot.wait(300)
        assert not app.team.busy and app.team.line() is None
        assert mine.read_bytes() == before  # not rewritten: no 年末調整の勉強 in it
    finally:
        app.dispose()


def test_after_the_first_share_a_change_is_shared_off_the_gui_thread(
    qtbot: QtBot, joined: tuple[TrackerService, FakeClock, Path]
) -> None:
    service, clock, mine = joined
    service.team_share()  # the first, previewed share (Settings → Team)
    assert _growth(mine) == 0
    app = App(service)
    try:
        clock.advance(60)
        app.start_block(Kind.GROWTH, "就業規則の改定")  # a click in the tray menu
        clock.advance(180)
        service.stop(source=Source.CLI)
        app.data_changed()
        assert not app.team.busy  # shared a minute ago: not yet (every few minutes)
        clock.advance(300)
        with qtbot.waitSignal(app.team.shared, timeout=10_000):
            app.tick()  # the minute's tick: due now; the share runs on a worker thread
        assert _growth(mine) == 180
        view = open_again(service, clock).team_view(service.today(), service.today())
        assert [(p.name, p.task_s, p.growth_s) for p in view.people] == [("鈴木 一郎", 3600, 180)]
        assert app.team.line() is None
    finally:
        app.dispose()


def test_a_failed_share_is_one_line_in_the_menu_and_tooltip(
    qtbot: QtBot, joined: tuple[TrackerService, FakeClock, Path]
) -> None:
    service, clock, mine = joined
    service.team_share()
    mine.unlink()
    mine.mkdir()  # the file's name taken by a folder: the share cannot replace it
    clock.advance(600)
    service.start(Kind.GROWTH, "労働法の改正")
    clock.advance(600)
    app = App(service)
    shown: list[str] = []
    app.notifier.show_error = lambda text, *a, **k: shown.append(text)  # type: ignore[method-assign]
    try:
        with qtbot.waitSignal(app.team.failed, timeout=10_000):
            app.team.request()
        action = app.team.action
        assert action is not None and action.isVisible()
        assert action.text().startswith("Team sharing failed: ")
        assert app.tray.icon.toolTip().endswith(action.text())
        assert shown == []  # no popup
        # leaving the team clears the line
        service.set_setting("team_folder", "")
        app.data_changed()
        assert not action.isVisible()
    finally:
        app.dispose()


def test_team_in_the_menu_opens_the_window_or_the_sharing_page(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from tracker.ui.team.settings import TeamSettingsDialog
    from tracker.ui.team.window import TeamWindow

    service, _clock = make_service(tmp_path)
    app = App(service)
    try:
        item = app.tray.feature_actions["team"]
        assert item.text() == "Te&am…" and item.isEnabled()
        item.trigger()  # no folder yet: Settings → Team, to choose one
        page = app.windows.open.get("team_settings")
        assert isinstance(page, TeamSettingsDialog) and page.isVisible()
        share = tmp_path / "share"
        share.mkdir()
        service.set_setting("team_folder", str(share))
        item.trigger()
        window = app.windows.open.get("team")
        assert isinstance(window, TeamWindow) and window.isVisible()
        qtbot.waitUntil(lambda: window.job is None, timeout=10_000)
        assert window.headline.text().endswith("nobody has shared yet.")
        # the window's "Sharing settings…" opens the same page
        page.close()
        qtbot.mouseClick(window.settings_button, Qt.MouseButton.LeftButton)
        assert app.windows.open["team_settings"].isVisible()
    finally:
        app.dispose()
