"""The team view's rules (docs/architecture.md §17): the share payload and the view's sums."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.days import DayGrid
from tracker.domain.model import Block, Kind
from tracker.domain.team import (
    SHARE_DAYS,
    PersonClaim,
    ShareChoice,
    SharedDay,
    ShareFile,
    build_team_view,
    days_from_blocks,
    earliest_claim,
    is_stale,
    newest_per_person,
    resolve_alias,
    share_payload,
)

TODAY = dt.date(2026, 12, 4)
GROWTH = ("IFRS勉強", "RPA研修", "Python", "転職準備")
TASK = ("請求書チェック", "請求書確認", "経費精算", "月次締め")
PEOPLE = ("a" * 32, "b" * 32, "c" * 32)


def _labels(pool: tuple[str, ...]) -> st.SearchStrategy[dict[str, int]]:
    return st.dictionaries(st.sampled_from((*pool, "")), st.integers(0, 4 * 3600), max_size=4)


@st.composite
def full_days(draw: st.DrawFn) -> list[SharedDay]:
    """A person's own figures: totals are the sum of their labels (unlabelled under "")."""
    offsets = draw(st.sets(st.integers(0, 120), max_size=12))
    days = []
    for off in sorted(offsets):
        growth, task = draw(_labels(GROWTH)), draw(_labels(TASK))
        days.append(
            SharedDay(
                TODAY - dt.timedelta(days=off),
                sum(task.values()),
                sum(growth.values()),
                growth,
                task,
            )
        )
    return days


@st.composite
def share_files(draw: st.DrawFn) -> list[ShareFile]:
    files = []
    for i, person in enumerate(PEOPLE[: draw(st.integers(0, 3))]):
        days = draw(full_days())
        shared = tuple(
            SharedDay(
                d.day,
                d.task_s,
                d.growth_s,
                {k: v for k, v in d.growth.items() if k},
                {k: v for k, v in d.task.items() if k},
            )
            for d in days
        )
        updated = int(dt.datetime(2026, 12, 1, tzinfo=dt.UTC).timestamp()) - i * 86400 * 20
        files.append(ShareFile(person, f"名前{i}", 20 + i, updated, shared))
    return files


ranges = st.tuples(st.integers(0, 100), st.integers(0, 60)).map(
    lambda t: (TODAY - dt.timedelta(days=t[0] + t[1]), TODAY - dt.timedelta(days=t[0]))
)
ALIASES = {"請求書確認": "請求書チェック"}


@given(share_files(), ranges)
@settings(max_examples=150)
def test_team_sums_equal_the_sums_of_people(files: list[ShareFile], span: tuple) -> None:
    first, last = span
    view = build_team_view(files, first, last, PEOPLE[0], TODAY, ALIASES)
    inside = [(f, d) for f in files for d in f.days if first <= d.day <= last]
    assert view.task_s == sum(d.task_s for _, d in inside)
    assert view.growth_s == sum(d.growth_s for _, d in inside)
    assert sum(w.task_s for w in view.weeks) == view.task_s
    assert sum(w.growth_s for w in view.weeks) == view.growth_s
    for row in view.people:
        mine = [d for f, d in inside if f.person == row.person]
        assert (row.task_s, row.growth_s) == (
            sum(d.task_s for d in mine),
            sum(d.growth_s for d in mine),
        )
        assert row.me == (row.person == PEOPLE[0])
    for topic in view.learning:
        assert topic.growth_s == sum(d.growth.get(topic.label, 0) for _, d in inside)
        assert topic.growth_s == sum(p.growth_s for p in topic.people)
        assert [p.growth_s for p in topic.people] == sorted(
            (p.growth_s for p in topic.people), reverse=True
        )
    total = view.task_s + view.growth_s
    n_weeks = ((last - first).days + 1) / 7
    for spot in view.hotspots:
        expected = sum(
            s for _, d in inside for k, s in d.task.items() if ALIASES.get(k, k) == spot.label
        )
        assert spot.task_s == expected
        assert spot.label != "請求書確認"  # folded into 請求書チェック
        assert spot.per_week_s == round(expected / n_weeks)
        assert spot.people == len(spot.names)
        assert spot.ratio_if_automated == min(1.0, (view.growth_s + expected) / total)
    assert [h.task_s for h in view.hotspots] == sorted(
        (h.task_s for h in view.hotspots), reverse=True
    )


