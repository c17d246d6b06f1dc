"""Settings → Team (issue 17), typed into and clicked like a person: the name and folder
fields, a private label checked with Space, the preview opened with the keyboard, the
first share only through the preview's Share button, and leaving (asked, then said).
Results are read back through a second service on the same database and the folder's
own bytes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from tray_support import make_service, open_again

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind
from tracker.io.teamfiles import person_path
from tracker.service import TrackerService
from tracker.ui.team.settings import TeamSettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def env(tmp_path: Path) -> tuple[TrackerService, FakeClock]:
    service, clock = make_service(tmp_path)
    for kind, label, minutes in (
        (Kind.TASK, "請求書チェック", 90),
        (Kind.GROWTH, "RPA（UiPath）", 60),
        (Kind.GROWTH, "転職の準備", 30),  # the private one
        (Kind.TASK, "経費精算", 45),
    ):
        service.start(kind, label)
        clock.advance(minutes * 60)
    service.stop()
    return service, clock


@pytest.fixture
def page(qtbot: QtBot, env: tuple[TrackerService, FakeClock]) -> TeamSettingsDialog:
    dialog = TeamSettingsDialog(env[0])
    qtbot.addWidget(dialog)
    dialog.show()
    _activate(qtbot, dialog)  # mnemonics (Alt+P) reach the active window only
    return dialog


def _type(field: QLineEdit, text: str) -> None:
    """Type like a person: ASCII as keys, Japanese as an input method commits it."""
    field.setFocus()
    field.selectAll()
    for run in re.findall(r"[ -~]+|[^ -~]+", text):
        if run.isascii():
            QTest.keyClicks(field, run)
        else:
            commit = QInputMethodEvent("", [])
            commit.setCommitString(run)
            QApplication.sendEvent(field, commit)
    QTest.keyClick(field, Qt.Key.Key_Return)


def _join(page: TeamSettingsDialog, folder: Path, name: str = "佐藤 花子") -> None:
    _type(page.name, name)
    _type(page.folder, str(folder))


def _activate(qtbot: QtBot, page: TeamSettingsDialog) -> None:
    page.activateWindow()
    qtbot.waitActive(page)


def _alt(qtbot: QtBot, page: TeamSettingsDialog, key: Qt.Key) -> None:
    """A button's mnemonic: Qt animates the press and clicks ~100 ms later."""
    QTest.keyClick(page, key, ALT)
    qtbot.wait(250)


def _check_with_space(page: TeamSettingsDialog, label: str) -> None:
    labels = page.labels
    labels.setFocus()
    QTest.keyClick(labels, Qt.Key.Key_Home)
    while labels.currentItem().text() != label:
        QTest.keyClick(labels, Qt.Key.Key_Down)
    QTest.keyClick(labels, Qt.Key.Key_Space)


def test_typing_the_name_and_folder_stores_them(
    page: TeamSettingsDialog, env: tuple[TrackerService, FakeClock], tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    _join(page, share)
    other = open_again(*env)
    assert other.setting("team_name") == "佐藤 花子"
    assert Path(str(other.setting("team_folder"))) == share
    assert page.leave_button.isEnabled()


def test_a_missing_folder_is_refused_in_the_page(
    page: TeamSettingsDialog, env: tuple[TrackerService, FakeClock], tmp_path: Path
) -> None:
    _type(page.folder, str(tmp_path / "nowhere"))
    assert env[0].setting("team_folder") == ""
    assert page.message.isVisible() and "nowhere" in page.message.text()


def test_unchecking_what_is_shared_with_the_keyboard(
    page: TeamSettingsDialog, env: tuple[TrackerService, FakeClock]
) -> None:
    box = page.switches["team_share_hotspots"]
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Space)
    assert open_again(*env).setting("team_share_hotspots") is False


def test_space_makes_a_label_private_and_the_preview_leaves_it_out(
    page: TeamSettingsDialog, env: tuple[TrackerService, FakeClock], qtbot: QtBot
) -> None:
    _check_with_space(page, "転職の準備")
    assert open_again(*env).team_private_labels() == ["転職の準備"]
    _alt(qtbot, page, Qt.Key.Key_P)  # &Preview…
    preview = page.preview
    assert preview is not None and preview.isVisible()
    rows = preview.row_texts()
    assert len(rows) == 1
    day, task, growth, _ratio, learning, routine = rows[0]
    assert day == "Wed 15 Nov 2023"  # the fake clock's day
    assert (task, growth) == ("2:15", "1:30")  # the private label's 30 min still count
    assert learning == "RPA（UiPath） 1:00"
    assert "転職" not in " ".join(rows[0])
    assert routine == "請求書チェック 1:30, 経費精算 0:45"
    QTest.keyClick(preview, Qt.Key.Key_Escape)
    assert page.preview is None


