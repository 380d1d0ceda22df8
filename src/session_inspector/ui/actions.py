"""The window's actions with their standard shortcuts, and the menus that hold them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QMainWindow, QStyle


@dataclass
class WindowActions:
    """Every action of the main window, created once and shared by menus and toolbar."""

    send: QAction
    cancel: QAction
    copy_curl: QAction
    refresh_sessions: QAction
    show_create: QAction
    show_lookup: QAction
    show_update: QAction
    show_log: QAction
    manage_profiles: QAction
    quit: QAction
    about: QAction


# (text, shortcut, tip) of each action, by its field name in WindowActions.
_ACTIONS: dict[str, tuple[str, QKeySequence.StandardKey | str, str]] = {
    "send": ("&Send", "Ctrl+Return", "Send the request of the open form"),
    "cancel": ("&Cancel", "Escape", "Cancel the running request"),
    "copy_curl": (
        "Copy as c&url",
        "Ctrl+Shift+C",
        "Copy the last request as curl, credentials redacted",
    ),
    "refresh_sessions": (
        "&Refresh sessions",
        QKeySequence.StandardKey.Refresh,
        "Read the local engine's sessions again",
    ),
    "show_create": ("&Create session", "Ctrl+1", "Open the Create session form"),
    "show_lookup": ("&Look up session", "Ctrl+2", "Open the Look up session form"),
    "show_update": ("&Update session", "Ctrl+3", "Open the Update session form"),
    "show_log": ("&Log", "Ctrl+Shift+L", "Show or hide the log panel"),
    "manage_profiles": (
        "&Profiles…",
        "Ctrl+Shift+P",
        "Add, edit, test and delete connection profiles",
    ),
    "quit": ("&Quit", QKeySequence.StandardKey.Quit, "Close Session Inspector"),
    "about": ("&About Session Inspector", "F1", "Show the version"),
}


# The icons of the toolbar's actions, by field name in WindowActions.
_ICONS = {
    "send": "SP_DialogOkButton",
    "cancel": "SP_BrowserStop",
    "refresh_sessions": "SP_BrowserReload",
}


def create_actions(window: QMainWindow) -> WindowActions:
    """Create the actions with their texts and tips, owned by the window.

    `finish_actions` gives them their shortcuts and icons after the first paint. The
    icons wait because QStyle's enums and the icon lookup take about 9 ms. The shortcuts
    wait because a QAction's shortcut loads every enum of the Qt namespace, about 15 ms.
    """
    created: dict[str, QAction] = {}
    for name, (text, _shortcut, tip) in _ACTIONS.items():
        action = QAction(text, window)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        window.addAction(action)
        created[name] = action

    created["show_log"].setCheckable(True)
    created["show_log"].setChecked(True)
    return WindowActions(**created)


def reserve_icon_space(actions: WindowActions, size: QSize) -> None:
    """Give the toolbar's actions a transparent icon of the toolbar's icon size.

    Their buttons then have the size and text position that the real icons give them,
    so that nothing moves when `finish_actions` sets those.
    """
    blank = QPixmap(size)
    blank.fill(QColor(0, 0, 0, 0))
    for name in _ICONS:
        getattr(actions, name).setIcon(QIcon(blank))


def finish_actions(actions: WindowActions, window: QMainWindow) -> None:
    """Give the actions their shortcuts, named in their tooltips, and their icons.

    Actions owned by the window work in every form, whichever widget has the focus.
    """
    for name, (_text, shortcut, tip) in _ACTIONS.items():
        action: QAction = getattr(actions, name)
        sequence = QKeySequence(shortcut)
        action.setShortcut(sequence)
        action.setToolTip(f"{tip} ({sequence.toString()})")

    style = window.style()
    for name, icon in _ICONS.items():
        getattr(actions, name).setIcon(style.standardIcon(QStyle.StandardPixmap[icon]))


def build_menus(window: QMainWindow, actions: WindowActions) -> None:
    """Fill the menu bar: File, Request, View and Help."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(actions.manage_profiles)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)

    request_menu = bar.addMenu("&Request")
    request_menu.addAction(actions.send)
    request_menu.addAction(actions.cancel)
    request_menu.addSeparator()
    request_menu.addAction(actions.copy_curl)

    view_menu = bar.addMenu("&View")
    view_menu.addAction(actions.show_create)
    view_menu.addAction(actions.show_lookup)
    view_menu.addAction(actions.show_update)
    view_menu.addSeparator()
    view_menu.addAction(actions.refresh_sessions)
    view_menu.addAction(actions.show_log)

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(actions.about)
