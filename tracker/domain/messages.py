"""The message catalogue: every coded error's text, written once (docs/architecture.md §11).

A raise site names its message by ``code`` (and, where one code is worded in several ways,
a ``variant``) and gives raw ``params``; it writes no English. :func:`english` fills the
``text`` template: that is ``str(exc)``, what the CLI prints (§6.3), so its wording is part
of the CLI contract. The tray shows ``ui`` (or ``text`` where the window says the same),
translated in the Qt context "Errors" and filled with the params formatted for the UI's
locale (``tracker.ui.error_text``). A window has no ``--db`` or ``-o -`` to suggest and
names settings rather than their keys, hence the separate ``ui`` wording for some codes.

Every template the UI shows is wrapped in :func:`QT_TRANSLATE_NOOP`, which returns its text
unchanged; ``pyside6-lupdate`` extracts those calls from this file into
resources/translations/tracker_ja.ts (scripts/build-translations.sh). English-only texts
(the CLI's wording where the window says it otherwise) are plain strings, so no one is
asked to translate what no window shows.

Placeholders are ``str.format`` fields. In the English text: ``{text!r}`` quotes as Python
does, ``{block.id}`` reads an attribute, instants (``at``, ``start``, ``end``) become
``YYYY-MM-DD HH:MM`` in the given zone, a ``Block`` reads "block 3 (task 'mail', …)",
``{backup}`` is the sentence naming the newest backup (``{backup!s}`` its bare path),
``{error:cause}`` an error's message without "; nothing was changed".
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Protocol, runtime_checkable

Params = Mapping[str, object]

CONTEXT = "Errors"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for translation in ``context``; returns it unchanged (no Qt here)."""
    return text


@dataclass(frozen=True, slots=True)
class Message:
    """One message: ``text`` is the English (``str(exc)``, the CLI), ``ui`` the template the
    window translates where it words the message otherwise (``None``: the same as ``text``)."""

    text: str
    ui: str | None = None
    cli: bool = False  # only the command line says it: no window, no translation

    @property
    def shown(self) -> str:
        """The template the UI translates and fills."""
        return self.text if self.ui is None else self.ui


@dataclass(frozen=True, slots=True)
class Span:
    """A span of time as a param: "2023-11-15 07:00–08:00" in English (``end`` None: "now")."""

    start: int
    end: int | None


# Instants given as int seconds under these names are shown as local date and time.
INSTANTS = frozenset({"at", "start", "end", "seen"})

_TIME_HELP = (
    "use HH:MM (or HHMM, HH.MM), 'YYYY-MM-DD HH:MM', 'MM-DD HH:MM' or ISO-8601 with an offset"
)
_NO_CHANGE = "; nothing was changed"

# UI templates shared by several variants (lupdate lists each text once).
_TIME_INVALID_UI = QT_TRANSLATE_NOOP("Errors", "'{text}' is not a valid time; type it like 09:30")
_OVERLAP_UI = QT_TRANSLATE_NOOP(
    "Errors", "that would overlap another block ({block}); pick times outside it"
)
_RUNNING_UI = QT_TRANSLATE_NOOP("Errors", "another block ({block}) is still running; stop it first")
_ID_TAKEN = QT_TRANSLATE_NOOP(
    "Errors", "the id {id} belongs to another block now; nothing was changed"
)
_STORAGE_IO = QT_TRANSLATE_NOOP(
    "Errors",
    "cannot use {path}: the disk reported an error ({detail}); check the disk and try "
    "again; nothing was changed",
)
_DB_MISSING_UI = QT_TRANSLATE_NOOP(
    "Errors",
    "{path} is missing, but a database was used there ({trace} is left of it); "
    "{backup}; to start an empty database there instead, create an empty file with "
    "that name",
)
_DB_NOT_OURS = QT_TRANSLATE_NOOP(
    "Errors",
    "{path} is an SQLite database of another program, not Growth Tracker's; it was "
    "left untouched — use --db to pick another file",
)
_NOT_A_FILE_UI = QT_TRANSLATE_NOOP(
    "Errors",
    "{path} is not a file (it is a device, a pipe or a socket); give the name of a new or "
    "existing file",
)
_NOT_A_FILE = "{path} is %s, not a file; give the name of a new or existing file " + (
    "(on the command line, -o - writes to standard output)"
)
_UNDECODABLE_UI = QT_TRANSLATE_NOOP(
    "Errors",
    "nothing was imported: line {line} of {name} cannot be read as UTF-8 or Shift_JIS "
    "(cp932) like the rest of the file; save it as 'CSV UTF-8' and import again",
)
_UNDECODABLE = "nothing was imported: line {line} of {name} %s; the file is damaged or was " + (
    "saved in another encoding — save it as 'CSV UTF-8' and import again"
)
_ENCODING = (
    "{encoding} cannot hold the character {char!r} ({codepoint}) at line {line}, column "
    "{column}{block_id}; nothing was written — export as utf-8-sig (UTF-8 with BOM, which "
    "Excel reads) or %s"
)
_DROPPED = "the {op} of {at} could not be saved: {error}"
_ISO_HINT = "use 'YYYY-MM-DD HH:MM:SS' or ISO-8601 like 2026-11-28T09:15:00+09:00"

_RETYPE = "set your terminal or script to UTF-8 and type it again"
_KEPT = QT_TRANSLATE_NOOP(
    "Errors",
    "your {count} last action(s) in the tray are kept and will be saved, with their "
    "times, as soon as the file can be written again",
)
_LIBRARY_UI = QT_TRANSLATE_NOOP(
    "Errors", "{library} cannot be loaded ({detail}); install libxss1 / libX11"
)

