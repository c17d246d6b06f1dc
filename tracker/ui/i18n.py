"""The UI language: Qt translators (ours and Qt's own) and locale-aware formatting.

``install(app, language)`` switches the language at run time: it removes the translators it
installed before, installs ``tracker_<lang>.qm`` and Qt's ``qtbase_<lang>.qm`` (button texts
such as Cancel / キャンセル) and makes the matching ``QLocale`` the default, so weekday and
month names in date edits and charts follow. Qt then sends every top-level widget a
``LanguageChange`` event; the tray rebuilds its texts on it, and windows opened after the
switch are built in the new language (see ``generation()``).

English is the source language (the strings in the code); Japanese comes from
``resources/translations/tracker_ja.ts``, compiled to ``.qm`` by
``scripts/build-translations.sh``. The formatting helpers below use the locale of the
language shown, so dates read "2026年11月29日(日)" or "Sun 29 Nov 2026".
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

log = logging.getLogger(__name__)

LANGUAGES = ("system", "ja", "en")  # the values of the ``language`` setting
SHIPPED = ("ja", "en")  # the languages the UI is shown in ("system" resolves to one)
SOURCE = "en"  # the language of the strings in the code: needs no translator

_JA = QLocale(QLocale.Language.Japanese, QLocale.Country.Japan)
_EN_US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


class _Current:
    """What ``install`` chose last (English and en_US until it runs, as in tests)."""

    language = SOURCE
    generation = 0
    locale = QLocale(_EN_US)  # numbers and dates are formatted in this
    translators: list[QTranslator] = []  # noqa: RUF012 - one shared list, by design


_current = _Current()

# Texts of Qt's own file dialog that qtbase_ja.qm lacks (Qt 6 added the "&" mnemonics to
# them, the Japanese file still has the old "Look in:"): our translator, installed
# beside Qt's, supplies them, so the Japanese file dialog is Japanese throughout.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


def resolve(language: str, system: QLocale | None = None) -> str:
    """The language shown for a ``language`` setting: "ja" or "en".

    "system" follows the desktop's preferred UI languages (LANGUAGE, LC_ALL, LANG on
    Linux): the first of them we ship wins; anything else (German, C) shows English.
    """
    if language in SHIPPED:
        return language
    if language != "system":
        raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")
    for name in (system or QLocale.system()).uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in SHIPPED:
            return code
    return SOURCE


def _format_locale(code: str, system: QLocale | None = None) -> QLocale:
    """Japanese: ja_JP. English: the system's English variant (en_GB, en_AU …), else en_US."""
    if code == "ja":
        return QLocale(_JA)
    system = system or QLocale.system()
    if system.language() == QLocale.Language.English:
        return QLocale(system)
    return QLocale(_EN_US)


def install(app: QCoreApplication, language: str) -> None:
    """Show the UI in ``language`` ("system", "ja" or "en"), replacing any earlier choice.

    Safe to call again at run time. Widgets receive ``QEvent.LanguageChange``.
    """
    code = resolve(language)
    for translator in _current.translators:
        app.removeTranslator(translator)
        translator.deleteLater()
    _current.translators = []
    _current.locale = _format_locale(code)
    QLocale.setDefault(_current.locale)
    if code != SOURCE:
        from tracker.ui.resources import resource_path

        for name, folder in (
            ("tracker", str(resource_path("translations"))),
            ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ):
            translator = QTranslator(app)
            if translator.load(f"{name}_{code}", folder):
                app.installTranslator(translator)
                _current.translators.append(translator)
            else:
                # A source checkout without `make translations`: English, not a crash.
                log.warning("no %s_%s.qm in %s; showing English", name, code, folder)
                translator.deleteLater()
    _current.language = code
    _current.generation += 1


def language() -> str:
    """The language shown now: "ja" or "en"."""
    return _current.language


def generation() -> int:
    """Goes up on every ``install``: a window built at an older generation is stale."""
    return _current.generation


def locale() -> QLocale:
    """The locale numbers and dates are formatted in."""
    return QLocale(_current.locale)


# -- formatting -------------------------------------------------------------------------

# The one date style per language, used by every window (summary, editor, export,
# recovery): 2026年11月29日(日) / Sun 29 Nov 2026; without the year where the day is
# near (a time in the editor): 11月29日 / 29 Nov.
_DATE = {"ja": "yyyy年M月d日", "en": "d MMM yyyy"}
_DATE_WEEKDAY = {"ja": "yyyy年M月d日(ddd)", "en": "ddd d MMM yyyy"}
_SHORT_DATE = {"ja": "M月d日", "en": "d MMM"}
_MONTH = {"ja": "yyyy年M月", "en": "MMMM yyyy"}


def _qdate(day: dt.date) -> QDate:
    """A ``QDate`` for ``QLocale.toString`` (whose overloads take Qt's date types)."""
    return QDate(day.year, day.month, day.day)


def date_pattern(weekday: bool = True) -> str:
    """The Qt date pattern of :func:`format_date` (for a ``QDateEdit``'s display format)."""
    return (_DATE_WEEKDAY if weekday else _DATE)[language()]


def short_date_pattern() -> str:
    """The Qt pattern of :func:`format_short_date`: a day without its year."""
    return _SHORT_DATE[language()]


def format_short_date(day: dt.date) -> str:
    """ "11月29日" / "29 Nov": a date next to a time, where the year goes without saying."""
    return _current.locale.toString(_qdate(day), short_date_pattern())


