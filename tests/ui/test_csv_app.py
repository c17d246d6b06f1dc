"""Import and export in the running app: reached from the tray menu and from each other,
and run off the GUI thread, so the tray and the windows keep working meanwhile.

A real App over a real database file; menu items are the real QActions of the tray menu,
buttons are clicked, results are read back through the real CLI.
"""

from __future__ import annotations

import csv
import inspect
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot
from tray_support import MORNING, make_service

from tracker.domain.model import Block, Kind, Source
from tracker.io.export import ExportOptions
from tracker.service import TrackerService
from tracker.ui import jobs
from tracker.ui.app import App
from tracker.ui.export_dialog import PRESETS, ExportDialog
from tracker.ui.import_dialog import ImportDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen

EXPORT_FRAMES = {"render", "block_rows", "export_csv", "write_csv"}  # the export's own code


def action(menu: QMenu, text: str) -> QAction:
    found = [a for a in menu.actions() if a.text() == text]
    assert len(found) == 1, [a.text() for a in menu.actions()]
    return found[0]


@pytest.fixture
def app(qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    for cls in (ExportDialog, ImportDialog):
        monkeypatch.setattr(cls, "_settings", staticmethod(lambda: store))
    service, _clock = make_service(tmp_path)
    made = App(service)
    made.tray.set_features({"summary": False})  # no double-click wait
    yield made
    made.dispose()
    made.deleteLater()
    jobs.finish_all()


def many_blocks(service: TrackerService, count: int) -> None:
    """``count`` finished one-minute blocks, two minutes apart, ending before the morning."""
    first = MORNING - count * 120 - 3600
    blocks = [
        Block(0, Kind.TASK, f"b{i}", "", first + i * 120, first + i * 120 + 60, None, Source.CLI)
        for i in range(count)
    ]
    with service.store.write():
        service.store.insert_many(blocks, service.clock.now())


def wait_for_progress(qtbot: QtBot, job: Any) -> None:
    """Until the worker has reported progress once. Not ``waitSignal``: progress is queued
    from the worker many times, and a report still queued when the blocker is gone was
    delivered to whatever object took its place (pytest-qt then fails the test)."""
    seen: list[object] = []
    job.progressed.connect(lambda *args: seen.append(args))
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)


def cli_json(run_cli: Any, db: Path, *args: str) -> Any:
    rc, out, err = run_cli(*args, "--json", db=db)
    assert rc == 0, err
    return json.loads(out)


# -- reaching the import --------------------------------------------------------------------


def test_the_tray_menu_opens_the_import_and_the_blocks_reach_the_database(
    app: App, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Any
) -> None:
    db = app.service.store.path
    source = tmp_path / "source.db"
    for args in (
        ("add", "task", "2023-11-13 09:00", "2023-11-13 10:00", "月次決算"),
        ("add", "growth", "2023-11-13 10:00", "2023-11-13 11:00", "RPA 勉強"),
    ):
        assert run_cli(*args, db=source)[0] == 0
    exported = tmp_path / "from-the-other-pc.csv"
    assert run_cli("export", "--header", "ja", "-o", str(exported), db=source)[0] == 0

    item = action(app.tray.menu, "&Import CSV…")
    assert item.isEnabled()
    item.trigger()
    dialog = app.windows.open["import"]
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    monkeypatch.setattr(ImportDialog, "ask_path", lambda self, start: str(exported))
    with qtbot.waitSignal(dialog.check_finished, timeout=30_000):
        qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "2 blocks will be added. Import them?"
    with qtbot.waitSignal(dialog.import_finished, timeout=30_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Added 2 blocks."
    days = cli_json(run_cli, db, "report", "--date", "2023-11-13")["days"]
    assert (days[0]["task_s"], days[0]["growth_s"]) == (3600, 3600)
    blocks = cli_json(run_cli, db, "list", "--date", "2023-11-13")["blocks"]
    assert [b["label"] for b in blocks] == ["月次決算", "RPA 勉強"]


def test_the_export_dialog_opens_the_import(app: App, qtbot: QtBot) -> None:
    action(app.tray.menu, "E&xport CSV…").trigger()
    export = app.windows.open["export"]
    assert isinstance(export, ExportDialog)
    qtbot.mouseClick(export.import_button, Qt.MouseButton.LeftButton)
    dialog = app.windows.open["import"]
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    assert export.isVisible()  # both stay: export, then import the file elsewhere


# -- off the GUI thread ---------------------------------------------------------------------


def test_tray_actions_and_window_closes_during_an_export_run_beside_it_not_inside(
    app: App, qtbot: QtBot, tmp_path: Path, run_cli: Any
) -> None:
    service = app.service
    many_blocks(service, 30_000)  # ~0.3 s of rendering: 15 progress reports
    service.start(Kind.TASK, "メール対応", source=Source.TRAY)
    app.refresh()
    action(app.tray.menu, "Setti&ngs…").trigger()
    settings = app.windows.open["settings"]
    action(app.tray.menu, "E&xport CSV…").trigger()
    export = app.windows.open["export"]
    assert isinstance(export, ExportDialog) and settings.isVisible()
    export.preset.setCurrentIndex(PRESETS.index("all"))
    target = tmp_path / "all.csv"
    export.path_edit.setText(str(target))

    seen: dict[str, Any] = {}
    gui_done = threading.Event()

    def hold(done: int, total: int) -> None:
        """On the worker thread, at a progress report: wait (≤ 10 s) until the GUI thread
        has acted, so "mid-export" does not depend on how busy the machine is."""
        gui_done.wait(10)

    ticks: list[bool] = []  # for each GUI timer tick: was the export running?
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(export.job is not None and export.job.isRunning()))

    def during_export(done: int, total: int) -> None:
        if seen:
            return
        assert export.job is not None
        seen["gui thread"] = threading.current_thread() is threading.main_thread()
        seen["export frames"] = {f.function for f in inspect.stack()} & EXPORT_FRAMES
        seen["export running"] = export.job.isRunning()
        action(app.tray.menu, "St&op").trigger()  # the tray action, mid-export
        settings.close()  # a window closed, mid-export
        seen["stopped"] = service.running() is None
        seen["settings closed"] = not settings.isVisible()
        gui_done.set()

    qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    assert export.job is not None
    export.job.progressed.connect(during_export)  # queued first, then held: the order counts
    export.job.progressed.connect(hold, Qt.ConnectionType.DirectConnection)
    timer.start()
    with qtbot.waitSignal(export.export_finished, timeout=60_000) as finished:
        pass
    timer.stop()

    assert finished.args == [True]
    # the tray action and the close ran on the GUI thread, outside the export's code,
    # while the export was still going, and took effect at once
    assert seen == {
        "gui thread": True,
        "export frames": set(),
        "export running": True,
        "stopped": True,
        "settings closed": True,
    }
    # the export is whole: every block as read at its start, the running one with no end
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 1 + 30_001
    assert [int(r[0]) for r in rows[1:]] == list(range(1, 30_002))
    assert (rows[-1][3], rows[-1][6]) == ("", "メール対応")
    assert export.status.text() == f"Exported 30,001 rows to {target}"
    # the stop reached the database
    assert cli_json(run_cli, service.store.path, "status")["running"] is None
    # responsive: the GUI thread ran its timer again and again while the export worked
    assert sum(ticks) >= 3, ticks


