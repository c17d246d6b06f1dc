"""AwayMonitor on a real database with a fake idle source and a fake clock (offscreen).

The monitor is driven by calling ``poll()`` as its timer would; the question dialog is
replaced through the ``ask`` classmethod, except in the tests of the dialog itself.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from tray_support import make_service

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind, Source, TrackerError
from tracker.service import AwayChoice, TrackerService
from tracker.ui.away import AwayDialog, AwayMonitor
from tracker.ui.testing import AWAY_SECONDS

MIN = 60
# the offscreen platform cannot size message boxes from hints; irrelevant here
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


class FakeIdle:
    name = "fake"
    available = True
    reason = ""

    def __init__(self) -> None:
        self.idle: float | None = 0.0
        self.is_locked: bool | None = None
        self.closed = False

    def idle_seconds(self) -> float | None:
        return self.idle

    def locked(self) -> bool | None:
        return self.is_locked

    def close(self) -> None:
        self.closed = True


class Harness:
    def __init__(self, service: TrackerService, clock: FakeClock, idle: FakeIdle) -> None:
        self.service, self.clock, self.idle = service, clock, idle
        self.monitor = AwayMonitor(service, idle_source=idle)
        self.asked: list[str] = []
        self.notes: list[tuple[str, str]] = []
        self.changes = 0
        self.monitor.notify.connect(lambda title, text: self.notes.append((title, text)))
        self.monitor.blocks_changed.connect(self._changed)

    def _changed(self) -> None:
        self.changes += 1

    def run(self, seconds: int, touch_at: int | None = None) -> None:
        """Poll every 10 s; the user touches the machine ``touch_at`` seconds in."""
        for elapsed in range(10, seconds + 1, 10):
            self.clock.advance(10)
            if touch_at is not None and elapsed - 10 < touch_at <= elapsed:
                self.idle.idle = float(elapsed - touch_at)
            else:
                assert self.idle.idle is not None
                self.idle.idle += 10
            self.monitor.poll()

    def blocks(self) -> list[tuple[str, int, int | None]]:
        t0 = START
        return [
            (
                b.kind.value,
                (b.started_at - t0) // MIN,
                None if b.ended_at is None else (b.ended_at - t0) // MIN,
            )
            for b in self.service.store.all_blocks()
        ]


START = 1_700_006_400  # 09:00 in Tokyo


@pytest.fixture
def harness(qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Harness:
    monkeypatch.delenv(AWAY_SECONDS, raising=False)
    service, clock = make_service(tmp_path, START)
    return Harness(service, clock, FakeIdle())


def answer(monkeypatch: pytest.MonkeyPatch, h: Harness, choice: AwayChoice | None) -> None:
    def ask(cls: Any, text: str, opened: Any = None) -> AwayChoice | None:
        h.asked.append(text)
        return choice

    monkeypatch.setattr(AwayMonitor, "ask", classmethod(ask))


def leave_for_47_minutes(h: Harness) -> None:
    """Work 4 min, leave (no input) until 09:51, touch the mouse at 09:51."""
    h.service.start(Kind.TASK, "payroll", source=Source.TRAY)
    h.monitor.start()
    h.run(4 * MIN, touch_at=4 * MIN)  # last input at 09:04
    h.run(10 * MIN)
    assert h.service.away_since() == START + 4 * MIN  # remembered (CLI status shows it)
    h.run(37 * MIN + 10, touch_at=37 * MIN)  # back at 09:51


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (AwayChoice.DISCARD, [("task", 0, 4), ("task", 51, None)]),
        (AwayChoice.KEEP_AS_TASK, [("task", 0, 4), ("task", 4, 51), ("task", 51, None)]),
        (AwayChoice.KEEP_AS_GROWTH, [("task", 0, 4), ("growth", 4, 51), ("task", 51, None)]),
        (AwayChoice.STOP, [("task", 0, 4)]),
        (None, [("task", 0, 4)]),  # closed without an answer: stop at when you left
    ],
)
def test_each_answer_sets_the_blocks_right(
    harness: Harness,
    monkeypatch: pytest.MonkeyPatch,
    choice: AwayChoice | None,
    expected: list[tuple[str, int, int | None]],
) -> None:
    answer(monkeypatch, harness, choice)
    leave_for_47_minutes(harness)
    assert harness.asked == ["You were away 09:04–09:51 (47 min)"]
    assert harness.notes == [("Welcome back", "You were away 09:04–09:51 (47 min)")]
    assert harness.blocks() == expected
    assert harness.service.away_since() is None
    assert harness.changes == 1
    assert harness.monitor.timer.isActive() == (expected[-1][2] is None)


def test_below_the_threshold_nothing_is_asked(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch, harness, AwayChoice.DISCARD)
    harness.service.start(Kind.GROWTH, source=Source.TRAY)
    harness.monitor.start()
    harness.run(4 * MIN + 40)  # idle 280 s
    harness.run(60, touch_at=15)  # 290 s, then input: never reached 300 s
    assert harness.asked == [] and harness.service.away_since() is None
    assert harness.blocks() == [("growth", 0, None)]


def test_threshold_zero_turns_it_off(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    answer(monkeypatch, harness, AwayChoice.DISCARD)
    harness.service.set_setting("away_minutes", "0")
    harness.service.start(Kind.TASK, source=Source.TRAY)
    harness.monitor.start()
    assert not harness.monitor.timer.isActive()
    harness.run(120 * MIN)
    harness.run(20, touch_at=10)
    assert harness.asked == [] and harness.blocks() == [("task", 0, None)]


def test_timer_runs_only_while_a_block_runs(harness: Harness) -> None:
    harness.monitor.start()
    assert not harness.monitor.timer.isActive()
    harness.service.start(Kind.TASK, source=Source.TRAY)
    harness.monitor.refresh()
    assert harness.monitor.timer.isActive()
    assert harness.monitor.timer.interval() == 10_000  # 5 min threshold: every 10 s
    harness.service.stop()
    harness.monitor.refresh()
    assert not harness.monitor.timer.isActive()


def test_sleep_is_away_from_the_last_poll(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch, harness, AwayChoice.KEEP_AS_GROWTH)
    harness.service.start(Kind.TASK, source=Source.TRAY)
    harness.monitor.start()
    harness.run(2 * MIN, touch_at=2 * MIN)
    harness.clock.set(START + 2 * MIN + 3 * 3600)  # suspended 3 hours
    harness.clock.advance(5)
    harness.idle.idle = 1.0  # woke it with a key
    harness.monitor.poll()
    assert harness.blocks() == [("task", 0, 2), ("growth", 2, 182), ("task", 182, None)]


def test_quit_while_away_ends_the_block_when_you_left(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch, harness, AwayChoice.DISCARD)
    harness.service.start(Kind.TASK, source=Source.TRAY)
    harness.monitor.start()
    harness.run(3 * MIN, touch_at=3 * MIN)
    harness.run(20 * MIN)  # gone, not back yet
    harness.monitor.shutdown()
    assert harness.blocks() == [("task", 0, 3)]
    assert harness.idle.closed and harness.asked == []


def test_quit_with_the_dialog_open_ends_the_block_when_you_left(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    def ask(cls: Any, text: str, opened: Any = None) -> AwayChoice:
        harness.monitor.shutdown()  # the app quits while the question is shown
        return AwayChoice.DISCARD  # the answer comes too late to count

    monkeypatch.setattr(AwayMonitor, "ask", classmethod(ask))
    leave_for_47_minutes(harness)
    assert harness.blocks() == [("task", 0, 4)]
    assert harness.service.running() is None


def test_restart_while_away_asks_on_return(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    answer(monkeypatch, harness, AwayChoice.DISCARD)
    harness.service.start(Kind.TASK, source=Source.TRAY)
    harness.monitor.start()
    harness.run(MIN, touch_at=MIN)
    harness.run(10 * MIN)
    harness.monitor.stop = lambda: None  # type: ignore[method-assign]  # a crash: no stop()
    fresh = AwayMonitor(harness.service, idle_source=harness.idle)
    harness.monitor = fresh
    fresh.start()
    harness.run(20, touch_at=10)
    assert harness.asked == ["You were away 09:01–09:11 (10 min)"]
    assert harness.blocks() == [("task", 0, 1), ("task", 11, None)]


def test_env_seconds_threshold_polls_faster(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(AWAY_SECONDS, "2")
    harness.service.start(Kind.TASK, source=Source.TRAY)
    harness.monitor.start()
    assert harness.monitor.policy.threshold_s == 2
    assert harness.monitor.timer.interval() == 500


# -- the tray used while the question is open -------------------------------------------


class AppHarness(Harness):
    """The whole tray app around the monitor: its clicks go through ``App``."""

    def __init__(self, service: TrackerService, clock: FakeClock, idle: FakeIdle) -> None:
        from tracker.ui.app import App

        self.service, self.clock, self.idle = service, clock, idle
        self.asked, self.notes, self.changes = [], [], 0
        self.app = App(service)
        self.app.tray.notify = lambda text, *a, **k: self.notes.append(("", text))  # type: ignore[method-assign]
        self.app.start_away()
        assert self.app.away is not None
        self.monitor = self.app.away


@pytest.fixture
def app_harness(qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppHarness]:
    from tracker.ui import idle_dbus

    monkeypatch.delenv(AWAY_SECONDS, raising=False)
    service, clock = make_service(tmp_path, START)
    idle = FakeIdle()
    monkeypatch.setattr(idle_dbus, "default_idle_source", lambda: idle)
    h = AppHarness(service, clock, idle)
    yield h
    h.app.dispose()
    h.app.deleteLater()


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (AwayChoice.DISCARD, [("task", 0, 4), ("task", 51, None)]),
        (AwayChoice.KEEP_AS_GROWTH, [("task", 0, 4), ("growth", 4, 51), ("task", 51, None)]),
        (AwayChoice.STOP, [("task", 0, 4)]),
    ],
)
def test_tray_clicks_wait_while_the_question_is_open(
    app_harness: AppHarness,
    monkeypatch: pytest.MonkeyPatch,
    choice: AwayChoice,
    expected: list[tuple[str, int, int | None]],
) -> None:
    h = app_harness
    raised: list[AwayDialog] = []

    def ask(cls: Any, text: str, opened: Any = None) -> AwayChoice:
        dialog = AwayDialog(text)
        opened(dialog)  # the real monitor keeps it, to raise it
        monkeypatch.setattr(dialog, "raise_", lambda: raised.append(dialog))
        h.clock.advance(60)
        assert h.app.away is not None and h.app.away.asking
        h.app.toggle()  # the user clicks the tray icon before answering ...
        h.app.switch_to(Kind.GROWTH)
        h.app.start_block(Kind.GROWTH, "RPA")
        h.app.stop()
        assert h.service.running() is not None and h.service.running().kind is Kind.TASK  # type: ignore[union-attr]
        assert len(raised) == 4  # ... each click brings the question to the front instead
        dialog.deleteLater()
        return choice

    monkeypatch.setattr(AwayMonitor, "ask", classmethod(ask))
    h.app.start_block(Kind.TASK, "payroll")
    h.run(4 * MIN, touch_at=4 * MIN)
    h.run(10 * MIN)
    h.run(37 * MIN + 10, touch_at=37 * MIN)
    assert not h.monitor.asking
    assert h.blocks() == expected  # the task block ends when the user left
    assert h.service.away_since() is None
    if expected[-1][2] is None:
        h.app.toggle()  # answered: the tray works again
        assert h.service.running().kind is Kind.GROWTH  # type: ignore[union-attr]


@pytest.mark.parametrize("choice", [AwayChoice.DISCARD, AwayChoice.STOP])
def test_an_answer_never_applies_to_a_block_switched_elsewhere(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, choice: AwayChoice
) -> None:
    """Another way round the tray (the CLI) switched while the question was open."""

    def ask(cls: Any, text: str, opened: Any = None) -> AwayChoice:
        harness.clock.advance(60)
        harness.service.switch(source=Source.CLI)
        return choice

    monkeypatch.setattr(AwayMonitor, "ask", classmethod(ask))
    leave_for_47_minutes(harness)
    # the growth block the user switched to is left alone (neither ended nor deleted)
    assert harness.blocks() == [("task", 0, 52), ("growth", 52, None)]
    assert harness.service.away_since() is None
    title, text = harness.notes[-1]
    assert title == "Away time not changed"
    assert text.startswith("the away time was not changed: the block that ran when you left")


def test_the_log_of_an_unsettled_away_span_holds_no_label(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Privacy: the refusal's text names the block (its label); the log gets the code."""

    def ask(cls: Any, text: str, opened: Any = None) -> AwayChoice:
        harness.clock.advance(60)
        harness.service.switch(Kind.GROWTH, "人事評価の下書き", source=Source.CLI)
        return AwayChoice.STOP

    monkeypatch.setattr(AwayMonitor, "ask", classmethod(ask))
    with caplog.at_level("WARNING", logger="tracker"):
        leave_for_47_minutes(harness)
    assert "人事評価の下書き" in harness.notes[-1][1]  # the user is told which block
    (record,) = [r for r in caplog.records if "away span" in r.getMessage()]
    assert record.getMessage().startswith("away span not settled (")
    logged = caplog.text
    assert "payroll" not in logged and "人事評価" not in logged


