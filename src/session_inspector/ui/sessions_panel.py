"""The local engine's sessions in a table: filterable, paged as the user scrolls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from session_inspector.api.listing import SessionListing
from session_inspector.api.models import SessionInfo

_COLUMNS = (
    ("session_id", "Session id"),
    ("agent_id", "Agent"),
    ("customer_id", "Customer"),
    ("visit_id", "Visit"),
    ("global_visit_id", "Global visit"),
    ("created_at", "Created"),
    ("updated_at", "Updated"),
    ("tenant_id", "Tenant"),
)
_TENANT_COLUMN = len(_COLUMNS) - 1

# Wide enough for a UUID4 session id and an RFC 3339 timestamp in the default font.
_COLUMN_WIDTHS = (290, 110, 140, 110, 110, 200, 200, 120)

# Filtering waits for a pause in typing, so that each keystroke does not start a request.
_FILTER_DELAY_MS = 250

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ListingQuery:
    """The page of the engine's sessions to read: filter text, cursor and page size."""

    query: str = ""
    after: str | None = None
    limit: int = 100


class SessionTableModel(QAbstractTableModel):
    """Rows of SessionInfo; asks for the next page through `more_wanted` when scrolled.

    Signals:
        more_wanted(): the view reached the end and another page exists
    """

    more_wanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SessionInfo] = []
        self._next: str | None = None
        self._loading = False

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        info = self._rows[index.row()]
        return getattr(info, _COLUMNS[index.column()][0]) or ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[section][1]
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._next is not None and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._loading = True
            self.more_wanted.emit()

    @property
    def next_cursor(self) -> str | None:
        """The cursor of the page after the rows shown."""
        return self._next

    def session_id_at(self, row: int) -> str:
        """Return the session id of a row."""
        return self._rows[row].session_id

    def replace(self, listing: SessionListing) -> None:
        """Show the first page of a new listing."""
        self.beginResetModel()
        self._rows = list(listing.sessions)
        self._next = listing.next
        self._loading = False
        self.endResetModel()

    def append(self, listing: SessionListing) -> None:
        """Add the following page below the rows shown."""
        self._loading = False
        self._next = listing.next
        if not listing.sessions:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(listing.sessions) - 1)
        self._rows.extend(listing.sessions)
        self.endInsertRows()

    def stop_loading(self) -> None:
        """Allow another fetch after a page failed to load."""
        self._loading = False


class SessionsPanel(QWidget):
    """The table of the engine's sessions with a filter and a count.

    `load_page(query, after)` starts reading a page and returns its ticket; the owner
    passes results back with `page_loaded` or `page_failed`.

    Signals:
        session_activated(str): a row was double-clicked or activated with Enter
    """

    session_activated = Signal(str)

    def __init__(
        self, load_page: Callable[[str, str | None], int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessions_panel")
        self._load_page = load_page
        self._first_page_ticket: int | None = None
        self._next_page_ticket: int | None = None
        self._total = 0

        self.model = SessionTableModel(self)
        self.table = QTableView(self)
        self.filter = QLineEdit(self)
        self.summary = QLabel(self)
        self.refresh_button = QPushButton("Refresh", self)
        self._filter_timer = QTimer(self)
        self._set_up()

    def show_tenants(self, visible: bool) -> None:
        """Show the tenant column, which only release mode current fills."""
        self.table.setColumnHidden(_TENANT_COLUMN, not visible)

    def refresh(self) -> None:
        """Read the first page again, with the current filter."""
        self._next_page_ticket = None
        self._first_page_ticket = self._load_page(self.filter.text().strip(), None)
        self.summary.setText("Loading sessions…")

    def owns(self, ticket: int) -> bool:
        """Tell whether a result ticket belongs to this panel."""
        return ticket in (self._first_page_ticket, self._next_page_ticket)

    def page_loaded(self, ticket: int, listing: SessionListing) -> None:
        """Show a page that `load_page` read."""
        if ticket == self._first_page_ticket:
            self._first_page_ticket = None
            self.model.replace(listing)
        elif ticket == self._next_page_ticket:
            self._next_page_ticket = None
            self.model.append(listing)
        else:
            return
        self._total = listing.total
        self._show_summary()

    def page_failed(self, ticket: int, message: str) -> None:
        """Say why a page could not be read."""
        if self.owns(ticket):
            self._first_page_ticket = self._next_page_ticket = None
            self.model.stop_loading()
            self.summary.setText(message)

    def _set_up(self) -> None:
        self.filter.setPlaceholderText("Filter by any id (session, agent, customer, visit)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setObjectName("sessions_filter")
        self.table.setObjectName("sessions_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(_COLUMN_WIDTHS):
            header.resizeSection(column, width)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(_FILTER_DELAY_MS)

        top = QHBoxLayout()
        top.addWidget(QLabel("<b>Sessions of the local engine</b>", self))
        top.addStretch(1)
        top.addWidget(self.summary)
        top.addWidget(self.refresh_button)
        # The style's default margins, as the response panel above has them.
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)

        self.filter.textChanged.connect(self._filter_timer.start)
        self._filter_timer.timeout.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.model.more_wanted.connect(self._load_next_page)
        self.table.activated.connect(self._activate)

    def _load_next_page(self) -> None:
        cursor = self.model.next_cursor
        if cursor is not None and self._next_page_ticket is None:
            self._next_page_ticket = self._load_page(self.filter.text().strip(), cursor)

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.session_activated.emit(self.model.session_id_at(index.row()))

    def _show_summary(self) -> None:
        shown = self.model.rowCount()
        noun = "session" if self._total == 1 else "sessions"
        if shown < self._total:
            self.summary.setText(f"{shown} of {self._total} {noun} shown")
        else:
            self.summary.setText(f"{self._total} {noun}")
