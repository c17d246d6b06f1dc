"""Real-X11 helpers for end-to-end tests: Xvfb, a tray host, xdotool input.

This module has no pytest dependency so it can also be used from scripts or a
REPL while debugging.  Every wait is bounded by a timeout and polls at 50 ms.

Typical use::

    server = start_xvfb()                # Xvfb + private D-Bus session bus
    tray = start_trayer(server.env)      # trayer owns _NET_SYSTEM_TRAY_S0
    app = start_process([sys.executable, "app.py"], server.env)
    icon = find_tray_icon_window(server.env, pid=app.pid)
    click_window_center(server.env, icon.wid)
    screenshot(server.env, "shot.png")
    app.stop(); tray.stop(); server.stop()

External tools used: ``Xvfb`` (xvfb), ``trayer``, ``xdotool``, ``xdpyinfo``,
``xwininfo``, ``xprop`` (x11-utils), ``xmodmap`` (x11-xserver-utils),
``import``/``convert`` (imagemagick) and
optionally ``dbus-daemon``.  ``scripts/install-system-deps.sh`` installs them.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Self, TypeVar

__all__ = [
    "DOUBLE_CLICK_GUARD",
    "POLL_INTERVAL",
    "REQUIRED_TOOLS",
    "TRAYER_ARGS",
    "ManagedProcess",
    "SpawnFn",
    "TrayHost",
    "WindowGeometry",
    "XEnvError",
    "XServer",
    "click",
    "click_window_center",
    "double_click",
    "find_tray_icon_window",
    "find_tray_icon_windows",
    "find_windows",
    "key",
    "missing_tools",
    "mouse_location",
    "pixel_hex",
    "screenshot",
    "start_process",
    "start_trayer",
    "start_xvfb",
    "type_text",
    "wait_for_window",
    "wait_until",
    "window_geometry",
]

T = TypeVar("T")

#: Seconds between two polls of any wait loop.
POLL_INTERVAL = 0.05

#: Binaries the helpers need (besides Xvfb itself); see ``missing_tools``.
REQUIRED_TOOLS: tuple[str, ...] = (
    "Xvfb",
    "xdpyinfo",
    "xdotool",
    "xmodmap",
    "xwininfo",
    "xprop",
    "trayer",
    "import",
    "convert",
)

#: Default trayer command line (verified with trayer-srg 1.1.8).  With
#: ``--transparent false`` trayer ignores ``--tint`` and paints the GTK default
#: light grey; ``--transparent true --alpha 0`` gives an opaque #303030 panel
#: and Qt then draws the icon with real alpha on it.
TRAYER_ARGS: tuple[str, ...] = (
    "--edge",
    "top",
    "--align",
    "right",
    "--widthtype",
    "request",
    "--height",
    "32",
    "--transparent",
    "true",
    "--alpha",
    "0",
    "--tint",
    "0x303030",
    "--SetDockType",
    "true",
    "--SetPartialStrut",
    "true",
)

_DISPLAY_RANGE = range(90, 600)
_CMD_TIMEOUT = 10.0


class XEnvError(RuntimeError):
    """An X environment step failed or did not finish within its timeout."""


# --------------------------------------------------------------------------
# generic helpers
# --------------------------------------------------------------------------


def missing_tools(tools: Sequence[str] = REQUIRED_TOOLS) -> list[str]:
    """Return the names in ``tools`` that are not found on ``PATH``."""
    return [tool for tool in tools if shutil.which(tool) is None]


def wait_until(
    predicate: Callable[[], T | None],
    timeout: float,
    *,
    interval: float = POLL_INTERVAL,
    message: str = "condition",
) -> T:
    """Poll ``predicate`` until it returns a truthy value and return that value.

    Raises ``XEnvError`` when ``timeout`` seconds pass first.  The predicate is
    always evaluated at least once, and once more right at the deadline.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise XEnvError(f"timed out after {timeout:.1f}s waiting for {message}")
        time.sleep(min(interval, remaining))


