"""What the commands print (a block's line, a day as JSON) and the days they cover
(``--date`` or ``--from``/``--to``), shared by the command handlers."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from tracker import statusline
from tracker.cli.parser import UserError
from tracker.domain.figures import REPORT_DAYS_MAX, report_days
from tracker.domain.timeparse import clock_text, hm

if TYPE_CHECKING:
    from tracker.domain.model import Block
    from tracker.domain.stats import DaySummary
    from tracker.service import TrackerService


def _day_json(day: DaySummary) -> dict[str, Any]:
    return {
        "date": day.date.isoformat(),
        "task_s": day.task_s,
        "growth_s": day.growth_s,
        "ratio": day.ratio,
        "target": day.target,
        "met": day.met,
    }


_hm_some = statusline.hm_some
_pct = statusline.pct


def _block_line(service: TrackerService, b: Block) -> str:
    now = service.clock.now()
    end = "…" if b.ended_at is None else clock_text(b.ended_at, service.tz)
    return (
        f"{b.id:>6}  {clock_text(b.started_at, service.tz)}–{end:<5}  "
        f"{hm(b.duration(now)):>6}  {b.kind.value:<6}  {b.label}"
    )


def _range(service: TrackerService, args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    if args.date and (args.from_day or args.to_day):
        raise UserError(code="cli_date_and_range")
    if args.date:
        day = service.parse_day(args.date)
        return day, day
    today = service.today()
    first, last = report_days(
        service.parse_day(args.from_day) if args.from_day else None,
        service.parse_day(args.to_day) if args.to_day else None,
        today,
    )
    _check_order(first, last)
    if (last - first).days > REPORT_DAYS_MAX:
        raise UserError(code="cli_range_too_long")
    return first, last


def _check_order(first: dt.date, last: dt.date) -> None:
    if last < first:
        raise UserError(code="cli_range_reversed", params={"first": first, "last": last})


def _started(service: TrackerService, verb: str, block: Block) -> str:
    label = f" · {block.label}" if block.label else ""
    return f"{verb} {block.kind.value}{label} at {clock_text(block.started_at, service.tz)}"
