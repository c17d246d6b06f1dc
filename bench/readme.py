"""The README's performance table, written by ``make bench`` between two markers.

Everything between ``<!-- bench:begin -->`` and ``<!-- bench:end -->`` is what the bench
printed; nobody edits it by hand (a run replaces it whole).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

BEGIN = "<!-- bench:begin -->"
END = "<!-- bench:end -->"


class MarkersError(RuntimeError):
    pass


def replace_between(text: str, body: str) -> str:
    """``text`` with the part between the markers replaced by ``body`` (markers kept)."""
    if text.count(BEGIN) != 1 or text.count(END) != 1:
        raise MarkersError(f"expected {BEGIN} and {END} once each")
    if text.index(END) < text.index(BEGIN):
        raise MarkersError(f"{END} comes before {BEGIN}")
    head, rest = text.split(BEGIN)
    _old, tail = rest.split(END)
    return f"{head}{BEGIN}\n{body.strip()}\n{END}{tail}"


def write(readme: Path, body: str) -> None:
    """Replace the bench's part of ``readme`` atomically (a crash leaves the old file)."""
    text = replace_between(readme.read_text(encoding="utf-8"), body)
    fd, tmp = tempfile.mkstemp(prefix=".README-", dir=readme.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(tmp, readme.stat().st_mode & 0o777)
        os.replace(tmp, readme)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
