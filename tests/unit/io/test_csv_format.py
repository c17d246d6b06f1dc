"""The formula-injection guard and the bad-row message format."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.model import TrackerError
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
    problems = [
        (n, TrackerError(code="import_row_twice", variant="repeats", params={"other": n - 1}))
        for n in range(30, 5, -1)
    ]
    exc = CsvImportError(problems, code="import_rows_refused", params={"name": "x.csv"})
    lines = exc.lines()
    assert lines[0] == "line 6: repeats line 5; keep only one of the two"
    assert len(lines) == 21
    assert lines[19] == "line 25: repeats line 24; keep only one of the two"
    assert lines[-1] == "… and 5 more"
    summary = "nothing was imported from x.csv; fix these rows and import again"
    assert exc.summary == summary and exc.code == "import_rows_refused"
    assert str(exc).splitlines() == [summary, *lines]


def test_reasons_on_one_line_keep_the_order_of_their_english() -> None:
    """Two reasons for one line are listed as the CLI always listed them: by their text."""
    late = TrackerError(code="import_row_twice", variant="repeats", params={"other": 2})
    early = TrackerError(code="import_diff_note")
    exc = CsvImportError([(3, late), (3, early)], code="import_bad_header")
    assert exc.lines() == [
        "line 3: another note",
        "line 3: repeats line 2; keep only one of the two",
    ]