def test_quitting_mid_export_cancels_it_and_waits_for_the_thread(
    app: App, qtbot: QtBot, tmp_path: Path
) -> None:
    many_blocks(app.service, 30_000)
    action(app.tray.menu, "E&xport CSV…").trigger()
    export = app.windows.open["export"]
    assert isinstance(export, ExportDialog)
    export.preset.setCurrentIndex(PRESETS.index("all"))
    target = tmp_path / "all.csv"
    export.path_edit.setText(str(target))
    qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    job = export.job
    assert job is not None
    wait_for_progress(qtbot, job)
    app.shutdown()  # what Quit does before the event loop ends
    assert jobs.running() == [] and job.isFinished()
    assert not target.exists()  # cancelled: nothing written
    assert list(target.parent.glob(".all.csv.*")) == []  # no temporary file left


def test_closing_the_export_mid_way_cancels_it(app: App, qtbot: QtBot, tmp_path: Path) -> None:
    many_blocks(app.service, 30_000)
    action(app.tray.menu, "E&xport CSV…").trigger()
    export = app.windows.open["export"]
    assert isinstance(export, ExportDialog)
    export.preset.setCurrentIndex(PRESETS.index("all"))
    target = tmp_path / "all.csv"
    export.path_edit.setText(str(target))
    qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    job = export.job
    assert job is not None
    wait_for_progress(qtbot, job)
    export.close()
    assert export.job is None and not export.isVisible()
    qtbot.waitUntil(lambda: jobs.running() == [], timeout=30_000)
    assert not target.exists()
    # opened again: a fresh dialog, ready to export
    action(app.tray.menu, "E&xport CSV…").trigger()
    again = app.windows.open["export"]
    assert isinstance(again, ExportDialog) and again.export_button.isEnabled()


def test_a_tray_click_during_an_import_check_is_not_held_up(
    app: App, qtbot: QtBot, tmp_path: Path
) -> None:
    other, _ = make_service(tmp_path / "other")  # a big file from another database
    many_blocks(other, 20_000)
    big = tmp_path / "big.csv"
    other.write_csv(big, ExportOptions())
    action(app.tray.menu, "&Import CSV…").trigger()
    dialog = app.windows.open["import"]
    assert isinstance(dialog, ImportDialog)
    dialog.set_path(big)
    seen: list[bool] = []
    dialog.check_button.click()
    assert dialog.job is not None and dialog.progress.isVisible()
    QTimer.singleShot(0, lambda: seen.append(dialog.job is not None))
    QTimer.singleShot(0, lambda: app.tray.click())  # a toggle: starts a task block
    with qtbot.waitSignal(dialog.check_finished, timeout=60_000):
        pass
    assert seen == [True]  # the click ran while the check was still going
    assert app.service.running() is not None
    assert dialog.status.text() == "20,000 blocks will be added. Import them?"
