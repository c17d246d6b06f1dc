"""An exception no slot catches: logged with its traceback, one short message, the app goes on.

In process, pytest-qt's own exception capture is switched off so the tray's hook is the one
PySide6 calls; in a subprocess the real start-up path (``growth-tracker --db``) runs with a
slot that raises, and must go on, log and quit normally.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from tray_support import make_service

from tracker.domain.model import Kind
from tracker.platform.logs import close_logging, setup_logging
from tracker.platform.paths import log_path
from tracker.ui.app import App
from tracker.ui.errors import install_excepthook

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(tmp_path: Path, qapp: QApplication) -> Iterator[App]:
    service, _ = make_service(tmp_path)
    log = log_path(service.store.path)
    setup_logging(log)
    app = App(service, None, log)
    app.tray.set_features({"summary": False})  # clicks act at once
    yield app
    app.dispose()
    app.deleteLater()
    service.store.close()
    close_logging()


@pytest.mark.qt_no_exception_capture
def test_a_slot_that_raises_is_logged_shown_once_and_the_app_goes_on(
    app: App, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes: list[tuple[str, bool]] = []

    def notify(title: str, text: str, warning: bool = False) -> bool:
        notes.append((text, warning))
        return True  # as a tray that shows messages does

    monkeypatch.setattr(app.tray, "notify", notify)
    working_view = app.view

    def broken_view() -> object:
        raise RuntimeError("the view broke")

    restore = install_excepthook(app.notifier.show_error, app.log_file)
    try:
        monkeypatch.setattr(app, "view", broken_view)
        QTimer.singleShot(0, app.tick)  # the minute timer's slot: refresh() raises
        qtbot.waitUntil(lambda: len(notes) == 1)
        QTimer.singleShot(0, app.tick)  # again, at once: logged, no second message
        qtbot.waitUntil(lambda: app.log_file.read_text().count("Traceback") == 2)
    finally:
        restore()
    assert sys.excepthook is not None and sys.excepthook.__name__ != "hook"

    text, warning = notes[0]
    assert warning and text == f"Something went wrong; the details are in {app.log_file}"
    assert len(notes) == 1
    log = app.log_file.read_text(encoding="utf-8")
    assert "ERROR tracker: uncaught exception" in log
    assert "Traceback (most recent call last)" in log
    assert "in broken_view" in log and "RuntimeError: the view broke" in log

    # Still alive and working: a click starts a block.
    monkeypatch.setattr(app, "view", working_view)
    app.tray.click()
    running = app.service.running()
    assert running is not None and running.kind is Kind.TASK


def test_an_exception_in_another_thread_is_logged(app: App) -> None:
    shown: list[str] = []
    restore = install_excepthook(shown.append, app.log_file)
    try:
        worker = threading.Thread(target=lambda: 1 / 0, name="away-poller")
        worker.start()
        worker.join()
    finally:
        restore()
    assert app.log_file is not None
    log = app.log_file.read_text(encoding="utf-8")
    assert "thread away-poller" in log and "ZeroDivisionError: division by zero" in log
    assert shown == []  # a thread cannot touch widgets; the log has it


def test_the_real_tray_survives_a_raising_slot(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite3"
    script = textwrap.dedent(
        f"""
        import sys
        import tracker.ui.notifier as notifier_module
        import tracker.ui.testing as testing_module
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        def broken():
            raise ValueError("a slot broke")

        shown = []
        original_show = notifier_module.Notifier.show_error
        def show_error(self, text):
            shown.append(text)
            original_show(self, text)
        notifier_module.Notifier.show_error = show_error

        def ready():
            QTimer.singleShot(0, broken)
            QTimer.singleShot(300, done)

        def done():
            print("alive", shown, flush=True)
            QApplication.quit()

        testing_module.announce_ready = ready
        from tracker.cli import main
        sys.exit(main(["--db", {str(db)!r}]))
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    log = tmp_path / "growth-tracker.log"
    assert out.stdout.startswith("alive ['Something went wrong; the details are in ")
    assert str(log) in out.stdout
    assert "Traceback" not in out.stderr  # the traceback went to the log, not the console
    text = log.read_text(encoding="utf-8")
    assert "uncaught exception" in text and "ValueError: a slot broke" in text


@pytest.mark.qt_no_exception_capture
def test_a_database_damaged_while_the_tray_runs_gets_the_clis_message(
    app: App, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not "Something went wrong": the file and its newest backup are named, as the CLI
    names them, whether a menu action or a timer runs into the damage."""
    from tracker.domain.model import Block, Kind, Source

    notes: list[str] = []
    monkeypatch.setattr(
        app.tray, "notify", lambda title, text, warning=False: notes.append(text) or True
    )
    service = app.service
    service.store.insert_many(
        [
            Block(
                0, Kind.TASK, f"l{i}", "n" * 500, 1_699_000_000 + i * 100, 1_699_000_050 + i * 100
            )
            for i in range(300)
        ],
        1_699_000_000,
    )
    service.start(Kind.TASK, "mail", source=Source.TRAY)
    app.data_changed()  # the menu now offers the switch
    backup = service.backup_now()
    service.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db = service.store.path
    data = bytearray(db.read_bytes())
    for page in range(len(data) // 8192, len(data) // 4096):  # the later half: garbage
        data[page * 4096 : (page + 1) * 4096] = bytes([0x0D]) + b"\xff" * 4095
    db.write_bytes(bytes(data))
    service.store.conn.execute("PRAGMA shrink_memory")  # what was cached is read again
    restore = install_excepthook(app.notifier.show_error, app.log_file, app.notifier.explain)
    try:
        app.tray.switch_action.trigger()  # the menu's switch, as a person picks it
        qtbot.waitUntil(lambda: len(notes) >= 1)
        QTimer.singleShot(0, app.tick)  # the minute timer runs into it too
        qtbot.waitUntil(lambda: len(notes) >= 2)
    finally:
        restore()
    for text in notes:
        assert "Something went wrong" not in text
        assert f"{db} is damaged" in text and str(backup) in text, text
