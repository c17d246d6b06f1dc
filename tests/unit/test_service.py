"""The use cases shared by the CLI and the tray, with a fake clock (docs/architecture.md §5, §6)."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.domain.clock import FakeClock
from tracker.domain.model import Block, Kind, Source, TrackerError, ValidationError
from tracker.service import (
    STALE_AFTER_S,
    NothingRunningError,
    RecoveryChoice,
    TrackerService,
)
from tracker.store import ConflictError, NotFoundError, Store

if TYPE_CHECKING:
    from tests.conftest import ServiceFactory

TOKYO = ZoneInfo("Asia/Tokyo")
H = 3600
TASK, GROWTH = Kind.TASK, Kind.GROWTH


def snapshot(service: TrackerService) -> list[Block]:
    return service.store.all_blocks()


def spans(service: TrackerService) -> list[tuple[str, int, int | None]]:
    t0 = service.clock.now()
    return [
        (b.kind.value, b.started_at - t0, None if b.ended_at is None else b.ended_at - t0)
        for b in snapshot(service)
    ]


def local(*args: int) -> int:
    return int(dt.datetime(*args, tzinfo=TOKYO).timestamp())  # type: ignore[misc]


def assert_sane(blocks: list[Block]) -> None:
    """No negative or empty blocks, no overlaps, at most one running (and it is last)."""
    assert sum(b.running for b in blocks) <= 1
    for b in blocks:
        assert b.ended_at is None or b.ended_at > b.started_at
    for a, b in itertools.pairwise(blocks):
        assert a.ended_at is not None and a.ended_at <= b.started_at


# -- start / switch / stop ----------------------------------------------------------------


def test_start_closes_the_running_block_at_the_same_instant(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    t0 = fake_clock.now()
    first = service.start(TASK, "月次決算")
    fake_clock.advance(600)
    second = service.start(GROWTH, "IFRS 勉強")
    assert service.store.get(first.id).ended_at == t0 + 600 == second.started_at
    fake_clock.advance(60)
    third = service.start(GROWTH, "IFRS 勉強")  # same kind: still a new block
    assert third.id != second.id
    assert [(b.kind, b.label, b.duration(fake_clock.now())) for b in snapshot(service)] == [
        (TASK, "月次決算", 600),
        (GROWTH, "IFRS 勉強", 60),
        (GROWTH, "IFRS 勉強", 0),
    ]
    assert second.source is Source.CLI and second.last_seen_at is None


def test_a_quick_double_toggle_discards_the_zero_length_block(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    first = service.switch()
    assert first.kind is TASK  # nothing used before: task
    second = service.switch()  # same second
    assert second.kind is GROWTH
    third = service.switch()
    assert third.kind is TASK
    assert [(b.kind, b.running) for b in snapshot(service)] == [(TASK, True)]
    assert service.stop() is None  # under a second: dropped, no error
    assert snapshot(service) == []


def test_switch_with_nothing_running_starts_the_kind_used_last(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    assert service.last_kind() is TASK
    service.start(GROWTH)
    fake_clock.advance(60)
    service.stop()
    fake_clock.advance(60)
    block = service.switch()
    assert (block.kind, block.running) == (GROWTH, True)


def test_switch_flips_sets_and_keeps(service: TrackerService, fake_clock: FakeClock) -> None:
    running = service.start(TASK, "請求書")
    fake_clock.advance(60)
    before = snapshot(service)
    assert service.switch(TASK) == running  # same kind, no label: nothing changes
    assert service.switch(TASK, " 請求書 ") == running  # same label after trimming
    assert service.switch(None, None) != running
    assert snapshot(service) != before
    fake_clock.advance(60)
    relabelled = service.switch(GROWTH, "RPA")
    fake_clock.advance(60)
    again = service.switch(GROWTH, "RPA 2")  # same kind, new label: a new block
    assert again.id != relabelled.id and again.label == "RPA 2"
    assert [b.kind for b in snapshot(service)] == [TASK, GROWTH, GROWTH, GROWTH]


def test_stop_ends_the_running_block_and_refuses_when_idle(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    with pytest.raises(NothingRunningError, match="nothing is running"):
        service.stop()
    block = service.start(TASK)
    fake_clock.advance(125)
    done = service.stop()
    assert done is not None and done.id == block.id and done.duration(0) == 125
    with pytest.raises(NothingRunningError):
        service.stop()


def test_times_given_with_at(service: TrackerService, fake_clock: FakeClock) -> None:
    t0 = fake_clock.now()
    fake_clock.advance(3 * H)
    service.start(TASK, at=t0)
    service.start(GROWTH, at=t0 + H)
    service.stop(at=t0 + 2 * H)
    assert spans(service) == [("task", -3 * H, -2 * H), ("growth", -2 * H, -H)]


def test_a_time_in_the_future_is_refused_and_nothing_changes(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    service.start(TASK)
    fake_clock.advance(60)
    before = snapshot(service)
    future = fake_clock.now() + 1
    for call in (
        lambda: service.start(GROWTH, at=future),
        lambda: service.switch(at=future),
        lambda: service.stop(at=future),
    ):
        with pytest.raises(ValidationError, match="in the future"):
            call()
    assert snapshot(service) == before


def test_an_end_before_the_running_start_is_refused(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    block = service.start(TASK)
    fake_clock.advance(600)
    with pytest.raises(ValidationError, match="pick a time after that"):
        service.stop(at=block.started_at - 1)
    with pytest.raises(ValidationError):
        service.start(GROWTH, at=block.started_at - 60)
    assert snapshot(service) == [block]


def test_a_bad_label_changes_nothing(service: TrackerService, fake_clock: FakeClock) -> None:
    block = service.start(TASK)
    fake_clock.advance(60)
    with pytest.raises(ValidationError, match="control character"):
        service.start(GROWTH, "two\nlines")
    with pytest.raises(ValidationError):
        service.switch(GROWTH, "x" * 201)
    assert snapshot(service) == [block]


# -- the clock jumps ----------------------------------------------------------------------


def test_a_clock_jumping_back_never_gives_negative_or_overlapping_blocks(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    t0 = fake_clock.now()
    service.start(TASK)
    fake_clock.advance(600)
    service.stop()
    fake_clock.set(t0 + 100)  # NTP pulls the clock back into the finished block
    block = service.start(GROWTH)
    assert block.started_at == t0 + 600
    fake_clock.set(t0 + 200)
    beat = service.heartbeat()
    assert beat is not None and beat.last_seen_at == t0 + 600
    status = service.status()
    assert status.elapsed_s == 0
    assert service.stop() is None  # ends where it began: dropped, not negative
    fake_clock.set(t0 + 900)
    service.switch()
    fake_clock.set(t0 + 50)
    service.switch()
    assert_sane(snapshot(service))


def test_a_clock_jumping_forward_makes_a_long_block_not_a_broken_one(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    service.start(TASK)
    fake_clock.advance(3 * 86400)  # the laptop slept over a weekend
    service.switch()
    [first, second] = snapshot(service)
    assert first.duration(0) == 3 * 86400
    assert second.running
    days = service.day_summaries(service.today() - dt.timedelta(days=3), service.today())
    assert sum(d.task_s for d in days) == 3 * 86400


_ops = st.lists(
    st.tuples(
        st.sampled_from(["start_task", "start_growth", "switch", "stop", "heartbeat", "at"]),
        st.integers(-2 * H, 2 * H),
    ),
    min_size=1,
    max_size=25,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_ops)
def test_random_operations_under_a_jumping_clock_keep_the_invariants(
    tmp_path: Path, ops: list[tuple[str, int]]
) -> None:
    clock = FakeClock(1_700_006_400)
    path = tmp_path / f"p{os.urandom(6).hex()}.db"
    store = Store(path)
    service = TrackerService(store, clock, TOKYO, None)
    try:
        for op, jump in ops:
            clock.set(clock.now() + jump)  # both directions
            try:
                if op == "start_task":
                    service.start(TASK, source=Source.TRAY)
                elif op == "start_growth":
                    service.start(GROWTH)
                elif op == "switch":
                    service.switch()
                elif op == "stop":
                    service.stop()
                elif op == "heartbeat":
                    service.heartbeat()
                else:
                    service.start(TASK, at=clock.now() - abs(jump) // 2)
            except TrackerError:
                pass  # refusals are fine; broken data is not
            assert_sane(snapshot(service))
            status = service.status()
            assert status.elapsed_s >= 0
            assert status.today.task_s >= 0 and status.today.growth_s >= 0
    finally:
        store.close()


# -- status and recovery ------------------------------------------------------------------


def test_status_reports_the_running_block_and_today(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    assert service.status().running is None
    service.start(TASK)
    fake_clock.advance(3 * H)
    service.start(GROWTH, "IFRS")
    fake_clock.advance(H)
    status = service.status()
    assert status.running is not None and status.running.label == "IFRS"
    assert status.elapsed_s == H
    assert (status.today.task_s, status.today.growth_s, status.today.ratio) == (3 * H, H, 0.25)
    assert status.today.target == 0.2 and status.today.met is True
    assert status.stale is False


def test_status_is_stale_when_the_heartbeat_is_old_and_no_tray_runs(
    make_service: ServiceFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    lock = tmp_path / "t.db.lock"
    service = make_service(lock_file=lock)
    service.start(TASK, source=Source.TRAY)
    fake_clock.advance(60)
    service.heartbeat()
    fake_clock.advance(STALE_AFTER_S)
    assert service.status().stale is False  # exactly three intervals: not yet
    fake_clock.advance(1)
    assert service.status().stale is True
    lock.write_text(f"{os.getpid()}\nhost\n")  # a live tray holds the lock
    assert service.status().stale is False
    lock.write_text("999999999\n")  # a lock left behind by a dead process
    assert service.status().stale is True


def test_a_cli_block_is_never_stale_and_never_offered_for_recovery(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    block = service.start(TASK)  # the CLI: no heartbeat
    fake_clock.advance(8 * H)
    assert service.status().stale is False
    assert service.pending_recovery() is None
    for choice in RecoveryChoice:
        assert service.recover(choice) is None
    assert snapshot(service) == [block]


def _crashed_tray(service: TrackerService, fake_clock: FakeClock) -> Block:
    block = service.start(GROWTH, "RPA", source=Source.TRAY)
    assert block.last_seen_at == block.started_at
    for _ in range(3):
        fake_clock.advance(60)
        service.heartbeat()
    fake_clock.advance(2 * H)  # the tray died; the next start comes much later
    return service.store.get(block.id)


def test_recover_ends_at_the_last_heartbeat(service: TrackerService, fake_clock: FakeClock) -> None:
    block = _crashed_tray(service, fake_clock)
    assert service.pending_recovery() == block
    done = service.recover(RecoveryChoice.END_AT_HEARTBEAT)
    assert done is not None
    assert (done.id, done.ended_at, done.source) == (
        block.id,
        block.started_at + 180,
        Source.RECOVERED,
    )
    assert service.running() is None and service.pending_recovery() is None


def test_recover_keep_adopts_and_end_now_ends_now(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    block = _crashed_tray(service, fake_clock)
    kept = service.recover(RecoveryChoice.KEEP)
    assert kept is not None and kept.running and kept.last_seen_at == fake_clock.now()
    assert service.status().stale is False
    fake_clock.advance(H)
    ended = service.recover(RecoveryChoice.END_NOW)
    assert ended is not None and ended.ended_at == fake_clock.now()
    assert ended.id == block.id and ended.source is Source.TRAY


def test_recover_of_a_block_that_never_beat_leaves_nothing(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    service.start(TASK, source=Source.TRAY)
    fake_clock.advance(H)
    assert service.recover(RecoveryChoice.END_AT_HEARTBEAT) is None
    assert snapshot(service) == []


def test_a_tray_heartbeat_adopts_a_cli_block(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    block = service.start(TASK)
    fake_clock.advance(120)
    adopted = service.heartbeat()
    assert adopted is not None and adopted.id == block.id
    assert adopted.last_seen_at == fake_clock.now()
    assert service.pending_recovery() == adopted


# -- settings over time -------------------------------------------------------------------


def test_target_changes_apply_from_their_day_on_and_a_later_one_is_dropped_by_an_earlier(
    make_service: ServiceFactory, tmp_path: Path
) -> None:
    """The rule as SQL runs it (Store.set_target) on a real file: a change applies from
    its tracking day on, the same day changed twice keeps the second value, and a change
    made on an earlier day (the clock set back) drops the changes scheduled after it."""
    clock = FakeClock(int(dt.datetime(2024, 3, 1, 12, tzinfo=TOKYO).timestamp()))
    service = make_service(path=tmp_path / "targets.db", clock=clock)
    day = dt.date

    def targets() -> list[float]:
        days = (day(2024, 2, 29), day(2024, 3, 1), day(2024, 3, 31), day(2024, 4, 1))
        return [service.day_summaries(d, d)[0].target for d in days]

    service.set_setting("target", "0.3")
    assert targets() == [0.2, 0.3, 0.3, 0.3]
    clock.advance(31 * 86400)  # 2024-04-01
    service.set_setting("target", "0.25")
    assert targets() == [0.2, 0.3, 0.3, 0.25]
    service.set_setting("target", "0.5")
    assert targets() == [0.2, 0.3, 0.3, 0.5]
    clock.advance(-17 * 86400)  # back to 2024-03-15: the April change goes
    service.set_setting("target", "0.4")
    assert targets() == [0.2, 0.3, 0.4, 0.4]
    assert service.day_summaries(day(2024, 3, 14), day(2024, 3, 15))[0].target == 0.3


def test_a_target_change_applies_from_today_and_yesterday_keeps_the_old(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    today = service.today()
    yesterday = today - dt.timedelta(days=1)
    service.set_setting("target", "25%")
    assert service.setting("target") == 0.25
    assert service.setting_text("target") == "0.25"
    assert [d.target for d in service.day_summaries(yesterday, today)] == [0.2, 0.25]
    assert [d.target for d in service.report(yesterday, today).days] == [0.2, 0.25]
    fake_clock.advance(86400)
    service.set_setting("target", "0.3")
    assert [d.target for d in service.report(yesterday, service.today()).days] == [
        0.2,
        0.25,
        0.3,
    ]


def test_a_day_start_change_reinterprets_past_days(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    # 03:00–05:00 two days ago: with day start 04:00 one hour each belongs to two days.
    day = service.today() - dt.timedelta(days=2)
    start = int(dt.datetime.combine(day, dt.time(3), TOKYO).timestamp())
    service.add_block(TASK, start, start + 2 * H)
    before = service.report(day - dt.timedelta(days=1), day)
    assert [d.task_s for d in before.days] == [H, H]
    service.set_setting("day_start", "2")
    assert service.day_start == 2
    after = service.report(day - dt.timedelta(days=1), day)
    assert [d.task_s for d in after.days] == [0, 2 * H]


def test_settings_refuse_bad_keys_and_values_and_keep_the_old(
    service: TrackerService,
) -> None:
    with pytest.raises(ValidationError, match="unknown setting"):
        service.set_setting("colour", "blue")
    with pytest.raises(ValidationError, match="unknown setting"):
        service.setting("colour")
    with pytest.raises(ValidationError):
        service.set_setting("day_start", "25")
    assert service.setting("day_start") == 4
    assert service.store.settings() == {}


# -- manual blocks ------------------------------------------------------------------------


def test_add_block_validates(service: TrackerService, fake_clock: FakeClock) -> None:
    now = fake_clock.now()
    block = service.add_block(TASK, now - 2 * H, now - H, " 月次決算 ", "note\n2")
    assert (block.label, block.note, block.source) == ("月次決算", "note\n2", Source.MANUAL)
    with pytest.raises(ValidationError, match="end must be after"):
        service.add_block(TASK, now - 3 * H, now - 3 * H)
    with pytest.raises(ValidationError, match="in the future"):
        service.add_block(TASK, now - 60, now + 60)
    with pytest.raises(ConflictError, match=f"overlap block {block.id} \\(task '月次決算', "):
        service.add_block(GROWTH, now - 90 * 60, now - 30 * 60)
    with pytest.raises(ValidationError):
        service.add_block(GROWTH, now - 4 * H, now - 3 * H, "tab\there")
    assert snapshot(service) == [block]


def test_edit_block_changes_fields_and_validates(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    now = fake_clock.now()
    a = service.add_block(TASK, now - 3 * H, now - 2 * H, "a")
    b = service.add_block(TASK, now - 2 * H, now - H, "b")
    edited = service.edit_block(b.id, kind=GROWTH, label="B", note="n", start=now - 110 * 60)
    assert (edited.kind, edited.label, edited.note, edited.started_at) == (
        GROWTH,
        "B",
        "n",
        now - 110 * 60,
    )
    before = snapshot(service)
    with pytest.raises(ConflictError, match=f"overlap block {a.id}"):
        service.edit_block(b.id, start=now - 150 * 60)
    with pytest.raises(ValidationError, match="end must be after"):
        service.edit_block(b.id, end=now - 2 * H)
    with pytest.raises(ValidationError, match="future"):
        service.edit_block(b.id, end=now + 1)
    with pytest.raises(ValidationError):
        service.edit_block(b.id, label="bad\x00")
    with pytest.raises(NotFoundError, match="no block with id 99"):
        service.edit_block(99, label="x")
    running = service.start(TASK)
    with pytest.raises(ValidationError, match="still running"):
        service.edit_block(running.id, end=now)
    assert snapshot(service) == [*before, running]


def test_delete_and_restore_put_back_the_exact_block(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    now = fake_clock.now()
    blocks = [
        service.add_block(TASK, now - (4 - i) * H, now - (3 - i) * H, f"b{i}", f"n{i}")
        for i in range(3)
    ]
    deleted = service.delete_block(blocks[1].id)
    assert deleted == blocks[1]
    assert [b.id for b in snapshot(service)] == [blocks[0].id, blocks[2].id]
    with pytest.raises(NotFoundError):
        service.delete_block(blocks[1].id)
    restored = service.restore_block(deleted)
    assert restored == deleted
    assert snapshot(service) == blocks


def test_restoring_over_an_id_in_use_is_a_conflict_not_a_crash(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    now = fake_clock.now()
    old = service.add_block(TASK, now - 2 * H, now - H, "old")
    service.delete_block(old.id)
    assert service.add_block(GROWTH, now - 30 * 60, now - 20 * 60).id != old.id  # never reused
    service.delete_block(old.id + 1)
    # only a block given that id on purpose (an import keeps the file's ids) can take it
    newer = service.store.insert(
        Block(old.id, GROWTH, "newer", "", now - 50 * 60, now - 40 * 60), now
    )
    assert newer.id == old.id
    with pytest.raises(ConflictError, match=f"id {old.id}"):
        service.restore_block(old)
    assert snapshot(service) == [newer]


def test_describe_names_the_block_the_way_people_see_it(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    start = local(2023, 11, 15, 7, 0)
    block = service.add_block(TASK, start, start + 90 * 60, "月次決算")
    assert service.describe(block) == f"block {block.id} (task '月次決算', 2023-11-15 07:00–08:30)"
