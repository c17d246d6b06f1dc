"""Start at login, per operating system, behind one small interface.

* Linux (and other XDG desktops): ``$XDG_CONFIG_HOME/autostart/growth-tracker.desktop``.
* Windows: the ``GrowthTracker`` value under
  ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``.
* macOS: ``~/Library/LaunchAgents/org.growthtracker.GrowthTracker.plist``.

Turning it off removes exactly what turning it on added, and nothing else. ``apply`` is
what the ``start_at_login`` setting calls (CLI and settings window alike); a file or key it
cannot write becomes an :class:`AutostartError` that says where and why.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, cast

from tracker.domain.model import TrackerError
from tracker.platform.paths import DB_NAME, data_dir

ENTRY_NAME = "GrowthTracker"
DESKTOP_FILE = "growth-tracker.desktop"
PLIST_LABEL = "org.growthtracker.GrowthTracker"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


class AutostartError(TrackerError):
    """Start at login could not be turned on or off."""


class Autostart(Protocol):
    @property
    def location(self) -> str:
        """Where the entry lives (a file or a registry value), for messages."""
        ...

    def enabled(self) -> bool: ...
    def enable(self, command: Sequence[str]) -> None: ...
    def disable(self) -> None: ...


def launch_command(db: Path | None = None) -> list[str]:
    """How to start this installation of the app: the frozen binary, or python -m tracker;
    with ``--db`` when the database is not the default one (no variables at login)."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        python = Path(sys.executable)
        windowless = python.with_name("pythonw.exe")  # no console window at login on Windows
        if sys.platform == "win32" and windowless.is_file():
            python = windowless
        command = [str(python), "-m", "tracker"]
    if db is not None and db.resolve() != (data_dir() / DB_NAME).resolve():
        command += ["--db", str(db.resolve())]
    return command


# Characters that make the Desktop Entry spec ask for a quoted argument in ``Exec``.
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def desktop_exec(command: Sequence[str]) -> str:
    """``command`` as a Desktop Entry ``Exec`` value (quoting and escaping per the spec)."""
    words = []
    for arg in command:
        if "\n" in arg or "\r" in arg:
            raise ValueError(f"a line break cannot be part of a command: {arg!r}")
        if arg and not _EXEC_RESERVED & set(arg):
            words.append(arg.replace("%", "%%"))
            continue
        inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
        words.append('"' + inner.replace("%", "%%") + '"')
    # A value of type string escapes its backslashes once more.
    return " ".join(words).replace("\\", "\\\\")