# code, or "code/variant" -> the message
CATALOGUE: Mapping[str, Message] = {
    # -- blocks (tracker.domain.model) --
    "label_control": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "the label contains a control character (tab, newline…); use one line of plain text",
        )
    ),
    "label_too_long": Message(
        QT_TRANSLATE_NOOP(
            "Errors", "the label is {length} characters long; shorten it to at most {max}"
        )
    ),
    "note_control": Message(
        QT_TRANSLATE_NOOP(
            "Errors", "the note contains a control character; only tab and newline are allowed"
        )
    ),
    "note_too_long": Message(
        QT_TRANSLATE_NOOP(
            "Errors", "the note is {length} characters long; shorten it to at most {max}"
        )
    ),
    "end_before_start": Message(
        "the end must be after the start; check the two times",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "the end must be after the start (start {start}, end {end}); check the two times",
        ),
    ),
    "instant_out_of_range": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "the time is outside the years {first}–{last}; pick a time between {first} and {last}",
        )
    ),
    # -- settings (tracker.domain.settings) --
    "target_not_number": Message(
        "target {text!r} is not a number; use a fraction like 0.25 or a percentage like 25%",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "target '{text}' is not a number; use a fraction like 0.25 or a percentage like 25%",
        ),
    ),
    "target_range": Message(
        "target {text!r} is out of range; use more than 0 up to 1, or up to 100%",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "target '{text}' is out of range; use more than 0 up to 1, or up to 100%"
        ),
    ),
    "target_zero": Message(
        "target {text!r} would be met by every day; use more than 0, like 0.2 or 20%",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "target '{text}' would be met by every day; use more than 0, like 0.2 or 20%"
        ),
    ),
    "day_start_range": Message(
        "day_start {text!r} must be an hour from 0 to 23",
        ui=QT_TRANSLATE_NOOP("Errors", "the day start '{text}' must be an hour from 0 to 23"),
    ),
    "end_of_day_format": Message(
        "end_of_day {text!r} must be HH:MM (like 18:00) or off",
        ui=QT_TRANSLATE_NOOP("Errors", "the end of day '{text}' must be HH:MM (like 18:00) or off"),
    ),
    "hours_not_number": Message(
        "disposable_hours {text!r} must be a number of hours",
        ui=QT_TRANSLATE_NOOP("Errors", "the disposable hours '{text}' must be a number of hours"),
    ),
    "hours_range": Message(
        "disposable_hours {text!r} must be more than 0 and at most 24",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "the disposable hours '{text}' must be more than 0 and at most 24"
        ),
    ),
    "minutes_range": Message(
        "{key} {text!r} must be a whole number of minutes from 0 to {max}",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "{key} '{text}' must be a whole number of minutes from 0 to {max}"
        ),
    ),
    "long_block_not_number": Message(
        "remind_long_block {text!r} must be a number of hours",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "the long block reminder '{text}' must be a number of hours"
        ),
    ),
    "long_block_range": Message(
        "remind_long_block {text!r} must be from 0 (off) to 12 hours",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "the long block reminder '{text}' must be from 0 (off) to 12 hours"
        ),
    ),
    "work_hours_format": Message(
        "work_hours {text!r} must be like 09:00-18:00 (start-end, 24-hour clock)",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "the work hours '{text}' must be like 09:00-18:00 (start-end, 24-hour clock)"
        ),
    ),
    "work_hours_same": Message(
        "work_hours {text!r} starts and ends at the same time",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "the work time '{text}' starts and ends at the same time; pick two times"
        ),
    ),
    "work_days_bad_day": Message(
        "work_days {text!r}: {word!r} is not a weekday; use mon, tue, wed, thu, fri, sat, sun",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "the work days '{text}': '{word}' is not a weekday; use mon, tue, … sun"
        ),
    ),
    "work_days_none": Message(
        "work_days {text!r} names no day; use e.g. mon-fri or mon,wed,fri",
        ui=QT_TRANSLATE_NOOP("Errors", "no work day is chosen; tick at least one day"),
    ),
    "hotkey_format": Message(
        "hotkey {text!r}: {word!r} is not a key; write it like Ctrl+Alt+G "
        "(Ctrl, Alt, Shift, Meta, then a letter, digit, F1-F24 or a key name like PgUp)",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "the shortcut '{text}': '{word}' is not a key; press the keys again"
        ),
    ),
    "hotkey_modifier": Message(
        "hotkey {text!r} needs Ctrl, Alt or Meta (only F1-F24 work alone), "
        "or it would take ordinary typing away from other programs",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "the shortcut '{text}' needs Ctrl, Alt or Meta, or it would take ordinary typing "
            "away from other programs (only F1–F24 work alone)",
        ),
    ),
    "choice": Message(
        "{key} {text!r} must be one of: {choices}",
        ui=QT_TRANSLATE_NOOP("Errors", "{key} '{text}' must be one of: {choices}"),
    ),
    "unknown_setting": Message(
        "unknown setting {key!r}; known settings: {known}",
        ui=QT_TRANSLATE_NOOP("Errors", "there is no setting '{key}'"),
    ),
    # -- times typed (tracker.domain.timeparse) --
    "time_in_gap": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "{local} does not exist in the local time zone (the clocks skip it for daylight "
            "saving); pick a time outside the gap",
        )
    ),
    "time_out_of_range": Message(
        "{text!r} is out of range; pick a time between {first} and {last}",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "'{text}' is out of range; pick a time between {first} and {last}"
        ),
    ),
    "time_invalid": Message(
        "{text!r} is not a valid date and time; " + _TIME_HELP, ui=_TIME_INVALID_UI
    ),
    "time_invalid/clock": Message(
        "{text!r} is not a clock time; " + _TIME_HELP, ui=_TIME_INVALID_UI
    ),
    "time_unreadable": Message(
        "cannot read the time {text!r}; " + _TIME_HELP,
        ui=QT_TRANSLATE_NOOP("Errors", "cannot read the time '{text}'; type it like 09:30"),
    ),
    # -- blocks in the database (tracker.store, tracker.service) --
    "no_block": Message(
        "there is no block with id {id}; 'growth-tracker list' shows the ids",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "block {id} no longer exists (it was deleted elsewhere); reload the list"
        ),
    ),
    "id_taken": Message(_ID_TAKEN),
    "id_taken/brief": Message("the id {id} belongs to another block now", ui=_ID_TAKEN),
    "conflict_running": Message("{block} is still running; stop it first", ui=_RUNNING_UI),
    "conflict_running/brief": Message(
        "block {block.id} is already running; stop it first", ui=_RUNNING_UI
    ),
    "overlap": Message("that would overlap {block}; pick times outside it", ui=_OVERLAP_UI),
    "overlap/brief": Message("it would overlap block {block.id}", ui=_OVERLAP_UI),
    "future_time": Message(
        QT_TRANSLATE_NOOP("Errors", "{at} is in the future; pick a time up to now")
    ),
    "before_running_start": Message(
        QT_TRANSLATE_NOOP("Errors", "the running block started at {start}; pick a time after that")
    ),
    "nothing_running": Message(
        QT_TRANSLATE_NOOP("Errors", "nothing is running, so there is nothing to stop")
    ),
    "end_in_future": Message(
        "the end {end} is in the future",
        ui=QT_TRANSLATE_NOOP("Errors", "the end {end} is in the future; pick a time up to now"),
    ),
    "running_has_no_end": Message(
        "block {block.id} is still running; stop it to give it an end",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "the block ({block}) is still running; stop it to give it an end"
        ),
    ),
    "reaches_future": Message(
        QT_TRANSLATE_NOOP("Errors", "a block cannot reach into the future; pick earlier times")
    ),
    "split_outside": Message(
        "{at} is not inside {block}; pick a time between its start and its end",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "{at} is not inside the block ({block}); pick a time between its start and its end",
        ),
    ),
    "merge_too_few": Message(
        QT_TRANSLATE_NOOP("Errors", "pick at least two neighbouring blocks to merge")
    ),
    "merge_kinds": Message(
        QT_TRANSLATE_NOOP("Errors", "only blocks of one kind can be merged; change the kind first")
    ),
    "merge_gap": Message(
        "{block} lies between them; merge only blocks that follow each other",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "another block ({block}) lies between them; merge only blocks that follow each other",
        ),
    ),
    "deleted_elsewhere": Message(
        "block {block.id} was deleted elsewhere meanwhile; nothing was changed",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "the block ({block}) was deleted elsewhere meanwhile; nothing was changed"
        ),
    ),
    "changed_elsewhere": Message(
        "{block} was changed elsewhere meanwhile; nothing was changed",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "the block ({block}) was changed elsewhere meanwhile; nothing was changed"
        ),
    ),
    "away_block_ended": Message(
        "the away time was not changed: block {id}, which ran when you left, was ended while "
        "the question was open (block {running.id} runs now); correct the times in Edit "
        "blocks if needed",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "the away time was not changed: the block that ran when you left was ended while "
            "the question was open ({running} runs now); correct the times in Edit blocks if "
            "needed",
        ),
    ),
    "unknown_kind": Message(
        "unknown kind {text!r}; use 'task' or 'growth'",
        ui=QT_TRANSLATE_NOOP("Errors", "the kind '{text}' is unknown; use task or growth"),
    ),
    "day_out_of_range": Message(
        "the day {text!r} is out of range; use YYYY-MM-DD between {first} and {last}, today "
        "or yesterday",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "the day '{text}' is out of range; use a date between {first} and {last}",
        ),
    ),
    "day_unreadable": Message(
        "cannot read the day {text!r}; use YYYY-MM-DD, today or yesterday",
        ui=QT_TRANSLATE_NOOP("Errors", "cannot read the day '{text}'; type it like 2026-11-28"),
    ),
    "recovery_needed": Message(
        "the {kind.value} block started at {start} was last seen by the tray at {seen} and no "
        'tray is running (it may have crashed); end it with: stop --at "{seen}" (or when you '
        "really stopped), or start the tray to be asked",
        cli=True,  # the tray asks with its recovery dialog instead
    ),
    "range_reversed": Message(
        QT_TRANSLATE_NOOP(
            "Errors", "the range ends ({last}) before it begins ({first}); swap the days"
        )
    ),
    "backup_failed": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "the backup could not be written ({reason}); check the free space and permissions "
            "of the data folder",
        )
    ),
    # -- tray actions kept while the file refuses writes (tracker.service) --
    "pending_kept": Message(_KEPT),
    "pending_kept/error": Message(
        "{error:cause}; " + _KEPT,
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "{error}; your {count} last action(s) in the tray are kept and will be saved, "
            "with their times, as soon as the file can be written again",
        ),
    ),
    "pending_dropped/start": Message(
        _DROPPED,
        ui=QT_TRANSLATE_NOOP("Errors", "the start of {at} could not be saved: {error}"),
    ),
    "pending_dropped/switch": Message(
        _DROPPED,
        ui=QT_TRANSLATE_NOOP("Errors", "the switch of {at} could not be saved: {error}"),
    ),
    "pending_dropped/stop": Message(
        _DROPPED,
        ui=QT_TRANSLATE_NOOP("Errors", "the stop of {at} could not be saved: {error}"),
    ),
    "several": Message("{errors}"),  # each error in turn; nothing to translate
    # -- the database file (tracker.store.database, tracker.store.store) --
    "storage_busy": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "cannot use {path}: another program holds the database busy; try again in a "
            "moment; nothing was changed",
        )
    ),
    "storage_readonly": Message(
        "cannot use {path}: the file or its folder is read-only; make both writable (or use "
        "--db); nothing was changed",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "cannot use {path}: the file or its folder is read-only; make both writable; "
            "nothing was changed",
        ),
    ),
    "storage_sidecar_readonly": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "cannot use {path}: {files} beside it cannot be written (left read-only by an "
            "earlier read while the database was read-only); make them writable, or delete "
            "them while no Growth Tracker runs; nothing was changed",
        )
    ),
    "storage_full": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "cannot use {path}: the disk is full; free some space and try again; nothing was "
            "changed",
        )
    ),
    "storage_io": Message(_STORAGE_IO),
    "storage_io/write": Message("cannot write {path}: {detail}" + _NO_CHANGE, ui=_STORAGE_IO),
    "db_gone": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "{path} was deleted or moved away while in use; nothing was written into the copy "
            "still open",
        )
    ),
    "db_file_replaced": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "{path} was replaced by another file while in use; nothing was written into the "
            "copy still open",
        )
    ),
    "db_written_back": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "{path} was deleted while Growth Tracker was running; it was written again from "
            "the copy still open, so nothing is lost (to remove it for good, quit Growth "
            "Tracker first)",
        )
    ),
    "db_replaced": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "{path} was replaced by another file while Growth Tracker was running; Growth "
            "Tracker now uses that file; what it had open was saved as {saved}",
        )
    ),
    "db_missing": Message(
        "{path} is missing, but a database was used there ({trace} is left of it); to go "
        "back to the newest backup, copy {backup!s} to {path}; to start an empty database "
        "there instead, create an empty file with that name",
        ui=_DB_MISSING_UI,
    ),
    "db_missing/no_backup": Message(
        "{path} is missing, but a database was used there ({trace} is left of it); no backup "
        "of it exists; to start an empty database there instead, create an empty file with "
        "that name",
        ui=_DB_MISSING_UI,
    ),
    "db_not_a_file/folder": Message(
        "{path} is a folder, not a database file; give the path of a file with --db",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "{path} is a folder, not a database file; give the path of a file"
        ),
    ),
    "db_not_a_file/device": Message(
        "{path} is not a regular file (a device or a pipe), not a database file; give the "
        "path of a file with --db",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "{path} is not a regular file (a device or a pipe), not a database file; give "
            "the path of a file",
        ),
    ),
    "backup_not_written": Message(
        QT_TRANSLATE_NOOP("Errors", "the backup {target} could not be written ({reason})")
    ),
    "backup_skipped": Message(
        "note: today's backup of {path} was skipped ({reason}); your change was saved; the "
        "backup is tried again next time",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "today's backup of {path} was skipped ({reason}); your work is saved; the backup "
            "is tried again later",
        ),
    ),
    "db_damaged": Message(
        QT_TRANSLATE_NOOP(
            "Errors", "{path} is damaged ({detail}); {backup}; or use --db to pick another file"
        )
    ),
    "db_unreadable": Message(
        QT_TRANSLATE_NOOP("Errors", "cannot read {path}: {reason}; check the file's permissions")
    ),
    "db_not_sqlite": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "{path} is not a Growth Tracker database (not an SQLite file, or damaged); it was "
            "left untouched — {backup}; restore it or use --db to pick another file",
        )
    ),
    "db_not_readable": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "{path} cannot be read as a database ({detail}); it was left untouched — "
            "{backup}; restore it or use --db to pick another file",
        )
    ),
    "db_not_ours": Message(_DB_NOT_OURS),
    "db_not_ours/backup": Message(
        "{path} is an SQLite database of another program, not Growth Tracker's; it was left "
        "untouched — {backup}; use --db to pick another file",
        ui=_DB_NOT_OURS,
    ),
    "db_newer": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "{path} was upgraded by a newer version of Growth Tracker; install that version "
            "(or newer) to open it",
        )
    ),
    "db_cannot_create": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "cannot create the database {path}: {reason}; check that the folder is writable "
            "or use --db to pick another place",
        )
    ),
    "db_cannot_open": Message(
        QT_TRANSLATE_NOOP("Errors", "cannot open {path} ({detail}); {backup}")
    ),
    "db_unexpected": Message(QT_TRANSLATE_NOOP("Errors", "database error ({detail})")),
    "db_env_empty": Message(
        "{name} is set but empty; set it to a database file, or unset it to use the default "
        "database",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "the environment variable {name} is set but empty; set it to a database file, or "
            "unset it to use the default database",
        ),
    ),
    # -- CSV export (tracker.io) --
    "folder_missing": Message(
        QT_TRANSLATE_NOOP("Errors", "the folder {folder} does not exist; create it or pick another")
    ),
    "path_is_folder": Message(QT_TRANSLATE_NOOP("Errors", "{path} is a folder; give a file name")),
    "cannot_write_in": Message(
        QT_TRANSLATE_NOOP(
            "Errors", "cannot write in {folder}: {reason}; pick a folder you can write to"
        )
    ),
    "cannot_write": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "cannot write {path}: {reason}; nothing was changed — free some space or pick "
            "another file",
        )
    ),
    # -- sync (tracker.service.sync, docs/architecture.md §16) --
    "sync_folder_text": Message(
        QT_TRANSLATE_NOOP("Errors", "the sync folder '{text}' is not a usable path; type a folder")
    ),
    "device_name_too_long": Message(
        QT_TRANSLATE_NOOP("Errors", "the device name is too long; use at most {max} characters")
    ),
    "device_name_control": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "the device name contains a control character (tab, newline…); use one line of text",
        )
    ),
    "sync_off": Message(
        "sync is off; choose a folder first: config sync_folder PATH",
        ui=QT_TRANSLATE_NOOP("Errors", "sync is off; choose a sync folder first"),
    ),
    "sync_folder_missing": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "the sync folder {folder} cannot be used ({reason}); check that it exists and "
            "that the sync service is running",
        )
    ),
    "sync_device_clash": Message(
        "another PC writes as this device (this database was copied): {files}; to go on "
        "as a new device, run: sync --new-device (nothing is lost)",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "another PC writes as this device (this database was copied): {files}",
        ),
    ),
    "sync_remote_block": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "block {id} is still running on another PC ({device}); split or merge it once it"
            " has ended",
        )
    ),
    "merge_devices": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "blocks recorded on different PCs cannot be merged; each PC keeps its own blocks",
        )
    ),
    # -- team view (tracker.service.team, docs/architecture.md §17) --
    "team_folder_text": Message(
        QT_TRANSLATE_NOOP("Errors", "the team folder '{text}' is not a usable path; type a folder")
    ),
    "team_folder_missing": Message(
        "no team folder is set; choose one first: config team_folder PATH",
        ui=QT_TRANSLATE_NOOP("Errors", "no team folder is set; choose one first"),
    ),
    "team_folder_unusable": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "the team folder {folder} cannot be used ({reason}); nothing was changed — check "
            "that it exists and that you may write in it",
        )
    ),
    "team_folder_unusable/gone": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "the team folder {folder} cannot be used (no such folder); nothing was changed — "
            "check that it exists and that you may write in it",
        )
    ),
    "team_name_missing": Message(
        "set the name your team sees first: config team_name NAME",
        ui=QT_TRANSLATE_NOOP("Errors", "set the name your team sees first"),
    ),
    "team_name_bad": Message(
        QT_TRANSLATE_NOOP("Errors", "the team name must be one line of at most {max} characters")
    ),
    "team_label_empty": Message(
        QT_TRANSLATE_NOOP("Errors", "type a label (an empty label is never shared anyway)")
    ),
    "team_private_not_reshared": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "'{label}' is now private, but your file in the team folder {folder} could not be "
            "rewritten ({reason}), so it still shows that label until the next share — check "
            "that the folder exists and that you may write in it",
        )
    ),
    "team_private_not_reshared/gone": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "'{label}' is now private, but the team folder {folder} is not there (no such "
            "folder), so your file in it still shows that label until the next share — check "
            "the folder",
        )
    ),
    "team_alias_self": Message(
        QT_TRANSLATE_NOOP("Errors", "'{label}' cannot count as itself; name another label")
    ),
    # why a file in the team folder is skipped (tracker.io.teamfiles); the CLI prints
    # "skipped NAME in the team folder (REASON)", the team window a line naming each
    "team_file_unreadable/too_large": Message(QT_TRANSLATE_NOOP("Errors", "too large")),
    "team_file_unreadable/not_json": Message(
        QT_TRANSLATE_NOOP("Errors", "damaged (not UTF-8 JSON)")
    ),
    "team_file_unreadable/foreign": Message(
        QT_TRANSLATE_NOOP("Errors", "not a Growth Tracker team file")
    ),
    "team_file_unreadable/newer": Message(
        QT_TRANSLATE_NOOP("Errors", "written by a newer version of Growth Tracker")
    ),
    "team_file_unreadable/damaged": Message(QT_TRANSLATE_NOOP("Errors", "damaged ({detail})")),
    "team_file_unreadable/not_regular": Message(
        "not a regular file",
        ui=QT_TRANSLATE_NOOP("Errors", "not a file (a folder, device or pipe)"),
    ),
    "team_file_unreadable/os": Message(
        "{reason}", ui=QT_TRANSLATE_NOOP("Errors", "cannot be read: {reason}")
    ),
    "export_cancelled": Message(
        QT_TRANSLATE_NOOP("Errors", "the export was cancelled; nothing was written")
    ),
    "encoding_text": Message(
        _ENCODING % "change that text",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "{encoding} cannot hold the character '{char}' ({codepoint}) at line {line}, "
            "column {column}{block_id}; nothing was written — export as UTF-8 with BOM "
            "(which Excel reads) or change that text",
        ),
    ),
    "encoding_value": Message(
        _ENCODING % "pick another encoding",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "{encoding} cannot hold the character '{char}' ({codepoint}) at line {line}, "
            "column {column}{block_id}; nothing was written — export as UTF-8 with BOM "
            "(which Excel reads) or pick another encoding",
        ),
    ),
    "encoding_failed": Message(
        "the text cannot be written as {encoding}; use utf-8-sig",
        ui=QT_TRANSLATE_NOOP(
            "Errors", "the text cannot be written as {encoding}; export as UTF-8 with BOM"
        ),
    ),
    "not_a_file/device": Message(_NOT_A_FILE % "a device", ui=_NOT_A_FILE_UI),
    "not_a_file/fifo": Message(_NOT_A_FILE % "a pipe (FIFO)", ui=_NOT_A_FILE_UI),
    "not_a_file/socket": Message(_NOT_A_FILE % "a socket", ui=_NOT_A_FILE_UI),
    # -- CSV import (tracker.io) --
    "import_folder": Message(QT_TRANSLATE_NOOP("Errors", "{path} is a folder; give the CSV file")),
    "import_missing": Message(
        QT_TRANSLATE_NOOP("Errors", "there is no file {path}; check the name")
    ),
    "cannot_read": Message(
        QT_TRANSLATE_NOOP("Errors", "cannot read {path}: {reason}; check the file's permissions")
    ),
    "import_too_large": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "{path} is larger than {limit} MB, too large for a blocks CSV; check that it is "
            "the right file (or import it in parts)",
        )
    ),
    "import_cancelled": Message(
        QT_TRANSLATE_NOOP("Errors", "the import was cancelled; nothing was imported")
    ),
    "import_empty": Message(
        "{name} is empty; export a blocks CSV with 'growth-tracker export' and import that",
        ui=QT_TRANSLATE_NOOP("Errors", "{name} is empty; export a blocks CSV and import that"),
    ),
    "import_utf16": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "{name} is UTF-16 text (Excel's 'Unicode text'); save it as 'CSV UTF-8 (comma "
            "delimited)' and import again",
        )
    ),
    "import_binary": Message(
        QT_TRANSLATE_NOOP(
            "Errors", "{name} is not a CSV text file (it holds binary data); pick the CSV"
        )
    ),
    "import_line_too_long": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "nothing was imported: line {line} of {name} is over {limit} KB long; this is "
            "not a blocks CSV — pick the right file",
        )
    ),
    "import_undecodable": Message(
        _UNDECODABLE % "is neither UTF-8 nor Shift_JIS (cp932) text", ui=_UNDECODABLE_UI
    ),
    "import_undecodable/bom": Message(
        _UNDECODABLE % "is not UTF-8, though the file starts with UTF-8's byte-order mark",
        ui=_UNDECODABLE_UI,
    ),
    "import_undecodable/after": Message(
        _UNDECODABLE % "is not {encoding} like the lines before it", ui=_UNDECODABLE_UI
    ),
    "import_mixed_encodings": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "nothing was imported: {name} mixes encodings: line {first} is {first_encoding} "
            "but line {line} is {encoding}; save the whole file in one encoding (Excel: 'CSV "
            "UTF-8') and import again",
        )
    ),
    "import_conflict": Message(
        QT_TRANSLATE_NOOP("Errors", "the blocks could not be added ({detail}); nothing was changed")
    ),
    # -- the command line's own (tracker.cli): no window says these --
    "cli_date_and_range": Message("use either --date or --from/--to, not both", cli=True),
    "cli_range_too_long": Message(
        "that range is longer than 30 years; pick a shorter one", cli=True
    ),
    "cli_range_reversed": Message("--to {last} is before --from {first}; swap them", cli=True),
    "cli_nothing_to_change": Message(
        "say what to change: --kind, --label, --note, --start or --end", cli=True
    ),
    "cli_not_utf8": Message(
        "the {name} value is not UTF-8 text (it holds the byte 0x{byte:02x}); " + _RETYPE,
        cli=True,
    ),
    "cli_not_utf8/text": Message(
        "the {name} is not UTF-8 text (it holds the byte 0x{byte:02x}); " + _RETYPE, cli=True
    ),
    # -- a CSV import's summary (tracker.io, tracker.service): the dialog says its own --
    "import_days_csv": Message(
        "nothing was imported: this is a days CSV (totals per day); import needs a blocks CSV "
        "('growth-tracker export --what blocks')",
        cli=True,
    ),
    "import_bad_header": Message(
        "nothing was imported: the header is not a blocks CSV's", cli=True
    ),
    "import_rows_refused": Message(
        "nothing was imported from {name}; fix these rows and import again", cli=True
    ),
    "import_changed_meanwhile": Message(
        "nothing was imported from {name}; the database changed while importing — import again",
        cli=True,
    ),
    # -- a CSV import's reasons, one per bad row: "line N: reason" (tracker.io) --
    "import_header_days": Message(
        "the header is the days CSV's",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "the header is a days CSV's (totals per day); export a blocks CSV and import that",
        ),
    ),
    "import_header_lacks": Message(
        QT_TRANSLATE_NOOP("Errors", "the header lacks the column {columns}; expected {expected}")
    ),
    "import_header_lacks/several": Message(
        QT_TRANSLATE_NOOP("Errors", "the header lacks the columns {columns}; expected {expected}")
    ),
    "import_header_twice": Message(QT_TRANSLATE_NOOP("Errors", "the header names {columns} twice")),
    "import_width/short": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "has {found} cells, the header has {width}; the row or file may be cut off",
        )
    ),
    "import_width/long": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "has {found} cells, more than the header's {width}; quote cells that hold commas",
        )
    ),
    "import_unclosed_quote": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            'a quoted cell starting here is never closed (no ending "): the file is cut off '
            "or damaged; export it again",
        )
    ),
    "import_malformed": Message(
        QT_TRANSLATE_NOOP(
            "Errors", "the CSV is malformed here ({detail}); the file may be cut off or damaged"
        )
    ),
    "import_cell": Message(QT_TRANSLATE_NOOP("Errors", "{column}: {error}")),
    "import_bad_id": Message(
        "{text!r} is not a block id (a whole number); leave it empty for new blocks",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "'{text}' is not a block id (a whole number); leave it empty for new blocks",
        ),
    ),
    "import_time_unreadable": Message(
        "cannot read the time {text!r}; " + _ISO_HINT,
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "cannot read the time '{text}'; use 'YYYY-MM-DD HH:MM:SS' or ISO-8601 like "
            "2026-11-28T09:15:00+09:00",
        ),
    ),
    "import_start_empty": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "the start is empty; use 'YYYY-MM-DD HH:MM:SS' or ISO-8601 like "
            "2026-11-28T09:15:00+09:00",
        )
    ),
    "import_end_future": Message(
        QT_TRANSLATE_NOOP("Errors", "end: {end} is in the future; fix the time")
    ),
    "import_row_twice/repeats": Message(
        QT_TRANSLATE_NOOP("Errors", "repeats line {other}; keep only one of the two")
    ),
    "import_row_twice/overlaps": Message(
        QT_TRANSLATE_NOOP("Errors", "overlaps line {other}; keep only one of the two")
    ),
    "import_overlaps_stored": Message(
        "overlaps {block} already in the database; change the times or delete that block first",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "overlaps a block already in the database ({block}); change the times or delete "
            "that block first",
        ),
    ),
    "import_id_differs": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "id {id} exists with different content ({differences}); remove the row to keep "
            "the stored block, or delete block {id} first to import the file's",
        )
    ),
    "import_diff_kind": Message(
        "kind {stored.value} in the database, {found.value} in the file",
        ui=QT_TRANSLATE_NOOP("Errors", "kind {stored} in the database, {found} in the file"),
    ),
    "import_diff_label": Message(
        QT_TRANSLATE_NOOP("Errors", "label '{stored}' in the database, '{found}' in the file")
    ),
    "import_diff_note": Message(QT_TRANSLATE_NOOP("Errors", "another note")),
    "import_diff_span": Message(
        QT_TRANSLATE_NOOP("Errors", "{stored} in the database, {found} in the file")
    ),
    # -- the system (tracker.platform, tracker.ui.idle_dbus) --
    "autostart_on_failed": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "could not turn on start at login: {where}: {reason}; check that this folder is "
            "yours and writable, then try again",
        )
    ),
    "autostart_off_failed": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "could not turn off start at login: {where}: {reason}; check that this folder is "
            "yours and writable, then try again",
        )
    ),
    "autostart_bad_path": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "start at login cannot use {path}: a line break, control character or byte that "
            "is not UTF-8 in this path would break the login entry; move the database to a "
            "folder whose name has none, then try again",
        )
    ),
    # -- global hotkeys (tracker.platform.hotkeys, Settings) --
    "hotkeys_platform": Message(
        QT_TRANSLATE_NOOP("Errors", "the Qt platform '{platform}' has no global shortcuts")
    ),
    "hotkeys_no_library": Message(
        QT_TRANSLATE_NOOP("Errors", "{library} cannot be loaded ({detail})")
    ),
    "hotkeys_no_display": Message(
        QT_TRANSLATE_NOOP("Errors", "there is no X display (DISPLAY is not set)")
    ),
    "hotkeys_x_connect": Message(
        QT_TRANSLATE_NOOP("Errors", "the X display {display} cannot be reached")
    ),
    "hotkeys_windows_only": Message(
        QT_TRANSLATE_NOOP("Errors", "RegisterHotKey exists only on Windows")
    ),
    "hotkeys_carbon_handler": Message(
        QT_TRANSLATE_NOOP("Errors", "macOS refused the shortcut handler (error {status})")
    ),
    "hotkeys_no_bus": Message(
        QT_TRANSLATE_NOOP("Errors", "the D-Bus session bus cannot be reached ({detail})")
    ),
    "hotkeys_no_portal": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "this desktop's portal (org.freedesktop.portal.GlobalShortcuts) offers no "
            "global shortcuts",
        )
    ),
    "idle_no_session": Message(
        QT_TRANSLATE_NOOP(
            "Errors", "no graphical session (neither DISPLAY nor WAYLAND_DISPLAY is set)"
        )
    ),
    "idle_wayland_no_monitor": Message(
        QT_TRANSLATE_NOOP("Errors", "Wayland session and no D-Bus idle monitor was provided")
    ),
    "idle_wayland/no_compositor": Message(
        "no Wayland compositor to ask for the idle time: {error}",
        ui=QT_TRANSLATE_NOOP("Errors", "Wayland session: {error}"),
    ),
    "idle_wayland/refused": Message(
        "the compositor refused an idle notification: {error}",
        ui=QT_TRANSLATE_NOOP("Errors", "Wayland session: {error}"),
    ),
    "idle_wayland_no_protocol": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "the Wayland compositor offers neither ext-idle-notify-v1 nor org_kde_kwin_idle",
        )
    ),
    "idle_wayland_none": Message(
        "neither a D-Bus idle monitor nor the compositor reports idle time ({dbus}; {wayland})",
        ui=QT_TRANSLATE_NOOP(
            "Errors",
            "neither the desktop's D-Bus idle monitor (GNOME, KDE) nor the compositor "
            "(ext-idle-notify-v1, org_kde_kwin_idle) reports how long you have been idle",
        ),
    ),
    "idle_no_bus": Message(
        QT_TRANSLATE_NOOP("Errors", "no D-Bus session bus to ask for the idle time")
    ),
    "idle_no_monitor": Message(
        QT_TRANSLATE_NOOP(
            "Errors",
            "neither org.gnome.Mutter.IdleMonitor nor org.freedesktop.ScreenSaver answers on "
            "the session bus",
        )
    ),
    "idle_no_library": Message(
        "{library} is not installed ({detail}); install libxss1 / libX11", ui=_LIBRARY_UI
    ),
    "idle_no_library/macos": Message("{library} cannot be loaded ({detail})", ui=_LIBRARY_UI),
    "idle_no_display": Message(QT_TRANSLATE_NOOP("Errors", "cannot open the X display {display}")),
    "idle_no_extension": Message(
        QT_TRANSLATE_NOOP("Errors", "the X server has no MIT-SCREEN-SAVER extension")
    ),
    "idle_no_memory": Message(
        QT_TRANSLATE_NOOP("Errors", "XScreenSaverAllocInfo failed (out of memory)")
    ),
    "idle_not_windows": Message(
        QT_TRANSLATE_NOOP("Errors", "GetLastInputInfo needs Windows (ctypes.WinDLL is missing)")
    ),
}

