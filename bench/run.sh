#!/usr/bin/env bash
# Install what the benchmarks need, then run them. All load goes to servers that the
# scripts start on 127.0.0.1 and stop again.
#
# Usage: bench/run.sh [all|http|in-process|gui] [options of that script]
#   all         the engine benchmarks with default options (6 to 13 minutes on 2 cores)
#   http        bench/http_throughput.py, e.g. `bench/run.sh http --parts baseline`
#   in-process  bench/in_process.py, e.g. `bench/run.sh in-process --sessions 100000`
#   gui         the three GUI benchmarks bench/gui_*.py with default options (about
#               1 minute); `all` does not run them
# Results go to bench/results/ as JSON and Markdown.
set -euo pipefail

JSON_SERVER_VERSION=0.17.4

bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
python="$root/.venv/bin/python"

log() { printf 'bench: %s\n' "$*" >&2; }

install_wrk() {
    if command -v wrk >/dev/null; then
        return
    fi
    log "installing wrk"
    if [ "$(id -u)" -ne 0 ]; then
        log "wrk is missing: install the Debian package wrk as root"
        exit 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
}

install_json_server() {
    local package="$bench/.node/node_modules/json-server/package.json"
    if [ -f "$package" ] && grep -q "\"version\": \"$JSON_SERVER_VERSION\"" "$package"; then
        return
    fi
    log "installing json-server $JSON_SERVER_VERSION into bench/.node"
    mkdir -p "$bench/.node"
    npm install --prefix "$bench/.node" --no-audit --no-fund --save-exact \
        "json-server@$JSON_SERVER_VERSION" >/dev/null
}

part=${1:-all}
shift || true

"$root/scripts/setup.sh" test
[ "$part" = gui ] || install_wrk
case "$part" in
    all)
        install_json_server
        "$python" "$bench/http_throughput.py" "$@"
        "$python" "$bench/in_process.py"
        ;;
    http)
        install_json_server
        exec "$python" "$bench/http_throughput.py" "$@"
        ;;
    in-process)
        exec "$python" "$bench/in_process.py" "$@"
        ;;
    gui)
        if [ "$#" -gt 0 ]; then
            log "gui takes no options: run one of bench/gui_*.py directly to pass some"
            exit 2
        fi
        "$python" "$bench/gui_startup.py"
        "$python" "$bench/gui_event_loop.py"
        "$python" "$bench/gui_click_to_info.py"
        ;;
    *)
        log "unknown part '$part': use all, http, in-process or gui"
        exit 2
        ;;
esac
