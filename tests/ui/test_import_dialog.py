"""The Import CSV dialog: check a file, see what it adds, confirm; bad rows in a list.

Real files, a real database, the real buttons and keys; results read back through the
real CLI (``run_cli``) on the same database file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tracker.domain.model import Kind
from tracker.service import TrackerService
from tracker.ui.import_dialog import ImportDialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # offscreen

TZ = ZoneInfo("Asia/Tokyo")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HEADER = "id,date,start,end,duration_min,kind,label,note\r\n"
GOOD = (
    HEADER
    + ",2023-11-13,2023-11-13T09:00:00+09:00,2023-11-13T10:00:00+09:00,60.00,task,月次決算,\r\n"
    + ",2023-11-13,2023-11-13T10:00:00+09:00,2023-11-13T11:30:00+09:00,90.00,growth,RPA 勉強,\r\n"
    + ",2023-11-14,2023-11-14T09:00:00+09:00,2023-11-14T09:45:00+09:00,45.00,task,経費精算,\r\n"
    + ",2023-11-14,2023-11-14T13:00:00+09:00,2023-11-14T14:00:00+09:00,60.00,growth,IFRS 勉強,"
    + "研修\r\n"
)
BAD = (
    HEADER
    + ",2023-11-13,2023-11-13T09:00:00+09:00,2023-11-13T10:00:00+09:00,60.00,task,月次決算,\r\n"
    + ",2023-11-13,yesterday,2023-11-13T11:30:00+09:00,90.00,growth,RPA 勉強,\r\n"
    + ",2023-11-14,2023-11-14T09:00:00+09:00,2023-11-14T09:45:00+09:00,45.00,chore,経費精算,\r\n"
    + ",2023-11-14,2023-11-14T13:00:00+09:00,2023-11-14T12:00:00+09:00,60.00,growth,x,\r\n"
)


def at(day: int, hour: int, minute: int = 0) -> int:
    return int(dt.datetime(2023, 11, day, hour, minute, tzinfo=TZ).timestamp())


@pytest.fixture
def dialog(
    qtbot: QtBot, service: TrackerService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ImportDialog]:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(ImportDialog, "_settings", staticmethod(lambda: store))
    widget = ImportDialog(service)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    if widget.job is not None:  # a test that failed mid-job: let the thread end
        widget.job.wait(10_000)


def write(tmp_path: Path, text: str, name: str = "in.csv", encoding: str = "utf-8-sig") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def check_with_browse(
    qtbot: QtBot, dialog: ImportDialog, path: Path, monkeypatch: pytest.MonkeyPatch
) -> bool:
    """Pick ``path`` in the (replaced) file chooser; the check starts by itself."""
    monkeypatch.setattr(ImportDialog, "ask_path", lambda self, start: str(path))
    with qtbot.waitSignal(dialog.check_finished, timeout=30_000) as checked:
        click(qtbot, dialog.browse_button)
    return bool(checked.args[0])


def press_import(qtbot: QtBot, dialog: ImportDialog) -> bool:
    with qtbot.waitSignal(dialog.import_finished, timeout=30_000) as done:
        click(qtbot, dialog.import_button)
    return bool(done.args[0])


def listed(run_cli, db: Path) -> list[tuple[str, str, str]]:
    rc, out, err = run_cli("list", "--from", "2023-11-01", "--to", "2023-11-15", "--json", db=db)
    assert rc == 0, err
    return [(b["kind"], b["label"], b["start"]) for b in json.loads(out)["blocks"]]


def test_the_preview_counts_then_import_adds_the_blocks(
    qtbot: QtBot,
    dialog: ImportDialog,
    service: TrackerService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_cli,
    db_path: Path,
) -> None:
    service.add_block(Kind.TASK, at(13, 9), at(13, 10), "月次決算")  # the file's first row
    path = write(tmp_path, GOOD)
    assert check_with_browse(qtbot, dialog, path, monkeypatch)
    assert dialog.status.text() == "3 blocks will be added, 1 already present. Import them?"
    assert dialog.import_button.isEnabled() and dialog.import_button.isDefault()
    assert len(listed(run_cli, db_path)) == 1  # the check wrote nothing
    assert press_import(qtbot, dialog)
    assert dialog.status.text() == "Added 3 blocks. 1 already present."
    assert not dialog.import_button.isEnabled()  # once: a second import would add nothing
    assert listed(run_cli, db_path) == [
        ("task", "月次決算", "2023-11-13T09:00:00+09:00"),
        ("growth", "RPA 勉強", "2023-11-13T10:00:00+09:00"),
        ("task", "経費精算", "2023-11-14T09:00:00+09:00"),
        ("growth", "IFRS 勉強", "2023-11-14T13:00:00+09:00"),
    ]
    rc, out, err = run_cli("list", "--date", "2023-11-14", "--json", db=db_path)
    assert rc == 0, err
    assert json.loads(out)["blocks"][1]["note"] == "研修"


def test_bad_rows_are_listed_and_nothing_is_added(
    qtbot: QtBot,
    dialog: ImportDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_cli,
    db_path: Path,
) -> None:
    path = write(tmp_path, BAD)
    assert not check_with_browse(qtbot, dialog, path, monkeypatch)
    assert dialog.status.text() == (
        "Nothing was imported. Fix these rows in the file, then check it again:"
    )
    lines = dialog.problems.toPlainText().splitlines()
    assert [line.split(":")[0] for line in lines] == ["line 3", "line 4", "line 5"]
    assert lines[0].startswith("line 3: start: cannot read the time 'yesterday'")
    assert "chore" in lines[1] and "end" in lines[2]
    assert dialog.problems.isVisible() and dialog.copy_button.isVisible()
    assert not dialog.import_button.isEnabled()
    assert listed(run_cli, db_path) == []
    # copyable: Copy puts the whole list on the clipboard
    QGuiApplication.clipboard().clear()
    click(qtbot, dialog.copy_button)
    assert QGuiApplication.clipboard().text() == dialog.problems.toPlainText()
    # and by keyboard, in the list itself: select all, copy
    QGuiApplication.clipboard().clear()
    dialog.problems.setFocus()
    QTest.keyClick(dialog.problems, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(dialog.problems, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "\n".join(lines)


def test_many_bad_rows_are_all_listed_and_scroll(
    qtbot: QtBot, dialog: ImportDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [f",2023-11-0{1 + i % 9},bad{i},,1,task,x,\r\n" for i in range(60)]
    path = write(tmp_path, HEADER + "".join(rows))
    assert not check_with_browse(qtbot, dialog, path, monkeypatch)
    lines = dialog.problems.toPlainText().splitlines()
    assert len(lines) == 60  # all of them (the CLI shows 20): the list scrolls
    assert lines[-1].startswith("line 61: ")
    assert dialog.problems.verticalScrollBar().maximum() > 0
