"""The floor for the tray figures: a bare PySide6 tray icon, nothing else.

QApplication + QSystemTrayIcon with a drawn icon, shown; once the icon is docked in the
tray host and painted (``tracker.ui.docked``, the very event the app's 'ready' waits for)
prints ``ready <unix time>`` and keeps running until terminated. A click swaps the icon's
colour at once: the floor for "click → icon repainted".
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's tracker

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from tracker.ui.docked import when_docked


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    icons = []
    for colour in ("#3b82f6", "#e69f00"):
        pixmap = QPixmap(22, 22)
        pixmap.fill(QColor(colour))
        icons.append(QIcon(pixmap))
    icon = QSystemTrayIcon(icons[0])
    state = [0]

    def clicked(reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            state[0] ^= 1
            icon.setIcon(icons[state[0]])

    icon.activated.connect(clicked)
    icon.show()

    def ready() -> None:
        sys.stdout.write(f"ready {time.time():.6f}\n")
        sys.stdout.flush()

    when_docked(ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
