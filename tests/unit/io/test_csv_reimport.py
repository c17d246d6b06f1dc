"""Re-importing an export into the database it came from: a no-op, or a clear refusal.

The rule (``tracker.io.plan.plan_import``): a row whose id is stored is that block. It is
already there when the stored block has the same kind, label and note and spans at least
the row's time (a ``--split-days`` part of it); when the two share time but differ, the
import is refused naming the id. A row without an id is already there only on an exact
match (start, end, kind, label and note).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from csv_support import at, content

from tracker.domain.model import Kind
from tracker.io.csvformat import CsvImportError
from tracker.io.export import ExportOptions
from tracker.service import TrackerService


def export(service: TrackerService, path: Path, **options: object) -> Path:
    service.write_csv(path, ExportOptions(**options))  # type: ignore[arg-type]
    return path


def refusal(service: TrackerService, path: Path) -> list[str]:
    before = content(service.store.all_blocks())
    with pytest.raises(CsvImportError) as caught:
        service.import_csv(path)
    assert content(service.store.all_blocks()) == before
    return caught.value.lines()


@pytest.fixture
def nights(service: TrackerService) -> TrackerService:
    """Blocks across the 04:00 day start, and one inside a day."""
    service.add_block(Kind.GROWTH, at(10, 22), at(12, 6), "二晩", "long")  # 10th–12th
    service.add_block(Kind.TASK, at(12, 6), at(12, 7), "next")
    service.add_block(Kind.TASK, at(13, 2), at(13, 5), "early", "before the day start")
    return service


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (dt.date(2023, 11, 11), dt.date(2023, 11, 11)),  # the middle day of the long block
        (dt.date(2023, 11, 10), dt.date(2023, 11, 10)),  # its first part only
        (dt.date(2023, 11, 12), dt.date(2023, 11, 12)),  # its last part and the next block
        (dt.date(2023, 11, 11), dt.date(2023, 11, 13)),
    ],
)
def test_a_ranged_split_days_export_reimports_as_a_no_op(
    nights: TrackerService, tmp_path: Path, first: dt.date, last: dt.date
) -> None:
    path = export(nights, tmp_path / "range.csv", first=first, last=last, split_days=True)
    before = content(nights.store.all_blocks())
    outcome = nights.import_csv(path)
    assert outcome.imported == 0 and outcome.already_there >= 1
    assert content(nights.store.all_blocks()) == before


def test_a_whole_split_days_export_is_still_a_no_op(nights: TrackerService, tmp_path: Path) -> None:
    path = export(nights, tmp_path / "all.csv", split_days=True)
    outcome = nights.import_csv(path)
    assert (outcome.imported, outcome.already_there) == (0, 3)


def test_an_older_export_after_a_label_edit_names_the_id(
    service: TrackerService, tmp_path: Path
) -> None:
    block = service.add_block(Kind.TASK, at(14, 9), at(14, 10), "old label")
    path = export(service, tmp_path / "old.csv")
    service.edit_block(block.id, label="new label")
    assert refusal(service, path) == [
        f"line 2: id {block.id} exists with different content (label 'new label' in the "
        "database, 'old label' in the file); remove the row to keep the stored block, or "
        f"delete block {block.id} first to import the file's"
    ]


def test_a_row_differing_only_in_the_note_is_not_already_there(
    service: TrackerService, tmp_path: Path
) -> None:
    block = service.add_block(Kind.TASK, at(14, 9), at(14, 10), "same", "the file's note")
    path = export(service, tmp_path / "note.csv")
    service.edit_block(block.id, note="edited since")
    [line] = refusal(service, path)
    assert line.startswith(f"line 2: id {block.id} exists with different content (another note)")
    assert service.store.get(block.id).note == "edited since"  # nothing dropped silently


def test_a_row_without_id_differing_only_in_the_note_overlaps(
    service: TrackerService, tmp_path: Path
) -> None:
    service.add_block(Kind.TASK, at(14, 9), at(14, 10), "same", "stored note")
    path = tmp_path / "noid.csv"
    path.write_text(
        "start,end,kind,label,note\r\n"
        "2023-11-14T09:00:00+09:00,2023-11-14T10:00:00+09:00,task,same,another note\r\n",
        encoding="utf-8",
    )
    [line] = refusal(service, path)
    assert line.startswith("line 2: overlaps block 1 (task 'same', 2023-11-14 09:00–10:00)")
    path.write_text(
        "start,end,kind,label,note\r\n"
        "2023-11-14T09:00:00+09:00,2023-11-14T10:00:00+09:00,task,same,stored note\r\n",
        encoding="utf-8",
    )
    assert service.import_csv(path).already_there == 1


def test_an_older_export_after_shortening_a_block_shows_both_spans(
    service: TrackerService, tmp_path: Path
) -> None:
    block = service.add_block(Kind.GROWTH, at(14, 9), at(14, 11), "勉強")
    path = export(service, tmp_path / "old.csv")
    service.edit_block(block.id, end=at(14, 10), kind=Kind.TASK)
    [line] = refusal(service, path)
    assert line.startswith(
        f"line 2: id {block.id} exists with different content (kind task in the database, "
        "growth in the file; 2023-11-14 09:00–10:00 in the database, 2023-11-14 09:00–11:00 "
        "in the file); "
    )


def test_a_lengthened_block_still_takes_its_older_row_as_already_there(
    service: TrackerService, tmp_path: Path
) -> None:
    block = service.add_block(Kind.TASK, at(14, 9), at(14, 10), "請求書")
    path = export(service, tmp_path / "old.csv")
    service.edit_block(block.id, end=at(14, 10, 30))
    assert service.import_csv(path).already_there == 1
    assert service.store.get(block.id).ended_at == at(14, 10, 30)


def test_an_id_of_another_database_with_other_times_is_a_new_block(
    service: TrackerService, other_service: TrackerService, tmp_path: Path
) -> None:
    service.add_block(Kind.TASK, at(14, 9), at(14, 10), "")  # id 1 here …
    other_service.add_block(Kind.TASK, at(13, 9), at(13, 10), "")  # … and id 1 there
    path = export(service, tmp_path / "pc.csv")
    assert other_service.import_csv(path).imported == 1
    assert [(b.id, b.started_at) for b in other_service.store.all_blocks()] == [
        (1, at(13, 9)),
        (2, at(14, 9)),
    ]
    assert other_service.import_csv(path).already_there == 1  # and again: a no-op
