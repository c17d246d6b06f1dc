"""The summary window: figures equal the service's numbers, charts hold the right bars, the
note persists, navigation, copy / PNG / signals, live updates and remembered geometry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import summary_support as sup
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from tracker.domain.model import Kind
from tracker.domain.summary import RangeKind
from tracker.domain.timeparse import hm
from tracker.service import TrackerService
from tracker.ui.common import KIND_COLORS, MET_COLOR
from tracker.ui.summary.window import SummaryWindow

# The offscreen platform cannot pass size hints to a window; X11 (the e2e test) can.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

NY = sup.NEW_YORK
# Sunday 2024-11-03: clocks fall back 02:00 EDT -> 01:00 EST, a 25-hour tracking day.
DST_DAY = dt.date(2024, 11, 3)


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> None:
    """Window geometry goes to a temp folder, never to the user's real settings."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings("GrowthTracker", "summary").clear()


def open_window(qtbot: QtBot, service: TrackerService, day: dt.date | None = None) -> SummaryWindow:
    window = SummaryWindow(service)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    sup.wait_charts(qtbot, window)
    if day is not None:
        window.show_day(day)
    return window


def hex_of(rgba: tuple[float, ...]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*(round(c * 255) for c in rgba[:3]))


@pytest.fixture
def dst_service(tmp_path: Path) -> TrackerService:
    """Blocks across the day boundary (04:00) on the night of the DST change."""
    now = sup.local(NY, 2024, 11, 3, 20, 0)
    service, _ = sup.make_service(tmp_path, now, NY)
    # Sat 22:00 EDT -> Sun 06:00 EST: 7 h count to Saturday (the night is 25 h), 2 h to Sunday.
    service.add_block(
        Kind.TASK, sup.local(NY, 2024, 11, 2, 22), sup.local(NY, 2024, 11, 3, 6), "月次決算"
    )
    service.add_block(
        Kind.GROWTH, sup.local(NY, 2024, 11, 3, 9), sup.local(NY, 2024, 11, 3, 11), "RPA 勉強"
    )
    service.add_block(
        Kind.TASK, sup.local(NY, 2024, 11, 3, 13), sup.local(NY, 2024, 11, 3, 14, 30), "経費精算"
    )
    return service


def test_figures_equal_the_domain_summary_across_a_day_boundary_and_dst(
    qtbot: QtBot, dst_service: TrackerService
) -> None:
    window = open_window(qtbot, dst_service, DST_DAY)
    cards = window.figures.cards
    report = dst_service.report(DST_DAY, DST_DAY)
    assert report.total.task_s == 2 * 3600 + 90 * 60  # 04:00–06:00 plus 13:00–14:30
    assert cards["task"].value.text() == hm(report.total.task_s) == "3:30"
    assert cards["growth"].value.text() == "2:00"
    assert cards["ratio"].value.text() == "36%"  # 2 / 5.5
    assert "met" in cards["ratio"].detail.text() and "✓" in cards["ratio"].detail.text()
    assert cards["tracked"].value.text() == "5:30"
    assert cards["tracked"].detail.text() == "of 10:00 disposable hours"
    week = dst_service.report(DST_DAY - dt.timedelta(days=6), DST_DAY).total
    assert cards["trend"].value.text().startswith(f"{week.ratio * 100:.0f}% / ")
    assert week.task_s == 7 * 3600 + report.total.task_s  # Saturday got 7 h of the 25-h night

    window.show_day(DST_DAY - dt.timedelta(days=1))
    assert cards["task"].value.text() == "7:00"
    assert cards["growth"].value.text() == "0:00"
    assert cards["ratio"].value.text() == "0%"
    assert "✗" in cards["ratio"].detail.text()


def test_timeline_places_blocks_on_local_hours_across_dst(
    qtbot: QtBot, dst_service: TrackerService
) -> None:
    window = open_window(qtbot, dst_service, DST_DAY)
    ax = window.charts.figures["timeline"].axes[0]
    bars = sorted(ax.patches, key=lambda p: p.get_x())
    # Wall-clock hours since 04:00: 04–06, 09–11, 13–14:30.
    assert [(p.get_x(), p.get_width()) for p in bars] == [(0, 2), (5, 2), (9, 1.5)]
    assert [p.get_gid() for p in bars] == ["task", "growth", "task"]
    assert hex_of(bars[0].get_facecolor()) == KIND_COLORS[Kind.TASK]
    assert hex_of(bars[1].get_facecolor()) == KIND_COLORS[Kind.GROWTH]
    assert bars[1].get_hatch() and not bars[0].get_hatch()  # growth is not colour-only
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[:3] == ["4:00", "6:00", "8:00"]  # every 2 h from the day start


