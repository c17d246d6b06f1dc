"""Three colleagues' shared files with realistic Japanese data, for the team window tests
and screenshots: 佐藤 花子 (accounting, learning RPA and IFRS), 鈴木 一郎 (HR, learning
labour law and Excel macros, synonyms of 請求書チェック) and 高橋 美咲 (general affairs,
stale: her last update is 40 days old).

Every day's seconds come from one table, so a test can sum them independently of the
domain's ``build_team_view``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tracker.domain.team import SharedDay, ShareFile
from tracker.io.teamfiles import write_share

TODAY = dt.date(2026, 12, 4)  # a Friday
UPDATED = 1_796_371_200  # 2026-12-04 06:00 UTC
H = 3600
SATO = "5a70c1f3e2b94d0a8c6e1f2a3b4c5d6e"  # person ids as the core makes them: 32 hex digits
SUZUKI = "b1e2c3d4a5f60718293a4b5c6d7e8f90"
TAKAHASHI = "7c8d9e0f1a2b3c4d5e6f708192a3b4c5"

# person id -> (display name, target %, days ago of the last update)
PEOPLE = {
    SATO: ("佐藤 花子", 20, 0),
    SUZUKI: ("鈴木 一郎", 25, 1),
    TAKAHASHI: ("高橋 美咲", 20, 40),
}

# per person, per workday of the last 13 weeks: growth {label: s}, task {label: s}
GROWTH = {
    SATO: {"RPA（UiPath）": 5400, "IFRS 16 リース": 1800},
    SUZUKI: {"労働法の改正": 3600, "Excel マクロ": 1800},
    TAKAHASHI: {"RPA（UiPath）": 1800},
}
TASK = {
    SATO: {"請求書チェック": 7200, "経費精算": 5400, "仕訳入力": 9000},
    SUZUKI: {"請求書確認": 3600, "勤怠集計": 10800, "経費精算": 3600},
    TAKAHASHI: {"備品発注": 5400, "請求書チェック": 3600, "来客対応": 7200},
}
UNLABELLED_TASK = 1800  # time without a label: in the totals only


def share_file(person: str, today: dt.date = TODAY) -> ShareFile:
    name, target, ago = PEOPLE[person]
    last = today - dt.timedelta(days=ago)
    days = []
    for back in range(91):
        day = last - dt.timedelta(days=back)
        if day.weekday() >= 5:
            continue
        # busier and quieter days, different for each person: a factor of 0.5 to 1.5
        f = 0.5 + ((day.toordinal() * 37 + int(person[:4], 16)) % 11) / 10
        growth = {k: round(v * f / 60) * 60 for k, v in GROWTH[person].items()}
        task = {k: round(v * (2 - f) / 60) * 60 for k, v in TASK[person].items()}
        days.append(
            SharedDay(
                day,
                task_s=sum(task.values()) + UNLABELLED_TASK,
                growth_s=sum(growth.values()),
                growth=dict(growth),
                task=dict(task),
            )
        )
    updated = UPDATED + (today - TODAY).days * 86_400 - ago * 86_400  # 06:00 UTC that day
    return ShareFile(person, name, target, updated, tuple(sorted(days, key=lambda d: d.day)))


def write_folder(folder: Path, today: dt.date = TODAY) -> None:
    """The three people's files in ``folder`` as each of their PCs writes them."""
    for share in files(today):
        write_share(folder, share)


def files(today: dt.date = TODAY) -> list[ShareFile]:
    return [share_file(p, today) for p in PEOPLE]
