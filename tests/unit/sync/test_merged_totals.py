"""The merged day totals swept by the store count what the overlap rule says (§16.5):
random histories over one to four devices (this PC and up to three others), overlaps
across devices and within one device (edits made apart, on this PC's blocks too), running
blocks counted up to now or to their device's last-seen time, ties in start time, days cut
by the day-start hour and blocks reaching in from before the range. Each day is compared
with a tiny reference written here, and with the Python path (``counted_parts``)."""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.domain.clock import FakeClock
from tracker.domain.days import DayGrid
from tracker.domain.model import Block, Kind, Source
from tracker.domain.stats import summarize_days
from tracker.domain.sync import BlockVersion
from tracker.service import CorruptDatabaseError, TrackerService
from tracker.store import Store
from tracker.store.sync import SyncStore

TZ = ZoneInfo("Asia/Tokyo")
DAY0 = dt.date(2026, 11, 2)
T0 = int(dt.datetime(2026, 11, 2, 3, 0, tzinfo=TZ).timestamp())  # before the 04:00 day start
Q = 900  # a quarter of an hour: starts often tie
ME = "a" * 32

spans = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 40), st.sampled_from(Kind)), max_size=12
)

# (start, end, kind, gid) as they count: a running block already given its end
Counted = tuple[int, int, Kind, str]


def _laid_out(steps: list[tuple[int, int, Kind]], offset: int) -> list[tuple[int, int, Kind]]:
    out, t = [], T0 + offset
    for gap, length, kind in steps:
        start = t + gap * Q
        out.append((start, start + length * Q, kind))
        t = start + length * Q
    return out


def _owners(blocks: list[Counted], grid: DayGrid) -> list[tuple[int, int, Kind, str]]:
    """The rule, plainly: cut time at every start, end and day edge; each piece inside the
    grid belongs to the covering block with the greatest (start, gid)."""
    points = sorted({t for s, e, _, _ in blocks for t in (s, e)} | set(grid.edges))
    out = []
    for a, b in itertools.pairwise(points):
        covering = [(s, g, k) for s, e, k, g in blocks if s <= a and b <= e and s < e]
        if covering and grid.start <= a < grid.end:
            _, gid, kind = max(covering)
            out.append((a, b, kind, gid))
    return out


def _parts(blocks: list[Counted], grid: DayGrid) -> list[tuple[str, int, int]]:
    """(gid, start, end) of each part as it counts, inside the grid: adjacent pieces of one
    block joined."""
    parts: list[tuple[str, int, int]] = []
    for a, b, _, gid in _owners(blocks, grid):
        if parts and parts[-1][0] == gid and parts[-1][2] == a:
            parts[-1] = (gid, parts[-1][1], b)
        else:
            parts.append((gid, a, b))
    return parts


def _reference(blocks: list[Counted], grid: DayGrid) -> list[tuple[dt.date, int, int]]:
    """Each piece of ``_owners`` counted in its day."""
    task = dict.fromkeys(grid.days, 0)
    growth = dict.fromkeys(grid.days, 0)
    for a, b, kind, _ in _owners(blocks, grid):
        day = grid.days[max(i for i, edge in enumerate(grid.edges) if edge <= a)]
        (growth if kind is Kind.GROWTH else task)[day] += b - a
    return [(d, task[d], growth[d]) for d in grid.days]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    local=spans,
    others=st.lists(spans, min_size=0, max_size=3),
    offsets=st.lists(st.integers(0, 8), min_size=4, max_size=4),
    running=st.booleans(),
    remote_running=st.booleans(),
    seen=st.integers(0, 20),
    clash=st.booleans(),
    local_clash=st.booleans(),
    first_day=st.integers(-1, 1),
    gids=st.lists(st.text("0123456789abcdef", min_size=2, max_size=2), min_size=80, max_size=80),
)
def test_the_store_sums_what_the_overlap_rule_counts(
    local: list[tuple[int, int, Kind]],
    others: list[list[tuple[int, int, Kind]]],
    offsets: list[int],
    running: bool,
    remote_running: bool,
    seen: int,
    clash: bool,
    local_clash: bool,
    first_day: int,
    gids: list[str],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "t.db")
        try:
            _check(
                store,
                local,
                others,
                offsets,
                (running, remote_running, clash, local_clash),
                seen,
                first_day,
                gids,
            )
        finally:
            store.close()


