"""Export → import gives back the same blocks; re-importing is a no-op."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from csv_support import at, content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.domain.model import Kind, Source, clean_label
from tracker.io.export import ExportOptions
from tracker.service import TrackerService

SPECIAL = ["=", "+", "-", "@", "'", "'=", ",", '"', "😀", "日本語", "𠮷", "～", "\u3000"]
label_text = st.lists(
    st.one_of(st.sampled_from(SPECIAL), st.text(st.characters(codec="utf-8"), max_size=8)),
    max_size=6,
).map("".join)
note_text = st.lists(
    st.one_of(st.sampled_from([*SPECIAL, "\n", "\t"]), st.text(max_size=8)),
    max_size=8,
).map("".join)


def _label(text: str) -> str | None:
    try:
        return clean_label(text)
    except ValueError:
        return None


blocks_strategy = st.lists(
    st.tuples(
        st.sampled_from(list(Kind)),
        label_text.map(_label).filter(lambda x: x is not None),
        note_text.filter(lambda n: all(c in "\t\n" or c.isprintable() for c in n)),
        st.integers(1, 20 * 3600),  # gap before the block
        st.integers(1, 30 * 3600),  # its length (some cross day starts)
    ),
    min_size=1,
    max_size=6,
)
counter = itertools.count()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    specs=blocks_strategy,
    encoding=st.sampled_from(["utf-8-sig", "utf-8", "cp932"]),
    split=st.booleans(),
    header=st.sampled_from(["en", "ja"]),
)
def test_round_trip_gives_identical_blocks(
    make_service: Callable[..., TrackerService],
    tmp_path: Path,
    specs: list[tuple[Kind, str, str, int, int]],
    encoding: str,
    split: bool,
    header: str,
) -> None:
    n = next(counter)
    source = make_service(path=tmp_path / f"a{n}.db")
    start = at(1, 9, month=6)
    for kind, label, note, gap, length in specs:
        start += gap
        source.add_block(kind, start, start + length, label, note)
        start += length
    original = source.store.all_blocks()
    text = "".join(b.label + b.note for b in original)
    if encoding == "cp932":
        try:
            if text.encode("cp932").decode("cp932") != text:
                return
        except UnicodeEncodeError:
            return
    path = tmp_path / f"a{n}.csv"
    opts = ExportOptions(encoding=encoding, header=header, split_days=split)  # type: ignore[arg-type]
    source.write_csv(path, opts)
    target = make_service(path=tmp_path / f"b{n}.db")
    outcome = target.import_csv(path)
    assert (outcome.imported, outcome.already_there) == (len(original), 0)
    imported = target.store.all_blocks()
    assert content(imported) == content(original)
    assert {b.source for b in imported} == {Source.IMPORT}
    again = target.import_csv(path)
    assert (again.imported, again.already_there) == (0, len(original))
    assert content(target.store.all_blocks()) == content(original)


def test_split_days_export_imports_as_whole_blocks(
    service: TrackerService, other_service: TrackerService, tmp_path: Path
) -> None:
    service.add_block(Kind.GROWTH, at(10, 22), at(12, 6), "二晩", "long")
    service.add_block(Kind.TASK, at(12, 6), at(12, 7), "next")
    path = tmp_path / "split.csv"
    result = service.write_csv(path, ExportOptions(split_days=True))
    assert result.rows == 4  # 22:00–04:00, 04:00–04:00, 04:00–06:00, and the task
    outcome = other_service.import_csv(path)
    assert outcome.imported == 2
    assert content(other_service.store.all_blocks()) == content(service.store.all_blocks())


def test_running_block_is_skipped_and_reported(
    service: TrackerService, other_service: TrackerService, tmp_path: Path
) -> None:
    service.add_block(Kind.TASK, at(14, 9), at(14, 10), "done")
    service.start(Kind.GROWTH, "now", at=at(15, 8))
    path = tmp_path / "run.csv"
    service.write_csv(path, ExportOptions(split_days=True))
    outcome = other_service.import_csv(path)
    assert (outcome.imported, outcome.already_there, outcome.running_skipped) == (1, 0, 1)
    assert other_service.running() is None
    same_db = service.import_csv(path)  # its own running block is already there
    assert (same_db.imported, same_db.already_there, same_db.running_skipped) == (0, 2, 0)


def test_a_taken_id_gets_a_new_one(
    service: TrackerService, other_service: TrackerService, tmp_path: Path
) -> None:
    service.add_block(Kind.TASK, at(14, 9), at(14, 10), "from the old PC")
    other_service.add_block(Kind.GROWTH, at(13, 9), at(13, 10), "already here")
    path = tmp_path / "ids.csv"
    service.write_csv(path, ExportOptions())
    assert other_service.import_csv(path).imported == 1
    blocks = other_service.store.all_blocks()
    assert [(b.id, b.label) for b in blocks] == [(1, "already here"), (2, "from the old PC")]


@pytest.mark.parametrize("encoding", ["cp932", "utf-8"])
def test_a_spreadsheet_saved_file_imports(
    other_service: TrackerService, tmp_path: Path, encoding: str
) -> None:
    text = (
        "日付,開始,終了,種類,内容,メモ,追加の列\r\n"
        "2023/11/14,2023/11/14 9:00,2023/11/14 10:30,作業,月次決算,,x\r\n"
        '2023/11/14,2023-11-14 10:30,2023-11-14T11:00:00+09:00,growth,\'=学習,"a\nb",\r\n'
    )
    path = tmp_path / "excel.csv"
    path.write_bytes(text.encode(encoding))
    assert other_service.import_csv(path).imported == 2
    blocks = other_service.store.all_blocks()
    assert [(b.kind, b.label, b.note, b.started_at, b.ended_at) for b in blocks] == [
        (Kind.TASK, "月次決算", "", at(14, 9), at(14, 10, 30)),
        (Kind.GROWTH, "=学習", "a\nb", at(14, 10, 30), at(14, 11)),
    ]
