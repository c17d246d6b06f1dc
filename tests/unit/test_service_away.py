"""Service use cases for away time on a real SQLite file: each choice, clamping, status."""

from __future__ import annotations

import json

import pytest

from tracker.domain.clock import FakeClock, SystemClock
from tracker.domain.model import Kind, Source
from tracker.domain.timeparse import clock_text
from tracker.service import AwayChoice, TrackerService

MIN = 60


def spans(service: TrackerService) -> list[tuple[str, str, int, int | None]]:
    return [(b.kind.value, b.label, b.started_at, b.ended_at) for b in service.store.all_blocks()]


@pytest.fixture
def away(service: TrackerService, fake_clock: FakeClock) -> tuple[int, int, int]:
    """Task 'payroll' from t0; left at t0+60 min; back at t0+107 min; now t0+108 min."""
    t0 = fake_clock.now()
    service.start(Kind.TASK, "payroll", source=Source.TRAY)
    fake_clock.advance(108 * MIN)
    left, back = t0 + 60 * MIN, t0 + 107 * MIN
    service.mark_away(left)
    return t0, left, back


def test_mark_and_clear(service: TrackerService, away: tuple[int, int, int]) -> None:
    _, left, _ = away
    assert service.away_since() == left
    service.clear_away()
    assert service.away_since() is None


def test_away_mark_is_stale_once_the_block_ended(
    service: TrackerService, away: tuple[int, int, int]
) -> None:
    service.stop()
    assert service.away_since() is None
    service.start(Kind.GROWTH)
    assert service.away_since() is None  # a later block is not the one the user left


def test_discard_ends_at_left_and_resumes_at_return(
    service: TrackerService, away: tuple[int, int, int]
) -> None:
    t0, left, back = away
    outcome = service.resolve_away(AwayChoice.DISCARD, left, back)
    assert spans(service) == [("task", "payroll", t0, left), ("task", "payroll", back, None)]
    assert outcome.away is None
    assert outcome.resumed is not None and outcome.resumed.source is Source.TRAY
    assert outcome.resumed.last_seen_at == back  # the tray heartbeats it from now on
    assert service.away_since() is None


@pytest.mark.parametrize(
    ("choice", "kind", "label"),
    [(AwayChoice.KEEP_AS_TASK, "task", "payroll"), (AwayChoice.KEEP_AS_GROWTH, "growth", "")],
)
def test_keep_makes_the_span_its_own_block(
    service: TrackerService,
    away: tuple[int, int, int],
    choice: AwayChoice,
    kind: str,
    label: str,
) -> None:
    t0, left, back = away
    outcome = service.resolve_away(choice, left, back)
    assert spans(service) == [
        ("task", "payroll", t0, left),
        (kind, label, left, back),
        ("task", "payroll", back, None),
    ]
    assert outcome.away is not None and outcome.away.source is Source.MANUAL
    # no second is lost: the three blocks cover t0..now without gaps
    today = service.status().today
    assert today.task_s + today.growth_s == 108 * MIN


def test_stop_ends_at_left_and_nothing_runs(
    service: TrackerService, away: tuple[int, int, int]
) -> None:
    t0, left, back = away
    outcome = service.resolve_away(AwayChoice.STOP, left, back)
    assert spans(service) == [("task", "payroll", t0, left)]
    assert outcome.resumed is None and service.running() is None
    assert service.away_since() is None


def test_left_before_the_block_started_is_clamped(
    service: TrackerService, away: tuple[int, int, int]
) -> None:
    t0, _, back = away
    service.resolve_away(AwayChoice.KEEP_AS_GROWTH, t0 - 3600, back)
    # the running block's whole span up to the return becomes growth; it had no time left
    assert spans(service) == [("growth", "", t0, back), ("task", "payroll", back, None)]


def test_clock_set_backwards_keeps_what_the_tray_saw(
    service: TrackerService, fake_clock: FakeClock, away: tuple[int, int, int]
) -> None:
    t0, left, back = away
    service.heartbeat()  # the tray saw the block alive at t0+108 min
    fake_clock.set(t0 + 30 * MIN)  # then the clock is set back before the departure
    service.resolve_away(AwayChoice.DISCARD, left, back)
    assert spans(service) == [("task", "payroll", t0, left), ("task", "payroll", back, None)]


def test_clock_set_backwards_without_heartbeat_never_makes_negative_spans(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    t0 = fake_clock.now()
    service.start(Kind.TASK, "payroll")  # from the CLI: no heartbeat
    fake_clock.set(t0 + 30 * MIN)
    service.resolve_away(AwayChoice.KEEP_AS_GROWTH, t0 + 60 * MIN, t0 + 90 * MIN)
    # the span is clamped to the clock: it has no length, so nothing changes
    assert spans(service) == [("task", "payroll", t0, None)]
    assert service.away_since() is None


def test_zero_span_changes_nothing(service: TrackerService, away: tuple[int, int, int]) -> None:
    t0, left, _ = away
    service.resolve_away(AwayChoice.KEEP_AS_GROWTH, left, left)
    assert spans(service) == [("task", "payroll", t0, None)]
    assert service.away_since() is None


def test_nothing_running_only_forgets(service: TrackerService, away: tuple[int, int, int]) -> None:
    _, left, back = away
    service.stop()
    before = spans(service)
    outcome = service.resolve_away(AwayChoice.DISCARD, left, back)
    assert outcome.ended is None and outcome.resumed is None
    assert spans(service) == before


def test_cli_status_shows_away_since(
    run_cli,  # type: ignore[no-untyped-def]
    make_service,
) -> None:
    assert run_cli("start", "task")[0] == 0
    rc, out, _ = run_cli("status", "--json")
    assert rc == 0 and "away_since" not in json.loads(out)
    service = make_service(clock=SystemClock())
    running = service.running()
    assert running is not None
    service.mark_away(running.started_at)
    rc, out, _ = run_cli("status", "--json")
    assert json.loads(out)["away_since"] == service.iso(running.started_at)
    assert service.iso(running.started_at).endswith("+09:00")
    rc, out, _ = run_cli("status")
    assert f"Away since {clock_text(running.started_at, service.tz)}" in out
