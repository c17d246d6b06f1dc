"""The Edit blocks window: each operation, its undo and redo, checked against the database
(ids included); refused edits change nothing and say which block they collide with."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from editor_support import DAY, at, db_blocks, open_test_service, table_text
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import (
    QApplication,
    QDateTimeEdit,
    QLineEdit,
    QStyleOptionViewItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tracker.domain.model import Block, Kind, Source
from tracker.service import TrackerService
from tracker.ui.editor.delegates import TimeDelegate
from tracker.ui.editor.model import Column
from tracker.ui.editor.widgets import SplitDialog
from tracker.ui.editor.window import EditorWindow

# The offscreen plugin cannot propagate size hints; it says so when a window is shown.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def service(tmp_path: Path) -> Iterator[TrackerService]:
    yield from open_test_service(tmp_path / "tracker.db")


@pytest.fixture
def day(service: TrackerService) -> list[Block]:
    return [
        service.add_block(Kind.TASK, at(9), at(10, 30), "月次決算"),
        service.add_block(Kind.GROWTH, at(10, 30), at(11, 15), "RPA 勉強"),
        service.add_block(Kind.TASK, at(12), at(14), "請求書チェック", "A社分"),
    ]


@pytest.fixture
def window(qtbot: QtBot, service: TrackerService, day: list[Block]) -> EditorWindow:
    w = EditorWindow(service)
    qtbot.addWidget(w)
    w.show_day(DAY)
    return w


def wall(hour: int, minute: int, day: int = 28) -> QDateTime:
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), QTimeZone.utc())


def current_editor(window: EditorWindow) -> QWidget | None:
    """The open inline editor (focus is tracked differently when the window is shown)."""
    widget = QApplication.focusWidget()
    return widget if widget not in (None, window.table) else window.table.focusWidget()


def leave_editor(qtbot: QtBot, window: EditorWindow) -> None:
    """Escape from the label editor that Add opens."""
    editor = current_editor(window)
    assert editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.table.editing())


def set_cell(window: EditorWindow, block_id: int, column: Column, value: object) -> bool:
    row = window.model.row_of(block_id)
    assert row is not None
    return window.model.setData(window.model.index(row, column), value)


def undo_redo_round_trip(
    qtbot: QtBot, window: EditorWindow, before: list[Block], after: list[Block]
) -> None:
    with qtbot.waitSignal(window.blocks_changed):
        window.undo_action.trigger()
    assert db_blocks(window.service) == before
    with qtbot.waitSignal(window.blocks_changed):
        window.redo_action.trigger()
    assert db_blocks(window.service) == after


def test_add_fills_the_selected_gap_and_undo_redo_keep_the_id(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    before = db_blocks(window.service)
    window.table.selectRow(2)  # the 11:15–12:00 gap
    with qtbot.waitSignal(window.blocks_changed):
        window.add_action.trigger()
    after = db_blocks(window.service)
    added = [b for b in after if b not in before]
    assert [(b.kind, b.started_at, b.ended_at) for b in added] == [(Kind.TASK, at(11, 15), at(12))]
    assert window.table.editing()  # straight into the label: type it, press Enter
    assert window.selected_ids() == [added[0].id]
    leave_editor(qtbot, window)
    undo_redo_round_trip(qtbot, window, before, after)
    assert window.stack.undoText() == "Add block"


def test_add_without_a_gap_takes_the_hour_after_the_last_block(
    qtbot: QtBot, window: EditorWindow, service: TrackerService
) -> None:
    window.table.selectRow(0)
    window.add_action.trigger()
    leave_editor(qtbot, window)
    assert db_blocks(service)[-1].started_at == at(14)
    assert db_blocks(service)[-1].ended_at == at(15)
    service.clock.set(at(15, 20))  # type: ignore[attr-defined]
    window.table.selectRow(0)
    window.add_action.trigger()
    assert (db_blocks(service)[-1].started_at, db_blocks(service)[-1].ended_at) == (
        at(15),
        at(15, 20),  # clipped to now
    )


def test_add_when_the_last_block_runs_says_to_pick_a_gap(
    qtbot: QtBot, window: EditorWindow, service: TrackerService
) -> None:
    service.start(Kind.TASK, "", at(17))
    window.refresh()
    before = db_blocks(service)
    window.table.selectRow(0)
    window.add_action.trigger()
    assert "Select a gap" in window.messages.text()
    assert db_blocks(service) == before


def test_delete_and_its_undo_restore_the_same_ids(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    before = db_blocks(window.service)
    window.select_ids([day[0].id, day[2].id])
    with qtbot.waitSignal(window.blocks_changed):
        window.delete_action.trigger()
    after = db_blocks(window.service)
    assert after == [day[1]]
    undo_redo_round_trip(qtbot, window, before, after)
    window.undo_action.trigger()
    assert window.selected_ids() == [day[0].id, day[2].id]


def test_split_at_a_time_asked_in_a_dialog(
    qtbot: QtBot, window: EditorWindow, day: list[Block], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[int, int]] = []

    def ask(block: Block, end: int, tz: object, parent: object = None, day: object = None) -> int:
        asked.append((block.id, end))
        assert day == (DAY, 4)  # the shown tracking day and the day start
        return at(13)

    monkeypatch.setattr(SplitDialog, "ask", ask)
    before = db_blocks(window.service)
    window.select_ids([day[2].id])
    window.split_action.trigger()
    assert asked == [(day[2].id, at(14))]
    after = db_blocks(window.service)
    assert [(b.id, b.started_at, b.ended_at) for b in after[2:]] == [
        (day[2].id, at(12), at(13)),
        (after[3].id, at(13), at(14)),
    ]
    assert after[3].label == "請求書チェック" and after[3].id != day[2].id
    undo_redo_round_trip(qtbot, window, before, after)


def test_split_cancelled_writes_nothing(
    window: EditorWindow, day: list[Block], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SplitDialog, "ask", lambda *a, **k: None)
    before = db_blocks(window.service)
    window.select_ids([day[0].id])
    window.split_action.trigger()
    assert db_blocks(window.service) == before
    assert not window.stack.canUndo()


def test_split_dialog_offers_times_inside_the_block(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    dialog = SplitDialog(day[0], at(10, 30), window.service.tz)
    qtbot.addWidget(dialog)
    assert dialog.instant() == at(9, 45)
    dialog.edit.setDateTime(wall(8, 0))
    assert dialog.instant() == at(9, 1)  # the earliest cut leaves a minute before it


@pytest.fixture
def late(service: TrackerService) -> tuple[EditorWindow, Block]:
    """03:00 on the 29th (still the 28th's tracking day): the 28th shows 23:00–23:30."""
    service.clock.set(at(3, day=29))  # type: ignore[attr-defined]
    block = service.add_block(Kind.TASK, at(23), at(23, 30), "late work")
    window = EditorWindow(service)
    window.show_day(DAY)
    return window, block


def typed(window: EditorWindow, block: Block, column: Column, hour: int, minute: int) -> bool:
    """Type a time into the real editor of the cell, as a user does, and commit it."""
    index = window.model.index(window.model.row_of(block.id) or 0, column)
    delegate = TimeDelegate()
    editor = delegate.createEditor(window.table.viewport(), QStyleOptionViewItem(), index)
    try:
        assert isinstance(editor, QDateTimeEdit)
        delegate.setEditorData(editor, index)
        assert editor.displayFormat() == "HH:mm"  # no date in sight
        editor.setTime(QTime(hour, minute))
        return window.model.setData(index, editor.dateTime())
    finally:
        editor.deleteLater()


@pytest.mark.parametrize(
    ("hour", "minute", "end"), [(1, 0, at(1, day=29)), (0, 0, at(0, day=29)), (23, 45, at(23, 45))]
)
def test_a_typed_end_after_midnight_is_the_nights(
    qtbot: QtBot, late: tuple[EditorWindow, Block], hour: int, minute: int, end: int
) -> None:
    window, block = late
    qtbot.addWidget(window)
    assert typed(window, block, Column.END, hour, minute), window.messages.text()
    [saved] = db_blocks(window.service)
    assert (saved.started_at, saved.ended_at) == (at(23), end)
    assert window.messages.isHidden()


def test_a_typed_start_before_the_day_start_is_the_nights(
    qtbot: QtBot, late: tuple[EditorWindow, Block]
) -> None:
    window, block = late
    qtbot.addWidget(window)
    # 00:10 typed as the start of a 23:00–23:30 block: the night's 00:10 is after its end
    assert not typed(window, block, Column.START, 0, 10)
    assert "end must be after the start" in window.messages.text()
    assert db_blocks(window.service)[0].started_at == at(23)
    assert typed(window, block, Column.START, 22, 10)
    assert db_blocks(window.service)[0].started_at == at(22, 10)


def test_split_dialog_reads_a_time_after_midnight_as_the_nights(
    qtbot: QtBot, service: TrackerService
) -> None:
    service.clock.set(at(3, day=29))  # type: ignore[attr-defined]
    block = service.add_block(Kind.TASK, at(23), at(1, day=29), "late work")
    dialog = SplitDialog(block, at(1, day=29), service.tz, day=(DAY, 4))
    qtbot.addWidget(dialog)
    assert dialog.edit.displayFormat() == "HH:mm"
    assert dialog.instant() == at(0, day=29)  # the middle, rounded to 5 minutes
    dialog.edit.setTime(QTime(0, 30))
    assert dialog.instant() == at(0, 30, day=29)
    dialog.edit.setTime(QTime(23, 20))
    assert dialog.instant() == at(23, 20)
    dialog.edit.setTime(QTime(2, 0))  # after the block: the last minute inside it
    assert dialog.instant() == at(0, 59, day=29)


def test_split_dialog_keeps_the_date_of_a_block_across_the_day_start(
    qtbot: QtBot, service: TrackerService
) -> None:
    block = service.add_block(Kind.TASK, at(3, day=28), at(5, day=28), "early")
    dialog = SplitDialog(block, block.end_or(0), service.tz, day=(DAY, 4))
    qtbot.addWidget(dialog)
    assert dialog.edit.displayFormat() == "HH:mm"  # one calendar date: the editor keeps it
    dialog.edit.setTime(QTime(3, 30))
    assert dialog.instant() == at(3, 30)  # not the 29th's 03:30


def test_merge_neighbours_and_undo(
    qtbot: QtBot, window: EditorWindow, service: TrackerService
) -> None:
    extra = service.add_block(Kind.TASK, at(14), at(15), "", "続き")
    window.refresh()
    before = db_blocks(service)
    window.select_ids([before[2].id, extra.id])
    with qtbot.waitSignal(window.blocks_changed):
        window.merge_action.trigger()
    after = db_blocks(service)
    merged = after[-1]
    assert (merged.id, merged.started_at, merged.ended_at) == (before[2].id, at(12), at(15))
    assert (merged.label, merged.note) == ("請求書チェック", "A社分\n続き")
    undo_redo_round_trip(qtbot, window, before, after)


def test_merge_of_two_kinds_is_refused_with_a_message(
    window: EditorWindow, day: list[Block]
) -> None:
    before = db_blocks(window.service)
    window.select_ids([day[0].id, day[1].id])
    window.merge_action.trigger()
    assert "one kind" in window.messages.text()
    assert db_blocks(window.service) == before
    assert not window.stack.canUndo()


def test_change_kind_of_several_rows(qtbot: QtBot, window: EditorWindow, day: list[Block]) -> None:
    before = db_blocks(window.service)
    window.select_ids([day[0].id, day[1].id, day[2].id])
    with qtbot.waitSignal(window.blocks_changed):
        window.growth_action.trigger()
    after = db_blocks(window.service)
    assert [b.kind for b in after] == [Kind.GROWTH] * 3
    assert [b.id for b in after] == [b.id for b in before]
    undo_redo_round_trip(qtbot, window, before, after)


@pytest.mark.parametrize(
    ("column", "value", "field", "expected"),
    [
        (Column.LABEL, "月次決算（連結）", "label", "月次決算（連結）"),
        (Column.NOTE, "二行目も\nある", "note", "二行目も\nある"),
        (Column.KIND, "growth", "kind", Kind.GROWTH),
        (Column.START, wall(8, 30), "started_at", at(8, 30)),
        (Column.END, wall(10, 15), "ended_at", at(10, 15)),
    ],
)
def test_inline_edits_save_at_once_and_undo_exactly(
    qtbot: QtBot,
    window: EditorWindow,
    day: list[Block],
    column: Column,
    value: object,
    field: str,
    expected: object,
) -> None:
    before = db_blocks(window.service)
    with qtbot.waitSignal(window.blocks_changed):
        assert set_cell(window, day[0].id, column, value)
    after = db_blocks(window.service)
    assert getattr(after[0], field) == expected
    assert after[1:] == before[1:]
    undo_redo_round_trip(qtbot, window, before, after)


def test_an_overlap_is_refused_and_names_the_block(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    before = db_blocks(window.service)
    with qtbot.assertNotEmitted(window.blocks_changed):
        assert not set_cell(window, day[2].id, Column.START, wall(10, 0))
    assert db_blocks(window.service) == before
    message = window.messages.text()
    assert message.startswith("Not saved:")
    assert "another block (Growth “RPA 勉強”, 28 Nov 2026 10:30–11:15)" in message
    assert not window.stack.canUndo()
    assert set_cell(window, day[2].id, Column.START, wall(11, 30))
    assert window.messages.isHidden()  # a good edit clears the message


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        (Column.END, wall(8, 0), "end must be after the start"),
        (Column.START, wall(11, 0), "end must be after the start"),
        (Column.END, wall(19, 0), "future"),
        (Column.LABEL, "二\t行", "control character"),
    ],
)
def test_bad_edits_change_nothing(
    window: EditorWindow, day: list[Block], column: Column, value: object, words: str
) -> None:
    before = db_blocks(window.service)
    assert not set_cell(window, day[0].id, column, value)
    assert db_blocks(window.service) == before
    assert words in window.messages.text()


