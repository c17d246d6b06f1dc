"""Watson (PyPI ``td-watson``) as the floor for ``status`` and the one-year ``report``.

Watson is installed into a venv of its own (never the app's): ``$BENCH_WATSON_VENV``, else
``~/.cache/growth-tracker-bench/watson-venv``, created on the first run and reused after.
The same blocks as our database are written in Watson's format: ``frames`` (a JSON list of
``[start, stop, project, id, tags, updated_at]``, Unix seconds), project = kind, one tag =
the label; ``state`` holds the running frame.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

WATSON_VERSION = "2.1.0"


@dataclass(frozen=True)
class Watson:
    """An installed Watson and the data folder it reads (``WATSON_DIR``)."""

    exe: Path
    version: str
    folder: Path

    def env(self, base: dict[str, str]) -> dict[str, str]:
        return dict(base, WATSON_DIR=str(self.folder))


def venv_path() -> Path:
    default = Path.home() / ".cache" / "growth-tracker-bench" / "watson-venv"
    return Path(os.environ.get("BENCH_WATSON_VENV", default))


def _version(exe: Path) -> str | None:
    if not exe.exists():
        return None
    done = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return None
    return done.stdout.strip().rsplit(" ", 1)[-1]  # "Watson, version 2.1.0"


def install() -> tuple[Path | None, str]:
    """Watson's executable (installing it if needed) and its version, or None and why not."""
    venv = venv_path()
    exe = venv / "bin" / "watson"
    version = _version(exe)
    if version is not None:
        return exe, version
    steps = [
        [sys.executable, "-m", "venv", "--clear", str(venv)],
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            f"td-watson=={WATSON_VERSION}",
        ],
    ]
    for step in steps:
        try:
            done = subprocess.run(step, capture_output=True, text=True, timeout=600, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return None, f"{' '.join(step[:3])}: {exc}"
        if done.returncode != 0:
            lines = [ln for ln in (done.stderr or done.stdout).splitlines() if ln.strip()]
            return None, f"pip install td-watson=={WATSON_VERSION} failed: " + (
                lines[-1] if lines else f"exit {done.returncode}"
            )
    version = _version(exe)
    if version is None:
        return None, f"td-watson=={WATSON_VERSION} installed, but `watson --version` fails"
    return exe, version


def write_frames(db: Path, folder: Path) -> int:
    """Our blocks as Watson frames (finished ones) and state (the running one)."""
    folder.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT kind, label, started_at, ended_at, updated_at FROM blocks ORDER BY started_at"
        ).fetchall()
    finally:
        conn.close()
    frames = []
    state: dict[str, object] = {}
    for kind, label, start, end, updated in rows:
        tags = [label] if label else []
        if end is None:
            state = {"project": kind, "start": start, "tags": tags}
        else:
            frames.append([start, end, kind, uuid.uuid4().hex, tags, updated])
    (folder / "frames").write_text(json.dumps(frames, ensure_ascii=False), encoding="utf-8")
    (folder / "state").write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    return len(frames)


def prepare(db: Path, folder: Path) -> tuple[Watson | None, str]:
    """Install Watson and give it ``db``'s blocks; (None, reason) when it cannot be had."""
    exe, version = install()
    if exe is None:
        return None, version
    count = write_frames(db, folder)
    return Watson(exe, version, folder), f"{count:,} blocks".replace(",", " ") + " as frames"
