#!/usr/bin/env bash
# Set up this checkout (see scripts/setup.sh) and start Session Inspector.
# Arguments are passed to the program, for example: scripts/run.sh serve --port 8080
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" run
exec "$root/.venv/bin/session-inspector" "$@"
