"""``growth-tracker edit`` and ``delete`` as real subprocesses (docs/architecture.md §6): good input
changes exactly what was asked; bad input exits 1 (or 2 for a malformed command line)
with one line on stderr and leaves the database as it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from tracker.domain.model import Block, Kind
from tracker.service import TrackerService

TZ = ZoneInfo("Asia/Tokyo")
RunCli = Callable[..., tuple[int, str, str]]


def at(hour: int, minute: int = 0) -> int:
    """On 2023-11-14, the day before the shared fake clock's morning."""
    return int(dt.datetime(2023, 11, 14, hour, minute, tzinfo=TZ).timestamp())


@pytest.fixture
def blocks(service: TrackerService) -> list[Block]:
    return [
        service.add_block(Kind.TASK, at(9), at(10), "月次決算"),
        service.add_block(Kind.GROWTH, at(10), at(11), "RPA 勉強", "UiPath"),
    ]


def db(service: TrackerService) -> list[Block]:
    return service.store.all_blocks()


def one_line_error(err: str) -> str:
    assert err.startswith("growth-tracker: ")
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("args", "field", "expected"),
    [
        (["--label", "月次決算（連結）"], "label", "月次決算（連結）"),
        (["--label=-draft"], "label", "-draft"),
        (["--kind", "growth"], "kind", Kind.GROWTH),
        (["--note", "二行\n目"], "note", "二行\n目"),
        (["--start", "2023-11-14 08:30"], "started_at", at(8, 30)),
        (["--end", "2023-11-14T09:45:00+09:00"], "ended_at", at(9, 45)),
    ],
)
def test_edit_changes_one_field(
    run_cli: RunCli,
    service: TrackerService,
    blocks: list[Block],
    args: list[str],
    field: str,
    expected: object,
) -> None:
    rc, out, err = run_cli("edit", str(blocks[0].id), *args)
    assert (rc, err) == (0, "")
    assert out.startswith(f"Changed block {blocks[0].id} (")
    changed = db(service)[0]
    assert getattr(changed, field) == expected
    assert changed.id == blocks[0].id
    assert db(service)[1] == blocks[1]


def test_edit_several_fields_at_once(
    run_cli: RunCli, service: TrackerService, blocks: list[Block]
) -> None:
    rc, out, _ = run_cli(
        "edit", str(blocks[1].id), "--kind", "task", "--label", "", "--end", "2023-11-14 12:00"
    )
    assert rc == 0
    assert out == f"Changed block {blocks[1].id} (task, 2023-11-14 10:00–12:00)\n"
    assert db(service)[1] == Block(
        blocks[1].id, Kind.TASK, "", "UiPath", at(10), at(12), None, blocks[1].source
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["2", "--start", "2023-11-14 09:30"],
            "overlap block 1 (task '月次決算', 2023-11-14 09:00–10:00)",
        ),
        (["1", "--end", "2023-11-14 10:30"], "overlap block 2 (growth 'RPA 勉強'"),
        (["1", "--end", "2023-11-14 08:00"], "end must be after the start"),
        (["1", "--start", "2023-11-14 10:00"], "end must be after the start"),
        (["1", "--end", "2099-01-01 10:00"], "future"),
        (["1", "--start", "yesterday 9"], "cannot read the time"),
        (["1", "--start", "25:00"], "not a clock time"),
        (["1", "--label", "a\tb"], "control character"),
        (["1", "--label", "x" * 201], "shorten it"),
        (["99", "--label", "x"], "no block with id 99"),
        (["1"], "say what to change"),
    ],
)
def test_bad_edits_exit_1_and_change_nothing(
    run_cli: RunCli, service: TrackerService, blocks: list[Block], args: list[str], words: str
) -> None:
    before = db(service)
    rc, out, err = run_cli("edit", *args)
    assert (rc, out) == (1, "")
    assert words in one_line_error(err)
    assert db(service) == before


@pytest.mark.parametrize(
    "args",
    [
        ["edit"],
        ["edit", "one", "--label", "x"],
        ["edit", "1", "--kind", "play"],
        ["edit", "1", "--colour", "red"],
        ["delete"],
        ["delete", "1", "2"],
    ],
)
def test_malformed_command_lines_exit_2(
    run_cli: RunCli, service: TrackerService, blocks: list[Block], args: list[str]
) -> None:
    before = db(service)
    rc, out, err = run_cli(*args)
    assert rc == 2 and out == ""
    assert "usage:" in err and "Traceback" not in err
    assert db(service) == before


def test_the_running_block_cannot_be_ended_by_edit(
    run_cli: RunCli, service: TrackerService, blocks: list[Block]
) -> None:
    running = service.start(Kind.TASK, "請求書チェック", at(11))
    rc, _, err = run_cli("edit", str(running.id), "--end", "2023-11-14 12:00")
    assert rc == 1 and "still running" in one_line_error(err)
    assert service.running() == running
    rc, _, err = run_cli("edit", str(running.id), "--label", "経費精算", "--kind", "growth")
    assert (rc, err) == (0, "")
    after = service.running()
    assert after is not None and (after.label, after.kind) == ("経費精算", Kind.GROWTH)


def test_delete_removes_exactly_that_block(
    run_cli: RunCli, service: TrackerService, blocks: list[Block]
) -> None:
    rc, out, err = run_cli("delete", str(blocks[0].id))
    assert (rc, err) == (0, "")
    assert out == f"Deleted block {blocks[0].id} (task '月次決算', 2023-11-14 09:00–10:00)\n"
    assert db(service) == [blocks[1]]


def test_delete_of_an_unknown_id_exits_1(
    run_cli: RunCli, service: TrackerService, blocks: list[Block]
) -> None:
    rc, out, err = run_cli("delete", "42")
    assert (rc, out) == (1, "")
    assert "there is no block with id 42; 'growth-tracker list' shows the ids" in one_line_error(
        err
    )
    assert db(service) == blocks


def test_ids_are_those_list_shows(
    run_cli: RunCli, service: TrackerService, blocks: list[Block]
) -> None:
    import json

    rc, out, _ = run_cli("list", "--date", "2023-11-14", "--json")
    assert rc == 0
    listed = [b["id"] for b in json.loads(out)["blocks"]]
    assert listed == [b.id for b in blocks]
    assert run_cli("delete", str(listed[-1]))[0] == 0
    assert db(service) == blocks[:1]
