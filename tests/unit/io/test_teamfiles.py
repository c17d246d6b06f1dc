"""The team folder's files (docs/architecture.md §17): written whole, read with checks,
anything else in the folder named and skipped, conflict copies counted once."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.team import SharedDay, ShareFile
from tracker.io import teamfiles
from tracker.io.teamfiles import MAX_FILE_BYTES, decode, encode, read_folder

ME = "a" * 32
OTHER = "b" * 32
DAY = dt.date(2026, 12, 1)


def share(person: str = ME, updated: int = 1_790_000_000, name: str = "佐藤") -> ShareFile:
    return ShareFile(
        person, name, 20, updated,
        (SharedDay(DAY, 3600, 1800, {"IFRS勉強": 1800}, {"請求書チェック": 3600}),),
    )  # fmt: skip


# what clean_label lets a person type: no control or format characters
labels = st.text(st.characters(exclude_categories=("Cs", "Cc", "Cf")), min_size=1,
                 max_size=30).filter(str.strip)  # fmt: skip
days = st.builds(
    SharedDay,
    day=st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    task_s=st.integers(0, 40000),
    growth_s=st.integers(0, 40000),
    growth=st.dictionaries(labels, st.integers(0, 40000), max_size=3),
    task=st.dictionaries(labels, st.integers(0, 40000), max_size=3),
)


@given(st.lists(days, max_size=20, unique_by=lambda d: d.day), labels)
def test_a_file_reads_back_as_written(ds: list[SharedDay], name: str) -> None:
    original = ShareFile(ME, name, 35, 1_790_000_000, tuple(sorted(ds, key=lambda d: d.day)))
    assert decode(encode(original)) == original


def test_labels_are_written_as_people_read_them() -> None:
    data = encode(share())
    assert "請求書チェック".encode() in data and b"\\u" not in data
    head = json.loads(data)
    assert (head["format"], head["version"], head["person"]) == ("growth-tracker-team", 1, ME)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{"format": "growth-tracker-team", "version": 1, "person"', "damaged"),
        (b'{"name": "a sheet", "rows": [1, 2]}', "not a Growth Tracker team file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "damaged"),
        (b"[1, 2]", "not a Growth Tracker team file"),
    ],
)
def test_foreign_and_damaged_bytes_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        decode(data)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"version": 2}, "newer version"),
        ({"person": "../../etc/passwd"}, "person id"),
        ({"name": "a\nb"}, "name"),
        ({"name": "x" * 65}, "name"),
        ({"target": 0}, "target"),
        ({"target": True}, "target"),
        ({"updated": -1}, "updated"),
        ({"updated": 2**40}, "updated"),  # the year 36812: no date to show "stale" with
        ({"name": "\u202e子花 藤佐"}, "name"),  # a right-to-left override turns names around
        ({"name": "佐藤\u200f"}, "name"),
        ({"name": "佐藤\x7f"}, "name"),
        ({"name": "佐藤\x85"}, "name"),  # C1 "next line"
    ],
)
def test_values_out_of_range_are_refused(change: dict[str, object], reason: str) -> None:
    raw = json.loads(encode(share())) | change
    with pytest.raises(ValueError, match=reason):
        decode(json.dumps(raw).encode())


@pytest.mark.parametrize(
    "day",
    [
        {"day": "2026-13-01", "task_s": 1, "growth_s": 1, "growth": {}, "task": {}},
        {"day": "2026-12-01", "task_s": -5, "growth_s": 1, "growth": {}, "task": {}},
        {"day": "2026-12-01", "task_s": 90001, "growth_s": 1, "growth": {}, "task": {}},
        {"day": "2026-12-01", "task_s": 1, "growth_s": 1, "growth": {"x" * 201: 1}, "task": {}},
        {"day": "2026-12-01", "task_s": 1, "growth_s": 1, "growth": {"": 1}, "task": {}},
        {"day": "2026-12-01", "task_s": 1, "growth_s": 1, "growth": {"IFRS\u202e": 1}, "task": {}},
        {"day": "2026-12-01", "task_s": 1, "growth_s": 1, "growth": {}, "task": {"a\x1b[2J": 1}},
        {"day": "9999-12-31", "task_s": 1, "growth_s": 1, "growth": {}, "task": {}},
        {"day": "0001-01-01", "task_s": 1, "growth_s": 1, "growth": {}, "task": {}},
        {"day": "1970-12-31", "task_s": 1, "growth_s": 1, "growth": {}, "task": {}},
        {"day": "3000-01-01", "task_s": 1, "growth_s": 1, "growth": {}, "task": {}},
        {"day": "2026-12-01", "task_s": 1, "growth_s": 1, "growth": {}, "task": {"a": "1"}},
        {"day": "2026-12-01", "task_s": 1, "growth_s": 1, "growth": [], "task": {}},
        {
            "day": "2026-12-01",
            "task_s": 1,
            "growth_s": 1,
            "growth": {f"l{i}": 1 for i in range(201)},
            "task": {},
        },
    ],
)
def test_days_out_of_range_are_refused(day: dict[str, object]) -> None:
    raw = json.loads(encode(share())) | {"days": [day]}
    with pytest.raises(ValueError, match="damaged"):
        decode(json.dumps(raw).encode())


def test_a_day_twice_is_refused() -> None:
    raw = json.loads(encode(share()))
    raw["days"] *= 2
    with pytest.raises(ValueError, match="a day twice"):
        decode(json.dumps(raw).encode())


def test_the_folder_names_and_skips_what_it_cannot_use(tmp_path: Path) -> None:
    path = teamfiles.write_share(tmp_path, share())
    root = path.parent
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # the team reads it
    other = teamfiles.write_share(tmp_path, share(OTHER, name="鈴木"))
    # a conflict copy of each: one older (loses), one newer (wins); counted once each
    (root / f"{ME} (conflicted copy 2026-12-04).json").write_bytes(encode(share(updated=1)))
    newer = share(OTHER, updated=1_790_000_500, name="鈴木 一郎")
    (root / f"{OTHER}.sync-conflict-20261204-101010-ABCDEFG.json").write_bytes(encode(newer))
    (root / "damaged.json").write_bytes(encode(share())[:40])
    (root / "foreign.json").write_text('{"sheet": 1}', encoding="utf-8")
    (root / "binary.json").write_bytes(bytes(range(256)))
    (root / "big.json").write_bytes(b" " * (MAX_FILE_BYTES + 1))
    os.mkfifo(root / "pipe.json")
    (root / "folder.json").mkdir()
    (root / f".{ME}.json.x1y2.tmp").write_bytes(b"half")  # being written: not read
    (root / "notes.txt").write_text("not ours", encoding="utf-8")
    (root / "gone.json").symlink_to(root / "deleted meanwhile.json")  # listed, then gone

    found = read_folder(tmp_path)

    by_person = {f.person: f for f in found.files}
    assert sorted(by_person) == [ME, OTHER]
    assert by_person[ME] == share()
    assert by_person[OTHER] == newer
    skipped = {u.path.name: str(u.reason) for u in found.unreadable}
    assert skipped == {
        "big.json": "too large",
        "binary.json": "damaged (not UTF-8 JSON)",
        "damaged.json": "damaged (not UTF-8 JSON)",
        "folder.json": "not a regular file",
        "foreign.json": "not a Growth Tracker team file",
        "pipe.json": "not a regular file",
    }
    assert {u.reason.code for u in found.unreadable} == {"team_file_unreadable"}
    assert other.exists()

    removed = teamfiles.remove_person(tmp_path, ME)
    assert sorted(p.name for p in removed) == sorted(
        [f"{ME}.json", f"{ME} (conflicted copy 2026-12-04).json"]
    )
    assert [f.person for f in read_folder(tmp_path).files] == [OTHER]


def test_an_empty_or_missing_folder_holds_nobody(tmp_path: Path) -> None:
    assert read_folder(tmp_path / "nowhere") == teamfiles.TeamFolder((), (), ())
    assert read_folder(tmp_path).files == ()
