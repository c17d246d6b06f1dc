"""The files in the team folder: one per person (docs/architecture.md §17).

Layout: ``<team folder>/growth-tracker-team/<person id>.json``, written by that person only
(both PCs of one person write the same file: the person id travels with sync), replaced
atomically (``write_atomic``: a dot-name, then a rename, 0600). Dot-names are never read.
Any ``*.json`` counts, so the copies sync services make (``x (conflicted copy …).json``,
OneDrive's ``x-PCNAME.json``, Syncthing's ``x.sync-conflict-….json``) are read too; per
person id the newest ``updated`` wins, so a person counts once.

A file is JSON in UTF-8: ``{"format": "growth-tracker-team", "version": 1, "person",
"name", "target", "updated", "days": [{"day", "task_s", "growth_s", "growth": {label:
seconds}, "task": {label: seconds}}]}``. A file that does not read whole (too large, not
JSON, another program's JSON, a newer version, a value out of range, a device or FIFO in its
place, unreadable) is named with the reason and skipped; it never stops the view.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.domain.model import FIRST_YEAR, LABEL_MAX, LAST_YEAR, TrackerError
from tracker.domain.settings import DEVICE_NAME_MAX
from tracker.domain.team import SHARE_DAYS, SharedDay, ShareFile, newest_per_person
from tracker.io.files import read_regular, write_atomic

ROOT = "growth-tracker-team"
FORMAT = "growth-tracker-team"
VERSION = 1
MAX_FILE_BYTES = 4 * 1024 * 1024  # 13 weeks of a busy person's labels are ~100 kB
MAX_LABELS = 200  # per day and kind: more is not a person's day
MAX_DAY_S = 25 * 3600  # the longest tracking day (a DST change) holds 25 hours
SHARED_MODE = 0o644
PERSON_ID = re.compile(r"[0-9a-f]{32}")
# Days and times a file may hold: the years the app itself works in (§4), so a file from a
# PC whose clock is far off (or a made-up one) is named and skipped, never shown as 9999.
FIRST_DAY = dt.date(FIRST_YEAR, 1, 1)
LAST_DAY = dt.date(LAST_YEAR, 12, 31)
LAST_UPDATED = int(dt.datetime(LAST_YEAR, 12, 31, tzinfo=dt.UTC).timestamp())


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file in the team folder that was skipped, and why: a coded error
    (``team_file_unreadable``), English as ``str(reason)``, the user's language in the UI."""

    path: Path
    reason: TrackerError


@dataclass(frozen=True, slots=True)
class TeamFolder:
    """What the folder holds: the newest file per person, every readable file with whose it
    is (conflict copies included: leaving removes them all), and what was skipped."""

    files: tuple[ShareFile, ...]
    paths: tuple[tuple[Path, str], ...]
    unreadable: tuple[Unreadable, ...]


def team_root(folder: Path) -> Path:
    return folder / ROOT


def person_path(folder: Path, person: str) -> Path:
    return team_root(folder) / f"{person}.json"


# -- encoding ----------------------------------------------------------------------------


def encode(share: ShareFile) -> bytes:
    """The file's bytes: UTF-8 JSON, labels as written (no ``\\u`` escapes), one day a line,
    so a person opening it in a text editor sees what is shared."""
    head = {
        "format": FORMAT,
        "version": VERSION,
        "person": share.person,
        "name": share.name,
        "target": share.target,
        "updated": share.updated,
    }
    days = [
        json.dumps(
            {
                "day": d.day.isoformat(),
                "task_s": d.task_s,
                "growth_s": d.growth_s,
                "growth": dict(d.growth),
                "task": dict(d.task),
            },
            ensure_ascii=False,
        )
        for d in share.days
    ]
    text = json.dumps(head, ensure_ascii=False)[:-1] + ', "days": ['
    text += ("\n  " + ",\n  ".join(days) + "\n" if days else "") + "]}\n"
    return text.encode("utf-8")


class BadTeamFile(TrackerError, ValueError):
    """Why a file in the team folder is skipped (code ``team_file_unreadable``)."""


def decode(data: bytes) -> ShareFile:
    """A person's file, checked whole; ``BadTeamFile`` with the reason if not."""
    if len(data) > MAX_FILE_BYTES:
        raise BadTeamFile(code="team_file_unreadable", variant="too_large")
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BadTeamFile(code="team_file_unreadable", variant="not_json") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise BadTeamFile(code="team_file_unreadable", variant="foreign")
    if raw.get("version") != VERSION:
        raise BadTeamFile(code="team_file_unreadable", variant="newer")
    try:
        return _decode(raw)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BadTeamFile(
            code="team_file_unreadable", variant="damaged", params={"detail": str(exc)}
        ) from None