def _check(
    store: Store,
    local: list[tuple[int, int, Kind]],
    others: list[list[tuple[int, int, Kind]]],
    offsets: list[int],
    flags: tuple[bool, bool, bool, bool],
    seen: int,
    first_day: int,
    gids: list[str],
) -> None:
    running, remote_running, clash, local_clash = flags
    blocks = _laid_out(local, offsets[0] * Q)
    now = max([e for _, e, _ in blocks], default=T0) + 3 * Q
    svc = TrackerService(store, FakeClock(now), TZ)
    ss = SyncStore(store)
    ss.device_id(ME)
    counted: dict[str, Counted] = {}  # gid → the block as it counts
    ids: dict[int, str] = {}  # local id → gid
    for n, (s, e, kind) in enumerate(blocks):
        end = None if running and n == len(blocks) - 1 else e
        block = store.insert(Block(0, kind, "", "", s, end, None, Source.MANUAL), now)
        gid = ss.gids([block.id])[block.id]
        store.update(replace(block, label=f"#{gid}"), now)
        ids[block.id] = gid
        counted[gid] = (s, max(now, s) if end is None else e, kind, gid)
    if local_clash and len(blocks) > (2 if running else 1):
        # another PC's edit moved this PC's (finished) 2nd block into its 1st: the block
        # moves among the merged ones (§16.4) and still counts
        editor = "e" * 32
        gid = sorted(counted, key=lambda g: counted[g][0])[1]
        _, e, kind, _ = counted[gid]
        start = blocks[0][0] + Q // 2
        version = BlockVersion(gid, editor, now + 10, ME, kind, f"#{gid}", "", start, e)
        ss.merge_batch(editor, 1, "e" * 32, "e.jsonl", [version])
        assert ss.has_remote()
        counted[gid] = (start, e, kind, gid)
    for d, steps in enumerate(others):
        device = f"{d + 1}" * 32
        ops: list[BlockVersion] = []
        laid = _laid_out(steps, offsets[d + 1] * Q)
        if clash and len(laid) > 1:  # two edits made apart: one device's blocks overlap
            s, e, kind = laid[1]
            laid[1] = (laid[0][0] + Q // 2, e, kind)
        last_seen = T0
        for n, (s, e, kind) in enumerate(laid):
            end = None if remote_running and n == len(laid) - 1 else e
            gid = gids[(d * 20 + n) % 80] + f"{d}{n:02d}" + "0" * 27
            ops.append(BlockVersion(gid, device, T0, device, kind, f"#{gid}", "", s, end))
            last_seen = s + seen * Q
        ss.merge_batch(device, 1, "x" * 32, f"{d}.jsonl", ops)
        ss.record_device(device, device[:8], last_seen)
        for op in ops:
            end_at = max(last_seen, op.started_at) if op.ended_at is None else op.ended_at
            counted[op.gid] = (op.started_at, end_at, op.kind, op.gid)
    first = DAY0 + dt.timedelta(days=first_day)
    last = first + dt.timedelta(days=6)
    grid = svc.grid(first, last)
    targets = svc._targets()
    expected = _reference(list(counted.values()), grid)
    summed = svc._day_totals(first, last, targets, now)
    assert [(d.date, d.task_s, d.growth_s) for d in summed] == expected
    if ss.has_remote():
        assert ss.merged_day_totals(grid, now, ME) == expected  # the sweep itself
        parts = svc._counted_between(grid.start, grid.end)  # hotspots, the timeline
        python = summarize_days(parts, grid, targets, now)
        assert [(d.date, d.task_s, d.growth_s) for d in python] == expected
        gid_of = dict(ids)
        gid_of.update((-i, g) for i, g in store.conn.execute("SELECT id, gid FROM sync_blocks"))
        inside = [
            (gid_of[p.id], max(p.started_at, grid.start), min(p.ended_at or 0, grid.end))
            for p in parts
        ]
        assert [p for p in inside if p[1] < p[2]] == _parts(list(counted.values()), grid)
        assert all(p.kind is counted[gid_of[p.id]][2] for p in parts)
        assert all(p.label == f"#{gid_of[p.id]}" for p in parts)


def test_a_tie_in_start_goes_to_the_greater_gid(tmp_path: Path) -> None:
    for gid, expected in (("f" * 32, (Q, Q)), ("0" * 32, (2 * Q, 0))):
        store = Store(tmp_path / f"{gid[0]}.db")
        now = T0 + 10 * Q
        svc = TrackerService(store, FakeClock(now), TZ)
        SyncStore(store).device_id(ME)  # this PC's blocks' gids begin "aaaaaaaa"
        start = T0 + 4 * Q
        store.insert(Block(0, Kind.TASK, "", "", start, start + 2 * Q, None, Source.MANUAL), now)
        other = "1" * 32
        version = BlockVersion(gid, other, T0, other, Kind.GROWTH, "", "", start, start + Q)
        SyncStore(store).merge_batch(other, 1, "x" * 32, "1.jsonl", [version])
        [day] = svc._day_totals(DAY0, DAY0, svc._targets(), now)
        assert (day.task_s, day.growth_s) == expected
        store.close()


def test_a_damaged_kind_in_a_merged_history_is_the_store_s_own_error(tmp_path: Path) -> None:
    """The sweep makes its parts from SQLite's rows itself, so it checks kinds as
    ``Blocks`` does: a damaged row is ``db_damaged``, never a KeyError."""
    db = tmp_path / "t.db"
    store = Store(db)
    now = T0 + 10 * Q
    svc = TrackerService(store, FakeClock(now), TZ)
    SyncStore(store).device_id(ME)
    other = "1" * 32
    version = BlockVersion("f" * 32, other, T0, other, Kind.GROWTH, "", "", T0 + 5 * Q, T0 + 7 * Q)
    SyncStore(store).merge_batch(other, 1, "x" * 32, "1.jsonl", [version])
    assert [p.label for p in svc.hotspots(DAY0, DAY0)] == []  # growth only: no routine
    store.conn.execute("PRAGMA ignore_check_constraints = ON")
    store.conn.execute(
        "INSERT INTO blocks (kind, label, note, started_at, ended_at, source, created_at,"
        " updated_at) VALUES ('tsak', 'x', '', ?, ?, 'cli', 1, 1)",
        (T0 + 6 * Q, T0 + 8 * Q),
    )
    with pytest.raises(CorruptDatabaseError) as caught:
        svc.hotspots(DAY0, DAY0)
    assert caught.value.code == "db_damaged"
    assert "holds an unknown kind or source" in str(caught.value)
    store.close()
