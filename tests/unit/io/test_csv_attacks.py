"""Attacks on export and import: lossy cp932, mixed encodings, far years, odd ids, device
and pipe paths, endless input, full-width formulas, fall-back nights, flat memory."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import stat
import threading
import tracemalloc
from pathlib import Path

import pytest
from csv_support import at, content

from tracker.domain.model import Kind, TrackerError, ValidationError, check_span
from tracker.io.csvformat import CsvImportError, guard, unguard
from tracker.io.export import ExportOptions, holds
from tracker.io.files import MAX_IMPORT_BYTES, ImportCancelledError, read_chunks
from tracker.service import TrackerService

HEADER = "id,date,start,end,duration_min,kind,label,note\r\n"


def lossy_cp932() -> list[str]:
    """Every character cp932 writes but reads back as another one."""
    found = []
    for code in range(0x110000):
        ch = chr(code)
        try:
            back = ch.encode("cp932").decode("cp932")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if back != ch:
            found.append(ch)
    return found


LOSSY = lossy_cp932()


def test_the_lossy_set_is_what_the_issue_found() -> None:
    assert {"\u301c", "\u2212", "\u2016", "\u00a2", "\u00a3", "\u00ac"} <= set(LOSSY)
    assert not holds("10時〜12時", "cp932") and holds("10時～12時", "cp932")


@pytest.mark.parametrize("char", LOSSY, ids=[f"U+{ord(c):04X}" for c in LOSSY])
def test_cp932_export_refuses_every_character_it_would_change(
    service: TrackerService, tmp_path: Path, char: str
) -> None:
    service.add_block(Kind.TASK, at(13, 9), at(13, 10), "fine")
    service.add_block(Kind.TASK, at(13, 10), at(13, 11), f"10時{char}12時")
    path = tmp_path / "out.csv"
    with pytest.raises(TrackerError) as caught:
        service.write_csv(path, ExportOptions(encoding="cp932"))
    assert caught.value.code == "encoding_text"
    assert caught.value.params["char"] == char
    assert f"U+{ord(char):04X}" in str(caught.value)
    assert "line 3, column label (block 2)" in str(caught.value)
    assert not path.exists()


def test_cp932_keeps_what_it_can_hold_exactly(
    service: TrackerService, other_service: TrackerService, tmp_path: Path
) -> None:
    service.add_block(Kind.TASK, at(13, 9), at(13, 10), "10時～12時 ∥ －5 ￠", "経理")
    path = tmp_path / "out.csv"
    service.write_csv(path, ExportOptions(encoding="cp932"))
    assert other_service.import_csv(path).imported == 1
    assert content(other_service.store.all_blocks()) == content(service.store.all_blocks())


def write(tmp_path: Path, data: bytes, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(service: TrackerService, path: Path) -> TrackerError:
    before = content(service.store.all_blocks())
    with pytest.raises(TrackerError) as caught:
        service.import_csv(path)
    assert content(service.store.all_blocks()) == before
    return caught.value


def test_a_shift_jis_row_in_a_utf8_file_is_refused_with_its_line(
    service: TrackerService, tmp_path: Path
) -> None:
    rows = [
        HEADER.encode(),
        ",,2023-11-13 09:00:00,2023-11-13 10:00:00,,task,月次決算,\r\n".encode(),
        ",,2023-11-13 10:00:00,2023-11-13 11:00:00,,task,経理,\r\n".encode("cp932"),
    ]
    exc = refused(service, write(tmp_path, b"".join(rows)))
    assert exc.code == "import_mixed_encodings"
    assert "line 2 is UTF-8 but line 3 is Shift_JIS (cp932)" in str(exc)
    assert "\n" not in str(exc)
    # the other way round too: a UTF-8 row in a Shift_JIS file
    exc = refused(service, write(tmp_path, b"".join([rows[0], rows[2], rows[1]])))
    assert "line 2 is Shift_JIS (cp932) but line 3 is UTF-8" in str(exc)


def test_a_line_neither_encoding_reads_is_named(service: TrackerService, tmp_path: Path) -> None:
    data = HEADER.encode() + b",,2023-11-13 09:00:00,2023-11-13 10:00:00,,task,caf\xe9,\r\n"
    exc = refused(service, write(tmp_path, data))
    assert exc.code == "import_undecodable" and "line 2" in str(exc)
    bom = b"\xef\xbb\xbf" + HEADER.encode() + "x,\r\n".encode("cp932") + "経理\r\n".encode("cp932")
    exc = refused(service, write(tmp_path, bom))
    assert "line 3" in str(exc) and "byte-order mark" in str(exc)


def test_whole_cp932_and_utf8_files_still_import(service: TrackerService, tmp_path: Path) -> None:
    text = HEADER + ",,2023-11-13 09:00:00,2023-11-13 10:00:00,,task,経理,メモ\r\n"
    for i, encoding in enumerate(("utf-8", "cp932", "utf-8-sig")):
        shifted = text.replace("13 ", f"{13 - i} ")
        assert service.import_csv(write(tmp_path, shifted.encode(encoding))).imported == 1
    assert [b.label for b in service.store.all_blocks()] == ["経理"] * 3


@pytest.mark.parametrize(
    "when",
    [
        "0001-01-01 09:00:00",
        "1900-05-01 09:00:00",
        "1969-12-31 09:00:00",
        "9999-12-31 23:00:00",
        "3000-01-01T00:00:00+00:00",
    ],
)
def test_import_refuses_the_years_the_cli_refuses(
    service: TrackerService, tmp_path: Path, when: str
) -> None:
    row = f",,{when},2023-11-13 10:00:00,,task,x,\r\n"
    if when.startswith(("9999", "3000")):
        row = f",,2023-11-13 09:00:00,{when},,task,x,\r\n"
    exc = refused(service, write(tmp_path, (HEADER + row).encode()))
    assert isinstance(exc, CsvImportError)
    assert exc.lines()[0].startswith("line 2: ")
    assert "pick a time between 1971 and 2999" in exc.lines()[0]
    # and export keeps working
    assert service.export_csv(ExportOptions("days")).rows >= 1


def test_every_write_path_checks_the_years(service: TrackerService) -> None:
    with pytest.raises(ValidationError, match="between 1971 and 2999"):
        check_span(-86400, 0)
    with pytest.raises(ValidationError, match="between 1971 and 2999"):
        check_span(at(13, 9), 32_503_680_000)  # 3000-01-01
    with pytest.raises(ValidationError, match="between 1971 and 2999"):
        service.add_block(Kind.TASK, 0, 3600, "epoch")
    block = service.add_block(Kind.TASK, at(13, 9), at(13, 10), "ok")
    from dataclasses import replace

    with pytest.raises(ValidationError):
        service.store.update(replace(block, started_at=-3600), 0)
    with pytest.raises(ValidationError):
        service.store.insert_many([replace(block, id=0, started_at=1, ended_at=2)], 0)
    assert [b.label for b in service.store.all_blocks()] == ["ok"]


@pytest.mark.parametrize("ident", ["①", "²", "٣", "１"])
def test_unicode_digit_ids_are_named(service: TrackerService, tmp_path: Path, ident: str) -> None:
    data = HEADER + f"{ident},,2023-11-13 09:00:00,2023-11-13 10:00:00,,task,x,\r\n"
    exc = refused(service, write(tmp_path, data.encode()))
    assert isinstance(exc, CsvImportError)
    assert exc.lines() == [
        f"line 2: id: {ident!r} is not a block id (a whole number); leave it empty for new blocks"
    ]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_are_refused_quickly(service: TrackerService, device: str) -> None:
    exc = refused(service, Path(device))
    assert exc.code == "import_binary"


def test_an_endless_pipe_stops_at_the_cap(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    stop = threading.Event()

    def feed() -> None:
        line = b",,2023-11-13 09:00:00,2023-11-13 10:00:00,,task,x,\r\n" * 1000
        try:
            with open(fifo, "wb") as fh:
                fh.write(HEADER.encode())
                while not stop.is_set():
                    fh.write(line)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed)
    writer.start()
    read = 0
    try:
        with pytest.raises(TrackerError) as caught:
            for chunk in read_chunks(fifo, limit=8 * 1024 * 1024):
                read += len(chunk)
    finally:
        stop.set()
        writer.join(10)
    assert caught.value.code == "import_too_large"
    assert read <= 8 * 1024 * 1024
    assert MAX_IMPORT_BYTES == 200 * 1024 * 1024


def test_a_file_without_newlines_is_refused_without_reading_it_all(
    service: TrackerService, tmp_path: Path
) -> None:
    path = write(tmp_path, b"a" * (3 * 1024 * 1024))
    tracemalloc.start()
    exc = refused(service, path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert exc.code == "import_line_too_long"
    assert peak < 12 * 1024 * 1024


def blocks_csv(rows: int) -> bytes:
    start = int(dt.datetime(2020, 1, 1, tzinfo=dt.UTC).timestamp())
    out = io.StringIO()
    out.write(HEADER)
    for i in range(rows):
        s = dt.datetime.fromtimestamp(start + i * 600, dt.UTC).isoformat()
        e = dt.datetime.fromtimestamp(start + i * 600 + 300, dt.UTC).isoformat()
        out.write(f",,{s},{e},,task,経理 {i % 50},\r\n")
    return out.getvalue().encode()


def peak_import(service: TrackerService, path: Path, dry: bool) -> int:
    tracemalloc.start()
    try:
        if dry:
            service.plan_csv_import(path)
        else:
            service.import_csv(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_import_memory_stays_flat(make_service, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    small, large = tmp_path / "n.csv", tmp_path / "4n.csv"
    small.write_bytes(blocks_csv(5000))
    large.write_bytes(blocks_csv(20000))
    peaks = {}
    for path in (small, large):
        fresh = make_service(path=tmp_path / f"{path.stem}.db")
        peaks[path.stem] = peak_import(fresh, path, dry=True)
        assert fresh.store.all_blocks() == []
    # four times the rows, about the same peak (a list of rows would take ~4x)
    assert peaks["4n"] < peaks["n"] * 1.5, peaks


def test_plan_counts_what_import_then_adds_with_progress(
    service: TrackerService, tmp_path: Path
) -> None:
    path = write(tmp_path, blocks_csv(6000))
    seen: list[tuple[int, int]] = []
    plan = service.plan_csv_import(path, lambda d, t: seen.append((d, t)) or None)
    assert service.store.all_blocks() == []
    assert (plan.imported, plan.already_there, plan.running_skipped) == (6000, 0, 0)
    assert seen[-1] == (1000, 1000) and all(t == 1000 for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    done = service.import_csv(path)
    assert done == plan
    assert len(service.store.all_blocks()) == 6000
    again = service.plan_csv_import(path)
    assert (again.imported, again.already_there) == (0, 6000)


def test_cancelling_an_import_adds_nothing(service: TrackerService, tmp_path: Path) -> None:
    path = write(tmp_path, blocks_csv(6000))
    with pytest.raises(ImportCancelledError):
        service.import_csv(path, lambda d, t: d < 900)  # in the middle of the writing
    assert service.store.all_blocks() == []


def test_export_refuses_devices_and_fifos_and_writes_through_links(
    service: TrackerService, tmp_path: Path
) -> None:
    service.add_block(Kind.TASK, at(13, 9), at(13, 10), "x")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target in (Path("/dev/null"), fifo):
        with pytest.raises(TrackerError) as caught:
            service.write_csv(target, ExportOptions())
        assert caught.value.code == "not_a_file"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    real = tmp_path / "real.csv"
    real.write_bytes(b"old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    service.write_csv(link, ExportOptions())
    assert link.is_symlink() and real.read_bytes().startswith(b"\xef\xbb\xbfid,")
    devlink = tmp_path / "null.csv"
    devlink.symlink_to("/dev/null")
    with pytest.raises(TrackerError, match="not a file"):
        service.write_csv(devlink, ExportOptions())
    assert devlink.is_symlink()


@pytest.mark.parametrize("text", ["＝SUM(1,2)", "＋81", "－5", "＠A1"])
def test_full_width_formula_starts_are_guarded_and_round_trip(text: str) -> None:
    assert guard(text) == "'" + text
    assert unguard(guard(text)) == text
    assert guard("ＳＵＭ") == "ＳＵＭ"


def test_fall_back_night_round_trips_exactly(make_service, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = make_service(tz="America/New_York", path=tmp_path / "ny.db")
    # 2023-11-05: 01:00–02:00 happens twice; the second 01:30 is 06:30 UTC
    second = int(dt.datetime(2023, 11, 5, 6, 30, 17, tzinfo=dt.UTC).timestamp())
    source.add_block(Kind.TASK, second, second + 600, "second 01:30")
    data = source.export_csv(ExportOptions()).data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[1][2] == "2023-11-05 01:30:17"
    assert rows[1][8] == "2023-11-05T01:30:17-05:00"
    target = make_service(tz="America/New_York", path=tmp_path / "target.db")
    assert target.import_csv(write(tmp_path, data)).imported == 1
    assert content(target.store.all_blocks())[0][4:] == (second, second + 600)
    # a spreadsheet re-saved the wall times without seconds: the ISO cells still decide
    rows[1][2], rows[1][3] = "2023/11/05 1:30", "2023/11/05 1:40"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    other = make_service(tz="Asia/Tokyo", path=tmp_path / "tokyo.db")
    assert other.import_csv(write(tmp_path, out.getvalue().encode(), "resaved.csv")).imported == 1
    assert content(other.store.all_blocks())[0][4:] == (second, second + 600)


def test_a_wall_time_changed_in_a_spreadsheet_wins(
    service: TrackerService, other_service: TrackerService, tmp_path: Path
) -> None:
    service.add_block(Kind.TASK, at(13, 9), at(13, 10), "x")
    rows = list(
        csv.reader(io.StringIO(service.export_csv(ExportOptions()).data.decode("utf-8-sig")))
    )
    rows[1][3] = "2023/11/13 10:30"  # the person moved the end; end_iso is stale
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    assert other_service.import_csv(write(tmp_path, out.getvalue().encode())).imported == 1
    assert content(other_service.store.all_blocks())[0][4:] == (at(13, 9), at(13, 10, 30))


def test_old_exports_with_iso_in_start_and_end_still_import(
    service: TrackerService, tmp_path: Path
) -> None:
    data = (
        HEADER
        + "7,2023-11-13,2023-11-13T09:00:00+09:00,2023-11-13T10:00:00+09:00,60.00,task,x,\r\n"
    )
    assert service.import_csv(write(tmp_path, data.encode())).imported == 1
    assert content(service.store.all_blocks()) == [(7, Kind.TASK, "x", "", at(13, 9), at(13, 10))]
