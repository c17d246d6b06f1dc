"""Helpers shared by the reliability tests: the CLI run in-process, with its output."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from tracker import cli


def run_main(db: Path, argv: Sequence[str]) -> tuple[int, str, str]:
    """``growth-tracker --db DB ARGV`` in this process; returns (exit code, stdout, stderr).

    stdout has a byte buffer (export writes bytes), as a real one does.
    """
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", write_through=True)
    err = io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        try:
            code = cli.main(["--db", str(db), *argv])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        with contextlib.suppress(ValueError):
            out.flush()
        sys.stdout, sys.stderr = saved
    return code, raw.getvalue().decode("utf-8", "replace"), err.getvalue()
