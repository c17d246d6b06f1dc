"""What a tray click does: continue where you were (docs/architecture.md §7)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind, Source
from tracker.service import PendingWriteError, TrackerService

TASK, GROWTH = Kind.TASK, Kind.GROWTH


def test_an_empty_file_starts_an_unlabelled_task(service: TrackerService) -> None:
    assert service.click_plan() == (TASK, "")
    block = service.click()
    assert (block.kind, block.label, block.running, block.source) == (TASK, "", True, Source.TRAY)


def test_idle_click_continues_the_last_block_kind_and_label(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    service.start(TASK, "月次決算")
    fake_clock.advance(600)
    service.start(GROWTH, "RPA 勉強")
    fake_clock.advance(600)
    service.stop()
    fake_clock.advance(300)
    block = service.click()
    assert (block.kind, block.label, block.started_at) == (GROWTH, "RPA 勉強", fake_clock.now())


def test_a_switch_takes_the_other_kind_s_latest_label(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    service.start(TASK, "経費精算")
    fake_clock.advance(60)
    service.start(TASK, "請求書")
    fake_clock.advance(60)
    service.start(GROWTH, "Excel VBA")
    fake_clock.advance(60)
    service.start(TASK, "")  # an unlabelled block does not hide the labels before it
    fake_clock.advance(60)
    assert service.click().label == "Excel VBA"
    fake_clock.advance(60)
    flipped = service.click()
    assert (flipped.kind, flipped.label) == (TASK, "請求書")


def test_click_label_empty_starts_unlabelled(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    service.set_setting("click_label", "empty")
    service.start(GROWTH, "RPA 勉強")
    fake_clock.advance(60)
    service.start(TASK, "請求書")
    fake_clock.advance(60)
    assert (service.click().kind, service.running().label) == (GROWTH, "")  # type: ignore[union-attr]
    fake_clock.advance(60)
    service.stop()
    fake_clock.advance(60)
    assert service.click_plan() == (GROWTH, "")


def test_the_cli_switch_keeps_its_contract_an_empty_label(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    service.start(GROWTH, "RPA 勉強")
    fake_clock.advance(60)
    service.stop()
    fake_clock.advance(60)
    assert service.switch().label == ""  # docs/architecture.md §6: "empty if not given"


def test_the_click_s_own_instant_is_kept(service: TrackerService, fake_clock: FakeClock) -> None:
    service.start(TASK, "請求書")
    fake_clock.advance(60)
    clicked = fake_clock.now()
    fake_clock.advance(1)  # the double-click interval has run out
    block = service.click(at=clicked)
    assert block.started_at == clicked
    assert service.store.all_blocks()[0].ended_at == clicked


def test_a_click_instant_before_a_block_started_meanwhile_lands_after_it(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    clicked = fake_clock.now()
    fake_clock.advance(1)
    service.start(GROWTH, "CLI")  # the CLI started a block inside the interval
    fake_clock.advance(1)
    block = service.click(at=clicked)
    assert (block.kind, block.started_at) == (TASK, fake_clock.now())
    assert [b.kind for b in service.store.all_blocks()] == [GROWTH, TASK]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.integers(0, 3), st.integers(-5, 120)), max_size=12))
def test_clicks_at_any_instants_keep_blocks_sane(
    make_service, tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[int, int]]
) -> None:
    clock = FakeClock(1_800_000_000)
    path: Path = tmp_path_factory.mktemp("click") / "t.sqlite3"
    service = make_service(path=path, clock=clock)
    for advance, back in steps:
        clock.advance(advance)
        service.click(at=clock.now() - back)
    blocks = service.store.all_blocks()
    assert sum(b.running for b in blocks) == (1 if blocks else 0)
    for a, b in itertools.pairwise(blocks):
        assert a.ended_at is not None and a.ended_at <= b.started_at
    for b in blocks:
        assert b.ended_at is None or b.ended_at > b.started_at


def test_a_refused_click_is_kept_with_its_plan(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    """The file turns read-only (query_only, as the reliability tests do): the click is
    kept with the kind and label it planned and its instant, and written later."""
    service.start(GROWTH, "RPA 勉強")
    fake_clock.advance(60)
    service.stop()
    fake_clock.advance(60)
    clicked = fake_clock.now()
    service.store.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(PendingWriteError):
        service.click()
    (kept,) = service.pending_actions()
    assert (kept.op, kept.kind, kept.label, kept.at) == ("start", GROWTH, "RPA 勉強", clicked)
    service.store.conn.execute("PRAGMA query_only = OFF")
    fake_clock.advance(30)
    service.heartbeat()
    running = service.running()
    assert running is not None
    assert (running.kind, running.label, running.started_at) == (GROWTH, "RPA 勉強", clicked)
