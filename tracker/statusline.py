"""Status-bar output of ``growth-tracker status`` (docs/architecture.md §6.6).

``status --format TEMPLATE`` prints one line from a template with the fields below;
``status --waybar`` prints one line of JSON for waybar's ``custom`` module (its text from
``--format`` when given). Polybar, i3blocks and tmux run ``--format``.

A template is checked while the command line is read: an unknown field, a brace left open
or a bad format spec is a malformed command line (exit 2, argparse's message), so a typo in
a bar's config fails loudly the first time instead of printing a wrong bar forever.
"""

from __future__ import annotations

import argparse
import json
import string
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tracker.domain.timeparse import clock_text, hm

if TYPE_CHECKING:
    from tracker.service import Status, TrackerService

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


def parse_template(text: str) -> str:
    """argparse ``type=`` for ``--format``: the template itself, once it is known to render."""
    if not text:
        raise argparse.ArgumentTypeError("must not be empty (is a variable in your script unset?)")
    known = ", ".join("{" + f + "}" for f in FIELDS)
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{exc} in {text!r}; write {{{{ or }}}} for a literal brace"
        ) from None
    for _, field, spec, _ in parts:
        if field is None:
            continue
        if field not in FIELDS:
            shown = "{" + field + "}" if field else "{}"
            raise argparse.ArgumentTypeError(f"unknown field {shown}; the fields are {known}")
        if spec and ("{" in spec or "}" in spec):
            raise argparse.ArgumentTypeError(
                f"a field inside a format spec ({spec!r}) is not allowed"
            )
    try:
        text.format_map(_SAMPLE)
    except (ValueError, TypeError) as exc:
        raise argparse.ArgumentTypeError(f"{exc} in {text!r}") from None
    return text


class _NotWith(argparse.Action):
    """A ``store``/``store_true`` option that refuses the options it cannot be combined with
    (exit 2). argparse's mutually exclusive groups cannot express "--format goes with
    --waybar but neither goes with --json"."""

    conflicts: Mapping[str, str] = {"json": "--json", "format": "--format", "waybar": "--waybar"}
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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The output options of ``status``: ``--json``, ``--format TEMPLATE``, ``--waybar``."""
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
    from tracker.domain.stats import MET_TOLERANCE

    whole = round(ratio * 100)
    if target is None or ratio >= target - MET_TOLERANCE or whole < round(target * 100, 6):
        return f"{whole}%"
    tenths = int(round(ratio * 1000, 6) // 1)
    tenths = min(tenths, -int(-round(target * 1000, 6) // 1) - 1)
    return f"{tenths / 10:.1f}%"


def pace_seconds(status: Status) -> int | None:
    """Growth still needed today: the seconds of growth that, added to today's totals,
    make the day meet its target (0 when met or nothing is tracked; None when out of reach,
    a 100 % target with routine already tracked)."""
    from tracker.domain.stats import growth_needed_s

    t = status.today
    return growth_needed_s(t.task_s, t.growth_s, t.target)


def fields(status: Status) -> dict[str, str]:
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


def render(template: str, status: Status) -> str:
    return template.format_map(fields(status))


def tooltip(service: TrackerService, status: Status) -> str:
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


def _markup(text: str) -> str:
    """Waybar reads text and tooltip as Pango markup: a label with & or < would break it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def waybar(service: TrackerService, status: Status, template: str | None) -> str:
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