# Pieces the messages are built from, in English and (for the UI) translated; positional
# placeholders, filled by the formatters here and in tracker.ui.error_text.
NO_BACKUP = QT_TRANSLATE_NOOP("Errors", "no backup exists yet")
NEWEST_BACKUP = QT_TRANSLATE_NOOP(
    "Errors",
    "the newest backup is {0}; to go back to it, quit Growth Tracker and copy that file "
    "over {1} (delete {2}-wal and {2}-shm beside it if they exist)",
)
BLOCK_ID = QT_TRANSLATE_NOOP("Errors", " (block {0})")
# How the UI names a block: kind and span, kind, label and span, a running block's span.
BLOCK_PLAIN = QT_TRANSLATE_NOOP("Errors", "{0}, {1}")
BLOCK_LABELLED = QT_TRANSLATE_NOOP("Errors", "{0} “{1}”, {2}")
SINCE = QT_TRANSLATE_NOOP("Errors", "since {0}")
# Between the items of a list of errors inside one message (an import row's differences).
LIST_SEPARATOR = QT_TRANSLATE_NOOP("Errors", "; ")
# A CSV import's columns by their keys, as the window names them.
COLUMN_NAMES: Mapping[str, str] = {
    "id": QT_TRANSLATE_NOOP("Errors", "id"),
    "start": QT_TRANSLATE_NOOP("Errors", "start"),
    "end": QT_TRANSLATE_NOOP("Errors", "end"),
    "kind": QT_TRANSLATE_NOOP("Errors", "kind"),
    "label": QT_TRANSLATE_NOOP("Errors", "label"),
    "note": QT_TRANSLATE_NOOP("Errors", "note"),
}
# Settings as the settings dialog names them (the CLI names them by key).
SETTING_NAMES: Mapping[str, str] = {
    "away_minutes": QT_TRANSLATE_NOOP("Errors", "Away after"),
    "remind_untracked": QT_TRANSLATE_NOOP("Errors", "The untracked reminder"),
    "language": QT_TRANSLATE_NOOP("Errors", "The language"),
    "tray_click": QT_TRANSLATE_NOOP("Errors", "The tray click"),
    "click_label": QT_TRANSLATE_NOOP("Errors", "The label a click starts with"),
    "start_at_login": QT_TRANSLATE_NOOP("Errors", "Start at login"),
}


