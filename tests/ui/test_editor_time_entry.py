"""Typing times into the Edit blocks window, as a person does: into the editor the view
really opens (F2, double-click, Enter, or typing straight into a selected cell), into the
*Split at…* and *Add block* dialogs' own fields. What is typed is what is saved; what
cannot be used is explained and changes nothing."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from editor_support import (
    DAY,
    TZ,
    add_with_keys,
    at,
    db_blocks,
    focused,
    ime_commit,
    open_cell,
    open_test_service,
    show,
    split_with_keys,
    type_into_cell,
    type_keys,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from tracker.domain.model import Block, Kind, Source
from tracker.service import TrackerService
from tracker.ui.editor.dialogs import SplitDialog
from tracker.ui.editor.model import Column
from tracker.ui.editor.window import EditorWindow
from tracker.ui.timeentry import TimeEntry

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

HOW = ["f2", "double", "enter", "type"]


@pytest.fixture
def service(tmp_path: Path) -> Iterator[TrackerService]:
    yield from open_test_service(tmp_path / "tracker.db")


@pytest.fixture
def day(service: TrackerService) -> list[Block]:
    return [
        service.add_block(Kind.TASK, at(9), at(10, 30), "月次決算"),
        service.add_block(Kind.GROWTH, at(11), at(11, 15), "RPA 勉強"),
        service.add_block(Kind.TASK, at(12), at(14), "請求書チェック", "A社分"),
    ]


@pytest.fixture
def window(qtbot: QtBot, service: TrackerService, day: list[Block]) -> EditorWindow:
    w = EditorWindow(service)
    qtbot.addWidget(w)
    w.show_day(DAY)
    show(qtbot, w)
    return w


def cell(window: EditorWindow, block: Block, column: Column) -> str:
    row = window.model.row_of(block.id)
    assert row is not None
    return str(window.model.index(row, column).data())


# -- the cells ------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["f2", "double", "enter"])
def test_a_time_cell_opens_with_its_own_value_selected(
    qtbot: QtBot, window: EditorWindow, day: list[Block], how: str
) -> None:
    open_cell(qtbot, window, day[1].id, Column.START, how)
    editor = focused()
    assert isinstance(editor, TimeEntry)
    assert (editor.text(), editor.selectedText()) == ("11:00", "11:00")


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize(
    ("text", "column", "field", "expected"),
    [
        ("10:45", Column.START, "started_at", at(10, 45)),
        ("1045", Column.START, "started_at", at(10, 45)),
        ("10.45", Column.START, "started_at", at(10, 45)),
        ("9:05", Column.END, "ended_at", None),  # before the start: refused (next test)
        ("11:40", Column.END, "ended_at", at(11, 40)),
    ],
)
def test_what_is_typed_is_what_is_saved(
    qtbot: QtBot,
    window: EditorWindow,
    day: list[Block],
    how: str,
    text: str,
    column: Column,
    field: str,
    expected: int | None,
) -> None:
    type_into_cell(qtbot, window, day[1].id, column, text, how)
    saved = window.service.get_block(day[1].id)
    if expected is None:
        assert saved == day[1]
        assert "end must be after the start" in window.messages.text()
        return
    assert getattr(saved, field) == expected, window.messages.text()
    assert cell(window, day[1], column) == dt.datetime.fromtimestamp(expected, TZ).strftime("%H:%M")
    assert window.messages.isHidden()
    assert window.stack.undoText() in ("Move start", "Move end")


def test_nine_oh_five_and_full_width_digits(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    type_into_cell(qtbot, window, day[0].id, Column.START, "9:05", "type")
    assert window.service.get_block(day[0].id).started_at == at(9, 5)
    # a Japanese input method: the preedit opens the cell, the commit fills it
    row = window.model.row_of(day[2].id)
    assert row is not None
    window.table.setCurrentIndex(window.model.index(row, Column.START))
    ime_commit(qtbot, "１１：４５")
    editor = focused()
    assert isinstance(editor, TimeEntry) and editor.text() == "１１：４５"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.table.editing())
    assert window.service.get_block(day[2].id).started_at == at(11, 45)
    # full-width digits typed with the input method off (direct input) start it too
    window.table.setCurrentIndex(window.model.index(row, Column.END))
    for char in "１３３０":
        key = QKeyEvent(
            QKeyEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char
        )
        QApplication.sendEvent(focused(), key)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.table.editing())
    assert window.service.get_block(day[2].id).ended_at == at(13, 30)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("25:00", "'25:00' is not a valid time"),
        ("abc", "cannot read the time 'abc'"),
        ("10.5", "cannot read the time '10.5'"),
        ("", "cannot read the time ''"),
        ("10:20", "another block (Task “月次決算”, 28 Nov 2026 09:00–10:30)"),
        ("19:00", "the end must be after the start"),
    ],
)
def test_an_unusable_time_is_explained_and_the_cell_keeps_its_value(
    qtbot: QtBot, window: EditorWindow, day: list[Block], text: str, words: str
) -> None:
    before = db_blocks(window.service)
    open_cell(qtbot, window, day[1].id, Column.START, "f2")
    qtbot.keyClick(focused(), Qt.Key.Key_Delete)  # an empty field for "", else replaced
    type_keys(qtbot, text)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.table.editing())
    assert db_blocks(window.service) == before
    assert window.messages.text().startswith("Not saved:")
    assert words in window.messages.text()
    assert cell(window, day[1], Column.START) == "11:00"
    assert not window.stack.canUndo()


def test_a_pasted_page_is_cut_short_and_refused(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    open_cell(qtbot, window, day[1].id, Column.START, "f2")
    editor = focused()
    assert isinstance(editor, TimeEntry)
    editor.insert("10:45 " * 2000)  # what a paste does
    assert len(editor.text()) == 40
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.table.editing())
    assert window.service.get_block(day[1].id) == day[1]
    assert len(window.messages.text()) < 200


def test_typing_letters_into_a_selected_cell_does_not_open_it(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    row = window.model.row_of(day[1].id)
    assert row is not None
    window.table.setCurrentIndex(window.model.index(row, Column.START))
    qtbot.keyClicks(window.table, "x")
    assert not window.table.editing()
    window.table.setCurrentIndex(window.model.index(row, Column.DURATION))
    qtbot.keyClicks(window.table, "1")  # the duration is not editable
    assert not window.table.editing()


def test_the_minute_of_a_neighbour_snaps_to_its_second(
    qtbot: QtBot, window: EditorWindow, service: TrackerService, day: list[Block]
) -> None:
    early = service.add_block(Kind.TASK, at(7), at(8, 0, second=37), "朝の確認")
    window.refresh()
    type_into_cell(qtbot, window, day[0].id, Column.START, "0800", "type")
    assert service.get_block(day[0].id).started_at == early.ended_at  # touching, no overlap
    type_into_cell(qtbot, window, day[0].id, Column.START, "08:00")  # same minute: no change
    assert window.stack.count() == 1


@pytest.fixture
def late(qtbot: QtBot, service: TrackerService) -> tuple[EditorWindow, Block]:
    """03:00 on the 29th (still the 28th's tracking day): 23:00–00:30 across midnight."""
    service.clock.set(at(3, day=29))  # type: ignore[attr-defined]
    block = service.add_block(Kind.TASK, at(23), at(0, 30, day=29), "late work")
    window = EditorWindow(service)
    qtbot.addWidget(window)
    window.show_day(DAY)
    show(qtbot, window)
    return window, block


def test_across_midnight_the_date_shows_and_stays(
    qtbot: QtBot, late: tuple[EditorWindow, Block]
) -> None:
    window, block = late
    assert cell(window, block, Column.END) == "11-29 00:30"
    open_cell(qtbot, window, block.id, Column.END, "f2")
    editor = focused()
    assert isinstance(editor, TimeEntry)
    assert (editor.text(), editor.selectedText()) == ("11-29 00:30", "00:30")
    type_keys(qtbot, "0145")  # replaces the time, the date stays
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.table.editing())
    assert window.service.get_block(block.id).ended_at == at(1, 45, day=29)
    # typed straight over the cell: all of it replaced, a time of the shown tracking day
    type_into_cell(qtbot, window, block.id, Column.END, "0010", "type")
    assert window.service.get_block(block.id).ended_at == at(0, 10, day=29)  # the night's
    type_into_cell(qtbot, window, block.id, Column.END, "23:50", "f2")  # 11-29 23:50
    assert "future" in window.messages.text()
    type_into_cell(qtbot, window, block.id, Column.END, "23:50", "type")
    assert window.service.get_block(block.id).ended_at == at(23, 50)
    assert cell(window, block, Column.END) == "23:50"


