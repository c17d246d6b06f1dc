"""Fixtures and helpers shared by the Edit blocks window tests (tests/ui/test_editor*.py).

A real database in ``tmp_path``, a fake clock at 18:00 on Saturday 2026-11-28 in Tokyo
(day start 04:00).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from tracker.domain.clock import FakeClock
from tracker.domain.model import Block
from tracker.service import TrackerService
from tracker.store import Store

TZ = ZoneInfo("Asia/Tokyo")
DAY = dt.date(2026, 11, 28)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def at(hour: int, minute: int = 0, day: int = 28, second: int = 0) -> int:
    return int(dt.datetime(2026, 11, day, hour, minute, second, tzinfo=TZ).timestamp())


def open_test_service(path: Path) -> Iterator[TrackerService]:
    """For a ``service`` fixture: yields the service, closes the store afterwards."""
    store = Store(path)
    yield TrackerService(store, FakeClock(at(18)), TZ)
    store.close()


def db_blocks(service: TrackerService) -> list[Block]:
    """What the database holds, read afresh."""
    return service.store.all_blocks()


def cells(model: object, row: int) -> list[str]:
    from tracker.ui.editor.model import BlocksModel

    assert isinstance(model, BlocksModel)
    return [model.index(row, c).data() for c in range(model.columnCount(QModelIndex()))]


def table_text(model: object) -> list[list[str]]:
    from tracker.ui.editor.model import BlocksModel

    assert isinstance(model, BlocksModel)
    return [cells(model, r) for r in range(model.rowCount(QModelIndex()))]


# -- driving the real widgets --------------------------------------------------------------


def show(qtbot: Any, window: Any) -> None:
    """Show and activate the window, focus in the table: keys go where a person's go."""
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.table.setFocus()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_keys(qtbot: Any, text: str) -> None:
    """Each character to whatever has the focus at that moment, as a keyboard does."""
    for char in text:
        qtbot.keyClicks(focused(), char)


def ime_commit(qtbot: Any, text: str) -> None:
    """What a Japanese input method sends: the growing preedit, then the commit."""
    for i in range(1, len(text) + 1):
        QApplication.sendEvent(focused(), QInputMethodEvent(text[:i], []))
    commit = QInputMethodEvent("", [])
    commit.setCommitString(text)
    QApplication.sendEvent(focused(), commit)


def open_cell(qtbot: Any, window: Any, block_id: int, column: int, how: str) -> None:
    """Select a cell and open its editor the way a person does: ``f2``, ``double``
    (double-click) or ``enter``. (Typing straight into the cell is ``type_keys``.)"""
    row = window.model.row_of(block_id)
    assert row is not None
    index = window.model.index(row, column)
    window.table.setCurrentIndex(index)
    if how == "double":
        rect = window.table.visualRect(index)
        qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    else:
        key = Qt.Key.Key_F2 if how == "f2" else Qt.Key.Key_Return
        qtbot.keyClick(window.table, key)
    assert window.table.editing(), how


def type_into_cell(
    qtbot: Any, window: Any, block_id: int, column: int, text: str, how: str = "f2"
) -> None:
    """Type ``text`` into the cell's real editor and press Enter (``how="type"``: straight
    into the selected cell, no key to open it first)."""
    if how == "type":
        row = window.model.row_of(block_id)
        assert row is not None
        window.table.setCurrentIndex(window.model.index(row, column))
        window.table.setFocus()
    else:
        open_cell(qtbot, window, block_id, column, how)
    type_keys(qtbot, text)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.table.editing())


def answer_dialog(
    qtbot: Any, open_it: Callable[[], None], answer: Callable[[QDialog], None]
) -> None:
    """Run ``open_it`` (which shows a modal dialog) and ``answer`` the dialog once it has
    the keyboard; a dialog the keys never reached is rejected after 5 s, so nothing hangs."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if not isinstance(dialog, QDialog) or focus is None or focus.window() is not dialog:
            return  # not shown or not active yet: the next tick looks again
        answerer.stop()
        answer(dialog)

    def give_up() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            dialog.reject()

    answerer = QTimer()
    answerer.setInterval(10)
    answerer.timeout.connect(look)
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(give_up)
    answerer.start()
    watchdog.start(5000)
    try:
        open_it()
    finally:
        answerer.stop()
        watchdog.stop()


def split_with_keys(qtbot: Any, window: Any, *answers: str) -> list[dict[str, str]]:
    """Ctrl+T, then each answer typed over the proposed time and Enter; what the dialog
    showed before each answer is returned. The dialog is cancelled if it is still open."""
    seen: list[dict[str, str]] = []

    def answer(dialog: QDialog) -> None:
        from tracker.ui.editor.dialogs import SplitDialog

        assert isinstance(dialog, SplitDialog)
        for text in answers:
            entry = focused()
            seen.append(
                {
                    "text": dialog.entry.text(),
                    "selected": dialog.entry.selectedText(),
                    "focus": "entry" if entry is dialog.entry else type(entry).__name__,
                    "error": dialog.error.shown(),
                }
            )
            type_keys(qtbot, text)
            qtbot.keyClick(focused(), Qt.Key.Key_Return)
            if not dialog.isVisible():
                return
        seen.append({"error": dialog.error.shown()})
        dialog.reject()

    qtbot.waitUntil(window.isActiveWindow)  # back from an earlier dialog
    answer_dialog(
        qtbot,
        lambda: qtbot.keyClick(window.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier),
        answer,
    )
    return seen


def add_with_keys(qtbot: Any, window: Any, steps: list[tuple[str, str]]) -> dict[str, object]:
    """Insert, then each step: ``("keys", text)`` typed, ``("tab", "")`` or
    ``("backtab", "")``, ``("enter", "")``; the dialog is cancelled if still open."""
    seen: dict[str, object] = {}

    def answer(dialog: QDialog) -> None:
        from tracker.ui.editor.dialogs import AddDialog

        assert isinstance(dialog, AddDialog)
        seen["start"], seen["end"] = dialog.start.text(), dialog.end.text()
        seen["focus"] = "label" if focused() is dialog.label else type(focused()).__name__
        for step, text in steps:
            if step == "keys":
                type_keys(qtbot, text)
            elif step == "ime":
                ime_commit(qtbot, text)
            elif step == "select-all":
                qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            else:
                keys = {
                    "tab": Qt.Key.Key_Tab,
                    "backtab": Qt.Key.Key_Backtab,
                    "escape": Qt.Key.Key_Escape,
                    "enter": Qt.Key.Key_Return,
                }
                qtbot.keyClick(focused(), keys[step])
            if not dialog.isVisible():
                return
        seen["error"] = dialog.error.shown()
        dialog.reject()

    qtbot.waitUntil(window.isActiveWindow)  # back from an earlier dialog
    answer_dialog(qtbot, lambda: qtbot.keyClick(window.table, Qt.Key.Key_Insert), answer)
    return seen