def key(code: str, variant: str | None = None) -> str:
    """The catalogue key of a code and variant."""
    return code if variant is None else f"{code}/{variant}"


def lookup(code: str, variant: str | None = None) -> Message | None:
    """The message for ``code`` and ``variant``; ``None`` for a code the catalogue lacks."""
    return CATALOGUE.get(key(code, variant))


def english(
    code: str,
    params: Params,
    *,
    variant: str | None = None,
    tz: dt.tzinfo | None = None,
) -> str:
    """The English message: the CLI's text. ``tz`` is the zone of instants and blocks (the
    system's local zone when ``None``). Raises ``KeyError`` for a code (or a placeholder)
    the catalogue does not know."""
    message = lookup(code, variant)
    if message is None:
        raise KeyError(key(code, variant))
    return _English(params, tz).format(message.text)


def backup_text(backup: object, path: object, template: str, none: str) -> str:
    """The sentence naming the newest backup (``template`` with the backup, the database
    path and its file name) or saying there is none; the UI passes them translated."""
    if backup is None:
        return none
    return template.format(backup, path, PurePath(str(path)).name if path is not None else "")


@dataclass(frozen=True, slots=True)
class _Instant:
    """An instant shown as the CLI writes it."""

    seconds: int
    tz: dt.tzinfo | None

    def __str__(self) -> str:
        return format(self)

    def __format__(self, spec: str) -> str:
        return date_time_text(self.seconds, self.tz)


