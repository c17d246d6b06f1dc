"""200 SIGKILLs of the real tray while the CLI toggles the same database.

The real program (``python -m tracker --db X``) runs on Xvfb with trayer as its tray host.
Each round starts it, and kills it with SIGKILL at a random moment: mostly 0–300 ms after
it is up (icon shown, database open; or, when a recovery is due, after its recovery
dialog appeared), sometimes 0–300 ms after the process started (imports, opening or
creating the file). Meanwhile this test runs ``growth-tracker switch | start | stop``
back to back, and after each command reads the file:

* every command that returned 0 did exactly what docs/architecture.md §6 says (and one that
  returned 1 changed nothing), so the snapshot after it is the committed state;
* after the kill, the file still holds that committed state: finished blocks unchanged,
  the running block still running (only its heartbeat may have moved) — or, if the
  tray was killed mid-recovery, recovered exactly as the rules say;
* ``PRAGMA integrity_check`` is ok, no two blocks overlap, at most one runs.

Recovery, every time: when the killed tray leaves a block running with a heartbeat, the
next start must show the recovery dialog (found on the X display by its title) before
anything else; the test answers it with Enter or Esc (both: end at the last heartbeat)
and checks that exactly that block ended at its heartbeat (or was dropped, when the
heartbeat equals its start). A running block without a heartbeat (started by the CLI
while no tray ran) must not be offered for recovery; the tray adopts it instead.
"""

from __future__ import annotations

import itertools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import xenv

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL, X11")]

REPO = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("RELIABILITY_KILLS", "200"))
KILL_WINDOW_S = 0.3
DIALOG_TITLE = "unfinished block"
TIMEOUT_S = 15.0


@dataclass(frozen=True)
class Rec:
    kind: str
    label: str
    start: int
    end: int | None
    seen: int | None
    source: str


Rows = dict[int, Rec]


def read_rows(db: Path) -> Rows:
    """The blocks, after checking the file's integrity and the invariants."""
    if not db.exists():
        return {}
    conn = sqlite3.connect(db, timeout=10)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "blocks" not in tables:
            return {}
        rows = conn.execute(
            "SELECT id, kind, label, started_at, ended_at, last_seen_at, source FROM blocks"
        ).fetchall()
    finally:
        conn.close()
    found = {r[0]: Rec(*r[1:]) for r in rows}
    assert sum(r.end is None for r in found.values()) <= 1, "two blocks running"
    spans = sorted((r.start, r.end) for r in found.values())
    for (start, end), (next_start, _) in itertools.pairwise(spans):
        assert end is not None and start < end <= next_start, f"overlap: {spans}"
    return found


def running(rows: Rows) -> tuple[int, Rec] | None:
    return next(((i, r) for i, r in rows.items() if r.end is None), None)


def floor(rows: Rows) -> int:
    """No new instant may lie before this (the service's rule)."""
    if not rows:
        return 0
    last = max(rows.values(), key=lambda r: r.start)
    return last.start if last.end is None else last.end


def no_seen(rec: Rec) -> Rec:
    return replace(rec, seen=None)


def check_started(
    before: Rows, after: Rows, kind: str, label: str, t0: int, t1: int
) -> tuple[int, Rec]:
    """``after`` is ``before`` with a block of ``kind`` started (the running one closed)."""
    now = running(after)
    assert now is not None, "the command returned 0 but nothing runs"
    new_id, new = now
    assert (new.kind, new.label, new.source) == (kind, label, "cli")
    assert max(floor(before), t0) <= new.start <= t1
    expected = {i: r for i, r in before.items() if r.end is not None}
    prev = running(before)
    if prev is not None and prev[1].start < new.start:
        expected[prev[0]] = replace(prev[1], end=new.start)
    # else the running block was closed in the second it began: discarded
    assert set(after) == set(expected) | {new_id}
    for i, rec in expected.items():
        assert no_seen(after[i]) == no_seen(rec), f"block {i} changed"
    return now


def check_cli(
    cmd: list[str], rc: int, out: str, err: str, before: Rows, after: Rows, t0: int, t1: int
) -> None:
    """What one CLI command must have done, judged from the file before and after it."""
    assert "Traceback" not in out + err
    assert rc in (0, 1), (cmd, rc, err)
    prev = running(before)
    if cmd[0] == "stop" and prev is None:
        assert rc == 1 and "nothing is running" in err
    else:
        assert rc == 0, (cmd, err)
    if rc == 1:
        assert {i: no_seen(r) for i, r in after.items()} == {
            i: no_seen(r) for i, r in before.items()
        }
        return
    if cmd[0] == "start":
        check_started(before, after, cmd[1], cmd[2] if len(cmd) > 2 else "", t0, t1)
        return
    if cmd[0] == "switch":
        if prev is None:
            last = max(before.values(), key=lambda r: r.start).kind if before else "task"
            check_started(before, after, cmd[1] if len(cmd) > 1 else last, "", t0, t1)
            return
        kind = cmd[1] if len(cmd) > 1 else ("growth" if prev[1].kind == "task" else "task")
        if kind == prev[1].kind:
            assert "Already tracking" in out
            assert {i: no_seen(r) for i, r in after.items()} == {
                i: no_seen(r) for i, r in before.items()
            }
        else:
            assert "Switched to" in out, out
            check_started(before, after, kind, "", t0, t1)
        return
    # stop
    assert prev is not None
    prev_id, rec = prev
    expected = {i: r for i, r in before.items() if r.end is not None}
    if prev_id in after and after[prev_id].start == rec.start:
        end = after[prev_id].end
        assert end is not None and max(floor(before), t0) <= end <= t1
        expected[prev_id] = replace(rec, end=end)
    else:
        assert rec.start >= t0, "a block older than a second was dropped by stop"
        assert "dropped" in out
    assert set(after) == set(expected)
    for i, r in expected.items():
        assert no_seen(after[i]) == no_seen(r)


