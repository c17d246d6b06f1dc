"""Giving memory back to the operating system once start-up is over.

Start-up allocates and frees many small objects (imports, the first paint of the icon,
the first reads of the database); glibc keeps the freed pages in the process, where an
idle tray never reuses them. ``malloc_trim`` returns them (docs/architecture.md §9).
"""

from __future__ import annotations

import gc
import sys


def release_free_memory() -> bool:
    """Collect start-up's cyclic garbage, then return the C heap's free pages to the
    system; False where there is no glibc to ask."""
    gc.collect()
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.malloc_trim(0))
    except (OSError, AttributeError):  # musl and other C libraries have no malloc_trim
        return False
