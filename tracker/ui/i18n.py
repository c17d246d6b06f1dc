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

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

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
        from tracker.ui.common import resource_path

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

_DATE = {"ja": "yyyy年M月d日", "en": "d MMM yyyy"}
_DATE_WEEKDAY = {"ja": "yyyy年M月d日(ddd)", "en": "ddd d MMM yyyy"}
_MONTH = {"ja": "yyyy年M月", "en": "MMMM yyyy"}


def date_pattern(weekday: bool = True) -> str:
    """The Qt date pattern of :func:`format_date` (for a ``QDateEdit``'s display format)."""
    return (_DATE_WEEKDAY if weekday else _DATE)[language()]


def format_date(day: dt.date, weekday: bool = True) -> str:
    """ "2026年11月29日(日)" / "Sun 29 Nov 2026" (without ``weekday``: no day name)."""
    return _current.locale.toString(day, date_pattern(weekday))


def format_month(day: dt.date) -> str:
    """The month of ``day``: "2026年11月" / "November 2026"."""
    return _current.locale.toString(day, _MONTH[language()])


def format_date_range(first: dt.date, last: dt.date) -> str:
    """ "2026年11月23日～29日" / "23–29 Nov 2026"; the year and month only once when shared."""
    loc = _current.locale
    if first == last:
        return format_date(first, weekday=False)
    if language() == "ja":
        if first.year != last.year:
            tail = format_date(last, weekday=False)
        else:
            tail = loc.toString(last, "d日" if first.month == last.month else "M月d日")
        return f"{format_date(first, weekday=False)}～{tail}"
    if first.year != last.year:
        return f"{format_date(first, weekday=False)} – {format_date(last, weekday=False)}"
    if first.month != last.month:
        return f"{loc.toString(first, 'd MMM')} – {format_date(last, weekday=False)}"
    return f"{first.day}–{format_date(last, weekday=False)}"


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
