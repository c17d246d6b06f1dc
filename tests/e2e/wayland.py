"""A real headless Wayland session for end-to-end tests: sway, waybar, grim, a pointer.

The Wayland counterpart of ``xenv``: no pytest dependency, every wait bounded.

* ``start_sway()`` runs sway 1.7 on the headless wlroots backend (pixman renderer, no
  input devices) with a private D-Bus session bus that has no activatable services. sway
  refuses to run as root, so as root every process of the session (bus, sway, waybar,
  the app, the CLI, dbus-send) runs in a user namespace that maps root to uid 1000
  (``unshare --map-user=1000``; see ``WaylandSession.argv``). The bus authenticates by
  uid, which is the same in each such namespace.
* ``start_waybar()`` puts a bar with only the StatusNotifierItem tray on top (32 px);
  waybar is then the session's ``org.kde.StatusNotifierWatcher``.
* ``VirtualPointer`` moves and clicks through ``zwlr_virtual_pointer_v1``: the headless
  seat has no pointer, and ``swaymsg seat - cursor press`` does nothing without one.
* ``screenshot()`` is ``grim``; ``tray_icon()`` and ``menu_rows()`` find the icon and a
  popup menu's rows in screenshots (nothing in the protocols tells where a tray icon is).

The session's Xwayland (``env["DISPLAY"]``) runs X clients such as ``QT_QPA_PLATFORM=xcb``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from PIL import Image, ImageChops
from xenv import ManagedProcess, XEnvError, _run, _set_parent_death_signal, wait_until

from tracker.platform.wayland import Connection, encode

__all__ = [
    "REQUIRED_TOOLS",
    "Box",
    "VirtualPointer",
    "WaylandSession",
    "menu_rows",
    "missing_tools",
    "start_sway",
    "start_waybar",
    "tray_icon",
]

#: Binaries a session needs (Debian packages sway, waybar, grim, xwayland, dbus, util-linux).
REQUIRED_TOOLS: tuple[str, ...] = (
    "sway",
    "swaymsg",
    "waybar",
    "grim",
    "Xwayland",
    "dbus-daemon",
    "dbus-send",
    "unshare",
)
WIDTH, HEIGHT = 1280, 800
BAR_HEIGHT = 32
BAR_BACKGROUND = (0x30, 0x30, 0x30)
BTN_LEFT, BTN_RIGHT = 0x110, 0x111  # linux/input-event-codes.h
_CMD_TIMEOUT = 15.0

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

_SWAY_CONFIG = """output HEADLESS-1 resolution {width}x{height} position 0 0
output HEADLESS-1 background #505050 solid_color
seat seat0 hide_cursor 200
focus_follows_mouse yes
exec env > {env_file}
"""

_WAYBAR_CONFIG = {
    "layer": "top",
    "position": "top",
    "height": BAR_HEIGHT,
    "modules-left": [],
    "modules-center": [],
    "modules-right": ["tray"],
    "tray": {"icon-size": 24, "spacing": 8},
}
_WAYBAR_STYLE = """* { font-family: "DejaVu Sans"; font-size: 13px; }
window#waybar { background: #303030; }
"""


def missing_tools(tools: Sequence[str] = REQUIRED_TOOLS) -> list[str]:
    return [tool for tool in tools if shutil.which(tool) is None]


def _namespace_prefix() -> list[str]:
    """As root: a user namespace in which we are uid 1000 (sway refuses to run as root)."""
    if os.geteuid() != 0:
        return []
    return ["unshare", "--map-user=1000", "--map-group=1000", "--"]


def _session_leader() -> None:
    os.setsid()
    _set_parent_death_signal()


def _popen(
    argv: Sequence[str], env: Mapping[str, str], log_path: Path, name: str
) -> ManagedProcess:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log_file = log_path.open("wb")
    try:
        proc = subprocess.Popen(
            list(argv),
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            preexec_fn=_session_leader,  # its own process group: stopped with all children
        )
    except BaseException:
        log_file.close()
        raise
    return ManagedProcess(name=name, proc=proc, log_path=log_path, _log_file=log_file)


def _stop_group(process: ManagedProcess, timeout: float = 5.0) -> None:
    """SIGTERM the process group (sway's Xwayland and swaybg too), then SIGKILL."""
    pid = process.pid
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.proc.wait(timeout=timeout)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    process.stop(timeout=timeout)


@dataclass(frozen=True)
class Box:
    """A rectangle on the output, in pixels."""

    x: int
    y: int
    width: int
    height: int

    @property
    def center(self) -> tuple[int, int]:
        return self.x + self.width // 2, self.y + self.height // 2

    def padded(self, pad: int) -> Box:
        x, y = max(0, self.x - pad), max(0, self.y - pad)
        return Box(
            x, y, min(WIDTH - x, self.width + 2 * pad), min(HEIGHT - y, self.height + 2 * pad)
        )


@dataclass
class WaylandSession:
    """A running headless sway with its private bus; ``env`` is for its clients."""

    runtime_dir: Path
    env: dict[str, str]
    bus: ManagedProcess
    sway: ManagedProcess
    processes: list[ManagedProcess] = field(default_factory=list)

    def argv(self, argv: Sequence[str]) -> list[str]:
        """``argv`` as it must run to belong to the session (in its user namespace)."""
        return [*_namespace_prefix(), *argv]

    def spawn(
        self,
        argv: Sequence[str],
        *,
        name: str,
        log_path: Path,
        env: Mapping[str, str] | None = None,
    ) -> ManagedProcess:
        """Start a client of the session; it is stopped with the session at the latest."""
        process = _popen(self.argv(argv), self.env if env is None else env, log_path, name)
        self.processes.append(process)
        return process

    def run(
        self, argv: Sequence[str], *, timeout: float = _CMD_TIMEOUT, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """A short-lived client inside the session's namespace, bounded (xenv's runner)."""
        return _run(self.env, self.argv(argv), timeout=timeout, check=check)

    def swaymsg(self, *args: str) -> Any:
        return json.loads(self.run(["swaymsg", "-r", *args]).stdout or "null")

    def windows(self) -> list[dict[str, Any]]:
        """Every window sway manages (tiled and floating), with name, app_id, rect, pid."""
        found: list[dict[str, Any]] = []

        def walk(node: dict[str, Any]) -> None:
            if node.get("pid") and node.get("type") in ("con", "floating_con"):
                found.append(node)
            for child in node.get("nodes", []) + node.get("floating_nodes", []):
                walk(child)

        walk(self.swaymsg("-t", "get_tree"))
        return found

    def wait_for_window(self, name: str, timeout: float = 15.0) -> dict[str, Any]:
        """The first window whose title contains ``name``."""
        return wait_until(
            lambda: next((w for w in self.windows() if name in (w.get("name") or "")), None),
            timeout,
            message=f"a window titled {name!r}",
        )

    def _dbus_strings(self, *args: str) -> list[str]:
        out = self.run(["dbus-send", "--session", "--print-reply", *args], check=False).stdout
        return re.findall(r'string "([^"]*)"', out)

    def bus_names(self) -> list[str]:
        return self._dbus_strings(
            "--dest=org.freedesktop.DBus", "/", "org.freedesktop.DBus.ListNames"
        )

    def registered_items(self) -> list[str]:
        """The StatusNotifierItems the watcher (waybar) knows."""
        return self._dbus_strings(
            "--dest=org.kde.StatusNotifierWatcher",
            "/StatusNotifierWatcher",
            "org.freedesktop.DBus.Properties.Get",
            "string:org.kde.StatusNotifierWatcher",
            "string:RegisteredStatusNotifierItems",
        )

    def screenshot(self, path: Path, crop: Box | None = None, scale: int = 1) -> Path:
        """The output as PNG (grim), optionally cropped and enlarged (nearest neighbour)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        shot = self.runtime_dir / "grim.png"
        self.run(["grim", str(shot)], timeout=30)
        image = Image.open(shot).convert("RGB")
        if crop is not None:
            image = image.crop((crop.x, crop.y, crop.x + crop.width, crop.y + crop.height))
        if scale != 1:
            image = image.resize(
                (image.width * scale, image.height * scale), Image.Resampling.NEAREST
            )
        image.save(path)
        return path

    def grab(self) -> Image.Image:
        shot = self.runtime_dir / "grab.png"
        self.run(["grim", str(shot)], timeout=30)
        return Image.open(shot).convert("RGB")

    def stop(self) -> None:
        """Stop every client, sway (with Xwayland) and the bus; remove the runtime dir."""
        for process in reversed(self.processes):
            _stop_group(process)
        _stop_group(self.sway)
        _stop_group(self.bus)
        shutil.rmtree(self.runtime_dir, ignore_errors=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def _base_env(runtime_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    for var in (
        "DISPLAY",
        "WAYLAND_DISPLAY",
        "XAUTHORITY",
        "DBUS_SESSION_BUS_ADDRESS",
        "SWAYSOCK",
        "DESKTOP_SESSION",
        "GNOME_DESKTOP_SESSION_ID",
        "KDE_FULL_SESSION",
        "QT_QPA_PLATFORM",
        "QT_QPA_PLATFORMTHEME",
        "QT_SCALE_FACTOR",
        "QT_SCREEN_SCALE_FACTORS",
        "QT_AUTO_SCREEN_SCALE_FACTOR",
    ):
        env.pop(var, None)
    env.update(
        XDG_RUNTIME_DIR=str(runtime_dir),
        XDG_SESSION_TYPE="wayland",
        XDG_CURRENT_DESKTOP="sway",
        WLR_BACKENDS="headless",
        WLR_LIBINPUT_NO_DEVICES="1",
        WLR_RENDERER="pixman",
        DBUS_SESSION_BUS_ADDRESS=f"unix:path={runtime_dir / 'bus'}",
    )
    return env


def start_sway(log_dir: Path, timeout: float = 20.0) -> WaylandSession:
    """A headless sway (1280x800) with a private bus; raises XEnvError when it fails."""
    missing = missing_tools()
    if missing:
        raise XEnvError(f"Wayland session tools not installed: {', '.join(missing)}")
    runtime_dir = Path(tempfile.mkdtemp(prefix="wlenv-runtime-"))
    runtime_dir.chmod(0o700)
    env = _base_env(runtime_dir)
    bus_config = runtime_dir / "bus.conf"
    bus_config.write_text(_BUS_CONFIG.format(socket=runtime_dir / "bus"))
    env_file = runtime_dir / "session.env"
    sway_config = runtime_dir / "sway.conf"
    sway_config.write_text(_SWAY_CONFIG.format(width=WIDTH, height=HEIGHT, env_file=env_file))
    deadline = time.monotonic() + timeout
    argv = ["dbus-daemon", f"--config-file={bus_config}", "--nofork", "--nopidfile"]
    bus = _popen([*_namespace_prefix(), *argv], env, log_dir / "dbus-daemon.log", "dbus-daemon")
    sway: ManagedProcess | None = None
    try:
        wait_until(
            lambda: (runtime_dir / "bus").exists() or not bus.alive(),
            max(0.5, deadline - time.monotonic()),
            message="the private D-Bus session bus",
        )
        if not bus.alive():
            raise XEnvError(f"dbus-daemon exited:\n{bus.log_text()}")
        argv = ["sway", "--config", str(sway_config)]
        sway = _popen([*_namespace_prefix(), *argv], env, log_dir / "sway.log", "sway")
        wait_until(
            lambda: (env_file.exists() and "SWAYSOCK=" in env_file.read_text()) or not sway.alive(),
            max(0.5, deadline - time.monotonic()),
            message="sway to start",
        )
        if not sway.alive():
            raise XEnvError(f"sway exited:\n{sway.log_text()[-4000:]}")
        # sway's own environment names its Wayland socket, its IPC socket and Xwayland.
        for line in env_file.read_text().splitlines():
            name, _, value = line.partition("=")
            if name in ("WAYLAND_DISPLAY", "SWAYSOCK", "DISPLAY"):
                env[name] = value
        session = WaylandSession(runtime_dir=runtime_dir, env=env, bus=bus, sway=sway)
        wait_until(
            lambda: session.run(["swaymsg", "-t", "get_version"], check=False).returncode == 0,
            max(0.5, deadline - time.monotonic()),
            message="sway's IPC socket",
        )
        return session
    except BaseException:
        if sway is not None:
            _stop_group(sway)
        _stop_group(bus)
        shutil.rmtree(runtime_dir, ignore_errors=True)
        raise


def start_waybar(session: WaylandSession, log_path: Path, timeout: float = 15.0) -> ManagedProcess:
    """waybar with only the tray, once it owns ``org.kde.StatusNotifierWatcher``."""
    config = session.runtime_dir / "waybar.json"
    config.write_text(json.dumps(_WAYBAR_CONFIG))
    style = session.runtime_dir / "waybar.css"
    style.write_text(_WAYBAR_STYLE)
    bar = session.spawn(
        ["waybar", "--config", str(config), "--style", str(style)], name="waybar", log_path=log_path
    )
    try:
        wait_until(
            lambda: "org.kde.StatusNotifierWatcher" in session.bus_names() or not bar.alive(),
            timeout,
            message="waybar to own org.kde.StatusNotifierWatcher",
        )
    except XEnvError as exc:
        raise XEnvError(f"{exc}\nwaybar log:\n{bar.log_text()[-4000:]}") from exc
    if not bar.alive():
        raise XEnvError(f"waybar exited:\n{bar.log_text()[-4000:]}")
    return bar


# --------------------------------------------------------------------------
# finding things in screenshots
# --------------------------------------------------------------------------


def _ink_box(image: Image.Image, background: tuple[int, int, int], fuzz: int = 24) -> Box | None:
    diff = ImageChops.difference(image, Image.new("RGB", image.size, background))
    mask = diff.convert("L").point(lambda v: 255 if v > fuzz else 0)
    bbox = mask.getbbox()
    if bbox is None:
        return None
    return Box(bbox[0], bbox[1], bbox[2] - bbox[0], bbox[3] - bbox[1])


def tray_icon(session: WaylandSession) -> Box | None:
    """Where the (only) tray icon is drawn in waybar, or None while the bar is empty."""
    bar = session.grab().crop((0, 0, WIDTH, BAR_HEIGHT))
    box = _ink_box(bar, BAR_BACKGROUND)
    return box if box is not None and box.width >= 8 and box.height >= 8 else None


def wait_tray_icon(session: WaylandSession, timeout: float = 20.0) -> Box:
    return wait_until(lambda: tray_icon(session), timeout, message="an icon in waybar's tray")


def bright_box(image: Image.Image, ignore: Box | None = None) -> Box | None:
    """The bounding box of light pixels: a popup menu on the dark desktop and bar."""
    if ignore is not None:
        image = image.copy()
        image.paste(
            BAR_BACKGROUND, (ignore.x, ignore.y, ignore.x + ignore.width, ignore.y + ignore.height)
        )
    bbox = image.convert("L").point(lambda v: 255 if v > 200 else 0).getbbox()
    if bbox is None:
        return None
    return Box(bbox[0], bbox[1], bbox[2] - bbox[0], bbox[3] - bbox[1])


def menu_rows(menu: Image.Image, min_height: int = 6) -> list[tuple[int, int]]:
    """The rows of a popup menu's items as (top, bottom) in the image, top to bottom.

    A row is a run of pixel lines with text (anything far from the menu's background);
    separators are one or two lines high and are left out.
    """
    background = menu.getpixel((menu.width // 2, 3))
    assert isinstance(background, tuple)
    gray = ImageChops.difference(menu, Image.new("RGB", menu.size, background[:3])).convert("L")
    inner = gray.crop((8, 0, max(9, menu.width - 8), menu.height))
    rows: list[tuple[int, int]] = []
    start: int | None = None
    for y in range(inner.height):
        line = inner.crop((0, y, inner.width, y + 1))
        inked = line.point(lambda v: 255 if v > 40 else 0).getbbox() is not None
        if inked and start is None:
            start = y
        elif not inked and start is not None:
            if y - start >= min_height:
                rows.append((start, y))
            start = None
    if start is not None and inner.height - start >= min_height:
        rows.append((start, inner.height))
    return rows


# --------------------------------------------------------------------------
# input
# --------------------------------------------------------------------------


class VirtualPointer:
    """A pointer device made through ``zwlr_virtual_pointer_v1``, in absolute pixels."""

    def __init__(self, session: WaylandSession) -> None:
        self._conn = Connection(session.env, timeout=5.0)
        seat = self._conn.bind("wl_seat", 1)
        manager = self._conn.bind("zwlr_virtual_pointer_manager_v1", 1)
        self._pointer = self._conn.new_id()
        self._conn.send(manager, 0, encode(seat, self._pointer))  # create_virtual_pointer
        self._conn.roundtrip()
        self._last_click = 0.0

    @staticmethod
    def _time() -> int:
        return int(time.monotonic() * 1000) & 0xFFFFFFFF

    def _frame(self) -> None:
        self._conn.send(self._pointer, 4)  # frame
        self._conn.roundtrip()

    def move(self, x: int, y: int) -> None:
        self._conn.send(self._pointer, 1, encode(self._time(), x, y, WIDTH, HEIGHT))
        self._frame()

    def click(self, x: int, y: int, button: int = BTN_LEFT) -> None:
        """Move to (x, y) and click; never two clicks within a double-click interval."""
        wait = 0.5 - (time.monotonic() - self._last_click)
        if wait > 0:
            time.sleep(wait)
        self.move(x, y)
        time.sleep(0.1)  # the client sees the pointer enter before the press
        self._conn.send(self._pointer, 2, encode(self._time(), button, 1))
        self._frame()
        time.sleep(0.05)
        self._conn.send(self._pointer, 2, encode(self._time(), button, 0))
        self._frame()
        self._last_click = time.monotonic()

    def close(self) -> None:
        self._conn.close()
