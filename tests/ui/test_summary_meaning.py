"""The summary says what it means: routine hotspots follow the range shown (in the window and
the copied text alike), one outlier day does not flatten the ratio chart, days off look like
days off, the hotspots table never shows half a row, and an empty database says how to start.
All on real databases with a realistic month of Japanese labels."""

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
from tracker.service import TrackerService
from tracker.ui.summary.window import SummaryWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
TZ = sup.TOKYO
SATURDAY = dt.date(2024, 6, 8)
ROUTINE = (
    "月次決算",
    "請求書チェック",
    "経費精算",
    "給与計算",
    "定例会議",
    "勤怠締め",
    "入金消込",
    "支払処理",
    "社会保険手続き",
    "備品発注",
    "契約書の押印",
    "郵便物の仕分け",
)


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings("GrowthTracker", "summary").clear()


@pytest.fixture
def month(tmp_path: Path) -> TrackerService:
    """A realistic month up to Friday 14 June 2024, plus one hour of study on Saturday 8 June
    (100 % growth) and a dozen routine labels on Thursday 13 June."""
    service, _ = sup.make_service(tmp_path, sup.SHOT_NOW)
    sup.seed_realistic(service)
    start = sup.local(TZ, 2024, 6, 8, 10)
    service.add_block(Kind.GROWTH, start, start + 3600, "簿記2級")
    evening = sup.local(TZ, 2024, 6, 13, 19)
    for n, label in enumerate(ROUTINE):
        service.add_block(Kind.TASK, evening + n * 600, evening + n * 600 + 300 + n * 10, label)
    return service


def open_window(
    qtbot: QtBot, service: TrackerService, kind: RangeKind = RangeKind.DAY, size=(1240, 800)
) -> SummaryWindow:
    window = SummaryWindow(service)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    sup.wait_charts(qtbot, window)
    window.set_range(kind)
    return window


# -- routine hotspots: the range shown, one rule everywhere -----------------------------------


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        (RangeKind.DAY, "Routine hotspots · Fri 14 Jun 2024"),
        (RangeKind.WEEK, "Routine hotspots · Week 10–16 Jun 2024"),
        (RangeKind.MONTH, "Routine hotspots · June 2024"),
    ],
)
def test_hotspots_cover_the_range_shown_in_the_window_and_the_copy(
    qtbot: QtBot, month: TrackerService, kind: RangeKind, title: str
) -> None:
    window = open_window(qtbot, month, kind)
    data = window.data
    assert data is not None
    assert window.hotspots_title.text() == title
    first, last = data.first, data.last
    assert data.hotspots == tuple(month.hotspots(first, last))  # the service's own list
    shown = [
        window.hotspots.data(window.hotspots.index(r, 0)) for r in range(window.hotspots.rowCount())
    ]
    assert shown == [h.label or "(no label)" for h in data.hotspots]
    # the copied summary lists the very same hotspots, in the same order
    window.include_routine.click()
    qtbot.mouseClick(window.copy_button, Qt.MouseButton.LeftButton)
    lines = QGuiApplication.clipboard().text().splitlines()
    at = lines.index("Routine hotspots (candidates to automate):")
    copied = [line[2:].rsplit("  ", 1)[0] for line in lines[at + 1 : at + 1 + len(shown)]]
    assert copied == shown
    # the share column adds up to at most all routine time of the range
    shares = [h.share for h in data.hotspots]
    assert 0 < sum(shares) <= 1 + 1e-9


def test_a_range_without_routine_says_so(qtbot: QtBot, month: TrackerService) -> None:
    window = open_window(qtbot, month)
    window.show_day(SATURDAY)  # only study that day
    assert window.hotspots.rowCount() == 0
    assert window.hotspots_hint.text() == "No routine tracked in this range."
    assert window.hotspots_title.text() == "Routine hotspots · Sat 8 Jun 2024"


# -- the ratio chart: an outlier does not flatten it, days off look like days off -----------


def test_one_saturday_hour_at_100_percent_does_not_flatten_the_ratio_chart(
    qtbot: QtBot, month: TrackerService
) -> None:
    window = open_window(qtbot, month, RangeKind.MONTH)
    data = window.data
    assert data is not None
    assert data.ratio_scale.outliers == {SATURDAY}
    ax = window.charts.figures["ratio"].axes[0]
    top = ax.get_ylim()[1]
    regular = [100 * d.ratio for d in data.chart_days if d.ratio is not None and d.ratio < 1]
    assert max(regular) < top < 60  # scaled to the regular days, not to 100 %
    i = [d.date for d in data.chart_days].index(SATURDAY)
    bar = next(
        p for p in ax.patches if p.get_gid() == "met" and round(p.get_x() + p.get_width() / 2) == i
    )
    assert bar.get_height() == pytest.approx(top)  # runs off the top...
    labels = [t for t in ax.texts if t.get_gid() == "outlier"]
    assert [t.get_text() for t in labels] == ["✓ 100% ↑"]  # ...and says its value
    assert labels[0].xy == (i, pytest.approx(top))
    ax.figure.canvas.draw()
    box = labels[0].get_window_extent()
    assert ax.bbox.y0 < box.y0 and box.y1 <= ax.bbox.y1 + 1  # inside the axes, readable
    # 30 thin bars: the label stands upright inside its bar rather than spill over
    assert labels[0].get_rotation() == 90
    assert box.width <= bar.get_window_extent().width and box.y0 > ax.bbox.y0
    window.show_day(SATURDAY)
    window.set_range(RangeKind.WEEK)  # 7 wide bars: it reads across again
    ax = window.charts.figures["ratio"].axes[0]
    ax.figure.canvas.draw()
    (label,) = [t for t in ax.texts if t.get_gid() == "outlier"]
    assert label.get_rotation() == 0


