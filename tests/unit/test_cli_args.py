"""The command line as scripts and shells really hand it over: options and labels in any
order, labels that begin with "-", empty values, bytes that are not UTF-8 and ids typed
with the wrong digits. Every case runs the real CLI as a subprocess on a real database.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

if TYPE_CHECKING:
    from tests.conftest import RunCli

REPO_ROOT = Path(__file__).resolve().parents[2]
TOKYO = ZoneInfo("Asia/Tokyo")
DAY = "2024-05-13"  # a past Monday: results do not depend on when the tests run


def ago(minutes: int) -> str:
    """A local time a few minutes ago, as ``--at`` takes it."""
    moment = dt.datetime.fromtimestamp(time.time() - minutes * 60, TOKYO)
    return moment.strftime("%Y-%m-%d %H:%M")


def ok(result: tuple[int, str, str]) -> str:
    rc, out, err = result
    assert (rc, err) == (0, ""), err
    return out


def blocks(run_cli: RunCli) -> list[dict[str, object]]:
    out = ok(run_cli("list", "--json", "--from", "2000-01-01", "--to", "today"))
    return list(json.loads(out)["blocks"])


def running(run_cli: RunCli) -> dict[str, object]:
    value = json.loads(ok(run_cli("status", "--json")))["running"]
    assert isinstance(value, dict)
    return value


# -- options and labels in any order -------------------------------------------------------


def test_a_label_after_an_option_is_the_label(run_cli: RunCli) -> None:
    ok(run_cli("start", "task", "--at", ago(30), "月次決算"))
    assert running(run_cli)["label"] == "月次決算"
    ok(run_cli("switch", "--at", ago(20), "growth", "RPA 勉強"))
    now = running(run_cli)
    assert (now["kind"], now["label"]) == ("growth", "RPA 勉強")
    ok(run_cli("start", "task", "経費精算", "--at", ago(10)))  # the contract's own order
    assert running(run_cli)["label"] == "経費精算"


def test_add_takes_its_label_before_or_after_note(run_cli: RunCli) -> None:
    ok(run_cli("add", "task", f"{DAY} 09:00", f"{DAY} 10:00", "--note", "n", "給与計算"))
    ok(run_cli("add", "--note", "m", "growth", f"{DAY} 10:00", f"{DAY} 11:00", "VBA"))
    ok(run_cli("add", "task", f"{DAY} 11:00", f"{DAY} 12:00", "請求書", "--note", "o"))
    got = [(b["kind"], b["label"], b["note"]) for b in blocks(run_cli)]
    assert got == [("task", "給与計算", "n"), ("growth", "VBA", "m"), ("task", "請求書", "o")]


def test_a_label_beginning_with_a_dash_goes_after_double_dash_wherever_options_are(
    run_cli: RunCli,
) -> None:
    # a start "now" after one 5 minutes ago: never an overlap, whatever second each lands in
    ok(run_cli("start", "growth", "--at", ago(5), "--", "--at"))
    assert running(run_cli)["label"] == "--at"
    ok(run_cli("start", "task", "--", "-x"))
    assert running(run_cli)["label"] == "-x"
    ok(run_cli("stop"))
    ok(run_cli("add", "task", f"{DAY} 09:00", f"{DAY} 10:00", "--note", "n", "--", "-5 分"))
    assert blocks(run_cli)[0]["label"] == "-5 分"


def test_label_and_note_options_take_a_value_beginning_with_a_dash(run_cli: RunCli) -> None:
    ok(run_cli("add", "task", f"{DAY} 09:00", f"{DAY} 10:00", "--note", "-n", "x"))
    ok(run_cli("edit", "1", "--label", "-x"))
    assert blocks(run_cli)[0]["label"] == "-x"
    ok(run_cli("edit", "1", "--label=-y", "--note", "--kind"))
    (block,) = blocks(run_cli)
    assert (block["label"], block["note"], block["kind"]) == ("-y", "--kind", "task")


@pytest.mark.parametrize(
    "args",
    [
        ("start", "task", "--at", "09:00", "one", "two"),
        ("start", "task", "-x"),  # a dash label without "--" is an unknown option
        ("edit", "1", "--label"),  # no value at all
        ("add", "task", f"{DAY} 09:00", f"{DAY} 10:00", "a", "--note", "n", "b"),
    ],
)
def test_malformed_lines_are_still_refused_with_exit_2(run_cli: RunCli, args: tuple[str]) -> None:
    rc, out, err = run_cli(*args)
    assert rc == 2 and out == "", err
    assert err.startswith("usage: growth-tracker") and "error:" in err


# -- empty values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("start", "task", "--at", ""), "--at"),
        (("switch", "--at", ""), "--at"),
        (("stop", "--at", ""), "--at"),
        (("add", "task", "", f"{DAY} 10:00"), "START"),
        (("add", "task", f"{DAY} 09:00", ""), "END"),
        (("edit", "1", "--start", ""), "--start"),
        (("edit", "1", "--end", ""), "--end"),
        (("list", "--date", ""), "--date"),
        (("report", "--from", ""), "--from"),
        (("report", "--to", ""), "--to"),
        (("export", "-o", ""), "-o/--output"),
        (("export", "--from", ""), "--from"),
        (("import", ""), "FILE"),
        (("summary", "--date", ""), "--date"),
        (("config", "target", ""), "value"),
        (("config", ""), "key"),
    ],
)
def test_an_empty_required_value_is_refused_and_changes_nothing(
    run_cli: RunCli, db_path: Path, args: tuple[str, ...], what: str
) -> None:
    ok(run_cli("add", "task", f"{DAY} 09:00", f"{DAY} 10:00", "給与計算"))
    before = blocks(run_cli)
    rc, out, err = run_cli(*args)
    assert rc == 2 and out == "", err
    assert f"argument {what}: must not be empty" in err
    assert blocks(run_cli) == before
    assert ok(run_cli("config", "target")).strip() == "0.2"


def test_an_empty_db_option_never_falls_back_to_the_real_database(
    run_cli: RunCli, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    for args in (("start", "task", "x"), ("status",), ("add", "task", "09:00", "09:30")):
        rc, out, err = run_cli(*args, db="", env=env)
        assert rc == 2 and out == "", err
        assert "argument --db: must not be empty" in err
    assert not home.exists(), "nothing may be written where the real database lives"


def test_an_empty_database_variable_is_refused_not_ignored(run_cli: RunCli, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"GROWTH_TRACKER_DB": "", "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    for args in (("start", "task", "x"), ("status",), ()):
        rc, out, err = run_cli(*args, db=None, env=env)
        assert rc == 1 and out == "", err
        assert err == (
            "growth-tracker: GROWTH_TRACKER_DB is set but empty; set it to a database file, "
            "or unset it to use the default database\n"
        )
    assert not home.exists()
    # --db still wins over the variable, empty or not
    ok(run_cli("start", "task", "x", env=env))


def test_an_empty_label_or_note_means_none_and_clears_in_edit(run_cli: RunCli) -> None:
    ok(run_cli("add", "task", f"{DAY} 09:00", f"{DAY} 10:00", "", "--note", ""))
    ok(run_cli("add", "task", f"{DAY} 10:00", f"{DAY} 11:00", "決算", "--note", "メモ"))
    ok(run_cli("edit", "2", "--label", ""))
    ok(run_cli("edit", "2", "--note="))
    got = [(b["label"], b["note"]) for b in blocks(run_cli)]
    assert got == [("", ""), ("", "")]
    ok(run_cli("start", "growth", "", "--at", ago(1)))
    assert running(run_cli)["label"] == ""


# -- bytes that are not UTF-8, digits that are not ASCII ------------------------------------


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("start", "task", "\udcff x"), "the label"),
        # テト typed in a Shift_JIS terminal
        (("add", "task", f"{DAY} 09:00", f"{DAY} 10:00", "\udc83e\udc83g"), "the label"),
        (("add", "task", f"{DAY} 09:00", f"{DAY} 10:00", "--note", "a\udce9"), "the note"),
        (("edit", "1", "--label", "\udcff"), "the label"),
        (("switch", "growth", "--at", "09:0\udcb0"), "the at value"),
    ],
)
def test_a_label_that_is_not_utf8_is_one_line_and_exit_1(
    run_cli: RunCli, db_path: Path, args: tuple[str, ...], what: str
) -> None:
    # subprocess turns each surrogate back into its byte, as a shell's $'\xff' would give it
    ok(run_cli("add", "task", f"{DAY} 07:00", f"{DAY} 08:00", "給与計算"))
    before = blocks(run_cli)
    rc, out, err = run_cli(*args)
    assert rc == 1 and out == "", err
    assert err.startswith(f"growth-tracker: {what} is not UTF-8 text (it holds the byte 0x")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert blocks(run_cli) == before
    assert not list(db_path.parent.glob("*.log")), "a refused line is not an error to log"


def test_paths_with_a_byte_that_is_not_utf8_work(tmp_path: Path) -> None:
    # On POSIX a file name is bytes: such a --db or -o is fine, and the message naming it
    # gives the same bytes back (as ls does), not an encoding error after the work is done.
    db, csv = tmp_path / "d\udcff.sqlite3", tmp_path / "e\udcff.csv"
    env = dict(os.environ, TZ="Asia/Tokyo", PYTHONPATH=str(REPO_ROOT))
    env.pop("GROWTH_TRACKER_DB", None)
    base = [sys.executable, "-m", "tracker", "--db", str(db)]
    for args in (["add", "task", f"{DAY} 09:00", f"{DAY} 10:00", "x"], ["export", "-o", str(csv)]):
        proc = subprocess.run([*base, *args], env=env, capture_output=True, timeout=60)
        assert (proc.returncode, proc.stderr) == (0, b""), proc.stderr
    assert proc.stdout == b"Exported 1 block row to " + os.fsencode(csv) + b"\n"
    assert db.exists() and csv.read_bytes().count(b"\n") == 2


# "-1" is an id: blocks merged from another PC have negative ids (§16, test_sync_cli.py)
@pytest.mark.parametrize("word", ["１", "١", "1_0", " 1", "+1", "-１", "0x1"])
def test_a_block_id_is_ascii_digits_only(run_cli: RunCli, word: str) -> None:
    for n in range(10):
        ok(run_cli("add", "task", f"{DAY} {n + 8:02d}:00", f"{DAY} {n + 8:02d}:30"))
    for command in (("delete", word), ("edit", word, "--label", "x")):
        rc, _out, err = run_cli(*command)
        assert rc == 2 and "invalid block id" in err, (command, err)
    assert len(blocks(run_cli)) == 10
