"""Merging the change logs of several devices into one history (docs/architecture.md §16).

Pure rules, no I/O: the ops a device publishes, which version of a block wins, and how
blocks of different devices that overlap are counted once. Every function here gives the
same answer whatever order the ops arrive in, so every PC that read the same files shows
the same history.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from tracker.domain.model import Block, Kind

R = TypeVar("R", bound=tuple[Any, ...])


@dataclass(frozen=True, slots=True)
class BlockVersion:
    """One version of a block as a device published it; ``deleted`` marks a tombstone.

    ``gid`` is the block's global id (the same on every PC), ``device`` the id of the
    device that made this version, ``edited_at`` when the edit was made (Unix seconds),
    ``origin`` the device that recorded the block first.
    """

    gid: str
    device: str
    edited_at: int
    origin: str
    kind: Kind = Kind.TASK
    label: str = ""
    note: str = ""
    started_at: int = 0
    ended_at: int | None = None
    deleted: bool = False

    @property
    def rank(self) -> tuple[bool, int, str, tuple[object, ...]]:
        """The greater rank wins: a tombstone is final, then the later edit, ties broken
        by the device id (random, made once per database; never the name). The content
        last, so even a damaged log that repeats an edit time still merges one way."""
        content = (self.kind.value, self.label, self.note, self.started_at, self.ended_at or -1)
        return (self.deleted, self.edited_at, self.device, (*content, self.origin))


@dataclass(frozen=True, slots=True)
class NoteVersion:
    """A day's reflection note as a device wrote it (an empty note clears the day)."""

    day: str
    note: str
    device: str
    edited_at: int

    @property
    def rank(self) -> tuple[int, str, str]:
        return (self.edited_at, self.device, self.note)


@dataclass(frozen=True, slots=True)
class TargetVersion:
    """A target-history entry: ``target`` from ``day`` on, as set at ``edited_at``."""

    day: str
    target: float
    device: str
    edited_at: int

    @property
    def rank(self) -> tuple[int, str, float]:
        return (self.edited_at, self.device, self.target)


Op = BlockVersion | NoteVersion | TargetVersion


def next_edit_time(now: int, previous: int | None) -> int:
    """An edit's time: when it is made, and always later than the version it edits (an
    edit in the same second still wins over what it edited)."""
    return now if previous is None else max(now, previous + 1)


@dataclass(slots=True)
class Merged:
    """What a set of ops means: the winning version of each block, day note and target
    entry, plus every version of a block that lost (kept, never thrown away)."""

    blocks: dict[str, BlockVersion] = field(default_factory=dict)
    losers: set[BlockVersion] = field(default_factory=set)
    notes: dict[str, NoteVersion] = field(default_factory=dict)
    targets: dict[str, TargetVersion] = field(default_factory=dict)

    def add(self, op: Op) -> bool:
        """Fold one op in; True when it changed a winner. Adding an op twice changes
        nothing (conflict copies of a batch are the same ops again)."""
        if isinstance(op, BlockVersion):
            old = self.blocks.get(op.gid)
            if old is None or op.rank > old.rank:
                if old is not None:
                    self.losers.add(old)
                self.blocks[op.gid] = op
                return True
            if op != old:
                self.losers.add(op)
            return False
        table: dict[str, NoteVersion] | dict[str, TargetVersion]
        table = self.notes if isinstance(op, NoteVersion) else self.targets
        current = table.get(op.day)
        if current is None or op.rank > current.rank:
            table[op.day] = op  # type: ignore[assignment]  # the op matches its table
            return True
        return False

    def live(self) -> list[BlockVersion]:
        """The blocks not deleted, in start order (ties by gid, so the order is total)."""
        alive = [v for v in self.blocks.values() if not v.deleted]
        return sorted(alive, key=lambda v: (v.started_at, v.gid))

    def target_entries(self) -> list[tuple[str, float]]:
        """The target history as on one machine, where setting a target drops every entry
        for a later day: an entry stays unless an entry for an earlier day was made after
        it."""
        kept: list[tuple[str, float]] = []
        latest: tuple[int, str, float] | None = None  # the latest-made entry of the earlier days
        for day in sorted(self.targets):
            entry = self.targets[day]
            if latest is None or entry.rank > latest:
                kept.append((day, entry.target))
            latest = entry.rank if latest is None else max(latest, entry.rank)
        return kept


def merge(ops: Iterable[Op]) -> Merged:
    merged = Merged()
    for op in ops:
        merged.add(op)
    return merged


def owned_spans(rows: Iterable[R]) -> Iterator[tuple[int, int, R]]:
    """The overlap rule (§16.5) as one sweep: each row begins ``(start, tie, end, ...)``
    (``tie``: the block's global id), the rows sorted by ``(start, tie)``; yields
    ``(start, end, row)`` for each span of time a block owns, in time order, never
    overlapping.

    At each moment the covering block with the greatest ``(start, tie)`` owns the time: the
    one pushed last among those not yet ended. So a stack in start order holds the blocks
    still covering; a new block takes the time from the top, and when the top ends the one
    below it (if not ended too) takes it back. Each row is pushed and popped once: plain
    tuples (rows as SQLite gives them) in and out, O(n) after the sort.
    """
    stack: list[tuple[int, R]] = []  # (end, row), latest (start, tie) on top
    t = 0  # time assigned so far (only read while the stack holds a block)
    for row in rows:
        start, end = row[0], row[2]
        if end <= start:
            continue
        while stack and t < start:
            top_end, top = stack[-1]
            if top_end <= t:
                stack.pop()
            elif top_end <= start:
                yield t, top_end, top
                stack.pop()
                t = top_end
            else:
                yield t, start, top
                t = start
        t = start
        stack.append((end, row))
    while stack:
        top_end, top = stack.pop()
        if top_end > t:
            yield t, top_end, top
            t = top_end


def counted_parts(blocks: Sequence[Block], key: Sequence[str] | None = None) -> list[Block]:
    """The blocks as they count, for totals, ratio, hotspots, streak and timeline.

    Blocks of one device never overlap; blocks of different devices may. Overlapping time
    is counted once, for the block that started later (ties: the greater ``key``, the
    blocks' global ids): ``owned_spans``. A block whose time is wholly covered by
    later-starting blocks disappears; one cut in the middle becomes two parts with the
    same id. Blocks must be finished (a running block is given its end before it is
    counted).
    """
    order = sorted(range(len(blocks)), key=lambda i: blocks[i].started_at)
    if all((blocks[a].ended_at or 0) <= blocks[b].started_at for a, b in itertools.pairwise(order)):
        return [blocks[i] for i in order]  # disjoint already: the common case, one pass
    ties = key if key is not None else [str(b.id) for b in blocks]
    rows = [(b.started_at, ties[i], b.ended_at or 0, b) for i, b in enumerate(blocks)]
    rows.sort(key=lambda r: (r[0], r[1]))
    return [
        b if (s, e) == (b.started_at, b.ended_at) else cut(b, s, e)
        for s, e, (*_, b) in owned_spans(rows)
    ]


def cut(b: Block, start: int, end: int) -> Block:
    """``b`` owning [start, end) (positional: ``dataclasses.replace`` costs several times
    more, and a year of merged blocks makes thousands of parts)."""
    return Block(b.id, b.kind, b.label, b.note, start, end, b.last_seen_at, b.source)
