#!/usr/bin/env bash
# Set up this checkout with the test tools, then run every check: ruff (lint and format),
# mypy --strict on src/, the import-linter contracts and the pytest suite.
# Arguments are passed to pytest, for example: scripts/test.sh -k engine
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" test
cd "$root"
bin="$root/.venv/bin"

echo "== ruff"
"$bin/ruff" check src tests bench
"$bin/ruff" format --check src tests bench

echo "== mypy --strict"
"$bin/mypy"

echo "== import-linter"
"$bin/lint-imports"

echo "== pytest"
status=0
"$bin/pytest" "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure here" >&2
    exit 1
fi
exit "$status"
