"""The Export CSV dialog: presets pick the right days, export writes the file."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from i18n_support import japanese_ui
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tracker.domain.model import Block, Kind, Source
from tracker.service import TrackerService
from tracker.ui.export_dialog import PRESETS, ExportDialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # offscreen

TZ = ZoneInfo("Asia/Tokyo")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
D = dt.date


def at(day: int, hour: int, month: int = 11) -> int:
    return int(dt.datetime(2023, month, day, hour, tzinfo=TZ).timestamp())


@pytest.fixture
def dialog(
    qtbot: QtBot, service: TrackerService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ExportDialog]:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(ExportDialog, "_settings", staticmethod(lambda: store))
    service.add_block(Kind.TASK, at(28, 9, month=10), at(28, 10, month=10), "前月")
    service.add_block(Kind.TASK, at(13, 9), at(13, 10), "月次決算")
    service.add_block(Kind.GROWTH, at(14, 9), at(14, 10), "RPA 勉強")
    widget = ExportDialog(service)
    qtbot.addWidget(widget)
    yield widget
    if widget.job is not None:  # a test that failed mid-export: let the thread end
        widget.job.cancel()
        widget.job.wait(10_000)


def export(qtbot: QtBot, dialog: ExportDialog) -> bool:
    """Press Export and wait for the worker thread; True when the file was written."""
    results: list[bool] = []
    dialog.export_finished.connect(results.append)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    if dialog.job is not None:
        qtbot.waitUntil(lambda: bool(results), timeout=30_000)
    dialog.export_finished.disconnect(results.append)
    return bool(results) and results[-1]


def choose(dialog: ExportDialog, preset: str) -> tuple[D, D]:
    dialog.preset.setCurrentIndex(PRESETS.index(preset))
    return dialog.options().first or D.min, dialog.options().last or D.max


def test_presets_set_the_right_days(dialog: ExportDialog) -> None:
    # the fake clock is Wednesday 2023-11-15 09:00 in Tokyo
    assert choose(dialog, "today") == (D(2023, 11, 15), D(2023, 11, 15))
    assert choose(dialog, "week") == (D(2023, 11, 13), D(2023, 11, 15))
    assert choose(dialog, "month") == (D(2023, 11, 1), D(2023, 11, 15))
    assert choose(dialog, "last_month") == (D(2023, 10, 1), D(2023, 10, 31))
    dialog.preset.setCurrentIndex(PRESETS.index("all"))
    assert (dialog.options().first, dialog.options().last) == (None, None)
    assert dialog.from_edit.date().toString("yyyy-MM-dd") == "2023-10-28"


def test_editing_a_date_switches_to_custom(dialog: ExportDialog) -> None:
    choose(dialog, "week")
    dialog.from_edit.setDate(dialog.from_edit.date().addDays(-3))
    assert PRESETS[dialog.preset.currentIndex()] == "custom"
    assert dialog.options().first == D(2023, 11, 10)


def test_export_writes_the_file_and_remembers_the_folder(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    choose(dialog, "month")
    dialog.days_radio.setChecked(True)
    assert not dialog.split.isEnabled()
    dialog.header.setCurrentIndex(1)
    assert dialog.path_edit.text().endswith("growth-tracker-days-2023-11-01_2023-11-15.csv")
    target = tmp_path / "out" / "month.csv"
    target.parent.mkdir()
    dialog.path_edit.setText(str(target))
    assert export(qtbot, dialog)
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "日付" and len(rows) == 16
    assert rows[13][:3] == ["2023-11-13", "60.00", "0.00"]
    assert str(target) in dialog.status.text()
    assert dialog._settings().value("last_folder") == str(target.parent)
    again = ExportDialog(dialog.service)
    assert again.path_edit.text().startswith(str(target.parent))
    again.deleteLater()


def test_errors_are_shown_and_nothing_is_written(
    qtbot: QtBot, dialog: ExportDialog, service: TrackerService, tmp_path: Path
) -> None:
    service.add_block(Kind.TASK, at(14, 11), at(14, 12), "絵文字 😀")
    dialog.encoding.setCurrentIndex(2)  # cp932
    target = tmp_path / "x.csv"
    dialog.path_edit.setText(str(target))
    assert not export(qtbot, dialog)
    assert "cannot hold the character" in dialog.status.text()
    assert not target.exists()
    assert dialog.export_button.isEnabled()


def test_browse_uses_the_file_chooser(
    dialog: ExportDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ExportDialog, "ask_path", lambda self, start: str(tmp_path / "picked"))
    dialog._browse()
    assert dialog.path_edit.text() == str(tmp_path / "picked.csv")


def test_the_range_row_says_dates(dialog: ExportDialog) -> None:
    assert dialog.dates_label.text() == "&Dates:"
    assert dialog.dates_label.buddy() is dialog.from_edit


def test_the_file_field_shortens_home_and_shows_the_file_name(
    qtbot: QtBot,
    service: TrackerService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path / "home"
    folder = home / "Documents" / "経理" / "月次"
    folder.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    store.setValue("last_folder", str(folder))
    monkeypatch.setattr(ExportDialog, "_settings", staticmethod(lambda: store))
    service.add_block(Kind.TASK, at(13, 9), at(13, 10), "月次決算")
    dialog = ExportDialog(service)
    qtbot.addWidget(dialog)
    name = "growth-tracker-blocks-2023-11-01_2023-11-15.csv"
    shown = str(Path("~") / "Documents" / "経理" / "月次" / name)
    assert dialog.path_edit.text() == shown
    assert dialog.path_edit.cursorPosition() == len(shown)  # the file name end is in view
    assert dialog.path_edit.toolTip() == str(folder / name)  # the whole path on hover
    monkeypatch.setattr(ExportDialog, "ask_path", lambda self, start: str(home / "x" / "y.csv"))
    dialog._browse()
    assert dialog.path_edit.text() == str(Path("~") / "x" / "y.csv")
    (home / "x").mkdir()
    assert export(qtbot, dialog)
    assert (home / "x" / "y.csv").exists()


def test_screenshot(
    dialog: ExportDialog, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    dialog._show_path(tmp_path / "Documents" / "growth-tracker-blocks-2023-11-01_2023-11-15.csv")
    dialog.status.setText("Exported 2 rows to …/growth-tracker-blocks.csv")
    dialog.show()
    qtbot.waitExposed(dialog)
    ARTIFACTS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(ARTIFACTS / "export-dialog.png"))


def many_blocks(service: TrackerService, count: int) -> None:
    """``count`` finished one-minute task blocks from 2023-08-01 09:00, two minutes apart."""
    blocks = [
        Block(
            0,
            Kind.TASK,
            f"b{i}",
            "",
            at(1, 9, month=8) + i * 120,
            at(1, 9, month=8) + i * 120 + 60,
            None,
            Source.CLI,
        )
        for i in range(count)
    ]
    with service.store.write():
        service.store.insert_many(blocks, service.clock.now())


def test_long_export_shows_progress_and_can_be_cancelled(
    qtbot: QtBot, dialog: ExportDialog, service: TrackerService, tmp_path: Path
) -> None:
    many_blocks(service, 30_000)  # 15 progress reports: the Cancel click lands in time
    dialog.preset.setCurrentIndex(PRESETS.index("all"))
    target = tmp_path / "long.csv"
    dialog.path_edit.setText(str(target))
    seen: list[tuple[bool, int, str]] = []

    def first_report(done: int, total: int) -> None:
        if not seen:
            seen.append((dialog.progress.isVisible(), done, dialog.close_button.text()))
            qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)  # "Cancel"

    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.job is not None
    dialog.job.progressed.connect(first_report)
    with qtbot.waitSignal(dialog.export_finished, timeout=30_000) as finished:
        pass
    assert finished.args == [False]
    assert seen == [(True, 2000, "Cancel")]
    assert "cancelled" in dialog.status.text()
    assert not target.exists()
    assert dialog.close_button.text() == "Close" and dialog.progress.isHidden()
    assert dialog.export_button.isEnabled() and dialog.isVisible()


def test_an_existing_file_is_replaced_only_when_confirmed(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "old.csv"
    target.write_text("keep me", encoding="utf-8")
    asked: list[Path] = []
    answer = [False]
    monkeypatch.setattr(
        ExportDialog, "confirm_replace", lambda self, path: asked.append(path) or answer[0]
    )
    dialog.path_edit.setText(str(target))
    assert not export(qtbot, dialog)  # Cancel
    assert target.read_text(encoding="utf-8") == "keep me"
    answer[0] = True
    assert export(qtbot, dialog)  # Replace
    assert target.read_text(encoding="utf-8-sig").startswith("id,")
    assert asked == [target, target]
    assert export(qtbot, dialog)  # agreed once for this file: not asked again
    assert len(asked) == 2
    dialog.path_edit.setText(str(tmp_path / "new.csv"))
    assert export(qtbot, dialog)  # a new file: nothing to ask
    assert len(asked) == 2


def test_a_file_confirmed_in_the_file_chooser_is_not_asked_about_again(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("picked.csv", "plain.csv"):
        (tmp_path / name).write_text("old", encoding="utf-8")
    asked: list[Path] = []
    monkeypatch.setattr(
        ExportDialog, "confirm_replace", lambda self, path: asked.append(path) or True
    )
    monkeypatch.setattr(ExportDialog, "ask_path", lambda self, start: str(tmp_path / "picked.csv"))
    dialog._browse()
    assert export(qtbot, dialog)
    assert asked == []
    # "plain" got ".csv" added after the chooser: the chooser never asked about plain.csv
    monkeypatch.setattr(ExportDialog, "ask_path", lambda self, start: str(tmp_path / "plain"))
    dialog._browse()
    assert export(qtbot, dialog)
    assert asked == [tmp_path / "plain.csv"]


def test_the_replace_question_defaults_to_cancel(
    dialog: ExportDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    seen: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append(box)
        return 0  # closed without a click, like Esc

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    target = tmp_path / "x.csv"
    target.write_text("old", encoding="utf-8")
    assert not dialog.confirm_replace(target)
    box = seen[0]
    assert box.text() == "x.csv already exists.\nDo you want to replace it?"
    assert box.defaultButton() is box.escapeButton()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert [b.text() for b in box.buttons() if b is not box.defaultButton()] == ["&Replace"]


@pytest.mark.parametrize(
    ("first", "last", "preset", "shown"),
    [
        (D(2023, 11, 15), D(2023, 11, 15), "today", (D(2023, 11, 15), D(2023, 11, 15))),
        (D(2023, 11, 14), D(2023, 11, 14), "custom", (D(2023, 11, 14), D(2023, 11, 14))),
        (D(2023, 11, 6), D(2023, 11, 12), "custom", (D(2023, 11, 6), D(2023, 11, 12))),
        (D(2023, 11, 13), D(2023, 11, 19), "week", (D(2023, 11, 13), D(2023, 11, 15))),
        (D(2023, 11, 1), D(2023, 11, 30), "month", (D(2023, 11, 1), D(2023, 11, 15))),
        (D(2023, 10, 1), D(2023, 10, 31), "last_month", (D(2023, 10, 1), D(2023, 10, 31))),
        (D(2023, 9, 1), D(2023, 9, 30), "custom", (D(2023, 9, 1), D(2023, 9, 30))),
    ],
)
def test_a_range_from_the_summary_is_preset(
    dialog: ExportDialog, first: D, last: D, preset: str, shown: tuple[D, D]
) -> None:
    dialog.set_range(first, last)  # days to come (after the 15th) are left out
    assert PRESETS[dialog.preset.currentIndex()] == preset
    assert (dialog.options().first, dialog.options().last) == shown
    span = shown[0].isoformat() if shown[0] == shown[1] else f"{shown[0]}_{shown[1]}"
    assert dialog.path_edit.text().endswith(f"growth-tracker-blocks-{span}.csv")


def test_the_header_follows_the_ui_language(
    qtbot: QtBot, service: TrackerService, qapp: QApplication
) -> None:
    english = ExportDialog(service)
    qtbot.addWidget(english)
    assert english.header.currentData() == "en"
    with japanese_ui(qapp):
        japanese = ExportDialog(service)
        qtbot.addWidget(japanese)
    assert japanese.header.currentData() == "ja"
    assert japanese.options().header == "ja"


def test_esc_mid_export_cancels_it_and_the_dialog_stays(
    qtbot: QtBot, dialog: ExportDialog, service: TrackerService, tmp_path: Path
) -> None:
    many_blocks(service, 30_000)
    dialog.preset.setCurrentIndex(PRESETS.index("all"))
    target = tmp_path / "long.csv"
    dialog.path_edit.setText(str(target))
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.job is not None
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.status.text() == "Cancelling…"
    with qtbot.waitSignal(dialog.export_finished, timeout=30_000) as finished:
        pass
    assert finished.args == [False] and "cancelled" in dialog.status.text()
    assert not target.exists()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # nothing under way: Esc closes
    assert not dialog.isVisible()