def _run(
    env: Mapping[str, str],
    argv: Sequence[str],
    *,
    timeout: float = _CMD_TIMEOUT,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run a short-lived X client and capture its output (bounded)."""
    try:
        result = subprocess.run(
            list(argv),
            env=dict(env),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        raise XEnvError(f"{argv[0]} timed out after {timeout:.1f}s: {list(argv)}") from exc
    if check and result.returncode != 0:
        raise XEnvError(f"{list(argv)} exited with {result.returncode}: {result.stderr.strip()}")
    return result


def _set_parent_death_signal() -> None:
    """Runs in the child before exec: die with SIGTERM when the parent dies.

    Keeps Xvfb/trayer/apps from outliving a test run that was killed hard.
    """
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)


@dataclass
class ManagedProcess:
    """A background process whose output goes to ``log_path``."""

    name: str
    proc: subprocess.Popen[bytes]
    log_path: Path
    _log_file: IO[bytes] | None = field(default=None, repr=False)

    @property
    def pid(self) -> int:
        """Process id."""
        return self.proc.pid

    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.proc.poll() is None

    def log_text(self) -> str:
        """Everything the process wrote to stdout/stderr so far."""
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def stop(self, timeout: float = 5.0) -> int | None:
        """Terminate (then kill) the process; idempotent. Returns the exit code."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.terminate()
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    self.proc.kill()
                self.proc.wait(timeout=timeout)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
        return self.proc.returncode

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


#: Type of the ``spawn`` fixture: ``spawn(argv, *, name=None, env=None, cwd=None)``.
SpawnFn = Callable[..., ManagedProcess]


def start_process(
    argv: Sequence[str],
    env: Mapping[str, str],
    *,
    name: str | None = None,
    log_path: str | os.PathLike[str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
) -> ManagedProcess:
    """Start ``argv`` in the background with ``env``; output goes to a log file.

    The child gets SIGTERM if the calling process dies, so nothing leaks even
    when the test runner is killed.
    """
    label = name or Path(argv[0]).name
    if log_path is None:
        # Prefer the X server's private runtime dir (removed with the server).
        runtime = env.get("XDG_RUNTIME_DIR", "")
        log_dir = runtime if Path(runtime).name.startswith("xenv-runtime-") else None
        fd, tmp = tempfile.mkstemp(prefix=f"{label}-", suffix=".log", dir=log_dir)
        os.close(fd)
        path = Path(tmp)
    else:
        path = Path(log_path)
        path.parent.mkdir(parents=True, exist_ok=True)
    log_file = path.open("wb")
    try:
        proc = subprocess.Popen(
            list(argv),
            env=dict(env),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            preexec_fn=_set_parent_death_signal,
        )
    except BaseException:
        log_file.close()
        raise
    return ManagedProcess(name=label, proc=proc, log_path=path, _log_file=log_file)


# --------------------------------------------------------------------------
# Xvfb
# --------------------------------------------------------------------------


@dataclass
class XServer:
    """A running Xvfb (plus optional private D-Bus session bus)."""

    display: str
    env: dict[str, str]
    width: int
    height: int
    process: ManagedProcess
    runtime_dir: Path
    bus: ManagedProcess | None = None

    def stop(self) -> None:
        """Stop the bus and the X server and remove the runtime dir; idempotent."""
        if self.bus is not None:
            self.bus.stop()
        self.process.stop()
        shutil.rmtree(self.runtime_dir, ignore_errors=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def _display_in_use(number: int) -> bool:
    if Path(f"/tmp/.X{number}-lock").exists():
        return True
    if Path(f"/tmp/.X11-unix/X{number}").exists():
        return True
    # Xorg also listens on an abstract socket, which can belong to a server in
    # another mount namespace (e.g. another container) without any file here.
    with contextlib.suppress(OSError):
        needle = f"@/tmp/.X11-unix/X{number}"
        with open("/proc/net/unix", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.rstrip().endswith(needle):
                    return True
    return False


def _free_displays() -> Iterator[int]:
    for number in _DISPLAY_RANGE:
        if not _display_in_use(number):
            yield number


def _x_env(display: str, runtime_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Never talk to the developer's real session (Wayland, X auth, D-Bus with a
    # StatusNotifier host that would steal the tray icon from trayer).
    for var in (
        "WAYLAND_DISPLAY",
        "XAUTHORITY",
        "DBUS_SESSION_BUS_ADDRESS",
        "XDG_CURRENT_DESKTOP",
        "DESKTOP_SESSION",
        "GNOME_DESKTOP_SESSION_ID",
        "KDE_FULL_SESSION",
        "QT_QPA_PLATFORMTHEME",
        "QT_SCALE_FACTOR",
        "QT_SCREEN_SCALE_FACTORS",
        "QT_AUTO_SCREEN_SCALE_FACTOR",
    ):
        env.pop(var, None)
    env["DISPLAY"] = display
    env["QT_QPA_PLATFORM"] = "xcb"
    env["XDG_SESSION_TYPE"] = "x11"
    env["XDG_RUNTIME_DIR"] = str(runtime_dir)
    return env


def _xdpyinfo_ok(env: Mapping[str, str]) -> bool:
    try:
        result = subprocess.run(
            ["xdpyinfo"],
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=2.0,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return False
    return result.returncode == 0


def _xvfb_settled(xvfb: ManagedProcess, env: Mapping[str, str]) -> bool:
    """True once Xvfb either answers ``xdpyinfo`` or has exited."""
    return (not xvfb.alive()) or _xdpyinfo_ok(env)


def _start_session_bus(env: dict[str, str], runtime_dir: Path, timeout: float) -> ManagedProcess:
    socket_path = runtime_dir / "bus"
    address = f"unix:path={socket_path}"
    bus = start_process(
        [
            "dbus-daemon",
            "--session",
            "--nofork",
            "--nopidfile",
            "--nosyslog",
            f"--address={address}",
        ],
        env,
        name="dbus-daemon",
        log_path=runtime_dir / "dbus-daemon.log",
    )
    try:
        wait_until(
            lambda: socket_path.exists() or not bus.alive(),
            timeout,
            message="the private D-Bus session bus socket",
        )
        if not bus.alive():
            raise XEnvError(f"dbus-daemon exited early:\n{bus.log_text()}")
    except BaseException:
        bus.stop()
        raise
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    return bus


def start_xvfb(
    *,
    width: int = 1280,
    height: int = 800,
    depth: int = 24,
    session_bus: bool = True,
    timeout: float = 15.0,
) -> XServer:
    """Start Xvfb on a free display and wait until it answers ``xdpyinfo``.

    The returned ``XServer.env`` is a copy of ``os.environ`` with ``DISPLAY``,
    ``QT_QPA_PLATFORM=xcb``, a private 0700 ``XDG_RUNTIME_DIR`` and (when
    ``session_bus`` and ``dbus-daemon`` is installed) a private
    ``DBUS_SESSION_BUS_ADDRESS``; variables pointing at the real desktop
    session are removed.  Raises ``XEnvError`` on failure.
    """
    if shutil.which("Xvfb") is None:
        raise XEnvError("Xvfb is not installed (Debian package: xvfb)")
    if shutil.which("xdpyinfo") is None:
        raise XEnvError("xdpyinfo is not installed (Debian package: x11-utils)")
    deadline = time.monotonic() + timeout
    errors: list[str] = []
    for attempt, number in enumerate(_free_displays()):
        if attempt >= 5 or time.monotonic() >= deadline:
            break
        display = f":{number}"
        runtime_dir = Path(tempfile.mkdtemp(prefix=f"xenv-runtime-{number}-"))
        runtime_dir.chmod(0o700)
        env = _x_env(display, runtime_dir)
        xvfb = start_process(
            [
                "Xvfb",
                display,
                "-screen",
                "0",
                f"{width}x{height}x{depth}",
                "-nolisten",
                "tcp",
                "-noreset",
            ],
            env,
            name="Xvfb",
            log_path=runtime_dir / "Xvfb.log",
        )
        try:
            wait_until(
                functools.partial(_xvfb_settled, xvfb, env),
                max(0.5, deadline - time.monotonic()),
                message=f"Xvfb on {display} to accept connections",
            )
        except XEnvError as exc:
            xvfb.stop()
            log = xvfb.log_text()
            shutil.rmtree(runtime_dir, ignore_errors=True)
            raise XEnvError(f"{exc}\nXvfb log:\n{log}") from exc
        if not xvfb.alive():
            # Lost a race for this display number (or Xvfb is broken): retry.
            errors.append(f"{display}: {xvfb.log_text().strip()[-500:]}")
            xvfb.stop()
            shutil.rmtree(runtime_dir, ignore_errors=True)
            continue
        bus: ManagedProcess | None = None
        if session_bus and shutil.which("dbus-daemon") is not None:
            try:
                bus = _start_session_bus(env, runtime_dir, max(0.5, deadline - time.monotonic()))
            except BaseException:
                xvfb.stop()
                shutil.rmtree(runtime_dir, ignore_errors=True)
                raise
        return XServer(
            display=display,
            env=env,
            width=width,
            height=height,
            process=xvfb,
            runtime_dir=runtime_dir,
            bus=bus,
        )
    detail = "\n".join(errors) or "no free display number"
    raise XEnvError(f"could not start Xvfb:\n{detail}")


# --------------------------------------------------------------------------
# windows
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class WindowGeometry:
    """A window's id and its absolute (root-relative) geometry."""

    wid: int
    x: int
    y: int
    width: int
    height: int
    viewable: bool = True

    @property
    def center(self) -> tuple[int, int]:
        """Absolute coordinates of the window's center pixel."""
        return self.x + self.width // 2, self.y + self.height // 2

    def contains(self, x: int, y: int) -> bool:
        """Whether absolute point (x, y) lies inside the window."""
        return self.x <= x < self.x + self.width and self.y <= y < self.y + self.height


_XWININFO_FIELDS = {
    "Absolute upper-left X": "x",
    "Absolute upper-left Y": "y",
    "Width": "width",
    "Height": "height",
}


def window_geometry(env: Mapping[str, str], wid: int) -> WindowGeometry:
    """Absolute geometry and map state of window ``wid`` (via ``xwininfo``)."""
    out = _run(env, ["xwininfo", "-id", str(wid)]).stdout
    values: dict[str, int] = {}
    viewable = False
    for line in out.splitlines():
        label, _, value = line.strip().partition(":")
        if label in _XWININFO_FIELDS:
            values[_XWININFO_FIELDS[label]] = int(value.strip())
        elif label == "Map State":
            viewable = value.strip() == "IsViewable"
    if len(values) != len(_XWININFO_FIELDS):
        raise XEnvError(f"cannot parse xwininfo output for window {wid:#x}:\n{out}")
    return WindowGeometry(wid=wid, viewable=viewable, **values)


def find_windows(
    env: Mapping[str, str],
    *,
    name: str | None = None,
    class_name: str | None = None,
    pid: int | None = None,
    only_visible: bool = True,
) -> list[int]:
    """Window ids matching all given criteria (``xdotool search``).

    ``name`` and ``class_name`` are regular expressions matched against the
    window title and WM_CLASS; ``pid`` matches ``_NET_WM_PID``.
    """
    argv = ["xdotool", "search"]
    if only_visible:
        argv.append("--onlyvisible")
    if pid is not None:
        argv += ["--pid", str(pid)]
    # xdotool applies one pattern to every --name/--class flag given, so only
    # one is passed to it and the class is re-checked with xprop below.
    if name is not None:
        argv += ["--name", name]
    elif class_name is not None:
        argv += ["--class", class_name]
    elif pid is None:
        raise ValueError("find_windows needs at least one of name, class_name, pid")
    result = _run(env, argv, check=False)  # exit status 1 = no match
    wids = [int(tok) for tok in result.stdout.split()]
    if name is not None and class_name is not None:
        regex = re.compile(class_name)
        wids = [wid for wid in wids if _wm_class_matches(env, wid, regex)]
    return wids


def _wm_class_matches(env: Mapping[str, str], wid: int, regex: re.Pattern[str]) -> bool:
    out = _run(env, ["xprop", "-id", str(wid), "WM_CLASS"], check=False).stdout
    return any(regex.search(part) for part in re.findall(r'"([^"]*)"', out))


def wait_for_window(
    env: Mapping[str, str],
    *,
    name: str | None = None,
    class_name: str | None = None,
    pid: int | None = None,
    exclude: Sequence[int] = (),
    timeout: float = 10.0,
) -> WindowGeometry:
    """Wait until a viewable window matching the criteria exists; return it.

    ``exclude`` lists window ids to ignore (e.g. the tray icon itself when
    looking for a popup menu of the same process).
    """

    def probe() -> WindowGeometry | None:
        for wid in find_windows(env, name=name, class_name=class_name, pid=pid):
            if wid in exclude:
                continue
            try:
                geo = window_geometry(env, wid)
            except XEnvError:
                continue  # window vanished between search and query
            if geo.viewable and geo.width > 1 and geo.height > 1:
                return geo
        return None

    what = ", ".join(
        f"{k}={v!r}"
        for k, v in (("name", name), ("class", class_name), ("pid", pid))
        if v is not None
    )
    return wait_until(probe, timeout, message=f"a visible window ({what})")


# --------------------------------------------------------------------------
# tray host
# --------------------------------------------------------------------------


@dataclass
class TrayHost(ManagedProcess):
    """A running trayer; ``panel_wid`` is its panel (the icons' ancestor)."""

    panel_wid: int = 0


def _tray_selection_owner(display: str, screen: int = 0) -> int:
    """Owner window of ``_NET_SYSTEM_TRAY_S<screen>`` (0 if none), via libX11."""
    lib = ctypes.util.find_library("X11") or "libX11.so.6"
    try:
        xlib = ctypes.CDLL(lib)
    except OSError:
        return -1  # cannot tell; caller falls back to the panel window only
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XInternAtom.restype = ctypes.c_ulong
    xlib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    xlib.XGetSelectionOwner.restype = ctypes.c_ulong
    xlib.XGetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    dpy = xlib.XOpenDisplay(display.encode())
    if not dpy:
        return 0
    try:
        atom = xlib.XInternAtom(dpy, f"_NET_SYSTEM_TRAY_S{screen}".encode(), 0)
        return int(xlib.XGetSelectionOwner(dpy, atom))
    finally:
        xlib.XCloseDisplay(dpy)


def _trayer_panels(env: Mapping[str, str], pid: int | None = None) -> list[int]:
    """Viewable trayer panel windows (WM_CLASS ``"panel", "trayer"``)."""
    panels: list[int] = []
    for wid in find_windows(env, class_name="^trayer$", only_visible=True):
        props = _run(env, ["xprop", "-id", str(wid), "WM_CLASS", "_NET_WM_PID"], check=False)
        if '"panel", "trayer"' not in props.stdout:
            continue
        if pid is not None:
            match = re.search(r"_NET_WM_PID\(CARDINAL\) = (\d+)", props.stdout)
            if match is not None and int(match.group(1)) != pid:
                continue
        panels.append(wid)
    return panels


def start_trayer(
    env: Mapping[str, str],
    *,
    args: Sequence[str] = TRAYER_ARGS,
    timeout: float = 10.0,
    log_path: str | os.PathLike[str] | None = None,
) -> TrayHost:
    """Start trayer on ``env["DISPLAY"]`` and wait until it is a tray manager.

    Ready means: its panel window is viewable *and* it owns the
    ``_NET_SYSTEM_TRAY_S0`` selection, so a Qt app started afterwards docks
    its icon immediately.
    """
    if shutil.which("trayer") is None:
        raise XEnvError("trayer is not installed (Debian package: trayer)")
    base = start_process(["trayer", *args], env, name="trayer", log_path=log_path)
    host = TrayHost(
        name=base.name, proc=base.proc, log_path=base.log_path, _log_file=base._log_file
    )
    display = env["DISPLAY"]

    def ready() -> int | None:
        if not host.alive():
            raise XEnvError(f"trayer exited with {host.proc.returncode}:\n{host.log_text()}")
        if _tray_selection_owner(display) == 0:
            return None
        panels = _trayer_panels(env, host.pid)
        return panels[0] if panels else None

    try:
        host.panel_wid = wait_until(ready, timeout, message="trayer to own the system tray")
    except BaseException:
        host.stop()
        raise
    return host


_TREE_LINE = re.compile(
    r"^\s+(?P<wid>0x[0-9a-fA-F]+) .*?\s(?P<w>\d+)x(?P<h>\d+)[+-]-?\d+[+-]-?\d+"
    r"\s+\+(?P<x>-?\d+)\+(?P<y>-?\d+)\s*$"
)


def _descendants(env: Mapping[str, str], root: int) -> list[WindowGeometry]:
    out = _run(env, ["xwininfo", "-tree", "-id", str(root)], check=False).stdout
    found: list[WindowGeometry] = []
    for line in out.splitlines():
        match = _TREE_LINE.match(line)
        if match:
            found.append(
                WindowGeometry(
                    wid=int(match["wid"], 16),
                    x=int(match["x"]),
                    y=int(match["y"]),
                    width=int(match["w"]),
                    height=int(match["h"]),
                )
            )
    return found


def find_tray_icon_windows(
    env: Mapping[str, str], *, pid: int | None = None
) -> list[WindowGeometry]:
    """All XEMBED tray icons currently docked in trayer (no waiting).

    An icon is a descendant of a trayer panel that carries the ``_XEMBED_INFO``
    property (set by the embedding client, e.g. Qt's QSystemTrayIcon window)
    and is viewable.  With ``pid`` only icons whose ``_NET_WM_PID`` equals it
    are returned.
    """
    icons: list[WindowGeometry] = []
    for panel in _trayer_panels(env):
        for child in _descendants(env, panel):
            props = _run(
                env,
                ["xprop", "-id", str(child.wid), "_XEMBED_INFO", "_NET_WM_PID"],
                check=False,
            ).stdout
            if "_XEMBED_INFO(" not in props:
                continue
            if pid is not None:
                match = re.search(r"_NET_WM_PID\(CARDINAL\) = (\d+)", props)
                if match is None or int(match.group(1)) != pid:
                    continue
            try:
                geo = window_geometry(env, child.wid)
            except XEnvError:
                continue
            if geo.viewable and geo.width > 1 and geo.height > 1:
                icons.append(geo)
    return icons


def find_tray_icon_window(
    env: Mapping[str, str], timeout: float = 10.0, *, pid: int | None = None
) -> WindowGeometry:
    """Wait until a tray icon is docked in trayer and return its geometry.

    Pass the app's ``pid`` when more than one tray app may be running.
    """
    try:
        icons = wait_until(
            lambda: find_tray_icon_windows(env, pid=pid),
            timeout,
            message=f"a tray icon docked in trayer (pid={pid})",
        )
    except XEnvError as exc:
        tree = _run(env, ["xwininfo", "-root", "-tree"], check=False).stdout
        raise XEnvError(f"{exc}\nwindow tree:\n{tree}") from exc
    return icons[0]


# --------------------------------------------------------------------------
# input and output
# --------------------------------------------------------------------------


def mouse_location(env: Mapping[str, str]) -> tuple[int, int]:
    """Current absolute pointer position."""
    out = _run(env, ["xdotool", "getmouselocation", "--shell"]).stdout
    values = dict(line.split("=", 1) for line in out.split() if "=" in line)
    return int(values["X"]), int(values["Y"])


#: Seconds that must separate two presses of the same button so that the
#: toolkit does not merge them into a double click (Qt and GTK use 400 ms).
DOUBLE_CLICK_GUARD = 0.5

# DISPLAY -> (monotonic time, button) of the last click sent by this process.
_last_click: dict[str, tuple[float, int]] = {}


def _move_pointer_argv(env: Mapping[str, str], x: int, y: int) -> list[str]:
    # `xdotool mousemove --sync` blocks forever when the pointer is already at
    # the target, so the move is skipped in that case.
    if mouse_location(env) == (x, y):
        return []
    return ["mousemove", "--sync", str(x), str(y)]


def _respect_double_click_guard(env: Mapping[str, str], button: int) -> None:
    last = _last_click.get(env.get("DISPLAY", ""))
    if last is not None and last[1] == button:
        wait = DOUBLE_CLICK_GUARD - (time.monotonic() - last[0])
        if wait > 0:
            time.sleep(wait)


def click(env: Mapping[str, str], x: int, y: int, button: int = 1) -> None:
    """Move the pointer to absolute (x, y) and click ``button`` (1=left, 3=right).

    A click of the same button less than ``DOUBLE_CLICK_GUARD`` seconds after
    the previous one is delayed: Qt would otherwise deliver it as a double
    click (e.g. a second right click on a tray icon would open no menu).
    Use ``double_click`` for real double clicks.
    """
    _respect_double_click_guard(env, button)
    _run(env, ["xdotool", *_move_pointer_argv(env, x, y), "click", str(button)])
    _last_click[env.get("DISPLAY", "")] = (time.monotonic(), button)


def double_click(env: Mapping[str, str], x: int, y: int, button: int = 1) -> None:
    """Move the pointer to absolute (x, y) and double-click ``button``."""
    _respect_double_click_guard(env, button)
    argv = ["xdotool", *_move_pointer_argv(env, x, y)]
    argv += ["click", "--repeat", "2", "--delay", "80", str(button)]
    _run(env, argv)
    _last_click[env.get("DISPLAY", "")] = (time.monotonic(), button)


def click_window_center(env: Mapping[str, str], wid: int, button: int = 1) -> WindowGeometry:
    """Click the center of window ``wid``; returns the geometry that was used."""
    geo = window_geometry(env, wid)
    click(env, *geo.center, button=button)
    return geo


def key(env: Mapping[str, str], *keysyms: str) -> None:
    """Press and release each X keysym in turn (e.g. ``"Escape"``, ``"ctrl+q"``).

    Without a window manager X keyboard focus follows the pointer (and Qt
    popups grab the keyboard), so keys go to the window under the pointer.
    """
    if not keysyms:
        raise ValueError("key() needs at least one keysym")
    _run(env, ["xdotool", "key", "--clearmodifiers", *keysyms])


def type_text(env: Mapping[str, str], text: str, delay_ms: int = 12) -> None:
    """Type ``text`` into the focused window.

    Characters the keyboard map lacks (full-width digits, kana) are given keys of their
    own first (:func:`bind_keysyms`), as a keyboard layout that has them would.
    """
    bind_keysyms(env, text)
    _run(env, ["xdotool", "type", "--clearmodifiers", "--delay", str(delay_ms), "--", text])


def bind_keysyms(env: Mapping[str, str], text: str) -> None:
    """Give every character of ``text`` missing from the keyboard map a free keycode,
    and keep it there.

    ``xdotool type`` otherwise binds such a character to a spare keycode for one key
    press and unbinds it straight after. The app reads the keyboard map again when it
    handles the mapping change, which on a busy machine is after the unbinding (or the
    next character's binding): the key press then reads as nothing or as another
    character (``１０．１５`` arrived as ``０１５``). A map that stays put while the keys
    are read makes each press mean its character whenever the app gets to it.
    """
    wanted = {f"U{ord(c):04X}" for c in text if ord(c) > 0x7E}
    if not wanted:
        return
    bound: set[str] = set()
    free: list[int] = []
    for line in _run(env, ["xmodmap", "-pke"]).stdout.splitlines():
        keycode, _, syms = line.removeprefix("keycode").partition("=")
        names = syms.split()
        bound.update(names)
        if not names:
            free.append(int(keycode))
    missing = sorted(wanted - bound)
    if len(missing) > len(free):
        raise XEnvError(f"no free keycodes for {missing}")
    # from the top: xdotool takes its own scratch keycode from the lowest free ones
    expressions = [f"keycode {free.pop()} = {name} {name}" for name in missing]
    for expression in expressions:
        _run(env, ["xmodmap", "-e", expression])


def screenshot(
    env: Mapping[str, str],
    path: str | os.PathLike[str],
    *,
    crop: WindowGeometry | tuple[int, int, int, int] | None = None,
    scale: int = 1,
) -> Path:
    """Save the whole screen as PNG (ImageMagick ``import -window root``).

    ``crop`` is a window geometry or ``(x, y, width, height)``; ``scale``
    enlarges the result with nearest-neighbour sampling (for small areas such
    as the tray).
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    if crop is None and scale == 1:
        _run(env, ["import", "-silent", "-window", "root", str(out)], timeout=30.0)
        return out
    with tempfile.TemporaryDirectory(prefix="xenv-shot-") as tmp:
        full = Path(tmp) / "root.png"
        _run(env, ["import", "-silent", "-window", "root", str(full)], timeout=30.0)
        argv = ["convert", str(full)]
        if crop is not None:
            if isinstance(crop, WindowGeometry):
                x, y, w, h = crop.x, crop.y, crop.width, crop.height
            else:
                x, y, w, h = crop
            argv += ["-crop", f"{w}x{h}+{x}+{y}", "+repage"]
        if scale != 1:
            argv += ["-sample", f"{scale * 100}%"]
        argv.append(str(out))
        _run(env, argv, timeout=30.0)
    return out


def pixel_hex(path: str | os.PathLike[str], x: int, y: int) -> str:
    """Colour of pixel (x, y) of an image as ``"RRGGBB"`` (uppercase hex)."""
    result = _run(
        os.environ,
        ["convert", str(path), "-format", f"%[hex:p{{{x},{y}}}]", "info:"],
    )
    return result.stdout.strip().upper()[:6]
