"""The main window: the three forms, the response, the engine's sessions and the log.

It is built in two steps. The constructor builds what the first paint shows: menus,
toolbar, banners and the Create form, using nothing of the Qt namespace, whose enums
take about 15 ms to load. `finish_building`, called right after that paint, adds the
Look up and Update forms, the response panel, the sessions table, the log panel, the
shortcuts and the toolbar's icons (bench/gui_startup.py measures both steps).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from session_inspector.api.errors import InvalidInput
from session_inspector.profiles.model import Profile
from session_inspector.ui import window_state
from session_inspector.ui.actions import (
    build_menus,
    create_actions,
    finish_actions,
    reserve_icon_space,
)
from session_inspector.ui.forms import FormKind, FormRequest, SessionForm
from session_inspector.ui.profile_book import ProfileBook
from session_inspector.ui.prompts import (
    ask_secret_with_dialog,
    confirm_with_dialog,
    show_about,
)

if TYPE_CHECKING:
    from session_inspector.ui.log_panel import LogPanel, PanelHandler
    from session_inspector.ui.response_panel import ResponsePanel
    from session_inspector.ui.services import WindowServices
    from session_inspector.ui.sessions_panel import SessionsPanel

logger = logging.getLogger(__name__)

_CHANGING_KINDS = (FormKind.CREATE, FormKind.UPDATE)
_TAB_TITLES = {FormKind.CREATE: "&Create", FormKind.LOOKUP: "&Look up", FormKind.UPDATE: "&Update"}


class MainWindow(QMainWindow):
    """The main window. It paints before its services exist; `attach` makes it ready.

    `finish_building` must run before `attach`; `open_window` calls both in order.
    `confirm` and `ask_secret` ask the user (see `prompts`); tests replace them.

    Signals:
        exchange_shown(object Exchange): a request finished and its exchange is shown
        ready(): services are attached and a request can be sent
        profile_changed(object Profile): another profile is active
    """

    exchange_shown = Signal(object)
    ready = Signal()
    profile_changed = Signal(object)

    def __init__(self, book: ProfileBook, profile: Profile, settings: QSettings) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.book = book
        self.profile = profile
        self.services: WindowServices | None = None
        self.confirm = confirm_with_dialog(self)
        self.ask_secret = ask_secret_with_dialog(self)
        self._settings = settings
        self._pending: dict[int, SessionForm] = {}
        self._built = False

        self.forms = {FormKind.CREATE: SessionForm(FormKind.CREATE)}
        self.form_tabs = QTabWidget()
        self.profile_picker = QComboBox()
        self.production_banner = QLabel()
        self.tls_banner = QLabel()
        self.status_target = QLabel()
        # Filled by finish_building.
        self.response: ResponsePanel
        self.sessions: SessionsPanel
        self.log_panel: LogPanel
        self._log_handler: PanelHandler | None = None
        self.window_actions = create_actions(self)
        self._lay_out()
        self._connect()
        self._update_request_actions()
        self._fill_picker()
        self.apply_profile()
        window_state.restore_window(settings, self)
        window_state.restore_splitters(settings, self._splitters())
        # Typing goes into the Create form as soon as the window shows.
        self.forms[FormKind.CREATE].focus_first_field()
        self.window_actions.show_log.setChecked(window_state.log_visible(settings))

    def finish_building(self) -> None:
        """Add what the first paint does not show; the window is complete afterwards."""
        if self._built:
            return
        # Imported here: with their own imports they take about 20 ms, which the first
        # paint does not wait for.
        from session_inspector.ui.log_panel import LogPanel, PanelHandler
        from session_inspector.ui.response_panel import ResponsePanel
        from session_inspector.ui.sessions_panel import SessionsPanel

        self.response = ResponsePanel()
        self.sessions = SessionsPanel(self._load_sessions_page)
        self.log_panel = LogPanel()
        self._add_remaining_forms()
        # Each panel takes the place, and so the size, of its blank stand-in.
        _replace_in_splitter(self.right_splitter, 0, self.response)
        _replace_in_splitter(self.right_splitter, 1, self.sessions)
        _replace_in_splitter(self.log_splitter, 1, self.log_panel)
        self.log_panel.setVisible(self.window_actions.show_log.isChecked())
        finish_actions(self.window_actions, self)
        for form in self.forms.values():
            form.add_clear_buttons()
        self._connect_remaining()
        # The Create form keeps what the user may have typed since the first paint.
        self._apply_profile_to_sessions()
        self._built = True
        self._log_handler = PanelHandler(self.log_panel)
        logging.getLogger().addHandler(self._log_handler)

    def attach(self, services: WindowServices) -> None:
        """Use these services for requests; the window owns them from now on."""
        self.services = services
        runner = services.runner
        runner.finished.connect(self._on_finished)
        runner.failed.connect(self._on_failed)
        runner.cancelled.connect(self._on_cancelled)
        self.finish_building()
        for form in self.forms.values():
            form.set_ready(True)
        self.statusBar().showMessage("Ready", 3000)
        if self.profile.is_local:
            self.sessions.refresh()
        self.ready.emit()

    def show_startup_error(self, message: str) -> None:
        """Say that the window cannot send requests, and why."""
        self.response.show_message(message)
        self.statusBar().showMessage(message)

    def activate_profile(self, profile_id: str) -> bool:
        """Send requests with another profile from now on; return whether it worked.

        Missing secrets are asked for. When the profile cannot be used, the window says
        why and stays on the profile it had.
        """
        profile = self.book.by_id(profile_id)
        if profile is None or self.services is None:
            return False
        # Imported here: it loads httpx, which the first paint must not wait for.
        from session_inspector.ui.profile_secrets import gather_secrets

        secrets = gather_secrets(self.book, profile, self.ask_secret)
        if secrets is None:
            self._select_in_picker(self.profile.id)
            return False

        self._cancel_all()
        try:
            self.services.switch(profile, secrets)
        except InvalidInput as error:
            self.response.show_message(error.message)
            self._select_in_picker(self.profile.id)
            return False

        self.profile = profile
        self._fill_picker()
        self.apply_profile()
        # The last response came from the previous profile's server.
        self.response.show_exchange(None)
        if self.book.saved.by_id(profile.id) is not None:
            window_state.remember_active_profile(self._settings, profile.id)
        self.profile_changed.emit(profile)
        return True

    def current_form(self) -> SessionForm:
        """Return the form of the open tab.

        Before `finish_building` only the Create form exists, so it is returned for the
        other tabs too, which cannot send anything yet.
        """
        widget = self.form_tabs.currentWidget()
        return widget if isinstance(widget, SessionForm) else self.forms[FormKind.CREATE]

    def open_form(self, kind: FormKind) -> SessionForm:
        """Switch to a form's tab, put the focus in its first field, and return the form."""
        form = self.forms[kind]
        self.form_tabs.setCurrentWidget(form)
        form.focus_first_field()
        return form

    def send_current(self) -> None:
        """Send the open form's request, as Ctrl+Return does."""
        self.current_form().send()

    def cancel_current(self) -> None:
        """Cancel the open form's running request, as Escape does."""
        form = self.current_form()
        for ticket, owner in list(self._pending.items()):
            if owner is form and self.services is not None:
                self.services.runner.cancel(ticket)

    def open_profile_manager(self) -> None:
        """Show the profile manager, on the active profile."""
        from session_inspector.ui.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.book, self.services, self.confirm, self)
        dialog.select(self.profile.id)
        dialog.profiles_saved.connect(self._on_profiles_saved)
        dialog.exec()
        dialog.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._log_handler is not None:
            logging.getLogger().removeHandler(self._log_handler)
        # A window closed before it was complete keeps the layout saved last time.
        if self._built:
            window_state.save_layout(self._settings, self, self._splitters())
            window_state.remember_log_visible(
                self._settings, self.window_actions.show_log.isChecked()
            )
        if self.services is not None:
            self.services.close()
            self.services = None
        super().closeEvent(event)

    def _lay_out(self) -> None:
        # The Look up and Update tabs hold empty pages until finish_building.
        for kind in FormKind:
            page = self.forms.get(kind) or QWidget()
            self.form_tabs.addTab(page, _TAB_TITLES[kind])

        # Blank stand-ins hold the places of the response panel, the sessions table and
        # the log until finish_building, so that the layout does not move when they come.
        self.right_splitter = _splitter("right_splitter", "Vertical", QWidget(), QWidget())
        self.right_splitter.setSizes([395, 285])
        self.main_splitter = _splitter(
            "main_splitter", "Horizontal", self.form_tabs, self.right_splitter
        )
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([430, 770])
        self.form_tabs.setMinimumWidth(360)
        self.log_splitter = _splitter("log_splitter", "Vertical", self.main_splitter, QWidget())
        self.log_splitter.setStretchFactor(0, 1)
        self.log_splitter.setSizes([560, 130])

        self.production_banner.setObjectName("production_banner")
        self.production_banner.setWordWrap(True)
        # Fixed colours: the banners must stand out the same way in light and dark palettes.
        self.production_banner.setStyleSheet(
            "QLabel { background: #b3261e; color: white; padding: 6px; font-weight: bold; }"
        )
        self.tls_banner.setObjectName("tls_banner")
        self.tls_banner.setWordWrap(True)
        self.tls_banner.setStyleSheet(
            "QLabel { background: #f2c230; color: black; padding: 6px; font-weight: bold; }"
        )
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.production_banner)
        layout.addWidget(self.tls_banner)
        layout.addWidget(self.log_splitter, 1)
        self.setCentralWidget(central)

        self._build_toolbar()
        build_menus(self, self.window_actions)
        self.statusBar().addPermanentWidget(self.status_target)
        self.statusBar().showMessage("Starting…")
        self.resize(1200, 760)

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        # The property takes the enum's key, which needs no Qt namespace enums.
        toolbar.setProperty("toolButtonStyle", "ToolButtonTextBesideIcon")
        toolbar.addWidget(QLabel(" Profile: "))
        self.profile_picker.setObjectName("profile_picker")
        self.profile_picker.setMinimumContentsLength(18)
        toolbar.addWidget(self.profile_picker)
        toolbar.addAction(self.window_actions.manage_profiles)
        toolbar.addSeparator()
        toolbar.addAction(self.window_actions.send)
        toolbar.addAction(self.window_actions.cancel)
        toolbar.addAction(self.window_actions.refresh_sessions)
        reserve_icon_space(self.window_actions, toolbar.iconSize())

    def _add_remaining_forms(self) -> None:
        for kind in (FormKind.LOOKUP, FormKind.UPDATE):
            form = SessionForm(kind)
            index = list(FormKind).index(kind)
            page = self.form_tabs.widget(index)
            self.form_tabs.removeTab(index)
            self.form_tabs.insertTab(index, form, _TAB_TITLES[kind])
            if page is not None:
                page.deleteLater()
            self.forms[kind] = form
            self._apply_profile_to_form(form)
            self._connect_form(form)

    def _connect(self) -> None:
        self._connect_form(self.forms[FormKind.CREATE])
        actions = self.window_actions
        actions.send.triggered.connect(self.send_current)
        actions.cancel.triggered.connect(self.cancel_current)
        actions.show_create.triggered.connect(lambda: self.open_form(FormKind.CREATE))
        actions.show_lookup.triggered.connect(lambda: self.open_form(FormKind.LOOKUP))
        actions.show_update.triggered.connect(lambda: self.open_form(FormKind.UPDATE))
        actions.manage_profiles.triggered.connect(self.open_profile_manager)
        actions.quit.triggered.connect(self.close)
        actions.show_log.toggled.connect(self._show_log)
        self.form_tabs.currentChanged.connect(self._update_request_actions)
        actions.about.triggered.connect(lambda: show_about(self))
        self.profile_picker.activated.connect(self._on_picked)

    def _connect_form(self, form: SessionForm) -> None:
        form.send_requested.connect(self._send)
        form.cancel_requested.connect(self.cancel_current)
        form.state_changed.connect(self._update_request_actions)

    def _connect_remaining(self) -> None:
        actions = self.window_actions
        actions.copy_curl.triggered.connect(self.response.copy_curl)
        actions.refresh_sessions.triggered.connect(self.sessions.refresh)
        self.response.use_session_id.connect(self._use_session_id)
        self.response.curl_copied.connect(self._on_curl_copied)
        self.sessions.session_activated.connect(self._look_up)

    def _fill_picker(self) -> None:
        self.profile_picker.blockSignals(True)
        self.profile_picker.clear()
        for profile in self.book.all():
            label = profile.name
            if profile is self.book.unsaved:
                label = f"{profile.name} (unsaved)"
            self.profile_picker.addItem(label, profile.id)
        self.profile_picker.blockSignals(False)
        self._select_in_picker(self.profile.id)

    def _select_in_picker(self, profile_id: str) -> None:
        index = self.profile_picker.findData(profile_id)
        if index >= 0:
            self.profile_picker.setCurrentIndex(index)

    def _on_picked(self, index: int) -> None:
        profile_id = self.profile_picker.itemData(index)
        if isinstance(profile_id, str) and profile_id != self.profile.id:
            self.activate_profile(profile_id)

    def _on_profiles_saved(self) -> None:
        saved = self.book.by_id(self.profile.id)
        if saved is None:
            self._fill_picker()
            self.activate_profile(self.book.saved.local_engine.id)
            return
        if saved != self.profile and self.services is not None:
            self.profile = saved
            self.activate_profile(saved.id)
        self._fill_picker()

    def apply_profile(self) -> None:
        """Show the active profile: forms, title, status bar, banner and sessions table."""
        profile = self.profile
        for form in self.forms.values():
            self._apply_profile_to_form(form)
        if self._built:
            self._apply_profile_to_sessions()
        self.window_actions.refresh_sessions.setEnabled(profile.is_local)
        self.setWindowTitle(f"{profile.name} — Session Inspector")
        self.status_target.setText(self._profile_description())
        self.profile_picker.setToolTip(self._profile_description())
        self.production_banner.setText(
            f"Production: {profile.name} ({profile.base_url}). Create and update change "
            "real sessions and ask for confirmation first."
        )
        self.production_banner.setVisible(profile.production)
        self.tls_banner.setText(
            f"TLS certificate verification is off for {profile.name}: anyone on the network "
            "path can read and change its requests, credentials included."
        )
        self.tls_banner.setVisible(not profile.is_local and not profile.verify_tls)
        self._select_in_picker(profile.id)
        if profile.is_local and self.services is not None:
            self.sessions.refresh()

    def _apply_profile_to_form(self, form: SessionForm) -> None:
        profile = self.profile
        form.set_target(local=profile.is_local, tenant_required=profile.mode == "current")
        form.set_defaults(profile.agent_id or "", profile.customer_id or "")
        form.set_tenant(profile.tenant_id or "")

    def _apply_profile_to_sessions(self) -> None:
        self.sessions.setVisible(self.profile.is_local)
        self.sessions.show_tenants(self.profile.mode == "current")

    def _profile_description(self) -> str:
        where = "embedded engine" if self.profile.is_local else self.profile.base_url
        parts = [self.profile.name, where, f"release {self.profile.mode}"]
        if where == self.profile.name:  # an unsaved --base-url target is named by its URL
            parts.pop(1)
        return " · ".join(str(part) for part in parts)

    def _send(self, request: FormRequest) -> None:
        form = self.forms[request.kind]
        if self.services is None:
            return
        if self.profile.production and request.kind in _CHANGING_KINDS:
            question = (
                f"Send this {request.kind.value} request to the production server "
                f"{self.profile.base_url}? It changes real sessions."
            )
            if not self.confirm("Change a production session?", question):
                self.statusBar().showMessage("Not sent", 5000)
                return
        ticket = self.services.send(request)
        self._pending[ticket] = form
        form.set_busy(True)
        self.statusBar().showMessage("Sending…")

    def _cancel_all(self) -> None:
        if self.services is None:
            return
        for ticket in list(self._pending):
            self.services.runner.cancel(ticket)

    def _on_finished(self, ticket: int, result: object) -> None:
        # Loaded by now: finish_building and the services imported them.
        from session_inspector.api.exchange import Exchange
        from session_inspector.api.listing import SessionListing
        from session_inspector.ui.response_panel import status_summary

        if isinstance(result, SessionListing):
            self.sessions.page_loaded(ticket, result)
            return
        form = self._pending.pop(ticket, None)
        if form is None or not isinstance(result, Exchange):
            return
        form.set_busy(False)
        self.response.show_exchange(result)
        self.statusBar().showMessage(status_summary(result), 5000)
        self.exchange_shown.emit(result)
        if self.profile.is_local:
            self.sessions.refresh()

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
            self.response.show_cancelled(form.title)
            self.statusBar().showMessage("Cancelled", 5000)

    def _load_sessions_page(self, query: str, after: str | None) -> int:
        from session_inspector.ui.sessions_panel import ListingQuery

        if self.services is None:
            return -1
        return self.services.list_sessions(ListingQuery(query=query, after=after))

    def _use_session_id(self, session_id: str) -> None:
        for form in self.forms.values():
            form.set_session_id(session_id)
        self.statusBar().showMessage(f"Session id {session_id} copied into the forms", 5000)

    def _look_up(self, session_id: str) -> None:
        self.open_form(FormKind.LOOKUP).set_session_id(session_id)

    def _on_curl_copied(self, _command: str) -> None:
        message = "Copied as curl, credentials redacted."
        if self.profile.is_local:
            # The embedded engine has no address that curl could reach.
            message += " For the Local engine, run `session-inspector serve` and use its URL."
        self.statusBar().showMessage(message, 10_000)

    def _update_request_actions(self) -> None:
        # The toolbar's Send and Cancel act on the open form, so they follow its buttons.
        form = self.current_form()
        self.window_actions.send.setEnabled(form.can_send())
        self.window_actions.cancel.setEnabled(form.is_busy())

    def _show_log(self, visible: bool) -> None:
        # Before finish_building this hides the log's stand-in.
        log = self.log_splitter.widget(1)
        if log is not None:
            log.setVisible(visible)

    def _splitters(self) -> list[QSplitter]:
        return [self.main_splitter, self.right_splitter, self.log_splitter]


def _splitter(name: str, orientation: str, *widgets: QWidget) -> QSplitter:
    """Return a splitter of these widgets; `orientation` is "Horizontal" or "Vertical".

    The orientation is set through its property by the enum key's name, which does not
    load the Qt namespace's enums (about 15 ms) before the first paint.
    """
    splitter = QSplitter()
    splitter.setObjectName(name)
    splitter.setProperty("orientation", orientation)
    for widget in widgets:
        splitter.addWidget(widget)
    return splitter


def _replace_in_splitter(splitter: QSplitter, index: int, widget: QWidget) -> None:
    """Put `widget` in the place of the splitter's widget at `index`, and delete that one."""
    replaced = splitter.replaceWidget(index, widget)
    if replaced is not None:
        replaced.deleteLater()
