"""Start at login on each system: real files for XDG and macOS, a fake registry for Windows.

The Linux and macOS backends write real files under temporary folders; the Windows backend
talks to an in-memory stand-in of ``winreg`` (the OS boundary) with the same calls and
errors. The setting goes through the service and the real CLI, so ``config
start_at_login on/off`` is proven to create and remove the entry.
"""

from __future__ import annotations

import plistlib
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tracker.platform import autostart
from tracker.platform.autostart import (
    AutostartError,
    MacAutostart,
    WindowsAutostart,
    XdgAutostart,
    desktop_exec,
)
from tracker.service import TrackerService

COMMAND = ["/opt/Growth Tracker/GrowthTracker"]


def _files(root: Path) -> set[Path]:
    return {p.relative_to(root) for p in root.rglob("*")}


def _exec_argv(value: str) -> list[str]:
    """Parse an Exec value as the Desktop Entry spec says: unescape the string value, then
    split on spaces; inside "..." a backslash escapes one of " ` $ \\; %% is a literal %."""
    unescaped = re.sub(r"\\(.)", lambda m: {"s": " ", "\\": "\\"}.get(m[1], "\\" + m[1]), value)
    words: list[str] = []
    i, n = 0, len(unescaped)
    while i < n:
        if unescaped[i] == " ":
            i += 1
            continue
        word = ""
        if unescaped[i] == '"':
            i += 1
            while unescaped[i] != '"':
                if unescaped[i] == "\\" and unescaped[i + 1] in '"`$\\':
                    i += 1
                word += unescaped[i]
                i += 1
            i += 1
        else:
            while i < n and unescaped[i] != " ":
                word += unescaped[i]
                i += 1
        words.append(word.replace("%%", "%"))
    return words


def _desktop_entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


# -- Linux / XDG -----------------------------------------------------------------------


def test_xdg_on_writes_an_entry_that_starts_this_command(tmp_path: Path) -> None:
    (tmp_path / "autostart").mkdir()
    neighbour = tmp_path / "autostart" / "other-app.desktop"
    neighbour.write_text("[Desktop Entry]\nName=Other\n", encoding="utf-8")
    backend = XdgAutostart(tmp_path)
    assert not backend.enabled()

    backend.enable(COMMAND)

    path = tmp_path / "autostart" / "growth-tracker.desktop"
    assert backend.enabled() and backend.location == str(path)
    entry = _desktop_entry(path)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Growth Tracker"
    assert entry["Name[ja]"] == "成長トラッカー"
    assert _exec_argv(entry["Exec"]) == COMMAND
    assert entry["Exec"] == '"/opt/Growth Tracker/GrowthTracker"'
    assert _files(tmp_path) == {
        Path("autostart"),
        Path("autostart/other-app.desktop"),
        Path("autostart/growth-tracker.desktop"),
    }
    if shutil.which("desktop-file-validate"):
        out = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
        assert out.returncode == 0 and "error" not in out.stdout, out.stdout


def test_xdg_off_removes_exactly_its_own_entry(tmp_path: Path) -> None:
    neighbour = tmp_path / "autostart" / "other-app.desktop"
    backend = XdgAutostart(tmp_path)
    backend.enable(COMMAND)
    neighbour.write_text("[Desktop Entry]\nName=Other\n", encoding="utf-8")

    backend.disable()

    assert not backend.enabled()
    assert _files(tmp_path) == {Path("autostart"), Path("autostart/other-app.desktop")}
    assert neighbour.read_text(encoding="utf-8") == "[Desktop Entry]\nName=Other\n"
    backend.disable()  # off when already off: nothing to do, no error
    assert _files(tmp_path) == {Path("autostart"), Path("autostart/other-app.desktop")}


def test_xdg_follows_xdg_config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert XdgAutostart().path == tmp_path / "cfg" / "autostart" / "growth-tracker.desktop"


