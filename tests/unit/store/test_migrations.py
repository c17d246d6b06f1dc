"""Step m003: ``blocks`` rebuilt with AUTOINCREMENT, so a block id is never handed out twice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from tracker.domain.model import Block, Kind, Source
from tracker.store import ConflictError, Store
from tracker.store.paths import list_backups
from tracker.store.schema import MIGRATION_SET, build_migrations

T0 = 1_700_000_000


def schema_of(conn: sqlite3.Connection) -> dict[str, str]:
    """Index and trigger names of ``blocks`` with their SQL; the table's own SQL."""
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'blocks' AND sql IS NOT NULL"
    )
    return {f"{kind}:{name}": sql for kind, name, sql in rows}


def v2_database(path: Path) -> None:
    """A file as the previous version left it (steps m001 and m002), with blocks 1, 2 and 5;
    the highest ones (6, 7) were deleted before the upgrade."""
    db = Database(path)
    build_migrations().apply(db, stop_before="m003_blocks_autoincrement")
    rows = [
        (1, "task", "月次決算", "", T0, T0 + 600, None, "cli"),
        (2, "growth", "RPA 勉強", "メモ\n2 行", T0 + 600, T0 + 900, None, "tray"),
        (5, "task", "請求書", "", T0 + 1000, T0 + 1100, None, "import"),
        (6, "task", "", "", T0 + 2000, T0 + 2100, None, "manual"),
        (7, "task", "running", "", T0 + 3000, None, T0 + 3050, "tray"),
    ]
    db.conn.executemany(
        "INSERT INTO blocks (id, kind, label, note, started_at, ended_at, last_seen_at, source,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 11, 22)",
        rows,
    )
    db.conn.execute("DELETE FROM blocks WHERE id IN (6, 7)")
    db.conn.execute("INSERT INTO settings VALUES ('target', '0.25')")
    db.conn.commit()
    db.close()


def raw_rows(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    """The columns m003 knew (m004 adds ``gid``)."""
    return conn.execute(
        "SELECT id, kind, label, note, started_at, ended_at, last_seen_at, source, created_at,"
        " updated_at FROM blocks ORDER BY id"
    ).fetchall()


def test_the_upgrade_keeps_ids_rows_indexes_and_triggers(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    v2_database(path)
    old = sqlite3.connect(path)
    before_rows = raw_rows(old)
    before_schema = schema_of(old)
    old.close()
    assert "AUTOINCREMENT" not in before_schema["table:blocks"]

    store = Store(path)
    try:
        assert raw_rows(store.conn) == before_rows  # ids, times, created/updated untouched
        after = schema_of(store.conn)
        assert "AUTOINCREMENT" in after["table:blocks"]
        assert set(before_schema) <= set(after)  # the same indexes and triggers (m004 adds)
        for name, sql in before_schema.items():
            if name != "table:blocks":
                assert after[name] == sql
        assert store.settings()["target"] == "0.25"
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = [
            r[0]
            for r in store.conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                (MIGRATION_SET,),
            )
        ]
        assert names[-3:] == ["m003_blocks_autoincrement", "m004_sync", "m005_sync_lean"]
        # m005: a database that never synced stores no gid (each is derived) and queues
        # nothing while sync is off
        gids = [r[0] for r in store.conn.execute("SELECT gid FROM blocks")]
        assert gids == [None, None, None]
        assert store.conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0] == 0
        # the invariants still hold after the rebuild (the triggers came back)
        with pytest.raises(ConflictError):
            store.insert(Block(0, Kind.TASK, "", "", T0 + 100, T0 + 200), T0)
        with pytest.raises(sqlite3.IntegrityError, match="overlap"):
            store.conn.execute(
                "INSERT INTO blocks (kind, started_at, ended_at, created_at, updated_at)"
                " VALUES ('task', ?, ?, 0, 0)",
                (T0 + 100, T0 + 200),
            )
        store.insert(Block(0, Kind.TASK, "", "", T0 + 5000, None), T0)
        with pytest.raises(sqlite3.IntegrityError):  # a second running block
            store.conn.execute(
                "INSERT INTO blocks (kind, started_at, ended_at, created_at, updated_at)"
                " VALUES ('task', ?, NULL, 0, 0)",
                (T0 + 9000,),
            )
    finally:
        store.close()
    [backup] = list_backups(path)
    assert backup.name.endswith("-pre-migration.sqlite3")
    conn = sqlite3.connect(backup)
    try:
        assert raw_rows(conn) == before_rows
        assert "AUTOINCREMENT" not in schema_of(conn)["table:blocks"]
    finally:
        conn.close()


def test_after_the_upgrade_a_deleted_highest_id_is_not_reused(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    v2_database(path)
    store = Store(path)
    try:
        added = store.insert(Block(0, Kind.TASK, "new", "", T0 + 4000, T0 + 4100), T0)
        assert added.id == 6  # the highest id kept was 5; 6 and 7 left no trace before
        store.delete(added.id)
        again = store.insert(Block(0, Kind.GROWTH, "", "", T0 + 4000, T0 + 4100), T0)
        assert again.id == 7  # not 6 again
    finally:
        store.close()


def test_a_new_database_never_reuses_ids(db_path: Path) -> None:
    store = Store(db_path)
    try:
        first = store.insert(Block(0, Kind.TASK, "", "", T0, T0 + 60), T0)
        second = store.insert(Block(0, Kind.TASK, "", "", T0 + 60, T0 + 120), T0)
        store.delete(second.id)
        third = store.insert(Block(0, Kind.TASK, "", "", T0 + 60, T0 + 120), T0)
        assert (first.id, second.id, third.id) == (1, 2, 3)
    finally:
        store.close()


def test_undo_can_still_put_a_block_back_under_its_own_id(db_path: Path) -> None:
    store = Store(db_path)
    try:
        block = store.insert(Block(0, Kind.GROWTH, "勉強", "n", T0, T0 + 60, None, Source.CLI), T0)
        later = store.insert(Block(0, Kind.TASK, "", "", T0 + 60, T0 + 120), T0)
        store.delete(block.id)
        store.delete(later.id)
        back = store.insert(block, T0)  # what restore_blocks does: an explicit id
        assert back == block
        assert store.insert(Block(0, Kind.TASK, "", "", T0 + 200, T0 + 260), T0).id == 3
    finally:
        store.close()
