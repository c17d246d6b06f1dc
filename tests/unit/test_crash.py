"""Kill -9 at random moments: what returned is on disk, and the database stays sound.

A child process runs the tray's use cases (start / switch / stop / heartbeat with
``source=Source.TRAY``) in a tight loop and prints ``ok <op> <id> <instant>`` after each
call has RETURNED. The test kills it with SIGKILL at random moments, then checks the file
against a model built from those lines: every reported effect is there; only the one
call in flight may or may not have landed. Then recovery closes the open block at its
last heartbeat, as the tray would at its next start (docs/architecture.md §4, §5).
"""

from __future__ import annotations

import itertools
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tracker.domain.clock import FakeClock
from tracker.domain.model import Source
from tracker.service import RecoveryChoice, TrackerService
from tracker.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL")]

REPO_ROOT = Path(__file__).resolve().parents[2]
KILLS = 50

CHILD = """
import random, sys
from pathlib import Path
from zoneinfo import ZoneInfo

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind, Source
from tracker.service import TrackerService
from tracker.store import Store

rng = random.Random(int(sys.argv[2]))
store = Store(Path(sys.argv[1]))
known = [max(b.started_at, b.ended_at or 0, b.last_seen_at or 0) for b in store.all_blocks()]
clock = FakeClock(max(known, default=1_700_000_000) + 1000)
service = TrackerService(store, clock, ZoneInfo("Asia/Tokyo"), None)
out = sys.stdout
out.write("ready\\n")
out.flush()
while True:
    clock.advance(rng.choice([0, 0, 1, 7, 60]))
    op = rng.choice(["start", "switch", "stop", "heartbeat", "heartbeat"])
    if op == "start":
        b = service.start(rng.choice(list(Kind)), source=Source.TRAY)
        line = f"ok start {b.id} {b.started_at}"
    elif op == "switch":
        b = service.switch(source=Source.TRAY)
        line = f"ok switch {b.id} {b.started_at}"
    elif op == "stop":
        running = service.running()
        if running is None:
            continue
        done = service.stop()
        line = f"ok stop {running.id} {done.ended_at if done else 'discarded'}"
    else:
        b = service.heartbeat()
        if b is None:
            continue
        line = f"ok heartbeat {b.id} {b.last_seen_at}"
    out.write(line + "\\n")
    out.flush()
"""


@dataclass
class Row:
    start: int
    end: int | None
    seen: int | None


def read_rows(path: Path) -> dict[int, Row]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT id, started_at, ended_at, last_seen_at FROM blocks")
        return {r[0]: Row(r[1], r[2], r[3]) for r in rows}
    finally:
        conn.close()


def apply(model: dict[int, Row], line: str) -> None:
    """What a reported call did, as the service's rules say it must have."""
    _, op, ident, value = line.split()
    block_id = int(ident)
    running = next((i for i, r in model.items() if r.end is None), None)
    if op in ("start", "switch"):
        at = int(value)
        if running is not None:
            if model[running].start == at:
                del model[running]  # closed in the second it began: discarded
            else:
                model[running].end = at
        assert block_id not in model
        model[block_id] = Row(at, None, at)
    elif op == "stop":
        assert block_id == running
        if value == "discarded":
            del model[block_id]
        else:
            model[block_id].end = int(value)
    else:
        assert block_id == running
        model[block_id].seen = int(value)


def check(model: dict[int, Row], db: dict[int, Row]) -> None:
    """The database holds the model, up to the one call that was in flight."""
    running = next((i for i, r in model.items() if r.end is None), None)
    for block_id, row in model.items():
        if block_id == running:
            continue
        assert block_id in db, f"block {block_id} reported but lost"
        assert (db[block_id].start, db[block_id].end) == (row.start, row.end)
    extra = sorted(set(db) - set(model))
    assert len(extra) <= 1, f"more than one unreported block: {extra}"
    if running is not None:
        now = db.get(running)
        if now is not None and now.start != model[running].start:
            # Its id was freed (discarded) and reused by the call in flight.
            extra.append(running)
            now = None
        if now is not None:
            assert now.start == model[running].start
            if now.end is None:
                assert (now.seen or 0) >= (model[running].seen or 0)
                assert not extra
            else:
                assert now.end > now.start
        else:
            # The call in flight ended it in the second it began (a stop, or a start or
            # switch that then opened the one extra block): it was discarded.
            assert len(extra) <= 1
    for block_id in extra:
        assert db[block_id].end is None, "an unreported block can only be a new running one"
    running_now = [r for r in db.values() if r.end is None]
    assert len(running_now) <= 1
    spans = sorted((r.start, r.end) for r in db.values())
    for (_, end_a), (start_b, _) in itertools.pairwise(spans):
        assert end_a is not None and end_a <= start_b


def recover(path: Path) -> None:
    store = Store(path)
    try:
        known = [
            max(b.started_at, b.ended_at or 0, b.last_seen_at or 0) for b in store.all_blocks()
        ]
        clock = FakeClock(max(known, default=0) + 5000)
        service = TrackerService(store, clock, ZoneInfo("Asia/Tokyo"), None)
        open_block = service.pending_recovery()
        assert (open_block is None) == (service.running() is None)  # tray blocks all beat
        done = service.recover(RecoveryChoice.END_AT_HEARTBEAT)
        if open_block is not None:
            assert open_block.last_seen_at is not None
            if open_block.last_seen_at == open_block.started_at:
                assert done is None
            else:
                assert done is not None and done.id == open_block.id
                assert done.ended_at == open_block.last_seen_at
                assert done.source is Source.RECOVERED
        assert service.running() is None
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()


def test_kill_minus_nine_never_loses_a_returned_operation(tmp_path: Path) -> None:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    path = tmp_path / "crash.db"
    rng = random.Random(20240601)
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    reported = 0
    for round_no in range(KILLS):
        model = read_rows(path) if path.exists() else {}
        child = subprocess.Popen(
            [sys.executable, str(script), str(path), str(round_no)],
            stdout=subprocess.PIPE,
            env=env,
            cwd=REPO_ROOT,
        )
        assert child.stdout is not None
        if round_no % 10 == 3:
            time.sleep(rng.uniform(0, 0.2))  # sometimes while it opens (or creates) the file
        else:
            ready, _, _ = select.select([child.stdout], [], [], 20)
            assert ready, "the child did not start"
            time.sleep(rng.uniform(0, 0.04))
        child.send_signal(signal.SIGKILL)
        output = child.communicate(timeout=20)[0].decode()
        assert child.returncode == -signal.SIGKILL
        lines = output.split("\n")[:-1]  # a last line without its newline was not reported
        for line in lines:
            if line.startswith("ok "):
                apply(model, line)
                reported += 1
        db = read_rows(path) if path.exists() else {}
        check(model, db)
        recover(path)
    assert reported > KILLS  # the kills landed while work was going on
