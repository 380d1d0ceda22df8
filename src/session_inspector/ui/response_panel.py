"""The response of the last exchange: status, SessionInfo, bodies, headers and curl."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from session_inspector.api.exchange import Exchange, Success
from session_inspector.api.messages import describe_outcome
from session_inspector.api.render import format_request, format_response_head
from session_inspector.ui.checks import Severity
from session_inspector.ui.json_view import JsonHighlighter, monospace_view, pretty_json

_VERDICT_ICONS = {
    Severity.OK: QStyle.StandardPixmap.SP_DialogApplyButton,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
}

_INFO_FIELDS = (
    ("session_id", "Session id"),
    ("agent_id", "Agent id"),
    ("customer_id", "Customer id"),
    ("visit_id", "Visit id"),
    ("global_visit_id", "Global visit id"),
    ("tenant_id", "Tenant id"),
    ("created_at", "Created"),
    ("updated_at", "Updated"),
)


class ResponsePanel(QWidget):
    """Shows one exchange; empty until the first request.

    Signals:
        use_session_id(str): the user asked to carry the returned session id into the forms
        curl_copied(str): the curl command that was put on the clipboard
    """

    use_session_id = Signal(str)
    curl_copied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("response_panel")
        self._exchange: Exchange | None = None

        self.status = QLabel("No request sent yet. Fill in a form and press Send (Ctrl+Return).")
        self.status.setObjectName("status_line")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict_icon = QLabel(self)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.use_id_button = QPushButton("Use this session id in the forms", self)
        self.use_id_button.setObjectName("use_id_button")
        self.copy_curl_button = QPushButton("Copy as curl", self)
        self.copy_curl_button.setObjectName("copy_curl_button")
        self.copy_curl_button.setToolTip("Copy the request as a curl command, credentials redacted")

        self.tabs = QTabWidget(self)
        self.info_values = {name: _read_only_line(self) for name, _ in _INFO_FIELDS}
        self.json_view = monospace_view(self)
        self._highlighter = JsonHighlighter(self.json_view)
        self.raw_view = monospace_view(self)
        self.headers_view = monospace_view(self)
        self.request_view = monospace_view(self)

        self._lay_out()
        self.use_id_button.clicked.connect(self._emit_session_id)
        self.copy_curl_button.clicked.connect(self.copy_curl)
        self.show_exchange(None)

    @property
    def exchange(self) -> Exchange | None:
        """The exchange shown, if any."""
        return self._exchange

    def show_exchange(self, exchange: Exchange | None) -> None:
        """Show an exchange, or the empty state for None."""
        self._exchange = exchange
        self._show_status(exchange)
        self._show_info(exchange)
        self._show_bodies(exchange)
        has_info = exchange is not None and exchange.info is not None
        self.use_id_button.setEnabled(has_info)
        self.copy_curl_button.setEnabled(exchange is not None)

    def show_cancelled(self, form_title: str) -> None:
        """Show that the request of a form, such as "Look up session", was cancelled."""
        self.show_exchange(None)
        self.status.setText(f"<b>Cancelled</b> &nbsp;·&nbsp; {_escape(form_title)}")
        self.show_message(
            "The request was cancelled before a response arrived; nothing more will arrive.",
            Severity.WARNING,
        )

    def show_message(self, message: str, severity: Severity = Severity.ERROR) -> None:
        """Show a sentence that is not about an exchange, such as a rejected input."""
        self.verdict.setText(message)
        self._show_verdict_icon(severity)
        self.verdict.show()

    def copy_curl(self) -> None:
        """Copy the shown request as a curl command, with credentials redacted."""
        if self._exchange is None:
            return
        from session_inspector.api.curl import render_curl

        command = render_curl(self._exchange.request)
        QGuiApplication.clipboard().setText(command)
        self.curl_copied.emit(command)

    def _lay_out(self) -> None:
        info_page = QWidget(self)
        self._info_form = QFormLayout(info_page)
        self._info_rows: dict[str, QWidget] = {}
        for name, label in _INFO_FIELDS:
            row = _with_copy_button(self.info_values[name], info_page)
            self._info_rows[name] = row
            self._info_form.addRow(f"{label}:", row)

        self.tabs.addTab(info_page, "Session")
        self.tabs.addTab(self.json_view, "JSON")
        self.tabs.addTab(self.raw_view, "Raw body")
        self.tabs.addTab(self.headers_view, "Headers")
        self.tabs.addTab(self.request_view, "Request")

        actions = QHBoxLayout()
        actions.addWidget(self.use_id_button)
        actions.addStretch(1)
        actions.addWidget(self.copy_curl_button)

        verdict_row = QHBoxLayout()
        verdict_row.addWidget(self.verdict_icon, 0, Qt.AlignmentFlag.AlignTop)
        verdict_row.addWidget(self.verdict, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(verdict_row)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)

    def _show_status(self, exchange: Exchange | None) -> None:
        if exchange is None:
            self.verdict.hide()
            self.verdict_icon.hide()
            return

        response = exchange.response
        where = f"{exchange.request.method} {_path_of(exchange.request.url)}"
        if response is None:
            self.status.setText(f"<b>No response</b> &nbsp;·&nbsp; {_escape(where)}")
        else:
            self.status.setText(
                f"<b>{response.status} {_escape(response.reason)}</b> &nbsp;·&nbsp; "
                f"{response.elapsed_ms:.1f} ms &nbsp;·&nbsp; {response.size} bytes"
                f" &nbsp;·&nbsp; {_escape(where)}"
            )
        sentences = [describe_outcome(exchange), *exchange.warnings]
        self.verdict.setText("\n".join(sentences))
        self.verdict.show()
        severity = Severity.ERROR
        if isinstance(exchange.outcome, Success):
            severity = Severity.WARNING if exchange.warnings else Severity.OK
        self._show_verdict_icon(severity)

    def _show_verdict_icon(self, severity: Severity) -> None:
        icon = _VERDICT_ICONS[severity]
        size = self.verdict.fontMetrics().height()
        self.verdict_icon.setPixmap(self.style().standardIcon(icon).pixmap(size, size))
        self.verdict_icon.show()

    def _show_info(self, exchange: Exchange | None) -> None:
        info = exchange.info if exchange is not None else None
        for name, edit in self.info_values.items():
            value = getattr(info, name) if info is not None else None
            edit.setText(value or "")
            edit.setPlaceholderText("(not set)" if info is not None else "")
        # Only the release Current has tenants, so the row stays hidden for the others.
        has_tenant = info is not None and info.tenant_id is not None
        self._info_form.setRowVisible(self._info_rows["tenant_id"], has_tenant)

    def _show_bodies(self, exchange: Exchange | None) -> None:
        response = exchange.response if exchange is not None else None
        body = response.body if response is not None else b""
        raw = body.decode("utf-8", errors="replace")
        self.raw_view.setPlainText(raw)
        self.json_view.setPlainText(pretty_json(body) or "(the body is not JSON)" if body else "")

        if exchange is None:
            self.headers_view.setPlainText("")
            self.request_view.setPlainText("")
            return
        request_text = format_request(exchange.request)
        self.request_view.setPlainText(request_text)
        head = format_response_head(response) if response is not None else "(no response)"
        request_head = request_text.split("\n\n", 1)[0]
        self.headers_view.setPlainText(f"Request\n{request_head}\n\nResponse\n{head}")
        if isinstance(exchange.outcome, Success):
            self.tabs.setCurrentIndex(0)

    def _emit_session_id(self) -> None:
        info = self._exchange.info if self._exchange is not None else None
        if info is not None:
            self.use_session_id.emit(info.session_id)


def _read_only_line(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setReadOnly(True)
    return edit


def _with_copy_button(edit: QLineEdit, parent: QWidget) -> QWidget:
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    button = QToolButton(row)
    button.setText("Copy")
    button.setToolTip("Copy this value to the clipboard")
    button.clicked.connect(lambda: QGuiApplication.clipboard().setText(edit.text()))
    layout.addWidget(button)
    return row


def status_summary(exchange: Exchange) -> str:
    """Return a short plain-text status: `200 OK, 1.3 ms` or `No response`."""
    response = exchange.response
    if response is None:
        return "No response"
    return f"{response.status} {response.reason}, {response.elapsed_ms:.1f} ms".strip()


def _path_of(url: str) -> str:
    _, _, rest = url.partition("://")
    return "/" + rest.partition("/")[2] if rest else url


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
