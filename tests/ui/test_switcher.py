"""The quick switcher, driven by real key events and IME input into its own line: type
ahead over recent labels of both kinds, Tab flips the kind, Enter starts, Esc closes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from tray_support import make_service

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind, Source
from tracker.service import TrackerService
from tracker.ui.app import App
from tracker.ui.switcher import QuickSwitcher

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def env(tmp_path: Path) -> tuple[TrackerService, FakeClock]:
    service, clock = make_service(tmp_path)
    for kind, label in [
        (Kind.GROWTH, "RPA 勉強"),
        (Kind.TASK, "経費精算"),
        (Kind.TASK, "月次決算"),
    ]:
        service.start(kind, label, at=clock.now(), source=Source.TRAY)
        clock.advance(600)
    service.stop(source=Source.TRAY)
    clock.advance(60)
    return service, clock


@pytest.fixture
def app(env: tuple[TrackerService, FakeClock], qapp: QApplication) -> Iterator[App]:
    made = App(env[0])
    yield made
    made.dispose()
    made.deleteLater()


def opened(app: App) -> QuickSwitcher:
    app.open_switcher()
    assert app.switcher is not None and app.switcher.isVisible()
    return app.switcher


def ime(panel: QuickSwitcher, text: str) -> None:
    """What a Japanese input method sends to the panel's line: preedit, then the commit."""
    for i in range(1, len(text) + 1):
        QApplication.sendEvent(panel.edit, QInputMethodEvent(text[:i], []))
    commit = QInputMethodEvent("", [])
    commit.setCommitString(text)
    QApplication.sendEvent(panel.edit, commit)


def rows(panel: QuickSwitcher) -> list[str]:
    return [panel.list.item(i).text() for i in range(panel.list.count())]


def test_type_ahead_and_enter_start_the_chosen_label(app: App, env: tuple) -> None:
    service = env[0]
    panel = opened(app)
    # Nothing runs; task was used last: task's labels first, then growth's.
    assert rows(panel) == ["Task  月次決算", "Task  経費精算", "Growth  RPA 勉強"]
    QTest.keyClicks(panel.edit, "rpa")
    assert rows(panel) == ["Growth  RPA 勉強"]
    assert panel.chosen() == (Kind.GROWTH, "RPA 勉強")
    QTest.keyClick(panel.edit, Qt.Key.Key_Return)
    running = service.running()
    assert running is not None and (running.kind, running.label) == (Kind.GROWTH, "RPA 勉強")
    assert not panel.isVisible()


def test_japanese_through_the_ime_tab_flips_and_a_new_label(app: App, env: tuple) -> None:
    service = env[0]
    panel = opened(app)
    QApplication.sendEvent(panel.edit, QInputMethodEvent("けいひ", []))
    assert panel.edit.text() == ""  # still composing: the list is not filtered yet
    assert len(rows(panel)) == 3
    ime(panel, "経費")
    assert rows(panel) == ["Task  経費精算"]
    QTest.keyClick(panel.edit, Qt.Key.Key_Tab)
    assert panel.chosen() == (Kind.GROWTH, "経費精算")
    assert "Growth" in panel.heading.text()
    QTest.keyClick(panel.edit, Qt.Key.Key_Tab)
    assert panel.chosen() == (Kind.TASK, "経費精算")
    ime(panel, "の自動化")  # no recent label matches: the text is the label
    assert rows(panel) == []
    QTest.keyClick(panel.edit, Qt.Key.Key_Tab)
    QTest.keyClick(panel.edit, Qt.Key.Key_Enter)
    running = service.running()
    assert running is not None and (running.kind, running.label) == (Kind.GROWTH, "経費の自動化")


def test_arrows_choose_and_bring_their_kind(app: App, env: tuple) -> None:
    panel = opened(app)
    assert panel.chosen() == (Kind.TASK, "")  # nothing typed, nothing chosen
    QTest.keyClick(panel.edit, Qt.Key.Key_Down)
    QTest.keyClick(panel.edit, Qt.Key.Key_Down)
    QTest.keyClick(panel.edit, Qt.Key.Key_Down)
    QTest.keyClick(panel.edit, Qt.Key.Key_Down)  # past the end: stays on the last
    assert panel.chosen() == (Kind.GROWTH, "RPA 勉強")
    QTest.keyClick(panel.edit, Qt.Key.Key_Up)
    assert panel.chosen() == (Kind.TASK, "経費精算")


def test_escape_closes_and_starts_nothing(app: App, env: tuple, qtbot: QtBot) -> None:
    service = env[0]
    panel = opened(app)
    ime(panel, "月次")
    QTest.keyClick(panel.edit, Qt.Key.Key_Escape)
    assert not panel.isVisible()
    assert service.running() is None
    panel = opened(app)  # opened again: fresh, not the old text
    assert panel.edit.text() == ""


def test_while_growth_runs_task_comes_first(app: App, env: tuple) -> None:
    service, clock = env
    service.start(Kind.GROWTH, "RPA 勉強", source=Source.TRAY)
    clock.advance(60)
    panel = opened(app)
    assert rows(panel)[0].startswith("Task")
    QTest.keyClick(panel.edit, Qt.Key.Key_Return)  # nothing chosen: task with no label
    running = service.running()
    assert running is not None and (running.kind, running.label) == (Kind.TASK, "")
