"""The process entry of ``growth-tracker`` and ``python -m tracker``: fast paths first.

``status`` (what status bars run every few seconds) is answered by ``tracker.quickstatus``
and a plain ``report`` by ``tracker.quickreport``, without importing the CLI, argparse, the
service or the domain's classes. The tray
(no command, at most ``--db PATH``) starts without the CLI's parser. Everything else,
and every ``status`` or ``report`` a fast path hands back, goes to ``tracker.cli.main``
(docs/architecture.md §9).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    db = _tray_only(words)
    if db is not None:
        return _tray(db or None)
    if "status" in words:
        from tracker import quickstatus

        code = quickstatus.run(words)
        if code is not None:
            return code
    if "report" in words:
        from tracker import quickreport

        code = quickreport.run(words)
        if code is not None:
            return code
    from tracker.cli import main as full

    return full(words)


def _tray_only(words: list[str]) -> str | None:
    """The --db value ("" without one) of a command line that only starts the tray."""
    if not words:
        return ""
    if len(words) == 2 and words[0] == "--db":
        value = words[1]
    elif len(words) == 1 and words[0].startswith("--db="):
        value = words[0][len("--db=") :]
    else:
        return None
    if not value or value.startswith("-") or any("\udc80" <= c <= "\udcff" for c in value):
        return None  # the full CLI's message
    return value


def _tray(option: str | None) -> int:
    from pathlib import Path
    from types import SimpleNamespace

    from tracker.platform.paths import database_path

    path: Path | None = None
    try:
        path = database_path(option)
        from tracker.launcher import launch

        def first_state() -> tuple[str, float | None, float] | None:
            from tracker.quickstatus import tray_state  # the icon's state, as status reads it

            return tray_state(str(path))

        return launch(path, SimpleNamespace(command=None), first_state)
    except (Exception, KeyboardInterrupt) as exc:
        from tracker.cli import failed

        return failed(exc, path)
