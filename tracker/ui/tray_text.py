"""The words the tray shows: the menu's status line and the tooltip.

Pure functions of a service ``Status`` (plus Qt's translation), so tests can check the
exact text for a fake clock.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from tracker.domain.stats import growth_needed_s
from tracker.service import Status
from tracker.ui.common import fmt_hm, fmt_need, fmt_pct, kind_label


def _some(seconds: int) -> str:
    """h:mm, but time under a minute reads "<0:01", not "0:00" (which reads as none)."""
    return "<0:01" if 0 < seconds < 60 else fmt_hm(seconds)


def status_line(status: Status) -> str:
    """ "Growth · RPA 勉強 · 0:42", or "Not tracking"."""
    running = status.running
    if running is None:
        return QCoreApplication.translate("Tray", "Not tracking")
    parts = [kind_label(running.kind)]
    if running.label:
        parts.append(running.label)
    parts.append(fmt_hm(status.elapsed_s))
    return " · ".join(parts)


def pacing_line(task_s: int, growth_s: int, target: float) -> str | None:
    """How much more growth reaches the target if the rest of the day stays routine."""
    need = growth_needed_s(task_s, growth_s, target)
    if need is None:
        return QCoreApplication.translate(
            "Tray", "Target {0} is out of reach once routine is tracked"
        ).format(fmt_pct(target))
    if need <= 0:
        return None
    return QCoreApplication.translate("Tray", "{0} more growth reaches {1}").format(
        fmt_need(need), fmt_pct(target)
    )


def tooltip(status: Status) -> str:
    """Kind, label, elapsed; today's growth of total; ratio vs target; pacing."""
    today = status.today
    lines = [status_line(status)]
    if today.total_s == 0:
        # a block that started this second has nothing to total yet, but it is tracked
        if status.running is None:
            lines.append(QCoreApplication.translate("Tray", "Nothing tracked today"))
        lines.append(QCoreApplication.translate("Tray", "Target {0}").format(fmt_pct(today.target)))
        return "\n".join(lines)
    lines.append(
        QCoreApplication.translate("Tray", "Today: growth {0} of {1}").format(
            _some(today.growth_s), _some(today.total_s)
        )
    )
    ratio = QCoreApplication.translate("Tray", "{0} / target {1}").format(
        fmt_pct(today.ratio, today.target), fmt_pct(today.target)
    )
    if today.met:
        ratio += " · " + QCoreApplication.translate("Tray", "target met")
    lines.append(ratio)
    pacing = pacing_line(today.task_s, today.growth_s, today.target)
    if pacing:
        lines.append(pacing)
    return "\n".join(lines)
