"""A private Secret Service for tests: a D-Bus session bus and gnome-keyring-daemon.

    service = start_secret_service(tmp_dir)     # raises SecretServiceUnavailable
    env = service.environment()                 # for a subprocess that should use it
    service.stop()

Both processes run with a temporary HOME and XDG directories, so nothing is written
under the real home, and they are stopped by their pids. The bus reads its own config
file, which lists no service directories: without it the bus would start a second,
locked keyring daemon on demand through D-Bus activation.

`session_secret_service` and `use_secret_service` are the bodies of the fixtures that
conftest files and test modules define around them.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection
from keyring.backend import KeyringBackend
from keyring.backends import SecretService

SECRETS_BUS_NAME = "org.freedesktop.secrets"
START_TIMEOUT_SECONDS = 10.0
STOP_TIMEOUT_SECONDS = 5.0
# Unlocks the daemon's fresh login keyring; it protects only the test's throwaway files.
UNLOCK_PASSWORD = "made-up-unlock-password"

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={socket_dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class SecretServiceUnavailable(RuntimeError):
    """The bus or the keyring daemon could not be started; the message gives the reason."""


@dataclass
class PrivateSecretService:
    """A running bus and keyring daemon, and the directories they use."""

    bus: subprocess.Popen[str]
    daemon: subprocess.Popen[str]
    bus_address: str
    home: Path
    base_environment: dict[str, str]

    def environment(self) -> dict[str, str]:
        """Return the environment for a subprocess that should use this Secret Service."""
        return {**self.base_environment, "DBUS_SESSION_BUS_ADDRESS": self.bus_address}

    def stop(self) -> None:
        """Stop the daemon, then the bus, each by its pid."""
        for process in (self.daemon, self.bus):
            _stop(process)


def start_secret_service(root: Path) -> PrivateSecretService:
    """Start a bus and an unlocked gnome-keyring-daemon with their files under `root`."""
    for program in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(program) is None:
            raise SecretServiceUnavailable(
                f"{program} is not installed; scripts/setup.sh test installs it"
            )

    environment = _private_environment(root)
    bus, address = _start_bus(root, environment)
    try:
        daemon = _start_daemon(root, {**environment, "DBUS_SESSION_BUS_ADDRESS": address})
    except BaseException:
        _stop(bus)
        raise
    return PrivateSecretService(bus, daemon, address, root / "home", environment)


def session_secret_service(root: Path) -> Iterator[PrivateSecretService]:
    """Yield a started service and stop it afterwards, for a session-scoped fixture.

    When it cannot start, the tests that need it fail under CI (CI=true) and are
    skipped elsewhere, with the reason.
    """
    try:
        service = start_secret_service(root)
    except SecretServiceUnavailable as error:
        reason = f"no private Secret Service: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        yield service
    finally:
        service.stop()


def use_secret_service(
    service: PrivateSecretService, monkeypatch: pytest.MonkeyPatch
) -> Iterator[KeyringBackend]:
    """Make the keyring library of this process use the service; restore it afterwards.

    The backend is set explicitly, since keyring picks its default once per process.
    DBUS_SESSION_BUS_ADDRESS is set too, because the backend connects through it.
    """
    previous = keyring.get_keyring()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", service.bus_address)
    backend = SecretService.Keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def _private_environment(root: Path) -> dict[str, str]:
    home = root / "home"
    runtime = root / "runtime"
    directories = {
        "HOME": home,
        "XDG_RUNTIME_DIR": runtime,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CACHE_HOME": home / ".cache",
    }
    for directory in directories.values():
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND")
    }
    environment.update({name: str(path) for name, path in directories.items()})
    return environment


def _start_bus(root: Path, environment: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    socket_dir = root / "bus"
    socket_dir.mkdir(mode=0o700, exist_ok=True)
    config = root / "bus.conf"
    config.write_text(_BUS_CONFIG.format(socket_dir=socket_dir), encoding="utf-8")
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        # It complains that it cannot raise its file limit when not root: harmless.
        stderr=subprocess.DEVNULL,
        text=True,
        env=environment,
    )
    address = _read_line(bus, "dbus-daemon")
    if not address.startswith("unix:"):
        _stop(bus)
        raise SecretServiceUnavailable(f"dbus-daemon printed {address!r} instead of an address")
    return bus, address


def _start_daemon(root: Path, environment: dict[str, str]) -> subprocess.Popen[str]:
    daemon = subprocess.Popen(
        [
            "gnome-keyring-daemon",
            "--foreground",
            "--unlock",
            "--components=secrets",
            f"--control-directory={root / 'runtime' / 'keyring'}",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=environment,
    )
    assert daemon.stdin is not None
    # Without --unlock and a password on stdin, every request fails with "Prompt dismissed".
    daemon.stdin.write(UNLOCK_PASSWORD)
    daemon.stdin.close()
    try:
        _wait_for_bus_name(environment["DBUS_SESSION_BUS_ADDRESS"], daemon)
    except BaseException:
        _stop(daemon)
        raise
    return daemon


def _wait_for_bus_name(address: str, daemon: subprocess.Popen[str]) -> None:
    """Poll the bus until the daemon owns the Secret Service name.

    The daemon sends no signal of its own when it is ready, so polling is the only way.
    """
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    with open_dbus_connection(bus=address) as connection:
        while time.monotonic() < deadline:
            reply = connection.send_and_get_reply(message_bus.NameHasOwner(SECRETS_BUS_NAME))
            if reply.body[0]:
                return
            if daemon.poll() is not None:
                raise SecretServiceUnavailable(
                    f"gnome-keyring-daemon exited with {daemon.returncode}"
                )
            time.sleep(0.02)
    raise SecretServiceUnavailable(
        f"gnome-keyring-daemon did not take {SECRETS_BUS_NAME} in {START_TIMEOUT_SECONDS:g} s"
    )


def _read_line(process: subprocess.Popen[str], program: str) -> str:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT_SECONDS)
    if not ready:
        _stop(process)
        raise SecretServiceUnavailable(f"{program} printed nothing in {START_TIMEOUT_SECONDS:g} s")
    return process.stdout.readline().strip()


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            stream.close()
