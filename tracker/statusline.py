"""Status-bar output of ``growth-tracker status`` (docs/architecture.md §6.6).

``status --format TEMPLATE`` prints one line from a template with the fields below;
``status --waybar`` prints one line of JSON for waybar's ``custom`` module (its text from
``--format`` when given). Polybar, i3blocks and tmux run ``--format``.

A template is checked while the command line is read: an unknown field, a brace left open
or a bad format spec is a malformed command line (exit 2, argparse's message), so a typo in
a bar's config fails loudly the first time instead of printing a wrong bar forever.
"""

from __future__ import annotations

import datetime as dt
import json
import string
from collections.abc import Mapping

from tracker.domain.figures import (
    MET_TOLERANCE,
    clock_text,
    growth_needed_s,
    hm,
    percent_shown,
)

TYPE_CHECKING = False  # typing itself costs `status` milliseconds; mypy reads the name
if TYPE_CHECKING:
    import argparse
    from typing import Protocol

    from tracker.service import TrackerService

    # What the rendering reads: the service's ``Status`` and ``TrackerService``, or the
    # plain objects of ``tracker.quickstatus`` (which must not import the domain's classes).
    class KindView(Protocol):
        @property
        def value(self) -> str: ...

    class RunningView(Protocol):
        @property
        def id(self) -> int: ...
        @property
        def kind(self) -> KindView: ...
        @property
        def label(self) -> str: ...
        @property
        def started_at(self) -> int: ...
        @property
        def last_seen_at(self) -> int | None: ...

    class DayView(Protocol):
        @property
        def task_s(self) -> int: ...
        @property
        def growth_s(self) -> int: ...
        @property
        def target(self) -> float: ...
        @property
        def ratio(self) -> float | None: ...
        @property
        def met(self) -> bool | None: ...

    class StatusView(Protocol):
        @property
        def running(self) -> RunningView | None: ...
        @property
        def today(self) -> DayView: ...
        @property
        def stale(self) -> bool: ...
        @property
        def elapsed_s(self) -> int: ...

    class ServiceView(Protocol):
        @property
        def tz(self) -> dt.tzinfo: ...
        def away_since(self) -> int | None: ...


FIELDS = ("kind", "label", "elapsed", "ratio", "target", "pace")
WAYBAR_TEXT = "{kind} {elapsed} · {ratio}"
WAYBAR_IDLE_TEXT = "idle · {ratio}"
# Values that exercise every field while a template is checked (a format spec such as
# ``{ratio:d}`` fails on these exactly as it would on real values).
_SAMPLE = {
    "kind": "growth",
    "label": "IFRS 勉強",
    "elapsed": "0:42",
    "ratio": "18%",
    "target": "20%",
    "pace": "0:04",
}


def _bad_template(message: str) -> Exception:
    import argparse  # only when refusing: `status`'s fast path checks templates without it

    return argparse.ArgumentTypeError(message)


def parse_template(text: str) -> str:
    """argparse ``type=`` for ``--format``: the template itself, once it is known to render."""
    if not text:
        raise _bad_template("must not be empty (is a variable in your script unset?)")
    known = ", ".join("{" + f + "}" for f in FIELDS)
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise _bad_template(f"{exc} in {text!r}; write {{{{ or }}}} for a literal brace") from None
    for _, field, spec, _ in parts:
        if field is None:
            continue
        if field not in FIELDS:
            shown = "{" + field + "}" if field else "{}"
            raise _bad_template(f"unknown field {shown}; the fields are {known}")
        if spec and ("{" in spec or "}" in spec):
            raise _bad_template(f"a field inside a format spec ({spec!r}) is not allowed")
        if spec and any(
            len(run) > 3 for run in "".join(c if c.isdigit() else " " for c in spec).split()
        ):
            # {label:>9999999999} would print gigabytes of padding (checked before rendering)
            raise _bad_template(f"a width or precision over 999 in {{{field}:{spec}}}")
    try:
        text.format_map(_SAMPLE)
    except (ValueError, TypeError) as exc:
        raise _bad_template(f"{exc} in {text!r}") from None
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The output options of ``status``: ``--json``, ``--format TEMPLATE``, ``--waybar``."""
    import argparse  # here, not at the top: `status`'s fast path never reads options

    class _NotWith(argparse.Action):
        """A ``store``/``store_true`` option that refuses the options it cannot be combined with
        (exit 2). argparse's mutually exclusive groups cannot express "--format goes with
        --waybar but neither goes with --json"."""

        conflicts: Mapping[str, str] = {
            "json": "--json",
            "format": "--format",
            "waybar": "--waybar",
        }
        refuses: tuple[str, ...] = ()

        def __init__(self, *args: object, refuses: tuple[str, ...] = (), **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            self.refuses = refuses

        def __call__(
            self,
            parser: argparse.ArgumentParser,
            namespace: argparse.Namespace,
            values: object,
            option_string: str | None = None,
        ) -> None:
            for dest in self.refuses:
                if getattr(namespace, dest, None) not in (None, False):
                    parser.error(f"{option_string} cannot be combined with {self.conflicts[dest]}")
            setattr(namespace, self.dest, True if self.nargs == 0 else values)

    parser.add_argument(
        "--json",
        action=_NotWith,
        nargs=0,
        default=False,
        refuses=("format", "waybar"),
        help="the status as JSON",
    )
    parser.add_argument(
        "--format",
        metavar="TEMPLATE",
        type=parse_template,
        action=_NotWith,
        refuses=("json",),
        help="one line for a status bar; fields: " + ", ".join("{" + f + "}" for f in FIELDS),
    )
    parser.add_argument(
        "--waybar",
        action=_NotWith,
        nargs=0,
        default=False,
        refuses=("json",),
        help="one line of JSON for waybar (text from --format if given)",
    )


def wanted(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "format", None) or getattr(args, "waybar", False))


