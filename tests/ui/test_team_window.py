"""The team window (issue 17) rendering three colleagues' shared files: numbers equal the
files' own sums, a click or Enter on a topic names who to ask, the what-if line follows
the hotspot chosen with the keyboard, stale people are greyed, unreadable files named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import team_support as ts
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from tray_support import make_service

from tracker.domain.team import TeamView, build_team_view
from tracker.service import TrackerService
from tracker.ui.team.tables import RAW
from tracker.ui.team.window import TeamWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

FIRST, LAST = ts.TODAY - dt.timedelta(days=27), ts.TODAY
ALIASES = {"請求書確認": "請求書チェック"}


def _view(unreadable: tuple[tuple[str, str], ...] = ()) -> TeamView:
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
    assert text.startswith("Who to ask about Excel マクロ: 鈴木 一郎")
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
    window.set_view(_view((("x.json", "not a team file"),)))
    assert window.unreadable.isVisible()
    assert window.unreadable.text() == "Skipped, cannot be read: x.json (not a team file)"
