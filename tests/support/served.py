"""Run `session-inspector serve` as a subprocess on a free 127.0.0.1 port.

    with served("--mode", "8.5.0") as engine:
        httpx.get(engine.base_url + "/sessions/abc")

The helper reads the start-up line to learn the port, keeps reading stderr on a thread
(so that the log never fills the pipe and blocks the server), and stops the process
by its pid when the block ends.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from urllib.parse import urlsplit

# Runs serve through its own entry point, so the helper needs nothing else of the CLI.
SERVE_CODE = (
    "import sys\nfrom session_inspector.cli.serve import main\nsys.exit(main(sys.argv[1:]))\n"
)
SERVE_COMMAND = (sys.executable, "-c", SERVE_CODE)

START_LINE = re.compile(r"serving the session engine at (?P<url>http://\S+/gks-server/v1)")
START_TIMEOUT_SECONDS = 30.0
STOP_TIMEOUT_SECONDS = 15.0


class ServeFailed(RuntimeError):
    """The serve process exited or stayed silent instead of printing its start-up line."""


class OutputReader:
    """The lines a process writes to a pipe, collected on a thread, with waiting."""

    def __init__(self, pipe: Iterator[str]) -> None:
        self._lines: list[str] = []
        self._changed = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._read, args=(pipe,), daemon=True)
        self._thread.start()

    def text(self) -> str:
        """Return everything read so far."""
        with self._changed:
            return "".join(self._lines)

    def wait_for(self, predicate: Callable[[str], bool], timeout: float) -> bool:
        """Wait until the text read so far satisfies the predicate, or the pipe closes."""
        with self._changed:
            self._changed.wait_for(lambda: predicate("".join(self._lines)) or self._closed, timeout)
            return predicate("".join(self._lines))

    @property
    def closed(self) -> bool:
        """Whether the pipe has closed, which it does when the process exits."""
        with self._changed:
            return self._closed

    def join(self, timeout: float) -> None:
        """Wait for the pipe to close, which it does when the process exits."""
        self._thread.join(timeout)

    def _read(self, pipe: Iterator[str]) -> None:
        for line in pipe:
            with self._changed:
                self._lines.append(line)
                self._changed.notify_all()
        with self._changed:
            self._closed = True
            self._changed.notify_all()


class ServedEngine:
    """A running serve process: its API root URL, the process and its stderr."""

    def __init__(self, process: subprocess.Popen[str], output: OutputReader) -> None:
        self.process = process
        self.output = output
        self.base_url = _start_url(process, output)
        parts = urlsplit(self.base_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.port = parts.port or 80

    def stop(self) -> int:
        """Send SIGTERM, as Ctrl+C or a service manager would, and return the exit status."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
        return self._wait()

    def kill(self) -> int:
        """Send SIGKILL, so that the process gets no chance to clean up."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        return self._wait()

    def _wait(self) -> int:
        try:
            status = self.process.wait(STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            status = self.process.wait()
        self.output.join(STOP_TIMEOUT_SECONDS)
        return status


@contextmanager
def served(
    *arguments: str,
    command: Sequence[str] = SERVE_COMMAND,
    env: Mapping[str, str] | None = None,
) -> Iterator[ServedEngine]:
    """Start serve with the arguments, wait for its start-up line, and stop it afterwards.

    Unless the arguments set them, it listens on 127.0.0.1 on a free port and keeps
    sessions in memory. `command` replaces the launcher, for example with a wrapper that
    checks something when serve returns; it must pass its arguments on to serve. `env`
    adds variables to the environment that serve inherits from the tests, or replaces them.
    """
    process = subprocess.Popen(
        [*command, *_defaults(arguments), *arguments],
        env=None if env is None else {**os.environ, **env},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="backslashreplace",
    )
    assert process.stderr is not None
    engine: ServedEngine | None = None
    try:
        engine = ServedEngine(process, OutputReader(process.stderr))
        yield engine
    finally:
        if engine is not None:
            engine.stop()
        else:
            _kill(process)
        process.stderr.close()


def _defaults(arguments: Sequence[str]) -> list[str]:
    defaults = []
    if "--host" not in arguments:
        defaults += ["--host", "127.0.0.1"]
    if "--port" not in arguments:
        defaults += ["--port", "0"]
    if "--db" not in arguments and "--memory" not in arguments:
        defaults.append("--memory")
    return defaults


def _start_url(process: subprocess.Popen[str], output: OutputReader) -> str:
    if not output.wait_for(START_LINE.search, START_TIMEOUT_SECONDS):
        state = "is still running"
        if output.closed:
            # The pipe closes as the process exits, a moment before wait() can tell.
            state = f"exited with {process.wait(STOP_TIMEOUT_SECONDS)}"
        _kill(process)
        output.join(STOP_TIMEOUT_SECONDS)
        raise ServeFailed(
            f"serve printed no start-up line and {state}. Its stderr:\n{output.text()}"
        )
    match = START_LINE.search(output.text())
    assert match is not None
    return match["url"]


def _kill(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