def test_days_off_stand_on_a_band_without_a_missing_mark(
    qtbot: QtBot, month: TrackerService
) -> None:
    window = open_window(qtbot, month, RangeKind.WEEK)
    window.show_day(dt.date(2024, 6, 7))  # the week of 3–9 June: Sat 8 has study, Sun 9 none
    data = window.data
    assert data is not None
    for name in ("ratio", "hours"):
        ax = window.charts.figures[name].axes[0]
        bands = sorted(
            p.get_x() + p.get_width() / 2 for p in ax.patches if p.get_gid() == "day_off"
        )
        assert bands == [5, 6], name  # Saturday and Sunday
        ticks = ax.get_xticklabels()
        assert ticks[6].get_color() != ticks[2].get_color()  # a muted date
    ratio = window.charts.figures["ratio"].axes[0]
    assert not [t for t in ratio.texts if t.get_text() == "–"]  # a day off is not "missing"
    legend = [t.get_text() for t in ratio.get_legend().get_texts()]
    assert "Day off" in legend
    month.set_setting("work_days", "mon-sat")
    window.refresh()
    ratio = window.charts.figures["ratio"].axes[0]
    bands = [p.get_x() + p.get_width() / 2 for p in ratio.patches if p.get_gid() == "day_off"]
    assert bands == [6]
    # Sunday, now alone off, has no mark; an untracked work day would have one
    assert not [t for t in ratio.texts if t.get_text() == "–"]


def test_an_untracked_work_day_still_shows_as_missing(qtbot: QtBot, tmp_path: Path) -> None:
    service, _ = sup.make_service(tmp_path, sup.SHOT_NOW)  # Friday 14 June
    start = sup.local(TZ, 2024, 6, 10, 9)
    service.add_block(Kind.TASK, start, start + 4 * 3600, "月次決算")  # Monday only
    window = open_window(qtbot, service, RangeKind.WEEK)
    ratio = window.charts.figures["ratio"].axes[0]
    misses = sorted(t.get_position()[0] for t in ratio.texts if t.get_text() == "–")
    assert misses == [1, 2, 3, 4]  # Tue–Fri (today, nothing yet); Sat/Sun are days off


# -- the hotspots table at 1366×768: no row cut in half -------------------------------------


@pytest.mark.parametrize("height", [728, 700, 651, 613, 600])
def test_the_hotspots_table_never_shows_half_a_row(
    qtbot: QtBot, month: TrackerService, height: int
) -> None:
    window = open_window(qtbot, month, RangeKind.MONTH, size=(1326, height))
    view = window.hotspots_view
    assert window.hotspots.rowCount() == 10
    qtbot.waitUntil(lambda: view.viewport().height() > 0)
    row = view.rowHeight(0)
    viewport = view.viewport().height()
    assert viewport % row == 0, (viewport, row)
    # every row that shows at all shows whole, scrolled or not
    for scroll in (0, view.verticalScrollBar().maximum()):
        view.verticalScrollBar().setValue(scroll)
        for r in range(window.hotspots.rowCount()):
            y = view.rowViewportPosition(r)
            if y < viewport and y + row > 0:
                assert y >= 0 and y + row <= viewport, (r, y, viewport)


# -- a first run: say what to click ---------------------------------------------------------


def test_an_empty_summary_says_how_to_start_tracking(qtbot: QtBot, tmp_path: Path) -> None:
    service, clock = sup.make_service(tmp_path, sup.SHOT_NOW)
    window = open_window(qtbot, service)
    hint = window.first_run
    assert hint.isVisible()
    assert "click the Growth Tracker icon in the system tray" in hint.text()
    assert "Start task" in hint.text()
    service.add_block(Kind.TASK, clock.now() - 3600, clock.now() - 1800, "月次決算")
    window.refresh()
    assert not hint.isVisible()
    window.show_day(dt.date(2024, 5, 1))  # an empty day of a used database: no first-run hint
    assert not hint.isVisible()
