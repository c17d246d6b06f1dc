"""The files in the sync folder: each device's change log and heartbeat (§16).

Layout: ``<sync folder>/growth-tracker/<device id>/`` holds one device's files, written by
that device only: batches ``<seq:08d>-<UTC time>-<digest>.jsonl`` (new files, never
rewritten) and
``device.json`` (its name and last-seen time, replaced atomically). Everything is written
to a dot-name first and renamed (``write_atomic``); dot-names are never read.

A batch is JSON Lines in UTF-8: a header line, one line per op, and a last line holding
the number of ops and the SHA-256 of every byte before it. A file that does not read whole
(half synced, still being written, damaged) is reported by name and read again next time.
Any ``*.jsonl`` name counts, so the copies sync services make (``x (conflicted copy).jsonl``,
``x-PCNAME.jsonl``, ``x.sync-conflict-….jsonl``) are read too: they hold the same ops again,
and merging the same op twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.domain.model import LABEL_MAX, NOTE_MAX, Kind
from tracker.domain.sync import BlockVersion, NoteVersion, Op, TargetVersion
from tracker.io.files import read_regular as _read
from tracker.io.files import write_atomic

ROOT = "growth-tracker"
FORMAT = "growth-tracker-sync"
VERSION = 1
DEVICE_FILE = "device.json"
MAX_BATCH_BYTES = 64 * 1024 * 1024  # a year of blocks is ~1 MB
DEVICE_ID = re.compile(r"[0-9a-f]{32}")
PERSON_ID = DEVICE_ID  # the team view's person id (§17): the same form


@dataclass(frozen=True, slots=True)
class Batch:
    device: str
    seq: int
    digest: str
    ops: tuple[Op, ...]
    path: Path
    data: bytes = b""


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file that could not be read whole now (it is tried again on the next sync)."""

    path: Path
    reason: str


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    device: str
    name: str
    last_seen: int | None
    adopted: tuple[tuple[str, int, str], ...] = ()  # (old device, seq, digest) it wrote
    person: str = ""  # the team view's person id on that PC (§17), and when it was made
    person_created: int = 0
    team_private: tuple[tuple[str, bool, int], ...] = ()  # (label, private, when marked)


def device_folder(sync_folder: Path, device: str) -> Path:
    return sync_folder / ROOT / device


def batch_name(seq: int, at: int, digest: str) -> str:
    """``<seq>-<UTC time>-<digest prefix>.jsonl``: two PCs writing as one device (a copied
    database) never give two different batches the same name, so neither overwrites the
    other and a name already read always means the same content."""
    stamp = dt.datetime.fromtimestamp(at, dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{seq:08d}-{stamp}-{digest[:12]}.jsonl"


def encode_op(op: Op) -> dict[str, Any]:
    if isinstance(op, BlockVersion):
        base = {"gid": op.gid, "device": op.device, "edited_at": op.edited_at, "origin": op.origin}
        if op.deleted:
            return {"op": "delete", **base}
        return {
            "op": "block",
            **base,
            "kind": op.kind.value,
            "label": op.label,
            "note": op.note,
            "start": op.started_at,
            "end": op.ended_at,
        }
    if isinstance(op, NoteVersion):
        return {"op": "note", "day": op.day, "note": op.note, "device": op.device,
                "edited_at": op.edited_at}  # fmt: skip
    return {"op": "target", "day": op.day, "target": op.target, "device": op.device,
            "edited_at": op.edited_at}  # fmt: skip


def encode_batch(device: str, seq: int, at: int, ops: list[Op]) -> bytes:
    lines = [json.dumps({"format": FORMAT, "version": VERSION, "device": device, "seq": seq,
                         "written_at": at}, ensure_ascii=False)]  # fmt: skip
    lines += [json.dumps(encode_op(op), ensure_ascii=False) for op in ops]
    body = ("\n".join(lines) + "\n").encode("utf-8")
    tail = json.dumps({"end": len(ops), "sha256": _digest(body)})
    return body + tail.encode("ascii") + b"\n"


def prepare_batch(sync_folder: Path, device: str, seq: int, at: int, ops: list[Op]) -> Batch:
    """The batch as it will be written, with its digest (recorded before the write, so
    finding the file later never looks like another PC writing as this one)."""
    data = encode_batch(device, seq, at, ops)
    digest = _digest(data)
    path = device_folder(sync_folder, device) / batch_name(seq, at, digest)
    return Batch(device, seq, digest, tuple(ops), path, data)


def write_batch(batch: Batch) -> None:
    """Write one new batch file, atomically and owner-only."""
    _make_folder(batch.path.parent)
    write_atomic(batch.path, batch.data)


def _make_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)


def _digest(data: bytes) -> str:
    import hashlib  # here: OpenSSL's libcrypto (3 MB) loads only when sync is used

    return hashlib.sha256(data).hexdigest()


