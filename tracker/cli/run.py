"""``main``: the command line read, checked and dispatched; every error that ends a
command becomes its exit code and one line on stderr (docs/architecture.md §6)."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from tracker.cli.commands import COMMANDS, WRITES
from tracker.cli.parser import PROG, UserError, build_parser
from tracker.domain.model import TrackerError


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
