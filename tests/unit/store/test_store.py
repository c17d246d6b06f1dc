"""The store's invariants, queries and transactions on real files (docs/architecture.md §4)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.domain.model import Block, Kind, Source, ValidationError
from tracker.store import ConflictError, NotFoundError, Store

T0 = 1_700_000_000
NOW = T0 + 100_000


def blk(start: int, end: int | None, kind: Kind = Kind.TASK, label: str = "") -> Block:
    return Block(0, kind, label, "", T0 + start, None if end is None else T0 + end)


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = Store(db_path)
    yield s
    s.close()


def rows(store: Store) -> list[tuple[int, int, int | None]]:
    return [(b.id, b.started_at, b.ended_at) for b in store.all_blocks()]


# -- invariants ---------------------------------------------------------------------------


def test_insert_and_get_round_trip(store: Store) -> None:
    b = store.insert(
        Block(0, Kind.GROWTH, "IFRS 勉強", "memo\nline", T0, T0 + 60, None, Source.CLI), NOW
    )
    assert b.id > 0
    assert store.get(b.id) == b
    assert (b.kind, b.label, b.note, b.source) == (Kind.GROWTH, "IFRS 勉強", "memo\nline", "cli")


def test_a_second_running_block_is_refused(store: Store) -> None:
    first = store.insert(blk(0, None), NOW)
    with pytest.raises(ConflictError, match=f"block {first.id} is already running") as info:
        store.insert(blk(100, None), NOW)
    assert info.value.other == first
    assert rows(store) == [(first.id, T0, None)]


@pytest.mark.parametrize(
    ("start", "end"),
    [(50, 150), (150, 250), (110, 190), (60, 300), (100, 200), (199, 300)],
)
def test_an_overlap_is_refused_naming_the_colliding_block(
    store: Store, start: int, end: int
) -> None:
    store.insert(blk(0, 50), NOW)
    other = store.insert(blk(100, 200), NOW)
    store.insert(blk(400, 500), NOW)
    before = rows(store)
    with pytest.raises(ConflictError, match=f"overlap block {other.id}") as info:
        store.insert(blk(start, end), NOW)
    assert info.value.other == other
    assert rows(store) == before


def test_touching_blocks_are_fine(store: Store) -> None:
    store.insert(blk(100, 200), NOW)
    store.insert(blk(200, 300), NOW)
    store.insert(blk(50, 100), NOW)
    store.insert(blk(300, None), NOW)
    assert [(s - T0, None if e is None else e - T0) for _, s, e in rows(store)] == [
        (50, 100),
        (100, 200),
        (200, 300),
        (300, None),
    ]


def test_a_running_block_collides_with_anything_after_its_start(store: Store) -> None:
    store.insert(blk(100, 200), NOW)
    with pytest.raises(ConflictError, match="overlap block 1"):
        store.insert(blk(150, None), NOW)
    running = store.insert(blk(300, None), NOW)
    with pytest.raises(ConflictError, match=f"overlap block {running.id}"):
        store.insert(blk(400, 500), NOW)


def test_update_is_checked_against_the_other_blocks_but_not_itself(store: Store) -> None:
    a = store.insert(blk(0, 100), NOW)
    b = store.insert(blk(200, 300), NOW)
    moved = store.update(Block(b.id, b.kind, "x", "", T0 + 150, T0 + 350), NOW + 1)
    assert (moved.label, moved.started_at, moved.ended_at) == ("x", T0 + 150, T0 + 350)
    with pytest.raises(ConflictError, match=f"overlap block {a.id}"):
        store.update(Block(b.id, b.kind, "", "", T0 + 50, T0 + 350), NOW)
    assert store.get(b.id) == moved


@pytest.mark.parametrize("end", [100, 50])
def test_end_not_after_start_is_refused_by_python(store: Store, end: int) -> None:
    with pytest.raises(ValidationError, match="end must be after the start"):
        store.insert(blk(100, end), NOW)
    good = store.insert(blk(100, 200), NOW)
    with pytest.raises(ValidationError):
        store.update(Block(good.id, Kind.TASK, "", "", T0 + 100, T0 + end), NOW)
    assert rows(store) == [(good.id, T0 + 100, T0 + 200)]


def test_the_schema_refuses_bad_rows_even_when_python_checks_are_bypassed(store: Store) -> None:
    conn = store.conn
    insert = (
        "INSERT INTO blocks (kind, label, note, started_at, ended_at, source, created_at,"
        " updated_at) VALUES (?, '', '', ?, ?, 'manual', 0, 0)"
    )
    conn.execute(insert, ("task", T0 + 100, T0 + 200))
    conn.execute(insert, ("task", T0 + 300, None))
    refused = [
        ("task", T0 + 150, T0 + 160),  # inside the first block
        ("task", T0 + 50, T0 + 250),  # around it
        ("task", T0 + 199, T0 + 250),  # across its end
        ("task", T0 + 400, T0 + 500),  # after the running block's start
        ("task", T0 + 250, None),  # a second running block
        ("task", T0 + 10, T0 + 10),  # end == start (CHECK)
        ("task", T0 + 10, T0 + 5),  # end < start (CHECK)
        ("play", T0 + 10, T0 + 20),  # unknown kind (CHECK)
    ]
    for values in refused:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(insert, values)
    with pytest.raises(sqlite3.IntegrityError, match="overlap"):
        conn.execute("UPDATE blocks SET ended_at = ? WHERE id = 1", (T0 + 350,))
    with pytest.raises(sqlite3.IntegrityError, match="overlap"):
        conn.execute("UPDATE blocks SET started_at = ? WHERE id = 2", (T0 + 150,))
    conn.execute(insert, ("growth", T0 + 200, T0 + 300))  # touching both: fine
    assert rows(store) == [(1, T0 + 100, T0 + 200), (3, T0 + 200, T0 + 300), (2, T0 + 300, None)]


# -- reading ------------------------------------------------------------------------------


def test_get_of_a_missing_id_says_where_to_look(store: Store) -> None:
    with pytest.raises(NotFoundError, match=r"no block with id 42.*list"):
        store.get(42)


def test_blocks_between_lists_each_touching_block_once_in_start_order(store: Store) -> None:
    a = store.insert(blk(0, 100), NOW)  # ends exactly at the range start: not listed
    b = store.insert(blk(100, 250), NOW)
    c = store.insert(blk(300, 400), NOW)
    d = store.insert(blk(450, 1000), NOW)  # reaches past the end
    e = store.insert(blk(1000, None), NOW)  # starts at the end: not listed
    found = store.blocks_between(T0 + 100, T0 + 1000)
    assert [x.id for x in found] == [b.id, c.id, d.id]
    assert [x.id for x in store.blocks_between(T0 + 200, T0 + 310)] == [b.id, c.id]
    assert [x.id for x in store.blocks_between(T0 + 5000, T0 + 6000)] == [e.id]
    assert [x.id for x in store.blocks_between(T0 - 50, T0 + 1)] == [a.id]
    assert store.blocks_between(T0 - 50, T0) == []


def test_running_last_and_first(store: Store) -> None:
    assert store.running() is None and store.last() is None
    assert store.first_started_at() is None
    store.insert(blk(100, 200), NOW)
    run = store.insert(blk(300, None, Kind.GROWTH), NOW)
    assert store.running() == run
    assert store.last() == run
    assert store.first_started_at() == T0 + 100


def test_recent_labels_per_kind_newest_first_without_duplicates(store: Store) -> None:
    for i, (kind, label) in enumerate(
        [
            (Kind.TASK, "a"),
            (Kind.GROWTH, "g"),
            (Kind.TASK, "b"),
            (Kind.TASK, "a"),
            (Kind.TASK, ""),
            (Kind.TASK, "c"),
        ]
    ):
        store.insert(blk(i * 100, i * 100 + 50, kind, label), NOW)
    assert store.recent_labels(Kind.TASK) == ["c", "a", "b"]
    assert store.recent_labels(Kind.TASK, limit=2) == ["c", "a"]
    assert store.recent_labels(Kind.GROWTH) == ["g"]


def test_heartbeat_touches_only_the_running_block_and_never_before_its_start(
    store: Store,
) -> None:
    done = store.insert(blk(0, 100), NOW)
    run = store.insert(blk(200, None), NOW)
    store.heartbeat(run.id, T0 + 260)
    store.heartbeat(done.id, T0 + 260)
    assert store.get(run.id).last_seen_at == T0 + 260
    assert store.get(done.id).last_seen_at is None
    store.heartbeat(run.id, T0 + 100)  # a clock that jumped back
    assert store.get(run.id).last_seen_at == T0 + 200


# -- transactions -------------------------------------------------------------------------


def test_a_failing_write_leaves_nothing_behind(store: Store) -> None:
    with pytest.raises(ConflictError), store.write():
        store.insert(blk(0, 100), NOW)
        store.set_setting("day_start", "5")
        store.insert(blk(50, 150), NOW)
    assert rows(store) == []
    assert store.settings() == {}


def test_a_nested_failure_rolls_back_only_its_savepoint(store: Store) -> None:
    with store.write():
        store.insert(blk(0, 100), NOW)
        with pytest.raises(ConflictError):
            store.insert(blk(50, 150), NOW)
        store.insert(blk(100, 150), NOW)
    assert [(s - T0, e - T0 if e else None) for _, s, e in rows(store)] == [(0, 100), (100, 150)]


def test_data_version_changes_when_another_connection_commits(store: Store, db_path: Path) -> None:
    before = store.data_version()
    other = Store(db_path)
    try:
        other.insert(blk(0, 100), NOW)
    finally:
        other.close()
    assert store.data_version() != before
    assert len(store.all_blocks()) == 1


# -- settings, targets, notes -------------------------------------------------------------


def test_settings_are_text_and_survive_reopening(store: Store, db_path: Path) -> None:
    store.set_setting("day_start", "5")
    store.set_setting("day_start", "6")
    store.set_setting("_internal", "x")
    store.close()
    again = Store(db_path)
    try:
        assert again.settings() == {"day_start": "6", "_internal": "x"}
    finally:
        again.close()


def test_target_history_drops_later_scheduled_changes(store: Store) -> None:
    d = dt.date
    assert store.target_history().for_day(d(2024, 1, 1)) == 0.2
    store.set_target(d(2024, 3, 1), 0.3)
    store.set_target(d(2024, 5, 1), 0.4)
    store.set_target(d(2024, 4, 1), 0.25)
    h = store.target_history()
    assert h.changes == ((d(2024, 3, 1), 0.3), (d(2024, 4, 1), 0.25))
    assert h.for_day(d(2024, 6, 1)) == 0.25


def test_day_notes_set_read_and_clear(store: Store) -> None:
    day = dt.date(2024, 3, 1)
    assert store.day_note(day) == ""
    store.set_day_note(day, "今日は RPA を試した\n次は…", NOW)
    store.set_day_note(day + dt.timedelta(days=2), "later", NOW)
    assert store.day_note(day) == "今日は RPA を試した\n次は…"
    assert store.day_notes(day, day + dt.timedelta(days=1)) == {day: "今日は RPA を試した\n次は…"}
    store.set_day_note(day, "", NOW)
    assert store.day_note(day) == ""
    assert store.day_notes(day, day + dt.timedelta(days=5)) == {day + dt.timedelta(days=2): "later"}


def test_shrinking_the_cache_keeps_every_block_readable(store: Store) -> None:
    """The tray frees SQLite's page cache once started; the next read fetches anew."""
    blocks = [
        Block(
            0,
            Kind.TASK if i % 2 else Kind.GROWTH,
            f"b{i}",
            "",
            1_700_000_000 + i * 100,
            1_700_000_000 + i * 100 + 50,
            None,
            Source.CLI,
        )
        for i in range(1, 500)
    ]
    store.insert_many(blocks, 1_800_000_000)
    before = store.all_blocks()
    store.shrink_memory()
    assert store.all_blocks() == before
    assert len(before) == 499