def test_the_first_share_goes_through_the_preview(
    page: TeamSettingsDialog, env: tuple[TrackerService, FakeClock], qtbot: QtBot, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    _join(page, share)
    _check_with_space(page, "転職の準備")
    mine = person_path(share, env[0].team_person_id())
    _alt(qtbot, page, Qt.Key.Key_S)  # &Share now
    preview = page.preview
    assert preview is not None and preview.isVisible() and preview.share_button is not None
    assert not mine.exists()  # nothing before the preview is answered
    QTest.keyClick(preview, Qt.Key.Key_Escape)  # Cancel
    assert page.preview is None and not mine.exists()
    _activate(qtbot, page)  # a window manager gives the focus back; offscreen Qt does not
    page.share_button.setFocus()  # Tab to the button, Space
    QTest.keyClick(page.share_button, Qt.Key.Key_Space)
    preview = page.preview
    assert preview is not None
    QTest.keyClick(preview.table, Qt.Key.Key_Return)  # Share is the default button
    qtbot.waitUntil(lambda: page.job is None and mine.exists(), timeout=10_000)
    assert page.message.text().startswith("Shared 1 days to ")
    data = b"".join(p.read_bytes() for p in share.rglob("*") if p.is_file())
    assert "RPA（UiPath）".encode() in data and "転職".encode() not in data
    view = open_again(*env).team_view(env[0].today(), env[0].today())
    assert [(p.name, p.task_s, p.growth_s) for p in view.people] == [("佐藤 花子", 8100, 5400)]
    # the second share needs no preview
    _activate(qtbot, page)
    QTest.keyClick(page.share_button, Qt.Key.Key_Space)
    assert page.preview is None
    qtbot.waitUntil(lambda: page.job is None)


def test_share_without_a_name_says_so(page: TeamSettingsDialog, qtbot: QtBot) -> None:
    _alt(qtbot, page, Qt.Key.Key_S)
    assert page.message.text() == "Type the name your team sees first."
    assert page.name.hasFocus()


def test_leaving_asks_then_says_the_file_was_removed(
    page: TeamSettingsDialog, env: tuple[TrackerService, FakeClock], qtbot: QtBot, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    _join(page, share)
    env[0].team_share()
    mine = person_path(share, env[0].team_person_id())
    assert mine.exists()
    qtbot.mouseClick(page.leave_button, Qt.MouseButton.LeftButton)
    box = page.leave_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    QTest.keyClick(box, Qt.Key.Key_Escape)  # cancel is the default
    assert mine.exists() and page.leave_box is None
    qtbot.mouseClick(page.leave_button, Qt.MouseButton.LeftButton)
    box = page.leave_box
    assert box is not None
    leave = next(b for b in box.buttons() if b.text() == "&Leave")
    leave.setFocus()  # Tab from Cancel
    QTest.keyClick(leave, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not mine.exists())
    assert not mine.exists()
    assert page.message.text() == f"You left the team; {mine} was removed."
    assert open_again(*env).setting("team_folder") == ""
    assert page.folder.text() == ""


def test_a_share_that_cannot_be_written_says_why(
    page: TeamSettingsDialog, env: tuple[TrackerService, FakeClock], qtbot: QtBot, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    _join(page, share)
    env[0].team_share()
    mine = person_path(share, env[0].team_person_id())
    before = mine.read_bytes()
    root = mine.parent
    root.chmod(0o555)  # a read-only share (root ignores modes: then a folder in the way)
    try:
        if os.geteuid() == 0:
            mine.unlink()
            mine.mkdir()  # the file's own name taken by a folder: nothing can replace it
        page.share_button.setFocus()
        QTest.keyClick(page.share_button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: page.job is None and page.message.isVisible(), timeout=10_000)
        assert page.message.text().startswith("Nothing was shared: ")
        assert str(share) in page.message.text()
        assert page.message.property("error") is True
    finally:
        root.chmod(0o755)
    if os.geteuid() != 0:
        assert mine.read_bytes() == before


def test_a_label_made_private_while_the_folder_is_away_stays_ticked_and_says_why(
    page: TeamSettingsDialog, env: tuple[TrackerService, FakeClock], tmp_path: Path
) -> None:
    import shutil

    share = tmp_path / "share"
    share.mkdir()
    _join(page, share)
    env[0].team_share()
    shutil.move(share, tmp_path / "away")  # the network drive is not connected
    _check_with_space(page, "転職の準備")
    assert page.labels.currentItem().checkState() == Qt.CheckState.Checked
    assert env[0].team_private_labels() == ["転職の準備"]
    text = page.message.text()
    assert text.startswith("'転職の準備' is now private, but the team folder "), text
    assert not text.startswith("Not saved")


def test_each_alt_key_means_one_thing_in_both_languages(
    page: TeamSettingsDialog, qapp: QApplication
) -> None:
    """ "Open the &team view…" once shared Alt+T with "&Task and growth time…": the key then
    only moved the focus to the check box."""
    import re

    from i18n_support import japanese_ui
    from PySide6.QtWidgets import QAbstractButton, QLabel

    def keys() -> list[str]:
        found = []
        for widget in (*page.findChildren(QLabel), *page.findChildren(QAbstractButton)):
            hit = re.search(r"&([^&])", widget.text().replace("&&", ""))
            if hit:
                found.append(hit.group(1).lower())
        return found

    assert len(keys()) == len(set(keys())) >= 10, keys()
    with japanese_ui(qapp):
        assert len(keys()) == len(set(keys())) >= 10, keys()
