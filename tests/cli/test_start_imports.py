"""What the start of the window loads before its first paint, and what it leaves for later.

bench/gui_startup.py measures the start-up; these tests keep the measured savings from
slipping back unnoticed. Each runs a fresh interpreter, since this one has loaded
everything already.
"""

from __future__ import annotations

from session_inspector.cli import serve
from session_inspector.engine.auth import AuthScheme
from session_inspector.engine.credentials import CREDENTIALS_VARIABLE
from tests.support.fresh_python import run_python

# Loaded after the first paint, with the services: the client, the engine, the log file.
LOADED_AFTER_FIRST_PAINT = (
    "httpx",
    "falcon",
    "sqlite3",
    "hmac",
    "session_inspector.api.exchange",
    "logging.handlers",
    "session_inspector.engine.app",
    "session_inspector.engine.auth",
)

COMMAND_LINE_THEN_WINDOW_MODULE = """
import sys
from session_inspector.cli import build_parser
build_parser().parse_args([])
import session_inspector.ui.app
print(" ".join(sorted(name for name in sys.argv[1:] if name in sys.modules)))
"""


def test_window_start_skips_client_and_engine() -> None:
    assert run_python(COMMAND_LINE_THEN_WINDOW_MODULE, *LOADED_AFTER_FIRST_PAINT) == ""


def test_loaded_module_check_can_fail() -> None:
    # The same probe names modules that the window module does load.
    loaded = run_python(COMMAND_LINE_THEN_WINDOW_MODULE, "argparse", "PySide6.QtWidgets")

    assert loaded == "PySide6.QtWidgets argparse"


def test_httpx_loads_without_its_command_line() -> None:
    program = (
        "import sys, session_inspector.api.target, httpx\n"
        "print([m for m in ('click', 'rich', 'pygments') if m in sys.modules])\n"
        "print(httpx.main.__module__)"
    )

    absent, main_module = run_python(program).splitlines()

    assert absent == "[]"
    assert main_module == "httpx"  # httpx's stand-in, not httpx._main


def test_serve_option_names_match_the_engine() -> None:
    assert tuple(scheme.value for scheme in AuthScheme) == serve.AUTH_SCHEMES
    assert serve.CREDENTIALS_VARIABLE == CREDENTIALS_VARIABLE
