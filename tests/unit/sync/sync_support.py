"""A harness that plays the sync service between devices (docs/architecture.md §16).

Each device is a real database and a real folder of its own; :meth:`World.deliver` copies
files from one device's folder into another's the way OneDrive, Dropbox or Syncthing would:
late, out of order, half-written, as conflict copies, as stale copies, or not at all.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from tracker.domain.clock import FakeClock
from tracker.io.syncfiles import ROOT
from tracker.service import TrackerService
from tracker.store import Store

START = 1_700_006_400  # 2023-11-15 09:00 in Tokyo
CONFLICT_TAILS = (
    " (conflicted copy 2026-12-04).jsonl",
    ".sync-conflict-20261204-101010-ABCDEFG.jsonl",
    "-LAPTOP.jsonl",
)


@dataclass
class Device:
    name: str
    service: TrackerService
    folder: Path

    def sync(self) -> object:
        return self.service.sync()

    def files(self) -> list[Path]:
        root = self.folder / ROOT
        return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []

    def view(self) -> tuple[object, ...]:
        """What this device shows: every live block by content, the notes and targets."""
        svc = self.service
        blocks = svc._whole_between(0, 2**62)
        shown = sorted((b.kind.value, b.label, b.note, b.started_at, b.ended_at) for b in blocks)
        notes = svc.store.conn.execute("SELECT day, note FROM day_notes ORDER BY day").fetchall()
        targets = svc.store.conn.execute("SELECT * FROM targets ORDER BY 1").fetchall()
        return (shown, notes, targets)


class World:
    def __init__(
        self,
        tmp: Path,
        names: tuple[str, ...] = ("office", "laptop"),
        clock: FakeClock | None = None,
    ) -> None:
        self.clock = clock or FakeClock(START)
        self.devices: dict[str, Device] = {}
        for name in names:
            folder = tmp / f"{name}-sync"
            folder.mkdir()
            store = Store(tmp / f"{name}.sqlite3")
            svc = TrackerService(store, self.clock, ZoneInfo("Asia/Tokyo"))
            svc.set_setting("sync_folder", str(folder))
            svc.set_setting("device_name", name)
            self.devices[name] = Device(name, svc, folder)

    def __getitem__(self, name: str) -> Device:
        return self.devices[name]

    def close(self) -> None:
        for d in self.devices.values():
            d.service.store.close()

    def deliver(
        self, src: str, dst: str, how: str = "all", rnd: random.Random | None = None
    ) -> None:
        """Copy ``src``'s own files from its folder into ``dst``'s folder."""
        rnd = rnd or random.Random(0)
        source, target = self[src], self[dst]
        me = source.service.device_id()
        for path in source.files():
            rel = path.relative_to(source.folder)
            if rel.parts[1] != me:
                continue  # a sync service passes every file on; here: each device's own
            dest = target.folder / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            data = path.read_bytes()
            if how == "partial":
                dest.write_bytes(data[: rnd.randrange(len(data))])
            elif how == "conflict" and dest.suffix == ".jsonl":
                # what Dropbox, Syncthing and OneDrive name their copies
                for tail in CONFLICT_TAILS:
                    dest.with_name(dest.stem + tail).write_bytes(data)
            elif how == "some" and rnd.random() < 0.5:
                continue
            else:
                dest.write_bytes(data)

    def deliver_everything(self) -> None:
        for a in self.devices:
            for b in self.devices:
                if a != b:
                    self.deliver(a, b)

    def settle(self) -> None:
        """Every device syncs, everything is delivered, and every device syncs again."""
        for d in self.devices.values():
            d.sync()
        self.deliver_everything()
        for d in self.devices.values():
            d.sync()


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, dirs_exist_ok=True)
