"""The process entry of ``growth-tracker`` and ``python -m tracker``: fast paths first.

``status`` (what status bars run every few seconds) is answered by ``tracker.quickstatus``
without importing the CLI, argparse, the service or the domain's classes; everything
else, and every ``status`` the fast path hands back, goes to ``tracker.cli.main``
(docs/architecture.md §9).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    if "status" in words:
        from tracker import quickstatus

        code = quickstatus.run(words)
        if code is not None:
            return code
    from tracker.cli import main as full

    return full(words)
