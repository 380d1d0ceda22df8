"""Take the user guide's screenshots of the real window, in light and dark colours.

Run under a virtual display so that Qt draws a real window:

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py

The pictures go to docs/images/, named after the step and the colour scheme.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

import keyring
from keyring.backends import fail
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from session_inspector.profiles.model import LOCAL_ENGINE_ID, AuthKind, Profile, new_profile_id
from session_inspector.ui.app import create_application, open_window
from session_inspector.ui.forms import FormKind
from session_inspector.ui.main_window import MainWindow
from session_inspector.ui.profile_book import ProfileBook
from session_inspector.ui.profile_dialog import ProfileDialog

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
WAIT_MS = 10_000
DEMO_SESSIONS = (
    ("agent-anna", "anna.k@example.org", "visit-1001"),
    ("agent-bo", "", "visit-1002"),
    ("", "li.wei@example.org", ""),
)


def main() -> int:
    scheme = sys.argv[1] if len(sys.argv) > 1 else "both"
    schemes = ("light", "dark") if scheme == "both" else (scheme,)
    IMAGES.mkdir(parents=True, exist_ok=True)
    # Secrets of the demo profiles stay in memory, never in the user's real keyring.
    keyring.set_keyring(fail.Keyring())
    # The log panel shows INFO records, as it does when started from the command line.
    logging.getLogger().setLevel(logging.INFO)
    for name in schemes:
        app = create_application(name)
        with tempfile.TemporaryDirectory() as folder:
            _take_all(app, name, Path(folder))
    return 0


def _take_all(app: QApplication, scheme: str, folder: Path) -> None:
    settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)
    book = ProfileBook(store=None)
    database = folder / "engine.sqlite3"
    window = open_window(book, settings, database=database, profile_id=LOCAL_ENGINE_ID)
    window.resize(1280, 800)
    _wait(window.ready)
    for agent, customer, visit in DEMO_SESSIONS:
        _fill(window, FormKind.CREATE, agent_id=agent, customer_id=customer, visit_id=visit)
        _send(window)

    _fill(window, FormKind.CREATE, agent_id="agent-7", customer_id="", visit_id="visit-42")
    _send(window)
    _save(app, window, f"create-{scheme}")

    window.response.use_id_button.click()
    window.open_form(FormKind.LOOKUP)
    _send(window)
    window.response.tabs.setCurrentIndex(1)
    _save(app, window, f"lookup-json-{scheme}")

    _fill(window, FormKind.UPDATE, customer_id="zoë@example.org")
    _send(window)
    _save(app, window, f"update-{scheme}")

    _fill(window, FormKind.LOOKUP, session_id="mistyped-session-id")
    _send(window)
    _save(app, window, f"error-{scheme}")

    _fill(window, FormKind.LOOKUP, session_id="has space/and slash")
    _save(app, window, f"checks-{scheme}")

    _take_profiles(app, window, scheme)
    window.close()


def _take_profiles(app: QApplication, window: MainWindow, scheme: str) -> None:
    production = Profile(
        new_profile_id(),
        "Production EU",
        base_url="https://kc.example.org/knowmgt/gks-server/v1",
        agent_id="agent-7",
        production=True,
        auth=AuthKind.BASIC,
        user="alice",
    )
    staging = Profile(new_profile_id(), "Staging", base_url="http://127.0.0.1:7400/gks-server/v1")
    window.book.save(window.book.saved.added(staging).added(production))

    dialog = ProfileDialog(window.book, window.services, window.confirm, window)
    dialog.select(production.id)
    dialog.show()
    _save(app, dialog, f"profiles-{scheme}")
    dialog.close()

    # The password is not needed until a request is sent, so the screenshot needs none.
    window.ask_secret = lambda _title, _prompt: "screenshot-only"
    window.activate_profile(production.id)
    _fill(window, FormKind.CREATE, agent_id="agent-7")
    _save(app, window, f"production-{scheme}")


def _fill(window: MainWindow, kind: FormKind, **values: str) -> None:
    form = window.open_form(kind)
    for name, value in values.items():
        form.fields[name].set_text(value)


def _send(window: MainWindow) -> None:
    loop = QEventLoop()
    window.exchange_shown.connect(loop.quit)
    QTimer.singleShot(WAIT_MS, loop.quit)
    window.send_current()
    loop.exec()
    window.exchange_shown.disconnect(loop.quit)
    _settle()


def _wait(signal: object) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(WAIT_MS, loop.quit)
    loop.exec()


def _settle() -> None:
    """Let the table's refresh and the repaint that follows it finish.

    A short pause rather than a signal is good enough here: this script takes pictures,
    it does not test anything.
    """
    loop = QEventLoop()
    QTimer.singleShot(150, loop.quit)
    loop.exec()


def _save(app: QApplication, window: QWidget, name: str) -> None:
    _settle()
    app.processEvents()
    path = IMAGES / f"{name}.png"
    window.grab().save(str(path))
    print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
