"""Bad files are refused as a whole, with each bad row named, and the database unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from csv_support import at, content

from tracker.domain.model import Kind, TrackerError
from tracker.io.csvformat import CsvImportError
from tracker.service import TrackerService

HEADER = "id,date,start,end,duration_min,kind,label,note\r\n"


def row(start: str, end: str, kind: str = "task", label: str = "x", ident: str = "") -> str:
    return f"{ident},,2023-11-{start}+09:00,2023-11-{end}+09:00,,{kind},{label},\r\n"


@pytest.fixture
def existing(service: TrackerService) -> TrackerService:
    service.add_block(Kind.TASK, at(14, 9), at(14, 10), "stored")
    return service


def refused(service: TrackerService, tmp_path: Path, data: bytes | str) -> TrackerError:
    """Import ``data``; it must fail and leave the database exactly as it was."""
    before = content(service.store.all_blocks())
    path = tmp_path / "in.csv"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    with pytest.raises(TrackerError) as caught:
        service.import_csv(path)
    assert content(service.store.all_blocks()) == before
    return caught.value


def problems(exc: TrackerError) -> list[str]:
    assert isinstance(exc, CsvImportError)
    return exc.lines()


def test_each_bad_row_is_named_and_nothing_is_imported(
    existing: TrackerService, tmp_path: Path
) -> None:
    data = (
        HEADER
        + row("13T09:00:00", "13T10:00:00")  # line 2: fine on its own
        + row("13Tnine", "13T10:00:00")  # 3
        + row("13T11:00:00", "13T12:00:00", kind="work")  # 4
        + row("13T13:00:00", "13T12:00:00")  # 5: end before start
        + row("14T09:30:00", "14T09:45:00")  # 6: overlaps the stored block
        + row("13T09:30:00", "13T09:40:00")  # 7: overlaps line 2
        + row("13T20:00:00", "13T21:00:00", ident="abc")  # 8
        + row("16T09:00:00", "16T10:00:00")  # 9: in the future (now is the 15th, 09:00)
    )
    lines = problems(refused(existing, tmp_path, data))
    assert lines[0].startswith("line 3: start: cannot read the time '2023-11-13Tnine+09:00'")
    assert lines[1] == "line 4: kind: unknown kind 'work'; use 'task' or 'growth'"
    assert lines[2].startswith("line 5: end: the end must be after the start")
    assert lines[3].startswith("line 6: overlaps block 1 (task 'stored', 2023-11-14 09:00–10:00)")
    assert lines[4].startswith("line 7: overlaps line 2")
    assert lines[5].startswith("line 8: id: 'abc' is not a block id")
    assert lines[6].startswith("line 9: end: 2023-11-16 10:00 is in the future")
    assert len(lines) == 7


def test_line_numbers_count_multi_line_notes(existing: TrackerService, tmp_path: Path) -> None:
    data = (
        HEADER
        + ',,2023-11-13T09:00:00+09:00,2023-11-13T10:00:00+09:00,,task,x,"one\r\ntwo\r\nthree"\r\n'
        + row("13T11:00:00", "13T12:00:00", kind="play")
    )
    assert problems(refused(existing, tmp_path, data)) == [
        "line 5: kind: unknown kind 'play'; use 'task' or 'growth'"
    ]


def test_repeated_row_in_the_file(existing: TrackerService, tmp_path: Path) -> None:
    twice = row("13T09:00:00", "13T10:00:00")
    lines = problems(refused(existing, tmp_path, HEADER + twice + twice))
    assert lines == ["line 3: repeats line 2; keep only one of the two"]


def test_label_and_note_rules(existing: TrackerService, tmp_path: Path) -> None:
    data = HEADER + row("13T09:00:00", "13T10:00:00", label="x" * 201)
    data += ',,2023-11-13T11:00:00+09:00,2023-11-13T12:00:00+09:00,,task,ok,"bell\x07"\r\n'
    lines = problems(refused(existing, tmp_path, data))
    assert lines[0].startswith("line 2: label: the label is 201 characters long")
    assert lines[1].startswith("line 3: note: the note contains a control character")


def test_more_than_twenty_problems_are_counted(existing: TrackerService, tmp_path: Path) -> None:
    data = HEADER + "".join(row("13T09:00:00", "13T10:00:00", kind="?") for _ in range(25))
    lines = problems(refused(existing, tmp_path, data))
    assert len(lines) == 21
    assert lines[0].startswith("line 2: kind:")
    assert lines[19].startswith("line 21: kind:")
    assert lines[20] == "… and 5 more"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("foo,bar,baz\r\n", "line 1: the header lacks the columns start, end, kind"),
        ("id,start,label\r\n", "line 1: the header lacks the columns end, kind"),
        ("start,end,kind,start\r\n", "line 1: the header names start twice"),
        ("date,task_min,growth_min,total_min\r\n", "line 1: the header is the days CSV's"),
    ],
)
def test_wrong_header(existing: TrackerService, tmp_path: Path, header: str, expected: str) -> None:
    exc = refused(existing, tmp_path, header + "1,2,3,4\r\n")
    assert problems(exc)[0].startswith(expected)


CUT_IN_QUOTE = (
    'line {0}: a quoted cell starting here is never closed (no ending "): the file is cut '
    "off or damaged; export it again"
)
FULL = ",,2023-11-13T11:00:00+09:00,2023-11-13T12:00:00+09:00,60.00,task,label,"


@pytest.mark.parametrize(
    "tail",
    [
        '"会議のメモ、途中',  # cut inside the last cell: every cell is there
        '"two lines\r\nof note',  # cut inside a note of several lines
        '"she said ""hi',  # cut after an escaped quote
        '"note"\r\n' + FULL + '"next',  # a good row, then a cut one
    ],
)
def test_a_file_cut_inside_its_last_cell_is_refused(
    existing: TrackerService, tmp_path: Path, tail: str
) -> None:
    data = HEADER + row("13T09:00:00", "13T10:00:00") + FULL + tail
    lines = problems(refused(existing, tmp_path, data))
    assert lines == [CUT_IN_QUOTE.format(4 if "next" in tail else 3)]


@pytest.mark.parametrize(
    ("tail", "note"),
    [('"complete note"', "complete note"), ("plain note", "plain note"), ('""', "")],
)
def test_a_file_without_its_final_newline_imports(
    service: TrackerService, tmp_path: Path, tail: str, note: str
) -> None:
    path = tmp_path / "no-newline.csv"
    path.write_text(HEADER + FULL + tail, encoding="utf-8")
    assert service.import_csv(path).imported == 1
    assert [b.note for b in service.store.all_blocks()] == [note]


def test_a_huge_id_is_refused(existing: TrackerService, tmp_path: Path) -> None:
    data = HEADER + row("13T09:00:00", "13T10:00:00", ident=str(2**53 + 1))
    [line] = problems(refused(existing, tmp_path, data))
    assert line.startswith("line 2: id: '9007199254740993' is not a block id")


def test_truncated_files(existing: TrackerService, tmp_path: Path) -> None:
    cut_in_quote = HEADER + row("13T09:00:00", "13T10:00:00") + ',,2023-11-13T11:00:00+09:00,"202'
    lines = problems(refused(existing, tmp_path, cut_in_quote))
    assert lines == [CUT_IN_QUOTE.format(3)]
    cut_row = HEADER + row("13T09:00:00", "13T10:00:00") + ",,2023-11-13T11:00:00+09:00"
    lines = problems(refused(existing, tmp_path, cut_row))
    assert lines == ["line 3: has 3 cells, the header has 8; the row or file may be cut off"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "is empty"),
        (b"\xef\xbb\xbf\r\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "holds binary data"),
        (b"id,start,end\r\n" + bytes(range(1, 32)) * 4, "holds binary data"),
        ("id,start,end".encode("utf-16"), "is UTF-16 text"),
        (HEADER.encode() + b",,caf\xe9,\r\n", "neither UTF-8 nor Shift_JIS"),
        (b"\xef\xbb\xbfid,start,end,kind\r\n\xff\xfe", "is not UTF-8"),
    ],
)
def test_files_that_are_not_a_blocks_csv(
    existing: TrackerService, tmp_path: Path, data: bytes, expected: str
) -> None:
    exc = refused(existing, tmp_path, data)
    assert expected in str(exc)
    assert "\n" not in str(exc)  # a file-level problem is one line


def test_missing_file(existing: TrackerService, tmp_path: Path) -> None:
    with pytest.raises(TrackerError, match="there is no file"):
        existing.import_csv(tmp_path / "absent.csv")


def test_blank_rows_are_ignored(existing: TrackerService, tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text(HEADER + "\r\n,,,,,,,\r\n" + row("13T09:00:00", "13T10:00:00"))
    assert existing.import_csv(path).imported == 1
