"""The blocks table model: rows, gap rows, roles and flags, across day boundaries."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from editor_support import DAY, at, open_test_service, table_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

from tracker.domain.model import Block, Kind, Source
from tracker.service import TrackerService
from tracker.ui.editor.model import BlockRole, BlocksModel, Column

D = Qt.ItemDataRole


@pytest.fixture
def service(tmp_path: Path) -> Iterator[TrackerService]:
    yield from open_test_service(tmp_path / "tracker.db")


@pytest.fixture
def model(qapp: QApplication, service: TrackerService) -> BlocksModel:
    return BlocksModel(service)


def seed_day(service: TrackerService) -> list[Block]:
    return [
        service.add_block(Kind.TASK, at(9), at(10, 30), "月次決算"),
        service.add_block(Kind.GROWTH, at(10, 30), at(11, 15), "RPA 勉強", "UiPath の\n基礎"),
        service.add_block(Kind.TASK, at(12), at(14), "請求書チェック"),
    ]


def test_blocks_and_gaps_in_time_order(service: TrackerService, model: BlocksModel) -> None:
    seed_day(service)
    model.load(DAY)
    assert table_text(model) == [
        ["09:00", "10:30", "1:30", "Task", "月次決算", ""],
        ["10:30", "11:15", "0:45", "Growth", "RPA 勉強", "UiPath の ⏎ 基礎"],
        ["11:15", "12:00", "gap 0:45", "", "", ""],
        ["12:00", "14:00", "2:00", "Task", "請求書チェック", ""],
        ["14:00", "18:00", "gap 4:00", "", "", ""],  # today, nothing runs: untracked until now
    ]


def test_no_trailing_gap_while_a_block_runs_or_on_past_days(
    service: TrackerService,
    model: BlocksModel,
) -> None:
    seed_day(service)
    service.start(Kind.TASK, "経費精算", at(16), source=Source.TRAY)
    model.load(DAY)
    assert table_text(model)[-2:] == [
        ["14:00", "16:00", "gap 2:00", "", "", ""],
        ["16:00", "running", "2:00", "Task", "経費精算", ""],
    ]
    service.add_block(Kind.TASK, at(9, day=27), at(10, day=27))
    model.load(DAY - dt.timedelta(days=1))
    assert table_text(model) == [["09:00", "10:00", "1:00", "Task", "", ""]]


def test_gaps_under_a_minute_are_not_rows(service: TrackerService, model: BlocksModel) -> None:
    service.add_block(Kind.TASK, at(9), at(10, 0) - 30)
    service.add_block(Kind.TASK, at(10), at(11))
    service.add_block(Kind.TASK, at(11, 1), at(12))
    model.load(DAY)
    assert [r[2] for r in table_text(model)][:4] == ["0:59", "1:00", "gap 0:01", "0:59"]


def test_display_and_edit_roles(service: TrackerService, model: BlocksModel) -> None:
    blocks = seed_day(service)
    model.load(DAY)
    growth = model.index(1, Column.START).siblingAtColumn
    assert growth(Column.START).data(D.EditRole) == "10:30"  # the editor opens with it
    assert growth(Column.END).data(D.EditRole) == "11:15"
    assert growth(Column.KIND).data(D.EditRole) == "growth"
    assert growth(Column.LABEL).data(D.EditRole) == "RPA 勉強"
    assert growth(Column.NOTE).data(D.EditRole) == "UiPath の\n基礎"
    assert growth(Column.NOTE).data(D.ToolTipRole) == "UiPath の\n基礎"
    assert growth(Column.KIND).data(D.DecorationRole) == QColor("#E69F00")
    assert growth(Column.LABEL).data(BlockRole) == blocks[1]
    assert model.index(2, Column.LABEL).data(BlockRole) is None


def test_gap_rows_are_grey_italic_and_not_editable(
    service: TrackerService,
    model: BlocksModel,
) -> None:
    seed_day(service)
    model.load(DAY)
    gap, block = 2, 3
    for column in Column:
        gap_cell = model.index(gap, column)
        assert gap_cell.data(D.ForegroundRole) == QColor("#6B6B6B")
        font = gap_cell.data(D.FontRole)
        assert isinstance(font, QFont) and font.italic()
        assert not gap_cell.flags() & Qt.ItemFlag.ItemIsEditable
        assert gap_cell.flags() & Qt.ItemFlag.ItemIsSelectable
        assert model.index(block, column).data(D.ForegroundRole) is None
        editable = bool(model.index(block, column).flags() & Qt.ItemFlag.ItemIsEditable)
        assert editable == (column is not Column.DURATION)
    assert not model.setData(model.index(gap, Column.LABEL), "x")


def test_the_running_block_ends_running_and_its_end_is_not_editable(
    service: TrackerService,
    model: BlocksModel,
) -> None:
    service.start(Kind.GROWTH, "勉強会", at(17), source=Source.TRAY)
    model.load(DAY)
    end = model.index(0, Column.END)
    assert end.data() == "running"
    assert end.data(D.EditRole) is None
    assert not end.flags() & Qt.ItemFlag.ItemIsEditable
    assert end.data(D.FontRole).bold()
    for column in (Column.START, Column.KIND, Column.LABEL, Column.NOTE):
        assert model.index(0, column).flags() & Qt.ItemFlag.ItemIsEditable


def test_a_block_across_the_day_start_shows_on_both_days(
    service: TrackerService,
    model: BlocksModel,
) -> None:
    """Day start 04:00: 03:00–05:00 on the 28th is one hour of the 27th and one of the
    28th. It is listed whole on both days, its times dated where the time alone would
    mislead, and its duration says how much counts to the shown day."""
    service.add_block(Kind.TASK, at(22, day=27), at(23, day=27), "締め作業")
    night = service.add_block(Kind.TASK, at(3), at(5), "夜間バッチ確認")
    service.add_block(Kind.GROWTH, at(9), at(10), "RPA 勉強")
    model.load(DAY - dt.timedelta(days=1))
    assert table_text(model) == [
        ["22:00", "23:00", "1:00", "Task", "締め作業", ""],
        ["23:00", "11-28 03:00", "gap 4:00", "", "", ""],
        ["11-28 03:00", "11-28 05:00", "1:00 of 2:00", "Task", "夜間バッチ確認", ""],
    ]
    assert model.index(2, Column.START).data(D.EditRole) == "11-28 03:00"  # opens as shown
    assert model.index(0, Column.START).data(D.EditRole) == "22:00"
    model.load(DAY)
    assert table_text(model)[:3] == [
        ["11-28 03:00", "05:00", "1:00 of 2:00", "Task", "夜間バッチ確認", ""],
        ["05:00", "09:00", "gap 4:00", "", "", ""],
        ["09:00", "10:00", "1:00", "Growth", "RPA 勉強", ""],
    ]
    assert "Only the part" in model.index(0, Column.DURATION).data(D.ToolTipRole)
    assert model.index(0, Column.LABEL).data(BlockRole) == night
    summary = service.day_summaries(DAY, DAY)[0]
    assert (summary.task_s, summary.growth_s) == (3600, 3600)  # the split the rows show


def test_a_block_across_midnight_shows_the_date_of_its_end(
    service: TrackerService,
    model: BlocksModel,
) -> None:
    service.add_block(Kind.TASK, at(23, 30, day=27), at(0, 30, day=28), "月末処理")
    model.load(DAY - dt.timedelta(days=1))
    assert table_text(model) == [["23:30", "11-28 00:30", "1:00", "Task", "月末処理", ""]]
    assert model.index(0, Column.END).data(D.EditRole) == "11-28 00:30"


def test_a_typed_time_is_read_with_the_shown_day(
    service: TrackerService, model: BlocksModel
) -> None:
    """The cells' rules are the CLI's TIME, relative to the shown tracking day."""
    model.load(DAY - dt.timedelta(days=1))
    assert model.typed_instant("10:45") == at(10, 45, day=27)
    assert model.typed_instant("0130") == at(1, 30, day=28)  # the night after the 27th
    assert model.typed_instant("11-28 03:00") == at(3, day=28)
    assert model.typed_instant("１１－２６　２３．１０") == at(23, 10, day=26)