# -- values ---------------------------------------------------------------------------


def percent(ratio: float | None, target: float | None = None) -> str:
    """A whole percentage, or "–" without a ratio; a ratio below its target never reads as
    the target: 19.96 % against 20 % is "19.9%", as in the tray (docs/architecture.md §7.1)."""
    if ratio is None:
        return "–"
    whole = round(ratio * 100)
    if target is None or ratio >= target - MET_TOLERANCE or whole < round(target * 100, 6):
        return f"{whole}%"
    tenths = int(round(ratio * 1000, 6) // 1)
    tenths = min(tenths, -int(-round(target * 1000, 6) // 1) - 1)
    return f"{tenths / 10:.1f}%"


def pace_seconds(status: StatusView) -> int | None:
    """Growth still needed today: the seconds of growth that, added to today's totals,
    make the day meet its target (0 when met or nothing is tracked; None when out of reach,
    a 100 % target with routine already tracked)."""
    t = status.today
    return growth_needed_s(t.task_s, t.growth_s, t.target)


def fields(status: StatusView) -> dict[str, str]:
    run = status.running
    needed = pace_seconds(status)
    t = status.today
    return {
        "kind": run.kind.value if run is not None else "idle",
        "label": run.label if run is not None else "",
        "elapsed": hm(status.elapsed_s) if run is not None else "",
        "ratio": percent(t.ratio, t.target),
        "target": percent(t.target),
        # Rounded up to the minute: "0:00" must mean "met", never "a few seconds short".
        "pace": "–" if needed is None else hm(-(-needed // 60) * 60),
    }


def render(template: str, status: StatusView) -> str:
    return template.format_map(fields(status))


def tooltip(service: ServiceView, status: StatusView) -> str:
    run = status.running
    t = status.today
    if run is None:
        lines = ["Nothing running"]
    else:
        label = f" · {run.label}" if run.label else ""
        since = clock_text(run.started_at, service.tz)
        lines = [f"{run.kind.value}{label} · {hm(status.elapsed_s)} since {since}"]
        if status.stale and run.last_seen_at is not None:
            seen = clock_text(run.last_seen_at, service.tz)
            lines.append(f"Stale: the tray last saw this block at {seen} and is not running")
        away = service.away_since()
        if away is not None:
            lines.append(f"Away since {clock_text(away, service.tz)}")
    lines.append(
        f"Today: task {hm(t.task_s)} · growth {hm(t.growth_s)} · "
        f"ratio {percent(t.ratio, t.target)} (target {percent(t.target)})"
    )
    needed = pace_seconds(status)
    if needed is None:
        lines.append("The target is out of reach today")
    elif t.met:
        lines.append("Target met")
    elif needed:
        lines.append(f"{hm(-(-needed // 60) * 60)} more growth reaches the target")
    return "\n".join(lines)


def hm_some(seconds: int) -> str:
    """h:mm, but time under a minute is "<0:01": "growth 0:00 · ratio 30%" contradicts."""
    return "<0:01" if 0 < seconds < 60 else hm(seconds)


def pct(value: float | None, target: float | None = None) -> str:
    """A ratio as a percentage that never crosses its target (``percent_shown``)."""
    if value is None:
        return "–"
    number, decimals = percent_shown(value, target)
    return f"{number:.{decimals}f}%"


def plain(service: ServiceView, status: StatusView) -> str:
    """The lines of plain ``status`` on stdout (the stale warning goes to stderr apart)."""
    run = status.running
    lines = []
    if run is None:
        lines.append("Nothing running")
    else:
        label = f" · {run.label}" if run.label else ""
        lines.append(
            f"Running: {run.kind.value}{label} · {hm(status.elapsed_s)} "
            f"since {clock_text(run.started_at, service.tz)} (block {run.id})"
        )
        away_since = service.away_since()
        if away_since is not None:
            lines.append(
                f"Away since {clock_text(away_since, service.tz)} (the tray will ask on return)"
            )
    t = status.today
    lines.append(
        f"Today: task {hm_some(t.task_s)} · growth {hm_some(t.growth_s)} · "
        f"ratio {pct(t.ratio, t.target)} (target {pct(t.target, t.target)})"
    )
    return "\n".join(lines)


def _markup(text: str) -> str:
    """Waybar reads text and tooltip as Pango markup: a label with & or < would break it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def waybar(service: ServiceView, status: StatusView, template: str | None) -> str:
    run = status.running
    if template is None:
        template = WAYBAR_TEXT if run is not None else WAYBAR_IDLE_TEXT
    css = "idle" if run is None else ("stale" if status.stale else run.kind.value)
    ratio = status.today.ratio
    out = {
        "text": _markup(render(template, status)),
        "tooltip": _markup(tooltip(service, status)),
        "class": css,
        "alt": css,
        "percentage": 0 if ratio is None else round(ratio * 100),
    }
    return json.dumps(out, ensure_ascii=False)


def run(service: TrackerService, args: argparse.Namespace) -> int:
    """``status --format`` / ``status --waybar``: one line on stdout, exit 0."""
    status = service.status()
    if args.waybar:
        print(waybar(service, status, args.format))
    else:
        print(render(args.format, status))
    return 0
