"""The CLI's side of sync (docs/architecture.md §6, §16), through the real subprocess."""

from __future__ import annotations

import json
from pathlib import Path

DAY = "2023-11-14"


def test_two_databases_sync_through_one_folder(run_cli, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    office, laptop = tmp_path / "office.db", tmp_path / "laptop.db"

    def cli(db: Path, *args: str) -> tuple[int, str, str]:
        return run_cli(*args, db=db)

    rc, _, err = cli(office, "sync")
    assert rc == 1 and err.strip() == (
        "growth-tracker: sync is off; choose a folder first: config sync_folder PATH"
    )
    rc, _, err = cli(office, "config", "sync_folder", str(tmp_path / "nowhere"))
    assert rc == 1 and "cannot be used" in err and "Traceback" not in err
    for db, name in ((office, "office"), (laptop, "ノートPC")):
        assert cli(db, "config", "sync_folder", str(share))[0] == 0
        assert cli(db, "config", "device_name", name)[0] == 0
    assert cli(office, "add", "task", f"{DAY} 09:00", f"{DAY} 10:00", "mail")[0] == 0
    assert cli(laptop, "add", "growth", f"{DAY} 09:30", f"{DAY} 11:00", "学習")[0] == 0
    assert cli(laptop, "start", "task", "running")[0] == 0
    rc, out, _ = cli(office, "sync")
    assert rc == 0 and out.startswith(f"Synced with {share}: published 1 change, merged 0")
    rc, out, _ = cli(laptop, "sync", "--json")
    data = json.loads(out)
    assert (data["published"], data["merged"], data["unreadable"]) == (2, 1, [])
    assert sorted(d["name"] for d in data["devices"]) == ["office", "ノートPC"]
    assert cli(office, "sync")[0] == 0

    rc, out, _ = cli(office, "list", "--date", DAY, "--json")
    blocks = json.loads(out)["blocks"]
    assert [(b["label"], b["device"]) for b in blocks] == [("mail", "office"), ("学習", "ノートPC")]
    rc, out, _ = cli(office, "report", "--date", DAY, "--json")
    day = json.loads(out)["days"][0]
    assert (day["task_s"], day["growth_s"]) == (1800, 5400)  # the overlap counted once

    rc, out, _ = cli(office, "status", "--json")
    status = json.loads(out)
    assert status["running"] is None
    [there] = status["elsewhere"]
    assert (there["device"], there["kind"], there["label"]) == ("ノートPC", "task", "running")
    rc, out, _ = cli(office, "status")
    assert "Elsewhere: task · running on ノートPC since" in out

    merged_id = str(blocks[1]["id"])
    # a block the laptop recorded, edited on the office PC: the laptop shows the edit
    rc, _, err = cli(office, "edit", merged_id, "--label", "学習メモ", "--kind", "task")
    assert rc == 0, err
    assert cli(office, "sync")[0] == 0 and cli(laptop, "sync")[0] == 0
    rc, out, _ = cli(laptop, "list", "--date", DAY, "--json")
    theirs = [(b["label"], b["kind"], b["device"]) for b in json.loads(out)["blocks"]]
    assert ("学習メモ", "task", "ノートPC") in theirs
    assert ("学習", "growth", "ノートPC") not in theirs
    rc, _, err = cli(office, "delete", str(-(10**30)))
    assert rc == 1 and "Traceback" not in err
    rc, _, err = cli(office, "config", "target", "")
    assert rc == 2 and "must not be empty" in err
    assert cli(office, "config", "sync_folder", "")[0] == 0  # off keeps what was merged
    rc, out, _ = cli(office, "list", "--date", DAY, "--json")
    assert len(json.loads(out)["blocks"]) == 2
    # deleting it on the office PC deletes it on the laptop, for good
    assert cli(office, "config", "sync_folder", str(share))[0] == 0
    assert cli(office, "delete", merged_id)[0] == 0
    assert cli(office, "sync")[0] == 0 and cli(laptop, "sync")[0] == 0
    for db in (office, laptop):
        rc, out, _ = cli(db, "list", "--date", DAY, "--json")
        assert "学習メモ" not in [b["label"] for b in json.loads(out)["blocks"]]


def test_a_csv_exported_on_one_pc_and_imported_on_the_other_adds_nothing(
    run_cli, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    office, laptop = tmp_path / "office.db", tmp_path / "laptop.db"
    for db in (office, laptop):
        assert run_cli("config", "sync_folder", str(share), db=db)[0] == 0
    assert run_cli("add", "task", f"{DAY} 09:00", f"{DAY} 10:00", "mail", db=office)[0] == 0
    assert run_cli("add", "growth", f"{DAY} 10:00", f"{DAY} 11:00", "学習", db=office)[0] == 0
    # the laptop's own block 1 overlaps the office's block 1 (the tray ran on both)
    assert run_cli("add", "task", f"{DAY} 09:30", f"{DAY} 10:30", "calls", db=laptop)[0] == 0
    for db in (office, laptop, office):
        assert run_cli("sync", db=db)[0] == 0
    csv = tmp_path / "office.csv"
    assert run_cli("export", "--output", str(csv), db=office)[0] == 0
    rc, out, err = run_cli("import", str(csv), db=laptop)
    assert rc == 0, err
    assert out.startswith("Imported 0 blocks; 3 blocks were already there"), out
    rc, out, _ = run_cli("list", "--date", DAY, "--json", db=laptop)
    assert len(json.loads(out)["blocks"]) == 3
