"""The team view: what one person shares and what the team sees (docs/architecture.md §17).

Pure rules, no I/O: the share payload made from a person's days (only what they chose to
share, never a private label, only the last 13 weeks) and the view built from everybody's
files (people, weeks, the learning map, the team's routine hotspots with the what-if).
Reading and writing the files is ``tracker/io/teamfiles.py``'s job; conflict copies are
settled there (newest ``updated`` wins), and once more here so a caller cannot count a
person twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tracker.domain.days import DayGrid
from tracker.domain.figures import ratio_of
from tracker.domain.model import Block, Kind, TrackerError

SHARE_WEEKS = 13  # a person shares the last 13 weeks, so any range inside can be shown
SHARE_DAYS = SHARE_WEEKS * 7
STALE_DAYS = 30  # a person whose file was not updated for this long is shown greyed
DEFAULT_VIEW_DAYS = 28  # ``team`` without --from/--to: the last 4 weeks


@dataclass(frozen=True, slots=True)
class SharedDay:
    """One day as shared: totals, and the labels (with seconds) the person shares."""

    day: dt.date
    task_s: int
    growth_s: int
    growth: Mapping[str, int] = field(default_factory=dict)
    task: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ShareFile:
    """One person's file: random person id, display name, target percent, ``updated`` (UTC
    epoch seconds) and the shared days, oldest first."""

    person: str
    name: str
    target: int
    updated: int
    days: tuple[SharedDay, ...] = ()


@dataclass(frozen=True, slots=True)
class PersonRow:
    person: str
    name: str
    task_s: int
    growth_s: int
    ratio: float | None
    target: int
    updated: int
    stale: bool
    me: bool


@dataclass(frozen=True, slots=True)
class WeekRow:
    """One week (``week`` = its Monday): the team's sums and each person's ratio, keyed by
    person id (None when that person tracked nothing that week)."""

    week: dt.date
    task_s: int
    growth_s: int
    ratio: float | None
    people: Mapping[str, float | None]


@dataclass(frozen=True, slots=True)
class TopicPerson:
    person: str
    name: str
    growth_s: int
    last_day: dt.date


@dataclass(frozen=True, slots=True)
class Topic:
    """A growth label and who spent time on it, most time first ("who to ask")."""

    label: str
    growth_s: int
    people: tuple[TopicPerson, ...]


@dataclass(frozen=True, slots=True)
class TeamHotspot:
    """A routine label summed across the team (synonyms folded in by the aliases).

    ``per_week_s`` = ``task_s`` ÷ weeks in the range; ``ratio_if_automated`` = the team's
    (growth + ``task_s``) ÷ total over the range: the freed hours assumed to become growth.
    """

    label: str
    task_s: int
    people: int
    per_week_s: int
    ratio_if_automated: float | None
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TeamView:
    first: dt.date
    last: dt.date
    people: tuple[PersonRow, ...]
    weeks: tuple[WeekRow, ...]
    learning: tuple[Topic, ...]
    hotspots: tuple[TeamHotspot, ...]
    ratio: float | None
    # (file name, why): the reason is coded, so each front end says it in its language
    unreadable: tuple[tuple[str, TrackerError], ...] = ()

    @property
    def task_s(self) -> int:
        return sum(p.task_s for p in self.people)

    @property
    def growth_s(self) -> int:
        return sum(p.growth_s for p in self.people)


@dataclass(frozen=True, slots=True)
class ShareChoice:
    """What a person chose to share (Settings → Team; all on by default)."""

    totals: bool = True
    learning: bool = True
    hotspots: bool = True
    private: frozenset[str] = frozenset()


# -- sharing ---------------------------------------------------------------------------


def share_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The days a person shares: the last 13 weeks up to and including ``today``."""
    return today - dt.timedelta(days=SHARE_DAYS - 1), today


