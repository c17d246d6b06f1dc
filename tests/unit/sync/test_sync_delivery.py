"""Two or three PCs over real files, with a sync service that misbehaves (§16)."""

from __future__ import annotations

import json
import os
import random
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_support import START, World

from tracker.domain.model import Kind, TrackerError
from tracker.io.syncfiles import ROOT

H = 3600


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = World(tmp_path, ("office", "laptop", "home"))
    w.clock.advance(10 * H)
    yield w
    w.close()


def test_blocks_travel_both_ways_and_overlap_counts_once(world: World) -> None:
    office, laptop = world["office"], world["laptop"]
    office.service.add_block(Kind.TASK, START, START + H, "mail")
    laptop.service.add_block(Kind.GROWTH, START + H // 2, START + 2 * H, "learn")
    world.settle()
    assert office.view() == laptop.view() == world["home"].view()
    [day] = office.service.day_summaries(office.service.today(), office.service.today())
    # 09:00–09:30 task (until the laptop's block starts), 09:30–11:00 growth
    assert (day.task_s, day.growth_s) == (H // 2, 3 * H // 2)
    names = office.service.block_devices(office.service.blocks(day.date, day.date))
    assert sorted(names.values()) == ["laptop", "office"]


def test_conflict_copies_and_repeated_delivery_never_double_a_block(world: World) -> None:
    office, laptop = world["office"], world["laptop"]
    office.service.add_block(Kind.TASK, START, START + H, "mail")
    office.sync()
    world.deliver("office", "laptop", "conflict")
    world.deliver("office", "laptop")
    world.deliver("office", "laptop", "conflict")
    out = laptop.sync()
    assert out.unreadable == ()
    blocks = laptop.service.blocks(laptop.service.today(), laptop.service.today())
    assert [(b.label, b.started_at) for b in blocks] == [("mail", START)]
    assert laptop.sync().merged == 0  # nothing new on the next pass


def test_a_half_synced_file_is_reported_by_name_and_read_once_whole(world: World) -> None:
    office, laptop = world["office"], world["laptop"]
    office.service.add_block(Kind.TASK, START, START + H, "mail")
    office.sync()
    world.deliver("office", "laptop", "partial", random.Random(3))
    out = laptop.sync()
    assert [u.path.name.endswith(".jsonl") for u in out.unreadable] == [True]
    assert laptop.service.blocks(laptop.service.today(), laptop.service.today()) == []
    world.deliver("office", "laptop")
    out = laptop.sync()
    assert out.unreadable == () and out.merged == 1


def test_files_in_any_order_a_stale_copy_and_a_deleted_file(world: World) -> None:
    office, laptop = world["office"], world["laptop"]
    block = office.service.add_block(Kind.TASK, START, START + H, "mail")
    office.sync()
    first = {p.name: p.read_bytes() for p in office.files()}
    office.service.edit_block(block.id, label="invoices")
    world.clock.advance(60)
    office.sync()
    world.deliver("office", "laptop")
    # the second batch first: remove the first one from the laptop's copy, read, put it back
    mine = laptop.folder / ROOT / office.service.device_id()
    early = sorted(mine.glob("0*.jsonl"))[0]
    early.unlink()
    laptop.sync()
    (mine / early.name).write_bytes(first[early.name])  # an older copy comes back
    (mine / "device.json").write_bytes(first["device.json"])
    laptop.sync()
    [shown] = laptop.service.blocks(laptop.service.today(), laptop.service.today())
    assert shown.label == "invoices"
    for p in mine.glob("*.jsonl"):  # the sync service deletes the files: nothing is lost
        p.unlink()
    laptop.sync()
    [shown] = laptop.service.blocks(laptop.service.today(), laptop.service.today())
    assert shown.label == "invoices"


def test_a_delete_is_final_and_no_stale_copy_brings_it_back(world: World) -> None:
    office, laptop = world["office"], world["laptop"]
    block = office.service.add_block(Kind.TASK, START, START + H, "mail")
    world.settle()
    old_files = {p: p.read_bytes() for p in office.files() if p.suffix == ".jsonl"}
    office.service.delete_block(block.id)
    world.settle()
    assert laptop.service.blocks(laptop.service.today(), laptop.service.today()) == []
    for p, data in old_files.items():  # the batch that added it arrives again
        (laptop.folder / p.relative_to(office.folder)).with_suffix(".copy.jsonl").write_bytes(data)
    laptop.sync()
    assert laptop.service.blocks(laptop.service.today(), laptop.service.today()) == []


def test_the_later_edit_wins_and_the_loser_is_kept(world: World) -> None:
    office, laptop = world["office"], world["laptop"]
    office.service.set_day_note(office.service.today(), "office note")
    world.clock.advance(5)
    laptop.service.set_day_note(laptop.service.today(), "laptop note")
    world.settle()
    assert office.service.day_note(office.service.today()) == "laptop note"
    assert laptop.service.day_note(laptop.service.today()) == "laptop note"


def test_a_running_block_elsewhere_counts_up_to_that_pc_last_seen(world: World) -> None:
    office, laptop = world["office"], world["laptop"]
    laptop.service.start(Kind.GROWTH, "study")
    world.settle()
    seen = world.clock.now()
    world.clock.advance(5 * H)  # the laptop crashed: it is never seen again
    office.sync()
    status = office.service.status()
    assert status.running is None
    [(block, name, last)] = status.elsewhere
    assert (block.label, name, last) == ("study", "laptop", seen)
    [day] = office.service.day_summaries(office.service.today(), office.service.today())
    assert day.growth_s == 0  # started at the last-seen second: no time yet
    world.clock.advance(-5 * H + 600)  # seen again 10 min later: those 10 min count
    laptop.service.heartbeat()
    laptop.sync()
    world.deliver("laptop", "office")
    world.clock.advance(5 * H)
    office.sync()
    [day] = office.service.day_summaries(office.service.today(), office.service.today())
    assert day.growth_s == 600


def test_turning_sync_on_publishes_the_history_once(world: World) -> None:
    office = world["office"]
    office.service.set_setting("sync_folder", "")
    office.service.add_block(Kind.TASK, START, START + H, "mail")
    with pytest.raises(TrackerError) as caught:
        office.sync()
    assert caught.value.code == "sync_off"
    office.service.set_setting("sync_folder", str(office.folder))
    assert office.sync().published == 1
    assert office.sync().published == 0


def test_files_are_private_and_temp_names_are_never_read(world: World) -> None:
    office, laptop = world["office"], world["laptop"]
    office.service.add_block(Kind.TASK, START, START + H, "mail")
    office.sync()
    for p in office.files():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
    world.deliver("office", "laptop")
    mine = laptop.folder / ROOT / office.service.device_id()
    (mine / ".00000009-x.jsonl.tmp").write_text("half")
    (mine / ".00000009-x.jsonl").write_text("half")
    assert laptop.sync().unreadable == ()


def test_a_missing_folder_is_a_clear_error(world: World, tmp_path: Path) -> None:
    office = world["office"]
    with pytest.raises(TrackerError) as caught:
        office.service.set_setting("sync_folder", str(tmp_path / "nowhere"))
    assert caught.value.code == "sync_folder_missing"
    office.folder.rename(tmp_path / "moved")
    with pytest.raises(TrackerError) as caught:
        office.sync()
    assert caught.value.code == "sync_folder_missing"


def test_a_copied_database_is_detected_and_becomes_a_device_of_its_own(
    world: World, tmp_path: Path
) -> None:
    office, laptop = world["office"], world["laptop"]
    office.service.add_block(Kind.TASK, START, START + H, "mail")
    office.sync()
    # the database is copied to the laptop (both now have office's device id)
    office.service.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "copied.sqlite3"
    copy.write_bytes(office.service.store.path.read_bytes())
    from zoneinfo import ZoneInfo

    from tracker.service import TrackerService
    from tracker.store import Store

    twin = TrackerService(Store(copy), world.clock, ZoneInfo("Asia/Tokyo"))
    try:
        twin.set_setting("sync_folder", str(laptop.folder))
        twin.add_block(Kind.GROWTH, START + 2 * H, START + 3 * H, "on the copy")
        world.clock.advance(1)
        twin.sync()
        office.service.add_block(Kind.TASK, START + 4 * H, START + 5 * H, "office again")
        office.sync()
        # each sees files under its own id that it did not write
        world.deliver("office", "laptop")
        for name in os.listdir(laptop.folder / ROOT):  # the twin's into the office
            src = laptop.folder / ROOT / name
            for p in src.iterdir():
                dst = office.folder / ROOT / name / p.name
                dst.parent.mkdir(parents=True, exist_ok=True)
                if not dst.exists():
                    dst.write_bytes(p.read_bytes())
        with pytest.raises(TrackerError) as caught:
            twin.sync()
        assert caught.value.code == "sync_device_clash"
        assert "--new-device" in str(caught.value)
        old = twin.device_id()
        twin.sync(new_device=True)
        assert twin.device_id() != old
        # the office learns the twin adopted its writes under the old id: no clash there
        new_dir = laptop.folder / ROOT / twin.device_id()
        (office.folder / ROOT / twin.device_id()).mkdir()
        for p in new_dir.iterdir():
            (office.folder / ROOT / twin.device_id() / p.name).write_bytes(p.read_bytes())
        office.sync()
        twin.sync()
        labels = sorted(b.label for b in office.service._whole_between(0, 2**62))
        assert labels == ["mail", "office again", "on the copy"]
        assert sorted(b.label for b in twin._whole_between(0, 2**62)) == labels
        assert json.loads((new_dir / "device.json").read_text())["adopted"]
    finally:
        twin.store.close()


def test_a_target_merged_before_the_first_publish_is_not_published_as_this_pcs(
    world: World,
) -> None:
    office, laptop = world["office"], world["laptop"]
    laptop.sync()  # on, nothing to publish yet
    office.service.set_setting("target", "0.1")
    world.settle()  # the laptop merges 0.1 but has still published nothing of its own
    world.clock.advance(60)
    office.service.set_setting("target", "0.3")
    office.sync()
    world.clock.advance(5)
    laptop.sync()  # its first publish: the merged 0.1 is not its own change
    world.settle()
    for d in (office, laptop):
        assert d.view()[2] == [(office.service.today().isoformat(), 0.3)]
