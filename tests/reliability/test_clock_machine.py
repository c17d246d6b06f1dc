"""The wall clock jumps backwards and forwards while tracking (NTP, a manual change, sleep).

A hypothesis state machine drives the tray's use cases (start / switch / stop / heartbeat /
recover) and clock jumps over a real SQLite file and checks, after every step: no negative
or zero-length block, no overlap, at most one running, and no phantom time — no block
reaches past the latest instant the clock ever showed, and the tracked total never
exceeds the wall time that passed while the clock was read.
"""

from __future__ import annotations

import contextlib
import itertools
import shutil
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind, Source, TrackerError
from tracker.service import RecoveryChoice, TrackerService
from tracker.store import Store

START = 1_700_006_400


class ClockJumps(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="gt-clock-"))
        self.store = Store(self.folder / "t.db")
        self.clock = FakeClock(START)
        self.service = TrackerService(self.store, self.clock, ZoneInfo("Asia/Tokyo"))
        self.latest_seen = START  # the latest instant the clock ever showed
        self.forward_s = 0  # wall time that really passed (monotonic)

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _tick(self, seconds: int) -> None:
        self.clock.advance(seconds)
        self.forward_s += seconds
        self.latest_seen = max(self.latest_seen, self.clock.now())

    @rule(seconds=st.sampled_from([0, 1, 5, 59, 60, 600, 3600]))
    def time_passes(self, seconds: int) -> None:
        self._tick(seconds)

    @rule(jump=st.integers(-3 * 86400, 3 * 86400))
    def clock_jumps(self, jump: int) -> None:
        self.clock.set(self.clock.now() + jump)
        self.latest_seen = max(self.latest_seen, self.clock.now())

    @rule(kind=st.sampled_from(Kind), source=st.sampled_from([Source.TRAY, Source.CLI]))
    def start(self, kind: Kind, source: Source) -> None:
        self.service.start(kind, source=source)

    @rule(kind=st.none() | st.sampled_from(Kind))
    def switch(self, kind: Kind | None) -> None:
        self.service.switch(kind, source=Source.TRAY)

    @precondition(lambda self: self.service.running() is not None)
    @rule()
    def stop(self) -> None:
        self.service.stop()

    @rule()
    def heartbeat(self) -> None:
        self.service.heartbeat()

    @rule(choice=st.sampled_from(RecoveryChoice))
    def crash_and_recover(self, choice: RecoveryChoice) -> None:
        self.store.close()
        self.store = Store(self.folder / "t.db")
        self.service = TrackerService(self.store, self.clock, ZoneInfo("Asia/Tokyo"))
        self.service.recover(choice)

    @rule(minutes_ago=st.integers(-30, 600))
    def stop_at(self, minutes_ago: int) -> None:
        """``stop --at`` a typed time: refused (never forced) when it does not fit."""
        if self.service.running() is None:
            return
        with contextlib.suppress(TrackerError):
            self.service.stop(at=self.clock.now() - minutes_ago * 60)

    @invariant()
    def blocks_are_sound(self) -> None:
        blocks = self.store.all_blocks()
        assert sum(b.ended_at is None for b in blocks) <= 1
        for b in blocks:
            assert b.ended_at is None or b.ended_at > b.started_at, b
            assert b.started_at <= self.latest_seen, f"{b} starts after any clock reading"
            assert (b.ended_at or b.started_at) <= self.latest_seen, f"phantom end: {b}"
            assert b.last_seen_at is None or b.started_at <= b.last_seen_at <= self.latest_seen
        for a, b in itertools.pairwise(blocks):
            assert a.ended_at is not None and a.ended_at <= b.started_at, (a, b)

    @invariant()
    def no_phantom_time(self) -> None:
        """The tracked total is bounded by the span of clock readings (a clock set back
        can only make blocks shorter, never add hours)."""
        blocks = self.store.all_blocks()
        if blocks:
            total = sum(b.end_or(self.latest_seen) - b.started_at for b in blocks)
            assert total <= self.latest_seen - blocks[0].started_at


TestClockJumps = ClockJumps.TestCase
TestClockJumps.settings = settings(
    max_examples=60,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
pytestmark = pytest.mark.slow
