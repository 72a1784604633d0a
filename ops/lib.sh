# Shared helpers for the ops scripts: find the repository, install what a new Debian machine lacks.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export REPO_ROOT

log() { printf '==> %s\n' "$*" >&2; }

# Installs Debian packages that are missing: with apt-get when root, else prints the exact command and fails.
ensure_debian_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        log "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "Missing packages. Run: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
}

ensure_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        if [ -x /opt/swift/usr/bin/swift ]; then
            export PATH=/opt/swift/usr/bin:$PATH
        else
            echo "The Swift 6 toolchain is required (https://www.swift.org/install/linux/)." >&2
            exit 1
        fi
    fi
}

# A virtual environment under .venv with the oracle's Python packages (graphql-core 3.3.2, pytest).
ensure_python_venv() {
    local venv="$REPO_ROOT/.venv"
    if [ ! -x "$venv/bin/python" ]; then
        if ! python3 -m venv "$venv" >/dev/null 2>&1; then
            rm -rf "$venv"
            ensure_debian_packages python3-venv
            python3 -m venv "$venv"
        fi
    fi
    if ! "$venv/bin/python" -c 'import graphql, pytest, sys; sys.exit(0 if graphql.__version__ == "3.3.2" else 1)' 2>/dev/null; then
        log "installing Python packages into .venv"
        "$venv/bin/pip" install -q --disable-pip-version-check -r "$REPO_ROOT/Tests/oracle/requirements.txt"
    fi
    PYTHON="$venv/bin/python"
    export PYTHON
}
