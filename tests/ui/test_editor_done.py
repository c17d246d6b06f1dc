"""Issue 5's "done when": a realistic messy day corrected with the keyboard alone.

The day as it really was (now 13:40): 月次決算 (task) from 08:30, RPA 勉強 (growth)
10:00–11:00, 請求書チェック (task) from 11:00, lunch 12:00–13:00, back on 請求書チェック
since 13:00. What the tray recorded: the start clicked late (09:00), RPA 勉強 as a task,
and the block left running through lunch. About twenty key presses fix it, and the ratio
is right afterwards.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from editor_support import DAY, at, db_blocks, open_test_service
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from tracker.domain.model import Kind, Source
from tracker.service import TrackerService
from tracker.ui.editor.window import EditorWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def service(tmp_path: Path) -> Iterator[TrackerService]:
    yield from open_test_service(tmp_path / "tracker.db")


def test_fix_a_messy_day_with_the_keyboard(qtbot: QtBot, service: TrackerService) -> None:
    clock = service.clock
    clock.set(at(9))  # type: ignore[attr-defined]
    service.start(Kind.TASK, "月次決算", source=Source.TRAY)  # clicked half an hour late
    clock.set(at(10))  # type: ignore[attr-defined]
    service.start(Kind.TASK, "RPA 勉強", source=Source.TRAY)  # the wrong kind
    clock.set(at(11))  # type: ignore[attr-defined]
    service.start(Kind.TASK, "請求書チェック", source=Source.TRAY)  # runs through lunch
    clock.set(at(13, 40))  # type: ignore[attr-defined]
    before = service.day_summaries(DAY, DAY)[0]
    assert (before.task_s, before.growth_s, before.ratio) == (4 * 3600 + 40 * 60, 0, 0.0)

    window = EditorWindow(service)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    table = window.table
    table.setFocus()
    keys = 0

    def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        nonlocal keys
        keys += 1
        qtbot.keyClick(QApplication.focusWidget() or table, k, modifier)

    def type_time(text: str) -> None:
        nonlocal keys
        keys += len(text)
        qtbot.keyClicks(QApplication.focusWidget() or table, text)

    def commit() -> None:
        key(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not table.editing())

    # 1. the forgotten start: first row, start cell, F2, 08:30, Enter
    key(Qt.Key.Key_Home, CTRL)
    key(Qt.Key.Key_F2)
    type_time("0830")
    commit()
    # 2. the wrong kind: next row, Ctrl+2 (growth)
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_2, CTRL)
    # 3. lunch: split the running block at 12:00 (the dialog takes the keyboard) ...
    key(Qt.Key.Key_Down)

    def answer_split() -> None:
        dialog = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if not isinstance(dialog, QDialog) or focus is None or focus.window() is not dialog:
            return  # not shown or not active yet: the next tick looks again
        answerer.stop()
        qtbot.keyClicks(focus, "1200")
        qtbot.keyClick(focus, Qt.Key.Key_Return)

    def give_up() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            dialog.reject()  # never hang on a dialog the keys did not reach

    # Timer objects, not fire-and-forget single shots: both are stopped when the test
    # ends, so neither can fire inside a later test.
    answerer = QTimer()
    answerer.setInterval(10)
    answerer.timeout.connect(answer_split)
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(give_up)
    answerer.start()
    watchdog.start(5000)
    try:
        key(Qt.Key.Key_T, CTRL)
        keys += 5
        qtbot.waitUntil(lambda: QApplication.focusWidget() is table)  # the dialog has closed
    finally:
        answerer.stop()
        watchdog.stop()
    # ... and start its running part when work resumed: next row, F2, 13:00, Enter
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_F2)
    type_time("1300")
    commit()

    blocks = [(b.kind, b.label, b.started_at, b.ended_at) for b in db_blocks(service)]
    assert blocks == [
        (Kind.TASK, "月次決算", at(8, 30), at(10)),
        (Kind.GROWTH, "RPA 勉強", at(10), at(11)),
        (Kind.TASK, "請求書チェック", at(11), at(12)),
        (Kind.TASK, "請求書チェック", at(13), None),  # still running
    ]
    after = service.day_summaries(DAY, DAY)[0]
    assert (after.task_s, after.growth_s) == (3 * 3600 + 10 * 60, 3600)
    assert after.ratio == pytest.approx(0.24)
    assert "growth ratio 24%" in window.summary_label.text()
    gaps = [window.model.index(i, 2).data() for i, r in enumerate(window.model.rows) if r.is_gap]
    assert gaps == ["gap 1:00"]  # lunch shows as a gap
    assert keys <= 25  # well under a minute of typing
