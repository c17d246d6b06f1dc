"""Where windows open, and what the summary hands the windows it opens: the Edit blocks and
Export windows open centred on the summary they were opened from, or on the screen under
the mouse pointer (the tray's screen); Export presets the days the summary shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from tray_support import make_service

from tracker.domain.clock import FakeClock
from tracker.domain.summary import RangeKind
from tracker.service import TrackerService
from tracker.ui.app import App
from tracker.ui.common import place_centered
from tracker.ui.export_dialog import PRESETS

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def env(tmp_path: Path) -> tuple[TrackerService, FakeClock]:
    return make_service(tmp_path)


@pytest.fixture
def app(env: tuple[TrackerService, FakeClock], qapp: QApplication) -> Iterator[App]:
    made = App(env[0])
    yield made
    made.windows.close_all()
    made.dispose()
    made.deleteLater()


def centre_distance(window: QWidget, target: QPoint) -> int:
    return (window.frameGeometry().center() - target).manhattanLength()


def test_place_centered_on_a_parent_and_inside_the_screen(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.setGeometry(300, 200, 400, 300)
    parent.show()
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(200, 100)
    place_centered(window, parent)
    assert centre_distance(window, parent.frameGeometry().center()) <= 16
    free = QGuiApplication.primaryScreen().availableGeometry()
    parent.move(free.right() - 100, free.bottom() - 50)  # mostly off the screen
    place_centered(window, parent)
    assert free.contains(QRect(window.pos(), window.size()))


def test_without_a_parent_it_centres_on_the_screen(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(300, 200)
    place_centered(window, None)
    screen = QGuiApplication.screenAt(window.pos()) or QGuiApplication.primaryScreen()
    assert centre_distance(window, screen.availableGeometry().center()) <= 16


def small_editor(app: App) -> QWidget:
    """The editor made before its first show, smaller than the offscreen screen (800 px)."""
    editor = app.windows.get("editor")
    editor.resize(600, 400)
    return editor


def test_edit_blocks_opens_centred_not_at_the_corner(app: App) -> None:
    small_editor(app)
    editor = app.open_window("editor")  # from the tray
    assert editor is not None
    free = QGuiApplication.primaryScreen().availableGeometry()
    assert editor.pos() != QPoint(0, 0)
    assert centre_distance(editor, free.center()) <= 16
    editor.move(10, 20)  # where the user put it
    editor.hide()
    again = app.open_window("editor")
    assert again is editor and editor.pos() == QPoint(10, 20)  # later opens stay put


def test_windows_opened_from_the_summary_centre_on_it(app: App) -> None:
    summary = app.open_window("summary")
    assert summary is not None
    summary.setGeometry(60, 40, 700, 500)
    centre = summary.frameGeometry().center()
    small_editor(app)
    summary.edit_button.click()  # type: ignore[attr-defined]
    editor = app.windows.open["editor"]
    assert editor.isVisible() and centre_distance(editor, centre) <= 16
    summary.export_button.click()  # type: ignore[attr-defined]
    export = app.windows.open["export"]
    assert export.isVisible() and centre_distance(export, centre) <= 16


def test_a_window_wider_than_the_screen_starts_at_its_left_edge(app: App) -> None:
    editor = app.open_window("editor")  # 980 px wide on the 800 px offscreen screen
    assert editor is not None
    free = QGuiApplication.primaryScreen().availableGeometry()
    assert editor.x() == free.left()
    assert abs(editor.frameGeometry().center().y() - free.center().y()) <= 16


@pytest.mark.parametrize(
    ("kind", "back", "preset"),
    [(RangeKind.DAY, 1, "custom"), (RangeKind.WEEK, 7, "custom"), (RangeKind.MONTH, 0, "month")],
)
def test_export_from_the_summary_presets_the_days_it_shows(
    app: App, kind: RangeKind, back: int, preset: str
) -> None:
    summary = app.open_window("summary")
    assert summary is not None
    summary.set_range(kind)  # type: ignore[attr-defined]
    summary.show_day(app.service.today() - dt.timedelta(days=back))  # type: ignore[attr-defined]
    data = summary.data  # type: ignore[attr-defined]
    summary.export_button.click()  # type: ignore[attr-defined]
    export = app.windows.open["export"]
    assert PRESETS[export.preset.currentIndex()] == preset  # type: ignore[attr-defined]
    options = export.options()  # type: ignore[attr-defined]
    assert (options.first, options.last) == (data.first, min(data.last, app.service.today()))