def days_from_blocks(blocks: Iterable[Block], grid: DayGrid, now: int) -> list[SharedDay]:
    """A person's own full figures per day of ``grid``: totals and seconds per label
    (unlabelled time under ""), a running block counted up to ``now``. Days with nothing
    tracked are left out."""
    index = {d: i for i, d in enumerate(grid.days)}
    task = [0] * len(grid.days)
    growth = [0] * len(grid.days)
    labels: list[tuple[dict[str, int], dict[str, int]]] = [({}, {}) for _ in grid.days]
    for block in blocks:
        is_growth = block.kind is Kind.GROWTH
        for part in grid.split(block.started_at, block.end_or(now)):
            i = index[part.day]
            (growth if is_growth else task)[i] += part.seconds
            per = labels[i][0 if is_growth else 1]
            per[block.label] = per.get(block.label, 0) + part.seconds
    return [
        SharedDay(d, task[i], growth[i], labels[i][0], labels[i][1])
        for i, d in enumerate(grid.days)
        if task[i] or growth[i]
    ]


def _shared_labels(labels: Mapping[str, int], private: frozenset[str]) -> dict[str, int]:
    """Labels with time, minus the unlabelled ("") and the private ones, sorted by name."""
    return {
        label: s
        for label, s in sorted(labels.items())
        if label.strip() and label not in private and s > 0
    }


def share_payload(
    person: str,
    name: str,
    target: int,
    updated: int,
    days: Iterable[SharedDay],
    choice: ShareChoice,
    today: dt.date,
) -> ShareFile:
    """What this person writes: ``days`` are their own full figures per day (labels
    including private and unlabelled time under ""); the result keeps only the last 13
    weeks and only what ``choice`` allows. A private label's time stays in the day's
    totals without its label; unlabelled time is in the totals only. Days with nothing
    shared are left out."""
    first, last = share_window(today)
    out: list[SharedDay] = []
    for d in sorted(days, key=lambda d: d.day):
        if not first <= d.day <= last:
            continue
        shared = SharedDay(
            day=d.day,
            task_s=d.task_s if choice.totals else 0,
            growth_s=d.growth_s if choice.totals else 0,
            growth=_shared_labels(d.growth, choice.private) if choice.learning else {},
            task=_shared_labels(d.task, choice.private) if choice.hotspots else {},
        )
        if shared.task_s or shared.growth_s or shared.growth or shared.task:
            out.append(shared)
    return ShareFile(person=person, name=name, target=target, updated=updated, days=tuple(out))


def newest_per_person(files: Iterable[ShareFile]) -> list[ShareFile]:
    """One file per person id: the newest ``updated`` wins (conflict copies, two PCs);
    equal times keep the one with more days, then the greater content, so the answer
    does not depend on the order the folder lists its files."""
    best: dict[str, ShareFile] = {}
    for f in files:
        cur = best.get(f.person)
        if cur is None or _rank(f) > _rank(cur):
            best[f.person] = f
    return list(best.values())


def _rank(f: ShareFile) -> tuple[int, int, str, str]:
    return (f.updated, len(f.days), f.name, repr(f.days))


@dataclass(frozen=True, slots=True)
class PersonClaim:
    """A PC's person id as sync carries it: when it was made, by which device."""

    person: str
    created: int
    device: str


def earliest_claim(claims: Iterable[PersonClaim]) -> PersonClaim:
    """The person id a person's PCs agree on: the earliest made, ties by device id, then by
    the id itself, so every PC that sees the same claims picks the same one."""
    return min(claims, key=lambda c: (c.created, c.device, c.person))


# -- the view --------------------------------------------------------------------------


def resolve_alias(label: str, aliases: Mapping[str, str]) -> str:
    """The label a routine label counts as, following chains (a → b → c) and stopping at a
    cycle rather than looping."""
    seen = {label}
    while label in aliases:
        nxt = aliases[label]
        if nxt in seen:
            break
        seen.add(nxt)
        label = nxt
    return label


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def is_stale(updated: int, today: dt.date) -> bool:
    """No update for 30 days (the file's ``updated`` day in UTC against ``today``)."""
    updated_day = dt.datetime.fromtimestamp(updated, dt.UTC).date()
    return (today - updated_day).days >= STALE_DAYS


def weeks_in(first: dt.date, last: dt.date) -> float:
    """How many weeks a range spans (days ÷ 7), the divisor of ``per_week_s``."""
    return max((last - first).days + 1, 1) / 7


