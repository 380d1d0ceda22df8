"""The fields of one profile, checked as the user types."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from session_inspector.profiles import checks
from session_inspector.profiles.model import AUTH_SECRETS, RELEASE_MODES, AuthKind, Profile
from session_inspector.ui.checks import OK, Check, Severity
from session_inspector.ui.fields import CheckedField

_AUTH_LABELS = {
    AuthKind.NONE: "None",
    AuthKind.BASIC: "Basic (user name and password)",
    AuthKind.BEARER: "Bearer token",
    AuthKind.HEADER: "Custom header",
}

# (attribute, label, placeholder) of the text fields, in the order shown.
_TEXT_FIELDS = (
    ("name", "Name", "for example Staging"),
    ("base_url", "Base URL", checks.BASE_URL_EXAMPLE),
    ("tenant_id", "Tenant id", "required in release mode current"),
    ("agent_id", "Agent id", "prefilled in the forms"),
    ("customer_id", "Customer id", "prefilled in the forms"),
    ("user", "User name", "the Basic user name"),
    ("header_name", "Header name", "for example X-Api-Key"),
    ("secret", "Secret", ""),
    ("ca_bundle", "CA bundle", "PEM file; empty: the system trust store"),
    ("client_cert", "Client certificate", "PEM file, optional"),
    ("client_key", "Client key", "PEM file, optional"),
    ("proxy", "HTTP proxy", checks.PROXY_EXAMPLE),
)
_REMOTE_ONLY = (
    "base_url",
    "user",
    "header_name",
    "secret",
    "ca_bundle",
    "client_cert",
    "client_key",
    "proxy",
    "auth",
    "verify_tls",
    "production",
)
_FILE_FIELDS = ("ca_bundle", "client_cert", "client_key")


class ProfileEditor(QWidget):
    """Edits one profile; `profile()` returns the edited copy.

    The secret field starts empty: left empty, a stored secret stays as it is.

    Signals:
        changed(): a field changed; `problems()` may differ
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profile: Profile | None = None
        self._others: list[Profile] = []
        self._secret_stored = False

        self.fields = {name: CheckedField(name, hint) for name, _, hint in _TEXT_FIELDS}
        self.fields["secret"].edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.mode = QComboBox(self)
        self.mode.addItems(RELEASE_MODES)
        self.auth = QComboBox(self)
        for kind, label in _AUTH_LABELS.items():
            self.auth.addItem(label, kind)
        self.timeout = QDoubleSpinBox(self)
        self.timeout.setRange(0.1, 3600)
        self.timeout.setDecimals(1)
        self.timeout.setSuffix(" s")
        self.verify_tls = QCheckBox("Verify the server's certificate", self)
        self.tls_warning = QLabel(
            "Warning: with verification off, anyone on the network path can read and "
            "change requests, credentials included.",
            self,
        )
        self.tls_warning.setWordWrap(True)
        self.tls_warning.setObjectName("tls_warning")
        self.tls_warning.setStyleSheet("QLabel { font-weight: bold; }")
        self.production = QCheckBox("Production: ask before create and update", self)
        self._form = QFormLayout(self)
        self._rows: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self._lay_out()
        self._connect()

    def load(self, profile: Profile, others: list[Profile], secret_stored: bool) -> None:
        """Show a profile; `others` are the rest, for the unique name."""
        self._profile = profile
        self._others = others
        self._secret_stored = secret_stored
        for name, _, _ in _TEXT_FIELDS:
            value = getattr(profile, name, None) if name != "secret" else ""
            self.fields[name].set_text(value or "")
        self.mode.setCurrentText(profile.mode)
        self.auth.setCurrentIndex(list(_AUTH_LABELS).index(profile.auth))
        self.timeout.setValue(profile.timeout)
        self.verify_tls.setChecked(profile.verify_tls)
        self.production.setChecked(profile.production)
        self._show_rows()
        self._recheck()

    def profile(self) -> Profile:
        """Return the profile with the edited values; optional empty texts become None."""
        assert self._profile is not None
        text = {name: self.fields[name].text().strip() or None for name, _, _ in _TEXT_FIELDS}
        return replace(
            self._profile,
            name=text["name"] or "",
            base_url=None if self._profile.is_local else text["base_url"] or "",
            mode=self.mode.currentText(),
            tenant_id=text["tenant_id"],
            agent_id=text["agent_id"],
            customer_id=text["customer_id"],
            timeout=round(self.timeout.value(), 1),
            auth=AuthKind(self.auth.currentData()),
            user=text["user"],
            header_name=text["header_name"],
            verify_tls=self.verify_tls.isChecked(),
            ca_bundle=text["ca_bundle"],
            client_cert=text["client_cert"],
            client_key=text["client_key"],
            proxy=text["proxy"],
            production=self.production.isChecked(),
        )

    def typed_secret(self) -> str:
        """Return the secret typed into the editor, or "" to keep the stored one."""
        return self.fields["secret"].text()

    def has_errors(self) -> bool:
        """Tell whether a field blocks saving."""
        return any(
            field.check.severity is Severity.ERROR
            for name, field in self.fields.items()
            if self._rows[name].isVisibleTo(self)
        )

    def _lay_out(self) -> None:
        for name, label, _ in _TEXT_FIELDS:
            widget: QWidget = self.fields[name]
            if name in _FILE_FIELDS:
                widget = self._with_browse_button(name)
            self._add_row(name, label, widget)
            if name == "base_url":
                self._add_row("mode", "Release mode", self.mode)
            if name == "customer_id":
                self._add_row("timeout", "Timeout", self.timeout)
                self._add_row("auth", "Authentication", self.auth)
        self._add_row("verify_tls", "TLS", self.verify_tls)
        self._add_row("tls_warning", "", self.tls_warning)
        self._add_row("production", "", self.production)

    def _add_row(self, name: str, label: str, widget: QWidget) -> None:
        self._rows[name] = widget
        self._labels[name] = QLabel(f"{label}:" if label else "", self)
        self._form.addRow(self._labels[name], widget)

    def _with_browse_button(self, name: str) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.fields[name], 1)
        button = QPushButton("Browse…", row)
        button.clicked.connect(lambda: self._browse(name))
        layout.addWidget(button, 0)
        return row

    def _browse(self, name: str) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a PEM file", "", "PEM (*.pem *.crt *.key);;All files (*)"
        )
        if path:
            self.fields[name].set_text(path)

    def _connect(self) -> None:
        for field in self.fields.values():
            field.edit.textEdited.connect(self._on_edit)
        self.mode.currentIndexChanged.connect(self._on_edit)
        self.auth.currentIndexChanged.connect(self._on_edit)
        self.timeout.valueChanged.connect(self._on_edit)
        self.verify_tls.toggled.connect(self._on_edit)
        self.production.toggled.connect(self._on_edit)

    def _on_edit(self) -> None:
        self._show_rows()
        self._recheck()
        self.changed.emit()

    def _show_rows(self) -> None:
        local = self._profile is not None and self._profile.is_local
        auth = AuthKind(self.auth.currentData())
        hidden = set(_REMOTE_ONLY) if local else set()
        if auth is not AuthKind.BASIC:
            hidden.add("user")
        if auth is not AuthKind.HEADER:
            hidden.add("header_name")
        if auth is AuthKind.NONE:
            hidden.add("secret")
        if local or self.verify_tls.isChecked():
            hidden.add("tls_warning")
        for name, widget in self._rows.items():
            self._form.setRowVisible(widget, name not in hidden)
        self.fields["name"].edit.setReadOnly(local)
        secret_kind = AUTH_SECRETS[auth]
        if secret_kind is not None:
            self._labels["secret"].setText(f"{secret_kind.label.capitalize()}:")
            self.fields["secret"].edit.setPlaceholderText(
                "stored; type to replace it" if self._secret_stored else "not stored yet"
            )

    def _recheck(self) -> None:
        profile = self.profile()
        auth = profile.auth
        checkers: dict[str, Callable[[str], str | None]] = {
            "name": lambda text: checks.check_name(text, self._others, profile.id),
            "base_url": checks.check_base_url,
            "tenant_id": lambda text: checks.check_tenant_id(text or None, profile.mode),
            "agent_id": lambda text: checks.check_agent_id(text or None),
            "customer_id": lambda text: checks.check_customer_id(text or None),
            "user": lambda text: checks.check_user(text or None),
            "header_name": lambda text: checks.check_header_name(text or None),
            "ca_bundle": lambda text: checks.check_ca_bundle(text or None),
            "client_cert": lambda text: checks.check_client_cert(text or None),
            "client_key": lambda text: checks.check_client_key(text or None),
            "proxy": lambda text: checks.check_proxy(text or None),
        }
        for name, checker in checkers.items():
            self.fields[name].set_checker(_as_check(checker))
        self.fields["secret"].set_checker(lambda text: self._check_secret(auth, text))

    def _check_secret(self, auth: AuthKind, text: str) -> Check:
        kind = AUTH_SECRETS[auth]
        if kind is None:
            return OK
        if text == "" and not self._secret_stored:
            # Not an error: the window asks for a missing secret when it is first needed.
            return Check(Severity.WARNING, f"No {kind.label} is stored; it will be asked for.")
        problem = checks.check_secret(kind, text) if text else None
        return OK if problem is None else Check(Severity.ERROR, problem)


def _as_check(checker: Callable[[str], str | None]) -> Callable[[str], Check]:
    def check(text: str) -> Check:
        problem = checker(text)
        return OK if problem is None else Check(Severity.ERROR, problem)

    return check
