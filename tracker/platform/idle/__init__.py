"""Seconds since the last user input, from whatever the operating system offers.

One small interface, ``IdleSource``, with a backend per platform chosen at run time by
``detect_idle_source()``: X11 (libXss), Windows (``GetLastInputInfo``), macOS
(``CGEventSourceSecondsSinceLastEventType``). Wayland has no common C API; its backend
speaks D-Bus through Qt, which this layer may not import, so the UI passes it in as
``wayland``. When nothing answers, an ``Unavailable`` source says why (the settings dialog
shows the reason) and away detection falls back to noticing sleep from clock gaps.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Protocol, runtime_checkable

from tracker.domain.model import TrackerError

__all__ = [
    "IdleError",
    "IdleSource",
    "Unavailable",
    "detect_idle_source",
    "is_wayland_session",
]


class IdleError(TrackerError, OSError):
    """Idle time cannot be read here; ``code`` and ``params`` let the UI translate why."""


@runtime_checkable
class IdleSource(Protocol):
    """Where idle time comes from. ``available`` False means ``idle_seconds()`` is None."""

    name: str
    available: bool
    reason: str

    def idle_seconds(self) -> float | None:
        """Seconds since the last keyboard or pointer input; None when it cannot be read."""
        ...

    def locked(self) -> bool | None:
        """True while the session is locked; None when the platform does not say."""
        ...

    def close(self) -> None:
        """Release what the source holds (a display connection); idempotent."""
        ...


class Unavailable:
    """No idle time on this system; ``reason`` says why, for the settings dialog.

    ``code`` and ``params`` name the reason as an error's do (``TrackerError``), so the UI
    can show it in the user's language; :meth:`from_error` takes them from an exception.
    """

    name = "unavailable"
    available = False

    def __init__(
        self,
        reason: str | None = None,
        *,
        code: str | None = None,
        params: Mapping[str, object] = MappingProxyType({}),
        variant: str | None = None,
    ) -> None:
        self.code = code
        self.variant = variant
        self.params: Mapping[str, object] = MappingProxyType(dict(params))
        if reason is None:  # the English message of the catalogue, as an error's
            reason = str(IdleError(code=code, params=params, variant=variant))
        self.reason = reason

    @classmethod
    def from_error(cls, exc: BaseException) -> Unavailable:
        return cls(
            str(exc),
            code=getattr(exc, "code", None),
            params=getattr(exc, "params", {}),
            variant=getattr(exc, "variant", None),
        )

    def __str__(self) -> str:
        return self.reason

    def idle_seconds(self) -> float | None:
        return None

    def locked(self) -> bool | None:
        return None

    def close(self) -> None:
        pass

    def __repr__(self) -> str:
        return f"Unavailable({self.reason!r})"


def is_wayland_session(env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    return env.get("XDG_SESSION_TYPE", "").lower() == "wayland" or bool(env.get("WAYLAND_DISPLAY"))


def detect_idle_source(
    wayland: Callable[[], IdleSource] | None = None,
    platform: str | None = None,
    env: Mapping[str, str] | None = None,
) -> IdleSource:
    """The idle source for this session; never raises.

    ``wayland`` builds the D-Bus source (the UI layer provides it). On Wayland the X11
    backend is not used even when XWayland sets DISPLAY: it would only see input that
    goes to X clients and report the user idle while they type elsewhere.
    """
    platform = sys.platform if platform is None else platform
    env = os.environ if env is None else env
    try:
        if platform == "win32":
            from tracker.platform.idle.windows import WindowsIdle

            return WindowsIdle()
        if platform == "darwin":
            from tracker.platform.idle.macos import MacIdle

            return MacIdle()
        if is_wayland_session(env):
            if wayland is None:
                return Unavailable(
                    code="idle_wayland_no_monitor",
                )
            return wayland()
        if env.get("DISPLAY"):
            from tracker.platform.idle.x11 import X11Idle

            return X11Idle(env.get("DISPLAY"))
        return Unavailable(
            code="idle_no_session",
        )
    except OSError as exc:
        return Unavailable.from_error(exc)
