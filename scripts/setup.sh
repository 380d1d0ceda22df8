#!/usr/bin/env bash
# Prepare this checkout on a Debian machine: system packages through apt, then a virtual
# environment in .venv with the pinned Python packages. Quick when nothing changed.
#
# Usage: scripts/setup.sh run|test
#   run   what the program needs: Qt's shared libraries for offscreen and X11 windows
#   test  also the test tools: Xvfb, a private D-Bus session bus and gnome-keyring
set -euo pipefail

purpose=${1:-run}
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv"

runtime_packages=(
    python3 python3-venv
    libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
    libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
    libxcb-keysyms1 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1
    libxcb-xkb1 fonts-dejavu-core
)
test_packages=(xvfb xauth dbus-daemon dbus-bin gnome-keyring)

log() { printf 'setup: %s\n' "$*" >&2; }

run_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        log "cannot install system packages: run as root or install sudo"
        exit 1
    fi
}

missing_packages() {
    local package
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            printf '%s\n' "$package"
        fi
    done
}

install_system_packages() {
    local wanted=("${runtime_packages[@]}")
    if [ "$purpose" = test ]; then
        wanted+=("${test_packages[@]}")
    fi

    local missing
    mapfile -t missing < <(missing_packages "${wanted[@]}")
    if [ "${#missing[@]}" -eq 0 ]; then
        return
    fi

    log "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    run_as_root apt-get update -qq
    # gnome-keyring's recommended packages pull in GTK prompts that the tests never use.
    run_as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
    local extras=""
    if [ "$purpose" = test ]; then
        extras="[test]"
    fi

    local stamp="$venv/.setup-stamp-$purpose"
    local wanted_stamp
    wanted_stamp=$(cat "$root/pyproject.toml" "$root/constraints.txt" | sha256sum | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted_stamp" ]; then
        return
    fi

    if [ ! -x "$venv/bin/python" ]; then
        log "creating the virtual environment in $venv"
        python3 -m venv "$venv"
    fi
    log "installing Python packages$extras"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check \
        -c "$root/constraints.txt" -e "$root$extras"
    echo "$wanted_stamp" >"$stamp"
}

install_system_packages
install_python_packages
