"""Translations: the Japanese .ts is complete and current, lupdate sees every string as it
runs, switching the language at run time works, and dates and numbers follow the locale.

The .ts is checked against a fresh ``pyside6-lupdate`` run over tracker/ui and the error
catalogue tracker/domain/messages.py (into a temporary copy), so a string added to the code
without a translation fails here. After changing UI
strings run ``scripts/build-translations.sh --update`` and translate the new entries.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import tray_support
from PySide6.QtCore import QCoreApplication, QEvent, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from tracker.ui import i18n, windows
from tracker.ui.app import App
from tracker.ui.tray import TrayController

REPO = Path(__file__).resolve().parents[2]
UI = REPO / "tracker" / "ui"
CATALOGUE = REPO / "tracker" / "domain" / "messages.py"  # the error messages (QT_TRANSLATE_NOOP)
TS = REPO / "resources" / "translations" / "tracker_ja.ts"
QM = TS.with_suffix(".qm")
PLACEHOLDER = re.compile(r"\{\d*\}")


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, <translation>) of every message in a .ts file."""
    root = ET.parse(ts).getroot()
    return [
        (ctx.findtext("name") or "", msg.findtext("source") or "", msg.find("translation"))  # type: ignore[misc]
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    ]


def lupdate(ts: Path) -> None:
    """The update half of scripts/build-translations.sh, on ``ts``."""
    subprocess.run(
        [sys.executable, "-c", "import sys; from PySide6.scripts import pyside_tool as t; "
         "sys.argv[0] = 'lupdate'; sys.exit(t.lupdate())",
         "-extensions", "py", "-recursive", "-no-obsolete", "-silent",
         "-source-language", "en", "-target-language", "ja", str(UI), str(CATALOGUE),
         "-ts", str(ts)],
        check=True,
        capture_output=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def compiled() -> Path:
    """tracker_ja.qm, built from the .ts when missing or older (as `make test` does)."""
    if not QM.exists() or QM.stat().st_mtime < TS.stat().st_mtime:
        subprocess.run(
            ["bash", str(REPO / "scripts" / "build-translations.sh"), sys.executable],
            check=True,
            capture_output=True,
        )
    return QM


@pytest.fixture
def japanese(qapp: QApplication, compiled: Path) -> Iterator[QApplication]:
    """The UI in Japanese for one test; English (the tests' language) again afterwards."""
    i18n.install(qapp, "ja")
    yield qapp
    i18n.install(qapp, "en")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


# -- the .ts file -----------------------------------------------------------------------


def test_every_string_has_a_finished_japanese_translation() -> None:
    problems = []
    for ctx, source, tr in messages(TS):
        kind = tr.get("type")
        text = tr.text or ""
        if kind in ("vanished", "obsolete"):
            problems.append(f"{ctx}: {source!r} is no longer in the code ({kind})")
        elif kind == "unfinished" or not text.strip():
            problems.append(f"{ctx}: {source!r} has no Japanese translation")
        elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"{ctx}: {source!r} → {text!r} changes the {{n}} placeholders")
        elif ("&" in source.replace("&&", "")) != ("&" in text.replace("&&", "")):
            problems.append(f"{ctx}: {source!r} → {text!r} adds or drops the & mnemonic")
    assert not problems, "\n".join(problems)


def test_the_ts_file_lists_exactly_the_strings_in_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / TS.name
    shutil.copy(TS, fresh)
    lupdate(fresh)
    have = {(c, s) for c, s, tr in messages(TS) if tr.get("type") not in ("vanished", "obsolete")}
    want = {(c, s) for c, s, _ in messages(fresh)}
    assert not want - have, f"run scripts/build-translations.sh --update: new {want - have}"
    assert not have - want, f"run scripts/build-translations.sh --update: gone {have - want}"
    assert len(want) > 200  # lupdate really scanned tracker/ui
    # ... and the error catalogue, whose texts are in no tracker/ui file
    assert ("Errors", "nothing is running, so there is nothing to stop") in want


def _ui_modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(UI.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _call_name(call: ast.Call) -> str | None:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)


ERROR_TEXT = Path("tracker/ui/error_text.py")


def _enclosing(tree: ast.Module, call: ast.Call) -> str | None:
    """The name of the top-level function holding ``call``."""
    for fn in tree.body:
        if isinstance(fn, ast.FunctionDef) and any(n is call for n in ast.walk(fn)):
            return fn.name
    return None


def test_lupdate_can_read_every_translation_call() -> None:
    """lupdate reads literals only, and takes ``self.tr``'s context from the enclosing class.

    So: the text of tr/translate is a string literal (no f-string, no variable: a wrapper
    like ``_tr(text)`` hides its strings), the context of translate is a literal, ``tr`` is
    only called on ``self``, and a class that calls ``self.tr`` is not subclassed (PySide
    looks up the most derived class name at run time, lupdate the defining class).
    """
    problems = []
    tr_classes: dict[str, str] = {}
    bases: dict[str, list[str]] = {}
    for path, tree in _ui_modules():
        where = path.relative_to(REPO)
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            bases[cls.name] = [b.id for b in cls.bases if isinstance(b, ast.Name)]
            for call in (n for n in ast.walk(cls) if isinstance(n, ast.Call)):
                if _call_name(call) == "tr":
                    tr_classes[cls.name] = str(where)
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name, at = _call_name(call), f"{where}:{call.lineno}"
            literal = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args]
            if name == "tr":
                owner = call.func.value if isinstance(call.func, ast.Attribute) else None
                if not (isinstance(owner, ast.Name) and owner.id == "self"):
                    problems.append(f"{at}: tr() on something other than self")
                if not literal or not literal[0]:
                    problems.append(f"{at}: tr() of a non-literal text")
            elif name == "translate" and not (len(literal) >= 2 and literal[0] and literal[1]):
                if where == ERROR_TEXT and _enclosing(tree, call) == "_tr":
                    continue  # catalogue texts, which lupdate reads in tracker/domain/messages.py
                problems.append(f"{at}: translate() needs a literal context and text")
    for name, parents in bases.items():
        problems += [
            f"{name} subclasses {p} ({tr_classes[p]}), whose self.tr() would change context"
            for p in parents
            if p in tr_classes
        ]
    assert not problems, "\n".join(problems)


