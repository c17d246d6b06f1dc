"""Shared fixtures for every test: offscreen Qt, temporary databases, a fake clock,
a service over a real SQLite file and a helper that runs the real CLI as a subprocess.

``QT_QPA_PLATFORM=offscreen`` is set here, before any test module imports Qt, so widget
tests never need a display (the e2e tests start their own X server and override it).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

import pytest

from tracker.domain.clock import FakeClock
from tracker.service import TrackerService
from tracker.store import Store

REPO_ROOT = Path(__file__).resolve().parents[1]

# 2023-11-15 09:00:00 in Tokyo (00:00 UTC): a Wednesday, well inside a tracking day.
FAKE_START = 1_700_006_400


class RunCli(Protocol):
    def __call__(
        self,
        *args: str,
        env: Mapping[str, str] | None = None,
        db: Path | str | None = ...,
    ) -> tuple[int, str, str]: ...


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "t.db"


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(FAKE_START)


ServiceFactory = Callable[..., TrackerService]


@pytest.fixture
def make_service(db_path: Path, fake_clock: FakeClock) -> Iterator[ServiceFactory]:
    """Build services over real Store files; every store opened is closed afterwards.

    ``make_service(tz="Europe/Berlin", path=..., clock=..., lock_file=...)``; by default the
    shared ``db_path`` and ``fake_clock`` and Asia/Tokyo.
    """
    stores: list[Store] = []

    def make(
        tz: str = "Asia/Tokyo",
        path: Path | None = None,
        clock: FakeClock | None = None,
        lock_file: Path | None = None,
    ) -> TrackerService:
        store = Store(path or db_path)
        stores.append(store)
        return TrackerService(store, clock or fake_clock, ZoneInfo(tz), lock_file)

    yield make
    for store in stores:
        store.close()


@pytest.fixture
def service(make_service: ServiceFactory) -> TrackerService:
    """A service in Asia/Tokyo over ``db_path`` with ``fake_clock``."""
    return make_service()


_DEFAULT_DB = object()


@pytest.fixture
def run_cli(db_path: Path) -> RunCli:
    """Run ``python -m tracker --db DB ARGS`` as a real subprocess; returns (rc, out, err).

    ``db=None`` leaves ``--db`` out (to test ``GROWTH_TRACKER_DB``); ``env`` entries are
    added to (not replacing) the environment; TZ defaults to Asia/Tokyo.
    """

    def run(
        *args: str,
        env: Mapping[str, str] | None = None,
        db: Path | str | object | None = _DEFAULT_DB,
    ) -> tuple[int, str, str]:
        target = db_path if db is _DEFAULT_DB else db
        command = [sys.executable, "-m", "tracker"]
        if target is not None:
            command += ["--db", str(target)]
        command += list(args)
        full_env = dict(os.environ)
        full_env.pop("GROWTH_TRACKER_DB", None)
        full_env["TZ"] = "Asia/Tokyo"
        full_env["PYTHONPATH"] = str(REPO_ROOT)
        full_env.update(env or {})
        proc = subprocess.run(
            command,
            env=full_env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            cwd=REPO_ROOT,
        )
        return proc.returncode, proc.stdout, proc.stderr

    return run  # type: ignore[return-value]


@pytest.fixture(scope="session", autouse=True)
def _private_config_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test (nor the CLI it runs) touches the real ~/.config: ``start_at_login on``
    writes ``$XDG_CONFIG_HOME/autostart/growth-tracker.desktop``; nor ~/.local/state, where
    the log and lock of a database in a shared folder go."""
    with pytest.MonkeyPatch.context() as mp:
        home = tmp_path_factory.mktemp("config-home")
        mp.setenv("XDG_CONFIG_HOME", str(home))
        mp.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state-home")))
        yield home
