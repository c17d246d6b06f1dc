"""Error messages in the user's language.

The service, store, domain and io raise ``TrackerError`` with a ``code`` (and a
``variant`` where a code is worded in several ways) and raw ``params`` (instants as int,
kinds as ``Kind``, blocks as ``Block``). Their templates live in one place, the catalogue
``tracker.domain.messages`` (docs/architecture.md §11), which also gives ``str(exc)``, the
CLI's English. :func:`describe` takes the template the window shows for the code,
translates it in the "Errors" context (pyside6-lupdate reads the catalogue's
``QT_TRANSLATE_NOOP`` marks) and fills it with the params formatted here: times and dates
in the UI's locale, kinds as 作業 / 成長. This module holds no message text of its own. An
error without a known code is shown as its English message.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from tracker.domain import messages
from tracker.domain.model import Block, Kind
from tracker.ui import i18n
from tracker.ui.common import kind_label

log = logging.getLogger(__name__)

Params = Mapping[str, object]


def _tr(text: str) -> str:
    """A catalogue text in the UI's language (lupdate finds it in tracker/domain/messages.py)."""
    return QCoreApplication.translate(messages.CONTEXT, text)


def template(exc: object) -> str | None:
    """The untranslated template the UI shows for ``exc``; None for an unknown code."""
    code = getattr(exc, "code", None)
    if not isinstance(code, str):
        return None
    message = messages.lookup(code, getattr(exc, "variant", None))
    return None if message is None else message.shown


def describe(exc: object, tz: dt.tzinfo | None = None) -> str:
    """What went wrong, in the UI's language; the English message for unknown codes.

    ``exc`` is a ``TrackerError`` (or anything with ``code`` and ``params``, like an
    unavailable idle source); ``tz`` is the zone instants are shown in (the service's;
    the local zone by default).
    """
    shown = template(exc)
    if shown is None:
        return str(exc)
    code = getattr(exc, "code", None)
    params: Params = getattr(exc, "params", None) or {}
    if tz is None:
        from tracker.platform.tz import local_timezone

        tz = local_timezone()
    try:
        return _tr(shown).format_map(_Formatted(params, tz))
    except (KeyError, IndexError, ValueError, AttributeError):  # a stray placeholder
        log.warning("error text %r could not be filled; showing English", code, exc_info=True)
        return str(exc)


class _Formatted(dict[str, str]):
    """The params as text, formatted on demand (a template uses only some of them)."""

    def __init__(self, params: Params, tz: dt.tzinfo) -> None:
        super().__init__()
        self.params = params
        self.tz = tz

    def __missing__(self, key: str) -> str:
        if key not in self.params:
            raise KeyError(key)
        text = _format(key, self.params[key], self.params, self.tz)
        self[key] = text
        return text


def _format(key: str, value: object, params: Params, tz: dt.tzinfo) -> str:
    if key == "backup":
        return _backup_text(value, params.get("path"))
    if key == "key":
        return _setting_name(str(value))
    if key == "column":
        name = messages.COLUMN_NAMES.get(str(value))
        return str(value) if name is None else _tr(name)
    if key == "block_id":
        if value is None:
            return ""
        return _tr(messages.BLOCK_ID).format(value)
    if key == "errors" and isinstance(value, tuple | list):
        return "\n".join(describe(e, tz) for e in value)
    if isinstance(value, tuple | list) and all(isinstance(v, BaseException) for v in value):
        return _tr(messages.LIST_SEPARATOR).join(describe(e, tz) for e in value)
    if isinstance(value, BaseException):
        return describe(value, tz)
    if isinstance(value, Block):
        return block_text(value, tz)
    if isinstance(value, messages.Span):
        return span_text(value.start, value.end, tz)
    if isinstance(value, Kind):
        return kind_label(value)
    if isinstance(value, dt.datetime):
        return _moment(value)
    if isinstance(value, dt.date):
        return i18n.format_date(value, weekday=False)
    if key in messages.INSTANTS and isinstance(value, int):
        return _moment(dt.datetime.fromtimestamp(value, tz))
    if isinstance(value, Path):
        return str(value)
    return str(value)


def _moment(moment: dt.datetime) -> str:
    """A date and time: "2026年11月29日 10:00" / "29 Nov 2026 10:00"."""
    return f"{i18n.format_date(moment.date(), weekday=False)} {i18n.format_time(moment)}"


def span_text(start_at: int, end_at: int | None, tz: dt.tzinfo) -> str:
    """A span in the UI's language: "15 Nov 2023 07:00–08:00", or "since …" when open."""
    start = dt.datetime.fromtimestamp(start_at, tz)
    if end_at is None:
        return _tr(messages.SINCE).format(_moment(start))
    end = dt.datetime.fromtimestamp(end_at, tz)
    tail = i18n.format_time(end) if end.date() == start.date() else _moment(end)
    return f"{_moment(start)}–{tail}"


def block_text(block: Block, tz: dt.tzinfo) -> str:
    """How a person recognises a block: kind, label and times, in the UI's language."""
    span = span_text(block.started_at, block.ended_at, tz)
    kind = kind_label(block.kind)
    if not block.label:
        return _tr(messages.BLOCK_PLAIN).format(kind, span)
    return _tr(messages.BLOCK_LABELLED).format(kind, block.label, span)


def _backup_text(backup: object, path: object) -> str:
    """Where the newest backup is and how to put it back (or that there is none)."""
    return messages.backup_text(backup, path, _tr(messages.NEWEST_BACKUP), _tr(messages.NO_BACKUP))


def _setting_name(key: str) -> str:
    """A setting's key as the settings dialog names it."""
    name = messages.SETTING_NAMES.get(key)
    return key if name is None else _tr(name)


def idle_reason(source: object) -> str:
    """Why an idle source gives no idle time, in the UI's language ("" when it does)."""
    if getattr(source, "available", False):
        return ""
    if getattr(source, "code", None) is None:
        return str(getattr(source, "reason", ""))
    return describe(source)
