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

MIGRATION_NAMES: tuple[str, ...] = (
    "m001_blocks_settings",
    "m002_targets_notes",
    "m003_blocks_autoincrement",
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

    return migrations
