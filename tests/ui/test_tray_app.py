"""The app around the tray: crash recovery, heartbeat, external changes, quitting, imports."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from tray_support import make_service, open_again

from tracker.domain.clock import FakeClock
from tracker.domain.model import Block, Kind, Source
from tracker.service import RecoveryChoice, TrackerService
from tracker.ui import dialogs, windows
from tracker.ui.app import App

REPO = Path(__file__).resolve().parents[2]


class Apps(list[App]):
    def new(self, service: TrackerService) -> App:
        """An app whose clicks act at once (no summary: no double-click wait)."""
        app = App(service)
        app.tray.set_features({"summary": False})
        self.append(app)
        return app


@pytest.fixture
def made(qapp: QApplication) -> Iterator[Apps]:
    apps = Apps()
    yield apps
    for app in apps:
        app.dispose()
        app.deleteLater()


def crashed_block(service: TrackerService, clock: FakeClock) -> Block:
    """A growth block a tray started and heartbeat, then the tray died an hour ago."""
    service.start(Kind.TASK, "close books", source=Source.TRAY)
    clock.advance(1200)
    block = service.start(Kind.GROWTH, "RPA 勉強", source=Source.TRAY)
    clock.advance(120)
    service.heartbeat()
    clock.advance(3600)  # the crash: no heartbeat for an hour
    return block


@pytest.mark.parametrize("choice", list(RecoveryChoice))
def test_recovery_offers_three_choices_and_each_reaches_the_database(
    tmp_path: Path, made: Apps, monkeypatch, choice: RecoveryChoice
) -> None:
    service, clock = make_service(tmp_path)
    block = crashed_block(service, clock)
    seen_at = block.started_at + 120
    offered: list[Block] = []

    def ask(cls, pending: Block, now: int, tz, day_start: int) -> RecoveryChoice:
        offered.append(pending)
        return choice

    monkeypatch.setattr(dialogs.RecoveryDialog, "ask", classmethod(ask))
    app = made.new(service)
    app.recover_if_needed()
    assert [b.id for b in offered] == [block.id]
    after = service.store.get(block.id)
    if choice is RecoveryChoice.END_AT_HEARTBEAT:
        assert (after.ended_at, after.source) == (seen_at, Source.RECOVERED)
    elif choice is RecoveryChoice.END_NOW:
        assert after.ended_at == clock.now()
    else:
        assert after.ended_at is None and after.last_seen_at == clock.now()
    assert app.tray.status_action.text() == (
        "Growth · RPA 勉強 · 1:02" if choice is RecoveryChoice.KEEP else "Not tracking"
    )


def test_no_dialog_without_a_crash_and_a_cli_block_is_adopted(
    tmp_path: Path, made: Apps, monkeypatch
) -> None:
    service, clock = make_service(tmp_path)
    monkeypatch.setattr(dialogs.RecoveryDialog, "ask", classmethod(lambda *a: pytest.fail()))
    block = service.start(Kind.TASK, "payroll")  # from the CLI: no heartbeat
    clock.advance(30)
    app = made.new(service)
    app.recover_if_needed()
    app.adopt()
    assert service.store.get(block.id).last_seen_at == clock.now()


def test_start_shows_ready_then_recovers_and_polls(
    tmp_path: Path, made: Apps, monkeypatch, qtbot: QtBot
) -> None:
    service, clock = make_service(tmp_path)
    block = crashed_block(service, clock)
    monkeypatch.setattr(
        dialogs.RecoveryDialog, "ask", classmethod(lambda *a: RecoveryChoice.END_AT_HEARTBEAT)
    )
    read, write = os.pipe()
    monkeypatch.setenv("GROWTH_TRACKER_READY_FD", str(write))
    app = made.new(service)
    app.start()
    qtbot.waitUntil(lambda: app.watcher.timer.isActive(), timeout=2000)
    assert os.read(read, 100).startswith(b"ready ")
    os.close(read)
    os.close(write)
    assert service.store.get(block.id).source is Source.RECOVERED
    assert app.minute_timer.isActive()


def test_heartbeat_every_minute_while_a_block_runs(tmp_path: Path, made: Apps) -> None:
    service, clock = make_service(tmp_path)
    app = made.new(service)
    app.tray.click()
    clock.advance(60)
    app.tick()
    running = service.running()
    assert running is not None and running.last_seen_at == clock.now()
    assert app.tray.status_action.text() == "Task · 0:01"


def test_changes_made_by_the_cli_show_within_two_seconds(
    tmp_path: Path, made: Apps, qtbot: QtBot
) -> None:
    service, clock = make_service(tmp_path)
    app = made.new(service)
    app.watcher.timer.start()
    cli = open_again(service, clock)
    cli.start(Kind.GROWTH, "勉強会")
    qtbot.waitUntil(lambda: app.tray.status_action.text() == "Growth · 勉強会 · 0:00", timeout=2000)
    running = service.running()
    assert running is not None and running.last_seen_at == clock.now()  # adopted
    clock.advance(120)
    cli.stop()
    qtbot.waitUntil(lambda: app.tray.status_action.text() == "Not tracking", timeout=2000)
    cli.set_setting("tray_click", "none")
    qtbot.waitUntil(lambda: app.tray.click_action == "none", timeout=2000)
    cli.store.close()


def test_quit_ends_the_running_block_at_the_quit_time(
    tmp_path: Path, made: Apps, monkeypatch
) -> None:
    service, clock = make_service(tmp_path)
    app = made.new(service)
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))
    app.tray.click()
    clock.advance(900)
    app.tray.quit_action.trigger()
    assert quits == [True]
    last = service.store.last()
    assert last is not None and last.ended_at == clock.now() and service.running() is None
    clock.advance(60)
    app.shutdown()  # aboutToQuit after the menu's quit: nothing more happens
    assert service.store.get(last.id).ended_at == clock.now() - 60


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # offscreen plugin
def test_errors_from_the_service_become_a_short_message(tmp_path: Path, made: Apps) -> None:
    service, _ = make_service(tmp_path)
    app = made.new(service)
    app.stop()  # nothing runs; no tray offscreen, so a message box says so
    box = app.notifier.message_box
    assert box is not None and box.isVisible()
    assert box.text() == "nothing is running, so there is nothing to stop"
    box.close()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # offscreen plugin
def test_a_summary_that_cannot_be_opened_says_where_the_details_are(
    tmp_path: Path, made: Apps, monkeypatch
) -> None:
    service, _ = make_service(tmp_path)
    app = made.new(service)
    monkeypatch.setitem(windows.WINDOWS, "summary", ("tracker.ui.no_such_window", "Summary"))
    app.handle_request({"command": "summary", "date": "today"})
    box = app.notifier.message_box
    assert box is not None and "could not be opened" in box.text()
    box.close()


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen plugin
def test_a_handed_over_summary_request_opens_that_day(
    tmp_path: Path, made: Apps, qtbot: QtBot
) -> None:
    service, clock = make_service(tmp_path)
    app = made.new(service)
    app.tray.click()
    clock.advance(600)
    app.handle_request({"command": "summary", "date": "yesterday"})
    window = app.windows.open["summary"]
    qtbot.waitExposed(window)
    assert window.isVisible()
    app.handle_request({"command": "summary", "date": "someday"})  # a bad date: a message
    box = app.notifier.message_box
    assert box is not None and "someday" in box.text()
    box.close()


def test_starting_the_tray_imports_no_matplotlib(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite3"
    script = textwrap.dedent(
        f"""
        import sys
        import tracker.ui.testing as app_module
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        announce = app_module.announce_ready

        def ready():
            announce()
            print("matplotlib" in sys.modules, flush=True)
            QTimer.singleShot(0, QApplication.quit)

        app_module.announce_ready = ready
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
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False"]