def test_the_service_refuses_an_answer_about_another_block(
    harness: Harness,
) -> None:
    service, clock = harness.service, harness.clock
    first = service.start(Kind.TASK, "payroll", source=Source.TRAY)
    clock.advance(60 * MIN)
    service.mark_away(START + 10 * MIN)
    service.switch(source=Source.TRAY)
    with pytest.raises(TrackerError, match="block 1, which ran when you left"):
        service.resolve_away(
            AwayChoice.DISCARD, START + 10 * MIN, START + 50 * MIN, block_id=first.id
        )
    assert service.away_since() is None and service.store.settings()["away_since"] == ""
    assert harness.blocks() == [("task", 0, 60), ("growth", 60, None)]


@pytest.mark.parametrize(
    ("key", "choice"),
    [(Qt.Key.Key_Return, AwayChoice.DISCARD), (Qt.Key.Key_Escape, AwayChoice.STOP)],
)
def test_dialog_keyboard(qtbot: QtBot, key: Qt.Key, choice: AwayChoice) -> None:
    boxes: list[QMessageBox] = []

    def opened(box: QMessageBox) -> None:
        boxes.append(box)
        # box as the context: the timer dies with the dialog, never firing in a later test
        QTimer.singleShot(50, box, lambda: qtbot.keyClick(box, key))

    assert AwayMonitor.ask("You were away 12:04–12:51 (47 min)", opened) is choice
    assert boxes[0].text() == "You were away 12:04–12:51 (47 min)"


def test_dialog_buttons(qtbot: QtBot) -> None:
    box = AwayDialog("You were away 12:04–12:51 (47 min)")
    qtbot.addWidget(box)
    texts = [box.buttons_by_choice[c].text() for c in AwayChoice]
    assert texts == ["Discard", "Keep as task", "Keep as growth", "Stop tracking"]
    assert box.defaultButton() is box.buttons_by_choice[AwayChoice.DISCARD]
    box.show()
    qtbot.mouseClick(box.buttons_by_choice[AwayChoice.KEEP_AS_GROWTH], Qt.MouseButton.LeftButton)
    assert box.choice() is AwayChoice.KEEP_AS_GROWTH
