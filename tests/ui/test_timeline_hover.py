"""The timeline's hover: a real mouse over a bar shows the whole block in a tooltip."""

from __future__ import annotations

from pathlib import Path

import pytest
import summary_support as sup
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolTip
from pytestqt.qtbot import QtBot

from tracker.domain.model import Kind
from tracker.ui.summary.window import SummaryWindow

# offscreen cannot pass size hints or raise the tooltip's window; X11 can
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)

TOKYO = sup.TOKYO


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings("GrowthTracker", "summary").clear()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> SummaryWindow:
    now = sup.local(TOKYO, 2024, 6, 14, 16, 40)
    service, _ = sup.make_service(tmp_path, now)
    service.add_block(
        Kind.TASK,
        sup.local(TOKYO, 2024, 6, 14, 9, 0),
        sup.local(TOKYO, 2024, 6, 14, 9, 25),
        "経費精算の差し戻し対応",  # 25 min: too short for a label in its bar
        "領収書 3 枚足りない",
    )
    service.add_block(
        Kind.GROWTH,
        sup.local(TOKYO, 2024, 6, 14, 10, 0),
        sup.local(TOKYO, 2024, 6, 14, 11, 30),
        "RPA 勉強",
    )
    service.start(Kind.TASK, "月次決算", at=sup.local(TOKYO, 2024, 6, 14, 15, 0))
    w = SummaryWindow(service)
    qtbot.addWidget(w)
    w.resize(900, 700)
    w.show()
    qtbot.waitExposed(w)
    w.show_day(service.today())
    sup.wait_charts(qtbot, w)  # the first drawing comes on the turn after the window shows
    return w


def _point(w: SummaryWindow, hour: float, row: int = 0) -> QPoint:
    """Where the chart draws (wall-clock ``hour``, ``row``), in the canvas' pixels."""
    canvas = w.charts._canvases["timeline"]
    fig = w.charts.figures["timeline"]
    canvas.draw()  # the layout the person sees, settled
    ax = fig.axes[0]
    x, y = ax.transData.transform((hour - 4, row))  # hours since the 04:00 day start
    ratio = canvas.devicePixelRatioF()
    return QPoint(round(x / ratio), round(canvas.height() - y / ratio))


def hover(qtbot: QtBot, w: SummaryWindow, hour: float) -> str:
    canvas = w.charts._canvases["timeline"]
    QTest.mouseMove(canvas, _point(w, hour))
    qtbot.wait(50)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_hovering_a_short_block_shows_its_kind_label_times_and_note(
    qtbot: QtBot, window: SummaryWindow
) -> None:
    assert hover(qtbot, window, 9.2) == (
        "Task · 経費精算の差し戻し対応\n09:00–09:25 (0:25)\n領収書 3 枚足りない"
    )
    assert hover(qtbot, window, 10.75) == "Growth · RPA 勉強\n10:00–11:30 (1:30)"
    assert hover(qtbot, window, 15.5) == "Task · 月次決算\n15:00–now"


def test_between_bars_no_tooltip_is_left_behind(qtbot: QtBot, window: SummaryWindow) -> None:
    assert hover(qtbot, window, 9.2).startswith("Task")
    hover(qtbot, window, 12.5)  # nothing tracked at 12:30
    assert window.charts.hover.shown is None
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)  # Qt fades it in 300 ms
