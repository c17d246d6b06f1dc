"""Random operations on two or three PCs with random sync schedules (§16): once everything
is delivered every PC shows the same history, and it is the history one machine would show
after the same operations in time order (ties broken by device id). Blocks recorded on one
PC and changed on another end up, on every PC, as the PC that recorded them holds them."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_support import START, World

from tracker.domain.model import Kind, TrackerError

DEVICES = ("office", "laptop", "home")
H = 3600

PC = st.sampled_from(DEVICES)
adds = st.tuples(
    st.just("add"),
    st.sampled_from(DEVICES),
    st.integers(0, 20),  # start slot (15 min)
    st.integers(1, 4),  # length in slots
    st.sampled_from(list(Kind)),
    st.sampled_from(["mail", "review", ""]),
)
remote = st.tuples(
    st.just("remote"),
    st.sampled_from(DEVICES),
    st.integers(0, 9),
    st.sampled_from(["label", "kind", "move", "delete"]),
)
ops = st.lists(
    st.one_of(
        adds,
        adds,
        adds,
        st.tuples(
            st.just("edit"),
            st.sampled_from(DEVICES),
            st.integers(0, 9),
            st.sampled_from(["x", "y"]),
        ),
        st.tuples(st.just("kind"), st.sampled_from(DEVICES), st.integers(0, 9)),
        st.tuples(st.just("delete"), st.sampled_from(DEVICES), st.integers(0, 9)),
        # another PC's block, changed here (§16.4), after a round of syncing
        remote,
        remote,
        st.tuples(st.just("settle")),
        st.tuples(
            st.just("note"), st.sampled_from(DEVICES), st.sampled_from(["", "good day", "busy"])
        ),
        st.tuples(
            st.just("target"), st.sampled_from(DEVICES), st.sampled_from(["0.1", "0.3", "0.5"])
        ),
        st.tuples(st.just("sync"), st.sampled_from(DEVICES)),
        st.tuples(
            st.just("deliver"),
            st.sampled_from(DEVICES),
            st.sampled_from(DEVICES),
            st.sampled_from(["all", "some", "partial", "conflict"]),
        ),
        st.tuples(st.just("next_day")),
    ),
    min_size=4,
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops, st.integers(2, 3), st.integers(0, 2**16))
def test_after_full_delivery_every_pc_shows_the_one_machine_history(
    steps: list[tuple[object, ...]], count: int, seed: int
) -> None:
    rnd = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        world = World(Path(tmp), DEVICES[:count])
        try:
            world.clock.advance(3 * 24 * H)
            notes: list[tuple[int, str, str, str]] = []  # (time, device id, day, text)
            targets: list[tuple[int, str, str, float]] = []
            for step in steps:
                world.clock.advance(rnd.randint(1, 120))
                _apply(world, step, count, rnd, notes, targets)
            world.settle()
            world.settle()
            views = [d.view() for d in world.devices.values()]
            assert all(v == views[0] for v in views)
            assert views[0] == _one_machine(world, notes, targets)
        finally:
            world.close()


def _apply(
    world: World,
    step: tuple[object, ...],
    count: int,
    rnd: random.Random,
    notes: list[tuple[int, str, str, str]],
    targets: list[tuple[int, str, str, float]],
) -> None:
    what = step[0]
    if what == "next_day":
        world.clock.advance(24 * H)
        return
    if what == "settle":
        world.settle()
        return
    name = str(step[1])
    if name not in world.devices:
        return
    svc = world[name].service
    day0 = START  # blocks go into the first morning, three days back
    own = svc.store.all_blocks()
    try:
        if what == "add":
            _, _, slot, length, kind, label = step
            start = day0 + int(str(slot)) * 900
            svc.add_block(kind, start, start + int(str(length)) * 900, str(label))  # type: ignore[arg-type]
        elif what in ("edit", "kind", "delete") and own:
            block = own[int(str(step[2])) % len(own)]
            if what == "edit":
                svc.edit_block(block.id, label=str(step[3]))
            elif what == "kind":
                svc.change_kind([block.id], block.kind.other)
            else:
                svc.delete_block(block.id)
        elif what == "remote":
            theirs = [b for b in svc._whole_between(0, 2**62) if b.id < 0]
            if theirs:
                block = theirs[int(str(step[2])) % len(theirs)]
                change = str(step[3])
                if change == "label":
                    svc.edit_block(block.id, label=f"{name} says")
                elif change == "kind":
                    svc.change_kind([block.id], block.kind.other)
                elif change == "move" and block.ended_at is not None:
                    svc.edit_block(block.id, start=block.started_at + 300)
                elif change == "delete":
                    svc.delete_block(block.id)
        elif what == "note":
            before = svc.day_note(svc.today())
            svc.set_day_note(svc.today(), str(step[2]))
            day = svc.today().isoformat()
            if before or step[2]:  # clearing a note this PC does not have changes nothing
                notes.append((world.clock.now(), svc.device_id(), day, str(step[2])))
        elif what == "target":
            svc.set_setting("target", str(step[2]))
            day = svc.today().isoformat()
            targets.append((world.clock.now(), svc.device_id(), day, float(str(step[2]))))
        elif what == "sync":
            svc.sync()
        elif what == "deliver" and str(step[2]) in world.devices and step[1] != step[2]:
            world.deliver(name, str(step[2]), str(step[3]), rnd)
    except TrackerError as exc:
        assert exc.code in ("overlap", "reaches_future", "end_in_future"), exc


def _one_machine(
    world: World,
    notes: list[tuple[int, str, str, str]],
    targets: list[tuple[int, str, str, float]],
) -> tuple[object, ...]:
    """The same operations on one machine: every PC's own blocks, the note written last
    of each day, and the target history with each change dropping the later entries."""
    blocks = sorted(
        (b.kind.value, b.label, b.note, b.started_at, b.ended_at)
        for d in world.devices.values()
        for b in d.service.store.all_blocks()
    )
    by_day: dict[str, str] = {}
    for _, _, day, text in sorted(notes):
        by_day[day] = text
    shown_notes = sorted((d, t) for d, t in by_day.items() if t)
    history: dict[str, float] = {}
    for _, _, day, value in sorted(targets):
        history = {d: v for d, v in history.items() if d <= day}
        history[day] = value
    return (blocks, shown_notes, sorted(history.items()))
