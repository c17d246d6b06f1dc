"""The formula-injection guard and the bad-row message format."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.io.csvformat import CsvImportError, fraction, guard, minutes, unguard


def test_guard_prefixes_cells_a_spreadsheet_would_run() -> None:
    assert guard("=SUM(A1)") == "'=SUM(A1)"
    assert guard("+81 3") == "'+81 3"
    assert guard("-1") == "'-1"
    assert guard("@here") == "'@here"
    assert guard("\tindented") == "'\tindented"
    assert guard("\rx") == "'\rx"
    assert guard("'=already quoted") == "''=already quoted"
    assert guard("''-x") == "'''-x"


def test_guard_leaves_plain_text_alone() -> None:
    for text in ("", "月次決算", "a=b", "'quoted", "'", "1+1", " =x"):
        assert guard(text) == text


def test_unguard_strips_exactly_one_quote() -> None:
    assert unguard("'=SUM(A1)") == "=SUM(A1)"
    assert unguard("''=x") == "'=x"
    assert unguard("'quoted") == "'quoted"  # not added by the guard: kept
    assert unguard("=raw") == "=raw"


@given(st.text())
def test_guard_round_trips_and_never_starts_a_formula(text: str) -> None:
    guarded = guard(text)
    assert unguard(guarded) == text
    assert guarded[:1] not in {"=", "+", "-", "@", "\t", "\r"}
    assert len(guarded) - len(text) in (0, 1)


def test_numbers_are_formatted_for_spreadsheets() -> None:
    assert minutes(90) == "1.50"
    assert minutes(5400) == "90.00"
    assert minutes(1) == "0.02"
    assert fraction(0.1875) == "0.1875"
    assert fraction(None) == ""


def test_import_error_lists_twenty_rows_then_a_count() -> None:
    problems = [(n, f"bad {n}") for n in range(30, 5, -1)]
    exc = CsvImportError("nothing was imported", problems)
    lines = exc.lines()
    assert lines[0] == "line 6: bad 6"
    assert len(lines) == 21
    assert lines[19] == "line 25: bad 25"
    assert lines[-1] == "… and 5 more"
    assert str(exc).splitlines()[0] == "nothing was imported"
