"""Labels that wrap Japanese between phrases: the one place every window sets wrapped text.

Qt may break a Japanese line between any two characters (取得しま／す, 4日中3／日達成).
``WrapLabel`` is a word-wrapping ``QLabel`` whose ``setText`` passes the text through
``i18n.phrase_wrap`` (BudouX phrases glued with invisible marks), so lines break only
between phrases; rich text has only its text between the tags wrapped. ``text()`` gives
the text back without the marks, as it was set, for callers, accessible names and tests;
``wrapped_text()`` is what Qt lays out.

The marks must never reach what a person copies: text selected in a label and copied
(Ctrl+C, the context menu, the X11 selection) is cleaned on the clipboard the moment it
lands there, once per application, and only while this process owns the clipboard.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QClipboard, QGuiApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from tracker.ui import i18n

# Tags and entities are left alone in rich text; only the words between them are wrapped.
_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")


def wrap_markup(text: str, rich: bool) -> str:
    """``text`` with phrase marks; in rich text only outside tags and entities."""
    if not rich:
        return i18n.phrase_wrap(text)
    return "".join(
        part if _MARKUP.fullmatch(part) else i18n.phrase_wrap(part) for part in _MARKUP.split(text)
    )


class WrapLabel(QLabel):
    """A word-wrapping label whose Japanese lines break only between phrases."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plain = ""
        self.setWordWrap(True)
        guard_clipboard()
        if text:
            self.setText(text)

    def setText(self, text: str) -> None:
        self._plain = text
        fmt = self.textFormat()
        rich = fmt == Qt.TextFormat.RichText or (
            fmt == Qt.TextFormat.AutoText and Qt.mightBeRichText(text)
        )
        super().setText(wrap_markup(text, rich))

    def text(self) -> str:
        """The text as set, without the phrase marks."""
        return self._plain

    def wrapped_text(self) -> str:
        """The text Qt lays out: with the invisible phrase marks in Japanese."""
        return super().text()

    def clear(self) -> None:
        self._plain = ""
        super().clear()


class _Guard:
    connected = False


def guard_clipboard() -> None:
    """Clean phrase marks out of text this process copies (once per application)."""
    if _Guard.connected:
        return
    app = QGuiApplication.instance()
    if app is None:
        return
    _Guard.connected = True
    clipboard = QGuiApplication.clipboard()
    clipboard.dataChanged.connect(lambda: _clean(QClipboard.Mode.Clipboard))
    clipboard.selectionChanged.connect(lambda: _clean(QClipboard.Mode.Selection))


def _clean(mode: QClipboard.Mode) -> None:
    clipboard = QGuiApplication.clipboard()
    # Another program's text is not ours to change. Without a desktop clipboard
    # (offscreen) every text on it was copied in this process.
    shared = QGuiApplication.platformName() not in ("offscreen", "minimal")
    owned = (
        clipboard.ownsClipboard()
        if mode == QClipboard.Mode.Clipboard
        else clipboard.ownsSelection()
    )
    if shared and not owned:
        return
    text = clipboard.text(mode)
    plain = i18n.plain_text(text)
    if text and plain != text:
        clipboard.setText(plain, mode)
