"""Settings → Team (issue 17): the team folder, the name the team sees, what is shared,
the labels kept private, the preview, Share now and Leave team.

Every change is stored at once through the service (``set_setting``, ``team_set_private``),
which validates it; a refusal shows in the page's message line and nothing is stored.
Sharing runs on a worker thread (a network share may be slow). The first share of this
person into a folder shows the preview first and shares only on its *Share* button.
Questions open with ``open()``, so the tray keeps running (and a test can answer them
with keys).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.model import Kind, TrackerError
from tracker.ui.common import APP_TITLE
from tracker.ui.error_text import describe
from tracker.ui.folder_setting import FolderSetting
from tracker.ui.jobs import Job, failure_text
from tracker.ui.team.preview import TeamPreviewDialog
from tracker.ui.wrap_label import WrapLabel

if TYPE_CHECKING:
    from tracker.service.team import TeamShareOutcome

LABELS_LISTED = 200  # the most recent labels of each kind: enough for a year of work
ERROR_STYLE = "QLabel { color: palette(window-text); background: #fde2e1; padding: 4px; }"
SWITCHES = ("team_share_totals", "team_share_learning", "team_share_hotspots")


class TeamSettingsDialog(FolderSetting, QDialog):
    """The Team page of the settings (its own window: the main dialog fills a laptop's
    screen already)."""

    FOLDER_KEY = "team_folder"
    settings_changed = Signal()
    team_requested = Signal()  # open the team window

    def __init__(self, service: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TeamSettings")
        self.service = service
        self._loading = False
        self.job: Job | None = None
        self.preview: TeamPreviewDialog | None = None
        self.leave_box: QMessageBox | None = None
        self._build()
        self._retranslate()
        self.refresh()

    # -- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.where = QGroupBox()
        form = QFormLayout(self.where)
        self.folder = QLineEdit()
        self.folder.setObjectName("teamFolder")
        self.folder.setMinimumWidth(260)
        self.choose = QPushButton()
        self.choose.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        self.folder_label = QLabel()
        self.folder_label.setBuddy(self.folder)
        form.addRow(self.folder_label, row)
        self.name = QLineEdit()
        self.name.setObjectName("teamName")
        self.name.setMaxLength(64)
        self.name_label = QLabel()
        self.name_label.setBuddy(self.name)
        form.addRow(self.name_label, self.name)
        layout.addWidget(self.where)

        self.what = QGroupBox()
        what = QVBoxLayout(self.what)
        self.switches = {key: QCheckBox() for key in SWITCHES}
        for key, box in self.switches.items():
            box.setObjectName(key)
            what.addWidget(box)
        layout.addWidget(self.what)

        self.private_group = QGroupBox()
        private = QVBoxLayout(self.private_group)
        self.private_hint = WrapLabel()
        private.addWidget(self.private_hint)
        self.labels = QListWidget()
        self.labels.setObjectName("teamLabels")
        self.labels.setMinimumHeight(140)
        private.addWidget(self.labels)
        layout.addWidget(self.private_group, 1)

        self.message = WrapLabel()
        self.message.setObjectName("teamMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton()
        self.share_button = QPushButton()
        self.leave_button = QPushButton()
        self.team_button = QPushButton()
        self.close_button = QPushButton()
        for button in (
            self.preview_button,
            self.share_button,
            self.leave_button,
            self.team_button,
            self.close_button,
        ):
            button.setAutoDefault(False)  # Enter in a field stores it, never shares
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.share_button)
        buttons.addWidget(self.leave_button)
        buttons.addStretch(1)
        buttons.addWidget(self.team_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.folder.editingFinished.connect(self._folder_typed)
        self.choose.clicked.connect(self._choose)
        self.name.editingFinished.connect(self._name_typed)
        for key, box in self.switches.items():
            box.toggled.connect(lambda on, k=key: self._store(k, "on" if on else "off"))
        self.labels.itemChanged.connect(self._private_toggled)
        self.preview_button.clicked.connect(lambda: self.show_preview(asking=False))
        self.share_button.clicked.connect(self.share_now)
        self.leave_button.clicked.connect(self.leave)
        self.team_button.clicked.connect(self.team_requested.emit)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Close, self).activated.connect(self.close)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("{0} — Team sharing").format(APP_TITLE))
        self.where.setTitle(self.tr("Team folder"))
        self.folder_label.setText(self.tr("Team &folder:"))
        self.folder.setPlaceholderText(self.tr("not sharing"))
        self.folder.setToolTip(
            self.tr(
                "A folder the whole team can open (OneDrive, SharePoint, a file share). "
                "You write only your own file there; its permissions decide who reads it."
            )
        )
        self.choose.setText(self.tr("C&hoose…"))
        self.name_label.setText(self.tr("Your &name in the team:"))
        self.what.setTitle(self.tr("What you share (per day, the last 13 weeks)"))
        texts = {
            "team_share_totals": self.tr("&Task and growth time and the ratio"),
            "team_share_learning": self.tr("What I'm &learning: growth labels with their time"),
            "team_share_hotspots": self.tr("&Routine hotspots: task labels with their time"),
        }
        for key, text in texts.items():
            self.switches[key].setText(text)
        self.private_group.setTitle(self.tr("Private labels"))
        self.private_hint.setText(
            self.tr(
                "A checked label is never shared; its time still counts in the day's totals. "
                "Space checks the selected label."
            )
        )
        self.labels.setAccessibleName(self.tr("Private labels"))
        self.preview_button.setText(self.tr("&Preview…"))
        self.share_button.setText(self.tr("&Share now"))
        self.leave_button.setText(self.tr("L&eave team…"))
        self.team_button.setText(self.tr("Open the team &view…"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # -- values -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show what is stored (also after the CLI changed it)."""
        self._loading = True
        try:
            if not self.folder.hasFocus():
                self.folder.setText(str(self.service.setting("team_folder")))
            if not self.name.hasFocus():
                self.name.setText(str(self.service.setting("team_name")))
            for key, box in self.switches.items():
                box.setChecked(bool(self.service.setting(key)))
            self._fill_labels()
            sharing = bool(self.service.setting("team_folder"))
            self.leave_button.setEnabled(sharing)
        finally:
            self._loading = False

    def _fill_labels(self) -> None:
        private = set(self.service.team_private_labels())
        names = set(private)
        for kind in Kind:
            names.update(x for x in self.service.recent_labels(kind, LABELS_LISTED) if x)
        current = self.labels.currentItem()
        keep = current.text() if current is not None else None
        self.labels.clear()
        for label in sorted(names, key=str.casefold):
            item = QListWidgetItem(label)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(
                Qt.CheckState.Checked if label in private else Qt.CheckState.Unchecked
            )
            self.labels.addItem(item)
            if label == keep:
                self.labels.setCurrentItem(item)

    def _store(self, key: str, text: str) -> bool:
        if self._loading:
            return False
        try:
            self.service.set_setting(key, text)
        except TrackerError as exc:
            self.say(self.tr("Not saved: {0}").format(describe(exc, self.service.tz)), error=True)
            return False
        self.message.hide()
        self.settings_changed.emit()
        return True

    def _stored_folder(self) -> str:
        return str(self.service.setting("team_folder"))

    def _folder_start(self) -> str:
        return str(Path.home())

    def _folder_title(self) -> str:
        return self.tr("Choose the team folder")

    def _name_typed(self) -> None:
        text = self.name.text().strip()
        if text != str(self.service.setting("team_name")):
            self._store("team_name", text)
        self.refresh()

    def _private_toggled(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        private = item.checkState() == Qt.CheckState.Checked
        try:
            self.service.team_set_private(item.text(), private)
        except TrackerError as exc:
            text = describe(exc, self.service.tz)
            if exc.code != "team_private_not_reshared":  # that one: the mark was kept
                text = self.tr("Not saved: {0}").format(text)
            self.say(text, error=True)
            return
        self.message.hide()
        self.settings_changed.emit()

    # -- preview, share, leave ----------------------------------------------------------

    def _where(self) -> str:
        folder = str(self.service.setting("team_folder"))
        return folder or self.tr("the team folder (not chosen yet)")

    def show_preview(self, asking: bool) -> TeamPreviewDialog | None:
        try:
            share = self.service.team_preview()
        except TrackerError as exc:
            self.say(describe(exc, self.service.tz), error=True)
            return None
        if self.preview is not None:
            self.preview.close()
        preview = TeamPreviewDialog(share, self._where(), asking, self)
        if asking:
            preview.accepted.connect(self._share)
        preview.finished.connect(lambda _r: self._preview_closed(preview))
        self.preview = preview
        preview.open()
        return preview

    def _preview_closed(self, preview: TeamPreviewDialog) -> None:
        if self.preview is preview:
            self.preview = None
        preview.deleteLater()  # its mnemonics must not linger beside the page's
        if self.isVisible():
            # the keyboard back to the page: a window manager does it, but without one (or
            # when it leaves the focus on nothing) the page's Alt keys would go nowhere
            self.activateWindow()

    def share_now(self) -> None:
        """Share; the first time into this folder only after the preview's *Share*."""
        if not self.service.setting("team_name"):
            self.say(self.tr("Type the name your team sees first."), error=True)
            self.name.setFocus()
            return
        if not self.service.setting("team_folder"):
            self.say(self.tr("Choose the team folder first."), error=True)
            self.folder.setFocus()
            return
        if not self.service.team_has_shared():
            self.show_preview(asking=True)
        else:
            self._share()

    def _share(self) -> None:
        if self.job is not None:
            return
        self.job = Job(
            self.service, lambda svc, _p: svc.team_share()
        )  # no parent: jobs.py keeps it
        self.job.succeeded.connect(self._shared)
        self.job.failed.connect(self._share_failed)
        self.job.finished.connect(self._job_done)
        self.share_button.setEnabled(False)
        self.say(self.tr("Sharing…"))
        self.job.start_work()

    def _job_done(self) -> None:
        self.job = None
        self.share_button.setEnabled(True)

    def _shared(self, outcome: TeamShareOutcome) -> None:
        self.say(
            self.tr("Shared {0} days to {1}").format(outcome.days, outcome.path),
        )
        self.settings_changed.emit()

    def _share_failed(self, exc: BaseException) -> None:
        self.say(
            self.tr("Nothing was shared: {0}").format(failure_text(exc, self.service.tz)),
            error=True,
        )

    def leave(self) -> None:
        """Ask, then remove this person's file from the team folder and stop sharing."""
        box = QMessageBox(self)
        box.setObjectName("leaveBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.windowTitle())
        box.setText(
            self.tr("Leave the team? Your file is removed from {0} and sharing stops.").format(
                self._where()
            )
        )
        yes = box.addButton(self.tr("&Leave"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.finished.connect(lambda _r: self._leave_answered(box, box.clickedButton() is yes))
        self.leave_box = box
        box.open()

    def _leave_answered(self, box: QMessageBox, leave: bool) -> None:
        self.leave_box = None
        box.deleteLater()
        if leave:
            self._left()

    def _left(self) -> None:
        try:
            removed = self.service.team_leave()
        except TrackerError as exc:
            self.say(self.tr("Not left: {0}").format(describe(exc, self.service.tz)), error=True)
            return
        self.refresh()
        self.settings_changed.emit()
        if removed is None:
            self.say(self.tr("You left the team; you had no file in its folder."))
        else:
            self.say(self.tr("You left the team; {0} was removed.").format(removed))

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setProperty("error", error)
        self.message.show()
