"""Which panels are dark, from what the platform says (tracker.platform.theme)."""

from __future__ import annotations

import pytest

from tracker.platform import theme


@pytest.mark.parametrize(
    ("desktop", "portal", "qt_dark", "dark"),
    [
        ("ubuntu:GNOME", theme.PORTAL_PREFER_LIGHT, False, True),  # the top bar stays dark
        ("GNOME", None, None, True),
        ("KDE", theme.PORTAL_PREFER_LIGHT, True, False),  # the portal speaks first
        ("KDE", theme.PORTAL_PREFER_DARK, False, True),
        ("KDE", None, False, False),  # Breeze light: Qt's scheme is Plasma's own
        ("KDE", 0, True, True),  # no preference: Qt's scheme
        ("XFCE", theme.PORTAL_PREFER_LIGHT, None, False),
        ("XFCE", None, False, True),  # a light GTK theme says nothing of the dark panel
        ("X-Cinnamon", 0, None, True),
        ("", None, None, True),
    ],
)
def test_linux_panel_rules(
    desktop: str, portal: int | None, qt_dark: bool | None, dark: bool
) -> None:
    assert theme.linux_panel_dark(desktop, portal, qt_dark) is dark


def test_windows_reads_system_uses_light_theme() -> None:
    assert theme.windows_panel_dark(lambda: 1) is False
    assert theme.windows_panel_dark(lambda: 0) is True

    def missing() -> int:
        raise FileNotFoundError(2, "The system cannot find the file specified")

    assert theme.windows_panel_dark(missing) is True  # Windows 10 before 1903: dark


def test_the_real_registry_read_refuses_cleanly_off_windows() -> None:
    with pytest.raises(OSError):
        theme._read_system_uses_light_theme()
    assert theme.windows_panel_dark() is True


class _Variant:
    def __init__(self, value: object) -> None:
        self._value = value

    def variant(self) -> object:
        return self._value


@pytest.mark.parametrize(
    ("reply", "scheme"),
    [
        (1, 1),
        (_Variant(2), 2),
        (_Variant(_Variant(1)), 1),  # Read wraps the value twice
        (_Variant(7), None),
        ("dark", None),
        (True, None),
    ],
)
def test_portal_reply_unwrapping(reply: object, scheme: int | None) -> None:
    assert theme.unwrap_scheme(reply) == scheme


def test_the_portal_is_asked_only_where_its_answer_can_matter() -> None:
    from tracker.platform.theme import portal_matters

    assert portal_matters("XFCE")
    assert portal_matters("KDE")
    assert not portal_matters("ubuntu:GNOME")  # the top bar is dark in both styles
    assert not portal_matters("")  # a bare window manager: no portal, no QtDBus
