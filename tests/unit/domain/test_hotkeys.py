"""Hotkey text (docs/architecture.md §14): parsed without Qt, the same canonical text Qt
writes, refusals coded; checked against QKeySequence so the CLI and Settings agree."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.hotkeys import KEYS, MODIFIERS, parse_hotkey, parse_hotkey_setting
from tracker.domain.model import ValidationError
from tracker.domain.settings import format_setting, parse_setting


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Ctrl+Alt+G", "Ctrl+Alt+G"),
        ("alt+ctrl+g", "Ctrl+Alt+G"),
        (" Super + shift + F5 ", "Meta+Shift+F5"),
        ("F9", "F9"),
        ("Ctrl+,", "Ctrl+,"),
        ("Ctrl+Alt+PageDown", "Ctrl+Alt+PgDown"),
        ("Win+Space", "Meta+Space"),
        ("", ""),
        ("off", ""),
    ],
)
def test_canonical_text(text: str, canonical: str) -> None:
    assert parse_hotkey_setting(text) == canonical
    shown = format_setting("hotkey_toggle", parse_setting("hotkey_toggle", text))
    assert shown == (canonical or "off")  # `config` prints a value for every key
    assert parse_setting("hotkey_toggle", shown) == canonical


@pytest.mark.parametrize(
    ("text", "code", "word"),
    [
        ("Ctrl+Alt+Foo", "hotkey_format", "Foo"),
        ("Hyper+G", "hotkey_format", "Hyper"),
        ("Ctrl+", "hotkey_format", ""),
        ("Ctrl++", "hotkey_format", ""),
        ("Ctrl+Alt+ｇ", "hotkey_format", "ｇ"),  # a full-width letter typed with the IME on
        ("G", "hotkey_modifier", None),
        ("Shift+G", "hotkey_modifier", None),
    ],
)
def test_refusals_are_coded(text: str, code: str, word: str | None) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_setting("hotkey_switcher", text)
    assert caught.value.code == code
    if word is not None:
        assert caught.value.params["word"] == word
    assert text.strip() in str(caught.value)  # the CLI names what was typed


@given(
    st.sets(st.sampled_from(MODIFIERS), min_size=1).filter(lambda m: m - {"Shift"}),
    st.sampled_from(KEYS),
    st.randoms(),
)
def test_any_order_and_case_reads_the_same(mods: set[str], key: str, rnd: object) -> None:
    words = sorted(mods)
    rnd.shuffle(words)  # type: ignore[attr-defined]
    text = "+".join(w.upper() if i % 2 else w.lower() for i, w in enumerate([*words, key]))
    hotkey = parse_hotkey(text)
    assert hotkey is not None
    assert hotkey.modifiers == mods and hotkey.key == key
    assert parse_hotkey_setting(str(hotkey)) == str(hotkey)


def test_canonical_text_is_what_qt_writes() -> None:
    """Every key we accept, with every modifier, round-trips through QKeySequence."""
    from PySide6.QtGui import QKeySequence

    for key in KEYS:
        text = parse_hotkey_setting(f"Shift+Alt+Ctrl+Meta+{key}")
        assert QKeySequence(text).toString() == text, text
        assert QKeySequence(text).count() == 1