def build_team_view(
    files: Iterable[ShareFile],
    first: dt.date,
    last: dt.date,
    me: str,
    today: dt.date,
    aliases: Mapping[str, str],
    unreadable: Sequence[tuple[str, TrackerError]] = (),
) -> TeamView:
    """The team view over ``first``..``last`` (inclusive) from everybody's files.

    ``me`` is this PC's person id (its row is marked), ``today`` decides who is stale,
    ``aliases`` fold routine synonyms into one hotspot, ``unreadable`` (file name, reason)
    pairs are carried through for the view to name.
    """
    people = sorted(newest_per_person(files), key=lambda f: (f.name.casefold(), f.person))
    rows: list[PersonRow] = []
    week_sums: dict[dt.date, list[int]] = {}
    week_people: dict[dt.date, dict[str, list[int]]] = {}
    topics: dict[str, dict[str, tuple[int, dt.date]]] = {}
    spots: dict[str, dict[str, int]] = {}
    for f in people:
        task_s = growth_s = 0
        for d in f.days:
            if not first <= d.day <= last:
                continue
            task_s += d.task_s
            growth_s += d.growth_s
            wk = monday(d.day)
            ws = week_sums.setdefault(wk, [0, 0])
            ws[0] += d.task_s
            ws[1] += d.growth_s
            wp = week_people.setdefault(wk, {}).setdefault(f.person, [0, 0])
            wp[0] += d.task_s
            wp[1] += d.growth_s
            for label, s in d.growth.items():
                per_label = topics.setdefault(label, {})
                had_s, had_day = per_label.get(f.person, (0, d.day))
                per_label[f.person] = (had_s + s, max(had_day, d.day))
            for label, s in d.task.items():
                key = resolve_alias(label, aliases)
                per = spots.setdefault(key, {})
                per[f.person] = per.get(f.person, 0) + s
        rows.append(
            PersonRow(
                person=f.person,
                name=f.name,
                task_s=task_s,
                growth_s=growth_s,
                ratio=ratio_of(task_s, growth_s),
                target=f.target,
                updated=f.updated,
                stale=is_stale(f.updated, today),
                me=f.person == me,
            )
        )
    names = {f.person: f.name for f in people}
    team_task = sum(r.task_s for r in rows)
    team_growth = sum(r.growth_s for r in rows)

    weeks: list[WeekRow] = []
    wk = monday(first)
    while wk <= last:
        t, g = week_sums.get(wk, [0, 0])
        per_person = week_people.get(wk, {})
        weeks.append(
            WeekRow(
                week=wk,
                task_s=t,
                growth_s=g,
                ratio=ratio_of(t, g),
                people={f.person: ratio_of(*per_person.get(f.person, [0, 0])) for f in people},
            )
        )
        wk += dt.timedelta(days=7)

    learning: list[Topic] = []
    for label, per_topic in topics.items():
        tps = sorted(
            (
                TopicPerson(
                    person=pid,
                    name=names[pid],
                    growth_s=s,
                    last_day=day,
                )
                for pid, (s, day) in per_topic.items()
            ),
            key=lambda tp: (-tp.growth_s, tp.name.casefold(), tp.person),
        )
        learning.append(
            Topic(label=label, growth_s=sum(tp.growth_s for tp in tps), people=tuple(tps))
        )
    learning.sort(key=lambda t: (-t.growth_s, t.label))

    n_weeks = weeks_in(first, last)
    total = team_task + team_growth
    hotspots: list[TeamHotspot] = []
    for label, per in spots.items():
        task_s = sum(per.values())
        if task_s <= 0:
            continue
        doers = sorted(per, key=lambda pid: (-per[pid], names[pid].casefold(), pid))
        hotspots.append(
            TeamHotspot(
                label=label,
                task_s=task_s,
                people=len(doers),
                per_week_s=round(task_s / n_weeks),
                ratio_if_automated=what_if(team_growth, total, task_s),
                names=tuple(names[pid] for pid in doers),
            )
        )
    hotspots.sort(key=lambda h: (-h.task_s, h.label))

    return TeamView(
        first=first,
        last=last,
        people=tuple(rows),
        weeks=tuple(weeks),
        learning=tuple(learning),
        hotspots=tuple(hotspots),
        ratio=ratio_of(team_task, team_growth),
        unreadable=tuple(unreadable),
    )


def what_if(growth_s: int, total_s: int, freed_s: int) -> float | None:
    """The team's growth share if ``freed_s`` of routine became growth: (growth + freed) ÷
    total, capped at 1 (a hotspot shared without totals cannot free more than all)."""
    if total_s <= 0:
        return None
    return min(1.0, (growth_s + freed_s) / total_s)