def format_date(day: dt.date, weekday: bool = True) -> str:
    """ "2026年11月29日(日)" / "Sun 29 Nov 2026" (without ``weekday``: no day name)."""
    return _current.locale.toString(_qdate(day), date_pattern(weekday))


def format_month(day: dt.date) -> str:
    """The month of ``day``: "2026年11月" / "November 2026"."""
    return _current.locale.toString(_qdate(day), _MONTH[language()])


def format_date_range(first: dt.date, last: dt.date) -> str:
    """ "2026年11月23日～29日" / "23–29 Nov 2026"; the year and month only once when shared."""
    loc = _current.locale
    if first == last:
        return format_date(first, weekday=False)
    if language() == "ja":
        if first.year != last.year:
            tail = format_date(last, weekday=False)
        else:
            tail = loc.toString(_qdate(last), "d日" if first.month == last.month else "M月d日")
        return f"{format_date(first, weekday=False)}～{tail}"
    if first.year != last.year:
        return f"{format_date(first, weekday=False)} – {format_date(last, weekday=False)}"
    if first.month != last.month:
        return f"{loc.toString(_qdate(first), 'd MMM')} – {format_date(last, weekday=False)}"
    return f"{first.day}–{format_date(last, weekday=False)}"


def format_date_time(moment: dt.datetime) -> str:
    """A day and time in the date style: "11月29日 01:30" / "29 Nov 01:30"."""
    return f"{format_short_date(moment.date())} {format_time(moment)}"


def format_time(moment: dt.datetime) -> str:
    """A wall-clock time, 24-hour in both languages as in the CLI: "09:05"."""
    return moment.strftime("%H:%M")


def format_number(value: float, decimals: int = 0) -> str:
    """A number with the locale's grouping and decimal mark: "1,234", "2.5"."""
    if decimals == 0:
        return _current.locale.toString(int(f"{value:.0f}"))
    return _current.locale.toString(float(value), "f", decimals)


def format_percent(ratio: float | None) -> str:
    """A ratio as a whole percentage ("18%"), or "–" when there is none."""
    if ratio is None:
        return "–"
    return format_number(ratio * 100) + _current.locale.percent()


# -- line breaks in Japanese ------------------------------------------------------------

WORD_JOINER = "\u2060"  # no line break on either side (UAX #14 class WJ)
ZERO_WIDTH_SPACE = "\u200b"  # a line may break here
_NO_BREAK_SPACE = "\u00a0"
_LONG_ASCII = re.compile(r"[!-~]{21,}")  # over 20 ASCII characters: a path


class _Parser:
    parser: Any = None
    loaded = False


def _phrase_parser() -> Any:
    """BudouX's Japanese phrase model, loaded once on first use (about 10 ms)."""
    if not _Parser.loaded:
        _Parser.loaded = True
        try:
            import budoux
        except ImportError:  # a bare source checkout: Qt's own line breaking
            log.warning("budoux is not installed; Japanese lines may break inside words")
        else:
            _Parser.parser = budoux.load_default_japanese_parser()
    return _Parser.parser


def phrases(text: str) -> list[str]:
    """``text`` cut into phrases (文節): where a Japanese line may break ("" is none)."""
    parser = _phrase_parser()
    if parser is None or not text:
        return [text] if text else []
    return [str(p) for p in parser.parse(text)]


def phrase_wrap(text: str) -> str:
    """Japanese text that wraps only between phrases: 取得します never becomes 取得しま／す.

    Qt may break a Japanese line between any two characters, so inside each phrase every
    character is glued to the next with a word joiner and a zero-width space marks each
    phrase boundary (see ``_wrap_line`` for spaces and ASCII). The marks are invisible. Text in the
    UI's other language is returned as it is; ``plain_text`` removes the marks again.
    """
    if language() != "ja" or not text:
        return text
    return "\n".join(_wrap_line(line) for line in text.split("\n"))


def _wrap_line(line: str) -> str:
    """One line with its phrases glued and a break mark between them.

    A space still lets the line break (the list " · " in a key hint), except after a
    colon or before a "·": "Ctrl+Y: やり直し" stays whole and no line starts with "·".
    "Enter/F2" is glued like a word, but inside a run of over 20 ASCII characters (a
    path) nothing is added, so it still breaks after a "/" rather than overflow.
    """
    bounds, at = set(), 0
    for phrase in phrases(line)[:-1]:
        at += len(phrase)
        bounds.add(at)
    chars = list(line)
    for i, c in enumerate(chars):
        if c == " " and (line[i - 1 : i] in (":", "：") or line[i + 1 : i + 2] == "·"):
            chars[i] = _NO_BREAK_SPACE
    long_ascii: set[int] = set()  # inside a path or an address: Qt's own breaks (after "/") stay
    for run in _LONG_ASCII.finditer(line):
        long_ascii.update(range(run.start() + 1, run.end()))
    out = []
    for i, c in enumerate(chars):
        if i:
            before = chars[i - 1]
            if " " in (before, c):
                pass  # a line may break at an ordinary space anyway
            elif i in bounds:
                out.append(ZERO_WIDTH_SPACE)
            elif i not in long_ascii:
                out.append(WORD_JOINER)
        out.append(c)
    return "".join(out)


def plain_text(text: str) -> str:
    """``text`` without the marks :func:`phrase_wrap` added (for the clipboard, tests)."""
    return text.replace(WORD_JOINER, "").replace(ZERO_WIDTH_SPACE, "").replace(_NO_BREAK_SPACE, " ")
