"""The Import CSV dialog: check a file, see what it adds, confirm; bad rows in a list.

Real files, a real database, the real buttons and keys; results read back through the
real CLI (``run_cli``) on the same database file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from i18n_support import japanese_ui
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
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


def test_many_bad_rows_are_listed_counted_and_scroll(
    qtbot: QtBot, dialog: ImportDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [f",2023-11-0{1 + i % 9},bad{i},,1,task,x,\r\n" for i in range(60)]
    path = write(tmp_path, HEADER + "".join(rows))
    assert not check_with_browse(qtbot, dialog, path, monkeypatch)
    lines = dialog.problems.toPlainText().splitlines()
    assert len(lines) == 21  # the first 20 by line, as the CLI, then the count of the rest
    assert lines[19].startswith("line 21: ")
    assert lines[-1] == "… and 40 more rows"
    assert dialog.problems.verticalScrollBar().maximum() > 0


# -- keyboard -----------------------------------------------------------------------------


def test_the_keyboard_does_it_all(
    qtbot: QtBot, dialog: ImportDialog, tmp_path: Path, run_cli, db_path: Path
) -> None:
    path = write(tmp_path, GOOD)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    assert dialog.focusWidget() is dialog.path_edit  # the first stop: type the file
    # Tab order: file, Browse, Check, then (Import is not ready yet) Close
    order = []
    for _ in range(4):
        order.append(dialog.focusWidget())
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert order == [
        dialog.path_edit,
        dialog.browse_button,
        dialog.check_button,
        dialog.close_button,
    ]
    # Alt+F: the file field (its label's mnemonic); type; Enter checks
    QTest.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.path_edit
    QTest.keyClicks(dialog.path_edit, str(path))
    with qtbot.waitSignal(dialog.check_finished, timeout=30_000) as checked:
        QTest.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    assert checked.args == [True]
    assert dialog.status.text() == "4 blocks will be added. Import them?"
    # the answer moves the focus to Import; Enter imports
    assert dialog.focusWidget() is dialog.import_button and dialog.import_button.isDefault()
    with qtbot.waitSignal(dialog.import_finished, timeout=30_000) as imported:
        QTest.keyClick(dialog.import_button, Qt.Key.Key_Return)
    assert imported.args == [True]
    assert len(listed(run_cli, db_path)) == 4
    # Esc closes
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_mnemonics_browse_and_check(
    qtbot: QtBot, dialog: ImportDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, GOOD)
    monkeypatch.setattr(ImportDialog, "ask_path", lambda self, start: str(path))
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    with qtbot.waitSignal(dialog.check_finished, timeout=30_000):
        QTest.keyClick(dialog, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # &Browse…
    assert dialog.path_edit.text() == str(path)
    dialog.path_edit.setFocus()
    QTest.keyClick(dialog.path_edit, Qt.Key.Key_End)
    QTest.keyClick(dialog.path_edit, Qt.Key.Key_Space)  # an edit: the answer no longer holds
    assert not dialog.import_button.isEnabled() and dialog.status.text() == ""
    QTest.keyClick(dialog.path_edit, Qt.Key.Key_Backspace)
    with qtbot.waitSignal(dialog.check_finished, timeout=30_000):
        QTest.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # &Check
    assert dialog.import_button.isEnabled()


# -- what can go wrong --------------------------------------------------------------------


def check_typed(qtbot: QtBot, dialog: ImportDialog, text: str) -> bool:
    dialog.path_edit.setFocus()
    dialog.path_edit.selectAll()
    QTest.keyClicks(dialog.path_edit, text)
    with qtbot.waitSignal(dialog.check_finished, timeout=30_000) as checked:
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    return bool(checked.args[0])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty; export a blocks CSV"),
        (b"\xff\xfei\x00d\x00", "is UTF-16 text"),
        (b"\x00\x01\x02binary", "is not a CSV text file"),
        (b"\x82\xa0\x82\xa2\x82\xa4\r\n\x82\xa0,\x82\xa2\r\n", "the header lacks the columns"),
    ],
)
def test_files_that_are_not_a_blocks_csv_say_why(
    qtbot: QtBot,
    dialog: ImportDialog,
    tmp_path: Path,
    content: bytes,
    expected: str,
    run_cli,
    db_path: Path,
) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    assert not check_typed(qtbot, dialog, str(path))
    shown = dialog.status.text() + "\n" + dialog.problems.toPlainText()
    assert shown.startswith("Nothing was imported"), shown
    assert expected in shown
    assert not dialog.import_button.isEnabled()
    assert "Traceback" not in shown
    assert listed(run_cli, db_path) == []


def test_a_shift_jis_file_with_the_japanese_header_imports(
    qtbot: QtBot, dialog: ImportDialog, tmp_path: Path
) -> None:
    text = GOOD.replace(HEADER, "ID,日付,開始,終了,時間（分）,種類,内容,メモ\r\n")
    text = text.replace(",task,", ",作業,").replace(",growth,", ",成長,")
    path = write(tmp_path, text, encoding="cp932")
    assert check_typed(qtbot, dialog, str(path))
    assert dialog.status.text() == "4 blocks will be added. Import them?"


def test_a_pipe_a_device_a_folder_or_no_file_are_refused_without_waiting(
    qtbot: QtBot, dialog: ImportDialog, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)  # reading it would wait for a writer for ever
    for special in (fifo, Path("/dev/zero")):
        dialog.path_edit.setText(str(special))
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        assert dialog.job is None  # refused before any reading
        assert dialog.status.text() == (
            f"{special} is a device, pipe or socket, not a file; pick the CSV file"
        )
    assert not check_typed(qtbot, dialog, str(tmp_path))
    assert (
        dialog.status.text() == f"Nothing was imported: {tmp_path} is a folder; give the CSV file"
    )
    assert not check_typed(qtbot, dialog, str(tmp_path / "gone.csv"))
    assert "there is no file" in dialog.status.text()
    dialog.path_edit.clear()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Choose the CSV file to import."


def test_a_change_made_between_check_and_import_refuses_the_whole_import(
    qtbot: QtBot, dialog: ImportDialog, tmp_path: Path, run_cli, db_path: Path
) -> None:
    path = write(tmp_path, GOOD)
    assert check_typed(qtbot, dialog, str(path))
    # meanwhile, the CLI records a block where the file's third row lies
    assert (
        run_cli("add", "task", "2023-11-14 09:30", "2023-11-14 09:40", "電話", db=db_path)[0] == 0
    )
    assert not press_import(qtbot, dialog)
    assert dialog.status.text().startswith("Nothing was imported. Fix these rows")
    problem = dialog.problems.toPlainText()
    assert problem.startswith("line 4: overlaps a block already in the database (Task “電話”")
    assert [label for _, label, _ in listed(run_cli, db_path)] == ["電話"]  # none of the file's
    assert not dialog.import_button.isEnabled()


def test_the_checked_contents_are_imported_even_if_the_file_goes(
    qtbot: QtBot, dialog: ImportDialog, tmp_path: Path, run_cli, db_path: Path
) -> None:
    path = write(tmp_path, GOOD)
    assert check_typed(qtbot, dialog, str(path))
    path.write_text(HEADER, encoding="utf-8")  # changed, then deleted, after the check
    path.unlink()
    assert press_import(qtbot, dialog)  # what the person saw and confirmed
    assert len(listed(run_cli, db_path)) == 4


def test_an_import_being_applied_is_not_interrupted(
    qtbot: QtBot, dialog: ImportDialog, tmp_path: Path, run_cli, db_path: Path
) -> None:
    path = write(tmp_path, GOOD)
    assert check_typed(qtbot, dialog, str(path))
    with qtbot.waitSignal(dialog.import_finished, timeout=30_000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.applying and not dialog.close_button.isEnabled()
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        dialog.close()
        assert dialog.isVisible()  # it stays to show how the import went
    assert done.args == [True] and dialog.close_button.isEnabled()
    assert len(listed(run_cli, db_path)) == 4


def test_esc_during_a_check_cancels_the_check_not_the_dialog(
    qtbot: QtBot, dialog: ImportDialog, tmp_path: Path
) -> None:
    path = write(tmp_path, GOOD)
    dialog.path_edit.setText(str(path))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    job = dialog.job
    assert job is not None and dialog.close_button.text() == "Cancel"
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.job is None
    assert dialog.status.text() == "The check was cancelled."
    assert job.wait(10_000)
    qtbot.wait(50)  # its answer arrives, and is not shown
    assert dialog.status.text() == "The check was cancelled."
    assert not dialog.import_button.isEnabled()


def test_nothing_new_says_so(
    qtbot: QtBot, dialog: ImportDialog, service: TrackerService, tmp_path: Path
) -> None:
    service.add_block(Kind.TASK, at(13, 9), at(13, 10), "月次決算")
    path = write(tmp_path, GOOD.splitlines(keepends=True)[0] + GOOD.splitlines(keepends=True)[1])
    assert not check_typed(qtbot, dialog, str(path))
    assert dialog.status.text() == "Nothing to add: its one block is already present."
    assert not dialog.import_button.isEnabled()
    assert check_typed(qtbot, dialog, str(write(tmp_path, GOOD)))  # the others are new
    assert dialog.status.text() == "3 blocks will be added, 1 already present. Import them?"


# -- screenshots (test-artifacts/, for people to look at) ---------------------------------


@pytest.mark.parametrize("language", ["en", "ja"])
def test_screenshots(
    qtbot: QtBot,
    qapp: QApplication,
    service: TrackerService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(ImportDialog, "_settings", staticmethod(lambda: store))
    service.add_block(Kind.TASK, at(13, 9), at(13, 10), "月次決算")
    good = write(tmp_path, GOOD, "growth-tracker-blocks-2023-11-01_2023-11-15.csv")
    bad = write(tmp_path, BAD, "edited-in-excel.csv")
    suffix = "" if language == "en" else "-ja"
    with contextlib.ExitStack() as stack:
        if language == "ja":
            stack.enter_context(japanese_ui(qapp))
        dialog = ImportDialog(service)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        ARTIFACTS.mkdir(exist_ok=True)
        for path, name, ok in ((good, "preview", True), (bad, "errors", False)):
            assert check_typed(qtbot, dialog, str(path)) is ok
            dialog.path_edit.setText(str(Path("~") / "Documents" / path.name))
            dialog.adjustSize()
            qtbot.wait(20)
            assert dialog.grab().save(str(ARTIFACTS / f"import-{name}{suffix}.png"))
        if language == "ja":
            assert dialog.problems.toPlainText().startswith(
                "3行目: 「開始」列: 時刻「yesterday」を読み取れません。"
            )
            assert dialog.check_button.text() == "確認(&C)"


# Every reason a row can be refused for, one per line.
EVERY_REASON = HEADER + "".join(
    [
        "a,b,c,d,e\r\n",
        ",,2023-11-12 09:00:00,2023-11-12 10:00:00,,task,a,,x,y\r\n",
        "x1,,2023-11-12 09:00:00,2023-11-12 10:00:00,,task,a,\r\n",
        ",,,2023-11-12 10:00:00,,task,a,\r\n",
        ",,yesterday,2023-11-12 10:00:00,,task,a,\r\n",
        ",,2023-11-12 09:00:00,2023-11-12 10:00:00,,chore,a,\r\n",
        ",,2023-11-12 11:00:00,2023-11-12 10:00:00,,task,a,\r\n",
        ",,2099-11-16 09:00:00,2099-11-16 10:00:00,,task,a,\r\n",
        ",,2023-11-13 09:00:00,2023-11-13 10:00:00,,task,r,\r\n",
        ",,2023-11-13 09:00:00,2023-11-13 10:00:00,,task,r,\r\n",
        ",,2023-11-13 09:30:00,2023-11-13 10:30:00,,growth,o,\r\n",
        ",,2023-11-14 09:30:00,2023-11-14 10:00:00,,task,x,\r\n",
        "1,,2023-11-14 09:00:00,2023-11-14 09:50:00,,growth,mail2,note\r\n",
        ',,2023-11-12 12:00:00,2023-11-12 13:00:00,,task,"unclosed,\r\n',
    ]
)


def test_every_reason_a_row_is_refused_for_reads_in_japanese(
    qapp: QApplication,
    qtbot: QtBot,
    service: TrackerService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    service.add_block(Kind.TASK, at(14, 9), at(14, 9, 45), "メール")
    path = write(tmp_path, EVERY_REASON)
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(ImportDialog, "_settings", staticmethod(lambda: store))
    with japanese_ui(qapp):
        dialog = ImportDialog(service)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert not check_typed(qtbot, dialog, str(path))
        lines = dialog.problems.toPlainText().splitlines()
    numbers = [n for n in range(2, 16) if n != 10]  # line 10 is fine; 11 repeats it
    assert [line.partition(":")[0] for line in lines] == [f"{n}行目" for n in numbers]
    for line in lines:  # Japanese throughout: no English sentence left
        assert re.search(r"[ぁ-んァ-ヶ一-龯]", line.partition(":")[2]), line
        assert not re.search(r"\b(the|is|in|of|keep|file|database)\b", line), line
    assert (
        lines[5]
        == "7行目: 「種類」列: 種類「chore」が分かりません。「作業」か「成長」にしてください。"
    )
    assert lines[11] == (
        "14行目: ID 1 のブロックはすでにあり、内容が異なります（種類がデータベースでは作業、"
        "ファイルでは成長／内容がデータベースでは「メール」、ファイルでは「mail2」／メモが異なる"
        "／時間がデータベースでは 2023年11月14日 09:00–09:45、ファイルでは 2023年11月14日 "
        "09:00–09:50）。保存済みのブロックを残すならこの行を削除し、ファイルの内容を取り込むなら"
        "先にブロック 1 を削除してください。"
    )


def test_the_cli_lists_every_reason_in_the_english_it_always_had(run_cli, tmp_path: Path) -> None:
    """The reasons are coded now (so the dialog above can translate them); the CLI's
    ``line N: reason`` lines are the very bytes it printed when it wrote them out."""
    assert run_cli("add", "task", "2023-11-14 09:00", "2023-11-14 09:45", "メール")[0] == 0
    path = write(tmp_path, EVERY_REASON)
    rc, out, err = run_cli("import", str(path))
    hint = "use 'YYYY-MM-DD HH:MM:SS' or ISO-8601 like 2026-11-28T09:15:00+09:00"
    keep = "keep only one of the two"
    assert (rc, out) == (1, "")
    assert err.splitlines() == [
        f"growth-tracker: nothing was imported from {path}; fix these rows and import again",
        "line 2: has 5 cells, the header has 8; the row or file may be cut off",
        "line 3: has 10 cells, more than the header's 8; quote cells that hold commas",
        "line 4: id: 'x1' is not a block id (a whole number); leave it empty for new blocks",
        f"line 5: start: the start is empty; {hint}",
        f"line 6: start: cannot read the time 'yesterday'; {hint}",
        "line 7: kind: unknown kind 'chore'; use 'task' or 'growth'",
        "line 8: end: the end must be after the start; check the two times",
        "line 9: end: 2099-11-16 10:00 is in the future; fix the time",
        f"line 11: repeats line 10; {keep}",
        f"line 12: overlaps line 10; {keep}",
        "line 13: overlaps block 1 (task 'メール', 2023-11-14 09:00–09:45) already in the "
        "database; change the times or delete that block first",
        "line 14: id 1 exists with different content (kind task in the database, growth in "
        "the file; label 'メール' in the database, 'mail2' in the file; another note; "
        "2023-11-14 09:00–09:45 in the database, 2023-11-14 09:00–09:50 in the file); remove "
        "the row to keep the stored block, or delete block 1 first to import the file's",
        'line 15: a quoted cell starting here is never closed (no ending "): the file is cut '
        "off or damaged; export it again",
    ]
    header = write(tmp_path, "start,end,label,label\r\n", "header.csv")
    assert run_cli("import", str(header))[2].splitlines() == [
        "growth-tracker: nothing was imported: the header is not a blocks CSV's",
        "line 1: the header lacks the column kind; expected "
        "id,date,start,end,duration_min,kind,label,note,start_iso,end_iso",
        "line 1: the header names label twice",
    ]
    days = write(tmp_path, "date,task_min,growth_min\r\n", "days.csv")
    assert run_cli("import", str(days))[2].splitlines() == [
        "growth-tracker: nothing was imported: this is a days CSV (totals per day); import "
        "needs a blocks CSV ('growth-tracker export --what blocks')",
        "line 1: the header is the days CSV's",
    ]
    quote = write(tmp_path, HEADER + ',,"a"b,2023-11-12 10:00:00,,task,a,\r\n', "quote.csv")
    assert run_cli("import", str(quote))[2].splitlines()[1:] == [
        "line 2: the CSV is malformed here (',' expected after '\"'); the file may be cut off "
        "or damaged",
    ]


def test_rows_merged_from_another_pc_count_as_already_present(
    qtbot: QtBot,
    dialog: ImportDialog,
    service: TrackerService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_cli,
    db_path: Path,
) -> None:
    from tracker.store import Store

    share = tmp_path / "share"
    share.mkdir()
    office = TrackerService(Store(tmp_path / "office.db"), service.clock, TZ)
    try:
        office.set_setting("sync_folder", str(share))
        office.add_block(Kind.TASK, at(13, 9), at(13, 10), "月次決算")  # the file's rows 1–2
        office.add_block(Kind.GROWTH, at(13, 10), at(13, 11, 30), "RPA 勉強")
        office.sync()
    finally:
        office.store.close()
    service.add_block(Kind.TASK, at(13, 9, 30), at(13, 10, 30), "電話")  # overlaps: allowed
    service.set_setting("sync_folder", str(share))
    service.sync()
    path = write(tmp_path, GOOD)
    assert check_with_browse(qtbot, dialog, path, monkeypatch)
    assert dialog.status.text() == "2 blocks will be added, 2 already present. Import them?"
    assert press_import(qtbot, dialog)
    assert dialog.status.text() == "Added 2 blocks. 2 already present."
    assert len(listed(run_cli, db_path)) == 5  # 3 of this PC, 2 merged from the office
