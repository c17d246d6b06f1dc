"""One tracker per database: a QLockFile next to it, and a local socket to hand requests over.

The first ``growth-tracker`` takes the lock (``tracker.platform.paths.lock_path(db)``: next to
the database, or in a per-user folder when the database's folder is shared) and
listens on a local server whose name is derived from the database's absolute path. A second
launch finds the lock taken, sends its request as one JSON line ({"command": "show"} or
{"command": "summary", "date": ...}), waits for the answer and exits 0. Only QtCore and
QtNetwork are needed, so the second launch stays quick and needs no display.

On Linux and the other POSIX systems the running tracker listens with Python's own Unix
socket where ``QLocalServer`` would (the temp folder, the same name, owner only) and a
``QSocketNotifier``: QtNetwork would stay loaded for days only to answer second launches
(2 MB of the tray's resident memory, docs/architecture.md §9). The second launch still
connects with ``QLocalSocket``; Windows keeps ``QLocalServer`` (named pipes).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDir, QLockFile, QObject, QSocketNotifier, Signal

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
        self.server: QLocalServer | _UnixServer | None = None

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
        if os.name != "nt":
            self.server = _UnixServer(self.name, self.request_received.emit, self)
            return
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
        server = self.server
        assert server is not None and not isinstance(server, _UnixServer)
        while server.hasPendingConnections():
            socket = server.nextPendingConnection()
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
        request = _parse(bytes(socket.readLine().data()))
        self._answer(socket, b'{"ok": false}\n' if request is None else b'{"ok": true}\n')
        if request is not None:
            self.request_received.emit(request)

    @staticmethod
    def _answer(socket: QLocalSocket, line: bytes) -> None:
        socket.readyRead.disconnect()
        socket.write(line)
        socket.waitForBytesWritten(1000)  # a one-line answer: returns at once
        socket.disconnectFromServer()
        socket.deleteLater()


def _parse(raw: bytes) -> dict[str, Any] | None:
    """A request line as its JSON object; None for anything else."""
    try:
        request = json.loads(raw.decode("utf-8"))
    except ValueError:
        return None
    return request if isinstance(request, dict) else None


class _UnixServer(QObject):
    """``QLocalServer``'s socket, answered with Python's ``socket`` (see the module doc).

    Each connection sends one JSON line (at most ``_MAX_REQUEST`` bytes) and gets one back
    (``{"ok": true}`` for a JSON object); then ``received`` gets the object. Everything
    runs on the GUI thread from ``QSocketNotifier``s, without blocking: a client that
    sends nothing is closed after ``REPLY_TIMEOUT_MS``.
    """

    def __init__(
        self, name: str, received: Callable[[dict[str, Any]], object], parent: QObject | None = None
    ) -> None:
        import socket

        super().__init__(parent)
        self.path = os.path.join(QDir.tempPath(), name)  # where QLocalSocket looks
        self.received = received
        self.clients: dict[int, tuple[Any, QSocketNotifier, bytearray]] = {}
        with _suppress_os_error():
            os.unlink(self.path)  # a socket file left behind by a crash
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old_mask = os.umask(0o077)  # the socket file: this user only
        try:
            sock.bind(self.path)
            sock.listen(8)
        except OSError as exc:
            sock.close()
            raise OSError(f"cannot listen on {self.path}: {exc.strerror or exc}") from exc
        finally:
            os.umask(old_mask)
        sock.setblocking(False)
        self.sock = sock
        self.notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._accept)

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:  # BlockingIOError: no more waiting
                return
            conn.setblocking(False)
            notifier = QSocketNotifier(conn.fileno(), QSocketNotifier.Type.Read, self)
            fd = conn.fileno()
            self.clients[fd] = (conn, notifier, bytearray())
            notifier.activated.connect(lambda *_args, fd=fd: self._read(fd))
            from PySide6.QtCore import QTimer

            QTimer.singleShot(REPLY_TIMEOUT_MS, self, lambda fd=fd, c=conn: self._expire(fd, c))

    def _read(self, fd: int) -> None:
        conn, _, buf = self.clients[fd]
        try:
            chunk = conn.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self._drop(fd)
            return
        buf += chunk
        if b"\n" in buf:
            request = _parse(bytes(buf[: buf.index(b"\n") + 1]))
            with _suppress_os_error():
                conn.settimeout(1.0)  # a one-line answer: returns at once
                conn.sendall(b'{"ok": false}\n' if request is None else b'{"ok": true}\n')
            self._drop(fd)
            if request is not None:
                self.received(request)
        elif len(buf) > _MAX_REQUEST:
            self._drop(fd)

    def _expire(self, fd: int, conn: Any) -> None:
        client = self.clients.get(fd)
        if client is not None and client[0] is conn:
            self._drop(fd)

    def _drop(self, fd: int) -> None:
        conn, notifier, _ = self.clients.pop(fd)
        notifier.setEnabled(False)
        notifier.deleteLater()
        with _suppress_os_error():
            conn.close()

    def close(self) -> None:
        for fd in list(self.clients):
            self._drop(fd)
        self.notifier.setEnabled(False)
        self.sock.close()
        with _suppress_os_error():
            os.unlink(self.path)


def _suppress_os_error() -> Any:
    import contextlib

    return contextlib.suppress(OSError)


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
