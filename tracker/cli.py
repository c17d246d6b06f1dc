"""The ``growth-tracker`` command (docs/architecture.md §6): argparse over the shared service.

Exit codes: 0 ok; 2 the command line is malformed (argparse's own message); 1 anything
else the user can fix, as one line on stderr. No traceback reaches the user: unexpected
errors go to the rotating log (``tracker.platform.paths.log_path``), never to stderr.

Options and positionals may come in any order; an empty value where one is required is a
malformed command line (exit 2), never "the default" (``--db ''`` is not the real database).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from tracker import __version__, statusline
from tracker.domain.model import Kind, TrackerError
from tracker.domain.timeparse import clock_text, hm

if TYPE_CHECKING:
    from tracker.domain.model import Block
    from tracker.domain.stats import DaySummary
    from tracker.service import TrackerService

PROG = "growth-tracker"
KINDS = ("task", "growth")


class UserError(TrackerError):
    pass


# Options whose value is free text: the word after them is always their value, even when it
# begins with "-" (as getopt does), so `edit 1 --label -x` works like `--label=-x`.
FREE_TEXT = ("--label", "--note")


class CommandParser(argparse.ArgumentParser):
    """A sub-command's parser: options and positionals in any order.

    Plain argparse gives an optional positional its (empty) value as soon as the first
    positionals are read, so ``start task --at 09:00 "月次決算"`` was refused; intermixed
    parsing reads the options first and the positionals after. ``--`` still ends the
    options wherever it stands.
    """

    _inner = False

    def parse_known_args(  # type: ignore[override]  # typeshed overloads on the namespace
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self._inner:  # parse_known_intermixed_args calls back in here
            return super().parse_known_args(args, namespace)
        self._inner = True
        try:
            words = _glue_free_text(list(sys.argv[1:] if args is None else args), self)
            return self.parse_known_intermixed_args(words, namespace)
        finally:
            self._inner = False


def _glue_free_text(words: list[str], parser: argparse.ArgumentParser) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            return out + words[i:]
        if word in FREE_TEXT and word in parser._option_string_actions and i + 1 < len(words):
            out.append(f"{word}={words[i + 1]}")
            i += 2
            continue
        out.append(word)
        i += 1
    return out


def _required(text: str) -> str:
    """A value that must be given: an empty one (a script's unset variable) is refused
    rather than taken as "the default" — ``--db ''`` would otherwise write the real data."""
    if not text:
        raise argparse.ArgumentTypeError("must not be empty (is a variable in your script unset?)")
    return text


def _block_id(text: str) -> int:
    # int() would also take "１", "1_0" and " 1 "; delete and edit act only on the id as
    # 'list' prints it.
    # a negative id names a block merged from another PC (list shows it; §16)
    digits = text.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()):
        raise argparse.ArgumentTypeError(f"invalid block id: {text!r} (use the id 'list' shows)")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    # only ever a parent (its options copied); the sub-commands take parents of their class
    common = CommandParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        type=_required,
        default=argparse.SUPPRESS,
        help="the database file to use",
    )
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Track routine (task) and growth work; with no command, start the tray.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)

    def cmd(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common])

    p = cmd("start", "start a block (closes the running one at the same instant)")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("label", nargs="?", default="")
    p.add_argument("--at", metavar="TIME", type=_required)

    p = cmd("switch", "flip (or set) the kind: closes the running block, opens the next")
    p.add_argument("kind", nargs="?", choices=KINDS)
    p.add_argument("label", nargs="?")
    p.add_argument("--at", metavar="TIME", type=_required)

    p = cmd("stop", "end the running block")
    p.add_argument("--at", metavar="TIME", type=_required)

    p = cmd("status", "what runs now and how today looks")
    statusline.add_arguments(p)

    p = cmd("add", "add a finished block by hand; prints its id")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("start", metavar="START", type=_required)
    p.add_argument("end", metavar="END", type=_required)
    p.add_argument("label", nargs="?", default="")
    p.add_argument("--note", default="")

    for name, text in (("list", "blocks with their ids"), ("report", "task and growth per day")):
        p = cmd(name, text)
        p.add_argument("--date", metavar="DAY", type=_required)
        p.add_argument("--from", dest="from_day", metavar="DAY", type=_required)
        p.add_argument("--to", dest="to_day", metavar="DAY", type=_required)
        p.add_argument("--json", action="store_true")

    p = cmd("edit", "change a block (ids as 'list' shows them)")
    p.add_argument("id", type=_block_id)
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--label")
    p.add_argument("--note")
    p.add_argument("--start", metavar="T", type=_required)
    p.add_argument("--end", metavar="T", type=_required)

    p = cmd("delete", "delete a block")
    p.add_argument("id", type=_block_id)

    p = cmd("export", "write blocks or days as CSV")
    p.add_argument("--from", dest="from_day", metavar="DAY", type=_required)
    p.add_argument("--to", dest="to_day", metavar="DAY", type=_required)
    p.add_argument("--what", choices=("blocks", "days"), default="blocks")
    p.add_argument("--encoding", choices=("utf-8-sig", "utf-8", "cp932"), default="utf-8-sig")
    p.add_argument("--split-days", action="store_true")
    p.add_argument("--header", choices=("en", "ja"), default="en")
    p.add_argument("-o", "--output", metavar="FILE", type=_required, default="-")

    p = cmd("import", "import a blocks CSV")
    p.add_argument("file", metavar="FILE", type=_required)

    p = cmd("summary", "open the summary window (in the running app if there is one)")
    p.add_argument("--date", metavar="DAY", type=_required)

    p = cmd("config", "list, read or set a setting")
    p.add_argument("key", nargs="?", type=_required)
    p.add_argument("value", nargs="?")  # empty only where it means "off" (_EMPTY_OK)

    p = cmd("sync", "publish this PC's changes to the sync folder and merge the other PCs'")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--new-device",
        action="store_true",
        help="this database was copied from another PC: go on as a device of its own",
    )
    return parser


# -- output helpers -------------------------------------------------------------------


def _day_json(day: DaySummary) -> dict[str, Any]:
    return {
        "date": day.date.isoformat(),
        "task_s": day.task_s,
        "growth_s": day.growth_s,
        "ratio": day.ratio,
        "target": day.target,
        "met": day.met,
    }


_hm_some = statusline.hm_some
_pct = statusline.pct


def _block_line(service: TrackerService, b: Block) -> str:
    now = service.clock.now()
    end = "…" if b.ended_at is None else clock_text(b.ended_at, service.tz)
    return (
        f"{b.id:>6}  {clock_text(b.started_at, service.tz)}–{end:<5}  "
        f"{hm(b.duration(now)):>6}  {b.kind.value:<6}  {b.label}"
    )


def _range(service: TrackerService, args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    if args.date and (args.from_day or args.to_day):
        raise UserError(code="cli_date_and_range")
    if args.date:
        day = service.parse_day(args.date)
        return day, day
    today = service.today()
    first = service.parse_day(args.from_day) if args.from_day else None
    last = service.parse_day(args.to_day) if args.to_day else None
    if first is None and last is None:
        return today, today
    if first is None:
        assert last is not None
        first = last
    if last is None:
        last = max(today, first)
    _check_order(first, last)
    if (last - first).days > 3660 * 3:
        raise UserError(code="cli_range_too_long")
    return first, last


def _check_order(first: dt.date, last: dt.date) -> None:
    if last < first:
        raise UserError(code="cli_range_reversed", params={"first": first, "last": last})


def _started(service: TrackerService, verb: str, block: Block) -> str:
    label = f" · {block.label}" if block.label else ""
    return f"{verb} {block.kind.value}{label} at {clock_text(block.started_at, service.tz)}"


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
_EMPTY_OK = frozenset({"sync_folder", "device_name"})


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
}
WRITES = {"start", "switch", "stop", "add", "edit", "delete", "import", "config", "sync"}


def _fail(message: str) -> NoReturn:
    # One line, whatever the user typed into it (a file name or label with a newline).
    message = message.replace("\r", "\\r").replace("\n", "\\n")
    print(f"{PROG}: {message}", file=sys.stderr)
    raise SystemExit(1)


def _log_exception(db: Path | None) -> str:
    """Write the traceback to the rotating log file; returns where it went.

    Nothing of it goes to stderr: the CLI's stderr is for the one-line message.
    """
    from tracker.platform.logs import close_logging, current_log_file, log_exception
    from tracker.platform.paths import log_path

    ours = current_log_file() is None
    where = log_exception("CLI error", log_file=log_path(db) if db else None, to_stderr=False)
    if ours:
        close_logging()
    return str(where) if where is not None else "the log (which could not be written)"


# Values that are paths: any bytes the file system allows are fine in them.
_PATHS = frozenset({"db", "output", "file"})


def _check_text(args: argparse.Namespace) -> None:
    """A byte that is not UTF-8 (``$'\\xff'`` from the shell) arrives as a lone surrogate,
    which no database or CSV can hold: refuse it here, naming the byte."""
    for name, value in vars(args).items():
        if name in _PATHS or not isinstance(value, str):
            continue
        bad = next((ch for ch in value if "\udc80" <= ch <= "\udcff"), None)
        if bad is not None:
            raise UserError(
                code="cli_not_utf8",
                variant="text" if name in ("label", "note") else None,
                params={"name": name, "byte": ord(bad) - 0xDC00},
            )


def _fail_tracker(exc: TrackerError, path: Path | None) -> NoReturn:
    """A project error as its one line; a damaged file or an unexpected database error
    (the store's translation of what SQLite raised) also leaves its details in the log."""
    from tracker.service import CorruptDatabaseError, UnexpectedDatabaseError

    if isinstance(exc, UnexpectedDatabaseError):
        where = _log_exception(path)
        _fail(f"{exc}; details were written to {where}")
    if isinstance(exc, CorruptDatabaseError) and exc.code == "db_damaged":
        _log_exception(path)
    _fail(str(exc))


def _resolve_db(args: argparse.Namespace) -> Path:
    from tracker.platform.paths import database_path

    return database_path(getattr(args, "db", None))


def _paths_as_given() -> None:
    """A file name that is not UTF-8 (POSIX names are bytes) is printed as the bytes it
    is, as ``ls`` does, rather than failing after the work is done."""
    if os.name != "nt" and isinstance(sys.stdout, io.TextIOWrapper):
        with contextlib.suppress(ValueError, OSError):
            sys.stdout.reconfigure(errors="surrogateescape")


def main(argv: Sequence[str] | None = None) -> int:
    _paths_as_given()
    parser = build_parser()
    args = parser.parse_args(argv)
    path: Path | None = None
    try:
        _check_text(args)
        path = _resolve_db(args)
        if args.command is None or args.command == "summary":
            return _launch(path, args)
        return _dispatch(path, args)
    except (Exception, KeyboardInterrupt) as exc:
        return failed(exc, path)


def failed(exc: BaseException, path: Path | None) -> int:
    """The exit code, and the one line on stderr, for an error that ended a command (also
    for the tray that ``tracker.entry`` starts without reading a command line)."""
    try:
        raise exc
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except TrackerError as exc:
        _fail_tracker(exc, path)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        where = exc.filename or path
        _fail(f"cannot use {where}: {exc.strerror or exc}; check the folder or choose another --db")
    except Exception as exc:
        where = _log_exception(path)
        _fail(f"unexpected error ({type(exc).__name__}: {exc}); details in {where}")


def _launch(path: Path, args: argparse.Namespace) -> int:
    """The tray app (or a hand-over to it); a bad --date is refused before anything starts."""
    date = getattr(args, "date", None)
    if date is not None:
        import time

        from tracker.domain.timeparse import parse_day
        from tracker.platform.tz import local_timezone

        parse_day(date, int(time.time()), local_timezone(), 0)  # only the form is checked here
    from tracker.launcher import launch

    return launch(path, args)


def _dispatch(path: Path, args: argparse.Namespace) -> int:
    from tracker.service import open_service

    service = open_service(path, backup=args.command in WRITES)
    try:
        code = COMMANDS[args.command](service, args)
    finally:
        service.close()
    note = service.take_backup_note()  # after the work, which it never stands in the way of
    if note is not None:
        print(f"{PROG}: {note}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