def check_recovered(pending: tuple[int, Rec], after: Rows) -> None:
    """The block left running by the crash ended at its heartbeat (or was dropped)."""
    block_id, rec = pending
    assert rec.seen is not None
    if rec.seen == rec.start:
        assert block_id not in after, "a block whose heartbeat is its start must be dropped"
    else:
        assert after[block_id] == replace(rec, end=rec.seen, source="recovered")


def check_after_kill(committed: Rows, pending: tuple[int, Rec] | None, after: Rows) -> None:
    """Nothing committed was lost; the only changes a killed tray may have made are a
    heartbeat of the running block and (when due and not yet seen) the recovery."""
    unanswered = pending is not None and committed.get(pending[0]) == pending[1]
    if unanswered and (pending[0] not in after or after[pending[0]].end is not None):
        assert pending is not None
        check_recovered(pending, after)  # the recovery landed just before the kill
        committed = {i: r for i, r in committed.items() if i != pending[0]}
        after = {i: r for i, r in after.items() if i != pending[0]}
    assert set(after) == set(committed), "blocks appeared or vanished"
    for block_id, rec in committed.items():
        now = after[block_id]
        assert no_seen(now) == no_seen(rec), f"block {block_id} changed: {rec} -> {now}"
        if rec.seen is not None:
            assert now.seen is not None and now.seen >= rec.seen


COMMANDS: list[list[str]] = [
    ["switch"],
    ["switch"],
    ["switch", "task"],
    ["switch", "growth"],
    ["start", "task"],
    ["start", "growth", "学習"],
    ["start", "task", "mail"],
    ["stop"],
]


class Round:
    """One life of the tray: start, (recovery), CLI commands, SIGKILL."""

    def __init__(self, db: Path, env: dict[str, str], rng: random.Random):
        self.db, self.env, self.rng = db, env, rng
        self.killed = threading.Event()
        self.timer: threading.Timer | None = None
        self.app: xenv.ManagedProcess | None = None

    def cli(self, args: list[str]) -> tuple[int, str, str]:
        proc = subprocess.run(
            [sys.executable, "-m", "tracker", "--db", str(self.db), *args],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )
        return proc.returncode, proc.stdout, proc.stderr

    def arm(self, window: float) -> None:
        """SIGKILL the tray at a random moment within ``window`` seconds from now."""
        assert self.app is not None
        pid = self.app.pid

        def kill() -> None:
            os.kill(pid, signal.SIGKILL)
            self.killed.set()

        self.timer = threading.Timer(self.rng.uniform(0, window), kill)
        self.timer.start()

    def alive(self) -> bool:
        return not self.killed.is_set()

    def wait_ready(self) -> bool:
        """The app behind the icon runs: it has recovered and adopted what it found (the
        first icon's 'ready' comes earlier; kills in between are the early rounds')."""
        assert self.app is not None
        deadline = time.monotonic() + TIMEOUT_S
        while self.alive():
            if "started " in self.app.log_text():
                return True
            assert self.app.alive(), f"the tray exited:\n{self.app.log_text()}"
            assert time.monotonic() < deadline, "the tray did not come up"
            time.sleep(0.005)
        return False

    def find_dialog(self) -> xenv.WindowGeometry | None:
        assert self.app is not None
        # --all: xdotool's default is --any, which would also match the tray icon by pid
        argv = ["xdotool", "search", "--all", "--onlyvisible", "--pid", str(self.app.pid)]
        found = subprocess.run(
            [*argv, "--name", DIALOG_TITLE], env=self.env, capture_output=True, text=True
        )
        for wid in (int(tok) for tok in found.stdout.split()):
            try:
                geo = xenv.window_geometry(self.env, wid)
            except xenv.XEnvError:
                continue
            if geo.viewable and geo.width > 1:
                return geo
        return None

    def wait_dialog(self) -> xenv.WindowGeometry | None:
        deadline = time.monotonic() + TIMEOUT_S
        while self.alive():
            geo = self.find_dialog()
            if geo is not None:
                return geo
            assert time.monotonic() < deadline, "no recovery dialog for a block left running"
            time.sleep(0.01)
        return None

    def answer(self, geo: xenv.WindowGeometry) -> None:
        """Enter (the default: end at last seen) or Esc (also ends at last seen)."""
        # One xdotool call (xenv.click waits out the double-click interval between
        # clicks, which would let nearly every kill land before the answer). Without a
        # window manager the click gives the dialog the keyboard focus.
        x, y = str(geo.x + 10), str(geo.y + 10)
        keysym = self.rng.choice(["Return", "Return", "Escape"])
        argv = ["xdotool", "mousemove", x, y, "click", "1", "key", "--clearmodifiers", keysym]
        done = subprocess.run(argv, env=self.env, capture_output=True, text=True, timeout=10)
        assert done.returncode == 0 or not self.alive(), done.stderr

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.join()
        if self.app is not None:
            if not self.killed.is_set():
                os.kill(self.app.pid, signal.SIGKILL)
            self.app.proc.wait(10)
            assert self.app.proc.returncode == -signal.SIGKILL, self.app.log_text()
            self.app.stop()


