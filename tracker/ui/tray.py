"""The tray icon, its context menu and tooltip. It shows state and emits intents only.

``TrayController`` never calls the service: the app builds a ``TrayView`` from the service
and hands it over with ``show_view``; clicks and menu items come back as ``*_requested``
signals, which the app turns into service calls (docs/architecture.md §7).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QCursor, QGuiApplication
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from tracker.domain.model import Kind
from tracker.service import Status
from tracker.ui import tray_text
from tracker.ui.common import APP_TITLE, menu_text
from tracker.ui.icon import IconState, make_icon
from tracker.ui.panel_theme import PanelTheme

FEATURES = ("summary", "editor", "export", "import", "team", "settings")
RECENT_LIMIT = 8


@dataclass(frozen=True)
class TrayView:
    """Everything the tray shows, read from the service at one instant."""

    status: Status
    recent: dict[Kind, list[str]] = field(default_factory=dict)
    away: bool = False  # the away monitor saw the person leave while a block runs

    @property
    def icon_state(self) -> IconState:
        running = self.status.running
        if running is None:
            return IconState.IDLE
        if self.away:
            return IconState.AWAY
        return IconState.TASK if running.kind is Kind.TASK else IconState.GROWTH


class TrayController(QObject):
    """Owns the QSystemTrayIcon and its menu; translates clicks into intent signals."""

    toggle_requested = Signal()  # what a click does, now (the hotkey emits it too)
    toggle_previewed = Signal()  # a click that may yet become a double click: show it
    toggle_cancelled = Signal()  # ... it did: show the state as it is again
    panel_requested = Signal()
    start_requested = Signal(object, str)  # kind, label
    new_label_requested = Signal(object)  # kind
    switch_requested = Signal(object)  # kind
    stop_requested = Signal()
    summary_requested = Signal()
    editor_requested = Signal()
    export_requested = Signal()
    import_requested = Signal()
    team_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        icon: QSystemTrayIcon | None = None,
        menu: QMenu | None = None,
    ) -> None:
        """``icon`` and its (empty) ``menu``: shown already (``ui.first_icon``), taken over
        as they are; the menu is filled here."""
        super().__init__(parent)
        self.click_action = "toggle"
        self.features: dict[str, bool] = dict.fromkeys(FEATURES, False)
        self.view: TrayView | None = None
        self._double_pending = False
        self._icon_key: tuple[object, ...] | None = None
        self.theme = PanelTheme(self)
        self.theme.changed.connect(self._theme_changed)
        if icon is None:
            icon = QSystemTrayIcon(self)  # its icon comes with the first show_view()
        else:
            icon.setParent(self)
        self.icon = icon
        self.icon.setToolTip(APP_TITLE)
        self.icon.activated.connect(self._on_activated)
        # A single click waits out the double-click interval only while a double click
        # means something (the summary exists); otherwise it acts at once.
        self._click_timer = QTimer(self)
        self._click_timer.setSingleShot(True)
        self._click_timer.timeout.connect(self._single_click)
        self.menu = QMenu() if menu is None else menu
        self._build_menu()
        if self.icon.contextMenu() is not self.menu:
            self.icon.setContextMenu(self.menu)

    # -- menu ---------------------------------------------------------------------------

    def _action(self, menu: QMenu, text: str, signal: SignalInstance) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda _checked=False: signal.emit())
        return action

    def _build_menu(self) -> None:
        m = self.menu
        self.status_action = m.addAction("")
        self.status_action.setEnabled(False)
        m.addSeparator()
        self.start_menus: dict[Kind, QMenu] = {kind: m.addMenu("") for kind in Kind}
        self.switch_action = m.addAction("")
        self.switch_action.triggered.connect(self._on_switch)
        self.stop_action = self._action(m, "", self.stop_requested)
        m.addSeparator()
        self.feature_actions = {
            "summary": self._action(m, "", self.summary_requested),
            "editor": self._action(m, "", self.editor_requested),
            "export": self._action(m, "", self.export_requested),
            "import": self._action(m, "", self.import_requested),
            "team": self._action(m, "", self.team_requested),
            "settings": self._action(m, "", self.settings_requested),
        }
        m.addSeparator()
        self.quit_action = self._action(m, "", self.quit_requested)
        self._apply_features()
        self.retranslate()
        # Qt sends every top-level widget a LanguageChange when i18n.install() switches
        # the language; the menu is ours, so it tells us to set our texts again.
        m.installEventFilter(self)

    def retranslate(self) -> None:
        """Set every text of the menu and the tooltip in the current UI language."""
        self.start_menus[Kind.TASK].setTitle(self.tr("Start &task"))
        self.start_menus[Kind.GROWTH].setTitle(self.tr("Start &growth"))
        self._switch_texts = {
            Kind.TASK: self.tr("S&witch to task"),
            Kind.GROWTH: self.tr("S&witch to growth"),
        }
        self.stop_action.setText(self.tr("St&op"))
        for name, text in (
            ("summary", self.tr("Today's &summary…")),
            ("editor", self.tr("&Edit blocks…")),
            ("export", self.tr("E&xport CSV…")),
            ("import", self.tr("&Import CSV…")),
            ("team", self.tr("Te&am…")),
            ("settings", self.tr("Setti&ngs…")),
        ):
            self.feature_actions[name].setText(text)
        self.quit_action.setText(self.tr("&Quit"))
        recent = self.view.recent if self.view is not None else {}
        for kind in Kind:
            self._fill_start_menu(kind, recent.get(kind, []))
        if self.view is not None:
            self.show_view(self.view)  # the status line, switch item and tooltip
        else:
            self.status_action.setText(self.tr("Not tracking"))
            self.switch_action.setText(self._switch_texts[Kind.GROWTH])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.menu and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def _fill_start_menu(self, kind: Kind, labels: list[str]) -> None:
        sub = self.start_menus[kind]
        sub.clear()
        for n, label in enumerate(labels[:RECENT_LIMIT], start=1):
            action = sub.addAction(f"&{n} {menu_text(label)}")
            action.setData(label)
            action.triggered.connect(
                lambda _checked=False, k=kind, text=label: self.start_requested.emit(k, text)
            )
        if labels:
            sub.addSeparator()
        new = sub.addAction(self.tr("&New…"))
        new.triggered.connect(lambda _checked=False, k=kind: self.new_label_requested.emit(k))

    def _on_switch(self) -> None:
        if self.view is not None and self.view.status.running is not None:
            self.switch_requested.emit(self.view.status.running.kind.other)

    def set_features(self, features: dict[str, bool]) -> None:
        self.features.update(features)
        self._apply_features()

    def _apply_features(self) -> None:
        for name, action in self.feature_actions.items():
            action.setEnabled(self.features.get(name, False))

    # -- state --------------------------------------------------------------------------

    def show_view(self, view: TrayView) -> None:
        """Show a new state: icon, tooltip, status line, menu (recent labels, enabled)."""
        old = self.view
        self.view = view
        running = view.status.running
        self.status_action.setText(menu_text(tray_text.status_line(view.status)))
        target = Kind.GROWTH if running is None else running.kind.other
        self.switch_action.setText(self._switch_texts[target])
        self.switch_action.setEnabled(running is not None)
        self.stop_action.setEnabled(running is not None)
        if old is None or old.recent != view.recent:
            for kind in Kind:
                self._fill_start_menu(kind, view.recent.get(kind, []))
        self.icon.setToolTip(tray_text.tooltip(view.status))
        self._update_icon(view)

    def _update_icon(self, view: TrayView) -> None:
        today = view.status.today
        ratio = None if today.ratio is None else round(today.ratio, 3)
        dark, template = self.theme.dark, self.theme.template
        key = (view.icon_state, ratio, today.target, dark, template)
        if key != self._icon_key:
            self._icon_key = key
            # 2x pixmaps only while a screen draws at more than 1x: four times the pixels of
            # 1x, kept for as long as the icon shows (a screen added later gets its 2x at the
            # next state change; Qt scales the 1x meanwhile).
            hidpi = any(s.devicePixelRatio() > 1 for s in QGuiApplication.screens())
            dprs = (1.0, 2.0) if hidpi or template else (1.0,)
            self.icon.setIcon(make_icon(view.icon_state, ratio, today.target, dark, template, dprs))

    def _theme_changed(self) -> None:
        """The panel turned dark or light (the desktop's colour scheme changed)."""
        if self.view is not None:
            self._update_icon(self.view)

    # -- clicks -------------------------------------------------------------------------

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        Reason = QSystemTrayIcon.ActivationReason
        if reason == Reason.Trigger:
            self.click()
        elif reason == Reason.DoubleClick:
            self.double_click()

    def replay(self, reasons: list[QSystemTrayIcon.ActivationReason]) -> None:
        """Clicks the icon received before the app ran (``ui.first_icon``), in order: as if
        made now. A right click then had no menu to open; it opens it now."""
        for reason in reasons:
            if reason == QSystemTrayIcon.ActivationReason.Context:
                self.menu.popup(QCursor.pos())
            else:
                self._on_activated(reason)

    def click(self) -> None:
        """A left click on the icon (``Trigger``).

        While a double click means something (the summary), a toggle is *shown* at once
        (``toggle_previewed``, within a frame) and committed after the double-click
        interval with the click's own instant (``toggle_requested``); the second click of
        a double click takes it back (``toggle_cancelled``) and opens the summary, so a
        double click never leaves a block behind (docs/architecture.md §7).
        """
        if self._click_timer.isActive():  # the second click of a double click
            self._click_timer.stop()
            self._double_pending = True
            if self.click_action == "toggle":
                self.toggle_cancelled.emit()
            self.summary_requested.emit()
            return
        self._double_pending = False
        if self.features.get("summary") and self.click_action != "none":
            if self.click_action == "toggle":
                self.toggle_previewed.emit()
            self._click_timer.start(QGuiApplication.styleHints().mouseDoubleClickInterval())
        else:
            self._single_click()

    def double_click(self) -> None:
        """A double click: today's summary once that window exists, else a second click.

        X11 and Windows report a double click as Trigger then DoubleClick.
        """
        if self._double_pending:
            self._double_pending = False  # already handled by the second Trigger
            return
        if self._click_timer.isActive():  # a DoubleClick without its second Trigger
            self._click_timer.stop()
            if self.click_action == "toggle":
                self.toggle_cancelled.emit()
            self.summary_requested.emit()
        elif self.features.get("summary"):
            self.summary_requested.emit()
        else:
            self._single_click()  # no double-click meaning: the second click counts too

    def _single_click(self) -> None:
        if self.click_action == "toggle":
            self.toggle_requested.emit()
        elif self.click_action == "panel":
            self.panel_requested.emit()

    # -- output -------------------------------------------------------------------------

    def notify(self, title: str, text: str, warning: bool = False) -> bool:
        """A desktop notification where the platform supports it; False when skipped."""
        if not (self.icon.isVisible() and QSystemTrayIcon.supportsMessages()):
            return False
        kind = QSystemTrayIcon.MessageIcon
        self.icon.showMessage(title, text, kind.Warning if warning else kind.Information, 8000)
        return True

    def dispose(self) -> None:
        """Delete the menu and the icon while the QApplication still exists."""
        self._click_timer.stop()
        self.icon.hide()
        self.icon.setContextMenu(None)  # type: ignore[arg-type]  # Qt takes None; the stub says QMenu
        self.menu.deleteLater()
        self.icon.deleteLater()
