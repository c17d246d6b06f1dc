"""The away policy: leaving, returning, sleep gaps, clock jumps, lock and threshold 0."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.away import AwayPolicy, Left, Returned, Sample
from tracker.domain.clock import FakeClock

T0 = 1_700_006_400
POLL = 10


class Feed:
    """Drives a policy like the monitor does: a fake clock and an idle counter."""

    def __init__(self, threshold_s: float = 300, started: int = T0 - 3600) -> None:
        self.clock = FakeClock(T0)
        self.policy = AwayPolicy(threshold_s, POLL)
        self.started: int | None = started
        self.idle = 0.0
        self.locked: bool | None = None

    def sample(self) -> Left | Returned | None:
        c = self.clock
        return self.policy.observe(
            Sample(c.now(), c.monotonic(), self.idle, self.started, self.locked)
        )

    def wait(self, seconds: int, touch_at: int | None = None) -> list[Left | Returned]:
        """Poll every 10 s for ``seconds``; input at ``touch_at`` seconds in, if given."""
        events = []
        for elapsed in range(POLL, seconds + 1, POLL):
            self.clock.advance(POLL)
            if touch_at is not None and elapsed - POLL < touch_at <= elapsed:
                self.idle = float(elapsed - touch_at)
            else:
                self.idle += POLL
            event = self.sample()
            if event is not None:
                events.append(event)
        return events


def test_below_the_threshold_nothing_happens() -> None:
    f = Feed()
    assert f.sample() is None
    assert f.wait(290) == []
    assert not f.policy.away


def test_leaving_is_reported_once_at_the_last_input() -> None:
    f = Feed()
    f.sample()
    events = f.wait(600)
    assert events == [Left(T0 + 300 - 300 + 0)]  # idle reached 300 at T0+300: left at T0
    assert f.policy.left_at == T0


def test_returning_reports_the_span_from_last_input_to_new_input() -> None:
    f = Feed()
    f.sample()
    f.wait(600)
    events = f.wait(30, touch_at=15)
    assert events == [Returned(T0, T0 + 615)]
    assert not f.policy.away
    assert f.wait(100) == []  # present again: no new event until idle reaches the threshold


def test_threshold_zero_is_off() -> None:
    f = Feed(threshold_s=0)
    f.sample()
    assert f.wait(7200) == []
    f.clock.advance(3 * 3600)  # even a long sleep
    assert f.sample() is None


def test_nothing_running_forgets_the_away_state() -> None:
    f = Feed()
    f.sample()
    f.wait(600)
    f.started = None
    assert f.sample() is None
    assert not f.policy.away


def test_never_left_before_the_block_started() -> None:
    f = Feed(started=T0 - 60)
    f.idle = 900.0  # the user was already gone when the block was started from the CLI
    assert f.sample() == Left(T0 - 60)


def test_linux_suspend_wall_jumps_monotonic_stands_still() -> None:
    f = Feed()
    f.sample()
    # Suspended 5 s after the sample for an hour; the monotonic clock (and the X idle
    # counter) stood still meanwhile. A key press woke it; the poll comes 5 s later.
    f.clock.advance(5)
    f.clock.set(T0 + 5 + 3600)
    f.clock.advance(5)
    f.idle = 5.0
    assert f.sample() == Returned(T0, T0 + 3605)


def test_windows_sleep_both_clocks_jump() -> None:
    f = Feed()
    f.sample()
    f.clock.advance(3600)  # the monotonic clock counted the sleep too
    f.idle = 1.0
    assert f.sample() == Returned(T0, T0 + 3599)


def test_sleep_without_input_on_wake_waits_for_the_user() -> None:
    f = Feed()
    f.idle = 3.0
    f.sample()
    f.clock.set(T0 + 3600)  # woken by a timer; the idle counter excludes the suspend
    f.clock.advance(POLL)
    f.idle = 3.0 + POLL
    assert f.sample() == Left(T0)
    assert f.wait(60) == []
    assert f.wait(20, touch_at=5) == [Returned(T0, T0 + 3600 + POLL + 60 + 5)]


def test_sleep_with_no_idle_source_counts_the_wake_as_return() -> None:
    policy = AwayPolicy(300, POLL)
    assert policy.observe(Sample(T0, 1000.0, None, T0 - 60)) is None
    assert policy.observe(Sample(T0 + 10, 1010.0, None, T0 - 60)) is None
    assert policy.observe(Sample(T0 + 1800, 1020.0, None, T0 - 60)) == Returned(T0 + 10, T0 + 1800)


def test_short_gap_is_not_sleep() -> None:
    f = Feed()
    f.sample()
    f.clock.set(T0 + 25)  # a slow poll or NTP step: below 3 polls and the threshold
    assert f.sample() is None


def test_clock_jump_forward_while_present_is_asked_about() -> None:
    f = Feed()
    f.sample()
    f.clock.advance(POLL)
    f.clock.set(f.clock.now() + 7200)  # set forward by hand, user at the keyboard
    f.idle = 0.5
    event = f.sample()
    assert isinstance(event, Returned)
    assert event.left_at == T0  # Discard then removes the phantom two hours


def test_clock_jump_backwards_is_not_sleep_and_spans_stay_non_negative() -> None:
    f = Feed()
    f.sample()
    f.wait(600)  # away since T0
    f.clock.set(T0 - 1800)  # the clock is set back 40 minutes
    f.clock.advance(POLL)
    f.idle = 1.0  # and the user is back
    event = f.sample()
    assert isinstance(event, Returned)
    assert event.left_at == T0
    assert event.returned_at >= event.left_at


def test_clock_behind_the_block_start_says_nothing() -> None:
    f = Feed(started=T0)
    f.sample()
    f.clock.set(T0 - 3600)
    f.idle = 9999.0
    assert f.sample() is None


def test_lock_counts_from_the_lock_and_blocks_the_return() -> None:
    f = Feed()
    f.sample()
    f.clock.advance(POLL)
    f.locked, f.idle = True, 1.0  # locked right after the last input (Win+L)
    assert f.sample() is None
    f.wait(120, touch_at=60)  # wiggling the mouse on the lock screen
    assert not f.policy.away
    events = f.wait(300)
    assert events == [Left(T0 + POLL - 1)]
    f.locked = False
    assert f.wait(10, touch_at=5) == [Returned(T0 + 9, T0 + POLL + 420 + 5)]


def test_restore_after_restart_returns_on_first_input() -> None:
    f = Feed()
    f.policy.restore(T0 - 1200)
    f.idle = 4.0
    assert f.sample() == Returned(T0 - 1200, T0 - 4)


def test_restore_with_user_still_away_waits() -> None:
    f = Feed()
    f.policy.restore(T0 - 1200)
    f.idle = 1200.0
    assert f.sample() is None
    assert f.wait(20, touch_at=15) == [Returned(T0 - 1200, T0 + 15)]


@given(
    steps=st.lists(
        st.tuples(
            st.integers(min_value=-7200, max_value=7200),  # wall step
            st.floats(min_value=0, max_value=7200),  # monotonic step
            st.one_of(st.none(), st.floats(min_value=0, max_value=20_000)),
            st.one_of(st.none(), st.booleans()),
        ),
        max_size=30,
    ),
    threshold=st.sampled_from([0, 60, 300]),
)
def test_spans_are_never_negative_nor_before_the_block(
    steps: list[tuple[int, float, float | None, bool | None]], threshold: int
) -> None:
    started = T0 - 600
    policy = AwayPolicy(threshold, POLL)
    now, mono = T0, 1000.0
    for wall_step, mono_step, idle, locked in steps:
        now += wall_step
        mono += mono_step
        event = policy.observe(Sample(now, mono, idle, started, locked))
        if isinstance(event, Left):
            assert started <= event.left_at <= now
        if isinstance(event, Returned):
            assert started <= event.left_at <= event.returned_at
            assert threshold > 0
