"""Blocks, kinds and the validation of labels and notes (docs/architecture.md §2, §4)."""

from __future__ import annotations

import pytest

from tracker.domain.model import (
    LABEL_MAX,
    NOTE_MAX,
    Block,
    Kind,
    ValidationError,
    check_span,
    clean_label,
    clean_note,
    parse_kind,
)


def test_label_is_trimmed_and_may_be_empty() -> None:
    assert clean_label("  月次決算  ") == "月次決算"
    assert clean_label("") == ""
    assert clean_label(None) == ""
    assert clean_label("   ") == ""


def test_label_length_counts_after_trimming() -> None:
    assert clean_label(" " + "あ" * LABEL_MAX + " ") == "あ" * LABEL_MAX
    with pytest.raises(ValidationError, match="at most 200"):
        clean_label("x" * (LABEL_MAX + 1))


@pytest.mark.parametrize(
    "bad", ["a\tb", "a\nb", "a\rb", "nul\x00", "esc\x1b[31m", "del\x7f", "rtl\u202eabc"]
)
def test_label_refuses_control_characters(bad: str) -> None:
    with pytest.raises(ValidationError, match="control character"):
        clean_label(bad)


def test_label_keeps_emoji_joiners_and_cjk() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467 IFRS 勉強"
    assert clean_label(family) == family


def test_note_allows_tab_and_newline_and_normalises_line_ends() -> None:
    assert clean_note("line 1\n\tline 2") == "line 1\n\tline 2"
    assert clean_note("a\r\nb\rc") == "a\nb\nc"
    assert clean_note(None) == ""
    # Notes are kept as written (no trimming): indentation can matter to the writer.
    assert clean_note("  indented") == "  indented"


@pytest.mark.parametrize("bad", ["bell\x07", "nul\x00", "esc\x1b", "\x0b vertical tab"])
def test_note_refuses_other_control_characters(bad: str) -> None:
    with pytest.raises(ValidationError, match="only tab and newline"):
        clean_note(bad)


def test_note_limit_is_2000_characters() -> None:
    assert len(clean_note("メ" * NOTE_MAX)) == NOTE_MAX
    with pytest.raises(ValidationError, match="at most 2000"):
        clean_note("メ" * (NOTE_MAX + 1))


def test_parse_kind_accepts_the_two_kinds_only() -> None:
    assert parse_kind("task") is Kind.TASK
    assert parse_kind(" Growth ") is Kind.GROWTH
    with pytest.raises(ValidationError, match="'task' or 'growth'"):
        parse_kind("play")


def test_kind_other_flips() -> None:
    assert Kind.TASK.other is Kind.GROWTH
    assert Kind.GROWTH.other is Kind.TASK
    assert [k.value for k in Kind] == ["task", "growth"]


def test_check_span_needs_the_end_after_the_start() -> None:
    start = 1_700_000_000
    check_span(start, start + 1)
    check_span(start, None)
    for end in (start, start - 1):
        with pytest.raises(ValidationError, match="end must be after the start"):
            check_span(start, end)


def test_block_duration_and_running() -> None:
    done = Block(1, Kind.TASK, "", "", 100, 160)
    running = Block(2, Kind.GROWTH, "", "", 200, None)
    assert not done.running and running.running
    assert done.duration(10_000) == 60
    assert running.duration(260) == 60
    assert running.end_or(150) == 200  # a clock behind the start never gives a negative span
    assert running.duration(150) == 0
