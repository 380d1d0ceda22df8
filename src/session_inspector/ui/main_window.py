"""The main window: the three forms, the response, the engine's sessions and the log."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
)

from session_inspector import __version__
from session_inspector.api.exchange import Exchange
from session_inspector.api.listing import SessionListing
from session_inspector.ui.actions import build_menus, create_actions
from session_inspector.ui.checks import Severity
from session_inspector.ui.forms import FormKind, FormRequest, SessionForm
from session_inspector.ui.log_panel import LogPanel, PanelHandler
from session_inspector.ui.response_panel import ResponsePanel, status_summary
from session_inspector.ui.services import ListingQuery, WindowServices
from session_inspector.ui.sessions_panel import SessionsPanel
from session_inspector.ui.target import TargetChoice

logger = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """The main window. It paints before its services exist; `attach` makes it ready.

    Signals:
        exchange_shown(object Exchange): a request finished and its exchange is shown
        ready(): services are attached and a request can be sent
    """

    exchange_shown = Signal(object)
    ready = Signal()

    def __init__(self, choice: TargetChoice, settings: QSettings) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.choice = choice
        self.services: WindowServices | None = None
        self._settings = settings
        self._pending: dict[int, SessionForm] = {}

        self.forms = {kind: SessionForm(kind) for kind in FormKind}
        self.form_tabs = QTabWidget()
        self.response = ResponsePanel()
        self.sessions = SessionsPanel(self._load_sessions_page)
        self.log_panel = LogPanel()
        self.profile_picker = QComboBox()
        self.status_target = QLabel()
        self.window_actions = create_actions(self)
        self._lay_out()
        self._connect()
        self._apply_target()
        self._restore_settings()
        self._log_handler = PanelHandler(self.log_panel)
        logging.getLogger().addHandler(self._log_handler)

    def attach(self, services: WindowServices) -> None:
        """Use these services for requests; the window owns them from now on."""
        self.services = services
        runner = services.runner
        runner.finished.connect(self._on_finished)
        runner.failed.connect(self._on_failed)
        runner.cancelled.connect(self._on_cancelled)
        for form in self.forms.values():
            form.setEnabled(True)
        self.statusBar().showMessage("Ready", 3000)
        if self.choice.is_local:
            self.sessions.refresh()
        self.ready.emit()

    def show_startup_error(self, message: str) -> None:
        """Say that the window cannot send requests, and why."""
        self.response.show_message(message)
        self.statusBar().showMessage(message)

    def current_form(self) -> SessionForm:
        """Return the form of the open tab."""
        widget = self.form_tabs.currentWidget()
        assert isinstance(widget, SessionForm)
        return widget

    def open_form(self, kind: FormKind) -> SessionForm:
        """Switch to a form's tab and return the form."""
        form = self.forms[kind]
        self.form_tabs.setCurrentWidget(form)
        return form

    def send_current(self) -> None:
        """Send the open form's request, as Ctrl+Return does."""
        self.current_form().send()

    def cancel_current(self) -> None:
        """Cancel the open form's running request, as Escape does."""
        form = self.current_form()
        for ticket, owner in self._pending.items():
            if owner is form and self.services is not None:
                self.services.runner.cancel(ticket)

    def closeEvent(self, event: QCloseEvent) -> None:
        logging.getLogger().removeHandler(self._log_handler)
        self._save_settings()
        if self.services is not None:
            self.services.close()
            self.services = None
        super().closeEvent(event)

    def _lay_out(self) -> None:
        self.setWindowTitle(f"{self.choice.name} — Session Inspector")
        titles = {
            FormKind.CREATE: "&Create",
            FormKind.LOOKUP: "&Look up",
            FormKind.UPDATE: "&Update",
        }
        for kind, form in self.forms.items():
            form.setEnabled(False)
            self.form_tabs.addTab(form, titles[kind])

        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("right_splitter")
        self.right_splitter.addWidget(self.response)
        self.right_splitter.addWidget(self.sessions)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("main_splitter")
        self.main_splitter.addWidget(self.form_tabs)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([430, 770])
        self.right_splitter.setSizes([420, 260])
        self.form_tabs.setMinimumWidth(360)
        self.setCentralWidget(self.main_splitter)

        dock = QDockWidget("Log", self)
        dock.setObjectName("log_dock")
        dock.setWidget(self.log_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.resizeDocks([dock], [110], Qt.Orientation.Vertical)
        self._build_toolbar()
        build_menus(self, self.window_actions).addAction(dock.toggleViewAction())
        self.statusBar().addPermanentWidget(self.status_target)
        self.statusBar().showMessage("Starting…")
        self.resize(1200, 760)

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addWidget(QLabel(" Profile: "))
        self.profile_picker.setObjectName("profile_picker")
        self.profile_picker.addItem(self.choice.name)
        self.profile_picker.setToolTip(self._target_description())
        toolbar.addWidget(self.profile_picker)
        toolbar.addSeparator()
        toolbar.addAction(self.window_actions.send)
        toolbar.addAction(self.window_actions.cancel)
        toolbar.addAction(self.window_actions.refresh_sessions)

    def _connect(self) -> None:
        for form in self.forms.values():
            form.send_requested.connect(self._send)
            form.cancel_requested.connect(self.cancel_current)
        self.window_actions.send.triggered.connect(self.send_current)
        self.window_actions.cancel.triggered.connect(self.cancel_current)
        self.window_actions.copy_curl.triggered.connect(self.response.copy_curl)
        self.window_actions.refresh_sessions.triggered.connect(self.sessions.refresh)
        self.window_actions.show_create.triggered.connect(lambda: self.open_form(FormKind.CREATE))
        self.window_actions.show_lookup.triggered.connect(lambda: self.open_form(FormKind.LOOKUP))
        self.window_actions.show_update.triggered.connect(lambda: self.open_form(FormKind.UPDATE))
        self.window_actions.quit.triggered.connect(self.close)
        self.window_actions.about.triggered.connect(self._show_about)
        self.response.use_session_id.connect(self._use_session_id)
        self.sessions.session_activated.connect(self._look_up)

    def _apply_target(self) -> None:
        choice = self.choice
        for form in self.forms.values():
            form.set_target(local=choice.is_local, tenant_required=choice.tenant_required)
            form.set_defaults(choice.agent_id, choice.customer_id)
        self.sessions.setVisible(choice.is_local)
        self.window_actions.refresh_sessions.setEnabled(choice.is_local)
        self.status_target.setText(self._target_description())

    def _target_description(self) -> str:
        where = "embedded engine" if self.choice.is_local else self.choice.base_url
        return f"{self.choice.name} · {where} · release {self.choice.mode}"

    def _send(self, request: FormRequest) -> None:
        form = self.forms[request.kind]
        if self.services is None:
            return
        ticket = self.services.send(request)
        self._pending[ticket] = form
        form.set_busy(True)
        self.statusBar().showMessage("Sending…")

    def _on_finished(self, ticket: int, result: object) -> None:
        if isinstance(result, SessionListing):
            self.sessions.page_loaded(ticket, result)
            return
        form = self._pending.pop(ticket, None)
        if form is None or not isinstance(result, Exchange):
            return
        form.set_busy(False)
        self.response.show_exchange(result)
        self.statusBar().showMessage(status_summary(result), 5000)
        if self.choice.is_local:
            self.sessions.refresh()
        self.exchange_shown.emit(result)

    def _on_failed(self, ticket: int, message: str) -> None:
        if self.sessions.owns(ticket):
            self.sessions.page_failed(ticket, message)
            return
        form = self._pending.pop(ticket, None)
        if form is not None:
            form.set_busy(False)
            self.response.show_message(message)
            self.statusBar().showMessage(message, 5000)

    def _on_cancelled(self, ticket: int) -> None:
        form = self._pending.pop(ticket, None)
        if form is not None:
            form.set_busy(False)
            self.response.show_message(
                "The request was cancelled; nothing more will arrive.", Severity.WARNING
            )
            self.statusBar().showMessage("Cancelled", 5000)

    def _load_sessions_page(self, query: str, after: str | None) -> int:
        if self.services is None:
            return -1
        return self.services.list_sessions(ListingQuery(query=query, after=after))

    def _use_session_id(self, session_id: str) -> None:
        for form in self.forms.values():
            form.set_session_id(session_id)
        self.statusBar().showMessage(f"Session id {session_id} copied into the forms", 5000)

    def _look_up(self, session_id: str) -> None:
        self.open_form(FormKind.LOOKUP).set_session_id(session_id)

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            "About Session Inspector",
            f"<b>Session Inspector {__version__}</b><p>Create, look up and update sessions "
            "of the Knowledge Center Session Management API, against a server or the "
            "bundled local engine.</p>",
        )

    def _restore_settings(self) -> None:
        for key, restore in (
            ("geometry", self.restoreGeometry),
            ("state", self.restoreState),
            ("main_splitter", self.main_splitter.restoreState),
            ("right_splitter", self.right_splitter.restoreState),
        ):
            value = self._settings.value(f"window/{key}")
            if isinstance(value, QByteArray):
                restore(value)

    def _save_settings(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        self._settings.setValue("window/main_splitter", self.main_splitter.saveState())
        self._settings.setValue("window/right_splitter", self.right_splitter.saveState())
        self._settings.sync()
