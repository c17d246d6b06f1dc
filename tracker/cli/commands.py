"""The command handlers (docs/architecture.md §6): each turns its parsed arguments into
service calls and prints the result."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tracker import statusline
from tracker.cli.output import _block_line, _check_order, _day_json, _pct, _range, _started
from tracker.cli.parser import PROG, UserError
from tracker.cli.team import cmd_team
from tracker.domain.model import Kind
from tracker.domain.timeparse import clock_text, hm

if TYPE_CHECKING:
    from tracker.service import TrackerService


# -- commands -------------------------------------------------------------------------


def cmd_start(service: TrackerService, args: argparse.Namespace) -> int:
    at = service.parse_time(args.at) if args.at else None
    service.refuse_stale(at)
    block = service.start(Kind(args.kind), args.label, at)
    print(_started(service, "Started", block))
    return 0


def cmd_switch(service: TrackerService, args: argparse.Namespace) -> int:
    at = service.parse_time(args.at) if args.at else None
    service.refuse_stale(at)
    before = service.running()
    block = service.switch(Kind(args.kind) if args.kind else None, args.label, at)
    if before is not None and block.id == before.id:  # ids are never reused (m003)
        print(f"Already tracking {block.kind.value}; nothing changed")
    else:
        print(_started(service, "Switched to" if before else "Started", block))
    return 0


def cmd_stop(service: TrackerService, args: argparse.Namespace) -> int:
    at = service.parse_time(args.at) if args.at else None
    service.refuse_stale(at)
    running = service.running()
    block = service.stop(at)
    if block is None:
        assert running is not None
        print(f"Stopped; the {running.kind.value} block was under a second long and was dropped")
    else:
        assert block.ended_at is not None
        print(
            f"Stopped {block.kind.value} at {clock_text(block.ended_at, service.tz)} "
            f"after {hm(block.duration(block.ended_at))}"
        )
    return 0


def cmd_status(service: TrackerService, args: argparse.Namespace) -> int:
    if statusline.wanted(args):
        return statusline.run(service, args)
    status = service.status()
    run = status.running
    if args.json:
        running_json = None
        if run is not None:
            running_json = {
                "id": run.id,
                "kind": run.kind.value,
                "label": run.label,
                "started_at": service.iso(run.started_at),
                "elapsed_s": status.elapsed_s,
                "last_seen_at": None if run.last_seen_at is None else service.iso(run.last_seen_at),
                "stale": status.stale,
            }
        out: dict[str, object] = {"running": running_json, "today": _day_json(status.today)}
        away_since = service.away_since()
        if away_since is not None:
            out["away_since"] = service.iso(away_since)
        if status.elsewhere:
            out["elsewhere"] = [
                {
                    "device": name,
                    "kind": block.kind.value,
                    "label": block.label,
                    "started_at": service.iso(block.started_at),
                    "last_seen_at": None if seen is None else service.iso(seen),
                }
                for block, name, seen in status.elsewhere
            ]
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(statusline.plain(service, status))
    for block, name, seen in status.elsewhere:
        label = f" · {block.label}" if block.label else ""
        seen_text = "" if seen is None else f", last seen {clock_text(seen, service.tz)}"
        print(
            f"Elsewhere: {block.kind.value}{label} on {name} since "
            f"{clock_text(block.started_at, service.tz)}{seen_text}"
        )
    if status.stale and run is not None and run.last_seen_at is not None:
        print(
            f"Warning: the tray last saw this block at {clock_text(run.last_seen_at, service.tz)}"
            " and no tray is running now; start the tray to recover it, or use "
            "'growth-tracker stop --at TIME'",
            file=sys.stderr,
        )
    return 0


def cmd_add(service: TrackerService, args: argparse.Namespace) -> int:
    start = service.parse_time(args.start)
    end = service.parse_time(args.end)
    block = service.add_block(Kind(args.kind), start, end, args.label, args.note)
    print(block.id)
    return 0


def cmd_list(service: TrackerService, args: argparse.Namespace) -> int:
    first, last = _range(service, args)
    blocks = service.blocks(first, last)
    now = service.clock.now()
    if args.json:
        devices = service.block_devices(blocks)
        out = [
            {
                "id": b.id,
                "kind": b.kind.value,
                "label": b.label,
                "note": b.note,
                "start": service.iso(b.started_at),
                "end": None if b.ended_at is None else service.iso(b.ended_at),
                "duration_s": b.duration(now),
                "device": devices[b.id],
            }
            for b in blocks
        ]
        print(json.dumps({"blocks": out}, ensure_ascii=False))
        return 0
    if not blocks:
        print("No blocks in that range")
        return 0
    print(f"{'id':>6}  {'time':<11}  {'dur':>6}  {'kind':<6}  label")
    for b in blocks:
        print(_block_line(service, b))
    return 0


def cmd_report(service: TrackerService, args: argparse.Namespace) -> int:
    first, last = _range(service, args)
    report = service.report(first, last)
    if args.json:
        total = report.total
        print(
            json.dumps(
                {
                    "days": [_day_json(d) for d in report.days],
                    "total": {
                        "task_s": total.task_s,
                        "growth_s": total.growth_s,
                        "ratio": total.ratio,
                    },
                }
            )
        )
        return 0
    print(f"{'date':<10}  {'task':>6}  {'growth':>6}  {'ratio':>5}  {'target':>6}  met")
    for d in report.days:
        met = {True: "yes", False: "no", None: ""}[d.met]
        print(
            f"{d.date}  {hm(d.task_s):>6}  {hm(d.growth_s):>6}  {_pct(d.ratio, d.target):>5}  "
            f"{_pct(d.target, d.target):>6}  {met}"
        )
    if len(report.days) > 1:
        t = report.total
        print(f"{'total':<10}  {hm(t.task_s):>6}  {hm(t.growth_s):>6}  {_pct(t.ratio):>5}")
    return 0


def cmd_edit(service: TrackerService, args: argparse.Namespace) -> int:
    if all(v is None for v in (args.kind, args.label, args.note, args.start, args.end)):
        raise UserError(code="cli_nothing_to_change")
    block = service.edit_block(
        args.id,
        kind=Kind(args.kind) if args.kind else None,
        label=args.label,
        note=args.note,
        start=service.parse_time(args.start) if args.start else None,
        end=service.parse_time(args.end) if args.end else None,
    )
    print(f"Changed {service.describe(block)}")
    return 0


def cmd_delete(service: TrackerService, args: argparse.Namespace) -> int:
    block = service.delete_block(args.id)
    print(f"Deleted {service.describe(block)}")
    return 0


# Settings where an empty value means "off" or "the default" (sync_folder, device_name).
_EMPTY_OK = frozenset({"sync_folder", "device_name", "team_folder", "team_name"})


def cmd_config(service: TrackerService, args: argparse.Namespace) -> int:
    from tracker.domain.settings import SETTINGS

    if args.value == "" and args.key not in _EMPTY_OK:
        argparse.ArgumentParser(prog=f"{PROG} config").error(
            "argument value: must not be empty (is a variable in your script unset?)"
        )
    if args.key is None:
        for key in SETTINGS:
            print(f"{key} = {service.setting_text(key)}")
    elif args.value is None:
        print(service.setting_text(args.key))
    else:
        service.set_setting(args.key, args.value)
    return 0


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def cmd_export(service: TrackerService, args: argparse.Namespace) -> int:
    from tracker.io.export import ExportOptions

    first = service.parse_day(args.from_day) if args.from_day else None
    last = service.parse_day(args.to_day) if args.to_day else None
    if first is not None and last is not None:
        _check_order(first, last)
    options = ExportOptions(args.what, first, last, args.encoding, args.header, args.split_days)
    if args.output == "-":
        result = service.export_csv(options)
        sys.stdout.buffer.write(result.data)  # a closed pipe (`| head`) is main()'s to handle
        sys.stdout.buffer.flush()
        return 0
    path = Path(args.output).expanduser()
    result = service.write_csv(path, options)
    word = "block row" if args.what == "blocks" else "day"
    print(f"Exported {_count(result.rows, word)} to {path}")
    return 0


def _import_progress() -> Callable[[int, int], None] | None:
    """A percentage on a terminal's stderr while a large import runs (nothing in pipes)."""
    if not sys.stderr.isatty():
        return None
    shown = [-1]

    def show(done: int, total: int) -> None:
        if total and done * 100 // total != shown[0] and done < total:
            shown[0] = done * 100 // total
            print(f"\rimporting… {shown[0]}%", end="", file=sys.stderr, flush=True)
        elif total and done >= total and shown[0] >= 0:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)

    return show


