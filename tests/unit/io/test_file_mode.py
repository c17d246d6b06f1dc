"""Written files (CSV exports, the chart PNG) are owner-only, like the database."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tracker.io.files import write_atomic


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize("existing", [None, 0o644, 0o666])
def test_write_atomic_leaves_an_owner_only_file(tmp_path: Path, existing: int | None) -> None:
    path = tmp_path / "blocks.csv"
    if existing is not None:
        path.write_bytes(b"old")
        path.chmod(existing)  # a file readable by others is replaced by a private one
    old_mask = os.umask(0o022)
    try:
        write_atomic(path, b"date,kind\n")
    finally:
        os.umask(old_mask)
    assert path.read_bytes() == b"date,kind\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["blocks.csv"]  # no temp file left
