"""The three request forms: Create session, Look up session and Update session."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from session_inspector.api.models import (
    AGENT_HEADER,
    CUSTOMER_HEADER,
    Identity,
    SessionFields,
)
from session_inspector.ui import checks
from session_inspector.ui.checks import Severity
from session_inspector.ui.fields import CheckedField


class FormKind(enum.Enum):
    CREATE = "create"
    LOOKUP = "lookup"
    UPDATE = "update"


@dataclass(frozen=True)
class FormRequest:
    """What a form asks to send, as plain data that may cross to the network thread."""

    kind: FormKind
    session_id: str
    identity: Identity
    fields: SessionFields
    tenant_id: str | None


_TITLES = {
    FormKind.CREATE: ("Create session", "PUT /sessions/new: the server returns a new session."),
    FormKind.LOOKUP: ("Look up session", "GET /sessions/{id}: returns the session's ids."),
    FormKind.UPDATE: (
        "Update session",
        "POST /sessions/{id}: attaches the given ids; fields left empty keep their values.",
    ),
}

# (object name, label, placeholder) per field, in the order shown.
_FIELDS = {
    "session_id": ("Session id", "the id returned by Create, e.g. 3f2b…"),
    "agent_id": ("Agent id", f"sent as the {AGENT_HEADER} header"),
    "customer_id": ("Customer id", f"sent as the {CUSTOMER_HEADER} header"),
    "visit_id": ("Visit id", "sent as visitId in the JSON body"),
    "global_visit_id": ("Global visit id", "sent as globalVisitId in the JSON body"),
    "tenant_id": ("Tenant id", "sent as the tenantId query parameter"),
}

_FIELDS_OF = {
    FormKind.CREATE: ("agent_id", "customer_id", "visit_id", "global_visit_id", "tenant_id"),
    FormKind.LOOKUP: ("session_id", "agent_id", "customer_id", "tenant_id"),
    FormKind.UPDATE: (
        "session_id",
        "agent_id",
        "customer_id",
        "visit_id",
        "global_visit_id",
        "tenant_id",
    ),
}


class SessionForm(QWidget):
    """One request form: its fields, checked as the user types, and Send and Cancel.

    Signals:
        send_requested(object FormRequest): Send was pressed and nothing blocks it
        cancel_requested(): Cancel was pressed while the form was busy
        state_changed(): whether the form can send, or is busy, may have changed
    """

    send_requested = Signal(object)
    cancel_requested = Signal()
    state_changed = Signal()

    def __init__(self, kind: FormKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"{kind.value}_form")
        self._busy = False
        # Until the window's services exist, the fields take input but Send waits.
        self._ready = False
        self._local = True
        self._tenant_required = False

        self.fields = {name: CheckedField(name, _FIELDS[name][1]) for name in _FIELDS_OF[kind]}
        self.send_button = QPushButton("&Send", self)
        self.send_button.setObjectName("send_button")
        self.send_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("cancel_button")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(120)
        self.busy_label = QLabel("Sending…", self)

        self._lay_out()
        self._connect()
        self.set_target(local=True, tenant_required=False)
        self._show_busy()

    def add_clear_buttons(self) -> None:
        """Give each field a button that empties it (see CheckedField.add_clear_button)."""
        for field in self.fields.values():
            field.add_clear_button()

    def set_target(self, *, local: bool, tenant_required: bool) -> None:
        """Check the fields as the target wants: the engine's rules, or warnings only."""
        self._local = local
        self._tenant_required = tenant_required
        for name, field in self.fields.items():
            field.set_checker(partial(self._check_field, name))
        self._set_row_visible("tenant_id", tenant_required)

    def set_defaults(self, agent_id: str, customer_id: str) -> None:
        """Prefill the identity fields from the active profile."""
        self.fields["agent_id"].set_text(agent_id)
        self.fields["customer_id"].set_text(customer_id)

    def set_tenant(self, tenant_id: str) -> None:
        """Prefill the tenant id from the active profile."""
        self.fields["tenant_id"].set_text(tenant_id)

    def set_session_id(self, session_id: str) -> None:
        """Fill the session id field, on forms that have one."""
        if "session_id" in self.fields:
            self.fields["session_id"].set_text(session_id)

    @property
    def title(self) -> str:
        """The form's title, such as "Look up session"."""
        return _TITLES[self.kind][0]

    def focus_first_field(self) -> None:
        """Put the keyboard focus in the form's first field."""
        next(iter(self.fields.values())).edit.setFocus()

    def set_ready(self, ready: bool) -> None:
        """Allow Send once the window can send requests."""
        self._ready = ready
        self._show_busy()

    def is_busy(self) -> bool:
        """Tell whether a request of this form is running."""
        return self._busy

    def set_busy(self, busy: bool) -> None:
        """Show that a request of this form is running, and allow only Cancel meanwhile."""
        self._busy = busy
        self._show_busy()

    def can_send(self) -> bool:
        """Tell whether Send may be pressed now."""
        blocked = any(f.check.severity is Severity.ERROR for f in self._visible_fields())
        return self._ready and not self._busy and not blocked

    def request(self) -> FormRequest:
        """Return what the form would send now."""
        text = {name: field.text() for name, field in self.fields.items()}
        tenant = text.get("tenant_id", "") if self._tenant_required else ""
        return FormRequest(
            kind=self.kind,
            session_id=text.get("session_id", ""),
            identity=Identity(text["agent_id"] or None, text["customer_id"] or None),
            fields=SessionFields(text.get("visit_id") or None, text.get("global_visit_id") or None),
            tenant_id=tenant or None,
        )

    def send(self) -> None:
        """Emit send_requested when the form can send."""
        if self.can_send():
            self.send_requested.emit(self.request())

    def _check_field(self, name: str, text: str) -> checks.Check:
        local = self._local
        if name == "session_id":
            return checks.check_session_id(text, local=local)
        if name == "agent_id":
            return checks.check_header(AGENT_HEADER, text, local=local)
        if name == "customer_id":
            return checks.check_header(CUSTOMER_HEADER, text, local=local)
        if name == "tenant_id":
            return checks.check_tenant(text, required=self._tenant_required, local=local)
        wire_name = "visitId" if name == "visit_id" else "globalVisitId"
        return checks.check_field(wire_name, text, local=local)

    def _lay_out(self) -> None:
        title, description = _TITLES[self.kind]
        heading = QLabel(f"<b>{title}</b>", self)
        explanation = QLabel(description, self)
        explanation.setWordWrap(True)

        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for name, field in self.fields.items():
            label = QLabel(f"{_FIELDS[name][0]}:", self)
            label.setBuddy(field.edit)
            self._form.addRow(label, field)

        buttons = QHBoxLayout()
        buttons.addWidget(self.busy_label)
        buttons.addWidget(self.progress)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.send_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addLayout(self._form)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        for field in self.fields.values():
            field.check_changed.connect(self._show_busy)
        self.send_button.clicked.connect(self.send)
        self.cancel_button.clicked.connect(self.cancel_requested)

    def _show_busy(self) -> None:
        self.send_button.setEnabled(self.can_send())
        self.cancel_button.setEnabled(self._busy)
        self.progress.setVisible(self._busy)
        self.busy_label.setVisible(self._busy)
        for field in self.fields.values():
            field.edit.setReadOnly(self._busy)
        self.state_changed.emit()

    def _visible_fields(self) -> list[CheckedField]:
        return [
            field
            for name, field in self.fields.items()
            if name != "tenant_id" or self._tenant_required
        ]

    def _set_row_visible(self, name: str, visible: bool) -> None:
        field = self.fields.get(name)
        if field is not None:
            self._form.setRowVisible(field, visible)
