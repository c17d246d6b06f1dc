"""The CLI's TIME takes the same typed forms as the app's time fields (``1045``,
``10.45``, full-width digits from a Japanese input method), as a real subprocess."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

RunCli = Callable[..., tuple[int, str, str]]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2023-11-14 0900", "2023-11-14 10.45"),
        ("２０２３－１１－１４　０９：００", "２０２３－１１－１４　１０４５"),
        ("2023-11-14T9:00", "2023-11-14T10:45:00+09:00"),
    ],
)
def test_add_reads_every_form(run_cli: RunCli, start: str, end: str) -> None:
    rc, out, err = run_cli("add", "task", start, end, "月次決算")
    assert (rc, err) == (0, "")
    rc, out, err = run_cli("list", "--date", "2023-11-14", "--json")
    assert rc == 0, err
    [block] = json.loads(out)["blocks"]
    assert (block["start"], block["end"]) == (
        "2023-11-14T09:00:00+09:00",
        "2023-11-14T10:45:00+09:00",
    )


@pytest.mark.parametrize("text", ["2023-11-14 10.5", "2023-11-14 1060", "１０時"])
def test_an_unusable_form_is_one_line_naming_the_forms(run_cli: RunCli, text: str) -> None:
    rc, out, err = run_cli("add", "task", "2023-11-14 09:00", text)
    assert rc == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert repr(text) in err and "HHMM" in err
    rc, out, _ = run_cli("list", "--date", "2023-11-14", "--json")
    assert json.loads(out)["blocks"] == []
