"""Fixtures for the packaging tests: the e2e X fixtures (Xvfb, trayer, spawn) and the build.

The X fixtures are the ones in tests/e2e/conftest.py, loaded from there under another
module name (pytest allows ``pytest_plugins`` only in the top-level conftest).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_E2E = Path(__file__).resolve().parents[1] / "e2e"
if str(_E2E) not in sys.path:
    sys.path.insert(0, str(_E2E))

_spec = importlib.util.spec_from_file_location("e2e_fixtures", _E2E / "conftest.py")
assert _spec is not None and _spec.loader is not None
_e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_e2e)

artifacts_dir = _e2e.artifacts_dir
xserver = _e2e.xserver
tray_host = _e2e.tray_host
spawn = _e2e.spawn
