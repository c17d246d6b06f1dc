"""The merged day totals summed by the store equal the Python overlap rule (§16.5):
random histories of this PC and one or two others, running blocks, ties in start time,
overlaps within one device (edits made apart), over days cut by the day-start hour."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.domain.clock import FakeClock
from tracker.domain.model import Block, Kind, Source
from tracker.domain.stats import summarize_days
from tracker.domain.sync import BlockVersion
from tracker.service import TrackerService
from tracker.store import Store
from tracker.store.sync import SyncStore

TZ = ZoneInfo("Asia/Tokyo")
DAY0 = dt.date(2026, 11, 2)
T0 = int(dt.datetime(2026, 11, 2, 3, 0, tzinfo=TZ).timestamp())  # before the 04:00 day start
Q = 900  # a quarter of an hour: starts often tie

spans = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 40), st.sampled_from(Kind)), max_size=12
)


def _laid_out(steps: list[tuple[int, int, Kind]], offset: int) -> list[tuple[int, int, Kind]]:
    out, t = [], T0 + offset
    for gap, length, kind in steps:
        start = t + gap * Q
        out.append((start, start + length * Q, kind))
        t = start + length * Q
    return out


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    local=spans,
    others=st.lists(spans, min_size=1, max_size=2),
    offsets=st.lists(st.integers(0, 8), min_size=3, max_size=3),
    running=st.booleans(),
    remote_running=st.booleans(),
    seen=st.integers(0, 20),
    clash=st.booleans(),
    gids=st.lists(st.text("0123456789abcdef", min_size=2, max_size=2), min_size=40, max_size=40),
)
def test_the_store_sums_what_the_python_rule_counts(
    local: list[tuple[int, int, Kind]],
    others: list[list[tuple[int, int, Kind]]],
    offsets: list[int],
    running: bool,
    remote_running: bool,
    seen: int,
    clash: bool,
    gids: list[str],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "t.db")
        try:
            _check(store, local, others, offsets, running, remote_running, seen, clash, gids)
        finally:
            store.close()


def _check(
    store: Store,
    local: list[tuple[int, int, Kind]],
    others: list[list[tuple[int, int, Kind]]],
    offsets: list[int],
    running: bool,
    remote_running: bool,
    seen: int,
    clash: bool,
    gids: list[str],
) -> None:
    blocks = _laid_out(local, offsets[0] * Q)
    now = max([e for _, e, _ in blocks], default=T0) + 3 * Q
    svc = TrackerService(store, FakeClock(now), TZ)
    me = SyncStore(store).device_id("a" * 32)
    for n, (s, e, kind) in enumerate(blocks):
        end = None if running and n == len(blocks) - 1 else e
        store.insert(Block(0, kind, "", "", s, end, None, Source.MANUAL), now)
    ss = SyncStore(store)
    last_seen = T0
    for d, steps in enumerate(others):
        device = f"{d + 1}" * 32
        ops: list[BlockVersion] = []
        laid = _laid_out(steps, offsets[d + 1] * Q)
        if clash and len(laid) > 1:  # two edits made apart: one device's blocks overlap
            s, e, kind = laid[1]
            laid[1] = (laid[0][0] + Q // 2, e, kind)
        for n, (s, e, kind) in enumerate(laid):
            end = None if remote_running and n == len(laid) - 1 else e
            gid = gids[(d * 20 + n) % 40] + f"{d}{n:02d}" + "0" * 27
            ops.append(BlockVersion(gid, device, T0, device, kind, "", "", s, end))
            last_seen = s + seen * Q
        ss.merge_batch(device, 1, "x" * 32, f"{d}.jsonl", ops)
        ss.record_device(device, device[:8], last_seen)
    assert me != "1" * 32
    first, last = DAY0 - dt.timedelta(days=1), DAY0 + dt.timedelta(days=6)
    grid = svc.grid(first, last)
    targets = svc._targets()
    summed = svc._day_totals(first, last, targets, now)
    python = summarize_days(svc._counted_between(grid.start, grid.end), grid, targets, now)
    assert summed == python
    if len(others) == 1 and not clash and ss.has_remote():
        assert ss.merged_day_totals(grid, now, me) is not None  # the SQL path was taken


def test_a_tie_in_start_goes_to_the_greater_gid(tmp_path: Path) -> None:
    for gid, expected in (("f" * 32, (Q, Q)), ("0" * 32, (2 * Q, 0))):
        store = Store(tmp_path / f"{gid[0]}.db")
        now = T0 + 10 * Q
        svc = TrackerService(store, FakeClock(now), TZ)
        SyncStore(store).device_id("a" * 32)  # this PC's blocks' gids begin "aaaaaaaa"
        start = T0 + 4 * Q
        store.insert(Block(0, Kind.TASK, "", "", start, start + 2 * Q, None, Source.MANUAL), now)
        other = "1" * 32
        version = BlockVersion(gid, other, T0, other, Kind.GROWTH, "", "", start, start + Q)
        SyncStore(store).merge_batch(other, 1, "x" * 32, "1.jsonl", [version])
        [day] = svc._day_totals(DAY0, DAY0, svc._targets(), now)
        assert (day.task_s, day.growth_s) == expected
        store.close()