def write_device(sync_folder: Path, info: DeviceInfo) -> None:
    folder = device_folder(sync_folder, info.device)
    _make_folder(folder)
    data = {"format": FORMAT, "device": info.device, "name": info.name,
            "last_seen": info.last_seen, "adopted": [list(a) for a in info.adopted]}  # fmt: skip
    if info.person:
        data |= {"person": info.person, "person_created": info.person_created}
    if info.team_private:
        data["team_private"] = [list(p) for p in info.team_private]
    write_atomic(folder / DEVICE_FILE, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def device_ids(sync_folder: Path) -> list[str]:
    root = sync_folder / ROOT
    try:
        names = sorted(os.listdir(root))
    except FileNotFoundError:
        return []
    return [n for n in names if DEVICE_ID.fullmatch(n) and (root / n).is_dir()]


def read_device(sync_folder: Path, device: str) -> DeviceInfo | None:
    """A device's ``device.json``; None while it is missing or does not read whole."""
    try:
        raw = json.loads(_read(device_folder(sync_folder, device) / DEVICE_FILE, 1024 * 1024))
        name = raw["name"]
        seen = raw.get("last_seen")
        adopted = tuple((str(d), int(s), str(h)) for d, s, h in raw.get("adopted", []))
        if not isinstance(name, str) or not (seen is None or isinstance(seen, int)):
            return None
        person, created = raw.get("person", ""), raw.get("person_created", 0)
        if not (
            isinstance(person, str) and PERSON_ID.fullmatch(person) and isinstance(created, int)
        ):
            person, created = "", 0  # an older version, or none made yet
    except (OSError, ValueError, KeyError, TypeError):
        return None
    private = _team_private(raw.get("team_private"))
    return DeviceInfo(device, name[:LABEL_MAX], seen, adopted, person, created, private)


def _team_private(raw: object) -> tuple[tuple[str, bool, int], ...]:
    """The labels a PC marked private or public for the team view (§17); () if unreadable."""
    if not isinstance(raw, list):
        return ()
    out: list[tuple[str, bool, int]] = []
    try:
        for label, private, at in raw:
            if not isinstance(private, bool):
                return ()
            out.append((_text(label, LABEL_MAX), private, _instant(at)))
    except (ValueError, TypeError):
        return ()
    return tuple(out)


def batch_files(sync_folder: Path, device: str) -> list[Path]:
    """The batch files of one device, by name (dot-names are temporary: never read)."""
    folder = device_folder(sync_folder, device)
    try:
        names = sorted(os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [folder / n for n in names if n.endswith(".jsonl") and not n.startswith(".")]


def read_batch(path: Path, device: str) -> Batch | Unreadable:
    """One batch, checked whole: header, every op, count and checksum."""
    try:
        data = _read(path, MAX_BATCH_BYTES)
    except OSError as exc:
        return Unreadable(path, exc.strerror or str(exc))
    except ValueError:
        return Unreadable(path, "too large")
    try:
        body, _, tail = data.rstrip(b"\n").rpartition(b"\n")
        end = json.loads(tail)
        body += b"\n"
        if _digest(body) != end["sha256"]:
            return Unreadable(path, "incomplete (the checksum does not match yet)")
        lines = body.decode("utf-8").splitlines()
        head = json.loads(lines[0])
        if head.get("format") != FORMAT or head.get("device") != device:
            return Unreadable(path, "not a change log of this device")
        if head.get("version") != VERSION:
            return Unreadable(path, "written by a newer version of Growth Tracker")
        ops = tuple(decode_op(json.loads(line)) for line in lines[1:])
        if len(ops) != end["end"]:
            return Unreadable(path, "incomplete")
        seq = head["seq"]
        if not isinstance(seq, int):
            raise ValueError("seq")
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return Unreadable(path, "incomplete or damaged")
    return Batch(device, seq, _digest(data), ops, path)


def _text(value: object, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError("text")
    return value


def _instant(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**40:
        raise ValueError("instant")
    return value


def _day(value: object) -> str:
    dt.date.fromisoformat(_text(value, 10))
    return str(value)


def decode_op(raw: dict[str, Any]) -> Op:
    kind = raw["op"]
    device = _text(raw["device"], 32)
    edited = _instant(raw["edited_at"])
    if kind in ("block", "delete"):
        gid, origin = _text(raw["gid"], 64), _text(raw["origin"], 32)
        if kind == "delete":
            return BlockVersion(gid, device, edited, origin, deleted=True)
        start = _instant(raw["start"])
        end = None if raw["end"] is None else _instant(raw["end"])
        if end is not None and end <= start:
            raise ValueError("span")
        return BlockVersion(
            gid, device, edited, origin, Kind(raw["kind"]),
            _text(raw["label"], LABEL_MAX), _text(raw["note"], NOTE_MAX), start, end,
        )  # fmt: skip
    if kind == "note":
        return NoteVersion(_day(raw["day"]), _text(raw["note"], 4000), device, edited)
    if kind == "target":
        target = raw["target"]
        if not isinstance(target, (int, float)) or not 0 <= target <= 1:
            raise ValueError("target")
        return TargetVersion(_day(raw["day"]), float(target), device, edited)
    raise ValueError("op")
