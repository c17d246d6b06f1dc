"""The rotating log file next to the database (tracker.platform.logs)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.platform import logs


@pytest.fixture(autouse=True)
def _no_log_file_left() -> Iterator[None]:
    yield
    logs.close_logging()


def _raise_and_log(what: str, log_file: Path | None = None) -> None:
    try:
        {}["missing"]
    except KeyError:
        logs.log_exception(what, log_file=log_file)


def test_a_traceback_goes_to_the_file_with_time_and_level(tmp_path: Path) -> None:
    log = tmp_path / "data" / "growth-tracker.log"
    assert logs.setup_logging(log) == log.resolve()
    assert not log.exists()  # opened on the first record, not at start-up

    _raise_and_log("tray error")

    text = log.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.endswith(" ERROR tracker: tray error") and first[:4].isdigit()
    assert "Traceback (most recent call last)" in text and "KeyError: 'missing'" in text
    logging.getLogger("tracker.ui.i18n").warning("child loggers land here too")
    assert "WARNING tracker.ui.i18n: child loggers land here too" in log.read_text("utf-8")


def test_set_up_twice_keeps_one_handler_and_a_new_file_replaces_it(tmp_path: Path) -> None:
    first, second = tmp_path / "a.log", tmp_path / "b.log"
    logs.setup_logging(first)
    logs.setup_logging(first)
    logs.setup_logging(second)
    _raise_and_log("once")
    ours = [h for h in logging.getLogger("tracker").handlers if isinstance(h, logs.LogFile)]
    assert len(ours) == 1 and logs.current_log_file() == second.resolve()
    assert not first.exists()
    assert second.read_text(encoding="utf-8").count("once") == 1


def test_the_file_rotates_keeping_three_old_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    log = tmp_path / "growth-tracker.log"
    logs.setup_logging(log)
    for n in range(40):
        _raise_and_log(f"error number {n}")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "growth-tracker.log",
        "growth-tracker.log.1",
        "growth-tracker.log.2",
        "growth-tracker.log.3",
    ]
    assert all(p.stat().st_size <= 2_000 for p in tmp_path.iterdir())
    assert "error number 39" in log.read_text(encoding="utf-8")


def test_without_a_writable_file_the_traceback_goes_to_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    assert logs.setup_logging(blocker / "growth-tracker.log") is None

    _raise_and_log("CLI error")

    err = capsys.readouterr().err
    assert err.startswith("CLI error\n") and "KeyError: 'missing'" in err


def test_a_file_that_fails_later_falls_back_to_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "logs" / "growth-tracker.log"
    logs.setup_logging(log)
    (tmp_path / "logs").rmdir()
    (tmp_path / "logs").write_text("", encoding="utf-8")  # the folder became a file

    _raise_and_log("tray error")

    err = capsys.readouterr().err
    assert "ERROR tracker: tray error" in err and "KeyError: 'missing'" in err
    assert "Logging error" not in err


def test_log_exception_sets_the_file_up_when_there_is_none(tmp_path: Path) -> None:
    log = tmp_path / "growth-tracker.log"
    _raise_and_log("CLI error", log_file=log)
    assert "KeyError: 'missing'" in log.read_text(encoding="utf-8")
