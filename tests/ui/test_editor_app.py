"""The editor inside the tray app: opened on a day, and its edits show at once in the
tray tooltip (through ``blocks_changed``)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from editor_support import DAY, at, focused, open_test_service, show, type_into_cell, type_keys
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tracker.domain.model import Kind
from tracker.service import TrackerService
from tracker.ui.app import App
from tracker.ui.editor.model import Column
from tracker.ui.editor.window import EditorWindow
from tracker.ui.timeentry import TimeEntry

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def service(tmp_path: Path) -> Iterator[TrackerService]:
    yield from open_test_service(tmp_path / "tracker.db")


@pytest.fixture
def app(qtbot: QtBot, service: TrackerService) -> Iterator[App]:
    made = App(service)
    yield made
    made.dispose()
    made.deleteLater()


def ratio_shown(app: App) -> str:
    """The first percentage in the tooltip: today's growth ratio."""
    found = re.search(r"(?<![\d.])(\d+%)", app.tray.icon.toolTip())
    assert found is not None
    return found.group(1)


def test_an_edit_in_the_editor_shows_in_the_tray_tooltip(
    qtbot: QtBot, app: App, service: TrackerService
) -> None:
    block = service.add_block(Kind.TASK, at(9), at(13), "RPA 勉強")
    service.add_block(Kind.TASK, at(13), at(17), "月次決算")
    app.refresh()
    assert ratio_shown(app) == "0%"
    app.open_editor(DAY)
    window = app.windows.open["editor"]
    assert isinstance(window, EditorWindow) and window.model.day == DAY
    window.select_ids([block.id])
    with qtbot.waitSignal(window.blocks_changed):
        window.growth_action.trigger()
    assert ratio_shown(app) == "50%"  # 4 h growth of 8 h
    window.undo_action.trigger()
    assert ratio_shown(app) == "0%"


def test_a_change_seen_while_a_cell_is_typed_into_keeps_what_is_typed(
    qtbot: QtBot, app: App, service: TrackerService
) -> None:
    """The once-a-second poll finds a change (the editor's own write just before, and
    another connection's) while a person is half-way through typing a time: the cell
    stays open with their keys in it, on the same block and column, and the window shows
    the change once they press Enter."""
    block = service.add_block(Kind.TASK, at(9), at(10, 30), "月次決算")
    app.open_editor(DAY)
    window = app.windows.open["editor"]
    assert isinstance(window, EditorWindow)
    show(qtbot, window)
    app.watcher.stop()  # the test polls where the timer would, at the worst moment
    type_into_cell(qtbot, window, block.id, Column.START, "0845", "type")
    assert service.get_block(block.id).started_at == at(8, 45)
    qtbot.keyClick(window.table, Qt.Key.Key_Right)
    type_keys(qtbot, "10")
    editor = focused()
    assert isinstance(editor, TimeEntry) and editor.text() == "10"
    other = service.reopened()  # the CLI, say: a block added after lunch
    try:
        other.add_block(Kind.GROWTH, at(13), at(14), "RPA 勉強")
    finally:
        other.close()
    app.watcher.poll()
    assert focused() is editor and editor.text() == "10"
    assert window.table.editing()
    current = window.table.currentIndex()
    assert (current.row(), current.column()) == (window.model.row_of(block.id), Column.END)
    type_keys(qtbot, "15")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.table.editing())
    assert service.get_block(block.id).ended_at == at(10, 15), window.messages.text()
    assert window.messages.isHidden()
    qtbot.waitUntil(lambda: window.model.rowCount() >= 3)  # the other block, after a gap
    labels = [r.block.label for r in window.model.rows if r.block is not None]
    assert labels == ["月次決算", "RPA 勉強"]
