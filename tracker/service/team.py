"""The team view: share this person's figures into a team folder and read everybody's
(docs/architecture.md §17).

Only what the person chose is written, never a private label, never block times, notes or
reflections; only this person's own file is ever written or removed. The person id is
random, made once, and travels with sync (§16): two PCs of one person agree on the earliest
made id (ties by device id), and a PC whose id changes removes the file of its old id.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.domain.model import TrackerError, ValidationError, clean_label
from tracker.domain.settings import parse_setting
from tracker.domain.team import (
    PersonClaim,
    ShareChoice,
    ShareFile,
    TeamView,
    build_team_view,
    days_from_blocks,
    earliest_claim,
    share_payload,
    share_window,
)
from tracker.io import syncfiles, teamfiles
from tracker.service.reports import Reports
from tracker.service.sync import Sync, SyncOutcome

if TYPE_CHECKING:  # CSV is loaded when a team export is made, not at start
    from tracker.io.csvformat import Encoding, Header
    from tracker.io.export import ExportResult

PERSON_KEY = "team_person_id"
CREATED_KEY = "team_person_created"
PRIVATE_KEY = "team_private"
ALIASES_KEY = "team_aliases"
SHARED_AT_KEY = "team_shared_at"
SHARED_DIGEST_KEY = "team_shared_digest"
# The tray shares by itself after changes, at most this often (the issue: "every few minutes").
SHARE_EVERY_S = 300


@dataclass(frozen=True, slots=True)
class TeamShareOutcome:
    """What ``team_share`` wrote: the file, how many days and distinct labels it holds;
    ``written`` is False when ``changed_only`` found nothing new to write."""

    path: Path
    days: int
    labels: int
    written: bool = True


class Team(Sync, Reports):
    # -- identity -------------------------------------------------------------------------

    def team_person_id(self) -> str:
        """This person's id in the team folder: random, made once (and agreed across the
        person's PCs by sync)."""
        return self._person_claim().person

    def _person_claim(self) -> PersonClaim:
        person = self._stored_setting(PERSON_KEY)
        created = self._stored_setting(CREATED_KEY)
        if person and created and created.isdigit():
            return PersonClaim(person, int(created), self.device_id())
        claim = PersonClaim(uuid.uuid4().hex, self.clock.now(), self.device_id())
        self._set_internal(PERSON_KEY, claim.person)
        self._set_internal(CREATED_KEY, str(claim.created))
        return claim

    def _set_internal(self, key: str, value: str) -> None:
        self.store.set_setting(key, value)
        self._settings_changed()

    def _device_extras(self) -> dict[str, Any]:
        claim = self._person_claim()
        marks = tuple((label, p, at) for label, (p, at) in sorted(self._private_marks().items()))
        return {"person": claim.person, "person_created": claim.created, "team_private": marks}

    def sync(
        self,
        new_device: bool = False,
        heartbeat_every: int = 0,
        device_written_at: int | None = None,
    ) -> SyncOutcome:
        """Sync (§16), then agree on one person id with this person's other PCs."""
        outcome = super().sync(new_device, heartbeat_every, device_written_at)
        self._merge_person(outcome.folder)
        return outcome

    def _merge_person(self, sync_folder: Path) -> None:
        """Agree with this person's other PCs (the devices in the sync folder) on one person
        id and on which labels are private (per label the latest mark wins)."""
        mine = self._person_claim()
        claims = [mine]
        marks = self._private_marks()
        merged = dict(marks)
        for device in syncfiles.device_ids(sync_folder):
            info = syncfiles.read_device(sync_folder, device)
            if info is None or info.device == mine.device:
                continue
            if info.person:
                claims.append(PersonClaim(info.person, info.person_created, info.device))
            for label, private, at in info.team_private:
                # the later mark wins; at the same second, private (the safe side)
                if (at, private) > tuple(reversed(merged.get(label, (False, -1)))):
                    merged[label] = (private, at)
        winner = earliest_claim(claims)
        if winner.person != mine.person:
            self._set_internal(PERSON_KEY, winner.person)
            self._set_internal(CREATED_KEY, str(winner.created))
            self._set_internal(SHARED_DIGEST_KEY, "")  # share again under the agreed id
            folder = self._team_folder()
            if folder is not None:
                # the folder may be away now: the old file is named in the view until back
                with contextlib.suppress(OSError):
                    teamfiles.remove_person(folder, mine.person)
        if merged != marks:
            self._save_marks(merged)
            if any(p and not marks.get(k, (False, 0))[0] for k, (p, _) in merged.items()):
                # a label went private on another PC: out of the folder now; if the folder
                # is away, the next share (its content changed) takes it out
                with contextlib.suppress(TrackerError):
                    self._reshare_if_shared()

    # -- settings -------------------------------------------------------------------------

    def set_setting(self, key: str, text: str) -> None:
        """A team folder must be a folder this PC can write in (checked before it is kept)."""
        if key == "team_folder" and text.strip():
            folder = parse_setting(key, text)  # its own words for a path that is no path
            self._check_team_folder(Path(folder).expanduser())
        super().set_setting(key, text)

    def _team_folder(self) -> Path | None:
        text = str(self.setting("team_folder"))
        return Path(text).expanduser() if text else None

    def _check_team_folder(self, folder: Path) -> None:
        try:
            if not folder.is_dir():
                raise FileNotFoundError(2, "no such folder")
            teamfiles.team_root(folder).mkdir(exist_ok=True)
        except OSError as exc:
            raise TrackerError(
                code="team_folder_unusable",
                params={"folder": folder, "reason": exc.strerror or str(exc)},
            ) from None

    def team_private_labels(self) -> list[str]:
        return sorted(label for label, (private, _) in self._private_marks().items() if private)

    def team_set_private(self, label: str, private: bool) -> None:
        """Mark a label never shared (or shareable again). Making one private rewrites this
        person's file at once if it is in the folder, so the label leaves it now; the mark
        travels to this person's other PCs with sync."""
        text = self._team_label(label)
        marks = self._private_marks()
        if marks.get(text, (False, 0))[0] == private:
            return
        marks[text] = (private, self.clock.now())
        self._save_marks(marks)
        if private:
            self._reshare_if_shared()

    def _private_marks(self) -> dict[str, tuple[bool, int]]:
        """label → (private, when marked); a label marked public again stays, so the mark
        wins over an older "private" from another PC."""
        raw = self._json_value(PRIVATE_KEY)
        marks: dict[str, tuple[bool, int]] = {}
        if isinstance(raw, dict):
            for label, value in raw.items():
                if isinstance(value, list) and len(value) == 2:
                    marks[str(label)] = (bool(value[0]), int(value[1]))
        return marks

    def _save_marks(self, marks: dict[str, tuple[bool, int]]) -> None:
        data = {label: [p, at] for label, (p, at) in sorted(marks.items())}
        self._set_internal(PRIVATE_KEY, json.dumps(data, ensure_ascii=False))

    def _reshare_if_shared(self) -> None:
        """Rewrite this person's file now if it is in the folder (a label just went private)."""
        folder = self._team_folder()
        if (
            folder is not None
            and str(self.setting("team_name"))
            and teamfiles.person_path(folder, self.team_person_id()).exists()
        ):
            self.team_share()

    def team_aliases(self) -> dict[str, str]:
        raw = self._json_value(ALIASES_KEY)
        return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}

    def team_set_alias(self, label: str, to: str | None) -> None:
        """Count routine label ``label`` as ``to`` in the team's hotspots (None: as itself).
        Only this PC's view changes; nothing of it is shared."""
        text = self._team_label(label)
        aliases = self.team_aliases()
        if to is None:
            aliases.pop(text, None)
        else:
            target = self._team_label(to)
            if target == text:
                raise ValidationError(code="team_alias_self", params={"label": text})
            aliases[text] = target
        self._set_internal(ALIASES_KEY, json.dumps(aliases, ensure_ascii=False, sort_keys=True))

    def _team_label(self, label: str) -> str:
        text = clean_label(label)
        if not text:
            raise ValidationError(code="team_label_empty")
        return text

    def _json_value(self, key: str) -> object:
        """An internal setting kept as JSON (None when unset or unreadable)."""
        raw = self._stored_setting(key)
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return None

    # -- sharing --------------------------------------------------------------------------

    def team_preview(self) -> ShareFile:
        """Exactly what ``team_share`` would write now."""
        today = self.today()
        first, last = share_window(today)
        grid = self.grid(first, last)
        now = self.clock.now()
        days = days_from_blocks(self._counted_between(grid.start, grid.end), grid, now)
        choice = ShareChoice(
            totals=bool(self.setting("team_share_totals")),
            learning=bool(self.setting("team_share_learning")),
            hotspots=bool(self.setting("team_share_hotspots")),
            private=frozenset(self.team_private_labels()),
        )
        target = max(1, min(100, round(float(self.setting("target")) * 100)))
        name = str(self.setting("team_name"))
        return share_payload(self.team_person_id(), name, target, now, days, choice, today)

    def team_share(self, changed_only: bool = False) -> TeamShareOutcome:
        """Write this person's file into the team folder (atomically; only theirs).

        ``changed_only`` (the tray's own sharing): skip the write when nothing but the time
        changed since the last one."""
        if not str(self.setting("team_name")):
            raise ValidationError(code="team_name_missing")
        folder = self._team_folder()
        if folder is None:
            raise ValidationError(code="team_folder_missing")
        share = self.team_preview()
        path = teamfiles.person_path(folder, share.person)
        labels = len({k for d in share.days for k in (*d.growth, *d.task)})
        digest = _digest(share)
        if changed_only and digest == self._stored_setting(SHARED_DIGEST_KEY) and path.exists():
            self._set_internal(SHARED_AT_KEY, str(share.updated))  # looked: due again later
            return TeamShareOutcome(path, len(share.days), labels, written=False)
        self._check_team_folder(folder)
        try:
            teamfiles.write_share(folder, share)
        except (TrackerError, OSError) as exc:
            raise TrackerError(
                code="team_folder_unusable", params={"folder": folder, "reason": _reason(exc)}
            ) from None
        self._set_internal(SHARED_AT_KEY, str(share.updated))
        self._set_internal(SHARED_DIGEST_KEY, digest)
        return TeamShareOutcome(path, len(share.days), labels)

    def team_share_due(self, now: int) -> bool:
        """Whether the tray should share now: a folder and a name are set and the last share
        is at least ``SHARE_EVERY_S`` old (the tray then calls ``team_share(changed_only=True)``,
        which writes only if something changed)."""
        if not str(self.setting("team_folder")) or not str(self.setting("team_name")):
            return False
        last = self._stored_setting(SHARED_AT_KEY)
        return not (last and last.isdigit()) or now - int(last) >= SHARE_EVERY_S

    def team_leave(self) -> Path | None:
        """Remove this person's file (and its conflict copies) and stop sharing; returns
        the file's path, None when there was none."""
        folder = self._team_folder()
        if folder is None:
            return None
        person = self.team_person_id()
        try:
            removed = teamfiles.remove_person(folder, person)
        except OSError as exc:
            raise TrackerError(
                code="team_folder_unusable",
                params={"folder": folder, "reason": exc.strerror or str(exc)},
            ) from None
        self.set_setting("team_folder", "")
        self._set_internal(SHARED_DIGEST_KEY, "")
        return teamfiles.person_path(folder, person) if removed else None

    # -- the view -------------------------------------------------------------------------

    def team_view(self, first: dt.date, last: dt.date) -> TeamView:
        folder = self._team_folder()
        if folder is None:
            raise ValidationError(code="team_folder_missing")
        if last < first:
            raise ValidationError(code="range_reversed", params={"first": first, "last": last})
        if not folder.is_dir():
            raise TrackerError(
                code="team_folder_unusable",
                params={"folder": folder, "reason": "no such folder"},
            )
        found = teamfiles.read_folder(folder)
        return build_team_view(
            found.files,
            first,
            last,
            me=self.team_person_id(),
            today=self.today(),
            aliases=self.team_aliases(),
            unreadable=[(u.path.name, u.reason) for u in found.unreadable],
        )

    def team_csv(
        self,
        first: dt.date,
        last: dt.date,
        encoding: Encoding = "utf-8-sig",
        header: Header = "en",
    ) -> ExportResult:
        """The team view as CSV bytes, with the personal export's Excel rules (§6.4)."""
        from tracker.io import export

        view = self.team_view(first, last)
        total = len(view.people) + len(view.weeks) + len(view.learning) + len(view.hotspots)
        return export.render("team", export.team_rows(view), total, encoding, header)


def _reason(exc: TrackerError | OSError) -> str:
    """The system's own words for a failed write ("Permission denied", "No space left")."""
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc.params.get("reason") or exc)


def _digest(share: ShareFile) -> str:
    """The file's content but its time: an unchanged day need not be written again."""
    import hashlib

    body = teamfiles.encode(ShareFile(share.person, share.name, share.target, 0, share.days))
    return hashlib.sha256(body).hexdigest()
