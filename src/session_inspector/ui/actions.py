"""The window's actions with their standard shortcuts, and the menus that hold them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle


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
    manage_profiles: QAction
    quit: QAction
    about: QAction


def create_actions(window: QMainWindow) -> WindowActions:
    """Create the actions, owned by the window so their shortcuts work in every form."""
    style = window.style()

    def action(
        text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str, tip: str
    ) -> QAction:
        created = QAction(text, window)
        created.setShortcut(QKeySequence(shortcut))
        created.setToolTip(f"{tip} ({QKeySequence(shortcut).toString()})")
        created.setStatusTip(tip)
        window.addAction(created)
        return created

    actions = WindowActions(
        send=action("&Send", "Ctrl+Return", "Send the request of the open form"),
        cancel=action("&Cancel", "Escape", "Cancel the running request"),
        copy_curl=action(
            "Copy as c&url", "Ctrl+Shift+C", "Copy the last request as curl, credentials redacted"
        ),
        refresh_sessions=action(
            "&Refresh sessions",
            QKeySequence.StandardKey.Refresh,
            "Read the local engine's sessions again",
        ),
        show_create=action("&Create session", "Ctrl+1", "Open the Create session form"),
        show_lookup=action("&Look up session", "Ctrl+2", "Open the Look up session form"),
        show_update=action("&Update session", "Ctrl+3", "Open the Update session form"),
        manage_profiles=action(
            "&Profiles…", "Ctrl+Shift+P", "Add, edit, test and delete connection profiles"
        ),
        quit=action("&Quit", QKeySequence.StandardKey.Quit, "Close Session Inspector"),
        about=action("&About Session Inspector", "F1", "Show the version"),
    )
    actions.send.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogOkButton))
    actions.cancel.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_BrowserStop))
    actions.refresh_sessions.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
    return actions


def build_menus(window: QMainWindow, actions: WindowActions) -> QMenu:
    """Fill the menu bar (File, Request, View, Help) and return the View menu."""
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

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(actions.about)
    return view_menu
