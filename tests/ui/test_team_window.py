"""The team window (issue 17) rendering three colleagues' shared files: numbers equal the
files' own sums, a click or Enter on a topic names who to ask, the what-if line follows
the hotspot chosen with the keyboard, stale people are greyed, unreadable files named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import team_support as ts
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from tray_support import make_service

from tracker.domain.model import TrackerError
from tracker.domain.team import TeamView, build_team_view
from tracker.service import TrackerService
from tracker.ui.team.tables import RAW
from tracker.ui.team.window import TeamWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

FIRST, LAST = ts.TODAY - dt.timedelta(days=27), ts.TODAY
ALIASES = {"請求書確認": "請求書チェック"}


def _view(unreadable: tuple[tuple[str, TrackerError], ...] = ()) -> TeamView:
    return build_team_view(ts.files(), FIRST, LAST, ts.SATO, ts.TODAY, ALIASES, unreadable)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> TeamWindow:
    service: TrackerService = make_service(tmp_path)[0]
    w = TeamWindow(service)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.job is None)  # the first read of the (empty) folder is over
    w.set_view(_view())
    return w


def _sums(person: str) -> tuple[int, int]:
    days = [d for d in ts.share_file(person).days if FIRST <= d.day <= LAST]
    return sum(d.task_s for d in days), sum(d.growth_s for d in days)


def test_people_rows_equal_the_files_sums(window: TeamWindow) -> None:
    table = window.people
    rows = {table.item(r, 0).data(RAW): r for r in range(table.rowCount())}
    assert set(rows) == set(ts.PEOPLE)
    for person, row in rows.items():
        task, growth = _sums(person)
        assert table.item(row, 1).data(RAW) == task
        assert table.item(row, 2).data(RAW) == growth
        assert table.item(row, 0).text().startswith(ts.PEOPLE[person][0])
    sato = rows[ts.SATO]
    assert table.item(sato, 0).text() == "佐藤 花子 (you)"
    task, growth = _sums(ts.SATO)
    assert table.item(sato, 1).text() == f"{task // 3600}:{task % 3600 // 60:02d}"
    total_t = sum(_sums(p)[0] for p in ts.PEOPLE)
    total_g = sum(_sums(p)[1] for p in ts.PEOPLE)
    shown = round(100 * total_g / (total_t + total_g))
    assert f"growth share is {shown}%" in window.headline.text()


def test_a_stale_colleague_is_greyed(window: TeamWindow) -> None:
    table = window.people
    grey = table.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    for row in range(table.rowCount()):
        stale = table.item(row, 0).data(RAW) == ts.TAKAHASHI
        assert (table.item(row, 0).foreground().color() == grey) is stale


def test_clicking_a_topic_names_who_to_ask(window: TeamWindow, qtbot: QtBot) -> None:
    table = window.learning
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "Excel マクロ")
    rect = table.visualItemRect(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    text = window.who.text()
    assert text.startswith("Who to ask about Excel マクロ: 鈴木 一郎 (")
    hours = (
        sum(
            d.growth.get("Excel マクロ", 0)
            for d in ts.share_file(ts.SUZUKI).days
            if FIRST <= d.day <= LAST
        )
        / 3600
    )
    assert f"{hours:.1f} h" in text
    assert "佐藤" not in text


def test_enter_on_a_topic_with_the_keyboard(window: TeamWindow, qtbot: QtBot) -> None:
    table = window.learning
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Home)
    QTest.keyClick(table, Qt.Key.Key_Return)
    top = window.view.learning[0] if window.view else None
    assert top is not None and top.label == "RPA（UiPath）"
    assert window.who.text().startswith("Who to ask about RPA（UiPath）: 佐藤 花子")
    # 高橋 learned RPA too, but her last update is 40 days old: not in these 4 weeks
    assert "高橋" not in window.who.text()


def test_the_what_if_follows_the_hotspot_chosen(window: TeamWindow, qtbot: QtBot) -> None:
    table = window.hotspots
    assert table.item(0, 0).text() == "請求書チェック"
    assert table.item(0, 2).text() == "2"  # 請求書確認 (鈴木) counted as 請求書チェック
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Home)
    QTest.keyClick(table, Qt.Key.Key_Down)
    second = window.view.hotspots[1] if window.view else None
    assert second is not None
    assert window.what_if.text().startswith(f"Automating {second.label} frees ")
    assert f"would be {round(100 * (second.ratio_if_automated or 0))}%" in window.what_if.text()


def test_unreadable_files_are_named_in_one_line(window: TeamWindow) -> None:
    assert window.unreadable.isHidden()
    foreign = TrackerError(code="team_file_unreadable", variant="foreign")
    window.set_view(_view((("x.json", foreign),)))
    assert window.unreadable.isVisible()
    assert window.unreadable.text() == (
        "Skipped, cannot be read: x.json (not a Growth Tracker team file)"
    )


def test_the_japanese_window_names_skipped_files_in_japanese(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    from i18n_support import japanese_ui

    service = make_service(tmp_path)[0]
    share = tmp_path / "share"
    share.mkdir()
    service.set_setting("team_folder", str(share))
    ts.write_folder(share, service.today())
    root = share / "growth-tracker-team"
    (root / "broken.json").write_bytes(b"{not json")
    (root / "sheet.json").write_text('{"sheet": 1}', encoding="utf-8")
    (root / "dir.json").mkdir()
    with japanese_ui(qapp):
        w = TeamWindow(service)
        qtbot.addWidget(w)
        with qtbot.waitSignal(w.view_shown, timeout=10_000):
            w.show()
        text = w.unreadable.text()
    assert w.unreadable.isVisible()
    assert text == (
        "読み込めないため飛ばしたファイル: "
        "broken.json（壊れています。UTF-8 の JSON ではありません）、"
        "dir.json（ファイルではありません。フォルダー、デバイスまたはパイプです）、"
        "sheet.json（Growth Tracker のチームファイルではありません）"
    )


# -- over a real team folder, through the service ------------------------------------


@pytest.fixture
def live(qtbot: QtBot, tmp_path: Path) -> tuple[TeamWindow, TrackerService, Path]:
    service = make_service(tmp_path)[0]
    share = tmp_path / "share"
    share.mkdir()
    service.set_setting("team_folder", str(share))
    ts.write_folder(share, service.today())
    (share / "growth-tracker-team" / "broken.json").write_bytes(b"{not json")
    w = TeamWindow(service)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.view_shown, timeout=10_000):
        w.show()
    return w, service, share


def test_the_folder_is_read_on_a_worker_and_junk_named(
    live: tuple[TeamWindow, TrackerService, Path],
) -> None:
    w, service, _share = live
    today = service.today()
    assert w.range() == (today - dt.timedelta(days=27), today)
    table = w.people
    names = sorted(table.item(r, 0).text() for r in range(table.rowCount()))
    assert names == ["佐藤 花子", "鈴木 一郎", "高橋 美咲"]  # nobody is "you" on this PC
    first = today - dt.timedelta(days=27)
    for r in range(table.rowCount()):
        person = table.item(r, 0).data(RAW)
        days = [d for d in ts.share_file(person, today).days if first <= d.day <= today]
        assert table.item(r, 1).data(RAW) == sum(d.task_s for d in days)
    assert w.unreadable.isVisible() and "broken.json" in w.unreadable.text()


def test_typing_a_synonym_maps_it_and_the_hotspots_follow(
    live: tuple[TeamWindow, TrackerService, Path], qtbot: QtBot
) -> None:
    w, service, _share = live
    before = {label: people for label, _week, people in w.hotspot_rows()}
    assert before["経費精算"] == 2 and "仕訳入力" in before
    for combo, text in ((w.alias_from, "仕訳入力"), (w.alias_to, "経費精算")):
        line = combo.lineEdit()
        line.setFocus()
        line.selectAll()
        commit = QInputMethodEvent("", [])
        commit.setCommitString(text)  # as a Japanese input method types it
        QApplication.sendEvent(line, commit)
    with qtbot.waitSignal(w.view_shown, timeout=10_000):
        qtbot.mouseClick(w.alias_button, Qt.MouseButton.LeftButton)
    assert service.team_aliases() == {"仕訳入力": "経費精算"}
    after = {label: people for label, _week, people in w.hotspot_rows()}
    assert "仕訳入力" not in after and after["経費精算"] == 2
    assert "仕訳入力 → 経費精算" in w.aliases.text()
    with qtbot.waitSignal(w.view_shown, timeout=10_000):
        qtbot.mouseClick(w.unalias_button, Qt.MouseButton.LeftButton)
    assert "仕訳入力" not in service.team_aliases()


def test_export_csv_writes_the_team_view(
    live: tuple[TeamWindow, TrackerService, Path],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    w, _service, _share = live
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(TeamWindow, "_settings", staticmethod(lambda: store))
    target = tmp_path / "out" / "team"
    target.parent.mkdir()
    monkeypatch.setattr(TeamWindow, "ask_path", lambda self, start: str(target))
    qtbot.mouseClick(w.export_button, Qt.MouseButton.LeftButton)
    written = target.with_suffix(".csv")
    qtbot.waitUntil(lambda: w.status.text().startswith("Exported"), timeout=10_000)
    data = written.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the Japanese
    text = data.decode("utf-8-sig")
    assert "佐藤 花子" in text and "RPA（UiPath）" in text
    assert store.value("last_folder") == str(target.parent)


def test_export_into_a_missing_folder_says_why(
    live: tuple[TeamWindow, TrackerService, Path],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    w = live[0]
    monkeypatch.setattr(TeamWindow, "ask_path", lambda self, start: str(tmp_path / "no" / "x.csv"))
    qtbot.mouseClick(w.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.status.text().startswith("Nothing was exported"), timeout=10_000)
    assert "does not exist" in w.status.text()


def test_ctrl_c_copies_the_people_table_for_excel(window: TeamWindow) -> None:
    table = window.people
    table.setFocus()
    QApplication.clipboard().clear()
    QTest.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QApplication.clipboard().text().strip().split("\n")
    assert lines[0] == "Person\tTask\tGrowth\tRatio\tTarget\tUpdated"
    task, growth = _sums(ts.SUZUKI)
    suzuki = next(line.split("\t") for line in lines if line.startswith("鈴木"))
    assert suzuki[1:3] == [
        f"{task // 3600}:{task % 3600 // 60:02d}",
        f"{growth // 3600}:{growth % 3600 // 60:02d}",
    ]


def test_a_window_deleted_while_reading_leaves_the_read_to_finish(
    qtbot: QtBot, tmp_path: Path
) -> None:
    import shiboken6

    from tracker.ui import jobs

    service = make_service(tmp_path)[0]
    share = tmp_path / "share"
    share.mkdir()
    service.set_setting("team_folder", str(share))
    ts.write_folder(share, service.today())
    w = TeamWindow(service)  # its first read starts at once
    job = w.job
    assert job is not None and job in jobs.running()
    shiboken6.delete(w)  # the window goes; its read thread must not go with it
    qtbot.waitUntil(lambda: job not in jobs.running(), timeout=10_000)


def test_no_folder_and_a_vanished_folder_are_said_in_the_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    service = make_service(tmp_path)[0]
    w = TeamWindow(service)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.job is None, timeout=10_000)
    assert w.status.text() == "no team folder is set; choose one first"
    share = tmp_path / "share"
    share.mkdir()
    service.set_setting("team_folder", str(share))
    share.rename(tmp_path / "gone")  # the share is unmounted under us
    w.refresh()
    qtbot.waitUntil(lambda: w.job is None, timeout=10_000)
    assert str(share) in w.status.text() and w.view is None


def test_export_to_a_fifo_is_refused_before_any_work(
    live: tuple[TeamWindow, TrackerService, Path],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os

    w = live[0]
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    monkeypatch.setattr(TeamWindow, "ask_path", lambda self, start: str(fifo))
    qtbot.mouseClick(w.export_button, Qt.MouseButton.LeftButton)
    assert w.status.text() == f"{fifo} is a device, pipe or socket, not a file; pick a file name"
    assert w.export_button.isEnabled()


def test_the_folder_removed_while_the_window_is_open_is_said_and_the_view_kept(
    live: tuple[TeamWindow, TrackerService, Path], qtbot: QtBot
) -> None:
    import shutil

    w, _service, share = live
    shown = [w.people.item(r, 0).text() for r in range(w.people.rowCount())]
    shutil.rmtree(share)  # the network drive went away
    w.from_edit.setFocus()
    QTest.keyClick(w.from_edit, Qt.Key.Key_Down)  # one day earlier: read again
    qtbot.waitUntil(lambda: w.job is None and "cannot be used" in w.status.text(), timeout=10_000)
    assert w.status.text().startswith(f"the team folder {share} cannot be used (no such folder)")
    assert [w.people.item(r, 0).text() for r in range(w.people.rowCount())] == shown


def _mnemonics(w: TeamWindow) -> list[str]:
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    keys = []
    for widget in (*w.findChildren(QLabel), *w.findChildren(QAbstractButton)):
        found = re.search(r"&([^&])", widget.text().replace("&&", ""))
        if found:
            keys.append(found.group(1).lower())
    return keys


def test_each_alt_key_means_one_thing_in_both_languages(
    window: TeamWindow, qapp: QApplication, qtbot: QtBot
) -> None:
    """ "a&s" (the synonym's target) and "&Sharing settings…" once shared Alt+S: the key
    then only moved the focus between them, and the settings never opened at the first press."""
    from i18n_support import japanese_ui

    keys = _mnemonics(window)
    assert len(keys) == len(set(keys)) >= 9, keys
    with japanese_ui(qapp):
        keys = _mnemonics(window)
        assert len(keys) == len(set(keys)) >= 9, keys
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.team_settings_requested, timeout=2000):
        QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert window.alias_to.hasFocus()
