"""Error messages in the user's language.

The service, store, domain and io raise ``TrackerError`` with an English message (what the
CLI prints, docs/architecture.md §6) plus a ``code`` and raw ``params`` (instants as int, kinds as
``Kind``, blocks as ``Block``). :func:`describe` turns such an error into the UI's
language: the template for its code, translated in the "Errors" context, filled with the
params formatted here (times and dates in the UI's locale, kinds as 作業 / 成長). An error
without a known code is shown as its English message. The English templates follow the
CLI's wording, so the English UI reads as before.

Each template is a literal ``QCoreApplication.translate("Errors", ...)`` call, so lupdate
finds it; tests/unit/test_error_codes.py checks that every code raised in ``tracker/`` has
one here and that nothing here is unused.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from tracker.domain.model import Block, Kind
from tracker.ui import i18n
from tracker.ui.common import kind_label

log = logging.getLogger(__name__)

Params = Mapping[str, object]

_INSTANTS = frozenset({"at", "start", "end"})


def _dropped(p: Params) -> str:
    """A kept tray action that no longer fits (the CLI changed the blocks meanwhile)."""
    if p.get("op") == "start":
        return QCoreApplication.translate("Errors", "the start of {at} could not be saved: {error}")
    if p.get("op") == "switch":
        return QCoreApplication.translate(
            "Errors", "the switch of {at} could not be saved: {error}"
        )
    return QCoreApplication.translate("Errors", "the stop of {at} could not be saved: {error}")


# code -> the template (chosen from the params where a message has variants)
TEMPLATES: dict[str, Callable[[Params], str]] = {
    # -- blocks (tracker.domain.model) --
    "label_control": lambda p: QCoreApplication.translate(
        "Errors",
        "the label contains a control character (tab, newline…); use one line of plain text",
    ),
    "label_too_long": lambda p: QCoreApplication.translate(
        "Errors", "the label is {length} characters long; shorten it to at most {max}"
    ),
    "note_control": lambda p: QCoreApplication.translate(
        "Errors", "the note contains a control character; only tab and newline are allowed"
    ),
    "note_too_long": lambda p: QCoreApplication.translate(
        "Errors", "the note is {length} characters long; shorten it to at most {max}"
    ),
    "end_before_start": lambda p: QCoreApplication.translate(
        "Errors", "the end must be after the start (start {start}, end {end}); check the two times"
    ),
    # -- settings (tracker.domain.settings) --
    "target_not_number": lambda p: QCoreApplication.translate(
        "Errors",
        "target '{text}' is not a number; use a fraction like 0.25 or a percentage like 25%",
    ),
    "target_range": lambda p: QCoreApplication.translate(
        "Errors", "target '{text}' is out of range; use more than 0 up to 1, or up to 100%"
    ),
    "target_zero": lambda p: QCoreApplication.translate(
        "Errors", "target '{text}' would be met by every day; use more than 0, like 0.2 or 20%"
    ),
    "day_start_range": lambda p: QCoreApplication.translate(
        "Errors", "the day start '{text}' must be an hour from 0 to 23"
    ),
    "end_of_day_format": lambda p: QCoreApplication.translate(
        "Errors", "the end of day '{text}' must be HH:MM (like 18:00) or off"
    ),
    "hours_not_number": lambda p: QCoreApplication.translate(
        "Errors", "the disposable hours '{text}' must be a number of hours"
    ),
    "hours_range": lambda p: QCoreApplication.translate(
        "Errors", "the disposable hours '{text}' must be more than 0 and at most 24"
    ),
    "minutes_range": lambda p: QCoreApplication.translate(
        "Errors", "{key} '{text}' must be a whole number of minutes from 0 to {max}"
    ),
    "long_block_not_number": lambda p: QCoreApplication.translate(
        "Errors", "the long block reminder '{text}' must be a number of hours"
    ),
    "long_block_range": lambda p: QCoreApplication.translate(
        "Errors", "the long block reminder '{text}' must be from 0 (off) to 12 hours"
    ),
    "work_hours_format": lambda p: QCoreApplication.translate(
        "Errors", "the work hours '{text}' must be like 09:00-18:00 (start-end, 24-hour clock)"
    ),
    "work_hours_same": lambda p: QCoreApplication.translate(
        "Errors", "the work time '{text}' starts and ends at the same time; pick two times"
    ),
    "work_days_bad_day": lambda p: QCoreApplication.translate(
        "Errors", "the work days '{text}': '{word}' is not a weekday; use mon, tue, … sun"
    ),
    "work_days_none": lambda p: QCoreApplication.translate(
        "Errors", "no work day is chosen; tick at least one day"
    ),
    "choice": lambda p: QCoreApplication.translate(
        "Errors", "{key} '{text}' must be one of: {choices}"
    ),
    "unknown_setting": lambda p: QCoreApplication.translate(
        "Errors", "there is no setting '{key}'"
    ),
    # -- times typed (tracker.domain.timeparse) --
    "time_in_gap": lambda p: QCoreApplication.translate(
        "Errors",
        "{local} does not exist in the local time zone (the clocks skip it for daylight "
        "saving); pick a time outside the gap",
    ),
    "time_out_of_range": lambda p: QCoreApplication.translate(
        "Errors", "'{text}' is out of range; pick a time between {first} and {last}"
    ),
    "time_invalid": lambda p: QCoreApplication.translate(
        "Errors", "'{text}' is not a valid time; type it like 09:30"
    ),
    "time_unreadable": lambda p: QCoreApplication.translate(
        "Errors", "cannot read the time '{text}'; type it like 09:30"
    ),
    # -- blocks in the database (tracker.store, tracker.service) --
    "no_block": lambda p: QCoreApplication.translate(
        "Errors", "block {id} no longer exists (it was deleted elsewhere); reload the list"
    ),
    "id_taken": lambda p: QCoreApplication.translate(
        "Errors", "the id {id} belongs to another block now; nothing was changed"
    ),
    "conflict_running": lambda p: QCoreApplication.translate(
        "Errors", "another block ({block}) is still running; stop it first"
    ),
    "overlap": lambda p: QCoreApplication.translate(
        "Errors", "that would overlap another block ({block}); pick times outside it"
    ),
    "future_time": lambda p: QCoreApplication.translate(
        "Errors", "{at} is in the future; pick a time up to now"
    ),
    "before_running_start": lambda p: QCoreApplication.translate(
        "Errors", "the running block started at {start}; pick a time after that"
    ),
    "nothing_running": lambda p: QCoreApplication.translate(
        "Errors", "nothing is running, so there is nothing to stop"
    ),
    "end_in_future": lambda p: QCoreApplication.translate(
        "Errors", "the end {end} is in the future; pick a time up to now"
    ),
    "running_has_no_end": lambda p: QCoreApplication.translate(
        "Errors", "the block ({block}) is still running; stop it to give it an end"
    ),
    "reaches_future": lambda p: QCoreApplication.translate(
        "Errors", "a block cannot reach into the future; pick earlier times"
    ),
    "split_outside": lambda p: QCoreApplication.translate(
        "Errors",
        "{at} is not inside the block ({block}); pick a time between its start and its end",
    ),
    "merge_too_few": lambda p: QCoreApplication.translate(
        "Errors", "pick at least two neighbouring blocks to merge"
    ),
    "merge_kinds": lambda p: QCoreApplication.translate(
        "Errors", "only blocks of one kind can be merged; change the kind first"
    ),
    "merge_gap": lambda p: QCoreApplication.translate(
        "Errors",
        "another block ({block}) lies between them; merge only blocks that follow each other",
    ),
    "deleted_elsewhere": lambda p: QCoreApplication.translate(
        "Errors", "the block ({block}) was deleted elsewhere meanwhile; nothing was changed"
    ),
    "changed_elsewhere": lambda p: QCoreApplication.translate(
        "Errors", "the block ({block}) was changed elsewhere meanwhile; nothing was changed"
    ),
    "away_block_ended": lambda p: QCoreApplication.translate(
        "Errors",
        "the away time was not changed: the block that ran when you left was ended while "
        "the question was open ({running} runs now); correct the times in Edit blocks if "
        "needed",
    ),
    "range_reversed": lambda p: QCoreApplication.translate(
        "Errors", "the range ends ({last}) before it begins ({first}); swap the days"
    ),
    "backup_failed": lambda p: QCoreApplication.translate(
        "Errors",
        "the backup could not be written ({reason}); check the free space and permissions "
        "of the data folder",
    ),
    # -- tray actions kept while the file refuses writes (tracker.service) --
    "pending_kept": lambda p: (
        QCoreApplication.translate(
            "Errors",
            "{error}; your {count} last action(s) in the tray are kept and will be saved, "
            "with their times, as soon as the file can be written again",
        )
        if p.get("error") is not None
        else QCoreApplication.translate(
            "Errors",
            "your {count} last action(s) in the tray are kept and will be saved, with their "
            "times, as soon as the file can be written again",
        )
    ),
    "pending_dropped": _dropped,
    "several": lambda p: "{errors}",
    # -- the database file (tracker.store.database) --
    "storage_busy": lambda p: QCoreApplication.translate(
        "Errors",
        "cannot use {path}: another program holds the database busy; try again in a moment; "
        "nothing was changed",
    ),
    "storage_readonly": lambda p: QCoreApplication.translate(
        "Errors",
        "cannot use {path}: the file or its folder is read-only; make both writable; "
        "nothing was changed",
    ),
    "storage_sidecar_readonly": lambda p: QCoreApplication.translate(
        "Errors",
        "cannot use {path}: {files} beside it cannot be written (left read-only by an earlier "
        "read while the database was read-only); make them writable, or delete them while "
        "no Growth Tracker runs; nothing was changed",
    ),
    "storage_full": lambda p: QCoreApplication.translate(
        "Errors",
        "cannot use {path}: the disk is full; free some space and try again; nothing was changed",
    ),
    "storage_io": lambda p: QCoreApplication.translate(
        "Errors",
        "cannot use {path}: the disk reported an error ({detail}); check the disk and try "
        "again; nothing was changed",
    ),
    "db_gone": lambda p: QCoreApplication.translate(
        "Errors",
        "{path} was deleted or moved away while in use; nothing was written into the copy "
        "still open",
    ),
    "db_file_replaced": lambda p: QCoreApplication.translate(
        "Errors",
        "{path} was replaced by another file while in use; nothing was written into the "
        "copy still open",
    ),
    "db_written_back": lambda p: QCoreApplication.translate(
        "Errors",
        "{path} was deleted while Growth Tracker was running; it was written again from the "
        "copy still open, so nothing is lost (to remove it for good, quit Growth Tracker "
        "first)",
    ),
    "db_replaced": lambda p: QCoreApplication.translate(
        "Errors",
        "{path} was replaced by another file while Growth Tracker was running; Growth "
        "Tracker now uses that file; what it had open was saved as {saved}",
    ),
    "db_missing": lambda p: QCoreApplication.translate(
        "Errors",
        "{path} is missing, but a database was used there ({trace} is left of it); "
        "{backup}; to start an empty database there instead, create an empty file with "
        "that name",
    ),
    "db_not_a_file": lambda p: (
        QCoreApplication.translate(
            "Errors", "{path} is a folder, not a database file; give the path of a file"
        )
        if p.get("folder")
        else QCoreApplication.translate(
            "Errors",
            "{path} is not a regular file (a device or a pipe), not a database file; give "
            "the path of a file",
        )
    ),
    "backup_not_written": lambda p: QCoreApplication.translate(
        "Errors", "the backup {target} could not be written ({reason})"
    ),
    "backup_skipped": lambda p: QCoreApplication.translate(
        "Errors",
        "today's backup of {path} was skipped ({reason}); your work is saved; the backup "
        "is tried again later",
    ),
    "db_damaged": lambda p: QCoreApplication.translate(
        "Errors", "{path} is damaged ({detail}); {backup}; or use --db to pick another file"
    ),
    "db_unreadable": lambda p: QCoreApplication.translate(
        "Errors", "cannot read {path}: {reason}; check the file's permissions"
    ),
    "db_not_sqlite": lambda p: QCoreApplication.translate(
        "Errors",
        "{path} is not a Growth Tracker database (not an SQLite file, or damaged); it was "
        "left untouched — {backup}; restore it or use --db to pick another file",
    ),
    "db_not_readable": lambda p: QCoreApplication.translate(
        "Errors",
        "{path} cannot be read as a database ({detail}); it was left untouched — {backup}; "
        "restore it or use --db to pick another file",
    ),
    "db_not_ours": lambda p: QCoreApplication.translate(
        "Errors",
        "{path} is an SQLite database of another program, not Growth Tracker's; it was "
        "left untouched — use --db to pick another file",
    ),
    "db_newer": lambda p: QCoreApplication.translate(
        "Errors",
        "{path} was upgraded by a newer version of Growth Tracker; install that version (or "
        "newer) to open it",
    ),
    "db_cannot_create": lambda p: QCoreApplication.translate(
        "Errors",
        "cannot create the database {path}: {reason}; check that the folder is writable or "
        "use --db to pick another place",
    ),
    "db_cannot_open": lambda p: QCoreApplication.translate(
        "Errors", "cannot open {path} ({detail}); {backup}"
    ),
    "instant_out_of_range": lambda p: QCoreApplication.translate(
        "Errors",
        "the time is outside the years {first}–{last}; pick a time between {first} and {last}",
    ),
    # -- CSV export (tracker.io) --
    "folder_missing": lambda p: QCoreApplication.translate(
        "Errors", "the folder {folder} does not exist; create it or pick another"
    ),
    "path_is_folder": lambda p: QCoreApplication.translate(
        "Errors", "{path} is a folder; give a file name"
    ),
    "cannot_write_in": lambda p: QCoreApplication.translate(
        "Errors", "cannot write in {folder}: {reason}; pick a folder you can write to"
    ),
    "cannot_write": lambda p: QCoreApplication.translate(
        "Errors",
        "cannot write {path}: {reason}; nothing was changed — free some space or pick another file",
    ),
    "export_cancelled": lambda p: QCoreApplication.translate(
        "Errors", "the export was cancelled; nothing was written"
    ),
    "encoding_text": lambda p: QCoreApplication.translate(
        "Errors",
        "{encoding} cannot hold the character '{char}' ({codepoint}) at line {line}, column "
        "{column}{block_id}; nothing was written — export as UTF-8 with BOM (which Excel "
        "reads) or change that text",
    ),
    "encoding_value": lambda p: QCoreApplication.translate(
        "Errors",
        "{encoding} cannot hold the character '{char}' ({codepoint}) at line {line}, column "
        "{column}{block_id}; nothing was written — export as UTF-8 with BOM (which Excel "
        "reads) or pick another encoding",
    ),
    "encoding_failed": lambda p: QCoreApplication.translate(
        "Errors", "the text cannot be written as {encoding}; export as UTF-8 with BOM"
    ),
    "not_a_file": lambda p: QCoreApplication.translate(
        "Errors",
        "{path} is not a file (it is a device, a pipe or a socket); give the name of a new or "
        "existing file",
    ),
    # -- CSV import (tracker.io) --
    "import_folder": lambda p: QCoreApplication.translate(
        "Errors", "{path} is a folder; give the CSV file"
    ),
    "import_missing": lambda p: QCoreApplication.translate(
        "Errors", "there is no file {path}; check the name"
    ),
    "cannot_read": lambda p: QCoreApplication.translate(
        "Errors", "cannot read {path}: {reason}; check the file's permissions"
    ),
    "import_too_large": lambda p: QCoreApplication.translate(
        "Errors",
        "{path} is larger than {limit} MB, too large for a blocks CSV; check that it is the "
        "right file (or import it in parts)",
    ),
    "import_cancelled": lambda p: QCoreApplication.translate(
        "Errors", "the import was cancelled; nothing was imported"
    ),
    "import_empty": lambda p: QCoreApplication.translate(
        "Errors", "{name} is empty; export a blocks CSV and import that"
    ),
    "import_utf16": lambda p: QCoreApplication.translate(
        "Errors",
        "{name} is UTF-16 text (Excel's 'Unicode text'); save it as 'CSV UTF-8 (comma "
        "delimited)' and import again",
    ),
    "import_binary": lambda p: QCoreApplication.translate(
        "Errors", "{name} is not a CSV text file (it holds binary data); pick the CSV"
    ),
    "import_line_too_long": lambda p: QCoreApplication.translate(
        "Errors",
        "nothing was imported: line {line} of {name} is over {limit} KB long; this is not a "
        "blocks CSV — pick the right file",
    ),
    "import_undecodable": lambda p: QCoreApplication.translate(
        "Errors",
        "nothing was imported: line {line} of {name} cannot be read as UTF-8 or Shift_JIS "
        "(cp932) like the rest of the file; save it as 'CSV UTF-8' and import again",
    ),
    "import_mixed_encodings": lambda p: QCoreApplication.translate(
        "Errors",
        "nothing was imported: {name} mixes encodings: line {first} is {first_encoding} but "
        "line {line} is {encoding}; save the whole file in one encoding (Excel: 'CSV UTF-8') "
        "and import again",
    ),
    # -- the system (tracker.platform) --
    "autostart_on_failed": lambda p: QCoreApplication.translate(
        "Errors",
        "could not turn on start at login: {where}: {reason}; check that this folder is "
        "yours and writable, then try again",
    ),
    "autostart_off_failed": lambda p: QCoreApplication.translate(
        "Errors",
        "could not turn off start at login: {where}: {reason}; check that this folder is "
        "yours and writable, then try again",
    ),
    "autostart_bad_path": lambda p: QCoreApplication.translate(
        "Errors",
        "start at login cannot use {path}: a line break, control character or byte that is "
        "not UTF-8 in this path would break the login entry; move the database to a folder "
        "whose name has none, then try again",
    ),
    "idle_no_session": lambda p: QCoreApplication.translate(
        "Errors", "no graphical session (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    ),
    "idle_wayland_no_monitor": lambda p: QCoreApplication.translate(
        "Errors", "Wayland session and no D-Bus idle monitor was provided"
    ),
    "idle_wayland": lambda p: QCoreApplication.translate("Errors", "Wayland session: {error}"),
    "idle_wayland_no_protocol": lambda p: QCoreApplication.translate(
        "Errors", "the Wayland compositor offers neither ext-idle-notify-v1 nor org_kde_kwin_idle"
    ),
    "idle_wayland_none": lambda p: QCoreApplication.translate(
        "Errors",
        "neither the desktop's D-Bus idle monitor (GNOME, KDE) nor the compositor "
        "(ext-idle-notify-v1, org_kde_kwin_idle) reports how long you have been idle",
    ),
    "idle_no_bus": lambda p: QCoreApplication.translate(
        "Errors", "no D-Bus session bus to ask for the idle time"
    ),
    "idle_no_monitor": lambda p: QCoreApplication.translate(
        "Errors",
        "neither org.gnome.Mutter.IdleMonitor nor org.freedesktop.ScreenSaver answers on the "
        "session bus",
    ),
    "idle_no_library": lambda p: QCoreApplication.translate(
        "Errors", "{library} cannot be loaded ({detail}); install libxss1 / libX11"
    ),
    "idle_no_display": lambda p: QCoreApplication.translate(
        "Errors", "cannot open the X display {display}"
    ),
    "idle_no_extension": lambda p: QCoreApplication.translate(
        "Errors", "the X server has no MIT-SCREEN-SAVER extension"
    ),
    "idle_no_memory": lambda p: QCoreApplication.translate(
        "Errors", "XScreenSaverAllocInfo failed (out of memory)"
    ),
    "idle_not_windows": lambda p: QCoreApplication.translate(
        "Errors", "GetLastInputInfo needs Windows (ctypes.WinDLL is missing)"
    ),
}


def describe(exc: object, tz: dt.tzinfo | None = None) -> str:
    """What went wrong, in the UI's language; the English message for unknown codes.

    ``exc`` is a ``TrackerError`` (or anything with ``code`` and ``params``, like an
    unavailable idle source); ``tz`` is the zone instants are shown in (the service's;
    the local zone by default).
    """
    code = getattr(exc, "code", None)
    template = TEMPLATES.get(code) if isinstance(code, str) else None
    if template is None:
        return str(exc)
    params: Params = getattr(exc, "params", None) or {}
    if tz is None:
        from tracker.platform.tz import local_timezone

        tz = local_timezone()
    try:
        return template(params).format_map(_Formatted(params, tz))
    except (KeyError, IndexError, ValueError):  # a translation with a stray placeholder
        log.warning("error text %r could not be filled; showing English", code, exc_info=True)
        return str(exc)


class _Formatted(dict[str, str]):
    """The params as text, formatted on demand (a template uses only some of them)."""

    def __init__(self, params: Params, tz: dt.tzinfo) -> None:
        super().__init__()
        self.params = params
        self.tz = tz

    def __missing__(self, key: str) -> str:
        if key not in self.params:
            raise KeyError(key)
        text = _format(key, self.params[key], self.params, self.tz)
        self[key] = text
        return text


def _format(key: str, value: object, params: Params, tz: dt.tzinfo) -> str:
    if key == "backup":
        return _backup_text(value, params.get("path"))
    if key == "key":
        return _setting_name(str(value))
    if key == "block_id":
        if value is None:
            return ""
        return QCoreApplication.translate("Errors", " (block {0})").format(value)
    if key == "errors" and isinstance(value, tuple | list):
        return "\n".join(describe(e, tz) for e in value)
    if isinstance(value, BaseException):
        return describe(value, tz)
    if isinstance(value, Block):
        return block_text(value, tz)
    if isinstance(value, Kind):
        return kind_label(value)
    if isinstance(value, dt.datetime):
        return _moment(value)
    if isinstance(value, dt.date):
        return i18n.format_date(value, weekday=False)
    if key in _INSTANTS and isinstance(value, int):
        return _moment(dt.datetime.fromtimestamp(value, tz))
    if isinstance(value, Path):
        return str(value)
    return str(value)


def _moment(moment: dt.datetime) -> str:
    """A date and time: "2026年11月29日 10:00" / "29 Nov 2026 10:00"."""
    return f"{i18n.format_date(moment.date(), weekday=False)} {i18n.format_time(moment)}"


def block_text(block: Block, tz: dt.tzinfo) -> str:
    """How a person recognises a block: kind, label and times, in the UI's language."""
    start = dt.datetime.fromtimestamp(block.started_at, tz)
    if block.ended_at is None:
        span = QCoreApplication.translate("Errors", "since {0}").format(_moment(start))
    else:
        end = dt.datetime.fromtimestamp(block.ended_at, tz)
        tail = i18n.format_time(end) if end.date() == start.date() else _moment(end)
        span = f"{_moment(start)}–{tail}"
    kind = kind_label(block.kind)
    if not block.label:
        return QCoreApplication.translate("Errors", "{0}, {1}").format(kind, span)
    return QCoreApplication.translate("Errors", "{0} “{1}”, {2}").format(kind, block.label, span)