@dataclass
class Tally:
    commands: int = 0
    dialogs: int = 0
    recovered: int = 0
    early_kills: int = 0


def kill_rounds(env: dict[str, str], folder: Path, kills: int, seed: int) -> Tally:
    """``kills`` lives of the tray over one database in ``folder``; checks as it goes."""
    db = folder / "tracker.sqlite3"
    rng = random.Random(seed)
    tally = Tally()
    for no in range(kills):
        r = Round(db, env, rng)
        committed = read_rows(db)
        held = running(committed)
        pending = held if held is not None and held[1].seen is not None else None
        early = no == 0 or rng.random() < 0.12  # while it imports, opens or creates the file
        r.app = xenv.start_process(
            [sys.executable, "-m", "tracker", "--db", str(db)],
            env,
            name="tray",
            log_path=folder / f"tray-{no % 2}.log",
            cwd=REPO,
        )
        try:
            if early:
                tally.early_kills += 1
                r.arm(KILL_WINDOW_S)
            elif r.wait_ready():
                if pending is None:
                    r.arm(KILL_WINDOW_S)
                else:
                    geo = r.wait_dialog()  # the tray found the block the crash left running
                    if geo is not None:
                        tally.dialogs += 1
                        r.arm(KILL_WINDOW_S)
                        r.answer(geo)
                        deadline = time.monotonic() + TIMEOUT_S
                        while r.alive():
                            now = read_rows(db)
                            mine = now.get(pending[0])
                            if mine is None or mine.end is not None:
                                check_recovered(pending, now)
                                tally.recovered += 1
                                committed, pending = now, None
                                break
                            assert time.monotonic() < deadline, "the answer was not applied"
                            time.sleep(0.01)
            checked_no_dialog = False
            while r.alive() and pending is None:
                if not early and not checked_no_dialog and held is not None:
                    # a block started by the CLI alone is adopted, never offered for recovery
                    assert r.find_dialog() is None, "recovery offered for a CLI-started block"
                    checked_no_dialog = True
                if rng.random() < 0.4:
                    # a pause: the kill then often finds the tray alone with a block it
                    # adopted, so the next start has a recovery to offer
                    time.sleep(rng.uniform(0, 0.15))
                    continue
                cmd = rng.choice(COMMANDS)
                t0 = int(time.time())
                rc, out, err = r.cli(cmd)
                t1 = int(time.time())
                after = read_rows(db)
                check_cli(cmd, rc, out, err, committed, after, t0, t1)
                tally.commands += 1
                committed = after
        finally:
            r.stop()
        check_after_kill(committed, pending, read_rows(db))
    return tally


def test_two_hundred_kills_of_the_real_tray(
    x_trays: list[xenv.XServer], tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    # One database per X server, run side by side (the recovery dialogs of two trays on
    # one screen would lie on top of each other); the kills add up to KILLS.
    jobs = []
    with ThreadPoolExecutor(len(x_trays)) as pool:
        for n, server in enumerate(x_trays):
            env = dict(server.env, GROWTH_TRACKER_PRINT_READY="1", PYTHONPATH=str(REPO))
            env["TZ"] = "Asia/Tokyo"
            env.pop("GROWTH_TRACKER_DB", None)
            folder = tmp_path / f"worker-{n}"
            folder.mkdir()
            share = KILLS // len(x_trays) + (n < KILLS % len(x_trays))
            jobs.append(pool.submit(kill_rounds, env, folder, share, 20260601 + n))
        tallies = [job.result() for job in jobs]
    tally = Tally(*(sum(getattr(t, f) for t in tallies) for f in Tally.__dataclass_fields__))
    report = (
        f"{KILLS} kills ({tally.early_kills} during start-up), {tally.commands} CLI commands, "
        f"{tally.dialogs} recovery dialogs, {tally.recovered} recoveries seen applied"
    )
    print(report)
    request.node.user_properties.append(("tally", report))
    assert tally.commands > KILLS // 2  # the kills landed while work was going on
    assert tally.dialogs > KILLS // 10  # recovery was exercised, not just possible
    assert tally.recovered > KILLS // 20
