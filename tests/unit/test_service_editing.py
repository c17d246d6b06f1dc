"""The service's editing use cases (split, merge, change kind, exact restore) and the
validation of edits, against a real SQLite file with a fake clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tracker.domain.clock import FakeClock
from tracker.domain.model import Block, Kind, Source, ValidationError
from tracker.service import TrackerService
from tracker.store import ConflictError, NotFoundError, Store

TZ = ZoneInfo("Asia/Tokyo")


def at(hour: int, minute: int = 0, day: int = 28) -> int:
    return int(dt.datetime(2026, 11, day, hour, minute, tzinfo=TZ).timestamp())


@pytest.fixture
def service(tmp_path: Path) -> Iterator[TrackerService]:
    store = Store(tmp_path / "tracker.db")
    yield TrackerService(store, FakeClock(at(18)), TZ)
    store.close()


def rows(service: TrackerService) -> list[Block]:
    return service.store.all_blocks()


def test_split_keeps_the_id_on_the_first_part(service: TrackerService) -> None:
    block = service.add_block(Kind.TASK, at(9), at(11), "月次決算", "前半と後半")
    first, second = service.split_block(block.id, at(10))
    assert first == replace(block, ended_at=at(10))
    assert second.id not in (0, block.id)
    assert (second.kind, second.label, second.note) == (Kind.TASK, "月次決算", "前半と後半")
    assert (second.started_at, second.ended_at) == (at(10), at(11))
    assert rows(service) == [first, second]


def test_split_of_the_running_block_keeps_the_second_part_running(
    service: TrackerService,
) -> None:
    service.start(Kind.TASK, "請求書チェック", at(13), source=Source.TRAY)
    service.store.heartbeat(service.running().id, at(17, 59))  # type: ignore[union-attr]
    running = service.running()
    assert running is not None
    first, second = service.split_block(running.id, at(15))
    assert (first.id, first.ended_at, first.last_seen_at) == (running.id, at(15), None)
    assert second.running and second.started_at == at(15)
    assert second.last_seen_at == at(17, 59)  # the heartbeat stays with the running part
    assert service.running() == second


@pytest.mark.parametrize("cut", [at(9), at(11), at(8), at(12)])
def test_split_outside_the_block_is_refused(service: TrackerService, cut: int) -> None:
    service.add_block(Kind.TASK, at(9), at(11))
    before = rows(service)
    with pytest.raises(ValidationError, match="not inside block"):
        service.split_block(before[0].id, cut)
    assert rows(service) == before


def test_split_of_the_running_block_cannot_reach_the_future(service: TrackerService) -> None:
    running = service.start(Kind.TASK, "", at(17))
    with pytest.raises(ValidationError):
        service.split_block(running.id, at(18, 30))
    assert rows(service) == [running]


def test_merge_joins_neighbours_of_one_kind(service: TrackerService) -> None:
    a = service.add_block(Kind.TASK, at(9), at(10), "", "朝会")
    b = service.add_block(Kind.TASK, at(10), at(11), "月次決算", "")
    c = service.add_block(Kind.TASK, at(11, 30), at(12), "仕訳", "朝会")
    merged = service.merge_blocks([c.id, a.id, b.id])
    assert merged.id == a.id
    assert (merged.started_at, merged.ended_at) == (at(9), at(12))
    assert merged.label == "月次決算"  # the first non-empty label
    assert merged.note == "朝会"  # notes joined, a repeated one once
    assert rows(service) == [merged]


def test_merge_joins_distinct_notes_line_by_line(service: TrackerService) -> None:
    a = service.add_block(Kind.GROWTH, at(9), at(10), "RPA 勉強", "UiPath")
    b = service.add_block(Kind.GROWTH, at(10), at(11), "", "Power Automate")
    assert service.merge_blocks([a.id, b.id]).note == "UiPath\nPower Automate"


def test_merge_into_the_running_block_keeps_it_running(service: TrackerService) -> None:
    a = service.add_block(Kind.TASK, at(15), at(16), "経費精算")
    b = service.start(Kind.TASK, "", at(16), source=Source.TRAY)
    merged = service.merge_blocks([a.id, b.id])
    assert merged.running and merged.started_at == at(15) and merged.id == a.id
    assert merged.last_seen_at == at(16)
    assert service.running() == merged


def test_merge_refuses_mixed_kinds_single_blocks_and_strays(service: TrackerService) -> None:
    a = service.add_block(Kind.TASK, at(9), at(10))
    b = service.add_block(Kind.GROWTH, at(10), at(11), "勉強会")
    c = service.add_block(Kind.TASK, at(11), at(12))
    before = rows(service)
    with pytest.raises(ValidationError, match="one kind"):
        service.merge_blocks([a.id, b.id])
    with pytest.raises(ValidationError, match="at least two"):
        service.merge_blocks([a.id, a.id])
    with pytest.raises(ValidationError, match=rf"block {b.id} \(growth '勉強会'.*lies between"):
        service.merge_blocks([a.id, c.id])
    with pytest.raises(NotFoundError):
        service.merge_blocks([a.id, 999])
    assert rows(service) == before


def test_change_kind_of_several_blocks(service: TrackerService) -> None:
    a = service.add_block(Kind.TASK, at(9), at(10))
    b = service.add_block(Kind.GROWTH, at(10), at(11))
    changed = service.change_kind([a.id, b.id], Kind.GROWTH)
    assert [x.kind for x in changed] == [Kind.GROWTH, Kind.GROWTH]
    assert [x.kind for x in rows(service)] == [Kind.GROWTH, Kind.GROWTH]


def test_change_kind_is_all_or_nothing(service: TrackerService) -> None:
    a = service.add_block(Kind.TASK, at(9), at(10))
    before = rows(service)
    with pytest.raises(NotFoundError):
        service.change_kind([a.id, 4242], Kind.GROWTH)
    assert rows(service) == before


def test_restore_blocks_writes_exact_snapshots(service: TrackerService) -> None:
    a = service.add_block(Kind.TASK, at(9), at(11), "月次決算")
    first, second = service.split_block(a.id, at(10))
    service.restore_blocks([a], remove=[second.id], expect=[first, second])
    assert rows(service) == [a]
    service.restore_blocks([first, second], remove=[], expect=[a])
    assert rows(service) == [first, second]  # the same ids again


def test_restore_blocks_refuses_when_the_database_moved_on(service: TrackerService) -> None:
    a = service.add_block(Kind.TASK, at(9), at(10), "月次決算")
    edited = service.edit_block(a.id, label="決算")
    service.edit_block(a.id, note="changed elsewhere")
    before = rows(service)
    with pytest.raises(ConflictError, match="changed elsewhere"):
        service.restore_blocks([a], expect=[edited])
    service.delete_block(a.id)
    with pytest.raises(ConflictError, match="deleted elsewhere"):
        service.restore_blocks([a], expect=[edited])
    assert rows(service) == []
    assert before != []


def test_restore_blocks_never_overwrites_a_block_that_took_the_id(
    service: TrackerService,
) -> None:
    a = service.add_block(Kind.TASK, at(9), at(10), "消える")
    service.delete_block(a.id)
    assert service.add_block(Kind.GROWTH, at(12), at(13)).id != a.id  # ids are never reused …
    service.delete_block(a.id + 1)
    # … but an import keeps the file's ids, so a block can still arrive with a freed one
    newcomer = service.store.insert(Block(a.id, Kind.GROWTH, "新しい", "", at(14), at(15)), at(16))
    assert newcomer.id == a.id
    with pytest.raises(ConflictError, match="belongs to another block"):
        service.restore_blocks([a])
    assert rows(service) == [newcomer]


def test_restore_ignores_only_the_heartbeat(service: TrackerService) -> None:
    running = service.start(Kind.TASK, "", at(17), source=Source.TRAY)
    relabelled = service.edit_block(running.id, label="月次決算")
    service.store.heartbeat(running.id, at(17, 59))
    service.restore_blocks([running], expect=[relabelled])
    assert service.running() == running


# -- validation of edits ----------------------------------------------------------------


def test_an_overlapping_edit_names_the_other_block(service: TrackerService) -> None:
    first = service.add_block(Kind.TASK, at(9), at(10, 30), "月次決算")
    second = service.add_block(Kind.GROWTH, at(11), at(12))
    before = rows(service)
    with pytest.raises(ConflictError) as caught:
        service.edit_block(second.id, start=at(10))
    assert f"block {first.id} (task '月次決算', 2026-11-28 09:00–10:30)" in str(caught.value)
    assert rows(service) == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end": at(8)}, "end must be after the start"),
        ({"start": at(10)}, "end must be after the start"),
        ({"end": at(19)}, "future"),
    ],
)
def test_bad_times_change_nothing(
    service: TrackerService, changes: dict[str, int], message: str
) -> None:
    block = service.add_block(Kind.TASK, at(9), at(10))
    with pytest.raises(ValidationError, match=message):
        service.edit_block(block.id, **changes)
    assert rows(service) == [block]


def test_the_running_block_can_change_but_not_end_here(service: TrackerService) -> None:
    running = service.start(Kind.TASK, "", at(17))
    with pytest.raises(ValidationError, match="still running"):
        service.edit_block(running.id, end=at(17, 30))
    changed = service.edit_block(running.id, kind=Kind.GROWTH, label="RPA 勉強", start=at(16, 30))
    assert changed.running
    assert (changed.kind, changed.label, changed.started_at) == (
        Kind.GROWTH,
        "RPA 勉強",
        at(16, 30),
    )
    with pytest.raises(ValidationError, match="future"):
        service.edit_block(running.id, start=at(18, 5))


def test_split_never_leaves_a_heartbeat_before_the_running_start(
    service: TrackerService,
) -> None:
    """Recovery ends a block at its heartbeat; one before the start would drop it."""
    running = service.start(Kind.TASK, "", at(11), source=Source.TRAY)  # heartbeat 11:00
    _, second = service.split_block(running.id, at(12))
    assert second.last_seen_at == at(12)
