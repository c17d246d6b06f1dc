"""The team view: share this person's figures into a team folder and read everybody's
(docs/architecture.md §17).

Only what the person chose is written, never a private label, never block times, notes or
reflections; only this person's own file is ever written or removed. Who the person is and
which labels they keep private: ``team_identity``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.model import TrackerError, ValidationError
from tracker.domain.team import (
    ShareChoice,
    ShareFile,
    TeamView,
    build_team_view,
    days_from_blocks,
    share_payload,
    share_window,
)
from tracker.io import teamfiles
from tracker.service.reports import Reports
from tracker.service.team_identity import SHARED_DIGEST_KEY, TeamIdentity

if TYPE_CHECKING:  # CSV is loaded when a team export is made, not at start
    from tracker.io.csvformat import Encoding, Header
    from tracker.io.export import ExportResult

SHARED_AT_KEY = "team_shared_at"
# The folder this person's last share was written into: the tray shares by itself only
# there, so the first share into any folder is the person's own, after the preview.
SHARED_FOLDER_KEY = "team_shared_folder"
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


class Team(TeamIdentity, Reports):
    def _reshare_if_shared(self) -> None:
        """Rewrite this person's file now if it is in the folder (a label just went private):
        shared from here before (so also when the folder is away now: the person is told the
        file lags), or written there by the person's other PC."""
        folder = self._team_folder()
        if (
            folder is not None
            and str(self.setting("team_name"))
            and (
                self.team_has_shared()
                or teamfiles.person_path(folder, self.team_person_id()).exists()
            )
        ):
            self.team_share()

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
            teamfiles.remove_copies(folder, share.person)
        except (TrackerError, OSError) as exc:
            raise TrackerError(
                code="team_folder_unusable", params={"folder": folder, "reason": _reason(exc)}
            ) from None
        self._set_internal(SHARED_AT_KEY, str(share.updated))
        self._set_internal(SHARED_DIGEST_KEY, digest)
        self._set_internal(SHARED_FOLDER_KEY, str(self.setting("team_folder")))
        return TeamShareOutcome(path, len(share.days), labels)

    def team_has_shared(self) -> bool:
        """Whether this person has shared into the folder now set (Settings → Team shows
        the preview before the first share into a folder; no file I/O: the folder may be a
        slow network share)."""
        folder = str(self.setting("team_folder"))
        # read now, not from the cached settings: the share ran on a worker's connection
        return bool(folder) and self.store.settings().get(SHARED_FOLDER_KEY) == folder

    def team_share_due(self, now: int) -> bool:
        """Whether the tray should share now: a name is set, this person has shared into
        the folder now set before (never the first share: that one follows the preview) and
        the last share is at least ``SHARE_EVERY_S`` old (the tray then calls
        ``team_share(changed_only=True)``, which writes only if something changed)."""
        if not str(self.setting("team_name")) or not self.team_has_shared():
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
        self._set_internal(SHARED_FOLDER_KEY, "")  # joining again starts with the preview
        return teamfiles.person_path(folder, person) if removed else None

    # -- the view -------------------------------------------------------------------------

    def team_view(self, first: dt.date, last: dt.date) -> TeamView:
        folder = self._team_folder()
        if folder is None:
            raise ValidationError(code="team_folder_missing")
        if last < first:
            raise ValidationError(code="range_reversed", params={"first": first, "last": last})
        self._team_folder_present(folder)
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
