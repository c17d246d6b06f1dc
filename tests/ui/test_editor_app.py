"""The editor inside the tray app: opened on a day, and its edits show at once in the
tray tooltip (through ``blocks_changed``)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from editor_support import DAY, at, open_test_service
from pytestqt.qtbot import QtBot

from tracker.domain.model import Kind
from tracker.service import TrackerService
from tracker.ui.app import App
from tracker.ui.editor.window import EditorWindow

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
