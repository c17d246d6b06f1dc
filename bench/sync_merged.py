"""The merged one-year day report (docs/architecture.md §16.5) with two and three PCs, and
with one device's blocks overlapping (edits made apart on two PCs), and the one-year hotspots
of three PCs: medians in ms.

    python -m bench.sync_merged [--runs 20] [--big PATH]

The 100 000-block database (``bench.gen_db``, made here unless ``--big`` names one) is the
office PC; a laptop and a home PC each add a year of blocks through a real sync folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import tempfile
from pathlib import Path

from bench.common import time_call
from bench.gen_db import generate
from bench.sync import syncing_service
from tracker.domain.model import Kind
from tracker.domain.sync import BlockVersion
from tracker.service import TrackerService
from tracker.store.sync import SyncStore


def _report_ms(office: TrackerService, runs: int, what: str = "report") -> float:
    last = office.today()
    first = last - dt.timedelta(days=364)
    call = getattr(office, what)
    call(first, last)  # warm the page cache
    return statistics.median(time_call(lambda: call(first, last), runs))


def _overlap_laptop(office: TrackerService, every: int) -> int:
    """Edits made apart: every ``every``-th laptop block is moved to start inside the one
    before it (an edit from a fourth device), so the laptop's blocks overlap."""
    ss = SyncStore(office.store)
    rows = office.store.conn.execute(
        "SELECT gid, origin, kind, started_at, ended_at FROM sync_blocks"
        " WHERE NOT deleted ORDER BY started_at"
    ).fetchall()
    laptop = rows[0][1]
    editor = "e" * 32
    ops = []
    for n in range(1, len(rows), every):
        (_, _, _, s0, e0), (gid, origin, kind, _, e) = rows[n - 1], rows[n]
        if origin == laptop and rows[n - 1][1] == laptop and e0 - s0 > 60:
            start = s0 + (e0 - s0) // 2
            ops.append(
                BlockVersion(gid, editor, 2_000_000_000, origin, Kind(kind), "", "", start, e)
            )
    ss.merge_batch(editor, 1, "f" * 32, "edits.jsonl", ops)
    return len(ops)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--big", type=Path, help="an existing 100 000-block database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        big = work / "big.sqlite3"
        if args.big is not None:
            shutil.copy(args.big, big)
        else:
            generate(big, 100_000, "Asia/Tokyo")
        folder = work / "sync"
        folder.mkdir()
        generate(work / "laptop.sqlite3", 3650, "Asia/Tokyo", per_day=14)
        generate(work / "home.sqlite3", 3650, "Asia/Tokyo", per_day=11)
        laptop = syncing_service(work / "laptop.sqlite3", folder)
        laptop.sync()
        office = syncing_service(big, folder)
        office.sync()
        print(f"two PCs:   {_report_ms(office, args.runs):6.1f} ms")
        home = syncing_service(work / "home.sqlite3", folder)
        home.sync()
        office.sync()
        print(f"three PCs: {_report_ms(office, args.runs):6.1f} ms")
        print(f"three PCs, one-year hotspots: {_report_ms(office, args.runs, 'hotspots'):6.1f} ms")
        moved = _overlap_laptop(office, 5)
        print(
            f"three PCs, {moved} laptop blocks overlapping their own: "
            f"{_report_ms(office, args.runs):6.1f} ms"
        )
        for service in (office, laptop, home):
            service.store.close()


if __name__ == "__main__":
    main()
