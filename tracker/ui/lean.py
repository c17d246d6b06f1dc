"""PySide6's import hook, without the source text it keeps in memory.

Once PySide6 is imported, shiboken checks every later import for the word "PySide6" in
its source (``shibokensupport.feature._mod_uses_pyside``, for its ``__feature__``
switches) through ``inspect.getsource``, which leaves the source lines of each module in
``linecache`` for good: 4.6 MB of the tray's resident memory (docs/architecture.md §9).
``install`` answers the same question from the file's bytes, keeping nothing, and falls
back to shiboken's own check wherever there is no plain ``.py`` file to read.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType

import PySide6.QtCore  # noqa: F401  # installs the hook replaced below

_FEATURE_MODULES = ("shibokensupport.feature", "PySide6.support.feature")


def _from_bytes(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as f:
                return b"PySide6" in f.read()
        except OSError:
            return original(module)

    uses_pyside.lean = True  # type: ignore[attr-defined]  # marks it installed
    return uses_pyside


def install() -> None:
    """Replace the check (once) and drop the source lines it kept so far."""
    for name in _FEATURE_MODULES:
        feature = sys.modules.get(name)
        original = getattr(feature, "_mod_uses_pyside", None)
        if feature is None or original is None or getattr(original, "lean", False):
            continue
        feature._mod_uses_pyside = _from_bytes(original)  # type: ignore[attr-defined]
    linecache.clearcache()