@pytest.fixture
def week_service(tmp_path: Path) -> TrackerService:
    service, _ = sup.make_service(tmp_path, sup.SHOT_NOW)
    sup.seed_realistic(service)
    return service


def test_ratio_chart_has_a_bar_per_tracked_day_and_none_for_empty_days(
    qtbot: QtBot, week_service: TrackerService
) -> None:
    window = open_window(qtbot, week_service)
    days = window.data.chart_days  # type: ignore[union-attr]
    assert len(days) == 14
    ax = window.charts.figures["ratio"].axes[0]
    bars = {
        round(p.get_x() + p.get_width() / 2): p
        for p in ax.patches
        if p.get_gid() in ("met", "below")
    }
    tracked = {i for i, d in enumerate(days) if d.ratio is not None}
    assert set(bars) == tracked
    assert any(d.ratio is None for d in days)  # weekends: empty, and no bar for them
    for i in tracked:
        assert bars[i].get_height() == pytest.approx(100 * days[i].ratio)
        expected = MET_COLOR if days[i].met else KIND_COLORS[Kind.GROWTH]
        assert hex_of(bars[i].get_facecolor()) == expected
        assert bars[i].get_gid() == ("met" if days[i].met else "below")
    marks = [t for t in ax.texts if t.get_gid() == "value" and "✓" in t.get_text()]
    assert len(marks) == sum(1 for d in days if d.met)
    target = next(line for line in ax.lines if line.get_gid() == "target")
    assert set(target.get_ydata()) == {20.0}
    assert target.get_linestyle() == "--"


def test_hours_chart_stacks_growth_on_task(qtbot: QtBot, week_service: TrackerService) -> None:
    window = open_window(qtbot, week_service)
    days = window.data.chart_days  # type: ignore[union-attr]
    ax = window.charts.figures["hours"].axes[0]
    task = [p for p in ax.patches if p.get_gid() == "task"]
    growth = [p for p in ax.patches if p.get_gid() == "growth"]
    tracked = [d for d in days if d.total_s > 0]
    assert len(task) == len(growth) == len(tracked)
    for t, g, d in zip(task, growth, tracked, strict=True):
        assert t.get_height() == pytest.approx(d.task_s / 3600)
        assert g.get_y() == pytest.approx(d.task_s / 3600)
        assert g.get_height() == pytest.approx(d.growth_s / 3600)
        assert g.get_hatch()


def test_running_block_is_drawn_up_to_now_and_grows_live(
    qtbot: QtBot, week_service: TrackerService
) -> None:
    window = open_window(qtbot, week_service)
    clock = week_service.clock
    ax = window.charts.figures["timeline"].axes[0]
    running = [p for p in ax.patches if p.get_linestyle() != "solid"]
    assert len(running) == 1
    assert running[0].get_x() + running[0].get_width() == pytest.approx(16 + 40 / 60 - 4)
    assert window._live.isActive()
    before = window.figures.cards["growth"].value.text()
    clock.advance(30 * 60)  # type: ignore[attr-defined]
    window._tick()
    assert window.figures.cards["growth"].value.text() == hm(
        week_service.report(window.day, window.day).total.growth_s
    )
    assert window.figures.cards["growth"].value.text() != before
    week_service.stop()
    window.refresh()
    assert not window._live.isActive()


def test_note_is_saved_as_you_type_and_comes_back(
    qtbot: QtBot, week_service: TrackerService
) -> None:
    window = open_window(qtbot, week_service)
    day = window.day
    window.note.setFocus()
    qtbot.keyClicks(window.note, "RPA ")
    window.note.insertPlainText("で半分に")  # what an input method commits
    assert week_service.day_note(day) == ""  # debounced: not on every keystroke
    qtbot.waitUntil(lambda: sup.reopen(week_service).day_note(day) == "RPA で半分に")
    window.note.insertPlainText("できる")
    window.show_day(day - dt.timedelta(days=1))  # navigating flushes at once
    assert week_service.day_note(day) == "RPA で半分にできる"
    assert window.note.toPlainText().startswith("請求書チェック")  # that day's own note
    window.close()
    again = open_window(qtbot, sup.reopen(week_service), day)
    assert again.note.toPlainText() == "RPA で半分にできる"