@dataclass(frozen=True, slots=True)
class _Backup:
    """``{backup}``: the sentence; ``{backup!s}``: the path of the newest backup."""

    path: object
    database: object

    def __str__(self) -> str:
        return str(self.path)

    def __format__(self, spec: str) -> str:
        return backup_text(self.path, self.database, NEWEST_BACKUP, NO_BACKUP)


class _English(string.Formatter):
    def __init__(self, params: Params, tz: dt.tzinfo | None) -> None:
        super().__init__()
        self.params = params
        self.tz = tz

    def get_value(self, key: int | str, args: Any, kwargs: Any) -> Any:
        value = self.params[str(key)]
        if key in INSTANTS and isinstance(value, int) and not isinstance(value, bool):
            return _Instant(value, self.tz)
        if key == "backup":
            return _Backup(value, self.params.get("path"))
        if key == "block_id":
            return "" if value is None else BLOCK_ID.format(value)
        if isinstance(value, tuple | list) and all(isinstance(v, BaseException) for v in value):
            return "; ".join(map(str, value))  # "errors", an import row's "differences"
        return value

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, BlockLike):
            return describe_block(value, self.tz)
        if isinstance(value, Span):
            return span_text(value.start, value.end, self.tz)
        if isinstance(value, BaseException):
            text = str(value)
            return text.removesuffix(_NO_CHANGE) if format_spec == "cause" else text
        return str(format(value, format_spec))


