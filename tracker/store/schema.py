"""Schema migrations, recorded by sqlite-utils' ``Migrations`` in ``_sqlite_migrations``.

The names are listed here without importing sqlite-utils, so an up-to-date database opens
without paying for that import (it pulls in numpy when numpy is installed). The
``Migrations`` object is built only when a step is pending.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `status` imports this module (§9)

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

MIGRATION_SET = "growth_tracker"
MIGRATIONS_TABLE = "_sqlite_migrations"

# Instants are INTEGER Unix seconds (UTC) everywhere.
_BLOCKS = """
CREATE TABLE {name} (
    id INTEGER PRIMARY KEY{autoincrement},
    kind TEXT NOT NULL CHECK (kind IN ('task', 'growth')),
    label TEXT NOT NULL DEFAULT '' CHECK (length(label) <= 200),
    note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    started_at INTEGER NOT NULL,
    ended_at INTEGER CHECK (ended_at IS NULL OR ended_at > started_at),
    last_seen_at INTEGER,
    source TEXT NOT NULL DEFAULT 'manual'
        CHECK (source IN ('tray', 'cli', 'manual', 'import', 'recovered')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT
"""

# Blocks are disjoint, so the block starting last before a span's end is the only one
# that can overlap it: one index seek instead of a scan.
_NO_OVERLAP = """
CREATE TRIGGER blocks_no_overlap_{op} BEFORE {op} ON blocks
WHEN EXISTS (
    SELECT 1 FROM (
        SELECT ended_at FROM blocks
        WHERE started_at < coalesce(NEW.ended_at, 9223372036854775807) AND id IS NOT NEW.id
        ORDER BY started_at DESC LIMIT 1
    ) AS prev
    WHERE coalesce(prev.ended_at, 9223372036854775807) > NEW.started_at
)
BEGIN
    SELECT RAISE(ABORT, 'blocks may not overlap');
END
"""

# The indexes and triggers of ``blocks`` (dropped with the table when it is rebuilt).
_BLOCKS_EXTRAS = [
    "CREATE UNIQUE INDEX blocks_one_running ON blocks ((ended_at IS NULL)) WHERE ended_at IS NULL",
    "CREATE INDEX blocks_started_at ON blocks (started_at)",
    "CREATE INDEX blocks_kind_label ON blocks (kind, label, started_at)",
    _NO_OVERLAP.format(op="INSERT"),
    _NO_OVERLAP.format(op="UPDATE"),
]

_STATEMENTS_V1 = [
    _BLOCKS.format(name="blocks", autoincrement=""),
    *_BLOCKS_EXTRAS,
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
]

# Target history and reflection notes came in the second step.
_STATEMENTS_V2 = [
    "CREATE TABLE targets (effective_day TEXT PRIMARY KEY, "
    "target REAL NOT NULL CHECK (target >= 0 AND target <= 1)) STRICT",
    "CREATE TABLE day_notes (day TEXT PRIMARY KEY, "
    "note TEXT NOT NULL CHECK (length(note) <= 4000), updated_at INTEGER NOT NULL) STRICT",
]

# The third step rebuilds ``blocks`` with AUTOINCREMENT, keeping every id: a deleted
# block's id (the highest one included) is never given to a new block, so an id in an
# old export, a script or the undo history always means the same block. (sqlite_sequence
# starts at the highest id kept; ids deleted before this step cannot be known.)
_STATEMENTS_V3 = [
    _BLOCKS.format(name="blocks_v3", autoincrement=" AUTOINCREMENT"),
    "INSERT INTO blocks_v3 (id, kind, label, note, started_at, ended_at, last_seen_at, source,"
    " created_at, updated_at) SELECT id, kind, label, note, started_at, ended_at, last_seen_at,"
    " source, created_at, updated_at FROM blocks ORDER BY id",
    "DROP TABLE blocks",
    "ALTER TABLE blocks_v3 RENAME TO blocks",
    *_BLOCKS_EXTRAS,
]

# The fourth step prepares sync (docs/architecture.md §16): every block gets a global id,
# triggers note every change to publish (heartbeats are not changes), and the tables hold
# what was merged from other devices. ``last_seen_at`` alone changing marks nothing.
_NEW_GID = "lower(hex(randomblob(16)))"
# An upsert's own conflict clause overrides a trigger's ``OR IGNORE``, hence delete + insert;
# a row renewed this way also moves to the end (a target set later publishes later).
_OUTBOX = """CREATE TRIGGER {name} AFTER {event} ON {table} {when}
BEGIN
    DELETE FROM sync_outbox WHERE what = '{what}' AND key = {key};
    INSERT INTO sync_outbox (what, key) VALUES ('{what}', {key});
END"""

_STATEMENTS_V4 = [
    "ALTER TABLE blocks ADD COLUMN gid TEXT",
    f"UPDATE blocks SET gid = {_NEW_GID}",
    "CREATE UNIQUE INDEX blocks_gid ON blocks (gid)",
    # ``at``: when a target entry was set (the service stamps it; a trigger cannot know
    # the service's clock), so entries publish in the order they were made
    "CREATE TABLE sync_outbox (what TEXT NOT NULL, key TEXT NOT NULL, at INTEGER, "
    "PRIMARY KEY (what, key)) STRICT",
    f"""CREATE TRIGGER blocks_gid_new AFTER INSERT ON blocks WHEN NEW.gid IS NULL
    BEGIN UPDATE blocks SET gid = {_NEW_GID} WHERE id = NEW.id; END""",
    _OUTBOX.format(
        name="blocks_sync_insert",
        event="INSERT",
        table="blocks",
        what="block",
        key="NEW.gid",
        when="WHEN NEW.gid IS NOT NULL",
    ),
    _OUTBOX.format(
        name="blocks_sync_update",
        event="UPDATE OF gid, kind, label, note, started_at, ended_at",
        table="blocks",
        what="block",
        key="NEW.gid",
        when="",
    ),
    _OUTBOX.format(
        name="blocks_sync_delete",
        event="DELETE",
        table="blocks",
        what="block",
        key="OLD.gid",
        when="",
    ),
    *(
        _OUTBOX.format(
            name=f"{table}_sync_{event.lower()}",
            event=event,
            table=table,
            what=what,
            key=f"{'OLD' if event == 'DELETE' else 'NEW'}.{column}",
            when="",
        )
        for table, what, column in (
            ("day_notes", "note", "day"),
            ("targets", "target", "effective_day"),
        )
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
    # what this device published last of each block, note and target entry
    "CREATE TABLE sync_published (what TEXT NOT NULL, key TEXT NOT NULL, "
    "edited_at INTEGER NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (what, key)) STRICT",
    # every block version seen in any change log (winners and losers alike)
    """CREATE TABLE sync_versions (gid TEXT NOT NULL, device TEXT NOT NULL,
    edited_at INTEGER NOT NULL, origin TEXT NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL,
    note TEXT NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER, deleted INTEGER NOT NULL,
    PRIMARY KEY (gid, device, edited_at, deleted, kind, label, note, started_at)) STRICT""",
    # the winning version of each block recorded on another device
    """CREATE TABLE sync_blocks (id INTEGER PRIMARY KEY, gid TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('task', 'growth')),
    label TEXT NOT NULL, note TEXT NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER,
    edited_at INTEGER NOT NULL, editor TEXT NOT NULL, deleted INTEGER NOT NULL) STRICT""",
    "CREATE INDEX sync_blocks_started_at ON sync_blocks (started_at) WHERE NOT deleted",
    # winners of the day notes and target entries, as (what, key)
    """CREATE TABLE sync_values (what TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
    device TEXT NOT NULL, edited_at INTEGER NOT NULL, PRIMARY KEY (what, key)) STRICT""",
    # batch files already merged (a file's copies are the same ops: read once)
    """CREATE TABLE sync_files (device TEXT NOT NULL, seq INTEGER NOT NULL,
    digest TEXT NOT NULL, name TEXT NOT NULL, mine INTEGER NOT NULL,
    PRIMARY KEY (device, seq, digest, name)) STRICT""",
    "CREATE INDEX sync_files_name ON sync_files (device, name)",
    """CREATE TABLE sync_devices (device TEXT PRIMARY KEY, name TEXT NOT NULL,
    last_seen INTEGER, last_change INTEGER) STRICT""",
]

# The fifth step makes sync cost nothing while it is off (§16.1, §16.3): m004 gave every
# block a random 32-digit gid and queued every change even with sync off (100 000 blocks:
# 29 MB instead of 11 MB). Now a block recorded here has no stored gid: it is derived,
# ``LOCAL_GID``, from the device id, the block's creation time and its id (ids are never
# reused, m003; the time keeps apart blocks a copied database made under one device id
# before the copy was found, §16.6); only a block that needs another (put back in the
# second its published delete was made, or recorded under a device id given up) stores
# one. The triggers queue changes only while sync is on (a folder set and a device id
# made); turning sync on queues the whole history once.
LOCAL_GID = "substr({device}, 1, 8) || printf('%08x%016x', {row}created_at, {row}id)"
_DEVICE = "(SELECT value FROM settings WHERE key = 'sync_device_id')"
_SYNC_ON = (
    "EXISTS (SELECT 1 FROM settings WHERE key = 'sync_folder' AND value != '')"
    f" AND {_DEVICE} IS NOT NULL"
)


def _gid_of(row: str) -> str:
    return f"coalesce({row}.gid, {LOCAL_GID.format(device=_DEVICE, row=row + '.')})"


_TRIGGERS_V4 = [
    "blocks_gid_new",
    "blocks_sync_insert",
    "blocks_sync_update",
    "blocks_sync_delete",
    *(f"{t}_sync_{e}" for t in ("day_notes", "targets") for e in ("insert", "update", "delete")),
]

_STATEMENTS_V5 = [
    *(f"DROP TRIGGER {name}" for name in _TRIGGERS_V4),
    "DROP INDEX blocks_gid",
    # never published: no gid has left this database, all of them can be derived
    "UPDATE blocks SET gid = NULL WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'sync_seq')",
    # an outbox filled while sync was off (turning it on queues everything again)
    f"DELETE FROM sync_outbox WHERE NOT ({_SYNC_ON})"
    " OR NOT EXISTS (SELECT 1 FROM settings WHERE key = 'sync_seq')",
    "CREATE UNIQUE INDEX blocks_gid ON blocks (gid) WHERE gid IS NOT NULL",
    # a block put back under an id whose delete was published is a new block (§16.4)
    f"""CREATE TRIGGER blocks_gid_new AFTER INSERT ON blocks WHEN NEW.gid IS NULL
    AND EXISTS (SELECT 1 FROM sync_published WHERE what = 'block'
                AND key = {LOCAL_GID.format(device=_DEVICE, row="NEW.")})
    BEGIN UPDATE blocks SET gid = {_NEW_GID} WHERE id = NEW.id; END""",
    _OUTBOX.format(
        name="blocks_sync_insert",
        event="INSERT",
        table="blocks",
        what="block",
        key=_gid_of("NEW"),
        when=f"WHEN {_SYNC_ON}",
    ),
    _OUTBOX.format(
        name="blocks_sync_update",
        event="UPDATE OF gid, kind, label, note, started_at, ended_at",
        table="blocks",
        what="block",
        key=_gid_of("NEW"),
        when=f"WHEN {_SYNC_ON}",
    ),
    _OUTBOX.format(
        name="blocks_sync_delete",
        event="DELETE",
        table="blocks",
        what="block",
        key=_gid_of("OLD"),
        when=f"WHEN {_SYNC_ON}",
    ),
    *(
        _OUTBOX.format(
            name=f"{table}_sync_{event.lower()}",
            event=event,
            table=table,
            what=what,
            key=f"{'OLD' if event == 'DELETE' else 'NEW'}.{column}",
            when=f"WHEN {_SYNC_ON}",
        )
        for table, what, column in (
            ("day_notes", "note", "day"),
            ("targets", "target", "effective_day"),
        )
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
]

MIGRATION_NAMES: tuple[str, ...] = (
    "m001_blocks_settings",
    "m002_targets_notes",
    "m003_blocks_autoincrement",
    "m004_sync",
    "m005_sync_lean",
)


def build_migrations() -> Migrations:
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)

    @migrations(name="m001_blocks_settings")
    def m001(db: Database) -> None:
        for sql in _STATEMENTS_V1:
            db.execute(sql)

    @migrations(name="m002_targets_notes")
    def m002(db: Database) -> None:
        for sql in _STATEMENTS_V2:
            db.execute(sql)

    @migrations(name="m003_blocks_autoincrement")
    def m003(db: Database) -> None:
        for sql in _STATEMENTS_V3:
            db.execute(sql)

    @migrations(name="m004_sync")
    def m004(db: Database) -> None:
        for sql in _STATEMENTS_V4:
            db.execute(sql)

    @migrations(name="m005_sync_lean")
    def m005(db: Database) -> None:
        for sql in _STATEMENTS_V5:
            db.execute(sql)

    return migrations
