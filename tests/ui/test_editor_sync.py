"""The Edit blocks window on a block another PC recorded (§16.4): typed into its real cell,
saved as this PC's edit, carried to the PC that recorded it by the sync folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from editor_support import DAY, TZ, at, show, type_into_cell
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind
from tracker.service import TrackerService
from tracker.store import Store
from tracker.ui.editor.model import Column
from tracker.ui.editor.window import EditorWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def pcs(tmp_path: Path) -> Iterator[dict[str, TrackerService]]:
    clock = FakeClock(at(18))
    out: dict[str, TrackerService] = {}
    for name in ("office", "laptop"):
        (tmp_path / name).mkdir()
        svc = TrackerService(Store(tmp_path / f"{name}.db"), clock, TZ)
        svc.set_setting("sync_folder", str(tmp_path / name))
        svc.set_setting("device_name", name)
        out[name] = svc
    yield out
    for svc in out.values():
        svc.store.close()


def exchange(pcs: dict[str, TrackerService]) -> None:
    """Both sync, the folders are copied into each other (as a sync service would), again."""
    for svc in pcs.values():
        svc.sync()
    folders = [svc.sync_folder() for svc in pcs.values()]
    for a in folders:
        for b in folders:
            if a != b and a is not None and b is not None:
                shutil.copytree(a, b, dirs_exist_ok=True)
    for svc in pcs.values():
        svc.sync()


def test_a_label_typed_into_a_remote_block_reaches_the_pc_that_recorded_it(
    qtbot: QtBot, pcs: dict[str, TrackerService]
) -> None:
    office, laptop = pcs["office"], pcs["laptop"]
    mine = office.add_block(Kind.TASK, at(9), at(10), "月次決算")
    exchange(pcs)
    window = EditorWindow(laptop)
    qtbot.addWidget(window)
    window.show_day(DAY)
    [remote] = laptop.blocks(DAY, DAY)
    assert remote.id < 0
    show(qtbot, window)
    with qtbot.waitSignal(window.blocks_changed):
        type_into_cell(qtbot, window, remote.id, Column.LABEL, "invoices", "f2")
    assert laptop.get_block(remote.id).label == "invoices"
    with qtbot.waitSignal(window.blocks_changed):
        type_into_cell(qtbot, window, remote.id, Column.START, "9:15", "f2")
    assert laptop.get_block(remote.id).started_at == at(9, 15)
    exchange(pcs)
    got = office.get_block(mine.id)
    assert (got.label, got.started_at) == ("invoices", at(9, 15))
    # undo in the window is an edit too, and travels the same way
    with qtbot.waitSignal(window.blocks_changed):
        window.undo_action.trigger()
    assert laptop.get_block(remote.id).started_at == at(9)
    exchange(pcs)
    assert office.get_block(mine.id).started_at == at(9)


def test_delete_and_undo_of_a_remote_block_with_keys_and_a_refused_merge(
    qtbot: QtBot, pcs: dict[str, TrackerService]
) -> None:
    office, laptop = pcs["office"], pcs["laptop"]
    office.add_block(Kind.TASK, at(9), at(10), "mail")
    laptop.add_block(Kind.TASK, at(10), at(11), "calls")
    exchange(pcs)
    window = EditorWindow(laptop)
    qtbot.addWidget(window)
    window.show_day(DAY)
    show(qtbot, window)
    remote = next(b for b in laptop.blocks(DAY, DAY) if b.id < 0)
    own = next(b for b in laptop.blocks(DAY, DAY) if b.id > 0)
    # blocks of two PCs are not merged: the window says why, nothing changes
    window.select_ids([remote.id, own.id])
    window.merge_action.trigger()
    assert "different PCs" in window.messages.text()
    assert not window.stack.canUndo()
    window.select_ids([remote.id])
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert [b.label for b in laptop.blocks(DAY, DAY)] == ["calls"]
    exchange(pcs)
    assert [b.label for b in office.blocks(DAY, DAY)] == ["calls"]  # gone on the office too
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [b.label for b in laptop.blocks(DAY, DAY)] == ["mail", "calls"]
    assert laptop.get_block(remote.id).label == "mail"  # the window keeps its id
    exchange(pcs)
    # added again as a new block: the office has it back, as another PC's block
    assert sorted((b.label, b.id < 0) for b in office.blocks(DAY, DAY)) == [
        ("calls", True),
        ("mail", True),
    ]
