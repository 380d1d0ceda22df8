"""Start a server on 127.0.0.1 for one benchmark run, and stop it again by its pid."""

import http.client
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

_LISTEN_URL = re.compile(r"http://127\.0\.0\.1:([1-9]\d*)")
_START_TIMEOUT_S = 60.0
_STOP_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class ServerCommand:
    """How to start one server.

    ``port`` is the port the command listens on, or None when the command picks a free
    port itself and prints its URL (``http://127.0.0.1:PORT``) to its output.
    ``probe_path`` is requested to tell when the server is ready; any HTTP status will do.
    """

    name: str
    argv: list[str]
    cwd: Path
    port: int | None
    probe_path: str = "/"


@dataclass(frozen=True)
class RunningServer:
    """A started server: its base URL, such as ``http://127.0.0.1:8080``, and its pid."""

    url: str
    pid: int


class ServerStartError(RuntimeError):
    """A server exited or did not respond before the start-up timeout."""


@contextmanager
def running_server(command: ServerCommand, log_path: Path) -> Iterator[RunningServer]:
    """Start ``command`` with its output in ``log_path``, yield it once it responds, stop it."""
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command.argv,
            cwd=command.cwd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        port = command.port or _wait_for_port_in_log(process, log_path, command.name)
        _wait_until_answering(process, port, command, log_path)
        yield RunningServer(url=f"http://127.0.0.1:{port}", pid=process.pid)
    finally:
        _stop(process)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free now, for a server that cannot pick one."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for_port_in_log(process: subprocess.Popen[bytes], log_path: Path, name: str) -> int:
    deadline = time.monotonic() + _START_TIMEOUT_S
    while time.monotonic() < deadline:
        match = _LISTEN_URL.search(log_path.read_text(errors="replace"))
        if match is not None:
            return int(match.group(1))
        _check_running(process, log_path, name)
        time.sleep(0.05)
    raise ServerStartError(f"{name} printed no URL within {_START_TIMEOUT_S:g} s; see {log_path}")


def _wait_until_answering(
    process: subprocess.Popen[bytes], port: int, command: ServerCommand, log_path: Path
) -> None:
    deadline = time.monotonic() + _START_TIMEOUT_S
    while time.monotonic() < deadline:
        _check_running(process, log_path, command.name)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2.0)
        try:
            connection.request("GET", command.probe_path)
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.05)
        finally:
            connection.close()
    raise ServerStartError(
        f"{command.name} did not respond on port {port} within {_START_TIMEOUT_S:g} s;"
        f" see {log_path}"
    )


def _check_running(process: subprocess.Popen[bytes], log_path: Path, name: str) -> None:
    if process.poll() is not None:
        tail = log_path.read_text(errors="replace")[-2000:]
        raise ServerStartError(f"{name} exited with {process.returncode} at start-up:\n{tail}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=_STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