def test_navigation_buttons_keys_and_range_switch(
    qtbot: QtBot, week_service: TrackerService
) -> None:
    window = open_window(qtbot, week_service)
    today = week_service.today()
    nav = window.navigator
    assert not nav.next_button.isEnabled() and not nav.today_button.isEnabled()
    qtbot.mouseClick(nav.prev_button, Qt.MouseButton.LeftButton)
    assert window.day == today - dt.timedelta(days=1)
    assert window.figures.cards["task"].value.text() == hm(
        week_service.report(window.day, window.day).total.task_s
    )
    qtbot.mouseClick(nav.prev_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(nav.next_button, Qt.MouseButton.LeftButton)
    assert window.day == today - dt.timedelta(days=1)
    qtbot.mouseClick(nav.today_button, Qt.MouseButton.LeftButton)
    assert window.day == today
    nav.date_edit.setDate(nav.date_edit.date().addDays(-10))
    assert window.day == today - dt.timedelta(days=10)

    qtbot.mouseClick(nav.range_buttons[RangeKind.WEEK], Qt.MouseButton.LeftButton)
    assert window.view_state()[1] is RangeKind.WEEK
    assert len(window.data.days) == 7  # type: ignore[union-attr]
    assert len(window.charts.figures["timeline"].axes[0].get_yticks()) == 7
    first, last = window.data.first, window.data.last  # type: ignore[union-attr]
    assert first.weekday() == 0 and last - first == dt.timedelta(days=6)
    week = week_service.report(first, last).total
    assert window.figures.cards["task"].value.text() == hm(week.task_s)
    qtbot.mouseClick(nav.prev_button, Qt.MouseButton.LeftButton)
    assert window.data.first == first - dt.timedelta(days=7)  # type: ignore[union-attr]

    qtbot.mouseClick(nav.range_buttons[RangeKind.MONTH], Qt.MouseButton.LeftButton)
    assert len(window.charts.figures["ratio"].axes[0].get_xticks()) == len(window.data.days)  # type: ignore[union-attr]

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.day == today
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.day.month == today.month - 1


def test_copy_summary_leaves_routine_out_unless_asked(
    qtbot: QtBot, week_service: TrackerService
) -> None:
    window = open_window(qtbot, week_service)
    qtbot.mouseClick(window.copy_button, Qt.MouseButton.LeftButton)
    text = QGuiApplication.clipboard().text()
    assert "Fri 14 Jun 2024" in text and "RPA 勉強" in text and "target 20%" in text
    assert "月次決算" not in text
    window.include_routine.setChecked(True)
    qtbot.mouseClick(window.copy_button, Qt.MouseButton.LeftButton)
    assert "月次決算  1:30" in QGuiApplication.clipboard().text()


def test_save_png_and_signals(
    qtbot: QtBot, week_service: TrackerService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, week_service)
    target = tmp_path / "charts.png"
    monkeypatch.setattr(SummaryWindow, "ask_png_path", staticmethod(lambda *_: target))
    qtbot.mouseClick(window.png_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert target.stat().st_size > 20_000
    with qtbot.waitSignal(window.edit_requested) as edit:
        qtbot.mouseClick(window.edit_button, Qt.MouseButton.LeftButton)
    assert edit.args == [window.day]
    if window.export_button.isEnabled():
        with qtbot.waitSignal(window.export_requested):
            qtbot.mouseClick(window.export_button, Qt.MouseButton.LeftButton)


def test_window_geometry_is_remembered(qtbot: QtBot, week_service: TrackerService) -> None:
    window = open_window(qtbot, week_service)
    # The offscreen screen is 800x600, and restoring clamps to the screen.
    window.resize(740, 570)
    assert (window.width(), window.height()) == (740, 570)
    window.close()
    again = SummaryWindow(week_service)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (740, 570)


def test_a_future_day_shows_today(qtbot: QtBot, week_service: TrackerService) -> None:
    window = open_window(qtbot, week_service)
    window.show_day(week_service.today() + dt.timedelta(days=3))
    assert window.day == week_service.today()