@pytest.mark.parametrize(
    "command",
    [
        ["/usr/bin/python3", "-m", "tracker"],
        ["/home/a b/.venv/bin/python", "-m", "tracker"],
        ["/opt/it's/$HOME/`x`/back\\slash/100%/GrowthTracker"],
        ['/tmp/"quoted"/app', "--db", "/data/my db.sqlite3"],
    ],
)
def test_desktop_exec_quotes_as_the_spec_says(command: list[str]) -> None:
    value = desktop_exec(command)
    assert _exec_argv(value) == command
    assert "'" not in value.replace("it's", "")  # the spec quotes with " only


def test_desktop_exec_refuses_a_line_break() -> None:
    with pytest.raises(ValueError, match="line break"):
        desktop_exec(["/tmp/a\nb"])


# -- macOS -------------------------------------------------------------------------------


def test_mac_on_writes_a_launch_agent_and_off_removes_it(tmp_path: Path) -> None:
    agents = tmp_path / "Library" / "LaunchAgents"
    agents.mkdir(parents=True)
    (agents / "com.example.other.plist").write_bytes(b"other")
    backend = MacAutostart(tmp_path)

    backend.enable(["/Applications/GrowthTracker.app/Contents/MacOS/GrowthTracker"])

    path = agents / "org.growthtracker.GrowthTracker.plist"
    assert backend.enabled() and backend.location == str(path)
    with path.open("rb") as fh:
        data = plistlib.load(fh)
    assert data == {
        "Label": "org.growthtracker.GrowthTracker",
        "ProgramArguments": ["/Applications/GrowthTracker.app/Contents/MacOS/GrowthTracker"],
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }
    backend.disable()
    assert not backend.enabled()
    assert sorted(p.name for p in agents.iterdir()) == ["com.example.other.plist"]


# -- Windows (the registry is the OS boundary) -------------------------------------------


