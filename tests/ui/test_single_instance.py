"""One tracker per database: the lock, the hand-over of a second launch's request."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
from pathlib import Path

import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tracker.platform.instance import tray_running
from tracker.platform.paths import lock_path
from tracker.ui.single_instance import SingleInstance, send_request, server_name

REPO = Path(__file__).resolve().parents[2]


def test_server_name_depends_on_the_database_path(tmp_path: Path) -> None:
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert server_name(a) != server_name(b)
    assert server_name(a) == server_name(tmp_path / "x" / ".." / "a.sqlite3")


def test_second_instance_hands_its_request_to_the_first(
    tmp_path: Path, qapp: QApplication, qtbot: QtBot
) -> None:
    db = tmp_path / "t.sqlite3"
    first = SingleInstance(db)
    assert first.acquire()
    first.listen()
    second = SingleInstance(db)
    assert not second.acquire()  # never two trackers on one database
    assert SingleInstance(tmp_path / "other.sqlite3").acquire()  # another file is free
    request = {"command": "summary", "date": "2023-11-15"}
    # The sender is another process, as a second launch is (a thread would hold the GIL
    # in Qt's blocking socket calls while the server's Python slot waits for it).
    code = (
        "import json, sys; from pathlib import Path; "
        "from tracker.ui.single_instance import send_request; "
        "print(send_request(Path(sys.argv[1]), json.loads(sys.argv[2])))"
    )
    argv = [sys.executable, "-c", code, str(db), json.dumps(request)]
    with qtbot.waitSignal(first.request_received, timeout=10000) as got:
        sender = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.PIPE, text=True)
    out, _ = sender.communicate(timeout=10)
    assert got.args == [request]
    assert out.strip() == "True"  # the sender got the answer
    first.release()
    assert second.acquire()  # the lock is free once the first one quits
    second.release()


def test_nobody_listening_means_no_hand_over(tmp_path: Path, qapp: QApplication) -> None:
    assert send_request(tmp_path / "t.sqlite3", {"command": "show"}, timeout_ms=300) is False


def _wait_ready(proc: subprocess.Popen[str], timeout: float = 20.0) -> str:
    assert proc.stdout is not None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        assert sel.select(timeout), "the tracker did not report ready"
    return proc.stdout.readline()


def test_a_second_growth_tracker_exits_0_and_leaves_the_first_running(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite3"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GROWTH_TRACKER_PRINT_READY="1")
    cmd = [sys.executable, "-m", "tracker", "--db", str(db)]
    first = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert _wait_ready(first).startswith("ready ")
        assert tray_running(lock_path(db))
        for extra in ([], ["summary", "--date", "today"]):
            second = subprocess.run(
                cmd + extra, env=env, cwd=REPO, capture_output=True, text=True, timeout=30
            )
            assert second.returncode == 0, second.stderr
            assert "ready" not in second.stdout  # it handed over instead of starting
        assert first.poll() is None
        assert lock_path(db).read_text().splitlines()[0] == str(first.pid)
    finally:
        first.send_signal(signal.SIGTERM)
        code = first.wait(15)
    assert code == 0
    assert not tray_running(lock_path(db))


def _lock_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_the_lock_file_is_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite3"
    old = os.umask(0o022)
    try:
        instance = SingleInstance(db)
        assert instance.acquire()
    finally:
        os.umask(old)
    try:
        assert lock_path(db) == tmp_path / "t.sqlite3.lock"
        assert _lock_mode(lock_path(db)) == 0o600
        assert os.umask(old) == old  # the process's umask is back as it was
    finally:
        instance.release()


def test_a_database_in_a_shared_folder_is_locked_from_the_users_own_folder(
    tmp_path: Path,
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp: anyone may create a file there
    db = shared / "t.sqlite3"
    first = SingleInstance(db)
    assert first.acquire()
    try:
        lock = lock_path(db)
        assert lock.is_relative_to(Path(os.environ["XDG_STATE_HOME"]))
        assert _lock_mode(lock) == 0o600 and _lock_mode(lock.parent) == 0o700
        assert list(shared.iterdir()) == []  # nothing of ours for others to read or plant
        assert tray_running(lock)  # the CLI's stale-block guard finds the same lock
        assert not SingleInstance(db).acquire()
    finally:
        first.release()
    assert not tray_running(lock_path(db))


def test_a_bad_or_endless_request_is_refused_and_closed(
    tmp_path: Path, qapp: QApplication, qtbot: QtBot
) -> None:
    """The POSIX server (Python's socket where QLocalServer would listen): owner only, a
    line that is no JSON object is answered "not ok", an endless one is cut off, and
    neither reaches the app."""
    import socket
    import stat
    import threading

    from PySide6.QtCore import QDir

    db = tmp_path / "t.sqlite3"
    first = SingleInstance(db)
    assert first.acquire()
    first.listen()
    got: list[dict[str, object]] = []
    first.request_received.connect(got.append)
    path = os.path.join(QDir.tempPath(), server_name(db))
    assert stat.S_ISSOCK(os.stat(path).st_mode)
    assert stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0  # nobody else may connect
    results: dict[str, bytes | str] = {}

    def client(name: str, payload: bytes) -> None:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(10)
        try:
            conn.connect(path)
            conn.sendall(payload)
            results[name] = conn.recv(100)
        except OSError as exc:
            results[name] = type(exc).__name__
        finally:
            conn.close()

    threads = [
        threading.Thread(target=client, args=("bad", b"[1, 2]\n")),
        threading.Thread(target=client, args=("endless", b"x" * 70_000)),
    ]
    for t in threads:
        t.start()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=10000)
    for t in threads:
        t.join()
    assert results["bad"] == b'{"ok": false}\n'
    assert results["endless"] in (b"", "ConnectionResetError", "BrokenPipeError")
    assert got == []
    first.release()
    assert not os.path.exists(path)  # the socket file goes with the tracker