# -- the running translators ------------------------------------------------------------


def test_japanese_reaches_our_widgets_and_qts_own_buttons(japanese: QApplication) -> None:
    assert i18n.language() == "ja"
    tray = TrayController()
    try:
        assert tray.quit_action.text() == "終了(&Q)"
        assert tray.feature_actions["summary"].text() == "今日のサマリー(&S)…"
        assert tray.status_action.text() == "記録停止中"
    finally:
        tray.dispose()
    assert QCoreApplication.translate("Kind", "Growth") == "成長"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("(&C)", "").replace("&", "") == "キャンセル"  # qtbase_ja.qm


def test_switching_language_retranslates_the_tray_menu(qapp: QApplication, compiled: Path) -> None:
    i18n.install(qapp, "en")
    tray = TrayController()
    try:
        assert tray.quit_action.text() == "&Quit"
        i18n.install(qapp, "ja")
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        assert tray.quit_action.text() == "終了(&Q)"
        assert tray.start_menus[next(iter(tray.start_menus))].title() == "作業を開始(&T)"
        i18n.install(qapp, "en")
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        assert tray.quit_action.text() == "&Quit"
        assert QCoreApplication.translate("Kind", "Growth") == "Growth"
    finally:
        i18n.install(qapp, "en")
        tray.dispose()


def test_the_language_setting_switches_the_running_app(
    qapp: QApplication, compiled: Path, tmp_path: Path
) -> None:
    service, _ = tray_support.make_service(tmp_path)
    app = App(service)
    try:
        service.set_setting("language", "ja")
        app.apply_settings()  # what the app does when the settings change
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        assert i18n.language() == "ja"
        assert app.tray.quit_action.text() == "終了(&Q)"
        assert app.tray.status_action.text() == "記録停止中"
        service.set_setting("language", "en")
        app.apply_settings()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        assert app.tray.quit_action.text() == "&Quit"
    finally:
        i18n.install(qapp, "en")
        app.shutdown()
        app.deleteLater()


class _Window(QWidget):
    def refresh(self) -> None:
        pass


def test_a_hidden_window_is_built_again_in_the_new_language(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(windows, "load_class", lambda *_: lambda service: _Window())
    made = windows.WindowSet(None, lambda name, window: None)
    first = made.get("summary")
    assert made.get("summary") is first  # kept between opens ...
    i18n.install(qapp, "en")
    second = made.get("summary")
    assert second is not first  # ... until the language changes
    second.show()
    i18n.install(qapp, "en")
    assert made.get("summary") is second  # an open window stays open
    second.close()


def test_system_language_follows_the_locale() -> None:
    assert i18n.resolve("system", QLocale("ja_JP")) == "ja"
    assert i18n.resolve("system", QLocale("en_GB")) == "en"
    assert i18n.resolve("system", QLocale("de_DE")) == "en"  # not shipped: English
    assert i18n.resolve("system", QLocale.c()) == "en"
    assert i18n.resolve("ja", QLocale("de_DE")) == "ja"
    with pytest.raises(ValueError, match="language"):
        i18n.resolve("fr")


def test_system_language_reads_lang_and_lc_all() -> None:
    code = "from tracker.ui import i18n; print(i18n.resolve('system'))"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    for variables, expected in (
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
    ):
        out = subprocess.run(
            [sys.executable, "-c", code],
            env={**env, **variables},
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout.strip() == expected, variables


# -- locale formatting ------------------------------------------------------------------


def test_dates_and_numbers_follow_the_ui_language(japanese: QApplication) -> None:
    day = dt.date(2026, 11, 29)
    assert i18n.format_date(day) == "2026年11月29日(日)"
    assert i18n.format_date(day, weekday=False) == "2026年11月29日"
    assert i18n.format_month(day) == "2026年11月"
    assert i18n.format_date_range(dt.date(2026, 11, 23), day) == "2026年11月23日～29日"
    assert i18n.format_date_range(dt.date(2026, 10, 26), day) == "2026年10月26日～11月29日"
    assert i18n.format_number(1234) == "1,234"
    assert i18n.format_percent(0.25) == "25%"
    assert i18n.format_percent(None) == "–"
    assert QLocale().dayName(7, QLocale.FormatType.ShortFormat) == "日"  # the default locale
    i18n.install(japanese, "en")
    assert i18n.format_date(day) == "Sun 29 Nov 2026"
    assert i18n.format_month(day) == "November 2026"
    assert i18n.format_date_range(dt.date(2026, 11, 23), day) == "23–29 Nov 2026"
    assert i18n.format_date_range(dt.date(2026, 12, 28), dt.date(2027, 1, 3)) == (
        "28 Dec 2026 – 3 Jan 2027"
    )
    assert i18n.format_number(1234567) == "1,234,567"
    assert i18n.format_number(2.5, 1) == "2.5"
    assert i18n.format_percent(0.184) == "18%"
