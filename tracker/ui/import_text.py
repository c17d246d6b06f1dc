"""The words of the *Import CSV…* dialog for what an import would do or did: "3 blocks
will be added, 1 already present. Import them?", "Nothing to add: …".

The texts stay in the dialog's translation context (``ImportDialog``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from tracker.service import ImportOutcome
from tracker.ui.common import fmt_int


def blocks(n: int) -> str:
    if n == 1:
        return QCoreApplication.translate("ImportDialog", "1 block")
    return QCoreApplication.translate("ImportDialog", "{0} blocks").format(fmt_int(n))


def present_text(n: int) -> str:
    return QCoreApplication.translate("ImportDialog", "{0} already present.").format(fmt_int(n))


def running_text(outcome: ImportOutcome) -> str:
    if not outcome.running_skipped:
        return ""
    return " " + QCoreApplication.translate(
        "ImportDialog", "Rows still running (empty end) are skipped: {0}."
    ).format(fmt_int(outcome.running_skipped))


def added_text(outcome: ImportOutcome) -> str:
    text = QCoreApplication.translate("ImportDialog", "Added {0}.").format(blocks(outcome.imported))
    if outcome.already_there:
        text += " " + present_text(outcome.already_there)
    return text


def preview_text(outcome: ImportOutcome) -> str:
    if outcome.already_there:
        text = QCoreApplication.translate(
            "ImportDialog", "{0} will be added, {1} already present."
        ).format(blocks(outcome.imported), fmt_int(outcome.already_there))
    else:
        text = QCoreApplication.translate("ImportDialog", "{0} will be added.").format(
            blocks(outcome.imported)
        )
    return (
        text
        + running_text(outcome)
        + " "
        + QCoreApplication.translate("ImportDialog", "Import them?")
    )


def nothing_text(outcome: ImportOutcome) -> str:
    if outcome.already_there == 1:
        text = QCoreApplication.translate(
            "ImportDialog", "Nothing to add: its one block is already present."
        )
    elif outcome.already_there:
        text = QCoreApplication.translate(
            "ImportDialog", "Nothing to add: all {0} are already present."
        ).format(blocks(outcome.already_there))
    else:
        text = QCoreApplication.translate(
            "ImportDialog", "Nothing to add: the file holds no finished blocks."
        )
    return text + running_text(outcome)