def test_across_the_day_start_the_date_form_works_the_same(
    qtbot: QtBot, window: EditorWindow, service: TrackerService
) -> None:
    night = service.add_block(Kind.TASK, at(3), at(5), "夜間バッチ確認")
    window.refresh()
    assert cell(window, night, Column.START) == "11-28 03:00"
    type_into_cell(qtbot, window, night.id, Column.START, "0230", "double")
    assert service.get_block(night.id).started_at == at(2, 30)  # the 28th's, as shown
    open_cell(qtbot, window, night.id, Column.START, "f2")
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys(qtbot, "11-28 02:45")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.table.editing())
    assert service.get_block(night.id).started_at == at(2, 45)


def test_a_refused_night_time_names_why(qtbot: QtBot, late: tuple[EditorWindow, Block]) -> None:
    window, block = late
    # 01:10 typed as the start of 23:00–00:30: the night's 01:10 is after its end
    type_into_cell(qtbot, window, block.id, Column.START, "0110", "type")
    assert "end must be after the start" in window.messages.text()
    assert window.service.get_block(block.id).started_at == at(23)
    type_into_cell(qtbot, window, block.id, Column.START, "22:10", "type")
    assert window.service.get_block(block.id).started_at == at(22, 10)


# -- Split at… -------------------------------------------------------------------------------


