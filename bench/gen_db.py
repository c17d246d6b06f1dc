"""Generate a synthetic database: ten years of heavy use, about 100 000 blocks.

Working days (Mon–Fri) from 08:30 local time carry ~38 blocks each, mostly routine with
some growth, labels drawn from a realistic back-office list. Deterministic (seeded).

    python -m bench.gen_db OUT.sqlite3 [--blocks 100000] [--per-day 38] [--tz Asia/Tokyo]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from tracker.store import Store

TASK_LABELS = [
    "月次決算",
    "請求書チェック",
    "経費精算",
    "給与計算",
    "勤怠確認",
    "メール対応",
    "仕訳入力",
    "支払処理",
    "入社手続き",
    "備品発注",
    "Invoice matching",
    "Bank reconciliation",
]
GROWTH_LABELS = ["RPA 勉強", "IFRS 勉強", "Excel マクロ改善", "Python 自動化", "業務フロー見直し"]


def generate(
    path: Path, blocks: int, tz_name: str, end: dt.date | None = None, per_day: int = 38
) -> int:
    """Write ``blocks`` finished blocks, ``per_day`` per working day, ending ``end``
    (yesterday by default). 38 a day gives ten years for 100 000 blocks; 14 a day gives
    one year for 3 650."""
    tz = ZoneInfo(tz_name)
    rng = random.Random(20261128)
    days_needed = blocks // per_day + 1
    end = end or dt.date.today() - dt.timedelta(days=1)
    rows = []
    day = end
    workdays: list[dt.date] = []
    while len(workdays) < days_needed:
        if day.weekday() < 5:
            workdays.append(day)
        day -= dt.timedelta(days=1)
    workdays.reverse()
    now = int(time.time())
    for d in workdays:
        t = int(dt.datetime(d.year, d.month, d.day, 8, 30, tzinfo=tz).timestamp())
        for _ in range(per_day):
            if len(rows) >= blocks:
                break
            growth = rng.random() < 0.18
            kind = "growth" if growth else "task"
            label = rng.choice(GROWTH_LABELS if growth else TASK_LABELS)
            length = rng.randint(4, 22) * 60
            rows.append((kind, label, "", t, t + length, None, "manual", now, now))
            t += length + rng.choice((0, 0, 0, 60, 120))
    store = Store(path)
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO blocks (kind, label, note, started_at, ended_at, last_seen_at, source,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    store.close()
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--blocks", type=int, default=100_000)
    parser.add_argument("--tz", default="Asia/Tokyo")
    parser.add_argument("--per-day", type=int, default=38, help="blocks per working day")
    args = parser.parse_args()
    if args.out.exists():
        args.out.unlink()
    count = generate(args.out, args.blocks, args.tz, per_day=args.per_day)
    print(f"{count} blocks written to {args.out}")


if __name__ == "__main__":
    main()
