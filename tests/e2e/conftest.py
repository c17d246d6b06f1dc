"""Fixtures for end-to-end tests that run real programs on a real X server.

Session-scoped ``xserver`` (Xvfb + private D-Bus session bus) and
``tray_host`` (trayer owning the system tray) are shared by all e2e tests;
``spawn`` starts processes on that display and stops them after each test;
``artifacts_dir`` is ``test-artifacts/`` at the repository root, where logs,
screenshots and an automatic screenshot of every failed X test end up.

Every test collected from this directory gets the ``e2e`` marker.  When the
X tools are not installed the fixtures skip with the reason; set
``E2E_REQUIRED=1`` (e.g. in CI) to turn that skip into a failure.  Install
the tools with ``scripts/install-system-deps.sh``.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Generator, Iterator, Mapping, Sequence
from pathlib import Path

import pytest

_HERE = Path(__file__).resolve().parent
if str(_HERE) not in sys.path:
    sys.path.insert(0, str(_HERE))

import xenv  # noqa: E402  (needs the sys.path entry above)

REPO_ROOT = _HERE.parents[1]
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"

_processes_key = pytest.StashKey[list[xenv.ManagedProcess]]()


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``e2e`` marker unless the project config already does."""
    if not any(str(line).startswith("e2e:") for line in config.getini("markers")):
        config.addinivalue_line("markers", "e2e: runs the real program on an X server")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test collected from tests/e2e with ``e2e``."""
    for item in items:
        if _HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.e2e)


def _unavailable(reason: str) -> None:
    """Skip (or fail when ``E2E_REQUIRED`` is set) because of missing tools."""
    if os.environ.get("E2E_REQUIRED", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"E2E_REQUIRED is set but {reason}", pytrace=False)
    pytest.skip(reason)


def _missing_reason(tools: Sequence[str]) -> str | None:
    missing = xenv.missing_tools(tools)
    if not missing:
        return None
    return (
        f"X end-to-end tools not installed: {', '.join(missing)} "
        "(run scripts/install-system-deps.sh as root)"
    )


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """``test-artifacts/`` at the repository root (created if missing)."""
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS_DIR


@pytest.fixture(scope="session")
def xserver() -> Iterator[xenv.XServer]:
    """A private Xvfb display (1280x800x24) for the whole session.

    ``xserver.env`` is the environment to run X clients with.  Skips only
    when the X tools are not installed; a server that fails to start is an
    error, not a skip.
    """
    tools = [t for t in xenv.REQUIRED_TOOLS if t != "trayer"]
    reason = _missing_reason(tools)
    if reason is not None:
        _unavailable(reason)
    server = xenv.start_xvfb()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def tray_host(xserver: xenv.XServer, artifacts_dir: Path) -> Iterator[xenv.TrayHost]:
    """trayer running on ``xserver`` and owning ``_NET_SYSTEM_TRAY_S0``."""
    reason = _missing_reason(["trayer"])
    if reason is not None:
        _unavailable(reason)
    host = xenv.start_trayer(xserver.env, log_path=artifacts_dir / "trayer.log")
    try:
        yield host
    finally:
        host.stop()


def _safe_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[-150:]


@pytest.fixture
def spawn(
    request: pytest.FixtureRequest, xserver: xenv.XServer, artifacts_dir: Path
) -> Iterator[xenv.SpawnFn]:
    """Start processes on the test display; all are stopped after the test.

    ``spawn(argv, *, name=None, env=None, cwd=None)`` returns a
    ``xenv.ManagedProcess``; its output goes to
    ``test-artifacts/<test>/<name>.log`` and is attached to the report of a
    failed test.  ``env`` defaults to ``xserver.env``.
    """
    started: list[xenv.ManagedProcess] = []
    request.node.stash[_processes_key] = started
    log_dir = artifacts_dir / _safe_name(request.node.nodeid)

    def _spawn(
        argv: Sequence[str],
        *,
        name: str | None = None,
        env: Mapping[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
    ) -> xenv.ManagedProcess:
        label = name or Path(argv[0]).name
        proc = xenv.start_process(
            argv,
            xserver.env if env is None else env,
            name=label,
            log_path=log_dir / f"{label}-{len(started)}.log",
            cwd=cwd,
        )
        started.append(proc)
        return proc

    try:
        yield _spawn
    finally:
        for proc in reversed(started):
            proc.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """On failure of a test using X: screenshot the display, attach logs."""
    report = yield
    if report.when != "call" or not report.failed:
        return report
    funcargs: dict[str, object] = getattr(item, "funcargs", {})
    server = funcargs.get("xserver")
    if isinstance(server, xenv.XServer) and server.process.alive():
        path = ARTIFACTS_DIR / f"{_safe_name(item.nodeid)}-failure.png"
        try:
            xenv.screenshot(server.env, path)
            report.sections.append(("e2e failure screenshot", str(path)))
        except xenv.XEnvError as exc:
            report.sections.append(("e2e failure screenshot", f"failed: {exc}"))
    wl_session = funcargs.get("session")  # test_wayland_e2e.py: a sway session
    if hasattr(wl_session, "screenshot") and getattr(wl_session, "sway", None) is not None:
        path = ARTIFACTS_DIR / f"{_safe_name(item.nodeid)}-failure.png"
        try:
            wl_session.screenshot(path)  # type: ignore[union-attr]
            report.sections.append(("e2e failure screenshot", str(path)))
        except (xenv.XEnvError, OSError) as exc:
            report.sections.append(("e2e failure screenshot", f"failed: {exc}"))
    for proc in item.stash.get(_processes_key, []):
        state = "running" if proc.alive() else f"exit code {proc.proc.returncode}"
        report.sections.append((f"{proc.name} ({state}) log", proc.log_text()[-20000:]))
    return report