def test_the_running_tray_loads_no_dbus_openssl_or_numpy_on_x11(tmp_path: Path) -> None:
    """Resident memory the tray does not need (docs/architecture.md §9): QtDBus only on
    Wayland, SHA-256 without OpenSSL's libcrypto, no sqlite_utils (and its numpy) on an
    up-to-date file, not the CLI's parser, and no source lines kept by PySide6's import
    hook. Checked after the away monitor (1 s) and the backup (2 s) ran."""
    db = tmp_path / "t.sqlite3"
    from tracker.service import open_service

    open_service(db).close()  # migrated before: the tray only opens it
    script = textwrap.dedent(
        f"""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        def report():
            heavy = ("PySide6.QtDBus", "_hashlib", "sqlite_utils", "numpy", "matplotlib",
                     "tracker.cli", "tracker.quickstatus")
            print(sorted(m for m in heavy if m in sys.modules), flush=True)
            import linecache
            print(len(linecache.cache), flush=True)
            QApplication.quit()

        import tracker.ui.testing as app_module

        announce = app_module.announce_ready

        def ready():
            announce()
            QTimer.singleShot(3000, report)

        app_module.announce_ready = ready
        from tracker.entry import main
        sys.exit(main(["--db", {str(db)!r}]))
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DISPLAY=":0")
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("XDG_SESSION_TYPE", None)
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    loaded, sources = out.stdout.split("\n")[:2]
    assert loaded == "[]"
    assert int(sources) < 3  # a line of a traceback logged meanwhile may be there
