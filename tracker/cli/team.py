"""``growth-tracker team …`` (docs/architecture.md §6.1, §17): the team view, sharing,
leaving, private labels and synonyms for the routine hotspots."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.cli.output import _check_order, _pct
from tracker.cli.parser import PROG, UserError
from tracker.domain.team import DEFAULT_VIEW_DAYS, TeamView
from tracker.domain.timeparse import hm

if TYPE_CHECKING:
    from tracker.service import TrackerService


def cmd_team(service: TrackerService, args: argparse.Namespace) -> int:
    action, words = args.action, list(args.words)  # counted by the parser
    if action == "share":
        return _share(service, args.dry_run)
    if action == "leave":
        path = service.team_leave()
        if path is None:
            print("You had no file in the team folder; sharing is off")
        else:
            print(f"Removed {path}; you no longer share with the team")
        return 0
    if action in ("private", "public"):
        if not words:
            for label in service.team_private_labels():
                print(label)
            return 0
        service.team_set_private(words[0], action == "private")
        word = "never shared" if action == "private" else "shared again"
        print(f"{words[0]!r} is {word}")
        return 0
    if action == "alias":
        return _alias(service, words, args.remove)
    first, last = _days(service, args)
    if action == "export":
        result = service.team_csv(first, last, args.encoding, args.header)
        if args.output == "-":
            sys.stdout.buffer.write(result.data)
            sys.stdout.buffer.flush()
            return 0
        from tracker.io.files import write_atomic

        path = Path(args.output).expanduser()
        write_atomic(path, result.data)
        print(f"Exported the team view ({first} – {last}) to {path}")
        return 0
    view = service.team_view(first, last)
    if args.json:
        print(json.dumps(view_json(view), ensure_ascii=False))
    else:
        print("\n".join(view_lines(view)))
    for name, reason in view.unreadable:
        print(f"{PROG}: skipped {name} in the team folder ({reason})", file=sys.stderr)
    return 0


def _days(service: TrackerService, args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    """--from/--to, by default the last 4 weeks up to today."""
    today = service.today()
    last = service.parse_day(args.to_day) if args.to_day else today
    if args.from_day:
        first = service.parse_day(args.from_day)
    else:
        first = last - dt.timedelta(days=DEFAULT_VIEW_DAYS - 1)
    _check_order(first, last)
    if (last - first).days > 3660 * 3:  # as list and report: a week row per week
        raise UserError(code="cli_range_too_long")
    return first, last


def _share(service: TrackerService, dry_run: bool) -> int:
    if dry_run:
        if not str(service.setting("team_name")):
            from tracker.domain.model import ValidationError

            raise ValidationError(code="team_name_missing")
        from tracker.io.teamfiles import encode

        sys.stdout.buffer.write(encode(service.team_preview()))
        sys.stdout.buffer.flush()
        return 0
    outcome = service.team_share()
    print(
        f"Shared {outcome.days} day{'s' if outcome.days != 1 else ''} and "
        f"{outcome.labels} label{'s' if outcome.labels != 1 else ''} to {outcome.path}"
    )
    return 0


def _alias(service: TrackerService, words: list[str], remove: bool) -> int:
    if not words:
        for label, to in sorted(service.team_aliases().items()):
            print(f"{label} → {to}")
        return 0
    if remove:
        service.team_set_alias(words[0], None)
        print(f"{words[0]!r} counts as itself again")
    else:
        service.team_set_alias(words[0], words[1])
        print(f"{words[0]!r} counts as {words[1]!r} in the team's hotspots")
    return 0


# -- output ----------------------------------------------------------------------------


def view_json(view: TeamView) -> dict[str, Any]:
    return {
        "from": view.first.isoformat(),
        "to": view.last.isoformat(),
        "task_s": view.task_s,
        "growth_s": view.growth_s,
        "ratio": view.ratio,
        "people": [
            {
                "person": p.person,
                "name": p.name,
                "task_s": p.task_s,
                "growth_s": p.growth_s,
                "ratio": p.ratio,
                "target": p.target,
                "updated": dt.datetime.fromtimestamp(p.updated, dt.UTC).isoformat(),
                "stale": p.stale,
                "me": p.me,
            }
            for p in view.people
        ],
        "weeks": [
            {
                "week": w.week.isoformat(),
                "task_s": w.task_s,
                "growth_s": w.growth_s,
                "ratio": w.ratio,
                "people": dict(w.people),
            }
            for w in view.weeks
        ],
        "learning": [
            {
                "label": t.label,
                "growth_s": t.growth_s,
                "people": [
                    {"name": tp.name, "growth_s": tp.growth_s, "last_day": tp.last_day.isoformat()}
                    for tp in t.people
                ],
            }
            for t in view.learning
        ],
        "hotspots": [
            {
                "label": h.label,
                "task_s": h.task_s,
                "people": h.people,
                "per_week_s": h.per_week_s,
                "ratio_if_automated": h.ratio_if_automated,
                "names": list(h.names),
            }
            for h in view.hotspots
        ],
        "unreadable": [{"file": n, "reason": str(r)} for n, r in view.unreadable],
    }


def width(text: str) -> int:
    """Columns a terminal gives ``text`` (a Japanese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def view_lines(view: TeamView) -> list[str]:
    lines = [f"Team {view.first} – {view.last}: growth {_pct(view.ratio)}"]
    if not view.people:
        lines.append("  nobody shares in this folder yet")
        return [line.rstrip() for line in lines]
    names = {p.person: p.name + (" (you)" if p.me else "") for p in view.people}
    col = max(width(n) for n in names.values()) + 2
    lines.append("")
    lines.append(f"  {pad('', col)}{'task':>7}  {'growth':>7}  {'ratio':>6}  {'target':>6}")
    for p in view.people:
        stale = "  (stale: no update for 30 days)" if p.stale else ""
        lines.append(
            f"  {pad(names[p.person], col)}{hm(p.task_s):>7}  {hm(p.growth_s):>7}  "
            f"{_pct(p.ratio, p.target / 100):>6}  {p.target:>5}%{stale}"
        )
    lines += ["", "Growth ratio per week (week of Monday; each person's target in the header):"]
    heads = [f"{p.name} ({p.target}%)" for p in view.people]
    widths = [max(width(h), 6) for h in heads]
    lines.append(
        f"  {'week':<10}  {'team':>6}  "
        + "  ".join(pad(h, w) for h, w in zip(heads, widths, strict=True))
    )
    targets = {p.person: p.target / 100 for p in view.people}
    for w in view.weeks:
        cells = [
            pad(_pct(w.people.get(p.person), targets[p.person]), n)
            for p, n in zip(view.people, widths, strict=True)
        ]
        lines.append(f"  {w.week}  {_pct(w.ratio):>6}  " + "  ".join(cells))
    lines += ["", "Learning (who to ask):"]
    if not view.learning:
        lines.append("  no growth labels shared in these days")
    for t in view.learning:
        who = ", ".join(f"{tp.name} {hm(tp.growth_s)}" for tp in t.people)
        lines.append(f"  {t.label}  {hm(t.growth_s)}: {who}")
    lines += ["", "Routine hotspots (the team's candidates to automate):"]
    if not view.hotspots:
        lines.append("  no routine labels shared in these days")
    for h in view.hotspots:
        who = f"{h.people} {'person' if h.people == 1 else 'people'}: {', '.join(h.names)}"
        lines.append(f"  {h.label}  {hm(h.task_s)} ({hm(h.per_week_s)} a week), {who}")
        lines.append(
            f"      automating it frees {hm(h.per_week_s)} a week; the team's growth share "
            f"would be {_pct(h.ratio_if_automated)}"
        )
    return [line.rstrip() for line in lines]
