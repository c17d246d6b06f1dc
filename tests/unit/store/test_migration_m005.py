"""Step m005: sync costs nothing while it is off (§16.1, §16.3). Blocks recorded here store
no gid (it is derived from the device id, creation time and id), nothing is queued while
sync is off, and an outbox m004 filled while sync was off is dropped."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind
from tracker.service import TrackerService
from tracker.store import Store
from tracker.store.schema import build_migrations

TZ = ZoneInfo("Asia/Tokyo")
START = 1_700_006_400
H = 3600


def m004_database(path: Path, synced: bool) -> None:
    """A file as m004 left it: three blocks with random gids, queued although sync is off
    (``synced``: it did sync once and sync is still on)."""
    db = Database(path)
    build_migrations().apply(db, stop_before="m005_sync_lean")
    if synced:
        db.conn.execute("INSERT INTO settings VALUES ('sync_seq', '1')")
        db.conn.execute("INSERT INTO settings VALUES ('sync_folder', '/x')")
        db.conn.execute("INSERT INTO settings VALUES ('sync_device_id', ?)", ("d" * 32,))
    for i in range(3):
        db.conn.execute(
            "INSERT INTO blocks (kind, label, note, started_at, ended_at, source, created_at,"
            " updated_at) VALUES ('task', ?, '', ?, ?, 'manual', 1, 1)",
            (f"b{i}", START + i * H, START + i * H + 600),
        )
    db.conn.commit()
    db.close()


def test_an_outbox_filled_while_sync_was_off_is_dropped_and_gids_are_derived(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    m004_database(path, synced=False)
    raw = Database(path)
    assert raw.conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0] == 3
    assert raw.conn.execute("SELECT count(gid) FROM blocks").fetchone()[0] == 3
    raw.close()
    store = Store(path)
    try:
        assert store.conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(gid) FROM blocks").fetchone()[0] == 0
    finally:
        store.close()


def test_a_database_that_synced_keeps_its_published_gids_and_queue(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    m004_database(path, synced=True)
    raw = Database(path)
    before = raw.conn.execute("SELECT id, gid FROM blocks ORDER BY id").fetchall()
    raw.close()
    store = Store(path)
    try:
        assert store.conn.execute("SELECT id, gid FROM blocks ORDER BY id").fetchall() == before
        assert store.conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0] == 3
    finally:
        store.close()


def test_nothing_is_queued_while_sync_is_off_and_turning_it_on_publishes_all(
    tmp_path: Path,
) -> None:
    clock = FakeClock(START + 10 * H)
    store = Store(tmp_path / "solo.db")
    svc = TrackerService(store, clock, TZ)
    try:
        for i in range(5):
            svc.add_block(Kind.TASK, START + i * H, START + i * H + 600, f"b{i}")
        svc.edit_block(1, label="edited")
        svc.delete_block(2)
        svc.set_day_note(svc.today(), "note")
        svc.set_setting("target", "0.4")
        assert store.conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(gid) FROM blocks").fetchone()[0] == 0
        folder = tmp_path / "share"
        folder.mkdir()
        svc.set_setting("sync_folder", str(folder))
        assert svc.sync().published == 4 + 1 + 1  # 4 blocks, the note, the target
        # turned off, changed, turned on again: the changes go out, nothing else
        svc.set_setting("sync_folder", "")
        svc.delete_block(3)
        svc.edit_block(4, label="late")
        assert store.conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0] == 0
        svc.set_setting("sync_folder", str(folder))
        assert svc.sync().published == 2
    finally:
        store.close()
