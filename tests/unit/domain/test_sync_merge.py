"""The merge of several devices' ops and the count-overlap-once rule (docs/architecture.md §16)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.model import Block, Kind
from tracker.domain.sync import (
    BlockVersion,
    NoteVersion,
    TargetVersion,
    counted_parts,
    merge,
    next_edit_time,
)

DEVICES = ("a" * 32, "b" * 32, "c" * 32)

versions = st.builds(
    BlockVersion,
    gid=st.sampled_from(["g1", "g2", "g3"]),
    device=st.sampled_from(DEVICES),
    edited_at=st.integers(100, 110),
    origin=st.just(DEVICES[0]),
    kind=st.sampled_from(list(Kind)),
    label=st.sampled_from(["", "mail", "review"]),
    started_at=st.integers(0, 50),
    ended_at=st.just(60),
    deleted=st.booleans(),
)
notes = st.builds(
    NoteVersion,
    day=st.sampled_from(["2026-12-01", "2026-12-02"]),
    note=st.text(max_size=3),
    device=st.sampled_from(DEVICES),
    edited_at=st.integers(100, 105),
)
targets = st.builds(
    TargetVersion,
    day=st.sampled_from(["2026-12-01", "2026-12-02", "2026-12-03"]),
    target=st.sampled_from([0.1, 0.2, 0.3]),
    device=st.sampled_from(DEVICES),
    edited_at=st.integers(100, 105),
)
ops = st.lists(st.one_of(versions, notes, targets), max_size=25)


def _view(ops_list: list[BlockVersion | NoteVersion | TargetVersion]) -> object:
    m = merge(ops_list)
    return (m.blocks, m.losers, m.notes, m.target_entries())


@given(ops, st.randoms(use_true_random=False))
def test_merge_is_the_same_in_any_order_and_with_copies(ops_list, rnd) -> None:
    shuffled = list(ops_list) + rnd.sample(ops_list, len(ops_list) // 2)  # conflict copies
    rnd.shuffle(shuffled)
    assert _view(shuffled) == _view(ops_list)


@given(ops)
def test_every_version_is_kept_as_winner_or_loser(ops_list) -> None:
    m = merge(ops_list)
    kept = set(m.blocks.values()) | m.losers
    assert {o for o in ops_list if isinstance(o, BlockVersion)} == kept


def test_the_later_edit_wins_and_the_loser_is_kept() -> None:
    a = BlockVersion("g", DEVICES[0], 100, DEVICES[0], Kind.TASK, "mail", "", 0, 60)
    b = BlockVersion("g", DEVICES[1], 101, DEVICES[0], Kind.GROWTH, "mail", "", 0, 60)
    m = merge([b, a])
    assert m.blocks["g"] is b
    assert m.losers == {a}


def test_a_tie_breaks_by_device_id_not_by_arrival() -> None:
    a = BlockVersion("g", DEVICES[0], 100, DEVICES[0], Kind.TASK, "x", "", 0, 60)
    b = BlockVersion("g", DEVICES[1], 100, DEVICES[0], Kind.GROWTH, "y", "", 0, 60)
    assert merge([a, b]).blocks["g"] is b
    assert merge([b, a]).blocks["g"] is b


def test_a_delete_is_final_even_against_a_later_edit() -> None:
    tomb = BlockVersion("g", DEVICES[0], 100, DEVICES[0], deleted=True)
    later = BlockVersion("g", DEVICES[1], 500, DEVICES[0], Kind.TASK, "x", "", 0, 60)
    m = merge([tomb, later])
    assert m.blocks["g"].deleted
    assert m.live() == []


@given(st.integers(0, 10**9), st.none() | st.integers(0, 10**9))
def test_an_edit_is_always_later_than_what_it_edits(now, previous) -> None:
    t = next_edit_time(now, previous)
    assert t >= now
    if previous is not None:
        assert t > previous


@given(st.lists(targets, max_size=8, unique_by=lambda t: (t.edited_at, t.device)))
def test_target_history_equals_one_machine_applying_in_time_order(entries) -> None:
    # a device never makes two entries in one second (each is later than the last)
    # one machine: set_target(day) deletes the entries of later days, upserts its own
    machine: dict[str, float] = {}
    for e in sorted(entries, key=lambda e: e.rank):
        machine = {d: t for d, t in machine.items() if d <= e.day}
        machine[e.day] = e.target
    assert merge(entries).target_entries() == sorted(machine.items())


def _b(i: int, start: int, end: int, kind: Kind = Kind.TASK) -> Block:
    return Block(i, kind, "", "", start, end)


def test_overlap_counts_once_for_the_block_that_started_later() -> None:
    office = _b(1, 0, 100)
    laptop = _b(2, 40, 60, Kind.GROWTH)
    parts = counted_parts([office, laptop])
    shown = [(p.id, p.started_at, p.ended_at) for p in parts]
    assert shown == [(1, 0, 40), (2, 40, 60), (1, 60, 100)]


def test_disjoint_blocks_are_left_as_they_are() -> None:
    blocks = [_b(2, 50, 60), _b(1, 0, 50)]
    assert counted_parts(blocks) == [blocks[1], blocks[0]]


spans = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 20)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=8,
)


@given(spans)
def test_counted_parts_cover_the_union_once_by_the_latest_start(raw) -> None:
    blocks = [_b(i, s, e) for i, (s, e) in enumerate(raw)]
    parts = counted_parts(blocks, [f"{i:03d}" for i in range(len(blocks))])
    covered = [0] * 80
    for p in parts:
        assert p.ended_at is not None and p.started_at < p.ended_at
        for t in range(p.started_at, p.ended_at):
            covered[t] += 1
            # the owner of each second is the covering block that started last
            owners = [b for b in blocks if b.started_at <= t < (b.ended_at or 0)]
            best = max(owners, key=lambda b: (b.started_at, f"{b.id:03d}"))
            assert p.id == best.id
    union = {t for s, e in raw for t in range(s, e)}
    assert {t for t, n in enumerate(covered) if n} == union
    assert max(covered, default=0) <= 1
