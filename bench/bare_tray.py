"""The floor for cold start: a bare PySide6 tray icon, nothing else.

QApplication + QSystemTrayIcon with a drawn icon, shown; then, from the event loop (as
the app does), prints ``ready <unix time>`` and keeps running until terminated.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    pixmap = QPixmap(22, 22)
    pixmap.fill(QColor("#3b82f6"))
    icon = QSystemTrayIcon(QIcon(pixmap))
    icon.show()

    def ready() -> None:
        sys.stdout.write(f"ready {time.time():.6f}\n")
        sys.stdout.flush()

    QTimer.singleShot(0, ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
