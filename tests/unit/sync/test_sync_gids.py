"""Global ids of blocks recorded here are derived, not stored (§16.1): they travel as any
gid, and a block put back after its delete was published is a new block."""

from __future__ import annotations

from pathlib import Path

from sync_support import START, World

from tracker.domain.model import Kind

H = 3600


def test_derived_gids_travel_and_an_undone_published_delete_is_a_new_block(
    tmp_path: Path,
) -> None:
    world = World(tmp_path)
    try:
        office, laptop = world["office"], world["laptop"]
        world.clock.advance(10 * H)
        block = office.service.add_block(Kind.TASK, START, START + H, "mail")
        world.settle()
        [gid] = laptop.service.store.conn.execute("SELECT gid FROM sync_blocks").fetchone()
        assert len(gid) == 32 and gid.startswith(office.service.device_id()[:8])
        office.service.delete_block(block.id)
        world.settle()
        assert laptop.view()[0] == []
        office.service.restore_block(block)  # the editor's undo, same id, same second
        world.settle()
        assert laptop.view()[0] == office.view()[0] != []
        assert office.service.store.conn.execute("SELECT count(gid) FROM blocks").fetchone()[0] == 1
    finally:
        world.close()
