"""Error codes: every message the service, store, domain, io and platform raise with a
``code`` has a template in ``tracker.ui.error_text`` (and every template is used), the
Japanese UI shows real errors in Japanese with their values formatted, and ``str(exc)``,
the CLI's message (docs/architecture.md §6), stays the English one.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tracker.domain.model import Kind, Source, TrackerError
from tracker.platform.idle import Unavailable, detect_idle_source
from tracker.service import (
    NothingRunningError,
    PendingWriteError,
    TrackerService,
    open_service,
)
from tracker.store import ConflictError, CorruptDatabaseError, StorageError
from tracker.ui import error_text, i18n
from tracker.ui.error_text import describe, idle_reason

REPO = Path(__file__).resolve().parents[2]
TRACKER = REPO / "tracker"
TS = REPO / "resources" / "translations" / "tracker_ja.ts"
QM = TS.with_suffix(".qm")
NAMED = re.compile(r"\{(\w*)\}")

# FAKE_START (tests/conftest.py) is 2023-11-15 09:00 in Tokyo.
H = 3600
SEVEN = 1_700_006_400 - 2 * H  # 07:00
EIGHT = SEVEN + H


def codes_raised() -> dict[str, list[str]]:
    """Every string given as ``code=`` to a call anywhere in tracker/ (error_text aside)."""
    found: dict[str, list[str]] = {}
    for path in sorted(TRACKER.rglob("*.py")):
        if path.name == "error_text.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            for kw in call.keywords:
                if kw.arg == "code":
                    for code in _literals(kw.value):
                        found.setdefault(code, []).append(f"{path.relative_to(REPO)}:{call.lineno}")
    return found


def _literals(node: ast.expr) -> list[str]:
    """The codes an expression can be: a literal, or either side of ``a if c else b``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def test_every_code_raised_has_a_template_and_every_template_is_used() -> None:
    raised = codes_raised()
    assert len(raised) > 60  # the scan really found the raise sites
    missing = {code: where for code, where in raised.items() if code not in error_text.TEMPLATES}
    assert not missing, f"codes without a template in tracker/ui/error_text.py: {missing}"
    unused = set(error_text.TEMPLATES) - set(raised)
    assert not unused, f"templates no code uses: {sorted(unused)}"


def errors_context() -> list[tuple[str, str, str | None]]:
    root = ET.parse(TS).getroot()
    return [
        (msg.findtext("source") or "", msg.findtext("translation") or "", tr.get("type"))
        for ctx in root.iter("context")
        if ctx.findtext("name") == "Errors"
        for msg in ctx.iter("message")
        for tr in [msg.find("translation")]
        if tr is not None
    ]


def test_japanese_error_templates_keep_their_named_placeholders() -> None:
    entries = errors_context()
    assert len(entries) > 80
    problems = []
    for source, text, kind in entries:
        if kind == "unfinished" or not text.strip():
            problems.append(f"untranslated: {source!r}")
        elif sorted(NAMED.findall(source)) != sorted(NAMED.findall(text)):
            problems.append(f"placeholders differ: {source!r} → {text!r}")
        elif re.search(r"[A-Za-z]{4,}", re.sub(NAMED, "", text)) and not _technical(source):
            problems.append(f"English left in: {text!r}")
    assert not problems, "\n".join(problems)


def _technical(source: str) -> bool:
    """Messages naming programs, files or APIs keep those names in Latin letters."""
    names = ("Growth Tracker", "SQLite", "UTF-8", "D-Bus", "X ", "Wayland", "Windows", "lib")
    names += ("DISPLAY", "org.", "XScreenSaver")
    return any(n in source for n in names) or "--db" in source


# -- real errors, shown in Japanese ---------------------------------------------------------


@pytest.fixture(scope="module")
def compiled() -> Path:
    if not QM.exists() or QM.stat().st_mtime < TS.stat().st_mtime:
        subprocess.run(
            ["bash", str(REPO / "scripts" / "build-translations.sh"), sys.executable],
            check=True,
            capture_output=True,
        )
    return QM


