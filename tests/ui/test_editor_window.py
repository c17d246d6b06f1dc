"""The Edit blocks window: each operation, its undo and redo, checked against the database
(ids included); refused edits change nothing and say which block they collide with."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from editor_support import (
    DAY,
    add_with_keys,
    answer_dialog,
    at,
    cells,
    db_blocks,
    open_test_service,
    show,
    split_with_keys,
    table_text,
    type_into_cell,
)
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from tracker.domain.model import Block, Kind, Source
from tracker.service import TrackerService
from tracker.ui.editor.model import Column
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


def current_editor(window: EditorWindow) -> QWidget | None:
    """The open inline editor (focus is tracked differently when the window is shown)."""
    widget = QApplication.focusWidget()
    return widget if widget not in (None, window.table) else window.table.focusWidget()


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
    show(qtbot, window)
    before = db_blocks(window.service)
    window.table.selectRow(2)  # the 11:15–12:00 gap
    with qtbot.waitSignal(window.blocks_changed):
        add_with_keys(qtbot, window, [("enter", "")])  # the gap as it is
    after = db_blocks(window.service)
    added = [b for b in after if b not in before]
    assert [(b.kind, b.started_at, b.ended_at) for b in added] == [(Kind.TASK, at(11, 15), at(12))]
    assert window.selected_ids() == [added[0].id]
    undo_redo_round_trip(qtbot, window, before, after)
    assert window.stack.undoText() == "Add block"


def test_add_without_a_gap_takes_the_hour_after_the_last_block(
    qtbot: QtBot, window: EditorWindow, service: TrackerService
) -> None:
    show(qtbot, window)
    window.table.selectRow(0)
    seen = add_with_keys(qtbot, window, [("enter", "")])
    assert (seen["start"], seen["end"]) == ("14:00", "15:00")
    assert db_blocks(service)[-1].started_at == at(14)
    assert db_blocks(service)[-1].ended_at == at(15)
    service.clock.set(at(15, 20))  # type: ignore[attr-defined]
    window.table.selectRow(0)
    add_with_keys(qtbot, window, [("enter", "")])
    assert (db_blocks(service)[-1].started_at, db_blocks(service)[-1].ended_at) == (
        at(15),
        at(15, 20),  # clipped to now
    )


def test_add_cancelled_writes_nothing(qtbot: QtBot, window: EditorWindow, day: list[Block]) -> None:
    show(qtbot, window)
    before = db_blocks(window.service)
    window.table.selectRow(2)
    add_with_keys(qtbot, window, [("keys", "x"), ("escape", "")])
    assert db_blocks(window.service) == before
    assert not window.stack.canUndo()


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


def test_split_and_its_undo_redo_keep_the_ids(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    show(qtbot, window)
    before = db_blocks(window.service)
    window.select_ids([day[2].id])
    split_with_keys(qtbot, window, "13:00")
    after = db_blocks(window.service)
    assert [(b.id, b.started_at, b.ended_at) for b in after[2:]] == [
        (day[2].id, at(12), at(13)),
        (after[3].id, at(13), at(14)),
    ]
    assert after[3].label == "請求書チェック" and after[3].id != day[2].id
    undo_redo_round_trip(qtbot, window, before, after)


def test_split_cancelled_writes_nothing(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    show(qtbot, window)
    before = db_blocks(window.service)
    window.select_ids([day[0].id])

    def cancel(dialog: QDialog) -> None:
        qtbot.keyClicks(QApplication.focusWidget(), "0930")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)

    answer_dialog(
        qtbot,
        lambda: qtbot.keyClick(window.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier),
        cancel,
    )
    assert db_blocks(window.service) == before
    assert not window.stack.canUndo()


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
        (Column.START, "0830", "started_at", at(8, 30)),
        (Column.END, "10:15", "ended_at", at(10, 15)),
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
        if column in (Column.START, Column.END):  # typed into the cell's own editor
            show(qtbot, window)
            type_into_cell(qtbot, window, day[0].id, column, str(value), "type")
        else:
            assert set_cell(window, day[0].id, column, value)
    after = db_blocks(window.service)
    assert getattr(after[0], field) == expected
    assert after[1:] == before[1:]
    undo_redo_round_trip(qtbot, window, before, after)


def test_an_overlap_is_refused_and_names_the_block(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    show(qtbot, window)
    before = db_blocks(window.service)
    with qtbot.assertNotEmitted(window.blocks_changed):
        type_into_cell(qtbot, window, day[2].id, Column.START, "10:00", "f2")
    assert db_blocks(window.service) == before
    message = window.messages.text()
    assert message.startswith("Not saved:")
    assert "another block (Growth “RPA 勉強”, 28 Nov 2026 10:30–11:15)" in message
    assert not window.stack.canUndo()
    type_into_cell(qtbot, window, day[2].id, Column.START, "11:30", "f2")
    assert window.service.get_block(day[2].id).started_at == at(11, 30)
    assert window.messages.isHidden()  # a good edit clears the message


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        (Column.END, "0800", "end must be after the start"),
        (Column.START, "11:00", "end must be after the start"),
        (Column.END, "19:00", "future"),
        (Column.LABEL, "二\t行", "control character"),
    ],
)
def test_bad_edits_change_nothing(
    qtbot: QtBot, window: EditorWindow, day: list[Block], column: Column, value: str, words: str
) -> None:
    before = db_blocks(window.service)
    if column is Column.LABEL:
        assert not set_cell(window, day[0].id, column, value)  # a tab cannot be typed in
    else:
        show(qtbot, window)
        type_into_cell(qtbot, window, day[0].id, column, value, "type")
    assert db_blocks(window.service) == before
    assert words in window.messages.text()


def test_the_running_block_is_relabelled_and_moved_but_not_ended(
    qtbot: QtBot, window: EditorWindow, service: TrackerService
) -> None:
    running = service.start(Kind.TASK, "", at(16), source=Source.TRAY)
    window.refresh()
    row = window.model.row_of(running.id)
    assert row is not None
    assert not window.model.index(row, Column.END).flags() & Qt.ItemFlag.ItemIsEditable
    assert not window.model.setData(window.model.index(row, Column.END), "17:00")
    show(qtbot, window)
    window.table.setCurrentIndex(window.model.index(row, Column.END))
    qtbot.keyClicks(window.table, "1")
    assert not window.table.editing()  # typing does not open it either
    assert set_cell(window, running.id, Column.LABEL, "経費精算")
    assert set_cell(window, running.id, Column.KIND, "growth")
    type_into_cell(qtbot, window, running.id, Column.START, "15:00")
    now_running = service.running()
    assert now_running is not None
    assert (now_running.id, now_running.label, now_running.kind, now_running.started_at) == (
        running.id,
        "経費精算",
        Kind.GROWTH,
        at(15),
    )


def test_keyboard_insert_delete_undo_redo(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.table.setFocus()
    before = db_blocks(window.service)
    window.table.selectRow(2)  # the gap
    # Insert opens Add block on the gap, the label has the keyboard: name it, Enter
    add_with_keys(qtbot, window, [("ime", "電話対応"), ("enter", "")])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table)
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
    assert db_blocks(window.service) == before  # delete and add undone
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


def test_a_duration_across_the_day_start_is_not_cut_in_japanese(
    qtbot: QtBot, qapp: QApplication, service: TrackerService
) -> None:
    """ "0:40（全体 1:30）" used to show as "0:40（全体 1:3…" in its 110 px column."""
    from i18n_support import japanese_ui
    from PySide6.QtWidgets import QStyleOptionViewItem

    service.add_block(Kind.TASK, at(3, 20), at(4, 50), "夜間バッチ確認")  # across 04:00
    with japanese_ui(qapp):
        window = EditorWindow(service)
        qtbot.addWidget(window)
        window.resize(1000, 500)
        window.show()
        window.show_day(DAY)
        model, table = window.model, window.table
        row = next(r for r in range(model.rowCount()) if "全体" in str(cells(model, r)))
        index = model.index(row, Column.DURATION)
        assert index.data() == "0:50（全体 1:30）"  # 04:00–04:50 of 03:20–04:50
        option = QStyleOptionViewItem()
        option.initFrom(table)
        option.font = table.font()
        needed = table.itemDelegateForIndex(index).sizeHint(option, index).width()
        assert table.columnWidth(Column.DURATION) >= needed > 110