class FakeRegistry:
    """The slice of ``winreg`` the backend uses, over a dict of keys → {name: value}."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_READ = 0x20019
    KEY_SET_VALUE = 0x0002
    REG_SZ = 1

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, tuple[Any, int]]] = {}
        self.open_handles = 0

    def _path(self, key: Any, sub_key: str) -> str:
        return f"{key}\\{sub_key}"

    def OpenKey(self, key: Any, sub_key: str, reserved: int = 0, access: int = 0) -> Any:
        path = self._path(key, sub_key)
        if path not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        self.open_handles += 1
        return path

    def CreateKey(self, key: Any, sub_key: str) -> Any:
        path = self._path(key, sub_key)
        self.keys.setdefault(path, {})
        self.open_handles += 1
        return path

    def QueryValueEx(self, key: Any, name: str) -> tuple[Any, int]:
        if name not in self.keys[key]:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return self.keys[key][name]

    def SetValueEx(self, key: Any, name: str, reserved: int, type: int, value: str) -> None:
        self.keys[key][name] = (value, type)

    def DeleteValue(self, key: Any, name: str) -> None:
        if name not in self.keys[key]:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del self.keys[key][name]

    def CloseKey(self, key: Any) -> None:
        self.open_handles -= 1


RUN = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"


def test_windows_on_sets_the_run_value_and_off_deletes_only_it() -> None:
    reg = FakeRegistry()
    reg.keys[RUN] = {"OneDrive": ("C:\\OneDrive.exe /background", 1)}
    backend = WindowsAutostart(reg)
    assert not backend.enabled()

    backend.enable(["C:\\Program Files\\GrowthTracker\\GrowthTracker.exe"])

    assert backend.enabled()
    assert reg.keys[RUN]["GrowthTracker"] == (
        '"C:\\Program Files\\GrowthTracker\\GrowthTracker.exe"',
        reg.REG_SZ,
    )
    backend.disable()
    assert not backend.enabled()
    assert reg.keys[RUN] == {"OneDrive": ("C:\\OneDrive.exe /background", 1)}
    backend.disable()  # already off
    assert reg.open_handles == 0  # every key opened was closed


def test_windows_without_a_run_key_is_off_and_on_creates_it() -> None:
    reg = FakeRegistry()
    backend = WindowsAutostart(reg)
    assert not backend.enabled()
    backend.disable()  # no key at all: nothing to remove
    backend.enable(["C:\\GT\\GrowthTracker.exe"])
    assert reg.keys[RUN] == {"GrowthTracker": ("C:\\GT\\GrowthTracker.exe", 1)}
    assert "HKEY_CURRENT_USER" in backend.location and backend.location.endswith("GrowthTracker")


# -- apply, the service and the CLI ------------------------------------------------------


def test_apply_uses_the_launch_command(tmp_path: Path) -> None:
    backend = XdgAutostart(tmp_path)
    autostart.apply("on", backend)
    assert _exec_argv(_desktop_entry(backend.path)["Exec"]) == autostart.launch_command()
    autostart.apply("off", backend)
    assert not backend.path.exists()


def test_the_frozen_app_starts_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert autostart.launch_command() == [sys.executable]


def test_a_failure_is_a_clear_error_and_the_setting_stays(
    service: TrackerService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The autostart "folder" is a file: creating the folder fails, as for root too.
    config = tmp_path / "config"
    config.mkdir()
    (config / "autostart").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))

    with pytest.raises(AutostartError) as info:
        service.set_setting("start_at_login", "on")

    message = str(info.value)
    assert message.startswith("could not turn on start at login: ")
    assert str(config / "autostart") in message
    assert service.setting("start_at_login") == "off"


def test_the_service_setting_writes_and_removes_the_entry(
    service: TrackerService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    entry = tmp_path / "cfg" / "autostart" / "growth-tracker.desktop"
    service.set_setting("start_at_login", "on")
    assert entry.is_file() and service.setting("start_at_login") == "on"
    service.set_setting("start_at_login", "off")
    assert not entry.exists() and service.setting("start_at_login") == "off"


def test_cli_config_start_at_login_round_trip(run_cli: Any, tmp_path: Path, db_path: Path) -> None:
    config = tmp_path / "cfg"
    env = {"XDG_CONFIG_HOME": str(config)}
    entry = config / "autostart" / "growth-tracker.desktop"

    assert run_cli("config", "start_at_login", "on", env=env)[0] == 0
    assert entry.is_file()
    argv = _exec_argv(_desktop_entry(entry)["Exec"])
    # Not the default database: the entry names it, since nothing else says so at login.
    assert argv[1:] == ["-m", "tracker", "--db", str(db_path.resolve())]
    assert Path(argv[0]).name.startswith("python")
    assert run_cli("config", "start_at_login", env=env)[1].strip() == "on"

    assert run_cli("config", "start_at_login", "off", env=env)[0] == 0
    assert not entry.exists()
    assert sorted(p.name for p in config.rglob("*")) == ["autostart"]
    assert run_cli("config", "start_at_login", env=env)[1].strip() == "off"


def test_cli_reports_a_failure_in_one_line(run_cli: Any, tmp_path: Path) -> None:
    config = tmp_path / "cfg"
    config.mkdir()
    (config / "autostart").write_text("", encoding="utf-8")
    code, out, err = run_cli("config", "start_at_login", "on", env={"XDG_CONFIG_HOME": str(config)})
    assert code == 1 and out == ""
    assert err.startswith("growth-tracker: could not turn on start at login: ")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert run_cli("config", "start_at_login", env={"XDG_CONFIG_HOME": str(config)})[1] == "off\n"


def test_the_default_database_needs_no_db_option(monkeypatch: pytest.MonkeyPatch) -> None:
    default = autostart.data_dir() / autostart.DB_NAME
    assert "--db" not in autostart.launch_command(default)
    assert autostart.launch_command(None) == autostart.launch_command(default)


def test_tray_start_turns_the_setting_off_when_the_entry_was_removed_elsewhere(
    service: TrackerService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    entry = tmp_path / "cfg" / "autostart" / "growth-tracker.desktop"
    service.set_setting("start_at_login", "on")
    entry.unlink()  # the desktop's own start-up settings removed it
    service.sync_autostart()
    assert service.setting("start_at_login") == "off"
    assert not entry.exists()


def test_tray_start_rewrites_a_present_entry_for_where_the_app_is_now(
    service: TrackerService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    entry = tmp_path / "cfg" / "autostart" / "growth-tracker.desktop"
    service.set_setting("start_at_login", "on")
    entry.write_text(entry.read_text().replace(sys.executable, "/old/place/python"))
    service.sync_autostart()
    assert service.setting("start_at_login") == "on"
    text = entry.read_text()
    assert "/old/place" not in text and "--db" in text


# -- paths the login entry cannot carry ------------------------------------------------------


def test_cli_refuses_a_database_path_with_a_line_break_and_writes_nothing(
    run_cli: Any, tmp_path: Path
) -> None:
    """A newline in --db would end the Exec line: the rest becomes entries of its own
    (`Hidden=true`, another `Exec=`). Refused in one line; the setting stays off."""
    folder = tmp_path / "a\nExec=sh -c evil\n"
    folder.mkdir()
    db = folder / "t.sqlite3"
    config = tmp_path / "cfg"
    env = {"XDG_CONFIG_HOME": str(config)}
    code, out, err = run_cli("config", "start_at_login", "on", env=env, db=db)
    assert code == 1 and out == "", err
    assert err.startswith("growth-tracker: start at login cannot use ")
    assert "\\nExec=sh -c evil\\n/t.sqlite3" in err and err.count("\n") == 1
    assert not config.exists() or not list(config.rglob("*.desktop"))
    assert run_cli("config", "start_at_login", env=env, db=db)[1] == "off\n"


@pytest.mark.parametrize("bad", ["C:\\Users\\山田\\a\r\nb.sqlite3", "/home/山田/\udcff.sqlite3"])
def test_every_system_refuses_a_path_its_entry_cannot_hold(
    tmp_path: Path, bad: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        autostart, "launch_command", lambda db=None: ["C:\\GT\\GrowthTracker.exe", "--db", bad]
    )
    reg = FakeRegistry()
    backends: list[Any] = [WindowsAutostart(reg), MacAutostart(tmp_path), XdgAutostart(tmp_path)]
    for backend in backends:
        with pytest.raises(AutostartError) as caught:
            autostart.apply("on", backend)
        assert caught.value.code == "autostart_bad_path"
        assert "山田" in str(caught.value)  # Japanese stays readable; only the bad part is escaped
        assert "\n" not in str(caught.value) and not backend.enabled()
    assert reg.keys == {} and list(tmp_path.iterdir()) == []
    autostart.apply("off", backends[0])  # turning off never needs the path


def test_a_japanese_user_name_is_written_as_is_on_every_system(tmp_path: Path) -> None:
    command = ["C:\\Users\\山田太郎\\AppData\\Local\\GrowthTracker\\GrowthTracker.exe"]
    reg = FakeRegistry()
    WindowsAutostart(reg).enable(command)
    assert reg.keys[RUN]["GrowthTracker"][0] == command[0]
    mac = MacAutostart(tmp_path / "mac")
    mac.enable(["/Users/山田/Applications/GrowthTracker"])
    assert plistlib.loads(mac.path.read_bytes())["ProgramArguments"] == [
        "/Users/山田/Applications/GrowthTracker"
    ]
    xdg = XdgAutostart(tmp_path / "xdg")
    xdg.enable(["/home/山田/.local/bin/growth-tracker"])
    assert _exec_argv(_desktop_entry(xdg.path)["Exec"]) == ["/home/山田/.local/bin/growth-tracker"]