@pytest.fixture
def japanese(qapp: QApplication, compiled: Path) -> Iterator[None]:
    i18n.install(qapp, "ja")
    yield
    i18n.install(qapp, "en")


def raised(fn: object, *args: object, **kwargs: object) -> TrackerError:
    with pytest.raises(TrackerError) as info:
        fn(*args, **kwargs)  # type: ignore[operator]
    return info.value


def assert_japanese(
    text: str, exc: TrackerError, *expected: str, keep: tuple[str, ...] = ()
) -> None:
    """Japanese text, holding ``expected``, with none of the CLI message's English words
    (words that are part of a value, like a path, and names in ``keep`` aside)."""
    assert re.search(r"[ぁ-んァ-ヶ一-龯]", text), text
    for part in expected:
        assert part in text, (part, text)
    values = " ".join(map(str, exc.params.values()))
    english = set(re.findall(r"[A-Za-z]{3,}", str(exc))) - set(re.findall(r"\w+", values))
    english -= set(keep)
    left = sorted(w for w in english if re.search(rf"\b{w}\b", text))
    assert not left, f"English words {left} in {text!r}"
    assert text != str(exc)


def test_an_overlap_names_the_other_block_in_japanese(
    japanese: None, service: TrackerService
) -> None:
    service.add_block(Kind.TASK, SEVEN, EIGHT, "メール対応")
    exc = raised(service.add_block, Kind.GROWTH, SEVEN + 600, EIGHT + 600, "RPA 勉強")
    assert isinstance(exc, ConflictError) and exc.code == "overlap"
    assert str(exc) == (
        "that would overlap block 1 (task 'メール対応', 2023-11-15 07:00–08:00); "
        "pick times outside it"
    )
    text = describe(exc, service.tz)
    assert text == (
        "ほかのブロック（作業「メール対応」2023年11月15日 07:00–08:00）と重なります。"
        "重ならない時刻にしてください。"
    )
    assert_japanese(text, exc)


def test_an_end_before_the_start_shows_both_times(japanese: None, service: TrackerService) -> None:
    exc = raised(service.add_block, Kind.TASK, EIGHT, SEVEN)
    assert str(exc) == "the end must be after the start; check the two times"
    text = describe(exc, service.tz)
    assert_japanese(text, exc, "2023年11月15日 07:00", "2023年11月15日 08:00", "終了", "開始")


def test_a_time_in_the_future(japanese: None, service: TrackerService) -> None:
    exc = raised(service.start, Kind.GROWTH, "", at=service.clock.now() + 2 * H)
    assert str(exc) == "2023-11-15 11:00 is in the future; pick a time up to now"
    assert_japanese(describe(exc, service.tz), exc, "2023年11月15日 11:00", "未来")


def test_bad_work_days(japanese: None, service: TrackerService) -> None:
    exc = raised(service.set_setting, "work_days", "")
    assert str(exc) == "work_days '' names no day; use e.g. mon-fri or mon,wed,fri"
    assert_japanese(describe(exc), exc, "勤務日")
    exc = raised(service.set_setting, "work_days", "mon-xyz")
    assert str(exc) == (
        "work_days 'mon-xyz': 'xyz' is not a weekday; use mon, tue, wed, thu, fri, sat, sun"
    )
    days = ("mon", "tue", "sun")  # what to type, as typed
    assert_japanese(describe(exc), exc, "「mon-xyz」", "「xyz」", "曜日ではありません", keep=days)


def test_a_setting_out_of_range_names_the_setting(japanese: None, service: TrackerService) -> None:
    exc = raised(service.set_setting, "away_minutes", "999")
    assert str(exc) == "away_minutes '999' must be a whole number of minutes from 0 to 240"
    assert_japanese(describe(exc), exc, "離席とみなすまでの時間「999」", "240")


def test_a_label_too_long(japanese: None, service: TrackerService) -> None:
    exc = raised(service.start, Kind.TASK, "あ" * 201)
    assert str(exc) == "the label is 201 characters long; shorten it to at most 200"
    assert_japanese(describe(exc), exc, "201 文字", "200 文字以内")