def test_the_running_block_is_relabelled_and_moved_but_not_ended(
    window: EditorWindow, service: TrackerService
) -> None:
    running = service.start(Kind.TASK, "", at(16), source=Source.TRAY)
    window.refresh()
    row = window.model.row_of(running.id)
    assert row is not None
    assert not window.model.index(row, Column.END).flags() & Qt.ItemFlag.ItemIsEditable
    assert not window.model.setData(window.model.index(row, Column.END), wall(17, 0))
    assert set_cell(window, running.id, Column.LABEL, "経費精算")
    assert set_cell(window, running.id, Column.KIND, "growth")
    assert set_cell(window, running.id, Column.START, wall(15, 0))
    now_running = service.running()
    assert now_running is not None
    assert (now_running.id, now_running.label, now_running.kind, now_running.started_at) == (
        running.id,
        "経費精算",
        Kind.GROWTH,
        at(15),
    )


def test_a_typed_minute_snaps_to_the_neighbours_second(
    window: EditorWindow, service: TrackerService
) -> None:
    early = service.add_block(Kind.TASK, at(7), at(8, 0, second=37), "朝の確認")
    window.refresh()
    first = db_blocks(service)[1]
    assert set_cell(window, first.id, Column.START, wall(8, 0))
    assert service.get_block(first.id).started_at == early.ended_at  # touching, no overlap
    assert set_cell(window, first.id, Column.START, wall(8, 0))  # same minute: no change
    assert window.stack.count() == 1