def _backup_text(backup: object, path: object) -> str:
    """Where the newest backup is and how to put it back (or that there is none)."""
    if backup is None:
        return QCoreApplication.translate("Errors", "no backup exists yet")
    name = Path(str(path)).name if path is not None else ""
    return QCoreApplication.translate(
        "Errors",
        "the newest backup is {0}; to go back to it, quit Growth Tracker and copy that file "
        "over {1} (delete {2}-wal and {2}-shm beside it if they exist)",
    ).format(backup, path, name)


def _setting_name(key: str) -> str:
    """A setting's key as the settings dialog names it."""
    names = {
        "away_minutes": QCoreApplication.translate("Errors", "Away after"),
        "remind_untracked": QCoreApplication.translate("Errors", "The untracked reminder"),
        "language": QCoreApplication.translate("Errors", "The language"),
        "tray_click": QCoreApplication.translate("Errors", "The tray click"),
        "start_at_login": QCoreApplication.translate("Errors", "Start at login"),
    }
    return names.get(key, key)


def idle_reason(source: object) -> str:
    """Why an idle source gives no idle time, in the UI's language ("" when it does)."""
    if getattr(source, "available", False):
        return ""
    if getattr(source, "code", None) is None:
        return str(getattr(source, "reason", ""))
    return describe(source)
