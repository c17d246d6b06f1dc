"""Error codes: every message the service, store, domain, io and platform raise with a
``code`` has an entry in the catalogue ``tracker.domain.messages`` (and every entry is
used), no raise site writes the English itself, every template renders in English and has a
Japanese translation, the Japanese UI shows real errors in Japanese with their values
formatted, and ``str(exc)``, the CLI's message (docs/architecture.md §6), stays the English one.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tracker.domain import messages
from tracker.domain.messages import CATALOGUE
from tracker.domain.model import Block, Kind, Source, TrackerError, ValidationError
from tracker.platform.idle import Unavailable, detect_idle_source
from tracker.service import (
    NothingRunningError,
    PendingWriteError,
    TrackerService,
    open_service,
)
from tracker.store import ConflictError, CorruptDatabaseError, StorageError
from tracker.ui import i18n
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
TOKYO = dt.timezone(dt.timedelta(hours=9))


def raise_sites() -> Iterator[tuple[str, ast.Call]]:
    """Every call anywhere in tracker/ (error_text and the catalogue aside) given a
    ``code=``, with where it is."""
    for path in sorted(TRACKER.rglob("*.py")):
        if path.name == "error_text.py" or path == TRACKER / "domain" / "messages.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            if any(kw.arg == "code" for kw in call.keywords):
                yield f"{path.relative_to(REPO)}:{call.lineno}", call


def keys_raised() -> dict[str, list[str]]:
    """Every catalogue key (``code`` or ``code/variant``) a raise site can name; a variant
    that is not a literal (files.py's kind of path) counts as ``code/*``."""
    found: dict[str, list[str]] = {}
    for where, call in raise_sites():
        kwargs = {kw.arg: kw.value for kw in call.keywords}
        variant = kwargs.get("variant")
        variants: list[str | None] = [None] if variant is None else _literals(variant) or ["*"]
        if isinstance(variant, ast.IfExp | ast.Constant) and None in _constants(variant):
            variants.append(None)
        for code in _literals(kwargs["code"]):
            for v in variants:
                found.setdefault(code if v is None else f"{code}/{v}", []).append(where)
    return found


def _constants(node: ast.expr) -> list[object]:
    if isinstance(node, ast.Constant):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _constants(node.body) + _constants(node.orelse)
    return []


def _literals(node: ast.expr) -> list[str]:
    """The strings an expression can be: a literal, or either side of ``a if c else b``."""
    return [v for v in _constants(node) if isinstance(v, str)]


def test_every_message_raised_is_in_the_catalogue_and_every_entry_is_raised() -> None:
    raised = keys_raised()
    assert len(raised) > 60  # the scan really found the raise sites
    missing = {
        key: where
        for key, where in raised.items()
        if key not in CATALOGUE
        and not (key.endswith("/*") and any(k.startswith(key[:-1]) for k in CATALOGUE))
    }
    assert not missing, f"codes without a message in tracker/domain/messages.py: {missing}"
    used = set(raised)
    used |= {k for k in CATALOGUE for r in raised if r.endswith("/*") and k.startswith(r[:-1])}
    used |= {r[:-2] for r in raised if r.endswith("/*") and r[:-2] in CATALOGUE}
    unused = set(CATALOGUE) - used
    assert not unused, f"messages no raise site names: {sorted(unused)}"


def test_no_raise_site_writes_english_beside_its_code() -> None:
    """One source per message: a raise site gives a code and params, the text comes from the
    catalogue (docs/architecture.md §11); the service too."""
    problems = []
    for where, call in raise_sites():
        for arg in call.args:
            for node in ast.walk(arg):
                text = isinstance(node, ast.JoinedStr) or (
                    isinstance(node, ast.Constant) and isinstance(node.value, str)
                )
                if text or (isinstance(node, ast.Attribute) and node.attr in ("format", "join")):
                    problems.append(f"{where}: {ast.unparse(arg)[:70]}")
                    break
    assert not problems, "English written at a raise site:\n" + "\n".join(problems)
    # the scan sees the service's raise sites
    assert sum(w.startswith("tracker/service/") for w, _ in raise_sites()) >= 26


def test_no_error_of_ours_is_raised_without_a_code() -> None:
    """Every error a person can meet names its message: the window translates it, and a
    message without a code would be English in the Japanese UI."""
    import tracker.cli
    import tracker.io.export
    import tracker.io.reader
    import tracker.platform.autostart  # noqa: F401  # their error classes, as subclasses

    def subclasses(cls: type) -> set[type]:
        return {cls} | {s for sub in cls.__subclasses__() for s in subclasses(sub)}

    ours = {cls.__name__ for cls in subclasses(TrackerError)}
    assert {"UserError", "CsvImportError", "RecoveryNeededError"} <= ours
    problems = []
    for path in sorted(TRACKER.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
            if isinstance(call.func, ast.Attribute) and ast.unparse(call.func.value) == "sqlite3":
                continue  # SQLite's own DatabaseError, not ours
            if name in ours and not any(kw.arg in ("code", None) for kw in call.keywords):
                problems.append(f"{path.relative_to(REPO)}:{call.lineno}: {ast.unparse(call)[:70]}")
    assert not problems, "raised without a code:\n" + "\n".join(problems)


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
    """Messages naming programs, files, APIs or keys keep those names in Latin letters."""
    names = ("Growth Tracker", "SQLite", "UTF-8", "D-Bus", "X ", "Wayland", "Windows", "lib")
    names += ("DISPLAY", "org.", "XScreenSaver", "ISO-8601", "Ctrl", "macOS")
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


def test_a_day_the_tray_cannot_read_is_said_in_japanese(
    japanese: None, service: TrackerService
) -> None:
    """parse_day is met by the tray too (a second start asking for a day's summary)."""
    exc = raised(service.parse_day, "nope")
    assert (exc.code, str(exc)) == (
        "day_unreadable",
        "cannot read the day 'nope'; use YYYY-MM-DD, today or yesterday",
    )
    assert describe(exc) == "日付「nope」を読み取れません。2026-11-28 のように入力してください。"
    exc = raised(service.parse_day, "1800-01-01")
    assert exc.code == "day_out_of_range"
    assert (
        describe(exc)
        == "日付「1800-01-01」は範囲外です。1971 年から 2999 年までの日付にしてください。"
    )


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
    from PySide6.QtWidgets import QMessageBox  # imported by startup only when it is shown

    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(a[2]))
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


# -- the catalogue itself -------------------------------------------------------------------


def _sample(name: str) -> object:
    """A value of the kind each placeholder name stands for."""
    samples: dict[str, object] = {
        "block": Block(7, Kind.TASK, "mail", "", SEVEN, EIGHT),
        "running": Block(8, Kind.GROWTH, "", "", EIGHT, None),
        "error": ValidationError(code="label_control"),
        "errors": (ValidationError(code="merge_kinds"), ValidationError(code="merge_too_few")),
        "backup": Path("/data/backups/t-2023-11-15.db"),
        "path": Path("/data/t.db"),
        "first": dt.date(2023, 11, 15),
        "last": dt.date(2023, 11, 14),
        "block_id": 12,
        "kind": Kind.TASK,
        "column": "start",
        "differences": (TrackerError(code="import_diff_note"),),
        "byte": 0xFF,
    }
    if name in messages.INSTANTS:
        return SEVEN
    return samples.get(name, f"<{name}>")


def _fields(template: str) -> set[str]:
    return {
        re.split(r"[.\[]", field)[0]
        for _, field, _, _ in string.Formatter().parse(template)
        if field is not None
    }


def _params(key: str) -> dict[str, object]:
    message = CATALOGUE[key]
    names = _fields(message.text) | _fields(message.shown)
    if key.startswith("pending_dropped/"):
        names.add("op")
    params = {name: _sample(name) for name in names}
    if key == "import_diff_kind":
        params.update(stored=Kind.TASK, found=Kind.GROWTH)
    if key == "import_diff_span":
        params.update(stored=messages.Span(SEVEN, EIGHT), found=messages.Span(SEVEN, None))
    if "op" in params:
        params["op"] = key.partition("/")[2]
    return params


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_template_renders_in_english_with_its_params(key: str) -> None:
    code, _, variant = key.partition("/")
    params = _params(key)
    text = messages.english(code, params, variant=variant or None, tz=TOKYO)
    assert text and "{" not in text and "}" not in text, text
    for name, value in params.items():
        if isinstance(value, str) and f"{{{name}" in CATALOGUE[key].text:
            assert value in text, (name, text)
    # raised with the same code and params, the error says exactly that
    assert str(TrackerError(code=code, params=params, variant=variant or None, tz=TOKYO)) == text


def test_english_formats_instants_blocks_and_backups_as_the_cli_writes_them() -> None:
    block = Block(3, Kind.TASK, "mail", "", SEVEN, EIGHT)
    assert messages.english("future_time", {"at": SEVEN}, tz=TOKYO) == (
        "2023-11-15 07:00 is in the future; pick a time up to now"
    )
    assert messages.english("overlap", {"block": block}, tz=TOKYO) == (
        "that would overlap block 3 (task 'mail', 2023-11-15 07:00–08:00); pick times outside it"
    )
    assert messages.english("overlap", {"block": block}, variant="brief") == (
        "it would overlap block 3"
    )
    assert messages.english("target_not_number", {"text": "it's"}).startswith(
        'target "it\'s" is not a number'  # Python's quoting, as the f-string had
    )
    path, backup = Path("/d/t.db"), Path("/d/backups/t-1.db")
    assert messages.english("db_cannot_open", {"path": path, "detail": "x", "backup": None}) == (
        "cannot open /d/t.db (x); no backup exists yet"
    )
    assert messages.english(
        "db_missing", {"path": path, "trace": "/d/t.db-wal", "backup": backup}
    ) == (
        "/d/t.db is missing, but a database was used there (/d/t.db-wal is left of it); to go "
        "back to the newest backup, copy /d/backups/t-1.db to /d/t.db; to start an empty "
        "database there instead, create an empty file with that name"
    )
    assert messages.english("db_damaged", {"path": path, "detail": "x", "backup": backup}) == (
        "/d/t.db is damaged (x); the newest backup is /d/backups/t-1.db; to go back to it, quit "
        "Growth Tracker and copy that file over /d/t.db (delete t.db-wal and t.db-shm beside "
        "it if they exist); or use --db to pick another file"
    )
    with pytest.raises(KeyError):
        messages.english("no_such_code", {})
    with pytest.raises(KeyError):
        messages.english("overlap", {})  # a param missing


def test_an_error_with_english_written_out_keeps_it() -> None:
    """tracker/service.py's form, until it is converted: the given text is the message."""
    exc = ValidationError("said here", code="label_control")
    assert str(exc) == "said here" and exc.code == "label_control"
    assert str(ValidationError(code="label_control")) == CATALOGUE["label_control"].text
    # an unknown code never turns a user's error into a traceback
    assert str(TrackerError(code="no_such_code")) == "no_such_code"


def test_the_service_says_what_it_always_said(service: TrackerService) -> None:
    """The service's errors, built from the catalogue, read exactly as the English the
    service used to write out (the CLI prints them; scripts match them, §6)."""
    from tracker.service import AwayChoice

    mail = service.add_block(Kind.TASK, SEVEN, EIGHT, "mail")
    mail_text = "block 1 (task 'mail', 2023-11-15 07:00–08:00)"
    now = service.clock.now()
    expected = [
        (
            lambda: service.add_block(Kind.GROWTH, SEVEN + 600, EIGHT + 600),
            "overlap",
            f"that would overlap {mail_text}; pick times outside it",
        ),
        (
            lambda: service.start(Kind.GROWTH, "", at=now + 2 * H),
            "future_time",
            "2023-11-15 11:00 is in the future; pick a time up to now",
        ),
        (service.stop, "nothing_running", "nothing is running, so there is nothing to stop"),
        (
            lambda: service.split_block(1, EIGHT + H),
            "split_outside",
            f"2023-11-15 09:00 is not inside {mail_text}; pick a time between its start and "
            "its end",
        ),
        (
            lambda: service.merge_blocks([1]),
            "merge_too_few",
            "pick at least two neighbouring blocks to merge",
        ),
        (
            lambda: service.grid(dt.date(2023, 11, 15), dt.date(2023, 11, 14)),
            "range_reversed",
            "the range ends (2023-11-14) before it begins (2023-11-15); swap the days",
        ),
        (
            lambda: service.add_block(Kind.TASK, EIGHT + 600, now + H),
            "end_in_future",
            "the end 2023-11-15 10:00 is in the future",
        ),
        (
            lambda: service.edit_block(1, start=SEVEN, end=now + H),
            "reaches_future",
            "a block cannot reach into the future; pick earlier times",
        ),
        (
            lambda: service.restore_blocks([], remove=[], expect=[replace(mail, id=9)]),
            "deleted_elsewhere",
            "block 9 was deleted elsewhere meanwhile; nothing was changed",
        ),
        (
            lambda: service.restore_blocks([], remove=[], expect=[replace(mail, label="x")]),
            "changed_elsewhere",
            f"{mail_text} was changed elsewhere meanwhile; nothing was changed",
        ),
        (
            lambda: service.restore_blocks([replace(mail, label="x")]),
            "id_taken",
            "the id 1 belongs to another block now; nothing was changed",
        ),
    ]
    for call, code, text in expected:
        exc = raised(call)
        assert (exc.code, str(exc)) == (code, text)
        assert exc.variant is None

    growth = service.add_block(Kind.GROWTH, EIGHT, EIGHT + 600, "")
    exc = raised(service.merge_blocks, [1, growth.id])
    assert (exc.code, str(exc)) == (
        "merge_kinds",
        "only blocks of one kind can be merged; change the kind first",
    )
    later = service.add_block(Kind.TASK, EIGHT + 1200, EIGHT + 1800, "")
    exc = raised(service.merge_blocks, [1, later.id])
    assert (exc.code, str(exc)) == (
        "merge_gap",
        "block 2 (growth, 2023-11-15 08:00–08:10) lies between them; merge only blocks that "
        "follow each other",
    )

    running = service.start(Kind.TASK, "", at=EIGHT + 2400)
    for call, code, text in [
        (
            lambda: service.stop(at=EIGHT + 2000),
            "before_running_start",
            "the running block started at 2023-11-15 08:40; pick a time after that",
        ),
        (
            lambda: service.restore_block(replace(running, id=9, started_at=EIGHT + 3000)),
            "conflict_running",
            "block 4 (task, 2023-11-15 08:40–now) is still running; stop it first",
        ),
        (
            lambda: service.edit_block(running.id, end=EIGHT + 2 * H),
            "running_has_no_end",
            "block 4 is still running; stop it to give it an end",
        ),
        (
            lambda: service.resolve_away(AwayChoice.STOP, now, now, block_id=1),
            "away_block_ended",
            "the away time was not changed: block 1, which ran when you left, was ended while "
            "the question was open (block 4 runs now); correct the times in Edit blocks if "
            "needed",
        ),
    ]:
        exc = raised(call)
        assert (exc.code, str(exc)) == (code, text)


def test_the_trays_kept_and_dropped_actions_say_what_they_always_said(
    service: TrackerService,
) -> None:
    service.start(Kind.TASK, "", at=SEVEN)
    service.store.conn.execute("PRAGMA query_only = ON")
    path = service.store.path
    first = raised(service.stop, source=Source.TRAY)
    assert isinstance(first, PendingWriteError) and first.variant == "error"
    assert str(first) == (
        f"cannot use {path}: the file or its folder is read-only; make both writable (or use "
        "--db); your 1 last action(s) in the tray are kept and will be saved, with their "
        "times, as soon as the file can be written again"
    )
    second = raised(service.stop, source=Source.TRAY)
    assert isinstance(second, PendingWriteError) and second.variant is None
    assert str(second) == (
        "your 2 last action(s) in the tray are kept and will be saved, with their times, as "
        "soon as the file can be written again"
    )
    service.store.conn.execute("PRAGMA query_only = OFF")
    service.stop()  # elsewhere: the kept stops find nothing running
    exc = raised(service.heartbeat)
    assert exc.code == "several"
    one = "the stop of 2023-11-15 09:00 could not be saved: nothing is running, so there is "
    assert str(exc) == f"{one}nothing to stop; {one}nothing to stop"
    assert [(e.code, e.variant) for e in exc.params["errors"]] == [  # type: ignore[attr-defined]
        ("pending_dropped", "stop"),
        ("pending_dropped", "stop"),
    ]


def test_every_template_the_ui_shows_has_a_japanese_translation() -> None:
    translated = {source for source, text, kind in errors_context() if kind != "unfinished"}
    shown = {m.shown for m in CATALOGUE.values() if not m.cli}
    shown |= {messages.NO_BACKUP, messages.NEWEST_BACKUP, messages.BLOCK_ID, messages.SINCE}
    shown |= {messages.BLOCK_PLAIN, messages.BLOCK_LABELLED, *messages.SETTING_NAMES.values()}
    worded = {t for t in shown if re.search(r"[A-Za-z]", NAMED.sub("", t))}
    assert len(worded) > 100
    missing = sorted(worded - translated)
    assert not missing, f"not in resources/translations/tracker_ja.ts: {missing}"


class _Raised:
    """An error as the UI receives it: code, variant and params."""

    def __init__(self, key: str) -> None:
        self.code, _, variant = key.partition("/")
        self.variant = variant or None
        self.params = _params(key)

    def __str__(self) -> str:
        return messages.english(self.code, self.params, variant=self.variant, tz=TOKYO)


@pytest.mark.parametrize(
    "key", sorted(k for k, m in CATALOGUE.items() if not m.cli and k != "several")
)
def test_every_message_reads_in_japanese(japanese: None, key: str) -> None:
    exc = _Raised(key)
    text = describe(exc, TOKYO)
    assert text != str(exc)  # translated and filled, not the English fallback
    assert re.search(r"[ぁ-んァ-ヶ一-龯]", text), text
    assert "{" not in text, text


def test_variants_read_as_the_cli_always_wrote_them(tmp_path: Path) -> None:
    """The messages whose wording depends on what was found, each exactly as before the
    catalogue (scripts match these lines)."""
    import sqlite3

    from tracker.domain import settings, timeparse
    from tracker.io import decode, export, files
    from tracker.store import checks, errors

    def message(fn: object, *args: object) -> str:
        with pytest.raises(TrackerError) as info:
            fn(*args)  # type: ignore[operator]
        return str(info.value)

    assert message(files._check_target, Path("/dev/null")) == (
        "/dev/null is a device, not a file; give the name of a new or existing file "
        "(on the command line, -o - writes to standard output)"
    )
    assert message(checks.check_regular, tmp_path) == (
        f"{tmp_path} is a folder, not a database file; give the path of a file with --db"
    )
    tail = "; the file is damaged or was saved in another encoding — save it as 'CSV UTF-8' "
    assert str(decode._undecodable("n.csv", 3, "cp932")) == (
        "nothing was imported: line 3 of n.csv is not Shift_JIS (cp932) like the lines "
        f"before it{tail}and import again"
    )
    assert str(decode._undecodable("n.csv", 3, "utf-8", bom=True)) == (
        "nothing was imported: line 3 of n.csv is not UTF-8, though the file starts with "
        f"UTF-8's byte-order mark{tail}and import again"
    )
    assert str(export._encoding_problem(["id", "label"], [["5", "x😀"]], "cp932")) == (
        "cp932 (Shift_JIS) cannot hold the character '😀' (U+1F600) at line 2, column label "
        "(block 5); nothing was written — export as utf-8-sig (UTF-8 with BOM, which Excel "
        "reads) or change that text"
    )
    db = tmp_path / "x.db"
    readonly = sqlite3.OperationalError("attempt to write a readonly database")
    assert str(errors.storage_problem(db, readonly)) == (
        f"cannot use {db}: the file or its folder is read-only; make both writable (or use "
        "--db); nothing was changed"
    )
    assert message(settings.parse_setting, "target", "it's") == (
        'target "it\'s" is not a number; use a fraction like 0.25 or a percentage like 25%'
    )
    assert message(settings.parse_setting, "nope", "1").startswith(
        "unknown setting 'nope'; known settings: target, day_start, end_of_day,"
    )
    help_ = "use HH:MM (or HHMM, HH.MM), 'YYYY-MM-DD HH:MM', 'MM-DD HH:MM' or ISO-8601 with"
    day = dt.date(2024, 3, 31)
    assert message(timeparse.parse_time_in_day, "25:00", day, TOKYO, 0) == (
        f"'25:00' is not a clock time; {help_} an offset"
    )
    assert message(timeparse.parse_time_in_day, "2024-02-30 10:00", day, TOKYO, 0) == (
        f"'2024-02-30 10:00' is not a valid date and time; {help_} an offset"
    )
