"""Who this person is in the team view, and what they keep to themselves (§17): the
random person id agreed across their PCs through sync, the private labels (also agreed
across their PCs: per label the latest mark wins) and the aliases of routine labels (this
PC's view only). The team folder setting is checked here too.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import uuid
from pathlib import Path
from typing import Any

from tracker.domain.model import TrackerError, ValidationError, clean_label
from tracker.domain.settings import parse_setting
from tracker.domain.team import PersonClaim, earliest_claim
from tracker.io import syncfiles, teamfiles
from tracker.service.sync import Sync, SyncOutcome

PERSON_KEY = "team_person_id"
CREATED_KEY = "team_person_created"
PRIVATE_KEY = "team_private"
ALIASES_KEY = "team_aliases"
SHARED_DIGEST_KEY = "team_shared_digest"


class TeamIdentity(Sync):
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

    def _team_folder_present(self, folder: Path) -> None:
        """The team folder is there and is a folder (all that reading it needs)."""
        if folder.is_dir():
            return
        if folder.exists():  # a file, a FIFO or a device typed in as the folder
            reason = os.strerror(errno.ENOTDIR)
            raise TrackerError(
                code="team_folder_unusable", params={"folder": folder, "reason": reason}
            )
        # removed, renamed, or its drive not connected now
        raise TrackerError(code="team_folder_unusable", variant="gone", params={"folder": folder})

    def _check_team_folder(self, folder: Path) -> None:
        """... and this PC can write in it."""
        self._team_folder_present(folder)
        try:
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
            try:
                self._reshare_if_shared()
            except TrackerError as exc:  # the mark is kept: say so, and that the file lags
                if exc.code != "team_folder_unusable":
                    raise
                raise TrackerError(
                    code="team_private_not_reshared",
                    variant="gone" if exc.variant == "gone" else None,
                    params={"label": text, **exc.params},
                ) from None

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
        """A label just went private: the sharing part rewrites this person's file now."""

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
