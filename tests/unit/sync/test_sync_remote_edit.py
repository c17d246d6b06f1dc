"""Changing on one PC a block another PC recorded (§16.4): edits, kinds, deletes, splits and
merges travel as this PC's versions and every PC merges them to the same history."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_support import START, World

from tracker.domain.model import Kind, TrackerError

H = 3600


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = World(tmp_path, ("office", "laptop", "home"))
    w.clock.advance(10 * H)
    yield w
    w.close()


def _remote_id(world: World, device: str, label: str) -> int:
    svc = world[device].service
    [block] = [b for b in svc._whole_between(0, 2**62) if b.label == label]
    assert block.id < 0  # recorded elsewhere
    return block.id


def _shown(world: World, device: str) -> list[tuple[str, str, str, int, int | None]]:
    shown = world[device].view()[0]
    return sorted(shown, key=lambda s: (s[3], s[1]))  # type: ignore[no-any-return]


def test_an_edit_made_on_the_laptop_of_an_office_block_shows_everywhere(world: World) -> None:
    office, laptop = world["office"], world["laptop"]
    mine = office.service.add_block(Kind.TASK, START, START + H, "mail")
    world.settle()
    rid = _remote_id(world, "laptop", "mail")
    world.clock.advance(60)
    edited = laptop.service.edit_block(
        rid, kind=Kind.GROWTH, label="review", note="n", start=START + 60, end=START + 2 * H
    )
    assert (edited.id, edited.label, edited.kind) == (rid, "review", Kind.GROWTH)
    world.settle()
    # the office holds it as its own block still, now with the laptop's edit
    local = office.service.get_block(mine.id)
    assert (local.kind, local.label, local.note, local.started_at, local.ended_at) == (
        Kind.GROWTH, "review", "n", START + 60, START + 2 * H,
    )  # fmt: skip
    assert _shown(world, "office") == _shown(world, "laptop") == _shown(world, "home")
    assert _shown(world, "home") == [("growth", "review", "n", START + 60, START + 2 * H)]
    # the office's next edit wins over the laptop's, and travels back
    world.clock.advance(60)
    office.service.edit_block(mine.id, label="review 2")
    world.settle()
    assert [s[1] for s in _shown(world, "laptop")] == ["review 2"]
    assert _shown(world, "office") == _shown(world, "laptop") == _shown(world, "home")


def test_concurrent_edits_the_later_wins_and_the_loser_is_kept(world: World) -> None:
    office, laptop, home = world["office"], world["laptop"], world["home"]
    office.service.add_block(Kind.TASK, START, START + H, "mail")
    world.settle()
    world.clock.advance(60)
    laptop.service.edit_block(_remote_id(world, "laptop", "mail"), label="from laptop")
    world.clock.advance(5)
    home.service.edit_block(_remote_id(world, "home", "mail"), label="from home")
    world.settle()
    for d in ("office", "laptop", "home"):
        assert [s[1] for s in _shown(world, d)] == ["from home"]
    kept = laptop.service.store.conn.execute(
        "SELECT label FROM sync_versions ORDER BY edited_at"
    ).fetchall()
    assert ("from laptop",) in kept and ("from home",) in kept


def test_a_tie_in_the_same_second_breaks_the_same_way_everywhere(world: World) -> None:
    office, laptop, home = world["office"], world["laptop"], world["home"]
    office.service.add_block(Kind.TASK, START, START + H, "mail")
    world.settle()
    world.clock.advance(60)
    laptop.service.edit_block(_remote_id(world, "laptop", "mail"), label="L")
    home.service.edit_block(_remote_id(world, "home", "mail"), label="H")
    world.settle()
    winner = "L" if laptop.service.device_id() > home.service.device_id() else "H"
    for d in ("office", "laptop", "home"):
        assert [s[1] for s in _shown(world, d)] == [winner]


def test_a_remote_delete_is_gone_everywhere_and_no_stale_copy_brings_it_back(
    world: World,
) -> None:
    office, laptop = world["office"], world["laptop"]
    mine = office.service.add_block(Kind.TASK, START, START + H, "mail")
    world.settle()
    stale = {p: p.read_bytes() for p in office.files() if p.suffix == ".jsonl"}
    world.clock.advance(60)
    laptop.service.delete_block(_remote_id(world, "laptop", "mail"))
    assert _shown(world, "laptop") == []
    world.settle()
    for d in ("office", "laptop", "home"):
        assert _shown(world, d) == []
    with pytest.raises(TrackerError) as err:
        office.service.get_block(mine.id)
    assert err.value.code == "no_block"
    for p, data in stale.items():  # the batch that added it arrives again, as a copy
        for d in ("laptop", "home"):
            target = world[d].folder / p.relative_to(office.folder)
            target.with_name(target.stem + " (conflicted copy).jsonl").write_bytes(data)
    world.settle()
    for d in ("office", "laptop", "home"):
        assert _shown(world, d) == []


def test_split_and_merge_of_a_remote_block(world: World) -> None:
    office, laptop = world["office"], world["laptop"]
    office.service.add_block(Kind.TASK, START, START + H, "mail")
    office.service.add_block(Kind.TASK, START + H, START + 2 * H, "calls")
    office.service.add_block(Kind.GROWTH, START + 2 * H, START + 3 * H, "study")
    laptop.service.add_block(Kind.TASK, START + 3 * H, START + 4 * H, "mine")
    world.settle()
    world.clock.advance(60)
    first, second = laptop.service.split_block(_remote_id(world, "laptop", "mail"), START + 600)
    assert (first.ended_at, second.started_at, second.ended_at) == (
        START + 600, START + 600, START + H,
    )  # fmt: skip
    assert second.id < 0 and second.id != first.id
    world.settle()
    labels = [(s[1], s[3]) for s in _shown(world, "office")]
    assert labels[:2] == [("mail", START), ("mail", START + 600)]
    assert _shown(world, "office") == _shown(world, "laptop") == _shown(world, "home")
    # merging the two halves back and with "calls": one block of the office again
    world.clock.advance(60)
    ids = [b.id for b in laptop.service._whole_between(START, START + 2 * H)]
    merged = laptop.service.merge_blocks(ids)
    assert (merged.started_at, merged.ended_at, merged.label) == (START, START + 2 * H, "mail")
    world.settle()
    assert _shown(world, "office") == _shown(world, "laptop") == _shown(world, "home")
    assert [s[1] for s in _shown(world, "office")] == ["mail", "study", "mine"]
    # blocks of two devices are never one block
    mine_id = next(b.id for b in laptop.service._whole_between(0, 2**62) if b.label == "mine")
    with pytest.raises(TrackerError) as err:
        laptop.service.merge_blocks([_remote_id(world, "laptop", "study"), mine_id])
    assert err.value.code == "merge_devices"


def test_a_remote_edit_keeps_that_devices_blocks_apart(world: World) -> None:
    office, laptop = world["office"], world["laptop"]
    office.service.add_block(Kind.TASK, START, START + H, "mail")
    office.service.add_block(Kind.TASK, START + H, START + 2 * H, "calls")
    laptop.service.add_block(Kind.TASK, START, START + 2 * H, "laptop's own")
    world.settle()
    rid = _remote_id(world, "laptop", "mail")
    with pytest.raises(TrackerError) as err:
        laptop.service.edit_block(rid, end=START + H + 60)  # into the office's "calls"
    assert err.value.code == "overlap"
    # overlapping the laptop's own block is fine: different devices may overlap
    laptop.service.edit_block(rid, start=START + 60)
    assert laptop.service.get_block(rid).started_at == START + 60


def test_kind_change_and_undo_of_a_remote_delete_adds_it_again(world: World) -> None:
    office, laptop = world["office"], world["laptop"]
    office.service.add_block(Kind.TASK, START, START + H, "mail")
    world.settle()
    world.clock.advance(60)
    rid = _remote_id(world, "laptop", "mail")
    [changed] = laptop.service.change_kind([rid], Kind.GROWTH)
    assert changed.kind is Kind.GROWTH
    before = laptop.service.get_block(rid)
    laptop.service.restore_blocks([], remove=[rid], expect=[before])
    world.settle()
    assert _shown(world, "office") == []
    world.clock.advance(60)
    laptop.service.restore_blocks([before], remove=[], expect=[])  # the editor's undo
    assert laptop.service.get_block(rid).label == "mail"
    world.settle()
    assert [s[:2] for s in _shown(world, "office")] == [("growth", "mail")]
    assert _shown(world, "office") == _shown(world, "laptop") == _shown(world, "home")


def test_a_block_running_elsewhere_is_relabelled_but_not_split(world: World) -> None:
    office, laptop = world["office"], world["laptop"]
    running = office.service.start(Kind.TASK, "mail")
    world.clock.advance(H)
    world.settle()
    rid = _remote_id(world, "laptop", "mail")
    with pytest.raises(TrackerError) as err:
        laptop.service.split_block(rid, START + 10 * H + 60)
    assert err.value.code == "sync_remote_block" and "office" in str(err.value)
    with pytest.raises(TrackerError) as err:
        laptop.service.edit_block(rid, end=START + 10 * H + 60)
    assert err.value.code == "running_has_no_end"
    laptop.service.edit_block(rid, label="mail and calls")
    world.settle()
    again = office.service.get_block(running.id)
    assert (again.label, again.running) == ("mail and calls", True)


@pytest.mark.parametrize("published", [True, False])
def test_an_edit_from_elsewhere_never_revives_a_block_deleted_where_it_was_recorded(
    world: World, published: bool
) -> None:
    office, laptop = world["office"], world["laptop"]
    mine = office.service.add_block(Kind.TASK, START, START + H, "mail")
    world.settle()
    world.clock.advance(60)
    office.service.delete_block(mine.id)
    if published:
        office.sync()  # the delete is out before the laptop's edit comes in
    world.clock.advance(60)
    laptop.service.edit_block(_remote_id(world, "laptop", "mail"), label="later edit")
    laptop.sync()
    world.deliver("laptop", "office")
    office.sync()  # the laptop's edit arrives at the office first
    assert _shown(world, "office") == []
    world.settle()
    for d in ("office", "laptop", "home"):
        assert _shown(world, d) == []


def test_edits_made_apart_that_break_the_recording_pcs_rule_are_shown_as_everywhere(
    world: World,
) -> None:
    office, laptop, home = world["office"], world["laptop"], world["home"]
    first = office.service.add_block(Kind.TASK, START, START + H, "mail")
    office.service.add_block(Kind.TASK, START + H, START + 2 * H, "calls")
    world.settle()
    world.clock.advance(60)
    home.service.delete_block(_remote_id(world, "home", "calls"))
    home.sync()
    world.deliver("home", "laptop")
    laptop.sync()  # the laptop knows "calls" is gone, the office not yet
    laptop.service.edit_block(_remote_id(world, "laptop", "mail"), end=START + H + 1800)
    laptop.sync()
    world.deliver("laptop", "office")
    office.sync()  # "mail" now reaches into "calls", still there: kept, not trimmed
    # the office's own rule holds for its own table: "mail" moved among the merged blocks
    assert [b.label for b in office.service.store.all_blocks()] == ["calls"]
    shown = [(s[1], s[3], s[4]) for s in _shown(world, "office")]
    assert ("mail", START, START + H + 1800) in shown and (
        "calls",
        START + H,
        START + 2 * H,
    ) in shown
    world.settle()
    for d in ("office", "laptop", "home"):
        assert [(s[1], s[3], s[4]) for s in _shown(world, d)] == [("mail", START, START + H + 1800)]
    # the office can still change it, as any merged block
    rid = next(b.id for b in office.service._whole_between(0, 2**62) if b.label == "mail")
    assert rid < 0 and first.id > 0
    world.clock.advance(60)
    office.service.edit_block(rid, label="mail and more")
    world.settle()
    for d in ("office", "laptop", "home"):
        assert [s[1] for s in _shown(world, d)] == ["mail and more"]