def test_nothing_running(japanese: None, service: TrackerService) -> None:
    exc = raised(service.stop)
    assert isinstance(exc, NothingRunningError)
    assert str(exc) == "nothing is running, so there is nothing to stop"
    assert_japanese(describe(exc), exc, "停止するものはありません")


def test_a_read_only_file_and_the_tray_click_it_keeps(
    japanese: None, service: TrackerService
) -> None:
    service.store.conn.execute("PRAGMA query_only = ON")  # SQLite refuses writes: read-only
    exc = raised(service.start, Kind.TASK, "")
    assert isinstance(exc, StorageError) and exc.code == "storage_readonly"
    assert str(exc).startswith(f"cannot use {service.store.path}: the file or its folder")
    assert_japanese(describe(exc), exc, str(service.store.path), "読み取り専用")

    kept = raised(service.start, Kind.TASK, "", source=Source.TRAY)
    assert isinstance(kept, PendingWriteError)
    assert "your 1 last action(s) in the tray are kept" in str(kept)
    text = describe(kept)
    assert_japanese(text, kept, "読み取り専用", "直近の操作 1 件は保持しています")


def test_a_damaged_database_at_start_up(japanese: None, tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    path.write_bytes(b"not a database at all, just text" * 10)
    exc = raised(open_service, path)
    assert isinstance(exc, CorruptDatabaseError) and exc.code == "db_not_sqlite"
    assert str(exc).startswith(f"{path} is not a Growth Tracker database")
    text = describe(exc)
    names = ("Growth", "Tracker", "SQLite")
    assert_japanese(text, exc, str(path), "バックアップはまだありません", "--db", keep=names)


def test_an_idle_source_that_cannot_work_says_why_in_japanese(japanese: None) -> None:
    source = detect_idle_source(platform="linux", env={})
    assert isinstance(source, Unavailable)
    assert source.reason == "no graphical session (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    text = idle_reason(source)
    assert "グラフィカルなセッションではありません" in text and "DISPLAY" in text


# -- English and fallbacks ------------------------------------------------------------------


def test_english_reads_like_the_cli(qapp: QApplication, service: TrackerService) -> None:
    i18n.install(qapp, "en")
    exc = raised(service.stop)
    assert describe(exc) == str(exc)
    service.add_block(Kind.TASK, SEVEN, EIGHT, "mail")
    exc = raised(service.add_block, Kind.GROWTH, SEVEN, EIGHT)
    assert describe(exc, service.tz) == (
        "that would overlap another block (Task “mail”, 15 Nov 2023 07:00–08:00); "
        "pick times outside it"
    )


def test_an_unknown_or_missing_code_shows_the_message(qapp: QApplication) -> None:
    assert describe(TrackerError("plain words")) == "plain words"
    assert describe(TrackerError("other words", code="no_such_code")) == "other words"
    assert describe(ValueError("not ours")) == "not ours"
    # a template whose param is missing falls back to the English message, never raises
    assert describe(TrackerError("fallback", code="overlap")) == "fallback"


def test_the_damaged_database_box_at_start_up_is_in_the_desktops_language(
    qapp: QApplication, compiled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The language setting is in the file that cannot be opened: the box follows the
    desktop ("system"), here a Japanese one."""
    from tracker.platform.logs import close_logging
    from tracker.ui import startup

    installed: list[str] = []

    def install(app: QApplication, language: str) -> None:
        installed.append(language)
        real_install(app, "ja" if language == "system" else language)

    real_install = i18n.install
    shown: list[str] = []
    monkeypatch.setattr(i18n, "install", install)
    monkeypatch.setattr(startup.QMessageBox, "critical", lambda *a: shown.append(a[2]))
    path = tmp_path / "t.db"
    path.write_bytes(b"SQLite? no: plain text, not a database" * 10)
    try:
        code = startup._primary(path, None, {"command": "show"})  # type: ignore[arg-type]
    finally:
        close_logging()
        real_install(qapp, "en")
    assert code == 1
    assert installed == ["system"]
    assert len(shown) == 1 and shown[0].startswith(f"{path} は Growth Tracker のデータベースでは")
