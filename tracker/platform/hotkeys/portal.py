"""Wayland global hotkeys: the XDG desktop portal ``GlobalShortcuts`` over D-Bus (jeepney).

Wayland lets no program grab keys; the desktop binds them on its behalf, through the
portal (KDE Plasma 6, GNOME 48 and others). The exchange, all asynchronous:

1. ``CreateSession`` → a ``Request`` whose ``Response`` gives the ``session_handle``;
2. ``BindShortcuts(session, [(id, {description, preferred_trigger})])`` → a ``Response``
   listing the shortcuts the desktop bound (it may ask the user first, and may bind them
   to other keys or not at all);
3. ``Activated(session, id, …)`` on each press.

A changed key set closes the session and binds the whole set anew in a new one. This
module holds no Qt: :meth:`PortalShortcuts.fileno` is watched by the UI, which calls
:meth:`PortalShortcuts.dispatch`. Results reach ``report(name, status)``; a shortcut the
desktop did not bind is :data:`FAILED` (the portal does not say why).
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable
from typing import Any

from tracker.domain.hotkeys import Hotkey
from tracker.platform.hotkeys import FAILED, OK, HotkeyUnavailable

PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
SHORTCUTS = "org.freedesktop.portal.GlobalShortcuts"
REQUEST = "org.freedesktop.portal.Request"
SESSION = "org.freedesktop.portal.Session"
PENDING = "pending"  # asked; the desktop has not answered (it may be asking the user)

_TRIGGER_MODS = {"Ctrl": "CTRL", "Alt": "ALT", "Shift": "SHIFT", "Meta": "LOGO"}
_TRIGGER_KEYS = {
    "Space": "space",
    "PgUp": "Page_Up",
    "PgDown": "Page_Down",
    "Ins": "Insert",
    "Del": "Delete",
    ",": "comma",
    ".": "period",
    "-": "minus",
    "=": "equal",
    ";": "semicolon",
    "'": "apostrophe",
    "/": "slash",
    "[": "bracketleft",
    "]": "bracketright",
    "\\": "backslash",
    "`": "grave",
}


def trigger(hotkey: Hotkey) -> str:
    """The key in the XDG shortcuts format: ``CTRL+ALT+g`` (modifiers, then a keysym)."""
    mods = [_TRIGGER_MODS[m] for m in ("Ctrl", "Alt", "Shift", "Meta") if m in hotkey.modifiers]
    key = hotkey.key
    if key in _TRIGGER_KEYS:
        key = _TRIGGER_KEYS[key]
    elif len(key) == 1 and key.isalpha():
        key = key.lower()  # keysym "g"; digits, F1-F24, Home, End, Pause, Print as they are
    return "+".join([*mods, key])


class PortalShortcuts:
    """One portal session holding our shortcuts (``name → (hotkey, description)``)."""

    name = "XDG desktop portal"

    def __init__(
        self,
        pressed: Callable[[str], None],
        report: Callable[[str, str], None],
        bus: str | None = None,
    ) -> None:
        try:
            from jeepney import DBusAddress, MatchRule, new_method_call
            from jeepney.bus_messages import message_bus
            from jeepney.io.blocking import open_dbus_connection
        except ImportError as exc:
            raise HotkeyUnavailable(
                code="hotkeys_no_library", params={"library": "jeepney", "detail": exc}
            ) from None
        address = bus or os.environ.get("DBUS_SESSION_BUS_ADDRESS") or "SESSION"
        try:
            self._conn = open_dbus_connection(address)
            properties = "org.freedesktop.DBus.Properties"
            portal = DBusAddress(PORTAL_PATH, bus_name=PORTAL, interface=properties)
            reply = self._conn.send_and_get_reply(
                new_method_call(portal, "Get", "ss", (SHORTCUTS, "version")), timeout=2
            )
        except (OSError, TimeoutError, KeyError, ValueError) as exc:
            raise HotkeyUnavailable(code="hotkeys_no_bus", params={"detail": exc}) from None
        if reply.header.message_type.name == "error":
            self._conn.close()
            raise HotkeyUnavailable(code="hotkeys_no_portal")
        self._pressed = pressed
        self._report = report
        self._portal = DBusAddress(PORTAL_PATH, bus_name=PORTAL, interface=SHORTCUTS)
        self._sender = self._conn.unique_name.lstrip(":").replace(".", "_")
        self._tokens = itertools.count(1)
        self._replies: dict[int, Callable[[Any], None]] = {}
        self._requests: dict[str, Callable[[int, dict[str, Any]], None]] = {}
        self._serials = itertools.count(1_000_000)  # ours, apart from jeepney's own
        self.session: str | None = None
        self.wanted: dict[str, tuple[Hotkey, str]] = {}
        self.bound: set[str] = set()
        for rule in (
            MatchRule(type="signal", interface=REQUEST, member="Response"),
            MatchRule(type="signal", interface=SHORTCUTS, member="Activated"),
        ):
            self._send(message_bus.AddMatch(rule))

    def fileno(self) -> int:
        return int(self._conn.sock.fileno())

    def _send(self, message: Any, on_reply: Callable[[Any], None] | None = None) -> None:
        serial = next(self._serials)
        if on_reply is not None:
            self._replies[serial] = on_reply
        self._conn.send(message, serial=serial)

    def _call(self, method: str, signature: str, body: tuple[Any, ...], then: Any) -> None:
        """A portal method returning a Request: ``then(code, results)`` on its Response."""
        from jeepney import new_method_call

        token = f"growth_tracker_{os.getpid()}_{next(self._tokens)}"
        path = f"{PORTAL_PATH}/request/{self._sender}/{token}"
        self._requests[path] = then
        options = body[-1]
        options["handle_token"] = ("s", token)

        def answered(reply: Any) -> None:
            if reply.header.message_type.name == "error":
                self._requests.pop(path, None)
                then(2, {})
                return
            actual = str(reply.body[0])
            if actual != path:  # an older portal chose another path
                self._requests[actual] = self._requests.pop(path, then)

        self._send(new_method_call(self._portal, method, signature, body), answered)

    # -- keys -----------------------------------------------------------------------------

    def set(self, name: str, hotkey: Hotkey | None, description: str = "") -> None:
        """Want ``hotkey`` under ``name`` (None: no longer); call :meth:`bind` after."""
        if hotkey is None:
            self.wanted.pop(name, None)
        else:
            self.wanted[name] = (hotkey, description or name)

    def bind(self) -> None:
        """Close the current session and bind what is wanted in a new one."""
        from jeepney import DBusAddress, new_method_call

        if self.session is not None:
            session = DBusAddress(self.session, bus_name=PORTAL, interface=SESSION)
            self._send(new_method_call(session, "Close"))
            self.session = None
            self.bound = set()
        if not self.wanted:
            return
        for name in self.wanted:
            self._report(name, PENDING)
        token = f"growth_tracker_session_{next(self._tokens)}"
        self._call(
            "CreateSession", "a{sv}", ({"session_handle_token": ("s", token)},), self._created
        )

    def _created(self, code: int, results: dict[str, Any]) -> None:
        if code != 0 or "session_handle" not in results:
            for name in self.wanted:
                self._report(name, FAILED)
            return
        self.session = str(results["session_handle"][1])
        shortcuts = [
            (
                name,
                {
                    "description": ("s", description),
                    "preferred_trigger": ("s", trigger(hotkey)),
                },
            )
            for name, (hotkey, description) in self.wanted.items()
        ]
        self._call(
            "BindShortcuts",
            "oa(sa{sv})sa{sv}",
            (self.session, shortcuts, "", {}),
            self._bound,
        )

    def _bound(self, code: int, results: dict[str, Any]) -> None:
        shortcuts = results.get("shortcuts", ("a(sa{sv})", []))[1] if code == 0 else []
        self.bound = {str(ident) for ident, _props in shortcuts}
        for name in self.wanted:
            self._report(name, OK if name in self.bound else FAILED)

    # -- messages -------------------------------------------------------------------------

    def dispatch(self) -> None:
        """Handle every message waiting on the connection (never blocks)."""
        from jeepney import HeaderFields, MessageType

        while True:
            try:
                msg = self._conn.receive(timeout=0)
            except TimeoutError:
                return
            fields = msg.header.fields
            kind = msg.header.message_type
            if kind in (MessageType.method_return, MessageType.error):
                handler = self._replies.pop(fields.get(HeaderFields.reply_serial, -1), None)
                if handler is not None:
                    handler(msg)
            elif kind == MessageType.signal:
                member = fields.get(HeaderFields.member)
                if member == "Response":
                    then = self._requests.pop(str(fields.get(HeaderFields.path)), None)
                    if then is not None:
                        code, results = msg.body
                        then(int(code), dict(results))
                elif member == "Activated":
                    session, ident = str(msg.body[0]), str(msg.body[1])
                    if session == self.session and ident in self.bound:
                        self._pressed(ident)

    def close(self) -> None:
        self.wanted.clear()
        with contextlib.suppress(OSError):
            self.bind()  # closes the session
        self._conn.close()