@given(full_days(), st.sets(st.sampled_from((*GROWTH, *TASK))), st.booleans(), st.booleans())
def test_private_labels_never_in_the_payload_but_their_time_is(
    days: list[SharedDay], private: set[str], learning: bool, hotspots: bool
) -> None:
    choice = ShareChoice(learning=learning, hotspots=hotspots, private=frozenset(private))
    share = share_payload(PEOPLE[0], "佐藤", 20, 1, days, choice, TODAY)
    first = TODAY - dt.timedelta(days=SHARE_DAYS - 1)
    kept = sorted((d for d in days if first <= d.day <= TODAY), key=lambda d: d.day)
    for d in share.days:
        assert not (set(d.growth) | set(d.task)) & private
        assert "" not in d.growth and "" not in d.task
        assert learning or not d.growth
        assert hotspots or not d.task
        assert first <= d.day <= TODAY
    # the totals keep private and unlabelled time: only the labels go
    assert [(d.day, d.task_s, d.growth_s) for d in share.days] == [
        (d.day, d.task_s, d.growth_s) for d in kept if d.task_s or d.growth_s
    ]


def test_totals_can_be_withheld() -> None:
    day = SharedDay(TODAY, 3600, 1800, {"IFRS勉強": 1800}, {"経費精算": 3600})
    share = share_payload(PEOPLE[0], "佐藤", 20, 1, [day], ShareChoice(totals=False), TODAY)
    assert share.days == (SharedDay(TODAY, 0, 0, {"IFRS勉強": 1800}, {"経費精算": 3600}),)


@given(share_files(), st.randoms())
def test_newest_copy_wins_whatever_the_order(files: list[ShareFile], rnd: random.Random) -> None:
    copies = [*files, *(ShareFile(f.person, "古い", f.target, f.updated - 1, ()) for f in files)]
    shuffled = copies[:]
    rnd.shuffle(shuffled)
    assert sorted(newest_per_person(shuffled), key=lambda f: f.person) == sorted(
        files, key=lambda f: f.person
    )


def test_stale_after_30_days_without_an_update() -> None:
    noon = int(dt.datetime(2026, 11, 4, 12, tzinfo=dt.UTC).timestamp())
    assert not is_stale(noon, dt.date(2026, 12, 3))  # 29 days
    assert is_stale(noon, dt.date(2026, 12, 4))  # 30 days
    view = build_team_view(
        [ShareFile(PEOPLE[1], "鈴木", 20, noon, ())], TODAY, TODAY, PEOPLE[0], TODAY, {}
    )
    assert view.people[0].stale and not view.people[0].me


def test_alias_chains_and_cycles_end() -> None:
    assert resolve_alias("a", {"a": "b", "b": "c"}) == "c"
    assert resolve_alias("a", {"a": "b", "b": "a"}) == "b"
    assert resolve_alias("x", {"a": "b"}) == "x"


@given(st.lists(st.tuples(st.integers(0, 10**9), st.sampled_from(PEOPLE)), min_size=1))
def test_earliest_person_claim_wins_in_any_order(raw: list[tuple[int, str]]) -> None:
    claims = [PersonClaim(f"{i:032x}", created, dev) for i, (created, dev) in enumerate(raw)]
    winner = earliest_claim(claims)
    assert winner == earliest_claim(reversed(claims))
    assert (winner.created, winner.device) == min((c.created, c.device) for c in claims)


def test_days_from_blocks_split_at_the_day_start() -> None:
    tz = ZoneInfo("Asia/Tokyo")
    grid = DayGrid(dt.date(2026, 12, 3), dt.date(2026, 12, 4), tz, 4)
    start = int(dt.datetime(2026, 12, 4, 3, 0, tzinfo=tz).timestamp())  # an hour before 04:00
    blocks = [
        Block(1, Kind.TASK, "経費精算", "", start, start + 7200),
        Block(2, Kind.GROWTH, "", "", start + 7200, start + 9000),
    ]
    days = days_from_blocks(blocks, grid, start + 9000)
    assert days == [
        SharedDay(dt.date(2026, 12, 3), 3600, 0, {}, {"経費精算": 3600}),
        SharedDay(dt.date(2026, 12, 4), 3600, 1800, {"": 1800}, {"経費精算": 3600}),
    ]
