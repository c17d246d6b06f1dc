"""Live chart updates: while a block runs, a refresh moves the changed bars and marks in place
and keeps the layout; the pixels must equal those of a window that draws everything anew."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import summary_support as sup
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tracker.domain.model import Kind
from tracker.domain.summary import RangeKind
from tracker.service import TrackerService
from tracker.ui.summary.window import SummaryWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SIZE = (1240, 800)


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings("GrowthTracker", "summary").clear()


@pytest.fixture
def week_service(tmp_path: Path) -> TrackerService:
    service, _ = sup.make_service(tmp_path, sup.SHOT_NOW)
    sup.seed_realistic(service)
    return service


@pytest.fixture
def growing_service(tmp_path: Path) -> TrackerService:
    """Only today: an hour of routine, then growth running for 40 minutes. Today has the
    highest ratio of the chart, so each minute also raises the ratio chart's scale."""
    now = sup.local(sup.TOKYO, 2024, 6, 14, 10, 40)
    service, _ = sup.make_service(tmp_path, now)
    day = (2024, 6, 14)
    service.add_block(Kind.TASK, sup.local(sup.TOKYO, *day, 9), sup.local(sup.TOKYO, *day, 10), "")
    service.start(Kind.GROWTH, "RPA 勉強", at=sup.local(sup.TOKYO, *day, 10))
    return service


def shown(
    qtbot: QtBot, service: TrackerService, kind: RangeKind, size: tuple[int, int] = SIZE
) -> SummaryWindow:
    window = SummaryWindow(service)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    sup.wait_charts(qtbot, window)
    window.set_range(kind)
    settle(qtbot, window)
    return window


def settle(qtbot: QtBot, window: SummaryWindow) -> None:
    """Let the layout give the canvases their size (they start at matplotlib's 640 x 480)."""
    canvases = window.charts._canvases.values()
    qtbot.waitUntil(lambda: all(c.height() < 480 for c in canvases))


def pixels(window: SummaryWindow) -> dict[str, np.ndarray]:
    out = {}
    for name, canvas in window.charts._canvases.items():
        canvas.draw()
        out[name] = np.array(canvas.buffer_rgba())
    return out


def assert_same_as_a_fresh_window(
    qtbot: QtBot, window: SummaryWindow, service: TrackerService
) -> None:
    fresh = shown(qtbot, service, window.view_state()[1], (window.width(), window.height()))
    got, want = pixels(window), pixels(fresh)
    for name in want:
        assert got[name].shape == want[name].shape, name
        assert np.array_equal(got[name], want[name]), f"{name} differs from a full redraw"
    fresh.close()


def running_bar(window: SummaryWindow) -> object:
    ax = window.charts.figures["timeline"].axes[0]
    (bar,) = [p for p in ax.patches if p.get_linestyle() != "solid"]
    return bar


def todays_ratio_bar(window: SummaryWindow) -> object:
    return window.charts.figures["ratio"].axes[0].patches[-1]


@pytest.mark.parametrize("kind", [RangeKind.DAY, RangeKind.WEEK])
def test_live_updates_draw_exactly_what_a_full_redraw_draws(
    qtbot: QtBot, week_service: TrackerService, kind: RangeKind
) -> None:
    window = shown(qtbot, week_service, kind)
    pixels(window)
    clock = week_service.clock
    before = running_bar(window)
    width = before.get_width()  # type: ignore[attr-defined]
    ratio_bar = todays_ratio_bar(window)
    clock.advance(60)  # type: ignore[attr-defined]
    window._tick()
    # Moved in place (the same bars, one minute longer), not drawn anew ...
    assert running_bar(window) is before
    assert before.get_width() == pytest.approx(width + 1 / 60)  # type: ignore[attr-defined]
    assert todays_ratio_bar(window) is ratio_bar
    assert not window.charts.figures["timeline"].get_layout_engine().stale
    # ... and it looks exactly like a chart drawn from scratch.
    assert_same_as_a_fresh_window(qtbot, window, week_service)
    for minutes in (1, 9, 30, 45):  # labels appear, scales grow: some of these rebuild
        clock.advance(minutes * 60)  # type: ignore[attr-defined]
        window._tick()
        assert_same_as_a_fresh_window(qtbot, window, week_service)
    week_service.stop()
    window.refresh()
    ax = window.charts.figures["timeline"].axes[0]
    assert all(p.get_linestyle() == "solid" for p in ax.patches)
    assert_same_as_a_fresh_window(qtbot, window, week_service)


def test_a_growing_scale_is_updated_in_place_while_its_ticks_stay(
    qtbot: QtBot, growing_service: TrackerService
) -> None:
    window = shown(qtbot, growing_service, RangeKind.DAY)
    pixels(window)
    ax = window.charts.figures["ratio"].axes[0]
    bar, top = todays_ratio_bar(window), ax.get_ylim()[1]
    growing_service.clock.advance(60)  # type: ignore[attr-defined]
    window._tick()
    assert todays_ratio_bar(window) is bar and ax.get_ylim()[1] > top
    assert_same_as_a_fresh_window(qtbot, window, growing_service)
    for minutes in (1, 5, 20, 60, 120):  # the ticks change at some point: a rebuild
        growing_service.clock.advance(minutes * 60)  # type: ignore[attr-defined]
        window._tick()
        assert_same_as_a_fresh_window(qtbot, window, growing_service)
    assert todays_ratio_bar(window) is not bar


def test_a_resize_after_a_live_update_lays_the_charts_out_again(
    qtbot: QtBot, week_service: TrackerService
) -> None:
    window = shown(qtbot, week_service, RangeKind.DAY)
    pixels(window)
    week_service.clock.advance(60)  # type: ignore[attr-defined]
    window._tick()
    wide = window.charts._canvases["ratio"].size()
    window.resize(SIZE[0] - 300, SIZE[1] - 150)
    qtbot.waitUntil(lambda: window.charts._canvases["ratio"].size() != wide)
    assert_same_as_a_fresh_window(qtbot, window, week_service)