class _FileAutostart:
    """An entry that is one file of ours: on = the file exists, off = it is removed."""

    path: Path

    @property
    def location(self) -> str:
        return str(self.path)

    def enabled(self) -> bool:
        return self.path.is_file()

    def _write(self, data: bytes) -> None:
        """Write the whole file or nothing (a temp file renamed over it)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, self.path)

    def disable(self) -> None:
        if self.path.is_file():
            self.path.unlink()


class XdgAutostart(_FileAutostart):
    def __init__(self, config_home: Path | None = None) -> None:
        base = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        self.path = base / "autostart" / DESKTOP_FILE

    def enable(self, command: Sequence[str]) -> None:
        text = (
            "[Desktop Entry]\n"
            "Type=Application\n"
            "Name=Growth Tracker\n"
            "Name[ja]=成長トラッカー\n"
            "Comment=Track routine and growth work from the system tray\n"
            f"Exec={desktop_exec(command)}\n"
            "Icon=growth-tracker\n"
            "Terminal=false\n"
            "X-GNOME-Autostart-enabled=true\n"
        )
        self._write(text.encode("utf-8"))


class RegistryBackend(Protocol):
    """The part of ``winreg`` we use; a test passes a stand-in for the OS boundary."""

    HKEY_CURRENT_USER: Any
    KEY_READ: int
    KEY_SET_VALUE: int
    REG_SZ: int

    def OpenKey(self, key: Any, sub_key: str, reserved: int = 0, access: int = 0) -> Any: ...
    def CreateKey(self, key: Any, sub_key: str) -> Any: ...
    def QueryValueEx(self, key: Any, name: str) -> tuple[Any, int]: ...
    def SetValueEx(self, key: Any, name: str, reserved: int, type: int, value: str) -> None: ...
    def DeleteValue(self, key: Any, name: str) -> None: ...
    def CloseKey(self, key: Any) -> None: ...


def windows_command(command: Sequence[str]) -> str:
    """One command line as Windows parses it (quotes around paths with spaces)."""
    return subprocess.list2cmdline(list(command))


class WindowsAutostart:
    def __init__(self, registry: RegistryBackend | None = None) -> None:
        if registry is None:
            import winreg

            registry = cast(RegistryBackend, winreg)
        self.reg = registry

    @property
    def location(self) -> str:
        return f"HKEY_CURRENT_USER\\{RUN_KEY}\\{ENTRY_NAME}"

    def enabled(self) -> bool:
        try:
            key = self.reg.OpenKey(self.reg.HKEY_CURRENT_USER, RUN_KEY, 0, self.reg.KEY_READ)
        except OSError:
            return False
        try:
            self.reg.QueryValueEx(key, ENTRY_NAME)
            return True
        except OSError:
            return False
        finally:
            self.reg.CloseKey(key)

    def enable(self, command: Sequence[str]) -> None:
        key = self.reg.CreateKey(self.reg.HKEY_CURRENT_USER, RUN_KEY)
        try:
            self.reg.SetValueEx(key, ENTRY_NAME, 0, self.reg.REG_SZ, windows_command(command))
        finally:
            self.reg.CloseKey(key)

    def disable(self) -> None:
        try:
            key = self.reg.OpenKey(self.reg.HKEY_CURRENT_USER, RUN_KEY, 0, self.reg.KEY_SET_VALUE)
        except OSError:
            return
        try:
            self.reg.DeleteValue(key, ENTRY_NAME)
        except OSError:
            pass
        finally:
            self.reg.CloseKey(key)


class MacAutostart(_FileAutostart):
    def __init__(self, home: Path | None = None) -> None:
        self.path = (home or Path.home()) / "Library" / "LaunchAgents" / f"{PLIST_LABEL}.plist"

    def enable(self, command: Sequence[str]) -> None:
        data = {
            "Label": PLIST_LABEL,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
        self._write(plistlib.dumps(data))


def for_this_system() -> Autostart:
    if sys.platform == "win32":
        return WindowsAutostart()
    if sys.platform == "darwin":
        return MacAutostart()
    return XdgAutostart()


def _unfit(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cs")


def apply(setting: str, backend: Autostart | None = None, db: Path | None = None) -> None:
    """Make the system match the ``start_at_login`` setting (``on``/``off``).

    Raises :class:`AutostartError` (a TrackerError: one line for the user) when the entry
    cannot be written or removed.
    """
    on = setting == "on"
    backend = backend or for_this_system()
    command = launch_command(db) if on else []
    bad = next((arg for arg in command if any(_unfit(c) for c in arg)), None)
    if bad is not None:
        # A line break would end the desktop entry's Exec line (the rest would become
        # entries of its own) and cut the Windows Run command; a byte that is not UTF-8
        # cannot be written into a desktop entry at all. Refused on every system alike.
        shown = "".join(ascii(c)[1:-1] if _unfit(c) else c for c in bad)
        raise AutostartError(
            code="autostart_bad_path",
            params={"path": shown},
        )
    try:
        if on:
            backend.enable(command)
        else:
            backend.disable()
    except OSError as exc:
        where = exc.filename or backend.location
        raise AutostartError(
            code="autostart_on_failed" if on else "autostart_off_failed",
            params={"where": where, "reason": exc.strerror or str(exc)},
        ) from exc
