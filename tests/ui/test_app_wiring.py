"""The app's wiring of the end-of-day prompt, the away monitor and the reminders, on a
real database with a fake clock and a fake idle source (offscreen; notifications recorded)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from PySide6.QtWidgets import QApplication
from tray_support import make_service, open_again

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind
from tracker.service import AwayChoice, TrackerService
from tracker.ui import dialogs, idle_dbus
from tracker.ui.app import App
from tracker.ui.away import AwayMonitor
from tracker.ui.testing import AWAY_SECONDS

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

TOKYO = ZoneInfo("Asia/Tokyo")
MIN = 60


def at(h: int, m: int = 0, day: int = 15) -> int:
    """A time on Wednesday 2023-11-15 (or another November day) in Tokyo."""
    return int(dt.datetime(2023, 11, day, h, m, tzinfo=TOKYO).timestamp())


class FakeIdle:
    name = "fake"
    available = True
    reason = ""

    def __init__(self) -> None:
        self.idle: float | None = 0.0

    def idle_seconds(self) -> float | None:
        return self.idle

    def locked(self) -> bool | None:
        return None

    def close(self) -> None:
        pass


class Harness:
    def __init__(self, service: TrackerService, clock: FakeClock, idle: FakeIdle) -> None:
        self.service, self.clock, self.idle = service, clock, idle
        self.app = App(service)
        self.notes: list[str] = []
        self.app.tray.notify = self._notify  # type: ignore[method-assign]
        self.app.start_away()

    def _notify(self, title: str, text: str, warning: bool = False) -> bool:
        self.notes.append(text)
        return True

    def minutes(self, n: int) -> None:
        """``n`` minute ticks of the app, the user at the keyboard."""
        for _ in range(n):
            self.clock.advance(MIN)
            self.app.tick()


@pytest.fixture
def make(qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.delenv(AWAY_SECONDS, raising=False)
    made: list[Harness] = []

    def build(start: int = at(9)) -> Harness:
        service, clock = make_service(tmp_path, start)
        idle = FakeIdle()
        monkeypatch.setattr(idle_dbus, "default_idle_source", lambda: idle)
        h = Harness(service, clock, idle)
        made.append(h)
        return h

    yield build
    for h in made:
        h.app.dispose()
        h.app.deleteLater()


def blocks(service: TrackerService) -> list[tuple[str, int, int | None]]:
    return [(b.kind.value, b.started_at, b.ended_at) for b in service.store.all_blocks()]


# -- end of day ---------------------------------------------------------------------------


def a_day_of_work(service: TrackerService) -> None:
    service.add_block(Kind.TASK, at(9), at(12), "月次決算")
    service.add_block(Kind.GROWTH, at(13), at(14), "RPA 勉強")


def test_end_of_day_notifies_and_opens_that_days_summary(make: Any) -> None:
    h = make(at(17, 59))
    a_day_of_work(h.service)
    h.app.reminders.end_of_day.start()
    h.app.reminders.end_of_day.check()
    assert h.notes == [] and "summary" not in h.app.windows.open
    h.clock.advance(90)
    h.app.reminders.end_of_day.check()
    assert h.notes == ["Day's end: growth ratio 25% (target 20%)."]
    summary = h.app.windows.open["summary"]
    assert summary.isVisible() and summary.day == dt.date(2023, 11, 15)  # type: ignore[attr-defined]
    h.minutes(5)
    h.app.reminders.end_of_day.check()
    assert len(h.notes) == 1  # once


def test_end_of_day_waits_for_the_user_to_come_back(make: Any) -> None:
    h = make(at(17, 59))
    a_day_of_work(h.service)
    h.app.reminders.end_of_day.start()
    h.idle.idle = 40 * MIN  # gone since 17:19
    h.clock.advance(90)
    h.app.reminders.end_of_day.check()
    h.minutes(10)
    assert h.notes == [] and "summary" not in h.app.windows.open
    h.idle.idle = 2.0  # back at 18:10
    h.minutes(1)
    assert h.notes == ["Day's end: growth ratio 25% (target 20%)."]
    assert h.app.windows.open["summary"].isVisible()


def test_no_end_of_day_prompt_for_a_day_without_tracking(make: Any) -> None:
    h = make(at(17, 59))
    h.app.reminders.end_of_day.start()
    h.clock.advance(90)
    h.app.reminders.end_of_day.check()
    h.minutes(3)
    assert h.notes == [] and "summary" not in h.app.windows.open


def test_clicking_the_end_of_day_note_opens_that_day(make: Any) -> None:
    h = make(at(17, 59))
    a_day_of_work(h.service)
    h.app.reminders.end_of_day.start()
    h.clock.advance(90)
    h.app.reminders.end_of_day.check()
    h.app.windows.open["summary"].show_day(dt.date(2023, 11, 1))  # type: ignore[attr-defined]
    h.app.notifier.message_clicked()
    assert h.app.windows.open["summary"].day == dt.date(2023, 11, 15)  # type: ignore[attr-defined]


# -- away monitor -------------------------------------------------------------------------


def test_the_away_monitor_follows_every_data_change(make: Any) -> None:
    h = make()
    away = h.app.away
    assert isinstance(away, AwayMonitor) and not away.timer.isActive()
    h.app.toggle()
    assert away.timer.isActive()  # a block runs: polling
    h.app.stop()
    assert not away.timer.isActive()
    cli = open_again(h.service, h.clock)
    cli.start(Kind.GROWTH, "from the terminal")
    h.app.watcher.poll()  # the CLI's change noticed
    assert away.timer.isActive()
    cli.set_setting("away_minutes", "0")
    h.app.watcher.poll()
    assert not away.timer.isActive()
    cli.store.close()


def test_a_settings_change_refreshes_the_away_monitor(make: Any) -> None:
    h = make()
    h.app.toggle()
    dialog = h.app.open_window("settings")
    dialog.away.setValue(0)  # type: ignore[attr-defined]
    assert not h.app.away.timer.isActive()
    dialog.away.setValue(10)  # type: ignore[attr-defined]
    assert h.app.away.timer.isActive()
    assert h.app.away.policy.threshold_s == 600


def test_a_click_after_a_long_absence_asks_about_it_first(
    make: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = make()
    asked: list[str] = []

    def ask(cls: Any, text: str, opened: Any = None) -> AwayChoice:
        asked.append(text)
        assert h.service.running() is not None  # asked before the click acts
        return AwayChoice.DISCARD

    monkeypatch.setattr(AwayMonitor, "ask", classmethod(ask))
    h.app.start_block(Kind.TASK, "payroll")
    h.clock.advance(2 * MIN)
    h.app.away.poll()
    h.clock.advance(40 * MIN)
    h.idle.idle = 40 * MIN  # no input since 09:02
    h.app.away.poll()
    assert h.service.away_since() == at(9, 2)
    h.idle.idle = 0.0  # the click on the icon
    h.app.toggle()
    assert asked == ["You were away 09:02–09:42 (40 min)"]
    assert h.notes == ["You were away 09:02–09:42 (40 min)"]  # the monitor's notification
    # the away span discarded, then the click switched to growth
    assert blocks(h.service) == [("task", at(9), at(9, 2)), ("growth", at(9, 42), None)]


def test_stop_after_a_long_absence_answered_stop_is_not_an_error(
    make: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = make()
    monkeypatch.setattr(AwayMonitor, "ask", classmethod(lambda cls, text, opened=None: None))
    h.app.start_block(Kind.TASK, "payroll")
    h.clock.advance(2 * MIN)
    h.app.away.poll()
    h.clock.advance(30 * MIN)
    h.idle.idle = 30 * MIN
    h.app.away.poll()
    h.idle.idle = 0.0
    h.app.stop()  # closing the question without an answer stops at when you left
    assert blocks(h.service) == [("task", at(9), at(9, 2))]
    assert h.notes == ["You were away 09:02–09:32 (30 min)"]  # and no "nothing is running"


# -- reminders ----------------------------------------------------------------------------


def test_untracked_reminder_once_per_gap(make: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    h = make()
    h.service.set_setting("remind_untracked", "20")
    h.minutes(19)
    assert h.notes == []
    h.minutes(1)
    assert h.notes == ["Nothing has been tracked since 09:00. Click here to start a block."]
    h.minutes(30)
    assert len(h.notes) == 1  # no nagging
    labels: list[Kind] = []
    monkeypatch.setattr(
        dialogs.QuickLabelDialog,
        "ask",
        classmethod(lambda cls, kind, recent: labels.append(kind) or "payroll"),
    )
    h.app.notifier.message_clicked()  # clicking the note opens the quick panel
    assert labels == [Kind.TASK] and h.service.running() is not None
    h.minutes(10)
    h.app.stop()  # 10:00
    h.minutes(25)
    assert h.notes[1:] == ["Nothing has been tracked since 10:00. Click here to start a block."]


def test_reminders_wait_while_the_user_is_away(make: Any) -> None:
    h = make()
    h.service.set_setting("remind_untracked", "20")
    h.idle.idle = 3600.0
    h.minutes(40)
    assert h.notes == []
    h.idle.idle = 1.0
    h.minutes(1)
    assert len(h.notes) == 1


def test_reminders_are_off_by_default(make: Any) -> None:
    h = make()
    h.minutes(8 * 60)
    h.app.start_block(Kind.TASK, "payroll")
    h.minutes(6 * 60)
    assert h.notes == []


def test_long_block_reminder(make: Any) -> None:
    h = make()
    h.service.set_setting("remind_long_block", "1")
    h.app.start_block(Kind.TASK, "請求書チェック")
    h.minutes(130)
    assert h.notes == [
        "Task · 請求書チェック has been running for 1:00. Time for a break, or a switch?",
        "Task · 請求書チェック has been running for 2:00. Time for a break, or a switch?",
    ]


def test_a_reminder_setting_made_in_the_cli_applies(make: Any) -> None:
    h = make()
    cli = open_again(h.service, h.clock)
    cli.set_setting("remind_untracked", "15")
    h.minutes(16)
    assert len(h.notes) == 1
    cli.store.close()


def test_new_reminder_settings_show_in_the_cli(run_cli: Any, db_path: Path) -> None:
    rc, out, _ = run_cli("config")
    assert rc == 0
    for line in (
        "remind_untracked = 0",
        "remind_long_block = 0",
        "work_hours = 09:00-18:00",
        "work_days = mon-fri",
    ):
        assert line in out.splitlines()
    assert run_cli("config", "work_days", "mon, wed - fri")[0] == 0
    assert run_cli("config", "work_days")[1].strip() == "mon,wed,thu,fri"
    rc, _, err = run_cli("config", "work_hours", "18:00-18:00")
    assert rc == 1 and "work_hours" in err and "Traceback" not in err


def test_a_tray_left_running_for_days_keeps_one_backup_per_day(make: Any, qtbot: Any) -> None:
    h = make(at(17, 30, day=15))
    h.service.start(Kind.TASK, "月次決算")
    db = h.service.store.path

    def daily() -> list[str]:  # daily copies are named <db>-YYYY-MM-DD.sqlite3
        return sorted(p.name for p in db.parent.glob(f"backups/{db.stem}-????-??-??.sqlite3"))

    def backed_up() -> None:  # the backup runs on a worker thread (one at a time)
        qtbot.waitUntil(lambda: h.app.backup.job is None, timeout=10_000)

    h.minutes(1)
    backed_up()
    first = daily()
    assert len(first) == 1 and "2023-11-15" in first[0]
    for _ in range(60):
        h.minutes(1)
        backed_up()
    assert daily() == first  # one per day, not one per minute
    h.minutes(24 * 60 - 1)
    backed_up()
    h.minutes(1)  # the first heartbeat after the last backup ran: a new day
    backed_up()
    later = daily()
    assert len(later) == 2 and "2023-11-16" in later[1]


def test_the_daily_backup_runs_off_the_gui_thread(
    make: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow backup (a large file, a slow disk) leaves the tray responsive: the GUI
    thread's timers keep firing while it runs, and the copy is still made."""
    import threading
    import time

    from PySide6.QtCore import QTimer

    h = make(at(17, 30, day=15))
    db = h.service.store.path
    threads: list[threading.Thread] = []
    real_backup = TrackerService.daily_backup

    def slow_backup(self: TrackerService) -> Path | None:
        threads.append(threading.current_thread())
        time.sleep(0.4)  # the file check and the copy of a large database
        return real_backup(self)

    monkeypatch.setattr(TrackerService, "daily_backup", slow_backup)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    h.app.backup.run()
    assert h.app.backup.job is not None  # under way, and run() has returned already
    qtbot.waitUntil(lambda: h.app.backup.job is None, timeout=10_000)
    timer.stop()
    assert threads and threads[0] is not threading.main_thread()
    assert len(ticks) >= 8  # ~20 expected in 0.4 s; a blocked GUI thread would have none
    assert list(db.parent.glob(f"backups/{db.stem}-2023-11-15.sqlite3"))