def test_keyboard_insert_delete_undo_redo(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.table.setFocus()
    before = db_blocks(window.service)
    window.table.selectRow(2)  # the gap
    qtbot.keyClick(window.table, Qt.Key.Key_Insert)
    editor = current_editor(window)
    assert isinstance(editor, QLineEdit)
    editor.insert("電話対応")  # what an input method commits (QTest types ASCII only)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.table.editing())  # the delegate commits queued
    added = [b for b in db_blocks(window.service) if b not in before]
    assert [(b.label, b.started_at) for b in added] == [("電話対応", at(11, 15))]
    window.select_ids([added[0].id])
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert db_blocks(window.service) == before
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [b.label for b in db_blocks(window.service)][2] == "電話対応"
    qtbot.keyClick(window.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert db_blocks(window.service) == before
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert db_blocks(window.service) == before  # label edit and add undone
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.table, Qt.Key.Key_Z, shift_ctrl)
    assert len(db_blocks(window.service)) == 4


def test_undo_after_a_change_elsewhere_refuses_and_clears_the_history(
    qtbot: QtBot, window: EditorWindow, day: list[Block], service: TrackerService
) -> None:
    assert set_cell(window, day[0].id, Column.LABEL, "決算")
    service.edit_block(day[0].id, note="the CLI was here")
    current = db_blocks(service)
    window.undo_action.trigger()
    assert db_blocks(service) == current
    assert "changed elsewhere" in window.messages.text()
    assert not window.stack.canUndo() and not window.stack.canRedo()


def test_label_editor_completes_recent_labels_of_the_kind(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    row = window.model.row_of(day[0].id)
    assert row is not None
    window.table.setCurrentIndex(window.model.index(row, Column.LABEL))
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    editor = current_editor(window)
    assert isinstance(editor, QLineEdit) and editor.text() == "月次決算"
    completer = editor.completer()
    assert completer is not None
    labels = completer.model()
    found = [labels.index(i, 0).data() for i in range(labels.rowCount())]
    assert found == ["請求書チェック", "月次決算"]  # task labels, latest first


def test_refresh_while_editing_waits_for_the_editor(
    qtbot: QtBot, window: EditorWindow, day: list[Block], service: TrackerService
) -> None:
    row = window.model.row_of(day[1].id)
    assert row is not None
    window.table.setCurrentIndex(window.model.index(row, Column.LABEL))
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.table.editing()
    service.add_block(Kind.TASK, at(15), at(16), "外から")
    window.refresh()
    assert window.table.editing()  # not closed under the user's fingers
    qtbot.keyClick(current_editor(window), Qt.Key.Key_Escape)
    assert "外から" in [r[4] for r in table_text(window.model)]


def test_day_picker_moves_between_days(window: EditorWindow, service: TrackerService) -> None:
    service.add_block(Kind.GROWTH, at(9, day=27), at(10, day=27), "前日")
    window.prev_button.click()
    assert window.model.day == DAY - dt.timedelta(days=1)
    assert table_text(window.model) == [["09:00", "10:00", "1:00", "Growth", "前日", ""]]
    assert "Growth 1:00" in window.summary_label.text()
    assert window.next_button.isEnabled()
    window.next_button.click()
    assert window.model.day == DAY and not window.next_button.isEnabled()
    window.date_edit.setDate(QDate(2026, 11, 20))
    assert window.model.day == dt.date(2026, 11, 20)
    assert window.empty_label.isVisibleTo(window)


def test_keys_inside_an_open_editor_belong_to_the_editor(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.table.setFocus()
    before = db_blocks(window.service)
    for column in (Column.KIND, Column.START, Column.LABEL, Column.NOTE):
        window.table.setCurrentIndex(window.model.index(0, column))
        qtbot.keyClick(window.table, Qt.Key.Key_F2)
        editor = current_editor(window)
        assert editor is not None and editor is not window.table
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
        qtbot.keyClick(editor, Qt.Key.Key_Insert)
        assert window.table.editing()
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not window.table.editing())
    assert db_blocks(window.service) == before
    assert window.stack.count() == 0


def test_tab_moves_from_the_day_picker_to_the_table(window: EditorWindow) -> None:
    chain = []
    widget = window.prev_button
    for _ in range(40):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(window):
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is window.prev_button:
            break
    wanted = [window.prev_button, window.date_edit, window.next_button, window.today_button]
    assert [w for w in chain if w in (*wanted, window.table)][:5] == [*wanted, window.table]


def test_an_edit_that_changes_nothing_leaves_no_undo_step(
    window: EditorWindow, day: list[Block]
) -> None:
    assert set_cell(window, day[0].id, Column.LABEL, "  月次決算 ")  # cleaned to the same
    assert set_cell(window, day[0].id, Column.KIND, "task")
    assert window.stack.count() == 0
    assert db_blocks(window.service)[0] == day[0]


def test_esc_cancels_an_open_editor_and_then_closes_the_window(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.table.setFocus()
    for column in (Column.LABEL, Column.START, Column.KIND, Column.NOTE):
        window.table.setCurrentIndex(window.model.index(0, column))
        qtbot.keyClick(window.table, Qt.Key.Key_F2)
        editor = current_editor(window)
        assert editor is not None and window.table.editing()
        if isinstance(editor, QLineEdit):
            editor.setText("変更")
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not window.table.editing())
        assert window.isVisible(), column  # the first Esc only cancels the edit
    assert db_blocks(window.service)[0].label == "月次決算"  # the typed text was dropped
    qtbot.keyClick(window.table, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_ctrl_w_and_the_close_button_close_the_window(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    assert window.close_button.text() == "Close"
    window.close_button.click()
    assert not window.isVisible()


def test_the_key_hint_names_each_key_and_what_it_does(window: EditorWindow) -> None:
    hint = window.hint_label.text()
    assert hint.startswith("Insert: add a block · Delete: delete · ")
    assert "F2: edit" in hint and "Ctrl+Z: undo" in hint
