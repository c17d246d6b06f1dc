"""The summary's parts: copy text, hotspots model, end-of-day schedule, lazy matplotlib and
Japanese fonts in the charts (no tofu)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path
from typing import Any

import pytest
import summary_support as sup
from PySide6.QtCore import Qt

from tracker.domain.model import Kind
from tracker.domain.stats import Hotspot
from tracker.domain.summary import RangeKind
from tracker.ui.summary.hotspots_model import SORT_ROLE, HotspotsModel
from tracker.ui.summary.schedule import EndOfDayTimer, next_end_of_day
from tracker.ui.summary.text import summary_text

REPO = Path(__file__).resolve().parents[2]


def test_copy_text_has_ratio_trend_and_growth_labels(tmp_path: Path) -> None:
    service, _ = sup.make_service(tmp_path, sup.SHOT_NOW)
    sup.seed_realistic(service)
    data = service.summary_data(service.today())
    text = summary_text(data)
    lines = text.splitlines()
    assert lines[0] == "Growth summary · Fri 14 Jun 2024"
    assert lines[1] == "Growth ratio 24% (target 20%) ✓ met"
    assert lines[2].startswith("Trend: 7 days ")
    assert "tracked 6:40 of 10:00 disposable hours" in text
    assert "• RPA 勉強  0:45" in lines
    assert "• Excel マクロで請求書チェックを自動化  0:50" in lines  # the running block, to now
    assert "月次決算" not in text and "Routine:" not in text
    with_routine = summary_text(data, include_routine=True)
    assert "• 月次決算  1:30" in with_routine.splitlines()
    assert "• (no label)  0:30" in with_routine.splitlines()

    week = summary_text(service.summary_data(service.today(), RangeKind.WEEK))
    assert week.splitlines()[0] == "Growth summary · Week 10–16 Jun 2024"


def test_copy_text_of_an_empty_day(tmp_path: Path) -> None:
    service, _ = sup.make_service(tmp_path, sup.SHOT_NOW)
    text = summary_text(service.summary_data(service.today()), include_routine=True)
    assert "Growth ratio – (target 20%) nothing tracked" in text
    assert "Growth work:" not in text and "Routine hotspots" not in text


def test_hotspots_model_shows_and_sorts_numbers() -> None:
    model = HotspotsModel()
    model.set_hotspots([Hotspot("月次決算", 7200, 3, 3600.4, 0.8), Hotspot("", 1800, 2, 900, 0.2)])
    assert model.rowCount() == 2 and model.columnCount() == 4
    cell = lambda r, c, role=Qt.ItemDataRole.DisplayRole: model.data(model.index(r, c), role)  # noqa: E731
    assert [cell(0, c) for c in range(4)] == ["月次決算", "2:00", "3", "80%"]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Routine",
        "Total",
        "Blocks",
        "Share",
    ]
    assert cell(1, 3, SORT_ROLE) == 0.2
    assert cell(1, 0) == "(no label)"
    assert cell(1, 0, Qt.ItemDataRole.FontRole).italic()
    assert cell(0, 1, SORT_ROLE) == 7200
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Routine"
    model.set_hotspots([])
    assert model.rowCount() == 0


NY = sup.NEW_YORK


def test_next_end_of_day() -> None:
    now = sup.local(NY, 2024, 6, 14, 12)
    nxt = next_end_of_day(now, "18:00", NY, 4)
    assert nxt is not None
    assert (nxt.at, nxt.day) == (sup.local(NY, 2024, 6, 14, 18), dt.date(2024, 6, 14))
    later = next_end_of_day(nxt.at, "18:00", NY, 4)  # strictly after: tomorrow
    assert later is not None and later.day == dt.date(2024, 6, 15)
    assert next_end_of_day(now, "off", NY, 4) is None
    # After midnight but before the day start: the evening's tracking day is summed up.
    late = next_end_of_day(sup.local(NY, 2024, 6, 14, 23), "01:00", NY, 4)
    assert late is not None
    assert (late.at, late.day) == (sup.local(NY, 2024, 6, 15, 1), dt.date(2024, 6, 14))
    # A time inside the spring-forward gap (02:30 on 2024-03-10) happens just after it.
    gap = next_end_of_day(sup.local(NY, 2024, 3, 10, 0), "02:30", NY, 4)
    assert gap is not None and gap.at == sup.local(NY, 2024, 3, 10, 3, 30)
    # The fall-back day is 25 h long, and 18:00 still comes once.
    fall = next_end_of_day(sup.local(NY, 2024, 11, 3, 0, 30), "18:00", NY, 4)
    assert fall is not None and fall.at - sup.local(NY, 2024, 11, 3, 0, 30) == 18.5 * 3600


def test_end_of_day_timer_fires_once_per_day(tmp_path: Path, qtbot: object) -> None:
    service, clock = sup.make_service(tmp_path, sup.local(sup.TOKYO, 2024, 6, 14, 17, 59))
    timer = EndOfDayTimer(service)
    timer.rearm()
    fired: list[dt.date] = []
    timer.due.connect(fired.append)
    timer.check()
    assert fired == []
    clock.advance(90)
    timer.check()
    timer.check()
    assert fired == [dt.date(2024, 6, 14)]
    clock.advance(86400 + 5 * 3600)  # asleep through tomorrow's 18:00: too late, skipped
    timer.check()
    assert fired == [dt.date(2024, 6, 14)]
    service.set_setting("end_of_day", "off")
    timer.rearm()
    assert timer.pending is None


def test_matplotlib_loads_when_the_window_is_first_shown(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        sys.path.insert(0, {str(REPO / "tests" / "ui")!r})
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        fmt, scope = QSettings.Format.NativeFormat, QSettings.Scope.UserScope
        QSettings.setPath(fmt, scope, {str(tmp_path)!r})
        import summary_support as sup
        from pathlib import Path
        service, _ = sup.make_service(Path({str(tmp_path)!r}), sup.SHOT_NOW)
        import tracker.ui.summary
        from tracker.ui.summary.window import SummaryWindow
        window = SummaryWindow(service)
        window.show_day(service.today())
        print("before", "matplotlib" in sys.modules)
        window.show()
        app.processEvents()
        print("after", "matplotlib" in sys.modules, len(window.charts.figures))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["before False", "after True 3"]


def test_the_cursor_is_busy_while_matplotlib_loads_and_the_window_is_shown_first(
    tmp_path: Path,
) -> None:
    """Importing matplotlib holds the GUI thread ~0.4 s: the busy cursor is set when the
    window is shown, and the import waits for the next event-loop turn, so the cursor (and
    the window) reach the screen before it. Seen from inside the real import, in a fresh
    process where matplotlib is not loaded yet."""
    script = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        sys.path.insert(0, {str(REPO / "tests" / "ui")!r})
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        fmt, scope = QSettings.Format.NativeFormat, QSettings.Scope.UserScope
        QSettings.setPath(fmt, scope, {str(tmp_path)!r})
        import summary_support as sup
        from pathlib import Path
        service, _ = sup.make_service(Path({str(tmp_path)!r}), sup.SHOT_NOW)
        sup.seed_realistic(service)
        from tracker.ui.summary.window import SummaryWindow

        def cursor():
            c = QApplication.overrideCursor()
            return None if c is None else c.shape().name

        seen = []

        class Spy:  # sees the import begin; finds nothing itself
            def find_spec(self, name, path=None, target=None):
                if name == "matplotlib" and not seen:
                    seen.append((cursor(), window.isVisible()))
                return None

        sys.meta_path.insert(0, Spy())
        window = SummaryWindow(service)
        window.show()
        print("shown", "matplotlib" in sys.modules, cursor())
        while not window.charts.ready:
            app.processEvents()
        print("import", seen)
        print("drawn", cursor(), len(window.charts.figures["timeline"].axes))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:3] == [
        "shown False BusyCursor",
        "import [('BusyCursor', True)]",
        "drawn None 1",
    ]


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_summary_closed_before_its_first_drawing_leaves_no_busy_cursor(
    tmp_path: Path, qtbot: Any
) -> None:
    from PySide6.QtWidgets import QApplication

    from tracker.ui.summary.window import SummaryWindow

    service, _ = sup.make_service(tmp_path, sup.SHOT_NOW)
    window = SummaryWindow(service)
    qtbot.addWidget(window)
    window.show()
    assert QApplication.overrideCursor() is not None
    window.close()  # before the event loop ran: the charts were never made
    assert QApplication.overrideCursor() is None
    assert not window.charts.ready
    qtbot.wait(50)
    assert not window.charts.ready  # nothing is drawn for a closed window
    window.show()
    sup.wait_charts(qtbot, window)
    assert QApplication.overrideCursor() is None


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_japanese_chart_labels_render_without_missing_glyphs(tmp_path: Path, qtbot: object) -> None:
    from tracker.ui.summary.charts import ChartsPanel, load_matplotlib

    family = load_matplotlib()
    assert any("CJK" in name or "Gothic" in name for name in family), family
    service, _ = sup.make_service(tmp_path, sup.SHOT_NOW)
    sup.seed_realistic(service)
    panel = ChartsPanel()
    qtbot.addWidget(panel)  # type: ignore[attr-defined]
    panel.set_data(service.summary_data(service.today(), RangeKind.WEEK))
    panel.resize(900, 700)
    panel.show()
    sup.wait_charts(qtbot, panel)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for fig in panel.figures.values():
            fig.canvas.draw()  # a full Agg render: missing glyphs would warn here
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert missing == []
    texts = [t.get_text() for t in panel.figures["timeline"].axes[0].texts]
    assert "月次決算" in texts and "経費精算" in texts
    out = tmp_path / "charts.png"
    panel.save_png(out)
    assert out.stat().st_size > 20_000


def test_kind_colours_follow_okabe_ito() -> None:
    from tracker.ui.common import KIND_COLORS

    assert KIND_COLORS == {Kind.TASK: "#0072B2", Kind.GROWTH: "#E69F00"}
