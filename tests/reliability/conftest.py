"""Fixtures for the reliability suite: one X server with a real tray host for the kill test.

The X tools are those of the end-to-end tests (tests/e2e/xenv.py). Missing tools skip the
tests that need them, unless ``E2E_REQUIRED`` is set (CI), which turns the skip into a
failure, as in tests/e2e.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

_E2E = Path(__file__).resolve().parents[1] / "e2e"
if str(_E2E) not in sys.path:
    sys.path.insert(0, str(_E2E))

import xenv  # noqa: E402  (needs the sys.path entry above)

WORKERS = 2  # X servers for the kill test, run side by side


@pytest.fixture(scope="session")
def x_trays() -> Iterator[list[xenv.XServer]]:
    """Xvfb servers (each with a private session bus) with trayer owning the system tray."""
    missing = xenv.missing_tools()
    if missing:
        reason = f"X tools not installed: {', '.join(missing)} (scripts/install-system-deps.sh)"
        if os.environ.get("E2E_REQUIRED", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"E2E_REQUIRED is set but {reason}", pytrace=False)
        pytest.skip(reason)
    with contextlib.ExitStack() as stack:
        servers = []
        for _ in range(WORKERS):
            server = xenv.start_xvfb()
            stack.callback(server.stop)
            host = xenv.start_trayer(server.env)
            stack.callback(host.stop)
            servers.append(server)
        yield servers
