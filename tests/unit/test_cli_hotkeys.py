"""``growth-tracker config`` for the hotkey settings (docs/architecture.md §6, §14): Qt's
canonical text in and out, ``off`` for none, one-line refusals with exit 1."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.conftest import RunCli


def test_set_read_and_turn_off(run_cli: RunCli) -> None:
    assert run_cli("config", "hotkey_toggle")[1] == "off\n"
    assert run_cli("config", "hotkey_toggle", "alt+ctrl+g")[0] == 0
    assert run_cli("config", "hotkey_toggle")[1] == "Ctrl+Alt+G\n"
    assert "hotkey_toggle = Ctrl+Alt+G" in run_cli("config")[1].splitlines()
    assert run_cli("config", "hotkey_switcher", "Super+Space")[0] == 0
    assert run_cli("config", "hotkey_switcher")[1] == "Meta+Space\n"
    assert run_cli("config", "hotkey_toggle", "OFF")[0] == 0
    assert run_cli("config", "hotkey_toggle")[1] == "off\n"
    # An empty value is a script's unset variable (§6): refused as a malformed command line.
    assert run_cli("config", "hotkey_switcher", "")[0] == 2
    assert run_cli("config", "hotkey_switcher")[1] == "Meta+Space\n"


def test_refusals_say_what_and_keep_the_key(run_cli: RunCli) -> None:
    assert run_cli("config", "hotkey_switcher", "Ctrl+Alt+K")[0] == 0
    for text, words in (
        ("Shift+K", "needs Ctrl, Alt or Meta"),
        ("Ctrl+Alt+Foo", "'Foo' is not a key"),
        ("Ctrl+Alt+ｋ", "is not a key"),
    ):
        rc, out, err = run_cli("config", "hotkey_switcher", text)
        assert (rc, out) == (1, "")
        assert len(err.splitlines()) == 1 and words in err and "Traceback" not in err
    assert run_cli("config", "hotkey_switcher")[1] == "Ctrl+Alt+K\n"
