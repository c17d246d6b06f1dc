"""The UI in Japanese for one test: ``with japanese_ui(qapp): ...`` (English again after).

The compiled ``tracker_ja.qm`` is built from the .ts first when missing or older, as
``make test`` and tests/ui/test_translations.py do.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent

from tracker.ui import i18n

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "translations" / "tracker_ja.ts"


def build_qm() -> Path:
    qm = TS.with_suffix(".qm")
    if not qm.exists() or qm.stat().st_mtime < TS.stat().st_mtime:
        subprocess.run(
            ["bash", str(REPO / "scripts" / "build-translations.sh"), sys.executable],
            check=True,
            capture_output=True,
        )
    return qm


@contextmanager
def japanese_ui(qapp: QCoreApplication) -> Iterator[None]:
    build_qm()
    i18n.install(qapp, "ja")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    try:
        yield
    finally:
        i18n.install(qapp, "en")
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