def _decode(raw: dict[str, Any]) -> ShareFile:
    person = raw["person"]
    if not isinstance(person, str) or not PERSON_ID.fullmatch(person):
        raise ValueError("person id")
    name = _text(raw["name"], DEVICE_NAME_MAX, "name")
    if not name.strip():
        raise ValueError("name")
    target = _int(raw["target"], 1, 100, "target")
    updated = _int(raw["updated"], 0, LAST_UPDATED, "updated")
    days_raw = raw["days"]
    if not isinstance(days_raw, list) or len(days_raw) > SHARE_DAYS + 7:
        raise ValueError("days")
    days = tuple(_day(d) for d in days_raw)
    if len({d.day for d in days}) != len(days):
        raise ValueError("a day twice")
    return ShareFile(person, name, target, updated, tuple(sorted(days, key=lambda d: d.day)))


def _int(value: object, low: int, high: int, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(what)
    return value


def _text(value: object, limit: int, what: str) -> str:
    """One line of text as the app itself writes names and labels: no control or format
    characters (a right-to-left override would turn the names around it), as
    ``clean_label`` refuses them."""
    if not isinstance(value, str) or len(value) > limit or any(_control(c) for c in value):
        raise ValueError(what)
    return value


def _control(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf") and ch != "\u200d"  # ZWJ: emoji


def _labels(value: object) -> dict[str, int]:
    if not isinstance(value, dict) or len(value) > MAX_LABELS:
        raise ValueError("labels")
    out: dict[str, int] = {}
    for label, seconds in value.items():
        text = _text(label, LABEL_MAX, "label")
        if not text.strip():
            raise ValueError("label")
        out[text] = _int(seconds, 0, MAX_DAY_S, "label seconds")
    return out


def _day(raw: object) -> SharedDay:
    if not isinstance(raw, dict):
        raise ValueError("day")
    day = dt.date.fromisoformat(_text(raw["day"], 10, "day"))
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError("day")
    task_s = _int(raw["task_s"], 0, MAX_DAY_S, "task_s")
    growth_s = _int(raw["growth_s"], 0, MAX_DAY_S, "growth_s")
    if task_s + growth_s > MAX_DAY_S:
        raise ValueError("day total")
    return SharedDay(day, task_s, growth_s, _labels(raw["growth"]), _labels(raw["task"]))


# -- the folder --------------------------------------------------------------------------


def read_folder(folder: Path) -> TeamFolder:
    """Every person's file in the folder (the newest per person), and what was skipped."""
    root = team_root(folder)
    try:
        names = sorted(os.listdir(root))
    except (FileNotFoundError, NotADirectoryError):
        return TeamFolder((), (), ())
    found: list[ShareFile] = []
    paths: list[tuple[Path, str]] = []
    unreadable: list[Unreadable] = []
    for name in names:
        if name.startswith(".") or not name.lower().endswith(".json"):
            continue  # dot-names are being written; other files are not ours
        path = root / name
        try:
            share = decode(read_regular(path, MAX_FILE_BYTES))
        except FileNotFoundError:
            continue  # removed while the folder was read (its owner left, a sync service)
        except BadTeamFile as exc:
            unreadable.append(Unreadable(path, exc))
            continue
        except ValueError:  # read_regular: more than MAX_FILE_BYTES
            unreadable.append(Unreadable(path, _too_large()))
            continue
        except OSError as exc:
            unreadable.append(Unreadable(path, _os_reason(exc)))
            continue
        found.append(share)
        paths.append((path, share.person))
    return TeamFolder(tuple(newest_per_person(found)), tuple(paths), tuple(unreadable))


def _too_large() -> BadTeamFile:
    return BadTeamFile(code="team_file_unreadable", variant="too_large")


def _os_reason(exc: OSError) -> BadTeamFile:
    """Why the system would not let a file be read: a device, FIFO or folder in its place
    (read_regular refuses those), or the system's own words ("Permission denied")."""
    if exc.errno in (0, errno.EISDIR) or exc.strerror == "not a regular file":
        return BadTeamFile(code="team_file_unreadable", variant="not_regular")
    return BadTeamFile(
        code="team_file_unreadable",
        variant="os",
        params={"reason": exc.strerror or str(exc)},
    )


def write_share(folder: Path, share: ShareFile) -> Path:
    """Write this person's file atomically. The team reads it through the shared folder,
    so it is readable by all (0644): who may enter the folder is the folder's business."""
    root = team_root(folder)
    root.mkdir(exist_ok=True)
    path = person_path(folder, share.person)
    write_atomic(path, encode(share), mode=SHARED_MODE)
    return path


def remove_copies(folder: Path, person: str) -> list[Path]:
    """Remove the conflict copies of this person's file (never the file itself): after a
    whole new file is written they only hold older figures, and maybe a label made private
    since."""
    own = person_path(folder, person)
    removed: list[Path] = []
    for path, who in read_folder(folder).paths:
        if who == person and path != own:
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            removed.append(path)
    return removed


def remove_person(folder: Path, person: str) -> list[Path]:
    """Remove this person's file and its conflict copies; returns what was removed."""
    removed: list[Path] = []
    own = person_path(folder, person)
    targets = {own} | {p for p, who in read_folder(folder).paths if who == person}
    for path in sorted(targets):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    return removed