def cmd_import(service: TrackerService, args: argparse.Namespace) -> int:
    from tracker.io.csvformat import CsvImportError

    try:
        outcome = service.import_csv(Path(args.file).expanduser(), _import_progress())
    except CsvImportError as exc:
        # docs/architecture.md §6: the one exception to "one line" — each bad row on its own line.
        print(f"{PROG}: {exc.summary}", file=sys.stderr)
        for line in exc.lines():
            print(line, file=sys.stderr)
        return 1
    there = "was" if outcome.already_there == 1 else "were"
    text = (
        f"Imported {_count(outcome.imported, 'block')}; "
        f"{_count(outcome.already_there, 'block')} {there} already there"
    )
    if outcome.running_skipped:
        text += (
            f"; skipped {_count(outcome.running_skipped, 'running block')} "
            "(stop it and export again to include it)"
        )
    print(text)
    return 0


def cmd_sync(service: TrackerService, args: argparse.Namespace) -> int:
    from tracker.service.sync import describe_age

    outcome = service.sync(new_device=args.new_device)
    if args.json:
        out = {
            "folder": str(outcome.folder),
            "device": outcome.device,
            "published": outcome.published,
            "merged": outcome.merged,
            "devices": [
                {
                    "id": d.device,
                    "name": d.name,
                    "this": d.this,
                    "last_seen_at": None if d.last_seen is None else service.iso(d.last_seen),
                }
                for d in outcome.devices
            ],
            "unreadable": [{"file": str(u.path), "reason": u.reason} for u in outcome.unreadable],
        }
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(
        f"Synced with {outcome.folder}: published {_count(outcome.published, 'change')}, "
        f"merged {_count(outcome.merged, 'change')}"
    )
    for d in outcome.devices:
        if d.this:
            print(f"  {d.name} (this PC)")
        else:
            seen = "never seen" if d.last_seen is None else describe_age(outcome.at - d.last_seen)
            print(f"  {d.name}: last seen {seen}")
    for u in outcome.unreadable:
        print(f"{PROG}: cannot read {u.path} yet ({u.reason}); it is tried again", file=sys.stderr)
    return 0


COMMANDS = {
    "start": cmd_start,
    "switch": cmd_switch,
    "stop": cmd_stop,
    "status": cmd_status,
    "add": cmd_add,
    "list": cmd_list,
    "report": cmd_report,
    "edit": cmd_edit,
    "delete": cmd_delete,
    "config": cmd_config,
    "export": cmd_export,
    "import": cmd_import,
    "sync": cmd_sync,
    "team": cmd_team,
}
WRITES = {"start", "switch", "stop", "add", "edit", "delete", "import", "config", "sync", "team"}
