"""The Team part of the service (docs/architecture.md §17): what is shared, when the tray
shares, the settings' checks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind, TrackerError, ValidationError
from tracker.io import teamfiles
from tracker.service import TrackerService
from tracker.service.team import SHARE_EVERY_S


@pytest.fixture
def sharing(service: TrackerService, tmp_path: Path) -> TrackerService:
    now = service.clock.now()
    service.add_block(Kind.TASK, now - 7200, now - 3600, "請求書チェック")
    service.add_block(Kind.GROWTH, now - 3600, now - 1800, "IFRS勉強", note="P.35まで")
    (tmp_path / "team").mkdir()
    service.set_setting("team_folder", str(tmp_path / "team"))
    service.set_setting("team_name", "佐藤")
    return service


def test_the_tray_shares_after_changes_at_most_every_few_minutes(
    sharing: TrackerService, fake_clock: FakeClock
) -> None:
    svc = sharing
    first = svc.team_share()  # the first share: the person's own, after the preview
    assert first.written and first.path.exists()
    assert not svc.team_share_due(fake_clock.now() + SHARE_EVERY_S - 1)
    fake_clock.advance(SHARE_EVERY_S)
    assert svc.team_share_due(fake_clock.now())
    assert not svc.team_share(changed_only=True).written  # nothing new: not rewritten
    assert not svc.team_share_due(fake_clock.now())  # looked: not due again at once
    now = fake_clock.now()
    svc.add_block(Kind.GROWTH, now - 600, now, "RPA研修")
    fake_clock.advance(SHARE_EVERY_S)
    assert svc.team_share(changed_only=True).written
    assert "RPA研修" in first.path.read_text(encoding="utf-8")


def test_nothing_is_due_until_the_person_shared_into_this_folder(
    sharing: TrackerService, fake_clock: FakeClock, tmp_path: Path
) -> None:
    svc = sharing
    later = fake_clock.now() + 10 * SHARE_EVERY_S
    assert not svc.team_has_shared() and not svc.team_share_due(later)
    svc.team_preview()  # looking is not sharing
    assert not svc.team_share_due(later)
    svc.team_share()
    assert svc.team_has_shared() and svc.team_share_due(later)
    (tmp_path / "other team").mkdir()
    svc.set_setting("team_folder", str(tmp_path / "other team"))
    assert not svc.team_has_shared() and not svc.team_share_due(later)  # a new folder
    svc.set_setting("team_folder", str(tmp_path / "team"))
    assert svc.team_share_due(later)  # back where the person shared
    assert svc.team_leave() is not None
    svc.set_setting("team_folder", str(tmp_path / "team"))
    assert not svc.team_share_due(later)  # joined again: the preview comes first again


def test_nothing_due_without_a_folder_or_a_name(service: TrackerService) -> None:
    assert not service.team_share_due(service.clock.now())
    service.set_setting("team_name", "佐藤")
    assert not service.team_share_due(service.clock.now())


def test_what_to_share_is_honoured(sharing: TrackerService) -> None:
    sharing.set_setting("team_share_learning", "off")
    [day] = sharing.team_preview().days
    assert (day.growth, day.task) == ({}, {"請求書チェック": 3600})
    sharing.set_setting("team_share_hotspots", "off")
    sharing.set_setting("team_share_totals", "off")
    assert sharing.team_preview().days == ()  # nothing left to share
    assert sharing.setting_text("team_share_totals") == "off"
    with pytest.raises(ValidationError, match="must be one of: on, off"):
        sharing.set_setting("team_share_totals", "maybe")


def test_a_label_made_private_leaves_the_folder_at_once(sharing: TrackerService) -> None:
    path = sharing.team_share().path
    assert "IFRS勉強" in path.read_text(encoding="utf-8")
    sharing.team_set_private("IFRS勉強", True)
    text = path.read_text(encoding="utf-8")
    assert "IFRS勉強" not in text and "P.35" not in text
    assert json.loads(text)["days"][0]["growth_s"] == 1800  # its time stays in the total
    sharing.team_set_private("IFRS勉強", False)
    assert sharing.team_private_labels() == []


def test_conflict_copies_of_ones_own_file_go_with_the_next_share(sharing: TrackerService) -> None:
    path = sharing.team_share().path
    copy = path.with_name(f"{path.stem} (conflicted copy 2026-12-04).json")
    copy.write_bytes(path.read_bytes())  # a sync service kept the label in a copy
    sharing.team_set_private("IFRS勉強", True)
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    assert "IFRS勉強" not in path.read_text(encoding="utf-8")


def test_settings_and_labels_are_checked(service: TrackerService, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as name:
        service.set_setting("team_name", "x" * 65)
    assert name.value.code == "team_name_bad"
    with pytest.raises(TrackerError) as folder:
        service.set_setting("team_folder", str(tmp_path / "missing"))
    assert folder.value.code == "team_folder_unusable"
    assert str(tmp_path / "missing") in str(folder.value)
    with pytest.raises(ValidationError) as text:
        service.set_setting("team_folder", "a\nb")
    assert text.value.code == "team_folder_text"
    with pytest.raises(ValidationError) as empty:
        service.team_set_private("  ", True)
    assert empty.value.code == "team_label_empty"
    with pytest.raises(ValidationError) as itself:
        service.team_set_alias("経費精算", " 経費精算 ")
    assert itself.value.code == "team_alias_self"
    service.team_set_alias("請求書確認", "請求書チェック")
    assert service.team_aliases() == {"請求書確認": "請求書チェック"}
    service.team_set_alias("請求書確認", None)
    assert service.team_aliases() == {}
    with pytest.raises(ValidationError) as off:
        service.team_view(service.today(), service.today())
    assert off.value.code == "team_folder_missing"


def test_the_person_id_is_made_once(service: TrackerService) -> None:
    person = service.team_person_id()
    assert teamfiles.PERSON_ID.fullmatch(person)
    assert service.team_person_id() == person


def test_a_folder_gone_or_a_folder_in_the_files_place_is_named(
    sharing: TrackerService, tmp_path: Path
) -> None:
    path = teamfiles.person_path(tmp_path / "team", sharing.team_person_id())
    path.mkdir()  # someone made a folder where the file goes (the team root is made by config)
    with pytest.raises(TrackerError) as folder_there:
        sharing.team_share()
    assert folder_there.value.code == "team_folder_unusable"
    assert str(tmp_path / "team") in str(folder_there.value)
    path.rmdir()
    path.parent.rmdir()
    (tmp_path / "team").rmdir()  # the share went away (a drive not mounted)
    for call in (sharing.team_share, lambda: sharing.team_view(sharing.today(), sharing.today())):
        with pytest.raises(TrackerError) as gone:
            call()
        assert gone.value.code == "team_folder_unusable"
        assert "no such folder" in str(gone.value)
    assert sharing.setting_text("team_folder") == str(tmp_path / "team")  # nothing lost


def test_a_label_made_private_while_the_folder_is_away_is_kept_and_the_lag_said(
    sharing: TrackerService, tmp_path: Path
) -> None:
    mine = sharing.team_share().path
    shutil.move(tmp_path / "team", tmp_path / "away")  # the network drive is not connected
    with pytest.raises(TrackerError) as private:
        sharing.team_set_private("IFRS勉強", True)
    assert (private.value.code, private.value.variant) == ("team_private_not_reshared", "gone")
    assert str(private.value).startswith("'IFRS勉強' is now private, but the team folder ")
    assert "nothing was changed" not in str(private.value)
    assert sharing.team_private_labels() == ["IFRS勉強"]  # the mark is kept
    shutil.move(tmp_path / "away", tmp_path / "team")  # back: the next share drops the label
    assert "IFRS勉強" in mine.read_text("utf-8")
    sharing.team_share()
    assert "IFRS勉強" not in mine.read_text("utf-8")