# -- English texts of instants and blocks (the CLI's; timeparse re-exports them) -------------


@runtime_checkable
class BlockLike(Protocol):
    """What a message shows of a block (``tracker.domain.model.Block`` is one)."""

    @property
    def id(self) -> int | None: ...
    @property
    def kind(self) -> Any: ...
    @property
    def label(self) -> str: ...
    @property
    def started_at(self) -> int: ...
    @property
    def ended_at(self) -> int | None: ...


def date_time_text(instant: int, tz: dt.tzinfo | None) -> str:
    """``YYYY-MM-DD HH:MM`` local time, as people type it on the command line (``tz`` None:
    the system's zone)."""
    return dt.datetime.fromtimestamp(instant, tz).strftime("%Y-%m-%d %H:%M")


def span_text(start: int, end: int | None, tz: dt.tzinfo | None) -> str:
    """``2026-11-28 10:30–11:15`` (the date once when both ends share it; ``now`` if open)."""
    first = date_time_text(start, tz)
    last = "now" if end is None else date_time_text(end, tz)
    return f"{first}–{last[11:] if last[:10] == first[:10] else last}"


def describe_block(block: BlockLike, tz: dt.tzinfo | None) -> str:
    """How a person recognises a block in a message: id, kind, label and its times."""
    label = f" '{block.label}'" if block.label else ""
    when = span_text(block.started_at, block.ended_at, tz)
    return f"block {block.id} ({block.kind.value}{label}, {when})"
