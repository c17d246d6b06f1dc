"""The ``growth-tracker`` command (docs/architecture.md §6): argparse over the shared service.

Exit codes: 0 ok; 2 the command line is malformed (argparse's own message); 1 anything
else the user can fix, as one line on stderr. No traceback reaches the user: unexpected
errors go to the rotating log (``tracker.platform.paths.log_path``), never to stderr.

Options and positionals may come in any order; an empty value where one is required is a
malformed command line (exit 2), never "the default" (``--db ''`` is not the real database).

The package: ``parser`` (the grammar), ``commands`` (one handler per sub-command) and
``run`` (``main``, dispatch and error handling); every name is re-exported here.
"""

from __future__ import annotations

from tracker.cli.commands import (
    COMMANDS,
    WRITES,
    cmd_add,
    cmd_config,
    cmd_delete,
    cmd_edit,
    cmd_export,
    cmd_import,
    cmd_list,
    cmd_report,
    cmd_start,
    cmd_status,
    cmd_stop,
    cmd_switch,
    cmd_sync,
)
from tracker.cli.parser import FREE_TEXT, KINDS, PROG, CommandParser, UserError, build_parser
from tracker.cli.run import failed, main

__all__ = [
    "COMMANDS",
    "FREE_TEXT",
    "KINDS",
    "PROG",
    "WRITES",
    "CommandParser",
    "UserError",
    "build_parser",
    "cmd_add",
    "cmd_config",
    "cmd_delete",
    "cmd_edit",
    "cmd_export",
    "cmd_import",
    "cmd_list",
    "cmd_report",
    "cmd_start",
    "cmd_status",
    "cmd_stop",
    "cmd_switch",
    "cmd_sync",
    "failed",
    "main",
]
