"""Is a tray running on this database? Read from the Qt lock file without importing Qt.

``QLockFile`` writes the owner's PID on its first line; a live PID means a tray runs.
"""

from __future__ import annotations

import os
from pathlib import Path


def tray_running(lock: Path) -> bool:
    try:
        first = lock.read_text(errors="replace").splitlines()[0].strip()
        pid = int(first)
    except (OSError, IndexError, ValueError):
        return False
    if pid <= 0:
        return False
    if os.name == "nt":
        # os.kill would terminate the process on Windows; Qt removes the file on exit.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True