def test_split_proposes_the_middle_and_cuts_at_exactly_the_typed_minute(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    window.select_ids([day[2].id])
    seen = split_with_keys(qtbot, window, "12:07")
    assert seen == [{"text": "13:00", "selected": "13:00", "focus": "entry", "error": ""}]
    blocks = db_blocks(window.service)
    assert [(b.started_at, b.ended_at) for b in blocks[2:]] == [
        (at(12), at(12, 7)),
        (at(12, 7), at(14)),
    ]
    assert blocks[3].label == "請求書チェック"
    assert window.stack.undoText() == "Split block"


def test_split_refuses_a_time_outside_the_block_and_stays_open(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    before = db_blocks(window.service)
    window.select_ids([day[2].id])
    seen = split_with_keys(qtbot, window, "10:00", "abc", "1400")
    assert "10:00 is not inside the block (Task “請求書チェック”" in seen[1]["error"]
    assert seen[1]["text"] == "10:00" and seen[1]["selected"] == "10:00"  # ready to retype
    assert seen[2]["error"].startswith("cannot read the time 'abc'")
    assert "14:00 is not inside" in seen[3]["error"]  # the end itself is not inside
    assert db_blocks(window.service) == before
    assert not window.stack.canUndo()
    seen = split_with_keys(qtbot, window, "1000", "13.20")
    assert "10:00 is not inside" in seen[1]["error"]
    assert [(b.started_at, b.ended_at) for b in db_blocks(window.service)[2:]] == [
        (at(12), at(13, 20)),
        (at(13, 20), at(14)),
    ]


def test_split_of_the_running_block_proposes_now(
    qtbot: QtBot, window: EditorWindow, service: TrackerService
) -> None:
    running = service.start(Kind.TASK, "経費精算", at(16), source=Source.TRAY)
    service.clock.set(at(17, 42, second=20))  # type: ignore[attr-defined]
    window.refresh()
    window.select_ids([running.id])
    seen = split_with_keys(qtbot, window, "")  # Enter takes the proposal
    assert seen[0]["text"] == "17:42"
    first, second = db_blocks(service)[-2:]
    assert (first.id, first.ended_at) == (running.id, at(17, 42))
    assert (second.started_at, second.ended_at) == (at(17, 42), None)


def test_split_across_midnight_reads_the_nights_time(
    qtbot: QtBot, late: tuple[EditorWindow, Block]
) -> None:
    window, block = late
    window.select_ids([block.id])
    seen = split_with_keys(qtbot, window, "0010")
    assert seen[0]["text"] == "23:45"
    assert [(b.started_at, b.ended_at) for b in db_blocks(window.service)] == [
        (at(23), at(0, 10, day=29)),
        (at(0, 10, day=29), at(0, 30, day=29)),
    ]


def test_split_dialog_labels_the_block_and_its_span(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    dialog = SplitDialog(day[2], at(18), window.service.tz, DAY, 4, lambda at: None)
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(QLineEdit)]
    assert texts == ["13:00"]
    labels = " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert "Split “請求書チェック” (12:00–14:00) at:" in labels


# -- Add block -------------------------------------------------------------------------------


def test_add_starts_in_the_selected_gap_and_saves_the_label(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    before = db_blocks(window.service)
    window.table.selectRow(3)  # the 11:15–12:00 gap
    seen = add_with_keys(qtbot, window, [("ime", "電話対応"), ("enter", "")])
    assert seen == {"start": "11:15", "end": "12:00", "focus": "label"}
    added = [b for b in db_blocks(window.service) if b not in before]
    assert [(b.kind, b.label, b.started_at, b.ended_at) for b in added] == [
        (Kind.TASK, "電話対応", at(11, 15), at(12))
    ]
    assert window.selected_ids() == [added[0].id]
    assert window.stack.undoText() == "Add block"


def test_add_with_typed_times_and_kind(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    before = db_blocks(window.service)
    window.table.selectRow(3)
    steps = [
        ("backtab", ""),  # label → kind
        ("keys", "g"),  # Growth
        ("backtab", ""),  # → end
        ("keys", "1150"),
        ("backtab", ""),  # → start
        ("keys", "11.30"),
        ("enter", ""),
    ]
    add_with_keys(qtbot, window, steps)
    added = [b for b in db_blocks(window.service) if b not in before]
    assert [(b.kind, b.started_at, b.ended_at) for b in added] == [
        (Kind.GROWTH, at(11, 30), at(11, 50))
    ]


def test_add_refuses_an_overlap_inside_the_dialog(
    qtbot: QtBot, window: EditorWindow, day: list[Block]
) -> None:
    before = db_blocks(window.service)
    window.table.selectRow(3)
    steps = [("backtab", ""), ("backtab", ""), ("backtab", ""), ("keys", "11:00"), ("enter", "")]
    seen = add_with_keys(qtbot, window, steps)
    assert "another block (Growth “RPA 勉強”" in str(seen["error"])
    steps = [("backtab", ""), ("backtab", ""), ("keys", "12:60"), ("enter", "")]
    seen = add_with_keys(qtbot, window, steps)
    assert "'12:60' is not a valid time" in str(seen["error"])
    assert db_blocks(window.service) == before
    assert not window.stack.canUndo()


def test_add_after_a_block_ending_mid_minute_touches_it(
    qtbot: QtBot, window: EditorWindow, service: TrackerService, day: list[Block]
) -> None:
    service.edit_block(day[1].id, end=at(11, 15, second=37))
    window.refresh()
    window.table.selectRow(3)  # the gap from 11:15:37
    add_with_keys(qtbot, window, [("keys", "x"), ("enter", "")])
    added = db_blocks(service)[2]
    assert (added.label, added.started_at, added.ended_at) == ("x", at(11, 15, second=37), at(12))
    window.table.selectRow(0)
    add_with_keys(
        qtbot, window, [("backtab", ""), ("backtab", ""), ("keys", "1430"), ("enter", "")]
    )
    assert (db_blocks(service)[-1].started_at, db_blocks(service)[-1].ended_at) == (
        at(14),
        at(14, 30),
    )
