"""Three people share one team folder through the real CLI (docs/architecture.md §17).

佐藤 and 鈴木 have a PC each; 田中 has two (office and laptop) that sync through a sync
folder of their own (§16). Every number the team view shows is checked against sums this
test makes itself from the blocks it added; every byte in the team folder is searched for
the private labels, the notes and the block times.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tracker.domain.team import SharedDay, ShareFile
from tracker.io.teamfiles import MAX_FILE_BYTES, encode

REPO = Path(__file__).resolve().parents[3]
TOKYO = ZoneInfo("Asia/Tokyo")
TODAY = (dt.datetime.now(TOKYO) - dt.timedelta(hours=4)).date()  # day_start 04:00
D1, D2, D3 = (TODAY - dt.timedelta(days=n) for n in (3, 4, 5))
PRIVATE = ("転職準備", "社外秘案件", "面談準備")
NOTE = "取引先A社の件"

# (person, db, kind, day, start, end, label): what each PC records
BLOCKS = [
    ("佐藤", "sato", "task", D1, "09:00", "11:00", "請求書チェック"),
    ("佐藤", "sato", "growth", D1, "11:00", "12:30", "IFRS勉強"),
    ("佐藤", "sato", "growth", D1, "13:00", "14:00", "転職準備"),
    ("佐藤", "sato", "task", D1, "14:00", "14:30", ""),
    ("佐藤", "sato", "task", D2, "09:00", "10:00", "経費精算"),
    ("佐藤", "sato", "growth", D2, "10:00", "11:00", "IFRS勉強"),
    ("鈴木", "suzuki", "task", D1, "09:00", "10:30", "請求書確認"),
    ("鈴木", "suzuki", "growth", D1, "10:30", "12:00", "RPA研修"),
    ("鈴木", "suzuki", "task", D3, "09:00", "11:00", "経費精算"),
    ("鈴木", "suzuki", "growth", D3, "11:00", "11:30", "社外秘案件"),
    ("田中", "office", "task", D1, "09:00", "10:00", "経費精算"),
    ("田中", "office", "task", D2, "09:00", "09:45", "請求書チェック"),
    ("田中", "laptop", "growth", D2, "13:00", "15:00", "IFRS勉強"),
    ("田中", "laptop", "growth", D2, "15:00", "15:30", "RPA研修"),
    ("田中", "laptop", "growth", D3, "10:00", "11:00", "面談準備"),
]
ALIASES = {"請求書確認": "請求書チェック"}


def seconds(start: str, end: str) -> int:
    (h1, m1), (h2, m2) = (map(int, t.split(":")) for t in (start, end))
    return (h2 * 60 + m2 - h1 * 60 - m1) * 60


def expected() -> dict[str, object]:
    """The team view worked out independently from BLOCKS."""
    people: dict[str, list[int]] = {}
    learning: dict[str, dict[str, int]] = {}
    hotspots: dict[str, dict[str, int]] = {}
    for person, _, kind, _, start, end, label in BLOCKS:
        s = seconds(start, end)
        row = people.setdefault(person, [0, 0])
        row[kind == "growth"] += s
        if not label or label in PRIVATE:
            continue
        if kind == "growth":
            learning.setdefault(label, {}).setdefault(person, 0)
            learning[label][person] += s
        else:
            spot = hotspots.setdefault(ALIASES.get(label, label), {})
            spot[person] = spot.get(person, 0) + s
    return {"people": people, "learning": learning, "hotspots": hotspots}


@pytest.fixture
def world(tmp_path: Path, run_cli):  # type: ignore[no-untyped-def]
    team = tmp_path / "チーム共有"
    team.mkdir()
    sync = tmp_path / "tanaka-sync"
    sync.mkdir()
    dbs = {n: tmp_path / f"{n}.db" for n in ("sato", "suzuki", "office", "laptop")}

    def cli(db: str, *args: str) -> tuple[int, str, str]:
        return run_cli(*args, db=dbs[db])

    def ok(db: str, *args: str) -> str:
        rc, out, err = cli(db, *args)
        assert rc == 0, (db, args, out, err)
        return out

    return team, sync, dbs, cli, ok


def folder_bytes(team: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(team.rglob("*")) if p.is_file())


def test_three_people_share_and_see_the_sums(world) -> None:  # type: ignore[no-untyped-def]
    team, sync, _, cli, ok = world
    for _, db, kind, day, start, end, label in BLOCKS:
        args = ["add", kind, f"{day} {start}", f"{day} {end}", label]
        ok(db, *args, "--note", NOTE)

    # not before a name is set; not before a folder is set
    rc, _, err = cli("sato", "team", "share")
    assert (
        rc == 1
        and err == "growth-tracker: set the name your team sees first: config team_name NAME\n"
    )
    rc, _, err = cli("sato", "team", "share", "--dry-run")
    assert rc == 1 and "config team_name NAME" in err
    ok("sato", "config", "team_name", "佐藤")
    rc, _, err = cli("sato", "team", "share")
    assert rc == 1 and "config team_folder PATH" in err
    rc, _, err = cli("sato", "config", "team_folder", str(team / "ない"))
    assert rc == 1 and "cannot be used" in err and "Traceback" not in err

    ok("sato", "team", "private", "転職準備")
    assert ok("sato", "team", "private") == "転職準備\n"
    for db, name in (("sato", "佐藤"), ("suzuki", "鈴木"), ("office", "田中"), ("laptop", "田中")):
        ok(db, "config", "team_folder", str(team))
        ok(db, "config", "team_name", name)
    for db in ("office", "laptop"):
        ok(db, "config", "sync_folder", str(sync))

    # --dry-run prints exactly the file a share writes (but its time)
    dry = json.loads(ok("sato", "team", "share", "--dry-run"))
    out = ok("sato", "team", "share")
    assert out.startswith("Shared 2 days and 3 labels to ")
    [sato_file] = (team / "growth-tracker-team").iterdir()
    written = json.loads(sato_file.read_bytes())
    assert {**dry, "updated": 0} == {**written, "updated": 0}
    assert stat.S_IMODE(sato_file.stat().st_mode) == 0o644

    # 鈴木 shares, then makes a label private: it leaves the folder at once
    ok("suzuki", "team", "share")
    assert "社外秘案件".encode() in folder_bytes(team)
    ok("suzuki", "team", "private", "社外秘案件")
    assert "社外秘案件".encode() not in folder_bytes(team)

    # 田中: the laptop shares first, the office later (a newer person id), then they sync;
    # the office marks 面談準備 (recorded on the laptop) private
    ok("laptop", "team", "share")
    ok("office", "team", "share")
    assert len(list((team / "growth-tracker-team").iterdir())) == 4
    ok("office", "team", "private", "面談準備")
    ok("office", "sync")
    ok("laptop", "sync")  # learns 面談準備 is private: rewrites its file without it
    assert "面談準備".encode() not in folder_bytes(team)
    ok("office", "sync")  # takes the laptop's earlier person id and removes its own file
    assert len(list((team / "growth-tracker-team").iterdir())) == 3
    ok("office", "team", "share")  # both PCs now write the one file, with both PCs' days
    assert len(list((team / "growth-tracker-team").iterdir())) == 3

    ok("sato", "team", "alias", "請求書確認", "請求書チェック")
    assert ok("sato", "team", "alias") == "請求書確認 → 請求書チェック\n"
    # a public/private round trip, then the folder holds no private label, note or time
    ok("sato", "team", "public", "IFRS勉強")
    ok("sato", "team", "share")
    data = folder_bytes(team)
    for secret in (*PRIVATE, NOTE, "09:00", "13:00", "T09", "T13"):
        assert secret.encode() not in data, secret

    rc, out, err = cli("sato", "team", "--from", str(D3), "--to", str(TODAY), "--json")
    assert rc == 0 and err == ""
    view = json.loads(out)
    want = expected()
    people = {p["name"]: p for p in view["people"]}
    assert {n: [p["task_s"], p["growth_s"]] for n, p in people.items()} == want["people"]
    for p in view["people"]:
        assert p["ratio"] == p["growth_s"] / (p["task_s"] + p["growth_s"])
    assert [p["me"] for p in view["people"]].count(True) == 1 and people["佐藤"]["me"]
    topics = {t["label"]: {q["name"]: q["growth_s"] for q in t["people"]} for t in view["learning"]}
    assert topics == want["learning"]
    hot = {h["label"]: h for h in view["hotspots"]}
    assert {k: h["task_s"] for k, h in hot.items()} == {
        k: sum(v.values()) for k, v in want["hotspots"].items()
    }
    assert {k: h["people"] for k, h in hot.items()} == {
        k: len(v) for k, v in want["hotspots"].items()
    }
    total_task = sum(t for t, _ in want["people"].values())
    total_growth = sum(g for _, g in want["people"].values())
    assert view["ratio"] == total_growth / (total_task + total_growth)
    days = (TODAY - D3).days + 1
    for h in hot.values():
        assert h["per_week_s"] == round(h["task_s"] * 7 / days)
        assert h["ratio_if_automated"] == pytest.approx(
            (total_growth + h["task_s"]) / (total_task + total_growth)
        )
    assert sum(w["task_s"] for w in view["weeks"]) == total_task
    assert view["unreadable"] == []

    rc, _, err = cli("sato", "team", "--from", str(TODAY), "--to", str(D3))
    assert rc == 1 and err == f"growth-tracker: --to {D3} is before --from {TODAY}; swap them\n"
    rc, _, err = cli("sato", "team", "--from", "1971-01-01")
    assert rc == 1 and "longer than 30 years" in err
    rc, _, err = cli("sato", "team", "share", "IFRS勉強")
    assert rc == 2 and "team share takes no LABEL" in err
    human = ok("sato", "team", "--from", str(D3), "--to", str(TODAY))
    assert "佐藤 (you)" in human and "請求書チェック" in human and "automating it frees" in human

    csv_path = team.parent / "team.csv"
    ok("sato", "team", "export", "--from", str(D3), "-o", str(csv_path), "--header", "ja")
    text = csv_path.read_bytes()
    assert text.startswith("\ufeff区分,週,名前".encode()) and b"\r\n" in text
    rows = text.decode("utf-8-sig").split("\r\n")
    assert "person,,佐藤,,210.00,210.00,0.5000,0.2000,,," in rows
    # 6 days: 255 min ÷ 6 × 7 a week; (540 + 255) ÷ 1065 growth if automated
    assert "hotspot,,佐藤 / 鈴木 / 田中,請求書チェック,255.00,,,,3,297.50,0.7465" in rows

    # the folder fills with what sync services and people leave there
    root = team / "growth-tracker-team"
    sato_share = json.loads(sato_file.read_bytes())
    old = dict(sato_share, updated=sato_share["updated"] - 3600)
    old["days"] = [dict(d, task_s=d["task_s"] + 7200) for d in old["days"]]
    (root / f"{sato_file.stem} (conflicted copy 2026-12-04).json").write_text(
        json.dumps(old, ensure_ascii=False), encoding="utf-8"
    )  # a stale copy: older, must not count
    (root / f"{sato_file.stem}-PC2.json").write_bytes(sato_file.read_bytes())  # the same again
    (root / "damaged.json").write_bytes(sato_file.read_bytes()[:50])
    (root / "foreign.json").write_text('{"budget": [1, 2, 3]}', encoding="utf-8")
    (root / "photo.json").write_bytes(bytes(range(256)) * 4)
    (root / "huge.json").write_bytes(b"[" + b" " * MAX_FILE_BYTES + b"]")
    os.mkfifo(root / "pipe.json")
    month_ago = int((dt.datetime.now(dt.UTC) - dt.timedelta(days=31)).timestamp())
    gone = ShareFile("d" * 32, "山田", 25, month_ago, (SharedDay(D3, 3600, 0, {}, {}),))
    (root / f"{'d' * 32}.json").write_bytes(encode(gone))

    rc, out, err = cli("sato", "team", "--from", str(D3), "--to", str(TODAY), "--json")
    assert rc == 0
    again = json.loads(out)
    assert sorted(u["file"] for u in again["unreadable"]) == [
        "damaged.json", "foreign.json", "huge.json", "photo.json", "pipe.json",
    ]  # fmt: skip
    assert sorted(err.splitlines()) == sorted(
        f"growth-tracker: skipped {u['file']} in the team folder ({u['reason']})"
        for u in again["unreadable"]
    )
    by_name = {p["name"]: p for p in again["people"]}
    assert by_name["佐藤"] == people["佐藤"]  # copies counted once, the newest
    assert by_name["山田"]["stale"] and not by_name["佐藤"]["stale"]
    assert by_name["山田"]["task_s"] == 3600

    # leaving removes the file and says so; the view no longer has 鈴木
    out = ok("suzuki", "team", "leave")
    assert out.startswith("Removed ") and "you no longer share with the team" in out
    names = [p["name"] for p in json.loads(ok("sato", "team", "--json"))["people"]]
    assert "鈴木" not in names and "佐藤" in names
    assert ok("suzuki", "config", "team_folder") == "\n"
    assert ok("suzuki", "team", "leave").startswith("You had no file")


def as_user(db: Path, *args: str) -> tuple[int, str, str]:
    """The real CLI as an ordinary user (``nobody`` when this runs as root, whom file
    modes do not stop)."""
    argv = [sys.executable, "-m", "tracker", "--db", str(db), *args]
    if os.geteuid() == 0:
        argv = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups", *argv]
    env = dict(os.environ, PYTHONPATH=str(REPO), TZ="Asia/Tokyo", HOME=str(db.parent))
    proc = subprocess.run(
        argv, env=env, capture_output=True, text=True, encoding="utf-8", timeout=60, cwd=REPO
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder another user may enter (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="gt-team-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_read_only_team_folder_is_named_and_nothing_is_lost(open_folder: Path) -> None:
    data, team = open_folder / "data", open_folder / "team"
    data.mkdir()
    team.mkdir()
    db = data / "sato.db"
    for args in (
        ("add", "task", f"{D1} 09:00", f"{D1} 10:00", "経費精算"),
        ("add", "growth", f"{D1} 10:00", f"{D1} 11:00", "IFRS勉強"),
        ("config", "team_folder", str(team)),
        ("config", "team_name", "佐藤"),
        ("team", "share"),
    ):
        rc, _, err = plain(db, *args)
        assert rc == 0, err
    root = team / "growth-tracker-team"
    [shared] = root.iterdir()
    before = shared.read_bytes()
    if os.geteuid() == 0:
        for path in (data, *data.iterdir()):
            os.chown(path, 65534, 65534)  # the database is nobody's; the team folder root's
    else:
        root.chmod(0o555)
    blocks = as_user(db, "list", "--date", str(D1), "--json")[1]

    for args in (("team", "share"), ("team", "leave"), ("team", "private", "IFRS勉強")):
        rc, out, err = as_user(db, *args)
        assert rc == 1, (args, out, err)
        assert err.count("\n") == 1 and "Traceback" not in err, err
        if args[1] == "private":  # the mark is kept: the message must not say otherwise
            assert err.startswith(
                f"growth-tracker: 'IFRS勉強' is now private, but your file in the team folder "
                f"{team} could not be rewritten ("
            ), err
            assert "nothing was changed" not in err and "until the next share" in err, err
        else:
            assert f"the team folder {team} cannot be used (" in err, err
        assert "Permission denied" in err or "Read-only" in err, err
    assert shared.read_bytes() == before  # the file the team sees is untouched
    assert as_user(db, "list", "--date", str(D1), "--json")[1] == blocks
    assert as_user(db, "config", "team_folder")[1] == f"{team}\n"  # still sharing
    assert as_user(db, "team", "private")[1] == "IFRS勉強\n"  # the mark itself is kept
    if os.geteuid() != 0:
        root.chmod(0o755)


def plain(db: Path, *args: str) -> tuple[int, str, str]:
    """The real CLI as whoever runs the tests (the owner of the files it makes)."""
    env = dict(os.environ, PYTHONPATH=str(REPO), TZ="Asia/Tokyo")
    command = [sys.executable, "-m", "tracker", "--db", str(db), *args]
    proc = subprocess.run(
        command, env=env, capture_output=True, text=True, encoding="utf-8", timeout=60, cwd=REPO
    )
    return proc.returncode, proc.stdout, proc.stderr


def _raw_file(person: str, name: str, updated: int, days: list[dict[str, object]]) -> bytes:
    head = {"format": "growth-tracker-team", "version": 1, "person": person, "name": name}
    return json.dumps(head | {"target": 20, "updated": updated, "days": days}).encode()


def _day(day: dt.date | str, label: str = "請求書チェック") -> dict[str, object]:
    return {"day": str(day), "task_s": 3600, "growth_s": 0, "growth": {}, "task": {label: 3600}}


def test_odd_files_in_the_folder_are_named_and_the_view_still_shows(  # type: ignore[no-untyped-def]
    tmp_path: Path, run_cli
) -> None:
    """Files from a PC whose clock is far off, names and labels with a right-to-left
    override or an escape sequence, two files of one person under different names: each
    odd file is named on stderr with its reason, the rest is shown, exit 0, no traceback."""
    team = tmp_path / "team"
    root = team / "growth-tracker-team"
    root.mkdir(parents=True)
    now = int(dt.datetime.now(TOKYO).timestamp())
    odd = {
        "future.json": _raw_file("a" * 32, "未来", 2**40, [_day(TODAY)]),
        "year9999.json": _raw_file("b" * 32, "遠い日", now, [_day("9999-12-31")]),
        "rtl.json": _raw_file("c" * 32, "\u202e子花 藤佐", now, [_day(TODAY)]),
        "escape.json": _raw_file("d" * 32, "鈴木", now, [_day(TODAY, "経費\x1b[2J精算")]),
    }
    for name, data in odd.items():
        (root / name).write_bytes(data)
    (root / "old name.json").write_bytes(_raw_file("e" * 32, "高橋", now - 60, [_day(D1)]))
    (root / "new name.json").write_bytes(_raw_file("e" * 32, "高橋 美咲", now, [_day(TODAY)]))
    assert run_cli("config", "team_folder", str(team))[0] == 0

    for args in (("team", "--json"), ("team",), ("team", "export", "-o", str(tmp_path / "t.csv"))):
        rc, out, err = run_cli(*args)
        assert rc == 0 and "Traceback" not in err, (args, err)
        if args[-1] == "--json":
            view = json.loads(out)
            assert [p["name"] for p in view["people"]] == ["高橋 美咲"]  # once, the newest
            assert view["people"][0]["task_s"] == 3600  # the older copy's day is not added
            assert sorted(u["file"] for u in view["unreadable"]) == sorted(odd)
            reasons = {u["file"]: u["reason"] for u in view["unreadable"]}
            assert reasons == {
                "future.json": "damaged (updated)",
                "year9999.json": "damaged (day)",
                "rtl.json": "damaged (name)",
                "escape.json": "damaged (label)",
            }
        if args == ("team",):
            assert "\u202e" not in out and "\x1b" not in out
            assert sorted(err.splitlines()) == sorted(
                f"growth-tracker: skipped {n} in the team folder ({r})" for n, r in reasons.items()
            )


def test_a_fifo_or_a_file_as_the_folder_is_named_as_no_folder(  # type: ignore[no-untyped-def]
    tmp_path: Path, run_cli
) -> None:
    """A FIFO or a plain file typed in as the team or sync folder: refused as not a folder
    (it exists, so "no such folder" would send the person looking for the wrong thing),
    and nothing is stored."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    for key in ("team_folder", "sync_folder"):
        for path in (fifo, plain):
            rc, _out, err = run_cli("config", key, str(path))
            assert rc == 1, err
            assert f"{path} cannot be used (Not a directory)" in err, err
            assert "Traceback" not in err
        assert run_cli("config", key)[1].strip() in ("", "off"), key
