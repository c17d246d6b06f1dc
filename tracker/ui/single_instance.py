"""One tracker per database: a QLockFile next to it, and a local socket to hand requests over.

The first ``growth-tracker`` takes the lock (``tracker.platform.paths.lock_path(db)``: next to
the database, or in a per-user folder when the database's folder is shared) and
listens on a local server whose name is derived from the database's absolute path. A second
launch finds the lock taken, sends its request as one JSON line ({"command": "show"} or
{"command": "summary", "date": ...}), waits for the answer and exits 0. Only QtCore and
QtNetwork are needed, so the second launch stays quick and needs no display.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLockFile, QObject, Signal

from tracker.platform.digest import sha256_hex
from tracker.platform.paths import lock_path

if TYPE_CHECKING:  # QtNetwork is imported when first needed: it costs ~20 ms at start
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_TIMEOUT_MS = 5000
REPLY_TIMEOUT_MS = 5000
_MAX_REQUEST = 64 * 1024


def server_name(db: Path) -> str:
    """A local-server name unique to this user and this database file."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    digest = sha256_hex(f"{user}\0{Path(db).resolve()}".encode())[:20]
    return f"growth-tracker-{digest}"


class SingleInstance(QObject):
    """The lock and the server of the running tracker; ``request_received`` per hand-over."""

    request_received = Signal(dict)

    def __init__(self, db: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = Path(db)
        self.name = server_name(self.db)
        # The database's folder first: whether it is private decides where the lock goes.
        self.db.parent.mkdir(parents=True, exist_ok=True)
        lock_file = lock_path(self.db)
        lock_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.lock = QLockFile(str(lock_file))
        # The tracker runs for days: never treat a live owner's lock as stale by age
        # (a dead owner's lock is still recognised by its PID).
        self.lock.setStaleLockTime(0)
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        """Take the lock; False when another tracker holds it.

        The lock file holds our PID and host name: created owner-only (0600), like every
        file of ours. The umask is process-wide, but this runs at start-up, before any
        other thread exists.
        """
        old_mask = os.umask(0o077) if os.name != "nt" else None
        try:
            return bool(self.lock.tryLock(0))
        finally:
            if old_mask is not None:
                os.umask(old_mask)

    def listen(self) -> None:
        """Start answering second launches (call after acquire(), with an app object)."""
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)  # a socket file left behind by a crash
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            raise OSError(f"cannot listen on {self.name}: {server.errorString()}")
        server.newConnection.connect(self._on_connection)
        self.server = server

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()

    def _on_connection(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(self._on_ready_read)
            if socket.canReadLine():
                self._read(socket)

    def _on_ready_read(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > _MAX_REQUEST:
                socket.abort()
            return
        raw = bytes(socket.readLine().data())
        try:
            request = json.loads(raw.decode("utf-8"))
            if not isinstance(request, dict):
                raise ValueError("not an object")
        except ValueError:
            self._answer(socket, b'{"ok": false}\n')
            return
        self._answer(socket, b'{"ok": true}\n')
        self.request_received.emit(request)

    @staticmethod
    def _answer(socket: QLocalSocket, line: bytes) -> None:
        socket.readyRead.disconnect()
        socket.write(line)
        socket.waitForBytesWritten(1000)  # a one-line answer: returns at once
        socket.disconnectFromServer()
        socket.deleteLater()


def send_request(db: Path, request: dict[str, Any], timeout_ms: int = CONNECT_TIMEOUT_MS) -> bool:
    """Hand ``request`` to the tracker running on ``db``; True when it answered."""
    import time

    from PySide6.QtNetwork import QLocalSocket

    name = server_name(db)
    deadline = time.monotonic() + timeout_ms / 1000
    socket = QLocalSocket()
    # The running tracker may still be starting up: retry until it listens.
    while True:
        socket.connectToServer(name)
        if socket.waitForConnected(500):
            break
        socket.abort()
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    socket.write(json.dumps(request, ensure_ascii=False).encode("utf-8") + b"\n")
    socket.flush()
    socket.waitForBytesWritten(REPLY_TIMEOUT_MS)
    answer = b""
    while b"\n" not in answer and socket.waitForReadyRead(REPLY_TIMEOUT_MS):
        answer += bytes(socket.readAll().data())
    if b"\n" not in answer:
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    try:
        return bool(json.loads(answer.decode("utf-8").splitlines()[0]).get("ok"))
    except (ValueError, IndexError, AttributeError):
        return False
