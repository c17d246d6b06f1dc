"""The command line's grammar (docs/architecture.md §6): the parser, its argument checks,
and the few names every part of the command shares."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from tracker import __version__, statusline
from tracker.domain.model import TrackerError

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


TEAM_ACTIONS = ("share", "leave", "private", "public", "alias", "export")


# how many words each ``team`` action takes (alias: LABEL TO, LABEL --remove, or none)
_TEAM_WORDS = {None: (0,), "share": (0,), "leave": (0,), "export": (0,), "private": (0, 1),
               "public": (1,), "alias": (0, 1, 2)}  # fmt: skip


class _TeamWords(argparse.Action):
    """The words after ``team ACTION``, counted while argparse parses, so a wrong count is
    a malformed command line (exit 2) like any other."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        words = list(values or [])
        action = getattr(namespace, "action", None)
        n = len(words)
        if action == "alias":
            remove = bool(getattr(namespace, "remove", False))
            if not ((n == 0 and not remove) or (n == 1 and remove) or (n == 2 and not remove)):
                raise argparse.ArgumentError(
                    self, "use: team alias LABEL TO, or team alias LABEL --remove"
                )
        elif n not in _TEAM_WORDS[action]:
            takes = {(0,): "no LABEL", (1,): "one LABEL", (0, 1): "at most one LABEL"}
            command = f"team {action}" if action else "team"
            raise argparse.ArgumentError(self, f"{command} takes {takes[_TEAM_WORDS[action]]}")
        setattr(namespace, self.dest, words)


def _team_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", nargs="?", choices=TEAM_ACTIONS, metavar="ACTION")
    p.add_argument("words", nargs="*", metavar="LABEL", action=_TeamWords)
    p.add_argument("--from", dest="from_day", metavar="DAY")
    p.add_argument("--to", dest="to_day", metavar="DAY")
    p.add_argument("--json", action="store_true")
    p.add_argument("--dry-run", action="store_true", help="team share: print, do not write")
    p.add_argument("--remove", action="store_true", help="team alias LABEL --remove")
    p.add_argument("--encoding", choices=("utf-8-sig", "utf-8", "cp932"), default="utf-8-sig")
    p.add_argument("--header", choices=("en", "ja"), default="en")
    p.add_argument("-o", "--output", metavar="FILE", default="-")


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

    p = cmd(
        "team",
        "the team view (default: the last 4 weeks); team share [--dry-run], team leave, "
        "team private|public LABEL, team alias LABEL TO|--remove, team export [-o FILE]",
    )
    _team_arguments(p)
    return parser
